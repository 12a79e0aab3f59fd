"""Ingest: turn the user's inputs into clean Documents, reporting bad input as InputError.

Errors are yielded, never raised, so that one broken article in a large batch is reported on
one line while the rest still get coded; warnings (a guessed encoding, a page date that
overrides --published, a thin extraction) are yielded as InputWarning just before the
document they concern. Everything is a generator: the pipeline can start coding the first
document before the last file has been read, and no reader holds more than one document.

One module per format; this one picks the reader by file name, walks directories, and cuts
every document to --max-chars, so that the text stored is the text coded.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from polevent.ingest.boilerplate import clean_text, is_boilerplate
from polevent.ingest.csvfile import read_csv_file
from polevent.ingest.dates_in import parse_published
from polevent.ingest.html import page_document, read_html_file
from polevent.ingest.jsonl import STDIN_NAME, read_jsonl_file, read_jsonl_stream
from polevent.ingest.options import Columns, ReadOptions
from polevent.ingest.parquet import read_parquet_file
from polevent.ingest.text import read_head, read_text_file, text_documents
from polevent.ingest.warc import read_warc_file
from polevent.limits import truncate
from polevent.model import Document, InputError, InputWarning

Item = Document | InputError | InputWarning
Reader = Callable[[str, ReadOptions], Iterator[Item]]

_JSONL = tuple(base + packed for base in (".jsonl", ".ndjson") for packed in ("", ".gz", ".bz2", ".xz", ".zst"))
# File name endings and their readers, longest first where one ends another (.warc.gz, .gz).
FORMATS: tuple[tuple[str, Reader], ...] = (
    *((suffix, read_jsonl_file) for suffix in _JSONL),
    (".warc", read_warc_file), (".warc.gz", read_warc_file),
    (".parquet", read_parquet_file), (".csv", read_csv_file),
    (".html", read_html_file), (".htm", read_html_file),
    (".txt", read_text_file),
)
# What a directory run reads; other files are skipped and counted.
DIRECTORY_SUFFIXES = frozenset(suffix for suffix, _ in FORMATS)


def reader_for(path: str) -> Reader | None:
    """The reader a file's name asks for, or None when the name says nothing we read."""
    name = path.lower()
    return next((reader for suffix, reader in FORMATS if name.endswith(suffix)), None)


def read_inputs(inputs: list[str], published: date | None = None,
                options: ReadOptions | None = None) -> Iterator[Item]:
    """Yield documents (and errors and warnings) from every input, in the order given.

    ``options.published`` (or ``published``) is the fallback date for documents that carry
    none of their own: a JSON field, a table column, a page's metadata or a WARC date wins.
    """
    options = options or ReadOptions(published=published)
    if published is not None and options.published is None:
        options = replace(options, published=published)
    for spec in inputs:
        for item in _read_spec(spec, options):
            yield from _within_limit(item, options.max_chars)


def _read_spec(spec: str, options: ReadOptions) -> Iterator[Item]:
    if spec == "-":
        yield from read_stdin(options)
        return
    path = Path(spec)
    try:
        if path.is_dir():
            skipped: Counter[str] = Counter()
            for found in walk_directory(spec, skipped):
                if isinstance(found, InputError):
                    yield found
                else:
                    yield from read_file(found, options)
            if skipped:
                yield InputWarning(spec, None, skipped_line(skipped))
        elif path.exists():
            yield from read_file(spec, options)
        else:
            yield InputError(spec, None, "no such file or directory")
    except OSError as err:  # e.g. a path component without search permission
        yield InputError(spec, None, f"cannot read: {err.strerror or err}")


def _within_limit(item: Item, max_chars: int) -> Iterator[Item]:
    """A document longer than --max-chars is cut here, once, with a warning: what is stored and
    hashed for --resume is then exactly what was coded."""
    if isinstance(item, Document) and len(item.text) > max_chars:
        yield InputWarning(*_where(item), f"text of {len(item.text):,} characters cut to {max_chars:,}",
                           doc_id=item.id)
        item = replace(item, text=truncate(item.text, max_chars))
    yield item


def _where(doc: Document) -> tuple[str, int | None]:
    path, _, line = doc.origin.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (doc.origin or doc.id, None)


def skipped_line(skipped: Counter[str]) -> str:
    """One line for the files a directory run passed over, counted by type."""
    total = sum(skipped.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"skipped {total:,} file{'s' if total != 1 else ''} not read as input ({kinds})"


def read_stdin(options: ReadOptions | None = None) -> Iterator[Item]:
    """Stdin in the format --stdin-format names: JSON Lines (default), one text, or one page.
    Bytes are preferred so that decoding stays per line (or is detected, for text and HTML)."""
    options = options or ReadOptions()
    stream = getattr(sys.stdin, "buffer", None) or sys.stdin
    try:
        if options.stdin_format == "jsonl":
            yield from read_jsonl_stream(stream, STDIN_NAME, options)
            return
        limit = options.text_bytes if options.stdin_format == "text" else options.max_input_bytes + 1
        data, more = read_head(stream, limit)
        if isinstance(data, str):  # a text-mode stdin without a buffer (tests, embedding)
            data = data.encode("utf-8")
        if options.stdin_format == "text":
            yield from text_documents(data, more, STDIN_NAME, options)
        elif more:
            yield InputError(STDIN_NAME, None, f"page over the size limit ({options.max_input_bytes:,}; "
                                               f"--max-input-bytes); skipped")
        else:
            yield from page_document(data, doc_id=STDIN_NAME, path=STDIN_NAME, line=None, options=options)
    except (OSError, UnicodeDecodeError) as err:  # a text-mode stdin fails as a whole
        yield InputError(STDIN_NAME, None, f"cannot read stdin: {err}")


def read_file(path: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Dispatch on the name; anything unrecognised given explicitly is read as text."""
    options = options or ReadOptions()
    yield from (reader_for(path) or read_text_file)(path, options)


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return suffix if suffix else "without extension"


def walk_directory(root: Path | str, skipped: Counter[str] | None = None) -> Iterator[str | InputError]:
    """Input files under ``root`` depth-first in name order, so runs are reproducible.

    Entries are sorted by name and a subdirectory is visited at its place in that order
    ("a.txt", "b/x.txt", "c.txt"), as ``find | sort`` would list them. Hidden entries
    (".git", ".cache") are passed over; files whose names we do not read are counted by type in
    ``skipped``; symlinked directories are not followed, which rules out cycles. An unlistable
    directory is reported and skipped.
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
            yield from walk_directory(entry.path, skipped)
        elif is_file and reader_for(entry.name) is not None:
            yield entry.path
        elif skipped is not None:
            skipped[_kind(entry.name) if is_file else "not a regular file"] += 1


__all__ = [
    "read_inputs", "read_stdin", "read_file", "reader_for", "walk_directory", "skipped_line",
    "clean_text", "is_boilerplate", "parse_published", "ReadOptions", "Columns",
    "Document", "InputError", "InputWarning", "FORMATS",
]
