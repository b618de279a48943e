"""Watched intervals → the outbox → ``POST /watch-events`` → progress, with the real platform.

The shared platform's clock is pinned to 2021-06-21 18:23:50 (the learner pays then), so
the events of these tests lie in the minute after it: an event may end at most 60 s after
the platform's now (``FUTURE_TOLERANCE_MS``) and none may start before the purchase.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.models.api import ApiClient
from desktop.models.api_types import Progress
from desktop.models.cache import Cache
from desktop.models.playback import WatchedInterval, WatchPushAnswer
from desktop.models.sync import run_cycle
from desktop.models.tasks import TaskRunner
from desktop.models.watch_journal import (
    PROGRESS,
    WATCH_EVENT,
    WatchJournal,
    event_payload,
    get_progress,
    journal_intervals,
    push_watch_events,
    queued_watch,
    refresh_progress,
    watched_ms,
    with_pending,
)
from desktop.models.watch_refusals import (
    read_chapter_time,
    read_uncredited,
    reason_text,
    reasons_text,
)
from tests.desktop.models.test_downloads import selected_chapter
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer

PAID_AT = dt.datetime.fromisoformat(DEFAULT_NOW)


def interval(chapter_id: str, from_s: int, to_s: int, wall_from_s: int) -> WatchedInterval:
    """Media [from_s, to_s) played at 1× starting *wall_from_s* after the purchase."""
    started = PAID_AT + dt.timedelta(seconds=wall_from_s)
    return WatchedInterval(
        chapter_id=chapter_id,
        from_ms=from_s * 1000,
        to_ms=to_s * 1000,
        started_at=started,
        ended_at=started + dt.timedelta(seconds=to_s - from_s),
        rate=1.0,
    )


def platform_progress(platform: PlatformProcess, token: str, course_id: str) -> dict[str, Any]:
    response = requests.get(
        platform.api + "/progress", params={"year": 2021}, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    return next(c for c in response.json()["courses"] if c["course_id"] == course_id)


@pytest.fixture
def watching(platform: PlatformProcess, tmp_path: Path) -> Any:
    learner, course = selected_chapter(platform)
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    cache = Cache.open(tmp_path / "account" / "cache.sqlite3")
    yield api, cache, learner, course
    cache.close()


def cycle(api: ApiClient, cache: Cache) -> None:
    run_cycle(api, cache, {"progress": refresh_progress}, {WATCH_EVENT: push_watch_events})


def test_intervals_become_events_that_a_push_credits_and_acknowledges(
    platform: PlatformProcess, watching: Any
) -> None:
    api, cache, learner, course = watching
    chapter = course["chapters"][0]["id"]
    ids = journal_intervals(cache, [interval(chapter, 0, 10, 0), interval(chapter, 10, 20, 10)])
    queued = cache.pending()
    assert [item.id for item in queued] == ids and len(set(ids)) == 2
    assert all(item.kind == WATCH_EVENT for item in queued)
    assert queued[0].payload == {
        "chapter_id": chapter,
        "from_ms": 0,
        "to_ms": 10_000,
        "started_at": "2021-06-21T18:23:50.000+08:00",
        "ended_at": "2021-06-21T18:24:00.000+08:00",
        "rate": 1.0,
        "app_version": __version__,
    }
    assert queued_watch(cache, chapter) == ([(0, 10_000), (10_000, 20_000)], 20_000)

    cycle(api, cache)  # pushes
    assert cache.pending() == []
    credited = platform_progress(platform, learner["access_token"], course["id"])
    assert credited["watched_ms"] == 20_000
    assert credited["chapters"][0]["intervals"] == [[0, 20_000]]

    cycle(api, cache)  # pulls the change "progress" the push wrote
    cached = get_progress(cache, 2021)
    assert cached is not None and cache.get_record(PROGRESS, "2021") is not None
    course_progress = cached.course(course["id"])
    assert course_progress is not None and course_progress.watched_ms == 20_000
    assert course_progress.status == "in_progress"


def test_a_push_retried_after_a_lost_answer_counts_nothing_twice(
    platform: PlatformProcess, watching: Any
) -> None:
    api, cache, learner, course = watching
    chapter = course["chapters"][0]["id"]
    ids = journal_intervals(cache, [interval(chapter, 0, 15, 0)])
    # The platform applied the batch but its answer never reached the outbox.
    first = push_watch_events(api, cache.pending())
    assert first.acknowledged_ids == ids
    assert [item.id for item in cache.pending()] == ids

    cycle(api, cache)  # the retry: same id, so "accepted" again, not "overlap"
    assert cache.pending() == []
    credited = platform_progress(platform, learner["access_token"], course["id"])
    assert credited["watched_ms"] == 15_000


def test_a_refused_event_is_kept_with_its_reason_when_it_leaves_the_outbox(
    platform: PlatformProcess, watching: Any, caplog: pytest.LogCaptureFixture
) -> None:
    api, cache, learner, course = watching
    fast_chapter, good_chapter = course["chapters"][0]["id"], course["chapters"][1]["id"]
    fast = WatchedInterval(
        chapter_id=fast_chapter,
        from_ms=0,
        to_ms=20_000,
        started_at=PAID_AT,
        ended_at=PAID_AT + dt.timedelta(seconds=5),  # 20 s of lecture in 5 s
        rate=1.0,
    )
    good = interval(good_chapter, 0, 8, 10)
    refused_id, accepted_id = journal_intervals(cache, [fast, good])
    with caplog.at_level(logging.WARNING, logger="desktop.models.sync"):
        cycle(api, cache)
    assert cache.pending() == []
    assert f"{refused_id}=rate_exceeded" in caplog.text
    assert accepted_id not in caplog.text

    [kept] = cache.refusals()
    assert (kept.id, kept.kind, kept.code) == (refused_id, WATCH_EVENT, "rate_exceeded")
    assert "倍速" in kept.message  # the platform's words, kept
    assert kept.payload["chapter_id"] == fast_chapter and kept.payload["to_ms"] == 20_000
    [uncredited] = read_uncredited(cache)
    assert (uncredited.chapter_id, uncredited.ms) == (fast_chapter, 20_000)
    assert reason_text(uncredited.code) == "播放速度超过 1 倍速的部分不计学时"
    fast_time = read_chapter_time(cache, fast_chapter)
    assert (fast_time.credited_ms, fast_time.pending_ms(), fast_time.uncredited.ms) == (
        0, 0, 20_000,
    )  # fmt: skip
    assert chapter_credit(platform, learner, course["id"], fast_chapter) == 0
    cycle(api, cache)  # pulls the progress; the refusal stays
    assert read_chapter_time(cache, good_chapter).credited_ms == 8_000
    assert [item.id for item in cache.refusals()] == [refused_id]


def chapter_credit(
    platform: PlatformProcess, learner: dict[str, Any], course_id: str, chapter_id: str
) -> int:
    credited = platform_progress(platform, learner["access_token"], course_id)
    return int(next(c["watched_ms"] for c in credited["chapters"] if c["chapter_id"] == chapter_id))


def test_a_trimmed_event_keeps_its_uncredited_rest_and_credited_time_shows_at_once(
    platform: PlatformProcess, watching: Any
) -> None:
    """Another device was credited for part of the wall time: the event is accepted and
    credited for the rest only.  Credited, pending and not credited add up to what was
    played, and the credited time is in the cache right after the push (no second request)."""
    api, cache, learner, course = watching
    mine, theirs = course["chapters"][1]["id"], course["chapters"][2]["id"]
    token = learner["access_token"]
    other_device = {"id": str(uuid.uuid4()), **event_payload(interval(theirs, 0, 10, 0))}
    answer = requests.post(
        platform.api + "/watch-events", json={"events": [other_device]},
        headers=bearer(token), timeout=10,
    ).json()  # fmt: skip
    assert answer["accepted"] == [other_device["id"]]
    cycle(api, cache)  # the cache learns the year's progress (the other device's time)

    [event_id] = journal_intervals(cache, [interval(mine, 0, 12, 4)])  # wall 4 s … 16 s
    before = read_chapter_time(cache, mine)
    assert (before.credited_ms, before.pending_ms(), before.uncredited.ms) == (0, 12_000, 0)

    run_cycle(api, cache, {}, {WATCH_EVENT: push_watch_events})  # push only, no pull
    assert cache.pending() == []
    [kept] = cache.refusals()
    assert kept.id == event_id and kept.code == "overlap" and kept.credited_ms is not None
    credited = chapter_credit(platform, learner, course["id"], mine)
    assert kept.credited_ms == credited and 5_000 <= credited < 12_000
    after = read_chapter_time(cache, mine)
    assert after.credited_ms == credited  # from the push's answer, before any pull
    assert after.pending_ms() == 0
    assert after.uncredited.ms == 12_000 - credited
    [(code, message)] = after.uncredited.reasons
    assert code == "overlap" and "其他设备" in message  # the platform's words, kept
    assert reasons_text(after.uncredited) == "正在其他设备学习：同一时间只计一处学时"
    cached = get_progress(cache, 2021)
    assert cached is not None
    course_progress = cached.course(course["id"])
    assert course_progress is not None
    chapter = course_progress.chapter(mine)
    assert chapter is not None and chapter.watched_ms == credited


def test_intervals_after_the_session_expired_go_to_the_account_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Between an expired session and the next login the app's cache is closed; the
    player's last intervals must still be kept, in the playing account's own file."""
    path = tmp_path / "accounts" / "a1" / "cache.sqlite3"
    Cache.open(path).close()
    tasks = TaskRunner()
    open_cache: list[Cache] = []
    journal = WatchJournal(tasks, lambda: open_cache[0] if open_cache else None)
    journal.account_path = path
    journal.record([interval("some-chapter", 0, 5, 0)])
    assert tasks.wait_idle(5000)
    cache = Cache.open(path)
    try:
        (item,) = cache.pending()
        assert item.kind == WATCH_EVENT and item.payload["to_ms"] == 5_000
        open_cache.append(cache)  # logged in again: the open cache is used directly
        journal.record([interval("some-chapter", 5, 9, 5)])
        assert tasks.wait_idle(5000)
        assert [i.payload["to_ms"] for i in cache.pending()] == [5_000, 9_000]
    finally:
        qtbot.waitUntil(lambda: not tasks.running, timeout=5_000)  # reported before it goes
        cache.close()


