"""What the web app reads from the event store, as JSON-ready dicts.

Every page and every API route is built from these functions, so the page shows exactly what the
API returns. Shifts and dyads come from ``polevent.analysis``; the few queries the store has no
helper for (search with paging, one event with its document, the actor list) are here, always
with ``?`` parameters: no value from a request is ever put into SQL text.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from ..store import EventFilter, Store, event_json
from .highlight import segments

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
         4: "material conflict"}
QUAD_KEYS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}

# Columns of an event row in lists (the full row is in /api/events/{id}).
_LIST_COLUMNS = ("event_id", "doc_id", "sentence_index", "sentence", "date", "source_code",
                 "source_key", "source_text", "target_code", "target_key", "target_text", "cameo",
                 "root", "event_name", "goldstein", "quad_class", "trigger")


class NotFound(LookupError):
    """An actor, event or document the store does not hold."""


@lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Key -> name for countries (ISO3) and IGOs, from the shipped actor knowledge (best effort)."""
    names: dict[str, str] = {}
    base = resources.files("polevent") / "data" / "actors"
    for fname, key_col in (("orgs.tsv", "igo"), ("countries.tsv", "iso3")):
        try:
            text = (base / fname).read_text(encoding="utf-8")
        except (OSError, FileNotFoundError):
            continue
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
            key = (row.get(key_col) or "").strip()
            if not key or not row.get("name"):
                continue
            if fname == "orgs.tsv" and ((row.get("country") or "").strip() or (row.get("role") or "").strip()):
                continue
            names.setdefault(key, row["name"].strip())
    return names


def name_of(key: str | None) -> str | None:
    return actor_names().get(key) if key else None


