"""The whole pipeline for a stream of documents: nlp -> actors -> events -> dates -> Event.

``Coder`` loads the model and the knowledge once; ``code_documents`` streams, so memory does not
grow with the corpus. Everything returned is plain data (``Event``), ready for any sink.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .actors.knowledge import load_knowledge
from .actors.mentions import MentionFinder
from .actors.resolve import DocActors
from .dates import _GRANULARITY_RANK, find_temporal_expressions, resolve_date
from .events.cameo import lookup
from .events.coder import SentenceCoder
from .events.lexicon import load_lexicon
from .events.modality import INTENDED, load_rules
from .events.plover import to_plover
from .events.confidence import features as confidence_features
from .events.confidence import load_model as load_confidence
from .events.rules import load_coding_rules
from .limits import MAX_DOCUMENT_CHARS
from .model import Document, Event
from .runconfig import (DEFAULT_MIN_CONFIDENCE, DOCUMENT_SECONDS, MAX_SENTENCE_TOKENS, CoderConfig,  # noqa: F401
                        DocumentResult, cut_document)
from .fastpipes import accelerate
from .nlp import load_model
from .screen import Screen, rough_sentences
from .tone import tone

BOUNDARY_COMPONENT = "polevent_line_boundaries"
# Doers who act politically even in a document about sport.
STATE_DOERS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}


# The limits in force in this process; a Coder sets them from its arguments (the sentence
# splitter is a spaCy component and reads them here).
LIMITS = {"sentence_tokens": MAX_SENTENCE_TOKENS}


@Language.component(BOUNDARY_COMPONENT)
def line_boundaries(doc):
    """Headlines and paragraphs end at a line break even without a full stop, and no sentence
    runs longer than MAX_SENTENCE_TOKENS without one."""
    since_stop = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
            since_stop = 0
            continue
        since_stop = 0 if prev.text in (".", "!", "?", ";") else since_stop + 1
        if since_stop >= LIMITS["sentence_tokens"]:
            tok.is_sent_start = True
            since_stop = 0
    return doc


# The statistical models' working memory grows with the characters parsed at once: a long
# document is parsed in pieces cut at line breaks, and one call of the models takes at most
# PARSE_BATCH_CHARS characters (or one piece).
PARSE_PIECE_CHARS = 10_000
PARSE_BATCH_CHARS = 20_000


def parse_pieces(text: str, limit: int = PARSE_PIECE_CHARS) -> list[str]:
    """``text`` cut after line breaks into pieces of at most ``limit`` characters (a longer
    paragraph is one piece); joined they are ``text``.

    Why: the models' working memory grows with the characters they are given at once (a
    100,000-character article parsed whole costs a process about 390 MB more than a short one;
    in pieces of 5,000 characters, one at a time, 3 MB), so one long article decided a run's
    peak memory. A line break is a sentence boundary for the coder anyway (``line_boundaries``),
    so cutting there moves no sentence; only the few tokens beside a cut see less context in the
    statistical models. Documents under ``limit``
    are not cut and are parsed exactly as before."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start, start + limit)
        if cut < 0:
            cut = text.find("\n", start + limit)
            if cut < 0:
                break
        out.append(text[start:cut + 1])
        start = cut + 1
    out.append(text[start:])
    return [piece for piece in out if piece]


class BudgetExceeded(Exception):
    """A document took longer than its time budget."""


