"""Ingest: turn the user's inputs into clean Documents, reporting bad input as InputError.

Errors are yielded, never raised, so that one broken article in a large batch is reported on
one line while the rest still get coded. Everything is a generator: the pipeline can start
coding the first document before the last file has been read.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from polevent.ingest.boilerplate import clean_text, is_boilerplate
from polevent.ingest.dates_in import parse_published
from polevent.ingest.html import read_html_file
from polevent.ingest.jsonl import STDIN_NAME, read_jsonl_file, read_jsonl_stream
from polevent.ingest.text import read_text_file
from polevent.model import Document, InputError

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = frozenset({".txt"})
DIRECTORY_SUFFIXES = JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES


def read_inputs(inputs: list[str], published: date | None = None) -> Iterator[Document | InputError]:
    """Yield documents from every input, in the order given.

    ``published`` is the fallback date for documents that carry none of their own (for HTML
    files it is taken in preference to the page's markup, as the user said so explicitly).
    """
    for spec in inputs:
        if spec == "-":
            yield from read_stdin(published)
            continue
        path = Path(spec)
        try:
            if path.is_dir():
                for found in walk_directory(spec):
                    if isinstance(found, InputError):
                        yield found
                    else:
                        yield from read_file(found, published)
            elif path.exists():
                yield from read_file(spec, published)
            else:
                yield InputError(spec, None, "no such file or directory")
        except OSError as err:  # e.g. a path component without search permission
            yield InputError(spec, None, f"cannot read: {err.strerror or err}")


def read_stdin(published: date | None = None) -> Iterator[Document | InputError]:
    """Stdin is always JSON Lines; bytes are preferred so that decoding errors stay per line."""
    stream = getattr(sys.stdin, "buffer", None) or sys.stdin
    try:
        yield from read_jsonl_stream(stream, STDIN_NAME, published)
    except (OSError, UnicodeDecodeError) as err:  # a text-mode stdin fails as a whole
        yield InputError(STDIN_NAME, None, f"cannot read stdin: {err}")


def read_file(path: str, published: date | None = None) -> Iterator[Document | InputError]:
    """Dispatch on the extension; anything unrecognised given explicitly is read as text."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, published)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, published)
    else:
        yield read_text_file(path, published)


def walk_directory(root: Path | str) -> Iterator[str | InputError]:
    """Input files under ``root`` depth-first in name order, so runs are reproducible.

    Entries are sorted by name and a subdirectory is visited at its place in that order
    ("a.txt", "b/x.txt", "c.txt"), as ``find | sort`` would list them. Hidden entries
    (".git", ".cache") and files with other extensions are skipped; symlinked directories are
    not followed, which rules out cycles. An unlistable directory is reported and skipped.
    """
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(str(root), None, f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from walk_directory(entry.path)
        elif is_file and Path(entry.name).suffix.lower() in DIRECTORY_SUFFIXES:
            yield entry.path


__all__ = [
    "read_inputs", "read_stdin", "read_file", "walk_directory",
    "clean_text", "is_boilerplate", "parse_published",
    "Document", "InputError",
]
