"""The attribute ruler and the lemmatizer, with the same output at a fraction of the cost.

Measured on real news (2 cores, one process), spaCy's small English pipeline spends about as
long in its attribute ruler (a Matcher of 179 patterns run over every token) and its rule
lemmatizer (Python, token by token) as in the parser. The coder reads what both make (``pos_``
everywhere, ``lemma_`` for every trigger, ``morph`` through the lemmatizer), so both must run;
but their output is a function of a few attributes of each token, so it is computed once per
distinct case and then copied:

* **Attribute ruler.** Every pattern of the model is one or two tokens long and reads only TAG,
  LOWER, DEP and IS_SPACE (``accelerate`` checks this and leaves a model it does not hold for
  unchanged). What the ruler writes on a token is therefore fixed by that token's TAG, DEP,
  IS_SPACE, whether its LOWER is one the patterns name (or match by regex), and which token
  specs of the two-token patterns its neighbours satisfy (found by a small Matcher of those
  specs alone, with spaCy's own semantics). A document with a case not yet seen goes through
  the original component, and its tokens teach the cache what it wrote.
* **Lemmatizer.** spaCy's rule lemmatizer already caches its answer per (ORTH, POS, MORPH);
  the loop that asks it is what costs. Here the three are read as arrays and only a token with
  an unseen triple calls it. Lemmas the ruler set are kept, as the original keeps them.

``nlp(text)`` is untouched (it calls the components themselves); ``nlp.pipe``, which the coder
uses, gets the fast path. tests/test_screen.py checks every token attribute against the
original pipeline on real news.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

READ = {"TAG", "LOWER", "DEP", "IS_SPACE"}
CACHE_CAP = 500_000


class FastAttributeRuler:
    def __init__(self, nlp: Language, ruler) -> None:
        self.ruler = ruler
        self.vocab = nlp.vocab
        lowers: set[str] = set()
        regexes: list[re.Pattern] = []
        specs: list[list[dict]] = []
        for group in ruler.patterns:
            for pattern in group["patterns"]:
                if not 1 <= len(pattern) <= 2:
                    raise ValueError("attribute ruler pattern of another length")
                for spec in pattern:
                    if set(spec) - READ:
                        raise ValueError(f"attribute ruler pattern reads {set(spec) - READ}")
                    value = spec.get("LOWER")
                    if isinstance(value, str):
                        lowers.add(value)
                    elif isinstance(value, dict):
                        if set(value) - {"IN", "REGEX"}:
                            raise ValueError("attribute ruler LOWER condition of another kind")
                        lowers.update(value.get("IN", ()))
                        if "REGEX" in value:
                            regexes.append(re.compile(value["REGEX"]))
                    elif value is not None:
                        raise ValueError("attribute ruler LOWER condition of another kind")
                if len(pattern) == 2:
                    specs.extend([[spec] for spec in pattern])
        self.lowers = {self.vocab.strings.add(w) for w in lowers}
        self.regexes = regexes
        self.specs = Matcher(self.vocab)
        for k, spec in enumerate(specs):
            self.specs.add(f"polevent_spec_{k}", [spec])
        self._spec_bit = {self.vocab.strings[f"polevent_spec_{k}"]: 1 << k for k in range(len(specs))}
        self._lower_class: dict[int, int] = {}
        self._cache: dict[tuple, dict | None] = {}

    def _lclass(self, h: int) -> int:
        c = self._lower_class.get(h)
        if c is None:
            text = self.vocab.strings[h]
            c = h if h in self.lowers or any(r.search(text) for r in self.regexes) else 0
            if len(self._lower_class) < CACHE_CAP:
                self._lower_class[h] = c
        return c

    def _keys(self, doc: Doc) -> list[tuple]:
        arr = doc.to_array([TAG, DEP, LOWER, IS_SPACE]).tolist()
        masks = [0] * (len(doc) + 2)
        for match_id, start, _end in self.specs(doc, allow_missing=True):
            masks[start + 1] |= self._spec_bit[match_id]
        return [(tag, dep, self._lclass(low), space, masks[i], masks[i + 2])
                for i, (tag, dep, low, space) in enumerate(arr)]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not doc.has_annotation("DEP") or not doc.has_annotation("TAG"):
            return self.ruler(doc)
        keys = self._keys(doc)
        cache = self._cache
        if len(cache) >= CACHE_CAP:
            cache.clear()
        for i, k in enumerate(keys):
            if k not in cache:
                cache[k] = self._learn(doc, i)
        for i, k in enumerate(keys):
            attrs = cache[k]
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _learn(self, doc: Doc, i: int) -> dict | None:
        """What the original ruler writes on token ``i``: its matches on a copy of the token and
        its neighbours (every pattern is at most two tokens long, and reads only what is copied)."""
        lo, hi = max(0, i - 1), min(len(doc), i + 2)
        toks = doc[lo:hi]
        mini = Doc(self.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks],
                   tags=[t.tag_ for t in toks], deps=[t.dep_ for t in toks],
                   heads=list(range(hi - lo)))
        applied = set()
        for attr_id, _m, start, end in self.ruler.match(mini):
            index = self.ruler.indices[attr_id]
            if (start if index >= 0 else end) + index == i - lo:
                applied.add(attr_id)
        merged: dict = {}
        for attr_id in sorted(applied):
            merged.update(self.ruler.attrs[attr_id])
        return merged or None

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class FastLemmatizer:
    def __init__(self, lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lem = self.lemmatizer
        if not lem._validated or lem.overwrite:
            return lem(doc)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        cache = self._cache
        strings = self.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(arr):
            if lemma != 0:
                continue
            key = (orth, pos, morph)
            h = cache.get(key)
            if h is None:
                h = strings.add(lem.lemmatize(doc[i])[0])
                if len(cache) >= CACHE_CAP:
                    cache.clear()
                cache[key] = h
            doc[i].lemma = h
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def accelerate(nlp: Language) -> list[str]:
    """Give ``nlp.pipe`` the fast attribute ruler and lemmatizer where the model allows; the names
    of the components that got one."""
    done = []
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if not getattr(ruler, "_polevent_fast", False):
            try:
                fast = FastAttributeRuler(nlp, ruler)
            except ValueError:
                fast = None
            if fast is not None:
                ruler.pipe = fast.pipe
                ruler._polevent_fast = True
                done.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lem = nlp.get_pipe("lemmatizer")
        if getattr(lem, "mode", None) == "rule" and not getattr(lem, "_polevent_fast", False):
            fast_lem = FastLemmatizer(lem)
            lem.pipe = fast_lem.pipe
            lem._polevent_fast = True
            done.append("lemmatizer")
    return done
