"""Judgements and their targets in whole texts (issue 13, recall): what a verdict judges, whose
deed it is, and when a plain statement gives way to the judgement it holds. Sentences written
for these tests."""
from __future__ import annotations

from conftest import triples


def test_it_in_a_judging_clause_is_what_the_main_clause_named(code_text):
    got = triples(code_text("The Egyptian foreign minister commented on the Ethiopian dam project, "
                            "calling it illegal.", "2021-04-02"))
    assert ("EGY", "ETH", "11") in got, got


def test_a_plain_statement_gives_way_to_the_judgement_beside_it(code_text):
    got = code_text("The Egyptian foreign minister commented on the Ethiopian dam project, calling it illegal.",
                    "2021-04-02")
    assert not any(e.cameo == "010" for e in got), [(e.cameo, e.trigger) for e in got]


def test_the_judged_thing_hung_on_the_name_keeps_its_owner(code_text):
    # the parser hangs "plan" on "reckless" (npadvmod): the plan's owner is still the target
    got = triples(code_text('Chancellor Olaf Scholz called Prime Minister Viktor Orban\'s plan "reckless".',
                            "2023-03-02"))
    assert ("DEU", "HUN", "11") in got, got


def test_a_reported_verdict_on_a_deed_criticises_its_author(code_text):
    got = triples(code_text("The Chilean president said the Bolivian decision was a grave mistake.", "2021-04-02"))
    assert ("CHL", "BOL", "11") in got, got


def test_a_reported_verdict_on_remarks_by_someone_is_aimed_at_the_speaker(code_text):
    got = triples(code_text("Japan's foreign ministry said the remarks by the South Korean president "
                            "were irresponsible.", "2021-04-02"))
    assert ("JPN", "KOR", "11") in got, got


def test_whose_murder_is_the_victim_not_the_doer(code_text):
    got = code_text("The Danish government said the Swedish journalist's murder was unacceptable.", "2021-04-02")
    assert not any(e.target is not None and e.target.country == "SWE" and e.cameo.startswith("11")
                   for e in got), [(e.cameo, e.target) for e in got]


def test_a_state_s_invasion_is_its_own_deed(code_text):
    got = triples(code_text("Norway said Russia's invasion of Ukraine was a violation of international law.",
                            "2022-03-02"))
    assert ("NOR", "RUS", "11") in got, got


def test_a_forecast_is_no_verdict(code_text):
    got = code_text("The Kenyan president said the Tanzanian plan would be a success.", "2021-04-02")
    assert not any(e.cameo.startswith(("05", "11")) for e in got), [(e.cameo, e.trigger) for e in got]


def test_a_description_of_a_state_is_no_praise(code_text):
    got = code_text("The Italian minister said Germany was safe.", "2021-04-02")
    assert not any(e.cameo.startswith(("05", "11")) for e in got), [(e.cameo, e.trigger) for e in got]


def test_words_about_a_thing_at_home_concern_the_story_s_state(code_text):
    text = ("Floods hit the Peruvian cities of Lima and Cusco this week. Peru's congress met in Lima. "
            "The Peruvian president called the proposal a waste of time on Monday.")
    got = triples(code_text(text, "2023-02-14"))
    assert ("PER", "PER", "11") in got, got


def test_words_about_a_named_person_are_not_given_to_the_story_s_state(code_text):
    text = ("Floods hit the Peruvian cities of Lima and Cusco this week. Peru's congress met in Lima. "
            "The Peruvian president criticised Carlos Mendoza on Monday.")
    got = code_text(text, "2023-02-14")
    assert not any(e.target is not None and e.target.country == "PER" and e.target.role is None
                   for e in got), [(e.cameo, e.target) for e in got]


def test_cancelling_a_schedule_rejects_no_one(code_text):
    got = code_text("The Peruvian president cancelled his schedule on Monday.", "2023-02-14")
    assert not any(e.cameo.startswith("12") for e in got), [(e.cameo, e.trigger) for e in got]


def test_a_titled_person_unknown_to_the_knowledge_is_one_person(code_text):
    # two members of one government: the junior minister's criticism of the premier is an act at home
    text = ("Junior minister Tomas Lindgren spoke in Stockholm on Monday. "
            "Tomas Lindgren called Prime Minister Ulf Kristersson's budget \"a disgrace\".")
    got = triples(code_text(text, "2023-02-14"))
    assert ("SWE", "SWE", "11") in got, got


def test_a_national_attack_is_that_state_s_deed(code_text):
    got = triples(code_text("The Turkish foreign ministry said the Israeli strike was a violation of "
                            "international law.", "2024-04-02"))
    assert ("TUR", "ISR", "11") in got, got


def test_a_call_between_two_leaders_is_their_joint_act(code_text):
    got = triples(code_text("The Elysee confirmed a phone call between Macron and Scholz on Monday.", "2023-02-14"))
    assert ("FRA", "DEU", "04") in got and ("DEU", "FRA", "04") in got, got


def test_criticism_despite_which_someone_acts_is_aimed_at_the_doer(code_text):
    got = triples(code_text("Hungary signed the agreement despite criticism by the Austrian chancellor.",
                            "2023-02-14"))
    assert ("AUT", "HUN", "11") in got, got


def test_the_doer_of_a_gerund_after_by_is_the_clause_s_doer(code_text):
    got = triples(code_text("Armenia retaliated on Monday by shelling Azerbaijani positions near the border.",
                            "2023-02-14"))
    assert ("ARM", "AZE", "19") in got, got
