"""What the administrator's audit log holds beyond the successful actions (issue 18):
refused card tries and wrong cash amounts at the counter, staff logouts, whether a walk-in
was registered at the counter or by 批量登记 — and the wording a staff login failure gets."""

from __future__ import annotations

from typing import Any

import requests

from tests.helpers.learners import (
    DEMO_ADMIN,
    ready_staff,
    register_walk_in,
    staff_login,
    walk_in_body,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login

PROFESSIONAL = "yhdc-2021-professional"


def _post(platform: PlatformProcess, token: str, path: str, body: Any = None) -> requests.Response:
    return requests.post(platform.api + path, json=body, headers=bearer(token), timeout=10)


def _audit(platform: PlatformProcess, target_id: str) -> list[tuple[str, str]]:
    """The institution's entries about *target_id*, oldest first, as the admin reads them."""
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    response = requests.get(
        platform.api + "/staff/audit-log",
        params={"limit": 500},
        headers=bearer(admin),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    items = [i for i in response.json()["items"] if i["target_id"] == target_id]
    return [(i["action"], i["summary"]) for i in reversed(items)]


def _order(platform: PlatformProcess, token: str) -> dict[str, Any]:
    walk_in = register_walk_in(platform, token)["walk_in"]
    response = _post(
        platform, token, f"/staff/walk-ins/{walk_in['id']}/orders", {"package_ids": [PROFESSIONAL]}
    )
    assert response.status_code == 201, response.text
    order: dict[str, Any] = response.json()
    return order


def test_a_wrong_cash_amount_is_refused_and_recorded(platform: PlatformProcess) -> None:
    desk = staff_login(platform)["access_token"]
    order = _order(platform, desk)
    path = f"/staff/orders/{order['id']}/cash-payment"
    assert_error(
        _post(platform, desk, path, {"received_fen": 8000}), 422, "validation_error", "received_fen"
    )
    assert _post(platform, desk, path, {"received_fen": order["amount_fen"]}).status_code == 200
    actions = _audit(platform, order["id"])
    assert [a for a, _ in actions] == ["order_created", "cash_amount_wrong", "cash_payment"]
    wrong = actions[1][1]
    assert "¥80.00" in wrong and "¥90.00" in wrong and order["number"] in wrong


def test_refused_card_tries_at_the_counter_are_recorded_without_the_password(
    platform: PlatformProcess,
) -> None:
    # A staff member of its own: wrong card tries count per typist.
    staff = ready_staff(platform, staff_login(platform, *DEMO_ADMIN)["access_token"])
    token = staff["access_token"]
    order = _order(platform, token)
    path = f"/staff/orders/{order['id']}/study-card"
    refused = _post(platform, token, path, {"card_number": "880099998888", "password": "SECRET99"})
    assert_error(refused, 422, "card_not_found", "card_number")
    actions = _audit(platform, order["id"])
    assert [a for a, _ in actions] == ["order_created", "card_payment_failed"]
    summary = actions[1][1]
    assert "学习卡卡号不存在" in summary and "8888" in summary and order["number"] in summary
    assert "SECRET99" not in summary and "880099998888" not in summary


def test_a_staff_logout_is_recorded(platform: PlatformProcess) -> None:
    session = staff_login(platform)
    account_id = session["account"]["id"]
    response = requests.delete(
        platform.api + "/sessions/current", headers=bearer(session["access_token"]), timeout=10
    )
    assert response.status_code == 204
    actions = [a for a, _ in _audit(platform, account_id)]
    assert actions[-1] == "logout"


def test_the_log_says_whether_a_walk_in_came_from_the_counter_or_the_batch(
    platform: PlatformProcess,
) -> None:
    desk = staff_login(platform)["access_token"]
    typed = register_walk_in(platform, desk)["walk_in"]["id"]
    batch = register_walk_in(platform, desk, walk_in_body(source="batch"))["walk_in"]["id"]
    ((typed_action, typed_summary),) = _audit(platform, typed)
    ((batch_action, batch_summary),) = _audit(platform, batch)
    assert (typed_action, typed_summary[:6]) == ("walk_in_created", "现场登记学员")
    assert (batch_action, batch_summary[:6]) == ("walk_in_batch", "批量登记学员")
    assert _post(platform, desk, "/staff/walk-ins", walk_in_body(source="fax")).status_code == 422


def test_staff_get_staff_wording_when_a_login_fails(platform: PlatformProcess) -> None:
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    staff = ready_staff(platform, admin)
    wrong = assert_error(
        login(platform, staff["username"], "Wrong2021x"), 401, "login_failed", "password"
    )
    assert wrong["message"].startswith("用户名或密码错误")
    learner = assert_error(
        login(platform, "44010619900307001X", "Wrong2021x"), 401, "login_failed", "password"
    )
    assert learner["message"].startswith("证件号码或密码错误")
