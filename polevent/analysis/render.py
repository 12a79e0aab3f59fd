"""Text renderings of analysis frames: aligned tables, CSV and JSON, all deterministic."""
from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .network import NetworkReport
    from .shifts import ShiftReport

FORMATS = ("table", "csv", "json")


def number(value: Any, digits: int = 4) -> str:
    """A float as short text (``3.4``, ``-1.0``), rounded; NaN and None as ``""``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, digits) + 0.0)
    return str(value)


def plain(value: Any) -> Any:
    """A JSON-ready value: dates as ISO text, numpy scalars as Python, NaN as None."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    return value


def table(rows: Sequence[Sequence[str]], header: Sequence[str], numeric: Sequence[bool]) -> str:
    """Columns two spaces apart; numbers right-aligned, text left-aligned; no trailing blanks."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        out = [c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)]
        return "  ".join(out).rstrip()

    return "\n".join([line(header)] + [line(r) for r in rows]) + "\n"


def frame_csv(df: "pd.DataFrame") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(list(df.columns))
    for rec in df.itertuples(index=False):
        w.writerow([number(plain(v)) if not isinstance(plain(v), str) else plain(v) for v in rec])
    return buf.getvalue()


def frame_json(df: "pd.DataFrame") -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in rec.items()} for rec in df.to_dict(orient="records")]


# -- dyads ------------------------------------------------------------------------------------

_DYAD_TABLE: list[tuple[str, str, Callable[[Any], str], bool]] = [
    ("period", "period", lambda v: plain(v), False),
    ("events", "events", str, True),
    ("goldstein_sum", "gs_sum", lambda v: f"{v:.2f}", True),
    ("goldstein_mean", "gs_mean", lambda v: f"{v:.2f}", True),
    ("tone_mean", "tone", lambda v: _tone(v), True),
    ("mentions", "mentions", str, True),
    ("verbal_coop", "v_coop", str, True),
    ("material_coop", "m_coop", str, True),
    ("verbal_conflict", "v_conf", str, True),
    ("material_conflict", "m_conf", str, True),
]


def render_dyads(df: "pd.DataFrame", fmt: str) -> str:
    if fmt == "csv":
        return frame_csv(df)
    if fmt == "json":
        return json.dumps(frame_json(df), ensure_ascii=False, indent=2) + "\n"
    a, b = ("actor1", "actor2") if "actor1" in df.columns else ("source", "target")
    spec = _DYAD_TABLE[:1] + [(a, a, str, False), (b, b, str, False)] + _DYAD_TABLE[1:]
    if "change_point" in df.columns:
        spec = spec + [("change_point", "change", lambda v: "CHANGE" if v else "", False)]
    rows = [[fmt_(rec[col]) for col, _, fmt_, _ in spec] for rec in df.to_dict(orient="records")]
    if not rows:
        return "no events match\n"
    out = table(rows, [h for _, h, _, _ in spec], [n for *_, n in spec])
    if "change_point" in df.columns and bool(df["change_point"].any()):
        out += "CHANGE: the pair's Goldstein mean moved to a new level from this period (change point)\n"
    return out


# -- shifts -----------------------------------------------------------------------------------

def _pct(v: Any) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{100 * v:.0f}%"


def _pp(v: Any) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{100 * v:+.0f}"


def _tone(v: Any) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:+.2f}"


def _ci(low: Any, high: Any, scale: float = 1.0, digits: int = 2) -> str:
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (low, high)):
        return "-"
    return f"[{scale * low:+.{digits}f}, {scale * high:+.{digits}f}]"


def _gs(v: Any, sign: bool = False) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return f"{v:+.2f}" if sign else f"{v:.2f}"


def render_shifts(report: "ShiftReport", fmt: str) -> str:
    df = report.table
    if fmt == "csv":
        return frame_csv(df)
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    level = f"{100 * report.level:.0f}%"
    header = ["rank", "partner", "n_before", "n_recent", "gs_before", "gs_recent", "gs_change",
              f"gs_{level}", "coop_before", "coop_recent", "coop_change_pp", f"coop_{level}_pp",
              "tone_before", "tone_recent", "note"]
    numeric = [True, False, True, True, True, True, True, True, True, True, True, True, True, True,
               False]
    rows = []
    recs = df.to_dict(orient="records")
    for rec in recs:
        notes = []
        clear = [name for name, col in (("gs", "goldstein_clear"), ("coop", "coop_clear")) if rec[col]]
        if clear:
            notes.append("CLEAR " + "+".join(clear))
        if rec["weak"]:
            notes.append(f"WEAK (n<{report.min_events})")
        rows.append([str(rec["rank"]), rec["partner"], str(rec["events_before"]),
                     str(rec["events_recent"]), _gs(rec["goldstein_before"]),
                     _gs(rec["goldstein_recent"]), _gs(rec["goldstein_change"], sign=True),
                     _ci(rec["goldstein_change_low"], rec["goldstein_change_high"]),
                     _pct(rec["coop_before"]), _pct(rec["coop_recent"]), _pp(rec["coop_change"]),
                     _ci(rec["coop_change_low"], rec["coop_change_high"], 100.0, 0),
                     _tone(rec["tone_before"]), _tone(rec["tone_recent"]), "  ".join(notes)])
    out = report.header() + "\n"
    if not rows:
        return out + f"no partners of {report.actor} in these windows\n"
    out += table(rows, header, numeric)
    out += (f"{level}: seeded bootstrap interval of the change (seed {report.seed}); CLEAR: it "
            "excludes 0 (gs: Goldstein mean, coop: cooperative share)\n")
    if any(r["weak"] for r in recs):
        out += (f"WEAK: fewer than {report.min_events} events in a window; "
                "read that change as a hint, not a finding\n")
    return out


# -- network ----------------------------------------------------------------------------------

def render_network(report: "NetworkReport", fmt: str) -> str:
    df = report.table
    if fmt == "csv":
        return frame_csv(df)
    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    header = ["source", "target", "n_before", "n_recent", "gs_before", "gs_recent", "coop_before",
              "coop_recent", "tone_before", "tone_recent", "mentions"]
    numeric = [False, False] + [True] * 9
    rows = [[rec["source"], rec["target"], str(rec["events_before"]), str(rec["events_recent"]),
             _gs(rec["goldstein_before"]), _gs(rec["goldstein_recent"]), _pct(rec["coop_before"]),
             _pct(rec["coop_recent"]), _tone(rec["tone_before"]), _tone(rec["tone_recent"]),
             f"{rec['mentions_before']}/{rec['mentions_recent']}"]
            for rec in df.to_dict(orient="records")]
    out = report.header() + "\n"
    if not rows:
        return out + "no events among these actors in these windows\n"
    return out + table(rows, header, numeric)
