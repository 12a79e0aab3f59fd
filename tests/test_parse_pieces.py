"""Long documents are parsed in pieces cut at line breaks, and one call of the models takes a
bounded number of characters, so that a run's memory does not follow its longest article
(pipeline.parse_pieces, Coder._parsed; memory itself is measured by bench/bench.py)."""
from __future__ import annotations

from datetime import date

import pytest

from polevent import pipeline
from polevent.model import Document
from polevent.pipeline import parse_pieces

PARAGRAPHS = [
    "The foreign minister of Chile met his Argentine counterpart in Santiago on Monday.",
    "Police in Nairobi arrested dozens of protesters outside parliament.",
    "Japan's prime minister praised South Korea for its help after the storm.",
    "Russian forces shelled the Ukrainian city of Kharkiv overnight, officials said.",
    "The Indian government condemned the attack on its embassy in Kabul.",
]


def test_pieces_join_to_the_text_and_end_at_line_breaks():
    text = "\n".join(PARAGRAPHS * 20)
    pieces = parse_pieces(text, limit=300)
    assert "".join(pieces) == text
    assert len(pieces) > 1
    assert all(len(p) <= 300 for p in pieces)
    assert all(p.endswith("\n") for p in pieces[:-1])


def test_short_text_and_long_paragraph_are_one_piece():
    assert parse_pieces("one line\nanother", limit=300) == ["one line\nanother"]
    long_line = "word " * 200
    pieces = parse_pieces("a\n" + long_line + "\nb", limit=100)
    assert "".join(pieces) == "a\n" + long_line + "\nb"
    assert long_line + "\n" in pieces  # a paragraph longer than the limit is not cut inside


@pytest.mark.parametrize("piece_chars,batch_chars", [(300, 600), (120, 120)])
def test_a_document_parsed_in_pieces_codes_as_a_whole(coder, monkeypatch, piece_chars, batch_chars):
    text = "\n".join(PARAGRAPHS)
    docs = [Document(id="long", text=text, published=date(2024, 3, 4)),
            Document(id="short", text=PARAGRAPHS[2], published=date(2024, 3, 4))]

    def code():
        return [[(e.sentence_index, e.sentence, e.source.key(), e.target.key() if e.target else None, e.cameo)
                 for e in r.events] + [r.sentences] for r in coder.code(docs)]

    whole = code()
    monkeypatch.setattr(pipeline, "PARSE_PIECE_CHARS", piece_chars)
    monkeypatch.setattr(pipeline, "PARSE_BATCH_CHARS", batch_chars)
    assert len(parse_pieces(text, piece_chars)) > 1
    assert code() == whole
    assert len(whole[0]) > 3  # the paragraphs give events, in every piece
