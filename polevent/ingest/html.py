"""HTML pages: keep the article body, find its date, and never touch the network.

Navigation, comment threads and share widgets mention countries and leaders too, so feeding a
whole page to the parser invents events; trafilatura isolates the article body. Both
trafilatura and htmldate are given parsed lxml trees, never strings: htmldate treats a string
starting with "http" as a URL and downloads it, which an offline batch tool must not do.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import htmldate
import trafilatura
from lxml.html import HtmlElement

from polevent.ingest.boilerplate import clean_text
from polevent.ingest.dates_in import parse_published
from polevent.model import Document, InputError

NO_PAGE_DATE = "no publication date in page (pass --published)"
NO_ARTICLE = "no article text found in page"

# Both libraries log every odd page at WARNING/ERROR; our own InputError is the report.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Extracted:
    """What a page yields: cleaned body text (maybe empty) and the headline if there is one."""

    text: str
    title: str | None


def _tree(html: str | bytes) -> HtmlElement | None:
    """Parse with trafilatura's tolerant loader (encoding sniffing, broken-markup repair)."""
    try:
        return trafilatura.load_html(html)
    except Exception:  # noqa: BLE001 - the libraries raise assorted errors on junk markup
        return None


def extract_article(html: str | bytes) -> Extracted | None:
    """Main text and title, or None when the markup cannot be parsed at all.

    trafilatura puts each block element on its own line; every block becomes a paragraph
    (blank line) so that a subheading never runs into the next sentence.
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
    return Extracted(clean_text("\n\n".join(paragraphs)), title)


def page_date(html: str | bytes) -> date | None:
    """The article's original publication date from the page, or None.

    extensive_search is off so that a "(c) 2024" footer or a sidebar date is not taken for
    the article date; original_date prefers "published" over "modified" markup.
    """
    tree = _tree(html)
    if tree is None:
        return None
    try:
        found = htmldate.find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001
        return None
    if not found:
        return None
    try:
        return parse_published(found)
    except ValueError:
        return None


def read_html_file(path: str, published: date | None = None) -> Document | InputError:
    """Read one saved page; the --published date, when given, overrides the page's own."""
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        return InputError(path, None, f"cannot read file: {err.strerror or err}")
    if b"\x00" in data:
        nul = data.find(b"\x00")
        return InputError(path, data.count(b"\n", 0, nul) + 1, "binary file (contains NUL bytes)")
    extracted = extract_article(data)
    if extracted is None:
        return InputError(path, None, "cannot parse HTML", doc_id=path)
    if not extracted.text:
        return InputError(path, None, NO_ARTICLE, doc_id=path)
    when = published or page_date(data)
    if when is None:
        return InputError(path, None, NO_PAGE_DATE, doc_id=path)
    return Document(id=path, text=extracted.text, published=when, title=extracted.title,
                    origin=path)


__all__ = ["Extracted", "extract_article", "page_date", "read_html_file", "NO_PAGE_DATE",
           "NO_ARTICLE"]
