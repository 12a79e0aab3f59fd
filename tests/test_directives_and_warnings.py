"""What a warning, an appeal and a demand are (senses.yml `needs: consequence`, coding.yml
`to_root`, modality.yml `directive_preps`). Sentences written for these tests."""
from __future__ import annotations

import pytest

from conftest import triples


@pytest.mark.parametrize("sentence,source,target", [
    ("Iran warned that Israel would pay a heavy price for the strike.", "IRN", "ISR"),
    ("North Korea warned that it will respond with force to the drills.", "PRK", None),
    ("The Chinese government warned the United States on Monday.", "CHN", "USA"),
    ("Moscow warned Washington against sending long-range missiles to Kyiv.", "RUS", "USA"),
])
def test_a_warning_of_what_someone_will_do_or_suffer_is_a_threat(code_text, sentence, source, target):
    got = triples(code_text(sentence, "2024-03-01", monadic=True))
    assert any(s == source and r == "13" and (target is None or t == target) for s, t, r in got), got


@pytest.mark.parametrize("sentence", [
    "The UN refugee agency chief warned that many more Ukrainians were moving toward the border.",
    "Germany's finance minister warned that the economy could shrink this year.",
])
def test_a_warning_of_how_things_are_is_no_threat(code_text, sentence):
    got = triples(code_text(sentence, "2024-03-01", monadic=True))
    assert not any(r == "13" for _, _, r in got), got
    assert any(r == "01" for _, _, r in got), got  # a pessimistic comment (012)


def test_what_a_warning_advises_against_is_not_done(code_text):
    got = triples(code_text("Moscow warned Washington against sending long-range missiles to Kyiv.",
                            "2024-03-01", monadic=True))
    assert not any(r == "07" for _, _, r in got), got


@pytest.mark.parametrize("sentence,source,target", [
    ("The European Union urged Serbia to release the detained journalists.", "EU", "SRB"),
    ("Egypt called on Ethiopia to stop filling the dam.", "EGY", "ETH"),
    ("President Lula asked Congress to pass the tax reform.", "BRA", "BRA"),
])
def test_telling_someone_what_to_do_is_a_demand(code_text, sentence, source, target):
    got = code_text(sentence, "2024-03-01")
    assert any(e.source.key() == source and e.target is not None and e.target.key() == target
               and e.root == "10" for e in got), [(e.source.key(), e.target and e.target.key(), e.cameo) for e in got]


def test_a_demand_keeps_what_is_demanded():
    from polevent.events.rules import load_coding_rules
    from polevent.model import Actor
    rules = load_coding_rules()
    src = [Actor.make(country="EGY", role="GOV")]
    assert rules.adjust("0253", src, "urge", False, True, set(), True) == "1053"
    assert rules.adjust("0253", src, "urge", False, True, set(), False) == "0253"
    assert rules.adjust("0253", src, "appeal", False, True, set(), True) == "0253"


@pytest.mark.parametrize("sentence,root", [
    ("Serbia appealed to the European Union for help with the floods.", "02"),
    ("Egypt's president called for closer cooperation with Sudan.", "02"),
])
def test_asking_for_something_stays_an_appeal(code_text, sentence, root):
    got = triples(code_text(sentence, "2024-03-01", monadic=True))
    assert any(r == root for _, _, r in got), got
    assert not any(r == "10" for _, _, r in got), got


def test_to_root_is_checked_against_the_codebook():
    from polevent.events.rules import RulesError, load_coding_rules, parse_rules
    from polevent.events.cameo import cameo_table
    import yaml
    from importlib import resources
    data = yaml.safe_load((resources.files("polevent") / "data" / "cameo" / "coding.yml").read_text())
    data["adjustments"] = [{"from": ["02"], "to_root": "19"}]  # 19 has no 0253-like sub-codes
    with pytest.raises(RulesError):
        parse_rules(data, cameo_table())
    assert load_coding_rules() is not None


def test_what_a_body_decides_to_do_is_its_act(code_text):
    # (a decision is no promise: "decided to impose sanctions" imposes them, not threatens them)
    got = triples(code_text("The EU's foreign ministers decided on Thursday to impose sanctions against "
                            "Belarusian officials.", "2020-10-02"))
    assert any(s == "EU" and t == "BLR" and r == "16" for s, t, r in got), got


def test_a_deed_called_alleged_is_a_claim(code_text):
    got = triples(code_text("The rebels walked out of the talks, protesting the alleged use of Angolan troops by "
                            "the government to bolster its forces.", "2003-03-01", monadic=True))
    assert not any(r == "15" for s, t, r in got), got
    got = triples(code_text("The alleged attack by Russian forces on the Georgian village was condemned.",
                            "2008-08-10", monadic=True))
    assert not any(s == "RUS" and r in ("18", "19") for s, t, r in got), got
    got = triples(code_text("The attack by Russian forces on the Georgian village was condemned.",
                            "2008-08-10", monadic=True))
    assert any(s == "RUS" and r in ("18", "19") for s, t, r in got), got


def test_a_stop_that_is_only_asked_for_is_no_refusal(code_text):
    # what the caller asks the addressee to stop is neither the caller's act nor a refusal yet
    got = code_text("Turkish Foreign Minister Hakan Fidan called on Sweden to stop providing shelter to "
                    "militants.", "2023-05-02", monadic=True)
    assert [(e.source.country, e.target and e.target.country, e.root) for e in got] == [("TUR", "SWE", "10")], \
        [(e.source.code, e.target and e.target.code, e.cameo, e.trigger) for e in got]
    # ... while a stop that is asserted still is one
    got = triples(code_text("Germany stopped providing weapons to Saudi Arabia.", "2019-03-02"))
    assert any(s == "DEU" and t == "SAU" and r in ("12", "16") for s, t, r in got), got
