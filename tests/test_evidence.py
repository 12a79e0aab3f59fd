"""Tone, happenings, bootstrap intervals and change points on hand-built data, and the migration
of a store written before them (schema version 1)."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from polevent import store as store_mod
from polevent.analysis import dyads, shifts
from polevent.analysis.changepoints import breakpoints, change_points
from polevent.analysis.charts import dyad_chart
from polevent.analysis.uncertainty import mean_change_interval
from polevent.happenings import assign
from polevent.model import Actor, Document, Event
from polevent.pipeline import DocumentResult
from polevent.store import Store, StoreError, open_reading
from polevent.tone import ToneDataError, gdelt_tone, load_additions, tone, trigger_window

ROOT = Path(__file__).resolve().parents[1]
CODES = {"051": ("Praise or endorse", 3.4, 1), "057": ("Sign formal agreement", 8.0, 1),
         "070": ("Provide aid", 7.0, 2), "112": ("Accuse", -2.0, 3), "173": ("Arrest", -5.0, 4),
         "190": ("Use conventional military force", -10.0, 4)}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def event(doc: str, i: int, day: date, src: str, tgt: str | None, code: str, sentence: str = "",
          trigger: str = "did", tone_value: float | None = None) -> Event:
    name, gs, quad = CODES[code]
    return Event(doc_id=doc, sentence_index=i, sentence=sentence or f"Sentence {i} of {doc}.", date=day,
                 date_source="text", source=Actor.make(country=src, role="GOV", text=src),
                 target=Actor.make(country=tgt, role="GOV", text=tgt) if tgt else None, cameo=code,
                 event_name=name, goldstein=gs, quad_class=quad, trigger=trigger, tone=tone_value)


def result(doc: str, day: date, events: list[Event], source: str | None = None) -> DocumentResult:
    return DocumentResult(Document(id=doc, text=f"text of {doc}", published=day, source=source), events,
                          len(events))


# -- tone ------------------------------------------------------------------------------------------

def test_tone_reads_the_words_around_the_trigger():
    warm = "The president sent a warm and friendly congratulatory letter to his closest ally."
    cold = "The president sent a hostile letter full of threats and accusations to his rival."
    assert tone(warm, "sent letter") > 0.5
    assert tone(cold, "sent letter") < -0.5
    # a long sentence: the words far from the trigger are not its tone
    far = ("The minister praised the wonderful, excellent, beautiful gardens of the capital, "
           "and then, much later in a different place and for other reasons entirely, the army "
           "attacked and destroyed the border villages.")
    assert trigger_window(far, "attacked").split()[0] != "The"
    assert tone(far, "attacked") < 0 < tone(far, "praised")
    # no trigger word in the sentence: the whole sentence
    assert trigger_window("A calm day.", "attack") == "A calm day."
    assert tone("", None) == 0.0


def test_tone_additions_are_data():
    # VADER alone rates neither word; the diplomatic additions do
    assert tone("Relations were estranged.", "estranged") < 0 < tone("A fraternal message.", "message")
    # a withholding word negates what follows it
    assert tone("The note omitted any praise.", "note") < 0 < tone("The note carried praise.", "note")
    words, negators = load_additions("kind\tword\tvalence\nword\tfoo\t1.5\n# c\nnegator\tbar\n")
    assert words == {"foo": 1.5} and negators == {"bar"}
    for bad, msg in (("kind\tword\tvalence\nword\tfoo\tlots\n", "valence number"),
                     ("kind\tword\tvalence\nword\tfoo\t9\n", "outside VADER"),
                     ("kind\tword\tvalence\nthing\tfoo\t1\n", "unknown kind"),
                     ("word\tfoo\t1\n", "header")):
        with pytest.raises(ToneDataError, match=msg):
            load_additions(bad, "t.tsv")
    assert gdelt_tone(0.4215) == 42.15 and gdelt_tone(-1.0) == -100.0 and gdelt_tone(None) is None


def test_coded_events_carry_their_tone(code_text):
    events = code_text("North Korea praised Russia for its steadfast support on Monday.\n"
                       "North Korea condemned South Korea for its hostile provocations on Monday.")
    by_target = {e.target.key(): e for e in events if e.target}
    assert by_target["RUS"].tone > 0 > by_target["KOR"].tone
    assert by_target["RUS"].tone == tone(by_target["RUS"].sentence, by_target["RUS"].trigger)
    assert by_target["RUS"].to_json()["tone"] == by_target["RUS"].tone


# -- happenings ------------------------------------------------------------------------------------

def test_happenings_are_anchored_on_their_first_day():
    d0 = date(2024, 5, 1)
    rows = [("PRK", "RUS", "05", d0 + timedelta(days=k)) for k in range(7)]  # a week of daily acts
    ids = [hid for _, hid in assign(rows, days=1)]
    assert len(set(ids)) == 4  # days 0-1, 2-3, 4-5, 6: a daily run is not one happening
    assert ids[0] == ids[1] != ids[2] == ids[3]
    assert ids[0] == "PRK>RUS:05:2024-05-01"
    assert len({hid for _, hid in assign(rows, days=0)}) == 7
    assert len({hid for _, hid in assign(rows, days=6)}) == 1
    other = [("PRK", "RUS", "05", d0), ("PRK", "RUS", "07", d0), ("PRK", "CHN", "05", d0)]
    assert len({hid for _, hid in assign(other, days=1)}) == 3  # another root or target: another happening


def test_happenings_in_the_store_follow_writes(tmp_path):
    d = date(2024, 5, 1)
    with Store(tmp_path / "h.duckdb") as st:
        st.write_results([result("a", d, [event("a", 0, d, "PRK", "RUS", "051", tone_value=0.5)], "A"),
                          result("b", d, [event("b", 0, d + timedelta(days=1), "PRK", "RUS", "057",
                                                tone_value=0.1)], "B"),
                          result("c", d, [event("c", 0, d + timedelta(days=1), "PRK", "RUS", "051")], "A"),
                          result("d", d, [event("d", 0, d + timedelta(days=2), "PRK", "RUS", "051")])])
        h = st.happenings()
        assert list(h["mentions"]) == [3, 1]  # a, b, c within a day of May 1; d opens the next
        first = h.iloc[0]
        assert (first["sources"], first["documents"]) == (2, 3)  # sources A and B; three documents
        assert first["goldstein"] == pytest.approx((3.4 + 8.0 + 3.4) / 3)
        assert first["tone"] == pytest.approx(0.3)  # the mean over the mentions that have a tone
        assert h.iloc[1]["sources"] == 1  # a document without a source is a source of its own
        wider = st.happenings(days=2)
        assert list(wider["mentions"]) == [4]
        # deleting a document regroups what is left
        st.delete_documents(["a"])
        assert list(st.happenings()["mentions"]) == [3]  # b, c (May 2) and d (May 3)
        assert st.happenings().iloc[0]["happening_id"] == "PRK>RUS:05:2024-05-02"
        # coding a document again (same id, other events) replaces its mentions
        st.write_results([result("b", d, [event("b", 0, d + timedelta(days=9), "PRK", "RUS", "051")], "B")])
        assert list(st.happenings()["mentions"]) == [2, 1]
        stored = st.con.execute("SELECT count(*) FROM happening_days").fetchall()[0][0]
        assert stored == 3


# -- intervals -------------------------------------------------------------------------------------

def shift_store(path: Path, before: list[tuple[str, str]], recent: list[tuple[str, str]]) -> Path:
    """PRK's events with partners in March (before) and May (recent) 2024: (partner, code) each,
    one document per event, each on its own day (the tests count them as mentions)."""
    results = []
    for month, items in ((3, before), (5, recent)):
        for i, (partner, code) in enumerate(items):
            day = date(2024, month, 1) + timedelta(days=i % 28)
            doc = f"{month}-{i}"
            results.append(result(doc, day, [event(doc, 0, day, "PRK", partner, code)]))
    with Store(path) as st:
        st.write_results(results)
    return path


def test_intervals_find_a_known_difference_and_not_noise(tmp_path):
    rng = random.Random(7)
    warm, cold = ["051", "057", "070"], ["112", "173", "190"]
    # RUS: cooperative before, conflictual recently (a real difference); CHN: the same mix in both
    # windows (noise); 28 events a window each, one per day
    before = [("RUS", rng.choice(warm)) for _ in range(28)] + [("CHN", rng.choice(warm + cold)) for _ in range(28)]
    recent = [("RUS", rng.choice(cold)) for _ in range(28)] + [("CHN", rng.choice(warm + cold)) for _ in range(28)]
    db = shift_store(tmp_path / "s.duckdb", before, recent)
    proc = cli("shifts", "--db", str(db), "PRK", "--window", "2m", "--as-of", "2024-05-31", "--format", "json",
               "--count", "mentions")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["interval_level"] == 0.9 and report["seed"] > 0
    p = {x["partner"]: x for x in report["partners"]}
    rus, chn = p["RUS"], p["CHN"]
    assert rus["events_before"] == rus["events_recent"] == 28
    for row in (rus, chn):
        for k in ("goldstein_change_low", "goldstein_change_high", "goldstein_clear",
                  "coop_change_low", "coop_change_high", "coop_clear"):
            assert k in row
        assert row["goldstein_change_low"] <= row["goldstein_change"] <= row["goldstein_change_high"]
        assert row["coop_change_low"] <= row["coop_change"] <= row["coop_change_high"]
    assert rus["goldstein_change_high"] < 0 and rus["goldstein_clear"]
    assert rus["coop_change"] == -1.0 and rus["coop_clear"]
    assert chn["goldstein_change_low"] < 0 < chn["goldstein_change_high"] and not chn["goldstein_clear"]
    assert chn["coop_change_low"] < 0 < chn["coop_change_high"] and not chn["coop_clear"]
    # seeded: the same intervals every run, another seed other (but similar) ones
    again = json.loads(cli("shifts", "--db", str(db), "PRK", "--window", "2m", "--as-of", "2024-05-31",
                           "--format", "json", "--count", "mentions").stdout)
    assert again == report
    other = json.loads(cli("shifts", "--db", str(db), "PRK", "--window", "2m", "--as-of", "2024-05-31",
                           "--format", "json", "--seed", "1", "--count", "mentions").stdout)
    o = {x["partner"]: x for x in other["partners"]}
    assert o["CHN"]["goldstein_change_low"] != chn["goldstein_change_low"]
    assert o["RUS"]["goldstein_clear"] and not o["CHN"]["goldstein_clear"]
    # the table and the CSV show them too
    table = cli("shifts", "--db", str(db), "PRK", "--window", "2m", "--as-of", "2024-05-31",
                "--count", "mentions").stdout
    rus_line = next(line for line in table.splitlines() if " RUS " in line)
    assert "CLEAR gs+coop" in rus_line and "[" in rus_line
    assert "CLEAR" not in next(line for line in table.splitlines() if " CHN " in line)
    header = cli("shifts", "--db", str(db), "PRK", "--window", "2m", "--as-of", "2024-05-31",
                 "--format", "csv").stdout.splitlines()[0].split(",")
    assert {"goldstein_change_low", "goldstein_change_high", "goldstein_clear", "coop_clear"} <= set(header)


def test_interval_edge_cases():
    assert not mean_change_interval([1.0], [5.0, 6.0]).clear  # one value: nothing to resample
    fixed = mean_change_interval([1.0, 1.0], [3.0, 3.0])
    assert (fixed.low, fixed.high, fixed.clear) == (2.0, 2.0, True)
    a = mean_change_interval([0, 1, 2, 3], [1, 2, 3, 4], label="X")
    assert a == mean_change_interval([0, 1, 2, 3], [1, 2, 3, 4], label="X")  # seeded


# -- change points ---------------------------------------------------------------------------------

def test_change_points_find_a_new_level_and_not_noise():
    rng = random.Random(3)
    level = [3 + rng.gauss(0, 1) for _ in range(10)] + [-4 + rng.gauss(0, 1) for _ in range(10)]
    assert breakpoints(level) == [10]
    flat = [2 + rng.gauss(0, 1) for _ in range(20)]
    assert breakpoints(flat) == []
    assert breakpoints([1.0, 9.0, 1.0]) == []  # too short for two segments
    points = [{"period": f"2024-{m:02d}-01", "goldstein_mean": v, "events": 2}
              for m, v in zip(range(1, 9), [4, 4.5, 3.5, 4, -3, -3.5, -2.5, -3])]
    got = change_points(points)
    assert got == [{"period": "2024-05-01", "goldstein_before": 4.0, "goldstein_after": -3.0}]


def test_change_points_on_dyads_charts_and_api(tmp_path):
    from fastapi.testclient import TestClient

    from polevent.web import create_app
    results = []
    for m in range(1, 13):
        code = "057" if m <= 6 else "190"
        for k in range(3):
            day = date(2024, m, 1 + 3 * k)
            doc = f"{m}-{k}"
            results.append(result(doc, day, [event(doc, 0, day, "RUS", "UKR", code if k else "112")]))
    db = tmp_path / "cp.duckdb"
    with Store(db) as st:
        st.write_results(results)
    with Store(db, read_only=True) as st:
        df = dyads(st, source="RUS", target="UKR", freq="month")
    assert [p.month for p, c in zip(df["period"], df["change_point"]) if c] == [7]
    svg = dyad_chart(df, tmp_path / "cp.svg", freq="month").read_text()
    assert "change point" in svg
    table = cli("dyads", "--db", str(db), "--source", "RUS", "--target", "UKR").stdout
    assert [line.split()[0] for line in table.splitlines() if line.rstrip().endswith("CHANGE")] == ["2024-07-01"]
    with TestClient(create_app(db)) as client:
        data = client.get("/api/dyads/RUS/UKR?freq=month").json()
        assert [c["period"] for c in data["change_points"]] == ["2024-07-01"]
        assert data["change_points"][0]["goldstein_before"] > 0 > data["change_points"][0]["goldstein_after"]
        page = client.get("/dyad/RUS/UKR").text
        assert 'class="change-point"' in page and "2024-07-01" in page


# -- migration -------------------------------------------------------------------------------------

def v1_store(path: Path) -> Path:
    """A store as polevent wrote it before schema version 2: version 1 tables and rows, no tone,
    no happenings (MIGRATIONS[1] is the version 1 schema; applied migrations never change)."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    store_mod.MIGRATIONS[1](con)
    con.execute("INSERT INTO schema_version VALUES (1, TIMESTAMP '2025-01-01 00:00:00')")
    v1_cols = [c for c, _ in store_mod.V1_EVENT_COLUMNS]
    day = date(2024, 10, 7)
    rows = [
        ("a", "Kim sent a warm and friendly congratulatory letter to Putin.", "sent letter", "RUS", "051", "A"),
        ("b", "Kim sent a warm and friendly congratulatory letter to Putin.", "sent letter", "RUS", "051", "B"),
        ("c", "Kim sent a curt note to Xi accusing Beijing of hostile meddling.", "accusing", "CHN", "112", "C"),
    ]
    for doc, sentence, trigger, tgt, code, source in rows:
        con.execute("INSERT INTO documents VALUES (?, NULL, NULL, ?, ?, 'x', TIMESTAMP '2025-01-01 00:00:00', 1, 1)",
                    [doc, source, day])
        ev = event(doc, 0, day, "PRK", tgt, code, sentence=sentence, trigger=trigger).to_json()
        row = store_mod.event_row(ev)[:len(v1_cols)]
        con.execute(f"INSERT INTO events VALUES ({', '.join('?' for _ in v1_cols)})", row)
    con.close()
    return path


