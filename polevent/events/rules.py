"""Which coded acts are events, and code adjustments by who acts (``data/cameo/coding.yml``).

The sentence coder finds acts; this table decides what a careful coder keeps: acts without an
addressee only where the act has none by nature, pairs among joint doers only for acts done
together, acts of society only where they are political, and no background history. It also
holds the role-conditioned rewrites (a state's protest is a formal complaint), so that adding one
is a line of data, not a new branch in the coder.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

import yaml

from ..model import Actor


class RulesError(ValueError):
    """The coding table does not follow its format."""


@dataclass(frozen=True)
class Adjustment:
    prefixes: tuple[str, ...]
    to: str  # the new code, or with ``keep_rest`` the new root ("02x" -> "10x")
    doers: frozenset[str] = frozenset()
    lemmas: frozenset[str] = frozenset()
    joint: bool | None = None
    untargeted: bool | None = None
    keep_rest: bool = False
    complement: bool | None = None

    def applies(self, code: str, sources: list[Actor], lemma: str, joint: bool, targeted: bool,
                state_names: set[str], complement: bool = False) -> bool:
        if not code.startswith(self.prefixes):
            return False
        if self.complement is not None and complement != self.complement:
            return False
        if self.lemmas and lemma not in self.lemmas:
            return False
        if self.joint is not None and joint != self.joint:
            return False
        if self.untargeted is not None and targeted == self.untargeted:
            return False
        if self.doers:
            if not sources:
                return False
            for s in sources:
                state = s.role is None and "STATE" in self.doers and s.text in state_names
                if not state and s.role not in self.doers:
                    return False
        return True


@dataclass(frozen=True)
class CodingRules:
    monadic: tuple[str, ...]
    symmetric: tuple[str, ...]
    reciprocal: frozenset[str]
    max_joint_parties: int
    background_days: int
    society_roots: dict[str, frozenset[str]]
    adjustments: tuple[Adjustment, ...]
    topic_roots: tuple[str, ...] = ()
    topic_nouns: frozenset[str] = frozenset()
    sports_words: frozenset[str] = frozenset()
    sports_density: float = 1.0
    timeless_phrases: tuple[str, ...] = ()
    addressed: tuple[str, ...] = ()
    subsumed: tuple[str, ...] = ()

    def is_addressed(self, code: str) -> bool:
        """Whether an act in ``code`` is toward only those it is made to (plain statements)."""
        return code in self.addressed

    def is_subsumed(self, code: str) -> bool:
        """Whether an act in ``code`` gives way to a more specific act between the same parties
        in its sentence."""
        return code in self.subsumed

    def is_timeless(self, sentence: str) -> bool:
        """Whether an undated sentence tells a record over time ("the only president in the
        history of the republic to ..."), not a happening of the day."""
        return self._timeless is not None and self._timeless.search(" ".join(sentence.lower().split())) is not None

    @cached_property
    def _timeless(self) -> re.Pattern[str] | None:
        """All timeless phrases as one pattern, compiled once (is_timeless runs per event)."""
        if not self.timeless_phrases:
            return None
        # "#": a number, "*": one word
        phrases = [re.escape(p).replace(r"\#", r"\d+").replace(r"\*", r"\S+") for p in self.timeless_phrases]
        return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")

    def is_sports(self, doc) -> bool:
        """Whether a parsed document is about sport: sports words per sentence at the density."""
        n_sents = sum(1 for _ in doc.sents) or 1
        hits = sum(1 for t in doc if t.lower_ in self.sports_words or t.lemma_.lower() in self.sports_words)
        return hits >= 3 and hits / n_sents >= self.sports_density

    def is_topic(self, root: str, obj) -> bool:
        """Whether object ``obj`` of an act in ``root`` is what the act is about, not whom it
        addresses ("discussed bilateral relations", "commented on the border dispute")."""
        return root in self.topic_roots and obj.lemma_.lower() in self.topic_nouns

    def is_monadic(self, code: str) -> bool:
        return code.startswith(self.monadic)

    def is_symmetric(self, code: str) -> bool:
        return code.startswith(self.symmetric)

    def political(self, source: Actor, code: str) -> bool:
        """Whether ``source`` doing ``code`` is a political act (society acts only in some roots)."""
        allowed = self.society_roots.get(source.role or "")
        return allowed is None or code[:2] in allowed

    def adjust(self, code: str, sources: list[Actor], lemma: str, joint: bool, targeted: bool,
               state_names: set[str], complement: bool = False) -> str:
        """``complement``: the trigger has a clause saying what someone is to do ("asked X to ...")."""
        for rule in self.adjustments:
            if rule.applies(code, sources, lemma, joint, targeted, state_names, complement):
                return rule.to + code[len(rule.to):] if rule.keep_rest else rule.to
        return code


def _codes(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.isdigit() and 2 <= len(v) <= 4
                                              for v in value):
        raise RulesError(f"coding.yml: {where}: want a list of quoted CAMEO code prefixes")
    return tuple(value)


def parse_rules(data: dict, known_codes: Iterable[str]) -> CodingRules:
    """Validate the table: every code and prefix must exist in the CAMEO codebook."""
    codes = set(known_codes)

    def check(prefixes: tuple[str, ...], where: str) -> tuple[str, ...]:
        for p in prefixes:
            if not any(c.startswith(p) for c in codes):
                raise RulesError(f"coding.yml: {where}: {p!r} is no CAMEO code or prefix")
        return prefixes

    adjustments = []
    for i, entry in enumerate(data.get("adjustments") or []):
        where = f"adjustments[{i}]"
        unknown = set(entry) - {"from", "to", "to_root", "doers", "lemma", "joint", "untargeted", "complement"}
        if unknown:
            raise RulesError(f"coding.yml: {where}: unknown keys {sorted(unknown)}")
        prefixes = check(_codes(entry.get("from"), where), where)
        if ("to" in entry) == ("to_root" in entry):
            raise RulesError(f"coding.yml: {where}: give one of 'to' and 'to_root'")
        to = str(entry.get("to", entry.get("to_root", "")))
        if "to_root" in entry:
            # the rest of each code under `from` moves to the same place under the new root
            moved = [to + c[len(to):] for c in codes if c.startswith(prefixes)]
            if len(to) != 2 or any(len(p) != 2 for p in prefixes) or not all(m in codes for m in moved):
                raise RulesError(f"coding.yml: {where}: 'to_root' {to!r}: want two-digit roots with the "
                                 "same sub-codes")
        elif to not in codes:
            raise RulesError(f"coding.yml: {where}: 'to' {to!r} is no CAMEO code")
        lemmas = entry.get("lemma") or []
        lemmas = [lemmas] if isinstance(lemmas, str) else lemmas
        adjustments.append(Adjustment(prefixes, to, frozenset(entry.get("doers") or ()),
                                      frozenset(str(w).lower() for w in lemmas),
                                      entry.get("joint"), entry.get("untargeted"), "to_root" in entry,
                                      entry.get("complement")))
    society = {}
    for role, roots in (data.get("society_roots") or {}).items():
        society[str(role)] = frozenset(check(_codes(roots, f"society_roots.{role}"), f"society_roots.{role}"))
    try:
        max_joint = int(data["max_joint_parties"])
        background = int(data["background_days"])
    except (KeyError, TypeError, ValueError):
        raise RulesError("coding.yml: max_joint_parties and background_days must be whole numbers") from None
    return CodingRules(check(_codes(data.get("monadic"), "monadic"), "monadic"),
                       check(_codes(data.get("symmetric"), "symmetric"), "symmetric"),
                       frozenset(str(w).lower() for w in data.get("reciprocal") or ()), max_joint, background,
                       society, tuple(adjustments), check(_codes(data.get("topic_roots") or [], "topic_roots"), "topic_roots"),
                       frozenset(str(w).lower() for w in data.get("topic_nouns") or ()),
                       frozenset(str(w).lower() for w in data.get("sports_words") or ()),
                       float(data.get("sports_density") or 1.0),
                       tuple(str(w).lower() for w in data.get("timeless_phrases") or ()),
                       check(_codes(data.get("addressed") or [], "addressed"), "addressed"),
                       check(_codes(data.get("subsumed") or [], "subsumed"), "subsumed"))


@lru_cache(maxsize=1)
def load_coding_rules() -> CodingRules:
    from .cameo import cameo_table
    ref = resources.files("polevent") / "data" / "cameo" / "coding.yml"
    return parse_rules(yaml.safe_load(ref.read_text(encoding="utf-8")), cameo_table())
