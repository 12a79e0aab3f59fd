"""Tests for polevent.ingest: readers, error records, boilerplate filter, dates."""
from __future__ import annotations

import io
import json
import random
import socket
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from polevent.ingest import clean_text, is_boilerplate, parse_published, read_inputs
from polevent.ingest.boilerplate import load_patterns
from polevent.ingest.jsonl import read_jsonl_stream
from polevent.model import Document, InputError, InputWarning

SHARED = Path(__file__).resolve().parents[2] / "shared"
OCT8 = date(2024, 10, 8)

BODY = (
    "The foreign ministry in Seoul summoned the Russian ambassador on Tuesday over the arms "
    "transfers.\n\nOfficials said the envoy was handed a formal protest."
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Ingest must work offline: record (and refuse) any attempt to open a connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield attempts
    assert attempts == [], f"ingest tried to use the network: {attempts}"


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def run(inputs: list[str | Path], published: date | None = None) -> list[Document | InputError]:
    return list(read_inputs([str(i) for i in inputs], published=published))


def docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


# --- parse_published -----------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-10-08", OCT8),
    ("2024-10-08T12:30:00Z", OCT8),
    ("2024-10-08T12:30:00+09:00", OCT8),
    ("2024-10-08T23:59:59.123-05:00", OCT8),  # the publisher's local date, not UTC's
    ("2024-10-08 12:30", OCT8),
    (" 2024-10-08 ", OCT8),
])
def test_parse_published_accepts_iso(value: str, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [
    "", "yesterday", "08/10/2024", "20241008", "2024-13-01", "2024-02-30",
    "2024-10-08T25:00:00Z", "1899-12-31", "2101-01-01", "2024-10-08 and more",
])
def test_parse_published_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        parse_published(value)


# --- JSON Lines ----------------------------------------------------------------------------

def test_jsonl_happy_path(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", [
        {"id": 17, "text": BODY, "published": "2024-10-08T12:30:00Z",
         "url": "https://example.org/a", "title": "Seoul summons envoy", "source": "Example"},
        {"id": "b2", "text": "Iran and Iraq signed a border accord.", "published": "2024-10-09"},
    ])
    first, second = run([path])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "17"
    assert first.text == BODY
    assert first.published == OCT8
    assert (first.url, first.title, first.source) == ("https://example.org/a",
                                                      "Seoul summons envoy", "Example")
    assert first.origin == f"{path}:1"
    assert second.id == "b2" and second.published == date(2024, 10, 9)
    assert second.url is None and second.title is None and second.origin == f"{path}:2"


def test_published_argument_is_fallback_and_own_date_wins(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.ndjson", [
        {"id": "own", "text": BODY, "published": "2023-01-05"},
        {"id": "none", "text": BODY},
    ])
    own, fallback = run([path], published=OCT8)
    assert own.published == date(2023, 1, 5)
    assert fallback.published == OCT8


def test_jsonl_errors_each_kind(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    lines = [
        '{"id": "ok1", "text": "Turkey shelled positions in Syria.", "published": "2024-10-08"}',
        '{"id": "x", "text": ',                                        # 2 malformed
        '["not", "an", "object"]',                                     # 3 not an object
        '{"text": "No id here.", "published": "2024-10-08"}',          # 4 missing id
        '{"id": "notext", "published": "2024-10-08"}',                 # 5 missing text
        '{"id": "nodate", "text": "Egypt hosted talks."}',             # 6 missing date
        '{"id": "baddate", "text": "Egypt hosted talks.", "published": "last week"}',  # 7
        '{"id": "junk", "text": "Share this:\\n\\n0 Comments", "published": "2024-10-08"}',  # 8
        '',                                                            # 9 blank: skipped
        '{"id": "ok2", "text": "Chad closed its border.", "published": "2024-10-08"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = run([path])
    assert [d.id for d in docs(items)] == ["ok1", "ok2"]
    by_line = {e.line: e for e in errors(items)}
    assert sorted(by_line) == [2, 3, 4, 5, 6, 7, 8]
    assert all(e.path == str(path) for e in by_line.values())
    assert "malformed JSON" in by_line[2].reason
    assert by_line[2].message().startswith(f"{path}:2")
    assert "not a JSON object" in by_line[3].reason
    assert by_line[4].reason == "missing id" and by_line[4].doc_id is None
    assert by_line[5].reason == "missing text or html" and by_line[5].doc_id == "notext"
    assert "missing published date" in by_line[6].reason and by_line[6].doc_id == "nodate"
    assert "bad published date" in by_line[7].reason and "last week" in by_line[7].reason
    assert by_line[8].reason == "empty text after cleaning"


def test_jsonl_non_utf8_line_costs_only_that_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "text": "Mali expelled the envoy.", "published": "2024-10-08"})
    bad = '{"id": "latin", "text": "Caf\xe9 talks", "published": "2024-10-08"}'.encode("latin-1")
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(good.encode() + b"\n" + bad + b"\n" + good.replace('"g"', '"h"').encode())
    items = run([path])
    assert [type(i).__name__ for i in items] == ["Document", "InputError", "Document"]
    assert items[1].line == 2 and "UTF-8" in items[1].reason
    assert items[2].id == "h"


