"""CLI commands over the event store: ``export``, ``dyads``, ``shifts``, ``network``.

Errors are raised as ``Fatal``, which ``main()`` prints as one ``polevent: ...`` line with exit
status 2.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import Fatal, app, parse_day

DbOpt = Annotated[Path, typer.Option("--db", help="Event store (DuckDB file) written by `polevent code --db`.")]
FromOpt = Annotated[Optional[str], typer.Option("--from", help="First event date (YYYY-MM-DD).")]
ToOpt = Annotated[Optional[str], typer.Option("--to", help="Last event date (YYYY-MM-DD).")]
SourceOpt = Annotated[Optional[str], typer.Option("--source", help="Source actor key: country (PRK) or IGO (UN).")]
TargetOpt = Annotated[Optional[str], typer.Option("--target", help="Target actor key: country or IGO.")]
BothOpt = Annotated[bool, typer.Option("--both-directions", help="Also count events from target to source.")]
OutFormatOpt = Annotated[str, typer.Option("--format", help="table, csv or json.")]
PlotOpt = Annotated[Optional[Path], typer.Option("--plot", help="Also draw a chart: FILE.png, FILE.svg or FILE.html.")]
CountOpt = Annotated[str, typer.Option("--count", help="happenings (mentions of one act counted once) or mentions (every coded event).")]
DaysOpt = Annotated[int, typer.Option("--happening-days", help="Events of the same source, target and CAMEO root this many "
                                      "days from a happening's first mention are one happening.")]


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    v = value.strip().lower()
    if v not in allowed:
        raise Fatal(f"{what}: {value!r} is not one of {', '.join(allowed)}")
    return v


def _open(db: Path):
    from ..store import StoreError, open_reading
    try:
        return open_reading(db)
    except StoreError as exc:
        raise Fatal(str(exc)) from None


def _count(count: str, days: int) -> tuple[str, int]:
    from ..happenings import check_days
    from ..store import COUNTS
    try:
        return _choice(count, COUNTS, "--count"), check_days(days)
    except ValueError as exc:
        raise Fatal(f"--happening-days: {exc}") from None


def _check_plot(plot: Path | None) -> None:
    if plot is None:
        return
    from ..analysis.charts import ChartError, check_suffix
    try:
        check_suffix(plot)
    except ChartError as exc:
        raise Fatal(str(exc)) from None


def _emit(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@app.command("export")
def export(
    db: DbOpt,
    fmt: Annotated[str, typer.Option("--format", help="parquet, csv, jsonl or gdelt (GDELT-like flat CSV).")] = "jsonl",
    output: Annotated[Optional[str], typer.Option("-o", "--output", help="Write here (- or none: stdout; parquet needs a file).")] = None,
    table: Annotated[str, typer.Option("--table", help="events or documents (parquet and csv).")] = "events",
    source: SourceOpt = None,
    target: TargetOpt = None,
    both_directions: BothOpt = False,
    start: FromOpt = None,
    end: ToOpt = None,
    count: Annotated[str, typer.Option("--count", help="gdelt: a row per happening (NumMentions, NumSources, "
                                       "NumArticles filled) or per mention.")] = "happenings",
    happening_days: DaysOpt = 1,
) -> None:
    """Export the stored events (or documents) as Parquet, CSV, JSON Lines or GDELT-like CSV."""
    import duckdb

    from ..export import FORMATS, TABLES, ExportError
    from ..export import export as do_export
    from ..store import EventFilter
    fmt = _choice(fmt, FORMATS, "--format")
    table = _choice(table, TABLES, "--table")
    count, happening_days = _count(count, happening_days)
    flt = EventFilter(source, target, both_directions, parse_day(start, "--from"), parse_day(end, "--to"))
    with _open(db) as store:
        try:
            n = do_export(store, fmt, output, flt, table, count, happening_days)
        except ExportError as exc:
            raise Fatal(str(exc)) from None
        except BrokenPipeError:
            raise
        except (OSError, duckdb.Error) as exc:
            raise Fatal(f"{output or 'stdout'}: cannot write: {' '.join(str(exc).split())}") from None
    if output and output != "-":
        what = "happenings" if fmt == "gdelt" and count == "happenings" else table
        print(f"polevent: {n} {what} written to {output}", file=sys.stderr)


@app.command("dyads")
def dyads(
    db: DbOpt,
    source: SourceOpt = None,
    target: TargetOpt = None,
    both_directions: BothOpt = False,
    freq: Annotated[str, typer.Option("--freq", help="day, week, month, quarter or year.")] = "month",
    start: FromOpt = None,
    end: ToOpt = None,
    fmt: OutFormatOpt = "table",
    plot: PlotOpt = None,
    plot_pairs: Annotated[int, typer.Option("--plot-pairs", help="Pairs in the chart (the busiest).")] = 6,
    count: CountOpt = "happenings",
    happening_days: DaysOpt = 1,
) -> None:
    """Per period and pair: events, mentions, Goldstein sum and mean, tone, counts per quad class,
    and the periods where the pair's Goldstein mean changes level (change points)."""
    from ..analysis import dyads as compute
    from ..analysis.render import FORMATS, render_dyads
    from ..store import FREQS
    freq = _choice(freq, FREQS, "--freq")
    fmt = _choice(fmt, FORMATS, "--format")
    _check_plot(plot)
    if plot_pairs < 1:
        raise Fatal("--plot-pairs: must be at least 1")
    count, happening_days = _count(count, happening_days)
    with _open(db) as store:
        df = compute(store, source, target, both_directions, freq, parse_day(start, "--from"),
                     parse_day(end, "--to"), count, happening_days)
    _emit(render_dyads(df, fmt))
    if plot is not None:
        from ..analysis.charts import ChartError, dyad_chart
        try:
            dyad_chart(df, plot, freq=freq, max_pairs=plot_pairs, count=count)
        except ChartError as exc:
            raise Fatal(str(exc)) from None
        print(f"polevent: chart written to {plot}", file=sys.stderr)


