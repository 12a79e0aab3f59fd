"""What a coding run is configured with and what it returns, without the model.

Why a module of its own: the command, the engines and the store need these small types, and a
run that finds every document already stored must end without importing spaCy, the actor
knowledge or the coder (``pipeline``), which cost most of a second before any work.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .events.confidence import load_model as load_confidence
from .limits import MAX_DOCUMENT_CHARS, truncate
from .model import Document, Event

if TYPE_CHECKING:
    from .pipeline import Coder

# The parser's cost grows with sentence length; a run of this many tokens without a full stop
# (a table, a list, scraped junk) is cut so that one pathological text cannot stall the batch.
MAX_SENTENCE_TOKENS = 150
# Seconds one document's coding (after the parse) may take before it is given up and reported.
DOCUMENT_SECONDS = 60
# Events less certain than this are dropped by default. Confidence is the measured precision of
# events like it (events/confidence.py); eval/fit_confidence.py chooses the threshold with the model.
DEFAULT_MIN_CONFIDENCE = _model.default_threshold if (_model := load_confidence()) is not None else 0.0


def cut_document(doc: Document, limit: int = MAX_DOCUMENT_CHARS) -> Document:
    """The document as it will be coded: its text cut to ``limit`` characters (``truncate``),
    with a warning saying so. Cutting a cut document changes nothing, so the command can cut
    before its resume check (the store's text hash is of what was coded) and the coder again."""
    if len(doc.text) <= limit:
        return doc
    note = f"text of {len(doc.text):,} characters cut to {limit:,}"
    return replace(doc, text=truncate(doc.text, limit), warnings=(*doc.warnings, note))


@dataclass
class DocumentResult:
    document: Document
    events: list[Event]
    sentences: int
    error: str | None = None          # the document could not be coded (the rest of the batch was)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CoderConfig:
    """Everything needed to build a ``Coder``: small and picklable, so that a worker process (local
    or on a Dask cluster) can build its own Coder once and get the same coding as the parent.

    ``inline`` holds (kind, name, text) of user files read by the client, for workers on other
    machines that cannot see the client's paths; ``build`` writes them to a private directory.
    """

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    pattern_files: tuple[str, ...] = ()
    keep_modal: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    monadic: bool = False
    inline: tuple[tuple[str, str, bytes], ...] = field(default=(), repr=False)
    max_chars: int = MAX_DOCUMENT_CHARS
    max_sentence_tokens: int = MAX_SENTENCE_TOKENS
    document_seconds: float = DOCUMENT_SECONDS
    screen: bool = True

    def portable(self) -> "CoderConfig":
        """The same configuration with the user's actor and pattern files carried inline."""
        files = tuple(("actors", str(p), Path(p).read_bytes()) for p in self.actor_files)
        files += tuple(("patterns", str(p), Path(p).read_bytes()) for p in self.pattern_files)
        return replace(self, actor_files=(), pattern_files=(), inline=files)

    def build(self) -> "Coder":
        from .pipeline import Coder  # the model and the knowledge: only where documents are coded
        actor_files, pattern_files = list(self.actor_files), list(self.pattern_files)
        if self.inline:
            import tempfile
            where = Path(tempfile.mkdtemp(prefix="polevent-"))
            for i, (kind, name, data) in enumerate(self.inline):
                path = where / f"{i:03d}-{Path(name).name}"
                path.write_bytes(data)
                (actor_files if kind == "actors" else pattern_files).append(path)
        return Coder(self.model, actor_files=actor_files, pattern_files=pattern_files,
                     keep_modal=self.keep_modal, min_confidence=self.min_confidence, monadic=self.monadic,
                     max_chars=self.max_chars, max_sentence_tokens=self.max_sentence_tokens,
                     document_seconds=self.document_seconds, screen=self.screen)
