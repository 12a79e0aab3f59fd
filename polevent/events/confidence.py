"""Confidence as measured precision: how often an event like this one is right.

The coder's own certainty (how specific the pattern, how directly the actors were found) is one
signal among several; which roots, which kinds of doer and target, and which constructions turn
out right on whole articles is measured, not guessed. ``eval/fit_confidence.py`` fits a logistic
model on the project's own annotated articles (eval/wikinews-annotated.json, never the shared
check set) and writes its weights to ``data/confidence.json``; this module only reads them.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

ROOTS = [f"{i:02d}" for i in range(1, 21)]


def features(*, code: str, heuristic: float, source: Any, target: Any, nominal: bool, modality: str,
             sentence_index: int, quoted: bool, state_names: set[str]) -> dict[str, float]:
    """The facts about one coded event that its precision depends on."""
    f: dict[str, float] = {"bias": 1.0, "heuristic": heuristic, f"root_{code[:2]}": 1.0}
    f["nominal"] = float(nominal)
    f["modal"] = float(modality != "asserted")
    f["lead"] = float(sentence_index < 3)
    f["quoted"] = float(quoted)
    f["domestic"] = float(target is not None and source.key() == target.key())
    f["source_igo"] = float(bool(source.igo))
    f["target_igo"] = float(target is not None and bool(target.igo))
    f["source_person"] = float(bool(source.name) and not source.igo)
    f["source_role_only"] = float(bool(source.role) and source.text not in state_names and not source.name
                                 and not any(ch.isupper() for ch in source.text[:1]))
    f["source_society"] = float(source.role in ("CVL", "BUS", "MED", "OPP", "PTY"))
    f["target_person"] = float(target is not None and bool(target.name) and not target.igo)
    f["target_society"] = float(target is not None and target.role in ("CVL", "BUS", "MED", "OPP", "PTY"))
    return f


@dataclass(frozen=True)
class ConfidenceModel:
    weights: dict[str, float]
    default_threshold: float = 0.0

    def __call__(self, feats: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> ConfidenceModel | None:
    """The fitted model, or None when none has been fitted (the coder's heuristic is used)."""
    ref = resources.files("polevent") / "data" / "confidence.json"
    if not ref.is_file():
        return None
    data = json.loads(ref.read_text(encoding="utf-8"))
    return ConfidenceModel({str(k): float(v) for k, v in data["weights"].items()},
                           float(data.get("default_threshold") or 0.0))
