"""Watch time on the platform: every refusal, retries, two devices, and progress with credits.

The platform's clock is pinned at the purchase (``DEFAULT_NOW``); events may end up to a
minute after it, so each learner's watching happens in that minute.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

from rules.watch import FUTURE_TOLERANCE_MS
from tests.helpers.learners import push_events, selected_course, watch_event
from tests.helpers.platform import (
    DEFAULT_NOW,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    shifted,
)

# c04 has two chapters, 20 s and 30 s: a whole course fits in the minute.
SHORT_COURSE = "yhdc-2021-professional-c04"


def at(seconds: float) -> str:
    """A wall-clock instant *seconds* after the purchase."""
    return shifted(DEFAULT_NOW, seconds=seconds)


def _progress(platform: PlatformProcess, token: str, **params: Any) -> dict[str, Any]:
    response = requests.get(
        platform.api + "/progress", params=params, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def _course_progress(platform: PlatformProcess, token: str, course_id: str) -> dict[str, Any]:
    courses = _progress(platform, token)["courses"]
    found: dict[str, Any] = next(c for c in courses if c["course_id"] == course_id)
    return found


def _codes(result: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["code"] for item in result["refused"]}


@pytest.fixture
def learner(platform: PlatformProcess) -> dict[str, Any]:
    return selected_course(platform, SHORT_COURSE)


def test_every_refusal_code(platform: PlatformProcess, learner: dict[str, Any]) -> None:
    token = learner["access_token"]
    ch1 = learner["course"]["chapters"][0]["id"]
    assert learner["course"]["chapters"][0]["duration_ms"] == 20_000

    def shaped(**fields: Any) -> dict[str, Any]:
        return {**watch_event(ch1, 0, 5_000, at(1)), **fields}

    backwards = shaped(from_ms=5_000, to_ms=5_000)
    negative = shaped(from_ms=-1_000, to_ms=1_000)
    past_the_end = watch_event(ch1, 15_000, 21_500, at(1))
    ends_before_start = shaped(ended_at=at(0))
    unknown = watch_event("no-such-chapter", 0, 5_000, at(1))
    too_fast = watch_event(ch1, 0, 5_000, at(1), rate=1.5)
    faster_than_wall = shaped(ended_at=at(4))  # 5 s of media in 3 s
    future = watch_event(ch1, 0, 5_000, at(FUTURE_TOLERANCE_MS / 1000))
    before_purchase = watch_event(ch1, 0, 5_000, at(-30))
    other_course = watch_event("yhdc-2021-professional-c02-ch1", 0, 5_000, at(1))
    first = watch_event(ch1, 0, 10_000, at(2))
    overlapping = watch_event(ch1, 10_000, 15_000, at(6))  # wholly inside "first"'s span
    partly = watch_event(ch1, 10_000, 15_000, at(10))  # shares 2 s of wall time: trimmed

    events = [
        backwards,
        negative,
        past_the_end,
        ends_before_start,
        unknown,
        too_fast,
        faster_than_wall,
        future,
        before_purchase,
        other_course,
        partly,
        overlapping,
        first,
    ]
    result = push_events(platform, token, events)
    assert _codes(result) == {
        backwards["id"]: "interval_invalid",
        negative["id"]: "interval_invalid",
        past_the_end["id"]: "interval_invalid",
        ends_before_start["id"]: "interval_invalid",
        unknown["id"]: "chapter_unknown",
        too_fast["id"]: "rate_exceeded",
        faster_than_wall["id"]: "rate_exceeded",
        future["id"]: "in_future",
        before_purchase["id"]: "before_purchase",
        other_course["id"]: "not_selected",
        overlapping["id"]: "overlap",
    }
    # Judged in started_at order: "first" (at 2 s) holds its wall time; "partly" (at 10 s)
    # is credited the 3 s after it and one borrow (0.5 s): the first 3.5 s of its media.
    assert result["accepted"] == [first["id"], partly["id"]]
    messages = {item["code"]: item["message"] for item in result["refused"]}
    assert messages["overlap"].startswith("正在其他设备学习，同一时间只计一处学时")
    assert all(messages.values())
    assert result["trimmed"] == [
        {
            "id": partly["id"],
            "code": "overlap",
            "message": messages["overlap"],
            "credited_ms": 3_500,
        }
    ]
    chapter = _course_progress(platform, token, SHORT_COURSE)["chapters"][0]
    assert chapter["intervals"] == [[0, 13_500]] and chapter["watched_ms"] == 13_500
    assert result["progress"] == [
        {
            "chapter_id": ch1,
            "watched_ms": 13_500,
            "furthest_ms": 13_500,
            "last_position_ms": 15_000,  # where the player was, though less was credited
            "completed": False,
        }
    ]

    # enrollment_closed needs a clock after the deadline: test_player_media covers it.


def test_bad_batches_are_validation_errors(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    token = learner["access_token"]
    ch1 = learner["course"]["chapters"][0]["id"]
    naive = {**watch_event(ch1, 0, 1_000, at(1)), "started_at": "2021-06-21T18:23:51"}
    response = requests.post(
        platform.api + "/watch-events", json={"events": [naive]}, headers=bearer(token), timeout=10
    )
    assert_error(response, 422, "validation_error", "started_at")
    too_many = [watch_event(ch1, 0, 1_000, at(1)) for _ in range(1001)]
    response = requests.post(
        platform.api + "/watch-events", json={"events": too_many}, headers=bearer(token), timeout=10
    )
    assert_error(response, 422, "validation_error", "events")
    response = requests.post(platform.api + "/watch-events", json={"events": []}, timeout=10)
    assert_error(response, 401, "unauthorized")


def test_a_retried_batch_changes_nothing(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    token = learner["access_token"]
    ch1 = learner["course"]["chapters"][0]["id"]
    batch = [
        watch_event(ch1, 0, 6_000, at(0)),
        watch_event(ch1, 6_000, 9_000, at(6)),
        watch_event(ch1, 0, 9_000, at(3)),  # from 3 s: trimmed to 6 s to 12.5 s
        watch_event(ch1, 0, 3_000, at(1)),  # inside the first's wall time: refused
    ]
    first = push_events(platform, token, batch)
    # Judged by started_at: the event from 3 s takes 6-12 s and one borrow (0.5 s), so the
    # one from 6 s finds its wall time credited.
    assert first["accepted"] == [batch[0]["id"], batch[2]["id"]]
    assert _codes(first) == {batch[3]["id"]: "overlap", batch[1]["id"]: "overlap"}
    assert [(t["id"], t["credited_ms"]) for t in first["trimmed"]] == [(batch[2]["id"], 6_500)]
    before = _progress(platform, token)
    changes = platform.query(
        "SELECT count(*) FROM changes WHERE account_id = ? AND entity = 'progress'",
        (learner["account"]["id"],),
    )
    again = push_events(platform, token, list(reversed(batch)))
    assert again == first
    assert _progress(platform, token) == before
    assert _course_progress(platform, token, SHORT_COURSE)["watched_ms"] == 6_500
    assert (
        platform.query(
            "SELECT count(*) FROM changes WHERE account_id = ? AND entity = 'progress'",
            (learner["account"]["id"],),
        )
        == changes
    )
    # A retried id answers its first outcome even when sent with other values.
    forged = {**batch[0], "to_ms": 20_000, "ended_at": at(20)}
    answer = push_events(platform, token, [forged])
    assert (answer["accepted"], answer["refused"], answer["trimmed"]) == ([batch[0]["id"]], [], [])
    assert [state["watched_ms"] for state in answer["progress"]] == [6_500]
    assert _progress(platform, token) == before
    # Another learner cannot reuse (or learn the outcome of) someone else's event id.
    other = selected_course(platform, SHORT_COURSE)
    stolen = {
        **watch_event(other["course"]["chapters"][0]["id"], 0, 5_000, at(0)),
        "id": batch[0]["id"],
    }
    assert _codes(push_events(platform, other["access_token"], [stolen])) == {
        stolen["id"]: "id_taken"
    }


def test_racing_pushes_of_one_batch_answer_alike_and_count_once(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    token = learner["access_token"]
    ch1 = learner["course"]["chapters"][0]["id"]
    batch = [watch_event(ch1, i * 1_000, (i + 1) * 1_000, at(i)) for i in range(20)]
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: push_events(platform, token, batch), range(4)))
    assert all(answer == answers[0] for answer in answers)
    assert len(answers[0]["accepted"]) == 20
    assert _course_progress(platform, token, SHORT_COURSE)["watched_ms"] == 20_000


def test_two_devices_watching_offline_merge_by_union(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    laptop = learner["access_token"]
    desktop = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
    ch2 = learner["course"]["chapters"][1]["id"]
    # The laptop watched 0-12 s, later the desktop 8-20 s of the same chapter (offline both).
    on_laptop = watch_event(ch2, 0, 12_000, at(0))
    on_desktop = watch_event(ch2, 8_000, 20_000, at(15))
    # The desktop comes online first.
    assert push_events(platform, desktop, [on_desktop])["accepted"] == [on_desktop["id"]]
    assert push_events(platform, laptop, [on_laptop])["accepted"] == [on_laptop["id"]]
    chapter = _course_progress(platform, laptop, SHORT_COURSE)["chapters"][1]
    assert chapter["intervals"] == [[0, 20_000]]
    assert (chapter["watched_ms"], chapter["furthest_ms"]) == (20_000, 20_000)
    # The last position is where the latest-ending session stopped.
    assert chapter["last_position_ms"] == 20_000


def test_overlapping_sessions_on_two_devices_count_once(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    laptop = learner["access_token"]
    desktop = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
    ch1, ch2 = (c["id"] for c in learner["course"]["chapters"])
    on_laptop = watch_event(ch1, 0, 10_000, at(0))
    on_desktop = watch_event(ch2, 0, 5_000, at(3))  # another chapter, at the same time
    then_desktop = watch_event(ch2, 5_000, 10_000, at(8))  # 2 s of it while the laptop played
    assert push_events(platform, laptop, [on_laptop])["accepted"] == [on_laptop["id"]]
    result = push_events(platform, desktop, [on_desktop, then_desktop])
    assert _codes(result) == {on_desktop["id"]: "overlap"}
    assert result["trimmed"][0]["message"].startswith("正在其他设备学习")
    # What the laptop did not hold (3 s) and one borrow of half a second after it.
    assert [(t["id"], t["credited_ms"]) for t in result["trimmed"]] == [(then_desktop["id"], 3_500)]
    course = _course_progress(platform, laptop, SHORT_COURSE)
    assert course["watched_ms"] == 13_500
    assert course["chapters"][1]["intervals"] == [[5_000, 8_500]]


def test_progress_coverage_completion_and_credits(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    token = learner["access_token"]
    course = learner["course"]
    ch1, ch2 = (c["id"] for c in course["chapters"])
    fresh = _progress(platform, token, year=2021)
    assert (fresh["year"], fresh["required_credits"], fresh["earned_credits"]) == (2021, 90.0, 0.0)
    assert fresh["professional"] == {"required_credits": 60.0, "earned_credits": 0.0}
    assert fresh["public"] == {"required_credits": 30.0, "earned_credits": 0.0}
    # Every selected course of the year: the public package's and c04 + the two required.
    ids = {c["course_id"] for c in fresh["courses"]}
    assert {SHORT_COURSE, "yhdc-2021-professional-c47", "yhdc-2021-professional-c49"} <= ids
    untouched = _course_progress(platform, token, SHORT_COURSE)
    assert untouched["status"] == "not_started" and untouched["percent"] == 0.0
    assert untouched["enrollment_id"] == learner["enrollment_id"]
    assert untouched["course_type"] == "professional"
    assert untouched["duration_ms"] == 50_000

    push_events(platform, token, [watch_event(ch1, 0, 8_000, at(0))])
    push_events(platform, token, [watch_event(ch1, 12_000, 20_000, at(8))])
    progress = _course_progress(platform, token, SHORT_COURSE)
    chapter = progress["chapters"][0]
    assert chapter == {
        "chapter_id": ch1,
        "title": "第一讲 政府采购的基本制度框架",
        "duration_ms": 20_000,
        "watched_ms": 16_000,
        "furthest_ms": 8_000,  # the island at 12-20 s does not unlock the gap
        "last_position_ms": 20_000,
        "percent": 80.0,
        "completed": False,
        "intervals": [[0, 8_000], [12_000, 20_000]],
    }
    assert (progress["status"], progress["watched_ms"], progress["percent"]) == (
        "in_progress",
        16_000,
        32.0,
    )

    # Filling the gap completes the chapter; rewinding does not move the last position back
    # unless it is the latest session.
    push_events(platform, token, [watch_event(ch1, 8_000, 12_000, at(16))])
    chapter = _course_progress(platform, token, SHORT_COURSE)["chapters"][0]
    assert (chapter["completed"], chapter["percent"], chapter["furthest_ms"]) == (
        True,
        100.0,
        20_000,
    )
    assert chapter["last_position_ms"] == 12_000
    assert _progress(platform, token)["earned_credits"] == 0.0  # one chapter is not the course

    # The second chapter to within the completion tolerance (3 s) completes the course.
    push_events(platform, token, [watch_event(ch2, 0, 27_500, at(20))])
    done = _progress(platform, token, year=2021)
    progress = next(c for c in done["courses"] if c["course_id"] == SHORT_COURSE)
    assert progress["status"] == "completed" and progress["percent"] == 100.0
    assert progress["watched_ms"] == 20_000 + 27_500
    completed_at = dt.datetime.fromisoformat(progress["completed_at"])
    # When the last session ended, but never later than the platform's now (clock skew).
    assert completed_at == min(
        dt.datetime.fromisoformat(at(47.5)), dt.datetime.fromisoformat(DEFAULT_NOW)
    )
    assert done["professional"]["earned_credits"] == course["credits"]
    assert done["earned_credits"] == course["credits"]
    assert done["public"]["earned_credits"] == 0.0
    # Another year holds nothing.
    assert _progress(platform, token, year=2020)["courses"] == []

    # The catalog's watched time is the progress, so the course can no longer be deselected.
    catalog = requests.get(
        f"{platform.api}/enrollments/{learner['enrollment_id']}/courses",
        headers=bearer(token),
        timeout=10,
    ).json()
    row = next(c for c in catalog["items"] if c["id"] == SHORT_COURSE)
    assert row["watched_ms"] == 47_500
    response = requests.delete(
        f"{platform.api}/enrollments/{learner['enrollment_id']}/selections/{SHORT_COURSE}",
        headers=bearer(token),
        timeout=10,
    )
    assert_error(response, 409, "course_watched")
    # A progress change was announced for the course.
    feed = requests.get(platform.api + "/changes", headers=bearer(token), timeout=10).json()
    assert {"progress"} <= {c["entity"] for c in feed["items"]}


def test_an_event_id_that_is_not_a_uuid_is_refused_at_its_field(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    """Ids are the client's uuid4s; anything else is a malformed batch, not a stored row."""
    chapter = learner["course"]["chapters"][0]["id"]
    event = {**watch_event(chapter, 0, 5_000, at(1)), "id": "e1"}
    response = requests.post(
        platform.api + "/watch-events",
        json={"events": [event]},
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert_error(response, 422, "validation_error", "id")
    progress = _course_progress(platform, learner["access_token"], SHORT_COURSE)
    assert progress["chapters"][0]["watched_ms"] == 0


def test_a_batch_over_the_limit_is_told_the_limit(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    chapter = learner["course"]["chapters"][0]["id"]
    events = [watch_event(chapter, 0, 5_000, at(1)) for _ in range(1_001)]
    response = requests.post(
        platform.api + "/watch-events",
        json={"events": events},
        headers=bearer(learner["access_token"]),
        timeout=30,
    )
    error = assert_error(response, 422, "validation_error", "events")
    assert "1000" in error["message"] and "分批" in error["message"]
