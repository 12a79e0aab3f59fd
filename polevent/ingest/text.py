"""Plain-text articles: one file is one document, read only as far as --max-chars needs.

A text file carries no metadata, so the file path is the only stable id and the date must come
from the command line. A file is never read whole: 4 bytes per character of --max-chars always
hold enough text, so a 300 MB file or /dev/zero costs that much memory and no more. Text that is
not UTF-8 is decoded by detection, with a warning naming the guess (see decode.py).
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO

from polevent.ingest.boilerplate import clean_text
from polevent.ingest.decode import DecodeError, decode_bytes
from polevent.ingest.options import ReadOptions
from polevent.limits import truncate
from polevent.model import Document, InputError, InputWarning

MAX_TITLE_CHARS = 200
NO_DATE = "no publication date (pass --published)"


def guess_title(text: str) -> str | None:
    """The first line is a headline when it is short and not a finished sentence."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) < MAX_TITLE_CHARS and not line.endswith("."):
                return line
            return None
    return None


def read_head(handle: BinaryIO, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes, and whether the input goes on past them."""
    data = handle.read(limit)
    return data, bool(handle.read(1))


def text_documents(data: bytes, more: bool, name: str, options: ReadOptions,
                   size: int | None = None) -> Iterator[Document | InputError | InputWarning]:
    """The head of one text input (``more``: the input goes on) to a Document after its warnings.

    The headline stays in the text because it often states the event.
    """
    try:
        decoded = decode_bytes(data, final=not more)
    except DecodeError as err:
        yield InputError(name, err.line, err.reason)
        return
    if decoded.guessed:
        yield InputWarning(name, None, decoded.warning() or "")
    if options.published is None:
        yield InputError(name, None, NO_DATE, doc_id=name)
        return
    text = clean_text(decoded.text)
    if more:  # (a text read whole but longer than max_chars is cut by read_inputs, as any other)
        text = truncate(text, options.max_chars)
        total = f"{size:,} bytes" if size else f"more than {len(data):,} bytes"
        yield InputWarning(name, None, f"text of {total} cut to {options.max_chars:,} characters "
                                       f"(--max-chars); the rest was not read", doc_id=name)
    if not text:
        yield InputError(name, None, "empty text after cleaning", doc_id=name)
        return
    yield Document(id=name, text=text, published=options.published, title=guess_title(text), origin=name)


def read_text_file(path: str, options: ReadOptions | None = None) -> Iterator[Document | InputError | InputWarning]:
    """Read the head of one text file (see the module docstring)."""
    options = options or ReadOptions()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # 0 for devices and pipes: unknown
            data, more = read_head(handle, options.text_bytes)
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    yield from text_documents(data, more, path, options, size)


__all__ = ["read_text_file", "text_documents", "read_head", "guess_title", "NO_DATE"]
