"""Cache first, then the platform: which answers a page shows, in which order, and which it drops.

A real ``TaskRunner`` and a real ``Cache`` on a temporary file; the "platform" is a plain
callable that waits on a ``threading.Event``, so each test decides which answer comes first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop.models.cache import Cache
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import PlatformUnreachable
from desktop.models.tasks import TaskRunner

Rows = list[str]
WAIT_S = 10


def read_rows(cache: Cache) -> Rows | None:
    record = cache.get_record("rows", "all")
    return None if record is None else list(record["items"])


def put_rows(cache: Cache, rows: Rows) -> None:
    cache.put_record("rows", "all", {"items": rows})


class Harness:
    """A page: what it was shown, and the failures it was told about, in order.

    ``failures`` holds the exceptions given to ``failed``, and "offline" for each call of
    ``offline`` (the platform could not be reached).
    """

    def __init__(self, tasks: TaskRunner, cache: Cache | None, **options: Any) -> None:
        self.tasks = tasks
        self.cache = cache
        self.page = QWidget()
        self.shown: list[tuple[str, Rows]] = []
        self.failures: list[BaseException | str] = []
        self.released: list[threading.Event] = []
        self._lock = threading.Lock()
        self._answered = 0
        self.load: CacheFirstLoad[Rows] = CacheFirstLoad(
            tasks,
            self.page,
            cache=lambda: self.cache,
            progress="loading…",
            show=lambda rows: self.shown.append(("cache", rows)),
            show_fetched=lambda rows: self.shown.append(("platform", rows)),
            offline=lambda: self.failures.append("offline"),
            failed=self.failures.append,
            **options,
        )

    def platform(self, rows: Rows | BaseException) -> tuple[Callable[[], Rows], threading.Event]:
        """A fetch that answers *rows* (stored in the cache) or raises, once released."""
        release = threading.Event()
        self.released.append(release)
        cache = self.cache

        def fetch() -> Rows:
            assert release.wait(WAIT_S), "the test never released this answer"
            try:
                if isinstance(rows, BaseException):
                    raise rows
                if cache is not None:
                    put_rows(cache, rows)
                return rows
            finally:
                with self._lock:
                    self._answered += 1

        return fetch, release

    @property
    def answered(self) -> int:
        """How many platform calls have returned or raised (the GUI may not know yet)."""
        with self._lock:
            return self._answered

    def hold_cache_lane(self) -> threading.Event:
        """Keep the (single) cache worker busy until the returned event is set."""
        release = threading.Event()
        self.released.append(release)
        self.tasks.op(run=lambda: release.wait(WAIT_S), lane="cache").start()
        return release

    def drain_cache_lane(self, qtbot: QtBot) -> None:
        """Wait until the cache reads started so far have been delivered (one FIFO worker)."""
        done: list[bool] = []
        self.tasks.op(run=lambda: None, success=lambda _r: done.append(True), lane="cache").start()
        qtbot.waitUntil(lambda: bool(done), timeout=5_000)

    def settle(self, qtbot: QtBot) -> None:
        """Let every running op finish and deliver its answer."""
        assert self.tasks.wait_idle()
        qtbot.waitUntil(lambda: not self.tasks.running, timeout=5_000)  # answers delivered

    def close(self) -> None:
        for release in self.released:
            release.set()
        self.tasks.wait_idle()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "account" / "cache.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()
    runner.close()


@pytest.fixture
def harness(qtbot: QtBot, tasks: TaskRunner, cache: Cache) -> Iterator[Harness]:
    page = Harness(tasks, cache)
    qtbot.addWidget(page.page)
    yield page
    page.close()


def test_the_cache_copy_is_shown_first_then_the_platform_answer(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    put_rows(cache, ["saved"])
    fetch, answer = harness.platform(["fresh"])

    harness.load.start(read_rows, fetch)

    qtbot.waitUntil(lambda: harness.shown == [("cache", ["saved"])], timeout=5_000)
    answer.set()
    qtbot.waitUntil(lambda: len(harness.shown) == 2, timeout=5_000)
    assert harness.shown == [("cache", ["saved"]), ("platform", ["fresh"])]
    assert read_rows(cache) == ["fresh"]  # stored for the next time
    assert harness.failures == []


def test_a_platform_answer_that_comes_first_is_not_overwritten_by_the_cache(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    put_rows(cache, ["saved"])
    cache_lane = harness.hold_cache_lane()
    fetch, answer = harness.platform(["fresh"])

    harness.load.start(read_rows, fetch)
    answer.set()
    qtbot.waitUntil(lambda: harness.shown == [("platform", ["fresh"])], timeout=5_000)

    cache_lane.set()  # now the cache read runs, and reads the platform's rows or older ones
    harness.settle(qtbot)
    assert harness.shown == [("platform", ["fresh"])]


def test_an_older_load_answering_late_is_dropped(qtbot: QtBot, harness: Harness) -> None:
    old_fetch, old_answer = harness.platform(["asked first"])
    new_fetch, new_answer = harness.platform(["asked second"])

    harness.load.start(read_rows, old_fetch)
    harness.load.start(read_rows, new_fetch)
    harness.drain_cache_lane(qtbot)  # nothing saved yet: nothing to show
    new_answer.set()
    qtbot.waitUntil(lambda: harness.shown == [("platform", ["asked second"])], timeout=5_000)

    old_answer.set()
    harness.settle(qtbot)
    assert harness.shown == [("platform", ["asked second"])]
    assert harness.load.generation == 2


def test_a_newer_load_drops_the_older_loads_cache_read(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    put_rows(cache, ["saved"])
    cache_lane = harness.hold_cache_lane()
    harness.load.start(read_rows, None)  # offline: the cache only
    harness.load.start(read_rows, None)

    cache_lane.set()
    harness.settle(qtbot)
    assert harness.shown == [("cache", ["saved"])]  # the second load's read, once


def test_a_failure_of_an_old_load_is_ignored(qtbot: QtBot, harness: Harness) -> None:
    first_fetch, first_answer = harness.platform(PlatformUnreachable("timed out"))
    second_fetch, second_answer = harness.platform(RuntimeError("server error"))
    third_fetch, third_answer = harness.platform(["fresh"])

    harness.load.start(read_rows, first_fetch)
    harness.load.start(read_rows, second_fetch)
    harness.load.start(read_rows, third_fetch)
    harness.drain_cache_lane(qtbot)
    first_answer.set()  # fails while the newest load is still waiting
    qtbot.waitUntil(lambda: harness.answered == 1, timeout=5_000)
    third_answer.set()
    qtbot.waitUntil(lambda: harness.shown == [("platform", ["fresh"])], timeout=5_000)
    second_answer.set()  # fails after the newest load has answered

    harness.settle(qtbot)
    assert harness.failures == []
    assert harness.shown == [("platform", ["fresh"])]


@pytest.mark.parametrize(
    ("error", "told"),
    [(RuntimeError("boom"), "boom"), (PlatformUnreachable("timed out"), "offline")],
)
def test_a_failure_of_the_newest_load_is_reported(
    qtbot: QtBot, harness: Harness, error: BaseException, told: str
) -> None:
    fetch, answer = harness.platform(error)

    harness.load.start(read_rows, fetch)
    answer.set()
    qtbot.waitUntil(lambda: bool(harness.failures), timeout=5_000)
    assert [str(failure) for failure in harness.failures] == [told]


def test_without_a_connection_the_cache_is_shown_and_unreachable_reported_at_once(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    put_rows(cache, ["saved"])

    harness.load.start(read_rows, None)

    assert harness.failures == ["offline"]
    qtbot.waitUntil(lambda: harness.shown == [("cache", ["saved"])], timeout=5_000)


def test_reading_the_cache_again_supersedes_the_platform_answer_on_its_way(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    """The answer itself is not shown (the re-read superseded it), but it was stored in the
    cache after the re-read ran: the page reads the cache once more and ends on what the
    cache holds, never on rows older than the cache's.  (个人主页 stayed on 信息采集 when
    the sync's late announcement re-read the cache before a reload's answer was stored.)"""
    fetch, answer = harness.platform(["the reload's newer answer"])
    harness.load.start(read_rows, fetch)
    put_rows(cache, ["the sync's older change"])

    harness.load.read_cache(read_rows)
    qtbot.waitUntil(
        lambda: harness.shown == [("cache", ["the sync's older change"])], timeout=5_000
    )
    answer.set()
    harness.settle(qtbot)
    assert harness.shown == [
        ("cache", ["the sync's older change"]),
        ("cache", ["the reload's newer answer"]),
    ]


def test_stamped_answers_all_go_to_the_page_but_old_failures_do_not(
    qtbot: QtBot, tasks: TaskRunner, cache: Cache
) -> None:
    page = Harness(tasks, cache, stamped=True)
    qtbot.addWidget(page.page)
    try:
        put_rows(cache, ["saved"])
        old_fetch, old_answer = page.platform(["asked first"])
        failing_fetch, failing_answer = page.platform(PlatformUnreachable("timed out"))
        newest_fetch, newest_answer = page.platform(["asked last"])
        page.load.start(read_rows, old_fetch)
        page.load.start(read_rows, failing_fetch)
        page.load.start(read_rows, newest_fetch)
        page.drain_cache_lane(qtbot)
        newest_answer.set()
        qtbot.waitUntil(lambda: ("platform", ["asked last"]) in page.shown, timeout=5_000)
        failing_answer.set()
        old_answer.set()
        page.settle(qtbot)
        # Every cache read and every answer: the page keeps the newest by their stamps.
        assert page.shown.count(("cache", ["saved"])) == 3
        assert ("platform", ["asked first"]) in page.shown
        assert page.failures == []

        page.load.read_cache(read_rows)  # not a new load
        assert page.load.generation == 3
    finally:
        page.close()


class _Opening(QObject):
    """Stands in for the session's ``cache_ready``."""

    cache_ready = Signal(object)


