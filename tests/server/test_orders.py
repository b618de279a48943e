"""网上报名: orders, QR payments through the sandbox provider, and their refusals."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
import requests

from tests.helpers.learners import (
    buy,
    collected_learner,
    enrolled_learner,
    fill_learner_info,
)
from tests.helpers.platform import (
    DEFAULT_NOW,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    register,
    shifted,
)

PROFESSIONAL = "yhdc-2021-professional"
PUBLIC = "yhdc-2021-public"


def _order(platform: PlatformProcess, token: str, package_ids: Any) -> requests.Response:
    return requests.post(
        platform.api + "/orders",
        json={"package_ids": package_ids},
        headers=bearer(token),
        timeout=10,
    )


def _orders(platform: PlatformProcess, token: str) -> list[dict[str, Any]]:
    response = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _pay(platform: PlatformProcess, token: str, order_id: str, method: str = "wechat") -> Any:
    return requests.post(
        f"{platform.api}/orders/{order_id}/payments",
        json={"method": method},
        headers=bearer(token),
        timeout=10,
    )


def _confirm(platform: PlatformProcess, payment_id: str) -> requests.Response:
    return requests.post(f"{platform.api}/sandbox/payments/{payment_id}/confirm", timeout=10)


def _enrollments(platform: PlatformProcess, token: str) -> list[dict[str, Any]]:
    response = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def _buyer(platform: PlatformProcess) -> str:
    """A collected learner who gave 源和大成教育 the 补充信息: ready to order there."""
    token: str = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)
    return token


def test_free_order_is_paid_at_once(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    response = _order(platform, token, [PUBLIC])
    assert response.status_code == 201, response.text
    order = response.json()
    assert re.fullmatch(r"20210621182350\d{4}", order["number"]), order["number"]
    assert order == {
        "id": order["id"],
        "number": order["number"],
        "amount_fen": 0,
        "status": "paid",
        "method": "free",
        "created_at": "2021-06-21T18:23:50+08:00",
        "paid_at": "2021-06-21T18:23:50+08:00",
        "institution_id": "yhdc",
        "institution_name": "源和大成教育",
        "paid_by_staff": None,  # paid at a counter: the staff member's name (issue 7)
        "items": [
            {
                "package_id": PUBLIC,
                "title": "2021年公需课",
                "course_type": "public",
                "year": 2021,
                "credits": 30.0,
                "unit_price_fen": 0,
                "quantity": 1,
                "total_fen": 0,
            }
        ],
        # A ¥0 order never has an invoice, and says why (issue 6).
        "invoice": None,
        "invoice_deadline": None,
        "invoice_problem": "免费订单无需开具发票",
        "refunds": [],  # money received but refused (issue 15): none
    }
    [enrollment] = _enrollments(platform, token)
    assert enrollment["package_id"] == PUBLIC and enrollment["order_id"] == order["id"]
    assert _orders(platform, token) == [order]


def test_order_pay_by_sandbox_qr_and_confirm_twice_pays_once(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    order = _order(platform, token, [PROFESSIONAL, PUBLIC]).json()
    assert (order["status"], order["amount_fen"], order["method"]) == ("pending", 9000, None)
    assert [i["total_fen"] for i in order["items"]] == [9000, 0]
    assert _enrollments(platform, token) == []  # nothing owned before paying

    created = _pay(platform, token, order["id"], "alipay")
    assert created.status_code == 201, created.text
    payment = created.json()
    assert payment["status"] == "pending" and payment["amount_fen"] == 9000
    assert payment["method"] == "alipay" and payment["paid_at"] is None
    assert payment["qr_payload"].startswith("kjce-sandbox://pay/" + payment["id"])
    polled = requests.get(
        f"{platform.api}/payments/{payment['id']}", headers=bearer(token), timeout=10
    )
    assert polled.json() == payment

    first = _confirm(platform, payment["id"])
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "paid"
    assert first.json()["paid_at"] == "2021-06-21T18:23:50+08:00"
    second = _confirm(platform, payment["id"])
    assert second.status_code == 200 and second.json() == first.json()

    [paid] = _orders(platform, token)
    assert (paid["status"], paid["method"]) == ("paid", "alipay")
    enrollments = _enrollments(platform, token)
    assert sorted(e["package_id"] for e in enrollments) == [PROFESSIONAL, PUBLIC]
    polled = requests.get(
        f"{platform.api}/payments/{payment['id']}", headers=bearer(token), timeout=10
    )
    assert polled.json()["status"] == "paid"


def test_concurrent_confirmations_pay_once(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    order = _order(platform, token, [PROFESSIONAL]).json()
    payments = [_pay(platform, token, order["id"], m).json() for m in ("wechat", "alipay")]
    answers: list[requests.Response] = []
    barrier = threading.Barrier(6)

    def confirm(payment_id: str) -> None:
        barrier.wait()
        answers.append(_confirm(platform, payment_id))

    threads = [threading.Thread(target=confirm, args=(payments[i % 2]["id"],)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(a.status_code in (200, 409) for a in answers), [a.text for a in answers]
    paid_payments = {a.json()["id"] for a in answers if a.status_code == 200}
    assert len(paid_payments) == 1  # one of the two payments won; the other was cancelled
    assert [o["status"] for o in _orders(platform, token)] == ["paid"]
    assert len(_enrollments(platform, token)) == 1
    loser = next(p for p in payments if p["id"] not in paid_payments)
    error = assert_error(_confirm(platform, loser["id"]), 409, "payment_cancelled")
    assert "其他方式支付" in error["message"]


def test_orders_placed_at_the_same_second_get_distinct_numbers(platform: PlatformProcess) -> None:
    """The clock is pinned, so every order shares the time part of its number."""
    tokens = [_buyer(platform) for _ in range(6)]
    answers: list[requests.Response] = []
    barrier = threading.Barrier(len(tokens))

    def place(token: str) -> None:
        barrier.wait()
        answers.append(_order(platform, token, [PUBLIC]))

    threads = [threading.Thread(target=place, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [201] * len(tokens), [a.text for a in answers]
    assert len({a.json()["number"] for a in answers}) == len(tokens)


def test_buying_an_owned_package_is_refused(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    error = assert_error(
        _order(platform, token, [PROFESSIONAL]), 409, "package_owned", "package_ids"
    )
    assert error["package_id"] == PROFESSIONAL
    assert "无需重复购买" in error["message"]
    error = assert_error(_order(platform, token, [PUBLIC]), 409, "package_owned", "package_ids")
    assert error["package_id"] == PUBLIC


def test_a_new_order_supersedes_the_pending_one(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    first = _order(platform, token, [PROFESSIONAL]).json()
    payment = _pay(platform, token, first["id"]).json()
    second = _order(platform, token, [PROFESSIONAL, PUBLIC]).json()
    assert second["status"] == "pending"
    statuses = {o["id"]: o["status"] for o in _orders(platform, token)}
    assert statuses == {first["id"]: "cancelled", second["id"]: "pending"}
    assert [o["id"] for o in _orders(platform, token)] == [
        second["id"],
        first["id"],
    ]  # newest first

    error = assert_error(_confirm(platform, payment["id"]), 409, "payment_cancelled")
    assert "取消" in error["message"]
    assert_error(_pay(platform, token, first["id"]), 409, "order_not_payable")
    assert _enrollments(platform, token) == []
    packages = requests.get(
        platform.api + "/institutions/yhdc/packages", headers=bearer(token), timeout=10
    ).json()["items"]
    assert {p["id"]: p["pending_order_id"] for p in packages} == {
        PROFESSIONAL: second["id"],
        PUBLIC: second["id"],
    }


def test_paying_a_paid_order_is_refused(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    error = assert_error(
        _pay(platform, learner["access_token"], learner["order"]["id"]), 409, "order_not_payable"
    )
    assert "已支付" in error["message"]


def test_order_refused_before_info_collection(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    assert_error(_order(platform, token, [PUBLIC]), 403, "profile_not_collected")


def test_order_refused_before_the_supplementary_info(platform: PlatformProcess) -> None:
    token = collected_learner(platform)["access_token"]
    error = assert_error(
        _order(platform, token, [PUBLIC]), 422, "learner_info_required", "institution_id"
    )
    assert "源和大成教育" in error["message"]
    fill_learner_info(platform, token, "fsdc")  # another institution's does not count
    assert_error(_order(platform, token, [PUBLIC]), 422, "learner_info_required", "institution_id")


@pytest.mark.parametrize(
    ("package_ids", "status", "code"),
    [
        (["nope-2021-professional"], 404, "not_found"),
        ([PROFESSIONAL, "fsdc-2021-public"], 422, "validation_error"),
        ([], 422, "validation_error"),
        ("yhdc-2021-public", 422, "validation_error"),
        ([123], 422, "validation_error"),
        (["x" * 81], 422, "validation_error"),
        ([PUBLIC] * 21, 422, "validation_error"),
        (None, 422, "validation_error"),
    ],
)
def test_order_bad_input(
    platform: PlatformProcess, package_ids: Any, status: int, code: str
) -> None:
    token = _buyer(platform)
    assert_error(_order(platform, token, package_ids), status, code, "package_ids")
    assert _orders(platform, token) == []


def test_order_body_not_json(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    response = requests.post(
        platform.api + "/orders",
        data=b"\xff\xfe not json",
        headers={**bearer(token), "Content-Type": "application/json"},
        timeout=10,
    )
    assert_error(response, 422, "validation_error")


def test_payment_bad_input_and_other_learners(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    order = _order(platform, token, [PROFESSIONAL]).json()
    assert_error(_pay(platform, token, order["id"], "paypal"), 422, "validation_error", "method")
    assert_error(_pay(platform, token, "no-such-order"), 404, "not_found")
    payment = _pay(platform, token, order["id"]).json()

    stranger = register(platform)["access_token"]
    assert_error(_pay(platform, stranger, order["id"]), 404, "not_found")
    response = requests.get(
        f"{platform.api}/payments/{payment['id']}", headers=bearer(stranger), timeout=10
    )
    assert_error(response, 404, "not_found")
    assert_error(_confirm(platform, "no-such-payment"), 404, "not_found")
    assert _orders(platform, stranger) == []


def test_order_and_enrollment_changes_reach_the_feed(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    cursor = requests.get(platform.api + "/changes", headers=bearer(token), timeout=10).json()[
        "cursor"
    ]
    order = buy(platform, token, [PROFESSIONAL, PUBLIC])
    changes = requests.get(
        platform.api + "/changes", params={"cursor": cursor}, headers=bearer(token), timeout=10
    ).json()["items"]
    enrollment_ids = {e["id"] for e in _enrollments(platform, token)}
    assert {(c["entity"], c["entity_id"]) for c in changes} == {
        ("order", order["id"]),
        *(("enrollment", e) for e in enrollment_ids),
    }


# -- one order per purchase: the pending order, and Idempotency-Key (issue 15) ----------


def _keyed(token: str, key: str) -> dict[str, str]:
    return {**bearer(token), "Idempotency-Key": key}


def _rows(platform: PlatformProcess, token: str) -> dict[str, int]:
    """How many rows of the learner's purchases the platform holds, table by table."""
    account_id = requests.get(platform.api + "/me", headers=bearer(token), timeout=10).json()["id"]
    counts = {}
    for table, where in [
        ("orders", "account_id = ?"),
        ("order_items", "order_id IN (SELECT id FROM orders WHERE account_id = ?)"),
        ("payments", "account_id = ?"),
        ("enrollments", "account_id = ?"),
        ("changes", "account_id = ?"),
        ("idempotency_keys", "account_id = ?"),
    ]:
        [(count,)] = platform.query(f"SELECT COUNT(*) FROM {table} WHERE {where}", (account_id,))
        counts[table] = int(count)
    return counts


