"""Dyads and shifts: exact output on hand-built events, and the seed story coded for real."""
from __future__ import annotations

import calendar
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from polevent.analysis import dyads, parse_window, window_pair
from polevent.model import Actor, Document, Event
from polevent.pipeline import DocumentResult
from polevent.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles.jsonl"

CAMEO = {"051": ("Praise or endorse", 3.4, 1), "070": ("Provide aid", 7.0, 2),
         "112": ("Accuse", -2.0, 3), "190": ("Use conventional military force", -10.0, 4)}
IGOS = {"UN"}

# (date, source key, target key or None, cameo)
STORY = [
    ("2024-01-05", "PRK", "RUS", "051"),
    ("2024-01-07", "CHN", "PRK", "070"),
    ("2024-01-20", "RUS", "PRK", "070"),
    ("2024-02-01", "UN", "PRK", "112"),
    ("2024-02-10", "PRK", "RUS", "112"),
    ("2024-02-11", "PRK", None, "190"),
    ("2024-03-05", "PRK", "RUS", "070"),
    ("2024-03-15", "PRK", "CHN", "112"),
    ("2024-03-20", "CHN", "PRK", "190"),
    ("2024-04-02", "PRK", "RUS", "051"),
    ("2024-04-10", "RUS", "PRK", "051"),
    ("2024-04-12", "PRK", "PRK", "112"),
]


def actor(key: str) -> Actor:
    if key in IGOS:
        return Actor.make(igo=key, text=key)
    return Actor.make(country=key, role="GOV", text=key)


def story_results() -> list[DocumentResult]:
    out = []
    for i, (day, src, tgt, code) in enumerate(STORY):
        d = date.fromisoformat(day)
        doc = Document(id=f"s{i:02d}", text=f"story {i}", published=d, url=f"https://example.org/s{i}")
        name, gs, quad = CAMEO[code]
        ev = Event(doc_id=doc.id, sentence_index=0, sentence=f"Sentence {i}.", date=d,
                   date_source="published", source=actor(src), target=actor(tgt) if tgt else None,
                   cameo=code, event_name=name, goldstein=gs, quad_class=quad, trigger="x", url=doc.url)
        out.append(DocumentResult(doc, [ev], 1))
    return out


@pytest.fixture()
def story_db(tmp_path):
    db = tmp_path / "story.duckdb"
    with Store(db) as st:
        st.write_results(story_results())
    return db


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


# -- windows -------------------------------------------------------------------------------------

def test_windows():
    assert str(parse_window("90d")) == "90d"
    assert str(parse_window(" 6M ")) == "6m"
    for bad in ("", "6", "d", "0d", "6x", "-3d"):
        with pytest.raises(ValueError):
            parse_window(bad)
    w = window_pair(date(2024, 4, 30), parse_window("2m"))
    assert (w.before_start, w.before_end, w.recent_start, w.recent_end) == (
        date(2023, 12, 30), date(2024, 2, 29), date(2024, 3, 1), date(2024, 4, 30))
    w = window_pair(date(2025, 3, 12), parse_window("90d"))
    assert (w.before_start, w.recent_start) == (date(2024, 9, 14), date(2024, 12, 13))
    assert parse_window("1y").before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert parse_window("2w").before(date(2024, 1, 10)) == date(2023, 12, 27)


# -- dyads ---------------------------------------------------------------------------------------

def test_dyads_table_both_directions_by_quarter(story_db):
    proc = cli("dyads", "--db", str(story_db), "--source", "prk", "--both-directions", "--freq", "quarter")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "period      actor1  actor2  events  gs_sum  gs_mean  tone  mentions  v_coop  m_coop  v_conf  m_conf  change\n"
        "2024-01-01  PRK     CHN          3   -5.00    -1.67     -         3       0       1       1       1\n"
        "2024-01-01  PRK     RUS          4   15.40     3.85     -         4       1       2       1       0\n"
        "2024-01-01  PRK     UN           1   -2.00    -2.00     -         1       0       0       1       0\n"
        "2024-04-01  PRK     PRK          1   -2.00    -2.00     -         1       0       0       1       0\n"
        "2024-04-01  PRK     RUS          2    6.80     3.40     -         2       2       0       0       0\n"
    )


