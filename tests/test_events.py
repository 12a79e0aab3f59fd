"""Event coding, sentence by sentence: one test per CAMEO root, per construction, per modality.

Every sentence here was written for these tests. Assertions are on (source, target, root),
the part of an event that analysts aggregate.
"""
from __future__ import annotations

import pytest

from conftest import triples

ROOT_CASES = [
    # (root, sentence, source, target) -- target None means "any or none"
    ("01", "Japan's prime minister expressed optimism about relations with South Korea.", "JPN", None),
    ("02", "Serbia appealed to the European Union for help with the floods.", "SRB", "EU"),
    ("03", "Germany pledged to send air defence systems to Ukraine.", "DEU", "UKR"),
    ("04", "The Turkish foreign minister met his Iranian counterpart in Ankara on Monday.", "TUR", "IRN"),
    ("05", "Egypt praised Qatar for its mediation efforts.", "EGY", "QAT"),
    ("06", "Colombia extradited a drug trafficker to the United States.", "COL", "USA"),
    ("07", "Japan sent humanitarian aid to Turkey after the earthquake.", "JPN", "TUR"),
    ("08", "Venezuela released five detained Colombian soldiers.", "VEN", "COL"),
    ("09", "The IAEA launched an investigation into Iran's nuclear facilities.", "IAEA", "IRN"),
    ("10", "Poland demanded that Belarus withdraw its troops from the border.", "POL", "BLR"),
    ("11", "Seoul condemned Pyongyang's latest missile launch.", "KOR", "PRK"),
    ("12", "Hungary vetoed the European Union's new aid package.", "HUN", None),
    ("13", "North Korea threatened the United States with nuclear retaliation.", "PRK", "USA"),
    ("14", "Thousands of demonstrators protested against the government in Belgrade.", "SRB", None),
    ("15", "Russia deployed additional troops along its border with Finland.", "RUS", None),
    ("16", "The United States imposed new sanctions on Iran.", "USA", "IRN"),
    ("17", "Israeli forces arrested dozens of Palestinians in the West Bank.", "ISR", "PSE"),
    ("18", "Gunmen kidnapped three Chinese engineers in northern Nigeria.", None, "CHN"),
    ("19", "Azerbaijani troops shelled Armenian positions near the border.", "AZE", "ARM"),
    ("20", "Sudanese paramilitaries massacred hundreds of civilians in Darfur.", "SDN", None),
]


@pytest.mark.parametrize("root, sentence, source, target", ROOT_CASES, ids=[c[0] for c in ROOT_CASES])
def test_each_cameo_root(code_text, root, sentence, source, target):
    got = triples(code_text(sentence))
    assert any(r == root and (source is None or s == source) and (target is None or t == target)
               for s, t, r in got), got


def test_event_record_is_complete(code_text):
    ev = code_text("Russian President Vladimir Putin arrived in Pyongyang on Wednesday.", "2024-06-20")[0]
    j = ev.to_json()
    assert j["source"] == {"text": j["source"]["text"], "code": "RUSGOV", "country": "RUS", "igo": None,
                           "role": "GOV", "name": "Vladimir Putin"}
    assert j["target"]["country"] == "PRK"
    assert j["root"] == "04" and j["cameo"].startswith("04")
    assert j["date"] == "2024-06-19" and j["date_source"] == "text"
    assert j["quad_class"] == 1 and isinstance(j["goldstein"], float)
    assert "arrived" in j["trigger"]
    assert len(j["event_id"]) == 16


# ---- constructions ----------------------------------------------------------------------------

def test_compound_subject_gives_one_event_per_pair(code_text):
    got = triples(code_text("Belgium, Portugal and Malta condemned the Russian strikes on Kyiv."))
    for src in ("BEL", "PRT", "MLT"):
        assert any(s == src and r == "11" for s, t, r in got), got


def test_compound_object(code_text):
    got = triples(code_text("Ukraine accused Russia and Belarus of violating its airspace."))
    assert ("UKR", "RUS", "11") in got and ("UKR", "BLR", "11") in got


