"""Known names as token sequences, found in a document by their exact tokens.

This does what ``PhraseMatcher(vocab, attr="ORTH")`` does with the same patterns (every match,
overlaps included), without building a spaCy Doc per name. Why: the knowledge holds about 20,000
spellings of names, and making a Doc of each created a lexeme for every new word, 1.2 s of every
process start (the command's own and each worker's) before any text was read.

The names are cut into tokens by the model's own tokenizer once; the cut is kept in a small cache
file (``$POLEVENT_CACHE``, else ``$XDG_CACHE_HOME/polevent``, else ``~/.cache/polevent``) named by
a hash of the spellings and the tokenizer, so a changed knowledge file, user dictionary or model
cuts again. Without a writable cache the names are cut in every process, as before.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Hashable, Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc


def cache_dir() -> Path:
    if os.environ.get("POLEVENT_CACHE"):
        return Path(os.environ["POLEVENT_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polevent"


def tokenized(nlp: Language, names: Iterable[str]) -> dict[str, list[str]]:
    """Each name's tokens as the model's tokenizer cuts them (from the cache when it is there)."""
    names = sorted(set(names))
    import spacy
    digest = hashlib.sha256("\n".join([spacy.__version__, nlp.meta.get("name", ""), nlp.meta.get("version", ""),
                                       json.dumps(sorted(nlp.tokenizer.rules or {})), *names]).encode()).hexdigest()
    path = cache_dir() / f"names-{digest[:20]}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and len(cached) == len(names):
            return cached
    except (OSError, ValueError):
        pass
    out = {name: [t.text for t in nlp.tokenizer(name)] for name in names}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         suffix=".tmp") as f:
            json.dump(out, f, ensure_ascii=False)
        os.replace(f.name, path)
    except OSError:
        pass  # no cache: cut again next time
    return out


class NameIndex:
    """Token sequences under labels (any hashable: the matcher's string ids); ``matches(doc)``
    gives (label, start, end) for every place a sequence occurs, in order of start."""

    def __init__(self, sequences: dict[Hashable, list[list[str]]]) -> None:
        self.first: dict[str, list[tuple[tuple[str, ...], Hashable]]] = {}
        for label, seqs in sequences.items():
            for seq in dict.fromkeys(tuple(s) for s in seqs if s):
                self.first.setdefault(seq[0], []).append((seq, label))

    def matches(self, doc: Doc) -> list[tuple[Hashable, int, int]]:
        words = [t.text for t in doc]
        out: list[tuple[Hashable, int, int]] = []
        for i, word in enumerate(words):
            for seq, label in self.first.get(word, ()):
                end = i + len(seq)
                if end <= len(words) and (len(seq) == 1 or tuple(words[i:end]) == seq):
                    out.append((label, i, end))
        return out
