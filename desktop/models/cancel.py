"""Cancelling work: a token the work checks between its steps.  Plain Python, no Qt, so
models (downloads, sync, batch import) take one without knowing about the task runner
that hands it to them (``desktop.models.tasks``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The op was cancelled; raised by ``CancelToken.check`` at the work's next step."""


class CancelToken:
    """A thread-safe "stop, please" for one op; plain Python (models use it without Qt).

    ``on_cancel(hook)`` registers what wakes work blocked in I/O (e.g. shutting a socket);
    hooks run once, on the thread that cancels, or at once when already cancelled.
    """

    def __init__(self) -> None:
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._hooks: list[Callable[[], None]] = []

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def is_set(self) -> bool:
        """Alias of ``cancelled`` (reads like the ``threading.Event`` it replaces)."""
        return self._event.is_set()

    def cancel(self) -> None:
        with self._lock:
            if self._event.is_set():
                return
            self._event.set()
            hooks, self._hooks = self._hooks, []
        for hook in hooks:
            _run_hook(hook)

    def check(self) -> None:
        """Raise ``Cancelled`` if cancelled (call it between two steps of the work)."""
        if self._event.is_set():
            raise Cancelled

    def on_cancel(self, hook: Callable[[], None]) -> Callable[[], None]:
        """Call *hook* when cancelled; returns a function that unregisters it."""
        with self._lock:
            if not self._event.is_set():
                self._hooks.append(hook)
                return lambda: self._forget(hook)
        _run_hook(hook)
        return lambda: None

    def _forget(self, hook: Callable[[], None]) -> None:
        with self._lock:
            if hook in self._hooks:
                self._hooks.remove(hook)


_current = threading.local()


def current_token() -> CancelToken | None:
    """The token of the op running on this thread (``None`` outside an op).

    The HTTP client reads it, so every request of an op is aborted by the op's cancel
    without each call taking a token (``desktop/models/http_abort.py``)."""
    return getattr(_current, "token", None)


@contextmanager
def running(token: CancelToken) -> Iterator[CancelToken]:
    """Make *token* this thread's ``current_token`` while the block runs (the task runner
    wraps each op's work in it)."""
    outer = getattr(_current, "token", None)
    _current.token = token
    try:
        yield token
    finally:
        _current.token = outer


@contextmanager
def finished_even_if_cancelled() -> Iterator[None]:
    """Requests in this block are not aborted by the op's cancel: a step whose outcome must
    be known once it is sent (a walk-in's registration) ends before the cancel is heeded.
    Quitting (``ApiClient.abort_all``) still ends them."""
    outer = getattr(_current, "token", None)
    _current.token = None
    try:
        yield
    finally:
        _current.token = outer


def _run_hook(hook: Callable[[], None]) -> None:
    try:
        hook()
    except Exception:  # an abort that fails must not stop the other aborts
        log.debug("cancel hook failed", exc_info=True)