def test_a_version_1_store_is_migrated_and_analysed(tmp_path):
    db = v1_store(tmp_path / "old.duckdb")
    with pytest.raises(StoreError, match="schema version 1"):
        Store(db, read_only=True)
    # every reading command migrates it first, then reads it
    proc = cli("network", "--db", str(db), "PRK", "RUS", "CHN", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    got = {(e["source"], e["target"]): e for e in json.loads(proc.stdout)["edges"]}
    assert got[("PRK", "RUS")]["events_recent"] == 1 and got[("PRK", "RUS")]["mentions_recent"] == 2
    assert got[("PRK", "RUS")]["tone_recent"] > 0 > got[("PRK", "CHN")]["tone_recent"]
    with Store(db, read_only=True) as st:
        assert st.schema_version() == store_mod.SCHEMA_VERSION
        versions = [r[0] for r in st.con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        assert versions == [1, 2]
        tones = st.con.execute("SELECT doc_id, tone FROM events ORDER BY doc_id").fetchall()
        assert [t for _, t in tones] == [
            tone("Kim sent a warm and friendly congratulatory letter to Putin.", "sent letter")] * 2 + [
            tone("Kim sent a curt note to Xi accusing Beijing of hostile meddling.", "accusing")]
        h = st.happenings()
        assert sorted(zip(h["target_key"], h["mentions"], h["sources"])) == [("CHN", 1, 1), ("RUS", 2, 2)]
        report = shifts(st, "PRK", "1y")
        assert set(report.table["partner"]) == {"RUS", "CHN"}
    for args in (("shifts", "PRK", "--window", "1y"), ("dyads", "--source", "PRK"),
                 ("export", "--format", "gdelt")):
        proc = cli(args[0], "--db", str(db), *args[1:])
        assert proc.returncode == 0, (args, proc.stderr)
    # the Python API and the web app open older stores the same way
    db2 = v1_store(tmp_path / "old2.duckdb")
    import polevent
    with polevent.open(db2) as data:
        assert len(data.happenings()) == 2
    db3 = v1_store(tmp_path / "old3.duckdb")
    with open_reading(db3) as st:
        assert st.read_only and st.schema_version() == 2
