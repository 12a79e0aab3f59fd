"""The event store: coded documents and their events in one DuckDB file (embedded, no server).

``Store`` owns every SQL statement of polevent: writing (``write_results``), reading events with
filters, and the aggregate queries that ``polevent.analysis`` builds dyads and shifts from.

Writing is atomic per batch: ``write_results`` runs in ONE transaction, so a crash in the middle of
a batch leaves the database as it was before the batch. A document that is coded again replaces its
stored events (delete, then insert), so re-running the same input never duplicates events and never
keeps stale ones.

Schema (version 2; the README section "Event store and analysis" documents every column):

* ``schema_version(version, applied_at)``: one row per applied migration.
* ``documents``: one row per coded document, keyed by ``id``.
* ``events``: one row per event (a *mention*), every field of ``Event.to_json()`` flattened;
  ``source_key`` and ``target_key`` (country, else IGO) are what dyads and shifts group by; keys of
  ``to_json()`` that are not columns go into the JSON column ``extra``. Version 2 added ``tone``.
* ``happening_days(source_key, target_key, root, date, happening_id)`` (version 2): which
  happening (``polevent.happenings``, window ``HAPPENING_DAYS``) each day of each (source, target,
  root) belongs to; kept up to date by every write.
* ``happenings`` (a view, version 2): one row per happening with its mentions, distinct sources
  and documents, mean Goldstein value and tone, and its first mention's codes.

Analysis counts *units*: happenings by default, or mentions (``count="mentions"``, every event as
before version 2); ``_units_sql`` gives either as the same columns.

Migrations: ``MIGRATIONS`` maps a version to the function that brings a database from the version
before it to that version. ``Store`` opened for writing applies the missing ones in order, each in
its own transaction together with its ``schema_version`` row; a new store gets all of them and the
``schema_version`` table in ONE transaction, so a store is absent, empty or complete, never half
made (``polevent.storefile`` opens the file: atomic creation, waiting for another process's lock).
To change the schema, append a function under the next number and raise ``SCHEMA_VERSION``; never
edit an applied migration.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import duckdb

from .storefile import StoreError, connect, one_line

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .runconfig import DocumentResult

SCHEMA_VERSION = 2
COUNTS = ("happenings", "mentions")


class OlderSchema(StoreError):
    """A read-only open of a store written by an older polevent (``open_reading`` migrates it)."""


def text_hash(text: str) -> str:
    """The sha256 of a document's text, as stored in ``documents.text_hash``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Schema and migrations

ACTOR_FIELDS = ("code", "country", "igo", "role", "name", "text")

DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("title", "VARCHAR"),
    ("source", "VARCHAR"),
    ("published", "DATE"),
    ("text_hash", "VARCHAR"),
    ("coded_at", "TIMESTAMP"),
    ("n_sentences", "INTEGER"),
    ("n_events", "INTEGER"),
)

