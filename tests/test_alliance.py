"""The alliance question on the seed articles (../shared/seeds): tone and Goldstein mean of North
Korea's acts toward Russia and China, one happening for an article repeated under two ids, and
the network command over them."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import SHARED
from polevent.analysis import dyads
from polevent.model import Document
from polevent.store import Store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not (SEEDS / "seeds.jsonl").is_file(), reason="../shared/seeds is not beside the repo")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def seed_documents(ids: dict[str, str] | None = None, source: str = "seed") -> list[Document]:
    """The seed articles as documents (``ids`` renames them: file -> id)."""
    docs = []
    for line in (SEEDS / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if ids is not None and rec["file"] not in ids:
            continue
        docs.append(Document(id=(ids or {}).get(rec["file"], rec["file"]),
                             text=(SEEDS / rec["file"]).read_text(encoding="utf-8"),
                             published=date.fromisoformat(rec["published"]), source=source))
    return docs


@pytest.fixture(scope="module")
def seeds_db(coder, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    with Store(db) as st:
        st.write_results(coder.code(seed_documents()))
    return db


def edges(proc: subprocess.CompletedProcess) -> dict[tuple[str, str], dict]:
    assert proc.returncode == 0, proc.stderr
    return {(e["source"], e["target"]): e for e in json.loads(proc.stdout)["edges"]}


def test_kim_is_warmer_toward_moscow_than_beijing(seeds_db):
    """The 2024 article (the recent window to its publication day): North Korea's acts toward
    Russia carry a higher mean tone and Goldstein mean than its acts toward China, counted as
    happenings and as mentions."""
    for count in ("happenings", "mentions"):
        got = edges(cli("network", "--db", str(seeds_db), "PRK", "RUS", "CHN", "--window", "6m",
                        "--as-of", "2024-10-08", "--count", count, "--format", "json"))
        rus, chn = got[("PRK", "RUS")], got[("PRK", "CHN")]
        assert rus["events_recent"] > chn["events_recent"] > 0
        assert rus["tone_recent"] > chn["tone_recent"], (count, rus, chn)
        assert rus["goldstein_recent"] > chn["goldstein_recent"], (count, rus, chn)
    # both articles, a year each: the 2024 one is the window before the 2025 one
    table = cli("network", "--db", str(seeds_db), "PRK", "RUS", "CHN", "--window", "1y")
    assert table.returncode == 0 and table.stdout.splitlines()[1].split()[:4] == \
        ["source", "target", "n_before", "n_recent"]
    got = edges(cli("network", "--db", str(seeds_db), "PRK,RUS,CHN", "--window", "1y", "--format", "json"))
    assert got[("PRK", "RUS")]["tone_before"] > got[("PRK", "CHN")]["tone_before"]
    assert got[("PRK", "RUS")]["events_recent"] > 0 and ("PRK", "CHN") in got


def test_the_same_article_twice_is_one_happening(coder, tmp_path):
    """The 2024 article under two ids from two outlets: every happening has 2 mentions, 2 sources
    and 2 documents, and the dyad counts are those of the article alone."""
    name = "kim-putin-birthday-2024.txt"
    once, twice = tmp_path / "once.duckdb", tmp_path / "twice.duckdb"
    with Store(once) as st:
        st.write_results(coder.code(seed_documents({name: "outlet-a/1"}, source="Outlet A")))
    with Store(twice) as st:
        st.write_results(coder.code(seed_documents({name: "outlet-a/1"}, source="Outlet A")))
        st.write_results(coder.code(seed_documents({name: "outlet-b/77"}, source="Outlet B")))
    with Store(once, read_only=True) as a, Store(twice, read_only=True) as b:
        assert b.counts()[1] == 2 * a.counts()[1]  # every mention kept, with its evidence
        h1, h2 = a.happenings(), b.happenings()
        assert len(h2) == len(h1) > 0
        assert set(h2["mentions"]) == {2 * m for m in h1["mentions"]}
        assert (h2["sources"] == 2).all() and (h2["documents"] == 2).all()
        kim_letter = h2[(h2["source_key"] == "PRK") & (h2["target_key"] == "RUS") & (h2["root"] == "01")]
        assert len(kim_letter) == 1 and int(kim_letter["mentions"].iloc[0]) == 2 * int(
            h1[(h1["source_key"] == "PRK") & (h1["target_key"] == "RUS") & (h1["root"] == "01")]["mentions"].iloc[0])
        d1 = dyads(a, source="PRK", both_directions=True, freq="year")
        d2 = dyads(b, source="PRK", both_directions=True, freq="year")
        assert list(d2["events"]) == list(d1["events"])  # happenings: no double counting
        assert list(d2["mentions"]) == [2 * m for m in d1["mentions"]]
        m2 = dyads(b, source="PRK", both_directions=True, freq="year", count="mentions")
        assert list(m2["events"]) == [2 * m for m in d1["mentions"]]  # the old count doubles
    # the GDELT export: one row per happening, its mentions, sources and articles filled
    proc = cli("export", "--db", str(twice), "--format", "gdelt", "--source", "PRK", "--target", "RUS")
    assert proc.returncode == 0, proc.stderr
    rows = [line.split(",") for line in proc.stdout.splitlines()]
    header, body = rows[0], rows[1:]
    at = {c: i for i, c in enumerate(header)}
    assert body and all((r[at["NumMentions"]], r[at["NumSources"]], r[at["NumArticles"]])[1:] == ("2", "2")
                        for r in body)
    assert all(int(r[at["NumMentions"]]) % 2 == 0 for r in body)
    assert all(-100 <= float(r[at["AvgTone"]]) <= 100 for r in body)
    per_mention = cli("export", "--db", str(twice), "--format", "gdelt", "--source", "PRK", "--target", "RUS",
                      "--count", "mentions")
    assert len(per_mention.stdout.splitlines()) - 1 == sum(int(r[at["NumMentions"]]) for r in body)
