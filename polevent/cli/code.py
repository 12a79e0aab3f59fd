"""``polevent code``, ``evaluate`` and ``actors``: coding text and looking up the knowledge."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import Fatal, actors_app, app, err, parse_day


def _coder(model: str | None, actors: list[Path], patterns: list[Path], keep_modal: bool = False,
           min_confidence: float | None = None, monadic: bool = False):
    from ..actors.knowledge import KnowledgeError
    from ..events.lexicon import PatternError
    from ..nlp import ModelError
    from ..pipeline import Coder
    try:
        kwargs = {} if min_confidence is None else {"min_confidence": min_confidence}
        return Coder(model, actor_files=actors, pattern_files=patterns, keep_modal=keep_modal,
                     monadic=monadic, **kwargs)
    except (KnowledgeError, PatternError, ModelError) as exc:
        raise Fatal(str(exc)) from None


ModelOpt = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline name or path.")]
ActorsOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="Extra actor file (TSV, repeatable).")]
PatternsOpt = Annotated[Optional[list[Path]], typer.Option("--patterns", help="Extra verb pattern file (YAML, repeatable).")]


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Files or directories: JSON Lines (.jsonl, also .gz .bz2 .xz "
                                                "or .zst), WARC (.warc, .warc.gz), .parquet, .csv, .html, .txt; - for "
                                                "stdin (see --stdin-format).")],
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write events here (JSON Lines).")] = None,
    published: Annotated[Optional[str], typer.Option("--published", help="Fallback date: a document's own date "
                                                     "(JSON field or date column, else page metadata, else WARC "
                                                     "date) wins; a page whose date differs gets a warning.")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    keep_modal: Annotated[bool, typer.Option("--keep-modal", help="Also emit negated and hypothetical events.")] = False,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                            help="Drop events less certain than this (0-1; confidence is "
                                                            "the measured precision of events like it). Default: the "
                                                            "threshold that holds the precision floor (README).")] = None,
    monadic: Annotated[bool, typer.Option("--monadic", help="Also emit acts whose target the text does not name "
                                          "(by default only acts without an addressee by nature, see coding.yml).")] = False,
    db: Annotated[Optional[Path], typer.Option("--db", help="Store documents and events in this DuckDB file.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per store transaction.")] = 64,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1,
                                                   help="Worker processes (default: the machine's cores; 1 codes in this process).")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (worker processes on this machine) or dask.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://HOST:8786 "
                                                     "(implies --engine dask; without it a local cluster is started).")] = None,
    errors: Annotated[Optional[Path], typer.Option("--errors", help="Append every skipped input (file, line, "
                                                   "document id, reason) and every warning (the same, with "
                                                   "level: warning) to this JSON Lines file.")] = None,
    resume: Annotated[bool, typer.Option("--resume/--recode", help="With --db: skip documents already stored "
                                         "with the same text (default), or code everything again.")] = True,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar.")] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1000, help="Characters of a document coded; "
                                           "longer texts are cut (with a warning).")] = 100_000,
    max_sentence_tokens: Annotated[int, typer.Option("--max-sentence-tokens", min=20, help="Tokens a sentence "
                                                     "may run without a full stop before it is split.")] = 150,
    document_seconds: Annotated[float, typer.Option("--document-seconds", min=0.0, help="Time budget for extracting "
                                                    "a page's article, and again for coding one document (0: none); "
                                                    "past it the document is skipped.")] = 60.0,
    max_input_bytes: Annotated[int, typer.Option("--max-input-bytes", min=1000, help="Bytes of one page, JSON line, "
                                                 "table cell or WARC record read; larger ones are reported and "
                                                 "skipped (text files are cut at --max-chars instead).")] = 5_000_000,
    stdin_format: Annotated[str, typer.Option("--stdin-format", help="What - reads: jsonl (one document a line), "
                                              "text or html (one document).")] = "jsonl",
    text_column: Annotated[str, typer.Option("--text-column", help="Table (CSV, Parquet) column of the text.")] = "text",
    id_column: Annotated[str, typer.Option("--id-column", help="Table column of the document id.")] = "id",
    date_column: Annotated[str, typer.Option("--date-column", help="Table column of the date.")] = "published",
    html_column: Annotated[str, typer.Option("--html-column", help="Table column of a page's HTML, "
                                             "used where the text column is missing or empty.")] = "html",
    screen: Annotated[bool, typer.Option("--screen/--no-screen", hidden=True,
                                         help="Parse documents without a trigger word too (for checks).")] = True,
) -> None:
    """Code news articles into CAMEO events: JSON Lines on stdout or -o, and/or a DuckDB store.

    Exit status: 0 when every input was coded, 1 when any was skipped (each one is reported on
    stderr and, with --errors, in a JSON Lines file), 2 when the run could not start or go on,
    143/130 when SIGTERM/SIGINT stopped it (after one line saying what is stored).
    """
    # Only what the checks below need is imported first (spaCy is not): a missing input or a
    # bad option is reported in a fraction of a second, before the model loads.
    from ..ingest import Columns, ReadOptions, read_file, read_stdin
    from ..ingest.options import STDIN_FORMATS
    from ..inputs import Outputs, Source, clashes, read_sources, resolve_inputs
    from ..runlog import ErrorLog, Progress, WriteError
    if engine not in ("local", "dask"):
        raise Fatal(f"--engine: unknown engine {engine!r} (local or dask)")
    pub = parse_day(published, "--published")
    if stdin_format not in STDIN_FORMATS:
        raise Fatal(f"--stdin-format: unknown format {stdin_format!r} ({', '.join(STDIN_FORMATS)})")
    read_options = ReadOptions(published=pub, max_chars=max_chars, max_input_bytes=max_input_bytes,
                               extract_seconds=document_seconds, stdin_format=stdin_format,
                               columns=Columns(text=text_column, id=id_column, date=date_column, html=html_column))
    # "-o -" is standard output, as for the inputs (also beside --db)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout:
        output = None
    # The inputs are fixed before anything is written: a file this run creates is never read.
    sources = resolve_inputs(list(inputs))
    for problem in clashes(sources, {"-o": output, "--errors": errors, "--db": db}):
        raise Fatal(problem)
    for path in (output, errors):
        _check_writable(path)
    if not any(isinstance(s, Source) for s in sources):
        _nothing_to_read(sources, output, errors, db)
    from ..coderun import CodeRun, StoreSession
    from ..engines import CoderError, LazyEngine, make_engine
    from ..runconfig import DEFAULT_MIN_CONFIDENCE, CoderConfig
    from ..stopping import Stopped, on_signals
    from ..store import StoreError
    config = CoderConfig(model, tuple(str(p) for p in actors or ()), tuple(str(p) for p in patterns or ()),
                         keep_modal, DEFAULT_MIN_CONFIDENCE if min_confidence is None else min_confidence,
                         monadic=monadic, max_chars=max_chars,
                         max_sentence_tokens=max_sentence_tokens, document_seconds=document_seconds,
                         screen=screen)
    on_signals()
    session = None
    if db is not None:
        session = StoreSession(db)
        try:
            session.start()
        except StoreError as exc:
            raise Fatal(str(exc)) from None
    outputs = Outputs()
    if db is not None:
        outputs.add_path(db, "--db store")
        outputs.add_path(f"{db}.wal", "--db WAL")
    out = log = None
    runner = None
    run = None
    try:
        # The models load before any output is opened: a bad model or knowledge file writes
        # nothing.
        # Workers only pay for themselves on a large input: without --workers, a small one is
        # coded in this process (engines.SMALL_INPUT_BYTES).
        runner = make_engine(engine, workers, config, scheduler, input_bytes=_input_bytes(sources))
        if session is not None and resume:
            # A resumed run loads the model only when it meets a document not yet stored: one
            # whose documents are all stored ends without loading it.
            runner = LazyEngine(runner)
        else:
            try:
                runner.start()
            except CoderError as exc:
                raise Fatal(str(exc)) from None
        # With --db the events go to the store; JSON Lines only where asked for (-o), so that a
        # large run does not also flood the terminal.
        out = _open_output(output) if output else (None if session and not to_stdout else sys.stdout)
        if output:
            outputs.add_open(out.fileno(), "-o file")
        try:
            log = ErrorLog(errors)
        except OSError as exc:
            raise Fatal(f"{errors}: cannot write: {_reason(exc)}") from None
        if log.fileno() is not None:
            outputs.add_open(log.fileno(), "--errors file")
        run = CodeRun(runner, log, Progress(enabled=not quiet), max_chars, out=out, session=session,
                      resume=resume, batch_size=batch_size)
        try:
            run.run(read_sources(sources, pub, outputs, read=lambda path: read_file(path, read_options),
                                 read_stdin_=lambda: read_stdin(read_options)))
        except CoderError as exc:
            raise Fatal(f"{exc}{_stored(run, session)}") from None
        except StoreError as exc:
            raise Fatal(f"{exc}{_stored(run, session)}") from None
        except WriteError as exc:
            raise Fatal(f"{exc}{_stored(run, session)}") from None
    except Stopped as stop:
        if run is not None:
            run.progress.close()
        if runner is not None:
            runner.close(abort=True)
            runner = None
        _close_quietly(out if output else None, log)
        out = log = None
        if session is not None:
            session.close()
        done = run.counts if run is not None else None
        if session is not None:
            said = (f"{done.coded if done else 0} documents ({done.events if done else 0} events) stored by this run, "
                    f"{done.resumed if done else 0} already stored; the batch in progress was not stored; "
                    "the same command goes on from here")
        else:
            said = f"{done.coded if done else 0} documents coded ({done.events if done else 0} events written)"
        err(f"stopped by {stop.name}: {said}")
        raise typer.Exit(stop.exit_code) from None
    finally:
        if run is not None:
            run.progress.close()
        if runner is not None:
            runner.close()
        _close_quietly(out if output else None, log)
        if session is not None:
            session.close()
    counts = run.counts
    extra = f", {counts.resumed} already stored" if session is not None else ""
    print(f"polevent: {counts.coded} documents coded, {counts.events} events, {log.count} inputs skipped{extra}",
          file=sys.stderr)
    raise typer.Exit(1 if log.count else 0)


def _input_bytes(sources) -> int | None:
    """The input's size on disk, or None when it is not known beforehand (stdin)."""
    import os
    from ..inputs import STDIN, Source
    total = 0
    for src in sources:
        if not isinstance(src, Source):
            continue
        if src.path == STDIN:
            return None
        try:
            st = os.stat(src.path)
        except OSError:
            continue
        if not os.path.isfile(src.path):
            return None  # a pipe (<(zcat feed.gz)): its length is not known
        # a compressed file or a table holds several times its size in text
        packed = src.path.lower().endswith((".gz", ".bz2", ".xz", ".zst", ".parquet"))
        total += st.st_size * (5 if packed else 1)
    return total


