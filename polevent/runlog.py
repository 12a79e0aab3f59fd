"""What a long run tells its user: skipped inputs (one line each, and a JSONL report) and progress.

A night-long run over scraped pages must end with a list of every input it could not code and
why, in a form a script can re-read (``--errors FILE.jsonl``), while the terminal shows one line
per problem and, when it is a terminal, a progress bar.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO

from .model import InputError, InputWarning
from .storable import clean


class WriteError(Exception):
    """An output file could not be written (a full disk, a lost mount): one line naming it."""


def write_error(name: str, exc: OSError) -> WriteError:
    return WriteError(f"{name}: cannot write: {exc.strerror or ' '.join(str(exc).split())}")


class ErrorLog:
    """Counts skipped inputs, prints each as one line on stderr, and appends it to a JSONL file."""

    def __init__(self, path: str | Path | None = None, stream: IO[str] | None = None) -> None:
        self.count = 0
        self.stream = stream if stream is not None else sys.stderr
        self._file = open(path, "a", encoding="utf-8") if path else None

    def fileno(self) -> int | None:
        """The errors file's descriptor (so that the run never reads it as an input)."""
        return self._file.fileno() if self._file is not None else None

    def skipped(self, error: InputError) -> None:
        self.count += 1
        self._line(error.message())
        self._record({"file": error.path, "line": error.line, "doc_id": error.doc_id, "reason": error.reason})

    def _record(self, record: dict) -> None:
        """One line of the JSONL report, valid text whatever the input held (a lone surrogate
        cannot be written as UTF-8); a failed write is one line naming the file."""
        if self._file is None:
            return
        record = {k: clean(v) if isinstance(v, str) else v for k, v in record.items()}
        try:
            self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as exc:
            raise write_error(self._file.name, exc) from None

    def warn(self, where: str, message: str) -> None:
        self._line(f"{where}: warning: {message}")

    def warned(self, warning: InputWarning) -> None:
        """An input that was read with a caveat: one line, and a record marked as a warning in
        the JSONL report (it does not count as skipped and does not change the exit status)."""
        self.warn(warning.where(), warning.reason)
        self._record({"file": warning.path, "line": warning.line, "doc_id": warning.doc_id,
                      "reason": warning.reason, "level": "warning"})

    def _line(self, text: str) -> None:
        # One physical line per problem, whatever the input contained.
        clean = " ".join(text.split())
        print(f"polevent: {clean}", file=self.stream, flush=True)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


class Progress:
    """A rich progress display (documents, events, skipped, rate) on stderr, only when stderr is a
    terminal: piped or redirected output stays clean for scripts."""

    def __init__(self, enabled: bool, stream: IO[str] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.docs = self.events = self.skipped = 0
        self._progress = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn
            self._progress = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                          console=Console(file=self.stream), transient=False)
            self._task = self._progress.add_task(self._text(0.0))
            self._start = time.monotonic()
            self._progress.start()

    def _text(self, rate: float) -> str:
        return (f"{self.docs:,} documents, {self.events:,} events, {self.skipped:,} skipped, "
                f"{rate:,.1f} docs/s")

    def update(self, docs: int = 0, events: int = 0, skipped: int = 0) -> None:
        self.docs += docs
        self.events += events
        self.skipped += skipped
        if self._progress is not None:
            rate = self.docs / max(time.monotonic() - self._start, 1e-9)
            self._progress.update(self._task, description=self._text(rate))

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
