"""Byte streams with bounds: compressed files opened as streams, lines read with a cap.

A corpus file may be larger than memory, and a compressed one may unpack to far more than the
disk holds (a "bomb"). Nothing here ever holds more than one capped line: files are
decompressed as they are read, and a line longer than the cap is reported and skipped without
being kept, so the cost of any input is bounded by the cap, not by the input.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# Python 3.14's compression.zstd, or its official backport: a file object like gzip's, which
# (unlike the zstandard package's stream reader) says so when a file ends inside a frame.
if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

# Compression suffix -> opener of a decompressing binary stream (readline works on each).
DECOMPRESSORS: dict[str, Callable[[str], BinaryIO]] = {
    ".gz": lambda path: gzip.open(path, "rb"),
    ".bz2": lambda path: bz2.open(path, "rb"),
    ".xz": lambda path: lzma.open(path, "rb"),
    ".zst": lambda path: zstd.open(path, "rb"),
}
# What the decompressors raise on corrupt or cut-short data, besides OSError.
CORRUPT = (EOFError, zlib.error, lzma.LZMAError, zstd.ZstdError)


def open_stream(path: str) -> BinaryIO:
    """The file as a binary stream, decompressed on the fly when its name says it is compressed."""
    for suffix, opener in DECOMPRESSORS.items():
        if path.lower().endswith(suffix):
            return opener(path)
    return open(path, "rb")  # noqa: SIM115


def corrupt_reason(err: BaseException) -> str:
    """One line for a decompressor's complaint (they say it in many ways)."""
    if isinstance(err, EOFError):
        return "compressed data ends early (file cut short?); rest of file not read"
    detail = str(err).splitlines()[0] if str(err) else type(err).__name__
    return f"compressed data is corrupt ({detail}); rest of file not read"


@dataclass(frozen=True)
class LongLine:
    """A line over the cap: how many bytes were seen, and whether its end was found at all."""

    seen: int
    ended: bool


def capped_lines(stream: BinaryIO | io.TextIOBase, cap: int,
                 give_up: int | None = None) -> Iterator[bytes | str | LongLine]:
    """Lines of at most ``cap`` bytes (or characters, for a text stream); a longer line is
    yielded as LongLine and skipped unkept. Past ``give_up`` bytes without a line end (16 caps
    by default) the rest of the stream is not read: a bomb of zeros or one endless line would
    otherwise cost its whole decompression to find nothing.
    """
    give_up = give_up or 16 * cap
    while True:
        line = stream.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap or line[-1:] in (b"\n", "\n"):  # whole: its end, or the stream's
            yield line
            continue
        seen = len(line)
        ended = False
        while seen < give_up:
            more = stream.readline(min(cap, give_up - seen))
            if not more:
                ended = True  # the stream ended: that was its last line
                break
            seen += len(more)
            if more[-1:] in (b"\n", "\n"):
                ended = True
                break
        yield LongLine(seen, ended)
        if not ended:
            return


__all__ = ["DECOMPRESSORS", "CORRUPT", "LongLine", "capped_lines", "corrupt_reason", "open_stream"]
