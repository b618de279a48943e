"""Cap every request body before anything reads it: before authentication, before parsing.

FastAPI reads a JSON endpoint's body before its dependencies run, so the access token is
checked only after the whole body is in memory: a 300 MB body without a token took 600 MB
of a worker's memory before its 401.  This middleware sits in front of everything else and
answers 413 in the envelope (``payload_too_large``, with ``max_bytes``):

- at once, without reading a byte, when the declared ``Content-Length`` is over the
  endpoint's cap (uvicorn then drops whatever the client still sends);
- while streaming, for a chunked body, as soon as the bytes received pass the cap: the
  rest is never buffered, and whatever the app was doing with the body is abandoned.

The caps are per endpoint: a few KB where no token is needed, a bit over 2 MB for an
attachment, the desk's 12 MB walk-in (nginx's ``client_max_body_size 12m`` in the README),
1 MB for a batch of 1,000 watch events, and 256 KB for any other JSON.  Endpoints may
check their own, tighter rules behind it (an attachment's exact 2 MB).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.api.deps import API_PREFIX
from server.api.walk_ins import BODY_LIMIT as WALK_IN_BODY_LIMIT
from server.attachments import too_large as attachment_too_large
from server.errors import error_body

KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class Cap:
    """The most bytes a body may have, and the refusal past it."""

    max_bytes: int
    code: str = "payload_too_large"
    message: str = "请求内容过大"


#: What a stranger can send without a token (captcha, login, registration, resets,
#: eligibility, the past-year lookup) and ``PUT /me/password``: every field of these
#: bodies is capped by server/api/schemas.py, so the largest, \\u-escaped, is under 3 KB.
#: 16 KB still lets an over-long field reach its own 422 at the field.
SMALL = Cap(16 * KIB)
#: Any other JSON body (a profile, exam answers, an order): tens of KB at most.
DEFAULT = Cap(256 * KIB)
#: 1,000 events (the batch limit) of at most about 400 bytes each, with room to spare.
WATCH_BATCH = Cap(1 * MIB)
#: The raw JPEG; the endpoint itself refuses anything over exactly 2 MB with the same answer.
_ATTACHMENT_REFUSAL = attachment_too_large()
ATTACHMENT = Cap(2 * MIB + 64 * KIB, _ATTACHMENT_REFUSAL.code, _ATTACHMENT_REFUSAL.message)
#: Four base64 photos of at most 2 MB each and the form around them.
WALK_IN = Cap(WALK_IN_BODY_LIMIT)

_ROUTES: tuple[tuple[str, re.Pattern[str], Cap], ...] = tuple(
    (method, re.compile(re.escape(API_PREFIX) + pattern + "/?"), cap)
    for method, pattern, cap in (
        ("POST", r"/captchas", SMALL),
        ("POST", r"/eligibility", SMALL),
        ("POST", r"/accounts", SMALL),
        ("POST", r"/sessions(?:/refresh)?", SMALL),
        ("POST", r"/password-resets(?:/confirm)?", SMALL),
        ("POST", r"/credit-records/lookup", SMALL),
        ("PUT", r"/me/password", SMALL),
        ("PUT", r"/me/profile/attachments/[^/]+", ATTACHMENT),
        ("POST", r"/watch-events", WATCH_BATCH),
        ("POST", r"/staff/walk-ins", WALK_IN),
    )
)


def cap_for(method: str, path: str) -> Cap:
    """The cap of the endpoint *method* *path* (``DEFAULT`` for any not named)."""
    for route_method, pattern, cap in _ROUTES:
        if method == route_method and pattern.fullmatch(path):
            return cap
    return DEFAULT


class _TooLarge(Exception):
    """Raised into the app from ``receive`` once a streamed body passes its cap."""


class BodyLimit:
    """ASGI middleware refusing bodies over their endpoint's cap (413, in the envelope)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = cap_for(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > cap.max_bytes:
            await _refuse(send, cap)
            return
        received = 0
        started = False  # the app's answer has begun
        refused = False  # the body passed the cap
        answered = False  # and our 413 went out (the app had not begun its answer)

        async def counted() -> Message:
            nonlocal received, refused, answered
            if refused:
                raise _TooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap.max_bytes:
                    refused = True
                    if not started:
                        await _refuse(send, cap)
                        answered = True
                    raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if answered:
                return  # the app answering its aborted read: the 413 stands
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except _TooLarge:
            if not answered:
                raise


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = bytes(value).decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


async def _refuse(send: Send, cap: Cap) -> None:
    body = json.dumps(
        error_body(cap.code, cap.message, max_bytes=cap.max_bytes), ensure_ascii=False
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