def test_jsonl_nul_bytes_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    first = json.dumps({"id": "bom", "text": "Peru recalled its ambassador.", "published": "2024-10-08"})
    path.write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\n" + b'{"id": "n\x00"}\n'
                     + json.dumps({"id": "esc", "text": "a\u0000b", "published": "2024-10-08"}).encode())
    items = run([path])
    assert isinstance(items[0], Document) and items[0].id == "bom"
    assert isinstance(items[1], InputError) and items[1].line == 2 and "NUL" in items[1].reason
    assert isinstance(items[2], InputError) and items[2].doc_id == "esc" and "NUL" in items[2].reason


def test_jsonl_is_streamed() -> None:
    """The first document is available before later lines have even been produced."""
    produced: list[int] = []

    def lines() -> Iterator[str]:
        for n in range(3):
            produced.append(n)
            yield json.dumps({"id": n, "text": "Oman mediated.", "published": "2024-10-08"}) + "\n"

    reader = read_jsonl_stream(lines(), "gen")
    first = next(reader)
    assert isinstance(first, Document) and first.id == "0"
    assert produced == [0]


def test_jsonl_html_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "h.jsonl", [
        {"id": "page", "html": ARTICLE_PAGE, "published": "2024-01-02"},
        {"id": "undated", "html": ARTICLE_PAGE},
        {"id": "url-only", "html": "https://example.org/story", "published": "2024-01-02"},
    ])
    page, undated, url_only = run([path])
    assert isinstance(page, Document)
    assert page.published == date(2024, 1, 2)          # the record's date beats the page's
    assert page.title == "Seoul summons Russian envoy"
    assert "summoned the Russian ambassador" in page.text
    assert isinstance(undated, Document) and undated.published == OCT8  # from the page
    assert isinstance(url_only, InputError) and url_only.doc_id == "url-only"


# --- stdin ---------------------------------------------------------------------------------

def test_stdin_binary_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    good = json.dumps({"id": 1, "text": "Cuba freed prisoners.", "published": "2024-10-08"})
    data = good.encode("utf-8") + b"\n\xff\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    first, second = run(["-"])
    assert isinstance(first, Document) and first.id == "1" and first.origin == "<stdin>:1"
    assert isinstance(second, InputError) and second.path == "<stdin>" and second.line == 2


