"""SIGTERM and SIGINT: stop between whole batches, say what is stored, exit 143 or 130.

A supervisor stops a long run with SIGTERM and a user with Ctrl-C; both used to leave the run's
last line unsaid and its workers alive. ``on_signals()`` makes either signal raise ``Stopped`` in
the main thread, which unwinds the run (the batch in progress is dropped whole: its transaction
never commits) unless the run is inside a ``critical()`` section (committing a batch and writing
its events): there the stop waits for the section to end, so the batch is finished whole. The
first signal restores the default handlers, so a second one ends the process at once (its
workers follow it through their parent-death watch, ``polevent.engines.lifeline``).
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(BaseException):
    """The run was asked to stop by a signal. A BaseException, like KeyboardInterrupt, so that
    no ``except Exception`` on the way (a document's error handling) swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


_depth = 0
_pending: int | None = None


def _handler(signum: int, frame) -> None:
    global _pending
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_DFL)
    if _depth > 0:
        _pending = signum
        return
    raise Stopped(signum)


def on_signals() -> None:
    """From now on SIGTERM and SIGINT raise ``Stopped`` (main thread only; elsewhere a no-op)."""
    global _pending
    if threading.current_thread() is not threading.main_thread():
        return
    _pending = None
    for sig in SIGNALS:
        signal.signal(sig, _handler)


def restore() -> None:
    """The default handlers again."""
    if threading.current_thread() is threading.main_thread():
        for sig in SIGNALS:
            signal.signal(sig, signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL)


@contextmanager
def critical() -> Iterator[None]:
    """A section a signal does not cut: a stop asked for inside it is raised when it ends."""
    global _depth, _pending
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if _depth == 0 and _pending is not None:
        signum, _pending = _pending, None
        raise Stopped(signum)


__all__ = ["SIGNALS", "Stopped", "critical", "on_signals", "restore"]
