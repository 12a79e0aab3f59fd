"""Parquet tables: one row is one document, read in batches with DuckDB.

A table of a whole crawl may be far larger than memory; DuckDB streams the query's result, so
memory holds one row group (the unit in which Parquet is written) and one fetched batch, not the
table. Rows become records with the same fields and checks as JSON Lines (record.py), named by
--id-column, --text-column, --html-column and --date-column. Errors name the row: 1 is the
table's first row.
"""
from __future__ import annotations

from collections.abc import Iterator

import duckdb

from polevent.ingest.options import ReadOptions
from polevent.ingest.record import record_documents, table_fields, table_keys
from polevent.model import Document, InputError, InputWarning

# Rows fetched from DuckDB at a time: small, since a row holds a whole article.
FETCH_ROWS = 256
# DuckDB's own memory: enough for a row group of long articles; it spills nothing here.
DUCKDB_MEMORY = "1GB"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _connect() -> duckdb.DuckDBPyConnection:
    """A private in-memory DuckDB: one thread (rows come in file order; the cores are the
    coder's) and no progress bar on the user's terminal."""
    con = duckdb.connect(":memory:", config={"threads": 1, "memory_limit": DUCKDB_MEMORY})
    con.execute("SET enable_progress_bar = false")
    return con


def read_parquet_file(path: str, options: ReadOptions | None = None) -> Iterator[Document | InputError | InputWarning]:
    """Stream one Parquet file's rows as documents."""
    options = options or ReadOptions()
    con = _connect()
    row = 0
    try:
        try:
            names = [r[0] for r in con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()]
        except duckdb.Error as err:
            yield InputError(path, None, f"cannot read as Parquet: {_first_line(err)}")
            return
        keys = table_keys(options.columns, names)
        if isinstance(keys, str):
            yield InputError(path, None, keys)
            return
        wanted = [name for name in table_fields(options.columns) if name in names]
        query = (f"SELECT file_row_number, {', '.join(_quote(n) for n in wanted)} "
                 f"FROM read_parquet(?, file_row_number = true)")
        try:
            result = con.execute(query, [path])
            while batch := result.fetchmany(FETCH_ROWS):
                for values in batch:
                    row = values[0] + 1
                    yield from record_documents(dict(zip(wanted, values[1:])), path, row, options, keys)
        except duckdb.Error as err:
            yield InputError(path, row + 1 if row else None, f"cannot read: {_first_line(err)}; rest of file not read")
    finally:
        con.close()


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


__all__ = ["read_parquet_file", "FETCH_ROWS"]
