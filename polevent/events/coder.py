"""Coding events in one parsed sentence: who did what to whom.

Mechanism only: every verb of the sentence is looked up in the lexicon (data), its source is
the grammatical subject (or the agent of a passive, or the subject it inherits through
coordination, control and purpose clauses), its target the object, the indirect object, a
prepositional object, what the object phrase itself names ("struck Houthi targets"), or, for
acts done to a place, the state the place belongs to. Whether the event is emitted is decided
by the modality rules (data as well).
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from itertools import product

from spacy.tokens import Span, Token

from ..actors.resolve import QUOTE_MARKS, DocActors, conjuncts, rooted_noun_subject, stranded_subject
from ..model import Actor
from .lexicon import Lexicon, Pattern
from .rules import CodingRules, load_coding_rules
from .senses import Sense, load_judgements, load_senses
from .modality import (ALLEGED, EMITTED, HYPOTHETICAL, INTENDED, REFUSED, THREATENED, ModalityRules, is_negated,
                       conjunct_head, inflection_guesses, modality_of, qualified, to_infinitive)

PARTICLES = {"out", "down", "up", "off", "back", "aside", "away", "in", "over", "on", "through", "forward", "ahead"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "himself", "herself", "itself", "themselves"}
RELATIVE = {"who", "which", "that", "whom", "whose"}
# Pronouns that stand for a thing said or done, not for a party.
THING_PRONOUNS = {"it", "this", "that"}
# Auxiliaries by which a warning says what someone will do or suffer (a threat), not how things are.
CONSEQUENCE_MODALS = {"will", "would", "shall", "'ll", "wo", "could", "can", "may", "might", "must"}
SUBJECT_DEPS = {"nsubj", "csubj"}
# Prepositions that introduce the one an act is directed at.
TARGET_PREPS = ("to", "with", "against", "on", "at", "toward", "towards", "into", "upon", "onto",
                "between", "over", "for", "about", "by", "from", "of")
# Prepositions that place an act somewhere.
PLACE_PREPS = ("in", "into", "near", "across", "inside", "within", "throughout", "on", "at", "around",
               "outside", "along", "off", "over")
# Verbs whose object is also the doer of their complement: "urged Israel to allow ...".
OBJECT_CONTROL = {"urge", "ask", "call", "order", "force", "press", "invite", "allow", "help",
                  "encourage", "persuade", "tell", "warn", "request", "push", "pressure", "permit",
                  "compel", "oblige", "enable", "instruct", "direct", "beg", "implore", "appeal", "prompt"}
# Verbs whose object does what the gerund after their preposition says: "accused the network of
# violating", "barred the firm from bidding", "thanked the agency for helping".
GERUND_OBJECT_VERBS = {"accuse", "charge", "suspect", "blame", "bar", "ban", "prevent", "stop", "prohibit",
                       "keep", "deter", "exempt", "thank", "criticise", "criticize", "praise", "condemn",
                       "punish", "fine", "sanction", "convict", "acquit", "forbid", "discourage", "dissuade",
                       "clear", "congratulate", "commend", "sue", "arrest", "investigate"}
# Codes whose target may be the place where the act happens ("arrived in Pyongyang",
# "shelled positions in Gaza", "lifted the curfew in Tbilisi"); a meeting "in Beijing" is
# not directed at China, nor is a statement.
PLACE_TARGET_CODES = ("042", "07", "08", "09", "13", "14", "15", "17", "18", "19", "20")
# "withdrew from Lebanon", "expelled from Britain": here "from" names the one affected.
FROM_TARGET_ROOTS = {"02", "08", "10", "12", "16", "17"}
# "praised the efforts of Haiti", "defended the right of Armenia": "of" names whom words concern.
OF_TARGET_ROOTS = {"01", "02", "03", "04", "05", "10", "11", "12", "13"}
# Acts only a state does (concessions, inquiries, arrests, detentions, expulsions, repression): an
# agentless passive of one ("the bill was suspended", "20 were detained") was done by the state where
# it happened. Damage to property is not among them.
STATE_PASSIVE_CODES = ("081", "082", "083", "084", "085", "086", "087", "09", "116", "173", "174", "175")
PLACED_BANS = ("172",)
# Entities whose words name something (a past war, a day, a law), never an act of their own.
NAME_ENTITIES = {"EVENT", "DATE", "TIME", "WORK_OF_ART", "LAW"}
# Disapproval names the one disapproved of after these, even when addressed to someone else.
GRIEVANCE_ROOTS = {"11"}
GRIEVANCE_PREPS = ("over", "about", "against")
# Participles that say where someone stands, not what was done to them: "Turkey is opposed to ...".
STATIVE_PARTICIPLES = {"opposed", "engaged", "involved"}
# "after a visit", "during talks": a nominal event framed by the clause that holds it.
FRAME_PREPS = {"after", "during", "for", "following", "on", "before", "at"}
# Clauses that say when an act happened, and so where: "when they detonated a bomb in X".
WHEN_MARKS = {"when", "while", "as"}
# What a passive act may be done in, naming its authors after "by".
STATEMENT_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "resolution", "speech",
                   "report", "message", "tweet", "post", "interview", "address", "ruling", "decision", "note"}
ANNOUNCING_VERBS = {"announce", "declare", "order", "approve", "decree", "proclaim", "issue", "impose"}
# Messages whose addressee goes unsaid ("Xi sent warm greetings") are addressed to the
# person the article is about, as a human coder reads them.
IMPLICIT_TARGET_ROOTS = {"05"}
# Nominal acts whose "of" phrase names whom they hit ("the invasion of Ukraine", "the shelling of
# Gaza", "the expulsion of diplomats").
OF_PATIENT_ROOTS = {"15", "16", "17", "18", "19", "20"}
# Verbs whose adjective complement may say the act ("was critical of", "remained opposed to").
COPULAS = {"be", "remain", "become", "grow", "appear", "seem", "stay"}
# Acts whose doer, when a passive names none ("sanctions were also imposed on ..."), is the one
# the story last saw doing them: only states sanction, and a story about sanctions is one state's.
CARRIED_PASSIVE_ROOTS = {"16"}
# How far back (tokens, a few sentences) "the attack" may refer to the last attack the story told.
DEED_REACH = 120
# Verbal acts whose addressee may be the subject of their complement clause.
VERBAL_ROOTS = {"01", "02", "10", "11", "12", "13"}
# Acts about someone's deed (words, inquiries, demands): the deed's doer is the one concerned.
AGENT_ROOTS = VERBAL_ROOTS | {"09"}
# Nouns of violence that, as a subject, make the sentence about the attack they name
# ("an air strike destroyed the consulate").
VIOLENT_ROOTS = {"18", "19", "20"}
# Deeds of force done to someone: violence and coercion ("the attack on", "the arrest of").
FORCEFUL_ROOTS = VIOLENT_ROOTS | {"17"}
# Acts named by a noun after "after", "during", "following" ... that do not pass to the clause's doer.
HOSTILE_FRAME_ROOTS = FORCEFUL_ROOTS | {"13", "15", "16"}
# Roles that act at home: with no country of their own, they take the country of their target.
DOMESTIC_ROLES = {"REB", "OPP", "CVL", "COP", "JUD", "LEG", "MED", "BUS", "PTY"}


# Acts that, with no one named, are aimed at home: a protest at the government, a curfew or
# arrests at the population (CAMEO's domestic dyads, e.g. IRQCVL -> IRQGOV).
DOMESTIC_ROOTS = {"02", "08", "10", "11", "12", "13", "14", "17", "18", "19", "20"}
STATE_ROLES = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Roles that are a side of their own against their state's government in talks, deals and fights.
OPPOSING_ROLES = {"REB", "OPP", "PTY"}
# Roles of society and politics below the state: joining one of them is no diplomatic act.
SOCIETY_ROLES = {"PTY", "CVL", "BUS", "MED", "OPP"}
# What society does that a noun may name without saying whose ("the protesters' demands").
SOCIETY_NOUN_ROOTS = {"10", "11", "12", "14"}
# Nouns of unrest that name a protest without saying whose ("protests in Baghdad"); a
# "demonstration" may be of a product, so it needs an owner.
# Prepositions that make an unowned noun of unrest the scene of something else.
SETTING_PREPS = {"at", "during", "after", "before", "since", "amid", "following", "throughout", "from", "near",
                 "outside"}
UNREST_NOUNS = {"protest", "rally", "riot", "unrest", "uprising", "sit-in", "march", "strike"}
STATE_DOMESTIC_ROOTS = {"08", "17"}
# Society's acts that address its own state without naming it: protests and demands. Anything
# else a crowd does ("people expressed outrage online") needs its addressee named.
CROWD_ROLES = {"CVL", "BUS", "MED"}
CROWD_DOMESTIC_ROOTS = {"10", "14"}
# "arrested opposition leaders", "freed protesters": acts whose role-named object is at home.
# Violence is not among them: "killing 12 people" in Kyiv kills Ukrainians, not the attackers.
HOME_TARGET_ROOTS = {"02", "08", "10", "11", "12", "13", "17"}
# Role-only doers ("police", "the court", "protesters", "authorities") who act in the state the
# story is about when nothing in the sentence names theirs.
STORY_ROLES = {"GOV", "COP", "JUD", "LEG", "CVL", "OPP", "PTY"}
# Acts whose role-only addressee ("the adviser", "the court") is of the story's state.
STORY_TARGET_ROOTS = {"02", "10", "11", "12", "13", "17"}
# ... and whose: the state and political bodies ("the court", "the opposition"); "social media" or
# "the company" say nothing of the state a story is about.
STORY_TARGET_ROLES = STATE_ROLES | {"OPP", "PTY"}
# Acts of a state on someone named only by a role, who is then the state's own: coercion and
# concessions at home (sacking a minister, acquitting him), and peace or talks with its rebels and
# opposition (not with "the prime minister", who may be anyone's).
# (not people in general: "issued arrest warrants on 36 people" says nothing of whose they are)
HOME_TARGET_ROLES = {**{root: STATE_ROLES | OPPOSING_ROLES for root in ("17", "08")},
                     **{root: OPPOSING_ROLES for root in ("03", "04", "05", "06")}}
# Aid: given to a group named only by its role ("relief for farmers"), it is given at home.
AID_ROOTS = {"07"}
# Rejecting a claim is aimed at whoever made it, not at whom it is about.
REJECT_ROOTS = {"12"}
# What someone did, when words or protests are aimed at it: "the actions of US personnel".
DEED_NOUNS = {"action", "act", "behaviour", "behavior", "conduct", "treatment", "policy", "practice", "move",
              "decision", "remark", "comment", "statement", "interference", "violation", "presence"}
CLAIM_NOUNS = {"accusation", "allegation", "claim", "charge", "criticism", "report", "rumour", "rumor",
               "speculation", "suggestion", "assertion", "argument"}
# Phrases of what came before or after an act ("after a breach at the embassy in Ottawa"): their
# places are not the act's.
SEQUENCE_PREPS = {"after", "before", "since", "following", "until", "till"}
# Missions stand abroad: "outside the US embassy in Nairobi" is in Kenya, not the US.
MISSION_NOUNS = {"embassy", "consulate", "mission", "legation", "chancery"}
# People sent by one state to another: where they are says nothing of whose they are.
ENVOY_WORDS = {"envoy", "envoys", "ambassador", "ambassadors", "diplomat", "diplomats", "delegation",
               "delegations", "mission", "emissary", "emissaries", "mediator", "mediators", "commissioner",
               "commissioners"}
# Cooperation, consultation and aid: a state is never its own partner ("Sri Lanka's spokesman ...
# exchanges between Sri Lanka and Pakistan").
PARTNER_ROOTS = {"04", "05", "06", "07"}
# Meetings and talks: their two parties are whom a later "both sides" means.
MEETING_ROOTS = {"04"}
# Where a meeting is held, not with whom.
VENUE_NOUNS = {"sideline", "sidelines", "margin", "margins", "venue"}
# Visits and meetings: a place at home is never their target.
TRAVEL_ROOTS = {"04"}
# Shows of force: done by a state to its own forces ("troops were put on alert").
POSTURE_ROOTS = {"15"}
ARMED_ROLES = {"MIL", "COP"}
# "despite criticism by X", "amid protests from Y": the criticism is aimed at the clause's doer.
DEFIANCE_PREPS = {"despite", "amid", "amidst"}
# Words about a thing, and inquiries into one, that with no party named concern the story's state
# when one of its own says or does them.
HOME_JUDGED_ROOTS = {"09", "11", "12"}
# What police say to no one named is said to the public.
POLICE_WORD_ROOTS = {"02", "10", "13"}
# Forces that only act at home: whom police shoot at, with no one named, is their own people.
HOME_FORCES = {"COP"}
# State roles whose protests are aimed at their own government (legislators, regional officials).
PROTESTING_OFFICIALS = {"LEG", "GOV"}


def _domestic_counterpart(sources: list[Actor], code: str) -> list[Actor]:
    """The other side of a domestic act: the state for society's acts (protests, demands,
    insurgent violence), society for the state's (curfews, arrests, concessions)."""
    out: list[Actor] = []
    root = code[:2]
    for s in sources:
        if not s.country:
            continue
        state = s.role in STATE_ROLES
        if state and s.role in PROTESTING_OFFICIALS and (root == "14" or code.startswith("133")):
            # "suspended MPs staged a protest outside parliament", "the deputy governor led the
            # protests": officials protesting at home address their government
            other = Actor.make(country=s.country, role="GOV")
            if other.code not in {o.code for o in out}:
                out.append(other)
            continue
        if state and root not in STATE_DOMESTIC_ROOTS and not code.startswith(("124", "132", "137")) \
                and not (s.role in HOME_FORCES and root in POLICE_WORD_ROOTS):
            # (threats of curfews and repression, and refusing to yield, are aimed at home too; so are
            # the police's appeals and warnings: "police appealed for calm")
            continue
        if not state and not s.role and root != "14":
            continue
        if s.role in CROWD_ROLES and root not in CROWD_DOMESTIC_ROOTS:
            continue  # "many people expressed anger online": no one at home is addressed
        other = Actor.make(country=s.country) if state else Actor.make(country=s.country, role="GOV")
        if other.code not in {o.code for o in out}:
            out.append(other)
    return out


