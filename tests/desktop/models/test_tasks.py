"""The task runner's cancellation and progress (issue 17): reported on the GUI thread,
cancelled per op, per owner and all at once."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QObject, QThread
from pytestqt.qtbot import QtBot

from desktop.models.cancel import Cancelled, CancelToken
from desktop.models.tasks import Job, TaskRunner


def steps(job: Job, release: threading.Event, count: int = 1000) -> int:
    """Work in steps: report each, wait for *release*, stop when cancelled."""
    for done in range(1, count + 1):
        job.check()
        job.report(done, count)
        release.wait(0.01)
    return count


def test_progress_arrives_on_the_gui_thread_in_order(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    seen: list[tuple[int, int, bool]] = []
    results: list[int] = []
    tasks.op(
        work=lambda job: [job.report(i, 5) for i in range(1, 6)] and 5,
        on_progress=lambda done, total: seen.append(
            (done, total, QThread.currentThread() is tasks.thread())
        ),
        success=results.append,
    ).start()
    qtbot.waitUntil(lambda: results == [5], timeout=5_000)
    qtbot.waitUntil(lambda: len(seen) == 5, timeout=5_000)
    assert seen == [(i, 5, True) for i in range(1, 6)]


def test_cancel_stops_the_work_at_its_next_step_and_fails_with_cancelled(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    release = threading.Event()
    failures: list[BaseException] = []
    progress: list[int] = []
    op = tasks.op(
        work=lambda job: steps(job, release),
        on_progress=lambda done, _total: progress.append(done),
        success=lambda _r: pytest.fail("a cancelled op does not succeed"),
        failure=failures.append,
    ).start()
    qtbot.waitUntil(lambda: bool(progress), timeout=5_000)
    op.cancel()
    qtbot.waitUntil(lambda: bool(failures), timeout=5_000)
    assert isinstance(failures[0], Cancelled)
    assert progress[-1] < 1000
    assert tasks.wait_idle(1_000)


def test_cancel_owned_cancels_that_owners_ops_only_and_cancel_all_the_rest(
    qtbot: QtBot,
) -> None:
    tasks = TaskRunner()
    release = threading.Event()
    page, other = QObject(), QObject()
    ended: dict[str, object] = {}

    def start(name: str, owner: QObject) -> None:
        def succeeded(result: object) -> None:
            ended[name] = result

        def failed(exc: BaseException) -> None:
            ended[name] = type(exc).__name__

        tasks.op(
            work=lambda job: steps(job, release), success=succeeded, failure=failed, parent=owner
        ).start()

    start("page", page)
    start("other", other)
    qtbot.waitUntil(lambda: len(tasks.running) == 2)
    assert tasks.cancel_owned(page) == 1
    qtbot.waitUntil(lambda: "page" in ended, timeout=5_000)
    assert ended == {"page": "Cancelled"}
    tasks.cancel_all()
    qtbot.waitUntil(lambda: "other" in ended, timeout=5_000)
    assert ended["other"] == "Cancelled" and tasks.running == []


def test_cancel_owned_reaches_the_ops_of_an_owners_children_and_of_owner_objects(
    qtbot: QtBot,
) -> None:
    """A login's work: ops owned by its session, and ops of its pages' dialogs (parented
    below the page); an op of another window goes on."""
    tasks = TaskRunner()
    release = threading.Event()
    session, page, window = QObject(), QObject(), QObject()
    dialog = QObject(page)
    ops = {
        "session": tasks.op(work=lambda job: steps(job, release), owner=session),
        "dialog": tasks.op(work=lambda job: steps(job, release), parent=dialog),
        "window": tasks.op(work=lambda job: steps(job, release), parent=window),
    }
    for op in ops.values():
        op.start()
    assert tasks.cancel_owned(session, page) == 2
    assert [name for name, op in ops.items() if op.token.cancelled] == ["session", "dialog"]
    tasks.cancel_all()
    assert tasks.wait_idle(5_000)


def test_a_cancel_wakes_blocked_work_through_its_hook() -> None:
    token = CancelToken()
    woken = threading.Event()
    forget = token.on_cancel(woken.set)
    worker = threading.Thread(target=lambda: woken.wait(30))
    worker.start()
    token.cancel()
    worker.join(1)
    assert not worker.is_alive() and token.cancelled
    forget()  # after the fact: harmless
    late: list[str] = []
    token.on_cancel(lambda: late.append("ran"))  # registered after the cancel: runs at once
    assert late == ["ran"]
    with pytest.raises(Cancelled):
        token.check()


def test_closing_cancels_running_work_and_delivers_nothing(qtbot: QtBot) -> None:
    tasks = TaskRunner()
    release = threading.Event()
    delivered: list[object] = []
    started = threading.Event()

    def work(job: Job) -> int:
        started.set()
        return steps(job, release)

    tasks.op(work=work, success=delivered.append, failure=delivered.append).start()
    assert started.wait(5)
    tasks.close()
    assert tasks.wait_idle(1_000)  # the work stopped at its next step
    qtbot.waitUntil(lambda: tasks.running == [], timeout=5_000)  # its delivery was handled
    assert delivered == []
