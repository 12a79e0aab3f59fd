"""The DuckDB event store: schema, migrations, replace-on-recode, atomic batches, export."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import duckdb
import pytest

from polevent.model import Actor, Document, Event
from polevent.pipeline import DocumentResult
from polevent import store as store_mod
from polevent.store import EVENT_COLUMNS, SCHEMA_VERSION, Store, StoreError, text_hash

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

PARTNERS = ("RUS", "CHN", "USA")
CAMEOS = (("051", "Praise or endorse", 3.4, 1), ("070", "Provide aid", 7.0, 2),
          ("112", "Accuse", -2.0, 3), ("190", "Use conventional military force", -10.0, 4))


def make_result(i: int, variant: int = 0) -> DocumentResult:
    """A hand-built coded document: i picks the date and the events, variant changes them."""
    doc = Document(id=f"doc-{i:02d}", text=f"Text of document {i}, variant {variant}.",
                   published=date(2024, 1 + i % 12, 10), url=f"https://example.org/{i}",
                   title=f"Title {i}", source="example")
    n = 2 + (i + variant) % 3
    events = []
    for j in range(n):
        code, name, gs, quad = CAMEOS[(i + j + variant) % len(CAMEOS)]
        target = None if j == n - 1 and i % 4 == 3 else Actor.make(
            country=PARTNERS[(i + j) % 3], role="GOV", name=f"Leader {j}", text=f"leader {j}")
        events.append(Event(doc_id=doc.id, sentence_index=j, sentence=f"Sentence {j} of {i}.",
                            date=date(2024, 1 + i % 12, 1 + j), date_source="text",
                            source=Actor.make(country="PRK", role="GOV", name="Kim Jong Un", text="Kim"),
                            target=target, cameo=code, event_name=name, goldstein=gs,
                            quad_class=quad, trigger="did", url=doc.url))
    return DocumentResult(doc, events, n + 1)


def stored_events(st: Store, doc_id: str | None = None) -> list[dict]:
    out = []
    for row in st.iter_event_rows():
        if doc_id is None or row["doc_id"] == doc_id:
            out.append(store_mod.event_json(row))
    return out


def by_id(events: list[dict]) -> list[dict]:
    return sorted(events, key=lambda e: (e["doc_id"], e["sentence_index"], e["event_id"]))


# -- schema --------------------------------------------------------------------------------------

def test_new_store_has_the_versioned_schema(tmp_path):
    db = tmp_path / "e.duckdb"
    with Store(db) as st:
        assert st.schema_version() == SCHEMA_VERSION == 2
        cols = [r[0] for r in st.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "ORDER BY ordinal_position").fetchall()]
        assert cols == [c for c, _ in EVENT_COLUMNS]
        for needed in ("source_code", "source_country", "source_igo", "source_role", "source_name",
                       "source_text", "target_code", "target_text", "event_id", "doc_id",
                       "sentence_index", "sentence", "date", "date_source", "cameo", "root",
                       "event_name", "goldstein", "quad_class", "trigger", "modality", "url", "extra"):
            assert needed in cols
        doc_cols = [r[0] for r in st.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'documents' "
            "ORDER BY ordinal_position").fetchall()]
        assert doc_cols[:8] == ["id", "url", "title", "source", "published", "text_hash", "coded_at",
                                "n_sentences"]
    with Store(db) as st:  # reopening does not migrate again
        assert st.con.execute("SELECT count(*) FROM schema_version").fetchall()[0][0] == 2


def test_migrations_run_in_order_and_read_only_refuses_an_old_schema(tmp_path, monkeypatch):
    db = tmp_path / "e.duckdb"
    with Store(db) as st:
        st.write_results([make_result(1)])

    def to_3(con):
        con.execute("ALTER TABLE events ADD COLUMN note VARCHAR")

    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 3)
    monkeypatch.setitem(store_mod.MIGRATIONS, 3, to_3)
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(db, read_only=True)
    with Store(db) as st:
        assert st.schema_version() == 3
        assert "note" in [r[0] for r in st.con.execute("DESCRIBE events").fetchall()]
        assert st.counts() == (1, 3)
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 2)
    with pytest.raises(StoreError, match="newer than this polevent"):
        Store(db)


def test_bad_databases_are_one_line_errors(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database\n")
    with pytest.raises(StoreError, match="cannot open database"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a polevent database"):
        Store(other)


# -- writing ---------------------------------------------------------------------------------------

def test_documents_and_events_round_trip(tmp_path):
    results = [make_result(i) for i in range(6)]
    with Store(tmp_path / "e.duckdb") as st:
        written = st.write_results(results)
        assert written == sum(len(r.events) for r in results)
        assert st.counts() == (6, written)
        expected = [ev.to_json() for r in results for ev in r.events]
        assert by_id(stored_events(st)) == by_id(expected)
        row = st.con.execute("SELECT id, url, title, source, published, text_hash, n_sentences, n_events "
                             "FROM documents WHERE id = 'doc-02'").fetchall()[0]
        doc = results[2].document
        assert row == ("doc-02", doc.url, "Title 2", "example", date(2024, 3, 10),
                       hashlib.sha256(doc.text.encode()).hexdigest(), results[2].sentences,
                       len(results[2].events))
        target_less = st.con.execute("SELECT count(*) FROM events WHERE target_code IS NULL").fetchall()[0][0]
        assert target_less == sum(1 for r in results for e in r.events if e.target is None) > 0
        keys = st.con.execute("SELECT DISTINCT source_key FROM events").fetchall()
        assert keys == [("PRK",)]


def test_extra_keys_of_to_json_go_to_the_extra_column(tmp_path):
    r = make_result(1)
    r.events[0].extra["salience"] = 0.75
    with Store(tmp_path / "e.duckdb") as st:
        st.write_results([r])
        extra = st.con.execute("SELECT extra FROM events WHERE sentence_index = 0").fetchall()[0][0]
        assert json.loads(extra)["salience"] == 0.75
        assert stored_events(st, "doc-01")[0] == r.events[0].to_json()


def test_recoding_replaces_events_and_rerun_keeps_the_count(tmp_path):
    with Store(tmp_path / "e.duckdb") as st:
        st.write_results([make_result(i) for i in range(5)])
        before = st.counts()
        st.write_results([make_result(i) for i in range(5)])
        assert st.counts() == before
        # doc-01 coded again with different events: the old ones are gone, none are duplicated
        new = make_result(1, variant=1)
        st.write_results([new])
        assert by_id(stored_events(st, "doc-01")) == by_id([e.to_json() for e in new.events])
        assert st.counts()[0] == 5
        assert st.has_document("doc-01", text_hash(new.document.text))
        assert not st.has_document("doc-01", text_hash(make_result(1).document.text))
        # the same id twice in one batch: the later one wins
        st.write_results([make_result(2), make_result(2, variant=2)], chunk=10)
        assert by_id(stored_events(st, "doc-02")) == by_id([e.to_json() for e in make_result(2, 2).events])


def test_has_document(tmp_path):
    with Store(tmp_path / "e.duckdb") as st:
        r = make_result(3)
        assert not st.has_document("doc-03")
        st.write_results([r])
        assert st.has_document("doc-03")
        assert st.has_document("doc-03", text_hash(r.document.text))
        assert not st.has_document("doc-03", "0" * 64)


def test_a_failing_batch_leaves_nothing_behind(tmp_path):
    with Store(tmp_path / "e.duckdb") as st:
        st.write_results([make_result(0), make_result(1)])
        before = by_id(stored_events(st))

        def broken():
            yield make_result(1, variant=1)  # a re-code of a stored document ...
            yield make_result(2)
            raise RuntimeError("coder died")  # ... that never commits

        with pytest.raises(RuntimeError):
            st.write_results(broken(), chunk=1)
        assert by_id(stored_events(st)) == before
        assert not st.has_document("doc-02")


def test_write_stream_commits_per_batch(tmp_path):
    with Store(tmp_path / "e.duckdb") as st:
        docs, events = st.write_stream((make_result(i) for i in range(7)), batch_size=3)
        assert docs == 7 and events == st.counts()[1]


CRASH_SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{root!r}, {tests!r}]
    from test_store import make_result
    from polevent.store import Store

    st = Store({db!r})
    st.write_results([make_result(i) for i in range(4)])  # batch 1: committed

    def batch2():
        yield make_result(0, variant=1)   # re-code of a committed document
        yield make_result(4)
        yield make_result(5)
        print("MID-BATCH", flush=True)    # docs above are inserted, not committed
        time.sleep(120)
        yield make_result(6)

    st.write_results(batch2(), chunk=1)
    print("NOT REACHED", flush=True)
""")


