"""Charts for dyads and shifts (matplotlib, no display needed): PNG, SVG or HTML by file suffix.

* ``dyad_chart``: one panel per pair, a time series of events per period stacked by quad class,
  cooperation above zero and conflict below it, with the Goldstein mean on a second axis and the
  pair's change points (``changepoints``) as dashed lines where a new level starts.
* ``shift_chart``: one actor's partners in rank order, each with its Goldstein mean in the window
  before (hollow) and the recent window (filled, green when it rose, red when it fell), and the
  event counts beside it; weak changes are drawn faint and labelled.

The figures are built on ``matplotlib.figure.Figure`` directly, so no global backend or pyplot
state is touched. SVG keeps its text as text (searchable, and testable).
"""
from __future__ import annotations

import html
import io
import math
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .shifts import ShiftReport

SUFFIXES = (".png", ".svg", ".html")

# Quad classes: (column, legend label, colour, sign)
QUADS = (
    ("verbal_coop", "verbal cooperation", "#8fd19e", 1),
    ("material_coop", "material cooperation", "#1b7f3b", 1),
    ("verbal_conflict", "verbal conflict", "#f4a582", -1),
    ("material_conflict", "material conflict", "#b2182b", -1),
)
FREQ_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
RISE, FALL, BEFORE = "#1b7f3b", "#b2182b", "#7f7f7f"


class ChartError(ValueError):
    """A chart that cannot be drawn (unknown file suffix, nothing to show)."""


def check_suffix(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ChartError(f"{path}: unknown chart type (want .png, .svg or .html)")
    return suffix


def _save(fig, path: str | Path, title: str) -> Path:
    import matplotlib

    path = Path(path)
    suffix = check_suffix(path)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "polevent"}):
        if suffix == ".png":
            fig.savefig(path, format="png", dpi=150)
        elif suffix == ".svg":
            fig.savefig(path, format="svg", metadata={"Date": None})
        else:
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
            svg = buf.getvalue()
            svg = svg[svg.index("<svg"):]
            path.write_text(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{html.escape(title)}</title>\n"
                "<style>body{font-family:sans-serif;margin:1em}svg{max-width:100%;height:auto}</style>\n"
                f"</head>\n<body>\n{svg}\n</body>\n</html>\n", encoding="utf-8")
    return path


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


# -- dyads ------------------------------------------------------------------------------------