def _split_passive_patients(tok: Token) -> list[Token]:
    """Who undergoes a passive the parser split: "Sanctions were also levied on two firms" (the
    participle hung on "were" as its complement) and "Also sanctioned were former officials" (the
    patient hung on the auxiliary as its attribute)."""
    if tok.tag_ != "VBN":
        return []
    if tok.dep_ == "acomp" and tok.head.lemma_ == "be" and not any(c.dep_ == "agent" for c in tok.head.children):
        return [c for c in tok.head.children if c.dep_ == "nsubj"]
    if not any(c.dep_ == "nsubjpass" for c in tok.children):
        return [g for c in tok.children if c.dep_ == "auxpass" for g in c.children if g.dep_ in ("attr", "nsubj")]
    return []


def _definite(noun: Token) -> bool:
    """ "the attack", "this shelling", "Monday's strike": a deed the story has told already."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
               or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")) for c in noun.children)


def _venue_visits(events: list[RawEvent], doc) -> list[RawEvent]:
    """"travelled to Brussels to attend a NATO summit", "went to New York to address the UN": a
    trip whose purpose the sentence codes with someone else, by the same doer, is a trip to them;
    the city is the venue, not the host."""
    out: list[RawEvent] = []
    for e in events:
        if e.code.startswith("042") and e.target is not None:
            purpose = {t.i for c in doc[e.trigger_token].children
                       if c.dep_ in ("advcl", "xcomp") and to_infinitive(c)
                       for t in c.subtree}
            aims = [x.target for x in events if x is not e and x.trigger_token in purpose and x.target is not None
                    and x.source.key() == e.source.key() and x.target.key() != e.target.key()
                    and (x.target.igo or x.target.country != e.target.country)]
            if aims:
                e = replace(e, target=aims[0])
        out.append(e)
    return out


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
    confidence: float = 0.6
    act: str = ""  # the act's own code before modality made it intent, threat or refusal


class SentenceCoder:
    def __init__(self, lexicon: Lexicon, rules: ModalityRules, coding: CodingRules | None = None,
                 senses: list[Sense] | None = None) -> None:
        self.lex = lexicon
        self.rules = rules
        self.coding = coding or load_coding_rules()
        self.senses = load_senses() if senses is None else senses
        self.judgements = load_judgements()

    def _sense(self, lemma: str, code: str, objects: list[Token], actors: DocActors,
               tok: Token | None = None, prep: str | None = None) -> str | None:
        """The code of the verb's reading after its senses (data), or None: not a political act."""
        for sense in self.senses:
            if not sense.governs(lemma, code, prep):
                continue
            if sense.needs == "complement":
                # "called on the president" (a courtesy call) asks nothing: no "to ..." clause on
                # the verb or on whom it addresses
                heads = [tok] if tok is not None else []
                heads += [p for p in (_preps(tok).get(prep, []) if tok is not None and prep else [])]
                asks = any(c.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl") and c.pos_ in ("VERB", "AUX")
                           for h in heads for c in h.children)
                if not asks:
                    return None if sense.drop else sense.code
                continue
            if sense.needs == "consequence":
                if tok is None or self._warns_of_consequence(tok, objects, actors):
                    continue
                return None if sense.drop else sense.code
            if sense.needs in ("actor_object", "state_object"):
                direct = [o for o in objects if o.dep_ in ("dobj", "nsubjpass", "dative")]
                if tok is not None:
                    # "allowed the opposition leader to hold a rally", parsed with the leader as
                    # the subject of the complement
                    direct += [g for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                               and to_infinitive(c)
                               for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                found = [a for o in direct for a in actors.actors_for(o)]
                if sense.needs == "state_object":
                    # "joined NATO", not "joined the Democratic Party" or "joined a union"
                    found = [a for a in found if (a.country or a.igo) and a.role not in SOCIETY_ROLES]
                if not any(a.country or a.igo or a.role for a in found):
                    return None
            elif (sense.code is not None or sense.drop) and any(_lemmas(o) & sense.objects for o in objects):
                return None if sense.drop else sense.code
            elif sense.manner and tok is not None and any(
                    f"{c.lower_} {p.lemma_.lower()}" in sense.manner for c in tok.children if c.dep_ == "prep"
                    for p in c.children if p.dep_ in ("pobj", "pcomp")):
                return None if sense.drop else sense.code  # "fired into the air": at no one
            elif sense.reasons and tok is not None and any(
                    p.ent_type_ not in ("DATE", "TIME") for k, ps in _preps(tok).items() if k in sense.reasons
                    for p in ps):
                return None if sense.drop else sense.code  # "attacked Trump for the tweet": words
        return code

    def _warns_of_consequence(self, tok: Token, objects: list[Token], actors: DocActors) -> bool:
        """Whether a warning names whom it warns, or what someone will do or suffer: a modal
        clause under the verb whose subject is an actor ("warned that Israel would pay", "warned
        that it will respond")."""
        if any(a.country or a.igo or a.role for o in objects if o.dep_ in ("dobj", "dative")
               for a in actors.actors_for(o)):
            return True
        if "against" in _preps(tok):
            return True
        for c in tok.children:
            if c.dep_ not in ("ccomp", "advcl", "xcomp") or c.pos_ not in ("VERB", "AUX"):
                continue
            if not any(a.dep_ == "aux" and a.lower_ in CONSEQUENCE_MODALS for a in c.children):
                continue
            for subj in c.children:
                if subj.dep_ in ("nsubj", "nsubjpass") and (subj.lower_ in PRONOUNS | {"we", "i", "you"} or any(
                        a.country or a.igo or a.role for a in actors.actors_for(subj))):
                    return True
        return False

    def _together(self, sources: list[Actor], code: str, tok: Token) -> bool:
        """Whether joint doers of ``code`` act toward each other: acts done together (talks,
        agreements, clashes) or said to go both ways ("exchanged accusations"), among a few
        parties, never a roster of many."""
        keys = {s.key() for s in sources if s.key()}
        if not 1 < len(keys) <= self.coding.max_joint_parties:
            return False
        if self.coding.is_symmetric(code):
            return True
        words = {tok.lemma_.lower()} | {t.lower_ for t in tok.subtree}
        words |= {f"{a.lower_} {b.lower_}" for a, b in zip(tok.subtree, list(tok.subtree)[1:])}
        return bool(words & self.coding.reciprocal)

    # ---- public ----------------------------------------------------------------------------
    def code(self, sent: Span, actors: DocActors, keep_modal: bool = False) -> list[RawEvent]:
        for tok in sent:
            m = actors.by_token.get(tok.i)
            if m is not None and m.kind == "person_unknown" and tok.i == m.end - 1:
                # "speakers included Labour MP Tom Watson", "asked for security secretary Chris
                # Tang's resignation": who the text says someone is holds from that phrase on,
                # whichever phrase of the sentence is looked at first, and where nothing is coded
                actors.actors_for(tok)
        reporters = self._reporters(sent, actors)
        events: list[RawEvent] = []
        consumed: set[int] = set()
        for tok in sent:
            if _inside_name(tok, actors):
                continue  # the "Protect" of the Committee to Protect Journalists does nothing
            if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
                events.extend(self._verb_events(tok, actors, reporters, consumed, keep_modal))
                events.extend(self._obligation_events(tok, actors))
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed and not _inside_name(tok, actors):
                events.extend(self._noun_events(tok, actors, keep_modal))
        events = _venue_visits(self._drop_subsumed(events), sent.doc)
        for e in events:
            if e.code[:2] in CARRIED_PASSIVE_ROOTS | VIOLENT_ROOTS and (e.source.country or e.source.igo) \
                    and e.modality in EMITTED:
                actors.last_doers[e.code[:2]] = (e.source, e.trigger_token)
        for tok in sent:
            # Who the sentence is about, for a "He" that opens the next one: the main subject,
            # or its possessor ("Kim's letter was effusive. He ...").
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
                cands = [tok] + [c for c in tok.children if c.dep_ == "poss"]
                named = [a for c in cands for a in actors.actors_for(c) if a.name]
                if named:
                    actors.last_subject_person = named[0]
                break
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
        # Whom a later "they" or "the ministers" stands for: the main clause's subject, when it
        # names several parties ("Egypt's minister and his Greek and Cypriot counterparts met").
        main = [t for t in sent if t.dep_ in SUBJECT_DEPS and t.head.dep_ == "ROOT"]
        if main and main[0].head.lemma_.lower() in self.rules.report_verbs:
            # "Sources said X and Y are expected to ...": the parties are the reported clause's
            # subject, not whoever reports it
            reported = [t for c in main[0].head.children if c.dep_ == "ccomp"
                        for t in c.children if t.dep_ in ("nsubj", "nsubjpass")]
            if reported and len({a.key() for a in actors.actors_for(reported[0]) if a.country or a.igo}) > 1:
                main = reported
        if main:
            parties = {a.key(): a for a in actors.actors_for(main[0]) if a.country or a.igo}
            if len(parties) > 1:
                actors.last_group = list(parties.values())
            elif parties and not next(iter(parties.values())).name:
                actors.last_group = []  # a single state or body, which can be "they" too, acted since
        met = [e for e in events if e.target is not None and e.code[:2] in MEETING_ROOTS
               and e.source.country and e.target.country and e.source.country != e.target.country]
        if met:
            # "X met his Japanese counterpart Y ... Both sides agreed": the two who last met
            actors.last_pair = [met[0].source, met[0].target]
            actors.last_pair_at = sent.start
        return events

    def _drop_subsumed(self, events: list[RawEvent]) -> list[RawEvent]:
        """Drop a general act (a plain statement) where the sentence holds a more specific act
        between the same parties: the specific one is what happened."""
        def pair(e: RawEvent) -> tuple:
            return e.source.key(), e.target.key() if e.target is not None else None
        specific = {pair(e) for e in events if not self.coding.is_subsumed(e.code)}
        return [e for e in events if not (self.coding.is_subsumed(e.code) and pair(e) in specific)]

    # ---- verbs -----------------------------------------------------------------------------
    def _patterns_for(self, tok: Token) -> tuple[list[Pattern], Token | None]:
        for lemma in _lemma_candidates(tok):
            found = self._patterns_for_lemma(tok, lemma)
            if found[0]:
                return found
        return [], None

    def _patterns_for_lemma(self, tok: Token, lemma: str) -> tuple[list[Pattern], Token | None]:
        if lemma in COPULAS:
            # "has been harshly critical of the US decision": the adjective says the act, written
            # "be critical" in the lexicon; its phrases are the verb's (see _verb_events)
            for c in tok.children:
                if c.dep_ == "acomp" and c.pos_ in ("ADJ", "VERB"):
                    found = self.lex.verb_patterns(f"be {c.lemma_.lower()}") or self.lex.verb_patterns(
                        f"be {c.lower_}")
                    if found:
                        return found, c
        # Particles: spaCy tags some as prt, others as adverbs or object-less prepositions
        # ("pulled out of", "stepped down", "brushed aside").
        for c in tok.children:
            if c.dep_ == "prt" or (c.dep_ in ("advmod", "prep") and c.lower_ in PARTICLES and c.i > tok.i):
                found = self.lex.verb_patterns(f"{lemma} {c.lower_}")
                if found:
                    return found, c
        return self.lex.verb_patterns(lemma), None

    def _verb_events(self, tok: Token, actors: DocActors, reporters: dict[int, list[Actor]],
                     consumed: set[int], keep_modal: bool) -> list[RawEvent]:
        lemma = tok.lemma_.lower()
        deps = {c.dep_ for c in tok.children}
        judged, judged_things = self._judgement(tok, actors)
        verdict = judged is not None and lemma in self.rules.report_verbs
        if judged is None and lemma in self.rules.report_verbs and (
                (deps & {"ccomp", "xcomp"} and "dobj" not in deps)
                or (tok.dep_ in ("parataxis", "ccomp", "advcl") and "dobj" not in deps)
                or _tells_media(tok, actors)):
            # "X said (that) ...", "..., officials told AFP": the reported event is coded, not the
            # saying, and telling a news agency is attribution, not an act toward its country.
            return []
        patterns, particle = self._patterns_for(tok)
        if judged is not None:
            # "called the deal 'lousy'": a judgement of the object, whatever else "call" may mean
            patterns, particle = [Pattern(judged, lemma)], None
        if not patterns:
            return []
        split = _split_passive_patients(tok)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or bool(split)
        stative = passive and tok.lower_ in STATIVE_PARTICIPLES and not any(c.dep_ == "agent" for c in tok.children)
        passive = passive and not stative
        objects = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]
        # what a judgement judges is its object, wherever the parser hung it
        objects = [*judged_things, *(o for o in objects if o not in judged_things)]
        if passive:
            objects += [c for c in tok.children if c.dep_ == "nsubjpass"] + split
            if tok.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in tok.children):
                # "Turkey is under sanctions, and was condemned by ...": the first conjunct's subject
                objects += [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            # "the treaty signed by Kim and Putin": a reduced passive on its object noun.
            passive = True
            objects.append(tok.head)
        elif tok.dep_ == "advcl" and tok.tag_ == "VBN" and not deps & {"nsubj", "aux", "auxpass", "nsubjpass"}:
            # "X appeared in court, charged with murder": the one the clause describes is
            # charged, not charging
            passive = True
            objects += self._subject_tokens(tok.head, actors=actors)
        elif tok.dep_ == "relcl" and not objects and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE
                                                         for c in tok.children):
            # "the letter Kim sent to Xi": the noun the clause describes is the object.
            objects.append(tok.head)
        preps = _preps(tok)
        if particle is not None and particle.dep_ == "acomp":
            preps = {**_preps(particle), **preps}  # "critical of X": the adjective's phrases
        if not objects:
            # "criticised as an unfriendly act Togo's border closure": a heavy object shifted behind "as ...",
            # which the parser reads as an apposition of the "as" phrase
            objects = [a for p in preps.get("as", []) for a in p.children if a.dep_ == "appos"]
        objects = objects + [c for o in objects for c in conjuncts(o)]
        # "$300 million in military aid", "a package of sanctions": the noun that says what it is.
        inner = _inner_objects(objects)
        pattern, obj_tok = _best_pattern(patterns, objects + inner, preps)
        if pattern is None:
            return []
        # "staged a hunger strike against the deportation": a phrase the parser hangs on the
        # object noun can complete a more specific pattern of the verb.
        borrowed = {k: v for o in objects for k, v in _preps(o).items() if k not in preps}
        if borrowed:
            wider, wider_obj = _best_pattern(patterns, objects + inner, {**preps, **borrowed})
            if wider is not None and wider.specificity > pattern.specificity and wider.prep in borrowed:
                pattern, obj_tok = wider, wider_obj
        if pattern.needs_target:
            # Try the specific reading first; without anyone affected, fall back to the next one
            # ("sent troops to Russia" is aid to Russia, "sent troops to the border" a deployment).
            fallback, fallback_obj = _best_pattern([p for p in patterns if p is not pattern], objects + inner, preps)
        else:
            fallback, fallback_obj = None, None
        if obj_tok is not None:
            consumed.add(obj_tok.i)
        status = modality_of(tok, self.rules)
        code = self._sense(lemma, pattern.code, objects, actors, tok, pattern.prep)
        if code is None:
            return []
        if code[:2] == "10" and lemma in ANNOUNCING_VERBS and obj_tok is None and any(
                o.dep_ == "dobj" and self.lex.noun_patterns(o.lemma_.lower()) for o in objects):
            return []  # "ordered the deployment of troops": the deployment is the act (its noun codes it)
        if code[:2] == "14" and obj_tok is not None and obj_tok.lemma_.lower() in UNREST_NOUNS and any(
                _state_side(a) for c in obj_tok.children if c.dep_ == "poss" for a in actors.actors_for(c)):
            return []  # "attended the president's rally": a leader's rally is no protest
        reporter_list = reporters.get(tok.i, [])
        reporter = reporter_list[0] if reporter_list else None
        # Who did it?
        unknown_doer = False
        self.story_filled = False
        self.home_role: str | None = None
        placed: list[Actor] = []
        if passive:
            sources = [a for p in preps.get("by", []) for a in actors.actors_for(p, reporter)]
            for p in [] if sources else [p for k in ("in", "through", "via") for p in preps.get(k, [])]:
                if p.lemma_.lower() in STATEMENT_NOUNS:
                    # "was condemned in a joint statement by Egypt and Greece": the statement's authors
                    sources = [a for q in _preps(p).get("by", []) for a in actors.actors_for(q, reporter)]
                    if sources:
                        break
            if not sources and "agent" not in deps and code.startswith(STATE_PASSIVE_CODES + PLACED_BANS):
                # "was placed under investigation in Spain", "were detained in Iran": only a state
                # investigates and arrests, so with no one named it is the state of the place;
                # a ban is a state's only where the sentence places it ("banned in Tunisian
                # public offices"), not "the children were banned from washing"
                place = self._place_of(tok, actors)
                story = actors.story_country if not code.startswith(PLACED_BANS) else None
                country = place.country if place is not None else story
                if country:
                    sources = [Actor.make(country=country, role="GOV")]
                    # "arrests were made in Germany, Spain and Italy": each state at home
                    placed = _listed_places(tok, actors)
            elif not sources and code[:2] in CARRIED_PASSIVE_ROOTS and "agent" not in deps \
                    and code[:2] in actors.last_doers and tok.dep_ not in ("acl", "amod"):
                # ("cancelled sanctions imposed on Tehran" names sanctions in place, not a new act)
                # "The US imposed sanctions on ... Sanctions were also levied on two firms": the
                # one the story last saw doing it
                sources = [actors.last_doers[code[:2]][0]]
                unknown_doer = True
            elif not sources and code[:2] in POSTURE_ROOTS and "agent" not in deps:
                # "the army was placed on high alert": a state puts its own forces on alert
                forces = [a for o in objects for a in actors.actors_for(o, reporter) if a.country and a.role in ARMED_ROLES]
                sources = [Actor.make(country=forces[0].country, role="GOV")] if forces else []
            elif not sources and code[:2] in VIOLENT_ROOTS and "agent" not in deps:
                # "the mayor was stabbed on stage": an attack by no one named on someone of the
                # state where it happened is that state's own violence (attacker unknown)
                place = self._place_of(tok, actors)
                where = place.country if place is not None else actors.story_country
                victims = [a for o in objects for a in actors.actors_for(o, reporter) if a.country]
                # ... only in a story that names no other state more than in passing: where it
                # does ("were killed as Israeli forces raided", clashes with Afghan forces) the
                # other side may be the doer, and a doer the text does not make plain is left out
                if where and victims and all(v.country == where for v in victims) and not any(
                        n > 1 for k, n in actors.state_counts.items() if k != where):
                    sources = [Actor.make(country=where)]
                    unknown_doer = True
        else:
            subj_toks = ([c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")] if stative
                         else self._subject_tokens(tok, actors=actors))
            sources = []
            for s in subj_toks:
                if s.lower_ in ("they", "it", "we") and len(reporter_list) > 1:
                    sources.extend(reporter_list)
                else:
                    sources.extend(actors.actors_for(s, reporter))
            for s in subj_toks:
                # "an air strike destroyed the consulate": the sentence is about the attack.
                nouns = self.lex.noun_patterns(s.lemma_.lower())
                if nouns and nouns[0].code[:2] in VIOLENT_ROOTS and code[:2] not in VIOLENT_ROOTS:
                    code = nouns[0].code
        joint = len({s.key() for s in sources if s.country or s.igo}) > 1
        for c in tok.children:
            # "Xi sent greetings, as did Lukashenko": the ellipsis repeats the act for another doer.
            if c.dep_ == "advcl" and c.lemma_.lower() == "do" and any(m.lower_ == "as" for m in c.children):
                for subj in c.children:
                    if subj.dep_ == "nsubj":
                        sources = sources + [a for a in actors.actors_for(subj, reporter)
                                             if a.code not in {s.code for s in sources}]
        if pattern.invert:
            recipients = sources
            givers = preps.get("from", []) + [p for o in objects for p in _preps(o).get("from", [])]
            sources = [a for p in givers for a in actors.actors_for(p, reporter)]
            targets = [a for a in recipients if a.country or a.igo]
        elif verdict:
            targets = self._authors(judged_things, actors, reporter, sources)
        else:
            targets = self._targets(tok, pattern, obj_tok, objects, preps, actors, reporter, sources, code)
            if not targets and pattern.needs_target:
                if fallback is None:
                    return []
                pattern, obj_tok, code = fallback, fallback_obj, fallback.code
                targets = self._targets(tok, pattern, obj_tok, objects, preps, actors, reporter, sources)
        if code[:2] in PARTNER_ROOTS:
            states = {s.country for s in sources if s.country and (not s.role or s.role == "GOV")}
            targets = [t for t in targets if not (t.country in states and (not t.role or t.role == "GOV")
                                                  and not (t.name and any(s.name and s.name != t.name for s in sources)))]
        if code[:2] in TRAVEL_ROOTS:
            # "travelled to Cleveland, Ohio": a trip to a place at home is no visit to anyone
            home = {s.country for s in sources if s.country}
            targets = [t for t in targets if not (t.country in home and not t.role and not t.name)]
        # Modality last: it may turn the act into intent, a threat or a rejection.
        if status == "negated" and code.startswith("03"):
            status = REFUSED  # "no interest in talks", "not willing to meet": declining is rejecting
        if status == INTENDED and code[:2] not in FORCE_ROOTS and _announced_decision(tok, self.rules):
            status = "asserted"  # "announced that troops would leave": the decision is the news
        if status == INTENDED and lemma in self.rules.procedure_verbs and not keep_modal:
            return []  # "will be sentenced Wednesday": a court's calendar, not a threat
        if status == INTENDED:
            code = self.rules.intent_code(code)
        elif status == THREATENED:
            if code[:2] in self.rules.offer_roots and "unless" not in self._condition_marks(tok):
                code = self.rules.intent_code(code)
            elif code[:2] != "13":
                code = self.rules.threat_code(code)
            status = INTENDED
        elif status == REFUSED:
            new = self.rules.refusal_code(code)
            if new is None and not keep_modal:
                return []
            code = new or code
            status = "asserted" if new else status
        if status not in EMITTED and not keep_modal:
            return []
        # Confidence: how specific the pattern was, how directly the actors were found.
        confidence = 0.55 + 0.1 * pattern.specificity + (0.1 if targets else 0.0)
        named = sum(1 for s in sources if s.country or s.igo)
        self.story_filled = self.story_filled or unknown_doer
        sources = self._fill_sources(sources, targets, tok, actors, code[:2])
        if not targets and self.home_role and sources and sources[0].country:
            # "Kerala's chief minister announced relief for farmers": placed by the sentence, the
            # doer's own society is the one helped (arrested, urged, ...)
            home = Actor.make(country=sources[0].country, role=self.home_role)
            targets = [] if _same_doer(home, sources, by_role=True) else [home]
        if not sources:
            return []
        if self.story_filled:
            confidence -= 0.1  # the doer's state comes from the story, not the sentence
        if named < len(sources):
            confidence -= 0.15  # a doer whose state was inferred from the sentence
        # Who acts can change what the act is (a state's protest is a formal complaint): data.
        # ("calls on the rebels to withdraw" may come parsed as a clause of purpose; "called for the
        # vote to be held" keeps its own reading, an appeal)
        asks = any(c.pos_ in ("VERB", "AUX") and (c.dep_ in ("xcomp", "ccomp") or (
            c.dep_ == "advcl" and to_infinitive(c)
            and not any(a.dep_ == "mark" for a in c.children))) for c in tok.children)
        code = self.coding.adjust(code, sources, lemma, joint, bool(targets), actors.finder.state_names, asks)
        if not targets and not pattern.invert and not joint:
            confidence -= 0.05
            if code[:2] in IMPLICIT_TARGET_ROOTS and not any(
                    o.dep_ == "dobj" and o.pos_ == "NOUN" and (obj_tok is None or o.i != obj_tok.i) for o in objects):
                # (what "supporting the referendum" supports is named: it addresses no one)
                topic = actors.topic(exclude={s.key() for s in sources}, before=tok.sent.start)
                if topic is not None:
                    targets = [topic]
            if not targets and place_targets(pattern.code):
                place = self._place_of(tok, actors)
                if place is not None:
                    targets = [place]
            if not targets and code[:2] in ("02", "10", "11") and sources and actors.story_country \
                    and all(s.igo and not s.country for s in sources) \
                    and not any(self._forceful(o, VIOLENT_ROOTS) for o in objects):  # (an attack's doer is not the state)
                # "Amnesty called for an investigation into the shooting": an organisation's demand
                # or censure in a story about one state is aimed at that state
                targets = [Actor.make(country=actors.story_country, role="GOV")]
                confidence -= 0.1
            asked = _asked_passive(tok) if not targets and code[:2] in ("02", "10") else None
            if asked is not None and sources and actors.story_country and not joint:
                # "called for his death to be investigated", "for the bill to be dropped": what is
                # asked of no one named is asked of the state whose matter it is (the one the passive
                # subject names, else the story's)
                named = [a for s in asked.children if s.dep_ == "nsubjpass"
                         for a in actors.actors_for(s, reporter) if a.country or a.igo]
                targets = named[:1] or [Actor.make(country=actors.story_country)]
                confidence -= 0.1
            if not targets and code[:2] in HOME_JUDGED_ROOTS and objects and sources and actors.story_country \
                    and all(s.country == actors.story_country and s.role not in CROWD_ROLES for s in sources) \
                    and not any(o.ent_type_ == "PERSON" or o.lemma_.lower() in CLAIM_NOUNS or self._forceful(o, VIOLENT_ROOTS)
                                for o in objects) and not any(
                    a.country or a.igo for o in objects for a in actors.actors_for(o, reporter)):
                # "the president called the notion a waste of time", "police are investigating the
                # cause of his death": words about, or an inquiry into, something of the story's own
                # state, by one of its own, concern that state
                targets = [Actor.make(country=actors.story_country)]
                confidence -= 0.1
            done_to_things = code.startswith(("18", "19", "20")) and bool(objects) and not any(
                a.country or a.igo or a.role for o in objects for a in actors.actors_for(o, reporter))
            # "seized the substance", "captured ibises": an act done to things has no one at home as target
            home = _domestic_counterpart(sources, code) if code[:2] in DOMESTIC_ROOTS and not done_to_things else []
            if home and (not targets or targets[0].key() in {s.key() for s in sources}):
                targets = home  # protesters in their own capital address their government
        if targets and self.coding.is_addressed(code):
            # "commented on the agreement", "emphasized approval by UNESCO": a plain statement is
            # toward only whom it is made to ("told Reuters", "wrote to the king")
            heard = _addressees(tok, preps)
            targets = [t for t in targets if t.text and any(
                h.text in t.text and t.text in tok.doc[h.left_edge.i:h.right_edge.i + 1].text for h in heard)]
        if code[:2] in POSTURE_ROOTS:
            # "put its army on alert": a state's own forces are its means, not its target
            home = {s.country for s in sources if s.country}
            targets = [t for t in targets if not (t.country in home and t.role in ARMED_ROLES)]
        trigger = " ".join(t.text for t in sorted({tok, *([particle] if particle is not None else []),
                                                   *([obj_tok] if obj_tok is not None else [])},
                                                  key=lambda t: t.i))
        if status != "asserted":
            confidence -= 0.1 if status == INTENDED else 0.15
        # A state's government and its rebels or opposition (placed by now: "Burundi's government and
        # the last rebel group signed a ceasefire") are two sides of what is done together.
        sided = self.coding.is_symmetric(pattern.code) and len({_side(s) for s in sources if s.country}) > 1 \
            and not any(s.name for s in sources)  # (one person named twice is no two sides)
        out = _pairs(sources, targets, code, trigger, tok.i, status,
                     (joint and self._together(sources, pattern.code, tok)) or sided)
        if len(placed) > 1 and all(t.key() == sources[0].key() for t in targets):
            out = [RawEvent(Actor.make(country=p.country, role="GOV"), p, code, trigger, tok.i, status)
                   for p in placed]
        for ev in out:
            ev.confidence = round(min(0.95, max(0.05, confidence)), 2)
            ev.act = pattern.code
        return out

    def _subject_tokens(self, tok: Token, depth: int = 0, actors: DocActors | None = None) -> list[Token]:
        """The tokens naming who does ``tok``, inherited through clauses when it has none."""
        if depth > 6:
            return []
        subj = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            return subj
        if (stranded := stranded_subject(tok)) is not None:
            return [stranded]  # "defeated ISIS and Turkey would be moving": Turkey moves
        if (rooted := rooted_noun_subject(tok)) is not None:
            return [rooted]  # "The UN envoy called on ...", parsed with the envoy as the root
        head = tok.head
        if head.i == tok.i:
            return []
        if tok.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return objs[:1]
        if tok.dep_ == "prep" and head.pos_ in ("VERB", "AUX"):
            # "retaliated by firing ...": a gerund after a preposition is done by the clause's doer,
            # but "accused the network of violating", "barred Russia from joining": by the object,
            # when the object is someone ("marked the day by holding talks" is the doer's)
            patients = [c for c in head.children if c.dep_ == "nsubjpass"]
            if patients:
                return patients[:1]  # "were arrested for blocking the road": the arrested blocked it
            objs = [c for c in head.children if c.dep_ == "dobj" and (
                head.lemma_.lower() in GERUND_OBJECT_VERBS or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                or (actors is not None and actors.actors_for(c)))]
            return objs[:1] if objs else self._subject_tokens(head, depth + 1, actors)
        if tok.dep_ in ("xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"):
            return self._subject_tokens(conjunct_head(tok), depth + 1, actors)
        if head.dep_ == "prep":
            return self._subject_tokens(head.head, depth + 1, actors)
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and actors is not None and any(
                a.country or a.igo for a in actors.actors_for(head)):
            # "work with OPCW inspectors examining the sites": the inspectors probe.
            return [head]
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and head.dep_ in ("dobj", "pobj", "attr"):
            # "adopted a motion condemning Syria": the resolution's author censures.
            gov = head.head.head if head.dep_ == "pobj" else head.head
            return self._subject_tokens(gov, depth + 1, actors)
        return []

    def _fill_sources(self, sources: list[Actor], targets: list[Actor], tok: Token,
                      actors: DocActors, code_root: str = "") -> list[Actor]:
        """Give country-less doers ("protesters", "rebels") a state, or drop them."""
        out: list[Actor] = []
        unplaced = [s for s in sources if not (s.country or s.igo) and s.role]
        # "the foreign minister met his Chinese counterpart": the doer is of another state
        counterpart = bool(unplaced) and (any(w.lemma_.lower() == "counterpart" for w in tok.sent) or any(
            _head_word(t).rstrip("s") == "counterpart" for t in targets))
        # (whoever summons "the US ambassador" is not American)
        envoy_target = bool(targets) and _head_word(targets[0]) in ENVOY_WORDS
        place = self._place_of(tok, actors) if unplaced else None
        in_sentence = (actors.sentence_country(tok.sent, exclude={t.key() for t in targets})
                       if unplaced and place is None else None)
        for s in sources:
            if s.country or s.igo:
                out.append(s)
                continue
            if not s.role:
                continue
            if _head_word(s) in ENVOY_WORDS:
                continue  # "West African envoys came to Bouake": not Ivorian, and whose is not said
            abroad = s.role in ("MIL", "GOV") and code_root in PARTNER_ROOTS
            foreign_target = bool(targets) and s.role in ("MIL", "GOV") and actors.story_country is not None \
                and targets[0].country != actors.story_country
            # (where a minister meets or signs may be abroad: "met his counterpart in Beijing")
            country = place.country if place and not abroad and not foreign_target else None
            if country is None and foreign_target and not counterpart:
                # "Minister Khadka invited the Turkish business community", in a story about Nepal
                country = actors.story_country
                self.story_filled = True
            if country is None and s.role in DOMESTIC_ROLES | {"MIL", "GOV"} and targets \
                    and not abroad and not counterpart and not envoy_target \
                    and not (s.role in DOMESTIC_ROLES and actors.story_country and (
                        code_root in PARTNER_ROOTS
                        or (s.role in OPPOSING_ROLES and targets[0].country != actors.story_country))):
                # ("the foreign minister met his Chinese counterpart" is no Chinese minister, and a
                # state's minister meets, visits and signs with another state; so do its rebels and
                # parties, in a story about their state, and rebels who demand that Uganda withdraw
                # in a story about South Sudan are South Sudan's)
                country = targets[0].country
            if country is None and s.role in SOCIETY_ROLES | {"REB", "COP", "JUD", "REL"} and actors.story_country:
                # rebels, parties, crowds, police and courts are the story's own before a state the
                # sentence names for someone else ("signed after meeting the Senegalese foreign
                # minister", "police raided ... a day after the United States declared ...")
                country = actors.story_country
                self.story_filled = True
            if country is None and not counterpart:
                # "Ousted President Akayev ... without returning to Kyrgyzstan": a titled doer
                # belongs to the state the sentence names, when it names one apart from the target.
                country = in_sentence
            if country is None and s.role in STORY_ROLES:
                # "Police detained eight people" in a story plainly about one state: its police
                country = actors.story_country
                self.story_filled = True
            if counterpart and country in {t.country for t in targets}:
                country = None  # whoever meets "his Chinese counterpart" is not Chinese
            if country:
                out.append(Actor.make(country=country, role=s.role, name=s.name, text=s.text))
        return out

    def _place_of(self, tok: Token, actors: DocActors) -> Actor | None:
        """The state where the act at ``tok`` happens, from its own locative phrases."""
        if (here := _here(tok, actors)) is not None:
            return here  # "NEW DELHI (PTI): ... arrived here"
        # The act's own phrases, its object's, a complement's ("threatened to impose a curfew in
        # Managua") and a temporal clause's ("killed nine people when they detonated a bomb in X").
        frontier = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "advmod", "xcomp")
                            or (c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in WHEN_MARKS
                                                          for m in c.children))]
        frontier += [g for c in frontier[1:] if c.dep_ in ("xcomp", "advcl") for g in c.children if g.dep_ == "dobj"]
        # "fired rounds aimed at a loudspeaker in South Korea": a participle on the object says where
        frontier += [g for c in frontier[1:] if c.dep_ in ("dobj", "nsubjpass") for g in c.children if g.dep_ == "acl"]
        for depth in range(3):
            nxt: list[Token] = []
            for t in frontier:
                for prep, pobjs in _preps(t).items():
                    if prep in SEQUENCE_PREPS:
                        continue  # "summoned the envoy after a breach at the embassy in Ottawa": elsewhere
                    for p in pobjs:
                        if prep in PLACE_PREPS and p.lemma_.lower() not in MISSION_NOUNS:
                            # (an embassy stands abroad: "outside the US embassy in Nairobi" is in Kenya)
                            place = actors.place_country(p)
                            if place is not None:
                                return place
                        nxt.append(p)
            frontier = nxt
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in ENVOY_WORDS and c.lemma_.lower() not in ENVOY_WORDS:
                # (an envoy "of Canada" is abroad: summoning him happens elsewhere)
                place = actors.place_country(c)
                if place is not None:
                    return place
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i != tok.i and not any(
                c.dep_ in ("mark", "prep") and c.lower_ in SEQUENCE_PREPS for c in tok.children):
            # "launched an attack on Kyiv, killing 12 people": the clause happens where its head does
            # (not one that came before or after: "gathered in Brussels ... hours after NATO warned")
            return self._place_of(tok.head, actors)
        return None

    def _targets(self, tok: Token, pattern: Pattern, obj_tok: Token | None, objects: list[Token],
                 preps: dict[str, list[Token]], actors: DocActors, reporter: Actor | None,
                 sources: list[Actor], code: str | None = None) -> list[Actor]:
        """Whom the act at ``tok`` is aimed at; ``code`` is the act's code after its senses
        ("attacked the proclamation" is criticism, whose target is the proclamation's author)."""
        src_codes = {s.code for s in sources}
        src_keys = {s.key() for s in sources}
        root = (code or pattern.code)[:2]

        def usable(found: list[Actor], via: Token | None = None) -> list[Actor]:
            # "its troops" and an "it" that points back at the doer are the doer's own.
            own = via is not None and (_own_possession(via) or via.pos_ == "PRON")
            # ... but citizens' "own government" is the state they address, not themselves
            society = bool(sources) and all(s.role in SOCIETY_ROLES for s in sources)
            out = [a for a in found if (a.country or a.igo) and not _same_doer(a, sources)
                   and not (own and a.key() in src_keys and not (society and a.role in STATE_ROLES))]
            if not out and actors.story_country and root in STORY_TARGET_ROOTS:
                # "asked for the national security adviser's resignation": someone named only by
                # a role, in a story plainly about one state, is of that state
                out = [Actor.make(country=actors.story_country, role=a.role, name=a.name, text=a.text)
                       for a in found if a.role in STORY_TARGET_ROLES and not (a.country or a.igo)][:1]
                out = [a for a in out if not _same_doer(a, sources, by_role=True)]
                self.story_filled = self.story_filled or bool(out)
            homes = {s.country for s in sources if s.country and (not s.role or s.role in STATE_ROLES)}
            if not out and len(homes) == 1 and root in HOME_TARGET_ROLES:
                # "Ghani fired the health minister", "a court in Paris acquitted the former minister",
                # "the Central African Republic signed a ceasefire with the last rebel group": whom a
                # state sacks, clears or makes peace with, named by role alone, is its own
                home = next(iter(homes))
                out = [Actor.make(country=home, role=a.role, name=a.name, text=a.text) for a in found
                       if a.role in HOME_TARGET_ROLES[root] and not (a.country or a.igo)][:1]
                out = [a for a in out if not _same_doer(a, sources, by_role=True)]
            return out

        def at_home(role: str) -> list[Actor]:
            # a group named only by its role, in the doer's own country
            # ("the president urged the ministers": a named doer and those of his own role are apart)
            home = [Actor.make(country=s.country, role=role) for s in sources if s.country]
            return [h for h in home if not _same_doer(h, sources, by_role=True)][:1]

        def from_preps(pmap: dict[str, list[Token]]) -> list[Actor]:
            # "met on the sidelines of the UN General Assembly": the venue is no partner
            pmap = {k: [p for p in v if p.lemma_.lower() not in VENUE_NOUNS] for k, v in pmap.items()}
            for prep in TARGET_PREPS:
                if prep == "from" and root not in FROM_TARGET_ROOTS:
                    continue
                if prep == "by" and root not in VERBAL_ROOTS:
                    continue
                if prep == "of" and root not in OF_TARGET_ROOTS:
                    continue
                for p in pmap.get(prep, []):
                    found = usable(actors.actors_for(p, reporter), p)
                    if found:
                        return found
            return []

        # 0. a complaint to one party about another ("complained to the OSCE over Azerbaijani shelling") is
        #    aimed at both: the addressee and the one complained about
        if root in GRIEVANCE_ROOTS:
            about = [a for k in GRIEVANCE_PREPS for p in preps.get(k, []) for a in usable(actors.actors_for(p, reporter), p)]
            if about:
                to = [a for p in preps.get("to", []) for a in usable(actors.actors_for(p, reporter), p)]
                return list({a.code: a for a in to + about}.values())
        # 1. the preposition the pattern names ("meet with X", "call on X")
        if pattern.prep:
            # ("met on the sidelines of the UN General Assembly": the venue is no partner)
            named = [p for p in preps.get(pattern.prep, []) if p.lemma_.lower() not in VENUE_NOUNS]
            for p in named:
                found = usable(actors.actors_for(p, reporter), p)
                if found:
                    return found
                # "asked for the secretary's resignation", "called for Israel's withdrawal": whose
                for c in p.children:
                    if c.dep_ == "poss" and c.pos_ != "PRON" and (found := usable(actors.actors_for(c, reporter), c)):
                        return found
            for p in named:
                # "called for closer cooperation with Sudan": whom the thing asked for concerns
                found = from_preps(_preps(p))
                if found:
                    return found
            if pattern.prep == "to" and place_targets(pattern.code):
                # "contribute troops to a stabilisation force in Mozambique": the host is where it is
                for p in preps.get(pattern.prep, []):
                    for q in [p, *_preps(p).get("in", [])]:
                        place = actors.place_country(q)
                        if place is not None and place.code not in src_codes:
                            return [place]
        # 1b. words about a deed are aimed at its doer named after "by", wherever the parser hung
        #     it inside the object or the verb's "as" phrase ("attacked the proclamation of the
        #     Golan as Israeli territory by the US president" is aimed at the US, not Syria)
        if root in AGENT_ROOTS and any(o.pos_ == "NOUN" and actors.by_token.get(o.i) is None for o in objects):
            deeper = [t for o in objects for t in o.subtree] + [t for a in preps.get("as", []) for t in a.subtree]
            for by in deeper:
                if by.lower_ == "by" and by.dep_ in ("prep", "agent"):
                    for p in by.children:
                        if p.dep_ == "pobj" and (found := usable(actors.actors_for(p, reporter), p)):
                            return found
        # 2. the direct or indirect object (or, in a passive, the subject)
        home_roles: list[str] = []
        later_roles: list[str] = []  # role-only groups in complement and purpose clauses
        for o in objects + [c for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]:
            if self.coding.is_topic(root, o):
                continue  # "discussed Libya-Turkey relations" with each other, not with Libya
            if obj_tok is not None and o.i == obj_tok.i and not any(
                    a.country or a.igo for a in actors.actors_for(o, reporter)):
                continue  # "expressed opposition": the word that names the act is not its target
            found = actors.actors_for(o, reporter)
            if hit := usable(found, o):
                return hit
            home_roles += [a.role for a in found if a.role and not (a.country or a.igo)]
        # 3. prepositional objects of the verb
        found = from_preps(preps)
        if found:
            return found
        # 3b. whose deed or stance the words are about: "condemned the government's handling"
        if root in AGENT_ROOTS:
            for o in objects:
                for c in o.children:
                    if c.dep_ == "poss" and c.pos_ != "PRON":
                        found = actors.actors_for(c, reporter)
                        if hit := usable(found, c):
                            return hit
                        home_roles += [a.role for a in found if a.role in STATE_ROLES and not (a.country or a.igo)]
        # 4. what the object phrase names: "aid to Ukraine", "sanctions against Russia"; for words
        #    and inquiries about a deed, its doer first: "condemned the attack by X on Y" is aimed
        #    at X, "investigating crimes by X against Y" investigates X
        inner = _inner_objects(objects)
        if root in AGENT_ROOTS:
            for o in objects + inner:
                for p in _preps(o).get("by", []):
                    found = usable(actors.actors_for(p, reporter), p)
                    if found:
                        return found
        if root in AID_ROOTS:
            # "announced a relief package for farmers": aid to a group named by its role is aid at home
            home_roles += [a.role for o in objects + inner for k in ("for", "to") for p in _preps(o).get(k, [])
                           for a in actors.actors_for(p, reporter) if a.role in SOCIETY_ROLES and not (a.country or a.igo)]
        for o in objects + inner:
            inside = _preps(o)
            if root in AGENT_ROOTS and self._forceful(o):
                # "condemned the attack on the Indian embassy": aimed at the attackers, not the victims
                inside = {k: v for k, v in inside.items() if k in ("by", "from")}
            if root in REJECT_ROOTS and o.lemma_.lower() in CLAIM_NOUNS:
                # "rejected the accusations against Iranian firms": aimed at the accusers ("the claim
                # from Berlin"), not at whom the claim is about
                inside = {k: v for k, v in inside.items() if k not in ("against", "about", "of", "on", "over")}
            found = from_preps(inside)
            if found:
                return found
        if root in AGENT_ROOTS:
            # "began joint drills, which Pyongyang condemned": a deed named without its doer
            # concerns whoever the text says did it
            for o in objects:
                found = usable(self._deed_doers(o, actors, reporter))
                if found:
                    return found
            for o in objects:
                if self._forceful(o, VIOLENT_ROOTS) and _definite(o):
                    # "Russian troops shelled a hospital ... Germany condemned the attack": the
                    # deed the story just told is that doer's
                    found = usable(self._last_doer_of(o, actors))
                    if found:
                        return found
        # "no plans to meet Zelensky", "a decision to expel Russia's envoy": the act the object
        # noun announces names the one affected
        for o in objects:
            for c in o.children:
                # (a relative clause only where the object itself does it: "a resolution that
                # condemns Israel", not "protesters, some of whom waved EU flags")
                if (c.dep_ == "acl" or (c.dep_ == "relcl" and any(
                        g.dep_ == "nsubj" and g.lower_ in ("that", "which") for g in c.children))) \
                        and c.pos_ in ("VERB", "AUX"):
                    for g in c.children:
                        if g.dep_ in ("dobj", "dative"):
                            found = usable(actors.actors_for(g, reporter), g)
                            if found:
                                return found
        # ... one level further: "interest in talks with Ottawa", "support for talks with Kyiv",
        # and the same under the verb: "called up reservists for an offensive against Azerbaijan"
        for o in [*objects, tok]:
            for k, pobjs in (_preps(o) if o.i != tok.i else preps).items():
                for p in pobjs:
                    # ("protested against the actions of US personnel": whose deeds they are)
                    if root in AGENT_ROOTS | {"14"} and p.lemma_.lower() in DEED_NOUNS:
                        for q in _preps(p).get("of", []):
                            if found := usable(actors.actors_for(q, reporter), q):
                                return found
                    found = from_preps({k2: v for k2, v in _preps(p).items() if k2 != "of"})
                    if found:
                        return found
        # 6. "demanded that Belarus withdraw", "warned that Israel would pay": the complement's
        #    subject; "threatened to ... if the United States ...": the one the condition is on;
        #    "allowed IAEA inspectors to visit", parsed with the inspectors as the visit's subject
        if root in VERBAL_ROOTS or self._conditional(tok) or tok.lemma_.lower() in OBJECT_CONTROL:
            for c in [*tok.children, *[g for x in tok.children if x.dep_ == "xcomp" for g in x.children]]:
                if c.dep_ == "ccomp" or (c.dep_ == "advcl" and any(
                        m.dep_ == "mark" and m.lower_ in self.rules.threat_marks for m in c.children)):
                    for subj in c.children:
                        if subj.dep_ in ("nsubj", "nsubjpass"):
                            found = actors.actors_for(subj, reporter)
                            if hit := usable(found):
                                return hit
                            later_roles += [a.role for a in found if a.role and not (a.country or a.igo)]
        # 5. "arrested opposition leader X", "dispersed protesters": a group named only by its role
        #    is the doer's own society (police act at home even when they shoot)
        home_ok = root in HOME_TARGET_ROOTS or (root in AID_ROOTS and home_roles[:1] == ["CVL"]) or (root in VIOLENT_ROOTS and bool(sources)
                                                and all(s.role in HOME_FORCES for s in sources))
        if home_roles and home_ok and not _own_possession(objects[0] if objects else tok):
            home = at_home(home_roles[0])
            if home:
                return home
            if not any(s.country for s in sources):
                self.home_role = home_roles[0]  # whose home it is is known once the doer is placed
        # 6. a complement or purpose clause's object: "promised to continue aid to Mozambique",
        #    "travelled to Minsk to meet Lukashenko"
        for c in tok.children:
            if c.dep_ in ("xcomp", "advcl", "ccomp") and c.pos_ in ("VERB", "AUX"):
                if c.dep_ == "ccomp" and root not in VERBAL_ROOTS:
                    continue
                for o in c.children:
                    if o.dep_ in ("dobj", "dative") and not self.coding.is_topic(root, o):
                        found = actors.actors_for(o, reporter)
                        if hit := usable(found, o):
                            return hit
                        if not _own_possession(o):
                            later_roles += [a.role for a in found if a.role and not (a.country or a.igo)]
                found = from_preps(_preps(c))
                if found:
                    return found
                for o in c.children:
                    if o.dep_ == "dobj":
                        found = from_preps({k: v for k, v in _preps(o).items() if k != "of"})
                        if found:
                            return found
        # 7. "fired tear gas to scatter striking miners", "warned that police would ...": a group named
        #    by its role in the clause that completes the act is, again, the doer's own society
        if later_roles and (home_ok or root in VERBAL_ROOTS):
            home = at_home(later_roles[0])
            if home:
                return home
        return []

    def _judgement(self, tok: Token, actors: DocActors) -> tuple[str | None, list[Token]]:
        """The code of calling an object by a name ("called the ruling a disgrace", "described
        the move as a provocation", "said the decision was a grave mistake"), from the name's
        tone, and the phrases naming what is judged; (None, []) when the verb does not judge."""
        if tok.lemma_.lower() in self.rules.report_verbs:
            return self._reported_judgement(tok, actors)
        if tok.lemma_.lower() not in self.judgements.verbs:
            return None, []
        names = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "acomp")]
        names += [p for p in _preps(tok).get("as", [])]
        for c in tok.children:  # "called the agreement null and void", 'the decision "reckless"':
            if c.dep_ == "dobj":  # the name the parser hangs inside or after the object
                names += [g for g in c.children if g.dep_ == "oprd" or (g.dep_ in ("amod", "appos") and g.i > c.i)]
        # what is named: the object, or the parser's subject of the name ("called X's deal 'lousy'")
        named = [c for c in tok.children if c.dep_ == "dobj"] + [
            g for n in names for g in n.children if g.dep_ in ("npadvmod", "nsubj")]
        if not names or not named:
            return None, []
        return self._tone(names), [_thing_referred(t) for t in named]

    def _reported_judgement(self, tok: Token, actors: DocActors) -> tuple[str | None, list[Token]]:
        """ "said the US decision was a grave mistake": a reported verdict on someone's deed or
        words is a judgement of its author. Only a thing is judged this way: "said Germany was
        safe" describes a state, it does not praise it."""
        for c in tok.children:
            if c.dep_ != "ccomp" or c.lemma_.lower() != "be" or is_negated(c, self.rules) or any(
                    a.dep_ == "aux" for a in c.children):
                continue  # "said the deal would be a success" foretells, it does not judge
            names = [g for g in c.children if g.dep_ in ("acomp", "attr")]
            things = [g for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN")
                      and actors.by_token.get(g.i) is None]
            if names and things:
                return self._tone(names), things
        return None, []

    def _tone(self, names: list[Token]) -> str | None:
        """Criticism, praise or None, from the words of the names given ("lousy", "a breakthrough")."""
        return self.judgements.code(" ".join(" ".join(t.text for t in n.subtree) for n in names))

    def _forceful(self, tok: Token, roots: Collection[str] = FORCEFUL_ROOTS) -> bool:
        """Whether a noun names a deed of force ("attack", "killing", "arrest", "bombing"): its
        "on"/"in"/"against" phrases name victims and places, not whom words about it are aimed at."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        return any(p.code[:2] in roots for p in self._readings(tok))

    def _readings(self, tok: Token) -> list[Pattern]:
        """Every noun and verb pattern of the word at ``tok`` (its lemma or a regular stem)."""
        return [p for w in {tok.lemma_.lower(), *inflection_guesses(tok.lower_)}
                for p in (*self.lex.noun_patterns(w), *self.lex.verb_patterns(w))]

    def _authors(self, things: list[Token], actors: DocActors, reporter: Actor | None,
                 sources: list[Actor]) -> list[Actor]:
        """Whose deed or words a reported verdict judges: the phrase's own parties ("the US
        decision", "Japan's move", "the remarks by the Australian prime minister"), never someone
        else the sentence names. Whose murder or arrest it is names the victim, not the doer."""
        out: list[Actor] = []
        for t in things:
            # "murder", "killing", "arrest": a deed of force done to whoever owns the noun
            violent = self._forceful(t)
            toks = [p for k in ("by", "from") for p in _preps(t).get(k, [])]
            if not violent:
                toks += [t]
            found = [a for x in toks for a in actors.actors_for(x, reporter)]
            if violent:  # "Russia's invasion", "the Israeli strike": a state's or its forces' deed is theirs
                found += [a for c in t.children if c.dep_ in ("poss", "amod", "compound")
                          for a in actors.actors_for(c, reporter)
                          if not a.name and (a.role is None or a.role in STATE_ROLES)]
            for a in found:
                if (a.country or a.igo) and not _same_doer(a, sources) and a.key() not in {o.key() for o in out}:
                    out.append(a)
        return out

    def _last_doer_of(self, deed: Token, actors: DocActors) -> list[Actor]:
        """Who did the last deed of the kind ``deed`` names, a few sentences back at most."""
        # (a word whose own reading is the deed, "the attack", "the assault", "the shelling"; not
        # one that is a deed only with some objects, "the move")
        roots = {p.code[:2] for p in self._readings(deed)
                 if p.code[:2] in VIOLENT_ROOTS and not p.objects and not p.prep}
        near = [actors.last_doers[r] for r in roots
                if r in actors.last_doers and 0 <= deed.i - actors.last_doers[r][1] <= DEED_REACH]
        return [max(near, key=lambda x: x[1])[0]] if near else []

    def _deed_doers(self, obj: Token, actors: DocActors, reporter: Actor | None) -> list[Actor]:
        """Who did the deed an object names, when the sentence says it elsewhere: the subject
        of the clause whose object the deed is ("X began drills, which Y condemned")."""
        deed = obj
        if obj.lower_ in RELATIVE and obj.head.dep_ == "relcl":
            deed = obj.head.head
        if deed.i == obj.i and obj.pos_ == "PRON":
            return []
        if deed.dep_ not in ("dobj", "nsubjpass") or deed.head.pos_ not in ("VERB", "AUX"):
            return []
        out: list[Actor] = []
        for s_tok in self._subject_tokens(deed.head, actors=actors):
            out.extend(a for a in actors.actors_for(s_tok, reporter) if a.country or a.igo)
        return out

    def _conditional(self, tok: Token) -> bool:
        return bool(self._condition_marks(tok))

    def _condition_marks(self, tok: Token) -> set[str]:
        """ "if", "unless": the words making the act conditional ("will pull out unless ..." is a
        penalty, so a threat; "would attend if ..." a reward, so an offer)."""
        return {m.lower_ for c in tok.children if c.dep_ == "advcl"
                for m in c.children if m.dep_ == "mark" and m.lower_ in self.rules.threat_marks}

    # ---- reported obligations --------------------------------------------------------------
    def _obligation_events(self, tok: Token, actors: DocActors) -> list[RawEvent]:
        """ "X said that Y must ..." is X demanding something of Y; so is "X sent Y a reminder
        that it must ..." (a message noun carrying the obligation)."""
        if is_negated(tok, self.rules):
            return []
        reporting = tok.lemma_.lower() in self.rules.report_verbs
        messages = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in self.rules.message_nouns]
        if not reporting and not messages:
            return []
        subj = [c for c in tok.children if c.dep_ == "nsubj"]
        if not subj:
            return []
        clauses = [c for c in tok.children if c.dep_ == "ccomp"] if reporting else []
        clauses += [c for m in messages for c in m.children if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        # "a reminder to Hungary that it must ...": the addressee, when named, is the one asked
        addressed: list[Actor] = []
        for a_tok in [*_preps(tok).get("to", []),
                      *[c for c in tok.children if c.dep_ == "dative" and c.pos_ != "ADP"]]:
            addressed = addressed or [a for a in actors.actors_for(a_tok) if a.country or a.igo]
        for c in clauses:
            if not any(a.dep_ == "aux" and a.lower_ in self.rules.obligation_auxiliaries for a in c.children):
                continue
            sources = [a for a in actors.actors_for(subj[0]) if a.country or a.igo]
            targets = addressed
            for s in c.children:
                if s.dep_ in ("nsubj", "nsubjpass") and not targets:
                    targets = [a for a in actors.actors_for(s) if (a.country or a.igo)]
            if sources:
                return _pairs(sources, targets, self.rules.obligation_code, f"{tok.text} {c.text}", tok.i,
                              "asserted", joint=False)
        return []

    # ---- nouns -----------------------------------------------------------------------------
    def _noun_events(self, tok: Token, actors: DocActors, keep_modal: bool) -> list[RawEvent]:
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            return []  # "riot police", "protest leaders": a noun naming another, not an act
        if tok.ent_type_ in NAME_ENTITIES or (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.i > tok.sent.start):
            return []  # "the Iran-Iraq War", "began on March 13": a name or a date, not an act
        if _scare_quoted(tok):
            return []  # cited the government's "ongoing repression of the people": a phrase someone used
        # "hunger strike", "general strike": a two-word noun entry beats the head noun's own
        patterns = []
        for name in [f"{c.lemma_.lower()} {tok.lemma_.lower()}" for c in tok.children
                     if c.dep_ in ("compound", "amod") and c.i == tok.i - 1] + [tok.lemma_.lower()]:
            patterns = self.lex.noun_patterns(name)
            if patterns:
                break
        if not patterns:
            return []
        # "called for sanctions against X", "demanded a ceasefire": what is asked for has not happened
        # ... but what a state "ordered" or "approved" as its own act it decided ("the Pentagon ordered
        # the deployment of 3,000 troops")
        asked = (tok.head.lemma_.lower() in self.rules.directive_verbs
                 and not (tok.dep_ == "dobj" and tok.head.lemma_.lower() in ANNOUNCING_VERBS)) or (
            tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in self.rules.directive_verbs)
        if asked and not keep_modal:
            return []
        preps = _preps(tok)
        pattern, _ = _best_pattern(patterns, [], preps)
        if pattern is None:
            return []
        owners = [c for c in tok.children if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i]
        sources = _named_actors(owners, actors)
        agent = False
        if not sources:
            # "the expulsion of the envoy by Russia", "criticism by the foreign minister": the
            # doer of a nominal act named after "by"; what it was done to follows "of"
            # (the parser often hangs "by" on the object of "of")
            sources = _named_actors(preps.get("by", []) + [q for o in preps.get("of", [])
                                                           for q in _preps(o).get("by", [])], actors)
            agent = bool(sources)
        if not sources and self.coding.is_symmetric(pattern.code):
            # "a phone call between Putin and Erdogan", "talks between Kyiv and Moscow": the parties
            # named after "between" did it together
            between = _named_actors(preps.get("between", []), actors)
            sources = between if len(between) > 1 else []
        inherited = society = False
        # ("following the annexation of Ukraine's regions, Australia announced ...": a hostile
        # act that frames the clause is rarely the clause's doer's own when nothing says so)
        framed = tok.dep_ == "pobj" and tok.head.lower_ in FRAME_PREPS and pattern.code[:2] not in HOSTILE_FRAME_ROOTS
        announced = tok.dep_ == "dobj" and tok.head.lemma_.lower() in ANNOUNCING_VERBS
        if not sources and (framed or announced):
            # "left Moscow after a state visit": the clause's doer made the visit;
            # "declared a halt to arms sales": the announcer suspends.
            gov = tok.head.head if framed else tok.head
            if gov.pos_ in ("VERB", "AUX"):
                for s_tok in self._subject_tokens(gov):
                    sources.extend(a for a in actors.actors_for(s_tok) if a.country or a.igo)
                inherited = bool(sources)
        if not sources:
            # "Protesters' demands", "protests in Baghdad": society's acts named by a noun are
            # those of the place's (or the story's) people
            roled = [a for o in owners for a in actors.actors_for(o) if a.role in ("CVL", "OPP") and not a.country]
            if tok.dep_ == "pobj" and tok.head.lower_ == "in" and not any(c.dep_ == "det" for c in tok.children) \
                    and tok.lemma_.lower() in UNREST_NOUNS:
                return []  # "summoned the ambassador in protest against ...": how the clause's act was done
            setting = tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS
            if setting and not roled:
                return []  # "his comments at the rally", "hid during riots": the scene, not news of it
            if (roled and pattern.code[:2] in SOCIETY_NOUN_ROOTS) or tok.lemma_.lower() in UNREST_NOUNS:
                place = next((actors.place_country(p) for p in preps.get("in", []) if actors.place_country(p)), None)
                where = place.country if place is not None else actors.story_country
                if where:
                    sources = [Actor.make(country=where, role=roled[0].role if roled else "CVL")]
                    society = True
        if not sources:
            return []
        if pattern.code[:2] == "14" and not society and all(_state_side(s) for s in sources):
            return []  # "the president's rally", "a government rally": no protest
        # A noun event inside a clause inherits that clause's status ("denied the attack").
        gov = tok
        while gov.head.i != gov.i and gov.pos_ not in ("VERB", "AUX"):
            gov = gov.head
        status = modality_of(gov, self.rules) if gov.pos_ in ("VERB", "AUX") else "asserted"
        if gov.pos_ in ("VERB", "AUX") and is_negated(gov, self.rules):
            status = "negated"
        if qualified(tok, self.rules.hypothetical_adjectives):
            status = HYPOTHETICAL  # "a possible war against Azerbaijan" has not happened
        elif qualified(tok, self.rules.hedge_adjectives):
            status = ALLEGED  # "the alleged attack": a claim, not a deed the text asserts
        if status not in EMITTED and not keep_modal:
            return []
        if status == INTENDED:
            status = "asserted"  # "the planned visit" still names the visit; the clause decides tense
        targets: list[Actor] = []
        src_codes = {s.code for s in sources}
        # "Russia's invasion of Ukraine", "the bombing of Gaza": a forceful act's "of" names whom it hits
        hits = agent or pattern.code[:2] in OF_PATIENT_ROOTS
        for prep in ("to", "on", "against", "with", "into", "at", "toward", "between") + (("of",) if hits else ()):
            for p in preps.get(prep, []):
                targets = [a for a in actors.actors_for(p) if (a.country or a.igo)
                           and a.code not in src_codes]
                if not targets and place_targets(pattern.code):
                    place = actors.place_country(p)
                    targets = [place] if place and place.key() not in {s.key() for s in sources} else []
                if targets:
                    break
            if targets:
                break
        if not targets:
            # One level down: "protests against abuses by the junta" are aimed at the
            # abuses' doer, "a freeze of trade ties with Chile" at the ties' other end.
            for prep in ("against", "over", "at", "on", "to", "of"):
                for p in preps.get(prep, []):
                    inner = _preps(p)
                    for key in (("by",) if prep != "of" else ("with", "to", "against", "on", "by")):
                        for q in inner.get(key, []):
                            targets = targets or [a for a in actors.actors_for(q) if (a.country or a.igo)
                                                  and a.code not in src_codes]
        if not targets and place_targets(pattern.code):
            for p in preps.get("in", []):
                place = actors.place_country(p)
                if place is not None and place.key() not in {s.key() for s in sources}:
                    targets = [place]
                    break
            here = _here(tok, actors)
            if not targets and here is not None and here.key() not in {s.key() for s in sources}:
                targets = [here]  # "Wei Fenghe's four-day trip here", under a New Delhi dateline
        if not targets and inherited and place_targets(pattern.code):
            place = self._place_of(tok.head.head if framed else tok.head, actors)
            if place is not None and place.key() not in {s.key() for s in sources}:
                targets = [place]
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX"):
            # "Turkey is under EU sanctions", "was placed under a curfew": the one under it
            for s_tok in tok.head.head.children:
                if s_tok.dep_ in ("nsubj", "nsubjpass"):
                    targets = [a for a in actors.actors_for(s_tok) if (a.country or a.igo) and a.code not in src_codes]
        if not targets and tok.dep_ == "pobj" and tok.head.lower_ in DEFIANCE_PREPS \
                and pattern.code[:2] in AGENT_ROOTS | {"14"} and tok.head.head.pos_ in ("VERB", "AUX"):
            # "went ahead despite criticism by Greece", "amid protests from Kyiv": the words are
            # aimed at whoever goes ahead
            for s_tok in self._subject_tokens(tok.head.head, actors=actors):
                targets = targets or [a for a in actors.actors_for(s_tok) if (a.country or a.igo)
                                      and a.code not in src_codes]
        if not targets and society and pattern.code[:2] in DOMESTIC_ROOTS:
            targets = _domestic_counterpart(sources, pattern.code)  # protests at home address the state
        out = _pairs(sources, targets, pattern.code, tok.text, tok.i, status, self._together(sources, pattern.code, tok))
        for ev in out:
            ev.confidence = (0.5 if targets else 0.4) - (0.1 if society else 0.0)  # a nominal event names an act less surely than a verb
        return out

    # ---- reported speech -------------------------------------------------------------------
    def _reporters(self, sent: Span, actors: DocActors) -> dict[int, list[Actor]]:
        """Tokens inside "X said (that) ..." map to X, the fallback for "it"/"they" there."""
        out: dict[int, list[Actor]] = {}
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
                            out.setdefault(t.i, found)
        return out


AMOUNT_NOUNS = {"million", "billion", "trillion", "worth", "package", "amount", "tranche", "sum", "lot",
                "shipment", "consignment", "batch", "round", "series", "number", "ton", "tonne", "kg"}


def _here(tok: Token, actors: DocActors) -> Actor | None:
    """The place the dateline names, for an act or a noun said to happen "here"."""
    if actors.dateline_place is not None and any(c.lower_ == "here" and c.dep_ == "advmod" for c in tok.children):
        return actors.dateline_place
    return None


def _scare_quoted(tok: Token) -> bool:
    """Whether ``tok`` stands in quotation marks around a phrase with no finite verb of its own
    (a phrase someone used, quoted as theirs), not a quoted sentence."""
    sent = tok.sent
    marks = [t.i for t in sent if t.text in QUOTE_MARKS]
    before = [i for i in marks if i < tok.i]
    after = [i for i in marks if i > tok.i]
    if len(before) % 2 == 0 or not after:
        return False
    inside = tok.doc[before[-1] + 1:after[0]]
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside)


