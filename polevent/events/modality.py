"""Did the coded action happen? Negation, denial, refusal, intent, conditionals, hedges.

The word lists live in ``data/modality.yml``. The decision walks from the trigger up through the
clauses that govern it, because what governs an action decides its status: "denied that it
attacked", "refused to attend", "agreed to withdraw", "if they invade".
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import yaml
from spacy.tokens import Token

ASSERTED, REPORTED, INTENDED, HYPOTHETICAL = "asserted", "reported", "intended", "hypothetical"
THREATENED = "threatened"
ALLEGED = "alleged"
NEGATED, DENIED, REFUSED = "negated", "denied", "refused"
EMITTED = {ASSERTED, REPORTED, INTENDED, THREATENED}


@dataclass(frozen=True)
class ModalityRules:
    negators: frozenset[str]
    negating_adjectives: frozenset[str]
    denial_verbs: frozenset[str]
    refusal_verbs: frozenset[str]
    directive_verbs: frozenset[str]
    directive_preps: frozenset[str]
    intent_verbs: frozenset[str]
    intent_adjectives: frozenset[str]
    underway_verbs: frozenset[str]
    procedure_verbs: frozenset[str]
    dispatch_verbs: frozenset[str]
    finding_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    hedge_words: frozenset[str]
    habitual_words: frozenset[str]
    hedge_nouns: frozenset[str]
    hedge_adjectives: frozenset[str]
    question_words: frozenset[str]
    intent_nouns: frozenset[str]
    directive_nouns: frozenset[str]
    hedge_verbs: frozenset[str]
    accusation_verbs: frozenset[str]
    failure_verbs: frozenset[str]
    failure_refusals: frozenset[str]
    topic_nouns: frozenset[str]
    conditional_marks: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    report_verbs: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    message_nouns: frozenset[str]
    obligation_code: str
    threat_marks: frozenset[str]
    offer_roots: frozenset[str]
    intent_codes: dict[str, str]
    refusal_codes: dict[str, str]
    threat_codes: dict[str, str]

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word the lists hold (to read a governing word's lemma against)."""
        return frozenset().union(*(v for v in vars(self).values() if isinstance(v, frozenset)))

    def threat_code(self, code: str) -> str:
        new = _by_prefix(self.threat_codes, code)
        return new if new != code else "130"

    def intent_code(self, code: str) -> str:
        return _by_prefix(self.intent_codes, code)

    def refusal_code(self, code: str) -> str | None:
        new = _by_prefix(self.refusal_codes, code)
        return new if new != code else None


def _by_prefix(table: dict[str, str], code: str) -> str:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return code


@lru_cache(maxsize=1)
def load_rules() -> ModalityRules:
    ref = resources.files("polevent") / "data" / "modality.yml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    lists = {k: frozenset(str(w).lower() for w in v) for k, v in data.items() if isinstance(v, list)}
    return ModalityRules(obligation_code=str(data["obligation_code"]),
                         intent_codes={str(k): str(v) for k, v in data["intent_codes"].items()},
                         refusal_codes={str(k): str(v) for k, v in data["refusal_codes"].items()},
                         threat_codes={str(k): str(v) for k, v in data["threat_codes"].items()},
                         **lists)


def qualified(noun: Token, adjectives: frozenset[str]) -> bool:
    """Whether an adjective of ``adjectives`` qualifies the noun: "the alleged use", "a possible
    war" (the word or its lemma: "proposed" may be lemmatised "propose")."""
    return any(c.dep_ == "amod" and {c.lower_, c.lemma_.lower()} & adjectives for c in noun.children)


CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "attr", "oprd"}


def is_negated(tok: Token, rules: ModalityRules) -> bool:
    if tok.dep_ == "xcomp" and tok.head.lemma_ in ("have", "be") and any(
            c.lower_ == "yet" for c in tok.head.children):
        return True  # "has yet to concede", "is yet to reply": not done
    if tok.dep_ == "xcomp" and tok.head.lower_ in rules.negating_adjectives:
        return True  # "police have been unable to question him"
    for child in tok.children:
        if child.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children):
            return True  # "had no interest", "sent no delegation"
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never",)):
            return True
        if child.dep_ in ("nsubj", "nsubjpass"):
            if any(g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in child.children):
                return True
            if child.lower_ in ("nobody", "none", "neither", "nothing"):
                return True
    return False


def _reported(tok: Token, rules: ModalityRules) -> bool:
    """Whether a clause above ``tok`` reports, intends or announces it ("said it would")."""
    verbs = rules.report_verbs | rules.intent_verbs | rules.hedge_verbs
    return any(h.lemma_.lower() in verbs or h.lemma_.lower() in rules.message_nouns
               for h in tok.ancestors)


def _under_condition(tok: Token, rules: ModalityRules) -> bool:
    """Whether ``tok`` or a clause above it is an "if" / "unless" clause."""
    for t in [tok, *tok.ancestors]:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.conditional_marks for c in t.children):
            return True
    return False


