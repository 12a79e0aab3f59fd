"""Kill ``polevent code --db`` at random moments and check that the same command finishes the job.

    python bench/kill_resume.py [--kills 30] [--docs 40] [--workers 2] [--seed 1] [--mode trials|chain]

First a clean run (no kill) gives the reference: its documents, events and event ids, and its
``-o`` file. Then, in ``trials`` mode (the default), each of ``--kills`` trials starts the command
on a fresh store, SIGKILLs the parent process alone at a random moment, waits for the rest of the
process group (workers, the resource tracker) to go, and runs the same command again to the end;
its store and its ``-o`` file must equal the clean run's. In ``chain`` mode the kills follow each
other on one store and one final run completes it. The moments: a third in the first 100 ms
(interpreter start, before the store exists), a third in the next 2.9 s (imports, store
creation, model loading), a third anywhere up to the clean run's duration (coding and commits).

Prints one line per kill (delay, store state left behind, seconds until no process of the
group was alive, verdict) and a summary; exit status 1 if any check failed. The test suite runs
a short chain (tests/test_robustness.py); this script is for the full count.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles.jsonl"


def write_corpus(path: Path, n: int) -> None:
    """``n`` documents from the example articles, ids made unique."""
    arts = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a = dict(arts[i % len(arts)])
            a["id"] = f"{a['id']}-{i}"
            fh.write(json.dumps(a) + "\n")


def code_command(corpus: Path, db: Path, out: Path, workers: int, batch_size: int = 4) -> list[str]:
    return [sys.executable, "-m", "polevent.cli", "code", str(corpus), "--db", str(db), "-o", str(out),
            "--workers", str(workers), "--batch-size", str(batch_size), "-q"]


def snapshot(db: Path) -> tuple[list[str], list[tuple]]:
    """The store's documents and events (ids and what identifies each event)."""
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
        events = con.execute("SELECT event_id, doc_id, sentence_index, cameo, source_code, target_code, date "
                             "FROM events ORDER BY event_id, doc_id, sentence_index").fetchall()
    finally:
        con.close()
    return docs, events


def lines(path: Path) -> list[str]:
    """The -o file's lines, sorted (documents already stored come in groups, not in input order)."""
    return sorted(path.read_text(encoding="utf-8").splitlines()) if path.exists() else []


def alive_in_group(pgid: int) -> list[int]:
    """Processes of the process group that are not zombies (a zombie has ended; only its exit
    status waits for a parent that, under some inits, never collects it)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, pg = fields[0], int(fields[2])
        if pg == pgid and state != "Z":
            found.append(int(entry))
    return found


def kill_and_wait(cmd: list[str], delay: float, cwd: Path = REPO, gone_within: float = 5.0) -> tuple[float | None, list[int]]:
    """Start ``cmd`` in its own process group, SIGKILL its parent after ``delay`` seconds, and wait
    for the group to be gone. Returns (seconds until gone, or None, and what was still alive
    after ``gone_within`` s, which is then killed)."""
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    killed_at = time.monotonic()
    while time.monotonic() - killed_at < gone_within:
        if not alive_in_group(child.pid):
            return time.monotonic() - killed_at, []
        time.sleep(0.05)
    left = alive_in_group(child.pid)
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    return None, left


def store_state(db: Path) -> str:
    if not db.exists():
        return "absent"
    if db.stat().st_size == 0:
        return "empty file"
    try:
        docs, _ = snapshot(db)
    except Exception as exc:  # noqa: BLE001 - what a broken store looks like is the finding
        return f"unreadable ({type(exc).__name__})"
    return f"{len(docs)} docs"


def delays(n: int, longest: float, rng: random.Random) -> list[float]:
    """A third in the first 100 ms, a third in 0.1-3 s, a third up to ``longest``, shuffled."""
    out = []
    for i in range(n):
        band = i % 3
        if band == 0:
            out.append(rng.uniform(0.0, 0.1))
        elif band == 1:
            out.append(rng.uniform(0.1, 3.0))
        else:
            out.append(rng.uniform(3.0, max(3.5, longest)))
    rng.shuffle(out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kills", type=int, default=30)
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("trials", "chain"), default="trials")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="polevent-kills-") as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        write_corpus(corpus, args.docs)
        clean_db, clean_out = work / "clean.duckdb", work / "clean.jsonl"
        t0 = time.monotonic()
        proc = subprocess.run(code_command(corpus, clean_db, clean_out, args.workers), cwd=REPO,
                              capture_output=True, text=True)
        clean_seconds = time.monotonic() - t0
        if proc.returncode != 0:
            print(proc.stderr)
            return 2
        reference, ref_lines = snapshot(clean_db), lines(clean_out)
        print(f"clean run: {len(reference[0])} documents, {len(reference[1])} events, {clean_seconds:.1f} s, "
              f"--workers {args.workers}, mode {args.mode}")
        gone_times: list[float] = []
        plan = delays(args.kills, clean_seconds, rng)
        db, out = work / "killed.duckdb", work / "killed.jsonl"
        for i, delay in enumerate(plan, 1):
            if args.mode == "trials":
                for p in work.iterdir():
                    if p.name.startswith(("killed", ".killed")):
                        p.unlink()
            cmd = code_command(corpus, db, out, args.workers)
            gone, left = kill_and_wait(cmd, delay)
            state = store_state(db)
            verdict = "ok"
            if gone is None:
                verdict = f"STILL ALIVE after 5 s: {left}"
                failures += 1
            else:
                gone_times.append(gone)
            if args.mode == "trials":
                done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
                if done.returncode != 0:
                    verdict = f"FINAL RUN FAILED ({done.returncode}): {done.stderr.strip()[-300:]}"
                    failures += 1
                elif snapshot(db) != reference:
                    verdict = "STORE DIFFERS from the clean run"
                    failures += 1
                elif lines(out) != ref_lines:
                    verdict = "-o DIFFERS from the clean run"
                    failures += 1
            print(f"kill {i:2d}: after {delay * 1000:7.1f} ms; left {state:>16}; "
                  f"group gone in {'-' if gone is None else f'{gone:.2f} s'}; {verdict}", flush=True)
        if args.mode == "chain":
            done = subprocess.run(code_command(corpus, db, out, args.workers), cwd=REPO, capture_output=True, text=True)
            same = done.returncode == 0 and snapshot(db) == reference and lines(out) == ref_lines
            print(f"final run: exit {done.returncode}; store and -o {'equal' if same else 'DIFFER from'} the clean run's")
            failures += not same
    if gone_times:
        gone_times.sort()
        print(f"process group gone after a kill: median {gone_times[len(gone_times) // 2]:.2f} s, "
              f"max {gone_times[-1]:.2f} s")
    print(f"{args.kills} kills, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
