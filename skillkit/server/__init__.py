"""The local VLM Run-compatible server (`skillkit serve`), also usable in-process.

    from skillkit.server import create_app, ServerSettings
    app = create_app(ServerSettings(data_dir=None, api_key=None))   # temp dir, no auth
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://skillkit.local")

Modules: models (API models), settings, store (SQLite + files), jobs (request -> job),
skills (inline / referenced skills), registry (the skill registry: /v1/skills), hub (domain
schemas), urls (safe fetching), worker (background processing), webhooks (signed callbacks),
app (routes), inprocess (the app hosted in this process as a transport for `skillkit.client`:
`local_client()`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from skillkit.server.settings import ServerSettings

if TYPE_CHECKING:
    from skillkit.server.app import create_app

__all__ = ["ServerSettings", "create_app"]


def __getattr__(name: str) -> Any:
    """Import the FastAPI app only when asked for, so `skillkit --help` works without the
    `local` extra."""
    if name == "create_app":
        from skillkit.server.app import create_app

        return create_app
    raise AttributeError(name)
