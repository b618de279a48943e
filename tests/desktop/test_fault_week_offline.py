"""A week offline: 1,000 watched intervals journalled over seven days, then one sync.

The client's real parts (the ``WatchJournal`` on the task runner's cache lane, the cache's
outbox, the ``SyncEngine`` with the ``watch_event`` pusher) run while the platform is
unreachable (its port closed).  The learner bought the course first; a week later the
platform comes back (restarted with its clock pinned seven days on, so every event lies
in its past and after the purchase) and the sync pushes the outbox: every event is
accepted, nothing counts twice — not even when the same batch is pushed again — the
outbox empties, and the progress is the union of the intervals.
"""

from __future__ import annotations

import datetime as dt
import socket
import sys
from pathlib import Path
from typing import Any

import requests
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.changes import ChangeBus
from desktop.models.playback import WatchedInterval
from desktop.models.sync import SyncEngine
from desktop.models.tasks import TaskRunner
from desktop.models.watch_journal import WATCH_EVENT, WatchJournal, push_watch_events
from rules.watch import covered_ms, merge_intervals
from tests.conftest import PlatformFactory
from tests.helpers.learners import selected_course
from tests.helpers.platform import DEFAULT_NOW, bearer, shifted

EVENTS = 1000
DAYS = 7
STEP_S = 5  # the policy's journal interval: one interval per 5 s of playback


def closed_port_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def week_of_intervals(chapters: list[dict[str, Any]]) -> list[list[WatchedInterval]]:
    """Seven evenings of study from the day of the purchase, 1,000 intervals of 5 s in
    all, each evening going through the chapters' first halves in order."""
    paid_at = dt.datetime.fromisoformat(DEFAULT_NOW)
    days: list[list[WatchedInterval]] = []
    for day in range(DAYS):
        count = EVENTS // DAYS + (1 if day < EVENTS % DAYS else 0)
        at = paid_at + dt.timedelta(days=day, hours=1)
        intervals = []
        for n in range(count):
            chapter = chapters[(n // 4) % len(chapters)]
            slots = chapter["duration_ms"] // 2 // (STEP_S * 1000)
            from_ms = (n % 4 % slots) * STEP_S * 1000 + day * 700  # the days differ a little
            ended = at + dt.timedelta(seconds=STEP_S)
            intervals.append(
                WatchedInterval(chapter["id"], from_ms, from_ms + STEP_S * 1000, at, ended, 1.0)
            )
            at = ended
        days.append(intervals)
    return days


def test_a_week_offline_is_pushed_whole_and_counted_once(
    qtbot: QtBot, platform_factory: PlatformFactory, tmp_path: Path
) -> None:
    platform = platform_factory(captcha=False)
    learner = selected_course(platform)
    chapters = learner["course"]["chapters"]
    api = ApiClient(platform.url, timeout=(0.5, 10.0))
    api.login(learner["id_number"], learner["password"])
    platform.stop()  # the PC goes offline for a week: nothing answers at that port
    api.base_url = closed_port_url()

    cache = Cache.open(tmp_path / "account" / "cache.sqlite3")
    tasks = TaskRunner()
    journal = WatchJournal(tasks, lambda: cache)
    journal.account_path = cache.path
    engine = SyncEngine(api, cache, tasks, ChangeBus(), interval_s=3600)
    engine.register_pusher(WATCH_EVENT, journal.pusher)
    try:
        days = week_of_intervals(chapters)
        for day, intervals in enumerate(days):
            for start in range(0, len(intervals), 12):  # a minute of playback per record
                journal.record(intervals[start : start + 12])
            tasks.wait_idle()
            with qtbot.waitSignal(engine.sync_finished, timeout=15_000):
                engine.sync_now()  # each evening the app tries, and finds no platform
            assert not engine.is_online
            assert len(cache.pending(limit=2 * EVENTS)) == sum(len(d) for d in days[: day + 1])
        queued = cache.pending(limit=2 * EVENTS)
        assert len(queued) == EVENTS and all(item.kind == WATCH_EVENT for item in queued)

        # Back a week later: the platform's clock is past every event.
        platform.restart(now=shifted(DEFAULT_NOW, days=DAYS, hours=2))
        api.base_url = platform.url
        api.login(learner["id_number"], learner["password"])  # a week: the session expired
        failures: list[str] = []
        engine.sync_failed.connect(failures.append)
        engine.sync_now()
        qtbot.waitUntil(lambda: engine.is_online and not engine.is_running, timeout=60_000)
        assert failures == []
        assert cache.pending(limit=2 * EVENTS) == []

        # The answer of that push lost, the outbox would push it all again: same outcome.
        again = push_watch_events(api, queued)
        assert sorted(again.acknowledged_ids) == sorted(item.id for item in queued)
        assert again.refused == {}
    finally:
        engine.stop()
        tasks.wait_idle()
        cache.close()

    rows = platform.query(
        "SELECT outcome, count(*), count(DISTINCT id) FROM watch_events WHERE account_id = ?"
        " GROUP BY outcome",
        (learner["account"]["id"],),
    )
    assert rows == [("accepted", EVENTS, EVENTS)]
    union: dict[str, list[tuple[int, int]]] = {}
    for interval in (i for day in days for i in day):
        union.setdefault(interval.chapter_id, []).append((interval.from_ms, interval.to_ms))
    token = api.tokens.access_token if api.tokens else ""
    progress = requests.get(
        platform.api + "/progress", params={"year": 2021}, headers=bearer(token), timeout=10
    ).json()
    course = next(c for c in progress["courses"] if c["course_id"] == learner["course_id"])
    for chapter in course["chapters"]:
        spans = merge_intervals(union[chapter["chapter_id"]])
        assert chapter["intervals"] == [list(span) for span in spans]
        assert chapter["watched_ms"] == covered_ms(spans)
    assert course["watched_ms"] == sum(covered_ms(merge_intervals(u)) for u in union.values())


class _Ticker(QObject):
    tick = Signal()


def test_a_long_session_of_signals_does_not_wear_the_interpreter_out() -> None:
    """PySide6 6.12.0 dropped a reference to ``True`` on every ``Signal.emit``: on Python
    3.11 the app died ("bool_dealloc") after a few thousand signals — a week of the
    journal above, or an hour of the player's position reports.  pyproject excludes it."""
    ticker = _Ticker()
    before = sys.getrefcount(True)
    for _ in range(2000):
        ticker.tick.emit()
    assert sys.getrefcount(True) > before - 100
