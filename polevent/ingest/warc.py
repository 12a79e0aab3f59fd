"""Web archives (.warc, .warc.gz): every HTML response record is a page, read with FastWARC.

Crawls of news sites (Common Crawl's news crawl among them) are published as WARC files: one
record per request, response, or crawl note. A 2xx HTML response (or an HTML resource record)
becomes a document through the same extraction as a saved page. Its id is the record's
WARC-Record-ID (else its URL), its url the record's target URI, and its date the page's own
metadata, else the WARC-Date (when it was fetched), else --published.

FastWARC parses the records; the payload is read raw and bounded (--max-input-bytes) so that a
record cut short by a broken download is seen as such and reported (a decoding reader would hand
back the part that arrived, or nothing), then its transfer and content encodings are undone with
FastWARC's own stream readers, again reading no more than the limit.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date

from fastwarc.stream_io import BrotliReader, ChunkedReader, GzipReader, ZstdReader
from fastwarc.warc import ArchiveIterator, WarcRecordType

from polevent.ingest.dates_in import parse_published
from polevent.ingest.html import page_document
from polevent.ingest.options import ReadOptions
from polevent.model import Document, InputError, InputWarning

HTML_TYPES = ("text/html", "application/xhtml+xml")
# The HTTP codings a crawler may have stored as received, and FastWARC's reader for each.
_CODINGS = {
    "gzip": lambda raw: GzipReader(raw), "x-gzip": lambda raw: GzipReader(raw),
    "deflate": lambda raw: GzipReader(raw, zlib=True), "br": BrotliReader, "zstd": ZstdReader,
}

Item = Document | InputError | InputWarning


def _header(headers: object, name: str) -> str | None:
    value = headers.get(name) if headers is not None else None  # type: ignore[attr-defined]
    return value.strip() if isinstance(value, str) and value.strip() else None


def _is_html(content_type: str | None) -> bool:
    return bool(content_type) and content_type.split(";")[0].strip().lower() in HTML_TYPES  # type: ignore[union-attr]


def _decode_payload(raw: bytes, transfer: str | None, content: str | None, limit: int) -> bytes:
    """Undo chunking and compression as the server applied them (raises OSError on bad data)."""
    stream: object = io.BytesIO(raw)
    if transfer and "chunked" in transfer.lower():
        stream = ChunkedReader(stream)
    for coding in reversed([c.strip().lower() for c in (content or "").split(",") if c.strip()]):
        if coding == "identity":
            continue
        if coding not in _CODINGS:
            raise OSError(f"unknown Content-Encoding {coding!r}")
        stream = _CODINGS[coding](stream)
    return stream.read(limit + 1)  # type: ignore[attr-defined]


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return parse_published(value)
    except ValueError:
        return None


def read_warc_file(path: str, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every HTML page of one WARC file, in file order; other records are passed over."""
    options = options or ReadOptions()
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, inside the generator
    except OSError as err:
        yield InputError(path, None, f"cannot read file: {err.strerror or err}")
        return
    n_records = 0
    with handle:
        records = ArchiveIterator(handle, record_types=WarcRecordType.response | WarcRecordType.resource,
                                  parse_http=True, auto_decode="none", fsspec_args=False)
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (OSError, ValueError) as err:
                after = f" after record {n_records}" if n_records else ""
                yield InputError(path, None, f"not a valid WARC record{after} ({err}); rest of file not read")
                break
            n_records += 1
            yield from _record_documents(record, path, options)


def _record_documents(record: object, path: str, options: ReadOptions) -> Iterator[Item]:
    """One response or resource record to a page, if it is an HTML page."""
    headers = record.headers  # type: ignore[attr-defined]
    url = _header(headers, "WARC-Target-URI")
    record_id = (_header(headers, "WARC-Record-ID") or "").strip("<>") or url or \
        f"{path}@{record.stream_pos}"  # type: ignore[attr-defined]
    http = record.http_headers if record.is_http else None  # type: ignore[attr-defined]
    if http is not None:
        if not 200 <= (http.status_code or 0) < 300 or not _is_html(_header(http, "Content-Type")):
            return
    elif not _is_html(_header(headers, "Content-Type")):
        return

    def error(reason: str) -> InputError:
        return InputError(path, None, reason, doc_id=record_id)

    expected = record.content_length  # type: ignore[attr-defined]
    if expected > options.max_input_bytes:
        yield error(f"record of {expected:,} bytes is over the size limit ({options.max_input_bytes:,}; "
                    f"--max-input-bytes); skipped")
        return
    try:
        raw = record.reader.read(expected)  # type: ignore[attr-defined]
    except OSError as err:
        yield error(f"cannot read record: {err}")
        return
    if len(raw) < expected:
        yield error(f"record truncated: {len(raw):,} of {expected:,} bytes (file cut short?); skipped")
        return
    cut_by_crawler = _header(headers, "WARC-Truncated")
    try:
        payload = raw if http is None else _decode_payload(
            raw, _header(http, "Transfer-Encoding"), _header(http, "Content-Encoding"), options.max_input_bytes)
    except OSError as err:
        yield error(f"cannot decode the HTTP payload ({err}); skipped")
        return
    if cut_by_crawler:
        yield InputWarning(path, None, f"page cut by the crawler (WARC-Truncated: {cut_by_crawler}); "
                                       f"coding what was kept", doc_id=record_id)
    yield from page_document(payload, doc_id=record_id, path=path, line=None, options=options,
                             origin=path, crawl_date=_warc_date(_header(headers, "WARC-Date")),
                             charset=record.http_charset if http is not None else None,  # type: ignore[attr-defined]
                             url=url)


__all__ = ["read_warc_file", "HTML_TYPES"]
