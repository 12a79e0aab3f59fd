"""One record (a JSON object, a table row) to a Document: the fields and their checks.

JSON Lines and tables carry the same fields (id, text or html, published, url, title, source),
so they share one validation: the same corpus as JSON Lines, CSV or Parquet gives the same
documents, and the same bad value gets the same message.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from polevent.ingest.boilerplate import clean_text
from polevent.ingest.dates_in import parse_published
from polevent.ingest.html import page_document
from polevent.ingest.options import Columns, ReadOptions
from polevent.model import Document, InputError, InputWarning

OPTIONAL_STRINGS = ("url", "title", "source")
NO_RECORD_DATE = "missing published date (none in record or page; pass --published)"


def json_type(value: Any) -> str:
    """JSON's names for types, since the user wrote JSON (or a table), not Python."""
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return {dict: "object", list: "array", str: "string", int: "number",
            float: "number"}.get(type(value), type(value).__name__)


def record_documents(obj: Mapping[str, Any], name: str, lineno: int, options: ReadOptions,
                     keys: Mapping[str, str] | None = None) -> Iterator[Document | InputError | InputWarning]:
    """Validate fields in the order that makes the message most useful: id first.

    ``keys`` maps the field names (id, text, html, published) to the record's own names, for
    tables whose columns are named otherwise (--id-column ...); messages use the record's names.
    """
    key = {"id": "id", "text": "text", "html": "html", "published": "published", **(keys or {})}
    raw_id = obj.get(key["id"])
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, float)):
        if raw_id is None:
            yield InputError(name, lineno, "missing id" if key["id"] == "id" else f"missing id ({key['id']})")
        else:
            yield InputError(name, lineno, f"id must be a string or number, got {json_type(raw_id)}")
        return
    doc_id = str(raw_id).strip()
    if not doc_id:
        yield InputError(name, lineno, "missing id")
        return

    def fail(reason: str) -> InputError:
        return InputError(name, lineno, reason, doc_id=doc_id)

    extras: dict[str, str | None] = {}
    for field in OPTIONAL_STRINGS:
        value = obj.get(field)
        if value is not None and not isinstance(value, str):
            yield fail(f"{field} must be a string, got {json_type(value)}")
            return
        extras[field] = (value.strip() or None) if isinstance(value, str) else None

    own_date = obj.get(key["published"])
    when: date | None = None
    if isinstance(own_date, datetime):    # a table's timestamp column: the date as written
        when = own_date.date()
    elif isinstance(own_date, date):
        when = own_date
    elif own_date is not None and not isinstance(own_date, str):
        yield fail(f"bad published date: expected a string, got {json_type(own_date)}")
        return
    elif isinstance(own_date, str):
        try:
            when = parse_published(own_date)
        except ValueError:
            yield fail(f"bad published date {own_date!r} (want YYYY-MM-DD or ISO datetime)")
            return

    body_key = next((k for k in (key["text"], key["html"]) if obj.get(k) is not None), None)
    if body_key is None:
        yield fail("missing text or html" if (key["text"], key["html"]) == ("text", "html")
                   else f"missing text or html ({key['text']}, {key['html']})")
        return
    body = obj[body_key]
    if not isinstance(body, str):
        yield fail(f"{body_key} must be a string, got {json_type(body)}")
        return
    if "\x00" in body:
        yield fail(f"NUL character in {body_key}")
        return

    origin = f"{name}:{lineno}"
    if body_key == key["text"]:
        when = when or options.published
        if when is None:
            yield fail("missing published date (pass --published)")
            return
        text = clean_text(body)
        if not text:
            yield fail("empty text after cleaning")
            return
        yield Document(id=doc_id, text=text, published=when, url=extras["url"], title=extras["title"],
                       source=extras["source"], origin=origin)
        return
    yield from page_document(body, doc_id=doc_id, path=name, line=lineno, options=options, origin=origin,
                             own_date=when, url=extras["url"], title=extras["title"], source=extras["source"],
                             no_date=NO_RECORD_DATE)


def table_keys(columns: Columns, names: list[str]) -> dict[str, str] | str:
    """The field -> column mapping for a table with these column names, or why it cannot be read
    (no id column, or neither a text nor an html column), naming the options that fix it."""
    have = set(names)
    listed = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
    if columns.id not in have:
        return f"no id column {columns.id!r} (columns: {listed}; choose one with --id-column)"
    if columns.text not in have and columns.html not in have:
        return (f"no text column {columns.text!r} or html column {columns.html!r} (columns: {listed}; "
                f"choose one with --text-column or --html-column)")
    return {"id": columns.id, "text": columns.text, "html": columns.html, "published": columns.date}


def table_fields(columns: Columns) -> list[str]:
    """Every column a table reader looks at, in a fixed order."""
    return list(dict.fromkeys([columns.id, columns.text, columns.html, columns.date, *OPTIONAL_STRINGS]))


__all__ = ["record_documents", "json_type", "table_keys", "table_fields", "OPTIONAL_STRINGS", "NO_RECORD_DATE"]
