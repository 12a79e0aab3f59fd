"""The ``polevent`` command: argument parsing and printing only; the library does the work.

Every user error (bad input line, malformed knowledge file, missing model) becomes one line on
stderr naming the file and line, never a traceback. Exit status: 0 all coded, 1 something was
skipped, 2 the run could not start.

One module per family of commands: ``code`` (coding, evaluation, actor look-ups), ``store``
(export and analysis over a store), ``web`` (the web view). Each adds its commands to ``app``.
"""
from __future__ import annotations

import sys
from datetime import date

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news text: who did what to whom, when (CAMEO).")
actors_app = typer.Typer(no_args_is_help=True, help="Look up the actor knowledge.")
app.add_typer(actors_app, name="actors")


class Fatal(Exception):
    """A one-line error that stops the command (exit 2)."""


def err(msg: str) -> None:
    print(f"polevent: {msg}", file=sys.stderr, flush=True)


def parse_day(value: str | None, what: str) -> date | None:
    """A YYYY-MM-DD option value, or a Fatal naming the option."""
    if value is None:
        return None
    from ..ingest.dates_in import parse_published
    try:
        return parse_published(value)
    except ValueError:
        raise Fatal(f"{what}: bad date {value!r} (want YYYY-MM-DD)") from None


from . import code as _code  # noqa: E402,F401  (registers its commands)
from . import store as _store  # noqa: E402,F401
from . import web as _web  # noqa: E402,F401


def main() -> None:
    from ..stopping import Stopped, on_signals
    from ..storefile import StoreError, one_line
    # SIGTERM and SIGINT end every command with one line and 143/130 (``code`` also says what
    # it stored); click would turn Ctrl-C into "Aborted!" and exit status 1.
    on_signals()
    try:
        app(standalone_mode=True)
    except Fatal as exc:
        err(str(exc))
        sys.exit(2)
    except StoreError as exc:
        err(str(exc))
        sys.exit(2)
    except Stopped as stop:
        err(f"stopped by {stop.name}")
        sys.exit(stop.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - a store that fails mid-query: one line, not 40
        if type(exc).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
            raise
        err(f"database error: {one_line(exc)}")
        sys.exit(2)