def test_dyads_directed_by_month_csv(story_db):
    proc = cli("dyads", "--db", str(story_db), "--target", "PRK", "--from", "2024-01-06",
               "--to", "2024-03-31", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "period,source,target,events,goldstein_sum,goldstein_mean,tone_mean,mentions,verbal_coop,"
        "material_coop,verbal_conflict,material_conflict,change_point\n"
        "2024-01-01,CHN,PRK,1,7.0,7.0,,1,0,1,0,0,false\n"
        "2024-01-01,RUS,PRK,1,7.0,7.0,,1,0,1,0,0,false\n"
        "2024-02-01,UN,PRK,1,-2.0,-2.0,,1,0,0,1,0,false\n"
        "2024-03-01,CHN,PRK,1,-10.0,-10.0,,1,0,0,0,1,false\n"
    )


def test_dyads_pair_json_and_api(story_db):
    proc = cli("dyads", "--db", str(story_db), "--source", "RUS", "--target", "PRK", "--both-directions",
               "--freq", "year", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [
        {"period": "2024-01-01", "actor1": "RUS", "actor2": "PRK", "events": 6, "goldstein_sum": 22.2,
         "goldstein_mean": 3.7, "tone_mean": None, "mentions": 6, "verbal_coop": 3,
         "material_coop": 2, "verbal_conflict": 1, "material_conflict": 0, "change_point": False},
    ]
    with Store(story_db, read_only=True) as st:
        df = dyads(st, freq="month")
    assert list(df.columns) == ["period", "source", "target", "events", "goldstein_sum",
                                "goldstein_mean", "tone_mean", "mentions", "verbal_coop",
                                "material_coop", "verbal_conflict", "material_conflict",
                                "change_point"]
    assert int(df["events"].sum()) == len([s for s in STORY if s[2]])  # target-less events excluded
    assert df.iloc[0]["period"] == date(2024, 1, 1)


def test_dyads_errors(story_db):
    proc = cli("dyads", "--db", str(story_db), "--freq", "fortnight")
    assert (proc.returncode, proc.stderr) == (
        2, "polevent: --freq: 'fortnight' is not one of day, week, month, quarter, year\n")
    proc = cli("dyads", "--db", str(story_db), "--source", "XXX")
    assert (proc.returncode, proc.stdout) == (0, "no events match\n")


# -- shifts --------------------------------------------------------------------------------------

def test_shifts_table_marks_weak_changes(story_db):
    proc = cli("shifts", "--db", str(story_db), "PRK", "--window", "2m", "--as-of", "2024-04-30",
               "--min-events", "3")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "PRK: recent 2024-03-01..2024-04-30 against 2023-12-30..2024-02-29 (window 2m, direction both,"
        " counting happenings)\n"
        "rank  partner  n_before  n_recent  gs_before  gs_recent  gs_change          gs_90%  coop_before"
        "  coop_recent  coop_change_pp  coop_90%_pp  tone_before  tone_recent  note\n"
        "   1  RUS             3         3       2.80       4.60      +1.80  [-2.40, +6.00]          67%"
        "         100%             +33    [+0, +67]            -            -\n"
        "   2  CHN             1         2       7.00      -6.00     -13.00               -         100%"
        "           0%            -100            -            -            -  WEAK (n<3)\n"
        "   3  UN              1         0      -2.00          -          -               -           0%"
        "            -               -            -            -            -  WEAK (n<3)\n"
        "90%: seeded bootstrap interval of the change (seed 20241007); CLEAR: it excludes 0 (gs: Goldstein"
        " mean, coop: cooperative share)\n"
        "WEAK: fewer than 3 events in a window; read that change as a hint, not a finding\n"
    )


