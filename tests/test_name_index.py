"""Known names are found by their tokens (actors/names.py) exactly where spaCy's PhraseMatcher
over the same spellings finds them, and the tokenizer's cut of the names is cached safely."""
from __future__ import annotations

import json

import pytest

from polevent.actors.names import NameIndex, tokenized

TEXTS = [
    "Sheikh Tamim bin Hamad Al Thani met Emmanuel Macron in Paris on Monday.",
    "The U.S. State Department said Kim Jong-un's letter reached Moscow; the Kremlin declined to comment.",
    "Côte d'Ivoire and Burkina Faso signed a deal with the ECOWAS commission in Abuja.",
    "Pro-Russian separatists in Donetsk and the United Nations Security Council, U.N. officials said.",
]


def test_name_index_finds_what_phrase_matcher_finds(coder):
    from spacy.matcher import PhraseMatcher
    from polevent.actors.mentions import name_variants
    nlp = coder.nlp
    surfaces = coder.kb.surfaces()
    reference = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_label: dict[str, list[str]] = {}
    for surface, (kind, key) in surfaces.items():
        for variant in name_variants(surface) if kind in ("person", "org") else [surface]:
            if variant == surface or variant not in surfaces:
                by_label.setdefault(f"{kind}\x1f{key}", []).append(variant)
    for label, variants in by_label.items():
        reference.add(label, [nlp.make_doc(v) for v in variants])
    for text in TEXTS:
        doc = nlp(text)
        want = sorted((m, s, e) for m, s, e in reference(doc))
        assert sorted(coder.finder.names.matches(doc)) == want, text
        assert want  # the texts do name known actors


def test_overlapping_and_repeated_sequences():
    index = NameIndex({"a": [["New", "York"], ["New", "York"]], "b": [["York"]], "c": [["New", "York", "City"]]})

    class Tok:
        def __init__(self, text):
            self.text = text
    doc = [Tok(w) for w in "in New York City and York".split()]
    assert sorted(index.matches(doc)) == [("a", 1, 3), ("b", 2, 3), ("b", 5, 6), ("c", 1, 4)]


def test_the_cut_is_cached_and_a_changed_name_list_cuts_again(coder, tmp_path, monkeypatch):
    monkeypatch.setenv("POLEVENT_CACHE", str(tmp_path))
    first = tokenized(coder.nlp, ["Kim Jong-un", "Côte d'Ivoire"])
    assert first["Kim Jong-un"] == [t.text for t in coder.nlp.make_doc("Kim Jong-un")]
    files = list(tmp_path.glob("names-*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text(encoding="utf-8")) == first
    assert tokenized(coder.nlp, ["Côte d'Ivoire", "Kim Jong-un"]) == first  # same names: the same file
    tokenized(coder.nlp, ["Kim Jong-un"])
    assert len(list(tmp_path.glob("names-*.json"))) == 2
    files[0].write_text("{not json", encoding="utf-8")  # a broken cache is cut again, not trusted
    assert tokenized(coder.nlp, ["Kim Jong-un", "Côte d'Ivoire"]) == first


def test_no_writable_cache_still_cuts(coder, tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    monkeypatch.setenv("POLEVENT_CACHE", str(blocked / "sub"))
    assert tokenized(coder.nlp, ["Abu Dhabi"]) == {"Abu Dhabi": ["Abu", "Dhabi"]}