def test_killed_in_the_middle_of_a_batch_keeps_only_whole_documents(tmp_path):
    db = tmp_path / "crash.duckdb"
    script = tmp_path / "crash.py"
    script.write_text(CRASH_SCRIPT.format(root=str(ROOT), tests=str(TESTS), db=str(db)))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "MID-BATCH", proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with Store(db) as st:
        docs = [r[0] for r in st.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        assert docs == ["doc-00", "doc-01", "doc-02", "doc-03"]
        # every stored document has exactly its complete events from the committed batch
        for i in range(4):
            expected = by_id([e.to_json() for e in make_result(i).events])
            assert by_id(stored_events(st, f"doc-{i:02d}")) == expected
        n_events = st.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        assert n_events == sum(len(make_result(i).events) for i in range(4))
        orphans = st.con.execute("SELECT count(*) FROM events WHERE doc_id NOT IN "
                                 "(SELECT id FROM documents)").fetchall()[0][0]
        assert orphans == 0
        mismatched = st.con.execute(
            "SELECT count(*) FROM documents d WHERE n_events <> "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.id)").fetchall()[0][0]
        assert mismatched == 0


# -- export --------------------------------------------------------------------------------------

@pytest.fixture()
def small_store(tmp_path):
    db = tmp_path / "small.duckdb"
    results = [make_result(i) for i in range(4)]
    with Store(db) as st:
        st.write_results(results)
        st.con.execute("UPDATE documents SET coded_at = TIMESTAMP '2025-04-01 12:30:05'")
    return db, results


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def ordered(results):
    evs = [e for r in results for e in r.events]
    return sorted(evs, key=lambda e: (e.date, e.doc_id, e.sentence_index, e.event_id))


def test_export_jsonl_is_what_code_writes(small_store, tmp_path):
    db, results = small_store
    out = tmp_path / "out.jsonl"
    proc = cli("export", "--db", str(db), "--format", "jsonl", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == f"polevent: 11 events written to {out}\n"
    expected = "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for e in ordered(results))
    assert [json.loads(l) for l in out.read_text().splitlines()] == \
        [json.loads(l) for l in expected.splitlines()]


def test_export_gdelt_exact(small_store):
    db, _ = small_store
    proc = cli("export", "--db", str(db), "--format", "gdelt", "--source", "PRK", "--target", "RUS",
               "--to", "2024-02-28")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "GLOBALEVENTID,SQLDATE,MonthYear,Year,FractionDate,Actor1Code,Actor1Name,Actor1CountryCode,"
        "Actor1KnownGroupCode,Actor1Type1Code,Actor2Code,Actor2Name,Actor2CountryCode,"
        "Actor2KnownGroupCode,Actor2Type1Code,IsRootEvent,EventCode,EventBaseCode,EventRootCode,"
        "QuadClass,GoldsteinScale,NumMentions,NumSources,NumArticles,AvgTone,DATEADDED,SOURCEURL",
        f"{make_result(0).events[0].event_id},20240101,202401,2024,2024.0000,PRKGOV,Kim Jong Un,PRK,,GOV,"
        "RUSGOV,Leader 0,RUS,,GOV,1,051,051,05,1,3.4,1,1,1,,20250401123005,https://example.org/0",
        f"{make_result(1).events[2].event_id},20240203,202402,2024,2024.0902,PRKGOV,Kim Jong Un,PRK,,GOV,"
        "RUSGOV,Leader 2,RUS,,GOV,0,190,190,19,4,-10.0,1,1,1,,20250401123005,https://example.org/1",
    ]


def test_export_csv_and_parquet_hold_the_events_table(small_store, tmp_path):
    db, results = small_store
    csv_path, pq_path = tmp_path / "e.csv", tmp_path / "e.parquet"
    assert cli("export", "--db", str(db), "--format", "csv", "-o", str(csv_path)).returncode == 0
    assert cli("export", "--db", str(db), "--format", "parquet", "-o", str(pq_path)).returncode == 0
    rows = list(csv.reader(io.StringIO(csv_path.read_text())))
    assert rows[0] == [c for c, _ in EVENT_COLUMNS]
    first = ordered(results)[0]
    js = first.to_json()
    extra = {k: v for k, v in js.items() if k not in store_mod._JSON_KEYS}
    assert rows[1] == [
        first.event_id, "doc-00", "0", "Sentence 0 of 0.", "2024-01-01", "text",
        "PRKGOV", "PRK", "", "GOV", "Kim Jong Un", "Kim", "PRK",
        "RUSGOV", "RUS", "", "GOV", "Leader 0", "leader 0", "RUS",
        "051", "05", "Praise or endorse", "3.4", "1", "did", "asserted", "https://example.org/0",
        json.dumps(extra, sort_keys=True) if extra else "", "",  # tone: none on a hand-built event
    ]
    assert len(rows) == 1 + 11
    con = duckdb.connect()
    got = con.execute(f"SELECT event_id, date, goldstein, target_key FROM '{pq_path}'").fetchall()
    assert got == [(e.event_id, e.date, e.goldstein, e.target.country if e.target else None)
                   for e in ordered(results)]
    docs_csv = cli("export", "--db", str(db), "--format", "csv", "--table", "documents")
    assert docs_csv.stdout.splitlines()[0] == ("id,url,title,source,published,text_hash,coded_at,"
                                               "n_sentences,n_events")
    assert docs_csv.stdout.splitlines()[1].startswith("doc-00,https://example.org/0,Title 0,example,"
                                                      "2024-01-10,")


def test_export_errors_are_one_line(small_store, tmp_path):
    db, _ = small_store
    for args, message in [
        (("--format", "parquet"), "polevent: parquet needs a file: give -o PATH\n"),
        (("--format", "xml"), "polevent: --format: 'xml' is not one of parquet, csv, jsonl, gdelt\n"),
        (("--format", "gdelt", "--table", "documents"), "polevent: --format gdelt exports events only\n"),
        (("--from", "2024-13-01"), "polevent: --from: bad date '2024-13-01' (want YYYY-MM-DD)\n"),
    ]:
        proc = cli("export", "--db", str(db), *args)
        assert (proc.returncode, proc.stderr) == (2, message)
    proc = cli("export", "--db", str(tmp_path / "none.duckdb"))
    assert (proc.returncode, proc.stderr) == (2, f"polevent: {tmp_path / 'none.duckdb'}: no such database\n")
