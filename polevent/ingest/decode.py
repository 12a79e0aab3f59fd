"""Bytes to text for inputs that may not say their encoding: UTF-8 first, then a named guess.

Scraped corpora are mostly UTF-8, but saved pages and exports from older tools come in cp1252
and other legacy encodings. Refusing them loses whole files; decoding them as UTF-8 with
replacement turns curly quotes and accented names into garbage that the actor dictionaries
then miss. So: a byte-order mark is obeyed, valid UTF-8 is UTF-8, a declared charset is used
where the bytes are not UTF-8, and anything else is decoded by charset-normalizer's best guess,
which the caller reports in a warning naming it. Only bytes that fit no encoding (or NUL bytes: a binary file) are an error.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

BINARY = "binary file (contains NUL bytes)"

# Byte-order marks name their encoding outright (Windows tools write them): no guess involved.
# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

# When the detector finds several encodings equally plausible (short Western text often decodes
# the same in cp1250 and cp1252, or differs in one accent), the web's own legacy default wins:
# WHATWG's encoding standard reads "latin-1" and "ascii" labels as windows-1252.
PREFERRED_GUESSES = ("cp1252",)
# Encodings that HTML pages declare but mean windows-1252 (WHATWG encoding labels).
WINDOWS_1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                                 "ascii", "iso_8859-1", "cp819", "ibm819", "windows-1252", "cp1252"})
# A prefix of a longer input may end inside a multi-byte character; the detector sees the
# prefix without its last bytes, so that a cut character does not rule the right encoding out.
_PREFIX_SLACK = 4


class DecodeError(ValueError):
    """The bytes are not text: ``line`` is where the first offending byte is (1-based)."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass(frozen=True)
class Decoded:
    """Text and how it was decoded; ``guessed`` means detection chose the encoding (warn)."""

    text: str
    encoding: str
    guessed: bool = False
    alternatives: tuple[str, ...] = ()

    def warning(self) -> str | None:
        """The one-line warning for a guessed encoding, naming the guess, else None."""
        if not self.guessed:
            return None
        also = f"; {', '.join(self.alternatives)} also fit" if self.alternatives else ""
        return f"not UTF-8: decoded as {self.encoding} (a guess{also})"


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _strict(data: bytes, encoding: str, final: bool) -> str:
    """Decode strictly; with ``final`` False an incomplete character at the end is dropped."""
    return codecs.getincrementaldecoder(encoding)("strict").decode(data, final=final)


def normalise_label(label: str | None) -> str | None:
    """A declared charset as a Python codec name, or None when Python does not know it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None, final: bool = True) -> Decoded:
    """Decode ``data`` (all of an input, or with ``final`` False a prefix of it).

    Order: byte-order mark, UTF-8, declared charset (when it decodes cleanly), detection. Valid
    UTF-8 wins over a declaration because pages that declare latin-1 and are UTF-8 are common,
    while legacy text that happens to be valid UTF-8 (beyond ASCII) is all but unheard of.
    Raises DecodeError for NUL bytes outside UTF-16/32 and for bytes no encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_strict(data, encoding, final), encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"bad {encoding.upper().removesuffix('-SIG')} text at byte {err.start}",
                                  _line_of(data, err.start)) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError(BINARY, _line_of(data, nul))
    try:
        return Decoded(_strict(data, "utf-8", final), "utf-8")
    except UnicodeDecodeError as err:
        first_bad = err.start
    codec = normalise_label(declared)
    if codec is not None:
        try:
            return Decoded(_strict(data, codec, final), codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common: fall through to what the bytes say
    sample = data if final else data[:max(0, len(data) - _PREFIX_SLACK)]
    guess = guess_encoding(sample)
    if guess is not None:
        encoding, alternatives = guess
        try:
            return Decoded(_strict(data, encoding, final), encoding, True, alternatives)
        except UnicodeDecodeError:
            pass
    raise DecodeError("undecodable bytes: not UTF-8 from this line on, and no other encoding fits",
                      _line_of(data, first_bad))


def guess_encoding(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """charset-normalizer's best guess and the encodings that tie with it, or None."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied: list[str] = []
    for match in matches:
        if match.chaos <= best.chaos:
            for name in [match.encoding, *match.could_be_from_charset]:
                if name not in tied:
                    tied.append(name)
    chosen = next((name for name in PREFERRED_GUESSES if name in tied), best.encoding)
    return chosen, tuple(name for name in tied if name != chosen)[:3]


__all__ = ["BINARY", "Decoded", "DecodeError", "decode_bytes", "guess_encoding", "normalise_label"]
