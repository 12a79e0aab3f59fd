"""HTML pages: keep the article body, find its date, and never touch the network.

Navigation, comment threads and share widgets mention countries and leaders too, so feeding a
whole page to the parser invents events; trafilatura isolates the article body. Both
trafilatura and htmldate are given parsed lxml trees, never strings: htmldate treats a string
starting with "http" as a URL and downloads it, which an offline batch tool must not do.

Every page, whether a file, a JSON field, a table cell or a WARC record, goes through
``page_document``: decoded the same way, bounded the same way (a size limit before parsing, a
time budget around extraction), dated by the same rule.
"""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import trafilatura
from lxml.html import HtmlElement

from polevent.ingest.boilerplate import clean_text
from polevent.ingest.budget import ExtractionTimeout, time_budget
from polevent.ingest.dates_in import parse_published
from polevent.ingest.decode import DecodeError, decode_bytes
from polevent.ingest.options import ReadOptions
from polevent.model import Document, InputError, InputWarning

NO_PAGE_DATE = "no publication date in page (pass --published)"
NO_ARTICLE = "no article text found in page"

# Thin extraction: a page of at least THIN_PAGE_BYTES whose article text is under one
# character per THIN_BYTES_PER_CHAR bytes of markup. A typical news page gives 1 character of
# text per 10-40 bytes; a 374 KB page that gives a 151-character caption (1 per 2,500) has lost
# its article to the extractor (paywall, script-rendered body, gallery) and is worth a look.
THIN_PAGE_BYTES = 50_000
THIN_BYTES_PER_CHAR = 1_000

# libxml2 checks each new attribute of an element against all earlier ones, so one element
# with tens of thousands of attributes costs minutes in a single C call that no signal can
# interrupt. No real tag is this long but a data: URI or an embedded JSON blob, and the
# extractor needs neither, so an over-long tag keeps its name and loses its attributes.
MAX_TAG_BYTES = 32_768
_LONG_TAG = {
    bytes: re.compile(rb"<([A-Za-z][A-Za-z0-9:_-]{0,63}+)[^<>]{%d,}+>" % MAX_TAG_BYTES),
    str: re.compile(r"<([A-Za-z][A-Za-z0-9:_-]{0,63}+)[^<>]{%d,}+>" % MAX_TAG_BYTES),
}
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for where the HTML standard says it must be: in the first 1024 bytes.
_META_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)

# Both libraries log every odd page at WARNING/ERROR; our own InputError is the report.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Extracted:
    """What a page yields: cleaned body text (maybe empty), the headline and the page's date."""

    text: str
    title: str | None
    date: date | None = None


def defuse(html: str | bytes) -> str | bytes:
    """The page with every over-long tag reduced to its bare name (see MAX_TAG_BYTES)."""
    pattern = _LONG_TAG[type(html)]
    return pattern.sub(lambda m: m.group(0)[:1] + m.group(1) + m.group(0)[-1:], html)


def declared_charset(html: bytes) -> str | None:
    """The charset a page's own <meta> declares, if any."""
    match = _META_CHARSET.search(html, 0, 1024)
    return match.group(1).decode("ascii") if match else None


def _tree(html: str | bytes) -> HtmlElement | None:
    """Parse with trafilatura's tolerant loader (broken-markup repair)."""
    try:
        return trafilatura.load_html(defuse(html))
    except Exception:  # noqa: BLE001 - the libraries raise assorted errors on junk markup
        return None


