"""CAMEO in depth: every code has a pattern and an example sentence, and the examples code.

The two-digit roots (01 ... 20) are categories, not codes an event is given: the lexicon and
the coder always produce a more specific code (010, 190, ...). They are exempt from both the
pattern and the example requirement.

Every sentence of tests/data/cameo_examples.tsv was written for this test (one per non-root
code, with the actors it names). The matcher is not perfect, so the coding checks are
thresholds, set a little below what the coder achieves; the failing rows are printed so that
a regression (or an improvement) is visible: run with ``pytest -rA -s``.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from polevent.events.cameo import cameo_table
from polevent.events.lexicon import load_lexicon
from polevent.model import Document

EXAMPLES = Path(__file__).resolve().parent / "data" / "cameo_examples.tsv"
ROOTS = [f"{n:02d}" for n in range(1, 21)]

# Measured when the examples were written: 271/291 (93.1%) at root level, 258/291 (88.7%) with
# the exact code. The floors sit about one example below what the coder achieves.
ROOT_LEVEL_FLOOR = 0.90     # an event with the code's root, the source and (when given) the target
EXACT_FLOOR = 0.85          # the same, with exactly the example's code
FAMILY_FLOORS = {           # root level, per CAMEO root (passing/examples when measured)
    "01": 0.80,  # 9/10
    "02": 0.80,  # 23/27
    "03": 0.85,  # 25/28
    "04": 0.85,  # 7/7
    "05": 0.85,  # 8/8
    "06": 0.60,  # 4/5
    "07": 0.80,  # 6/6
    "08": 0.75,  # 20/25
    "09": 0.80,  # 5/5
    "10": 0.85,  # 25/27
    "11": 0.90,  # 12/12
    "12": 0.90,  # 25/26
    "13": 0.95,  # 22/22
    "14": 0.90,  # 25/26
    "15": 0.80,  # 5/5
    "16": 0.80,  # 12/13
    "17": 0.90,  # 12/12
    "18": 0.90,  # 13/13
    "19": 0.70,  # 6/7
    "20": 0.85,  # 7/7
}


def non_root_codes() -> list[str]:
    return [c for c in cameo_table() if len(c) > 2]


def read_examples() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass
class Outcome:
    row: dict[str, str]
    produced: list[tuple[str | None, str | None, str]]   # (source key, target key, cameo)

    def _actors_match(self, src: str | None, tgt: str | None) -> bool:
        want_tgt = self.row["target"] or None
        return src == self.row["source"] and (want_tgt is None or tgt == want_tgt)

    @property
    def root_ok(self) -> bool:
        root = cameo_table()[self.row["code"]].root
        return any(c[:2] == root and self._actors_match(s, t) for s, t, c in self.produced)

    @property
    def exact_ok(self) -> bool:
        return any(c == self.row["code"] and self._actors_match(s, t) for s, t, c in self.produced)

    def describe(self) -> str:
        got = ", ".join(f"{s}->{t or '-'} {c}" for s, t, c in self.produced) or "no event"
        want = f"{self.row['source']}->{self.row['target'] or '*'} {self.row['code']}"
        return f"{self.row['code']:>5} want {want:<22} got {got}\n      {self.row['sentence']}"


@pytest.fixture(scope="module")
def outcomes(coder) -> list[Outcome]:
    """Every example coded in one batch, one document per sentence. Acts whose target the
    sentence does not name are kept (monadic): these rows test the code the lexicon gives."""
    rows = read_examples()
    docs = [Document(id=f"ex{i}", text=r["sentence"], published=date.fromisoformat(r["published"]))
            for i, r in enumerate(rows)]
    coder.monadic = True
    try:
        results = list(coder.code(docs))
    finally:
        coder.monadic = False
    assert len(results) == len(rows)
    out = []
    for row, res in zip(rows, results):
        produced = [(e.source.key(), e.target.key() if e.target else None, e.cameo) for e in res.events]
        out.append(Outcome(row, produced))
    return out


def _report(title: str, failing: list[Outcome]) -> str:
    return f"{title}: {len(failing)} failing\n" + "\n".join(o.describe() for o in failing)


# ---- coverage --------------------------------------------------------------------------------

def test_every_code_has_a_pattern():
    lex = load_lexicon()
    have = {p.code for index in (lex.verbs, lex.nouns) for pats in index.values() for p in pats}
    missing = [c for c in non_root_codes() if c not in have]
    assert not missing, f"codes without a verb or noun pattern: {missing}"


def test_every_code_has_an_example():
    rows = read_examples()
    table = cameo_table()
    codes = [r["code"] for r in rows]
    assert all(c in table and len(c) > 2 for c in codes), [c for c in codes if c not in table or len(c) <= 2]
    missing = [c for c in non_root_codes() if c not in codes]
    assert not missing, f"codes without an example sentence: {missing}"
    for r in rows:
        assert r["sentence"].strip() and r["source"], r
        date.fromisoformat(r["published"])


# ---- coding the examples ---------------------------------------------------------------------

def test_examples_code_at_root_level(outcomes):
    failing = [o for o in outcomes if not o.root_ok]
    share = 1 - len(failing) / len(outcomes)
    print(f"\nroot level: {len(outcomes) - len(failing)}/{len(outcomes)} ({share:.1%})")
    print(_report("root level", failing))
    assert share >= ROOT_LEVEL_FLOOR, _report(f"root level {share:.1%} < {ROOT_LEVEL_FLOOR:.0%}", failing)


def test_examples_code_exactly(outcomes):
    failing = [o for o in outcomes if not o.exact_ok]
    share = 1 - len(failing) / len(outcomes)
    print(f"\nexact code: {len(outcomes) - len(failing)}/{len(outcomes)} ({share:.1%})")
    print(_report("exact code", failing))
    assert share >= EXACT_FLOOR, _report(f"exact code {share:.1%} < {EXACT_FLOOR:.0%}", failing)


@pytest.mark.parametrize("root", ROOTS)
def test_family_at_root_level(outcomes, root):
    table = cameo_table()
    family = [o for o in outcomes if table[o.row["code"]].root == root]
    assert family, f"no examples for root {root}"
    failing = [o for o in family if not o.root_ok]
    share = 1 - len(failing) / len(family)
    assert share >= FAMILY_FLOORS[root], _report(f"root {root}: {share:.0%} < {FAMILY_FLOORS[root]:.0%}", failing)