def _nothing_to_read(sources, output: Path | None, errors: Path | None, db: Path | None) -> None:
    """Every input is missing or unreadable: say so at once, without loading the model, and end
    as a run that skipped them all ends (the outputs it would have made are made, empty)."""
    from ..inputs import Notice
    from ..runlog import ErrorLog
    if db is not None:
        from ..store import Store, StoreError
        try:
            Store(str(db)).close()
        except StoreError as exc:
            raise Fatal(str(exc)) from None
    out = _open_output(output) if output else None
    try:
        log = ErrorLog(errors)
    except OSError as exc:
        raise Fatal(f"{errors}: cannot write: {_reason(exc)}") from None
    try:
        for item in sources:
            if isinstance(item, Notice):
                log.warn(item.where, item.message)
            else:
                log.skipped(item)
    finally:
        _close_quietly(out, log)
    extra = ", 0 already stored" if db is not None else ""
    print(f"polevent: 0 documents coded, 0 events, {log.count} inputs skipped{extra}", file=sys.stderr)
    raise typer.Exit(1 if log.count else 0)


def _reason(exc: OSError) -> str:
    return exc.strerror or " ".join(str(exc).split())


def _check_writable(path: Path | None) -> None:
    """Before the models load: an output that cannot be a file (a folder, a missing folder) is
    one line now rather than after the workers have started."""
    if path is None:
        return
    if path.is_dir():
        raise Fatal(f"{path}: cannot write: Is a directory")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise Fatal(f"{path}: cannot write: No such directory {str(parent)!r}")


