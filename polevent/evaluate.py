"""Scoring coded events against a gold file of sentence-level cases.

The gold format (a JSON list of ``{"id", "published", "text", "expect", "forbid",
"no_events"}``) and the verdict rules follow the shared evaluation spec: an expected event is
found when some event of the case has the expected root, date (when given), and source/target
countries or IGOs (``null`` matches anything; ``any_dir`` accepts the reverse direction); a
case fails on any missing expected event, any forbidden event, or any event at all where
``no_events`` is set.

Whole-article cases (``"exhaustive": true``) list every event a careful coder records, so they
also give event-level precision and recall (``prf``), counted as the shared ``score.py prf``
counts them. A case may omit its text and date and name only its article ``id``: ``attach_corpus``
fills them from a JSON Lines corpus, so that gold kept in this repository holds no article text.
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


def load_gold(path: str | Path, corpus: str | Path | None = None) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, list) or not all(isinstance(c, dict) and "id" in c for c in data):
        raise GoldError(f"{path}: expected a JSON list of cases with 'id' and 'text'")
    if corpus is not None:
        data = attach_corpus(data, corpus)
    missing = [str(c["id"]) for c in data if "text" not in c]
    if missing:
        raise GoldError(f"{path}: case {missing[0]} has no 'text' (give --corpus with its article)")
    return data


def attach_corpus(cases: list[dict[str, Any]], corpus: str | Path) -> list[dict[str, Any]]:
    """Give cases that name only an article id the article's text and date from ``corpus``."""
    want = {str(c["id"]) for c in cases if "text" not in c}
    found: dict[str, dict[str, Any]] = {}
    try:
        with open(corpus, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    art = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldError(f"{corpus}:{n}: not valid JSON ({exc.msg})") from None
                if str(art.get("id")) in want:
                    found[str(art["id"])] = art
    except OSError as exc:
        raise GoldError(f"{corpus}: cannot read ({exc.strerror})") from None
    out = []
    for case in cases:
        art = found.get(str(case["id"]))
        if "text" not in case and art is not None:
            case = {**case, "text": art["text"], "published": case.get("published") or art.get("published")}
        out.append(case)
    return out


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


@dataclass
class PRF:
    """Event-level precision and recall over whole-article cases."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    near_duplicates: int = 0
    optional: int = 0
    lines: list[str] = field(default_factory=list)  # per document: false and missed events

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / max(p + r, 1e-9)

    def summary(self) -> str:
        return (f"precision {100 * self.precision:.1f}% ({self.tp}/{self.tp + self.fp}), "
                f"recall {100 * self.recall:.1f}% ({self.tp}/{self.tp + self.fn}), F1 {100 * self.f1:.1f}%"
                f" [near-duplicates {self.near_duplicates}, optional {self.optional}]")


def triple_labels(case: dict[str, Any], events: Iterable[dict[str, Any]]) -> list[tuple[dict[str, Any], str]]:
    """Each distinct (source, target, root) of a document's events with its verdict: ``tp``,
    ``fp``, ``optional`` or ``duplicate`` (another reading of an act already matched)."""
    items = case.get("expect", [])
    used = [False] * len(items)
    seen: set[tuple] = set()
    out: list[tuple[dict[str, Any], str]] = []
    for ev in events:
        key = (_actor_key(ev.get("source")), _actor_key(ev.get("target")), _root(ev))
        if key in seen:
            continue
        seen.add(key)
        hits = [i for i, e in enumerate(items)
                if _matches(ev, e["source"], e["target"], e["roots"], None, bool(e.get("any_dir")))]
        free = [i for i in hits if not used[i] and not items[i].get("optional")]
        if free:
            used[free[0]] = True
            out.append((ev, "tp"))
        elif any(items[i].get("optional") for i in hits):
            out.append((ev, "optional"))
        else:
            out.append((ev, "duplicate" if hits else "fp"))
    case["_missed"] = [e for i, e in enumerate(items) if not used[i] and not e.get("optional")]
    return out


def prf(cases: list[dict[str, Any]], events: Iterable[dict[str, Any]]) -> PRF:
    """Precision and recall over the cases marked ``exhaustive``, as ``score.py prf`` counts."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for ev in events:
        by_doc.setdefault(str(ev.get("doc_id")), []).append(ev)
    out = PRF()
    for case in cases:
        if not case.get("exhaustive"):
            continue
        case = dict(case)
        labels = triple_labels(case, by_doc.get(str(case["id"]), []))
        wrong = []
        for ev, label in labels:
            if label == "tp":
                out.tp += 1
            elif label == "optional":
                out.optional += 1
            elif label == "duplicate":
                out.near_duplicates += 1
            else:
                out.fp += 1
                wrong.append(f"{_actor_key(ev.get('source'))}->{_actor_key(ev.get('target'))} "
                             f"{ev.get('cameo') or ev.get('root')} [{(ev.get('trigger') or '')[:30]}]")
        missed = [f"{e['source']}->{e['target']} {'/'.join(e['roots'])}" for e in case["_missed"]]
        out.fn += len(missed)
        if wrong or missed:
            out.lines.append(f"{case['id']}: false {'; '.join(wrong) or '-'} | missed {'; '.join(missed) or '-'}")
    return out