def dyad_chart(df: "pd.DataFrame", path: str | Path, freq: str = "month", title: str | None = None,
               max_pairs: int = 6, count: str = "happenings") -> Path:
    """Cooperation and conflict over time, one panel per pair (the busiest ``max_pairs``); bars
    count ``count`` (happenings or mentions, as the frame was made)."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    check_suffix(path)
    if df is None or len(df) == 0:
        raise ChartError("no events to chart")
    undirected = "actor1" in df.columns
    a, b = ("actor1", "actor2") if undirected else ("source", "target")
    arrow = "\u2194" if undirected else "\u2192"
    totals = df.groupby([a, b], sort=False)["events"].sum()
    pairs = sorted(totals.index, key=lambda p: (-int(totals[p]), p))[:max_pairs]

    periods = sorted({_day(p) for p in df["period"]})
    step = FREQ_DAYS.get(freq, 30)
    lo = periods[0] - timedelta(days=step * 0.25)
    hi = periods[-1] + timedelta(days=step * 1.25)
    width = max(step * 0.8, 0.8)

    fig = _figure(10, 1.2 + 2.6 * len(pairs))
    axes = fig.subplots(len(pairs), 1, sharex=True, squeeze=False)[:, 0]
    unit = "happenings" if count == "happenings" else "mentions"
    peak = 1
    for pair in pairs:
        sub = df[(df[a] == pair[0]) & (df[b] == pair[1])]
        peak = max(peak, int((sub["verbal_coop"] + sub["material_coop"]).max()),
                   int((sub["verbal_conflict"] + sub["material_conflict"]).max()))
    for ax, pair in zip(axes, pairs):
        sub = df[(df[a] == pair[0]) & (df[b] == pair[1])].sort_values("period")
        x = [_day(p) + timedelta(days=step / 2) for p in sub["period"]]
        up = [0] * len(sub)
        down = [0] * len(sub)
        for col, _label, colour, sign in QUADS:
            vals = [int(v) for v in sub[col]]
            if sign > 0:
                ax.bar(x, vals, width=width, bottom=up, color=colour, edgecolor="white", linewidth=0.5)
                up = [u + v for u, v in zip(up, vals)]
            else:
                ax.bar(x, [-v for v in vals], width=width, bottom=down, color=colour,
                       edgecolor="white", linewidth=0.5)
                down = [d - v for d, v in zip(down, vals)]
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_ylim(-peak * 1.15, peak * 1.15)
        ax.set_ylabel(f"{unit} per {freq}\n(conflict below 0)")
        if "change_point" in sub.columns:
            for period, flag in zip(sub["period"], sub["change_point"]):
                if flag:
                    ax.axvline(_day(period), color="#6a3d9a", linestyle="--", linewidth=1.4)
        ax.yaxis.set_major_formatter(_abs_formatter())
        n_pair = int(totals[pair])
        ax.set_title(f"{pair[0]} {arrow} {pair[1]}  ({n_pair} {unit if n_pair != 1 else unit[:-1]})", loc="left",
                     fontsize=11, fontweight="bold")
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        ax2 = ax.twinx()
        ax2.plot(x, list(sub["goldstein_mean"]), color="#2c3e91", marker="o", markersize=4,
                 linewidth=1.6)
        ax2.set_ylim(-10.5, 10.5)
        ax2.set_yticks([-10, -5, 0, 5, 10])
        ax2.set_ylabel("Goldstein mean", color="#2c3e91")
        ax2.tick_params(axis="y", colors="#2c3e91")
    last = axes[-1]
    last.set_xlim(lo, hi)
    if freq == "quarter" and (hi - lo).days < 6 * 365:
        locator = mdates.MonthLocator(bymonth=(1, 4, 7, 10))  # ticks at quarter starts
    else:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    last.xaxis.set_major_locator(locator)
    last.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    last.set_xlabel(f"date (bars: {unit} per {freq}, by quad class)")
    handles = [Patch(color=c, label=lab) for _, lab, c, _ in QUADS]
    handles.append(Line2D([], [], color="#2c3e91", marker="o", label="Goldstein mean (right axis)"))
    if "change_point" in df.columns and bool(df["change_point"].any()):
        handles.append(Line2D([], [], color="#6a3d9a", linestyle="--", label="change point"))
    fig.legend(handles=handles, loc="outside lower center", ncols=5, frameon=False, fontsize=9)
    name = title or ("Cooperation and conflict by pair" if len(pairs) > 1 else
                     f"Cooperation and conflict: {pairs[0][0]} {arrow} {pairs[0][1]}")
    fig.suptitle(name, fontsize=13, fontweight="bold")
    return _save(fig, path, name)


def _abs_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{abs(v):g}")


def _day(value) -> date:
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


# -- shifts -----------------------------------------------------------------------------------

def shift_chart(report: "ShiftReport", path: str | Path, max_partners: int = 15) -> Path:
    """One actor's partners, Goldstein mean before and recently, in rank order."""
    from matplotlib.lines import Line2D

    check_suffix(path)
    df = report.table.head(max_partners)
    if len(df) == 0:
        raise ChartError(f"no partners of {report.actor} in these windows")
    w = report.windows
    fig = _figure(10, 1.8 + 0.55 * len(df))
    ax = fig.subplots()
    recs = df.to_dict(orient="records")
    values = [v for r in recs for v in (r["goldstein_before"], r["goldstein_recent"]) if not _nan(v)]
    left = min(values + [0.0]) - 1.0
    right = max(values + [0.0]) + 1.0
    for i, r in enumerate(recs):
        y = len(recs) - 1 - i
        gb, gr = r["goldstein_before"], r["goldstein_recent"]
        alpha = 0.35 if r["weak"] else 1.0
        colour = BEFORE if _nan(gb) or _nan(gr) else (RISE if gr >= gb else FALL)
        if not _nan(gb) and not _nan(gr) and abs(gr - gb) > 1e-9:
            ax.annotate("", xy=(gr, y), xytext=(gb, y),
                        arrowprops=dict(arrowstyle="-|>", color=colour, lw=2, alpha=alpha,
                                        shrinkA=5, shrinkB=5))
        if not _nan(gb):
            ax.plot([gb], [y], marker="o", markersize=9, markerfacecolor="white",
                    markeredgecolor=BEFORE, markeredgewidth=2, linestyle="none", alpha=alpha)
        if not _nan(gr):
            ax.plot([gr], [y], marker="o", markersize=9, color=colour, linestyle="none", alpha=alpha)
        note = (f"n {r['events_before']}\u2192{r['events_recent']}, coop "
                f"{_pct(r['coop_before'])}\u2192{_pct(r['coop_recent'])}")
        if r["weak"]:
            note += "  (weak)"
        ax.text(1.01, y, note, transform=ax.get_yaxis_transform(), va="center", fontsize=9,
                color="#555555" if r["weak"] else "#222222")
    ax.set_yticks(range(len(recs)))
    ax.set_yticklabels([f"{r['partner']}" + (f"  {r['goldstein_change']:+.2f}"
                                             if not _nan(r["goldstein_change"]) else "  new/gone")
                        for r in reversed(recs)])
    ax.set_ylim(-0.7, len(recs) - 0.3)
    ax.set_xlim(left, right)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Goldstein mean of events with the partner (negative: conflict, positive: cooperation)")
    ax.set_ylabel("partner (change in Goldstein mean)")
    handles = [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", markeredgecolor=BEFORE,
               markeredgewidth=2, markersize=8, label=f"before: {w.before_start} to {w.before_end}"),
        Line2D([], [], marker="o", linestyle="none", color=RISE, markersize=8,
               label=f"recent: {w.recent_start} to {w.recent_end} (rose)"),
        Line2D([], [], marker="o", linestyle="none", color=FALL, markersize=8, label="recent (fell)"),
        Line2D([], [], marker="o", linestyle="none", color=BEFORE, alpha=0.35, markersize=8,
               label=f"weak: fewer than {report.min_events} events in a window"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize=9)
    name = f"Who is {report.actor} moving toward? Partners ranked by change (window {report.window})"
    fig.suptitle(name, fontsize=12, fontweight="bold")
    return _save(fig, path, name)


def _nan(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _pct(v) -> str:
    return "-" if _nan(v) else f"{100 * v:.0f}%"
