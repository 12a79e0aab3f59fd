"""Who is moving toward whom: an actor's partners ranked by the change in their relations.

For one actor (a key: country, else IGO) and a window length W, the recent window is
``(as_of - W, as_of]`` and the window before it ``(as_of - 2W, as_of - W]``; ``as_of`` defaults to
the latest event date in the store. Every event between the actor and a partner counts (both
directions unless asked otherwise; events of the actor with itself and events without a target
do not), as happenings by default (the mentions of one act are one event, dated by its first
mention) or as mentions (``count="mentions"``, every coded event).

Per partner and window: the number of events (and of mentions behind them), the Goldstein mean,
the cooperative share (quad class 1 or 2) and the mean tone. Partners are ranked by the change in
Goldstein mean, recent minus before (largest rise first; partners seen in one window only come
last). Each change of the Goldstein mean and of the cooperative share has a seeded 90% bootstrap
interval (``uncertainty``), and is ``clear`` when the interval excludes 0; a change is ``weak``
when either window holds fewer than ``min_events`` events.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from ..happenings import DEFAULT_DAYS
from ..store import COUNTS, Store
from .uncertainty import LEVEL, SEED, mean_change_interval
from .windows import Window, WindowPair, windows_for

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SHIFT_COLUMNS = ("rank", "partner", "events_before", "events_recent", "mentions_before",
                 "mentions_recent", "goldstein_before", "goldstein_recent", "goldstein_change",
                 "goldstein_change_low", "goldstein_change_high", "goldstein_clear",
                 "coop_before", "coop_recent", "coop_change", "coop_change_low", "coop_change_high",
                 "coop_clear", "tone_before", "tone_recent", "tone_change", "weak")
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
    count: str = "happenings"
    happening_days: int = DEFAULT_DAYS
    seed: int = SEED
    level: float = LEVEL

    @property
    def as_of(self) -> date:
        return self.windows.recent_end

    def header(self) -> str:
        w = self.windows
        unit = "happenings" if self.count == "happenings" else "mentions"
        return (f"{self.actor}: recent {w.recent_start}..{w.recent_end} against "
                f"{w.before_start}..{w.before_end} (window {self.window}, direction {self.direction}, "
                f"counting {unit})")

    def to_json(self) -> dict:
        w = self.windows
        return {
            "actor": self.actor, "window": str(self.window), "direction": self.direction,
            "min_events": self.min_events, "count": self.count,
            "happening_days": self.happening_days, "interval_level": self.level, "seed": self.seed,
            "before": [w.before_start.isoformat(), w.before_end.isoformat()],
            "recent": [w.recent_start.isoformat(), w.recent_end.isoformat()],
            "partners": [{k: _json_value(v) for k, v in row.items()}
                         for row in self.table.to_dict(orient="records")],
        }


def shifts(store: Store, actor: str, window: str | Window = "90d", as_of: date | None = None,
           direction: str = "both", min_events: int = 5, count: str = "happenings",
           happening_days: int = DEFAULT_DAYS, seed: int = SEED) -> ShiftReport:
    """Rank ``actor``'s partners by the change in Goldstein mean between two windows."""
    import pandas as pd

    key = (actor or "").strip().upper()
    if not key:
        raise ValueError("no actor given")
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r} (want both, out or in)")
    if count not in COUNTS:
        raise ValueError(f"unknown count {count!r} (want happenings or mentions)")
    win, pair, windows = windows_for(store, window, as_of)
    units = store.partner_units(key, windows,
                                direction, count, happening_days)
    values: dict[str, dict[str, dict[str, list[Any]]]] = {}
    for rec in units.to_dict(orient="records"):
        by = values.setdefault(rec["partner"], {}).setdefault(
            rec["window_label"], {"gs": [], "coop": [], "tone": [], "mentions": []})
        by["gs"].append(float(rec["goldstein"]))
        by["coop"].append(1.0 if rec["cooperative"] else 0.0)
        if rec["tone"] is not None and not _nan(rec["tone"]):
            by["tone"].append(float(rec["tone"]))
        by["mentions"].append(int(rec["mentions"]))
    rows = [_partner_row(partner, by_win, min_events, seed) for partner, by_win in values.items()]
    rows.sort(key=lambda r: (math.isnan(r["goldstein_change"]),
                             -r["goldstein_change"] if not math.isnan(r["goldstein_change"]) else 0.0,
                             -r["events_recent"], r["partner"]))
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    table = pd.DataFrame(rows, columns=list(SHIFT_COLUMNS))
    if not rows:
        table = table.astype({"rank": "int64", "events_before": "int64", "events_recent": "int64",
                              "mentions_before": "int64", "mentions_recent": "int64",
                              "goldstein_clear": "bool", "coop_clear": "bool", "weak": "bool"})
    return ShiftReport(actor=key, window=win, windows=pair, direction=direction,
                       min_events=min_events, table=table, count=count,
                       happening_days=happening_days, seed=seed)


def _partner_row(partner: str, by_win: dict[str, dict[str, list[Any]]], min_events: int,
                 seed: int) -> dict[str, Any]:
    empty: dict[str, list[Any]] = {"gs": [], "coop": [], "tone": [], "mentions": []}
    b, r = by_win.get("before", empty), by_win.get("recent", empty)
    gb, gr = _mean(b["gs"]), _mean(r["gs"])
    cb, cr = _mean(b["coop"]), _mean(r["coop"])
    tb, tr = _mean(b["tone"]), _mean(r["tone"])
    gs_ci = mean_change_interval(b["gs"], r["gs"], seed, f"{partner}:goldstein")
    coop_ci = mean_change_interval(b["coop"], r["coop"], seed, f"{partner}:cooperative")
    nb, nr = len(b["gs"]), len(r["gs"])
    return {
        "partner": partner, "events_before": nb, "events_recent": nr,
        "mentions_before": sum(b["mentions"]), "mentions_recent": sum(r["mentions"]),
        "goldstein_before": _r(gb), "goldstein_recent": _r(gr), "goldstein_change": _r(gr - gb),
        "goldstein_change_low": _r(gs_ci.low), "goldstein_change_high": _r(gs_ci.high),
        "goldstein_clear": gs_ci.clear,
        "coop_before": _r(cb), "coop_recent": _r(cr), "coop_change": _r(cr - cb),
        "coop_change_low": _r(coop_ci.low), "coop_change_high": _r(coop_ci.high),
        "coop_clear": coop_ci.clear,
        "tone_before": _r(tb), "tone_recent": _r(tr), "tone_change": _r(tr - tb),
        "weak": min(nb, nr) < min_events,
    }


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def _nan(v: Any) -> bool:
    return isinstance(v, float) and math.isnan(v)


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
