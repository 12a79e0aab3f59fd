"""Property tests: any input to the readers, the date resolver and the coder is handled.

Bounded example counts keep this to well under a minute in CI; the properties are the ones a
night-long run over scraped pages depends on: no exception escapes, and every event is well
formed (valid date, a code from the CAMEO table, a source with a country or an IGO).
"""
from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from polevent.dates import find_temporal_expressions, resolve_date
from polevent.events.cameo import cameo_table
from polevent.ingest import ReadOptions, clean_text
from polevent.ingest.jsonl import parse_line
from polevent.model import Document, InputError, InputWarning

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text that looks like news more often than random unicode does, so the coder's paths run.
WORDS = st.sampled_from(["Russia", "China", "North Korea", "Kim Jong Un", "Putin", "the Kremlin", "Hamas",
                         "attacked", "praised", "did not", "denied", "will", "sanctions", "on Monday",
                         "troops", "in", "Kyiv", "said", "talks", "with", "the", ",", ".", "\n\n", "if",
                         "its", "they", "protesters", "yesterday", "October 7", "EU", "urged", "to"])
NEWSY = st.lists(WORDS, min_size=0, max_size=40).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


@FAST
@given(st.binary(max_size=400))
def test_jsonl_line_never_raises(raw):
    items = list(parse_line(raw, "fuzz.jsonl", 1, ReadOptions(published=date(2024, 1, 1))))
    assert all(isinstance(i, InputWarning) for i in items[:-1])
    assert not items or isinstance(items[-1], (Document, InputError))


@FAST
@given(st.dictionaries(st.sampled_from(["id", "text", "html", "published", "url", "title", "x"]),
                       st.one_of(st.none(), st.integers(), st.text(max_size=50), st.lists(st.integers()),
                                 st.booleans()), max_size=6))
def test_jsonl_objects_never_raise(obj):
    items = list(parse_line(json.dumps(obj), "fuzz.jsonl", 1, ReadOptions()))
    assert all(isinstance(i, InputWarning) for i in items[:-1])
    out = items[-1] if items else None
    assert out is None or isinstance(out, (Document, InputError))
    if isinstance(out, Document):
        assert out.text.strip() and out.published is not None


@FAST
@given(ANY_TEXT)
def test_boilerplate_filter_never_raises(text):
    assert isinstance(clean_text(text), str)


@FAST
@given(ANY_TEXT, st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 1)), st.booleans())
def test_dates_are_valid(text, published, future):
    for m in find_temporal_expressions(text, published, future):
        assert text[m.start:m.end] == m.text
    day, how = resolve_date(text, published, future=future)
    assert isinstance(day, date) and how in ("text", "published")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                              HealthCheck.function_scoped_fixture])
@given(ANY_TEXT)
def test_coder_events_are_well_formed(coder, text):
    table = cameo_table()
    doc = Document(id="fuzz", text=text or "x", published=date(2024, 6, 1))
    for result in coder.code([doc]):
        assert result.error is None, result.error
        for ev in result.events:
            j = ev.to_json()
            assert j["cameo"] in table and j["root"] == j["cameo"][:2]
            assert 1 <= j["quad_class"] <= 4
            date.fromisoformat(j["date"])
            assert j["source"]["country"] or j["source"]["igo"]
            assert 0.0 <= j["confidence"] <= 1.0
            json.dumps(j)
