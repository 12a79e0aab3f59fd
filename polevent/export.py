"""Export the event store: Parquet, CSV, JSON Lines, or a GDELT-like flat CSV.

* ``parquet``: the ``events`` (or ``documents``) table as stored, written by DuckDB.
* ``csv``: the same columns as CSV with a header; dates ISO, ``extra`` as JSON text.
* ``jsonl``: one ``Event.to_json()`` object per line, exactly what ``polevent code`` writes.
* ``gdelt``: one row per happening (the mentions of one act, ``polevent.happenings``; or per
  mention with ``count="mentions"``) in GDELT 2.0 event-table column names (header row, comma
  separated), for tools that already read GDELT; see ``GDELT_COLUMNS``.
"""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Iterator

from .happenings import DEFAULT_DAYS
from .store import COUNTS, EventFilter, Store
from .tone import gdelt_tone

FORMATS = ("parquet", "csv", "jsonl", "gdelt")
TABLES = ("events", "documents")

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "DATEADDED", "SOURCEURL",
)


class ExportError(ValueError):
    """An export that cannot be made; the message is one line."""


def export(store: Store, fmt: str, path: str | Path | None = None, flt: EventFilter | None = None,
           table: str = "events", count: str = "happenings", happening_days: int = DEFAULT_DAYS) -> int:
    """Write the store in ``fmt`` to ``path`` (``None`` or ``"-"``: stdout); return rows written.

    ``count`` and ``happening_days`` shape the ``gdelt`` format only (a row per happening or per
    mention); the other formats write the stored tables as they are."""
    if count not in COUNTS:
        raise ExportError(f"unknown count {count!r} (want happenings or mentions)")
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (want one of {', '.join(FORMATS)})")
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r} (want events or documents)")
    to_stdout = path is None or str(path) == "-"
    if fmt == "parquet":
        if to_stdout:
            raise ExportError("parquet needs a file: give -o PATH")
        return store.copy_to(path, "parquet", flt, table)
    if fmt in ("jsonl", "gdelt") and table != "events":
        raise ExportError(f"--format {fmt} exports events only")
    out: IO[str] = sys.stdout if to_stdout else open(path, "w", encoding="utf-8", newline="")
    try:
        if fmt == "csv":
            return _write_csv(out, store, flt, table)
        if fmt == "jsonl":
            return _write_jsonl(out, store, flt)
        return _write_gdelt(out, store, flt, count, happening_days)
    finally:
        if not to_stdout:
            out.close()
        else:
            out.flush()


def cell(value: Any) -> str:
    """A CSV cell: ISO dates and times, shortest float text, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, float):
        return "" if value != value else repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _write_csv(out: IO[str], store: Store, flt: EventFilter | None, table: str) -> int:
    w = csv.writer(out, lineterminator="\n")
    n = 0
    header: list[str] | None = None
    for row in store.iter_event_rows(flt, table=table):
        if header is None:
            header = list(row)
            w.writerow(header)
        w.writerow([cell(row[k]) for k in header])
        n += 1
    if header is None:
        w.writerow(store.columns(table))
    return n


def _write_jsonl(out: IO[str], store: Store, flt: EventFilter | None) -> int:
    from .store import event_json

    n = 0
    for row in store.iter_event_rows(flt):
        out.write(json.dumps(event_json(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One GDELT-like row from a stored event row (joined with its document's ``coded_at``).

    SQLDATE YYYYMMDD, MonthYear YYYYMM, FractionDate year + (day of year - 1) / days in year,
    Actor*KnownGroupCode the IGO code, Actor*Type1Code the role, IsRootEvent 1 for events from
    the document's first sentence (headline or lead), EventBaseCode the first three digits of
    the CAMEO code, NumMentions/NumSources/NumArticles the happening's mentions, distinct sources
    and documents (1, 1, 1 for a row per mention), AvgTone the mean tone of its mentions on
    GDELT's -100..+100 scale, DATEADDED YYYYMMDDHHMMSS (UTC) when the document was coded,
    SOURCEURL the document's URL. A happening's row is its first mention's, with its Goldstein
    value the mean over the mentions.
    """
    day: date = row["date"]
    days_in_year = (date(day.year + 1, 1, 1) - date(day.year, 1, 1)).days
    fraction = day.year + (day.timetuple().tm_yday - 1) / days_in_year
    added = row.get("doc_coded_at")

    def actor(prefix: str) -> list[str]:
        return [cell(row[f"{prefix}_code"]), cell(row[f"{prefix}_name"] or row[f"{prefix}_text"] or None),
                cell(row[f"{prefix}_country"]), cell(row[f"{prefix}_igo"]), cell(row[f"{prefix}_role"])]

    cameo = row["cameo"] or ""
    happening = "h_mentions" in row
    counts = ([str(int(row["h_mentions"])), str(int(row["h_sources"])), str(int(row["h_documents"]))]
              if happening else ["1", "1", "1"])
    goldstein = row["h_goldstein"] if happening else row["goldstein"]
    tone = row["h_tone"] if happening else row.get("tone")
    return [
        row["event_id"], day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}",
        *actor("source"), *actor("target"),
        "1" if row["sentence_index"] == 0 else "0", cameo, cameo[:3], row["root"] or cameo[:2],
        str(row["quad_class"]), cell(round(float(goldstein), 6) + 0.0), *counts, cell(gdelt_tone(tone)),
        added.strftime("%Y%m%d%H%M%S") if added else "", cell(row["url"]),
    ]


def _write_gdelt(out: IO[str], store: Store, flt: EventFilter | None, count: str = "happenings",
                 happening_days: int = DEFAULT_DAYS) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(GDELT_COLUMNS)
    n = 0
    rows = (store.iter_happening_rows(flt, happening_days) if count == "happenings"
            else store.iter_event_rows(flt, with_documents=True))
    for row in rows:
        w.writerow(gdelt_row(row))
        n += 1
    return n


def iter_export_rows(store: Store, flt: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Events as ``Event.to_json()`` dicts, in export order."""
    from .store import event_json

    for row in store.iter_event_rows(flt):
        yield event_json(row)
