"""One event per happening: the mentions of the same act, in one or many documents, grouped.

Many outlets repeat the same letter, so counting every coded event counts the coverage, not the
acts. A *happening* is the events of the same source, target (actor keys: country, else IGO) and
CAMEO root whose dates lie within ``days`` of the happening's first date. The store keeps every
event as a mention with its evidence; a happening only groups them.

The grouping is greedy from the earliest date of each (source, target, root): the first day opens
a happening, every day up to ``days`` later joins it, the next day after that opens the next one.
Anchoring on the first day (rather than chaining day to day) keeps a long run of daily acts (a
shelling reported every day for a month) from collapsing into one happening: a happening never
spans more than ``days + 1`` calendar days.

Only the distinct (source, target, root, date) of the events matter, so assigning happenings
costs one pass over those, however many mentions each day has.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

# Events this many days apart (or fewer) from a happening's first date join it.
DEFAULT_DAYS = 1
MAX_DAYS = 366

GroupDay = tuple[str | None, str | None, str, date]  # source_key, target_key, root, date


def happening_id(source_key: str | None, target_key: str | None, root: str, first: date) -> str:
    """A readable, stable id: ``PRK>RUS:05:2024-10-07`` (an empty side for a missing key)."""
    return f"{source_key or ''}>{target_key or ''}:{root}:{first.isoformat()}"


def assign(days_of_groups: Iterable[GroupDay], days: int = DEFAULT_DAYS) -> Iterator[tuple[GroupDay, str]]:
    """For each distinct (source, target, root, date), sorted by group then date, its happening id.

    The input must be sorted by (source_key, target_key, root) and then date, as the store's
    query returns it; each group-day is yielded once with the id of its happening.
    """
    if days < 0:
        raise ValueError(f"happening window must be 0 days or more, got {days}")
    current: tuple[str | None, str | None, str] | None = None
    first: date | None = None
    hid = ""
    for row in days_of_groups:
        group = (row[0], row[1], row[2])
        day = row[3]
        if group != current or first is None or (day - first).days > days:
            current, first = group, day
            hid = happening_id(row[0], row[1], row[2], day)
        yield row, hid


def check_days(days: int) -> int:
    """A happening window in days, or ValueError with a one-line reason."""
    if not isinstance(days, int) or days < 0 or days > MAX_DAYS:
        raise ValueError(f"happening window {days!r}: want a whole number of days from 0 to {MAX_DAYS}")
    return days


__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "assign", "check_days", "happening_id"]
