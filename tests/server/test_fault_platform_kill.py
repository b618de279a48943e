"""The platform SIGKILLed in the middle of a batch of watch events, then restarted.

The client's outbox resends the same batch (same ids) after a lost answer.  Whatever the
moment of the kill, every event must be applied exactly once: the batch is stored whole
or not at all, the resend answers every id, a further resend answers the same, and the
progress is the union of the accepted intervals — nothing lost, nothing counted twice.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import requests

from rules.watch import covered_ms, merge_intervals
from tests.conftest import PlatformFactory
from tests.helpers.learners import push_events, selected_course, watch_event
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, login, shifted

BATCH = 600
#: Seconds between sending a batch and the SIGKILL: from "still reading the body" to
#: "already answered"; the last ones are fractions of a measured whole batch.
KILL_DELAYS_S = (0.0, 0.01, 0.03, 0.08)
KILL_SHARES = (0.3, 0.6, 0.9, 1.5)


def batch(course: dict[str, Any], start: dt.datetime) -> tuple[list[dict[str, Any]], set[str]]:
    """*BATCH* events of 3 s every 4 s from *start*, cycling over the course's chapters
    and over every other 3 s of each (so the union has gaps); every 10th claims 2× speed and every 25th replays the previous one's wall-clock span
    (both refused).  Returns the events and the ids that should be accepted."""
    chapters = course["chapters"]
    events, expected = [], set()
    for n in range(BATCH):
        chapter = chapters[n % len(chapters)]
        slots = (chapter["duration_ms"] - 3000) // 6000  # every other 3 s: gaps remain
        from_ms = (n // len(chapters) % slots) * 6000
        at = start + dt.timedelta(seconds=4 * n)
        if n % 25 == 24:
            at -= dt.timedelta(seconds=4)  # the same span as the event before: overlap
        event = watch_event(chapter["id"], from_ms, from_ms + 3000, at.isoformat())
        if n % 10 == 9:
            event["rate"] = 2.0
        elif n % 25 != 24:
            expected.add(event["id"])
        events.append(event)
    return events, expected


def send_and_kill(platform: PlatformProcess, token: str, events: Any, delay_s: float) -> bool:
    """POST the batch and SIGKILL the platform *delay_s* later; whether an answer came."""
    answered = threading.Event()

    def send() -> None:
        try:
            response = requests.post(
                platform.api + "/watch-events",
                json={"events": events},
                headers=bearer(token),
                timeout=30,
            )
        except requests.RequestException:
            return
        if response.status_code == 200:
            answered.set()

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(delay_s)
    platform.kill()
    sender.join(timeout=30)
    return answered.is_set()


def stored(platform: PlatformProcess, ids: list[str]) -> int:
    marks = ",".join("?" * len(ids))
    return int(
        platform.query(f"SELECT count(*) FROM watch_events WHERE id IN ({marks})", tuple(ids))[0][0]
    )


def outcome(answer: dict[str, Any]) -> tuple[set[str], dict[str, str]]:
    return set(answer["accepted"]), {r["id"]: r["code"] for r in answer["refused"]}


def test_a_batch_cut_by_a_killed_platform_is_applied_exactly_once(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False)
    learner = selected_course(platform)
    course = learner["course"]
    # A day later: the batches below (two hours apart, 40 minutes each) lie in the past.
    platform.restart(now=shifted(DEFAULT_NOW, days=1))
    paid_at = dt.datetime.fromisoformat(DEFAULT_NOW)
    token = login(platform, learner["id_number"], learner["password"]).json()["access_token"]

    # How long one whole batch takes here, to aim the later kills inside its handling.
    events, expected = batch(course, paid_at + dt.timedelta(minutes=1))
    began = time.monotonic()
    first = push_events(platform, token, events)
    handling_s = time.monotonic() - began
    assert outcome(first)[0] == expected
    rounds: list[list[dict[str, Any]]] = [events]
    accepted_ids = set(expected)
    delays = [*KILL_DELAYS_S, *(share * handling_s for share in KILL_SHARES)]
    cut = []  # (delay, answered before the kill, rows stored by the killed process)
    for number, delay in enumerate(delays, 1):
        events, expected = batch(course, paid_at + dt.timedelta(hours=2 * number))
        ids = [event["id"] for event in events]
        answered = send_and_kill(platform, token, events, delay)
        rows = stored(platform, ids)
        cut.append((round(delay, 3), answered, rows))
        assert rows in (0, BATCH), cut  # one transaction: all of the batch or none of it
        assert rows == BATCH or not answered, cut

        platform.start()  # same database, same clock: the outbox resends the same batch
        token = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
        resent = outcome(push_events(platform, token, events))
        assert resent[0] | set(resent[1]) == set(ids), cut
        assert resent[0] == expected, cut
        assert set(resent[1].values()) == {"rate_exceeded", "overlap"}, cut
        again = outcome(push_events(platform, token, events))
        assert again == resent, cut  # the first outcome, whatever it was
        assert stored(platform, ids) == BATCH
        rounds.append(events)
        accepted_ids |= expected

    print("kill delay s, answered before the kill, rows the killed platform stored:", cut)
    assert any(not answered for _, answered, _ in cut), "no kill landed before the answer"

    every_id = [event["id"] for events in rounds for event in events]
    assert stored(platform, every_id) == len(every_id)
    rows = platform.query(
        "SELECT count(*), count(DISTINCT id) FROM watch_events WHERE account_id = ?",
        (learner["account"]["id"],),
    )
    assert rows[0] == (len(every_id), len(every_id))  # no duplicate rows, nothing else

    union: dict[str, list[tuple[int, int]]] = {}
    for events in rounds:
        for event in events:
            if event["id"] in accepted_ids:
                union.setdefault(event["chapter_id"], []).append((event["from_ms"], event["to_ms"]))
    progress = requests.get(
        platform.api + "/progress", params={"year": 2021}, headers=bearer(token), timeout=10
    ).json()
    credited = next(c for c in progress["courses"] if c["course_id"] == learner["course_id"])
    for chapter in credited["chapters"]:
        spans = merge_intervals(union.get(chapter["chapter_id"], []))
        assert chapter["intervals"] == [list(span) for span in spans]
        assert chapter["watched_ms"] == covered_ms(spans)
