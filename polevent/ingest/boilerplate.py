"""Remove web boilerplate lines and normalise whitespace before any language processing.

Scraped articles end in comment forms, share buttons and cookie notices. Left in, they become
"sentences" that the parser reads as events ("Leave a Reply" -> a request, "Follow us on X").
Removal is deliberately conservative: a line goes only if it is *entirely* boilerplate, because
dropping one real sentence loses events while keeping one widget line costs almost nothing.

Matching rule (the contract for polevent/data/boilerplate.txt): each pattern describes one
boilerplate phrase and is matched case-insensitively with ``re.fullmatch`` against the stripped
line. A line is removed when either the whole line is one phrase, or the line splits (on
``|``, ``·``, ``•``, runs of 2+ spaces, and after sentence-ending punctuation) into pieces that
are each a phrase - e.g. "Your email address will not be published. Required fields are
marked *". The split is done in Python rather than with a repeated regex group so that a
hostile line cannot trigger exponential backtracking.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

PATTERN_FILE = Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt"

# Real paragraphs are long; widget text is short. Anything longer is never treated as
# boilerplate, which also bounds the regex work per line.
MAX_BOILERPLATE_LINE = 400

_PIECE_SPLIT = re.compile(r"\s*[|·•]\s*|(?<=[.!?*:…])\s+|\s{2,}")


def load_patterns(path: Path = PATTERN_FILE) -> list[str]:
    """Read the pattern file, so the list can be extended without touching code."""
    patterns: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            patterns.append(line)
    return patterns


@lru_cache(maxsize=1)
def _compiled() -> re.Pattern[str]:
    """Compile once per process: the filter runs on every line of every document."""
    patterns = load_patterns()
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:  # a broken data file is a packaging bug: name the culprit
            raise ValueError(f"bad pattern in {PATTERN_FILE}: {pattern!r}: {err}") from None
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True when the line is nothing but boilerplate phrases (see the module docstring)."""
    text = line.strip()
    if not text or len(text) > MAX_BOILERPLATE_LINE:
        return False
    regex = _compiled()
    if regex.fullmatch(text):
        return True
    pieces = [p for p in _PIECE_SPLIT.split(text) if p]
    return len(pieces) > 1 and all(regex.fullmatch(p) for p in pieces)


def clean_text(text: str) -> str:
    """Drop boilerplate lines and normalise layout, keeping paragraph breaks.

    Lines are stripped and runs of blank lines become one blank line, because the sentence
    splitter treats a blank line as a hard paragraph boundary; leading and trailing blank
    lines are dropped so that an all-boilerplate text comes back as "".
    """
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        if is_boilerplate(line):
            # Removing a widget between two paragraphs must not glue them together.
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


__all__ = ["clean_text", "is_boilerplate", "load_patterns", "PATTERN_FILE"]