def test_a_read_asked_before_the_cache_is_open_runs_when_it_opens(
    qtbot: QtBot, tasks: TaskRunner, cache: Cache
) -> None:
    put_rows(cache, ["saved"])
    opening = _Opening()
    page = Harness(tasks, None, cache_ready=opening.cache_ready)
    try:
        page.load.start(read_rows, None)
        page.drain_cache_lane(qtbot)
        assert page.shown == []  # nothing to read yet, and nothing polls
        page.cache = cache  # the cache opens just after login
        opening.cache_ready.emit(cache)
        qtbot.waitUntil(lambda: page.shown == [("cache", ["saved"])], timeout=5_000)
        page.drain_cache_lane(qtbot)
        assert page.shown == [("cache", ["saved"])]  # read once
    finally:
        page.close()


def test_a_re_read_that_finds_nothing_keeps_the_platform_answer_on_its_way(
    qtbot: QtBot, harness: Harness, cache: Cache
) -> None:
    """A page opened the moment the sync announced a change, before anything was cached:
    the re-read finds nothing, and the platform's answer must still show (else the page
    stays empty — seen in the crash test's third run)."""
    fetch, answer = harness.platform(["the platform's answer"])
    harness.load.start(read_rows, fetch)
    harness.load.read_cache(read_rows)  # the cache holds nothing for this page yet
    harness.drain_cache_lane(qtbot)
    answer.set()
    qtbot.waitUntil(
        lambda: harness.shown == [("platform", ["the platform's answer"])], timeout=5_000
    )


