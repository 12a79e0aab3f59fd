"""A run's inputs, fixed before it writes anything.

``polevent code inbox/ -o inbox/events.jsonl --errors inbox/errors.jsonl`` once read its own
errors file while appending to it, and filled the disk. So:

* ``resolve_inputs`` lists every input file at the start (directories walked now, not while
  coding), before any output is opened; a file that appears later is not read by this run.
* The run's own files (``-o``, ``--errors``, the store and its WAL) are never read: each input
  is compared with them by device and inode, not by name, once at the start and again just
  before it is read (a store's WAL comes and goes during the run). An output given explicitly
  as an input stops the run before anything is written; one found in a directory is left out
  with a note.
* In a directory, FIFOs, devices and sockets (reading one can block forever or never end),
  links that lead out of the tree and broken links are reported and skipped. A file named on
  the command line is read whatever it is (``<(zcat feed.gz)`` is a pipe).
* Paths become text with ``polevent.storable.escape_path``, so a file name that is not UTF-8 is
  a document id like any other.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from collections import Counter

from .ingest import DIRECTORY_SUFFIXES, read_file, read_stdin, skipped_line
from .model import Document, InputError
from .storable import escape_path

FileId = tuple[int, int]  # (st_dev, st_ino)
STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One input file: ``path`` as the OS knows it, ``name`` as ids and messages show it."""

    path: str
    name: str
    explicit: bool  # named on the command line (not found in a directory)


@dataclass(frozen=True)
class Notice:
    """Something said about an input that is not a skipped document (not counted as one)."""

    where: str
    message: str


def file_id(st: os.stat_result) -> FileId:
    return (st.st_dev, st.st_ino)


