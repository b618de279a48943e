"""Payment at the counter: a walk-in's order paid in cash or by a study card of the institution."""

from __future__ import annotations

from functools import partial
from typing import Any

import pytest
import requests

from tests.helpers.concurrency import together
from tests.helpers.learners import (
    DEMO_ADMIN,
    change_password,
    enrolled_learner,
    issue_cards,
    ready_staff,
    register_walk_in,
    staff_login,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login

PROFESSIONAL = "yhdc-2021-professional"
PUBLIC = "yhdc-2021-public"


@pytest.fixture
def desk(platform: PlatformProcess) -> str:
    token: str = staff_login(platform)["access_token"]
    return token


def _post(platform: PlatformProcess, token: str, path: str, body: Any) -> requests.Response:
    return requests.post(platform.api + path, json=body, headers=bearer(token), timeout=10)


def _order(platform: PlatformProcess, desk: str, walk_in_id: str, *packages: str) -> Any:
    response = _post(
        platform, desk, f"/staff/walk-ins/{walk_in_id}/orders", {"package_ids": list(packages)}
    )
    assert response.status_code == 201, response.text
    return response.json()


def _learner_session(platform: PlatformProcess, answer: dict[str, Any]) -> str:
    """The walk-in logged in, the one-time password changed."""
    response = login(platform, answer["login_id"], answer["initial_password"])
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    change_password(platform, token, answer["initial_password"], "Learner2021x")
    return token


def _get(platform: PlatformProcess, token: str, path: str) -> Any:
    response = requests.get(platform.api + path, headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_cash_is_recorded_with_the_staff_member_and_time_and_enrolls(
    platform: PlatformProcess, desk: str
) -> None:
    answer = register_walk_in(platform, desk)
    walk_in_id = answer["walk_in"]["id"]
    order = _order(platform, desk, walk_in_id, PROFESSIONAL)
    assert (order["status"], order["amount_fen"], order["paid_by_staff"]) == ("pending", 9000, None)

    path = f"/staff/orders/{order['id']}/cash-payment"
    assert_error(
        _post(platform, desk, path, {"received_fen": 8000}), 422, "validation_error", "received_fen"
    )
    response = _post(platform, desk, path, {"received_fen": 9000})
    assert response.status_code == 200, response.text
    paid = response.json()
    assert paid["id"] == order["id"]
    assert paid["status"] == "paid"
    assert paid["method"] == "cash"
    assert paid["paid_by_staff"] == "陈嘉明"
    assert paid["paid_at"] == platform.now
    assert_error(_post(platform, desk, path, {"received_fen": 9000}), 409, "order_not_payable")

    # The desk's queue shows the paid order with the walk-in.
    listed = _get(platform, desk, "/staff/walk-ins?q=" + answer["login_id"][-4:])["items"]
    mine = next(item for item in listed if item["id"] == walk_in_id)
    assert [(o["id"], o["status"]) for o in mine["orders"]] == [(order["id"], "paid")]

    # The learner owns the package and sees who took the money.
    token = _learner_session(platform, answer)
    enrollments = _get(platform, token, "/enrollments")["items"]
    assert [e["package_id"] for e in enrollments] == [PROFESSIONAL]
    assert enrollments[0]["order_id"] == order["id"]
    orders = _get(platform, token, "/orders")["items"]
    assert [(o["id"], o["method"], o["paid_by_staff"]) for o in orders] == [
        (order["id"], "cash", "陈嘉明")
    ]
    entities = {change["entity"] for change in _get(platform, token, "/changes")["items"]}
    assert {"me", "profile", "order", "enrollment"} <= entities


def test_a_free_package_is_paid_when_ordered(platform: PlatformProcess, desk: str) -> None:
    walk_in_id = register_walk_in(platform, desk)["walk_in"]["id"]
    order = _order(platform, desk, walk_in_id, PUBLIC)
    assert (order["status"], order["method"], order["amount_fen"]) == ("paid", "free", 0)
    response = _post(
        platform, desk, f"/staff/orders/{order['id']}/cash-payment", {"received_fen": 0}
    )
    assert_error(response, 409, "order_not_payable")
    # Owned now: ordering it again is the learner path's refusal.
    response = _post(
        platform, desk, f"/staff/walk-ins/{walk_in_id}/orders", {"package_ids": [PUBLIC]}
    )
    assert_error(response, 409, "package_owned", "package_ids")


def test_a_study_card_of_the_institution_pays_a_walk_in_s_order(
    platform: PlatformProcess, desk: str
) -> None:
    (number, password), (other_number, other_password) = issue_cards(platform, PROFESSIONAL, 2)
    answer = register_walk_in(platform, desk)
    order = _order(platform, desk, answer["walk_in"]["id"], PROFESSIONAL)
    path = f"/staff/orders/{order['id']}/study-card"

    response = _post(platform, desk, path, {"card_number": number, "password": "WRONGPWD"})
    error = assert_error(response, 422, "card_password_wrong", "password")
    assert 0 < error["remaining_attempts"] < 5  # counted for the staff member
    response = _post(platform, desk, path, {"card_number": number, "password": password.lower()})
    assert response.status_code == 200, response.text
    paid = response.json()
    assert (paid["status"], paid["method"], paid["paid_by_staff"]) == (
        "paid",
        "study_card",
        "陈嘉明",
    )
    assert platform.query(
        "SELECT s.used_by, s.order_id FROM study_cards s WHERE s.card_number = ?", (number,)
    ) == [(answer["walk_in"]["id"], order["id"])]

    # A used card pays nothing more; the other card still does.
    second = register_walk_in(platform, desk)
    other_order = _order(platform, desk, second["walk_in"]["id"], PROFESSIONAL)
    other_path = f"/staff/orders/{other_order['id']}/study-card"
    response = _post(platform, desk, other_path, {"card_number": number, "password": password})
    assert_error(response, 409, "card_used", "card_number")
    response = _post(
        platform, desk, other_path, {"card_number": other_number, "password": other_password}
    )
    assert response.status_code == 200, response.text

    token = _learner_session(platform, answer)
    assert [e["package_id"] for e in _get(platform, token, "/enrollments")["items"]] == [
        PROFESSIONAL
    ]


def test_the_desk_pays_no_order_of_another_institution(
    platform: PlatformProcess, desk: str
) -> None:
    learner = enrolled_learner(platform, ("fsdc-2021-public",))
    order_id = learner["order"]["id"]
    for path, body in [
        (f"/staff/orders/{order_id}/cash-payment", {"received_fen": 0}),
        (f"/staff/orders/{order_id}/study-card", {"card_number": "1", "password": "x"}),
        ("/staff/orders/no-such-order/cash-payment", {"received_fen": 0}),
    ]:
        assert_error(_post(platform, desk, path, body), 404, "not_found")


# -- one order, one payment at the counter too (issue 15) --------------------------------


@pytest.mark.parametrize("same_key", [False, True])
def test_a_double_clicked_order_and_cash_payment_count_once(
    platform: PlatformProcess, desk: str, same_key: bool
) -> None:
    """下单 and 确认收款 clicked twice at once: one order, paid once, by one audit entry."""
    walk_in_id = register_walk_in(platform, desk)["walk_in"]["id"]

    def post(path: str, body: Any, key: str) -> requests.Response:
        headers = {**bearer(desk), **({"Idempotency-Key": key} if same_key else {})}
        return requests.post(platform.api + path, json=body, headers=headers, timeout=30)

    ordered = together(
        *[
            partial(
                post, f"/staff/walk-ins/{walk_in_id}/orders", {"package_ids": [PROFESSIONAL]}, "o"
            )
        ]
        * 2
    )
    assert sorted(r.status_code for r in ordered) == ([201, 201] if same_key else [200, 201])
    assert len({r.json()["id"] for r in ordered}) == 1
    order_id = ordered[0].json()["id"]
    path = f"/staff/orders/{order_id}/cash-payment"
    paid = together(*[partial(post, path, {"received_fen": 9000}, "c")] * 2)
    codes = sorted(r.status_code for r in paid)
    if same_key:
        assert codes == [200, 200] and paid[0].content == paid[1].content, [r.text for r in paid]
    else:
        assert codes == [200, 409], [r.text for r in paid]
    audit = platform.query(
        "SELECT action FROM audit_log WHERE target_id = ? ORDER BY id", (order_id,)
    )
    assert audit == [("order_created",), ("cash_payment",)]
    if same_key:  # a retry long after answers the same
        again = post(path, {"received_fen": 9000}, "c")
        assert (again.status_code, again.content) == (200, paid[0].content)


def test_concurrent_wrong_card_tries_at_the_counter_check_no_more_than_the_limit(
    platform: PlatformProcess,
) -> None:
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    staff = ready_staff(platform, admin)["access_token"]
    [(number, password)] = issue_cards(platform, PROFESSIONAL, 1)
    order = _order(
        platform, staff, register_walk_in(platform, staff)["walk_in"]["id"], PROFESSIONAL
    )
    path = f"/staff/orders/{order['id']}/study-card"
    checked_before = platform.log_text().count("wrong study card try")
    answers = together(
        *[partial(_post, platform, staff, path, {"card_number": number, "password": "WRONG123"})]
        * 10
    )
    codes = sorted(a.json()["error"]["code"] for a in answers)
    assert codes == ["card_locked"] * 6 + ["card_password_wrong"] * 4, codes
    assert platform.log_text().count("wrong study card try") - checked_before == 5
    response = _post(platform, staff, path, {"card_number": number, "password": password})
    assert_error(response, 423, "card_locked")
