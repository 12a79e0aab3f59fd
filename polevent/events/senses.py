"""Senses of ambiguous verbs (``data/cameo/senses.yml``): when a lexicon reading is political.

A lemma is not a sense: "join" is diplomatic cooperation with NATO as its object and nothing with
"the calls"; "attack" is an assault on a village and criticism of an investigation. The lexicon
picks a verb's reading from its objects and prepositions; this table then checks the readings
that need a certain kind of object, and turns violent verbs with abstract objects verbal.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

import yaml

from .lexicon import PatternError

NEEDS = {"actor_object", "state_object", "complement", "consequence"}


@dataclass(frozen=True)
class Sense:
    verbs: frozenset[str]
    codes: tuple[str, ...]
    needs: str | None = None
    objects: frozenset[str] = frozenset()
    code: str | None = None
    drop: bool = False  # with these objects the verb is no political act at all
    reasons: frozenset[str] = frozenset()  # ... or with a reason given after these prepositions
    prep: str | None = None  # only the reading whose pattern takes this preposition ("call on")
    manner: frozenset[str] = frozenset()  # ... or with one of these "preposition object" phrases

    def governs(self, lemma: str, code: str, prep: str | None = None) -> bool:
        return lemma in self.verbs and code.startswith(self.codes) and (self.prep is None or self.prep == prep)


def parse_senses(entries: object, name: str) -> list[Sense]:
    if not isinstance(entries, list):
        raise PatternError(f"{name}: expected a list of sense entries")
    out = []
    for i, e in enumerate(entries):
        where = f"{name}: entry {i + 1}"
        if not isinstance(e, dict):
            raise PatternError(f"{where}: expected a mapping")
        unknown = set(e) - {"verbs", "codes", "needs", "objects", "reasons", "manner", "code", "note", "prep"}
        if unknown:
            raise PatternError(f"{where}: unknown keys {sorted(unknown)}")
        verbs, codes = e.get("verbs"), e.get("codes")
        if not verbs or not isinstance(verbs, list) or not codes or not isinstance(codes, list):
            raise PatternError(f"{where}: 'verbs' and 'codes' must be non-empty lists")
        if not all(isinstance(c, str) and c.isdigit() for c in codes):
            raise PatternError(f"{where}: 'codes' must be quoted CAMEO code prefixes")
        needs = e.get("needs")
        if needs is not None and needs not in NEEDS:
            raise PatternError(f"{where}: 'needs' must be one of {sorted(NEEDS)}")
        if ("objects" in e or "reasons" in e or "manner" in e or needs in ("complement", "consequence")) \
                != ("code" in e):
            raise PatternError(f"{where}: 'objects' (or 'reasons', 'manner', or needs: complement or "
                               "consequence) and 'code' go together")
        if any(len(str(m).split()) != 2 for m in e.get("manner") or ()):
            raise PatternError(f"{where}: 'manner' entries are 'preposition object' (\"into air\")")
        if needs is None and "code" not in e:
            raise PatternError(f"{where}: give 'needs' or 'objects' with 'code'")
        code = e.get("code")
        if "code" in e and code is not None and not (isinstance(code, str) and code.isdigit()):
            raise PatternError(f"{where}: 'code' must be a quoted CAMEO code, or null for no event")
        out.append(Sense(frozenset(str(v).lower() for v in verbs), tuple(codes), needs,
                         frozenset(str(o).lower() for o in e.get("objects") or ()),
                         code, "code" in e and code is None,
                         frozenset(str(o).lower() for o in e.get("reasons") or ()),
                         str(e["prep"]).lower() if e.get("prep") else None,
                         frozenset(str(m).lower() for m in e.get("manner") or ())))
    return out


@lru_cache(maxsize=8)
def _builtin() -> tuple[Sense, ...]:
    ref = resources.files("polevent") / "data" / "cameo" / "senses.yml"
    return tuple(parse_senses(yaml.safe_load(ref.read_text(encoding="utf-8")), "polevent/data/cameo/senses.yml"))


def load_senses(extra: Iterable[str | Path] = ()) -> list[Sense]:
    """The shipped senses, then the user's files (whose entries are checked first)."""
    out = list(_builtin())
    for path in extra:
        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise PatternError(f"{p}: cannot read senses ({exc})") from None
        out = parse_senses(data, str(p)) + out
    return out


@dataclass(frozen=True)
class Judgements:
    """How calling something a name is coded (``data/cameo/judgements.yml``)."""

    verbs: frozenset[str]
    threshold: float
    negative: frozenset[str]
    positive: frozenset[str]
    criticism: str
    praise: str

    def code(self, complement: str) -> str | None:
        """Criticism, praise, or None for a complement that judges neither way."""
        words = {w.strip('"\'“”‘’.,;:!?()[]').lower() for w in complement.split()}
        score = _vader().polarity_scores(complement)["compound"]
        if score <= -self.threshold or words & self.negative:
            return self.criticism
        if score >= self.threshold or words & self.positive:
            return self.praise
        return None


def _vader():
    """The one VADER of the package, with its diplomatic additions (polevent.tone)."""
    from ..tone import analyzer
    return analyzer()


@lru_cache(maxsize=1)
def load_judgements() -> Judgements:
    ref = resources.files("polevent") / "data" / "cameo" / "judgements.yml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    try:
        return Judgements(frozenset(str(v).lower() for v in data["verbs"]), float(data["threshold"]),
                          frozenset(str(v).lower() for v in data["negative"]),
                          frozenset(str(v).lower() for v in data["positive"]),
                          str(data["criticism"]), str(data["praise"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise PatternError(f"polevent/data/cameo/judgements.yml: {exc}") from None
