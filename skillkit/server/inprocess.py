"""The local server hosted in this process, as an httpx transport for `skillkit.client`.

    from skillkit.server.inprocess import local_client, local_async_client
    with local_client() as client:                 # sync: the app's event loop in a thread
        client.predict("invoice.pdf", config=...)
    async with local_async_client() as client:     # async: the app on the caller's loop
        await client.predict("invoice.pdf", config=...)

No socket, no key, no network: requests go through `httpx.ASGITransport` to `create_app`. The
client knows nothing of this module; `skillkit test` and `skillkit generate` (which decide
between local and remote) build these clients. Data lives in a temporary directory removed on
close unless `data_dir=` is given; other keyword arguments are `ServerSettings` fields, e.g.
`local_client(engine="openai", model_url="http://127.0.0.1:11434/v1", model="qwen2.5vl:7b")`
for the model engine (skillkit.engine.model; its key from SKILLKIT_MODEL_API_KEY or
OPENAI_API_KEY, never an argument).
"""

from __future__ import annotations

import asyncio
import tempfile
import threading
from pathlib import Path
from typing import Any

import httpx

from skillkit import install_hint
from skillkit.client import AsyncClient, Client
from skillkit.errors import ClientError

__all__ = [
    "LOCAL_BASE_URL",
    "AsyncInProcessTransport",
    "LocalApp",
    "ThreadedInProcessTransport",
    "local_async_client",
    "local_client",
]

LOCAL_BASE_URL = "http://skillkit.local/v1"  # never resolved: the transport answers it


class LocalApp:
    """The local server's ASGI app plus its lifespan, driven by hand (ASGITransport skips it).

    Keeps its data in a temporary directory removed on shutdown unless `data_dir` is given.
    """

    def __init__(self, **settings: Any) -> None:
        try:
            from skillkit.server.app import create_app
            from skillkit.server.settings import ServerSettings
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ClientError(
                f"the local engine is not available ({exc}); {install_hint('local')} "
                "or pass --base-url/--api-key"
            ) from exc

        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if settings.get("data_dir") is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="skillkit-local-")
            settings["data_dir"] = Path(self._tmp.name)
        self.api_key: str | None = settings.setdefault("api_key", None)
        self.app = create_app(ServerSettings(**settings))
        self.state: dict[str, Any] = {}
        self._receive: asyncio.Queue[dict[str, Any]] | None = None
        self._send: asyncio.Queue[dict[str, Any]] | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = False

    async def asgi(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """The app, with the lifespan state copied into each request scope."""
        if scope["type"] in ("http", "websocket") and "state" not in scope:
            scope = {**scope, "state": dict(self.state)}
        await self.app(scope, receive, send)

    async def startup(self) -> None:
        if self._started:
            return
        self._started = True
        self._receive, self._send = asyncio.Queue(), asyncio.Queue()
        scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": self.state}
        self._task = asyncio.create_task(self._lifespan(scope))
        await self._receive.put({"type": "lifespan.startup"})
        message = await self._send.get()
        if message["type"] == "lifespan.startup.failed":
            raise ClientError(f"the local engine failed to start: {message.get('message', '')}")

    async def _lifespan(self, scope: dict[str, Any]) -> None:
        assert self._receive is not None and self._send is not None
        try:
            await self.app(scope, self._receive.get, self._send.put)
        except Exception as exc:  # an app without lifespan support
            await self._send.put({"type": "lifespan.unsupported", "message": str(exc)})
        finally:
            await self._send.put({"type": "lifespan.ended"})

    async def shutdown(self) -> None:
        if self._started and self._task is not None and self._receive and self._send:
            if not self._task.done():
                await self._receive.put({"type": "lifespan.shutdown"})
                try:
                    await asyncio.wait_for(self._send.get(), timeout=10)
                except asyncio.TimeoutError:
                    self._task.cancel()
            self._started = False
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None


class AsyncInProcessTransport(httpx.AsyncBaseTransport):
    """An async transport over the app, on the caller's event loop: the app starts when the
    client is entered (`async with`) and stops when the client is closed."""

    def __init__(self, app: LocalApp) -> None:
        self.app = app
        self._inner = httpx.ASGITransport(app=app.asgi, raise_app_exceptions=False)

    async def __aenter__(self) -> AsyncInProcessTransport:
        await self.app.startup()
        return self

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()
        await self.app.shutdown()


class ThreadedInProcessTransport(httpx.BaseTransport):
    """A sync transport over the app: an event loop in a daemon thread does the work, so
    background tasks of the app (batch predictions) keep running between calls. The app
    starts here and stops when the client is closed."""

    def __init__(self, app: LocalApp) -> None:
        self.app = app
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._inner = httpx.ASGITransport(app=app.asgi, raise_app_exceptions=False)
        self._submit(app.startup())

    def _submit(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def send() -> tuple[int, list[tuple[bytes, bytes]], bytes]:
            async_request = httpx.Request(
                request.method,
                request.url,
                headers=request.headers,
                content=body,
                extensions=request.extensions,
            )
            response = await self._inner.handle_async_request(async_request)
            content = b"".join([chunk async for chunk in response.aiter_raw()])
            return response.status_code, response.headers.raw, content

        status, headers, content = self._submit(send())
        return httpx.Response(status, headers=headers, content=content, request=request)

    def close(self) -> None:
        if self._loop.is_closed():
            return
        self._submit(self.app.shutdown())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


def local_client(**settings: Any) -> Client:
    """A blocking client over the local server in this process (`settings`: ServerSettings)."""
    app = LocalApp(**settings)
    transport = ThreadedInProcessTransport(app)
    return Client(LOCAL_BASE_URL, app.api_key, transport=transport, use_env=False, local=True)


def local_async_client(**settings: Any) -> AsyncClient:
    """An asyncio client over the local server in this process; use it as `async with` (that
    runs the app's lifespan)."""
    app = LocalApp(**settings)
    transport = AsyncInProcessTransport(app)
    return AsyncClient(LOCAL_BASE_URL, app.api_key, transport=transport, use_env=False, local=True)
