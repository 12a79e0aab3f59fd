"""The Dask engine: the same coding on the workers of a Dask cluster.

The client reads the documents as a stream and submits them in partitions of ``partition_size``
documents, at most ``in_flight`` partitions outstanding (so the client's memory stays flat);
each worker process builds its ``Coder`` once (cached per worker thread, keyed by the
configuration) and returns the events of a partition; the client yields the results in input
order, so its output is the output of the local engine, and every sink (JSON Lines, the store)
works unchanged.

Without a scheduler address a local cluster is started (``workers`` processes, one thread each,
on 127.0.0.1) and shut down at the end; its workers end when this process dies, however it dies
(distributed's own parent-death pipe, checked by tests/test_robustness.py). With one, the cluster's workers need polevent and the
spaCy model installed; the user's actor and pattern files are sent along with the work. A
``--model`` path must exist on every worker.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from ..model import Document, Event
from ..pipeline import Coder, CoderConfig, DocumentResult
from . import BATCH_SIZE, CoderError, Engine, build_coder, default_workers

_local = threading.local()
_built = 0  # coders built in this worker process (for tests and monitoring)


def built_coders() -> int:
    """How many coders this worker process has built: one per worker thread and configuration."""
    return _built


def _worker_coder(config: CoderConfig) -> Coder:
    """This worker thread's Coder for ``config``, built on first use (once per worker)."""
    cache = getattr(_local, "coders", None)
    if cache is None:
        cache = _local.coders = {}
    coder = cache.get(config)
    if coder is None:
        global _built
        coder = cache[config] = build_coder(config)
        _built += 1
    return coder


def _probe(config: CoderConfig) -> str | None:
    try:
        _worker_coder(config)
    except CoderError as exc:
        return str(exc)
    return None


def _code_partition(config: CoderConfig, docs: list[Document],
                    batch_size: int) -> list[tuple[list[Event], int, str | None, list[str]]]:
    coder = _worker_coder(config)
    return [(r.events, r.sentences, r.error, r.warnings) for r in coder.code(docs, batch_size=batch_size)]


class DaskEngine(Engine):
    def __init__(self, config: CoderConfig, scheduler: str | None = None, workers: int | None = None,
                 batch_size: int = BATCH_SIZE, partition_size: int = 64, in_flight: int | None = None) -> None:
        self.config = config
        self.scheduler = scheduler
        self.workers = workers
        self.batch_size = batch_size
        self.partition_size = partition_size
        self.in_flight = in_flight
        self.client = None
        self.cluster = None

    def start(self) -> "DaskEngine":
        if self.client is not None:
            return self
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise CoderError("the Dask engine needs dask.distributed: pip install 'polevent[dask]'") from None
        config = self.config
        try:
            if self.scheduler:
                # Remote workers may not see this machine's files: check them here (errors name
                # the user's file and line), then ship their contents.
                from ..actors.knowledge import KnowledgeError, load_knowledge
                from ..events.lexicon import PatternError, load_lexicon
                try:
                    load_knowledge(config.actor_files)
                    load_lexicon(config.pattern_files)
                except (KnowledgeError, PatternError) as exc:
                    raise CoderError(str(exc)) from None
                config = config.portable()
                self.client = Client(self.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(n_workers=self.workers or default_workers(), threads_per_worker=1,
                                            processes=True, host="127.0.0.1", dashboard_address=None,
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except CoderError:
            raise
        except (OSError, TimeoutError) as exc:
            self.close()
            raise CoderError(f"cannot reach Dask scheduler {self.scheduler}: {exc}") from None
        self.config = config
        error = self.client.submit(_probe, config, pure=False).result()
        if error:
            self.close()
            raise CoderError(error)
        return self

    def _limit(self) -> int:
        if self.in_flight:
            return self.in_flight
        return max(4, 3 * sum(self.client.nthreads().values()))

    def code(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        self.start()
        limit = self._limit()
        pending: deque = deque()
        it = iter(docs)
        try:
            while True:
                part = list(islice(it, self.partition_size))
                if part:
                    pending.append((part, self.client.submit(_code_partition, self.config, part,
                                                             self.batch_size, pure=False)))
                if pending and (len(pending) >= limit or not part):
                    done, future = pending.popleft()
                    results = future.result()
                    future.release()
                    for doc, (events, n_sent, error, warnings) in zip(done, results):
                        yield DocumentResult(doc, events, n_sent, error, warnings)
                if not part and not pending:
                    return
        finally:
            for _, future in pending:
                try:
                    future.cancel()
                except Exception:  # noqa: BLE001 - the client is already gone: nothing to cancel
                    pass

    def close(self, abort: bool = False) -> None:
        """Disconnect, and stop the local cluster if this engine started one (``abort``: without
        waiting for it to wind down gracefully)."""
        if abort and self.cluster is not None:
            # The workers first, at once: closed gracefully they would wait for their task and
            # log every connection they lose.
            for nanny in list(getattr(self.cluster, "workers", {}).values()):
                pid = getattr(getattr(nanny, "process", None), "pid", None)
                if pid:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
        if self.client is not None:
            client, self.client = self.client, None
            try:
                client.close(timeout=2) if abort else client.close()
            except Exception:  # noqa: BLE001 - a client torn down mid-call; the cluster goes below
                pass
        if self.cluster is not None:
            cluster, self.cluster = self.cluster, None
            cluster.close(timeout=5 if abort else None)
