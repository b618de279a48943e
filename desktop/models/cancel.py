"""Cancelling work: a token the work checks between its steps.  Plain Python, no Qt, so
models (downloads, sync, batch import) take one without knowing about the task runner
that hands it to them (``desktop.models.tasks``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

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


def _run_hook(hook: Callable[[], None]) -> None:
    try:
        hook()
    except Exception:  # an abort that fails must not stop the other aborts
        log.debug("cancel hook failed", exc_info=True)