def test_joint_action_codes_both_directions(code_text):
    got = triples(code_text("Iran and Saudi Arabia signed an agreement to restore diplomatic relations."))
    assert ("IRN", "SAU", "05") in got or ("IRN", "SAU", "03") in got
    assert ("SAU", "IRN", "05") in got or ("SAU", "IRN", "03") in got


def test_passive_with_agent(code_text):
    got = triples(code_text("A Ukrainian power station was attacked by Russian drones on Sunday."))
    assert any(s == "RUS" and t == "UKR" and r in ("18", "19") for s, t, r in got), got


def test_relative_clause_is_coded(code_text):
    got = triples(code_text("Seoul and Washington began large joint drills, which Pyongyang condemned."))
    assert any(s == "PRK" and r == "11" for s, t, r in got), got


def test_purpose_clause_target(code_text):
    got = triples(code_text("The Turkish foreign minister travelled to Baghdad to meet Iraqi officials."))
    assert any(s == "TUR" and t == "IRQ" and r == "04" for s, t, r in got), got


def test_reported_speech_codes_the_reported_event(code_text):
    got = triples(code_text("North Korea has sent thousands of soldiers to Russia, South Korea's spy agency said."))
    assert any(s == "PRK" and t == "RUS" and r in ("06", "07", "15") for s, t, r in got), got


def test_pronoun_in_second_sentence_takes_named_leader(code_text):
    got = triples(code_text("Chinese President Xi Jinping arrived in Paris on Sunday. "
                            "He later met French President Emmanuel Macron."))
    assert ("CHN", "FRA", "04") in got


# ---- modality ---------------------------------------------------------------------------------

def test_denial_emits_nothing_for_the_denied_act(code_text):
    got = triples(code_text("Beijing denied that it had supplied drones to Moscow."))
    assert not any(r in ("06", "07") for s, t, r in got), got


def test_negation_emits_nothing(code_text):
    got = triples(code_text("Japan did not send a delegation to the summit in Moscow."))
    assert not any(s == "JPN" and r in ("04", "07", "01") for s, t, r in got), got


def test_hypothetical_emits_nothing(code_text):
    assert code_text("If Pyongyang conducts a nuclear test, Seoul will impose new sanctions.") == [] or \
        not any(r in ("16", "15") for s, t, r in triples(
            code_text("If Pyongyang conducts a nuclear test, Seoul will impose new sanctions.")))


def test_threat_codes_as_13_not_the_threatened_act(code_text):
    got = triples(code_text("Beijing warned that it would attack Taiwan if the island declared independence."))
    assert any(s == "CHN" and r == "13" for s, t, r in got), got
    assert not any(r in ("18", "19") for s, t, r in got), got


def test_future_cooperation_is_intent(code_text):
    evs = code_text("Germany will send more tanks to Ukraine, the defence ministry said.")
    got = triples(evs)
    assert ("DEU", "UKR", "03") in got, got
    assert not any(r == "07" for s, t, r in got)
    assert all(e.modality == "intended" for e in evs if e.root == "03")


def test_hedged_event_is_marked_reported(code_text):
    evs = code_text("North Korea reportedly sent artillery shells to Russia.")
    assert evs and all(e.modality == "reported" for e in evs)


def test_location_is_not_an_actor(code_text):
    assert code_text("Stock markets in Tokyo and Seoul fell sharply on Monday.") == []
    assert code_text("The new bakery on the corner opens at seven.") == []


def test_same_event_twice_in_a_document_is_one(code_text):
    evs = code_text("Egypt praised Qatar on Monday. Egypt praised Qatar on Monday.", "2024-06-12")
    assert len([e for e in evs if e.root == "05"]) == 1


# ---- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, published, expected", [
    ("on Wednesday", "2024-06-20", "2024-06-19"),
    ("yesterday", "2024-06-20", "2024-06-19"),
    ("on June 3", "2024-06-20", "2024-06-03"),
])
def test_event_date_resolved_against_publication(code_text, phrase, published, expected):
    evs = code_text(f"Egypt praised Qatar {phrase}.", published)
    assert evs and evs[0].date.isoformat() == expected and evs[0].date_source == "text"


