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


sys.path.insert(0, str(REPO / "bench"))
import kill_resume as harness  # noqa: E402  (the kill harness; bench/kill_resume.py runs 30 kills)


def test_killed_runs_resume_to_the_same_store(tmp_path: Path):
    """SIGKILL of the parent alone at random moments, from the first 100 ms (before the store
    exists) through store creation and model loading to the middle of coding: no process of the
    run outlives it by 5 s, and the same command then leaves the store and -o a clean run leaves."""
    corpus = tmp_path / "corpus.jsonl"
    harness.write_corpus(corpus, 24)
    clean_db, clean_out = tmp_path / "clean.duckdb", tmp_path / "clean.jsonl"
    proc = subprocess.run(harness.code_command(corpus, clean_db, clean_out, workers=2), cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    reference, ref_lines = harness.snapshot(clean_db), harness.lines(clean_out)
    assert len(reference[0]) == 24 and ref_lines
    db, out = tmp_path / "resumed.duckdb", tmp_path / "resumed.jsonl"
    cmd = harness.code_command(corpus, db, out, workers=2)
    rng = random.Random(11)
    for delay in (rng.uniform(0, 0.1), rng.uniform(0.5, 2.5), rng.uniform(5, 9), rng.uniform(5, 9)):
        gone, left = harness.kill_and_wait(cmd, delay)
        assert gone is not None, f"processes left 5 s after SIGKILL at {delay:.2f} s: {left}"
        assert harness.store_state(db) in ("absent",) or harness.store_state(db).endswith(" docs")
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert harness.snapshot(db) == reference
    assert harness.lines(out) == ref_lines  # -o rewritten whole: stored documents from the store
    # A run over input that is all stored codes nothing again, and still writes every event.
    again = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert "0 documents coded" in again.stderr and "24 already stored" in again.stderr, again.stderr
    assert harness.lines(out) == ref_lines


def _wait_for(predicate, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.parametrize("sig, workers", [(signal.SIGTERM, 2), (signal.SIGINT, 1)])
def test_sigterm_and_sigint_stop_between_batches(tmp_path: Path, sig, workers):
    """The signal drops (or, mid-commit, finishes) the batch in progress, the workers go with the
    parent, and one line says what is stored; -o holds exactly the stored events."""
    corpus = tmp_path / "corpus.jsonl"
    harness.write_corpus(corpus, 200)
    db, out = tmp_path / "s.duckdb", tmp_path / "s.jsonl"
    child = subprocess.Popen(harness.code_command(corpus, db, out, workers, batch_size=8), cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for(lambda: out.exists() and out.stat().st_size > 0)  # a first batch is committed
        os.kill(child.pid, sig)
        _, stderr = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + sig, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    name = signal.Signals(sig).name
    assert lines[0].startswith(f"polevent: stopped by {name}: "), lines[0]
    _wait_for(lambda: not harness.alive_in_group(child.pid), 5.0)
    docs, events = harness.snapshot(db)
    assert f"{len(docs)} documents ({len(events)} events) stored by this run" in lines[0]
    assert 0 < len(docs) < 200 and len(docs) % 8 == 0  # whole batches only
    assert len(harness.lines(out)) == len(events)


def test_inbox_run_never_reads_its_own_outputs(tmp_path: Path):
    """Outputs inside the input folder (by device and inode, not by name) are never read: the
    errors file once grew to 1 GB reading itself."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "feed.jsonl").write_text(
        json.dumps({"id": "good", "published": "2024-06-12", "text": GOOD}) + '\n{"id": broken\n',
        encoding="utf-8")
    args = ["code", "inbox", "-o", "inbox/events.jsonl", "--errors", "inbox/errors.jsonl", "--workers", "1"]
    for attempt in (1, 2):
        started = time.monotonic()
        proc = run(args, cwd=tmp_path, timeout=120)
        assert proc.returncode == 1, proc.stderr
        assert time.monotonic() - started < 60
        events = [json.loads(x) for x in (inbox / "events.jsonl").read_text(encoding="utf-8").splitlines()]
        assert {e["doc_id"] for e in events} == {"good"}
        assert (inbox / "errors.jsonl").stat().st_size < 1024 * attempt
        assert "feed.jsonl:2: malformed JSON" in proc.stderr
    assert "inbox/errors.jsonl: warning: not read: it is this run's --errors file" in proc.stderr
    assert "inbox/events.jsonl: warning: not read: it is this run's -o file" in proc.stderr
    # A hard link is the same file under another name: still not read.
    os.link(inbox / "errors.jsonl", inbox / "alias.jsonl")
    proc = run(args, cwd=tmp_path, timeout=120)
    assert "inbox/alias.jsonl: warning: not read: it is this run's --errors file" in proc.stderr
    # Named as an input, an output stops the run before it is emptied.
    before = (inbox / "feed.jsonl").read_bytes()
    proc = run(["code", "inbox/feed.jsonl", "-o", "inbox/feed.jsonl"], cwd=tmp_path)
    assert proc.returncode == 2 and "is also this run's -o" in proc.stderr
    assert (inbox / "feed.jsonl").read_bytes() == before


def test_special_files_and_links_in_a_folder_are_reported(tmp_path: Path):
    folder, outside = tmp_path / "in", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")               # reading it would block for ever
    (outside / "secret.txt").write_text(GOOD, encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "leak.txt")
    os.symlink(folder / "gone.txt", folder / "broken.txt")
    os.symlink(folder / "a.txt", folder / "same.txt")  # inside the tree: read
    proc = run(["code", str(folder), "--published", "2024-06-12", "--workers", "1", "-o",
                str(tmp_path / "e.jsonl")], timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert f"{folder}/pipe.jsonl: a FIFO, not a regular file; skipped" in proc.stderr
    assert f"{folder}/leak.txt: link out of the tree" in proc.stderr
    assert f"{folder}/broken.txt: broken link; skipped" in proc.stderr
    coded = {json.loads(x)["doc_id"] for x in (tmp_path / "e.jsonl").read_text().splitlines()}
    assert coded == {str(folder / "a.txt"), str(folder / "same.txt")}


def test_surrogates_bad_file_names_and_twin_ids_cost_one_line_each(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    feed = ('{"id": "ok", "published": "2024-06-12", "text": "%s"}\n'
            '{"id": "bad-text", "published": "2024-06-12", "text": "Egypt \\ud800 praised Qatar on Monday."}\n'
            '{"id": "bad-\\udc80-id", "published": "2024-06-12", "text": "%s"}\n'
            '{"id": 7, "published": "2024-06-12", "text": "%s"}\n'
            '{"id": "7", "published": "2024-06-12", "text": "Jordan thanked Oman."}\n') % (GOOD, GOOD, GOOD)
    (folder / "feed.jsonl").write_text(feed, encoding="utf-8")
    odd = os.path.join(os.fsencode(folder), b"caf\xe9 \\ report.txt")
    with open(odd, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    db, out, errors = tmp_path / "e.duckdb", tmp_path / "e.jsonl", tmp_path / "errors.jsonl"
    args = ["code", str(folder), "--published", "2024-06-12", "--workers", "1", "--db", str(db), "-o", str(out),
            "--errors", str(errors)]
    proc = run(args, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "Error" not in proc.stderr.replace("errors", ""), proc.stderr
    assert "feed.jsonl:3 (id bad-\ufffd-id): id is not valid Unicode" in proc.stderr
    assert 'feed.jsonl:5 (id 7): id already used by an earlier document of this run' in proc.stderr
    assert "feed.jsonl:2 (id bad-text): warning: text held characters that are not valid Unicode" in proc.stderr
    name = f"{folder}/caf\\xe9 \\\\ report.txt"  # lossless: the byte as \xe9, the backslash doubled
    docs, _ = harness.snapshot(db)
    assert docs == sorted(["ok", "bad-text", "7", name])
    assert all(json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines())
    # Stored as what was coded: the same command finds everything stored.
    again = run(args, timeout=120)
    assert "0 documents coded" in again.stderr and "4 already stored" in again.stderr, again.stderr


def test_a_cut_document_is_not_coded_again(tmp_path: Path):
    src = tmp_path / "long.jsonl"
    src.write_text(json.dumps({"id": "long", "published": "2024-06-12", "text": (GOOD + "\n\n") * 100}) + "\n",
                   encoding="utf-8")
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        args = ["code", str(src), "--db", str(db), "--max-chars", "2000", "--workers", workers]
        first, second = run(args), run(args)
        assert "1 documents coded" in first.stderr and "cut to 2,000" in first.stderr, first.stderr
        assert "0 documents coded" in second.stderr and "1 already stored" in second.stderr, second.stderr


def test_failing_outputs_and_stores_are_one_line(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "published": "2024-06-12", "text": GOOD}) + "\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    junk = tmp_path / "events.jsonl"
    junk.write_text('{"not": "a database"}\n')
    cases = {
        ("-o", str(tmp_path / "missing" / "e.jsonl")): "cannot write: No such directory",
        ("-o", str(tmp_path / "folder")): "cannot write: Is a directory",
        ("-o", "/dev/full"): "/dev/full: cannot write: No space left on device",
        ("--db", str(junk)): f"{junk}: not a DuckDB database",
        ("--db", str(tmp_path / "missing" / "e.duckdb")): "no such directory",
    }
    for (opt, value), said in cases.items():
        proc = run(["code", str(src), opt, value, "--workers", "1"])
        assert proc.returncode == 2, (opt, value, proc.stderr)
        assert len(proc.stderr.splitlines()) == 1 and said in proc.stderr, (opt, value, proc.stderr)
    assert junk.read_text() == '{"not": "a database"}\n'
    # A damaged store: one line in code and in the analysis commands.
    db = tmp_path / "damaged.duckdb"
    assert run(["code", str(REPO / "examples" / "articles.jsonl"), "--db", str(db), "--workers", "1"]).returncode == 0
    size = db.stat().st_size
    with open(db, "r+b") as fh:  # a block of the events table, past the catalog
        fh.seek(int(size * 0.9) // 4096 * 4096 + 100)
        fh.write(os.urandom(3000))
    examples = str(REPO / "examples" / "articles.jsonl")
    for args in (["dyads", "--db", str(db)], ["code", examples, "--db", str(db), "--workers", "1", "--recode"]):
        proc = run(args)
        assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr
        assert str(db) in proc.stderr and "Traceback" not in proc.stderr


def test_a_store_that_cannot_grow_is_one_line_and_keeps_what_it_had(tmp_path: Path):
    """A full disk (here: a file size limit, so that no privilege is needed) while committing:
    the cause is said ("no transaction is active" used to hide it) and earlier batches stay."""
    import resource
    corpus = tmp_path / "c.jsonl"
    from polevent.store import Store
    harness.write_corpus(corpus, 300)  # far more than fits: the run stops once the WAL is full
    db = tmp_path / "full.duckdb"
    Store(db).close()
    limit = db.stat().st_size + 16384

    def small_files():
        # Just over the new store's size: the first checkpoint that must grow the file fails
        # (DuckDB keeps the WAL then), and the WAL itself reaches the limit a few batches later.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "polevent.cli", "code", str(corpus), "--db", str(db),
                           "--workers", "1", "--batch-size", "4"], cwd=REPO, capture_output=True, text=True,
                          timeout=600, preexec_fn=small_files)
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.splitlines()) == 1 and "File too large" in proc.stderr, proc.stderr
    assert "no transaction is active" not in proc.stderr
    docs, _ = harness.snapshot(db)
    assert f"({len(docs)} documents stored by this run before it stopped)" in proc.stderr


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



def test_the_resume_look_up_is_not_cut_by_a_signal():
    """A signal that lands while DuckDB runs a query comes out of DuckDB as 'Query interrupted' (a
    traceback instead of our stop; it once failed the SIGINT test above, a race): the look-up of
    stored documents runs inside ``critical()``, so the query ends and the stop follows it."""
    from contextlib import contextmanager
    from datetime import date
    from types import SimpleNamespace

    from polevent import stopping
    from polevent.coderun import CodeRun
    from polevent.model import Document

    depths: list[int] = []

    class Store:
        def stored_hashes(self, ids):
            depths.append(stopping._depth)
            return {}

    @contextmanager
    def store():
        depths.append(stopping._depth)
        yield Store()

    run = SimpleNamespace(session=SimpleNamespace(store=store), out=None)
    docs = [Document(id="a", text="Kenya met Uganda.", published=date(2024, 6, 12))]
    assert CodeRun._look_up(run, docs) == docs
    assert depths and all(d > 0 for d in depths), depths
