"""Analysis over the event store: dyads over time, shifts in an actor's relations (with bootstrap
intervals), change points of a pair's series, and the network among a few actors.

Everything here reads through ``polevent.store.Store`` (which owns the SQL) and returns pandas
frames; ``render`` turns them into tables, CSV or JSON for the CLI. Events are counted as
happenings by default (``polevent.happenings``), or as mentions.
"""
from __future__ import annotations

from .dyads import dyads
from .network import NetworkReport, network, parse_actors
from .shifts import DIRECTIONS, SHIFT_COLUMNS, ShiftReport, shifts
from .windows import Window, WindowPair, parse_window, window_pair

__all__ = ["DIRECTIONS", "NetworkReport", "SHIFT_COLUMNS", "ShiftReport", "Window", "WindowPair",
           "dyads", "network", "parse_actors", "parse_window", "shifts", "window_pair"]
