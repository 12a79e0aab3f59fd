"""Opening the store's DuckDB file so that no kill, no stray file and no second process turns into
a traceback or a store that cannot be used again.

* **Creation is atomic.** A new store is built under a temporary name beside the target
  (``.NAME.PID.creating``), its schema made in one transaction, closed, and then linked to its
  name (``os.link`` fails rather than replace a store another process made meanwhile). A kill at
  any moment leaves either no store or a complete one; a temporary file of a dead process is
  removed by the next creation.
* **What a killed run of an older polevent left** is recreated without asking when it can hold
  nothing: an empty (0-byte) file, or a DuckDB file that is only its headers. Anything else that
  is not a DuckDB database is refused in one line (``--db events.jsonl`` is a mistake to report,
  not a file to overwrite).
* **One process at a time.** DuckDB lets one process open a file for writing, or several for
  reading, never both; ``polevent code`` and ``polevent serve`` each hold the store only for a
  batch or a request, so ``connect`` waits (up to ``LOCK_WAIT_SECONDS``) for the other to let go
  instead of failing at once.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Callable

import duckdb

# How long opening a store waits for another process that holds it (a batch being written, a
# request being answered) before giving up with a one-line error.
LOCK_WAIT_SECONDS = 10.0
# DuckDB's file starts with a checksum (8 bytes) and this magic; three 4 KiB headers come first.
_MAGIC = b"DUCK"
_HEADERS_SIZE = 3 * 4096


class StoreError(Exception):
    """A database that cannot be opened, read or written; the message is one line."""


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, without DuckDB's documentation links."""
    text = " ".join(str(exc).split())
    return re.sub(r"\s*See also https?://\S+", "", text)


def is_duckdb_file(path: Path) -> bool | None:
    """True when the file starts like a DuckDB database, False when it holds something else,
    None when it is empty."""
    with open(path, "rb") as fh:
        head = fh.read(16)
    if not head:
        return None
    return head[8:12] == _MAGIC


def connect(path: str | Path, read_only: bool = False, wait: float | None = None,
            create: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``; ``create`` makes the schema of a new one.

    Raises ``StoreError`` (one line) for a missing store opened read-only, a file that is not a
    DuckDB database, a damaged database, or a store another process still holds after ``wait``
    seconds.
    """
    name = str(path)
    if name == ":memory:":
        con = duckdb.connect(name, read_only=read_only)
        if create is not None:
            create(con)
        return con
    target = Path(name)
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    if target.is_dir():
        raise StoreError(f"{name}: is a directory, not a database")
    if target.exists():
        try:
            kind = is_duckdb_file(target)
        except OSError as exc:
            raise StoreError(f"{name}: cannot read: {exc.strerror or exc}") from None
        if kind is None:  # a store whose creation was killed before any byte was written
            if read_only:
                raise StoreError(f"{name}: empty file (a store whose creation was stopped); "
                                 "code into it again to create it")
            _remove(target)
        elif kind is False:
            raise StoreError(f"{name}: not a DuckDB database")
    elif read_only:
        raise StoreError(f"{name}: no such database")
    if not target.parent.is_dir():
        raise StoreError(f"{name}: no such directory {str(target.parent)!r}")
    if not read_only:
        _clear_stale(target)
    if not target.exists():
        _create(target, create)
    return _open(target, read_only, wait, create)


def _open(target: Path, read_only: bool, wait: float,
          create: Callable[[duckdb.DuckDBPyConnection], None] | None) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            return duckdb.connect(str(target), read_only=read_only)
        except duckdb.Error as exc:
            message = one_line(exc)
            if "Could not set lock" in message:
                if time.monotonic() < deadline:
                    time.sleep(pause)
                    pause = min(pause * 2, 0.2)
                    continue
                holder = re.search(r"\(PID (\d+)\)", message)
                who = f"process {holder.group(1)}" if holder else "another process"
                raise StoreError(f"{target}: in use by {who} (waited {wait:g} s); "
                                 "one process at a time may open a store") from None
            if (not read_only and _only_headers(target)):
                # A store of an older polevent killed while DuckDB wrote its first blocks.
                _remove(target)
                _create(target, create)
                continue
            if "in-memory database in read-only mode" in message:
                raise StoreError(f"{target}: not a DuckDB database") from None
            raise StoreError(f"{target}: damaged or unreadable database: {message}") from None


def _only_headers(target: Path) -> bool:
    try:
        return target.stat().st_size <= _HEADERS_SIZE and bool(is_duckdb_file(target))
    except OSError:
        return False


def _remove(target: Path) -> None:
    for p in (target, Path(str(target) + ".wal")):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"{p}: cannot remove a store left empty: {exc.strerror or exc}") from None


def _temp_name(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}.{pid}.creating")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale(target: Path) -> None:
    """Remove the temporary files of creations whose process is gone."""
    prefix, suffix = f".{target.name}.", ".creating"
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for fname in names:
        base = fname[:-4] if fname.endswith(".creating.wal") else fname
        if not (base.startswith(prefix) and base.endswith(suffix)):
            continue
        pid = base[len(prefix):-len(suffix)]
        if pid.isdigit() and not _pid_alive(int(pid)):
            try:
                (target.parent / fname).unlink()
            except OSError:
                pass


def _create(target: Path, create: Callable[[duckdb.DuckDBPyConnection], None] | None) -> None:
    """Build the store under a temporary name and link it into place (never over another)."""
    temp = _temp_name(target, os.getpid())
    _remove(temp)
    try:
        con = duckdb.connect(str(temp))
    except duckdb.Error as exc:
        raise StoreError(f"{target}: cannot create database: {one_line(exc)}") from None
    try:
        if create is not None:
            create(con)
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        con.close()
        _remove(temp)
        raise StoreError(f"{target}: cannot create database: {one_line(exc)}") from None
    except BaseException:
        con.close()
        _remove(temp)
        raise
    con.close()
    try:
        try:
            os.link(temp, target)
        except FileExistsError:
            pass  # another process made it first: use theirs
        except OSError:
            # A file system without hard links: rename, which may replace a store made in the
            # same instant by another process (the only case left unguarded).
            if not target.exists():
                os.replace(temp, target)
    finally:
        _remove(temp)


__all__ = ["LOCK_WAIT_SECONDS", "StoreError", "connect", "is_duckdb_file", "one_line"]
