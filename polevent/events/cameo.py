"""The CAMEO codebook as data: name, Goldstein value and quad class for every code.

The table ships as ``data/cameo/codes.tsv`` (CAMEO 1.1b3 names, GDELT Goldstein values, GDELT
quad-class convention) so that users and tests read the same facts the coder uses.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int

    @property
    def root(self) -> str:
        return self.code[:2]


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Load and validate the codebook once per process."""
    table: dict[str, CameoCode] = {}
    ref = resources.files("polevent") / "data" / "cameo" / "codes.tsv"
    with ref.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh, delimiter="\t")
        for n, row in enumerate(reader, 2):
            code = row["code"].strip()
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise ValueError(f"codes.tsv:{n}: bad CAMEO code {code!r}")
            quad = int(row["quad_class"])
            if quad not in QUAD_NAMES:
                raise ValueError(f"codes.tsv:{n}: bad quad class {quad}")
            table[code] = CameoCode(code, row["name"].strip(), float(row["goldstein"]), quad)
    return table


def lookup(code: str) -> CameoCode:
    """The entry for ``code``; unknown sub-codes fall back to their parent so output stays valid."""
    table = cameo_table()
    while code and code not in table:
        code = code[:-1]
    if not code:
        raise KeyError(code)
    return table[code]
