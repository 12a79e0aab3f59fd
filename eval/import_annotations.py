#!/usr/bin/env python3
"""Turn annotators' files into the repository's gold: events keyed by article id, no article text.

Annotators quote a few words of the article as evidence for each event (so a reviewer can find
it); the repository keeps only where those words stand (``"at": [start, end]`` character offsets
into the article's ``text`` in ../shared/corpus/wikinews-en.jsonl), so that it holds no sentence
written elsewhere. ``polevent evaluate GOLD --corpus CORPUS --prf`` joins the text back.

usage: import_annotations.py CORPUS OUT.json ANNOTATIONS.json...
"""
from __future__ import annotations

import json
import re
import sys


def locate(text: str, quote: str) -> list[int]:
    words = [re.escape(w) for w in quote.split()]
    m = re.search(r"\s+".join(words), text)
    if m is None:
        raise ValueError(f"evidence not in the article: {quote[:60]!r}")
    return [m.start(), m.end()]


def main(argv: list[str]) -> int:
    corpus, out, *files = argv
    arts = {}
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                arts[a["id"]] = a
    cases = []
    for path in files:
        for case in json.load(open(path, encoding="utf-8")):
            text = arts[case["id"]]["text"]
            expect = []
            for e in case["expect"]:
                expect.append({"source": e["source"], "target": e["target"], "roots": e["roots"],
                               "any_dir": bool(e["any_dir"]), "optional": bool(e["optional"]),
                               "date": None, "at": locate(text, e["evidence"])})
            cases.append({"id": case["id"], "exhaustive": True, "expect": expect})
    cases.sort(key=lambda c: c["id"])
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in cases) + "\n]\n")
    n = sum(len(c["expect"]) for c in cases)
    req = sum(1 for c in cases for e in c["expect"] if not e["optional"])
    print(f"{len(cases)} articles, {n} events ({req} required) -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