V1_EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR"),
    ("doc_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence", "VARCHAR"),
    ("date", "DATE"),
    ("date_source", "VARCHAR"),
    *((f"source_{f}", "VARCHAR") for f in ACTOR_FIELDS),
    ("source_key", "VARCHAR"),
    *((f"target_{f}", "VARCHAR") for f in ACTOR_FIELDS),
    ("target_key", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("root", "VARCHAR"),
    ("event_name", "VARCHAR"),
    ("goldstein", "DOUBLE"),
    ("quad_class", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("modality", "VARCHAR"),
    ("url", "VARCHAR"),
    ("extra", "JSON"),
)
# Version 2 appended ``tone`` (ALTER TABLE adds columns at the end, so new stores match).
EVENT_COLUMNS: tuple[tuple[str, str], ...] = V1_EVENT_COLUMNS + (("tone", "DOUBLE"),)

# Keys of Event.to_json() that have their own column (source/target are flattened).
_JSON_KEYS = {"event_id", "doc_id", "sentence_index", "sentence", "date", "date_source", "source",
              "target", "cameo", "root", "event_name", "goldstein", "quad_class", "trigger",
              "modality", "url", "tone"}


def _migrate_to_1(con: duckdb.DuckDBPyConnection) -> None:
    """Version 1: documents and events."""
    cols = ",\n  ".join(f"{name} {typ}" for name, typ in DOCUMENT_COLUMNS)
    con.execute(f"CREATE TABLE documents (\n  {cols},\n  PRIMARY KEY (id)\n)")
    cols = ",\n  ".join(f"{name} {typ}" for name, typ in V1_EVENT_COLUMNS)
    con.execute(f"CREATE TABLE events (\n  {cols}\n)")


# The happenings view over a table of (source_key, target_key, root, date, happening_id); the
# same text serves the stored view (over ``happening_days``) and other windows (over a frame).
_HAPPENINGS_SQL = """
SELECT h.happening_id, e.source_key, e.target_key, e.root,
       min(e.date) AS first_date, max(e.date) AS last_date,
       count(*) AS mentions,
       count(DISTINCT coalesce(d.source, 'document ' || e.doc_id)) AS sources,
       count(DISTINCT e.doc_id) AS documents,
       avg(e.goldstein) AS goldstein, avg(e.tone) AS tone,
       first(e.event_id ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id) AS event_id,
       first(e.cameo ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id) AS cameo,
       first(e.quad_class ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id) AS quad_class
FROM events e
JOIN {days} h ON h.source_key IS NOT DISTINCT FROM e.source_key
             AND h.target_key IS NOT DISTINCT FROM e.target_key
             AND h.root = e.root AND h.date = e.date
LEFT JOIN documents d ON d.id = e.doc_id
GROUP BY h.happening_id, e.source_key, e.target_key, e.root
"""

# The happening window the store keeps ``happening_days`` for; other windows are computed when
# asked for.
HAPPENING_DAYS = 1


def _migrate_to_2(con: duckdb.DuckDBPyConnection) -> None:
    """Version 2: ``events.tone`` (filled for stored events from their sentence and trigger),
    ``happening_days`` (filled) and the ``happenings`` view."""
    import pandas as pd

    from .tone import tone

    con.execute("ALTER TABLE events ADD COLUMN tone DOUBLE")
    pairs = con.execute("SELECT DISTINCT sentence, trigger FROM events").fetchall()
    if pairs:
        frame = pd.DataFrame([(s, t, tone(s or "", t)) for s, t in pairs],
                             columns=["sentence", "trigger", "tone"], dtype=object)
        con.register("_pe_tones", frame)
        try:
            con.execute("UPDATE events SET tone = CAST(t.tone AS DOUBLE) FROM _pe_tones t "
                        "WHERE events.sentence IS NOT DISTINCT FROM t.sentence "
                        "AND events.trigger IS NOT DISTINCT FROM t.trigger")
        finally:
            con.unregister("_pe_tones")
    con.execute("CREATE TABLE happening_days (source_key VARCHAR, target_key VARCHAR, "
                "root VARCHAR NOT NULL, date DATE NOT NULL, happening_id VARCHAR NOT NULL)")
    _fill_happening_days(con, None, HAPPENING_DAYS)
    con.execute("CREATE VIEW happenings AS " + _HAPPENINGS_SQL.format(days="happening_days"))


def _happening_frame(con: duckdb.DuckDBPyConnection, groups: str | None, days: int) -> "pd.DataFrame":
    """(source_key, target_key, root, date, happening_id) for every day with events of the
    groups in the registered table ``groups`` (all groups when None)."""
    import pandas as pd

    from .happenings import assign

    if groups is None:
        where = ""
    else:
        where = (f" WHERE EXISTS (SELECT 1 FROM {groups} g WHERE g.source_key IS NOT DISTINCT FROM "
                 "e.source_key AND g.target_key IS NOT DISTINCT FROM e.target_key AND g.root = e.root)")
    rows = con.execute(
        f"SELECT DISTINCT e.source_key, e.target_key, e.root, e.date FROM events e{where} "
        "ORDER BY e.source_key NULLS FIRST, e.target_key NULLS FIRST, e.root, e.date").fetchall()
    out = [(*row, hid) for row, hid in assign(rows, days)]
    return pd.DataFrame(out, columns=["source_key", "target_key", "root", "date", "happening_id"],
                        dtype=object)


def _fill_happening_days(con: duckdb.DuckDBPyConnection, groups: str | None, days: int) -> None:
    """Recompute ``happening_days`` for the groups in the registered table ``groups`` (all when
    None): one group's days are few (at most one row a day), so a write recomputes its groups whole."""
    frame = _happening_frame(con, groups, days)
    if groups is None:
        con.execute("DELETE FROM happening_days")
    else:
        con.execute(f"DELETE FROM happening_days h WHERE EXISTS (SELECT 1 FROM {groups} g WHERE "
                    "g.source_key IS NOT DISTINCT FROM h.source_key AND g.target_key IS NOT DISTINCT "
                    "FROM h.target_key AND g.root = h.root)")
    if len(frame):
        con.register("_pe_hdays", frame)
        try:
            con.execute("INSERT INTO happening_days SELECT CAST(source_key AS VARCHAR), "
                        "CAST(target_key AS VARCHAR), CAST(root AS VARCHAR), CAST(date AS DATE), "
                        "CAST(happening_id AS VARCHAR) FROM _pe_hdays")
        finally:
            con.unregister("_pe_hdays")


# version -> function that migrates from version-1 to version (0 is an empty database).
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _migrate_to_1,
    2: _migrate_to_2,
}
# The tables polevent makes: a database holding only these, all empty, is a store whose creation
# was stopped (by an older polevent that made them in several transactions) and is made again.
OWN_TABLES = frozenset({"schema_version", "documents", "events", "happening_days"})


# --------------------------------------------------------------------------------------------
# Rows


