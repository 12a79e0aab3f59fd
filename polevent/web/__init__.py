"""polevent's web view: ``polevent serve --db FILE`` (pages and a JSON API, read-only).

``create_app(db)`` builds the ASGI app (FastAPI); ``polevent.cli.web`` runs it with uvicorn.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
