"""Coding events in one parsed sentence: who did what to whom.

Mechanism only: every verb of the sentence is looked up in the lexicon (data), its source is
the grammatical subject (or the agent of a passive, or the subject it inherits through
coordination, control and purpose clauses), its target the object, the indirect object, a
prepositional object, or what the object phrase itself names ("struck Houthi targets"). Whether
the event is emitted is decided by the modality rules (data as well).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import product

from spacy.tokens import Span, Token

from ..actors.resolve import DocActors, LOCATIVE_PREPS
from ..model import Actor
from .lexicon import Lexicon, Pattern
from .modality import (EMITTED, INTENDED, REFUSED, ModalityRules, is_negated, modality_of)

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "upon", "onto",
                "between", "over", "for", "in", "from", "about")
# Verbs whose object is also the doer of their complement: "urged Israel to allow ...".
OBJECT_CONTROL = {"urge", "ask", "call", "order", "force", "press", "invite", "allow", "help",
                  "encourage", "persuade", "tell", "warn", "request", "push", "pressure", "permit",
                  "compel", "oblige", "enable", "instruct", "direct", "beg", "implore", "appeal"}
# Codes whose target may be the place where the act happens ("arrived in Pyongyang",
# "shelled positions in Gaza"); a meeting "in Beijing" is not directed at China.
PLACE_TARGET_CODES = ("042", "15", "17", "18", "19", "20")
LOCATION_PREPS = ("in", "inside", "near", "across", "throughout", "within")


def place_targets(code: str) -> bool:
    return code.startswith(PLACE_TARGET_CODES)


@dataclass
class RawEvent:
    source: Actor
    target: Actor | None
    code: str
    trigger: str
    trigger_token: int
    modality: str


class SentenceCoder:
    def __init__(self, lexicon: Lexicon, rules: ModalityRules) -> None:
        self.lex = lexicon
        self.rules = rules

    # ---- public ----------------------------------------------------------------------------
    def code(self, sent: Span, actors: DocActors, keep_modal: bool = False) -> list[RawEvent]:
        reporters = self._reporters(sent, actors)
        events: list[RawEvent] = []
        consumed: set[int] = set()
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                events.extend(self._verb_events(tok, actors, reporters, consumed, keep_modal))
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed:
                events.extend(self._noun_events(tok, actors, keep_modal))
        subj = [e.source for e in events if e.source.country or e.source.igo]
        if subj:
            actors.last_actor = subj[0]
        else:
            for tok in sent:
                if tok.dep_ in SUBJECT_DEPS:
                    found = [a for a in actors.actors_for(tok) if a.country or a.igo]
                    if found:
                        actors.last_actor = found[0]
                        break
        return events

    # ---- verbs -----------------------------------------------------------------------------
    def _verb_events(self, tok: Token, actors: DocActors, reporters: dict[int, Actor],
                     consumed: set[int], keep_modal: bool) -> list[RawEvent]:
        lemma = tok.lemma_.lower()
        particle = next((c for c in tok.children if c.dep_ == "prt"), None)
        patterns: list[Pattern] = []
        if particle is not None:
            patterns = self.lex.verb_patterns(f"{lemma} {particle.lower_}")
        if not patterns:
            patterns = self.lex.verb_patterns(lemma)
            particle = None if not patterns or particle is None else particle
        if not patterns:
            return []
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        objects = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]
        if passive:
            objects += [c for c in tok.children if c.dep_ == "nsubjpass"]
        objects = objects + [c for o in objects for c in _conj(o)]
        preps = _preps(tok)
        # "$300 million in military aid", "a package of sanctions": the noun that says what it is.
        inner = [p for o in objects for k, ps in _preps(o).items() if k in ("of", "in") for p in ps]
        pattern, obj_tok = _best_pattern(patterns, objects + inner, preps)
        if pattern is None:
            return []
        if obj_tok is not None:
            consumed.add(obj_tok.i)
        status = modality_of(tok, self.rules)
        code = pattern.code
        if status == INTENDED:
            code = self.rules.intent_code(code)
        elif status == REFUSED:
            new = self.rules.refusal_code(code)
            if new is None and not keep_modal:
                return []
            code = new or code
            status = "asserted" if new else status
        if status not in EMITTED and status != "asserted" and not keep_modal:
            return []
        reporter = reporters.get(tok.i)
        # Who did it?
        if passive:
            sources = [a for p in preps.get("by", []) for a in actors.actors_for(p, reporter)]
        else:
            sources = self._subjects(tok, actors, reporter)
        if pattern.invert:
            recipients = sources
            sources = [a for p in preps.get("from", []) for a in actors.actors_for(p, reporter)]
            targets = recipients
        else:
            targets = self._targets(tok, pattern, obj_tok, objects, preps, actors, reporter, passive, sources,
                                    allow_place=len({s.key() for s in sources}) < 2)
        sources = [s for s in sources if s.country or s.igo or s.role]
        if not sources:
            return []
        if any(not (s.country or s.igo) for s in sources):
            place = actors.location_country(tok.sent)
            if place:
                sources = [s if (s.country or s.igo) else Actor.make(country=place.country, role=s.role,
                                                                      name=s.name, text=s.text)
                           for s in sources]
        trigger = " ".join(t.text for t in sorted([tok, *([particle] if particle is not None else []),
                                                    *([obj_tok] if obj_tok is not None else [])],
                                                   key=lambda t: t.i))
        return _pairs(sources, targets, code, trigger, tok.i, status)

    def _subjects(self, tok: Token, actors: DocActors, reporter: Actor | None, depth: int = 0) -> list[Actor]:
        if depth > 6:
            return []
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            out: list[Actor] = []
            for s in subj:
                out.extend(actors.actors_for(s, reporter))
            return out
        head = tok.head
        if head is tok:
            return []
        if tok.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return actors.actors_for(objs[0], reporter)
        if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"):
            return self._subjects(head, actors, reporter, depth + 1)
        if tok.dep_ == "pobj" or head.dep_ == "prep":
            return self._subjects(head.head if head.dep_ == "prep" else head, actors, reporter, depth + 1)
        if tok.dep_ == "acl" and head.dep_ in ("dobj", "pobj", "attr", "nsubj"):
            return []
        return []

    def _targets(self, tok: Token, pattern: Pattern, obj_tok: Token | None, objects: list[Token],
                 preps: dict[str, list[Token]], actors: DocActors, reporter: Actor | None,
                 passive: bool, sources: list[Actor], allow_place: bool = True) -> list[Actor]:
        src_codes = {s.code for s in sources}
        src_keys = {s.key() for s in sources}

        def usable(found: list[Actor]) -> list[Actor]:
            return [a for a in found if (a.country or a.igo) and a.code not in src_codes]

        # 1. the preposition the pattern names ("meet with X", "call on X")
        if pattern.prep:
            for p in preps.get(pattern.prep, []):
                found = usable(actors.actors_for(p, reporter))
                if found:
                    return found
        # 2. the direct or indirect object (or, in a passive, the subject)
        for o in objects + [c for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]:
            found = usable(actors.actors_for(o, reporter))
            if found:
                return found
        # 3. prepositional objects of the verb
        place_ok = allow_place and place_targets(pattern.code)
        for prep in TARGET_PREPS:
            if prep in ("in", "from") and not place_ok:
                continue
            for p in preps.get(prep, []):
                found = usable(actors.actors_for(p, reporter))
                if prep == "in":
                    found = [a for a in found if a.key() not in src_keys]
                if found:
                    return found
        # 4. what the object phrase names: "aid to Ukraine", "sanctions against Russia", "a building in Tel Aviv"
        for o in objects:
            for prep, pobjs in _preps(o).items():
                if prep not in TARGET_PREPS and prep != "of":
                    continue
                if prep in ("in", "from") and not place_ok:
                    continue
                for p in pobjs:
                    found = usable(actors.actors_for(p, reporter))
                    if found:
                        return found
        # 5. a purpose or result clause's object: "travelled to Minsk to meet Lukashenko"
        for c in tok.children:
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and not self.lex.verb_patterns(c.lemma_.lower()):
                for o in c.children:
                    if o.dep_ in ("dobj", "dative"):
                        found = usable(actors.actors_for(o, reporter))
                        if found:
                            return found
        return []

    # ---- nouns -----------------------------------------------------------------------------
    def _noun_events(self, tok: Token, actors: DocActors, keep_modal: bool) -> list[RawEvent]:
        patterns = self.lex.noun_patterns(tok.lemma_.lower())
        if not patterns:
            return []
        preps = _preps(tok)
        pattern, _ = _best_pattern(patterns, [], preps)
        if pattern is None:
            return []
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i]
        sources: list[Actor] = []
        for o in owners:
            for a in actors.actors_for(o):
                if (a.country or a.igo) and a.code not in {s.code for s in sources}:
                    sources.append(a)
        if not sources:
            return []
        # A noun event inside a clause inherits that clause's status ("denied the attack").
        gov = tok
        while gov.head is not gov and gov.pos_ not in ("VERB", "AUX"):
            gov = gov.head
        status = modality_of(gov, self.rules) if gov.pos_ in ("VERB", "AUX") else "asserted"
        if gov.pos_ in ("VERB", "AUX") and is_negated(gov, self.rules):
            status = "negated"
        if status not in EMITTED and not keep_modal:
            return []
        if status == INTENDED:
            status = "asserted"  # "the planned visit" still names the visit; the clause decides tense
        targets: list[Actor] = []
        for prep in ("to", "on", "against", "with", "into", "at", "toward", "in"):
            for p in preps.get(prep, []):
                if prep == "in" and not place_targets(pattern.code):
                    continue
                targets = [a for a in actors.actors_for(p) if (a.country or a.igo)
                           and a.code not in {s.code for s in sources}]
                if targets:
                    break
            if targets:
                break
        if not targets and tok.dep_ in ("nsubj",) and tok.head.pos_ == "VERB":
            pass
        return _pairs(sources, targets, pattern.code, tok.text, tok.i, status)

    # ---- reported speech -------------------------------------------------------------------
    def _reporters(self, sent: Span, actors: DocActors) -> dict[int, Actor]:
        """Tokens inside "X said (that) ..." map to X, the fallback for "it"/"they" there."""
        out: dict[int, Actor] = {}
        for tok in sent:
            if tok.lemma_.lower() in self.rules.report_verbs:
                subj = [c for c in tok.children if c.dep_ == "nsubj"]
                if not subj:
                    continue
                found = [a for a in actors.actors_for(subj[0]) if a.country or a.igo]
                if not found:
                    continue
                for c in tok.children:
                    if c.dep_ in ("ccomp", "xcomp"):
                        for t in c.subtree:
                            out.setdefault(t.i, found[0])
        return out


def _conj(tok: Token) -> list[Token]:
    out, stack = [], [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


def _preps(tok: Token) -> dict[str, list[Token]]:
    """Preposition -> its objects, for a verb or noun (coordinated objects included)."""
    out: dict[str, list[Token]] = {}
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ == "ADP":
            key = c.lower_
            for p in c.children:
                if p.dep_ == "pobj":
                    out.setdefault(key, []).extend([p, *_conj(p)])
                elif p.dep_ == "prep":  # "out of", "away from"
                    for pp in p.children:
                        if pp.dep_ == "pobj":
                            out.setdefault(p.lower_, []).extend([pp, *_conj(pp)])
    return out


def _lemmas(tok: Token) -> set[str]:
    out = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ == "compound":
            out.add(f"{c.lemma_.lower()} {tok.lemma_.lower()}")
    return out


def _best_pattern(patterns: list[Pattern], objects: list[Token],
                  preps: dict[str, list[Token]]) -> tuple[Pattern | None, Token | None]:
    best: Pattern | None = None
    best_obj: Token | None = None
    for pat in patterns:
        obj_hit: Token | None = None
        if pat.prep and pat.prep not in preps:
            continue
        if pat.objects:
            pool = preps.get(pat.prep, []) if pat.prep else objects or [p for ps in preps.values() for p in ps]
            for o in pool:
                if _lemmas(o) & pat.objects:
                    obj_hit = o
                    break
            if obj_hit is None:
                continue
        if best is None or pat.specificity > best.specificity:
            best, best_obj = pat, obj_hit
    return best, best_obj


def _pairs(sources: list[Actor], targets: list[Actor], code: str, trigger: str, tok_i: int,
           status: str) -> list[RawEvent]:
    out: list[RawEvent] = []
    if targets:
        for s, t in product(sources, targets):
            if s.code != t.code:
                out.append(RawEvent(s, t, code, trigger, tok_i, status))
    elif len({s.key() for s in sources}) > 1:
        # Joint action ("Russia and North Korea signed a treaty"): each party toward the other.
        for s, t in product(sources, sources):
            if s.key() != t.key():
                out.append(RawEvent(s, t, code, trigger, tok_i, status))
    else:
        out.extend(RawEvent(s, None, code, trigger, tok_i, status) for s in sources)
    return out