def test_ordering_the_pending_packages_again_answers_that_order(platform: PlatformProcess) -> None:
    """购买 pressed again (no key): the pending order of exactly these packages, 200."""
    token = _buyer(platform)
    first = _order(platform, token, [PROFESSIONAL, PUBLIC])
    assert first.status_code == 201, first.text
    again = _order(platform, token, [PUBLIC, PROFESSIONAL])  # the same packages
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert [o["id"] for o in _orders(platform, token)] == [first.json()["id"]]


def test_a_retry_with_the_idempotency_key_answers_the_first_result(
    platform: PlatformProcess,
) -> None:
    """Same key, same body: the first answer byte for byte, and nothing new is stored."""
    token = _buyer(platform)
    body = {"package_ids": [PROFESSIONAL]}
    first = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "order-1"), timeout=10
    )
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    stored = _rows(platform, token)
    again = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "order-1"), timeout=10
    )
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert _rows(platform, token) == stored

    order_id = first.json()["id"]
    path = f"{platform.api}/orders/{order_id}/payments"
    payment = requests.post(
        path, json={"method": "alipay"}, headers=_keyed(token, "pay-1"), timeout=10
    )
    assert payment.status_code == 201, payment.text
    stored = _rows(platform, token)
    again = requests.post(
        path, json={"method": "alipay"}, headers=_keyed(token, "pay-1"), timeout=10
    )
    assert (again.status_code, again.content) == (201, payment.content)
    assert _rows(platform, token) == stored
    assert stored["payments"] == 1  # one QR code, not two

    # Once paid, the retry still answers what it answered (not order_not_payable).
    assert _confirm(platform, payment.json()["id"]).status_code == 200
    again = requests.post(
        path, json={"method": "alipay"}, headers=_keyed(token, "pay-1"), timeout=10
    )
    assert (again.status_code, again.content) == (201, payment.content)


