"""Engines: where the coding runs. Each one takes a stream of ``Document``s and yields
``DocumentResult``s in input order, so every sink (JSON Lines, the store) works with any engine.

- ``InProcessEngine``: the ``Coder`` in this process (``--workers 1``).
- ``LocalEngine``: N worker processes on this machine, each with its own ``Coder``.
- ``DaskEngine``: the workers of a Dask cluster (a local one unless a scheduler is given).

Use: ``engine.start()`` (loads the models; raises ``CoderError`` with a one-line message when a
model or a knowledge file is bad), then ``engine.code(docs)`` any number of times, then
``engine.close()`` (or use the engine as a context manager).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Document
from ..runconfig import CoderConfig, DocumentResult

if TYPE_CHECKING:  # the coder (spaCy, the knowledge) is imported where a document is coded
    from ..pipeline import Coder

# Documents per nlp.pipe batch: whole articles, 16 at a time, is where spaCy's small English
# pipeline is fastest on a CPU; larger batches only cost memory.
BATCH_SIZE = 16


# Below this many bytes of input (files on disk), the default engine codes in this process:
# starting worker processes (each loads the model) costs more than it saves. Measured on 2
# cores: one process codes about 40 KB of news text a second, and two workers take about 3 s to
# start, so they pay off from a few hundred KB.
SMALL_INPUT_BYTES = 256_000


class CoderError(RuntimeError):
    """A worker could not build its Coder (bad model, knowledge or pattern file), or died."""


def build_coder(config: CoderConfig) -> Coder:
    """``config.build()`` with the user errors turned into ``CoderError`` (one line, picklable)."""
    from ..actors.knowledge import KnowledgeError
    from ..events.lexicon import PatternError
    from ..nlp import ModelError
    try:
        return config.build()
    except (KnowledgeError, PatternError, ModelError) as exc:
        raise CoderError(str(exc)) from None


def default_workers() -> int:
    """The machine's cores (the ones this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    def start(self) -> "Engine":
        return self

    def code(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        raise NotImplementedError

    def close(self, abort: bool = False) -> None:
        """Release the workers; ``abort``: at once, without waiting for work in progress."""

    def __enter__(self) -> "Engine":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


class InProcessEngine(Engine):
    """The Coder in this process: no worker start-up, the model loaded here."""

    def __init__(self, config: CoderConfig, batch_size: int = BATCH_SIZE) -> None:
        self.config = config
        self.batch_size = batch_size
        self.coder: Coder | None = None

    def start(self) -> "InProcessEngine":
        if self.coder is None:
            self.coder = build_coder(self.config)
        return self

    def code(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        self.start()
        yield from self.coder.code(docs, batch_size=self.batch_size)


class LazyEngine(Engine):
    """An engine started only when the first document reaches it: a run that finds nothing to
    code (every document already stored) never loads the model."""

    def __init__(self, inner: Engine) -> None:
        self.inner = inner
        self.started = False

    def start(self) -> "LazyEngine":
        if not self.started:
            self.inner.start()
            self.started = True
        return self

    def code(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        it = iter(docs)
        for first in it:
            self.start()
            yield from self.inner.code(_chain(first, it))
            return

    def close(self, abort: bool = False) -> None:
        if self.started:
            self.inner.close(abort=abort)


def _chain(first: Document, rest: Iterator[Document]) -> Iterator[Document]:
    yield first
    yield from rest


def make_engine(engine: str = "local", workers: int | None = None, config: CoderConfig | None = None,
                scheduler: str | None = None, batch_size: int = BATCH_SIZE,
                input_bytes: int | None = None) -> Engine:
    """The engine the command line asks for: ``local`` with 1 worker runs in this process, and so
    does ``local`` without a number of workers on an input smaller than SMALL_INPUT_BYTES
    (``input_bytes``; None: not known, as for stdin)."""
    config = config or CoderConfig()
    if engine == "dask" or scheduler:
        from .dask import DaskEngine
        return DaskEngine(config, scheduler=scheduler, workers=workers, batch_size=batch_size)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if workers is None and input_bytes is not None and input_bytes < SMALL_INPUT_BYTES:
        workers = 1
    workers = workers or default_workers()
    if workers == 1:
        return InProcessEngine(config, batch_size)
    from .local import LocalEngine
    return LocalEngine(config, workers, batch_size=batch_size)


__all__ = ["BATCH_SIZE", "CoderError", "Engine", "InProcessEngine", "LazyEngine", "SMALL_INPUT_BYTES",
           "build_coder", "default_workers", "make_engine"]