def _actor_cells(actor: dict[str, Any] | None) -> list[Any]:
    if not actor:
        return [None] * (len(ACTOR_FIELDS) + 1)
    cells = [actor.get(f) for f in ACTOR_FIELDS]
    return cells + [actor.get("country") or actor.get("igo")]


def event_row(ev_json: dict[str, Any]) -> list[Any]:
    """One ``events`` row (in ``EVENT_COLUMNS`` order) from an ``Event.to_json()`` dict."""
    extra = {k: v for k, v in ev_json.items() if k not in _JSON_KEYS}
    return [
        ev_json["event_id"], ev_json["doc_id"], ev_json["sentence_index"], ev_json["sentence"],
        ev_json["date"], ev_json["date_source"],
        *_actor_cells(ev_json.get("source")),
        *_actor_cells(ev_json.get("target")),
        ev_json["cameo"], ev_json["root"], ev_json["event_name"], ev_json["goldstein"],
        ev_json["quad_class"], ev_json["trigger"], ev_json.get("modality"), ev_json.get("url"),
        json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
        ev_json.get("tone"),
    ]


# Keys of Event.to_json() kept in ``extra`` that come before ``url``.
_BEFORE_URL = ("confidence", "plover_type", "plover_mode")


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """Back from a stored row (column -> value) to the ``Event.to_json()`` layout."""
    def actor(prefix: str) -> dict[str, Any] | None:
        if row.get(f"{prefix}_code") is None:
            return None
        return {f: row.get(f"{prefix}_{f}") for f in ("text", "code", "country", "igo", "role", "name")}

    day = row["date"]
    out: dict[str, Any] = {
        "event_id": row["event_id"], "doc_id": row["doc_id"],
        "sentence_index": row["sentence_index"], "sentence": row["sentence"],
        "date": day.isoformat() if hasattr(day, "isoformat") else day,
        "date_source": row["date_source"], "source": actor("source"), "target": actor("target"),
        "cameo": row["cameo"], "root": row["root"], "event_name": row["event_name"],
        "goldstein": row["goldstein"], "quad_class": row["quad_class"], "tone": row.get("tone"),
        "trigger": row["trigger"], "modality": row["modality"],
    }
    extra = row.get("extra") or {}
    if isinstance(extra, str):
        extra = json.loads(extra)
    # The keys in the order Event.to_json() writes them, so that a stored event prints as the
    # very line `polevent code` wrote for it.
    for key in _BEFORE_URL:
        if key in extra:
            out[key] = extra[key]
    if row.get("url"):
        out["url"] = row["url"]
    out.update((k, v) for k, v in extra.items() if k not in _BEFORE_URL)
    return out


@dataclass(frozen=True)
class EventFilter:
    """Which events a query reads. Actor keys are matched on ``source_key``/``target_key``."""

    source: str | None = None
    target: str | None = None
    both_directions: bool = False
    start: date | None = None
    end: date | None = None
    dyadic: bool = False  # only events that have a target

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        src = self.source.upper() if self.source else None
        tgt = self.target.upper() if self.target else None
        if self.both_directions and (src or tgt):
            fwd, rev, fp, rp = [], [], [], []
            if src:
                fwd.append("source_key = ?"); fp.append(src)
                rev.append("target_key = ?"); rp.append(src)
            if tgt:
                fwd.append("target_key = ?"); fp.append(tgt)
                rev.append("source_key = ?"); rp.append(tgt)
            conds.append(f"(({' AND '.join(fwd)}) OR ({' AND '.join(rev)}))")
            params += fp + rp
        else:
            if src:
                conds.append("source_key = ?"); params.append(src)
            if tgt:
                conds.append("target_key = ?"); params.append(tgt)
        if self.start:
            conds.append("date >= ?"); params.append(self.start)
        if self.end:
            conds.append("date <= ?"); params.append(self.end)
        if self.dyadic:
            conds.append("target_key IS NOT NULL")
        return (" WHERE " + " AND ".join(conds) if conds else ""), params


FREQS = ("day", "week", "month", "quarter", "year")
# Ids per resume look-up statement (measured: 16 is the fastest; more and planning costs more).
LOOKUP_CHUNK = 16

_QUAD_SUMS = ", ".join(
    f"count(*) FILTER (WHERE quad_class = {q}) AS {name}"
    for q, name in ((1, "verbal_coop"), (2, "material_coop"), (3, "verbal_conflict"),
                    (4, "material_conflict")))