def test_a_free_order_retried_with_its_key_is_not_owned_twice(platform: PlatformProcess) -> None:
    """The retry of a ¥0 order that was paid at once answers the paid order, not
    ``package_owned``; without the key it is a second purchase, refused."""
    token = _buyer(platform)
    body = {"package_ids": [PUBLIC]}
    first = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "free"), timeout=10
    )
    assert first.status_code == 201 and first.json()["status"] == "paid", first.text
    again = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "free"), timeout=10
    )
    assert (again.status_code, again.content) == (201, first.content)
    assert_error(_order(platform, token, [PUBLIC]), 409, "package_owned", "package_ids")
    assert len(_enrollments(platform, token)) == 1


def test_the_same_key_for_another_request_is_refused(platform: PlatformProcess) -> None:
    token = _buyer(platform)
    headers = _keyed(token, "k-1")
    first = requests.post(
        platform.api + "/orders", json={"package_ids": [PROFESSIONAL]}, headers=headers, timeout=10
    )
    assert first.status_code == 201, first.text
    stored = _rows(platform, token)
    other_body = requests.post(
        platform.api + "/orders",
        json={"package_ids": [PROFESSIONAL, PUBLIC]},
        headers=headers,
        timeout=10,
    )
    error = assert_error(other_body, 422, "idempotency_key_reused", "Idempotency-Key")
    assert "另一项操作" in error["message"]
    other_path = requests.post(
        f"{platform.api}/orders/{first.json()['id']}/payments",
        json={"method": "wechat"},
        headers=headers,
        timeout=10,
    )
    assert_error(other_path, 422, "idempotency_key_reused", "Idempotency-Key")
    assert _rows(platform, token) == stored


