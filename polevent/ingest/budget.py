"""A time budget for extracting one page, so a pathological page costs seconds, not the run.

trafilatura and htmldate are pure Python around lxml; their cost on hostile markup grows
faster than the page (the issue's 2.2 MB page took 5 minutes). The budget interrupts them with
SIGALRM. Unlike the coder's budget, the exception derives from BaseException, so that the
libraries' own ``except Exception`` blocks cannot swallow it, and the timer repeats, so that an
interrupt lost inside a C call is raised again soon after it returns. SIGALRM exists only on
POSIX and reaches only the main thread: elsewhere the size limit alone bounds a page.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# After the budget, how often the interrupt is raised again until the block has ended.
_REPEAT_SECONDS = 0.25


class ExtractionTimeout(BaseException):
    """The page's extraction went over its time budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout inside the block once ``seconds`` have passed (0: no budget)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


__all__ = ["ExtractionTimeout", "time_budget"]
