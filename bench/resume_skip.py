"""How long does a resumed run take to skip what is already stored, against coding it?

    python bench/resume_skip.py [--docs 200000] [--small 300] [--code-sample 1000] [--workers 2]

1. Writes a deterministic corpus of ``--docs`` article-length documents (bench/corpus.py).
2. Fills a store as a finished run would have: every document with the hash of its text as the
   command codes it (read, cleaned, cut to --max-chars, by the same functions), and ten events
   each, written with SQL (coding 200,000 documents takes hours on two cores).
3. Times ``polevent code CORPUS --db STORE`` over it (everything found stored: nothing coded),
   and the same over the first ``--small`` documents in a store of ``--small``, for the cost per
   document at both sizes.
4. Times coding the first ``--code-sample`` documents into a fresh store, for the coding rate,
   and reports skipping as a share of coding the whole corpus at that rate (stated as an
   extrapolation).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))
from corpus import write_corpus  # noqa: E402


def fill_store(corpus: Path, db: Path, max_chars: int = 100_000) -> int:
    """The store a finished run over ``corpus`` leaves (documents, hashes, ten events each)."""
    import pandas as pd

    from polevent.inputs import Outputs, read_sources, resolve_inputs
    from polevent.model import Document
    from polevent.pipeline import cut_document
    from polevent.storable import storable_document
    from polevent.store import Store, text_hash
    rows = []
    for item in read_sources(resolve_inputs([str(corpus)]), None, Outputs()):
        if isinstance(item, Document):
            doc = cut_document(storable_document(item), max_chars)
            rows.append((doc.id, doc.url, doc.title, doc.source, doc.published, text_hash(doc.text)))
    frame = pd.DataFrame(rows, columns=["id", "url", "title", "source", "published", "text_hash"])
    with Store(db) as st:
        st.con.register("f", frame)
        st.con.execute("INSERT INTO documents SELECT id, url, title, source, CAST(published AS DATE), text_hash, "
                       "TIMESTAMP '2025-01-01 00:00:00', 11, 10 FROM f")
        st.con.execute("""
            INSERT INTO events (event_id, doc_id, sentence_index, sentence, date, date_source,
                                source_code, source_country, source_key, target_code, target_country,
                                target_key, cameo, root, event_name, goldstein, quad_class, trigger,
                                modality, extra)
            SELECT substr(md5(d.id || r.range), 1, 16), d.id, CAST(r.range AS INTEGER),
                   'Egypt praised Qatar for its mediation.', d.published, 'published',
                   'EGYGOV', 'EGY', 'EGY', 'QATGOV', 'QAT', 'QAT', '051', '05', 'Praise or endorse',
                   3.4, 1, 'praised', 'asserted', '{"confidence": 0.85}'
            FROM documents d, range(10) r""")
    return len(rows)


def timed(cmd: list[str]) -> tuple[float, str]:
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr}")
    return time.monotonic() - t0, proc.stderr.strip().splitlines()[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200_000)
    ap.add_argument("--small", type=int, default=300)
    ap.add_argument("--code-sample", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    code = [sys.executable, "-m", "polevent.cli", "code"]
    with tempfile.TemporaryDirectory(prefix="polevent-resume-") as tmp:
        work = Path(tmp)
        big, small, sample = work / "big.jsonl", work / "small.jsonl", work / "sample.jsonl"
        write_corpus(args.docs, big)
        with big.open(encoding="utf-8") as src, small.open("w", encoding="utf-8") as a, \
                sample.open("w", encoding="utf-8") as b:
            for i, line in enumerate(src):
                if i < args.small:
                    a.write(line)
                if i < args.code_sample:
                    b.write(line)
        t0 = time.monotonic()
        n = fill_store(big, work / "big.duckdb")
        fill_store(small, work / "small.duckdb")
        print(f"corpus and stores: {n} documents, filled in {time.monotonic() - t0:.0f} s")
        runs = {}
        for name, corpus in (("small", small), ("big", big)):
            seconds, said = timed(code + [str(corpus), "--db", str(work / f"{name}.duckdb"), "--workers",
                                          str(args.workers), "-q"])
            runs[name] = seconds
            print(f"skip {name:5s}: {seconds:8.1f} s  ({said})")
        seconds, said = timed(code + [str(sample), "--db", str(work / "fresh.duckdb"), "--workers",
                                      str(args.workers), "-q"])
        rate = args.code_sample / seconds
        print(f"code {args.code_sample} documents: {seconds:.1f} s, {rate:.2f} documents/s ({said})")
    per_small = runs["small"] / args.small
    per_big = runs["big"] / args.docs
    coding_all = args.docs / rate
    print(f"per document skipped: {per_small * 1000:.2f} ms in a store of {args.small} (process start "
          f"included), {per_big * 1000:.3f} ms in a store of {args.docs}")
    print(f"skipping {args.docs} stored documents: {runs['big']:.0f} s = {100 * runs['big'] / coding_all:.1f}% "
          f"of coding them at the measured rate ({coding_all:.0f} s, extrapolated from {args.code_sample})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