def test_keys_belong_to_their_account(platform: PlatformProcess) -> None:
    """Another learner's request with the same key is theirs: nothing is replayed to them."""
    first, second = _buyer(platform), _buyer(platform)
    body = {"package_ids": [PROFESSIONAL]}
    mine = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(first, "shared"), timeout=10
    )
    theirs = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(second, "shared"), timeout=10
    )
    assert (mine.status_code, theirs.status_code) == (201, 201), theirs.text
    assert mine.json()["id"] != theirs.json()["id"]
    assert [o["id"] for o in _orders(platform, second)] == [theirs.json()["id"]]


def test_a_refusal_is_not_kept_under_its_key(platform: PlatformProcess) -> None:
    """A refused request did nothing: the same key is judged again once the cause is gone."""
    token = collected_learner(platform)["access_token"]
    body = {"package_ids": [PROFESSIONAL]}
    refused = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "early"), timeout=10
    )
    assert_error(refused, 422, "learner_info_required", "institution_id")
    fill_learner_info(platform, token)
    placed = requests.post(
        platform.api + "/orders", json=body, headers=_keyed(token, "early"), timeout=10
    )
    assert placed.status_code == 201, placed.text


@pytest.mark.parametrize("key", ["", "spaced key", "键", "k" * 256])
def test_a_malformed_key_is_refused(platform: PlatformProcess, key: str) -> None:
    token = _buyer(platform)
    response = requests.post(
        platform.api + "/orders",
        json={"package_ids": [PROFESSIONAL]},
        headers={**bearer(token), "Idempotency-Key": key.encode().decode("latin-1")},
        timeout=10,
    )
    assert_error(response, 422, "validation_error", "Idempotency-Key")
    assert _orders(platform, token) == []


def test_keys_are_kept_for_a_day(platform_factory: Any) -> None:
    """After 24 hours a key is forgotten: the same key then starts a new request."""
    own = platform_factory(captcha=False)
    learner = collected_learner(own)
    token = learner["access_token"]
    fill_learner_info(own, token)
    body = {"package_ids": [PROFESSIONAL]}
    first = requests.post(own.api + "/orders", json=body, headers=_keyed(token, "day"), timeout=10)
    assert first.status_code == 201, first.text
    own.restart(now=shifted(DEFAULT_NOW, hours=23))
    token = login(own, learner["id_number"], learner["password"]).json()["access_token"]
    again = requests.post(
        own.api + "/orders",
        json={"package_ids": [PUBLIC]},
        headers=_keyed(token, "day"),
        timeout=10,
    )
    assert_error(again, 422, "idempotency_key_reused", "Idempotency-Key")
    own.restart(now=shifted(DEFAULT_NOW, hours=25))
    token = login(own, learner["id_number"], learner["password"]).json()["access_token"]
    again = requests.post(
        own.api + "/orders",
        json={"package_ids": [PUBLIC]},
        headers=_keyed(token, "day"),
        timeout=10,
    )
    assert again.status_code == 201 and again.json()["status"] == "paid", again.text
    assert own.query("SELECT COUNT(*) FROM idempotency_keys") == [(1,)]  # the old one went
