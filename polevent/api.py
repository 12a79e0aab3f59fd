"""The notebook API: ``polevent.open(db)`` gives events, dyads and shifts as pandas frames.

    >>> import polevent
    >>> data = polevent.open("events.duckdb")
    >>> data.events(source="PRK").head()
    >>> data.dyads(source="PRK", target="RUS", both_directions=True, freq="quarter")
    >>> data.shifts("PRK", window="5m")               # with 90% bootstrap intervals
    >>> data.network(["PRK", "RUS", "CHN"], window="1y")
    >>> data.happenings(source="PRK")                 # mentions of one act grouped
    >>> data.relation.filter("quad_class = 4").aggregate("count(*)")   # DuckDB relation
    >>> data.con.sql("SELECT root, count(*) FROM events GROUP BY root")  # plain DuckDB

The database is opened read-only by default, so a notebook can read it while nothing writes to it
(a store written by an older polevent is migrated first). Counts are of happenings unless
``count="mentions"``.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .happenings import DEFAULT_DAYS
from .store import EventFilter, Store, open_reading

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pandas as pd

    from .analysis.shifts import ShiftReport


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class EventData:
    """An opened event store with analysis methods; close it (or use ``with``) when done."""

    def __init__(self, db: str | Path, read_only: bool = True) -> None:
        self.store = open_reading(db) if read_only else Store(db)

    def __enter__(self) -> "EventData":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        docs, events = self.store.counts()
        return f"<polevent EventData {self.store.path!r}: {docs} documents, {events} events>"

    @property
    def con(self) -> "duckdb.DuckDBPyConnection":
        """The DuckDB connection (tables ``events``, ``documents``, ``schema_version``)."""
        return self.store.con

    @property
    def relation(self) -> "duckdb.DuckDBPyRelation":
        """All events as a DuckDB relation, for lazy filtering and aggregation."""
        return self.store.events_relation()

    def events(self, source: str | None = None, target: str | None = None,
               both_directions: bool = False, start: date | str | None = None,
               end: date | str | None = None) -> "pd.DataFrame":
        """Events (one row each, every stored column) filtered by actor key and date."""
        return self.store.events(EventFilter(source, target, both_directions, _day(start), _day(end)))

    def documents(self) -> "pd.DataFrame":
        return self.store.documents()

    def happenings(self, source: str | None = None, target: str | None = None,
                   both_directions: bool = False, start: date | str | None = None,
                   end: date | str | None = None, days: int = DEFAULT_DAYS) -> "pd.DataFrame":
        """Happenings (mentions of one act grouped: same source, target and CAMEO root within
        ``days`` of the first): mentions, distinct sources, documents, mean Goldstein and tone."""
        return self.store.happenings(EventFilter(source, target, both_directions, _day(start), _day(end)),
                                     days)

    def dyads(self, source: str | None = None, target: str | None = None,
              both_directions: bool = False, freq: str = "month", start: date | str | None = None,
              end: date | str | None = None, count: str = "happenings",
              happening_days: int = DEFAULT_DAYS) -> "pd.DataFrame":
        """Per period and pair: events, mentions, Goldstein sum and mean, mean tone, counts per
        quad class, and ``change_point`` (a new level of the pair's Goldstein series starts)."""
        from .analysis import dyads
        return dyads(self.store, source, target, both_directions, freq, _day(start), _day(end),
                     count, happening_days)

    def change_points(self, a: str, b: str, freq: str = "month", count: str = "happenings",
                      happening_days: int = DEFAULT_DAYS) -> list[dict[str, Any]]:
        """Where the Goldstein series of the pair (both directions) moves to a new level: the
        period it starts and the segment means before and after."""
        from .analysis.changepoints import change_points
        df = self.dyads(a, b, True, freq, count=count, happening_days=happening_days)
        return change_points(df.to_dict(orient="records"))

    def shifts(self, actor: str, window: str = "90d", as_of: date | str | None = None,
               direction: str = "both", min_events: int = 5, count: str = "happenings",
               happening_days: int = DEFAULT_DAYS, seed: int | None = None) -> "pd.DataFrame":
        """``actor``'s partners ranked by the change in Goldstein mean (recent window against the
        one before), each change of the Goldstein mean and cooperative share with its seeded 90%
        bootstrap interval (``*_change_low``, ``*_change_high``) and whether it is ``*_clear``.
        The windows are in ``df.attrs`` (``before``, ``recent``: first and last day);
        ``shift_report`` returns the full report object."""
        report = self.shift_report(actor, window, as_of, direction, min_events, count,
                                   happening_days, seed)
        df = report.table.copy()
        w = report.windows
        df.attrs.update({"actor": report.actor, "window": str(report.window),
                         "before": (w.before_start, w.before_end),
                         "recent": (w.recent_start, w.recent_end), "count": report.count,
                         "interval_level": report.level, "seed": report.seed})
        return df

    def shift_report(self, actor: str, window: str = "90d", as_of: date | str | None = None,
                     direction: str = "both", min_events: int = 5, count: str = "happenings",
                     happening_days: int = DEFAULT_DAYS, seed: int | None = None) -> "ShiftReport":
        from .analysis import shifts
        from .analysis.uncertainty import SEED
        return shifts(self.store, actor, window, _day(as_of), direction, min_events, count,
                      happening_days, SEED if seed is None else seed)

    def network(self, actors: list[str] | str, window: str = "6m", as_of: date | str | None = None,
                count: str = "happenings", happening_days: int = DEFAULT_DAYS) -> "pd.DataFrame":
        """Every directed pair among ``actors`` with events in the window before or the recent
        one: events, mentions, Goldstein mean, cooperative share and tone in each window."""
        from .analysis import network
        report = network(self.store, [actors] if isinstance(actors, str) else actors, window,
                         _day(as_of), count, happening_days)
        df = report.table.copy()
        w = report.windows
        df.attrs.update({"actors": report.actors, "window": str(report.window),
                         "before": (w.before_start, w.before_end),
                         "recent": (w.recent_start, w.recent_end), "count": report.count})
        return df

    def plot_dyads(self, path: str | Path, freq: str = "month", **filters: Any) -> Path:
        """Draw ``dyads(freq=freq, **filters)`` to PNG, SVG or HTML."""
        from .analysis.charts import dyad_chart
        return dyad_chart(self.dyads(freq=freq, **filters), path, freq=freq,
                          count=filters.get("count", "happenings"))

    def plot_shifts(self, path: str | Path, actor: str, **kwargs: Any) -> Path:
        """Draw ``shift_report(actor, **kwargs)`` to PNG, SVG or HTML."""
        from .analysis.charts import shift_chart
        return shift_chart(self.shift_report(actor, **kwargs), path)


def open(db: str | Path, read_only: bool = True) -> EventData:  # noqa: A001 - polevent.open
    """Open an event store written by ``polevent code --db``."""
    return EventData(db, read_only=read_only)


__all__ = ["EventData", "open"]