@app.command("shifts")
def shifts(
    db: DbOpt,
    actor: Annotated[str, typer.Argument(help="Actor key: country (PRK) or IGO (UN).")],
    window: Annotated[str, typer.Option("--window", help="Length of each window: 90d, 12w, 6m, 1y.")] = "90d",
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Last day of the recent window (default: latest event).")] = None,
    direction: Annotated[str, typer.Option("--direction", help="both, out (actor is source) or in (actor is target).")] = "both",
    min_events: Annotated[int, typer.Option("--min-events", help="Fewer events than this in a window: weak.")] = 5,
    fmt: OutFormatOpt = "table",
    plot: PlotOpt = None,
    count: CountOpt = "happenings",
    happening_days: DaysOpt = 1,
    seed: Annotated[Optional[int], typer.Option("--seed", help="Seed of the bootstrap intervals (the default "
                                                "gives the same intervals every run).")] = None,
) -> None:
    """The actor's partners ranked by the change in relations: recent window against the one before,
    each change with a seeded 90% bootstrap interval; CLEAR when it excludes 0."""
    from ..analysis import DIRECTIONS, parse_window
    from ..analysis import shifts as compute
    from ..analysis.render import FORMATS, render_shifts
    fmt = _choice(fmt, FORMATS, "--format")
    direction = _choice(direction, DIRECTIONS, "--direction")
    try:
        win = parse_window(window)
    except ValueError as exc:
        raise Fatal(f"--window: {exc}") from None
    if min_events < 1:
        raise Fatal("--min-events: must be at least 1")
    day = parse_day(as_of, "--as-of")
    _check_plot(plot)
    count, happening_days = _count(count, happening_days)
    from ..analysis.uncertainty import SEED
    if seed is not None and seed < 0:
        raise Fatal("--seed: must be 0 or more")
    with _open(db) as store:
        try:
            report = compute(store, actor, win, day, direction, min_events, count, happening_days,
                             SEED if seed is None else seed)
        except ValueError as exc:
            raise Fatal(f"{db}: {exc}") from None
    _emit(render_shifts(report, fmt))
    if plot is not None:
        from ..analysis.charts import ChartError, shift_chart
        try:
            shift_chart(report, plot)
        except ChartError as exc:
            raise Fatal(str(exc)) from None
        print(f"polevent: chart written to {plot}", file=sys.stderr)


@app.command("network")
def network(
    db: DbOpt,
    actors: Annotated[list[str], typer.Argument(help="Two or more actor keys: PRK RUS CHN (or PRK,RUS,CHN).")],
    window: Annotated[str, typer.Option("--window", help="Length of each window: 90d, 12w, 6m, 1y.")] = "6m",
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Last day of the recent window (default: latest event).")] = None,
    fmt: OutFormatOpt = "table",
    count: CountOpt = "happenings",
    happening_days: DaysOpt = 1,
) -> None:
    """How the chosen actors act toward each other: every directed pair with events, Goldstein mean,
    cooperative share and tone in the window before and the recent window."""
    from ..analysis import network as compute
    from ..analysis import parse_actors, parse_window
    from ..analysis.render import FORMATS, render_network
    fmt = _choice(fmt, FORMATS, "--format")
    try:
        keys = parse_actors(actors)
    except ValueError as exc:
        raise Fatal(f"actors: {exc}") from None
    try:
        win = parse_window(window)
    except ValueError as exc:
        raise Fatal(f"--window: {exc}") from None
    day = parse_day(as_of, "--as-of")
    count, happening_days = _count(count, happening_days)
    with _open(db) as store:
        try:
            report = compute(store, keys, win, day, count, happening_days)
        except ValueError as exc:
            raise Fatal(f"{db}: {exc}") from None
    _emit(render_network(report, fmt))
