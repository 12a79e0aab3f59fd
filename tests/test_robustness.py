"""Long runs over bad and hostile input: nothing lost, nothing doubled, nothing crashes."""
from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
GOOD = "Egypt praised Qatar for its mediation on Monday. Jordan thanked Oman for its help."


def run(args: list[str], cwd: Path = REPO, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout)


def hostile_corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Good documents among every kind of bad input; returns good ids and bad inputs by name."""
    root.mkdir()
    good: set[str] = set()
    lines = []
    for i in range(4):
        lines.append(json.dumps({"id": f"good-{i}", "published": "2024-06-12", "text": GOOD}))
        good.add(f"good-{i}")
    lines.append('{"id": "broken", "published": "2024-06-12", "text": ')                      # malformed
    lines.append(json.dumps({"id": "no-text", "published": "2024-06-12"}))                   # no text
    lines.append(json.dumps({"id": "future", "published": "2999-01-01", "text": GOOD}))      # future date
    lines.append(json.dumps({"id": "ancient", "published": "1850-01-01", "text": GOOD}))     # before 1900
    lines.append('{"id": "deep", "published": "2024-06-12", "text": "x", "n": ' + "[" * 50000 + "]" * 50000 + "}")
    lines.append('{"id": "dup-a", "id": "dup-b", "published": "2024-06-12", "text": "%s"}' % GOOD)
    good.add("dup-b")  # duplicate keys: the last one wins, as in JSON parsers generally
    lines.append(json.dumps({"id": "../../outside/evil", "published": "2024-06-12", "text": GOOD}))
    good.add("../../outside/evil")
    lines.append(json.dumps({"id": "rtl", "published": "2024-06-12",
                             "text": "\u05d9\u05e9\u05e8\u05d0\u05dc \u202e" + GOOD + "\u202c"}))
    good.add("rtl")
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    raw += b'{"id": "nul", "published": "2024-06-12", "text": "a\x00b"}\n'                    # NUL byte
    raw += b'{"id": "latin", "published": "2024-06-12", "text": "Caf\xe9"}\n'               # not UTF-8
    (root / "feed.jsonl").write_bytes(raw)
    (root / "cp1252.txt").write_bytes("Egypt praised Qatar \u2013 caf\u00e9.".encode("cp1252"))
    good.add(str(root / "cp1252.txt"))  # decoded by detection, with a warning naming the guess
    (root / "blob.txt").write_bytes(os.urandom(2048) + b"\x00")
    (root / "utf16.txt").write_bytes(GOOD.encode("utf-16"))
    good.add(str(root / "utf16.txt"))
    (root / "huge.txt").write_text(GOOD + "\n" + "word " * 400_000 + "\n", encoding="utf-8")
    good.add(str(root / "huge.txt"))
    (root / "page.html").write_text(
        "<html><head><script>alert(1)</script></head><body><nav>Home | News</nav><article><p>" + GOOD +
        "</p><script>document.write('Egypt attacked Qatar.')</script></article></body></html>", encoding="utf-8")
    good.add(str(root / "page.html"))
    # A compressed bomb is not unpacked: it is read as (binary) text and reported.
    (root / "bomb.txt").write_bytes(gzip.compress(b"\0" * 10_000_000))
    bad = {"feed.jsonl:5": "malformed", "feed.jsonl:6": "text", "feed.jsonl:7": "date", "feed.jsonl:8": "date",
           "feed.jsonl:9": "nested", "feed.jsonl:13": "NUL", "feed.jsonl:14": "UTF-8",
           "blob.txt": "binary", "bomb.txt": "binary"}
    return good, bad


def test_every_good_document_coded_every_bad_one_reported(tmp_path: Path):
    good, bad = hostile_corpus(tmp_path / "in")
    out, errors = tmp_path / "events.jsonl", tmp_path / "errors.jsonl"
    proc = run(["code", str(tmp_path / "in"), "--published", "2024-06-12", "-o", str(out),
                "--errors", str(errors), "--workers", "1"])
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr.replace("errors", ""), proc.stderr
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    coded = {e["doc_id"] for e in events}
    assert good <= coded, good - coded
    assert not any("alert" in e["sentence"] or "attacked" in e["sentence"] for e in events)
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    reported = [r for r in records if r.get("level") != "warning"]
    where = {f"{Path(r['file']).name}:{r['line']}" if r["file"].endswith(".jsonl") else Path(r["file"]).name: r
             for r in reported}
    warned = {Path(r["file"]).name: r["reason"] for r in records if r.get("level") == "warning"}
    assert "decoded as cp1252" in warned["cp1252.txt"], warned
    assert len(reported) == len(bad), sorted(where)
    for key, word in bad.items():
        assert key in where, (key, sorted(where))
        assert word.lower() in where[key]["reason"].lower(), where[key]
    for line in proc.stderr.splitlines():
        assert line.startswith("polevent: "), line
    assert not (tmp_path / "outside").exists()


def _corpus(path: Path, n: int) -> None:
    arts = [json.loads(line) for line in (REPO / "examples" / "articles.jsonl").read_text().splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a = dict(arts[i % len(arts)])
            a["id"] = f"{a['id']}-{i}"
            fh.write(json.dumps(a) + "\n")


def _snapshot(db: Path) -> tuple[list[str], list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        events = con.execute("SELECT event_id, doc_id, cameo, source_code, target_code, date FROM events "
                             "ORDER BY event_id").fetchall()
    finally:
        con.close()
    return docs, events


def test_killed_runs_resume_to_the_same_store(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 42)
    clean, resumed = tmp_path / "clean.duckdb", tmp_path / "resumed.duckdb"
    proc = run(["code", str(corpus), "--db", str(clean), "--workers", "1", "--batch-size", "4"])
    assert proc.returncode == 0, proc.stderr
    rng = random.Random(7)
    cmd = [sys.executable, "-m", "polevent.cli", "code", str(corpus), "--db", str(resumed), "--workers", "1",
           "--batch-size", "4"]
    for _ in range(3):
        child = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        time.sleep(rng.uniform(5.0, 9.0))
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    proc = run(["code", str(corpus), "--db", str(resumed), "--workers", "1", "--batch-size", "4"])
    assert proc.returncode == 0, proc.stderr
    docs_a, events_a = _snapshot(clean)
    docs_b, events_b = _snapshot(resumed)
    assert docs_a == docs_b and len(docs_a) == 42
    assert events_a == events_b
    assert len({e[0] for e in events_b}) == len(events_b)
    # A run over input that is all stored codes nothing again.
    again = run(["code", str(corpus), "--db", str(resumed), "--workers", "1"])
    assert "0 documents coded" in again.stderr and "42 already stored" in again.stderr, again.stderr


def test_limits_are_the_users_to_change(tmp_path: Path):
    doc = {"id": "long", "published": "2024-06-12", "text": (GOOD + "\n\n") * 200}
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    proc = run(["code", str(src), "--workers", "1", "--max-chars", "2000", "-o", str(tmp_path / "a.jsonl")])
    assert proc.returncode == 0 and "warning: text of" in proc.stderr and "cut to 2,000" in proc.stderr
    events = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert events and max(e["sentence_index"] for e in events) < 30
    proc = run(["code", str(src), "--workers", "1", "--document-seconds", "0.000001",
                "--errors", str(tmp_path / "e.jsonl")])
    assert proc.returncode == 1, proc.stderr
    assert "longer than" in (tmp_path / "e.jsonl").read_text()
