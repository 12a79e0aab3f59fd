"""Plain records passed between the pipeline stages.

Every stage takes and returns these dataclasses (never spaCy objects), so that a stage can be
tested alone and the whole pipeline can run in a worker process that pickles its results.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Document:
    """One article after ingest: clean text (boilerplate already removed) and its date."""

    id: str
    text: str
    published: date | None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    origin: str = ""  # "file:line" or "file", for error messages about this document
    # Said about the document before coding (text cut to --max-chars, characters replaced); the
    # coder passes them on with its own.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputError:
    """A document that could not be read; reported on one line, never raised."""

    path: str
    line: int | None
    reason: str
    doc_id: str | None = None

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        ident = f" (id {self.doc_id})" if self.doc_id else ""
        return f"{where}{ident}: {self.reason}"


@dataclass(frozen=True)
class InputWarning:
    """Something the user should know about an input that was still read (a guessed encoding, a
    page date that overrides --published, a page that yields little text); never an error."""

    path: str
    line: int | None
    reason: str
    doc_id: str | None = None

    def where(self) -> str:
        """Where the warning points, in the form of InputError.message: "FILE:LINE (id X)"."""
        place = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{place} (id {self.doc_id})" if self.doc_id else place


@dataclass(frozen=True)
class Actor:
    """A resolved political actor, CAMEO style: country or IGO plus a role."""

    code: str
    country: str | None = None
    igo: str | None = None
    role: str | None = None
    name: str | None = None
    text: str = ""

    @staticmethod
    def make(country: str | None = None, igo: str | None = None, role: str | None = None,
             name: str | None = None, text: str = "") -> "Actor":
        """Build the CAMEO code from its parts so that code and fields never disagree."""
        code = (country or "") + (igo or "") + (role or "")
        return Actor(code=code or "UNK", country=country, igo=igo, role=role, name=name, text=text)

    def key(self) -> str | None:
        """What counts as 'the same actor' for dyads: the country, else the IGO."""
        return self.country or self.igo

    def with_text(self, text: str) -> "Actor":
        return Actor(self.code, self.country, self.igo, self.role, self.name, text)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "code": self.code, "country": self.country,
                "igo": self.igo, "role": self.role, "name": self.name}


@dataclass
class Event:
    """One coded event with its evidence (document, sentence, trigger words)."""

    doc_id: str
    sentence_index: int
    sentence: str
    date: date
    date_source: str
    source: Actor
    target: Actor | None
    cameo: str
    event_name: str
    goldstein: float
    quad_class: int
    trigger: str
    modality: str = "asserted"
    confidence: float = 1.0
    plover_type: str | None = None
    plover_mode: str | None = None
    url: str | None = None
    tone: float | None = None  # VADER on the words around the trigger, -1..1 (polevent.tone)
    extra: dict[str, Any] = field(default_factory=dict)
    # What the confidence model read (events/confidence.py); kept for fitting it, not written out.
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self) -> str:
        return self.cameo[:2]

    @property
    def event_id(self) -> str:
        tgt = self.target.code if self.target else ""
        raw = f"{self.doc_id}\x1f{self.sentence_index}\x1f{self.source.code}\x1f{tgt}\x1f{self.cameo}"
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        out = {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date.isoformat(),
            "date_source": self.date_source,
            "source": self.source.to_json(),
            "target": self.target.to_json() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "event_name": self.event_name,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "tone": self.tone,
            "trigger": self.trigger,
            "modality": self.modality,
            "confidence": self.confidence,
            "plover_type": self.plover_type,
            "plover_mode": self.plover_mode,
        }
        if self.url:
            out["url"] = self.url
        out.update(self.extra)
        return out


__all__ = ["Actor", "Document", "Event", "InputError", "InputWarning", "asdict"]
