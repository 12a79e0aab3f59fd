"""CAMEO to PLOVER, so every event can be read by POLECAT-style tools too.

The mapping is the Open Event Data Alliance's crosswalk (CC BY-SA 4.0, attribution in
``data/cameo/PLOVER-CROSSWALK.md``), read from ``data/cameo/plover-crosswalk.tsv``. A code the
crosswalk does not list takes its nearest listed parent's mapping.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class PloverType:
    event: str
    mode: str | None
    context: str | None


@lru_cache(maxsize=1)
def plover_table() -> dict[str, PloverType]:
    table: dict[str, PloverType] = {}
    base = resources.files("polevent") / "data" / "cameo"
    # The crosswalk first; polevent's own supplement only fills codes it leaves out (02 REQUEST).
    # CAMEO 01 statements have no PLOVER event and map to none.
    for name in ("plover-crosswalk.tsv", "plover-supplement.tsv"):
        with (base / name).open(encoding="utf-8") as fh:
            _read(csv.DictReader(fh, delimiter="\t"), table)
    return table


def _read(rows, table: dict[str, PloverType]) -> None:
    for row in rows:
        code = (row.get("cameo_code") or "").strip()
        event = (row.get("plover_event") or "").strip()
        if not code or not event or code in table:
            continue  # the first mapping of a code is the crosswalk's own
        table[code] = PloverType(event, (row.get("plover_mode") or "").strip() or None,
                                 (row.get("plover_context") or "").strip() or None)


def to_plover(code: str) -> PloverType | None:
    table = plover_table()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None