def test_event_without_date_words_takes_publication_date(code_text):
    ev = code_text("Egypt praised Qatar.", "2024-06-20")[0]
    assert ev.date.isoformat() == "2024-06-20" and ev.date_source == "published"


# ---- more constructions -----------------------------------------------------------------------

def test_light_verb_codes_the_noun(code_text):
    got = triples(code_text("Chile lodged a formal protest with Argentina over the border incident."))
    assert ("CHL", "ARG", "11") in got, got


def test_conjoined_verbs_share_the_subject(code_text):
    got = triples(code_text("Turkish police arrested and deported two Syrian journalists."))
    assert any(s == "TUR" and t == "SYR" and r == "17" for s, t, r in got), got


def test_apposition_names_the_leader(code_text):
    got = triples(code_text("Egypt's president, Abdel Fattah el-Sisi, praised Jordan for its support.", "2024-05-01"))
    assert ("EGY", "JOR", "05") in got, got


def test_quote_with_speaker_after(code_text):
    got = triples(code_text("\"We condemn the attack on our embassy,\" Kenya's foreign minister said of Sudan.",
                            monadic=True))
    assert any(s == "KEN" and r == "11" for s, t, r in got), got


def test_conditional_future_is_a_threat(code_text):
    got = triples(code_text("Seoul will impose new sanctions if Pyongyang conducts another nuclear test."))
    assert any(s == "KOR" and r == "13" for s, t, r in got), got
    assert not any(r == "16" for s, t, r in got), got


def test_refusal_of_cooperation_is_a_rejection(code_text):
    got = triples(code_text("Pakistan refused to send peacekeepers to Iraq."))
    assert any(s == "PAK" and r == "12" for s, t, r in got), got


def test_ethnic_group_is_coded_where_it_lives(code_text):
    got = triples(code_text("Hundreds of ethnic Hungarians demonstrated in Slovakia on Sunday."))
    assert any(s == "SVK" and r == "14" for s, t, r in got), got
    assert not any(s == "HUN" for s, t, r in got), got


# ---- fields beyond CAMEO ----------------------------------------------------------------------

def test_plover_type_and_confidence(code_text):
    ev = [e for e in code_text("Germany sent humanitarian aid to Sudan.") if e.root == "07"][0]
    assert ev.plover_type == "AID"
    assert 0.0 < ev.confidence <= 1.0
    j = ev.to_json()
    assert j["plover_type"] == "AID" and "plover_mode" in j and j["confidence"] == ev.confidence


def test_keep_modal_emits_negated_events_marked(code_text):
    evs = code_text("Japan did not send aid to Russia.", keep_modal=True)
    assert evs and all(e.modality == "negated" for e in evs if e.root == "07")
    assert code_text("Japan did not send aid to Russia.") == []


def test_each_clause_keeps_its_own_date(code_text):
    evs = code_text("Egypt, which praised Qatar on Monday, also thanked Oman on Tuesday.", "2024-06-12")
    dates = {e.target.key(): e.date.isoformat() for e in evs if e.target}
    assert dates == {"QAT": "2024-06-10", "OMN": "2024-06-11"}, dates
    evs = code_text("Egypt said on Monday that it had praised Qatar on Friday.", "2024-06-12")
    assert [e.date.isoformat() for e in evs if e.root == "05"] == ["2024-06-07"]


def test_declined_plans_are_a_rejection_of_the_named_party(code_text):
    got = triples(code_text("The Kremlin said Putin had no plans to meet Zelensky.", "2024-06-12"))
    assert ("RUS", "UKR", "12") in got, got
    assert not any(r in ("03", "04") for s, t, r in got), got


def test_allowing_names_who_is_allowed(code_text):
    got = triples(code_text("Iran allowed IAEA inspectors to visit the Fordow plant.", "2024-06-12"))
    assert ("IRN", "IAEA", "08") in got, got


