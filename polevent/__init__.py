"""polevent: political event data from news text: who did what to whom, when (CAMEO).

The one-call API is ``code_documents(docs)``; ``polevent.pipeline.Coder`` keeps the model and the
knowledge loaded across calls.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator

__version__ = "0.1.0"


def code_documents(docs: Iterable[Any], model: str | None = None, **kwargs: Any) -> Iterator[Any]:
    """Documents in, events out (imported lazily so that ``import polevent`` stays cheap)."""
    from .pipeline import code_documents as _code
    return _code(docs, model, **kwargs)


def open(db: Any, read_only: bool = True) -> Any:
    """The event store for notebooks: ``polevent.open("events.duckdb").dyads(...)``."""
    from .api import open as _open
    return _open(db, read_only)