class Store:
    """One DuckDB event store. ``Store(path)`` creates or migrates it; use it as a context manager.

    ``path`` may be ``":memory:"``. ``read_only=True`` never writes (and fails on a database whose
    schema is older than this polevent's: open it once for writing to migrate).
    """

    def __init__(self, path: str | Path, read_only: bool = False, wait: float | None = None) -> None:
        """Open (or atomically create) the store; ``wait`` is how long to wait for another process
        that holds it (default ``polevent.storefile.LOCK_WAIT_SECONDS``)."""
        self.path = str(path)
        self.read_only = read_only
        self.con = connect(self.path, read_only=read_only, wait=wait,
                           create=None if read_only else self._create_schema)
        try:
            self._ensure_schema()
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(f"{self.path}: damaged or unreadable database: {one_line(exc)}") from None
        except BaseException:
            self.con.close()
            raise

    # -- lifecycle ----------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        con = getattr(self, "con", None)
        if con is not None:
            con.close()
            self.con = None  # type: ignore[assignment]

    # -- schema -------------------------------------------------------------------------------
    def schema_version(self) -> int:
        """The schema version of the open database (0 when empty)."""
        exists = _first(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
            " AND table_schema = current_schema()"))[0]
        if not exists:
            return 0
        got = _first(self.con.execute("SELECT max(version) FROM schema_version"))[0]
        return int(got or 0)

    def _tables(self) -> set[str]:
        return {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'").fetchall()}

    def _ensure_schema(self) -> None:
        try:
            version = self.schema_version()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a polevent database: {one_line(exc)}") from None
        if version == 0:
            tables = self._tables()
            if tables - OWN_TABLES:
                raise StoreError(f"{self.path}: not a polevent database (it has other tables)")
            if any(_first(self.con.execute(f'SELECT count(*) FROM "{t}"'))[0] for t in tables):
                raise StoreError(f"{self.path}: not a polevent database (no schema version, "
                                 "but its tables hold rows)")
            if self.read_only:
                raise StoreError(f"{self.path}: an empty store (its creation was stopped); "
                                 "code into it again to create it")
            self._create_schema(self.con, drop=tables)
            return
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this polevent's "
                             f"({SCHEMA_VERSION}); upgrade polevent")
        if version == SCHEMA_VERSION:
            return
        if self.read_only:
            raise OlderSchema(f"{self.path}: schema version {version}, this polevent needs "
                              f"{SCHEMA_VERSION}; open it once for writing to migrate")
        self.migrate(version)

    @staticmethod
    def _create_schema(con: duckdb.DuckDBPyConnection, drop: Iterable[str] = ()) -> None:
        """The whole schema in ONE transaction (dropping the empty ``drop`` tables first): a
        kill leaves the database as it was, never with some tables and not others."""
        con.execute("BEGIN TRANSACTION")
        try:
            for table in drop:
                con.execute(f'DROP TABLE "{table}"')
            con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
            for version in range(1, SCHEMA_VERSION + 1):
                MIGRATIONS[version](con)
                con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
            con.execute("COMMIT")
        except BaseException:
            _rollback(con)
            raise

    def migrate(self, from_version: int) -> None:
        """Apply ``MIGRATIONS`` after ``from_version`` up to ``SCHEMA_VERSION``, each atomically
        (from 0, all of them and the ``schema_version`` table in one transaction)."""
        if from_version == 0:
            self._create_schema(self.con)
            return
        for version in range(from_version + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                MIGRATIONS[version](self.con)
                self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
                self.con.execute("COMMIT")
            except BaseException:
                _rollback(self.con)
                raise

    # -- writing ------------------------------------------------------------------------------
    def write_results(self, results: Iterable["DocumentResult"], chunk: int = 256) -> int:
        """Store documents and their events in ONE transaction; return the number of events written.

        A document already stored under the same id loses its old events first. Results are
        consumed as they come (the iterable may be a generator) and written every ``chunk``
        documents, all inside the one transaction: if anything fails or the process dies before the
        end of the iterable, nothing of this batch is kept.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        n_events = 0
        pending: dict[str, tuple[list[Any], list[list[Any]]]] = {}
        self.con.execute("BEGIN TRANSACTION")
        try:
            for result in results:
                doc_row, ev_rows = self._rows(result)
                pending.pop(doc_row[0], None)  # same id twice in a chunk: the later one wins
                pending[doc_row[0]] = (doc_row, ev_rows)
                if len(pending) >= chunk:
                    n_events += self._flush(pending)
                    pending = {}
            if pending:
                n_events += self._flush(pending)
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise
        return n_events

    def write_stream(self, results: Iterable["DocumentResult"], batch_size: int = 64) -> tuple[int, int]:
        """Write a stream of results in batches of ``batch_size`` documents, one transaction each;
        return (documents, events) written. A crash loses at most the batch in progress."""
        n_docs = n_events = 0
        batch: list["DocumentResult"] = []
        for result in results:
            batch.append(result)
            if len(batch) >= batch_size:
                n_events += self.write_results(batch)
                n_docs += len(batch)
                batch = []
        if batch:
            n_events += self.write_results(batch)
            n_docs += len(batch)
        return n_docs, n_events

    @staticmethod
    def _rows(result: "DocumentResult") -> tuple[list[Any], list[list[Any]]]:
        doc = result.document
        events = [event_row(ev.to_json()) for ev in result.events]
        doc_row = [doc.id, doc.url, doc.title, doc.source, doc.published, text_hash(doc.text),
                   _now(), result.sentences, len(events)]
        return doc_row, events

    def _flush(self, pending: dict[str, tuple[list[Any], list[list[Any]]]]) -> int:
        import pandas as pd

        ids = list(pending)
        docs = pd.DataFrame([d for d, _ in pending.values()],
                            columns=[c for c, _ in DOCUMENT_COLUMNS], dtype=object)
        ev_rows = [row for _, rows in pending.values() for row in rows]
        id_frame = pd.DataFrame({"id": ids}, dtype=object)
        self.con.register("_pe_ids", id_frame)
        self.con.register("_pe_docs", docs)
        try:
            groups = self._groups("doc_id IN (SELECT id FROM _pe_ids)")
            self.con.execute("DELETE FROM events WHERE doc_id IN (SELECT id FROM _pe_ids)")
            self.con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM _pe_ids)")
            self.con.execute(f"INSERT INTO documents SELECT {_casts(DOCUMENT_COLUMNS)} FROM _pe_docs")
            if ev_rows:
                evs = pd.DataFrame(ev_rows, columns=[c for c, _ in EVENT_COLUMNS], dtype=object)
                self.con.register("_pe_events", evs)
                try:
                    self.con.execute(f"INSERT INTO events SELECT {_casts(EVENT_COLUMNS)} FROM _pe_events")
                finally:
                    _unregister(self.con, "_pe_events")
                at = {c: i for i, (c, _) in enumerate(EVENT_COLUMNS)}
                groups |= {(r[at["source_key"]], r[at["target_key"]], r[at["root"]]) for r in ev_rows}
            self._refresh_happenings(groups)
        finally:
            _unregister(self.con, "_pe_ids", "_pe_docs")
        return len(ev_rows)

    def _groups(self, where: str, params: Sequence[Any] = ()) -> set[tuple[Any, Any, Any]]:
        """The (source_key, target_key, root) of the stored events matching ``where``."""
        return set(self.con.execute(
            f"SELECT DISTINCT source_key, target_key, root FROM events WHERE {where}", list(params)).fetchall())

    def _refresh_happenings(self, groups: set[tuple[Any, Any, Any]]) -> None:
        """Recompute the stored happenings of the (source_key, target_key, root) groups a write
        touched (inside the write's transaction)."""
        import pandas as pd

        if not groups:
            return
        frame = pd.DataFrame(sorted(groups, key=lambda g: tuple(x or "" for x in g)),
                             columns=["source_key", "target_key", "root"], dtype=object)
        self.con.register("_pe_groups", frame)
        try:
            _fill_happening_days(self.con, "_pe_groups", HAPPENING_DAYS)
        finally:
            self.con.unregister("_pe_groups")

    def delete_documents(self, doc_ids: Sequence[str]) -> int:
        """Remove documents and their events (one transaction); return how many documents."""
        ids = list(doc_ids)
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        self.con.execute("BEGIN TRANSACTION")
        try:
            groups = self._groups(f"doc_id IN ({marks})", ids)
            self.con.execute(f"DELETE FROM events WHERE doc_id IN ({marks})", ids)
            n = _first(self.con.execute(f"DELETE FROM documents WHERE id IN ({marks})", ids))[0]
            self._refresh_happenings(groups)
            self.con.execute("COMMIT")
        except BaseException:
            _rollback(self.con)
            raise
        return int(n)

    # -- reading ------------------------------------------------------------------------------
    def stored_hash(self, doc_id: str) -> str | None:
        """The text hash ``doc_id`` is stored with, or None when it is not stored.

        The query filters on the primary key alone so that DuckDB answers it from the key's
        index: the cost is the same at 200,000 documents as at 300 (a filter on the hash as
        well makes it scan the table)."""
        row = _first(self.con.execute("SELECT text_hash FROM documents WHERE id = ?", [doc_id]))
        return None if row is None else row[0]

    def stored_hashes(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """``stored_hash`` for many documents: id -> hash of those stored. One statement per
        ``LOOKUP_CHUNK`` ids, each of its branches a look-up in the index (an ``IN`` list would
        be a join that scans the table), which costs a quarter of one statement per id."""
        found: dict[str, str] = {}
        ids = list(dict.fromkeys(doc_ids))
        for i in range(0, len(ids), LOOKUP_CHUNK):
            part = ids[i:i + LOOKUP_CHUNK]
            sql = " UNION ALL ".join(["SELECT id, text_hash FROM documents WHERE id = ?"] * len(part))
            found.update(self.con.execute(sql, part).fetchall())
        return found

    def has_document(self, doc_id: str, text_hash: str | None = None) -> bool:
        """Is ``doc_id`` stored (and, when ``text_hash`` is given, with that very text)?"""
        stored = self.stored_hash(doc_id)
        return stored is not None and (text_hash is None or stored == text_hash)

    def event_jsons(self, doc_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The stored events of these documents in the ``Event.to_json()`` layout, per document
        in the order they were written (one scan for the lot)."""
        import pandas as pd

        out: dict[str, list[dict[str, Any]]] = {d: [] for d in doc_ids}
        if not out:
            return out
        self.con.register("_pe_want", pd.DataFrame({"id": list(out)}, dtype=object))
        try:
            cur = self.con.execute("SELECT * FROM events WHERE doc_id IN (SELECT id FROM _pe_want) "
                                   "ORDER BY doc_id, sentence_index, rowid")
            names = [d[0] for d in cur.description]
            for row in cur.fetchall():
                rec = dict(zip(names, row))
                out[rec["doc_id"]].append(event_json(rec))
        finally:
            _unregister(self.con, "_pe_want")
        return out

    def actor_keys(self) -> list[str]:
        """Every actor key (country, else IGO) that has an event, as source or target."""
        return [r[0] for r in self.con.execute(
            "SELECT source_key FROM events WHERE source_key IS NOT NULL UNION "
            "SELECT target_key FROM events WHERE target_key IS NOT NULL ORDER BY 1").fetchall()]

    def counts(self) -> tuple[int, int]:
        """(documents, events) stored."""
        d = _first(self.con.execute("SELECT count(*) FROM documents"))[0]
        e = _first(self.con.execute("SELECT count(*) FROM events"))[0]
        return int(d), int(e)

    def latest_date(self) -> date | None:
        return _first(self.con.execute("SELECT max(date) FROM events"))[0]

    def events_relation(self, flt: EventFilter | None = None) -> duckdb.DuckDBPyRelation:
        """The events (all columns) as a DuckDB relation, in a stable order."""
        where, params = (flt or EventFilter()).where()
        return self.con.sql(
            f"SELECT * FROM events{where} ORDER BY date, doc_id, sentence_index, event_id",
            params=params)

    def events(self, flt: EventFilter | None = None) -> "pd.DataFrame":
        return self.events_relation(flt).df()

    def documents(self) -> "pd.DataFrame":
        return self.con.sql("SELECT * FROM documents ORDER BY published, id").df()

    def iter_event_rows(self, flt: EventFilter | None = None, table: str = "events",
                        with_documents: bool = False):
        """Rows as dicts (column -> value), in order; ``table`` is ``events`` or ``documents``.

        ``with_documents`` adds the event's document's ``coded_at`` as ``doc_coded_at``.
        """
        if table == "documents":
            query, params = "SELECT * FROM documents ORDER BY published, id", []
        else:
            where, params = (flt or EventFilter()).where()
            if with_documents:
                query = (f"SELECT e.*, d.coded_at AS doc_coded_at FROM (SELECT * FROM events{where}) e "
                         "LEFT JOIN documents d ON d.id = e.doc_id "
                         "ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id")
            else:
                query = f"SELECT * FROM events{where} ORDER BY date, doc_id, sentence_index, event_id"
        yield from self._iter_query(query, params)

    def iter_happening_rows(self, flt: EventFilter | None = None, days: int = HAPPENING_DAYS):
        """Each happening whose first date and actors match ``flt``, as the ``events`` row of its
        first mention (with ``doc_coded_at``) plus ``happening_id``, ``h_mentions``,
        ``h_sources``, ``h_documents``, ``h_goldstein`` and ``h_tone`` (means over its mentions);
        in first-date order."""
        where, params = (flt or EventFilter()).where()
        hsql = self.happenings_sql(days)
        query = f"""
            SELECT e.*, d.coded_at AS doc_coded_at, h.happening_id, h.mentions AS h_mentions,
                   h.sources AS h_sources, h.documents AS h_documents, h.goldstein AS h_goldstein,
                   h.tone AS h_tone
            FROM (SELECT * FROM (SELECT *, first_date AS date FROM ({hsql})){where}) h
            JOIN events e ON e.event_id = h.event_id AND e.date = h.first_date AND e.root = h.root
                         AND e.source_key IS NOT DISTINCT FROM h.source_key
                         AND e.target_key IS NOT DISTINCT FROM h.target_key
            LEFT JOIN documents d ON d.id = e.doc_id
            QUALIFY row_number() OVER (PARTITION BY h.happening_id ORDER BY e.doc_id, e.sentence_index) = 1
            ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id
        """
        yield from self._iter_query(query, params)

    def _iter_query(self, query: str, params: list[Any]):
        cur = self.con.cursor()  # its own result: other queries may run while this one is read
        try:
            cur.execute(query, params)
            names = [d[0] for d in cur.description]
            while True:
                batch = cur.fetchmany(1000)
                if not batch:
                    return
                for row in batch:
                    yield dict(zip(names, row))
        finally:
            cur.close()

    @staticmethod
    def columns(table: str = "events") -> list[str]:
        """The column names of ``events`` or ``documents``, in order."""
        return [c for c, _ in (DOCUMENT_COLUMNS if table == "documents" else EVENT_COLUMNS)]

    def copy_to(self, path: str | Path, fmt: str, flt: EventFilter | None = None,
                table: str = "events") -> int:
        """Write a table with DuckDB's COPY (``fmt`` is ``parquet`` or ``csv``); return rows."""
        if table == "documents":
            query, params = "SELECT * FROM documents ORDER BY published, id", []
        else:
            where, params = (flt or EventFilter()).where()
            query = f"SELECT * FROM events{where} ORDER BY date, doc_id, sentence_index, event_id"
        opts = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        target = str(path).replace("'", "''")
        self.con.execute(f"COPY ({query}) TO '{target}' ({opts})", params)
        return int(_first(self.con.execute(f"SELECT count(*) FROM ({query})", params))[0])

    # -- units: happenings or mentions ----------------------------------------------------------
    def units_sql(self, count: str = "happenings", days: int = HAPPENING_DAYS) -> str:
        """A subquery over the units analysis counts, one row each, with the columns ``unit_id``,
        ``date`` (a happening's first date), ``source_key``, ``target_key``, ``root``, ``cameo``,
        ``goldstein`` and ``tone`` (a happening's means over its mentions), ``quad_class``,
        ``mentions``, ``sources``, ``documents``.

        ``count`` is ``happenings`` (mentions of one act grouped, ``days`` the window: the stored
        grouping for ``HAPPENING_DAYS``, else computed now) or ``mentions`` (every event).
        """
        if count == "mentions":
            return ("SELECT event_id AS unit_id, date, source_key, target_key, root, cameo, goldstein, "
                    "tone, quad_class, 1 AS mentions, 1 AS sources, 1 AS documents FROM events")
        if count != "happenings":
            raise StoreError(f"unknown count {count!r} (want happenings or mentions)")
        return ("SELECT happening_id AS unit_id, first_date AS date, source_key, target_key, root, cameo, "
                "goldstein, tone, quad_class, mentions, sources, documents "
                f"FROM ({self.happenings_sql(days)})")

    def happenings_sql(self, days: int = HAPPENING_DAYS) -> str:
        """A subquery with the rows of the ``happenings`` view for a window of ``days``."""
        from .happenings import check_days

        try:
            days = check_days(days)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        if days == HAPPENING_DAYS:
            return "SELECT * FROM happenings"
        name = f"_pe_hdays_{days}"
        self.con.register(name, _happening_frame(self.con, None, days))
        return _HAPPENINGS_SQL.format(days=name)

    def happenings(self, flt: EventFilter | None = None, days: int = HAPPENING_DAYS) -> "pd.DataFrame":
        """The happenings (one row each, first date order) whose first date and actors match."""
        where, params = (flt or EventFilter()).where()
        sql = self.happenings_sql(days)
        return self.con.execute(
            f"SELECT * FROM (SELECT *, first_date AS date FROM ({sql})){where} "
            "ORDER BY first_date, source_key NULLS FIRST, target_key NULLS FIRST, root",
            params).df().drop(columns=["date"])

    def dyads(self, flt: EventFilter, freq: str = "month", count: str = "happenings",
              days: int = HAPPENING_DAYS) -> "pd.DataFrame":
        """Per period and pair: units (happenings or mentions, as ``count``), Goldstein sum and
        mean, mean tone, counts per quad class.

        Directed (columns ``source``, ``target``) unless ``flt.both_directions``: then each pair
        is one undirected row (``actor1``, ``actor2``) with ``actor1`` the named source (else the
        partner of the named target, else the alphabetically first).
        """
        if freq not in FREQS:
            raise StoreError(f"unknown frequency {freq!r} (want one of {', '.join(FREQS)})")
        flt = EventFilter(flt.source, flt.target, flt.both_directions, flt.start, flt.end, dyadic=True)
        where, params = flt.where()
        if flt.both_directions:
            src = flt.source.upper() if flt.source else None
            tgt = flt.target.upper() if flt.target else None
            if src:
                a1 = "CASE WHEN source_key = ? THEN source_key ELSE target_key END"
                a2 = "CASE WHEN source_key = ? THEN target_key ELSE source_key END"
                pair_params = [src, src]
            elif tgt:
                a1 = "CASE WHEN target_key = ? THEN source_key ELSE target_key END"
                a2 = "CASE WHEN target_key = ? THEN target_key ELSE source_key END"
                pair_params = [tgt, tgt]
            else:
                a1, a2, pair_params = "least(source_key, target_key)", "greatest(source_key, target_key)", []
            names = ("actor1", "actor2")
        else:
            a1, a2, pair_params, names = "source_key", "target_key", [], ("source", "target")
        units = self.units_sql(count, days)
        sql = f"""
            WITH e AS (
                SELECT CAST(date_trunc('{freq}', date) AS DATE) AS period,
                       {a1} AS {names[0]}, {a2} AS {names[1]}, goldstein, quad_class, tone, mentions
                FROM ({units}) u{where}
            )
            SELECT period, {names[0]}, {names[1]}, count(*) AS events,
                   sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
                   avg(tone) AS tone_mean, sum(mentions) AS mentions, {_QUAD_SUMS}
            FROM e GROUP BY ALL ORDER BY period, {names[0]}, {names[1]}
        """
        return self.con.execute(sql, pair_params + params).df()

    def partner_units(self, actor: str, windows: Sequence[tuple[str, date, date]],
                      direction: str = "both", count: str = "happenings",
                      days: int = HAPPENING_DAYS) -> "pd.DataFrame":
        """One row per unit between ``actor`` and a partner dated in a named window (label, first
        day, last day, inclusive): ``partner``, ``window_label``, ``unit_id``, ``goldstein``,
        ``tone``, ``cooperative`` (quad class 1 or 2), ``mentions``; in a stable order.

        ``direction``: ``out`` (actor is the source), ``in`` (actor is the target) or ``both``.
        Units of the actor with itself are not partner units.
        """
        key = actor.upper()
        units = self.units_sql(count, days)
        parts, params = [], []
        if direction in ("out", "both"):
            parts.append("SELECT target_key AS partner, * FROM u "
                         "WHERE source_key = ? AND target_key IS NOT NULL AND target_key <> ?")
            params += [key, key]
        if direction in ("in", "both"):
            parts.append("SELECT source_key AS partner, * FROM u "
                         "WHERE target_key = ? AND source_key IS NOT NULL AND source_key <> ?")
            params += [key, key]
        if not parts:
            raise StoreError(f"unknown direction {direction!r} (want out, in or both)")
        return self._windowed(units, " UNION ALL ".join(parts), params, windows, "partner")

    def pair_units(self, actors: Sequence[str], windows: Sequence[tuple[str, date, date]],
                   count: str = "happenings", days: int = HAPPENING_DAYS) -> "pd.DataFrame":
        """One row per unit from one of ``actors`` to another of them, dated in a named window:
        ``source``, ``target``, ``window_label``, ``unit_id``, ``goldstein``, ``tone``,
        ``cooperative``, ``mentions``."""
        keys = [a.upper() for a in actors]
        marks = ", ".join("?" for _ in keys)
        body = (f"SELECT source_key AS source, target_key AS target, * FROM u WHERE source_key IN ({marks}) "
                f"AND target_key IN ({marks}) AND source_key <> target_key")
        return self._windowed(self.units_sql(count, days), body, keys + keys, windows, "source, target")

    def _windowed(self, units: str, body: str, params: list[Any],
                  windows: Sequence[tuple[str, date, date]], order: str) -> "pd.DataFrame":
        cases = " ".join("WHEN date BETWEEN ? AND ? THEN ?" for _ in windows)
        case_params: list[Any] = []
        for label, first, last in windows:
            case_params += [first, last, label]
        keys = order.split(", ")
        sql = f"""
            WITH u AS ({units}), p AS ({body}),
            w AS (SELECT *, CASE {cases} END AS window_label FROM p)
            SELECT {order}, window_label, unit_id, date, goldstein, tone,
                   quad_class IN (1, 2) AS cooperative, mentions
            FROM w WHERE window_label IS NOT NULL
            ORDER BY {', '.join(keys)}, window_label, date, unit_id
        """
        return self.con.execute(sql, params + case_params).df()


def open_reading(path: str | Path) -> Store:
    """Open a store read-only, as every reading command does. A store written by an older
    polevent is migrated first (opened for writing once, each migration in its own transaction):
    the one write a reading command may make, so that older stores keep working."""
    try:
        return Store(path, read_only=True)
    except OlderSchema:
        Store(path).close()
        return Store(path, read_only=True)


def _first(cursor) -> tuple | None:
    """The first row of a result, consuming it whole (DuckDB 2 refuses new work on a connection
    whose last result was not read to the end)."""
    rows = cursor.fetchall()
    return rows[0] if rows else None


def _casts(columns: Iterable[tuple[str, str]]) -> str:
    return ", ".join(f'CAST("{name}" AS {typ}) AS "{name}"' for name, typ in columns)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def _unregister(con: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Drop registered frames; after a failed statement DuckDB refuses even this ("transaction is
    aborted"), and that must not hide the failure itself."""
    for name in names:
        try:
            con.unregister(name)
        except duckdb.Error:
            pass


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, keeping the error that caused it: DuckDB has often rolled back already (a full
    disk, a constraint), and its "no transaction is active" must not hide the real cause."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass


__all__ = ["COUNTS", "EVENT_COLUMNS", "HAPPENING_DAYS", "DOCUMENT_COLUMNS", "EventFilter", "FREQS", "MIGRATIONS",
           "OlderSchema", "SCHEMA_VERSION", "Store", "StoreError", "event_json", "event_row", "open_reading", "text_hash"]
