"""Dyads over time: per period and pair, how much happened and how cooperative it was."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..store import FREQS, EventFilter, Store

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

COUNT_COLUMNS = ("events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


def dyads(store: Store, source: str | None = None, target: str | None = None,
          both_directions: bool = False, freq: str = "month", start: date | None = None,
          end: date | None = None) -> "pd.DataFrame":
    """One row per period and pair of actor keys (country, else IGO).

    Columns: ``period`` (first day of the period, a ``datetime.date``), ``source`` and ``target``
    (or ``actor1`` and ``actor2`` with ``both_directions``: one undirected row per pair, the named
    actor first), ``events``, ``goldstein_sum``, ``goldstein_mean``, ``verbal_coop``,
    ``material_coop``, ``verbal_conflict``, ``material_conflict`` (quad classes 1-4). Events
    without a target are not part of any dyad. ``start`` and ``end`` are inclusive event dates.
    """
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r} (want one of {', '.join(FREQS)})")
    flt = EventFilter(source=source, target=target, both_directions=both_directions,
                      start=start, end=end, dyadic=True)
    df = store.dyads(flt, freq)
    df["period"] = [_as_date(v) for v in df["period"]]
    for col in COUNT_COLUMNS:
        df[col] = df[col].astype("int64")
    df["goldstein_sum"] = df["goldstein_sum"].astype(float).round(6)
    df["goldstein_mean"] = df["goldstein_mean"].astype(float).round(6)
    return df.reset_index(drop=True)


def _as_date(value) -> date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    return value
