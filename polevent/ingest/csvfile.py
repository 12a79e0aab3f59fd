"""CSV tables: one row is one document, read as a stream with Python's csv module.

The csv module reads one record at a time from a stream, so a 10 GB table costs one row of
memory; unlike DuckDB's CSV reader (used for Parquet) it knows the line each record starts on,
so a bad row is reported as FILE:LINE and the rows after it are still read. The first row names
the columns; the delimiter is the one of , ; TAB | that splits it into the named id column (else
the one that splits it most). The
encoding is taken from the file's head like a text file's (UTF-8, else a guess with a warning);
a later row with bytes that do not fit it is reported alone. No field may pass
--max-input-bytes: a quote left open would otherwise swallow the rest of the file into one.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from polevent.ingest.decode import DecodeError, decode_bytes
from polevent.ingest.options import ReadOptions
from polevent.ingest.record import record_documents, table_fields, table_keys
from polevent.model import Document, InputError, InputWarning

DELIMITERS = (",", ";", "\t", "|")
# Bytes of the file's head from which its encoding is judged.
SNIFF_BYTES = 1 << 20

Item = Document | InputError | InputWarning


def _capped(stream: io.TextIOBase, cap: int) -> Iterator[str]:
    """Physical lines of at most ``cap`` characters (a longer one arrives in pieces, which the
    csv module joins into one field until its own limit stops it)."""
    while line := stream.readline(cap):
        yield line


# What errors="surrogateescape" leaves for a byte the file's encoding does not have.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _has_undecodable(values: list[str]) -> bool:
    return any(_ESCAPED_BYTE.search(value) for value in values)


def read_csv_file(path: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Stream one CSV file's rows as documents."""
    options = options or ReadOptions()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, inside the generator
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    with handle:
        head = handle.read(SNIFF_BYTES)
        try:
            decoded = decode_bytes(head, final=len(head) < SNIFF_BYTES)
        except DecodeError as err:
            yield InputError(path, err.line, err.reason)
            return
        if decoded.guessed:
            yield InputWarning(path, None, decoded.warning() or "")
        handle.seek(0)
        text = io.TextIOWrapper(handle, encoding=decoded.encoding, errors="surrogateescape", newline="")
        yield from _rows(text, path, options)


def _rows(text: io.TextIOWrapper, path: str, options: ReadOptions) -> Iterator[Item]:
    cap = options.max_input_bytes
    first = text.readline(cap)
    if not first.strip():
        yield InputError(path, 1, "no header row naming the columns")
        return
    delimiter = next((d for d in DELIMITERS if options.columns.id in _split(first, d)),
                     max(DELIMITERS, key=lambda d: len(_split(first, d))))
    names = [name.strip() for name in _split(first, delimiter)]
    keys = table_keys(options.columns, names)
    if isinstance(keys, str):
        yield InputError(path, 1, keys)
        return
    wanted = {name: names.index(name) for name in table_fields(options.columns) if name in names}
    previous_field_limit = csv.field_size_limit(cap)
    try:
        reader = csv.reader(_capped(text, cap), delimiter=delimiter)
        ended = 1
        while True:
            start = ended + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield InputError(path, start, f"bad CSV ({err}; limit --max-input-bytes); rest of file not read")
                return
            ended = 1 + reader.line_num
            if not values or values == [""]:
                continue
            if len(values) != len(names):
                yield InputError(path, start, f"row has {len(values)} fields, the header {len(names)}")
                continue
            if _has_undecodable(values):
                yield InputError(path, start, f"bytes that are not {text.encoding} in this row")
                continue
            record = {name: (values[i] if values[i].strip() else None) for name, i in wanted.items()}
            yield from record_documents(record, path, start, options, keys)
    except OSError as err:
        yield InputError(path, None, f"read error: {err.strerror or err}; rest of file not read")
    finally:
        csv.field_size_limit(previous_field_limit)


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


__all__ = ["read_csv_file", "DELIMITERS"]