def _inner_objects(objects: list[Token]) -> list[Token]:
    """What an amount or container object is of: "$300 million in aid", "a package of sanctions"."""
    out: list[Token] = []
    for o in objects:
        for key, pobjs in _preps(o).items():
            if key == "of" or (key == "in" and (o.pos_ == "NUM" or o.lemma_.lower() in AMOUNT_NOUNS)):
                out.extend(pobjs)
    return out


def _lemma_candidates(tok: Token) -> list[str]:
    """The lemma, then regular-inflection guesses: the statistical lemmatizer sometimes errs
    ("staged" -> "stag"), and a lexicon look-up should not depend on that."""
    seen: list[str] = []
    for c in [tok.lemma_.lower(), *inflection_guesses(tok.lower_)[1:]]:
        if c and c not in seen:
            seen.append(c)
    return seen


def _head_word(actor: Actor) -> str:
    """The last word of the words that named an actor before any phrase after them, lower case
    ("ambassador" of "the US ambassador" and of "the ambassador of Canada to India")."""
    words = re.split(r"\s(?:of|to|for|in|from)\s", actor.text or "", maxsplit=1)[0].split()
    return words[-1].lower() if words else ""


def _inside_name(tok: Token, actors: DocActors) -> bool:
    """Whether ``tok`` is a word of a longer name (an organisation, a place, a person): words of
    a name are never triggers of their own."""
    m = actors.by_token.get(tok.i)
    return m is not None and m.end - m.start > 1


