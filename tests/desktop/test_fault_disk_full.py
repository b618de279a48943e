"""The disk full while the player journals: the app says so and loses nothing.

A real failed write, made portably and without root: ``RLIMIT_FSIZE`` (the largest file
this process may write) is set to one byte around the moment of journalling, so SQLite's
write to the cache fails with ``EFBIG`` as it would with ``ENOSPC`` on a full disk.
(``chmod`` would not do: it stops neither root nor the cache's connections already
open.)  The app must show it in Chinese, keep the events its outbox already had, keep
the new ones in memory, and write them by itself once space returns — each once.
"""

from __future__ import annotations

import datetime as dt
import resource
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.playback import WatchedInterval
from desktop.models.watch_journal import WATCH_EVENT, WatchJournal, event_payload
from tests.helpers.desktop import enter, stop_app
from tests.helpers.learners import selected_course
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer

pytestmark = pytest.mark.usefixtures("memory_keyring")

PAID_AT = dt.datetime.fromisoformat(DEFAULT_NOW)
MESSAGE = "无法写入本机学习记录"


def interval(chapter_id: str, from_s: int) -> WatchedInterval:
    """5 s of the chapter from *from_s*, played *from_s* after the purchase."""
    started = PAID_AT + dt.timedelta(seconds=from_s)
    return WatchedInterval(
        chapter_id,
        from_s * 1000,
        (from_s + 5) * 1000,
        started,
        started + dt.timedelta(seconds=5),
        1.0,
    )


@contextmanager
def disk_full() -> Iterator[None]:
    """No file of this process may grow past its first byte (SIGXFSZ is ignored by
    Python, so writes fail with EFBIG instead of killing the process)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def queued(app: DesktopApp) -> list[dict[str, object]]:
    assert app.session is not None and app.session.cache is not None
    return [
        item.payload for item in app.session.cache.pending(limit=1000) if item.kind == WATCH_EVENT
    ]


def closed_port_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_a_full_disk_is_said_and_no_watch_time_is_lost(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = selected_course(platform)
    chapter = learner["course"]["chapters"][0]["id"]
    app = enter(qtbot, platform, tmp_path / "client", learner)
    try:
        assert app.api is not None
        app.api.base_url = closed_port_url()  # offline: the outbox keeps what it holds
        journal: WatchJournal = app.session.journal
        before = [interval(chapter, 0), interval(chapter, 5)]
        journal.record(before)
        qtbot.waitUntil(lambda: len(queued(app)) == 2, timeout=10_000)

        during = [interval(chapter, 10), interval(chapter, 15)]
        with disk_full(), qtbot.waitSignal(journal.failed, timeout=10_000):
            journal.record(during)
        assert MESSAGE in app.window.statusBar().currentMessage()
        assert queued(app) == [event_payload(i) for i in before]  # what it had, it keeps

        # Space returns: the journal retries by itself, and writes each interval once.
        with qtbot.waitSignal(journal.recovered, timeout=3 * WatchJournal.RETRY_MS):
            pass
        assert MESSAGE not in app.window.statusBar().currentMessage()
        assert queued(app) == [event_payload(i) for i in before + during]

        app.api.base_url = platform.url
        assert app.session is not None and app.session.sync is not None
        app.session.sync.sync_now()
        qtbot.waitUntil(lambda: queued(app) == [], timeout=15_000)
    finally:
        stop_app(app)
    progress = requests.get(
        platform.api + "/progress",
        params={"year": 2021},
        headers=bearer(learner["access_token"]),
        timeout=10,
    ).json()
    course = next(c for c in progress["courses"] if c["course_id"] == learner["course_id"])
    credited = next(c for c in course["chapters"] if c["chapter_id"] == chapter)
    assert credited["intervals"] == [[0, 20_000]] and credited["watched_ms"] == 20_000
