"""Nothing waits for the model when there is nothing to code: a missing input, or a resumed run
whose documents are all stored, never loads it (a model that cannot load shows it)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles.jsonl"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


def test_missing_input_is_reported_without_the_model(tmp_path):
    missing = tmp_path / "nope.jsonl"
    proc = run("code", str(missing), "--model", str(tmp_path / "no-model"), "-o", str(tmp_path / "ev.jsonl"))
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [f"polevent: {missing}: no such file or directory",
                                        "polevent: 0 documents coded, 0 events, 1 inputs skipped"]
    assert (tmp_path / "ev.jsonl").read_text() == ""


def test_resumed_run_with_everything_stored_loads_no_model(tmp_path):
    db = tmp_path / "ev.duckdb"
    first = run("code", str(EXAMPLES), "--db", str(db), "-o", str(tmp_path / "a.jsonl"))
    assert first.returncode == 0, first.stderr
    again = run("code", str(EXAMPLES), "--db", str(db), "-o", str(tmp_path / "b.jsonl"),
                "--model", str(tmp_path / "no-model"))
    assert again.returncode == 0, again.stderr
    assert "14 already stored" in again.stderr
    assert sorted((tmp_path / "b.jsonl").read_text().splitlines()) == \
           sorted((tmp_path / "a.jsonl").read_text().splitlines())
    # a document not stored yet does load it, and a bad model is then one line
    extra = tmp_path / "more.jsonl"
    extra.write_text('{"id": "new", "published": "2024-06-12", "text": "Egypt praised Qatar."}\n')
    bad = run("code", str(extra), "--db", str(db), "--model", str(tmp_path / "no-model"))
    assert bad.returncode == 2 and "no-model" in bad.stderr and "Traceback" not in bad.stderr


def test_nothing_to_code_imports_no_spacy(tmp_path):
    # spaCy, the knowledge and the coder cost most of a second to import: a run that codes nothing
    # (a missing input, every document stored) ends without them
    db = tmp_path / "ev.duckdb"
    assert run("code", str(EXAMPLES), "--db", str(db), "-o", str(tmp_path / "a.jsonl")).returncode == 0
    probe = ("import sys, runpy\n"
             "sys.argv = ['polevent', 'code', sys.argv[1], '--db', sys.argv[2], '-o', sys.argv[3], '-q']\n"
             "try:\n    runpy.run_module('polevent.cli', run_name='__main__')\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('spacy', 'polevent.pipeline', 'polevent.events.coder') if m in sys.modules))\n")
    for source in (str(EXAMPLES), str(tmp_path / "missing.jsonl")):
        proc = subprocess.run([sys.executable, "-c", probe, source, str(db), str(tmp_path / "b.jsonl")],
                              capture_output=True, text=True, cwd=REPO, timeout=600)
        assert proc.stdout.strip().splitlines()[-1] == "[]", (proc.stdout, proc.stderr)