def test_stdin_text_stream_without_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    text = json.dumps({"id": "s", "text": "Ghana hosted a summit."}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    (doc,) = run(["-"], published=OCT8)
    assert isinstance(doc, Document) and doc.published == OCT8


# --- plain text ----------------------------------------------------------------------------

def test_text_file_title_and_id(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Seoul summons Russian envoy\n\n" + BODY + "\n", encoding="utf-8-sig")
    (doc,) = run([path], published=OCT8)
    assert isinstance(doc, Document)
    assert doc.id == str(path) and doc.origin == str(path)
    assert doc.title == "Seoul summons Russian envoy"
    assert doc.text.startswith("Seoul summons Russian envoy\n\nThe foreign ministry")


def test_text_file_first_line_sentence_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "lead.txt"
    path.write_text("Seoul summoned the envoy.\nMore text.", encoding="utf-8")
    (doc,) = run([path], published=OCT8)
    assert doc.title is None


def test_text_file_errors(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    noise = tmp_path / "noise.txt"  # no NUL byte, but no encoding makes text of it
    noise.write_bytes(b"line one\n" + random.Random(5).randbytes(3000).replace(b"\x00", b"\x01"))
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    bin_err, noise_err, ok = run([binary, noise, good], published=OCT8)
    assert isinstance(bin_err, InputError) and "binary file" in bin_err.reason
    assert bin_err.path == str(binary)
    assert isinstance(noise_err, InputError) and noise_err.reason.startswith("undecodable bytes")
    assert noise_err.line == 2 and noise_err.path == str(noise)
    assert isinstance(ok, Document)
    (undated,) = run([good])
    assert isinstance(undated, InputError)
    assert undated.reason == "no publication date (pass --published)"


def test_nonexistent_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    (err,) = run([missing], published=OCT8)
    assert isinstance(err, InputError) and err.path == str(missing)


def test_unknown_extension_given_explicitly_is_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(BODY, encoding="utf-8")
    (doc,) = run([path], published=OCT8)
    assert isinstance(doc, Document) and doc.text == BODY


# --- directories ---------------------------------------------------------------------------

def test_directory_recursion_order_and_ignored_files(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b").mkdir(parents=True)
    (root / "b" / "inner").mkdir()
    (root / ".hidden").mkdir()
    for rel in ["a.txt", "b/x.TXT", "b/inner/y.txt", "c.txt", ".hidden/z.txt", "d.htm.bak"]:
        (root / rel).write_text(BODY, encoding="utf-8")
    (root / "notes.md").write_text(BODY, encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\x00")
    write_jsonl(root / "b" / "feed.ndjson", [{"id": "j1", "text": BODY}, {"id": "j2", "text": BODY}])
    items = run([root], published=OCT8)
    assert errors(items) == []
    rel = [i.id if not i.id.startswith(str(root)) else Path(i.id).relative_to(root).as_posix()
           for i in docs(items)]
    assert rel == ["a.txt", "j1", "j2", "b/inner/y.txt", "b/x.TXT", "c.txt"]


def test_inputs_keep_command_line_order(tmp_path: Path) -> None:
    one = tmp_path / "1.txt"
    two = tmp_path / "2.txt"
    one.write_text(BODY, encoding="utf-8")
    two.write_text(BODY, encoding="utf-8")
    assert [d.id for d in docs(run([two, one], published=OCT8))] == [str(two), str(one)]


# --- HTML ----------------------------------------------------------------------------------

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Seoul summons Russian envoy | Example Daily</title>
<meta property="og:title" content="Seoul summons Russian envoy">
<meta property="article:published_time" content="2024-10-08T06:15:00+09:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<header><h1>Seoul summons Russian envoy</h1></header>
<article>
<div class="social"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<p>The foreign ministry in Seoul summoned the Russian ambassador on Tuesday over reported arms
transfers between Moscow and Pyongyang, officials said.</p>
<p>The envoy was handed a formal protest and told that the cooperation violated United Nations
Security Council resolutions, according to a ministry statement.</p>
<p>Moscow rejected the protest and accused Seoul of repeating Western propaganda.</p>
<div class="sharedaddy"><h3>Share this:</h3><ul><li>Click to share on Twitter</li>
<li>Click to share on Facebook</li></ul></div>
</article>
<section id="comments"><h3>2 Comments</h3>
<div class="comment"><p>Interesting piece, China will surely respond to this very soon.</p></div>
<div id="respond"><h3>Leave a Reply</h3>
<p>Your email address will not be published. Required fields are marked *</p>
<form><textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div>
</section>
<footer><p>Subscribe to our newsletter</p><p>&copy; 2024 Example Daily. All rights reserved.</p></footer>
</body></html>
"""

FOOTER_ONLY_PAGE = """<!DOCTYPE html>
<html><head><title>Talks in Doha</title></head><body>
<article><p>Negotiators from Israel and Hamas met in Doha for a new round of talks on a ceasefire,
mediators from Qatar and Egypt said in a joint statement issued late in the evening.</p>
<p>The statement gave no details about the proposals under discussion or about when the
delegations would meet again.</p></article>
<footer><p>(c) 2024 Example Wire</p></footer>
</body></html>
"""


def test_html_page_keeps_only_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    (doc,) = run([path])
    assert isinstance(doc, Document), doc
    assert doc.published == OCT8                       # from article:published_time
    assert doc.title == "Seoul summons Russian envoy"
    assert "summoned the Russian ambassador" in doc.text
    assert "Moscow rejected the protest" in doc.text
    for junk in ["Home", "Opinion", "Share", "Comments", "Interesting piece", "Leave a Reply",
                 "email address", "Subscribe", "rights reserved"]:
        assert junk not in doc.text, junk
    assert "\n\n" in doc.text                           # paragraphs stay separate


def test_html_page_date_wins_over_published_with_a_warning(tmp_path: Path) -> None:
    """One date rule for every input: the document's own date wins, --published is the
    fallback, and a page whose date differs from --published says so."""
    path = tmp_path / "page.htm"
    path.write_text(ARTICLE_PAGE, encoding="utf-8")
    warning, doc = run([path], published=date(2024, 10, 10))
    assert isinstance(doc, Document) and doc.published == OCT8
    assert isinstance(warning, InputWarning) and warning.path == str(path)
    assert "2024-10-08 differs from --published 2024-10-10" in warning.reason
    (same,) = run([path], published=OCT8)  # agreeing dates: nothing to say
    assert isinstance(same, Document) and same.published == OCT8


def test_html_copyright_footer_is_not_a_date(tmp_path: Path) -> None:
    path = tmp_path / "doha.html"
    path.write_text(FOOTER_ONLY_PAGE, encoding="utf-8")
    (err,) = run([path])
    assert isinstance(err, InputError)
    assert err.reason == "no publication date in page (pass --published)"
    (doc,) = run([path], published=OCT8)
    assert isinstance(doc, Document) and "Doha" in doc.text


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><script>var a = 1;</script>"
                    "<div class='share'>Share this:</div></body></html>", encoding="utf-8")
    (err,) = run([path], published=OCT8)
    assert isinstance(err, InputError) and "no article text" in err.reason


# --- boilerplate ---------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Leave a Reply", "Leave a Comment", "Leave a Reply Cancel reply",
    "Your email address will not be published.", "Required fields are marked *",
    "Your email address will not be published. Required fields are marked *",
    "Post Comment", "Comment *", "Name *",
    "Save my name, email, and website in this browser for the next time I comment.",
    "0 Comments", "3 comments", "No Comments", "1 Comment",
    "Share this:", "Share on Facebook", "Click to share on Twitter (Opens in new window)",
    "Share on Facebook | Share on Twitter", "Subscribe to our newsletter",
    "Follow us on Telegram and X",
    "We use cookies to give you the best experience. By using this site you accept them.",
    "Accept all cookies",
    "Related posts", "Related Articles:", "Read more", "Read more »", "Advertisement",
    "Posted in World, Asia", "Tags: Russia, North Korea, diplomacy",
    "© 2024 Example Daily. All rights reserved.", "Copyright 2019-2024 Example Media Group",
    "(c) 2024 Example Wire", "  ADVERTISEMENT  ",
])
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Russia said it would share intelligence with Iran on the missile programme.",
    "Share prices in Moscow fell after the sanctions were announced.",
    "Follow us on Twitter, the opposition leader told supporters before the rally was banned.",
    "Comments by the Chinese ambassador drew a formal protest from Manila.",
    "Copyright law was amended by the parliament in Kyiv on Tuesday.",
    "Posted in Kyiv since 2019, the envoy said the talks had stalled.",
    "Read more closely, the statement threatens retaliation against Seoul.",
    "Tags: none of the officials would comment.",
    "Advertisement revenue at state media fell sharply.",
    "Related: Iran rejects talks. The minister said no.",
    "Subscribers in Tehran lost access to the service on Monday.",
    "He said 3 comments from the minister were misquoted.",
])
def test_real_sentences_survive(line: str) -> None:
    assert not is_boilerplate(line)
    assert clean_text(line) == line


def test_clean_text_trailing_comment_form() -> None:
    text = (BODY + "\n\nLeave a Reply\n\n"
            "Your email address will not be published. Required fields are marked *")
    assert clean_text(text) == BODY


def test_clean_text_trailing_counter_and_layout() -> None:
    text = "  Title line  \n\n\n\nFirst paragraph.\r\nStill first.\n\n\n\nSecond.\n0 Comments"
    assert clean_text(text) == "Title line\n\nFirst paragraph.\nStill first.\n\nSecond."


def test_clean_text_widget_between_paragraphs_leaves_one_break() -> None:
    text = "Alpha said yes.\n\nAdvertisement\n\nBeta said no.\nShare this:\nGamma agreed."
    assert clean_text(text) == "Alpha said yes.\n\nBeta said no.\n\nGamma agreed."


def test_clean_text_all_boilerplate_is_empty() -> None:
    assert clean_text("Share this:\n\nLeave a Reply\n0 Comments\n") == ""


def test_pattern_file_compiles_and_has_comments_skipped() -> None:
    patterns = load_patterns()
    assert patterns and not any(p.startswith("#") for p in patterns)


def test_pathological_line_is_fast() -> None:
    assert not is_boilerplate("© " * 150 + "x" * 120)


# --- shared seed articles ------------------------------------------------------------------

def seed_paths() -> list[Path]:
    return sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []


@pytest.mark.skipif(not seed_paths(), reason="shared seed articles not available")
@pytest.mark.parametrize("path", seed_paths(), ids=lambda p: p.name)
def test_seed_articles_lose_trailing_boilerplate(path: Path) -> None:
    (doc,) = run([path], published=OCT8)
    assert isinstance(doc, Document), doc
    raw_lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    last = doc.text.splitlines()[-1]
    assert not is_boilerplate(last)
    for junk in ["Leave a Reply", "Your email address", "Required fields", "0 Comments"]:
        assert junk not in doc.text
    body = [ln for ln in raw_lines if not is_boilerplate(ln)]
    assert len(body) >= 3 and doc.text.replace("\n\n", "\n").splitlines() == body
    assert "Putin" in doc.text and "Kim" in doc.text