def _open_output(path: Path):
    """The -o file, opened before any coding, or the one-line reason it cannot be."""
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise Fatal(f"{path}: cannot write: {_reason(exc)}") from None


def _stored(run, session) -> str:
    if run is None:
        return ""
    c = run.counts
    if session is not None:
        return f" ({c.coded} documents stored by this run before it stopped)"
    return f" ({c.coded} documents coded before it stopped)"


def _close_quietly(*handles) -> None:
    for h in handles:
        if h is None:
            continue
        try:
            h.close()
        except OSError:
            pass


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON list of cases).")],
    events_out: Annotated[Optional[Path], typer.Option("--events-out", help="Also write the coded events here.")] = None,
    by_root: Annotated[bool, typer.Option("--by-root", help="Print pass rates per expected CAMEO root.")] = False,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="Only the closing line.")] = False,
    with_prf: Annotated[bool, typer.Option("--prf", help="Event-level precision and recall over whole-article "
                                            "(exhaustive) cases, with each document's false and missed events.")] = False,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="JSON Lines articles that give cases "
                                                    "naming only an id their text and date.")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
    patterns: PatternsOpt = None,
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", min=0.0, max=1.0,
                                                            help="As for `code` (default: the same default).")] = None,
    monadic: Annotated[bool, typer.Option("--monadic", help="As for `code`: keep events without a target.")] = False,
) -> None:
    """Code a gold file's documents and score them: failing cases (or, with --prf, false and
    missed events per document), then the closing line."""
    from ..evaluate import GoldError, format_failures, gold_documents, load_gold, prf, root_rates, score
    try:
        cases = load_gold(gold, corpus)
        docs = gold_documents(cases)
    except (GoldError, ValueError) as exc:
        raise Fatal(str(exc)) from None
    coder = _coder(model, actors or [], patterns or [], min_confidence=min_confidence, monadic=monadic)
    events = [ev.to_json() for result in coder.code(docs) for ev in result.events]
    if events_out:
        with open(events_out, "w", encoding="utf-8") as fh:
            for ev in events:
                fh.write(json.dumps(ev, ensure_ascii=False) + "\n")
    if with_prf:
        measured = prf(cases, events)
        if not quiet:
            for line in measured.lines:
                print(line)
        print(measured.summary())
        return
    result = score(cases, events)
    if not quiet:
        for line in format_failures(result):
            print(line)
    if by_root:
        for root, (p, n) in root_rates(cases, result).items():
            print(f"root {root}: {p}/{n} ({100.0 * p / n:.0f}%)")
    print(result.summary())


