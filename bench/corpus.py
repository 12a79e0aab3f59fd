"""A deterministic benchmark corpus: N article-length documents built from the example articles.

Each document takes one example article as its base (headline paragraph first), adds the body
paragraphs of one or two other examples, and shuffles the body with a seeded generator; its
publication date moves with the index. The same N and seed always give the same bytes.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles.jsonl"


def _articles(path: Path = EXAMPLES) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def make_corpus(n: int, seed: int = 7, path: Path = EXAMPLES):
    """Yield ``n`` document dicts (id, published, url, title, text)."""
    base_articles = _articles(path)
    paragraphs = [[p for p in a["text"].split("\n\n") if p.strip()] for a in base_articles]
    rng = random.Random(seed)
    k = len(base_articles)
    for i in range(n):
        b = i % k
        base = base_articles[b]
        head, body = paragraphs[b][0], list(paragraphs[b][1:])
        for other in rng.sample([j for j in range(k) if j != b], rng.choice((1, 2))):
            body.extend(paragraphs[other][1:])
        rng.shuffle(body)
        # About 12-14 sentences, 200 words: a short wire story.
        body = body[:rng.randint(6, 8)]
        published = date.fromisoformat(base["published"]) + timedelta(days=(i // k) % 30)
        yield {"id": f"bench-{i:07d}", "published": published.isoformat(),
               "url": f"https://example.org/bench/{i}", "title": base["title"],
               "text": "\n\n".join([head, *body])}


def write_corpus(n: int, out: Path, seed: int = 7) -> Path:
    with open(out, "w", encoding="utf-8") as fh:
        for doc in make_corpus(n, seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return out


if __name__ == "__main__":
    import sys
    write_corpus(int(sys.argv[1]), Path(sys.argv[2]))
