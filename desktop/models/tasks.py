"""The task runner: every HTTP call and cache query runs here, never on the GUI thread.

After Anki's ``QueryOp`` / ``CollectionOp``: a small builder reads well at the call site::

    self._tasks.op(run=lambda: api.login(...), success=self._on_logged_in, parent=self)
        .with_progress(self.tr("正在登录…")).start()

Cache work is serialized on one worker thread (one SQLAlchemy session per task); network
work runs on a small pool.  Results come back to the GUI thread through a queued signal;
workers never touch widgets.  If the ``parent`` widget is gone by then, the result is
dropped.

Cancellation and progress are part of the op, as Anki's ``want_cancel`` and progress
updates are part of its ops: an op made with ``work=`` instead of ``run=`` gets a ``Job``
handle, whose ``token`` the work checks between its steps (chunks, rows, sync stages) and
whose ``report(done, total)`` reaches ``on_progress`` on the GUI thread.  ``Op.cancel``,
``TaskRunner.cancel_owned(owner)`` and ``cancel_all`` (quitting) set the token; work
blocked in I/O registers an abort with ``token.on_cancel`` so it wakes at once — the op's
HTTP requests do so by themselves (the token is the thread's ``current_token`` while the
work runs; ``desktop/models/http_abort.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal

import shiboken6
from PySide6.QtCore import QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal, Slot

from desktop.models.cancel import Cancelled, CancelToken, running
from desktop.models.errors import log_failure

__all__ = ["CancelToken", "Cancelled", "Job", "Op", "TaskRunner"]

log = logging.getLogger(__name__)

Lane = Literal["network", "cache"]

QUIT_WAIT_MS = 1500
"""How long quitting waits for cancelled work to end (the cache lane's writes are the
learner's records; the window is already gone).  Issue 17: the process ends ≤ 2 s."""


class Job:
    """What a ``work`` function gets: the op's cancel token and its progress reporter.

    ``report`` may be called from the worker as often as it likes; it only emits a queued
    signal (to ``on_progress`` on the GUI thread).
    """

    def __init__(self, token: CancelToken, report: Callable[[int, int], None]) -> None:
        self.token = token
        self.report = report

    @property
    def cancelled(self) -> bool:
        return self.token.cancelled

    def check(self) -> None:
        self.token.check()


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits and the slots run there."""

    finished = Signal(object, object)
    progressed = Signal(int, int)


class _Worker(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, not swallowed
            self._deliver(None, exc)
        else:
            self._deliver(result, None)

    def _deliver(self, result: Any, exc: BaseException | None) -> None:
        try:
            self._relay.finished.emit(result, exc)
        except RuntimeError:  # the runner is gone (the app quit): nobody is left to tell
            log.debug("an op ended after its runner closed: %s", type(exc).__name__)


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
        self._held: list[_Worker] | None = None
        self._running: list[Op] = []
        self._relays: set[_Relay] = set()
        """Ops started and not yet delivered (GUI thread only): what cancelling reaches."""

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
        run: Callable[[], Any] | None = None,
        work: Callable[[Job], Any] | None = None,
        success: Callable[[Any], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        parent: QObject | None = None,
        owner: object | None = None,
        lane: Lane = "network",
    ) -> Op:
        """An op to ``start()``: *run* takes nothing; *work* takes the op's ``Job``
        (cancel token and progress reporter).  *owner* (default: *parent*) is what
        ``cancel_owned`` cancels by."""
        if (run is None) == (work is None):
            raise TypeError("give either run or work")
        if work is None:
            plain = run
            assert plain is not None
            work = lambda _job: plain()  # noqa: E731
        return Op(
            self,
            work=work,
            success=success,
            failure=failure,
            on_progress=on_progress,
            parent=parent,
            owner=owner if owner is not None else parent,
            lane=lane,
        )

    def submit(self, op: Op) -> None:
        relay = _Relay()
        relay.moveToThread(self.thread())
        if op.progress:
            self._progress.append(op.progress)
            self.busy_changed.emit(self._progress[-1])
        if self._closed:
            op.token.cancel()  # quitting: whatever starts now stops at its first check
        self._running.append(op)

        @Slot(object, object)
        def deliver(result: Any, exc: BaseException | None) -> None:
            relay.deleteLater()
            if op in self._running:
                self._running.remove(op)
            if op.progress:
                self._progress.remove(op.progress)
                self.busy_changed.emit(self._progress[-1] if self._progress else "")
            if not self._wanted(op):
                return
            if exc is None:
                if op.success is not None:
                    op.success(result)
                return
            self._deliver_failure(op, exc)

        @Slot(int, int)
        def progressed(done: int, total: int) -> None:
            if op.on_progress is not None and self._wanted(op) and not op.token.cancelled:
                op.on_progress(done, total)

        relay.finished.connect(deliver)
        relay.progressed.connect(progressed)
        # Kept alive here until deleteLater has deleted it.  Not a child of the runner: a
        # runner destroyed outside an event loop would delete a relay whose deleteLater is
        # pending, and PySide crashes on that.
        self._relays.add(relay)
        relay.destroyed.connect(lambda: self._relays.discard(relay))
        job = Job(op.token, relay.progressed.emit)

        def work() -> Any:
            with running(op.token):  # its HTTP requests are aborted by its cancel
                return op.work(job)

        worker = _Worker(work, relay)
        if op.lane == "cache":
            self._cache.start(worker)
        elif self._held is not None:
            self._held.append(worker)
        else:
            self._network.start(worker)

    def _wanted(self, op: Op) -> bool:
        return not self._closed and (op.parent is None or shiboken6.isValid(op.parent))

    def _deliver_failure(self, op: Op, exc: BaseException) -> None:
        if self._is_session_expired(exc):
            self.session_expired.emit()
        if op.failure is not None:
            op.failure(exc)
        elif isinstance(exc, Cancelled):
            log.info("operation cancelled")
        elif not self._is_session_expired(exc):
            log_failure(exc, "operation failed", log)
            self.failed.emit(exc)

    # -- cancelling -----------------------------------------------------------------

    @property
    def running(self) -> list[Op]:
        """The ops started and not yet delivered."""
        return list(self._running)

    def cancel_owned(self, *owners: object) -> int:
        """Cancel every running op of *owners* (e.g. a login's session and its pages); how
        many.  An op is theirs if its owner is one of them or its parent is one of them or
        a descendant of one (a page's dialog, the session's sync engine)."""
        mine = [op for op in self._running if _owned_by(op, owners)]
        for op in mine:
            op.cancel()
        return len(mine)

    def cancel_all(self) -> None:
        """Cancel every running op (quitting)."""
        for op in list(self._running):
            op.cancel()

    @property
    def is_closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Deliver nothing more: the app is shutting down and its widgets are going.

        Running ops are cancelled; ops started later are cancelled as they start (a
        cache write still runs: it checks no token unless it has steps)."""
        self._closed = True
        self.cancel_all()

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Block until no work is running, at most *timeout_ms* in all (shutdown and tests)."""
        deadline = QDeadlineTimer(timeout_ms)
        ok_network = self._network.waitForDone(max(0, deadline.remainingTime()))
        ok_cache = self._cache.waitForDone(max(0, deadline.remainingTime()))
        return ok_network and ok_cache

    def wait_cache_idle(self, timeout_ms: int) -> bool:
        """Block until the cache lane is idle (its writes are the learner's records)."""
        return self._cache.waitForDone(timeout_ms)


def _owned_by(op: Op, owners: tuple[object, ...]) -> bool:
    if any(op.owner is owner for owner in owners):
        return True
    node = op.parent
    while node is not None and shiboken6.isValid(node):
        if any(node is owner for owner in owners):
            return True
        node = node.parent()
    return False


class Op:
    """One operation: what to run off the GUI thread and what to do with its result.

    ``token`` cancels it (``cancel()``); a cancelled op's failure handler gets the
    ``Cancelled`` (or the subclass its work raised) like any failure.
    """

    def __init__(
        self,
        runner: TaskRunner,
        *,
        work: Callable[[Job], Any],
        success: Callable[[Any], None] | None,
        failure: Callable[[BaseException], None] | None,
        on_progress: Callable[[int, int], None] | None,
        parent: QObject | None,
        owner: object | None,
        lane: Lane,
    ) -> None:
        self.runner = runner
        self.work = work
        self.success = success
        self.failure = failure
        self.on_progress = on_progress
        self.parent = parent
        self.owner = owner
        self.lane: Lane = lane
        self.progress = ""
        self.token = CancelToken()

    def with_progress(self, text: str) -> Op:
        """Show *text* with a busy indicator in the status bar while the op runs."""
        self.progress = text
        return self

    def cancel(self) -> None:
        self.token.cancel()

    def start(self) -> Op:
        self.runner.submit(self)
        return self
