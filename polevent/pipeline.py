"""The whole pipeline for a stream of documents: nlp -> actors -> events -> dates -> Event.

``Coder`` loads the model and the knowledge once; ``code_documents`` streams, so memory does not
grow with the corpus. Everything returned is plain data (``Event``), ready for any sink.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language

from .actors.knowledge import load_knowledge
from .actors.mentions import MentionFinder
from .actors.resolve import DocActors
from .dates import resolve_date
from .events.cameo import lookup
from .events.coder import SentenceCoder
from .events.lexicon import load_lexicon
from .events.modality import INTENDED, load_rules
from .events.plover import to_plover
from .model import Document, Event
from .nlp import load_model

BOUNDARY_COMPONENT = "polevent_line_boundaries"


@Language.component(BOUNDARY_COMPONENT)
def line_boundaries(doc):
    """Headlines and paragraphs end at a line break even without a full stop."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and prev.is_space or "\n" in prev.whitespace_ + prev.text and prev.is_space:
            tok.is_sent_start = True
        elif prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
    return doc


@dataclass
class DocumentResult:
    document: Document
    events: list[Event]
    sentences: int


class Coder:
    """Model, actor knowledge and patterns, loaded once; call ``code`` for any number of documents."""

    def __init__(self, model: str | None = None, actor_files: Iterable[str | Path] = (),
                 pattern_files: Iterable[str | Path] = (), keep_modal: bool = False,
                 min_confidence: float = 0.0) -> None:
        self.nlp = load_model(model)
        if BOUNDARY_COMPONENT not in self.nlp.pipe_names:
            self.nlp.add_pipe(BOUNDARY_COMPONENT, before="parser")
        self.kb = load_knowledge(actor_files)
        self.finder = MentionFinder(self.nlp, self.kb)
        self.sentence_coder = SentenceCoder(load_lexicon(pattern_files), load_rules())
        self.keep_modal = keep_modal
        self.min_confidence = min_confidence

    def code(self, docs: Iterable[Document], batch_size: int = 16) -> Iterator[DocumentResult]:
        pairs = ((d.text, d) for d in docs)
        for spacy_doc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.code_parsed(spacy_doc, document)

    def code_parsed(self, spacy_doc, document: Document) -> DocumentResult:
        published = document.published or date.today()
        actors = DocActors(self.finder, spacy_doc, document.published)
        events: list[Event] = []
        seen: set[tuple] = set()
        n_sent = 0
        for idx, sent in enumerate(spacy_doc.sents):
            n_sent += 1
            text = sent.text.strip()
            if not text:
                continue
            raws = self.sentence_coder.code(sent, actors, self.keep_modal)
            # A target-less echo of an event the sentence codes with a target ("met Putin in
            # Sochi to discuss the deal") adds nothing.
            aimed = {(r.source.code, r.code[:2]) for r in raws if r.target is not None}
            for raw in raws:
                if raw.target is None and (raw.source.code, raw.code[:2]) in aimed:
                    continue
                if raw.confidence < self.min_confidence:
                    continue
                offset = spacy_doc[raw.trigger_token].idx - sent.start_char
                day, how = resolve_date(sent.text, published, anchor=offset,
                                        future=raw.modality == INTENDED)
                key = (raw.source.code, raw.target.code if raw.target else None, raw.code, day)
                if key in seen:
                    continue
                seen.add(key)
                entry = lookup(raw.code)
                plover = to_plover(entry.code)
                events.append(Event(
                    doc_id=document.id, sentence_index=idx, sentence=text, date=day, date_source=how,
                    source=raw.source, target=raw.target, cameo=entry.code, event_name=entry.name,
                    goldstein=entry.goldstein, quad_class=entry.quad_class, trigger=raw.trigger,
                    modality=raw.modality, confidence=raw.confidence,
                    plover_type=plover.event if plover else None, plover_mode=plover.mode if plover else None,
                    url=document.url))
        return DocumentResult(document, events, n_sent)


def code_documents(docs: Iterable[Document], model: str | None = None, **kwargs) -> Iterator[Event]:
    """The library's one-call API: documents in, events out."""
    coder = Coder(model, **kwargs)
    for result in coder.code(docs):
        yield from result.events
