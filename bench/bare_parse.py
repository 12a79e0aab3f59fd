"""The baseline: spaCy alone over the same texts, with the same model, batch size and processes.

Writes one line per parsed document (its sentence count) to OUT, so that the benchmark sees the
first result arrive and can count sentences; prints the total on stdout.
"""
from __future__ import annotations

import argparse
import json


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--model", default=None)
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    from polevent.nlp import load_model  # the model polevent would load, loaded the same way
    nlp = load_model(args.model)

    def texts():
        with open(args.corpus, encoding="utf-8") as fh:
            for line in fh:
                yield json.loads(line)["text"]

    total = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for doc in nlp.pipe(texts(), batch_size=args.batch_size, n_process=args.n_process):
            n = sum(1 for _ in doc.sents)
            total += n
            out.write(f"{n}\n")
            out.flush()
    print(total)


if __name__ == "__main__":
    main()
