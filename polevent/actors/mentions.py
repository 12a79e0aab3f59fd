"""Finding actor mentions in a parsed document.

Known names (countries, demonyms, capitals, organisations, people) are matched by their tokens
(``names.NameIndex``, built from the knowledge files); the statistical NER only adds people the knowledge
does not list, who are then linked by family name to a known person where possible.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .knowledge import TITLES, Knowledge
from .names import NameIndex, tokenized
from .spelling import SpellingIndex


# Entity labels of names that contain other names without being those names' bearers.
NAME_LABELS = {"ORG", "FAC", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# "pro-EU", "anti-Western": prefixes of a stance toward the name that follows.
STANCE_PREFIXES = {"pro", "anti", "non", "post", "pre", "ex"}
# Names of days, documents and works: a state or person named inside one is not an actor there.
THING_LABELS = {"DATE", "LAW", "WORK_OF_ART"}
# Words after a demonym that make it the name of a sea ("the Indian Ocean").
SEA_WORDS = {"Ocean", "Sea", "Gulf", "Straits"}
# Words after a state's name that make it a currency's name.
CURRENCY_WORDS = {"dollar", "dollars", "cent", "cents", "pound", "pounds", "euro", "euros", "yuan", "yen",
                  "rupee", "rupees", "peso", "pesos", "franc", "francs", "rouble", "ruble", "roubles", "rubles",
                  "dinar", "dinars", "riyal", "rial", "lira", "won", "rand", "shilling", "shillings", "naira",
                  "real", "reais", "krona", "krone", "kronor", "kroner", "zloty", "ringgit", "baht", "dong"}


def _acronym(text: str) -> bool:
    letters = text.replace(".", "").replace("-", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _in_longer_name(tok) -> bool:
    """Whether a proper noun is one word of a multiword name ("Islamic Emirate")."""
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children) or (
        tok.dep_ == "compound" and tok.head.pos_ == "PROPN")


def name_variants(name: str) -> list[str]:
    """A name and its spellings of the Arabic article: "Al Thani", "al-Thani", "Al-Thani", "al Thani"."""
    out = [name]
    words = name.split(" ")
    for i, w in enumerate(words):
        if i == 0:
            continue
        low = w.lower()
        if low in ("al", "el") and i + 1 < len(words):
            rest = " ".join(words[i + 1:])
            head = " ".join(words[:i])
            out += [f"{head} {a}-{rest}" for a in (low, low.capitalize())]
            out.append(f"{head} {low} {rest}")
        elif low.startswith(("al-", "el-")) and len(w) > 3:
            head = " ".join(words[:i])
            tail = " ".join([w[3:], *words[i + 1:]])
            a = low[:2]
            out += [f"{head} {a.capitalize()} {tail}", f"{head} {a} {tail}",
                    f"{head} {a.capitalize()}-{tail}", f"{head} {a}-{tail}"]
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Mention:
    start: int  # token index in the doc
    end: int
    kind: str   # country | demonym | capital | place | people | org | person | person_unknown
    key: str    # ISO3, org name or person name ("" for an unknown person)
    text: str


class MentionFinder:
    """Holds the compiled matcher; build once per process, reuse for every document."""

    def __init__(self, nlp: Language, kb: Knowledge) -> None:
        self.kb = kb
        # Words the model has seen spelled this way are words, not slips ("Omar", "Koran").
        known_words = {s.lower() for s in nlp.vocab.strings}
        self.labels: dict[int, tuple[str, str]] = {}
        surfaces = kb.surfaces()
        # State, capital and place names in lower case, for words written in capitals (datelines)
        self._places = {s.lower(): key for s, (kind, key) in surfaces.items() if kind in ("country", "capital", "place")}
        by_label: dict[str, list[str]] = {}
        for surface, (kind, key) in surfaces.items():
            label = f"{kind}\x1f{key}"
            for variant in name_variants(surface) if kind in ("person", "org") else [surface]:
                if variant == surface or variant not in surfaces:
                    by_label.setdefault(label, []).append(variant)
            # Possessive and curly-apostrophe variants tokenise the same, so one pattern serves.
        cut = tokenized(nlp, (v for variants in by_label.values() for v in variants))
        ids = {label: nlp.vocab.strings.add(label) for label in by_label}
        self.names = NameIndex({ids[label]: [cut[v] for v in variants] for label, variants in by_label.items()})
        for label, match_id in ids.items():
            kind, key = label.split("\x1f", 1)
            self.labels[match_id] = (kind, key)
        self.surnames = kb.surnames()
        self.spelling = SpellingIndex({s: (kind, key) for s, (kind, key) in surfaces.items()
                                       if kind in ("country", "demonym")}, known_words)
        # Names that are a state or an organisation themselves ("China", "the Kremlin"), so that
        # an actor's text tells a state's own act from one by its people ("Chinese students").
        self.state_names = {s for s, (kind, _) in surfaces.items() if kind in ("country", "capital", "org")}

    def place_state(self, words: str) -> str | None:
        """The state of a state, capital or place named by ``words`` in any case ("NEW DELHI")."""
        return self._places.get(words.lower())

    def find(self, doc: Doc) -> list[Mention]:
        spans: list[Span] = []
        known: set[int] = set()  # tokens inside a known state, people or place name
        for match_id, start, end in self.names.matches(doc):
            spans.append(Span(doc, start, end, label=match_id))
            if self.labels[match_id][0] in ("country", "demonym", "capital", "place", "people"):
                known.update(range(start, end))
        for ent in doc.ents:
            end = ent.end
            while end > ent.start + 1 and doc[end - 1].tag_ == "POS":
                end -= 1  # "Sri Lanka's" tagged as a person: the possessive ending is no part of a name
            if ent.label_ == "PERSON" and not all(i in known for i in range(ent.start, end)):
                # ("Bosnian Serbs" tagged as a person is two peoples, not a name.)
                spans.append(Span(doc, ent.start, end, label="PERSON"))
        spans = filter_spans(spans)  # longest wins; a known name beats an NER guess of equal length
        mentions: list[Mention] = []
        for span in spans:
            if span.label_ == "PERSON":
                mentions.append(Mention(span.start, span.end, "person_unknown", "", span.text))
            else:
                kind, key = self.labels[span.label]
                mentions.append(Mention(span.start, span.end, kind, key, span.text))
        covered = {i for m in mentions for i in range(m.start, m.end)}
        # A country name or demonym with a typing slip ("Ethopia"), only where nothing else matched.
        people = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        for tok in doc:
            if (tok.pos_ == "PROPN" or tok.ent_type_ in ("GPE", "NORP", "LOC")) \
                    and tok.i not in covered and tok.i not in people and tok.text not in self.surnames \
                    and not _in_longer_name(tok):
                # ("Hollande" is a listed president's name, not "Holland" misspelt; "Emirate" of
                # "the Islamic Emirate" is a word of a longer name, not "Emirates" misspelt)
                found = self.spelling.guess(tok.text)
                if found is not None:
                    mentions.append(Mention(tok.i, tok.i + 1, found[0], found[1], tok.text))
                    covered.add(tok.i)
        # Bare family names the NER missed ("Putin said"), only as proper nouns.
        for tok in doc:
            if tok.i not in covered and tok.pos_ == "PROPN" and tok.text in self.surnames:
                if tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–") and not doc[tok.i].whitespace_:
                    continue  # "Chan" of "Chan-o-cha" is part of a longer name
                if self._name_word(doc, tok.i + 1, covered):
                    continue  # "Rashid" inside "Haroon Rashid Aswad" is no one's family name
                if tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in self.kb.role_words \
                        and doc[tok.i + 2].pos_ == "PROPN":
                    continue  # "Major General Abel Kandiho": a word of a rank before a name
                # The given names before it stay in the mention, so that the resolver can tell
                # "Haroon Rashid" from the listed "Mohammed bin Rashid".
                start = tok.i
                while self._name_word(doc, start - 1, covered):
                    start -= 1
                mentions.append(Mention(start, tok.i + 1, "person_unknown", "", doc[start:tok.i + 1].text))
        # "the Indian Ocean", "the Arabian Sea": a demonym in the name of a sea is no state
        mentions = [m for m in mentions if not (m.kind == "demonym" and m.end < len(doc)
                                                and doc[m.end].text in SEA_WORDS)]
        # "nine billion US dollars", "Hong Kong dollars": a currency, not its state
        mentions = [m for m in mentions if not (m.end < len(doc) and doc[m.end].lemma_.lower() in CURRENCY_WORDS
                                                and m.kind in ("country", "demonym", "capital", "place"))]
        # "the Bill and Melinda Gates Foundation", "Jefferson Street": a name inside a longer name the
        # parser found (an organisation, a place, a building) is no one of its own
        outer = [e for e in doc.ents if e.label_ in NAME_LABELS]
        mentions = [m for m in mentions if m.kind != "person_unknown" or not any(
            e.start <= m.start and m.end <= e.end and (e.end - e.start) > (m.end - m.start) for e in outer)]
        # ... and no known name is one inside the name of a day or a document ("the May Day
        # protest", "signed the Islamabad Declaration", "the Paris Agreement")
        things = [e for e in doc.ents if e.label_ in THING_LABELS]
        mentions = [m for m in mentions if not any(
            e.start <= m.start and m.end <= e.end and doc[e.end - 1].i >= m.end for e in things)]
        # "the pro-EU bloc", "pro-Russian separatists", "an anti-NATO rally": a stance toward a state
        # or body, not that state or body
        mentions = [m for m in mentions if not (
            m.start >= 2 and doc[m.start - 1].text in ("-", "\u2011") and doc[m.start - 2].lower_ in STANCE_PREFIXES
            and not doc[m.start - 2].whitespace_ and not doc[m.start - 1].whitespace_)]
        # "the United States National Security Council": a body's name after a capitalised word of
        # the same name ("National") is another body's name, not the listed organisation's
        covered = {i for m in mentions for i in range(m.start, m.end)}
        mentions = [m for m in mentions if not (m.kind == "org" and self._named_further(doc, m, covered))]
        mentions.sort(key=lambda m: m.start)
        if any(m.kind == "shared" for m in mentions):
            mentions = self._shared_places(mentions)
        return self._acronyms(doc, mentions)

    def _shared_places(self, mentions: list[Mention]) -> list[Mention]:
        """Give a place name of several states ("Tripoli") the one the document names."""
        named = {m.key for m in mentions if m.kind in ("country", "demonym", "capital")}
        out: list[Mention] = []
        for m in mentions:
            if m.kind != "shared":
                out.append(m)
                continue
            default, codes = self.kb.shared[m.key]
            hits = [c for c in codes if c in named]
            iso = hits[0] if len(hits) == 1 else default
            if iso is None:
                continue
            country = self.kb.countries.get(iso)
            kind = "capital" if country is not None and m.key in country.capitals else "place"
            out.append(Mention(m.start, m.end, kind, iso, m.text))
        return out

    def _acronyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """An acronym in brackets after a name is that name's short form, here and later on.

        "the Hanseatic Trade League (HTL)": HTL takes the league's mention if the league is
        known, and is no one (not an unrelated listed "HTL") if it is not.
        """
        ends = {m.end: m for m in mentions}
        covered = {i for m in mentions for i in range(m.start, m.end)}
        short: dict[str, Mention | None] = {}
        for i in range(2, len(doc) - 1):
            tok = doc[i]
            if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not _acronym(tok.text):
                continue
            before = ends.get(i - 1)
            if before is not None:
                # "Narendra Modi (BJP)" names his party, "talks in Geneva (UN)" someone else.
                if before.kind in ("org", "country", "people"):
                    short.setdefault(tok.text, before)
            elif (i - 2) not in covered and doc[i - 2].text[:1].isupper() and doc[i - 2].is_alpha:
                short.setdefault(tok.text, None)
        if not short:
            return mentions
        out: list[Mention] = []
        for m in mentions:
            if m.end - m.start == 1 and m.text in short:
                if short[m.text] is None:
                    continue
                full = short[m.text]
                out.append(Mention(m.start, m.end, full.kind, full.key, m.text))
            else:
                out.append(m)
        for tok in doc:
            full = short.get(tok.text)
            if full is not None and tok.i not in covered:
                out.append(Mention(tok.i, tok.i + 1, full.kind, full.key, tok.text))
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _named_further(doc: Doc, m: Mention, covered: set[int]) -> bool:
        """Whether a capitalised word no mention covers opens the name before ``m`` ("National" of
        "National Security Council")."""
        if m.start == 0:
            return False
        prev = doc[m.start - 1]
        # (a proper noun of the same name, not an adjective: "pro-Iranian Hizbollah" is Hizbollah)
        return (prev.i not in covered and prev.text[:1].isupper() and prev.is_alpha and not prev.is_sent_start
                and prev.pos_ == "PROPN" and prev.ent_type_ not in ("NORP", "GPE")
                and prev.dep_ in ("compound", "amod") and m.start <= prev.head.i < m.end)

    def _name_word(self, doc: Doc, i: int, covered: set[int]) -> bool:
        """Whether token ``i`` is a capitalised part of a person's name no mention covers."""
        if i < 0 or i >= len(doc) or i in covered:
            return False
        tok = doc[i]
        return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha()
                and tok.ent_type_ in ("", "PERSON")  # not "Thursday Putin said"
                and tok.lower_ not in self.kb.role_words and tok.lower_.rstrip('.') not in TITLES)
