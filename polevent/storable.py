"""Strings made storable at the edge: every id, text and path that reaches the store, the events
file or the errors file can be written as UTF-8.

Two kinds of string cannot be: a JSON ``\\ud800`` escape decodes to a lone surrogate, and a file
name with bytes that are not UTF-8 reaches Python as surrogate escapes (PEP 383). Either one used
to end the whole run inside the store's encoder, losing the batch in progress. Here:

* a path becomes text with a lossless escape (``escape_path``): backslash is ``\\\\``, a byte
  that is not UTF-8 is ``\\xNN``, so two different file names never give the same document id;
* a document whose id is not valid Unicode is reported and skipped (replacing its surrogates
  could give it another document's id);
* surrogates in a document's text, title, url or source are replaced by U+FFFD, with a warning.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace

from .model import Document, InputError

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def has_surrogates(value: str) -> bool:
    return _SURROGATE.search(value) is not None


def escape_path(path: str) -> str:
    """A path as valid text, losslessly: ``\\`` becomes ``\\\\`` and every byte of the file name
    that is not UTF-8 becomes ``\\xNN``. Paths with neither are returned unchanged."""
    if "\\" not in path and not has_surrogates(path):
        return path
    raw = os.fsencode(path)
    out: list[str] = []
    i = 0
    while i < len(raw):
        # The longest valid UTF-8 run from i, then one undecodable byte.
        try:
            out.append(raw[i:].decode("utf-8").replace("\\", "\\\\"))
            break
        except UnicodeDecodeError as err:
            out.append(raw[i:i + err.start].decode("utf-8").replace("\\", "\\\\"))
            out.append(f"\\x{raw[i + err.start]:02x}")
            i += err.start + 1
    return "".join(out)


def clean(value: str) -> str:
    """Any string with its lone surrogates replaced by U+FFFD (for messages and reports)."""
    return _SURROGATE.sub(REPLACEMENT, value) if has_surrogates(value) else value


def storable_document(doc: Document) -> Document | InputError:
    """The document with every string storable, or the error that skips it (bad id)."""
    where, _, line = doc.origin.rpartition(":")
    path, lineno = (where, int(line)) if line.isdigit() else (doc.origin or doc.id, None)
    if has_surrogates(doc.id):
        return InputError(clean(path), lineno, "id is not valid Unicode (a lone surrogate such as \\ud800)",
                          doc_id=clean(doc.id))
    changes: dict[str, str] = {}
    for name in ("text", "title", "url", "source"):
        value = getattr(doc, name)
        if isinstance(value, str) and has_surrogates(value):
            changes[name] = clean(value)
    if not changes:
        return doc
    note = (f"{', '.join(changes)} held characters that are not valid Unicode (lone surrogates); "
            f"replaced by U+FFFD")
    return replace(doc, **changes, warnings=(*doc.warnings, note))


__all__ = ["REPLACEMENT", "clean", "escape_path", "has_surrogates", "storable_document"]
