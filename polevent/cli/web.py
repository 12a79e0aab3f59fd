"""``polevent serve``: the web view over an event store (``polevent.web``), read-only.

The server binds to 127.0.0.1 unless
``--host`` says otherwise; the database is checked and the port bound before the server starts,
so a bad file or a busy port is one ``polevent: ...`` line with exit status 2. The store is
opened for each request and closed again, so ``polevent code --db`` can write to it meanwhile.
"""
from __future__ import annotations

import socket
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
    # Bound before "serving" is said: a busy port is one line and exit status 2, not a message
    # that the server runs followed by uvicorn's errno 98.
    sock = _listen(host, port)
    port = sock.getsockname()[1]
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(f"polevent: listening on {host}: anyone who can reach it can read the store",
              file=sys.stderr)
    print(f"polevent: serving {db} read-only on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
          "(Ctrl-C stops)", file=sys.stderr, flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])


def _listen(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise Fatal(f"--host {host}: cannot resolve ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise Fatal(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    sock.set_inheritable(True)
    return sock
