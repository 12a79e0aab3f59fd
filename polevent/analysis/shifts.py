"""Who is moving toward whom: an actor's partners ranked by the change in their relations.

For one actor (a key: country, else IGO) and a window length W, the recent window is
``(as_of - W, as_of]`` and the window before it ``(as_of - 2W, as_of - W]``; ``as_of`` defaults to
the latest event date in the store. Every event between the actor and a partner counts (both
directions unless asked otherwise; events of the actor with itself and events without a target
do not). Per partner and window: the number of events, the Goldstein mean and the cooperative
share (quad class 1 or 2). Partners are ranked by the change in Goldstein mean, recent minus
before (largest rise first; partners seen in one window only come last); a change is ``weak``
when either window holds fewer than ``min_events`` events.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..store import Store
from .windows import Window, WindowPair, parse_window, window_pair

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SHIFT_COLUMNS = ("rank", "partner", "events_before", "events_recent", "goldstein_before",
                 "goldstein_recent", "goldstein_change", "coop_before", "coop_recent",
                 "coop_change", "weak")
DIRECTIONS = ("both", "out", "in")


@dataclass
class ShiftReport:
    """The ranked partners of one actor and the two windows they were measured in."""

    actor: str
    window: Window
    windows: WindowPair
    direction: str
    min_events: int
    table: "pd.DataFrame"

    @property
    def as_of(self) -> date:
        return self.windows.recent_end

    def header(self) -> str:
        w = self.windows
        return (f"{self.actor}: recent {w.recent_start}..{w.recent_end} against "
                f"{w.before_start}..{w.before_end} (window {self.window}, direction {self.direction})")

    def to_json(self) -> dict:
        w = self.windows
        return {
            "actor": self.actor, "window": str(self.window), "direction": self.direction,
            "min_events": self.min_events,
            "before": [w.before_start.isoformat(), w.before_end.isoformat()],
            "recent": [w.recent_start.isoformat(), w.recent_end.isoformat()],
            "partners": [{k: _json_value(v) for k, v in row.items()}
                         for row in self.table.to_dict(orient="records")],
        }


def shifts(store: Store, actor: str, window: str | Window = "90d", as_of: date | None = None,
           direction: str = "both", min_events: int = 5) -> ShiftReport:
    """Rank ``actor``'s partners by the change in Goldstein mean between two windows."""
    import pandas as pd

    key = (actor or "").strip().upper()
    if not key:
        raise ValueError("no actor given")
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r} (want both, out or in)")
    win = window if isinstance(window, Window) else parse_window(window)
    if as_of is None:
        as_of = store.latest_date()
        if as_of is None:
            raise ValueError("the store holds no events")
    pair = window_pair(as_of, win)
    raw = store.partner_windows(key, [("before", pair.before_start, pair.before_end),
                                      ("recent", pair.recent_start, pair.recent_end)], direction)
    stats: dict[str, dict[str, tuple[int, float, int]]] = {}
    for rec in raw.to_dict(orient="records"):
        stats.setdefault(rec["partner"], {})[rec["window_label"]] = (
            int(rec["events"]), float(rec["goldstein_mean"]), int(rec["cooperative"]))
    rows = []
    for partner, by_win in stats.items():
        nb, gb, cb = by_win.get("before", (0, math.nan, 0))
        nr, gr, cr = by_win.get("recent", (0, math.nan, 0))
        share_b = cb / nb if nb else math.nan
        share_r = cr / nr if nr else math.nan
        rows.append({
            "partner": partner, "events_before": nb, "events_recent": nr,
            "goldstein_before": _r(gb), "goldstein_recent": _r(gr), "goldstein_change": _r(gr - gb),
            "coop_before": _r(share_b), "coop_recent": _r(share_r), "coop_change": _r(share_r - share_b),
            "weak": min(nb, nr) < min_events,
        })
    rows.sort(key=lambda r: (math.isnan(r["goldstein_change"]),
                             -r["goldstein_change"] if not math.isnan(r["goldstein_change"]) else 0.0,
                             -r["events_recent"], r["partner"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    table = pd.DataFrame(rows, columns=list(SHIFT_COLUMNS))
    if not rows:
        table = table.astype({"rank": "int64", "events_before": "int64", "events_recent": "int64",
                              "weak": "bool"})
    return ShiftReport(actor=key, window=win, windows=pair, direction=direction,
                       min_events=min_events, table=table)


def _r(x: float) -> float:
    return x if math.isnan(x) else round(x, 6) + 0.0  # + 0.0: no -0.0


def _json_value(v):
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):  # numpy scalar
        v = v.item()
        if isinstance(v, float) and math.isnan(v):
            return None
    return v
