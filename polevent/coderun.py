"""One ``polevent code`` run: documents from the inputs through an engine into ``-o`` and the store.

What it guarantees, whatever stops it:

* **The store** gets whole batches (one transaction each) and is held only while a batch is
  written or a group of documents is looked up (``StoreSession``): ``polevent serve`` reads it
  in between. Another ``polevent code`` into the same store is refused while this one runs.
* **Resume**: a document already stored with the same text (the text as coded: cut to
  ``--max-chars``) is not coded again. The look-up goes through the primary key's index, so it
  costs the same in a store of 200,000 documents as in one of 300.
* **``-o`` with ``--db``** is written whole on every run and agrees with the store: a batch's
  events are written after it is committed, and the events of documents skipped as already
  stored are written from the store. A run killed and run again leaves the file a clean run
  leaves (documents already stored come in groups, as they are read).
* **SIGTERM/SIGINT** (``polevent.stopping``) drop the batch in progress, or finish it when the
  signal comes while it is being committed, stop the workers at once, and end with one line
  saying what is stored.
* **Every string stored is valid text** (``polevent.storable``), and a document id used twice
  in one run (``1`` and ``"1"`` are the same id) is reported instead of silently replacing the
  first document.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb

from .engines import Engine
from .inputs import Notice
from .model import Document, InputError, InputWarning
from .runconfig import DocumentResult, cut_document
from .runlog import ErrorLog, Progress, write_error
from .stopping import critical
from .storable import storable_document
from .store import Store, StoreError, text_hash
from .storefile import one_line

# Documents looked up in the store at once. Small while documents are being coded, so that the
# workers get them soon; large while every document is found stored (a resumed run going over
# what it did before), so that the store is opened once per group, not once per document.
LOOKUP_SMALL, LOOKUP_LARGE = 16, 256


class StoreSession:
    """A store opened for one batch or one group of look-ups at a time, and the run's claim on it.

    DuckDB lets one process open a file for writing or several for reading, never both at once;
    holding the store only while it is used lets ``polevent serve`` answer between batches. The
    claim (``flock`` on the database file, which DuckDB's own ``fcntl`` locks do not see) keeps
    a second ``polevent code`` out for the whole run: two runs coding one store would code the
    same documents twice.
    """

    def __init__(self, path: str | Path, wait: float | None = None) -> None:
        self.path = str(path)
        self.wait = wait
        self._claim: int | None = None

    def start(self) -> None:
        """Create or check the store and claim it; a StoreError (one line) if either fails."""
        Store(self.path, wait=self.wait).close()
        fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreError(f"{self.path}: another polevent code is writing to it "
                             "(one run at a time codes into a store)") from None
        self._claim = fd

    @contextmanager
    def store(self) -> Iterator[Store]:
        st = Store(self.path, wait=self.wait)
        try:
            yield st
        except duckdb.Error as exc:  # a damaged file, a full disk: one line naming the store
            raise StoreError(f"{self.path}: {one_line(exc)}") from None
        finally:
            st.close()

    def close(self) -> None:
        if self._claim is not None:
            os.close(self._claim)
            self._claim = None


class SeenIds:
    """The document ids of this run (8-byte digests: about 60 bytes a document)."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def add(self, doc_id: str) -> bool:
        """Remember ``doc_id``; False when it was already seen."""
        key = int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big")
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


@dataclass
class RunCounts:
    coded: int = 0          # documents coded by this run (stored, with --db)
    events: int = 0         # their events
    resumed: int = 0        # documents skipped as already stored
    resumed_events: int = 0 # their events, written to -o from the store


@dataclass
class CodeRun:
    """Everything a run needs; ``run(items)`` codes them, raising ``Stopped`` on a signal."""

    engine: Engine
    log: ErrorLog
    progress: Progress
    max_chars: int
    out: IO[str] | None = None
    session: StoreSession | None = None
    resume: bool = True
    batch_size: int = 64
    counts: RunCounts = field(default_factory=RunCounts)

    def __post_init__(self) -> None:
        self._dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode
        self._seen = SeenIds()

    # -- input side ---------------------------------------------------------------------------
    def _prepared(self, items: Iterable[Document | InputError | InputWarning | Notice]) -> Iterator[Document]:
        """Documents ready to code: storable, cut as they will be coded, each id once."""
        for item in items:
            if isinstance(item, Notice):
                self.log.warn(item.where, item.message)
                continue
            if isinstance(item, InputWarning):
                self.log.warned(item)
                continue
            if isinstance(item, Document):
                item = storable_document(item)
            if isinstance(item, Document):
                item = cut_document(item, self.max_chars)
                if not self._seen.add(item.id):
                    where, _, line = item.origin.rpartition(":")
                    item = InputError(where if line.isdigit() else item.origin or item.id,
                                      int(line) if line.isdigit() else None,
                                      'id already used by an earlier document of this run '
                                      '(1 and "1" are the same id); skipped', doc_id=item.id)
            if isinstance(item, InputError):
                self.log.skipped(item)
                self.progress.update(skipped=1)
                continue
            yield item

    def documents(self, items: Iterable[Document | InputError | Notice]) -> Iterator[Document]:
        """The documents to code: without a store (or with --recode) all of them, else those not
        already stored with the same text, looked up in groups."""
        docs = self._prepared(items)
        if self.session is None or not self.resume:
            yield from docs
            return
        group: list[Document] = []
        size = LOOKUP_SMALL
        for doc in docs:
            group.append(doc)
            if len(group) >= size:
                todo = self._look_up(group)
                size = LOOKUP_LARGE if not todo else LOOKUP_SMALL
                group = []
                yield from todo
        if group:
            yield from self._look_up(group)

    def _look_up(self, group: list[Document]) -> list[Document]:
        assert self.session is not None
        # (a signal inside a DuckDB query comes out as DuckDB's "Query interrupted", not as our
        # stop: the short look-up finishes and the stop follows it)
        with critical(), self.session.store() as st:
            hashes = st.stored_hashes([d.id for d in group])
            stored = [d for d in group if hashes.get(d.id) == text_hash(d.text)]
            events = st.event_jsons([d.id for d in stored]) if stored and self.out is not None else {}
        if stored:
            with critical():
                lines = [self._dumps(e) + "\n" for doc in stored for e in events.get(doc.id, ())]
                self._write(lines)
                self.counts.resumed += len(stored)
                self.counts.resumed_events += len(lines)
        keep = {id(d) for d in stored}
        return [d for d in group if id(d) not in keep]

    # -- output side --------------------------------------------------------------------------
    def _results(self, docs: Iterable[Document]) -> Iterator[DocumentResult]:
        """Coded documents; failures and warnings reported as they come."""
        for result in self.engine.code(docs):
            doc = result.document
            where = doc.origin or doc.id
            for warning in result.warnings:
                self.log.warn(f"{where} (id {doc.id})", warning)
            if result.error:
                path, _, line = where.rpartition(":")
                self.log.skipped(InputError(path if line.isdigit() else where,
                                            int(line) if line.isdigit() else None, result.error, doc.id))
                self.progress.update(skipped=1)
                continue
            yield result

    def _emit(self, results: list[DocumentResult]) -> None:
        """Write the events of coded documents to -o and count them (inside ``critical``)."""
        self._write([self._dumps(ev.to_json()) + "\n" for r in results for ev in r.events])
        for r in results:
            self.counts.coded += 1
            self.counts.events += len(r.events)
            self.progress.update(docs=1, events=len(r.events))

    def _write(self, lines: list[str]) -> None:
        """Lines to -o (or stdout), flushed: what is counted is on disk."""
        if self.out is None:
            return
        try:
            if lines:
                self.out.write("".join(lines))
            self.out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise write_error(getattr(self.out, "name", "output"), exc) from None

    def _commit(self, batch: list[DocumentResult]) -> None:
        """One batch: stored in one transaction, then its events written; a signal waits."""
        assert self.session is not None
        with critical():
            with self.session.store() as st:
                st.write_results(batch)
            self._emit(batch)

    def run(self, items: Iterable[Document | InputError | Notice]) -> RunCounts:
        results = self._results(self.documents(items))
        try:
            if self.session is None:
                for result in results:
                    with critical():
                        self._emit([result])
                return self.counts
            batch: list[DocumentResult] = []
            for result in results:
                batch.append(result)
                if len(batch) >= self.batch_size:
                    self._commit(batch)
                    batch = []
            if batch:
                self._commit(batch)
            return self.counts
        finally:
            # Now, while the engine is still up: the engine's clean-up (cancelling what it has
            # sent out) must not run later, from the garbage collector, against a closed engine.
            results.close()


__all__ = ["CodeRun", "LOOKUP_LARGE", "LOOKUP_SMALL", "RunCounts", "SeenIds", "StoreSession"]
