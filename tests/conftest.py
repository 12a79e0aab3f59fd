"""Shared fixtures: the spaCy model and knowledge load once per test session."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from polevent.model import Document, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def coder():
    from polevent.pipeline import Coder
    return Coder()


@pytest.fixture(scope="session")
def code_text(coder):
    """Code one text published on a given day; returns its events."""
    def run(text: str, published: str = "2024-06-12", keep_modal: bool = False,
            monadic: bool = False) -> list[Event]:
        """``monadic``: keep acts whose target the text does not name, for tests of which code
        the lexicon gives an act rather than of whether the act is an event."""
        doc = Document(id="t", text=text, published=date.fromisoformat(published))
        old = coder.keep_modal, coder.monadic
        coder.keep_modal, coder.monadic = keep_modal, monadic
        try:
            return [ev for result in coder.code([doc]) for ev in result.events]
        finally:
            coder.keep_modal, coder.monadic = old
    return run


def triples(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    """(source key, target key, root) of each event: what most assertions are about."""
    return {(e.source.key(), e.target.key() if e.target else None, e.root) for e in events}
