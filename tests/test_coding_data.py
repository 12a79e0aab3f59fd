"""The coding tables (coding.yml, senses.yml, judgements.yml, well_known.tsv, confidence.json) load,
validate, and say what they mean; the project's own annotated articles are well formed; evaluate
--prf counts precision and recall as the shared scorer does."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import SHARED
from polevent.actors.knowledge import KnowledgeError, Knowledge, add_file, load_knowledge
from polevent.events.cameo import cameo_table
from polevent.events.confidence import features, load_model
from polevent.events.lexicon import PatternError
from polevent.events.rules import RulesError, load_coding_rules, parse_rules
from polevent.events.senses import load_judgements, load_senses, parse_senses
from polevent.evaluate import attach_corpus, prf
from polevent.model import Actor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "corpus" / "wikinews-en.jsonl"


def test_coding_rules_load_and_mean_what_they_say():
    rules = load_coding_rules()
    assert rules.is_monadic("0831") and rules.is_monadic("145") and not rules.is_monadic("010")
    assert rules.is_symmetric("040") and not rules.is_symmetric("111")
    assert 2 <= rules.max_joint_parties <= 6 and rules.background_days >= 300
    company = Actor.make(country="JPN", role="BUS")
    assert not rules.political(company, "057") and rules.political(Actor.make(country="JPN", role="GOV"), "057")
    assert rules.political(Actor.make(country="KEN", role="CVL"), "141")
    state = Actor.make(country="CHN", text="China")
    assert rules.adjust("141", [state], "protest", False, True, {"China"}) == "114"
    assert rules.adjust("190", [Actor.make(country="SOM", role="REB")], "attack", False, True, set()) == "180"


@pytest.mark.parametrize("bad, message", [
    ({"monadic": ["99"]}, "no CAMEO code"),
    ({"symmetric": "04"}, "quoted CAMEO code prefixes"),
    ({"adjustments": [{"from": ["140"], "to": "999"}]}, "'to'"),
    ({"adjustments": [{"from": ["140"], "to": "114", "when": 1}]}, "unknown keys"),
    ({"max_joint_parties": "many"}, "whole numbers"),
])
def test_bad_coding_rules_are_named(bad, message):
    good = yaml.safe_load((ROOT / "polevent" / "data" / "cameo" / "coding.yml").read_text())
    with pytest.raises(RulesError, match=message):
        parse_rules({**good, **bad}, cameo_table())


def test_senses_load_and_bad_entries_are_named():
    senses = load_senses()
    assert any(s.governs("join", "050") and s.needs == "state_object" for s in senses)
    assert any(s.governs("hold", "141") and s.drop and "campaign rally" in s.objects for s in senses)
    assert any(s.governs("attack", "190") and "investigation" in s.objects for s in senses)
    with pytest.raises(PatternError, match="needs"):
        parse_senses([{"verbs": ["join"], "codes": ["05"], "needs": "an_object"}], "mine.yml")
    with pytest.raises(PatternError, match="go together"):
        parse_senses([{"verbs": ["hit"], "codes": ["19"], "objects": ["plan"]}], "mine.yml")
    assert any(s.governs("fire", "190") and s.drop and "into air" in s.manner for s in senses)
    with pytest.raises(PatternError, match="preposition object"):
        parse_senses([{"verbs": ["fire"], "codes": ["19"], "manner": ["skyward"], "code": None}], "mine.yml")


def test_judgements_read_the_name_tone():
    j = load_judgements()
    assert j.code('"a disgrace"') == "111" and j.code("null and void") == "111"
    assert j.code("a historic breakthrough") == "051"
    assert j.code("a document") is None


def test_well_known_states_file_loads_and_rejects_bad_codes():
    kb = load_knowledge()
    assert {"USA", "RUS", "CHN"} <= kb.well_known and "GRD" not in kb.well_known
    with pytest.raises(KnowledgeError, match="ISO3"):
        add_file(Knowledge(), "well_known\tnote\nRussia\tG20\n", "mine.tsv")


def test_confidence_model_gives_probabilities():
    model = load_model()
    assert model is not None and 0.0 <= model.default_threshold < 1.0
    src, tgt = Actor.make(country="FRA", role="GOV", text="France"), Actor.make(country="DEU", text="Germany")
    strong = features(code="111", heuristic=0.8, source=src, target=tgt, nominal=False, modality="asserted",
                      sentence_index=0, quoted=False, state_names={"France", "Germany"})
    weak = features(code="111", heuristic=0.3, source=src, target=tgt, nominal=True, modality="intended",
                    sentence_index=9, quoted=True, state_names={"France", "Germany"})
    assert 0.0 < model(weak) < model(strong) < 1.0


def test_prf_counts_like_the_shared_scorer():
    case = {"id": "d1", "exhaustive": True, "expect": [
        {"source": "EGY", "target": "GRC", "roots": ["04"], "any_dir": True, "optional": False},
        {"source": "EGY", "target": "TUR", "roots": ["11"], "any_dir": False, "optional": False},
        {"source": "TUR", "target": None, "roots": ["01"], "any_dir": False, "optional": True}]}

    def ev(s, t, root):
        return {"doc_id": "d1", "root": root, "source": {"country": s}, "target": {"country": t} if t else None}
    events = [ev("GRC", "EGY", "04"), ev("EGY", "GRC", "04"), ev("TUR", None, "01"), ev("EGY", "LBY", "11")]
    got = prf([case], events)
    assert (got.tp, got.fp, got.fn, got.near_duplicates, got.optional) == (1, 1, 1, 1, 1)
    assert got.summary().startswith("precision 50.0% (1/2), recall 50.0% (1/2)")
    assert got.lines == ["d1: false EGY->LBY 11 [] | missed EGY->TUR 11"]


def test_cases_naming_only_an_id_take_their_text_from_a_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "published": "2024-01-02", "text": "Chile recalled its envoy."}) + "\n")
    cases = attach_corpus([{"id": "a1", "exhaustive": True, "expect": []}], corpus)
    assert cases[0]["text"] == "Chile recalled its envoy." and cases[0]["published"] == "2024-01-02"
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps([{"id": "a1", "exhaustive": True, "expect": [
        {"source": "CHL", "target": None, "roots": ["16"], "any_dir": False, "optional": False}]}]))
    proc = subprocess.run([sys.executable, "-m", "polevent.cli", "evaluate", str(gold), "--prf", "-q"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 2 and "give --corpus" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "polevent.cli", "evaluate", str(gold), "--corpus", str(corpus),
                           "--prf", "--monadic"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("precision ")


@pytest.mark.skipif(not CORPUS.exists(), reason="needs ../shared/corpus (the articles the gold annotates)")
def test_our_annotated_articles_are_well_formed():
    cases = json.loads((ROOT / "eval" / "wikinews-annotated.json").read_text())
    assert len(cases) >= 40 and len({c["id"] for c in cases}) == len(cases)
    articles = {c["id"]: c for c in attach_corpus(cases, CORPUS)}
    shared_ids = set((SHARED / "corpus" / "dev-ids.txt").read_text().split())
    assert not shared_ids & set(articles), "the shared check set is not ours to develop on"
    codes = {c.root for c in cameo_table().values()}
    for raw in cases:
        assert set(raw) == {"id", "exhaustive", "expect"}, "the repository keeps no article text"
        assert all("evidence" not in e for e in raw["expect"])
    for case in articles.values():
        assert "text" in case
        for e in case["expect"]:
            assert set(e["roots"]) <= codes and e["source"]
            start, end = e["at"]
            assert 0 <= start < end <= len(case["text"])


@pytest.mark.parametrize("name, day, code", [
    ("Ursula von der Leyen", "2024-03-01", "EUGOV"),    # Commission president
    ("Ursula von der Leyen", "2015-03-01", "DEUGOV"),   # German defence minister then
    ("Mark Rutte", "2025-03-01", "NATOGOV"),
    ("Mark Rutte", "2020-03-01", "NLDGOV"),
    ("Rafael Grossi", "2022-05-01", "IAEAGOV"),
    ("Kristalina Georgieva", "2021-05-01", "IMFGOV"),
])
def test_heads_of_international_organisations_act_for_them(coder, name, day, code):
    from datetime import date as d
    from polevent.actors.resolve import resolve_phrase
    actor = resolve_phrase(coder.finder, coder.nlp(name), d.fromisoformat(day))
    assert actor is not None and actor.code == code, actor


def test_igo_people_rows_are_checked():
    kb = load_knowledge()
    bad = "name\taliases\tigo\trole\toffice\tstart\tend\nJane Roe\t\tXYZ\tGOV\tChief\t2020-01-01\t\n"
    with pytest.raises(KnowledgeError, match="unknown igo"):
        add_file(kb, bad, "mine.tsv")
    assert kb.people["Ursula von der Leyen"].home_country(None) == "DEU"