def test_shifts_csv_json_and_directions(story_db):
    proc = cli("shifts", "--db", str(story_db), "PRK", "--window", "2m", "--as-of", "2024-04-30",
               "--format", "csv")
    assert proc.stdout == (
        "rank,partner,events_before,events_recent,mentions_before,mentions_recent,goldstein_before,"
        "goldstein_recent,goldstein_change,goldstein_change_low,goldstein_change_high,goldstein_clear,"
        "coop_before,coop_recent,coop_change,coop_change_low,coop_change_high,coop_clear,tone_before,"
        "tone_recent,tone_change,weak\n"
        "1,RUS,3,3,3,3,2.8,4.6,1.8,-2.4,6.0,false,0.6667,1.0,0.3333,0.0,0.6667,false,,,,true\n"
        "2,CHN,1,2,1,2,7.0,-6.0,-13.0,,,false,1.0,0.0,-1.0,,,false,,,,true\n"
        "3,UN,1,0,1,0,-2.0,,,,,false,0.0,,,,,false,,,,true\n"
    )
    proc = cli("shifts", "--db", str(story_db), "PRK", "--window", "2m", "--as-of", "2024-04-30",
               "--direction", "out", "--format", "json")
    got = json.loads(proc.stdout)
    assert {k: got[k] for k in ("actor", "window", "direction", "before", "recent")} == {
        "actor": "PRK", "window": "2m", "direction": "out",
        "before": ["2023-12-30", "2024-02-29"], "recent": ["2024-03-01", "2024-04-30"]}
    assert [(p["partner"], p["events_before"], p["events_recent"], p["goldstein_change"])
            for p in got["partners"]] == [("RUS", 2, 2, 4.5), ("CHN", 0, 1, None)]
    proc = cli("shifts", "--db", str(story_db), "PRK", "--window", "ten days")
    assert (proc.returncode, proc.stderr) == (
        2, "polevent: --window: bad window 'ten days' (want a number and d, w, m or y, e.g. 90d or 6m)\n")


# -- the seed story, coded for real ------------------------------------------------------------------

def months_before(day: date, n: int) -> date:
    y, m = divmod(day.year * 12 + day.month - 1 - n, 12)
    return date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def recompute(events: list[Event], actor: str, months: int) -> dict[str, dict]:
    """Shifts by hand from the coder's own Event objects (no store, no SQL, no pandas)."""
    as_of = max(e.date for e in events)
    edge = months_before(as_of, months)
    far = months_before(edge, months)
    acc: dict[str, dict[str, list[Event]]] = {}
    for e in events:
        if e.target is None:
            continue
        s, t = e.source.key(), e.target.key()
        if s == actor and t and t != actor:
            partner = t
        elif t == actor and s and s != actor:
            partner = s
        else:
            continue
        if edge < e.date <= as_of:
            acc.setdefault(partner, {"before": [], "recent": []})["recent"].append(e)
        elif far < e.date <= edge:
            acc.setdefault(partner, {"before": [], "recent": []})["before"].append(e)
    out = {}
    for partner, w in acc.items():
        b, r = w["before"], w["recent"]
        mean = lambda xs: sum(x.goldstein for x in xs) / len(xs) if xs else None  # noqa: E731
        coop = lambda xs: sum(1 for x in xs if x.quad_class in (1, 2)) / len(xs) if xs else None  # noqa: E731
        out[partner] = {"events_before": len(b), "events_recent": len(r),
                        "goldstein_before": mean(b), "goldstein_recent": mean(r),
                        "coop_before": coop(b), "coop_recent": coop(r)}
    return out


@pytest.fixture(scope="module")
def coded_examples(coder, tmp_path_factory):
    from polevent.ingest import read_inputs
    docs = [d for d in read_inputs([str(EXAMPLES)], None) if isinstance(d, Document)]
    results = list(coder.code(docs))
    db = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    with Store(db) as st:
        st.write_results(results)
    return db, docs, results


