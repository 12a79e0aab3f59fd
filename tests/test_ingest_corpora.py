"""Real corpora in (issue 17): web archives, compressed JSON Lines, tables, any encoding, stdin.

Every fixture is built here from pages and sentences written for these tests.
"""
from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import socket
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from polevent.ingest.streams import zstd

from polevent.ingest import ReadOptions, Columns, read_inputs, skipped_line
from polevent.model import Document, InputError, InputWarning
from polevent.runlog import ErrorLog

OCT8 = date(2024, 10, 8)
STORIES = [
    ("chile-1", "2024-03-04", "Chile recalled its ambassador from Peru on Monday after a dispute over fishing "
                              "rights. The foreign ministry in Santiago said the envoy would return for talks."),
    ("kenya-2", "2024-03-05", "Kenya signed a trade agreement with Uganda on Tuesday. Officials in Nairobi "
                              "praised the accord and promised to open two new border posts."),
    ("norway-3", None, "Norway offered to mediate between Colombia and Venezuela. Diplomats in Oslo said the "
                       "talks could begin within a month."),
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Readers must never open a connection (FastWARC can open URLs; htmldate can download)."""
    def refuse(self: socket.socket, address: object) -> None:
        raise AssertionError(f"ingest tried to use the network: {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield


def run(inputs: list[str | Path], **options: object) -> list[Document | InputError | InputWarning]:
    return list(read_inputs([str(i) for i in inputs], options=ReadOptions(**options)))  # type: ignore[arg-type]


def of(kind: type, items: list) -> list:
    return [i for i in items if isinstance(i, kind)]


def page(title: str, body: str, published: str | None = None, charset: str | None = "utf-8") -> str:
    """A small news page of our own: navigation, an article, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    declared = f'<meta charset="{charset}">' if charset else ""
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip(". "))
    return (f"<!DOCTYPE html><html lang='en'><head>{declared}<title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>"
            f"{paragraphs}</article><footer><p>Example Wire</p></footer></body></html>")


# --- WARC ----------------------------------------------------------------------------------

