"""Two requests of one learner at the same moment, on a database that runs them side by side.

SQLite lets one writer in at a time, so these races exist only on PostgreSQL
(``KJCE_TEST_DB=postgresql``); each test repeats its race a few times to meet it.
The order numbers of one second and two confirmations of one order are raced in
``test_orders.py``, on both databases.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import pytest
import requests

from tests.helpers import postgres
from tests.helpers.learners import (
    collected_learner,
    fill_learner_info,
    push_events,
    selected_course,
    watch_event,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, shifted

pytestmark = pytest.mark.skipif(not postgres.enabled(), reason="SQLite serialises writers")

SHORT_COURSE = "yhdc-2021-professional-c04"  # chapters of 20 s and 30 s
PROFESSIONAL = "yhdc-2021-professional"
T = TypeVar("T")


def at(seconds: float) -> str:
    return shifted(DEFAULT_NOW, seconds=seconds)


def together(*calls: Callable[[], T]) -> list[T]:
    """Run *calls* in threads released at the same instant; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        results[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _chapter(platform: PlatformProcess, token: str, index: int) -> dict[str, Any]:
    response = requests.get(platform.api + "/progress", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    course = next(c for c in response.json()["courses"] if c["course_id"] == SHORT_COURSE)
    chapter: dict[str, Any] = course["chapters"][index]
    return chapter


def test_two_devices_pushing_the_same_moment_at_once_count_it_once(
    platform: PlatformProcess,
) -> None:
    """Overlapping wall time from two pushes at once: one is accepted, one is an overlap."""
    learner = selected_course(platform, SHORT_COURSE)
    token = learner["access_token"]
    ch1, ch2 = (chapter["id"] for chapter in learner["course"]["chapters"])
    for round_ in range(4):
        start = round_ * 12
        on_laptop = watch_event(ch1, round_ * 5_000, round_ * 5_000 + 4_000, at(start))
        on_desktop = watch_event(ch2, round_ * 5_000, round_ * 5_000 + 4_000, at(start + 1))
        answers = together(
            partial(push_events, platform, token, [on_laptop]),
            partial(push_events, platform, token, [on_desktop]),
        )
        accepted = [i for answer in answers for i in answer["accepted"]]
        refused = [item["code"] for answer in answers for item in answer["refused"]]
        assert (len(accepted), refused) == (1, ["overlap"]), answers
    watched = (
        _chapter(platform, token, 0)["watched_ms"] + _chapter(platform, token, 1)["watched_ms"]
    )
    assert watched == 4 * 4_000


def test_two_pushes_on_one_chapter_at_once_keep_both_intervals(
    platform: PlatformProcess,
) -> None:
    """Neither push overwrites the other's intervals of the chapter (no lost update)."""
    learner = selected_course(platform, SHORT_COURSE)
    token = learner["access_token"]
    ch2 = learner["course"]["chapters"][1]["id"]
    assert push_events(platform, token, [watch_event(ch2, 28_000, 30_000, at(55))])["accepted"]
    for round_ in range(5):
        base = round_ * 5_000
        first = watch_event(ch2, base, base + 2_000, at(round_ * 10))
        second = watch_event(ch2, base + 2_500, base + 4_500, at(round_ * 10 + 4))
        answers = together(
            partial(push_events, platform, token, [first]),
            partial(push_events, platform, token, [second]),
        )
        assert [answer["refused"] for answer in answers] == [[], []], answers
    chapter = _chapter(platform, token, 1)
    assert chapter["watched_ms"] == 2_000 + 5 * 4_000, chapter["intervals"]


def test_ordering_one_package_twice_at_once_pays_and_enrolls_once(
    platform: PlatformProcess,
) -> None:
    """Two orders placed at once: one supersedes the other, so one payment enrolls."""
    for _ in range(3):
        _order_twice_and_pay_both(platform)


def _order_twice_and_pay_both(platform: PlatformProcess) -> None:
    token = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)

    def place() -> requests.Response:
        return requests.post(
            platform.api + "/orders",
            json={"package_ids": [PROFESSIONAL]},
            headers=bearer(token),
            timeout=10,
        )

    placed = together(place, place)
    assert [r.status_code for r in placed] == [201, 201], [r.text for r in placed]
    orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10)
    assert sorted(o["status"] for o in orders.json()["items"]) == ["cancelled", "pending"]

    payments = []
    for answer in placed:
        response = requests.post(
            f"{platform.api}/orders/{answer.json()['id']}/payments",
            json={"method": "wechat"},
            headers=bearer(token),
            timeout=10,
        )
        assert response.status_code in (201, 409), response.text
        if response.status_code == 201:
            payments.append(response.json()["id"])
    confirm = f"{platform.api}/sandbox/payments/{{}}/confirm"
    confirmed = together(*(partial(requests.post, confirm.format(p), timeout=10) for p in payments))
    assert all(r.status_code in (200, 409) for r in confirmed), [r.text for r in confirmed]
    enrollments = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    assert [e["package_id"] for e in enrollments.json()["items"]] == [PROFESSIONAL]
