"""What the user said about reading: the fallback date, the limits, the table columns, stdin.

One frozen value passed to every reader, so that a new reader needs no new parameters and the
command line maps onto it one option to one field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from polevent.limits import MAX_DOCUMENT_CHARS

# Bytes of one input document read before it is refused: a page, a JSON line, a table cell, a
# WARC record's payload. News pages run to a few hundred KB, rarely past 2 MB (Common Crawl
# cuts its records at 1 MiB); anything far larger is a dump or an attack, and parsing it would
# cost memory and minutes for text that --max-chars then throws away.
MAX_INPUT_BYTES = 5_000_000
# Seconds that extracting one page's article may take (the command passes --document-seconds).
EXTRACT_SECONDS = 60.0
STDIN_FORMATS = ("jsonl", "text", "html")


@dataclass(frozen=True)
class Columns:
    """Which table columns hold what; text is used when present, else html."""

    text: str = "text"
    id: str = "id"
    date: str = "published"
    html: str = "html"


@dataclass(frozen=True)
class ReadOptions:
    """Everything the readers need besides the input itself."""

    published: date | None = None           # fallback date: a document's own date wins
    max_chars: int = MAX_DOCUMENT_CHARS     # characters of a document kept (the rest is not read)
    max_input_bytes: int = MAX_INPUT_BYTES  # bytes of one document read before it is refused
    extract_seconds: float = EXTRACT_SECONDS  # time budget for one page's extraction (0: none)
    stdin_format: str = "jsonl"
    columns: Columns = field(default_factory=Columns)

    def __post_init__(self) -> None:
        if self.stdin_format not in STDIN_FORMATS:
            raise ValueError(f"unknown stdin format {self.stdin_format!r} ({', '.join(STDIN_FORMATS)})")

    @property
    def text_bytes(self) -> int:
        """Bytes of a plain-text input that always hold max_chars characters (4 bytes per
        character at most in UTF-8, UTF-16 and UTF-32), so a text file is read this far only."""
        return 4 * self.max_chars + 4


__all__ = ["Columns", "ReadOptions", "MAX_INPUT_BYTES", "EXTRACT_SECONDS", "STDIN_FORMATS"]