def test_a_page_shown_offline_drops_its_notice_and_asks_again_when_the_platform_is_back(
    qtbot: QtBot, tasks: TaskRunner, cache: Cache
) -> None:
    """``Changes.online`` (the sync reached the platform again, ● 在线): the notice goes and
    the page asks again; a page whose answer came is left alone."""
    bus = ChangeBus()
    asked: list[str] = []
    harness = Harness(
        tasks,
        cache,
        bus=bus,
        online=lambda: harness.failures.append("online"),
        reload=lambda: asked.append("reload"),
    )
    qtbot.addWidget(harness.page)
    try:
        fetch, answer = harness.platform(PlatformUnreachable("gone"))
        harness.load.start(read_rows, fetch)
        answer.set()
        qtbot.waitUntil(lambda: harness.failures == ["offline"], timeout=5_000)

        bus.announce(Changes(online=True))
        assert harness.failures == ["offline", "online"] and asked == ["reload"]
        bus.announce(Changes(online=True))  # told once: nothing is shown offline any more
        assert asked == ["reload"]

        fetch, answer = harness.platform(["fresh"])
        harness.load.start(read_rows, fetch)
        answer.set()
        qtbot.waitUntil(lambda: ("platform", ["fresh"]) in harness.shown, timeout=5_000)
        bus.announce(Changes(online=True))
        assert asked == ["reload"]
    finally:
        harness.close()
