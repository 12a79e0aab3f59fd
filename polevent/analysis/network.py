"""The triangle (or any small set of actors): how each chosen actor acts toward each other one.

For actors A, B, C ... and the two windows of ``shifts`` (the recent window ``(as_of - W, as_of]``
and the one before it), every directed pair X -> Y among them with events in either window gets:
events (happenings by default, else mentions) and the mentions behind them, Goldstein mean,
cooperative share and mean tone, in each window. Directed, because the story is often one-sided:
an effusive letter one way, a cool note the other.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Sequence

from ..happenings import DEFAULT_DAYS
from ..store import COUNTS, Store
from .windows import Window, WindowPair, windows_for

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

KEY = re.compile(r"^[A-Z][A-Z0-9]{1,11}$")
MAX_ACTORS = 12
DEFAULT_WINDOW = "6m"
EDGE_COLUMNS = ("source", "target", "events_before", "events_recent", "mentions_before",
                "mentions_recent", "goldstein_before", "goldstein_recent", "coop_before",
                "coop_recent", "tone_before", "tone_recent")


def parse_actors(values: Sequence[str]) -> list[str]:
    """Actor keys from arguments (``PRK RUS CHN`` or ``PRK,RUS,CHN``): upper case, distinct, in
    order; ValueError with a one-line reason for fewer than two, too many or a malformed key."""
    keys: list[str] = []
    for value in values:
        for part in str(value).split(","):
            key = part.strip().upper()
            if not key:
                continue
            if not KEY.match(key):
                raise ValueError(f"bad actor key {part.strip()!r} (want a country or IGO key such as PRK or UN)")
            if key not in keys:
                keys.append(key)
    if len(keys) < 2:
        raise ValueError("want at least two distinct actors")
    if len(keys) > MAX_ACTORS:
        raise ValueError(f"at most {MAX_ACTORS} actors, got {len(keys)}")
    return keys


@dataclass
class NetworkReport:
    """Directed pairs among ``actors`` in the window before and the recent window."""

    actors: list[str]
    window: Window
    windows: WindowPair
    count: str
    happening_days: int
    table: "pd.DataFrame"

    def header(self) -> str:
        w = self.windows
        return (f"{' '.join(self.actors)}: recent {w.recent_start}..{w.recent_end} against "
                f"{w.before_start}..{w.before_end} (window {self.window}, counting {self.count})")

    def to_json(self) -> dict[str, Any]:
        w = self.windows
        return {
            "actors": list(self.actors), "window": str(self.window), "count": self.count,
            "happening_days": self.happening_days,
            "before": [w.before_start.isoformat(), w.before_end.isoformat()],
            "recent": [w.recent_start.isoformat(), w.recent_end.isoformat()],
            "edges": [{k: _plain(v) for k, v in row.items()} for row in self.table.to_dict(orient="records")],
        }


def network(store: Store, actors: Sequence[str], window: str | Window = DEFAULT_WINDOW,
            as_of: date | None = None, count: str = "happenings",
            happening_days: int = DEFAULT_DAYS) -> NetworkReport:
    """Every directed pair among ``actors`` with events in either window, in actor order."""
    import pandas as pd

    keys = parse_actors(actors)
    if count not in COUNTS:
        raise ValueError(f"unknown count {count!r} (want happenings or mentions)")
    win, pair, windows = windows_for(store, window, as_of)
    units = store.pair_units(keys, windows,
                             count, happening_days)
    stats: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = {}
    for rec in units.to_dict(orient="records"):
        stats.setdefault((rec["source"], rec["target"]), {}).setdefault(rec["window_label"], []).append(rec)
    order = {k: i for i, k in enumerate(keys)}
    rows = []
    for (src, tgt) in sorted(stats, key=lambda p: (order[p[0]], order[p[1]])):
        row: dict[str, Any] = {"source": src, "target": tgt}
        for label in ("before", "recent"):
            recs = stats[(src, tgt)].get(label, [])
            tones = [float(r["tone"]) for r in recs if r["tone"] is not None and not _nan(r["tone"])]
            row[f"events_{label}"] = len(recs)
            row[f"mentions_{label}"] = sum(int(r["mentions"]) for r in recs)
            row[f"goldstein_{label}"] = _mean([float(r["goldstein"]) for r in recs])
            row[f"coop_{label}"] = _mean([1.0 if r["cooperative"] else 0.0 for r in recs])
            row[f"tone_{label}"] = _mean(tones)
        rows.append(row)
    table = pd.DataFrame(rows, columns=list(EDGE_COLUMNS))
    return NetworkReport(actors=keys, window=win, windows=pair, count=count,
                         happening_days=happening_days, table=table)


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 6) + 0.0 if values else math.nan


def _nan(v: Any) -> bool:
    return isinstance(v, float) and math.isnan(v)


def _plain(v: Any) -> Any:
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


__all__ = ["DEFAULT_WINDOW", "EDGE_COLUMNS", "NetworkReport", "network", "parse_actors"]
