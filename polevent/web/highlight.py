"""Where the source, target and trigger of an event are in its sentence.

The coder keeps the words it read (``source_text``, ``target_text``, ``trigger``) but not their
character offsets, so the spans are found again here: an actor's text as a whole phrase (first
occurrence, case-insensitive, on word boundaries), the trigger as a whole phrase or else word by
word in order (a trigger such as "sent message" is spread over "sent a New Year message").
Overlapping spans are dropped, the first role to claim characters keeps them (source, then
target, then trigger). Text that is not in the sentence (an actor found by coreference) simply
gets no span.

The result is a list of segments ``{"text": ..., "role": None | "source" | "target" | "trigger"}``
covering the sentence exactly; templates print each segment escaped, so nothing in the sentence
is ever read as HTML.
"""
from __future__ import annotations

import re
from typing import Iterable

ROLES = ("source", "target", "trigger")


def _phrase(words: Iterable[str]) -> re.Pattern[str] | None:
    words = [w for w in words if w]
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    # word boundaries only where the phrase starts or ends with a word character ("U.S." ends in ".")
    left = r"\b" if re.match(r"\w", words[0]) else ""
    right = r"\b" if re.search(r"\w$", words[-1]) else ""
    return re.compile(left + body + right, re.IGNORECASE)


def _free(taken: list[tuple[int, int, str]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e, _ in taken)


def _claim(sentence: str, pattern: re.Pattern[str] | None, taken: list[tuple[int, int, str]],
           role: str, after: int = 0) -> int | None:
    """Take the first free match of ``pattern`` at or after ``after``; return its end."""
    if pattern is None:
        return None
    for m in pattern.finditer(sentence, after):
        if m.end() > m.start() and _free(taken, m.start(), m.end()):
            taken.append((m.start(), m.end(), role))
            return m.end()
    return None


def spans(sentence: str, source_text: str | None, target_text: str | None,
          trigger: str | None) -> list[tuple[int, int, str]]:
    """(start, end, role) of each highlighted part, sorted by start."""
    sentence = sentence or ""
    taken: list[tuple[int, int, str]] = []
    for role, text in (("source", source_text), ("target", target_text)):
        if text and text.strip():
            _claim(sentence, _phrase(text.split()), taken, role)
    if trigger and trigger.strip():
        words = trigger.split()
        if _claim(sentence, _phrase(words), taken, "trigger") is None and len(words) > 1:
            pos = 0
            for word in words:
                end = _claim(sentence, _phrase([word]), taken, "trigger", pos)
                if end is not None:
                    pos = end
    return sorted(taken)


def segments(sentence: str, source_text: str | None, target_text: str | None,
             trigger: str | None) -> list[dict[str, str | None]]:
    """The sentence cut into plain and highlighted segments (their texts join to the sentence)."""
    sentence = sentence or ""
    out: list[dict[str, str | None]] = []
    pos = 0
    for start, end, role in spans(sentence, source_text, target_text, trigger):
        if start > pos:
            out.append({"text": sentence[pos:start], "role": None})
        out.append({"text": sentence[start:end], "role": role})
        pos = end
    if pos < len(sentence) or not out:
        out.append({"text": sentence[pos:], "role": None})
    return out


__all__ = ["ROLES", "segments", "spans"]
