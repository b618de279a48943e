"""Forged watch events (``POST /watch-events``) credit nothing extra.

Faster than real time, a rate above the policy, overlapping wall-clock spans in one batch
and across batches, events in the future, the same interval replayed with new ids, a
retried id with other content: each is refused with its code of docs/api.md, or credited
only for wall-clock time no other event holds (``trimmed``), and ``GET /progress`` reports
exactly the union of what was credited.  The piles of issue 15 (zero-length, stacked,
sliding, three devices at once) are in ``test_credit_ledger.py``.

The session platform's clock is pinned at the purchase, and events may end at most a
minute after it, so every forgery is played within that minute.
"""

from __future__ import annotations

from typing import Any

import requests

from rules.watch import CREDIT_TOLERANCE_MS
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


def trims(result: dict[str, Any]) -> dict[str, int]:
    """The accepted events credited for less than their interval: id → media credited."""
    assert {item["id"] for item in result["trimmed"]} <= set(result["accepted"])
    return {item["id"]: item["credited_ms"] for item in result["trimmed"]}


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
    first_answer = push_events(platform, token, first)
    first_result = outcomes(first_answer)
    assert first_result == {
        real["id"]: None,
        same_span["id"]: None,  # accepted, but trimmed (below)
        other_chapter["id"]: None,
        too_fast["id"]: "rate_exceeded",
        fast_rate["id"]: "rate_exceeded",
        future["id"]: "in_future",
    }
    # Each overlapping event is credited only for wall time nobody held, plus one borrow of
    # half a second: "same_span" 10-10.5 s (+0.5 s), "other_chapter" 11-15 s (+0.5 s).
    assert trims(first_answer) == {same_span["id"]: 1_000, other_chapter["id"]: 4_500}

    second = [
        # the accepted event replayed with a new id, same span
        replayed := {**real, "id": event(long, 0, 1, 0, 1, now)["id"]},
        # the same media interval again at a later, free wall-clock time: covered once
        rewatched := event(long, 0, 10_000, 26, 36, now),
        # overlapping the credited time up to 15.5 s, across batches
        straddling := event(long, 10_000, 20_000, 8, 18, now),
        # a retried id with other content answers its first outcome and changes nothing
        {**real, "from_ms": 0, "to_ms": 30_000, "ended_at": shifted(now, seconds=40)},
        # what was really watched next
        honest := event(long, 10_000, 20_000, 36, 46, now),
    ]
    second_answer = push_events(platform, token, second)
    second_result = outcomes(second_answer)
    assert second_result == {
        replayed["id"]: "overlap",
        rewatched["id"]: None,
        straddling["id"]: None,
        real["id"]: None,
        honest["id"]: None,
    }
    assert trims(second_answer) == {straddling["id"]: 3_000}  # 15.5-18 s, +0.5 s

    progress = course_progress(platform, token, course_id)
    by_id = {c["chapter_id"]: c for c in progress["chapters"]}
    assert by_id[long]["intervals"] == [[0, 20_000]]
    assert by_id[other]["intervals"] == [[0, 4_500]]
    assert progress["watched_ms"] == 24_500
    # Everything credited lies in the 46 s of wall clock the events span, with one tolerance.
    credited = {
        e["id"]: trims(answer).get(e["id"], e["to_ms"] - e["from_ms"])
        for answer, events in ((first_answer, first), (second_answer, second[:3] + second[4:]))
        for e in events
        if e["id"] in answer["accepted"]
    }
    assert sum(credited.values()) == 38_500 <= 46_000 + CREDIT_TOLERANCE_MS

    # The whole forged batch again, ids and all: nothing changes.
    again = push_events(platform, token, first + second)
    assert outcomes(again) == {**first_result, **second_result}
    assert trims(again) == {**trims(first_answer), **trims(second_answer)}
    assert course_progress(platform, token, course_id)["watched_ms"] == 24_500


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
