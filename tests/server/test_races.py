"""Two requests of one learner at the same moment, on SQLite and on PostgreSQL.

SQLite lets one writer in at a time, but a read-check-then-write spread over statements is
not one write: every race here was met on SQLite too.  Run the module on both databases
(``KJCE_TEST_DB=postgresql`` for the second); each test repeats its race a few times to
meet it.  The order numbers of one second and two confirmations of one order are raced
in ``test_orders.py``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar

import pytest
import requests

from tests.helpers.concurrency import together
from tests.helpers.learners import (
    collected_learner,
    fill_learner_info,
    push_events,
    selected_course,
    watch_event,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, shifted

SHORT_COURSE = "yhdc-2021-professional-c04"  # chapters of 20 s and 30 s
PROFESSIONAL = "yhdc-2021-professional"
PUBLIC = "yhdc-2021-public"
T = TypeVar("T")


def at(seconds: float) -> str:
    return shifted(DEFAULT_NOW, seconds=seconds)


def _chapter(platform: PlatformProcess, token: str, index: int) -> dict[str, Any]:
    response = requests.get(platform.api + "/progress", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    course = next(c for c in response.json()["courses"] if c["course_id"] == SHORT_COURSE)
    chapter: dict[str, Any] = course["chapters"][index]
    return chapter


def test_two_devices_pushing_the_same_moment_at_once_count_it_once(
    platform: PlatformProcess,
) -> None:
    """Overlapping wall time from two pushes at once: whichever is judged second is credited
    only for the second the first did not hold, and one borrow of half a second."""
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
        trimmed = [(t["code"], t["credited_ms"]) for answer in answers for t in answer["trimmed"]]
        assert (len(accepted), trimmed) == (2, [("overlap", 1_500)]), answers
    watched = (
        _chapter(platform, token, 0)["watched_ms"] + _chapter(platform, token, 1)["watched_ms"]
    )
    assert watched == 4 * (4_000 + 1_500)


def test_three_devices_pushing_the_same_20_s_at_once_count_it_once(
    platform: PlatformProcess,
) -> None:
    """Three batches of one learner, each 20 s of the same wall-clock time on its chapter, at
    once (they earned 60 s before issue 15): one batch's time counts, the others overlap."""
    learner = selected_course(platform, SHORT_COURSE)
    token = learner["access_token"]
    ch1, ch2 = (chapter["id"] for chapter in learner["course"]["chapters"])
    for round_ in range(3):  # 3 × 20 s: within the minute events may run past the clock
        batches = [
            [
                watch_event(
                    chapter, media + n * 5_000, media + (n + 1) * 5_000, at(round_ * 20 + n * 5)
                )
                for n in range(4)
            ]
            for chapter, media in ((ch1, 0), (ch2, 0), (ch2, 10_000))  # the third: ch2's end
        ]
        answers = together(*(partial(push_events, platform, token, batch) for batch in batches))
        credited = sorted(len(answer["accepted"]) for answer in answers)
        refused = [item["code"] for answer in answers for item in answer["refused"]]
        assert (credited, refused) == ([0, 0, 4], ["overlap"] * 8), answers
        assert all(not answer["trimmed"] for answer in answers)


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


@pytest.mark.parametrize("keys", ["none", "same", "two"])
def test_ordering_one_package_twice_at_once_pays_and_enrolls_once(
    platform: PlatformProcess, keys: str
) -> None:
    """A double-clicked 购买 (no key, one key, or a key per click): one live order, ¥90.

    Its two payments confirmed at once pay it once; the learner owns the package once.
    Before issue 15 both orders stayed pending and both were paid: ¥180 for one enrollment.
    """
    for round_ in range(3):
        _order_twice_and_pay_both(platform, keys, round_)


def _order_twice_and_pay_both(platform: PlatformProcess, keys: str, round_: int) -> None:
    token = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)
    key_of = {
        "none": lambda _click: None,
        "same": lambda _click: f"buy-{round_}",
        "two": lambda click: f"buy-{round_}-{click}",
    }[keys]

    def place(click: int) -> requests.Response:
        key = key_of(click)
        return requests.post(
            platform.api + "/orders",
            json={"package_ids": [PROFESSIONAL]},
            headers={**bearer(token), **({"Idempotency-Key": key} if key else {})},
            timeout=30,
        )

    placed = together(partial(place, 1), partial(place, 2))
    if keys == "same":  # the second answer is the first one, replayed
        assert [r.status_code for r in placed] == [201, 201], [r.text for r in placed]
        assert placed[0].content == placed[1].content
        assert sorted(r.headers.get("Idempotent-Replayed", "") for r in placed) == ["", "true"]
    else:  # the second click finds the first order pending and answers it
        assert sorted(r.status_code for r in placed) == [200, 201], [r.text for r in placed]
    assert len({r.json()["id"] for r in placed}) == 1
    orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()
    assert [o["status"] for o in orders["items"]] == ["pending"]

    order_id = placed[0].json()["id"]

    def new_payment(method: str) -> requests.Response:
        return requests.post(
            f"{platform.api}/orders/{order_id}/payments",
            json={"method": method},
            headers=bearer(token),
            timeout=30,
        )

    payments = together(partial(new_payment, "wechat"), partial(new_payment, "alipay"))
    assert [p.status_code for p in payments] == [201, 201], [p.text for p in payments]
    confirm = f"{platform.api}/sandbox/payments/{{}}/confirm"
    confirmed = together(
        *(partial(requests.post, confirm.format(p.json()["id"]), timeout=30) for p in payments)
    )
    assert sorted(r.status_code for r in confirmed) == [200, 409], [r.text for r in confirmed]
    paid_fen = sum(r.json()["amount_fen"] for r in confirmed if r.status_code == 200)
    assert paid_fen == 9000
    orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()
    assert [(o["status"], o["amount_fen"]) for o in orders["items"]] == [("paid", 9000)]
    enrollments = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    assert [e["package_id"] for e in enrollments.json()["items"]] == [PROFESSIONAL]


@pytest.mark.parametrize("same_key", [False, True])
def test_eight_free_orders_at_once_make_one_order(
    platform: PlatformProcess, same_key: bool
) -> None:
    """Eight ¥0 orders of the public package at once: one order, paid, one enrollment.

    Without a key the others are told the package is owned; with one key they all answer
    the first order.  Before issue 15 the eight made eight orders.
    """
    for round_ in range(3):
        token = collected_learner(platform)["access_token"]
        fill_learner_info(platform, token)
        key = {"Idempotency-Key": f"free-{round_}"} if same_key else {}

        def place() -> requests.Response:
            return requests.post(
                platform.api + "/orders",
                json={"package_ids": [PUBLIC]},
                headers={**bearer(token), **key},  # noqa: B023  (called in this round)
                timeout=30,
            )

        answers = together(*[place] * 8)
        codes = sorted(r.status_code for r in answers)
        if same_key:
            assert codes == [201] * 8, [r.text for r in answers]
            assert len({r.content for r in answers}) == 1
        else:
            assert codes == [201] + [409] * 7, [r.text for r in answers]
            refused = [r.json()["error"]["code"] for r in answers if r.status_code == 409]
            assert set(refused) == {"package_owned"}
        orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()
        assert [(o["status"], o["method"]) for o in orders["items"]] == [("paid", "free")]
        enrollments = requests.get(
            platform.api + "/enrollments", headers=bearer(token), timeout=10
        ).json()
        assert [e["package_id"] for e in enrollments["items"]] == [PUBLIC]
