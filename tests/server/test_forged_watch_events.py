"""Forged watch events (``POST /watch-events``) credit nothing extra.

Faster than real time, a rate above the policy, overlapping wall-clock spans in one batch
and across batches, events in the future, the same interval replayed with new ids, a
retried id with other content: each is refused with its code of docs/api.md or credits
nothing, and ``GET /progress`` reports exactly the union of what was truly watched.

The session platform's clock is pinned at the purchase, and events may end at most a
minute after it, so every forgery is played within that minute.
"""

from __future__ import annotations

from typing import Any

import requests

from tests.helpers.learners import push_events, selected_course, watch_event
from tests.helpers.platform import PlatformProcess, bearer, shifted


def event(
    chapter_id: str,
    from_ms: int,
    to_ms: int,
    start_s: float,
    end_s: float,
    now: str,
    rate: float = 1.0,
) -> dict[str, Any]:
    """An event of media [from_ms, to_ms) played from *now* + start_s to *now* + end_s."""
    forged = watch_event(chapter_id, from_ms, to_ms, shifted(now, seconds=start_s), rate)
    forged["ended_at"] = shifted(now, seconds=end_s)
    return forged


def outcomes(result: dict[str, Any]) -> dict[str, str | None]:
    answer: dict[str, str | None] = dict.fromkeys(result["accepted"])
    answer.update({item["id"]: item["code"] for item in result["refused"]})
    return answer


def course_progress(platform: PlatformProcess, token: str, course_id: str) -> dict[str, Any]:
    response = requests.get(platform.api + "/progress", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    course: dict[str, Any] = next(
        c for c in response.json()["courses"] if c["course_id"] == course_id
    )
    return course


def test_forged_events_credit_only_the_union_of_what_was_really_watched(
    platform: PlatformProcess,
) -> None:
    learner = selected_course(platform)
    token, course_id = learner["access_token"], learner["course_id"]
    chapters = sorted(learner["course"]["chapters"], key=lambda c: -c["duration_ms"])
    long, other = chapters[0]["id"], chapters[1]["id"]
    assert chapters[0]["duration_ms"] >= 30_000
    now = platform.now
    assert now

    real = event(long, 0, 10_000, 0, 10, now)
    first = [
        real,
        # the same wall-clock span on the same chapter, another part of the media
        same_span := event(long, 10_000, 20_000, 0.5, 10.5, now),
        # another chapter at the same time: "正在其他设备学习"
        other_chapter := event(other, 0, 10_000, 5, 15, now),
        # 20 s of media in 5 s of wall clock at a stated rate of 1.0
        too_fast := event(long, 10_000, 30_000, 11, 16, now),
        # a stated rate of 2.0, above the policy's 1.0, consistent with its span
        fast_rate := event(long, 10_000, 30_000, 16, 26, now, rate=2.0),
        # ends two minutes after the platform's now
        future := event(long, 20_000, 30_000, 110, 120, now),
    ]
    first_result = outcomes(push_events(platform, token, first))
    assert first_result == {
        real["id"]: None,
        same_span["id"]: "overlap",
        other_chapter["id"]: "overlap",
        too_fast["id"]: "rate_exceeded",
        fast_rate["id"]: "rate_exceeded",
        future["id"]: "in_future",
    }

    second = [
        # the accepted event replayed with a new id, same span
        replayed := {**real, "id": event(long, 0, 1, 0, 1, now)["id"]},
        # the same media interval again at a later, free wall-clock time: covered once
        rewatched := event(long, 0, 10_000, 26, 36, now),
        # overlapping the first event by 2 s across batches
        straddling := event(long, 10_000, 20_000, 8, 18, now),
        # a retried id with other content answers its first outcome and changes nothing
        {**real, "from_ms": 0, "to_ms": 30_000, "ended_at": shifted(now, seconds=40)},
        # what was really watched next
        honest := event(long, 10_000, 20_000, 36, 46, now),
    ]
    second_result = outcomes(push_events(platform, token, second))
    assert second_result == {
        replayed["id"]: "overlap",
        rewatched["id"]: None,
        straddling["id"]: "overlap",
        real["id"]: None,
        honest["id"]: None,
    }

    progress = course_progress(platform, token, course_id)
    by_id = {c["chapter_id"]: c for c in progress["chapters"]}
    assert by_id[long]["intervals"] == [[0, 20_000]]
    assert by_id[long]["watched_ms"] == 20_000
    assert by_id[other]["watched_ms"] == 0
    assert progress["watched_ms"] == 20_000

    # The whole forged batch again, ids and all: nothing changes.
    again = outcomes(push_events(platform, token, first + second))
    assert again == {**first_result, **second_result}
    assert course_progress(platform, token, course_id)["watched_ms"] == 20_000


def test_one_interval_replayed_with_new_ids_in_free_time_counts_once(
    platform: PlatformProcess,
) -> None:
    """Five copies of one 10 s interval, each with a new id and its own real 10 s of wall
    clock: all plausible (accepted), yet the chapter is credited those 10 s once."""
    learner = selected_course(platform)
    token, course_id = learner["access_token"], learner["course_id"]
    chapter = max(learner["course"]["chapters"], key=lambda c: c["duration_ms"])
    now = platform.now
    assert now
    copies = [event(chapter["id"], 5_000, 15_000, 10 * n, 10 * n + 10, now) for n in range(5)]
    result = push_events(platform, token, copies)
    assert sorted(result["accepted"]) == sorted(c["id"] for c in copies), result["refused"]
    progress = course_progress(platform, token, course_id)
    watched = next(c for c in progress["chapters"] if c["chapter_id"] == chapter["id"])
    assert watched["intervals"] == [[5_000, 15_000]]
    assert progress["watched_ms"] == 10_000
