"""Payment at the counter: a walk-in's order paid in cash or by a study card of the institution."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.helpers.learners import (
    change_password,
    enrolled_learner,
    issue_cards,
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
