"""The command end to end: output schema, bad input, exit codes, and the shared gold sets."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles.jsonl"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("ex") / "events.jsonl"
    proc = run("code", str(EXAMPLES), "-o", str(out))
    return proc, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


REQUIRED = {"event_id", "doc_id", "sentence_index", "sentence", "date", "date_source", "source", "target",
            "cameo", "root", "event_name", "goldstein", "quad_class", "trigger"}


def test_examples_code_cleanly(example_run):
    proc, events = example_run
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(events) >= 40
    for ev in events:
        assert REQUIRED <= set(ev), ev
        assert set(ev["source"]) == {"text", "code", "country", "igo", "role", "name"}
        assert ev["root"] == ev["cameo"][:2] and 1 <= ev["quad_class"] <= 4
        assert ev["date_source"] in ("text", "published")
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids))


def test_examples_tell_the_story(example_run):
    _, events = example_run
    pairs = {(e["source"]["country"], (e["target"] or {}).get("country"), e["root"]) for e in events}
    assert ("RUS", "PRK", "04") in pairs          # Putin's visit
    assert any(s == "PRK" and t == "RUS" and r == "05" for s, t, r in pairs)
    assert any(s == "CHN" and t == "PRK" and r in ("10", "11", "12", "13") for s, t, r in pairs)
    # the denial and the negation in the examples produce nothing
    assert not any(e["source"]["country"] == "RUS" and (e["target"] or {}).get("country") == "PRK"
                   and e["root"] == "07" for e in events)
    # boilerplate never becomes evidence
    assert not any("Reply" in e["sentence"] or "Comments" in e["sentence"] for e in events)


def test_bad_input_is_one_line_each_and_the_rest_is_coded(tmp_path):
    good = {"id": "ok", "published": "2024-06-12", "text": "Egypt praised Qatar for its mediation."}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "nt", "published": "2024-06-12"}),
             json.dumps({"id": "nd", "text": "Egypt praised Qatar."})]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    proc = run("code", str(src), str(binary), str(latin), "--published", "2024-06-12")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    errors = [l for l in proc.stderr.splitlines() if not l.startswith("polevent: ") or ":" in l[10:]]
    assert any(f"{src}:2" in l for l in errors), proc.stderr
    assert any(f"{src}:3" in l for l in errors)
    assert any(str(binary) in l for l in errors)
    assert any(str(latin) in l for l in errors)
    events = [json.loads(l) for l in proc.stdout.splitlines()]
    assert {e["doc_id"] for e in events} >= {"ok"}
    # the line with no date got --published, so it was coded too
    assert "nd" in {e["doc_id"] for e in events}


def test_stdin_and_clean_exit(tmp_path):
    doc = {"id": "s1", "published": "2024-06-12", "text": "Egypt praised Qatar for its mediation."}
    proc = run("code", "-", stdin=json.dumps(doc) + "\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["source"]["country"] == "EGY"


def test_malformed_actor_file_is_one_line(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("name\taliases\tcountry\tigo\trole\tkind\nX\t\tRUS\t\tNOPE\tarmed\n", encoding="utf-8")
    proc = run("code", str(EXAMPLES), "--actors", str(bad))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"polevent: {bad}:2: unknown role 'NOPE'"


def test_actors_resolve_command():
    proc = run("actors", "resolve", "President Joe Biden", "--date", "2023-05-01")
    assert json.loads(proc.stdout) == {"code": "USAGOV", "country": "USA", "igo": None, "role": "GOV",
                                       "name": "Joe Biden"}
    assert run("actors", "resolve", "the bakery").stdout.strip() == "null"


needs_shared = pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared/eval is not beside the repo")


@needs_shared
def test_seed_articles_pass():
    proc = run("evaluate", str(SHARED / "eval" / "seeds-gold.json"))
    assert proc.stdout.strip().splitlines()[-1].startswith("cases passed 2/2"), proc.stdout


@needs_shared
def test_seed_text_files_code_end_to_end(tmp_path):
    seeds = SHARED / "seeds"
    meta = {json.loads(l)["file"]: json.loads(l)["published"]
            for l in (seeds / "seeds.jsonl").read_text().splitlines() if l.strip()}
    for name, published in meta.items():
        proc = run("code", str(seeds / name), "--published", published)
        assert proc.returncode == 0, proc.stderr
        events = [json.loads(l) for l in proc.stdout.splitlines()]
        assert any(e["source"]["country"] == "PRK" and (e["target"] or {}).get("country") == "RUS"
                   for e in events)
        assert not any("Reply" in e["sentence"] or "Comments" in e["sentence"] for e in events)


# The floors issue #13 sets for sentences (dev 95%, PLOVER 78%): whole-article precision may not
# be bought with sentence-level regressions.
@needs_shared
@pytest.mark.parametrize("gold, floor", [("dev.json", 95.0), ("plover-gsr.json", 78.0)])
def test_shared_gold_sets_meet_their_floor(gold, floor):
    proc = run("evaluate", "-q", str(SHARED / "eval" / gold))
    last = proc.stdout.strip().splitlines()[-1]
    pct = float(last.split("(")[1].split("%")[0])
    assert pct >= floor, last


# Whole articles: the shared check set and the project's own annotated articles, a little below
# what the coder reaches (shared 78.7% / 45.7%, ours 75.0% / 55.8% when last raised).
@needs_shared
@pytest.mark.parametrize("gold, corpus, precision, recall", [
    (SHARED / "eval" / "wikinews-gold.json", None, 72.0, 43.0),
    (REPO / "eval" / "wikinews-annotated.json", SHARED / "corpus" / "wikinews-en.jsonl", 71.0, 52.0),
])
def test_whole_articles_meet_their_floor(gold, corpus, precision, recall):
    args = ["evaluate", "--prf", "-q", str(gold)] + (["--corpus", str(corpus)] if corpus else [])
    last = run(*args).stdout.strip().splitlines()[-1]
    p = float(last.split("precision ")[1].split("%")[0])
    r = float(last.split("recall ")[1].split("%")[0])
    assert p >= precision and r >= recall, last


def test_dash_output_is_standard_output(tmp_path):
    doc = tmp_path / "one.txt"
    doc.write_text("Iran's foreign minister met his Omani counterpart in Muscat on Monday.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "polevent.cli", "code", str(doc), "--published", "2023-02-14",
                           "-o", "-", "-q"], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "-").exists()
    assert all(json.loads(line)["doc_id"] for line in proc.stdout.splitlines())
