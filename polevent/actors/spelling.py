"""Misspelled country names in news copy ("Ethopia", "Quatar", "Phillippines").

A capitalised word that matches no known name may be a country name or demonym one typing slip
away. The guess is taken only when it is safe: one state within reach and no other state close
behind (so "Irak" is neither Iran nor Iraq, and Austria is never Australia), the word is not one
the language model already knows ("Oman" vs "Omar", "Koran" vs "Korean"), and never for short
words. All names are indexed once by their deletion variants (the symmetric-delete method), so a
look-up is a handful of dictionary probes, and answers are cached per spelling.
"""
from __future__ import annotations

from itertools import combinations

MIN_LEN = 5          # shorter words are too easily another word
LONG_LEN = 9         # names this long may carry two slips


def _deletes(word: str, depth: int) -> set[str]:
    out = {word}
    n = len(word)
    for k in range(1, depth + 1):
        if n - k < 2:
            break
        for idx in combinations(range(n), k):
            out.add("".join(ch for i, ch in enumerate(word) if i not in idx))
    return out


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent transpositions)."""
    if a == b:
        return 0
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


class SpellingIndex:
    """Single-word country names and demonyms, found again through one or two typing slips."""

    def __init__(self, names: dict[str, tuple[str, str]], known_words: set[str]) -> None:
        # names: surface -> (kind, ISO3); known_words: lowercase words that are spelled right.
        self.names: dict[str, tuple[str, str]] = {}
        for surface, value in names.items():
            if surface.isalpha() and len(surface) >= MIN_LEN - 1:
                self.names[surface.lower()] = value
        self.index: dict[str, set[str]] = {}
        for word in self.names:
            for variant in _deletes(word, 2):
                self.index.setdefault(variant, set()).add(word)
        self.known_words = known_words
        self.cache: dict[str, tuple[str, str] | None] = {}

    def guess(self, text: str) -> tuple[str, str] | None:
        """(kind, ISO3) of the one country or demonym ``text`` misspells, else None."""
        if text in self.cache:
            return self.cache[text]
        self.cache[text] = found = self._guess(text)
        return found

    def _guess(self, text: str) -> tuple[str, str] | None:
        word = text.lower()
        if len(word) < MIN_LEN or not text[:1].isupper() or not text.isalpha() or word in self.known_words:
            return None
        near: dict[str, int] = {}
        for variant in _deletes(word, 2):
            for cand in self.index.get(variant, ()):
                if cand not in near:
                    near[cand] = distance(word, cand)
        near = {c: d for c, d in near.items() if d <= 2}
        # A slip seldom hits the first letter, so the guess keeps it; rivals need not.
        same_start = [d for c, d in near.items() if c[0] == word[0]]
        if not same_start:
            return None
        best = min(same_start)
        allowed = 1 if len(word) < LONG_LEN else 2
        if best == 0 or best > allowed:
            return None
        states = {self.names[c][1] for c, d in near.items() if d == best}
        if len(states) != 1:
            return None
        iso = states.pop()
        margin = best + 1 if len(word) < LONG_LEN else best
        if any(self.names[c][1] != iso for c, d in near.items() if d <= margin):
            return None  # another state is nearly as close: "Irak", "Austrlia"
        cand = min((c for c, d in near.items() if d == best and c[0] == word[0]), key=lambda c: (self.names[c][0] != "country", c))
        return self.names[cand]
