"""JSON Lines input: one article object per line, read as a stream, plain or compressed.

Corpora in this format run to millions of lines, so the file is never loaded whole, and each
line is decoded on its own from bytes: a stray Latin-1 byte or a truncated write then costs one
document, not the rest of the file. ``.gz``, ``.bz2``, ``.xz`` and ``.zst`` files are
decompressed as they are read, and no line is kept past --max-input-bytes, so a compressed bomb
costs one error line, not the machine's memory.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from polevent.ingest.options import ReadOptions
from polevent.ingest.record import json_type, record_documents
from polevent.ingest.streams import CORRUPT, LongLine, capped_lines, corrupt_reason, open_stream
from polevent.model import Document, InputError, InputWarning

STDIN_NAME = "<stdin>"

Item = Document | InputError | InputWarning


def read_jsonl_file(path: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Stream one file; an unreadable or corrupt file is reported once and ends that file only."""
    try:
        handle = open_stream(path)
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    with handle:
        yield from read_jsonl_stream(handle, path, options)


def read_jsonl_stream(stream: BinaryIO | TextIO | Iterable[bytes | str], name: str,
                      options: ReadOptions | None = None) -> Iterator[Item]:
    """Parse line by line from any stream of lines (a binary file, stdin, a test list).

    A file-like stream is read with a cap on one line's bytes; a plain iterable is trusted to
    have been bounded by whoever made it.
    """
    options = options or ReadOptions()
    lineno = 0
    lines: Iterable[bytes | str | LongLine]
    lines = capped_lines(stream, options.max_input_bytes) if hasattr(stream, "readline") else stream
    try:
        for lineno, raw in enumerate(lines, start=1):
            if isinstance(raw, LongLine):
                yield InputError(name, lineno, _too_long(raw, options.max_input_bytes))
                continue
            yield from parse_line(raw, name, lineno, options)
    except CORRUPT as err:
        yield InputError(name, lineno + 1, corrupt_reason(err))
    except OSError as err:  # gzip and bz2 say "not a gzip file", "invalid data stream" this way
        yield InputError(name, lineno + 1, f"read error: {err.strerror or err}; rest of file not read")
    except UnicodeDecodeError as err:  # a text-mode stdin fails as a whole
        yield InputError(name, lineno + 1, f"cannot read: {err}")


def _too_long(line: LongLine, cap: int) -> str:
    if line.ended:
        return f"line of {line.seen:,} bytes is over the size limit ({cap:,}; --max-input-bytes); skipped"
    return (f"no line end in {line.seen:,} bytes (limit {cap:,}; --max-input-bytes): not JSON Lines "
            f"or a bomb; rest of file not read")


def _decode(raw: bytes | str, lineno: int) -> str:
    """Bytes to text; a text stream (stdin without .buffer) arrives already decoded."""
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff") if lineno == 1 else raw
    if lineno == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    return raw.decode("utf-8")


def parse_line(raw: bytes | str, name: str, lineno: int, options: ReadOptions | None = None) -> Iterator[Item]:
    """One line to a Document (after its warnings) or a precise error; nothing for a blank line.

    JSON is UTF-8 by definition (RFC 8259), so a line in another encoding is an error here,
    not a guess: the rest of the file is still read.
    """
    options = options or ReadOptions()
    nul = b"\x00" if isinstance(raw, bytes) else "\x00"
    if nul in raw:  # type: ignore[operator]
        yield InputError(name, lineno, "NUL byte in line")
        return
    try:
        text = _decode(raw, lineno)
    except UnicodeDecodeError as err:
        yield InputError(name, lineno, f"line is not valid UTF-8 (byte {err.start + 1})")
        return
    if not text.strip():
        return
    try:
        obj = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        yield InputError(name, lineno, f"malformed JSON: {err.msg} (column {err.pos + 1})")
        return
    except RecursionError:
        yield InputError(name, lineno, "malformed JSON: nested too deeply")
        return
    if not isinstance(obj, dict):
        yield InputError(name, lineno, f"not a JSON object (got {json_type(obj)})")
        return
    yield from record_documents(obj, name, lineno, options)


__all__ = ["read_jsonl_file", "read_jsonl_stream", "parse_line", "STDIN_NAME"]
