"""Plain-text articles: one file is one document.

A text file carries no metadata, so the file path is the only stable id and the date must come
from the command line. Decoding is strict UTF-8 (or UTF-16 when a byte-order mark says so):
guessing a legacy encoding would turn names
into mojibake that the actor dictionaries then fail to match, silently losing events.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from polevent.ingest.boilerplate import clean_text
from polevent.model import Document, InputError

MAX_TITLE_CHARS = 200
NO_DATE = "no publication date (pass --published)"


def decode_utf8(data: bytes, path: str) -> str | InputError:
    """Decode a whole file, reporting where it stops being text so the user can look."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A UTF-16 byte-order mark names its encoding outright (Windows tools write it), so
        # decoding it is no guess.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            return InputError(path, None, f"bad UTF-16 text at byte {err.start}")
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputError(path, data.count(b"\n", 0, nul) + 1, "binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(path, data.count(b"\n", 0, err.start) + 1, "not UTF-8 text")


def guess_title(text: str) -> str | None:
    """The first line is a headline when it is short and not a finished sentence."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) < MAX_TITLE_CHARS and not line.endswith("."):
                return line
            return None
    return None


def read_text_file(path: str, published: date | None = None) -> Document | InputError:
    """Read one text file; the headline stays in the text because it often states the event."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return InputError(path, None, f"cannot read file: {err.strerror or err}")
    decoded = decode_utf8(data, path)
    if isinstance(decoded, InputError):
        return decoded
    if published is None:
        return InputError(path, None, NO_DATE, doc_id=path)
    text = clean_text(decoded)
    if not text:
        return InputError(path, None, "empty text after cleaning", doc_id=path)
    return Document(id=path, text=text, published=published, title=guess_title(text),
                    origin=path)


__all__ = ["read_text_file", "decode_utf8", "guess_title", "NO_DATE"]
