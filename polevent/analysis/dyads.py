"""Dyads over time: per period and pair, how much happened and how cooperative it was."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..happenings import DEFAULT_DAYS
from ..store import COUNTS, FREQS, EventFilter, Store

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COUNT_COLUMNS = ("events", "mentions", "verbal_coop", "material_coop", "verbal_conflict",
                 "material_conflict")


def dyads(store: Store, source: str | None = None, target: str | None = None,
          both_directions: bool = False, freq: str = "month", start: date | None = None,
          end: date | None = None, count: str = "happenings",
          happening_days: int = DEFAULT_DAYS, change_points: bool = True) -> "pd.DataFrame":
    """One row per period and pair of actor keys (country, else IGO).

    Columns: ``period`` (first day of the period, a ``datetime.date``), ``source`` and ``target``
    (or ``actor1`` and ``actor2`` with ``both_directions``: one undirected row per pair, the named
    actor first), ``events`` (happenings, or mentions with ``count="mentions"``), ``mentions``,
    ``goldstein_sum``, ``goldstein_mean``, ``tone_mean``, ``verbal_coop``, ``material_coop``,
    ``verbal_conflict``, ``material_conflict`` (quad classes 1-4) and, with ``change_points``,
    ``change_point``: true on the first period of a new segment of the pair's Goldstein series
    (``changepoints``). Events without a target are not part of any dyad. ``start`` and ``end``
    are inclusive event dates (a happening's first date).
    """
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r} (want one of {', '.join(FREQS)})")
    if count not in COUNTS:
        raise ValueError(f"unknown count {count!r} (want happenings or mentions)")
    flt = EventFilter(source=source, target=target, both_directions=both_directions,
                      start=start, end=end, dyadic=True)
    df = store.dyads(flt, freq, count, happening_days)
    df["period"] = [_as_date(v) for v in df["period"]]
    for col in COUNT_COLUMNS:
        df[col] = df[col].astype("int64")
    for col in ("goldstein_sum", "goldstein_mean", "tone_mean"):
        df[col] = df[col].astype(float).round(6)
    df = df.reset_index(drop=True)
    if change_points:
        from .changepoints import mark_change_points
        df = mark_change_points(df)
    return df


def _as_date(value) -> date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value
