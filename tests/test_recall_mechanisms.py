"""Mechanisms that let whole articles yield the events a careful coder records (issue 13,
recall), each with sentences written for these tests."""
from __future__ import annotations

from conftest import triples


def test_two_people_of_one_government_act_toward_each_other(code_text):
    # Both resolve to FRAGOV; they are still two people, so the refusal is an act at home.
    got = triples(code_text("President Emmanuel Macron rejected Prime Minister Elisabeth Borne's offer "
                            "to resign on Monday.", "2023-06-12"))
    assert ("FRA", "FRA", "12") in got, got


def test_one_person_is_not_his_own_target(code_text):
    got = triples(code_text("President Emmanuel Macron praised himself on Monday.", "2023-06-12"))
    assert ("FRA", "FRA", "05") not in got and ("FRA", "FRA", "01") not in got, got


def test_a_role_named_addressee_beside_a_named_doer_is_someone_else(code_text):
    text = ("Floods hit Lyon and Marseille this week. Farmers in France blocked roads near Paris. "
            "President Emmanuel Macron criticized the mayor on Monday.")
    got = triples(code_text(text, "2023-06-12"))
    assert ("FRA", "FRA", "11") in got, got


def test_filing_a_resignation_is_resigning(code_text):
    got = code_text("Prime Minister Elisabeth Borne filed her resignation on Monday.", "2023-06-12")
    assert any(e.source.country == "FRA" and e.cameo.startswith("08") for e in got), got


def test_a_secretary_general_is_no_general(coder):
    from datetime import date
    from polevent.actors.resolve import DocActors
    doc = coder.nlp("The party's secretary general spoke. The city council met.")
    actors = DocActors(coder.finder, doc, date(2023, 6, 12))
    general = next(t for t in doc if t.lower_ == "general")
    council = next(t for t in doc if t.lower_ == "council")
    assert actors.role_of(general) == "GOV" and actors.role_of(council) == "GOV"
