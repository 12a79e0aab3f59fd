"""Analysis over the event store: dyads over time and shifts in an actor's relations.

Everything here reads through ``polevent.store.Store`` (which owns the SQL) and returns pandas
frames; ``render`` turns them into tables, CSV or JSON for the CLI.
"""
from __future__ import annotations

from .dyads import dyads
from .shifts import DIRECTIONS, SHIFT_COLUMNS, ShiftReport, shifts
from .windows import Window, WindowPair, parse_window, window_pair

__all__ = ["DIRECTIONS", "SHIFT_COLUMNS", "ShiftReport", "Window", "WindowPair", "dyads",
           "parse_window", "shifts", "window_pair"]