def extract_article(html: str | bytes) -> Extracted | None:
    """Main text, title and publication date, or None when the markup cannot be parsed at all.

    trafilatura puts each block element on its own line; every block becomes a paragraph
    (blank line) so that a subheading never runs into the next sentence. The date is htmldate's
    (run by trafilatura on the same tree) without extensive_search, so that a "(c) 2024" footer
    or a sidebar date is not taken for the article date; original_date prefers "published" over
    "modified" markup.
    """
    tree = _tree(html)
    if tree is None:
        return None
    try:
        result = trafilatura.bare_extraction(
            tree,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001
        return None
    if result is None:
        return Extracted("", None)
    raw_text = getattr(result, "text", None) or ""
    paragraphs = [line.strip() for line in raw_text.splitlines() if line.strip()]
    title = getattr(result, "title", None)
    title = title.strip() if isinstance(title, str) and title.strip() else None
    return Extracted(clean_text("\n\n".join(paragraphs)), title, _as_date(getattr(result, "date", None)))


def _as_date(found: object) -> date | None:
    if not isinstance(found, str) or not found:
        return None
    try:
        return parse_published(found)
    except ValueError:
        return None


def page_date(html: str | bytes) -> date | None:
    """The article's original publication date from the page, or None."""
    extracted = extract_article(html)
    return extracted.date if extracted is not None else None


def page_document(html: str | bytes, *, doc_id: str, path: str, line: int | None, options: ReadOptions,
                  origin: str | None = None, own_date: date | None = None, crawl_date: date | None = None,
                  charset: str | None = None, url: str | None = None, title: str | None = None,
                  source: str | None = None, no_date: str = NO_PAGE_DATE,
                  ) -> Iterator[Document | InputError | InputWarning]:
    """One page to a Document, with warnings first; errors as InputError, never raised.

    Dates, one rule for every input: the document's own date wins (``own_date``: a record's
    field; else the page's metadata; else ``crawl_date``: when a crawler fetched it), and
    ``options.published`` is the fallback. A page or crawl date that differs from a given
    --published is used, with a warning, since the user may have meant to override it.
    """
    def error(reason: str) -> InputError:
        return InputError(path, line, reason, doc_id=doc_id)

    def warning(reason: str) -> InputWarning:
        return InputWarning(path, line, reason, doc_id=doc_id)

    size = len(html)
    if size > options.max_input_bytes:
        yield error(f"page of {size:,} bytes is over the size limit ({options.max_input_bytes:,}; "
                    f"--max-input-bytes); skipped")
        return
    if isinstance(html, bytes):
        try:
            decoded = decode_bytes(html, declared=charset or declared_charset(html))
        except DecodeError as err:
            yield error(err.reason)
            return
        if decoded.guessed:
            yield warning(decoded.warning() or "")
        html = decoded.text
    try:
        with time_budget(options.extract_seconds):
            extracted = extract_article(html)
    except ExtractionTimeout:
        yield error(f"extracting the article took longer than {options.extract_seconds:g} s "
                    f"(--document-seconds); skipped")
        return
    if extracted is None:
        yield error("cannot parse HTML")
        return
    if not extracted.text:
        yield error(NO_ARTICLE)
        return
    found = own_date or extracted.date or crawl_date
    if found is None:
        found = options.published
        if found is None:
            yield error(no_date)
            return
    elif own_date is None and options.published is not None and found != options.published:
        kind = "page's" if extracted.date else "crawl"
        yield warning(f"the {kind} date {found.isoformat()} differs from --published "
                      f"{options.published.isoformat()}; the {kind} date is used")
    if size >= THIN_PAGE_BYTES and len(extracted.text) * THIN_BYTES_PER_CHAR < size:
        yield warning(f"thin extraction: {len(extracted.text):,} characters of text from a page of "
                      f"{size:,} bytes (coded; check that the article was found)")
    yield Document(id=doc_id, text=extracted.text, published=found, url=url,
                   title=title or extracted.title, source=source, origin=origin or path)


def read_html_file(path: str, options: ReadOptions | None = None) -> Iterator[Document | InputError | InputWarning]:
    """Read one saved page, at most --max-input-bytes of it (a larger page is refused unread)."""
    options = options or ReadOptions()
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if info.st_size > options.max_input_bytes:
                yield InputError(path, None, f"page of {info.st_size:,} bytes is over the size limit "
                                             f"({options.max_input_bytes:,}; --max-input-bytes); skipped")
                return
            data = handle.read(options.max_input_bytes + 1)
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    yield from page_document(data, doc_id=path, path=path, line=None, options=options)


__all__ = ["Extracted", "extract_article", "page_date", "page_document", "read_html_file", "defuse",
           "declared_charset", "NO_PAGE_DATE", "NO_ARTICLE", "THIN_PAGE_BYTES", "THIN_BYTES_PER_CHAR"]