def test_conditional_offer_is_intent_and_unless_is_a_threat(code_text):
    got = triples(code_text("Colombian rebels said they would meet the UN envoy if he guaranteed their safety."))
    assert any(r == "03" for s, t, r in got) and not any(r == "13" for s, t, r in got), got
    got = triples(code_text("Kenya said it will withdraw its troops from Somalia unless Mogadishu pays them."))
    assert ("KEN", "SOM", "13") in got, got


def test_place_of_a_threatened_act_is_its_target(code_text):
    # the place hangs on the complement's object, not on "threatened"
    got = triples(code_text("The ELN threatened on Friday to renew armed attacks in Venezuela."))
    assert {(s, t) for s, t, r in got if r == "13"} == {("COL", "VEN")}, got


def test_place_of_a_when_clause_is_where_the_act_happened(code_text):
    got = triples(code_text("Somali militants killed nine people when they detonated a bomb in Nairobi."))
    assert ("SOM", "KEN", "18") in got, got
    got = triples(code_text("Afghan gunmen killed four guards when they stormed a hotel in Peshawar."))
    assert ("AFG", "PAK", "18") in got, got


def test_role_named_group_in_a_purpose_clause_is_the_doers_society(code_text):
    got = triples(code_text("Bolivian police fired tear gas to disperse striking miners in the capital."))
    assert any(s == "BOL" and t == "BOL" for s, t, r in got), got
    got = triples(code_text("Iraqi police opened fire to scatter protesters, killing two people."))
    assert any(s == "IRQ" and t == "IRQ" and r == "19" for s, t, r in got), got


def test_warning_about_ones_own_police_stays_at_home(code_text):
    got = triples(code_text("Tunisia's interior minister warned that police would break up any unauthorised march."))
    assert any(s == "TUN" and t == "TUN" and r == "13" for s, t, r in got), got


def test_preposition_on_a_particle_still_names_the_target(code_text):
    # the parser hangs "to 16 ... sailors" on the particle "up"
    got = triples(code_text("Somali pirates have seized up to 16 Chinese sailors from a fishing boat "
                            "and burned the vessel."))
    assert any(s == "SOM" and t == "CHN" for s, t, r in got), got


def test_message_carrying_an_obligation_is_a_demand(code_text):
    got = triples(code_text("Germany's chancellor sent a firm reminder to Hungary that it must respect EU law."))
    assert ("DEU", "HUN", "10") in got, got


def test_object_shifted_behind_an_as_phrase(code_text):
    got = triples(code_text("Ghana on Friday criticised as an unfriendly act Togo's closure of the border."))
    assert ("GHA", "TGO", "11") in got, got


def test_target_named_inside_the_verbs_prepositional_phrase(code_text):
    got = triples(code_text("Armenia called up reservists for a new offensive against Azerbaijan."))
    assert any(s == "ARM" and t == "AZE" and r == "15" for s, t, r in got), got


def test_possible_war_is_not_a_war(code_text):
    got = triples(code_text("Armenia called up reservists for a potential war with Azerbaijan."))
    assert not any(r in ("18", "19", "20") for s, t, r in got), got


def test_actor_noun_modified_by_a_participle_is_its_doer(code_text):
    got = triples(code_text("Syria must cooperate with OPCW inspectors investigating the attack sites."))
    assert not any(s == "SYR" and r == "09" for s, t, r in got), got


def test_complaint_to_one_party_about_another_targets_both(code_text):
    got = triples(code_text("Armenia complained to the OSCE on Monday over Azerbaijani shelling of border villages."))
    assert ("ARM", "AZE", "11") in got and ("ARM", "OSCE", "11") in got, got


def test_rebels_blocking_roads_obstruct_passage(code_text):
    got = triples(code_text("Congolese rebels blocked transport into Goma on Friday."))
    assert any(r == "14" for s, t, r in got) and not any(r == "19" for s, t, r in got), got
    got = triples(code_text("Houthi rebels blockaded the city of Taiz."))
    assert not any(r == "14" for s, t, r in got), got


def test_being_opposed_to_is_a_stance_of_the_subject(code_text):
    got = triples(code_text("Armenia is opposed to Russian mediation in its conflict with Azerbaijan."))
    assert ("ARM", "RUS", "12") in got, got


