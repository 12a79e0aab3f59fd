"""The speed-ups change nothing: the first pass (screen.py) skips only documents that give no
event, and the cached attribute ruler and lemmatizer (fastpipes.py) write what spaCy's write.

Every shared gold set is coded with and without the screen and the events compared whole.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
CORPUS = SHARED / "corpus" / "wikinews-en.jsonl"
GOLD_SETS = [
    (SHARED / "eval" / "dev.json", None),
    (SHARED / "eval" / "seeds-gold.json", None),
    (SHARED / "eval" / "plover-gsr.json", None),
    (SHARED / "eval" / "wikinews-gold.json", None),
    (REPO / "eval" / "wikinews-annotated.json", CORPUS),
]


@pytest.fixture(scope="module")
def coder():
    from polevent.pipeline import Coder
    return Coder()


def _events(coder, docs, screen):
    saved = coder.screen
    if not screen:
        coder.screen = None
    try:
        results = list(coder.code(docs))
    finally:
        coder.screen = saved
    return [[ev.to_json() for ev in r.events] for r in results], results


@pytest.mark.parametrize("gold,corpus", GOLD_SETS, ids=[g.name for g, _ in GOLD_SETS])
def test_screen_changes_no_event(coder, gold, corpus):
    if not gold.is_file() or (corpus is not None and not corpus.is_file()):
        pytest.skip(f"{gold} (or its corpus) is not there")
    from polevent.evaluate import gold_documents, load_gold
    docs = gold_documents(load_gold(gold, corpus))
    with_screen, results = _events(coder, docs, True)
    without, _ = _events(coder, docs, False)
    assert with_screen == without
    assert sum(len(e) for e in with_screen) > 0


def test_screen_skips_what_has_no_trigger(coder):
    from polevent.model import Document
    docs = [Document(id="a", text="The weather was mild and sunny.\nIt was cold in the evening.", published=None),
            Document(id="b", text="Russia criticised Ukraine on Monday.", published=None)]
    tokens = [coder.nlp.make_doc(d.text) for d in docs]
    assert [coder.screen.holds_trigger(t) for t in tokens] == [False, True]
    results = list(coder.code(docs))
    assert results[0].events == [] and results[0].sentences == 2
    # irregular forms count through the lemmatizer's own tables: "met" is "meet", "fought" "fight"
    for text in ("Putin met Xi.", "They fought.", "Talks began."):
        assert coder.screen.holds_trigger(coder.nlp.make_doc(text)), text


def test_fast_components_write_what_spacy_writes(coder):
    """``nlp(text)`` runs spaCy's own components; ``nlp.pipe`` the cached ones."""
    if not CORPUS.is_file():
        pytest.skip("../shared/corpus is not beside the repo")
    with open(CORPUS, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for _, line in zip(range(40), fh)]
    nlp = coder.nlp
    fast = list(nlp.pipe(texts, batch_size=16))
    for text, doc in zip(texts, fast):
        ref = nlp(text)
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in doc] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_) for t in ref]
