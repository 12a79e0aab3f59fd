"""How sure is a change? A seeded bootstrap interval for the difference of two window means.

A shift compares the mean of some values (Goldstein values, or 1/0 for cooperative) in the recent
window with the mean in the window before. The interval resamples each window's values with
replacement (``scipy.stats.bootstrap``, percentile method), ``RESAMPLES`` times, and takes the
middle ``LEVEL`` (90%) of the resampled differences. A change is *clear* when its interval
excludes 0: resampling the events we have seldom undoes it.

The seed makes every run give the same interval. Each partner draws from its own stream
(``seed`` and the partner's key), so one partner's interval does not move when another partner
comes or goes. A window with fewer than two values has no interval (nothing to resample), so its
change is never clear. The bootstrap only knows the events in the store: with very few events,
read the ``weak`` flag as well.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from typing import Sequence

LEVEL = 0.90
RESAMPLES = 2000
SEED = 20241007


@dataclass(frozen=True)
class Interval:
    """An interval for a difference of means; ``clear`` when it lies wholly on one side of 0."""

    low: float
    high: float

    @property
    def clear(self) -> bool:
        if math.isnan(self.low) or math.isnan(self.high):
            return False
        return self.low > 0 or self.high < 0


NO_INTERVAL = Interval(math.nan, math.nan)


def stream(seed: int, label: str):
    """A numpy Generator for one labelled quantity, independent of every other label."""
    import numpy as np

    return np.random.default_rng([seed, zlib.crc32(label.encode("utf-8"))])


def mean_change_interval(before: Sequence[float], recent: Sequence[float], seed: int = SEED,
                         label: str = "", level: float = LEVEL,
                         resamples: int = RESAMPLES) -> Interval:
    """The bootstrap interval of ``mean(recent) - mean(before)`` (``NO_INTERVAL`` when a window
    has fewer than two values)."""
    import numpy as np
    from scipy.stats import bootstrap

    b = np.asarray(before, dtype=float)
    r = np.asarray(recent, dtype=float)
    if len(b) < 2 or len(r) < 2:
        return NO_INTERVAL
    if np.ptp(b) == 0 and np.ptp(r) == 0:  # every resample is the same difference
        d = float(r[0] - b[0])
        return Interval(d, d)

    def diff(x, y, axis=-1):
        return np.mean(y, axis=axis) - np.mean(x, axis=axis)

    res = bootstrap((b, r), diff, n_resamples=resamples, confidence_level=level,
                    method="percentile", vectorized=True, rng=stream(seed, label))
    ci = res.confidence_interval
    return Interval(float(ci.low), float(ci.high))


__all__ = ["Interval", "LEVEL", "NO_INTERVAL", "RESAMPLES", "SEED", "mean_change_interval", "stream"]
