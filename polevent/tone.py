"""The tone of an event: how warm or hostile the words around its trigger are, in [-1, 1].

An event's Goldstein value comes from its CAMEO code alone, so a glowing letter and a cool note
are the same "010 make statement". Tone tells them apart from the words the article chose. It is
scored by VADER (``vaderSentiment``: a lexicon of about 7,500 rated words with rules for negation,
intensifiers, "but" and punctuation, shipped inside the package, so nothing is downloaded) on the
words of the event's sentence around its trigger: the trigger's words and up to ``WINDOW`` words
on each side, never crossing the sentence. A window rather than the whole sentence, because a
news sentence often carries two acts ("praised Moscow but warned Seoul") and each event should be
judged by its own words.

VADER's general lexicon misses much of the language of diplomacy ("congratulatory", "fraternal",
"estranged", "invasion") and knows no "omitted any praise" as a negation, so
``data/tone/diplomatic.tsv`` adds rated words on VADER's own scale and words that withhold what
follows (read as VADER's "not"); the file is data, extended without touching code.

Only what the ``Event`` record keeps is used (its ``sentence`` and ``trigger``), so the same
function scores events as they are coded and events of an older store during its migration, and
both get the same value.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# Words on each side of the trigger that are scored with it.
WINDOW = 8

_WORD = re.compile(r"\S+")
_STRIP = re.compile(r"^\W+|\W+$")


LEXICON = "diplomatic.tsv"


class ToneDataError(ValueError):
    """A malformed line in the tone lexicon; the message names the file and line."""


def load_additions(text: str, name: str = LEXICON) -> tuple[dict[str, float], frozenset[str]]:
    """(word -> valence, negators) from a ``kind word valence`` TSV (``#`` comments)."""
    words: dict[str, float] = {}
    negators: set[str] = set()
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\n").split("\t")
        if not header_seen:
            if cells[:2] != ["kind", "word"]:
                raise ToneDataError(f"{name}:{n}: header must be 'kind word valence'")
            header_seen = True
            continue
        kind, word = cells[0].strip(), (cells[1].strip().lower() if len(cells) > 1 else "")
        if not word or " " in word:
            raise ToneDataError(f"{name}:{n}: want one word in the second column")
        if kind == "negator":
            negators.add(word)
        elif kind == "word":
            try:
                value = float(cells[2])
            except (IndexError, ValueError):
                raise ToneDataError(f"{name}:{n}: want a valence number in the third column") from None
            if not -4.0 <= value <= 4.0:
                raise ToneDataError(f"{name}:{n}: valence {value} is outside VADER's -4..4")
            words[word] = value
        else:
            raise ToneDataError(f"{name}:{n}: unknown kind {kind!r} (word or negator)")
    return words, frozenset(negators)


@lru_cache(maxsize=1)
def _additions() -> tuple[dict[str, float], frozenset[str]]:
    text = (resources.files("polevent") / "data" / "tone" / LEXICON).read_text(encoding="utf-8")
    return load_additions(text)


@lru_cache(maxsize=1)
def analyzer() -> "SentimentIntensityAnalyzer":
    """VADER with polevent's additions, loaded once per process (its lexicon ships in the
    package; this instance's lexicon is its own copy, so other users of VADER are untouched)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    vader.lexicon.update(_additions()[0])
    return vader


def _bare(word: str) -> str:
    return _STRIP.sub("", word).lower()


def trigger_window(sentence: str, trigger: str | None, window: int = WINDOW) -> str:
    """The words of ``sentence`` from ``window`` words before the trigger to ``window`` after it.

    The trigger's words are looked up one by one (a trigger such as "sent message" is spread over
    "sent a warm message"); each is taken at its first occurrence after the previous one, else at
    its first occurrence anywhere. Without any trigger word in the sentence, the whole sentence.
    """
    words = _WORD.findall(sentence or "")
    if not words:
        return ""
    bare = [_bare(w) for w in words]
    found: list[int] = []
    pos = 0
    for t in (_bare(w) for w in (trigger or "").split()):
        if not t:
            continue
        hit = next((i for i in range(pos, len(bare)) if bare[i] == t), None)
        if hit is None:
            hit = next((i for i in range(len(bare)) if bare[i] == t), None)
        if hit is not None:
            found.append(hit)
            pos = hit + 1
    if not found:
        return " ".join(words)
    first = max(0, min(found) - window)
    last = min(len(words), max(found) + window + 1)
    return " ".join(words[first:last])


def tone(sentence: str, trigger: str | None, window: int = WINDOW) -> float:
    """VADER's compound score of the trigger's window of the sentence, in [-1, 1], 4 decimals."""
    text = trigger_window(sentence, trigger, window)
    if not text:
        return 0.0
    negators = _additions()[1]
    text = " ".join("not" if _bare(w) in negators else w for w in text.split())
    return round(float(analyzer().polarity_scores(text)["compound"]), 4) + 0.0


def gdelt_tone(value: float | None) -> float | None:
    """A tone in [-1, 1] on GDELT's AvgTone scale, -100 (extremely negative) to +100."""
    return None if value is None else round(100.0 * value, 2) + 0.0


__all__ = ["WINDOW", "ToneDataError", "analyzer", "load_additions", "gdelt_tone", "tone", "trigger_window"]
