"""The year's deadline by the platform clock: after 31 Dec nothing is bought or chosen.

One platform for the module: the scene is set at 2021-12-31 23:50, then the platform is
restarted on the same database at 2022-01-01 00:06 (past the deadline, and past the
15-minute card lock started at 23:50).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.helpers.learners import (
    collected_learner,
    enrolled_learner,
    fill_learner_info,
    issue_cards,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login

BEFORE = "2021-12-31T23:50:00+08:00"
AFTER = "2022-01-01T00:06:00+08:00"


def _post(platform: PlatformProcess, token: str, path: str, body: Any = None) -> Any:
    return requests.post(platform.api + path, json=body, headers=bearer(token), timeout=10)


def _activate(platform: PlatformProcess, token: str, **body: Any) -> requests.Response:
    response: requests.Response = _post(platform, token, "/study-cards/activate", body)
    return response


def _order(platform: PlatformProcess, token: str, package_ids: list[str]) -> dict[str, Any]:
    response = _post(platform, token, "/orders", {"package_ids": package_ids})
    assert response.status_code == 201, response.text
    order: dict[str, Any] = response.json()
    return order


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    platform = PlatformProcess(Path(tmp_path_factory.mktemp("deadlines")), now=BEFORE)
    platform.start()
    try:
        enrolled = enrolled_learner(platform)
        waiting = collected_learner(platform)
        fill_learner_info(platform, waiting["access_token"])
        pending = _order(platform, waiting["access_token"], ["yhdc-2021-professional"])
        card_2021 = issue_cards(platform, "yhdc-2021-professional", 1)[0]
        locked = collected_learner(platform)
        for _ in range(5):
            _activate(platform, locked["access_token"], card_number="1", password="x")
        assert_error(
            _activate(platform, locked["access_token"], card_number="1", password="x"),
            423,
            "card_locked",
        )
        platform.restart(now=AFTER)
        yield {
            "platform": platform,
            "enrolled": enrolled,
            "waiting": waiting,
            "pending": pending,
            "card_2021": card_2021,
            "locked": locked,
        }
    finally:
        platform.stop()


def test_packages_of_the_past_year_are_closed(scene: dict[str, Any]) -> None:
    platform, token = scene["platform"], scene["waiting"]["access_token"]
    response = requests.get(
        platform.api + "/institutions/yhdc/packages",
        params={"year": 2021},
        headers=bearer(token),
        timeout=10,
    )
    assert [p["closed"] for p in response.json()["items"]] == [True, True]
    error = assert_error(
        _post(platform, token, "/orders", {"package_ids": ["yhdc-2021-public"]}),
        422,
        "package_closed",
        "package_ids",
    )
    assert error["message"] == "该课程包已于2021年12月31日截止购买：2021年公需课"
    assert error["package_id"] == "yhdc-2021-public"
    # The order placed before the deadline cannot be paid after it either.
    error = assert_error(
        _post(platform, token, f"/orders/{scene['pending']['id']}/payments", {"method": "wechat"}),
        422,
        "package_closed",
    )
    assert "截止购买" in error["message"]
    number, password = scene["card_2021"]
    assert_error(
        _activate(platform, token, card_number=number, password=password),
        422,
        "package_closed",
        "package_ids",
    )


def test_the_new_year_has_its_own_packages(scene: dict[str, Any]) -> None:
    platform, token = scene["platform"], scene["waiting"]["access_token"]
    institutions = requests.get(
        platform.api + "/institutions", headers=bearer(token), timeout=10
    ).json()["items"]
    assert {i["year"] for i in institutions} == {2022} and len(institutions) == 5
    packages = requests.get(
        platform.api + "/institutions/yhdc/packages", headers=bearer(token), timeout=10
    ).json()["items"]
    assert [(p["title"], p["closed"]) for p in packages] == [
        ("2022年公需课", False),
        ("2022年度广州市继续教育培训(专业课)", False),
    ]


def test_selection_closes_with_the_year(scene: dict[str, Any]) -> None:
    platform, learner = scene["platform"], scene["enrolled"]
    token = learner["access_token"]
    enrollment = next(e for e in learner["enrollments"] if e["course_type"] == "professional")
    base = f"{platform.api}/enrollments/{enrollment['id']}"
    for method, path in [
        ("PUT", "/selections/yhdc-2021-professional-c01"),
        ("DELETE", "/selections/yhdc-2021-professional-c47"),
        ("POST", "/auto-select"),
    ]:
        response = requests.request(method, base + path, headers=bearer(token), timeout=10)
        error = assert_error(response, 422, "selection_closed")
        assert error["message"] == "本年度选课已截止，不能再更改选课"
    catalog = requests.get(base + "/courses", headers=bearer(token), timeout=10).json()
    assert catalog["enrollment"]["closed"] is True
    assert catalog["enrollment"]["selected_credits"] == 4.0  # nothing changed


def test_card_lock_lifts_after_15_minutes(scene: dict[str, Any]) -> None:
    platform, token = scene["platform"], scene["locked"]["access_token"]
    error = assert_error(
        _activate(platform, token, card_number="1", password="x"),
        422,
        "card_not_found",
        "card_number",
    )
    assert error["remaining_attempts"] == 4  # a fresh window


def test_card_of_another_year(scene: dict[str, Any]) -> None:
    platform, token = scene["platform"], scene["waiting"]["access_token"]
    order = _order(platform, token, ["yhdc-2022-professional"])
    number, password = scene["card_2021"]
    error = assert_error(
        _activate(platform, token, card_number=number, password=password, order_id=order["id"]),
        422,
        "card_other_year",
        "card_number",
    )
    assert "2021年度" in error["message"] and "2022年度" in error["message"]


def test_card_of_another_package_of_the_same_institution_and_year(scene: dict[str, Any]) -> None:
    platform = scene["platform"]
    # A second priced package of 源和大成教育 for 2022 (an onsite class), added for this test.
    platform.query(
        "INSERT INTO packages (id, institution_id, year, course_type, title, price_fen, "
        "credits_tenths, closes_at) VALUES ('yhdc-2022-onsite', 'yhdc', 2022, 'professional', "
        "'2022年度广州市面授班(专业课)', 30000, 600, '2022-12-31 15:59:59')"
    )
    learner = collected_learner(platform)
    token = learner["access_token"]
    fill_learner_info(platform, token)
    [(number, password)] = issue_cards(platform, "yhdc-2022-professional", 1)
    for package_ids in (["yhdc-2022-onsite"], ["yhdc-2022-professional", "yhdc-2022-onsite"]):
        order = _order(platform, token, package_ids)
        error = assert_error(
            _activate(platform, token, card_number=number, password=password, order_id=order["id"]),
            422,
            "card_other_package",
            "card_number",
        )
        assert "2022年度广州市继续教育培训(专业课)" in error["message"]
    order = _order(platform, token, ["yhdc-2022-professional", "yhdc-2022-public"])
    response = _activate(
        platform, token, card_number=number, password=password, order_id=order["id"]
    )
    assert response.status_code == 201, response.text


def test_demo_cards_of_the_current_year(scene: dict[str, Any]) -> None:
    """The seed's cards (README): the current year's buy its professional package."""
    platform = scene["platform"]
    token = collected_learner(platform)["access_token"]
    response = _activate(platform, token, card_number="880099000001", password="A3D7G2QM")
    assert response.status_code == 201, response.text
    assert [e["package_id"] for e in response.json()["enrollments"]] == ["yhdc-2022-professional"]
    assert_error(
        _activate(platform, token, card_number="880021000001", password="K7M3Q9TA"),
        422,
        "package_closed",
        "package_ids",
    )


def test_payments_off_offers_no_provider(tmp_path: Path) -> None:
    platform = PlatformProcess(tmp_path / "off", payments="off")
    platform.start()
    try:
        health = requests.get(platform.api + "/health", timeout=10).json()
        assert health["payments"] == "off"
        learner = collected_learner(platform)
        token = learner["access_token"]
        fill_learner_info(platform, token)
        order = _order(platform, token, ["yhdc-2021-professional"])
        for method, name in (("wechat", "微信支付"), ("alipay", "支付宝")):
            response = _post(platform, token, f"/orders/{order['id']}/payments", {"method": method})
            error = assert_error(response, 422, "payment_unavailable", "method")
            assert name in error["message"]
        response = requests.post(platform.api + "/sandbox/payments/x/confirm", timeout=10)
        assert_error(response, 404, "not_found")
    finally:
        platform.stop()


def test_a_qr_payment_confirmed_after_the_deadline_is_kept_for_refund(tmp_path: Path) -> None:
    """A QR code made on 31 Dec and paid on 5 Jan: the money is refused, not enrolled.

    The payment is recorded as received and ``refund_due``; the order is cancelled and
    lists the refund in ``GET /orders`` (我的订单 shows it).  Before issue 15 the payment
    paid the order and enrolled the learner into the closed year.
    """
    platform = PlatformProcess(tmp_path / "late", now=BEFORE)
    platform.start()
    try:
        learner = collected_learner(platform)
        token = learner["access_token"]
        fill_learner_info(platform, token)
        order = _order(platform, token, ["yhdc-2021-professional", "yhdc-2021-public"])
        payment = _post(platform, token, f"/orders/{order['id']}/payments", {"method": "wechat"})
        assert payment.status_code == 201, payment.text
        payment_id = payment.json()["id"]

        platform.restart(now="2022-01-05T10:00:00+08:00")
        confirm = f"{platform.api}/sandbox/payments/{payment_id}/confirm"
        confirmed = requests.post(confirm, timeout=10)
        assert confirmed.status_code == 200, confirmed.text
        refused = confirmed.json()
        assert (refused["status"], refused["refund_reason"]) == ("refund_due", "package_closed")
        assert refused["paid_at"] == "2022-01-05T10:00:00+08:00"  # when the money arrived
        again = requests.post(confirm, timeout=10)  # the provider notifies again
        assert (again.status_code, again.json()) == (200, refused)

        token = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
        polled = requests.get(
            f"{platform.api}/payments/{payment_id}", headers=bearer(token), timeout=10
        )
        assert polled.json() == refused
        enrollments = requests.get(
            platform.api + "/enrollments", headers=bearer(token), timeout=10
        ).json()
        assert enrollments["items"] == []
        [listed] = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()[
            "items"
        ]
        assert (listed["id"], listed["status"], listed["paid_at"]) == (
            order["id"],
            "cancelled",
            None,
        )
        assert listed["refunds"] == [
            {
                "payment_id": payment_id,
                "method": "wechat",
                "amount_fen": 9000,
                "received_at": "2022-01-05T10:00:00+08:00",
                "reason": "package_closed",
                "status": "refund_due",
            }
        ]
        assert_error(
            _post(platform, token, f"/orders/{order['id']}/payments", {"method": "alipay"}),
            409,
            "order_not_payable",
        )
    finally:
        platform.stop()
