"""When did a relation change? Change points in a dyad's Goldstein series (``ruptures``).

The series is the pair's Goldstein mean per period, over the periods that have events (an empty
month says nothing about the relation). ``ruptures``' PELT search with a least-squares cost finds
the split into segments of different means that best trades fit against the number of splits;
the penalty is a conservative BIC-like ``PENALTY * sigma^2 * log(n)`` (with 4, a series of 24
periods of pure noise gets a change point about 2% of the time, and a jump of two sigma in its
middle is found about 80% of the time; the plain BIC factor 2 finds noise in one series of
five), with the noise ``sigma`` estimated robustly from the differences of neighbouring periods (median absolute deviation), so a pair
with noisy months needs a bigger jump to get a change point. ``sigma`` has a floor of
``MIN_SIGMA`` Goldstein points: a jump smaller than that is not a change of relations. A segment
has at least ``MIN_SIZE`` periods, so a single odd month is not a segment of its own, and a
series of fewer than ``2 * MIN_SIZE`` periods has no change point.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

MIN_SIZE = 2
MIN_SIGMA = 0.5
PENALTY = 4.0


def breakpoints(values: Sequence[float], min_size: int = MIN_SIZE) -> list[int]:
    """Indices where a new segment starts (never 0), in order."""
    import numpy as np
    import ruptures as rpt

    x = np.asarray([v for v in values], dtype=float)
    n = len(x)
    if n < 2 * min_size or np.isnan(x).any():
        return []
    diffs = np.diff(x)
    mad = float(np.median(np.abs(diffs - np.median(diffs))))
    sigma = max(mad / 0.6745 / math.sqrt(2.0), MIN_SIGMA)
    penalty = PENALTY * sigma * sigma * math.log(n)
    ends = rpt.Pelt(model="l2", min_size=min_size, jump=1).fit(x.reshape(-1, 1)).predict(pen=penalty)
    return [int(b) for b in ends if 0 < b < n]


def _pair_columns(df: "pd.DataFrame") -> tuple[str, str]:
    return ("actor1", "actor2") if "actor1" in df.columns else ("source", "target")


def mark_change_points(df: "pd.DataFrame") -> "pd.DataFrame":
    """``df`` (a dyads frame) with a boolean ``change_point`` column: true on the first period of
    a new segment of its pair's Goldstein mean series."""
    a, b = _pair_columns(df)
    df = df.copy()
    flags = [False] * len(df)
    if len(df):
        for _, sub in df.sort_values("period").groupby([a, b], sort=False, dropna=False):
            idx = list(sub.index)
            for cut in breakpoints(list(sub["goldstein_mean"])):
                flags[df.index.get_loc(idx[cut])] = True
    df["change_point"] = flags
    return df


def change_points(points: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """For one pair's periods (dicts with ``period``, ``goldstein_mean``, ``events``, in order):
    each change point with the period it starts and the Goldstein mean of the segment before and
    after it (weighted by events)."""
    values = [p["goldstein_mean"] for p in points]
    cuts = breakpoints(values)
    bounds = [0, *cuts, len(points)]
    means = []
    for lo, hi in zip(bounds, bounds[1:]):
        seg = points[lo:hi]
        n = sum(int(p["events"]) for p in seg)
        means.append(round(sum(p["goldstein_mean"] * int(p["events"]) for p in seg) / n, 6) if n else None)
    return [{"period": points[c]["period"], "goldstein_before": means[i], "goldstein_after": means[i + 1]}
            for i, c in enumerate(cuts)]


__all__ = ["MIN_SIGMA", "MIN_SIZE", "PENALTY", "breakpoints", "change_points", "mark_change_points"]
