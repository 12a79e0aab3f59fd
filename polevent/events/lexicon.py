"""Verb and noun patterns (``data/cameo/verbs.yml``) indexed for the coder.

A pattern says: this verb lemma (optionally with a particle, a preposition, or a class of
objects) codes as this CAMEO code. Users add their own files of the same format
(``--patterns FILE``); later entries with the same key override earlier ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import yaml

from .cameo import cameo_table

# libyaml's C loader when present: the shipped patterns load in a fraction of the pure-Python
# time, which every worker process pays at start-up. Both are safe loaders.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PatternError(ValueError):
    """A malformed pattern file; the message names the file and the entry."""


@dataclass(frozen=True)
class Pattern:
    code: str
    lemma: str                 # verb lemma, with " particle" for phrasal verbs; or a noun lemma
    prep: str | None = None
    objects: frozenset[str] | None = None
    invert: bool = False
    nominal: bool = False
    needs_target: bool = False  # only when someone is named as affected; else a less specific entry

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.prep else 0)


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]

    def verb_patterns(self, lemma: str) -> list[Pattern]:
        return self.verbs.get(lemma, [])

    def noun_patterns(self, lemma: str) -> list[Pattern]:
        return self.nouns.get(lemma, [])


def _as_list(value: Any, where: str, field: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise PatternError(f"{where}: '{field}' must be a word or a list of words")


def add_patterns(lex: Lexicon, entries: Any, name: str) -> None:
    if entries is None:
        return
    if not isinstance(entries, list):
        raise PatternError(f"{name}: expected a list of pattern entries")
    table = cameo_table()
    for n, entry in enumerate(entries, 1):
        where = f"{name}: entry {n}"
        if not isinstance(entry, dict):
            raise PatternError(f"{where}: not a mapping")
        code = str(entry.get("code", "")).strip()
        if code not in table:
            raise PatternError(f"{where}: unknown CAMEO code {code!r}")
        verbs = _as_list(entry.get("verbs"), where, "verbs")
        nouns = _as_list(entry.get("nouns"), where, "nouns")
        if bool(verbs) == bool(nouns):
            raise PatternError(f"{where}: needs exactly one of 'verbs' or 'nouns'")
        objects = _as_list(entry.get("objects"), where, "objects")
        prep = entry.get("prep")
        if prep is not None and not isinstance(prep, str):
            raise PatternError(f"{where}: 'prep' must be one word")
        unknown = set(entry) - {"code", "verbs", "nouns", "objects", "prep", "invert", "needs_target", "note"}
        if unknown:
            raise PatternError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        objs = frozenset(o.lower() for o in objects) if objects else None
        for lemma in verbs:
            pat = Pattern(code, " ".join(lemma.lower().split()), prep.lower() if prep else None, objs,
                          bool(entry.get("invert")), False, bool(entry.get("needs_target")))
            _insert(lex.verbs, pat)
        for lemma in nouns:
            pat = Pattern(code, lemma.lower().strip(), prep.lower() if prep else None, objs, False, True)
            _insert(lex.nouns, pat)


def _insert(index: dict[str, list[Pattern]], pat: Pattern) -> None:
    lst = index.setdefault(pat.lemma, [])
    lst[:] = [p for p in lst if (p.prep, p.objects) != (pat.prep, pat.objects)]
    lst.append(pat)


def load_lexicon(extra: Iterable[str | Path] = ()) -> Lexicon:
    lex = Lexicon({}, {})
    base = resources.files("polevent") / "data" / "cameo"
    # The main lexicon, then topic files under patterns/ in name order (later entries with the
    # same verb, preposition and objects override earlier ones), then the user's files.
    shipped = [("verbs.yml", base / "verbs.yml")]
    pattern_dir = base / "patterns"
    if pattern_dir.is_dir():
        shipped += sorted(((f"patterns/{f.name}", f) for f in pattern_dir.iterdir() if f.name.endswith(".yml")),
                          key=lambda item: item[0])
    for name, ref in shipped:
        add_patterns(lex, yaml.load(ref.read_text(encoding="utf-8"), Loader=_LOADER), f"polevent/data/cameo/{name}")
    for path in extra:
        p = Path(path)
        try:
            data = yaml.load(p.read_text(encoding="utf-8"), Loader=_LOADER)
        except OSError as exc:
            raise PatternError(f"{p}: cannot read ({exc.strerror})") from None
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise PatternError(f"{p}{line}: not valid YAML") from None
        add_patterns(lex, data, str(p))
    return lex