def test_words_about_a_deed_concern_its_doer(code_text):
    got = triples(code_text("Mexico condemned the raid by Ecuador on its embassy in Quito."))
    assert ("MEX", "ECU", "11") in got, got
    got = triples(code_text("Bosnia is investigating alleged abuses by Bosnian police against Roma families."))
    assert any(s == "BIH" and t == "BIH" and r == "09" for s, t, r in got), got


def test_refusing_aid_in_a_place_is_refusing_that_state(code_text):
    got = triples(code_text("Brazil refused on Monday to station peacekeepers in Haiti."))
    assert ("BRA", "HTI", "12") in got, got


def test_leader_refusing_to_yield_faces_home(code_text):
    got = triples(code_text("Peru's president on Friday refused to step down in the face of mounting pressure.", "2024-06-12"))
    assert any(s == "PER" and t == "PER" and r == "12" for s, t, r in got), got


def test_nominal_event_target_one_level_down(code_text):
    got = triples(code_text("Norway announced a suspension of defence cooperation with Israel."))
    assert ("NOR", "ISR", "16") in got, got


def test_two_word_nouns_beat_their_head(code_text):
    evs = code_text("Kurdish prisoners in Turkey staged a hunger strike against their isolation.")
    assert [e.cameo for e in evs] == ["142"], [e.cameo for e in evs]


def test_what_is_called_for_has_not_happened(code_text):
    got = triples(code_text("Poland called for sanctions against Belarus."))
    assert not any(s == "POL" and r == "16" for s, t, r in got), got


def test_engaged_in_names_the_subject_as_doer(code_text):
    got = triples(code_text("Sudanese militias have been engaged in ethnic cleansing across Darfur."))
    assert any(s == "SDN" and r == "20" for s, t, r in got), got


def test_telling_the_press_reports_but_telling_a_state_to_act_asks(code_text):
    got = triples(code_text("The Egyptian army reopened the Rafah crossing on Sunday, officials told Reuters."))
    assert any(s == "EGY" and r == "08" for s, t, r in got), got
    got = triples(code_text("Washington told Cairo to reopen the Rafah crossing."))
    assert not any(s == "EGY" and r == "08" for s, t, r in got), got


def test_agentless_arrest_was_made_by_the_state_where_it_happened(code_text):
    got = triples(code_text("Three French journalists were detained in Iran on Monday."))
    assert ("IRN", "FRA", "17") in got, got


def test_joint_manoeuvres_are_military_cooperation(code_text):
    got = triples(code_text("Russian and Chinese warships launched joint naval drills in the Sea of Japan."))
    assert ("RUS", "CHN", "06") in got and ("CHN", "RUS", "06") in got, got


def test_troops_for_a_mission_in_a_state_are_aid_to_that_state(code_text):
    got = triples(code_text("Rwanda will contribute 900 troops to a regional stabilisation force in Mozambique."))
    assert ("RWA", "MOZ", "03") in got, got


def test_who_stops_a_protest_decides_its_code(code_text):
    got = triples(code_text("Belarusian police stopped a rally by opposition supporters in Minsk."))
    assert any(s == "BLR" and r == "17" for s, t, r in got), got
    got = triples(code_text("Opposition leaders called off the rally planned for Sunday in Minsk."))
    assert any(r == "08" for s, t, r in got) and not any(r == "17" for s, t, r in got), got
    got = triples(code_text("Georgian police prevented a march by opposition activists in Tbilisi."))
    assert any(s == "GEO" and t == "GEO" and r == "17" for s, t, r in got), got


def test_refusing_a_named_request_is_a_rejection_and_a_denial_is_not(code_text):
    got = triples(code_text("Serbia refused visas to Kosovo officials."))
    assert ("SRB", "XKX", "12") in got, got
    got = triples(code_text("Myanmar's junta denied access to UN investigators."))
    assert any(s == "MMR" and r == "12" for s, t, r in got), got
    assert code_text("Russia denied that it had supplied weapons to Iran.") == []