def _value(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        return _value(v.item())
    if isinstance(v, date):
        return v.isoformat()
    return v


def _rows(cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


# ------------------------------------------------------------------------------------------------
# Overview


def overview(store: Store) -> dict[str, Any]:
    """Counts, date range and every actor key with its events (as source, as target)."""
    n_docs, n_events = store.counts()
    cur = store.con.cursor()
    try:
        first, last = cur.execute("SELECT min(date), max(date) FROM events").fetchone()
        actors = _rows(cur.execute("""
            WITH k AS (SELECT source_key AS actor, 1 AS src, 0 AS tgt FROM events
                       WHERE source_key IS NOT NULL
                       UNION ALL
                       SELECT target_key, 0, 1 FROM events WHERE target_key IS NOT NULL)
            SELECT actor, sum(src + tgt)::BIGINT AS events, sum(src)::BIGINT AS as_source,
                   sum(tgt)::BIGINT AS as_target
            FROM k GROUP BY actor ORDER BY events DESC, actor"""))
    finally:
        cur.close()
    for a in actors:
        a["name"] = name_of(a["actor"])
    return {"documents": n_docs, "events": n_events, "first_date": _value(first),
            "last_date": _value(last), "actors": actors}


def actor_exists(store: Store, key: str) -> bool:
    cur = store.con.cursor()
    try:
        row = cur.execute("SELECT 1 FROM events WHERE source_key = ? OR target_key = ? LIMIT 1",
                          [key, key]).fetchall()
    finally:
        cur.close()
    return bool(row)


# ------------------------------------------------------------------------------------------------
# Actor: shifts and a series per partner


def actor_shifts(store: Store, key: str, window: str, as_of: date | None, direction: str,
                 min_events: int, count: str = "happenings") -> dict[str, Any]:
    """``polevent.analysis.shifts`` as JSON (with the bootstrap intervals), partners named."""
    from ..analysis import shifts
    if not actor_exists(store, key):
        raise NotFound(f"no events of actor {key}")
    report = shifts(store, key, window, as_of, direction, min_events, count)
    out = report.to_json()
    out["name"] = name_of(key)
    for p in out["partners"]:
        p["name"] = name_of(p["partner"])
    return out


def actor_series(store: Store, key: str, freq: str, start: date | None, end: date | None,
                 partners: list[str] | None = None, limit: int = 6,
                 count: str = "happenings") -> dict[str, Any]:
    """Per partner of ``key`` and period: events per quad class, cooperative and conflictual
    counts, Goldstein mean (both directions). Partners in the order given, else the busiest."""
    from ..analysis import dyads
    if not actor_exists(store, key):
        raise NotFound(f"no events of actor {key}")
    df = dyads(store, source=key, both_directions=True, freq=freq, start=start, end=end, count=count,
               change_points=False)
    df = df[df["actor2"] != key]
    totals = df.groupby("actor2")["events"].sum().sort_values(ascending=False, kind="stable")
    if partners:
        chosen = [p for p in partners if p in totals.index]
        chosen += [p for p in totals.index if p not in chosen]
    else:
        chosen = list(totals.index)
    chosen = chosen[:limit]
    periods = sorted({_value(p) for p in df["period"]})
    series = []
    for partner in chosen:
        sub = df[df["actor2"] == partner]
        points = [_dyad_point(r) for r in sub.to_dict(orient="records")]
        series.append({"partner": partner, "name": name_of(partner),
                       "events": int(totals[partner]), "points": points})
    return {"actor": key, "name": name_of(key), "freq": freq, "count": count, "periods": periods,
            "first_date": _value(start) if start else (periods[0] if periods else None),
            "last_date": _value(end) if end else None, "series": series}


def _dyad_point(r: dict[str, Any]) -> dict[str, Any]:
    point = {"period": _value(r["period"]), "events": int(r["events"]),
             "mentions": int(r["mentions"]), "goldstein_mean": _value(r["goldstein_mean"]),
             "goldstein_sum": _value(r["goldstein_sum"]), "tone_mean": _value(r["tone_mean"])}
    for q in QUAD_KEYS.values():
        point[q] = int(r[q])
    point["cooperative"] = point["verbal_coop"] + point["material_coop"]
    point["conflictual"] = point["verbal_conflict"] + point["material_conflict"]
    return point


# ------------------------------------------------------------------------------------------------
# Dyad


def dyad(store: Store, a: str, b: str, freq: str, start: date | None, end: date | None,
         count: str = "happenings") -> dict[str, Any]:
    """Events of the pair over time (both directions, and each direction apart), with the change
    points of the pair's Goldstein series."""
    from ..analysis import dyads
    from ..analysis.changepoints import change_points
    kw: dict[str, Any] = {"freq": freq, "start": start, "end": end, "count": count, "change_points": False}
    both = dyads(store, source=a, target=b, both_directions=True, **kw)
    directed = dyads(store, source=a, target=b, **kw)
    back = dyads(store, source=b, target=a, **kw)
    points = [_dyad_point(r) for r in both.to_dict(orient="records")]
    total = sum(p["events"] for p in points)
    gs = sum((p["goldstein_sum"] or 0.0) for p in points)
    by_quad = {q: sum(p[q] for p in points) for q in QUAD_KEYS.values()}
    return {
        "actor1": a, "actor2": b, "name1": name_of(a), "name2": name_of(b), "freq": freq,
        "count": count, "events": total, "mentions": sum(p["mentions"] for p in points),
        "goldstein_mean": round(gs / total, 6) if total else None,
        "quad_counts": by_quad, "points": points, "change_points": change_points(points),
        "directed": {
            f"{a}>{b}": [_dyad_point(r) for r in directed.to_dict(orient="records")],
            f"{b}>{a}": [_dyad_point(r) for r in back.to_dict(orient="records")],
        },
    }


# ------------------------------------------------------------------------------------------------
# Network


def network(store: Store, actors: list[str], window: str, as_of: date | None,
            count: str = "happenings") -> dict[str, Any]:
    """``polevent.analysis.network`` as JSON, actors named; an edge's events are listed by
    ``/api/events`` with its ``source``, ``target`` and window dates (given as ``events_url``)."""
    from urllib.parse import urlencode

    from ..analysis import network as compute
    report = compute(store, actors, window, as_of, count)
    out = report.to_json()
    out["names"] = {k: name_of(k) for k in report.actors}
    for edge in out["edges"]:
        for label, (first, last) in (("before", out["before"]), ("recent", out["recent"])):
            edge[f"events_url_{label}"] = "/api/events?" + urlencode(
                {"source": edge["source"], "target": edge["target"], "from": first, "to": last,
                 "per_page": 200})
    return out


# ------------------------------------------------------------------------------------------------
# Events: search and one event


@dataclass(frozen=True)
class Search:
    """An events query. ``actor`` matches either side; with ``partner`` the pair, both ways.
    ``source``/``target`` are directed. ``code`` is a CAMEO prefix; ``q`` is text in the
    sentence (case-insensitive, taken literally)."""

    actor: str | None = None
    partner: str | None = None
    source: str | None = None
    target: str | None = None
    code: str | None = None
    quad: int | None = None
    start: date | None = None
    end: date | None = None
    q: str | None = None
    doc: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            if self.partner:
                conds.append("((source_key = ? AND target_key = ?) OR (source_key = ? AND target_key = ?))")
                params += [self.actor, self.partner, self.partner, self.actor]
            else:
                conds.append("(source_key = ? OR target_key = ?)")
                params += [self.actor, self.actor]
        elif self.partner:
            conds.append("(source_key = ? OR target_key = ?)")
            params += [self.partner, self.partner]
        flt = EventFilter(source=self.source, target=self.target, start=self.start, end=self.end)
        where, fparams = flt.where()
        if where:
            conds.append(where.removeprefix(" WHERE "))
            params += fparams
        if self.code:
            conds.append("starts_with(cameo, ?)")
            params.append(self.code)
        if self.quad:
            conds.append("quad_class = ?")
            params.append(self.quad)
        if self.q:
            conds.append("contains(lower(sentence), lower(?))")
            params.append(self.q)
        if self.doc:
            conds.append("doc_id = ?")
            params.append(self.doc)
        return (" WHERE " + " AND ".join(conds) if conds else ""), params

    def params(self) -> dict[str, str]:
        """The query as URL parameters (for page links)."""
        out = {"actor": self.actor, "partner": self.partner, "source": self.source,
               "target": self.target, "code": self.code, "quad": self.quad,
               "from": self.start, "to": self.end, "q": self.q, "doc": self.doc}
        return {k: (v.isoformat() if isinstance(v, date) else str(v)) for k, v in out.items() if v}


def search_events(store: Store, search: Search, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    where, params = search.where()
    cols = ", ".join(f"e.{c}" for c in _LIST_COLUMNS)
    cur = store.con.cursor()
    try:
        total = cur.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
        rows = _rows(cur.execute(
            f"SELECT {cols}, d.title AS doc_title FROM (SELECT * FROM events{where}) e "
            "LEFT JOIN documents d ON d.id = e.doc_id "
            "ORDER BY e.date, e.doc_id, e.sentence_index, e.event_id LIMIT ? OFFSET ?",
            params + [per_page, (page - 1) * per_page]))
    finally:
        cur.close()
    events = [{k: _value(v) for k, v in r.items()} for r in rows]
    for ev in events:
        ev["quad_name"] = QUADS.get(ev["quad_class"])
    pages = max(1, math.ceil(total / per_page))
    return {"query": search.params(), "total": int(total), "page": page, "per_page": per_page,
            "pages": pages, "events": events}


def get_event(store: Store, event_id: str) -> dict[str, Any]:
    """One event (the ``polevent code`` JSON layout), its document and the highlighted sentence."""
    cur = store.con.cursor()
    try:
        rows = _rows(cur.execute("SELECT * FROM events WHERE event_id = ? "
                                 "ORDER BY doc_id, sentence_index LIMIT 1", [event_id]))
        if not rows:
            raise NotFound(f"no event {event_id}")
        row = rows[0]
        docs = _rows(cur.execute("SELECT id, url, title, source, published, n_sentences, n_events "
                                 "FROM documents WHERE id = ?", [row["doc_id"]]))
        same = _rows(cur.execute(
            "SELECT event_id, sentence_index, source_key, target_key, cameo, event_name, quad_class, "
            "goldstein, trigger FROM events WHERE doc_id = ? AND event_id <> ? "
            "ORDER BY sentence_index, event_id", [row["doc_id"], event_id]))
    finally:
        cur.close()
    event = event_json(row)
    document = {k: _value(v) for k, v in docs[0].items()} if docs else None
    return {
        "event": event,
        "actor_keys": {"source": row["source_key"], "target": row["target_key"]},
        "actor_names": {"source": name_of(row["source_key"]), "target": name_of(row["target_key"])},
        "quad_name": QUADS.get(row["quad_class"]),
        "segments": segments(row["sentence"], row["source_text"], row["target_text"], row["trigger"]),
        "document": document,
        "document_events": [{k: _value(v) for k, v in r.items()} for r in same],
    }


__all__ = ["NotFound", "QUADS", "Search", "actor_series", "actor_shifts", "dyad", "get_event",
           "network", "overview", "search_events"]
