"""The first pass: whether a document can hold an event at all, found from its tokens alone.

Parsing is nearly all of the coder's cost. Before a document is parsed, its tokens (the
tokenizer alone runs at a few hundred thousand tokens a second; the Doc it makes is the one
the pipeline then parses, so nothing is tokenized twice) are searched for a **trigger**: a token
one of whose possible lemmas starts an event in the data the coder itself loads (the verb and
noun patterns of the lexicon, the user's ``--patterns`` included, the judgement verbs, and the
reporting verbs and message nouns of reported obligations when an obligation auxiliary is
there too). A token's possible lemmas are its lower-cased form, what spaCy's own rule
lemmatizer makes of it read as a noun, verb, adjective or adverb, and the inflection guesses
the coder adds (``events.coder._lemma_candidates``): a superset of the lemma the tagged
pipeline gives it. The search stops at the first trigger, so a news article costs a few dozen
dictionary look-ups.

**Why it is sound.** Every event the coder makes has its trigger token (a verb, noun,
judgement or reporting verb whose lemma is in that data); a document with none gives no event,
whatever its actors, and is returned with no events unparsed (its sentence count then comes
from line breaks and full stops).

**Why only whole documents.** Skipping single sentences was measured and rejected: (1) the
parser sets most sentence boundaries, so a sentence left out could not be placed (events carry
their sentence's index, which the confidence model also reads); (2) the document memory (who
"he" or "they" is, the last actor, local people) is written by every sentence, triggers or
not, and read by later ones; (3) on the real-news corpus 85.7% of sentences hold a trigger
word (mostly "say" and its kin, which code only in some constructions), so at most 14% could
go. The speed comes instead from ``polevent.fastpipes`` (same output, cheaper components).

``Coder(screen=False)`` (``polevent code --no-screen``) parses every document;
tests/test_screen.py codes every shared gold set both ways and compares the events.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .events.coder import COPULAS
from .events.modality import inflection_guesses

LEMMA_POS = ("noun", "verb", "adj", "adv")
# A cache of possible lemmas per word form: news vocabulary is bounded, and a cap keeps memory flat.
CACHE_CAP = 100_000


class Screen:
    """Built once per Coder from the coder's own data; ``holds_trigger(doc)`` per tokenized document."""

    def __init__(self, nlp: Language, sentence_coder) -> None:
        self.nlp = nlp
        lex = sentence_coder.lex
        rules = sentence_coder.rules
        self.triggers: set[str] = set()
        # "pull out" starts with "pull"; "be critical" (a copula and its adjective) needs "critical";
        # a copula read only with some objects ("been in talks with") needs one of them, or nearly
        # every document would hold a trigger
        for key, patterns in lex.verbs.items():
            head = key.split(" ")[0]
            if key.startswith("be "):
                self.triggers.add(key.split(" ")[1])
            elif head in COPULAS and all(p.objects for p in patterns):
                self.triggers.update(o.split(" ")[-1] for p in patterns for o in p.objects)
            else:
                self.triggers.add(head)
        self.triggers.update(key.split(" ")[-1] for key in lex.nouns)  # "hunger strike" is "strike"
        self.triggers.update(sentence_coder.judgements.verbs)
        # Reported obligations ("X said that Y must ...") need an obligation auxiliary too.
        self.obliging = set(rules.report_verbs) | set(rules.message_nouns)
        self.auxiliaries = {a.lower() for a in rules.obligation_auxiliaries}
        self._lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self._lemmas: dict[str, frozenset[str]] = {}
        # Lemmas the attribute ruler writes ("gon" of "gonna" is "go"): by word, or by regex.
        self._ruled: list[tuple[object, str]] = []
        if "attribute_ruler" in nlp.pipe_names:
            import re
            for group in nlp.get_pipe("attribute_ruler").patterns:
                lemma = group.get("attrs", {}).get("LEMMA")
                if not lemma:
                    continue
                for pattern in group["patterns"]:
                    cond = pattern[group.get("index", 0)].get("LOWER")
                    if isinstance(cond, str):
                        self._ruled.append(({cond}, lemma.lower()))
                    elif isinstance(cond, dict) and "IN" in cond:
                        self._ruled.append((set(cond["IN"]), lemma.lower()))
                    elif isinstance(cond, dict) and "REGEX" in cond:
                        self._ruled.append((re.compile(cond["REGEX"]), lemma.lower()))
                    else:  # a condition not on the word: the lemma may land on any token
                        self._ruled.append((None, lemma.lower()))

    # -- words ---------------------------------------------------------------------------------
    def lemmas(self, text: str) -> frozenset[str]:
        """Every lemma a token spelled ``text`` may get: its lower-cased form, the rule
        lemmatizer's readings as a noun, verb, adjective and adverb, and the coder's guesses."""
        found = self._lemmas.get(text)
        if found is not None:
            return found
        low = text.lower()
        out = set(inflection_guesses(low))
        lem = self._lemmatizer
        if lem is not None and getattr(lem, "mode", None) == "rule":
            probe = Doc(self.nlp.vocab, words=[text])
            tok = probe[0]
            for pos in LEMMA_POS:
                tok.pos_ = pos.upper()
                try:
                    out.update(x.lower() for x in lem.rule_lemmatize(tok))
                except Exception:  # noqa: BLE001 - a lemmatizer without tables: see below
                    out.update(self.triggers)
        elif lem is not None:
            # A lemmatizer the screen cannot ask word by word: every word may be a trigger.
            out.update(self.triggers)
        for words, lemma in self._ruled:
            if words is None or (low in words if isinstance(words, set) else words.search(low)):
                out.add(lemma)
        for x in list(out):
            out.update(inflection_guesses(x))
        found = frozenset(out)
        if len(self._lemmas) >= CACHE_CAP:
            self._lemmas.clear()
        self._lemmas[text] = found
        return found

    # -- documents -----------------------------------------------------------------------------
    def holds_trigger(self, doc: Doc) -> bool:
        """Whether any token of ``doc`` (tokenized only) can trigger an event."""
        obliging = auxiliary = False
        for tok in doc:
            if tok.is_space or tok.is_punct:
                continue
            lemmas = self.lemmas(tok.text)
            if lemmas & self.triggers:
                return True
            obliging = obliging or bool(lemmas & self.obliging)
            auxiliary = auxiliary or tok.lower_ in self.auxiliaries
            if obliging and auxiliary:
                return True
        return False


def rough_sentences(doc: Doc) -> int:
    """Sentences of an unparsed document: lines, and full stops inside them."""
    n = 0
    fresh = True
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            fresh = True
            continue
        if fresh and not tok.is_space:
            n += 1
            fresh = False
        if tok.text in (".", "!", "?"):
            fresh = True
    return n