@contextmanager
def time_budget(seconds: float):
    """Raise BudgetExceeded in this block after ``seconds`` (main thread on POSIX only: elsewhere,
    e.g. in a Dask worker thread, the size limits alone bound a document's cost)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise BudgetExceeded()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _clause_verb(tok):
    """The verb whose clause ``tok`` belongs to (a complement verb's clause is its head's:
    "recaptured neighboring Afghanistan two years ago", parsed with "neighboring" as a verb)."""
    for _ in range(40):
        if (tok.pos_ in ("VERB", "AUX") and tok.dep_ != "xcomp") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def event_date(sent, trigger, published: date, future: bool = False) -> tuple[date, str]:
    """The date of the event at ``trigger``: an expression in the trigger's own clause wins
    ("said on Monday that it had attacked on Friday" dates the attack Friday); otherwise the
    best expression in the sentence, otherwise the publication date."""
    text = sent.text
    own = _clause_verb(trigger)
    best: tuple[int, int] | None = None
    best_day: date | None = None
    matches = list(find_temporal_expressions(text, published, future))
    when = next((c for c in own.children if c.lower_ == "when" and c.dep_ == "advmod"), None)
    if when is not None:
        # "since 2011, when the minister visited": a "when" clause happens at the time just before it
        before = when.i - 1 - (1 if when.i - 1 > sent.start and sent.doc[when.i - 1].is_punct else 0)
        for match in matches:
            span = sent.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None and span.end - 1 == before and match.granularity in _GRANULARITY_RANK:
                return match.date, "text"
    for match in matches:
        rank = _GRANULARITY_RANK.get(match.granularity)
        if rank is None:
            continue
        tok = sent.char_span(match.start, match.end, alignment_mode="expand")
        if tok is None or _clause_verb(tok.root).i != own.i:
            continue
        key = (rank, match.start)
        if best is None or key < best:
            best, best_day = key, match.date
    if best_day is not None:
        return best_day, "text"
    return resolve_date(text, published, anchor=trigger.idx - sent.start_char, future=future)


def _background_sentence(sent, trigger, published: date, days: int) -> bool:
    """Whether the dates that govern the act (in the main clause or the act's own) all lie more
    than ``days`` before publication: "Back in 2018, the congress approved a bill legalising ..."
    tells history. A date deeper down ("suspected of blowing up a plane in 1988") does not."""
    governing = {sent.root.i, _clause_verb(trigger).i}
    ends = []
    for m in find_temporal_expressions(sent.text, published):
        end = _period_end(m.date, m.granularity)
        span = sent.char_span(m.start, m.end, alignment_mode="expand")
        if end is not None and span is not None and _clause_verb(span.root).i in governing:
            ends.append(end)
    return bool(ends) and all((published - d).days > days for d in ends)


DURATION_NOUNS = {"year", "decade", "century"}


def _ongoing_for_years(trigger, published: date, days: int) -> bool:
    """ "has battled governments since 1964", "have fought Ukrainian forces for eight years": an
    act in the perfect that has gone on for years is the story's background, not its news."""
    verb = _clause_verb(trigger)
    if not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if prep.lower_ == "for" and obj.lemma_.lower() in DURATION_NOUNS and (
                    obj.tag_ == "NNS" or any(n.dep_ == "nummod" for n in obj.children)):
                return True
            if prep.lower_ == "since" and obj.like_num and len(obj.text) == 4 \
                    and (published - date(int(obj.text), 12, 31)).days > days:
                return True
    return False


def _period_end(day: date, granularity: str) -> date | None:
    """The last day of the period a temporal expression names ("in 2018": 31 December 2018)."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day + timedelta(days=6)
    if granularity == "month":
        nxt = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    if granularity == "year":
        return date(day.year, 12, 31)
    return None


class Coder:
    """Model, actor knowledge and patterns, loaded once; call ``code`` for any number of documents."""

    def __init__(self, model: str | None = None, actor_files: Iterable[str | Path] = (),
                 pattern_files: Iterable[str | Path] = (), keep_modal: bool = False,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, monadic: bool = False, max_chars: int = MAX_DOCUMENT_CHARS,
                 max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
                 document_seconds: float = DOCUMENT_SECONDS, screen: bool = True) -> None:
        self.max_chars = max_chars
        self.document_seconds = document_seconds
        LIMITS["sentence_tokens"] = max_sentence_tokens
        self.nlp = load_model(model)
        if BOUNDARY_COMPONENT not in self.nlp.pipe_names:
            self.nlp.add_pipe(BOUNDARY_COMPONENT, before="parser")
        self.kb = load_knowledge(actor_files)
        self.finder = MentionFinder(self.nlp, self.kb)
        self.coding = load_coding_rules()
        self.sentence_coder = SentenceCoder(load_lexicon(pattern_files), load_rules(), self.coding)
        self.keep_modal = keep_modal
        self.min_confidence = min_confidence
        self.monadic = monadic
        self.confidence = load_confidence()
        # Same output, cheaper: the attribute ruler and the lemmatizer of nlp.pipe (fastpipes.py);
        # and documents without any trigger word are not parsed (screen.py).
        accelerate(self.nlp)
        self.screen = Screen(self.nlp, self.sentence_coder) if screen else None

    def code(self, docs: Iterable[Document], batch_size: int = 16,
             max_chars: int | None = None) -> Iterator[DocumentResult]:
        """Code documents in input order. A document that fails is returned with ``error`` set and
        costs nothing else: its batch is re-run one document at a time."""
        max_chars = max_chars or self.max_chars
        batch: list[tuple[Document, list[str]]] = []
        for doc in docs:
            doc = cut_document(doc, max_chars)
            batch.append((doc, list(doc.warnings)))
            if len(batch) >= batch_size:
                yield from self._code_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._code_batch(batch, batch_size)

    def _code_batch(self, batch: list[tuple[Document, list[str]]], batch_size: int) -> Iterator[DocumentResult]:
        try:
            # Tokenized once: the screen reads the tokens, the pipeline parses the same Doc.
            pairs = []
            results: list[DocumentResult | None] = [None] * len(batch)
            for n, (d, w) in enumerate(batch):
                tokens = self.nlp.make_doc(d.text)
                if self.screen is not None and not self.screen.holds_trigger(tokens):
                    results[n] = DocumentResult(d, [], rough_sentences(tokens), warnings=w)
                    continue
                texts = parse_pieces(d.text, PARSE_PIECE_CHARS)
                if len(texts) == 1:
                    pairs.append((tokens, (n, d, w, 1)))
                else:
                    pairs.extend((self.nlp.make_doc(t), (n, d, w, len(texts))) for t in texts)
            for spacy_doc, (n, document, warnings) in self._joined(self._parsed(pairs, batch_size)):
                try:
                    with time_budget(self.document_seconds):
                        result = self.code_parsed(spacy_doc, document)
                except BudgetExceeded:
                    result = DocumentResult(document, [], 0, error=f"coding took longer than "
                                                                   f"{self.document_seconds:g} s; skipped")
                result.warnings = warnings
                results[n] = result
        except Exception:  # noqa: BLE001 - isolate the failing document below
            results = []
            for document, warnings in batch:
                try:
                    result = self.code_parsed(self.nlp(document.text), document)
                    result.warnings = warnings
                except Exception as exc:  # noqa: BLE001 - reported as this document's error
                    result = DocumentResult(document, [], 0, error=f"coding failed: {type(exc).__name__}: "
                                                                   f"{str(exc).splitlines()[0][:200] if str(exc) else ''}")
                results.append(result)
        yield from results

    def _parsed(self, pairs: list[tuple[Doc, tuple]], batch_size: int) -> Iterator[tuple[Doc, tuple]]:
        """``nlp.pipe`` over ``pairs`` in groups of at most ``batch_size`` documents and
        PARSE_BATCH_CHARS characters, so that memory does not follow the longest batch."""
        group: list[tuple[Doc, tuple]] = []
        chars = 0
        for pair in pairs:
            size = len(pair[0].text)
            if group and (len(group) >= batch_size or chars + size > PARSE_BATCH_CHARS):
                yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))
                group, chars = [], 0
            group.append(pair)
            chars += size
        if group:
            yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))

    @staticmethod
    def _joined(parsed: Iterator[tuple[Doc, tuple]]) -> Iterator[tuple[Doc, tuple]]:
        """The pieces of a document parsed in pieces (``parse_pieces``), joined into one Doc;
        ``nlp.pipe`` keeps their order, so they come one after another."""
        pieces: list[Doc] = []
        for doc, (n, document, warnings, count) in parsed:
            if count == 1:
                yield doc, (n, document, warnings)
                continue
            pieces.append(doc)
            if len(pieces) == count:
                yield Doc.from_docs(pieces, ensure_whitespace=False), (n, document, warnings)
                pieces = []

    def code_parsed(self, spacy_doc, document: Document) -> DocumentResult:
        published = document.published or date.today()
        actors = DocActors(self.finder, spacy_doc, document.published)
        events: list[Event] = []
        seen: set[tuple] = set()
        n_sent = 0
        sports = self.coding.is_sports(spacy_doc)
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
                if raw.target is None and not (self.monadic or self.coding.is_monadic(raw.code)
                                               or self.coding.is_monadic(raw.act or raw.code)):
                    continue  # an act aimed at no one the text names: not an event by default
                if not self.coding.political(raw.source, raw.code):
                    continue  # a company's deal, a team's trip, a paper's report
                if sports and not (raw.source.role in STATE_DOERS and raw.source.text):
                    continue  # "Sweden defeated South Korea": teams, not states
                feats = confidence_features(
                    code=raw.code, heuristic=raw.confidence, source=raw.source, target=raw.target,
                    nominal=spacy_doc[raw.trigger_token].pos_ in ("NOUN", "PROPN"), modality=raw.modality,
                    sentence_index=idx, quoted=any(q in text for q in '"\u201c\u201d'),
                    state_names=self.finder.state_names)
                confidence = round(self.confidence(feats), 2) if self.confidence is not None else raw.confidence
                if confidence < self.min_confidence:
                    continue
                day, how = event_date(sent, spacy_doc[raw.trigger_token], published,
                                      future=raw.modality == INTENDED)
                if how == "text" and (published - day).days > self.coding.background_days:
                    continue  # background history ("signed in 2015"), not news of this day
                if how != "text" and _background_sentence(sent, spacy_doc[raw.trigger_token], published,
                                                             self.coding.background_days):
                    continue  # "Back in 2018, the congress approved a bill legalising ..."
                if how != "text" and self.coding.is_timeless(text):
                    continue  # "... only twice in the history of the republic"
                if _ongoing_for_years(spacy_doc[raw.trigger_token], published, self.coding.background_days):
                    continue  # "separatists have fought Ukrainian forces for eight years"
                # One event per doer, addressee and act in an article, however often the article
                # repeats it, on whatever day ("arrived in Pyongyang for a state visit" is one visit,
                # whether the target came out as PRK or PRKGOV): the first telling, usually the lead,
                # is kept. A state's government and its rebels are two sides; different acts
                # between the same two (a letter's praise and the agreement it hails) stay apart.
                sides = (raw.source.role, raw.target.role) if raw.target and raw.target.key() == raw.source.key() else None
                key = (raw.source.key(), raw.target.key() if raw.target else None, sides, raw.code)
                if key in seen:
                    continue
                seen.add(key)
                entry = lookup(raw.code)
                plover = to_plover(entry.code)
                events.append(Event(
                    doc_id=document.id, sentence_index=idx, sentence=text, date=day, date_source=how,
                    source=raw.source, target=raw.target, cameo=entry.code, event_name=entry.name,
                    goldstein=entry.goldstein, quad_class=entry.quad_class, trigger=raw.trigger,
                    modality=raw.modality, confidence=confidence,
                    plover_type=plover.event if plover else None, plover_mode=plover.mode if plover else None,
                    url=document.url, features=feats, tone=tone(text, raw.trigger)))
        return DocumentResult(document, events, n_sent)


def code_documents(docs: Iterable[Document], model: str | None = None, **kwargs) -> Iterator[Event]:
    """The library's one-call API: documents in, events out."""
    coder = Coder(model, **kwargs)
    for result in coder.code(docs):
        yield from result.events
