"""The app, served while it is still being built: ``/health`` at once, the rest when ready.

``python -m server`` announces its address before it imports its web stack (FastAPI,
SQLAlchemy, the models and the routes: about a second).  Meanwhile this ASGI app answers
the health check — which reads only the settings and the clock (server/health.py) — so
that the desktop app's login screen is usable at once, and holds every other request
until the app is built on a worker thread; then it hands everything to the app, the app's
lifespan (the back office) included.  A request that comes early is answered late, never
refused: a login sent while the API loads waits for it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from contextlib import AsyncExitStack
from typing import Any

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

READY_LOG = "platform API ready"
"""Logged once the app serves every route (benchmarks/startup.py reads it)."""


class DeferredApp:
    """An ASGI app that builds the real one (``build``, on a worker thread) at startup.

    ``failed`` tells whether the build failed; *on_failure* is then called on the event
    loop (``python -m server`` stops serving and exits 1).
    """

    def __init__(
        self,
        build: Callable[[], Any],
        health: Callable[[], dict[str, Any]],
        health_paths: Iterable[str],
        on_failure: Callable[[], None] = lambda: None,
    ) -> None:
        self._build = build
        self._health = health
        self._health_paths = frozenset(health_paths)
        self._on_failure = on_failure
        self._app: Any = None
        self._ready = asyncio.Event()
        self._lifespans = AsyncExitStack()
        self._loading: asyncio.Task[None] | None = None
        self._closing = False
        self.failed = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if self._app is None:
            if self._is_health(scope):
                await self._answer_health(send)
                return
            await self._ready.wait()
            if self._app is None:
                await _unavailable(scope, send)
                return
        await self._app(scope, receive, send)

    def _is_health(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] in self._health_paths
        )

    async def _answer_health(self, send: Send) -> None:
        body = json.dumps(self._health(), ensure_ascii=False, separators=(",", ":")).encode()
        await _send_json(send, 200, body)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self._loading = asyncio.get_running_loop().create_task(self._load())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self._closing = True
                if self._loading is not None and not self._loading.done():
                    self._loading.cancel()  # the worker finishes its build; nobody waits
                    await asyncio.gather(self._loading, return_exceptions=True)
                await self._lifespans.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _load(self) -> None:
        try:
            app = await asyncio.get_running_loop().run_in_executor(None, self._build)
            if self._closing:
                return
            await self._lifespans.enter_async_context(app.router.lifespan_context(app))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the platform could not start")
            self.failed = True
            self._on_failure()
        else:
            self._app = app
            log.info(READY_LOG)
        finally:
            self._ready.set()


async def _unavailable(scope: Scope, send: Send) -> None:
    if scope["type"] != "http":
        return
    error = {
        "error": {
            "code": "platform_unavailable",
            "message": "平台服务未能启动，请重启本软件",
            "field": None,
        }
    }
    await _send_json(send, 503, json.dumps(error, ensure_ascii=False).encode())


async def _send_json(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