@actors_app.command("resolve")
def actors_resolve(
    text: Annotated[str, typer.Argument(help="A name or phrase, e.g. 'the Kremlin' or 'President Biden'.")],
    on: Annotated[Optional[str], typer.Option("--date", help="Resolve offices as of this date (default today).")] = None,
    model: ModelOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """Print the actor a phrase resolves to as JSON, or null."""
    from ..actors.resolve import resolve_phrase
    day = parse_day(on, "--date") or date.today()
    coder = _coder(model, actors or [], [])
    a = resolve_phrase(coder.finder, coder.nlp(text), day)
    if a is None:
        print("null")
        return
    print(json.dumps({"code": a.code, "country": a.country, "igo": a.igo, "role": a.role, "name": a.name},
                     ensure_ascii=False))


@actors_app.command("list")
def actors_list(
    country: Annotated[Optional[str], typer.Option("--country", help="Only this ISO3 country.")] = None,
    actors: ActorsOpt = None,
) -> None:
    """List the actor knowledge as TSV: kind, name, code, country, igo, role, dates."""
    from ..actors.knowledge import KnowledgeError, load_knowledge
    try:
        kb = load_knowledge(actors or [])
    except KnowledgeError as exc:
        raise Fatal(str(exc)) from None
    rows: list[tuple[str, ...]] = []
    for c in kb.countries.values():
        rows.append(("country", c.name, c.iso3, c.iso3, "", "", "", ""))
    for o in kb.orgs.values():
        rows.append((o.kind, o.name, (o.country or "") + (o.igo or "") + (o.role or ""), o.country or "",
                     o.igo or "", o.role or "", "", ""))
    for p in kb.people.values():
        for t in p.terms:
            rows.append(("person", p.name, (t.country or t.igo or "") + t.role, t.country, t.igo or "", t.role,
                         t.start.isoformat(), t.end.isoformat() if t.end else ""))
    print("kind\tname\tcode\tcountry\tigo\trole\tstart\tend")
    for row in rows:
        if country and row[3] != country.upper():
            continue
        print("\t".join(row))
