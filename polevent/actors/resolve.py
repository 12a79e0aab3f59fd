"""Turning noun phrases into actors, with the document's date and memory.

A noun phrase is an actor when it names one (a known country, organisation or person) or when
its head is a role word ("troops", "foreign minister") that a modifier ties to a country
("Russian", "Ukraine's", "of Sudan"). Places that are only locations never become actors here:
only the phrase's own modifiers are read, never the "in Seoul" attached to it. People are
resolved by the office they held on the document's date, so "President Biden" in 2023 is
USA GOV and Trump in 2022 is USA without the GOV role.
"""
from __future__ import annotations

import re

from datetime import date

from spacy.tokens import Doc, Token

from ..model import Actor
from .knowledge import TITLES, Knowledge
from .mentions import Mention, MentionFinder

# Dependency labels that stay inside one noun phrase.
NP_DEPS = {"compound", "amod", "poss", "nmod", "det", "nummod", "quantmod", "case", "flat",
           "appos", "npadvmod", "predet", "poss"}
# Prepositions whose object belongs to the phrase's identity ("officials from Armenia").
IDENTITY_PREPS = {"of", "from"}
# Those who speak for someone: "a spokesman for the Kenyan foreign ministry" is the ministry's
# (an "envoy for Syria" is not Syria's).
SPEAKER_HEADS = {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokespersons", "mouthpiece"}
# Titles whose "for" phrase names the portfolio, which may carry the state: "the Minister for
# Foreign Affairs of the Kingdom of Bahrain", "the Secretary for Security of Hong Kong".
PORTFOLIO_HEADS = {"minister", "secretary", "ministry", "department", "commissioner", "commission"}
# Heads that only count something else ("thousands of protesters").
QUANTITY_HEADS = {"thousand", "hundred", "dozen", "million", "group", "number", "some", "many",
                  "one", "two", "three", "several", "all", "most", "part", "majority", "team",
                  "member", "contingent", "batch", "patch", "band", "unit", "score", "body",
                  # gatherings of someone: "an assembly of foreign ministers in Cairo"
                  "assembly", "gathering", "meeting", "conference", "summit"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
OTHER_PRONOUNS = {"it", "its", "they", "them", "their", "itself", "themselves", "we", "our", "us"}
WE = {"we", "our", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom", "whose"}
# Marks that open or close a quotation (straight, curly opening, curly closing).
QUOTE_MARKS = {'"', "\u201c", "\u201d"}
# A dateline: a place in capitals, perhaps its state, perhaps the agency, then a dash.
DATELINE = re.compile(r"\s*[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,40}){0,2}\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–|-|:)\s")
# ... and the agency style "Colombo, Mar 29 (PTI)", "Accra, Feb. 22, GNA -": a place, a date and an agency
AGENCY_DATELINE = re.compile(r"\s*[A-Z][A-Za-z.'\- ]{1,30},\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
                             r"\s*(?:\([A-Za-z0-9.]{2,20}\)|,\s*[A-Z]{2,10}\b)\s*(?:--|—|–|-|:)?\s")
# How far (in tokens) a "they" may look back to the two parties of a meeting: two or three sentences.
PAIR_REACH = 90
# Bodies whose name is a common word that many states use ("Congress", "the Senate").
GENERIC_BODY_NAMES = {"congress", "senate", "parliament", "assembly", "house", "cabinet", "duma"}
FIRST_PERSON = {"i", "me", "my", "myself"}
# Roles whose definite noun ("the troops") may name forces named just before by another word.
ARMED_ANTECEDENT_ROLES = {"MIL", "COP"}


class DocActors:
    """Actor resolution for one document: its mentions, its date, and what it said before."""

    def __init__(self, finder: MentionFinder, doc: Doc, published: date | None) -> None:
        self.kb: Knowledge = finder.kb
        self.finder = finder
        self.doc = doc
        self.published = published
        self.mentions: list[Mention] = finder.find(doc)  # in text order
        self.by_token: dict[int, Mention] = {}
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m
        self.seen_people: list[str] = []       # people named so far, most recent last
        self.last_person: Actor | None = None
        self.last_actor: Actor | None = None   # most recent subject actor, for "it" / "they"
        self.last_subject_person: Actor | None = None  # who "he" is when he starts a sentence
        self.local_people: dict[str, Actor] = {}  # family name -> a person this text placed
        self.last_pair: list[Actor] = []  # the two parties of the last meeting or talks
        self.last_pair_at = -1            # ... and the token where that sentence started
        # "MEDYKA, Poland (AP) --": the dateline says where the story was filed, it does nothing
        m = DATELINE.match(doc.text) or AGENCY_DATELINE.match(doc.text)
        self.dateline_end = m.end() if m else 0
        # "NEW DELHI (PTI): ... arrived here": the place the dateline names is "here"
        self.dateline_place: Actor | None = self._dateline_place()
        self.last_group: list[Actor] = []      # several parties that last acted together
        # CAMEO root -> who last did such an act here, and the token where it was done
        self.last_doers: dict[str, tuple[Actor, int]] = {}

    def _dateline_place(self) -> Actor | None:
        """The state of the place a dateline names ("NEW DELHI (PTI):", "Colombo, Mar 29 (PTI)"),
        matched in capitals too, where the text's own mentions (case-sensitive) miss it."""
        if not self.dateline_end:
            return None
        for m in self.mentions:
            if self.doc[m.start].idx < self.dateline_end and m.kind in ("country", "capital", "place"):
                return Actor.make(country=m.key, text=m.text)
        words = re.split(r"[,(:\u2013\u2014]|--", self.doc.text[:self.dateline_end])[0].strip()
        country = self.finder.place_state(words)
        return Actor.make(country=country, text=words) if country else None

    @property
    def story_country(self) -> str | None:
        """The state the article is about, when the text makes it plain: the one its places,
        capitals, demonyms and country names point to most, clearly ahead of any other (the
        first sentence, headline or dateline, counts double). "Police", "the court" or
        "protesters" with no country of their own act there."""
        if not hasattr(self, "_story_country"):
            counts: dict[str, float] = {}
            first = next(iter(self.doc.sents), None)
            for m in self.mentions:
                if m.kind not in ("country", "capital", "place", "demonym") or _ethnic(self.doc, m) \
                        or self.doc[m.start].ent_type_ in ("WORK_OF_ART", "EVENT", "PRODUCT"):
                    continue  # the artwork "America" says nothing of where the story is
                weight = 2.0 if first is not None and m.start < first.end else 1.0
                if self.doc[m.start].idx < self.dateline_end:
                    continue  # counted below, once
                counts[m.key] = counts.get(m.key, 0.0) + weight
            if self.dateline_place is not None and self.dateline_place.country:
                # "SEOUL, June 9 (Yonhap) --": where the story was filed, in capitals or not
                here = self.dateline_place.country
                counts[here] = counts.get(here, 0.0) + 2.0
            ranked = sorted(counts.items(), key=lambda kv: -kv[1])
            total = sum(counts.values())
            best = None
            if ranked and ranked[0][1] >= 2 and ranked[0][1] >= STORY_SHARE * total and (
                    len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
                best = ranked[0][0]
            self._story_country = best
        return self._story_country

    def topic(self, exclude: set[str | None], before: int) -> Actor | None:
        """The actor the article is about: the most mentioned person or state before ``before``.

        Only earlier sentences count, so a one-sentence document has no topic.
        """
        best: tuple[int, Actor] | None = None
        seen: dict[str, tuple[int, Actor]] = {}
        for m in self.mentions:
            if m.start >= before or m.kind not in ("person", "person_unknown", "country", "capital"):
                continue
            a = self._peek(m)
            if a is None or a.key() in exclude or not a.country:
                continue
            n, first = seen.get(a.key(), (0, a))
            seen[a.key()] = (n + (2 if a.name else 1), a if a.name and not first.name else first)
        for n, a in seen.values():
            if n >= 3 and (best is None or n > best[0]):
                best = (n, a)
        return best[1] if best else None

    def _peek(self, m: Mention) -> Actor | None:
        """Resolve a mention without touching the pronoun memory."""
        saved = (list(self.seen_people), self.last_person)
        try:
            return self.mention_actor(m)
        finally:
            self.seen_people, self.last_person = saved

    # ---- single mentions -------------------------------------------------------------------
    def mention_actor(self, m: Mention) -> Actor | None:
        kb = self.kb
        if m.kind == "demonym" and self.doc[m.end - 1].tag_ in ("NNS", "NNPS") and m.end - m.start == 1 \
                and self.doc[m.end - 1].text.endswith("s"):
            # "Nigerians", "Iraqi Kurds": a people, i.e. civilians, not the state.
            return Actor.make(country=m.key, role="CVL", text=m.text)
        if m.kind in ("country", "demonym"):
            return Actor.make(country=m.key, text=m.text)
        if m.kind == "capital":
            return Actor.make(country=m.key, role="GOV", text=m.text)
        if m.kind == "org":
            org = kb.orgs[m.key]
            if m.text.lower() in GENERIC_BODY_NAMES and org.country and not org.igo:
                here = self.sentence_country(self.doc[m.start].sent, {org.country})
                if here is not None and not self._names_state(self.doc[m.start].sent, org.country):
                    # "Peruvian President Martin Vizcarra dissolved Congress": the body of the one
                    # state its sentence names
                    return Actor.make(country=here, role=org.role, text=m.text)
            if m.text.lower() in GENERIC_BODY_NAMES and org.country and not org.igo \
                    and self.story_country != org.country \
                    and not any(o.key == org.country for o in self.mentions if o.kind != "org"):
                # "Congress" in a story about India that never names the United States is no US
                # Congress: a body named by a common word is the story's own (the role stays; the
                # state comes from the story, and with no clear story, from nowhere)
                return Actor.make(role=org.role, text=m.text)
            return Actor.make(country=org.country, igo=org.igo, role=org.role, name=org.name, text=m.text)
        if m.kind == "person":
            return self._person_actor(m.key, m.text, self._title_role(m))
        if m.kind == "place":
            return None  # a city or region is where things happen, not who acts
        if m.kind == "people":
            group = kb.groups[m.key]
            if group.country is None:
                return None  # "Kurds", "Muslims": only a place in the phrase says whose they are
            return Actor.make(country=group.country, role=group.role, text=m.text)
        if m.kind == "person_unknown":
            local = self.local_people.get(_family_name(m.text))
            if local is not None:
                # "Lam" after "Carrie Lam, the chief executive of Hong Kong": the one this text named
                return local.with_text(m.text)
            key = self._link_surname(m.text, self._title_role(m))
            home = self._name_of_country(m)
            if home is not None:
                # "King Hassan of Morocco", "President Ortega of Nicaragua": the name's own
                # country beats a namesake in the people table.
                person = self.kb.people.get(key) if key else None
                if person is None or person.home_country(self.published) != home[0]:
                    return Actor.make(country=home[0], role=home[1], text=m.text)
            return self._person_actor(key, m.text, self._title_role(m)) if key else None
        return None

    def _title_role(self, m: Mention) -> str | None:
        """The role a title before a name gives ("President X", "General Y"), or None."""
        role = None
        if m.start > 0:
            title = self.doc[m.start - 1]
            role = self.kb.role_words.get(title.lower_) or self.kb.role_words.get(title.lemma_.lower())
        if role is None:
            role = self.kb.role_words.get(m.text.split()[0].lower())  # "President Ortega" as one name
        return role

    def _name_of_country(self, m: Mention) -> tuple[str, str | None] | None:
        """(country, role) for a name written "TITLE NAME of COUNTRY", else None."""
        doc = self.doc
        if m.end + 1 >= len(doc) or doc[m.end].lower_ != "of":
            return None
        place = self.by_token.get(m.end + 1)
        if place is None or place.kind not in ("country", "demonym") or doc[m.end + 1].i != place.start:
            return None
        role = self._title_role(m)
        if role is None:
            return None  # "Smith of Canada" without a title is too weak to say whose he is
        return place.key, role or "GOV"

    def _link_surname(self, text: str, title_role: str | None = None) -> str | None:
        parts = text.replace("-", " ").replace("’s", "").replace("'s", "").split()
        if not parts:
            return None
        if len(parts) == 1 or parts[0].lower().rstrip(".") in TITLES:
            return self._bare_surname(parts[-1], title_role)
        # Only the last word can be a family name: "Ahmed Ben Bella" is not Abiy Ahmed. (East
        # Asian family names, which come first, are listed by surnames() as whole names' heads and
        # only ever meet a bare "Kim" or "Xi" here.)
        cands: list[str] = list(self.finder.surnames.get(parts[-1], []))
        if not cands:
            return None
        for key in reversed(self.seen_people):
            if key in cands:
                return key
        if len(parts) > 1:
            # A full name the knowledge does not list is someone else with a common surname.
            full = [k for k in cands if parts[0] in k.replace("-", " ").split()]
            if not full:
                return None
            cands = full
        dated = [k for k in cands if self.kb.people[k].term_on(self.published)]
        if dated:
            return dated[0]
        if len(cands) == 1 or len({self.kb.people[k].home_country(self.published) for k in cands}) == 1:
            # One person, or namesakes of one state ("Bush"): the state is certain even if the
            # person is not; the nearest term in time is the better guess.
            return min(cands, key=lambda k: _distance(self.kb.people[k], self.published))
        return None

    def _bare_surname(self, surname: str, title_role: str | None) -> str | None:
        """A family name alone is a known person only when this text makes it so: it named the
        person in full before, or titles the name with the person's office ("President Putin"),
        or names the person's state, or the person led a state whose leaders the news calls by
        family name (data/actors/well_known.tsv). "Senator Bennett" in an American story is not Israel's
        prime minister, nor "Mitchell" in a Trinidad story Grenada's."""
        cands = list(self.finder.surnames.get(surname, []))
        for key in reversed(self.seen_people):
            if key in cands:
                return key
        named = self.named_states
        fitting = []
        for key in cands:
            person = self.kb.people[key]
            term = person.term_on(self.published)
            if title_role is not None and term is not None and term.role == title_role:
                fitting.append(key)  # "President Putin" while in office
            elif title_role is not None and title_role not in {t.role for t in person.terms}:
                continue  # "Senator Bennett" was never a senator of the listed Bennett's
            elif person.home_country(self.published) in named:
                fitting.append(key)
            elif person.home_country(self.published) in self.kb.well_known and _led_a_state(person):
                fitting.append(key)  # "Putin said": a leader the news calls by family name
        if len(fitting) == 1 or (fitting and len({self.kb.people[k].home_country(self.published)
                                                   for k in fitting}) == 1):
            dated = [k for k in fitting if self.kb.people[k].term_on(self.published)]
            return (dated or fitting)[0]
        return None

    @property
    def state_counts(self) -> dict[str, int]:
        """How often the text names each state by name, capital or demonym (the dateline aside)."""
        if not hasattr(self, "_state_counts"):
            counts: dict[str, int] = {}
            for m in self.mentions:
                if m.kind in ("country", "capital", "demonym") and m.start >= self.dateline_end:
                    counts[m.key] = counts.get(m.key, 0) + 1
            self._state_counts = counts
        return self._state_counts

    @property
    def named_states(self) -> set[str]:
        """The states this text names by name, capital or demonym."""
        if not hasattr(self, "_named_states"):
            self._named_states = {m.key for m in self.mentions if m.kind in ("country", "capital", "demonym")}
        return self._named_states

    def _person_actor(self, key: str, text: str, title_role: str | None = None) -> Actor | None:
        person = self.kb.people.get(key)
        if person is None:
            return None
        if key in self.seen_people:
            self.seen_people.remove(key)
        self.seen_people.append(key)
        term = person.term_on(self.published)
        if term:
            # "Ursula von der Leyen" in 2024 acts for the EU, in 2015 for Germany
            actor = Actor.make(country=term.country or None, igo=term.igo, role=term.role, name=person.name, text=text)
        else:
            # Out of office on this date, yet titled in the text ("President X" before or after
            # the term the table knows): the text's title says what he acts as.
            actor = Actor.make(country=person.home_country(self.published), role=title_role,
                               name=person.name, text=text)
        self.last_person = actor
        return actor

    # ---- noun phrases ----------------------------------------------------------------------
    def actors_for(self, tok: Token, reporter: Actor | None = None) -> list[Actor]:
        """All actors a noun phrase headed by ``tok`` stands for (conjuncts included)."""
        if tok.idx < self.dateline_end:
            # "Colombo, Mar 29 (PTI) External Affairs Minister S Jaishankar held ...", parsed with
            # the dateline as the subject: the words after it that hang on it are the subject
            after = [t for t in tok.subtree if t.idx >= self.dateline_end and t.head.idx < self.dateline_end]
            return [a for t in after for a in self.actors_for(t, reporter)]
        out: list[Actor] = []
        for head in [tok, *conjuncts(tok)]:
            for actor in self._phrase_actors(head, reporter):
                if actor.code not in {a.code for a in out}:
                    out.append(actor)
        return out

    def _phrase_actors(self, tok: Token, reporter: Actor | None) -> list[Actor]:
        found = self._phrase_actors_of(tok, reporter)
        head = self.by_token.get(tok.i)
        known = self.local_people.get(_family_name(head.text)) if head is not None else None
        if head is not None and head.kind == "person_unknown" and len(found) == 1 \
                and found[0].name not in self.kb.people \
                and (found[0].country or found[0].igo or (found[0].role and known is None)) \
                and (known is None or not (known.country or known.igo)):
            # "Indonesia's security minister Wiranto", "Carrie Lam, the chief executive of Hong
            # Kong": a person the knowledge does not hold, placed by this text; later mentions of
            # the family name are the same person. A title alone ("Labour MP Tom Watson") gives
            # the role, and a later phrase may add the state.
            self.local_people[_family_name(head.text)] = Actor.make(
                country=found[0].country, igo=found[0].igo, role=found[0].role, name=head.text, text=head.text)
        if head is not None and head.kind == "person_unknown":
            # "Labour deputy leader Tom Watson": a titled person the knowledge does not hold is
            # still this one person, not every holder of the title ("called May's deal lousy")
            found = [a if a.name else Actor.make(country=a.country, igo=a.igo, role=a.role, name=head.text,
                                                  text=a.text) for a in found]
        return found

    def _phrase_actors_of(self, tok: Token, reporter: Actor | None) -> list[Actor]:
        low = tok.lower_
        if tok.pos_ == "PRON" or low in RELATIVE_PRONOUNS:
            return self._pronoun(tok, reporter)
        if tok.lemma_.lower() in QUANTITY_HEADS or low in QUANTITY_HEADS:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            return self.actors_for(pobj, reporter)
        lemma = tok.lemma_.lower()
        if (self.last_group and any(c.lower_ == "the" for c in tok.children)
                and ((tok.tag_ in ("NNS", "NNPS") and lemma in GROUP_HEADS | PARTY_HEADS) or lemma in MEETING_NOUNS)
                and not any(self.by_token.get(t.i) for t in phrase_tokens(tok))):
            # "The foreign ministers agreed ...", "joined the talks", "the conclusions of the
            # summit": the parties that last acted together
            return list(self.last_group)
        if lemma in GROUP_HEADS and any(c.lower_ in ("two", "both") for c in tok.children):
            # "the two leaders", "both sides": the two who last met, else the last two parties named
            if len(self.last_pair) == 2 and lemma in ("side", "party", "delegation", "leader", "minister"):
                return list(self.last_pair)
            pair = self._recent_parties(tok.i, people=lemma in ("leader", "president", "minister"))
            if len(pair) == 2:
                return pair
        if lemma in RELATIONAL_HEADS:
            owners = [c for c in tok.children if c.dep_ == "poss"]
            if owners:
                owner = [a for a in self.actors_for(owners[0], reporter) if a.country or a.igo]
                if owner:
                    # "Pyongyang's ally": the party most recently named besides Pyongyang.
                    other = [a for a in self._recent_parties(tok.i, people=False, limit=4)
                             if a.key() != owner[0].key()]
                    return other[:1]
        if tok.lemma_.lower() in SHARED_PLACES and tok.i not in self.by_token:
            return []  # "the Thai border" is no one's: it lies between two states
        head_mention = self.by_token.get(tok.i)
        base = self.mention_actor(head_mention) if head_mention else None
        role = self.role_of(tok)
        if role == "GOV" and lemma in AGENT_HEADS:
            body = [self.role_of(o) for p in tok.children if p.dep_ == "prep" and p.lower_ in ("of", "for")
                    for o in p.children if o.dep_ == "pobj"]
            role = next((r for r in body if r and r != "GOV"), role)
        if head_mention is not None and head_mention.end - head_mention.start > 1 \
                and head_mention.kind in ("country", "capital", "place", "demonym", "people"):
            role = None  # a word of the name itself gives no role: the West "Bank", the Gold "Coast"
        countries: list[Actor] = []
        peoples: set[str] = set()  # codes in ``countries`` that name a people, with their own role
        person: Actor | None = None
        # "officials from Armenia" names who they are; "an attack from Gaza" only where from.
        identity = role is not None or head_mention is not None
        for t in phrase_tokens(tok, identity):
            if t.idx < self.dateline_end <= tok.idx:
                continue  # "KABUL, Afghanistan - U.S. aircraft bombarded": the dateline is no modifier
            m = self.by_token.get(t.i)
            if m is None or m is head_mention or _provenance(t) or _ethnic(tok.doc, m):
                continue
            a = self.mention_actor(m)
            if a is None and m.kind == "place" and role in ("GOV", "COP", "JUD", "LEG", "MIL") \
                    and self.doc[m.end - 1].head.i == tok.i and self.doc[m.end - 1].dep_ in ("compound", "nmod", "poss"):
                # "Tamil Nadu police", "Kerala's government": a region's state bodies are its state's
                a = Actor.make(country=m.key, text=m.text)
            if a is None:
                continue
            if m.kind in ("person", "person_unknown"):
                person = person or a
            elif m.kind == "people":
                # "Karen guerrillas" are rebels of Myanmar, "Yoruba leaders" still civilians.
                a = Actor.make(country=a.country, role="REB" if role in ("REB", "MIL") else a.role, text=a.text)
                if not any(c.code == a.code for c in countries):
                    countries.append(a)
                    peoples.add(a.code)
            elif not any(c.code == a.code for c in countries):
                countries.append(a)
        based = {self.by_token[t.i].key for t in phrase_tokens(tok, identity)
                 if t.i in self.by_token and t.head.lemma_.lower() == "base" and t.head.tag_ == "VBN"}
        if based and len({c.country for c in countries}) > 1:
            # "Sudan-based Chadian rebels" are Chadian; "Afghanistan-based militants" stay Afghan
            countries = [c for c in countries if c.country not in based]
        if head_mention is not None and _ethnic(tok.doc, head_mention):
            # "ethnic Albanians" are a minority where they live, not the state of Albania.
            head_mention, base = None, None
            role = role or "CVL"
        people_head = head_mention is not None and head_mention.kind == "people"
        if head_mention is not None and head_mention.kind in ("demonym", "people") and base is not None \
                and base.role == "CVL":
            # "Bosnian Serbs", "Turkish Bulgarians": a people qualified by a state lives in that state.
            states = [self.by_token[c.i] for c in tok.children
                      if c.dep_ in ("amod", "compound") and c.i < head_mention.start and c.i in self.by_token]
            states = [m for m in states if m.kind in ("demonym", "country") and m.key != base.country]
            if len(states) == 1:
                return [Actor.make(country=states[0].key, role="CVL", text=span_text(tok))]
        if people_head or (head_mention is not None and head_mention.kind == "demonym" and base is not None
                           and base.role == "CVL"):
            # Residence beats ethnicity: "the Hungarians of southern Slovakia" are Slovakia's, as are
            # "Kurds in Syria" or "the Karen living in Thailand" ("Americans in Iraq" stay American:
            # a demonym moves only with "of" or a verb of living).
            where = self._residence(tok, ("of", "in", "inside", "across", "throughout") if people_head else ("of",))
            if where is not None and (base is None or where.country != base.country):
                group_role = base.role if base is not None else self.kb.groups[head_mention.key].role
                return [Actor.make(country=where.country, role="REB" if role in ("REB", "MIL") else group_role,
                                   text=span_text(tok))]
        if base is None and person is None and not countries and role in STATE_ROLE_WORDS and tok.pos_ == "NOUN" and any(
                c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.ent_type_ not in ("GPE", "NORP", "LOC", "FAC")
                and c.i not in self.by_token for c in tok.children):
            return []  # "Scientology officials": the people of an organisation the knowledge lacks
        if base is None and person is None and not countries and (role or people_head):
            # "security forces in Guinea", "demonstrators in Baghdad", "a militant group based in
            # Aden": a group named by where it is.
            # Civilians are also "of" where they live ("residents of Gaza", "villagers of the Golan").
            preps = ("in", "inside", "across", "throughout") + (("of",) if role in (None, "CVL") else ())
            where = self._residence(tok, preps)
            if where is not None:
                countries = [where]
                role = role or "CVL"
        if base is None and person is None and not countries:
            # "its ships", "their forces": the possessor is whoever the pronoun points at.
            for child in tok.children:
                if child.dep_ == "poss" and child.pos_ == "PRON" and (role or child.lower_ in ("its", "their")):
                    countries = [a for a in self._pronoun(child, reporter) if a.country or a.igo]
                    break
        if (base is not None and head_mention is not None and head_mention.kind == "person_unknown"
                and countries and base.country not in {c.country for c in countries}):
            # "King Hassan of Morocco": a surname shared with a listed leader of another state
            # is someone else; the phrase's own country wins.
            base = Actor.make(name=None, text=tok.text)
        if (base is not None and head_mention is not None and head_mention.kind == "org" and base.country
                and len(countries) == 1 and countries[0].country and countries[0].country != base.country
                and any(c.i < head_mention.start and c.dep_ in ("amod", "compound") for c in tok.children)):
            # "the Belarusian KGB": a body named after another state's is the modifier's state's
            return [Actor.make(country=countries[0].country, role=base.role, text=span_text(tok))]
        if base is not None and head_mention is not None and base.role and (
                head_mention.kind in ("person", "org")
                or (head_mention.kind == "person_unknown" and base.name in self.kb.people)):
            # (a listed person named by surname keeps the office: "on live television Erdogan" is
            # parsed with "television" on the name)
            return [base]
        if person is not None and base is None:
            if role and person.country and (not person.role or role != "GOV"):
                # "the Bush administration", "Putin's troops": the person's state in that role.
                return [Actor.make(country=person.country, role=role, name=person.name, text=span_text(tok))]
            return [person]
        if base is not None:
            if role and not base.igo and base.role in (None, "GOV") and head_mention.kind != "person":
                return [Actor.make(country=base.country, role=role, name=base.name, text=tok.text)]
            if base.country or base.igo:
                return [base]
            if countries:  # a person of unknown office tied to a country by a modifier
                return [Actor.make(country=c.country, igo=c.igo, role=role or base.role, name=base.name,
                                   text=base.text) for c in countries]
            return [base]
        if not countries and not role:
            return []
        if not countries:
            earlier = self._antecedent(tok, role) if any(c.lower_ == "the" for c in tok.children) else None
            return [earlier or Actor.make(role=role, text=tok.text)]
        out = []
        for c in countries:
            # "a Hezbollah commander" is still Hezbollah (REB), not an army.
            c_role = c.role if c.role in ("REB", "OPP", "PTY", "MED", "SPY", "JUD", "LEG") or c.code in peoples \
                else role or c.role
            if c.igo and role in (None, "GOV"):
                out.append(c)
            else:
                out.append(Actor.make(country=c.country, igo=c.igo, role=c_role, name=c.name if c.igo else None,
                                      text=span_text(tok)))
        return out

    def _antecedent(self, tok: Token, role: str | None) -> Actor | None:
        """What a definite role noun with no country of its own ("the embassy", "the court")
        stands for: the state of the earlier phrases with the same head, when they name only one
        ("the US embassy in London" ... "The embassy declined")."""
        if role is None or getattr(self, "_in_antecedent", False):
            return None
        lemma = tok.lemma_.lower()
        saved = (list(self.seen_people), self.last_person)
        self._in_antecedent = True
        keys: set[str | None] = set()
        try:
            for t in tok.doc[:tok.i]:
                if t.lemma_.lower() != lemma or t.pos_ not in ("NOUN", "PROPN"):
                    continue
                # ("President Chen Shui-bian ... the president": the title of a named person)
                named = t.head if t.dep_ == "compound" and t.head.pos_ == "PROPN" else t
                keys |= {a.key() for a in self._phrase_actors_of(named, None) if a.country or a.igo}
            if not keys and role in ARMED_ANTECEDENT_ROLES and not any(
                    c.dep_ in ("nummod", "predet") or c.lower_ == "both" for c in tok.children):
                # ("the two armies" are both sides, not the last one named)
                # "clashes with the Israeli army ... Palestinians threw stones at the troops": armed
                # forces named just before under another word (this sentence or the one before)
                start = tok.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
                for t in tok.doc[start:tok.i]:
                    if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() != lemma and self.role_of(t) == role:
                        keys |= {a.key() for a in self._phrase_actors_of(t, None) if a.country}
        finally:
            self._in_antecedent = False
            self.seen_people, self.last_person = saved
        # only when the text named one such body: "an Austrian court" and "the European Court"
        # leave "the court" open
        country = next(iter(keys)) if len(keys) == 1 else None
        if country is None or country not in self.kb.countries:
            return None
        return Actor.make(country=country, role=role, text=span_text(tok))

    def role_of(self, tok: Token) -> str | None:
        """The role a head noun gives ("spy agency" before "agency"), or None."""
        words = self.kb.role_words
        lemma = tok.lemma_.lower()
        for child in tok.children:
            if child.dep_ in ("compound", "amod") and child.i < tok.i:
                pair = f"{child.lemma_.lower()} {lemma}"
                if pair in words:
                    return words[pair]
                pair = f"{child.lower_} {tok.lower_}"
                if pair in words:
                    return words[pair]
        if lemma in words:
            return words[lemma]
        if tok.lower_ in words:
            return words[tok.lower_]
        # "the foreign minister Peter X": the title sits in a compound before the name.
        # "the foreign minister Peter X", "opposition groups", "rebel factions": the role sits in
        # a modifier of a name or of a word that only says "some people".
        transfer = tok.pos_ == "PROPN" or lemma in GENERIC_HEADS
        for child in tok.children if transfer else ():
            if child.dep_ in ("compound", "amod", "poss") and child.i < tok.i and child.pos_ in ("NOUN", "PROPN", "ADJ"):
                r = self.role_of(child)
                if r:
                    return r
        return None

    def _speaker(self, tok: Token) -> list[Actor]:
        """Who says the quoted words ``tok`` is in: the subject of the sentence's main verb, when
        the words stand in quotation marks that the main subject stands outside of."""
        sent = tok.sent
        if not _quoted(tok):
            return []
        for subj in sent.root.children:
            if subj.dep_ == "nsubj" and subj.i != tok.i and not sent.doc[sent.start:subj.i].text.count('"') % 2 \
                    and not any(w.lower_ in WE | FIRST_PERSON for w in subj.subtree):
                found = [a for a in self._phrase_actors(subj, None) if a.country or a.igo]
                return found[:1]
        # 'X responded via Twitter: "I strongly reject ..."': the parser roots the sentence in the
        # quote; the speaker is the subject of a verb before the quotation opens
        opening = next((t.i for t in sent if t.text in QUOTE_MARKS - {"\u201d"}), None)
        if opening is not None and opening > sent.start:
            for verb in sent.doc[sent.start:opening]:
                if verb.pos_ != "VERB":
                    continue
                for subj in verb.children:
                    if subj.dep_ == "nsubj" and subj.i < opening and subj.lower_ not in WE | FIRST_PERSON:
                        found = [a for a in self._phrase_actors(subj, None) if a.country or a.igo]
                        if found:
                            return found[:1]
        return []

    def _pronoun(self, tok: Token, reporter: Actor | None) -> list[Actor]:
        low = tok.lower_
        if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.actors_for(tok.head.head, reporter)
        if low in FIRST_PERSON:
            # "Erdogan said, 'I will not accept ...'": the speaker of the words
            if reporter is not None:
                return [reporter]
            return self._speaker(tok)
        if low in PERSONAL_PRONOUNS:
            if tok.dep_ == "poss" and (own := self._clause_subject_person(tok, reporter)):
                return own
            if tok.dep_ in ("nsubj", "nsubjpass") and not any(
                    (m := self.by_token.get(i)) and m.kind in ("person", "person_unknown")
                    for i in range(tok.sent.start, tok.i)) and self.last_subject_person is not None:
                # A sentence that opens with "He" continues about the last sentence's doer.
                return [self.last_subject_person]
            for i in range(tok.i - 1, tok.sent.start - 1, -1):
                m = self.by_token.get(i)
                if m and m.kind in ("person", "person_unknown"):
                    a = self._peek(m)
                    if a:
                        return [a]
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                # "expelled a British diplomat, accusing him of spying": an unnamed person
                # described earlier in the sentence.
                for i in range(tok.i - 1, tok.sent.start - 1, -1):
                    t = self.doc[i]
                    if t.pos_ == "NOUN" and t.lemma_.lower() in self.kb.role_words and t.tag_ == "NN":
                        found = [a for a in self._phrase_actors(t, reporter) if a.country]
                        if found:
                            return found[:1]
            return [self.last_person] if self.last_person else []
        if low in OTHER_PRONOUNS:
            if reporter is not None and low not in WE and _quoted(tok):
                # '"... a strong message to the Russian government that their actions ...," the
                # White House said': speakers say "we" of themselves, so a third person in their
                # own words is someone they name
                found = self._party_before(tok.i, tok.sent.start, besides=reporter, parties_only=True,
                                           plural=low not in ("it", "its", "itself"))
                if found:
                    return found
            if reporter is not None:
                return [reporter]
            if low in WE:
                # "We made a plea," X said: the speaker the sentence names; an unattributed "we"
                # (an interview, a quote running on) is no one known
                speaker = self._speaker(tok)
                if speaker:
                    return speaker
                from ..events.modality import load_rules
                verbs = load_rules().report_verbs | {"tweet", "post"}
                for t in tok.sent:
                    if t.lemma_.lower() in verbs and t.i != tok.i:
                        for subj in t.children:
                            if subj.dep_ == "nsubj" and not any(w.lower_ in WE for w in subj.subtree):
                                found = [a for a in self.actors_for(subj) if a.country or a.igo]
                                if found:
                                    return found[:1]
                return []
            if low in ("they", "them", "their", "themselves") and self.last_group \
                    and not any(a.role == "MED" for a in self.last_group) and not any(
                    (m := self.by_token.get(i)) and m.kind in ("country", "capital", "org", "demonym")
                    for i in range(tok.sent.start, tok.i)):
                # "Egypt, Greece and Cyprus met ... They called on Turkey": the parties together
                return list(self.last_group)
            if low in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp":
                # "the Australian government announced that it will add ...": the subject of a
                # clause that says what the main subject announced is that subject
                for subj in tok.head.head.children:
                    if subj.dep_ == "nsubj" and subj.i < tok.i:
                        found = [a for a in self._phrase_actors(subj, None) if a.country or a.igo]
                        if found:
                            return found[:1]
            if low in ("its", "their") and tok.dep_ == "poss":
                # "Poland summoned ... after a drone violated its airspace": a possessive in a
                # subordinate clause points back at the main clause's subject first.
                # A main clause that comes after ("..., a newspaper reported") leaves it to the
                # nearest clause above the pronoun that has a subject before it.
                root = tok.sent.root
                if not any(c.dep_ == "nsubj" and c.i < tok.i for c in root.children):
                    root = next((h for h in tok.ancestors if h.pos_ in ("VERB", "AUX") and any(
                        c.dep_ == "nsubj" and c.i < tok.i for c in h.children)), root)
                for subj in root.children:
                    if subj.dep_ == "nsubj" and subj.i < tok.i and not _contains(subj, tok):
                        named = self._phrase_actors(subj, None)
                        found = [a for a in named if a.country or a.igo]
                        if found:
                            return found[:1]
                        if named and named[0].role:
                            # "residents expressed their anger": theirs, whose state is not named
                            return []
            # The nearest actor named earlier in the same sentence, else the last subject.
            # (a demonym's state word only for a subject: "condemned it" is mostly a thing)
            found = self._party_before(tok.i, tok.sent.start, plural=(low not in ("it", "its", "itself")) if tok.dep_ in (
                "nsubj", "nsubjpass") else None)
            if found:
                return found
            if low in ("they", "them", "their", "themselves") and self.last_actor is not None \
                    and self._is_person(self.last_actor):
                # "they" is no one person ("the minister said ... as they both offer flights"):
                # the two who met in the last sentences ("Khadka met Cavusoglu ... They agreed"),
                # else no one known
                near = self.last_pair_at >= 0 and tok.i - self.last_pair_at <= PAIR_REACH
                if near:
                    return list(self.last_pair)
                return self._people_just_named(tok)  # "In his message to Putin, Kim ... their meeting"
            if low in ("it", "its", "itself") and self.last_actor is not None and self._is_person(self.last_actor):
                # "It has been recognized by UNESCO": "it" is never a person; the nearest state or
                # body named in the sentence before
                start = self.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else tok.sent.start
                return self._party_before(tok.sent.start, start)
            if low in ("they", "them", "their", "themselves") and self.last_actor is not None \
                    and self.last_actor.role == "MED":
                # "the radio's service received reports of kidnappings ... But they were freed":
                # the outlet that reports is not those it reports about
                return []
            return [self.last_actor] if self.last_actor else []
        return []

    def _clause_subject_person(self, tok: Token, reporter: Actor | None) -> list[Actor]:
        """"Blinken held talks with Xi as part of his visit", "Ahead of his meeting with Xi,
        Blinken ...": a possessive "his"/"her" in a phrase of a clause whose subject is a person
        is that person's, not the person named nearest before it. Empty when the clause has no
        person for a subject or the pronoun sits inside the subject itself ("his aides said")."""
        head = next((h for h in tok.ancestors if h.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in h.children)), None)
        if head is None:
            return []
        subj = next(c for c in head.children if c.dep_ in ("nsubj", "nsubjpass"))
        if _contains(subj, tok):
            return []
        person = subj.lower_ in PERSONAL_PRONOUNS or subj.ent_type_ == "PERSON" or any(
            (m := self.by_token.get(t.i)) is not None and m.kind in ("person", "person_unknown")
            for t in [subj, *phrase_tokens(subj, identity=False)])
        if not person:
            return []
        found = [a for a in self.actors_for(subj, reporter) if a.country or a.igo]
        return found[:1]

    def _people_just_named(self, tok: Token) -> list[Actor]:
        """The two people of two states named last in this sentence and the one before, for a
        "they" that stands for them ("In his message to Putin, Kim recalled their meeting"); [] when
        those sentences name fewer."""
        sent = tok.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        found: list[Actor] = []
        for i in range(tok.i - 1, start - 1, -1):
            m = self.by_token.get(i)
            if m is None or m.kind not in ("person", "person_unknown") or i != m.end - 1:
                continue
            a = self._peek(m)
            if a is not None and a.country and all(f.country != a.country for f in found):
                found.append(a)
            if len(found) == 2:
                return found
        return []

    def _party_before(self, end: int, start: int, besides: Actor | None = None,
                      parties_only: bool = False, plural: bool | None = None) -> list[Actor]:
        """The state or body named last in tokens ``start`` .. ``end`` - 1 (none: []), by its
        name or, given the pronoun's number (``plural``), by a demonym on a state word of that
        number ("the Australian government" for "it", "Iranian officials" for "they").
        ``parties_only``: not one named only as the owner of a thing ("the sovereignty of Ukraine")."""
        for i in range(end - 1, start - 1, -1):
            m = self.by_token.get(i)
            if m is None or m.kind not in ("country", "capital", "org", "demonym"):
                continue
            head = self.doc[m.end - 1]
            if m.kind == "demonym":
                word = head.head
                role = self.role_of(word) if head.dep_ in ("amod", "compound") and word.i > head.i else None
                many = word.tag_ in ("NNS", "NNPS")
                if plural is None or role not in STATE_ROLE_WORDS or (many and not plural) \
                        or (plural and not many and role != "GOV"):
                    # "Russian oil" names no party; "it" is no "Iranian officials", and "they" a
                    # government ("the Russian government ... their actions"), not "the court"
                    continue
                head = head.head
                found = [a for a in self._phrase_actors(head, None) if a.country or a.igo]
            else:
                a = self.mention_actor(m)
                found = [a] if a else []
            if parties_only and head.dep_ == "pobj" and head.head.head.pos_ not in ("VERB", "AUX"):
                continue
            found = [a for a in found if besides is None or a.key() != besides.key()]
            if found:
                return found[:1]
        return []

    def _is_person(self, actor: Actor) -> bool:
        """Whether ``actor`` is a person (listed, or placed by this text), not a state or body."""
        return bool(actor.name) and (actor.name in self.kb.people or any(
            p.name == actor.name for p in self.local_people.values()))

    def _state_mentions(self, sent) -> list[Mention]:
        """The mentions by which a sentence names a state: its name, capital, a place, a demonym
        (one per token: a mention over several tokens is listed once per token it covers)."""
        return [m for i in range(sent.start, sent.end) if (m := self.by_token.get(i)) is not None
                and m.kind in ("country", "capital", "place", "demonym")]

    def sentence_country(self, sent, exclude: set[str | None]) -> str | None:
        """The one state a sentence names by country, capital, place or demonym, if just one."""
        found: list[str] = []
        for m in self._state_mentions(sent):
            if not _ethnic(self.doc, m) and m.key not in found:
                found.append(m.key)
        found = [k for k in found if k not in exclude]
        return found[0] if len(found) == 1 else None

    def _names_state(self, sent, country: str) -> bool:
        """Whether the sentence names ``country`` (an "ethnic" demonym too)."""
        return any(m.key == country for m in self._state_mentions(sent))

    def _recent_parties(self, before: int, people: bool, limit: int = 2) -> list[Actor]:
        """The last distinct states (or named leaders) mentioned before token ``before``."""
        out: list[Actor] = []
        for m in reversed(self.mentions):
            if m.start >= before:
                continue
            if people and m.kind not in ("person", "person_unknown"):
                continue
            if m.kind not in ("person", "person_unknown", "country", "capital", "demonym"):
                continue
            a = self._peek(m)
            if a is not None and a.country and a.key() not in {o.key() for o in out}:
                out.append(a)
                if len(out) == limit:
                    break
        return out

    def _residence(self, tok: Token, preps: tuple[str, ...]) -> Actor | None:
        """The state of the place a group is said to be in or of ("in Guinea", "of southern
        Serbia", "based in Aden", "living in exile in Norway" is Norway's)."""
        heads = [tok]
        for child in tok.children:
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in RESIDENCE_VERBS:
                heads.append(child)
        for head in heads:
            allowed = preps if head is tok else ("in", "inside", "within", "across", "throughout")
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in allowed:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            place = self.place_country(pobj)
                            if place is not None:
                                return place
        return None

    def place_country(self, tok: Token) -> Actor | None:
        """The state a place phrase lies in ("Tel Aviv", "Russia's Bryansk region"), if named.

        A border or frontier belongs to two states, so "the Thai border" places nothing.
        """
        if tok.lemma_.lower() in SHARED_PLACES:
            m = self.by_token.get(tok.i)
            if m is None:
                return None
        for t in [tok, *phrase_tokens(tok)]:
            m = self.by_token.get(t.i)
            if m and m.kind in ("country", "capital", "place", "demonym"):
                return Actor.make(country=m.key, text=m.text)
            if m and m.kind == "people":  # "in Kachin" is the Kachin's land
                return Actor.make(country=self.kb.groups[m.key].country, text=m.text)
        return None


# Offices whose holders the news names by family name alone (not a minister: "Wang" is not Wang Yi).
HEAD_OFFICES = ("president", "prime minister", "chancellor", "king", "queen", "emir", "supreme leader",
                "premier", "general secretary", "chairman", "emperor", "crown prince")


def _led_a_state(person) -> bool:
    return any(o.startswith(HEAD_OFFICES) for o in (t.office.lower() for t in person.terms))


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks opened earlier in its sentence."""
    before = tok.doc[tok.sent.start:tok.i].text
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _family_name(text: str) -> str:
    words = text.replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


def _distance(person, day: date | None) -> int:
    if day is None or not person.terms:
        return 0
    best = None
    for t in person.terms:
        d = 0 if t.covers(day) else min(abs((t.start - day).days), abs(((t.end or day) - day).days))
        best = d if best is None else min(best, d)
    return best or 0


# Share of a document's place mentions the story's country must have to be plain from the text.
STORY_SHARE = 0.4
GROUP_HEADS = {"leader", "president", "minister", "side", "country", "nation", "state", "capital",
               "government", "neighbour", "neighbor"}
STATE_ROLE_WORDS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Plural heads that, with "the" and no country of their own, name the parties last seen together.
PARTY_HEADS = {"delegation", "participant", "signatory", "party", "counterpart", "foreign minister",
               "envoy", "negotiator", "diplomat", "official"}
# Gatherings that, with "the" and no one named in them, are those of the parties last seen together.
MEETING_NOUNS = {"talk", "talks", "summit", "meeting", "conference", "gathering", "negotiation"}
RELATIONAL_HEADS = {"ally", "partner", "neighbour", "neighbor", "backer", "patron", "rival", "adversary", "foe"}
# People who speak or act for a body: "leaders of the opposition", "a spokesman for the rebels"
# take the body's role, not the government role the word alone gives.
AGENT_HEADS = {"leader", "official", "representative", "delegation", "delegate", "negotiator", "spokesman",
               "spokeswoman", "spokesperson", "envoy", "emissary", "chief"}
GENERIC_HEADS = {"office", "group", "movement", "faction", "force", "member", "unit", "leader", "official", "source",
                 "figure", "camp", "coalition", "alliance", "bloc", "organization", "organisation", "party",
                 "wing", "side", "activist", "supporter", "representative", "delegation", "team", "body"}
# Verbs that say where a group lives or works from ("based in", "living in").
RESIDENCE_VERBS = {"base", "based", "live", "living", "reside", "residing", "locate", "located", "settle",
                   "settled", "headquarter", "headquartered", "operate", "operating", "active", "station",
                   "stationed", "camp", "camped", "encamp", "dwell", "shelter", "hide", "exile"}
SHARED_PLACES = {"border", "frontier", "boundary", "line", "crossing", "sea", "ocean", "river", "strait",
                 "gulf", "bay", "channel"}


def _contains(head: Token, tok: Token) -> bool:
    return head.left_edge.i <= tok.i <= head.right_edge.i


def _ethnic(doc: Doc, m: Mention) -> bool:
    """ "ethnic Albanians", "ethnic Russian minority": a people, not a state."""
    return m.kind == "demonym" and m.start > 0 and doc[m.start - 1].lower_ == "ethnic"


PROVENANCE_VERBS = {"make", "build", "supply", "design", "manufacture", "produce", "develop", "provide",
                    "license", "back", "fund", "arm", "train", "sponsor"}


def _provenance(tok: Token) -> bool:
    """ "American-made missiles", "Iranian-backed militia": the country made or backs the thing,
    it does not own or do it (so it is neither the target nor the doer)."""
    head = tok.head
    return head.i != tok.i and head.tag_ in ("VBN", "VBD") and head.lemma_.lower() in PROVENANCE_VERBS \
        and head.i > tok.i and head.dep_ in ("amod", "compound", "nmod")


def conjuncts(tok: Token) -> list[Token]:
    """Coordinated heads ("Norway, Ireland and Spain"), following spaCy's conj chain; not a noun
    that is the subject of the next clause (see ``stranded_subject``)."""
    out: list[Token] = []
    stack = [c for c in tok.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
        if nxt is not None and nxt.pos_ in ("AUX", "VERB") and getattr(stranded_subject(
                nxt if nxt.dep_ == "conj" else nxt.head), "i", None) == c.i:
            continue
        out.append(c)
        stack.extend(cc for cc in c.children if cc.dep_ == "conj")
    return out


def stranded_subject(verb: Token) -> Token | None:
    """"troops had defeated ISIS and Turkey would be moving into Syria": the parser makes Turkey
    a second object and leaves "moving" with no subject; a coordinated clause with no subject of
    its own whose words start right after a coordinated noun has that noun for its subject."""
    if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    first = min([verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i],
                key=lambda t: t.i)
    if first.i == 0:
        return None
    prev = verb.doc[first.i - 1]
    if prev.dep_ == "conj" and prev.pos_ in ("PROPN", "NOUN") and prev.head.dep_ in ("dobj", "pobj", "conj") \
            and prev.i > verb.head.i:
        return prev
    return None


def rooted_noun_subject(verb: Token) -> Token | None:
    """"The UN envoy called on the rebels to withdraw": the parser may make the noun the root of
    the sentence and the finite verb after it a modifier of the noun. A past or present-tense
    verb so hung on a root noun, with no subject of its own and nothing but the noun's own words
    between them, has that noun for its subject."""
    head = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBZ", "VBP") or head.dep_ != "ROOT" \
            or head.pos_ not in ("NOUN", "PROPN") or head.i > verb.i \
            or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return None
    if any(verb in t.ancestors for t in verb.doc[head.i + 1:verb.i]):
        return None  # (a word between that is the verb's own: no noun-then-verb sentence)
    return head


def phrase_tokens(tok: Token, identity: bool = True) -> list[Token]:
    """Tokens that describe who the head is: modifiers, appositions and of/from phrases."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        for child in t.children:
            if child.dep_ in NP_DEPS or (child.dep_ == "conj" and t.i != tok.i
                                         and t.dep_ in ("amod", "compound", "pobj", "poss", "conj")):
                out.append(child)
                stack.append(child)
            elif identity and child.dep_ == "prep" and t.i >= tok.i and (child.lower_ in IDENTITY_PREPS or (
                    child.lower_ == "for" and t.i == tok.i and tok.lemma_.lower() in SPEAKER_HEADS | PORTFOLIO_HEADS)):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.append(pobj)
                        stack.append(pobj)
    return sorted(out, key=lambda t: t.i)


def span_text(tok: Token) -> str:
    toks = [tok, *phrase_tokens(tok)]
    lo, hi = min(t.i for t in toks), max(t.i for t in toks)
    return tok.doc[lo:hi + 1].text


def resolve_phrase(finder: MentionFinder, doc: Doc, day: date | None) -> Actor | None:
    """The actor a short phrase stands for ("President Biden", "the Kremlin"), or None."""
    resolver = DocActors(finder, doc, day)
    # The phrase's head is its syntactic root when that is a noun ("the Chinese ambassador in
    # Pyongyang"); a lone phrase is often misparsed, so nouns read from the right come next
    # ("the North Korean army"), and an answer with a role beats one without.
    roots = [t for t in doc if t.head.i == t.i and t.pos_ in ("NOUN", "PROPN")]
    nouns = [t for t in reversed(doc) if t.pos_ in ("NOUN", "PROPN") and t not in roots]
    found: list[Actor] = []
    for tok in roots + nouns:
        found += [a for a in resolver.actors_for(tok) if a.country or a.igo]
    for a in found:
        if a.role:
            return a
    if found:
        return found[0]
    for m in resolver.mentions:
        a = resolver.mention_actor(m)
        if a is not None and (a.country or a.igo):
            return a
    text = doc.text.strip()
    if text in finder.surnames:  # a bare family name, whatever the tagger made of it ("Trump")
        key = resolver._link_surname(text)
        return resolver._person_actor(key, text) if key else None
    return None