def test_examples_span_a_year(coded_examples):
    _, docs, _ = coded_examples
    days = sorted(d.published for d in docs)
    assert len(docs) >= 12
    assert (days[-1].year - days[0].year) * 12 + days[-1].month - days[0].month >= 12


def test_shifts_on_the_seed_story_rank_russia_above_china(coded_examples):
    """Window 5m: the recent five months (to the latest event, 2025-03) against the five before.

    North Korea's relations with Russia stay cooperative and grow warmer, those with China turn
    sour: RUS ranks above CHN, and every number matches a recomputation from the events."""
    db, _, results = coded_examples
    proc = cli("shifts", "--db", str(db), "PRK", "--window", "5m", "--format", "json", "--count", "mentions")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["count"] == "mentions"
    ranked = [p["partner"] for p in report["partners"]]
    assert ranked.index("RUS") < ranked.index("CHN"), ranked

    events = [e for r in results for e in r.events]
    expected = recompute(events, "PRK", 5)
    assert {p["partner"] for p in report["partners"]} == set(expected)
    for p in report["partners"]:
        exp = expected[p["partner"]]
        for key in ("events_before", "events_recent"):
            assert p[key] == exp[key], (p, exp)
        for key in ("goldstein_before", "goldstein_recent", "coop_before", "coop_recent"):
            if exp[key] is None:
                assert p[key] is None
            else:
                assert p[key] == pytest.approx(exp[key], abs=1e-6), (p["partner"], key)
        if exp["goldstein_before"] is not None and exp["goldstein_recent"] is not None:
            assert p["goldstein_change"] == pytest.approx(
                exp["goldstein_recent"] - exp["goldstein_before"], abs=1e-6)
        assert p["weak"] == (min(exp["events_before"], exp["events_recent"]) < 5)
    rus = next(p for p in report["partners"] if p["partner"] == "RUS")
    chn = next(p for p in report["partners"] if p["partner"] == "CHN")
    assert rus["goldstein_change"] > chn["goldstein_change"]
    assert chn["goldstein_change"] < 0 and chn["coop_recent"] < chn["coop_before"]
    assert not rus["weak"]

    table = cli("shifts", "--db", str(db), "PRK", "--window", "5m").stdout
    lines = table.splitlines()
    assert lines[0].startswith("PRK: recent ")
    assert [l.split()[1] for l in lines[2:] if l.strip()[:1].isdigit()].index("RUS") < \
        [l.split()[1] for l in lines[2:] if l.strip()[:1].isdigit()].index("CHN")


def test_recoding_the_examples_keeps_the_event_count(coded_examples, coder):
    db, docs, results = coded_examples
    with Store(db) as st:
        before = st.counts()
        assert before == (len(docs), sum(len(r.events) for r in results))
        st.write_results(coder.code(docs))
        assert st.counts() == before
        dupes = st.con.execute("SELECT count(*) FROM (SELECT doc_id, sentence_index, event_id, date "
                               "FROM events GROUP BY ALL HAVING count(*) > 1)").fetchall()[0][0]
        assert dupes == 0


def test_python_api(coded_examples):
    from polevent.api import open as open_store
    db, _, results = coded_examples
    with open_store(db) as data:
        ev = data.events(source="PRK", target="RUS", both_directions=True)
        assert len(ev) == sum(1 for r in results for e in r.events if e.target and
                              {e.source.key(), e.target.key()} == {"PRK", "RUS"})
        assert data.relation.aggregate("count(*)").fetchall()[0][0] == sum(len(r.events) for r in results)
        sh = data.shifts("PRK", window="5m")
        assert list(sh["partner"]).index("RUS") < list(sh["partner"]).index("CHN")
        assert sh.attrs["recent"][1] == max(e.date for r in results for e in r.events)
        dy = data.dyads(source="PRK", target="CHN", both_directions=True, freq="quarter", count="mentions")
        assert int(dy["events"].sum()) == sum(1 for r in results for e in r.events if e.target and
                                              {e.source.key(), e.target.key()} == {"PRK", "CHN"})
        assert "events" in repr(data)
