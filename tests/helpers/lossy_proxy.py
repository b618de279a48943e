"""An HTTP proxy in front of the real platform that can lose an answer on its way back.

A request the platform carried out but whose answer never reached the client (a timeout,
a dropped Wi-Fi) is what ``Idempotency-Key`` exists for: the client cannot know whether
it happened and tries again.  ``drop_answer`` makes the next matching request reach the
platform and then closes the client's connection instead of answering.  The proxy can
also be pointed at another platform process (``target``), e.g. after a restart that moved
the clock, while the app keeps its URL.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

#: Not forwarded: they describe one connection, not the message.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class LossyProxy:
    """Forwards every request to *target*; drops the answers it is told to drop."""

    def __init__(self, target: str) -> None:
        self.target = target.rstrip("/")
        self.captcha = False
        self._drops: list[tuple[str, str]] = []
        self.dropped: list[str] = []
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                answer = requests.request(
                    self.command,
                    proxy.target + self.path,
                    headers=headers,
                    data=body,
                    timeout=60,
                    allow_redirects=False,
                )
                if proxy._take_drop(self.command, self.path):
                    self.close_connection = True  # carried out, but no answer comes back
                    return
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in _HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = do_PUT = do_DELETE = _forward

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def drop_answer(self, method: str, path: str) -> None:
        """Lose the answer to the next *method* request whose path starts with *path*."""
        with self._lock:
            self._drops.append((method, path))

    def _take_drop(self, method: str, path: str) -> bool:
        with self._lock:
            for drop in self._drops:
                if drop[0] == method and path.startswith(drop[1]):
                    self._drops.remove(drop)
                    self.dropped.append(f"{method} {path}")
                    return True
        return False

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
