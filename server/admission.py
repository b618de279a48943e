"""Admit no more requests into a worker than its database pool can serve at once.

Under a login storm a worker used to start every request: each took a pooled connection in
its first dependency, then waited for one of FastAPI's 40 threads, while the threads ran
other requests' dependencies that waited for a connection.  PostgreSQL's bounded pool
(server/db.py) timed out after 30 s and the learner saw a 500 (benchmarks/load.py found
53–197 of them in 3,000 requests).  So requests now queue here, in the event loop, where a
waiting request costs nothing: at most ``limit`` are inside the app, which leaves
``RESERVED`` connections for the back office and the SMS stand-in.

A request leaves the queue when its answer is complete, or — for a file (video, handout,
photo, PDF), whose endpoint has finished with the database — as soon as its headers go
out, so a ten-minute video stream never holds a place.  One that waits past
``QUEUE_TIMEOUT_S`` is answered 503 ``server_busy`` with ``Retry-After``: the client's
journal keeps the events and sends them again.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import send_error

#: Connections kept for work outside requests: the back-office thread and the notifier.
RESERVED = 2
QUEUE_TIMEOUT_S = 30.0
RETRY_AFTER_S = 5


def admission_limit(engine: Engine) -> int | None:
    """How many requests may run at once on *engine*'s pool; None when it is unbounded."""
    pool = engine.pool
    if not isinstance(pool, QueuePool) or pool._max_overflow < 0:  # SQLite: no cap
        return None
    return max(1, pool.size() + pool._max_overflow - RESERVED)


class Admission:
    """ASGI middleware: a FIFO gate of ``limit`` places in front of the app."""

    def __init__(self, app: ASGIApp, limit: int, timeout_s: float = QUEUE_TIMEOUT_S) -> None:
        self.app = app
        self.limit = limit
        self.timeout_s = timeout_s
        self._places: asyncio.Semaphore | None = None  # made in the worker's own loop

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].endswith("/health"):
            await self.app(scope, receive, send)
            return
        if self._places is None:
            self._places = asyncio.Semaphore(self.limit)
        places = self._places
        try:
            async with asyncio.timeout(self.timeout_s):
                await places.acquire()
        except TimeoutError:
            await send_error(
                send,
                503,
                "server_busy",
                "平台繁忙，请稍后重试",
                headers={"retry-after": str(RETRY_AFTER_S)},
            )
            return
        held = True

        def leave() -> None:
            nonlocal held
            if held:
                held = False
                places.release()

        async def send_and_leave_for_files(message: Message) -> None:
            if message["type"] == "http.response.start" and not _is_json(message):
                leave()
            await send(message)

        try:
            await self.app(scope, receive, send_and_leave_for_files)
        finally:
            leave()


def _is_json(start: Message) -> bool:
    for name, value in start.get("headers", []):
        if bytes(name).lower() == b"content-type":
            return b"json" in bytes(value).lower()
    return True  # a bare status (204) is over at once
