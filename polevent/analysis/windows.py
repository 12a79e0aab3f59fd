"""Time windows for shifts: ``90d``, ``12w``, ``6m``, ``1y`` and the two windows they give."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_WINDOW = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$", re.IGNORECASE)
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


@dataclass(frozen=True)
class Window:
    """A length of time: ``n`` days, weeks, months or years (months and years are calendar ones)."""

    n: int
    unit: str  # d, w, m, y

    def __str__(self) -> str:
        return f"{self.n}{self.unit}"

    def before(self, day: date) -> date:
        """The day one window length before ``day`` (month ends clamp: Mar 31 - 1m = Feb 29)."""
        if self.unit == "d":
            return day - timedelta(days=self.n)
        if self.unit == "w":
            return day - timedelta(weeks=self.n)
        months = self.n * (12 if self.unit == "y" else 1)
        y, m = divmod(day.year * 12 + (day.month - 1) - months, 12)
        m += 1
        return date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def parse_window(text: str) -> Window:
    """``90d``, ``12w``, ``6m``, ``1y`` -> Window; ValueError with a one-line reason otherwise."""
    m = _WINDOW.match(text or "")
    if not m or int(m.group(1)) <= 0:
        raise ValueError(f"bad window {text!r} (want a number and d, w, m or y, e.g. 90d or 6m)")
    return Window(int(m.group(1)), m.group(2).lower())


@dataclass(frozen=True)
class WindowPair:
    """The recent window ``(as_of - window, as_of]`` and the one of the same length before it.

    Both are given as inclusive first and last days.
    """

    before_start: date
    before_end: date
    recent_start: date
    recent_end: date


def window_pair(as_of: date, window: Window) -> WindowPair:
    edge = window.before(as_of)          # last day of the window before
    far = window.before(edge)            # last day before that window
    return WindowPair(before_start=far + timedelta(days=1), before_end=edge,
                      recent_start=edge + timedelta(days=1), recent_end=as_of)


def windows_for(store, window: "Window | str", as_of: date | None
                ) -> tuple[Window, WindowPair, list[tuple[str, date, date]]]:
    """The two windows an analysis compares, ending ``as_of`` (default: the store's latest
    event): the window, the pair, and the labelled (name, start, end) list the store's queries take."""
    win = window if isinstance(window, Window) else parse_window(window)
    if as_of is None:
        as_of = store.latest_date()
        if as_of is None:
            raise ValueError("the store holds no events")
    pair = window_pair(as_of, win)
    return win, pair, [("before", pair.before_start, pair.before_end), ("recent", pair.recent_start, pair.recent_end)]
