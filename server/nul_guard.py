"""Refuse text with a NUL character (U+0000) before it reaches the database.

PostgreSQL cannot store NUL in text (psycopg raises, a 500), and no field of the API
has a use for it; SQLite would store it.  So the platform refuses it at the door, the
same on both databases: in the path, the query string, or a JSON body (where it can only
come as the escape ``\\u0000``; a raw NUL byte is already invalid JSON).  Binary bodies
(photos) are not text and pass untouched.

A JSON body is read whole to be checked, so it is capped: no endpoint takes more than the
desk's 12 MB walk-in; beyond ``JSON_BODY_LIMIT`` the answer is 413 ``payload_too_large``
before the rest is read (a huge body cannot fill a worker's memory).
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.errors import send_error

#: ``\u0000`` in JSON text, not preceded by an escaping backslash.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
MESSAGE = "内容不能包含空字符（NUL）"
JSON_BODY_LIMIT = 16 * 1024 * 1024


class NulGuard:
    """ASGI middleware answering 422 ``validation_error`` for text holding NUL (and 413 for
    a JSON body past ``JSON_BODY_LIMIT``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        if b"%00" in raw_path or b"%00" in scope.get("query_string", b"") or "\0" in scope["path"]:
            await _refuse(send)
            return
        if not _is_json(scope):
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length.isdigit() and int(length) > JSON_BODY_LIMIT:
            await _refuse(send, 413, "payload_too_large", "请求内容过大")
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > JSON_BODY_LIMIT:
                await _refuse(send, 413, "payload_too_large", "请求内容过大")
                return
            if not message.get("more_body", False):
                break
        if _JSON_NUL.search(b"".join(m.get("body", b"") for m in messages)):
            await _refuse(send)
            return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


def _header(scope: Scope, wanted: bytes) -> str:
    for name, value in scope.get("headers", []):
        if name == wanted:
            return bytes(value).decode("latin-1").strip()
    return ""


def _is_json(scope: Scope) -> bool:
    return "json" in _header(scope, b"content-type").lower()


async def _refuse(
    send: Send, status: int = 422, code: str = "validation_error", message: str = MESSAGE
) -> None:
    await send_error(send, status, code, message)
