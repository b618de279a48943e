"""An HTTP proxy in front of the real platform that answers slowly where a test says so.

The platform answers as always; the proxy only delays what travels between it and the app,
as a slow line or an overloaded platform would: ``trickle`` sends the answers to matching
requests a few bytes at a time (a chapter download that takes a while), ``hold`` keeps
matching requests from reaching the platform until ``release`` (a token refresh that hangs).
Everything else streams straight through.  A client that goes away mid-answer is simply
dropped, as by a real server.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

#: Not forwarded: they describe one connection, not the message.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "host"}

HOLD_LIMIT_S = 30.0
"""A held request goes on by itself after this long, so a failing test cannot hang."""


class SlowProxy:
    """Forwards every request to *target*, slowing the ones it is told to slow."""

    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self._trickles: list[tuple[str, str, int, float]] = []
        self._holds: list[tuple[str, str]] = []
        self._released = threading.Event()
        self._lock = threading.Lock()
        self.held = 0
        """How many requests are waiting at a hold right now."""
        self.sent: dict[str, int] = {}
        """Bytes of answer body sent so far, by "METHOD path"."""
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                key = f"{self.command} {self.path}"
                if proxy._matches(proxy._holds, self.command, self.path):
                    proxy._wait_release()
                answer = requests.request(
                    self.command,
                    proxy.target + self.path,
                    headers=headers,
                    data=body,
                    timeout=60,
                    allow_redirects=False,
                    stream=True,
                )
                trickle = proxy._trickle_of(self.command, self.path)
                try:
                    self.send_response(answer.status_code)
                    for name, value in answer.headers.items():
                        if name.lower() not in _HOP_BY_HOP:
                            self.send_header(name, value)
                    if "Content-Length" not in answer.headers:
                        self.close_connection = True
                    self.end_headers()
                    piece, pause = trickle if trickle else (64 * 1024, 0.0)
                    for chunk in answer.raw.stream(piece, decode_content=False):
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        with proxy._lock:
                            proxy.sent[key] = proxy.sent.get(key, 0) + len(chunk)
                        if pause:
                            time.sleep(pause)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True  # the app went away: so does the answer
                finally:
                    answer.close()

            do_GET = do_POST = do_PUT = do_DELETE = _forward

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def trickle(self, method: str, path: str, *, piece: int = 4096, pause_s: float = 0.25) -> None:
        """Send answers to *method* requests whose path starts with *path* (e.g.
        ``/api/v1/chapters/``) *piece* bytes at a time, *pause_s* apart."""
        with self._lock:
            self._trickles.append((method, path, piece, pause_s))

    def hold(self, method: str, path: str) -> None:
        """Keep matching requests back until ``release`` (at most ``HOLD_LIMIT_S``)."""
        with self._lock:
            self._released.clear()
            self._holds.append((method, path))

    def release(self) -> None:
        with self._lock:
            self._holds.clear()
            self._released.set()

    def sent_to(self, method: str, path: str) -> int:
        """Bytes of answer body sent so far to requests whose path starts with *path*."""
        with self._lock:
            return sum(n for key, n in self.sent.items() if key.startswith(f"{method} {path}"))

    def close(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def _matches(self, rules: list[tuple[str, str]], method: str, path: str) -> bool:
        with self._lock:
            return any(method == m and path.startswith(p) for m, p in rules)

    def _trickle_of(self, method: str, path: str) -> tuple[int, float] | None:
        with self._lock:
            for m, p, piece, pause in self._trickles:
                if method == m and path.startswith(p):
                    return piece, pause
        return None

    def _wait_release(self) -> None:
        with self._lock:
            self.held += 1
        try:
            self._released.wait(HOLD_LIMIT_S)
        finally:
            with self._lock:
                self.held -= 1
