"""Worker processes end with their parent, whatever ends the parent.

This module imports nothing heavy: ``start_worker`` is the local engine's pool initializer, and a
spawned worker unpickles (and so imports) its initializer before anything runs; the watch must
be on before the model and spaCy take their seconds to import.

Signal handlers cannot do this: a SIGKILL (an out-of-memory kill, ``kill -9``, a supervisor's
last resort) runs no handler, and workers left behind used to live on under init holding 300 MB
each and the parent's stdout and stderr, so anything waiting for those pipes to close hung.

A worker started with multiprocessing's 'spawn' holds the read end of a pipe whose write end
only its parent holds (``multiprocessing.parent_process().sentinel``): the kernel closes it when
the parent dies, however it dies. ``watch_parent`` waits on it in a daemon thread and ends the
worker at once. Where there is no such pipe (another start method), the thread polls the parent
id instead, which changes when the parent dies and the worker is re-parented.
"""
from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import threading
import time

# Exit status of a worker whose parent died (EX_SOFTWARE would mislead; this is "orphaned").
ORPHANED = 70
_started = False


def _wait_for_pipe(sentinel: int) -> None:
    try:
        multiprocessing.connection.wait([sentinel])
    except OSError:
        pass
    os._exit(ORPHANED)


def _poll_parent(parent_pid: int, every: float) -> None:
    while os.getppid() == parent_pid:
        time.sleep(every)
    os._exit(ORPHANED)


def watch_parent(every: float = 0.5) -> None:
    """End this process (immediately, no cleanup) when its parent process dies. Idempotent."""
    global _started
    if _started:
        return
    _started = True
    parent = multiprocessing.parent_process()
    sentinel = getattr(parent, "sentinel", None) if parent is not None else None
    if isinstance(sentinel, int):
        thread = threading.Thread(target=_wait_for_pipe, args=(sentinel,), daemon=True,
                                  name="polevent-parent-watch")
    else:
        thread = threading.Thread(target=_poll_parent, args=(os.getppid(), every), daemon=True,
                                  name="polevent-parent-watch")
    thread.start()


def start_worker(init: str, payload: bytes) -> None:
    """A pool initializer: watch the parent, leave SIGINT and SIGTERM to it, then call ``init``
    ("module:function") with the arguments pickled in ``payload`` (unpickled only now, as they
    import the heavy modules)."""
    watch_parent()
    # Ctrl-C and SIGTERM (sent to the whole process group by a terminal or a supervisor) are the
    # parent's to handle: it finishes or drops the batch in progress and then ends the workers.
    # Workers that died of them first would break the pool under it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    module, _, name = init.partition(":")
    getattr(importlib.import_module(module), name)(*pickle.loads(payload))


__all__ = ["ORPHANED", "start_worker", "watch_parent"]