def test_an_answer_without_trimmed_or_progress_is_read_as_none_of_either() -> None:
    """A platform from before the credit ledger answers only accepted and refused."""
    answer = WatchPushAnswer.from_json(
        {"accepted": ["a"], "refused": [{"id": "b", "code": "overlap", "message": "…"}]}
    )
    assert answer.accepted == ("a",)
    assert answer.refused == ({"id": "b", "code": "overlap", "message": "…"},)
    assert answer.trimmed == () and answer.progress == ()
    assert WatchPushAnswer.from_json({"accepted": None, "trimmed": None}) == WatchPushAnswer()


def test_watched_is_the_credited_time_and_the_outbox_counted_once() -> None:
    """The one rule 我的学习 and the course page follow: credited ∪ pending, each second once."""
    chapter = {
        "chapter_id": "ch1", "title": "第一讲", "duration_ms": 20_000, "watched_ms": 8_000,
        "furthest_ms": 8_000, "last_position_ms": 8_000, "percent": 40.0, "completed": False,
        "intervals": [[0, 8_000]],
    }  # fmt: skip
    untouched = {**chapter, "chapter_id": "ch2", "watched_ms": 0, "intervals": []}
    progress = Progress.from_json(
        {
            "year": 2021,
            "courses": [
                {
                    "course_id": "c1", "duration_ms": 40_000, "watched_ms": 8_000,
                    "percent": 20.0, "status": "in_progress", "chapters": [chapter, untouched],
                }
            ],
        }
    )  # fmt: skip
    # 4 s queued, of which 2 s the platform has credited already: 10 s watched, 2 s pending.
    known = with_pending(progress, {"ch1": [(6_000, 10_000)]})
    course = known.courses[0]
    assert watched_ms([(0, 8_000)], [(6_000, 10_000)], 20_000) == 10_000
    assert (course.watched_ms, course.pending_ms, course.percent) == (10_000, 2_000, 25.0)
    assert course.chapters[1] == progress.courses[0].chapters[1]
    assert with_pending(progress, {}) is progress
