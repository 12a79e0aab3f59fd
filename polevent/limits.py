"""How much of one document is coded: shared by reading (which stops there) and coding.

Kept apart from the pipeline so that ingest can cut a text where the coder would, without
loading spaCy: a text cut once, at read time, is the text that is coded and stored.
"""
from __future__ import annotations

# Characters of one document handed to the parser; longer texts are cut at a paragraph or
# sentence end before the limit (spaCy refuses texts over 1,000,000 characters outright, and
# needs about 1 GB per 100,000 characters to parse them).
MAX_DOCUMENT_CHARS = 100_000


def truncate(text: str, limit: int = MAX_DOCUMENT_CHARS) -> str:
    """Cut ``text`` to ``limit`` characters at the last paragraph or sentence end before it."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for mark in ("\n\n", "\n", ". "):
        cut = head.rfind(mark)
        if cut > limit // 2:
            return head[:cut + 1]
    return head


__all__ = ["MAX_DOCUMENT_CHARS", "truncate"]
