"""The task runner: every HTTP call and cache query runs here, never on the GUI thread.

After Anki's ``QueryOp``: a small builder reads well at the call site::

    self._tasks.op(run=lambda: api.login(...), success=self._on_logged_in, parent=self)
        .with_progress(self.tr("正在登录…")).start()

Cache work is serialized on one worker thread (one SQLAlchemy session per task); network
work runs on a small pool.  Results come back to the GUI thread through a queued signal;
workers never touch widgets.  If the ``parent`` widget is gone by then, the result is
dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Lane = Literal["network", "cache"]


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits ``finished`` and the slot runs there."""

    finished = Signal(object, object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, not swallowed
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class TaskRunner(QObject):
    """Runs operations off the GUI thread and reports back on it.

    Signals:
        busy_changed(str): the progress text of running operations, "" when idle.
        session_expired(): an operation failed because the login is no longer valid.
        failed(object): an operation without its own failure handler failed (the exception).
    """

    busy_changed = Signal(str)
    session_expired = Signal()
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, *, network_threads: int = 4) -> None:
        super().__init__(parent)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(network_threads)
        self._cache = QThreadPool(self)
        self._cache.setMaxThreadCount(1)
        self._progress: list[str] = []
        self._is_session_expired: Callable[[BaseException], bool] = lambda exc: False
        self._closed = False
        self._held: list[_Job] | None = None

    def set_session_expiry_check(self, check: Callable[[BaseException], bool]) -> None:
        """Tell the runner which exceptions mean "log in again" (kept out of this module
        so that importing it does not import the API client and its dependencies)."""
        self._is_session_expired = check

    def hold_network(self) -> None:
        """Queue network work instead of starting it, until ``release_network``.

        A remembered start paints 个人主页 from the cache first: the HTTP stack's import and
        the first requests would share the one interpreter with it (issue 16).
        """
        if self._held is None:
            self._held = []

    def release_network(self) -> None:
        """Start the network work queued since ``hold_network``, in order."""
        held, self._held = self._held, None
        for job in held or ():
            self._network.start(job)

    def op(
        self,
        *,
        run: Callable[[], Any],
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        parent: QObject | None = None,
        lane: Lane = "network",
    ) -> Op:
        return Op(self, run=run, success=success, failure=failure, parent=parent, lane=lane)

    def submit(self, op: Op) -> None:
        relay = _Relay()
        relay.moveToThread(self.thread())
        if op.progress:
            self._progress.append(op.progress)
            self.busy_changed.emit(self._progress[-1])

        @Slot(object, object)
        def deliver(result: Any, exc: BaseException | None) -> None:
            relay.deleteLater()
            if op.progress:
                self._progress.remove(op.progress)
                self.busy_changed.emit(self._progress[-1] if self._progress else "")
            if self._closed or (op.parent is not None and not shiboken6.isValid(op.parent)):
                return
            if exc is None:
                if op.success is not None:
                    op.success(result)
                return
            self._deliver_failure(op, exc)

        relay.finished.connect(deliver)
        # Keep the relay alive until it delivers.
        relay.setParent(self)
        job = _Job(op.run, relay)
        if op.lane == "cache":
            self._cache.start(job)
        elif self._held is not None:
            self._held.append(job)
        else:
            self._network.start(job)

    def _deliver_failure(self, op: Op, exc: BaseException) -> None:
        if self._is_session_expired(exc):
            self.session_expired.emit()
        if op.failure is not None:
            op.failure(exc)
        elif not self._is_session_expired(exc):
            log.warning("operation failed: %s", type(exc).__name__, exc_info=exc)
            self.failed.emit(exc)

    def close(self) -> None:
        """Deliver nothing more: the app is shutting down and its widgets are going."""
        self._closed = True

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until no work is running (shutdown and tests only)."""
        ok_network = self._network.waitForDone(timeout_ms)
        ok_cache = self._cache.waitForDone(timeout_ms)
        return ok_network and ok_cache


class Op:
    """One operation: what to run off the GUI thread and what to do with its result."""

    def __init__(
        self,
        runner: TaskRunner,
        *,
        run: Callable[[], Any],
        success: Callable[[Any], None] | None,
        failure: Callable[[BaseException], None] | None,
        parent: QObject | None,
        lane: Lane,
    ) -> None:
        self.runner = runner
        self.run = run
        self.success = success
        self.failure = failure
        self.parent = parent
        self.lane: Lane = lane
        self.progress = ""

    def with_progress(self, text: str) -> Op:
        """Show *text* with a busy indicator in the status bar while the op runs."""
        self.progress = text
        return self

    def start(self) -> None:
        self.runner.submit(self)
