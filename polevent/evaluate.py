"""Scoring coded events against a gold file of sentence-level cases.

The gold format (a JSON list of ``{"id", "published", "text", "expect", "forbid",
"no_events"}``) and the verdict rules follow the shared evaluation spec: an expected event is
found when some event of the case has the expected root, date (when given), and source/target
countries or IGOs (``null`` matches anything; ``any_dir`` accepts the reverse direction); a
case fails on any missing expected event, any forbidden event, or any event at all where
``no_events`` is set.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from .ingest.dates_in import parse_published
from .model import Document


@dataclass
class Verdict:
    case_id: str
    passed: bool
    reasons: list[str] = field(default_factory=list)
    got: str = ""
    text: str = ""


@dataclass
class Score:
    verdicts: list[Verdict]
    expected_found: int
    expected_total: int

    @property
    def passed(self) -> int:
        return sum(v.passed for v in self.verdicts)

    def summary(self) -> str:
        n = len(self.verdicts)
        return (f"cases passed {self.passed}/{n} ({100.0 * self.passed / max(n, 1):.1f}%), "
                f"expected events found {self.expected_found}/{self.expected_total}")


class GoldError(ValueError):
    """A gold file that does not follow the format."""


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, list) or not all(isinstance(c, dict) and "id" in c and "text" in c for c in data):
        raise GoldError(f"{path}: expected a JSON list of cases with 'id' and 'text'")
    return data


def gold_documents(cases: Iterable[dict[str, Any]]) -> list[Document]:
    docs = []
    for case in cases:
        published: date | None = parse_published(case["published"]) if case.get("published") else None
        docs.append(Document(id=str(case["id"]), text=case["text"], published=published, origin=str(case["id"])))
    return docs


def _actor_key(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("country") or actor.get("igo")


def _root(ev: dict[str, Any]) -> str | None:
    root = ev.get("root") or (ev.get("cameo") or "")[:2]
    return str(root).zfill(2) if root else None


def _matches(ev: dict[str, Any], src: str | None, tgt: str | None, roots: list[str] | None,
             day: str | None = None, any_dir: bool = False) -> bool:
    s, t = _actor_key(ev.get("source")), _actor_key(ev.get("target"))
    if roots and _root(ev) not in roots:
        return False
    if day and ev.get("date") != day:
        return False

    def pair_ok(a: str | None, b: str | None) -> bool:
        return (src is None or a == src) and (tgt is None or b == tgt)
    return pair_ok(s, t) or (any_dir and pair_ok(t, s))


def score(cases: list[dict[str, Any]], events: Iterable[dict[str, Any]]) -> Score:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        by_doc.setdefault(str(ev.get("doc_id")), []).append(ev)
    verdicts: list[Verdict] = []
    found = total = 0
    for case in cases:
        evs = by_doc.get(str(case["id"]), [])
        why: list[str] = []
        for e in case.get("expect", []):
            total += 1
            if any(_matches(ev, e["source"], e["target"], e["roots"], e.get("date"), bool(e.get("any_dir")))
                   for ev in evs):
                found += 1
            else:
                why.append(f"missing {e['source']}->{e['target']} {'/'.join(e['roots'])} {e.get('date') or ''}".strip())
        for f in case.get("forbid", []):
            if any(_matches(ev, f["source"], f["target"], f["roots"]) for ev in evs):
                why.append(f"forbidden {f['source']}->{f['target']} {'/'.join(f['roots'] or [])}")
        if case.get("no_events") and evs:
            why.append(f"expected no events, got {len(evs)}")
        got = "; ".join(f"{_actor_key(ev.get('source'))}->{_actor_key(ev.get('target'))} "
                        f"{ev.get('cameo') or ev.get('root')} {ev.get('date')}" for ev in evs) or "nothing"
        verdicts.append(Verdict(str(case["id"]), not why, why, got, case["text"]))
    return Score(verdicts, found, total)


def format_failures(result: Score) -> list[str]:
    return [f"FAIL {v.case_id}: {', '.join(v.reasons)} | got: {v.got} | {v.text[:90]}"
            for v in result.verdicts if not v.passed]


def root_rates(cases: list[dict[str, Any]], result: Score) -> dict[str, tuple[int, int]]:
    """Pass rate per expected CAMEO root (a case counts under each root it expects)."""
    ok = {v.case_id: v.passed for v in result.verdicts}
    out: dict[str, list[int]] = {}
    for case in cases:
        roots = {r for e in case.get("expect", []) for r in e["roots"][:1]} or {"none"}
        for r in roots:
            cell = out.setdefault(r, [0, 0])
            cell[0] += ok[str(case["id"])]
            cell[1] += 1
    return {r: (p, n) for r, (p, n) in sorted(out.items())}
