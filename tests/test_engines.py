"""Engines: worker processes and a Dask cluster code exactly what the in-process Coder codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polevent.ingest import read_inputs
from polevent.model import Document
from polevent.pipeline import CoderConfig

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles.jsonl"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "polevent.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def example_docs() -> list[Document]:
    return [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, Document)]


def events_json(results) -> list[dict]:
    return [ev.to_json() for r in results for ev in r.events]


@pytest.fixture(scope="module")
def reference(coder) -> list[dict]:
    """The in-process coding of the examples: what every engine must reproduce."""
    return events_json(coder.code(example_docs()))


@pytest.fixture(scope="module")
def reference_cli(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("ref") / "events.jsonl"
    proc = run("code", str(EXAMPLES), "--workers", "1", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8").splitlines()


def test_local_engine_same_events_in_input_order(reference):
    from polevent.engines.local import LocalEngine
    docs = example_docs()
    # Batches of 2 documents and at most 3 in flight: results come back out of order from
    # the two workers and must still be yielded in input order.
    with LocalEngine(CoderConfig(), workers=2, batch_size=2, in_flight=3) as engine:
        results = list(engine.code(docs))
        assert [r.document.id for r in results] == [d.id for d in docs]
        assert events_json(results) == reference
        # a second stream through the same workers (models stay loaded)
        assert events_json(engine.code(docs[:3])) == events_json(results[:3])


def test_cli_workers_2_writes_what_workers_1_writes(reference_cli, tmp_path):
    out = tmp_path / "events.jsonl"
    proc = run("code", str(EXAMPLES), "--workers", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").splitlines() == reference_cli
    assert proc.stderr.strip().splitlines()[-1].startswith("polevent: 14 documents coded")


def test_cli_workers_bad_input_and_bad_knowledge(tmp_path):
    data = tmp_path / "in.jsonl"
    lines = EXAMPLES.read_text(encoding="utf-8").splitlines()[:2]
    data.write_text("\n".join([lines[0], "{not json", lines[1]]) + "\n", encoding="utf-8")
    proc = run("code", str(data), "--workers", "2", "-o", str(tmp_path / "ev.jsonl"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{data}:2" in proc.stderr and "2 documents coded" in proc.stderr

    bad = tmp_path / "bad.tsv"
    bad.write_text("this is not a known header\n", encoding="utf-8")
    proc = run("code", str(data), "--workers", "2", "--actors", str(bad), "-o", str(tmp_path / "ev2.jsonl"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and str(bad) in proc.stderr
    assert not (tmp_path / "ev2.jsonl").exists()


def test_unknown_engine_is_one_line():
    proc = run("code", str(EXAMPLES), "--engine", "spark")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "spark" in proc.stderr


def test_dask_engine_on_two_local_workers(reference, reference_cli, tmp_path):
    pytest.importorskip("distributed")
    from polevent.engines.dask import DaskEngine, built_coders
    docs = example_docs()
    # Partitions of 3 documents spread the examples over both workers.
    with DaskEngine(CoderConfig(), workers=2, partition_size=3) as engine:
        assert len(engine.client.nthreads()) == 2
        assert all(host.startswith("tcp://127.0.0.1:") for host in engine.client.nthreads())
        results = list(engine.code(docs))
        # the model is loaded once per worker, never per partition
        built = engine.client.run(built_coders)
        assert set(built.values()) <= {0, 1} and sum(built.values()) >= 1
    assert engine.client is None and engine.cluster is None
    assert [r.document.id for r in results] == [d.id for d in docs]
    assert events_json(results) == reference

    # The command line: --engine dask on a local two-worker cluster writes the local engine's events.
    out = tmp_path / "events.jsonl"
    proc = run("code", str(EXAMPLES), "--engine", "dask", "--workers", "2", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.read_text(encoding="utf-8").splitlines() == reference_cli


def test_dask_local_cluster_ends_with_a_killed_command(tmp_path):
    """SIGKILL of `polevent code --engine dask` once its local cluster works: no worker, nanny or
    resource tracker of it lives on."""
    pytest.importorskip("distributed")
    import os
    import signal
    import time
    sys.path.insert(0, str(REPO / "bench"))
    import kill_resume as harness
    corpus, out = tmp_path / "c.jsonl", tmp_path / "e.jsonl"
    harness.write_corpus(corpus, 400)
    child = subprocess.Popen([sys.executable, "-m", "polevent.cli", "code", str(corpus), "--engine", "dask",
                              "--workers", "2", "-o", str(out), "-q"], cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not (out.exists() and out.stat().st_size > 0):  # the cluster is coding
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        assert len(harness.alive_in_group(child.pid)) >= 3
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 5
        while harness.alive_in_group(child.pid):
            assert time.monotonic() < deadline, harness.alive_in_group(child.pid)
            time.sleep(0.1)
    finally:
        for pid in harness.alive_in_group(child.pid):
            os.kill(pid, signal.SIGKILL)