def warc_record(kind: str, uri: str, block: bytes, content_type: str, record_id: str,
                when: str = "2024-05-01T12:00:00Z", extra: str = "") -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{record_id}>\r\n"
            f"WARC-Date: {when}\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n{extra}"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def http_response(body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
                  headers: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{headers}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


HTTP = "application/http; msgtype=response"


def crawl_records() -> list[bytes]:
    """Three HTML pages (one dated in its markup), a request, an image, and a cut record."""
    (id1, d1, t1), (id2, _, t2), (id3, _, t3) = STORIES
    pages = [
        (f"https://news.example/{id1}", page("Chile recalls envoy", t1, published=d1)),
        (f"https://news.example/{id2}", page("Kenya and Uganda trade deal", t2)),
        (f"https://news.example/{id3}", page("Norway offers mediation", t3)),
    ]
    records = [warc_record("warcinfo", "", b"software: a test\r\n", "application/warc-fields", "0000")]
    for n, (uri, html) in enumerate(pages, start=1):
        records.append(warc_record("request", uri, f"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n".encode(),
                                   "application/http; msgtype=request", f"req-{n}"))
        records.append(warc_record("response", uri, http_response(html.encode()), HTTP, f"page-{n}",
                                   when=f"2024-05-0{n}T12:00:00Z"))
    records.append(warc_record("response", "https://news.example/logo.png",
                               http_response(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"), HTTP, "image"))
    cut = warc_record("response", "https://news.example/cut", http_response(page("Cut", t1).encode()),
                      HTTP, "cut-record")
    records.append(cut[: len(cut) // 2])
    return records


def write_warc(path: Path, records: list[bytes], gz: bool) -> Path:
    path.write_bytes(b"".join(gzip.compress(r) if gz else r for r in records))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_pages_with_urls_and_dates_and_the_truncated_record_reported(tmp_path: Path, name: str) -> None:
    path = write_warc(tmp_path / name, crawl_records(), gz=name.endswith(".gz"))
    items = run([path])
    docs = of(Document, items)
    assert [d.id for d in docs] == ["urn:uuid:page-1", "urn:uuid:page-2", "urn:uuid:page-3"]
    assert [d.url for d in docs] == [f"https://news.example/{s[0]}" for s in STORIES]
    # The page's own date first (page 1 has article:published_time), else the WARC-Date.
    assert [d.published for d in docs] == [date(2024, 3, 4), date(2024, 5, 2), date(2024, 5, 3)]
    assert "fishing rights" in docs[0].text and "border posts" in docs[1].text and "Oslo" in docs[2].text
    assert "Home" not in docs[0].text and docs[0].title == "Chile recalls envoy"
    (error,) = of(InputError, items)
    assert error.path == str(path) and error.doc_id == "urn:uuid:cut-record"
    assert "truncated" in error.reason and "of" in error.reason
    assert of(InputWarning, items) == []


def test_warc_dates_follow_the_one_rule(tmp_path: Path) -> None:
    """--published is only the fallback; a crawl or page date that differs is named in a warning."""
    path = write_warc(tmp_path / "c.warc", crawl_records()[:5], gz=False)
    items = run([path], published=date(2024, 5, 2))
    assert [d.published for d in of(Document, items)] == [date(2024, 3, 4), date(2024, 5, 2)]
    (warning,) = of(InputWarning, items)
    assert warning.doc_id == "urn:uuid:page-1"
    assert "page's date 2024-03-04 differs from --published 2024-05-02" in warning.reason


def test_warc_http_codings_crawler_truncation_and_bad_records(tmp_path: Path) -> None:
    _, _, text = STORIES[1]
    html = page("Kenya and Uganda trade deal", text).encode()
    chunked = b"%x\r\n" % len(html) + html + b"\r\n0\r\n\r\n"
    records = [
        warc_record("response", "https://a.example/gz", http_response(gzip.compress(html),
                    headers="Content-Encoding: gzip\r\n"), HTTP, "gz"),
        warc_record("response", "https://a.example/chunked", (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                    b"Transfer-Encoding: chunked\r\n\r\n" + chunked), HTTP, "chunked"),
        warc_record("response", "https://a.example/gone", http_response(html, status="404 Not Found"), HTTP, "404"),
        warc_record("response", "https://a.example/partial", http_response(html), HTTP, "partial",
                    extra="WARC-Truncated: length\r\n"),
        warc_record("resource", "file:///saved/page.html", html, "text/html", "resource"),
        warc_record("response", "https://a.example/big", http_response(html + b" " * 5000), HTTP, "big"),
        b"this line is not a WARC header\r\n\r\n",
        warc_record("response", "https://a.example/after", http_response(html), HTTP, "after"),
    ]
    path = write_warc(tmp_path / "mixed.warc", records, gz=False)
    items = run([path], max_input_bytes=5000)
    assert [d.id for d in of(Document, items)] == ["urn:uuid:gz", "urn:uuid:chunked", "urn:uuid:partial",
                                                    "urn:uuid:resource"]
    assert all("border posts" in d.text for d in of(Document, items))
    warnings = of(InputWarning, items)
    assert [w.doc_id for w in warnings] == ["urn:uuid:partial"] and "WARC-Truncated" in warnings[0].reason
    big, broken = of(InputError, items)
    assert big.doc_id == "urn:uuid:big" and "size limit" in big.reason
    assert "not a valid WARC record after record 6" in broken.reason and "rest of file" in broken.reason


def test_not_a_warc_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n" * 100, encoding="utf-8")
    (error,) = run([path])
    assert isinstance(error, InputError) and "not a valid WARC record" in error.reason


# --- the same corpus in every container ----------------------------------------------------

def corpus_records() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for doc_id, day, text in STORIES:
        record: dict[str, object] = {"id": doc_id, "text": text, "url": f"https://news.example/{doc_id}"}
        if day:
            record["published"] = day
        records.append(record)
    records.append({"id": "page-4", "html": page("Qatar hosts talks", "Qatar hosted talks between Egypt and "
                    "Jordan on Sunday. Ministers from both countries thanked Qatar for its help."),
                    "published": "2024-03-07"})
    return records


def write_corpus(path: Path) -> Path:
    """The corpus in the container the file name asks for."""
    records = corpus_records()
    lines = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    name = path.name
    if name.endswith(".jsonl"):
        path.write_bytes(lines)
    elif name.endswith(".gz"):
        path.write_bytes(gzip.compress(lines))
    elif name.endswith(".bz2"):
        path.write_bytes(bz2.compress(lines))
    elif name.endswith(".xz"):
        path.write_bytes(lzma.compress(lines))
    elif name.endswith(".zst"):
        path.write_bytes(zstd.compress(lines))
    elif name.endswith(".parquet") or name.endswith(".csv"):
        source = path.with_suffix(".source.jsonl")
        source.write_bytes(lines)
        fmt = "(FORMAT parquet)" if name.endswith(".parquet") else "(HEADER, DELIMITER ',')"
        con = duckdb.connect()
        con.execute(f"COPY (SELECT id, text, html, published, url FROM read_json(?, format='newline_delimited', "
                    f"columns={{id: 'VARCHAR', text: 'VARCHAR', html: 'VARCHAR', published: 'VARCHAR', "
                    f"url: 'VARCHAR'}})) TO '{path}' {fmt}", [str(source)])
        con.close()
        source.unlink()
    return path


CONTAINERS = ["c.jsonl", "c.jsonl.gz", "c.jsonl.bz2", "c.jsonl.xz", "c.jsonl.zst", "c.parquet", "c.csv"]


@pytest.mark.parametrize("name", CONTAINERS)
def test_every_container_gives_the_same_documents(tmp_path: Path, name: str) -> None:
    reference = [(d.id, d.text, d.published, d.url, d.title) for d in of(Document, run(
        [write_corpus(tmp_path / "ref.jsonl")], published=OCT8))]
    items = run([write_corpus(tmp_path / name)], published=OCT8)
    assert of(InputError, items) == []
    got = [(d.id, d.text, d.published, d.url, d.title) for d in of(Document, items)]
    assert got == reference and len(got) == 4
    assert got[2][2] == OCT8 and got[3][2] == date(2024, 3, 7)


def test_jsonl_gz_parquet_csv_give_the_same_events(tmp_path: Path, coder) -> None:
    """Done-when of issue 17: the same corpus as .jsonl, .jsonl.gz, .parquet and .csv gives the
    same events."""
    def events(name: str) -> list[dict]:
        docs = of(Document, run([write_corpus(tmp_path / name)], published=OCT8))
        return [ev.to_json() for result in coder.code(docs) for ev in result.events]

    reference = events("c.jsonl")
    assert len(reference) >= 4
    assert {e["doc_id"] for e in reference} == {"chile-1", "kenya-2", "norway-3", "page-4"}
    for name in ["c.jsonl.gz", "c.parquet", "c.csv"]:
        assert events(name) == reference, name


# --- compressed JSON Lines: bombs and damage ---------------------------------------------

def good_line(doc_id: str) -> bytes:
    return json.dumps({"id": doc_id, "text": "Peru thanked Chile for its help.", "published": "2024-10-08"}).encode()


def test_compressed_bomb_line_costs_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=1) as fh:
        fh.write(good_line("before") + b"\n")
        fh.write(b"a" * 1_000_000)  # ten times the limit, in one line
        fh.write(b"\n" + good_line("after") + b"\n")
    items = run([path], max_input_bytes=100_000)
    assert [d.id for d in of(Document, items)] == ["before", "after"]
    (error,) = of(InputError, items)
    assert error.line == 2 and "line of 1,000,001 bytes is over the size limit" in error.reason


def test_endless_line_gives_up_on_the_file(tmp_path: Path) -> None:
    path = tmp_path / "zeros.jsonl.zst"
    path.write_bytes(zstd.compress(good_line("first") + b"\n" + b"\x00" * 30_000_000))
    items = run([path], max_input_bytes=100_000)
    assert [d.id for d in of(Document, items)] == ["first"]
    (error,) = of(InputError, items)
    assert error.line == 2 and "no line end" in error.reason and "rest of file not read" in error.reason


@pytest.mark.parametrize("name", ["cut.jsonl.gz", "cut.jsonl.bz2", "cut.jsonl.xz", "cut.jsonl.zst"])
def test_truncated_or_corrupt_compressed_file(tmp_path: Path, name: str) -> None:
    full = write_corpus(tmp_path / name).read_bytes()
    (tmp_path / name).write_bytes(full[: len(full) * 2 // 3])
    items = run([tmp_path / name], published=OCT8)
    errors = of(InputError, items)
    assert len(errors) == 1 and "rest of file not read" in errors[0].reason
    assert errors[0].line == len(of(Document, items)) + 1
    garbage = tmp_path / ("garbage" + name[3:])
    garbage.write_bytes(b"this is not compressed at all\n" * 10)
    (error,) = run([garbage])
    assert isinstance(error, InputError) and error.line == 1 and "rest of file not read" in error.reason


# --- tables -------------------------------------------------------------------------------

def test_table_columns_are_the_users_to_name(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('doc;body;day\nx1;"Peru thanked Chile for its help.";2024-10-08\n'
                    'x2;"Chile thanked Peru.\nBoth sides praised the talks.";\n', encoding="utf-8")
    columns = Columns(text="body", id="doc", date="day")
    first, second = run([path], columns=columns, published=date(2024, 1, 2))
    assert (first.id, first.published, first.origin) == ("x1", OCT8, f"{path}:2")
    assert (second.id, second.published, second.origin) == ("x2", date(2024, 1, 2), f"{path}:3")
    assert second.text == "Chile thanked Peru.\nBoth sides praised the talks."
    (error,) = run([path])
    assert isinstance(error, InputError) and error.line == 1
    assert "no id column 'id'" in error.reason and "doc, body, day" in error.reason and "--id-column" in error.reason


def test_csv_bad_rows_cost_only_themselves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from polevent.ingest import csvfile
    monkeypatch.setattr(csvfile, "SNIFF_BYTES", 64)  # the encoding is judged on the first rows only
    path = tmp_path / "rows.csv"
    path.write_bytes(b"id,text,published\n"
                     b"a,Peru thanked Chile.,2024-10-08\n"
                     b"b,too,many,fields\n"
                     b"c,\"Caf\xe9 talks in Lima.\",2024-10-08\n"   # a byte the file's UTF-8 lacks
                     b"d,,2024-10-08\n"                             # no text
                     b"e,Chile thanked Peru.,yesterday\n"
                     b"\n"
                     b"f,Chile thanked Peru.,2024-10-09\n")
    items = run([path])
    assert [d.id for d in of(Document, items)] == ["a", "f"]
    errors = {e.line: e.reason for e in of(InputError, items)}
    assert sorted(errors) == [3, 4, 5, 6]
    assert "3 fields" not in errors[3] and "4 fields, the header 3" in errors[3]
    assert "bytes that are not utf-8" in errors[4].lower()
    assert "missing text or html" in errors[5] and "bad published date" in errors[6]


def test_csv_unclosed_quote_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write('id,text,published\na,Peru thanked Chile.,2024-10-08\nb,"never closed\n')
        for _ in range(2000):
            fh.write("more words in the same field, " * 10 + "\n")
    items = run([path], max_input_bytes=10_000)
    assert [d.id for d in of(Document, items)] == ["a"]
    (error,) = of(InputError, items)
    assert error.line == 3 and "rest of file not read" in error.reason


def test_parquet_typed_columns_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "typed.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT * FROM (VALUES
        (7, 'Peru thanked Chile for its help.', DATE '2024-10-08', NULL),
        (8, NULL, NULL, NULL),
        (9, 'Chile thanked Peru.', NULL, TIMESTAMP '2024-10-09 23:30:00')
      ) t(num, body, day, stamp)) TO '{path}' (FORMAT parquet)""")
    con.close()
    items = run([path], columns=Columns(text="body", id="num", date="day"), published=date(2024, 1, 1))
    first, second = of(Document, items)
    assert (first.id, first.published, first.origin) == ("7", OCT8, f"{path}:1")
    assert (second.id, second.published) == ("9", date(2024, 1, 1))
    (error,) = of(InputError, items)
    assert error.line == 2 and error.doc_id == "8" and "missing text or html" in error.reason
    items = run([path], columns=Columns(text="body", id="num", date="stamp"))
    assert [d.published for d in of(Document, items)] == [date(2024, 10, 9)]


def test_not_a_parquet_file(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 but not really")
    (error,) = run([path])
    assert isinstance(error, InputError) and error.reason.startswith("cannot read as Parquet")


# --- encodings ----------------------------------------------------------------------------

CP1252_TEXT = ("Chile\u2019s foreign minister said on Monday: \u201cWe will recall our ambassador from Peru.\u201d\n\n"
               "Peru\u2019s government criticized Chile \u2013 and the caf\u00e9 owners of Lima agreed.\n")


def test_cp1252_file_codes_like_its_utf8_copy(tmp_path: Path, coder) -> None:
    """Done-when of issue 17: a cp1252 file with curly quotes codes the same events as its
    UTF-8 copy, with a warning naming the guess."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(CP1252_TEXT.encode("cp1252"))
    modern = tmp_path / "modern.txt"
    modern.write_text(CP1252_TEXT, encoding="utf-8")
    warning, old_doc = run([legacy], published=OCT8)
    (new_doc,) = run([modern], published=OCT8)
    assert isinstance(warning, InputWarning) and warning.path == str(legacy)
    assert "decoded as cp1252" in warning.reason and "guess" in warning.reason
    assert old_doc.text == new_doc.text == CP1252_TEXT.strip()

    def events(doc: Document) -> list[tuple]:
        return [(e.sentence, e.source.code, e.target.code if e.target else None, e.cameo)
                for r in coder.code([doc]) for e in r.events]

    assert events(old_doc) and events(old_doc) == events(new_doc)


def test_html_encoding_declared_or_guessed(tmp_path: Path) -> None:
    _, _, text = STORIES[0]
    body = text.replace("Monday", "Monday \u2013 \u201cbefore dawn\u201d")
    declared = tmp_path / "declared.html"
    declared.write_bytes(page("Chile\u2019s envoy", body, charset="windows-1252").encode("cp1252"))
    guessed = tmp_path / "guessed.html"
    guessed.write_bytes(page("Chile\u2019s envoy", body, charset=None).encode("cp1252"))
    items = run([declared, guessed], published=OCT8)
    first, second = of(Document, items)
    assert "\u201cbefore dawn\u201d" in first.text and first.text == second.text
    (warning,) = of(InputWarning, items)
    assert warning.path == str(guessed) and "cp1252" in warning.reason


# --- stdin ----------------------------------------------------------------------------------

def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, text = STORIES[1]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    (doc,) = run(["-"], stdin_format="text", published=OCT8)
    assert isinstance(doc, Document) and doc.id == "<stdin>" and doc.text == text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page("Trade deal", text, "2024-03-05").encode())))
    (doc,) = run(["-"], stdin_format="html")
    assert isinstance(doc, Document) and doc.published == date(2024, 3, 5) and "border posts" in doc.text
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    (error,) = run(["-"])  # jsonl is the default
    assert isinstance(error, InputError) and "malformed JSON" in error.reason


def test_unknown_stdin_format_is_refused() -> None:
    with pytest.raises(ValueError):
        ReadOptions(stdin_format="xml")


# --- limits before work (issue 14) --------------------------------------------------------

def test_large_text_file_is_read_only_as_far_as_max_chars(tmp_path: Path) -> None:
    import tracemalloc
    path = tmp_path / "huge.txt"
    paragraph = ("Peru thanked Chile for its help with the floods. " * 20 + "\n\n").encode()
    with path.open("wb") as fh:
        for _ in range(20_000):  # about 20 MB
            fh.write(paragraph)
    tracemalloc.start()
    try:
        items = run([path], published=OCT8, max_chars=2000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    warning, doc = items
    assert isinstance(doc, Document) and len(doc.text) <= 2000 and doc.text.rstrip().endswith(".")
    assert isinstance(warning, InputWarning)
    assert f"text of {path.stat().st_size:,} bytes cut to 2,000 characters" in warning.reason
    assert peak < 1_000_000, peak  # the file is 20 MB; --max-chars needs 8 KB of it


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_one_error() -> None:
    (error,) = run(["/dev/zero"], published=OCT8)
    assert isinstance(error, InputError) and error.path == "/dev/zero" and "binary" in error.reason


def test_oversized_page_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(page("Big", STORIES[0][2]) + "<!-- padding -->" * 1000, encoding="utf-8")
    (error,) = run([path], published=OCT8, max_input_bytes=5000)
    assert isinstance(error, InputError) and "over the size limit" in error.reason and "--max-input-bytes" in error.reason


def test_attribute_bomb_page_is_extracted_quickly(tmp_path: Path) -> None:
    """One element with 60,000 attributes takes libxml2 minutes (quadratic); defused, it is
    parsed in well under a second and its article is kept."""
    import time
    bomb = "<div " + " ".join(f'data-k{i}="v"' for i in range(60_000)) + ">x</div>"
    path = tmp_path / "bomb.html"
    html = page("Chile recalls envoy", STORIES[0][2], published="2024-03-04")
    path.write_text(html.replace("<article>", bomb + "<article>"), encoding="utf-8")
    start = time.monotonic()
    *warnings, doc = run([path])
    assert time.monotonic() - start < 10
    assert isinstance(doc, Document) and "fishing rights" in doc.text
    assert [w.reason.split(":")[0] for w in warnings] == ["thin extraction"]  # 840 KB for 150 characters


def test_extraction_time_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from polevent.ingest import html as html_module

    def slow(markup: object) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # pure Python, as trafilatura's slow paths are
            pass

    monkeypatch.setattr(html_module, "extract_article", slow)
    first, second = tmp_path / "a.html", tmp_path / "b.txt"
    first.write_text(page("Slow", STORIES[0][2]), encoding="utf-8")
    second.write_text(STORIES[1][2], encoding="utf-8")
    start = time.monotonic()
    error, doc = run([first, second], published=OCT8, extract_seconds=0.3)
    assert time.monotonic() - start < 5
    assert isinstance(error, InputError) and "longer than 0.3 s" in error.reason
    assert isinstance(doc, Document)


def test_thin_extraction_warns_and_still_codes(tmp_path: Path) -> None:
    path = tmp_path / "gallery.html"
    scripts = "<script>var gallery = [" + ",".join(f'"img{i}.jpg"' for i in range(8000)) + "];</script>"
    path.write_text(page("Photos", "Chile recalled its ambassador from Peru on Monday. Officials in Santiago "
                         "confirmed it.", published="2024-03-04").replace("</head>", scripts + "</head>"),
                    encoding="utf-8")
    warning, doc = run([path])
    assert isinstance(doc, Document)
    assert isinstance(warning, InputWarning) and warning.reason.startswith("thin extraction")
    log_path = tmp_path / "errors.jsonl"
    log = ErrorLog(log_path, stream=io.StringIO())
    log.warned(warning)
    log.close()
    (record,) = [json.loads(line) for line in log_path.read_text().splitlines()]
    assert record["level"] == "warning" and record["file"] == str(path) and log.count == 0


def test_directory_run_counts_what_it_skipped(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    (root / "sub").mkdir(parents=True)
    for name in ["a.txt", "b.png", "c.png", "sub/d.png", "e.md", "README", "f.gz", "g.jsonl.gz"]:
        (root / name).write_bytes(gzip.compress(good_line("g") + b"\n") if name == "g.jsonl.gz" else b"x")
    items = run([root], published=OCT8)
    assert [d.id for d in of(Document, items)] == [str(root / "a.txt"), "g"]
    warning = items[-1]
    assert isinstance(warning, InputWarning) and warning.path == str(root)
    assert warning.reason == "skipped 6 files not read as input (3 .png, 1 .gz, 1 .md, 1 without extension)"


def test_skipped_line_wording() -> None:
    from collections import Counter
    assert skipped_line(Counter({".png": 1})) == "skipped 1 file not read as input (1 .png)"


def test_decoding_order() -> None:
    """BOM, then valid UTF-8 (even against a declaration), then the declared charset, then a guess."""
    from polevent.ingest.decode import DecodeError, decode_bytes
    text = "Caf\u00e9 \u201ctalks\u201d in Lima"
    assert decode_bytes(text.encode("utf-8"), declared="iso-8859-1").encoding == "utf-8"
    declared = decode_bytes(text.encode("cp1252"), declared="latin1")
    assert (declared.text, declared.encoding, declared.guessed) == (text, "cp1252", False)
    assert decode_bytes(text.encode("utf-16")).text == text
    assert decode_bytes("caf\u00e9".encode("utf-8")[:-1], final=False).text == "caf"  # a cut character waits
    with pytest.raises(DecodeError) as binary:
        decode_bytes(b"line one\nline\x00two")
    assert binary.value.line == 2 and "binary" in binary.value.reason
