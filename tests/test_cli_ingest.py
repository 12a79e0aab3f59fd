"""The command on real corpora (issue 17) and on inputs that must cost one line (issue 14)."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb

from test_ingest_corpora import STORIES, crawl_records, page, write_warc

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: bytes | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], input=stdin, capture_output=True,
                          cwd=REPO, timeout=timeout)


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_warc_codes_its_pages_with_urls_and_dates(tmp_path: Path) -> None:
    """Done-when of issue 17: three HTML responses, a non-HTML record and a truncated record;
    the three pages are coded with their URLs and dates, the truncated one is reported."""
    warc = write_warc(tmp_path / "crawl.warc.gz", crawl_records(), gz=True)
    out, errors, db = tmp_path / "events.jsonl", tmp_path / "errors.jsonl", tmp_path / "store.duckdb"
    proc = run("code", str(warc), "-o", str(out), "--errors", str(errors), "--db", str(db), "--workers", "1")
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    events = lines(out)
    by_doc = {e["doc_id"]: e for e in events}
    assert set(by_doc) == {"urn:uuid:page-1", "urn:uuid:page-2", "urn:uuid:page-3"}
    for n, (slug, _, _) in enumerate(STORIES, start=1):
        assert by_doc[f"urn:uuid:page-{n}"]["url"] == f"https://news.example/{slug}"
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT id, url, published FROM documents ORDER BY id").fetchall()
    con.close()
    assert stored == [  # the page's own date, else the WARC-Date
        ("urn:uuid:page-1", "https://news.example/chile-1", date(2024, 3, 4)),
        ("urn:uuid:page-2", "https://news.example/kenya-2", date(2024, 5, 2)),
        ("urn:uuid:page-3", "https://news.example/norway-3", date(2024, 5, 3)),
    ]
    (reported,) = lines(errors)
    assert reported["doc_id"] == "urn:uuid:cut-record" and "truncated" in reported["reason"]
    assert "3 documents coded" in stderr and "1 inputs skipped" in stderr
    assert all(line.startswith("polevent: ") for line in stderr.splitlines()), stderr


def test_hostile_reading_inputs_cost_one_line_each(tmp_path: Path) -> None:
    """Issue 14, limits before work: a 2.2 MB page of attributes, /dev/zero, a 300 MB text file
    and a compressed bomb each cost one line; the rest of the batch is coded."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = inbox / "good.jsonl"
    good.write_text(json.dumps({"id": "good", "published": "2024-06-12",
                                "text": "Egypt praised Qatar for its mediation on Monday."}) + "\n", encoding="utf-8")
    attributes = inbox / "attributes.html"
    bomb = "<div " + " ".join(f'data-field-{i}="{i}"' for i in range(90_000)) + ">x</div>"
    attributes.write_text(page("Chile recalls envoy", STORIES[0][2], "2024-03-04").replace("<article>", bomb + "<article>"),
                          encoding="utf-8")
    assert 2_000_000 < attributes.stat().st_size < 2_600_000
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        block = ("Jordan thanked Oman for its help. " * 30 + "\n\n").encode() * 1000
        while fh.tell() < 300_000_000:
            fh.write(block)
    packed = inbox / "bomb.jsonl.gz"
    with gzip.open(packed, "wb", compresslevel=1) as fh:
        for _ in range(200):
            fh.write(b"\0" * 1_000_000)
    out, errors = tmp_path / "events.jsonl", tmp_path / "errors.jsonl"
    start = time.monotonic()
    proc = run("code", str(inbox), str(huge), "/dev/zero", "--published", "2024-06-12", "-o", str(out),
               "--errors", str(errors), "--workers", "1", timeout=300)
    took = time.monotonic() - start
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert took < 120, took
    coded = {e["doc_id"] for e in lines(out)}
    assert {"good", str(attributes), str(huge)} <= coded, coded
    records = lines(errors)
    problems = {Path(r["file"]).name: r["reason"] for r in records if r.get("level") != "warning"}
    assert set(problems) == {"bomb.jsonl.gz", "zero"}, problems
    assert "no line end" in problems["bomb.jsonl.gz"] and "binary" in problems["zero"]
    warnings = {Path(r["file"]).name: r["reason"] for r in records if r.get("level") == "warning"}
    assert "cut to 100,000 characters" in warnings["huge.txt"]
    assert all(line.startswith("polevent: ") for line in stderr.splitlines()), stderr
    assert len(stderr.splitlines()) == len(records) + 1  # one line each, and the closing line
    huge.unlink()


def test_stdin_formats(tmp_path: Path) -> None:
    text = "Egypt praised Qatar for its mediation on Monday."
    proc = run("code", "-", "--stdin-format", "text", "--published", "2024-06-12", "--workers", "1",
               stdin=text.encode("cp1252"))
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert events and {e["doc_id"] for e in events} == {"<stdin>"}
    proc = run("code", "-", "--stdin-format", "xml")
    assert proc.returncode == 2 and b"--stdin-format" in proc.stderr and b"Traceback" not in proc.stderr


def test_table_options_on_the_command_line(tmp_path: Path) -> None:
    table = tmp_path / "news.csv"
    table.write_text("key,story,day\nk1,Egypt praised Qatar for its mediation.,2024-06-12\n", encoding="utf-8")
    proc = run("code", str(table), "--id-column", "key", "--text-column", "story", "--date-column", "day",
               "--workers", "1")
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert events and {e["doc_id"] for e in events} == {"k1"} and events[0]["date"] == "2024-06-12"
    proc = run("code", str(table), "--workers", "1")
    assert proc.returncode == 1
    assert f"polevent: {table}:1: no id column 'id' (columns: key, story, day".encode() in proc.stderr
