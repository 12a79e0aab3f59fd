"""Benchmark: polevent end to end against the bare spaCy parse of the same texts.

    python bench/bench.py --docs 5000 20000 --repeat 3 [--workers 2] [--batch-size 16] [--bare-max N]
    python bench/bench.py --real ../shared/corpus/wikinews-en.jsonl --times 3 10 --bare-max 3000

For each N: writes a deterministic corpus of N article-length documents (bench/corpus.py), or,
with ``--real``, the real-news articles of that file repeated ``--times`` K over (each copy
with its own ids, so nothing is a duplicate; N is then K times the file's documents), then
runs, alternating their order between repetitions,

- bare:     bench/bare_parse.py: ``nlp.pipe(texts, batch_size=B, n_process=W)`` with the model
            polevent loads, every document's sentences iterated;
- polevent: ``python -m polevent.cli code CORPUS --workers W -o EVENTS``, the command as a user
            runs it (reading, boilerplate filter, parse, actors, events, dates, JSON writing).

Both are timed from process start to exit (model loading included). Sentences are the spaCy
model's sentences of the corpus (counted by the bare run) for both, so the ratio of the two
rates is the ratio of wall times on identical input. Peak memory is the largest sum of the RSS
of the run's whole process tree, sampled every 50 ms. Time to first event: start to the first
line in the events file (for bare, to the first parsed document). Medians over repetitions.
The share of sentences parsed is that of the documents polevent's first pass (screen.py)
keeps, counted in-process over the corpus.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run(cmd: list[str], first_file: Path, env: dict) -> dict:
    """Run ``cmd``; wall time, peak tree RSS, time until ``first_file`` is non-empty."""
    if first_file.exists():
        first_file.unlink()
    t0 = time.perf_counter()
    popen = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc = psutil.Process(popen.pid)
    peak, first = 0, None
    while popen.poll() is None:
        peak = max(peak, tree_rss(proc))
        if first is None:
            try:
                if first_file.stat().st_size > 0:
                    first = time.perf_counter() - t0
            except FileNotFoundError:
                pass
        time.sleep(0.05)
    wall = time.perf_counter() - t0
    out, err = popen.communicate()
    if popen.returncode != 0:
        raise SystemExit(f"failed ({popen.returncode}): {' '.join(cmd)}\n{err}")
    return {"wall": wall, "peak_rss": peak, "first": first, "stdout": out, "stderr": err}


def sample_sentences_per_doc(corpus: Path, model: str | None, env: dict, work: Path, k: int = 500) -> float:
    """Sentences per document over the corpus's first ``k`` documents (the corpus cycles through
    the same varied articles, so a sample gives the rate for the whole), counted by the bare
    parser in one process."""
    sample = work / "sample.jsonl"
    with open(corpus, encoding="utf-8") as src, open(sample, "w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= k:
                break
            dst.write(line)
    model_args = ["--model", model] if model else []
    out = subprocess.run([sys.executable, str(HERE / "bare_parse.py"), str(sample), str(work / "sample.out"),
                          *model_args], capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip()) / min(k, sum(1 for _ in open(sample, encoding="utf-8")))


def write_real(source: Path, times: int, out: Path) -> tuple[Path, int]:
    """``source`` (JSON Lines articles) ``times`` over, ids made unique per copy."""
    n = 0
    with open(source, encoding="utf-8") as src:
        lines = [json.loads(line) for line in src if line.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for k in range(times):
            for doc in lines:
                fh.write(json.dumps({**doc, "id": f"{doc.get('id', n)}-r{k}"}, ensure_ascii=False) + "\n")
                n += 1
    return out, n


def parsed_share(corpus: Path, model: str | None, k: int | None = None) -> tuple[float, int]:
    """Of the corpus's sentences (counted on the tokens), the share in documents the screen keeps
    for the parser, and the documents it skips (over the first ``k`` documents)."""
    sys.path.insert(0, str(REPO))
    from polevent.pipeline import Coder
    from polevent.screen import rough_sentences
    coder = Coder(model)
    kept = total = skipped = 0
    with open(corpus, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if k is not None and i >= k:
                break
            tokens = coder.nlp.make_doc(json.loads(line)["text"])
            n = rough_sentences(tokens)
            total += n
            if coder.screen.holds_trigger(tokens):
                kept += n
            else:
                skipped += 1
    return (kept / total if total else 1.0), skipped


def bench(n: int, repeat: int, workers: int, batch_size: int, model: str | None, work: Path,
          skip_bare: bool = False, per_doc: float | None = None, real: Path | None = None) -> dict:
    if real is not None:
        corpus, n = write_real(real, n, work / f"real-x{n}.jsonl")
    else:
        corpus = write_corpus(n, work / f"corpus-{n}.jsonl")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    model_args = ["--model", model] if model else []
    bare_cmd = [sys.executable, str(HERE / "bare_parse.py"), str(corpus), str(work / "bare.out"),
                "--n-process", str(workers), "--batch-size", str(batch_size), *model_args]
    pe_cmd = [sys.executable, "-m", "polevent.cli", "code", str(corpus), "--workers", str(workers),
              "-o", str(work / "events.jsonl"), *model_args]
    runs: dict[str, list[dict]] = {"bare": [], "polevent": []}
    sentences = None
    for rep in range(repeat):
        order = ["bare", "polevent"] if rep % 2 == 0 else ["polevent", "bare"]
        for name in order:
            if name == "bare" and skip_bare:
                continue
            r = run(bare_cmd if name == "bare" else pe_cmd,
                    work / ("bare.out" if name == "bare" else "events.jsonl"), env)
            if name == "bare":
                sentences = int(r["stdout"].strip())
            else:
                r["events"] = sum(1 for _ in open(work / "events.jsonl", encoding="utf-8"))
            runs[name].append(r)
            print(f"  N={n} rep {rep + 1} {name}: {r['wall']:.1f} s, peak {r['peak_rss'] / 2**20:.0f} MiB, "
                  f"first {r['first'] or float('nan'):.1f} s", file=sys.stderr, flush=True)
    estimated = sentences is None
    if estimated:  # no bare run at this N: sentences per document from a smaller measured N
        sentences = round(n * (per_doc or sample_sentences_per_doc(corpus, model, env, work)))

    def med(name: str, key: str):
        vals = [r[key] for r in runs[name] if r[key] is not None]
        return statistics.median(vals) if vals else None

    share, screened_out = parsed_share(corpus, model, k=2000)
    result = {"docs": n, "sentences": sentences, "workers": workers, "batch_size": batch_size,
              "repeat": repeat, "events": runs["polevent"][0]["events"],
              "sentences_estimated": estimated, "parsed_share": round(share, 4),
              "screened_out_docs_of_first_2000": screened_out}
    for name in runs:
        if not runs[name]:
            continue
        wall = med(name, "wall")
        result[name] = {"wall_s": round(wall, 2), "sentences_per_s": round(sentences / wall, 1),
                        "docs_per_s": round(n / wall, 2), "peak_rss_mib": round(med(name, "peak_rss") / 2**20),
                        "first_s": round(med(name, "first"), 2) if med(name, "first") else None,
                        "walls": [round(r["wall"], 2) for r in runs[name]]}
    if "bare" in result:
        result["ratio"] = round(result["bare"]["wall_s"] / result["polevent"]["wall_s"], 3)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[2000], help="corpus sizes (documents)")
    ap.add_argument("--repeat", type=int, default=3, help="repetitions; medians are reported")
    ap.add_argument("--workers", type=int, default=os.cpu_count(), help="processes for both (default: cores)")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size for the bare parse "
                    "(polevent's own default is the same, 16)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "polevent-bench",
                    help="corpus and outputs go here")
    ap.add_argument("--bare-max", type=int, default=None, help="run the bare parse only for N up to this; "
                    "larger N run polevent alone and estimate sentences from the largest measured N")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--real", type=Path, help="real-news JSON Lines (e.g. ../shared/corpus/wikinews-en.jsonl) "
                    "instead of the synthetic corpus; sizes are then --times")
    ap.add_argument("--times", type=int, nargs="+", default=[3], help="with --real: copies of the file")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    per_doc = None
    sizes = args.times if args.real else args.docs
    real = args.real.resolve() if args.real else None
    n_real = sum(1 for line in open(real, encoding="utf-8") if line.strip()) if real else 0
    for n in sizes:
        skip = args.bare_max is not None and (n * n_real if real else n) > args.bare_max
        res = bench(n, args.repeat, args.workers, args.batch_size, args.model, args.work.resolve(), skip, per_doc,
                    real)
        if not res["sentences_estimated"]:
            per_doc = res["sentences"] / res["docs"]
        results.append(res)
        est = " (estimated)" if res["sentences_estimated"] else ""
        what = f"{real.name} x{n}: " if real else ""
        print(f"{what}N={res['docs']} docs, {res['sentences']} sentences{est}, {res['events']} events, "
              f"workers={res['workers']}, batch={res['batch_size']}, median of {res['repeat']}; "
              f"sentences parsed {res['parsed_share']:.1%} "
              f"({res['screened_out_docs_of_first_2000']} documents of the first 2,000 not parsed)")
        for name in ("bare", "polevent"):
            if name in res:
                r = res[name]
                print(f"  {name:8s} {r['sentences_per_s']:7.1f} sentences/s  {r['docs_per_s']:6.2f} docs/s  "
                      f"wall {r['wall_s']:7.1f} s  peak RSS {r['peak_rss_mib']:5d} MiB  first "
                      f"{'event' if name == 'polevent' else 'doc  '} {r['first_s']} s")
        if "ratio" in res:
            print(f"  ratio polevent/bare: {res['ratio']:.1%} ({res['ratio']:.2f}x the bare parse's rate)")
        sys.stdout.flush()
    if len(results) > 1:
        peaks = [r["polevent"]["peak_rss_mib"] for r in results]
        print(f"polevent peak RSS by N: {dict(zip([r['docs'] for r in results], peaks))}, "
              f"max/min {max(peaks) / min(peaks):.3f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