def _tells_media(tok: Token, actors: DocActors) -> bool:
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            if any(a.role == "MED" for a in actors.actors_for(c)):
                return True
    return False


def _addressees(tok: Token, preps: dict[str, list[Token]]) -> list[Token]:
    """The heads of whom an utterance at ``tok`` is made to or about: its objects, its "to", "on"
    and "about" phrases, and their owners ("commented on Turkey's decision"); a target must be
    one of these phrases, not a word deeper in them ("the requirement of approval by UNESCO")."""
    heads = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    heads += [p for k in ("to", "on", "about") for p in preps.get(k, [])]
    return heads + [c for h in heads for c in h.children if c.dep_ == "poss"]


def _thing_referred(tok: Token) -> Token:
    """What "it" stands for when a clause judges what its main clause named: "criticised the
    plan, calling it a disgrace", "commented on the agreement, calling it void"."""
    if tok.lower_ not in THING_PRONOUNS or tok.head.dep_ not in ("advcl", "conj", "xcomp"):
        return tok
    main = tok.head.head
    things = [c for c in main.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [p for k in ("on", "about", "over", "against") for p in _preps(main).get(k, [])]
    things = [t for t in things if t.pos_ in ("NOUN", "PROPN") and t.i < tok.i]
    return things[0] if things else tok


def _named_actors(toks: list[Token], actors: DocActors) -> list[Actor]:
    """The states and international bodies the phrases at ``toks`` name, each once."""
    out: list[Actor] = []
    for t in toks:
        for a in actors.actors_for(t):
            if (a.country or a.igo) and a.code not in {s.code for s in out}:
                out.append(a)
    return out


def _state_side(actor: Actor) -> bool:
    """A state body or a named person of no other role: whose rally is no protest."""
    return actor.role in STATE_ROLES or bool(actor.name and not actor.role)


def _own_possession(tok: Token) -> bool:
    """ "its troops", "their forces": the doer's own, so never the target of its act."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def _asked_passive(tok: Token) -> Token | None:
    """The clause of an appeal that asks for something to be done by no one named ("called for
    the killers to be brought to justice"): a passive "to" infinitive with no "by" agent."""
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp", "ccomp") and c.tag_ == "VBN" \
                and any(a.dep_ == "auxpass" for a in c.children) \
                and to_infinitive(c) \
                and not any(a.dep_ == "agent" for a in c.children):
            return c
    return None


def _preps(tok: Token) -> dict[str, list[Token]]:
    """Preposition -> its objects, for a verb or noun (coordinated objects included)."""
    out: dict[str, list[Token]] = {}
    kids = list(tok.children)
    # "kidnapped up to 16 advisers": a preposition the parser hangs on the particle
    kids += [g for c in kids if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"]
    for c in kids:
        if c.dep_ in ("prep", "agent", "dative") and c.pos_ in ("ADP", "ADV"):
            key = c.lower_
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME"):
                    continue  # "marched on Saturday" is no march on anyone
                if p.dep_ == "pobj":
                    out.setdefault(key, []).extend([p, *conjuncts(p)])
                elif p.dep_ == "prep":  # "out of", "away from"
                    inner = "from" if key in ("out", "away") and p.lower_ == "of" else p.lower_
                    for pp in p.children:
                        if pp.dep_ == "pobj":
                            out.setdefault(inner, []).extend([pp, *conjuncts(pp)])
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            # "called for the election to be held again": what is called for is the clause's subject
            out.setdefault("for", []).extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    return out


def _lemmas(tok: Token) -> set[str]:
    out = {tok.lemma_.lower(), tok.lower_}
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.i < tok.i:
            out.add(f"{c.lemma_.lower()} {tok.lemma_.lower()}")
            out.add(f"{c.lower_} {tok.lemma_.lower()}")
    return out


def _best_pattern(patterns: list[Pattern], objects: list[Token],
                  preps: dict[str, list[Token]]) -> tuple[Pattern | None, Token | None]:
    best: Pattern | None = None
    best_obj: Token | None = None
    # Without a direct object, a pattern of objects alone may read a prepositional object ("spoke
    # by phone"), but not that of a preposition another reading of the verb is about ("called the
    # leader" is a phone call, "called on the leaders" an appeal).
    named = {pat.prep for pat in patterns if pat.prep}
    loose = [p for k, ps in preps.items() if k not in named for p in ps]
    for pat in patterns:
        obj_hit: Token | None = None
        if pat.prep and pat.prep not in preps:
            continue
        if pat.objects:
            pool = preps.get(pat.prep, []) if pat.prep else objects or loose
            if pat.prep:
                pool = pool + objects
            for o in pool:
                if _lemmas(o) & pat.objects:
                    obj_hit = o
                    break
            if obj_hit is None:
                continue
        if best is None or pat.specificity > best.specificity:
            best, best_obj = pat, obj_hit
    return best, best_obj


# Acts of force and repression whose announcement ahead is a threat ("announced he will extend
# the curfew"), never yet the act.
FORCE_ROOTS = {"13", "15", "17", "18", "19", "20"}


def _announced_decision(tok: Token, rules) -> bool:
    """ "announced that she would launch an inquiry", "declared it will comply": a decision made
    public, whose act is the news (not only an intent), when the future sits on the act itself."""
    return (tok.dep_ == "ccomp" and tok.head.lemma_.lower() in ("announce", "declare", "confirm")
            and not is_negated(tok.head, rules)
            and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in tok.children))


def _listed_places(tok: Token, actors: DocActors) -> list[Actor]:
    """The states of a list of places the act is placed in ("in Germany, Spain and Italy")."""
    for prep, pobjs in _preps(tok).items():
        if prep in PLACE_PREPS:
            # (the parser may hang the rest of a list on the first name as an apposition)
            pobjs = pobjs + [x for p in pobjs for c in p.children if c.dep_ == "appos" for x in [c, *conjuncts(c)]]
            found = {a.key(): a for p in pobjs if (a := actors.place_country(p)) is not None}
            if found:
                return list(found.values())
    return []


def _same_doer(actor: Actor, sources: list[Actor], by_role: bool = False) -> bool:
    """Whether ``actor`` is one of the doers: the same code, unless both are people named apart
    ("Zelensky declined Honcharuk's offer": two members of one government, an act at home) or,
    ``by_role``, the one is named by a role of its own beside a named doer ("the president lashed
    out at the mayor")."""
    def apart(s: Actor) -> bool:
        if actor.name and s.name:
            return actor.name != s.name
        # one named, the other only by a role ("the president lashed out at the mayor", "the
        # prime minister asked for minister Quispe's resignation"); a pronoun may be either
        unnamed = s if actor.name else actor
        return by_role and bool(s.name) != bool(actor.name) and unnamed.text.lower() not in PRONOUNS
    return any(actor.code == s.code and not apart(s) for s in sources)



def _side(actor: Actor) -> tuple[str | None, bool]:
    """A party to a joint act: a state (or body), its rebels and its opposition are different
    sides ("Burundi's government and the last rebel group signed a ceasefire")."""
    return actor.key(), actor.role in OPPOSING_ROLES


def _pairs(sources: list[Actor], targets: list[Actor], code: str, trigger: str, tok_i: int,
           status: str, joint: bool) -> list[RawEvent]:
    """Source-target pairs; ``joint``: with no target, the sources act toward each other."""
    out: list[RawEvent] = []
    # "the two sides agreed to follow through on what President Biden and I reached": when
    # parties of several states act together, their own people are on their side, not targets
    sides = len({s.country for s in sources if s.country}) > 1
    if targets:
        for s in sources:
            mine = [t for t in targets if not _same_doer(t, [s], by_role=True)]
            if sides:
                mine = [t for t in mine if t.country != s.country] or [
                    o for o in sources if o.country and o.country != s.country]
            out.extend(RawEvent(s, t, code, trigger, tok_i, status) for t in mine)
        if not out:  # the only one affected is the doer itself: still an event, without a target
            out.extend(RawEvent(s, None, code, trigger, tok_i, status) for s in sources)
    elif joint and len({_side(s) for s in sources}) > 1:
        # Joint action ("Russia and North Korea signed a treaty"): each party toward the other.
        for s, t in product(sources, sources):
            if _side(s) != _side(t):
                out.append(RawEvent(s, t, code, trigger, tok_i, status))
    else:
        out.extend(RawEvent(s, None, code, trigger, tok_i, status) for s in sources)
    return out
