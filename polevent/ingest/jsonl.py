"""JSON Lines input: one article object per line, read as a stream.

Corpora in this format run to millions of lines, so the file is never loaded whole, and each
line is decoded on its own from bytes: a stray Latin-1 byte or a truncated write then costs one
document, not the rest of the file.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO, TextIO

from polevent.ingest.boilerplate import clean_text
from polevent.ingest.dates_in import parse_published
from polevent.ingest.html import NO_ARTICLE, extract_article, page_date
from polevent.model import Document, InputError

STDIN_NAME = "<stdin>"
_OPTIONAL_STRINGS = ("url", "title", "source")


def read_jsonl_file(path: str, published: date | None = None) -> Iterator[Document | InputError]:
    """Stream one file; an unreadable file is reported once and ends that file only."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by the with below, inside the generator
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    with handle:
        try:
            yield from read_jsonl_stream(handle, path, published)
        except OSError as err:
            yield InputError(path, None, f"read error: {err.strerror or err}")


def read_jsonl_stream(stream: BinaryIO | TextIO | Iterable[bytes | str], name: str,
                      published: date | None = None) -> Iterator[Document | InputError]:
    """Parse line by line from any iterable of lines (a binary file, stdin, a test list)."""
    for lineno, raw in enumerate(stream, start=1):
        item = parse_line(raw, name, lineno, published)
        if item is not None:
            yield item


def _decode(raw: bytes | str, lineno: int) -> str:
    """Bytes to text; a text stream (stdin without .buffer) arrives already decoded."""
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff") if lineno == 1 else raw
    if lineno == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    return raw.decode("utf-8")


def parse_line(raw: bytes | str, name: str, lineno: int,
               published: date | None = None) -> Document | InputError | None:
    """One line to a Document or a precise error; None for a blank line (allowed, skipped)."""
    nul = b"\x00" if isinstance(raw, bytes) else "\x00"
    if nul in raw:  # type: ignore[operator]
        return InputError(name, lineno, "NUL byte in line")
    try:
        text = _decode(raw, lineno)
    except UnicodeDecodeError as err:
        return InputError(name, lineno, f"line is not valid UTF-8 (byte {err.start + 1})")
    if not text.strip():
        return None
    try:
        obj = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        return InputError(name, lineno, f"malformed JSON: {err.msg} (column {err.pos + 1})")
    except RecursionError:
        return InputError(name, lineno, "malformed JSON: nested too deeply")
    if not isinstance(obj, dict):
        return InputError(name, lineno, f"not a JSON object (got {_json_type(obj)})")
    return _document(obj, name, lineno, published)


def _json_type(value: Any) -> str:
    """JSON's names for types, since the user wrote JSON, not Python."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", int: "number",
            float: "number"}.get(type(value), type(value).__name__)


def _document(obj: dict[str, Any], name: str, lineno: int,
              published: date | None) -> Document | InputError:
    """Validate fields in the order that makes the message most useful: id first."""
    raw_id = obj.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float)):
        if raw_id is None:
            return InputError(name, lineno, "missing id")
        return InputError(name, lineno, f"id must be a string or number, got {_json_type(raw_id)}")
    doc_id = str(raw_id).strip()
    if not doc_id:
        return InputError(name, lineno, "missing id")

    def fail(reason: str) -> InputError:
        return InputError(name, lineno, reason, doc_id=doc_id)

    extras: dict[str, str | None] = {}
    for key in _OPTIONAL_STRINGS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return fail(f"{key} must be a string, got {_json_type(value)}")
        extras[key] = (value.strip() or None) if isinstance(value, str) else None

    own_date = obj.get("published")
    when: date | None
    if own_date is None:
        when = published
    elif not isinstance(own_date, str):
        return fail(f"bad published date: expected a string, got {_json_type(own_date)}")
    else:
        try:
            when = parse_published(own_date)
        except ValueError:
            return fail(f"bad published date {own_date!r} (want YYYY-MM-DD or ISO datetime)")

    body_key = next((k for k in ("text", "html") if obj.get(k) is not None), None)
    if body_key is None:
        return fail("missing text or html")
    body = obj[body_key]
    if not isinstance(body, str):
        return fail(f"{body_key} must be a string, got {_json_type(body)}")
    if "\x00" in body:
        return fail(f"NUL character in {body_key}")

    title = extras["title"]
    if body_key == "text":
        if when is None:
            return fail("missing published date (pass --published)")
        text = clean_text(body)
        if not text:
            return fail("empty text after cleaning")
    else:
        extracted = extract_article(body)
        if extracted is None:
            return fail("cannot parse html")
        if not extracted.text:
            return fail(NO_ARTICLE)
        text = extracted.text
        title = title or extracted.title
        # The record's own date and then --published come before the page's markup, as
        # for .html files: the caller's metadata is more deliberate than page scraping.
        when = when or page_date(body)
        if when is None:
            return fail("missing published date (none in record or page; pass --published)")

    return Document(id=doc_id, text=text, published=when, url=extras["url"], title=title,
                    source=extras["source"], origin=f"{name}:{lineno}")


__all__ = ["read_jsonl_file", "read_jsonl_stream", "parse_line", "STDIN_NAME"]