def _kind(mode: int) -> str | None:
    """What a special file is, or None for a regular file or a directory."""
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def resolve_inputs(specs: Iterable[str]) -> list[Source | InputError | Notice]:
    """Every input file, in the order given (directories recursively, in name order; the files
    of other kinds a directory holds are counted in one notice)."""
    out: list[Source | InputError | Notice] = []
    for spec in specs:
        if spec == STDIN:
            out.append(Source(STDIN, STDIN, True))
            continue
        name = escape_path(spec)
        try:
            st = os.stat(spec)
        except FileNotFoundError:
            out.append(InputError(name, None, "no such file or directory"))
            continue
        except OSError as err:  # a path component without search permission, a loop of links
            out.append(InputError(name, None, f"cannot read: {err.strerror or err}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            passed: Counter[str] = Counter()
            out.extend(_walk(spec, os.path.realpath(spec), passed))
            if passed:
                out.append(Notice(name, skipped_line(passed)))
        elif stat.S_ISSOCK(st.st_mode):
            out.append(InputError(name, None, "a socket, not a file; skipped"))
        else:
            out.append(Source(spec, name, True))
    return out


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(directory: str, root: str, passed: Counter[str]) -> Iterator[Source | InputError]:
    """Input files under ``directory`` depth-first in name order, so runs are reproducible.

    Hidden entries and files with other extensions are skipped silently, as before; linked
    directories are not followed (no cycles). ``root`` is the real path of the tree the user
    named: a link may point anywhere inside it.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(escape_path(directory), None, f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_link = entry.is_symlink()
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, root, passed)
                continue
        except OSError:
            continue
        if not entry.name.lower().endswith(tuple(DIRECTORY_SUFFIXES)):
            passed[Path(entry.name).suffix.lower() or "without extension"] += 1
            continue
        name = escape_path(entry.path)
        if is_link:
            target = os.path.realpath(entry.path)
            if not os.path.exists(target):
                yield InputError(name, None, "broken link; skipped")
                continue
            if not _inside(target, root):
                yield InputError(name, None, f"link out of the tree (to {escape_path(target)}); skipped")
                continue
        try:
            st = os.stat(entry.path)
        except OSError as err:
            yield InputError(name, None, f"cannot read: {err.strerror or err}")
            continue
        if stat.S_ISDIR(st.st_mode):
            continue  # a link to a directory inside the tree: not followed
        kind = _kind(st.st_mode)
        if kind:
            yield InputError(name, None, f"{kind}, not a regular file; skipped")
            continue
        yield Source(entry.path, name, False)


class Outputs:
    """The files a run writes, known by device and inode, so that none of them is read."""

    def __init__(self) -> None:
        self._fixed: dict[FileId, str] = {}   # open files: -o, --errors
        self._paths: list[tuple[str, str]] = []  # files that come and go: the store, its WAL

    def add_open(self, fd: int, what: str) -> None:
        self._fixed[file_id(os.fstat(fd))] = what

    def add_path(self, path: str | Path, what: str) -> None:
        self._paths.append((str(path), what))

    def ids(self) -> dict[FileId, str]:
        found = dict(self._fixed)
        for path, what in self._paths:
            try:
                found[file_id(os.stat(path))] = what
            except OSError:
                pass
        return found

    def which(self, fid: FileId) -> str | None:
        return self.ids().get(fid)


def clashes(sources: Iterable[Source | InputError], outputs: dict[str, str | Path | None]) -> list[str]:
    """Before anything is written: one-line errors for outputs (``{"-o": path, ...}``) that were
    also named as inputs. The run must not start, since opening ``-o`` would empty its own input.
    An output that was only found in a directory is left out later, by ``read_sources``."""
    existing: dict[FileId, str] = {}
    for what, path in outputs.items():
        if path is None:
            continue
        names = [(str(path), what)]
        if what == "--db":
            names.append((f"{path}.wal", "--db WAL"))
        for p, label in names:
            try:
                existing[file_id(os.stat(p))] = label
            except OSError:
                pass
    errors: list[str] = []
    for src in sources:
        if not isinstance(src, Source) or not src.explicit:
            continue
        try:
            st = os.fstat(0) if src.path == STDIN else os.stat(src.path)
        except OSError:
            continue
        what = existing.get(file_id(st))
        if what is not None:
            where = "stdin" if src.path == STDIN else src.name
            errors.append(f"{where}: is also this run's {what}; it would be written while it is read")
    return errors


Reader = Callable[[str], Iterable[Document | InputError]]


def read_sources(sources: Iterable[Source | InputError], published: date | None,
                 outputs: Outputs, read: Reader | None = None,
                 read_stdin_: Callable[[], Iterable[Document | InputError]] | None = None,
                 ) -> Iterator[Document | InputError | Notice]:
    """The documents of every source in order; a source that is one of the run's outputs (by
    device and inode, checked just before it is opened) is passed over with a ``Notice``.
    ``read`` and ``read_stdin_`` read one file and stdin (default: ``polevent.ingest``'s, with
    ``published`` as the fallback date)."""
    read = read or (lambda path: read_file(path, published))
    read_stdin_ = read_stdin_ or (lambda: read_stdin(published))
    for src in sources:
        if isinstance(src, (InputError, Notice)):
            yield src
            continue
        if src.path != STDIN:
            try:
                fid = file_id(os.stat(src.path))
            except OSError:
                fid = None
            what = outputs.which(fid) if fid else None
            if what is not None:
                yield Notice(src.name, f"not read: it is this run's {what}")
                continue
            reader: Iterable[Document | InputError] = read(src.path)
        else:
            reader = read_stdin_()
        if src.name == src.path:
            yield from reader
        else:
            yield from (_renamed(item, src.path, src.name) for item in reader)


def _renamed(item: Document | InputError, path: str, name: str) -> Document | InputError:
    """An item of a file whose name needed escaping, with the escaped name in its id and origin."""
    def fix(value: str | None) -> str | None:
        if value is None:
            return None
        if value == path:
            return name
        if value.startswith(path + ":"):
            return name + value[len(path):]
        return value

    if isinstance(item, InputError):
        return replace(item, path=fix(item.path) or name, doc_id=fix(item.doc_id))
    return replace(item, id=fix(item.id) or name, origin=fix(item.origin) or "")


__all__ = ["FileId", "Notice", "Outputs", "Source", "clashes", "file_id", "read_sources",
           "resolve_inputs"]
