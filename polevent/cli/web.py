"""``polevent serve``: the web view over an event store (``polevent.web``), read-only.

The server binds to 127.0.0.1 unless
``--host`` says otherwise; the database is opened read-only before the server starts, so a bad
file is one ``polevent: ...`` line with exit status 2.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import Fatal, app


@app.command("serve")
def serve(
    db: Annotated[Path, typer.Option("--db", help="Event store (DuckDB file) written by `polevent code --db`.")],
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web view and its JSON API over an event store (read-only)."""
    try:
        from ..web import create_app
    except ModuleNotFoundError as exc:  # pragma: no cover - the web dependencies are required ones
        raise Fatal(f"the web view needs {exc.name}: pip install polevent again") from None
    import uvicorn

    from ..store import StoreError
    try:
        app = create_app(db)
    except StoreError as exc:
        raise Fatal(str(exc)) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"polevent: listening on {host}: anyone who can reach it can read the store",
              file=sys.stderr)
    print(f"polevent: serving {db} read-only on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
          "(Ctrl-C stops)", file=sys.stderr, flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