def inflection_guesses(text: str) -> list[str]:
    """``text`` and the stems regular English inflection would give it ("shelled" -> "shell",
    "banned" -> "ban", "carried" -> "carry"); the first pass (screen.py) uses the same guesses."""
    out = [text]
    if text.endswith("ied"):
        out.append(text[:-3] + "y")
    if text.endswith("ed"):
        out += [text[:-1], text[:-2]]
        if len(text) > 4 and text[-3] == text[-4]:
            out.append(text[:-3])
    if text.endswith("ing"):
        out += [text[:-3], text[:-3] + "e"]
    if text.endswith("es"):
        out.append(text[:-2])
    if text.endswith("s"):
        out.append(text[:-1])
    return out


def clause_lemma(tok: Token, rules: ModalityRules) -> str:
    """The lemma of a governing word as the modality lists know it: the statistical lemmatizer
    sometimes errs ("hopes" -> "hop"), so a regular inflection guess the lists hold wins."""
    lemma = tok.lemma_.lower()
    known = rules.words
    if lemma in known:
        return lemma
    return next((g for g in inflection_guesses(tok.lower_)[1:] if g in known), lemma)


def conjunct_head(tok: Token) -> Token:
    """The head ``tok`` is coordinated with. "urged the embassy to reconsider and spoke with
    Pompeo": the parser hangs the finite "spoke" on the infinitive "reconsider", but a past or
    present-tense verb cannot share its "to"; it is coordinated with the clause above."""
    head = tok.head
    if tok.dep_ == "conj" and tok.tag_ in ("VBD", "VBZ") and head.tag_ == "VB" and head.dep_ == "xcomp" \
            and to_infinitive(head):
        return head.head
    return head


def _refusal(verb: Token, rules: ModalityRules) -> str:
    """The status of what a refusing verb ("stop", "refuse", "fail to agree") governs: refused when
    the refusal itself is asserted or announced; nothing happened when the refusal is only asked
    for, supposed or denied ("called on the US to stop providing arms", "if Obasanjo fails to heed
    this advice")."""
    if _under_condition(verb, rules):
        return HYPOTHETICAL
    return REFUSED if modality_of(verb, rules) in (ASSERTED, REPORTED, INTENDED) else HYPOTHETICAL


