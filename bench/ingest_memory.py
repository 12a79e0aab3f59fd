"""Benchmark: reading costs bounded memory, whatever the input (issues 14 and 17).

    python bench/ingest_memory.py [--gb 1.0] [--cli-seconds 120] [--keep DIR] [--skip-corpus]

1. Compressed corpus. Writes a .jsonl.gz corpus of about ``--gb`` GB *compressed* (pseudo-words,
   so it packs about 2.5:1 like news text), then reads it whole through ``read_inputs`` (unpacking,
   the line cap, JSON, boilerplate filter, the --max-chars cut) in a child process that reports
   its RSS every 5% of the file and its peak (ru_maxrss). The same is done for a 1% prefix of the
   corpus: flat memory means the two peaks are about equal and the samples do not climb.
2. The whole command on the same file for ``--cli-seconds``: ``polevent code BIG --workers 2``,
   the RSS of its process tree sampled every second (workers included), as a user would run it.
3. Hostile inputs, each next to one good document, ``polevent code --workers 1``, peak RSS by
   ``/usr/bin/time -v`` (else psutil sampling): a 2.2 MB page of attributes, /dev/zero, a 300 MB
   text file (and, as its control, its first 100 KB alone: coding --max-chars of text costs the
   same either way), and a 1 GB-unpacking gzip bomb, against the good document alone.

Prints one table per part; figures go to the report and the README's Scaling section.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable

# --- 1. a compressed corpus ------------------------------------------------------------------

SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vu", "sel", "dor", "an", "pe", "gri", "hol", "is", "mun", "tas",
             "ber", "co", "fi", "nag", "or", "ulu", "zen", "wal", "qua", "ex", "yo", "bri", "sto", "elm", "dra"]
SENTENCES = [
    "Egypt praised Qatar for its mediation on Monday.",
    "Jordan thanked Oman for its help with the talks.",
    "Chile recalled its ambassador from Peru after a dispute.",
    "Kenya signed a trade agreement with Uganda.",
]


def write_corpus(path: Path, target_bytes: int, seed: int = 17) -> int:
    """Write documents until the compressed file reaches ``target_bytes``; return how many."""
    rng = random.Random(seed)
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(20_000)]
    # A pool of 20,000 paragraphs (8 MB, far beyond gzip's 32 KB window), 8 drawn per document.
    pool = [rng.choice(SENTENCES) + " " + " ".join(rng.choices(words, k=60)) + "." for _ in range(20_000)]
    n = 0
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) as fh:
        while raw.tell() < target_bytes:
            lines = []
            for _ in range(1000):
                lines.append(json.dumps({"id": f"doc-{n}", "published": "2024-06-12",
                                         "text": "\n\n".join(rng.choices(pool, k=8))}))
                n += 1
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))
    return n


READ_CHILD = r"""
import json, os, resource, sys, time
from polevent.ingest import read_inputs
from polevent.model import Document
path, total = sys.argv[1], int(sys.argv[2])
page = os.sysconf("SC_PAGE_SIZE")
def rss():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * page
samples, n, chars, start = [], 0, 0, time.monotonic()
step = max(1, total // 20)
for item in read_inputs([path]):
    if isinstance(item, Document):
        n += 1
        chars += len(item.text)
        if n % step == 0:
            samples.append(rss())
print(json.dumps({"docs": n, "chars": chars, "seconds": time.monotonic() - start, "samples": samples,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def read_whole(path: Path, docs: int) -> dict:
    out = subprocess.run([PY, "-c", READ_CHILD, str(path), str(docs)], cwd=REPO, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


def prefix_copy(src: Path, dst: Path, fraction: float) -> int:
    """The first ``fraction`` of the corpus's documents, compressed the same way."""
    kept = 0
    with gzip.open(src, "rb") as fin, open(dst, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb",
                                                                             compresslevel=1) as fout:
        target = int(src.stat().st_size * fraction)
        for line in fin:
            fout.write(line)
            kept += 1
            if raw.tell() >= target:
                break
    return kept


# --- 2. the whole command, time-boxed --------------------------------------------------------

from bench import tree_rss  # noqa: E402  (the whole process tree's RSS, as bench.py measures it)


def cli_timeboxed(path: Path, seconds: float, workdir: Path) -> list[tuple[float, int]]:
    cmd = [PY, "-m", "polevent.cli", "code", str(path), "--workers", "2", "-q", "-o", str(workdir / "events.jsonl")]
    popen = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    proc = psutil.Process(popen.pid)
    start, samples = time.monotonic(), []
    try:
        while time.monotonic() - start < seconds and popen.poll() is None:
            time.sleep(1.0)
            samples.append((time.monotonic() - start, tree_rss(proc)))
    finally:
        os.killpg(popen.pid, 15)
        popen.wait()
    return samples


# --- 3. hostile inputs -----------------------------------------------------------------------

def hostile_inputs(workdir: Path) -> dict[str, list[str]]:
    good = workdir / "good.jsonl"
    good.write_text(json.dumps({"id": "good", "published": "2024-06-12", "text": SENTENCES[0]}) + "\n")
    page = workdir / "attributes.html"
    bomb = "<div " + " ".join(f'data-field-{i}="{i}"' for i in range(90_000)) + ">x</div>"
    page.write_text("<html><head><title>T</title></head><body>" + bomb + "<article><p>" + " ".join(SENTENCES)
                    + "</p></article></body></html>")
    text = workdir / "huge.txt"
    with text.open("wb") as fh:
        block = (" ".join(SENTENCES) + "\n\n").encode() * 5000
        while fh.tell() < 300_000_000:
            fh.write(block)
    control = workdir / "control.txt"  # what --max-chars lets through of the huge file, alone
    with text.open("rb") as fh:
        control.write_bytes(fh.read(100_000))
    packed = workdir / "bomb.jsonl.gz"
    with gzip.open(packed, "wb", compresslevel=1) as fh:
        for _ in range(1000):
            fh.write(b"\0" * 1_000_000)
    return {"good document alone": [str(good)],
            f"+ {page.stat().st_size / 1e6:.1f} MB page of 90,000 attributes": [str(good), str(page)],
            "+ /dev/zero": [str(good), "/dev/zero"],
            "+ 100 KB text file (the --max-chars of the next)": [str(good), str(control)],
            f"+ {text.stat().st_size / 1e6:.0f} MB text file": [str(good), str(text)],
            f"+ gzip bomb ({packed.stat().st_size / 1e6:.1f} MB unpacking to 1 GB)": [str(good), str(packed)]}


def measure(inputs: list[str]) -> tuple[float, int, int, int]:
    """Wall seconds, peak RSS bytes, stderr lines, exit status of one `polevent code` run."""
    cmd = [PY, "-m", "polevent.cli", "code", *inputs, "--published", "2024-06-12", "--workers", "1", "-q",
           "-o", os.devnull]
    start = time.monotonic()
    if Path("/usr/bin/time").exists():
        proc = subprocess.run(["/usr/bin/time", "-v", *cmd], cwd=REPO, capture_output=True, text=True)
        peak = next(int(line.split(":")[1]) * 1024 for line in proc.stderr.splitlines()
                    if "Maximum resident set size" in line)
        lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("polevent: ")]
    else:
        popen = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ps, peak = psutil.Process(popen.pid), 0
        while popen.poll() is None:
            peak = max(peak, tree_rss(ps))
            time.sleep(0.05)
        lines = [ln for ln in popen.stderr.read().splitlines() if ln.startswith("polevent: ")]
        proc = popen  # type: ignore[assignment]
    return time.monotonic() - start, peak, len(lines), proc.returncode


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gb", type=float, default=1.0, help="compressed size of the corpus (GB)")
    ap.add_argument("--cli-seconds", type=float, default=120.0, help="how long the whole command runs (0: skip)")
    ap.add_argument("--keep", type=Path, help="work here and keep the files (default: a temporary directory)")
    ap.add_argument("--skip-corpus", action="store_true", help="only the hostile inputs")
    args = ap.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="polevent-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if not args.skip_corpus:
            big = workdir / "corpus.jsonl.gz"
            start = time.monotonic()
            docs = write_corpus(big, int(args.gb * 1e9))
            print(f"corpus: {big.stat().st_size / 1e9:.2f} GB compressed, {docs:,} documents "
                  f"(written in {time.monotonic() - start:.0f} s)")
            small = workdir / "prefix.jsonl.gz"
            small_docs = prefix_copy(big, small, 0.01)
            for name, path, n in (("1% prefix", small, small_docs), ("whole corpus", big, docs)):
                r = read_whole(path, n)
                climb = ", ".join(mb(s) for s in r["samples"][::4])
                print(f"read_inputs over {name}: {path.stat().st_size / 1e6:,.0f} MB compressed, {r['docs']:,} docs, "
                      f"{r['chars'] / 1e9:.2f} G characters in {r['seconds']:.0f} s; peak RSS {mb(r['peak'])}; "
                      f"RSS every 20%: {climb}")
            if args.cli_seconds > 0:
                samples = cli_timeboxed(big, args.cli_seconds, workdir)
                marks = [s for s in samples if int(s[0]) % 15 == 0] or samples
                print("polevent code --workers 2 on the whole corpus, process tree RSS: "
                      + ", ".join(f"{t:.0f} s {mb(r)}" for t, r in marks))
            big.unlink()
            small.unlink()
        print("hostile inputs (polevent code --workers 1, each beside one good document):")
        for label, inputs in hostile_inputs(workdir).items():
            seconds, peak, lines, status = measure(inputs)
            print(f"  {label:<55} {seconds:6.1f} s  peak RSS {mb(peak):>8}  {lines} stderr lines  exit {status}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
