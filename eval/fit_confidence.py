#!/usr/bin/env python3
"""Fit the confidence model on the project's own annotated articles and pick the default threshold.

Every event the coder emits on eval/wikinews-annotated.json (with no threshold) is labelled right
(it matches a required gold event) or wrong (it matches nothing); events matching optional gold
items or repeating a matched act teach nothing and are left out. A logistic model over the
features of events/confidence.py is fitted with an L2 penalty; its precision-recall curve is
measured by five-fold cross-validation over articles (so each article is scored by a model that
never saw it), and the default threshold is the lowest one whose cross-validated precision
reaches the floor (unless reaching the floor costs over 30% of the right events: then the F1-best
one). Writes polevent/data/confidence.json and prints the curve.

usage: python eval/fit_confidence.py [--corpus ../shared/corpus/wikinews-en.jsonl] [--floor 0.65]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polevent.evaluate import attach_corpus, gold_documents, triple_labels  # noqa: E402
from polevent.pipeline import Coder  # noqa: E402

GOLD = ROOT / "eval" / "wikinews-annotated.json"
OUT = ROOT / "polevent" / "data" / "confidence.json"


def labelled_events(corpus: str) -> tuple[list[dict], list[str], list[int], list[str]]:
    cases = attach_corpus(json.loads(GOLD.read_text(encoding="utf-8")), corpus)
    coder = Coder(min_confidence=0.0)
    rows, labels, docs, names = [], [], [], []
    by_case = {c["id"]: c for c in cases}
    for result in coder.code(gold_documents(cases)):
        evs = result.events
        js = [e.to_json() for e in evs]
        verdict = {}
        for ev, label in triple_labels(dict(by_case[result.document.id]), js):
            verdict[(ev["source"].get("country") or ev["source"].get("igo"),
                     (ev["target"] or {}).get("country") or (ev["target"] or {}).get("igo"), ev["root"])] = label
        for e, j in zip(evs, js):
            key = (e.source.key(), e.target.key() if e.target else None, e.root)
            label = verdict.get(key)
            if label in ("tp", "fp"):
                rows.append(e.features)
                labels.append(1 if label == "tp" else 0)
                docs.append(result.document.id)
                names.append(f"{key} {e.trigger}")
    return rows, labels, docs, names


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Newton's method for L2-penalised logistic regression (the bias is penalised too, lightly)."""
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) + l2 * w
        H = (X * (p * (1 - p))[:, None]).T @ X + l2 * np.eye(X.shape[1])
        w -= np.linalg.solve(H, grad)
    return w


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "wikinews-en.jsonl"))
    ap.add_argument("--floor", type=float, default=0.65)
    ap.add_argument("--l2", type=float, default=2.0)
    ap.add_argument("--keep", type=float, default=0.7, help="share of right events the floor's threshold must keep")
    args = ap.parse_args()
    rows, labels, docs, _ = labelled_events(args.corpus)
    keys = sorted({k for r in rows for k in r})
    X = np.array([[r.get(k, 0.0) for k in keys] for r in rows])
    y = np.array(labels, dtype=float)
    ids = sorted(set(docs))
    fold = {d: i % 5 for i, d in enumerate(ids)}
    cv = np.zeros(len(y))
    for k in range(5):
        test = np.array([fold[d] == k for d in docs])
        w = fit(X[~test], y[~test], args.l2)
        cv[test] = 1 / (1 + np.exp(-X[test] @ w))
    print(f"{len(y)} labelled events ({int(y.sum())} right) from {len(ids)} articles")
    print("threshold  kept  right  precision  share of right kept")
    floor_t, best_t, best_f = None, 0.0, -1.0
    for t in np.arange(0.0, 0.96, 0.05):
        kept = cv >= t - 1e-9
        n, right = int(kept.sum()), int(y[kept].sum())
        prec = right / n if n else 0.0
        share = right / max(y.sum(), 1)
        print(f"  {t:.2f}     {n:4d}  {right:5d}   {100 * prec:5.1f}%    {100 * share:5.1f}%")
        if floor_t is None and n and prec >= args.floor:
            floor_t = (round(float(t), 2), share)
        # precision of the whole output at this threshold times the recall it keeps
        f = 2 * prec * share / (prec + share) if n else 0.0
        if f > best_f + 1e-9:
            best_t, best_f = round(float(t), 2), f
    # The default is the lowest threshold that holds the precision floor: every event it drops
    # costs recall, and one that buys the floor with more than 30% of the right events is no
    # default (then the F1-best one is). Higher thresholds are the user's trade, along the curve.
    chosen = floor_t[0] if floor_t is not None and floor_t[1] >= args.keep else best_t
    print(f"floor threshold {floor_t[0] if floor_t else None}, F1-best threshold {best_t}")
    w = fit(X, y, args.l2)
    OUT.write_text(json.dumps({
        "note": "Logistic model of an event's precision, fitted by eval/fit_confidence.py on eval/wikinews-annotated.json",
        "events": len(y), "articles": len(ids), "precision_floor": args.floor,
        "default_threshold": chosen,
        "weights": {k: round(float(v), 4) for k, v in zip(keys, w)},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"default threshold {chosen}; weights -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