def to_infinitive(tok: Token) -> bool:
    """Whether the verb at ``tok`` is a "to" infinitive ("is to step down", "orders to end")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _aux(tok: Token) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]


def listed_infinitive(tok: Token) -> Token | None:
    """"agreed on the need to strengthen ties, expand exchanges and coordinate at the UN": the
    parser hangs the bare verbs that continue a list of "to" infinitives on the clause above, as if
    they were done. A bare verb (base form, no subject, auxiliary or marker of its own) right after
    a comma shares the "to" of the nearest infinitive before it in the same clause."""
    first = tok
    while first.dep_ == "conj" and first.head.tag_ == "VB" and first.head.i < first.i:
        first = first.head  # "... and coordinate": coordinated with the bare verb before it
    if first.tag_ != "VB" or first.dep_ not in ("advcl", "conj") or first.i < 2 \
            or first.doc[first.i - 1].text != "," or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in first.children):
        return None
    for t in reversed(first.doc[first.sent.start:first.i - 1]):
        if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None  # a finite verb between: another clause
        if t.tag_ == "VB" and to_infinitive(t):
            return t if first.head in t.ancestors else None
    return None


def _habitual(tok: Token, rules: ModalityRules) -> bool:
    """ "militants frequently attack", "are often detained": a present-tense habit, no happening."""
    if not any(c.dep_ == "advmod" and c.lower_ in rules.habitual_words for c in tok.children):
        return False
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in aux):
        return False  # "has often criticised": a record of acts, which the coder keeps
    return (aux[0] if aux else tok).tag_ in ("VBZ", "VBP")


def modality_of(tok: Token, rules: ModalityRules) -> str:
    """The status of the action at ``tok``: one of the constants above."""
    if (shared := listed_infinitive(tok)) is not None:
        return modality_of(shared, rules)
    aux = _aux(tok)
    future = any(a in rules.future_auxiliaries for a in aux)
    if is_negated(tok, rules):
        if tok.lemma_.lower() in rules.finding_verbs:
            return NEGATED  # "could not verify": unable to find out, no refusal
        return REFUSED if future or any(a in ("can", "ca", "could") for a in aux) else NEGATED
    if "would" in aux and "have" in aux:
        return HYPOTHETICAL
    if any(a in rules.hypothetical_auxiliaries for a in aux if a != "would"):
        return HYPOTHETICAL
    if any(c.dep_ == "mark" and c.lower_ in rules.conditional_marks for c in tok.children):
        return HYPOTHETICAL
    if tok.sent.text.rstrip().endswith("?"):
        return HYPOTHETICAL
    if _habitual(tok, rules):
        return HYPOTHETICAL
    if "would" in aux and not _reported(tok, rules):
        # "they would kill anyone who ...": a would that no one reports as a plan ("said it
        # would withdraw") tells a habit or a supposition, not an act
        return HYPOTHETICAL
    if tok.dep_ in ("ccomp", "advcl", "xcomp", "csubj") and any(
            c.dep_ in ("advmod", "mark") and c.i < tok.i and c.lower_ in rules.question_words
            and (future or c.lower_ == "whether") for c in tok.children):
        return HYPOTHETICAL  # "could not say when he will be released": a question, not an act
    status = INTENDED if future else ASSERTED
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "be" and to_infinitive(tok):
        # "is to step down" is planned; "were to storm the base" (by earlier plans) did not happen
        if tok.head.tag_ == "VBD":
            return HYPOTHETICAL
        status = INTENDED
    if future and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in rules.threat_marks
                                                 for m in c.children) for c in tok.children):
        return THREATENED
    if any(c.lower_ in rules.hedge_words for c in tok.children if c.dep_ == "advmod"):
        status = REPORTED if status == ASSERTED else status
    # Walk up the clauses that govern the trigger.
    cur = tok
    for _ in range(8):
        dep, head = cur.dep_, conjunct_head(cur)
        if head.i == cur.i or dep not in CLAUSE_DEPS:
            break
        lemma = clause_lemma(head, rules)
        if dep in ("ccomp", "xcomp", "pcomp", "pobj", "prep") and lemma in rules.denial_verbs:
            return HYPOTHETICAL if _under_condition(head, rules) else DENIED
        if dep == "xcomp" and lemma in rules.failure_verbs:
            agreed = any(c.dep_ == "dobj" and c.lemma_.lower() in rules.failure_refusals for c in cur.children)
            if not agreed:
                return NEGATED
            return _refusal(head, rules)
        if dep in ("xcomp", "pcomp", "pobj", "prep") and lemma in rules.refusal_verbs:
            return _refusal(head, rules)
        if dep in ("ccomp", "xcomp") and is_negated(head, rules):
            return NEGATED if head.lemma_.lower() not in rules.report_verbs else REFUSED
        if dep in ("ccomp", "xcomp") and lemma in rules.directive_verbs and not (
                dep == "ccomp" and lemma in rules.report_verbs):
            # "told Cairo to reopen the crossing" asks; "officials told Reuters the army reopened it" reports
            return HYPOTHETICAL
        if dep == "advcl" and lemma in rules.directive_verbs and to_infinitive(cur) \
                and lemma not in rules.report_verbs:
            return HYPOTHETICAL  # "calls on the rebels to withdraw", parsed as a clause of purpose
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in rules.conditional_marks for c in cur.children):
            return HYPOTHETICAL
        if dep == "prep" and cur.lower_ in rules.directive_preps and lemma in rules.directive_verbs:
            return HYPOTHETICAL  # "warned Washington against sending missiles": advised not to
        if (dep == "advcl" or (dep == "xcomp" and any(c.dep_ == "auxpass" for c in head.children))) \
                and cur.tag_ == "VB" and to_infinitive(cur) \
                and any(a in rules.future_auxiliaries for a in _aux(head)):
            # "will be announced to further promote exchanges": the aim of a plan is no act yet
            return HYPOTHETICAL
        if dep == "xcomp" and lemma in rules.underway_verbs and to_infinitive(cur):
            return HYPOTHETICAL
        if dep in ("xcomp", "advcl") and lemma in rules.dispatch_verbs and to_infinitive(cur) \
                and modality_of(head, rules) in (ASSERTED, REPORTED):
            return HYPOTHETICAL  # (what one is willing to send troops to do is intended, like the sending)
        if dep == "xcomp" and (lemma in rules.intent_verbs or lemma in rules.intent_adjectives):
            if status == ASSERTED:
                status = INTENDED
        if dep == "prep" and lemma in rules.accusation_verbs and cur.lower_ in ("of", "with", "for"):
            return ALLEGED
        if dep in ("acl", "relcl") and head.pos_ == "NOUN" and qualified(head, rules.hedge_adjectives):
            return ALLEGED  # "the alleged use of Angolan troops to bolster its forces": a claim
        if dep in ("acl", "prep", "relcl") and head.pos_ == "NOUN" and lemma in rules.topic_nouns:
            return HYPOTHETICAL  # "discussed ways to boost ties": a topic, not an act
        if dep == "acl" and head.pos_ == "NOUN" and lemma in rules.directive_verbs and to_infinitive(cur):
            return HYPOTHETICAL  # "ignored police orders to end the demonstration": asked, not done
        if dep in ("acl", "advcl", "relcl") and head.pos_ == "NOUN" and lemma in rules.directive_nouns \
                and to_infinitive(cur):
            return HYPOTHETICAL  # "extended an invitation for Clinton to visit Moscow": asked, not done
        if dep == "acl" and head.pos_ == "NOUN" and lemma in rules.intent_nouns and to_infinitive(cur) \
                and status == ASSERTED:
            status = INTENDED  # "concurred on the need to increase exchanges": wanted, not done
        if dep in ("ccomp", "acl") and (lemma in rules.hedge_verbs or lemma in rules.hedge_nouns):
            if status == ASSERTED:
                status = REPORTED
        if dep in ("ccomp", "xcomp"):
            head_aux = _aux(head)
            if any(a in rules.hypothetical_auxiliaries for a in head_aux if a != "would"):
                return HYPOTHETICAL
        cur = head
    return status
