"""Charts: drawn from a store, opened again, checked for size and content."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from polevent.analysis import dyads, shifts
from polevent.analysis.charts import ChartError, dyad_chart, shift_chart
from polevent.store import Store
from test_analysis import story_db  # noqa: F401  (a fixture shared with the analysis tests)

ROOT = Path(__file__).resolve().parents[1]
MATERIAL_COOP = (0x1B, 0x7F, 0x3B)
MATERIAL_CONFLICT = (0xB2, 0x18, 0x2B)


def colours(path: Path) -> set[tuple[int, int, int]]:
    with Image.open(path) as img:
        return {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 22)}


def test_dyad_chart_png_svg_html(story_db, tmp_path):
    with Store(story_db, read_only=True) as st:
        df = dyads(st, source="PRK", both_directions=True, freq="month")
    png = dyad_chart(df, tmp_path / "d.png", freq="month")
    assert png.stat().st_size > 30_000
    with Image.open(png) as img:
        assert img.format == "PNG"
        assert img.width >= 1200 and img.height >= 800
    seen = colours(png)
    assert MATERIAL_COOP in seen and MATERIAL_CONFLICT in seen  # bars of both kinds drawn

    svg = dyad_chart(df, tmp_path / "d.svg", freq="month").read_text()
    for text in ("happenings per month", "Goldstein mean", "date (bars: happenings per month",
                 "PRK \u2194 RUS", "PRK \u2194 CHN", "verbal cooperation", "material conflict",
                 "Cooperation and conflict by pair", "2024"):
        assert text in svg, text
    html = dyad_chart(df, tmp_path / "d.html", freq="month").read_text()
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "Goldstein mean" in html


def test_shift_chart_png_and_svg(story_db, tmp_path):
    with Store(story_db, read_only=True) as st:
        report = shifts(st, "PRK", "2m", as_of=date(2024, 4, 30), min_events=3)
    png = shift_chart(report, tmp_path / "s.png")
    assert png.stat().st_size > 20_000
    with Image.open(png) as img:
        assert img.width >= 1200 and img.height >= 400
    svg = shift_chart(report, tmp_path / "s.svg").read_text()
    for text in ("Goldstein mean of events with the partner", "partner (change in Goldstein mean)",
                 "RUS", "CHN", "(weak)", "before: 2023-12-30 to 2024-02-29",
                 "recent: 2024-03-01 to 2024-04-30", "Who is PRK moving toward?"):
        assert text in svg, text


def test_nothing_to_draw_and_unknown_suffix(tmp_path, story_db):
    with Store(story_db, read_only=True) as st:
        empty = dyads(st, source="XXX")
        report = shifts(st, "XXX", "2m")
    with pytest.raises(ChartError, match="no events"):
        dyad_chart(empty, tmp_path / "e.png")
    with pytest.raises(ChartError, match="no partners of XXX"):
        shift_chart(report, tmp_path / "e.png")
    with pytest.raises(ChartError, match="unknown chart type"):
        dyad_chart(empty, tmp_path / "e.pdf")


def test_cli_plot_options(story_db, tmp_path):
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True,
                              text=True, cwd=ROOT, timeout=120)

    out = tmp_path / "pair.svg"
    proc = cli("dyads", "--db", str(story_db), "--source", "PRK", "--target", "RUS",
               "--both-directions", "--freq", "quarter", "--plot", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"polevent: chart written to {out}\n"
    svg = out.read_text()
    assert "happenings per quarter" in svg and "Cooperation and conflict: PRK \u2194 RUS" in svg

    out = tmp_path / "partners.png"
    proc = cli("shifts", "--db", str(story_db), "PRK", "--window", "2m", "--plot", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 20_000

    proc = cli("shifts", "--db", str(story_db), "PRK", "--plot", str(tmp_path / "x.jpg"))
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        2, "", f"polevent: {tmp_path / 'x.jpg'}: unknown chart type (want .png, .svg or .html)\n")
