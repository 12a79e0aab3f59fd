"""The local engine: N worker processes, each building its own ``Coder`` once.

The parent reads documents as a stream, sends them to the workers in batches of ``batch_size``
(one nlp.pipe batch each), keeps at most ``in_flight`` batches outstanding so that memory stays
flat however large the input, and yields the results in input order. Workers return only the
events and the sentence count; the parent pairs them with the documents it still holds, so the
article text crosses the process boundary once.

Workers are started with 'spawn': nothing of the parent (open files, a DuckDB connection,
threads) leaks into them, and the same code runs on every platform. They end with the parent
however it ends (``polevent.lifeline``); signals are the parent's to handle (it stops the
run between batches and then ends the workers, ``close(abort=True)``).
"""
from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from ..model import Document, Event
from ..pipeline import Coder, CoderConfig, DocumentResult
from ..lifeline import start_worker
from . import BATCH_SIZE, CoderError, Engine, build_coder

_coder: Coder | None = None
_error: str | None = None


def _init_worker(config: CoderConfig) -> None:
    """Runs once in each worker (through ``lifeline.start_worker``, which has already set up the
    parent watch and the signals): load the model, the knowledge and the patterns."""
    global _coder, _error
    try:
        _coder = build_coder(config)
    except CoderError as exc:
        _error = str(exc)


def _probe() -> str | None:
    return _error


def _code_batch(docs: list[Document], batch_size: int) -> list[tuple[list[Event], int, str | None, list[str]]]:
    if _coder is None:
        raise CoderError(_error or "worker has no coder")
    return [(r.events, r.sentences, r.error, r.warnings) for r in _coder.code(docs, batch_size=batch_size)]


class LocalEngine(Engine):
    def __init__(self, config: CoderConfig, workers: int, batch_size: int = BATCH_SIZE,
                 in_flight: int | None = None, context: str = "spawn") -> None:
        self.config = config
        self.workers = workers
        self.batch_size = batch_size
        self.in_flight = in_flight or 4 * workers
        self.context = context
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> "LocalEngine":
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context(self.context),
                                            initializer=start_worker,
                                            initargs=(f"{__name__}:_init_worker", pickle.dumps((self.config,))))
            # One probe per worker, submitted together: the pool starts every process now (it
            # spawns on demand), they load their models in parallel, and a bad model or
            # knowledge file stops the run here, before any input is read or output opened.
            probes = [self.pool.submit(_probe) for _ in range(self.workers)]
            try:
                errors = [p.result() for p in probes]
            except BrokenProcessPool:
                self.close()
                raise CoderError("a worker process died while loading the model") from None
            error = next((e for e in errors if e), None)
            if error:
                self.close()
                raise CoderError(error)
        return self

    def code(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        self.start()
        pending: deque[tuple[list[Document], Future]] = deque()
        it = iter(docs)
        try:
            while True:
                batch = list(islice(it, self.batch_size))
                if batch:
                    pending.append((batch, self.pool.submit(_code_batch, batch, self.batch_size)))
                if pending and (len(pending) >= self.in_flight or not batch):
                    done, future = pending.popleft()
                    for doc, (events, n_sent, error, warnings) in zip(done, future.result()):
                        yield DocumentResult(doc, events, n_sent, error, warnings)
                if not batch and not pending:
                    return
        except BrokenProcessPool:
            raise CoderError("a worker process died (out of memory?)") from None
        finally:
            for _, future in pending:
                future.cancel()

    def close(self, abort: bool = False) -> None:
        """Stop the workers: after their current batch, or (``abort``) at once."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        if abort:
            # The pool's own shutdown waits for the batches being coded; a stopped run does
            # not. SIGKILL, as the workers ignore SIGTERM.
            for proc in list((getattr(pool, "_processes", None) or {}).values()):
                try:
                    proc.kill()
                except (OSError, ValueError):
                    pass
        pool.shutdown(wait=True, cancel_futures=True)
