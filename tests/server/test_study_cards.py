"""学习卡: activation buys or pays with a card, once; every failure says why."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
import requests

from tests.helpers.concurrency import together
from tests.helpers.learners import collected_learner, fill_learner_info, issue_cards
from tests.helpers.platform import PlatformProcess, assert_error, bearer, register

PROFESSIONAL = "yhdc-2021-professional"
PUBLIC = "yhdc-2021-public"


@pytest.fixture(scope="module")
def cards(platform: PlatformProcess) -> Iterator[list[tuple[str, str]]]:
    """Cards of 源和大成教育's 2021 professional package, issued once for this module."""
    batch = issue_cards(platform, PROFESSIONAL, 8)
    yield batch


def _activate(platform: PlatformProcess, token: str, **body: Any) -> requests.Response:
    return requests.post(
        platform.api + "/study-cards/activate", json=body, headers=bearer(token), timeout=10
    )


def _order(platform: PlatformProcess, token: str, package_ids: list[str]) -> dict[str, Any]:
    response = requests.post(
        platform.api + "/orders",
        json={"package_ids": package_ids},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    order: dict[str, Any] = response.json()
    return order


def test_issue_cards_prints_each_card_once(platform: PlatformProcess) -> None:
    issued = issue_cards(platform, "yhdc-2021-public", 3)
    assert len(issued) == 3 and len({number for number, _ in issued}) == 3
    for number, password in issued:
        assert number.isdigit() and len(number) == 12
        assert len(password) == 8 and password.isalnum()
    hashes = platform.query(
        "SELECT password_hash FROM study_cards WHERE card_number IN (?, ?, ?)",
        tuple(number for number, _ in issued),
    )
    assert len(hashes) == 3
    assert all(h.startswith("$argon2") for (h,) in hashes)
    assert not any(password in h for (h,), (_, password) in zip(hashes, issued, strict=True))


def test_card_buys_its_package(platform: PlatformProcess, cards: list[tuple[str, str]]) -> None:
    token = collected_learner(platform)["access_token"]
    number, password = cards[0]
    response = _activate(
        platform, token, card_number=f" {number[:6]} {number[6:]} ", password=password.lower()
    )
    assert response.status_code == 201, response.text
    body = response.json()
    order = body["order"]
    assert (order["status"], order["method"], order["amount_fen"]) == ("paid", "study_card", 9000)
    assert [i["package_id"] for i in order["items"]] == [PROFESSIONAL]
    [enrollment] = body["enrollments"]
    assert enrollment["package_id"] == PROFESSIONAL and enrollment["order_id"] == order["id"]
    assert enrollment["selected_credits"] == 4.0  # the two required courses
    listed = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    assert listed.json()["items"] == [enrollment]

    # Single use: the same card again, by this learner or another.
    for again in (token, collected_learner(platform)["access_token"]):
        error = assert_error(
            _activate(platform, again, card_number=number, password=password),
            409,
            "card_used",
            "card_number",
        )
        assert error["message"] == "该学习卡已于2021-06-21 18:23使用"
        assert error["used_at"] == "2021-06-21T18:23:50+08:00"


def test_card_pays_a_pending_order_with_free_items_riding_along(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)
    pending = _order(platform, token, [PROFESSIONAL, PUBLIC])
    number, password = cards[1]
    response = _activate(
        platform, token, card_number=number, password=password, order_id=pending["id"]
    )
    assert response.status_code == 201, response.text
    order = response.json()["order"]
    assert order["id"] == pending["id"]
    assert (order["status"], order["method"]) == ("paid", "study_card")
    assert sorted(e["package_id"] for e in response.json()["enrollments"]) == [
        PROFESSIONAL,
        PUBLIC,
    ]


def test_card_for_an_owned_package_is_refused_and_stays_unused(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = collected_learner(platform)["access_token"]
    first, second = cards[2], cards[3]
    assert _activate(platform, token, card_number=first[0], password=first[1]).status_code == 201
    error = assert_error(
        _activate(platform, token, card_number=second[0], password=second[1]),
        409,
        "package_owned",
        "package_ids",
    )
    assert error["package_id"] == PROFESSIONAL
    other = collected_learner(platform)["access_token"]
    response = _activate(platform, other, card_number=second[0], password=second[1])
    assert response.status_code == 201, response.text  # the refused try did not use it


def test_card_of_another_institution(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token, "fsdc")
    pending = _order(platform, token, ["fsdc-2021-professional"])
    number, password = cards[4]
    error = assert_error(
        _activate(platform, token, card_number=number, password=password, order_id=pending["id"]),
        422,
        "card_other_institution",
        "card_number",
    )
    assert "源和大成教育" in error["message"] and "佛山德诚财会教育" in error["message"]


def test_card_paying_a_paid_or_foreign_order(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = collected_learner(platform)["access_token"]
    fill_learner_info(platform, token)
    free = _order(platform, token, [PUBLIC])  # ¥0: paid at once
    number, password = cards[5]
    assert_error(
        _activate(platform, token, card_number=number, password=password, order_id=free["id"]),
        409,
        "order_not_payable",
    )
    stranger = collected_learner(platform)["access_token"]
    assert_error(
        _activate(platform, stranger, card_number=number, password=password, order_id=free["id"]),
        404,
        "not_found",
    )


def test_wrong_tries_count_down_then_lock(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = collected_learner(platform)["access_token"]
    number, password = cards[6]
    error = assert_error(
        _activate(platform, token, card_number="999999999999", password=password),
        422,
        "card_not_found",
        "card_number",
    )
    assert error["remaining_attempts"] == 4
    for remaining in (3, 2, 1):
        error = assert_error(
            _activate(platform, token, card_number=number, password="WRONG123"),
            422,
            "card_password_wrong",
            "password",
        )
        assert error["remaining_attempts"] == remaining
        assert error["message"] == f"学习卡密码错误，还可尝试{remaining}次"
    locked = _activate(platform, token, card_number=number, password="WRONG123")
    error = assert_error(locked, 423, "card_locked")
    assert error["retry_after_s"] == 900 and locked.headers["Retry-After"] == "900"
    assert error["unlocks_at"] == "2021-06-21T18:38:50+08:00"
    # Locked: even the right password is refused now, and the card stays unused.
    assert_error(
        _activate(platform, token, card_number=number, password=password), 423, "card_locked"
    )
    other = collected_learner(platform)["access_token"]  # the lock is this account's only
    assert _activate(platform, other, card_number=number, password=password).status_code == 201


def test_card_activation_needs_info_collection(
    platform: PlatformProcess, cards: list[tuple[str, str]]
) -> None:
    token = register(platform)["access_token"]
    number, password = cards[7]
    assert_error(
        _activate(platform, token, card_number=number, password=password),
        403,
        "profile_not_collected",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "x"}, "card_number"),
        ({"card_number": "1"}, "password"),
        ({"card_number": 123456, "password": "x"}, "card_number"),
        ({"card_number": "1" * 41, "password": "x"}, "card_number"),
        ({"card_number": "1", "password": "x" * 41}, "password"),
        ({"card_number": "1", "password": "x", "order_id": ["a"]}, "order_id"),
    ],
)
def test_card_activation_bad_input(
    platform: PlatformProcess, body: dict[str, Any], field: str
) -> None:
    token = collected_learner(platform)["access_token"]
    assert_error(_activate(platform, token, **body), 422, "validation_error", field)


# -- tries that hold under concurrency, and Idempotency-Key (issue 15) ------------------


def _checked_tries(platform: PlatformProcess) -> int:
    """Wrong tries the platform compared with a card (it logs each one it checked)."""
    return platform.log_text().count("wrong study card try")


def test_concurrent_wrong_tries_check_no_more_than_the_limit(platform: PlatformProcess) -> None:
    """Twelve wrong passwords at once: five are checked, the rest refused as locked.

    Each try is reserved by one conditional UPDATE before the password is compared; before
    issue 15 the tries were counted after the comparison and up to all twelve were checked.
    """
    [(number, password)] = issue_cards(platform, PROFESSIONAL, 1)
    for _ in range(3):
        token = collected_learner(platform)["access_token"]
        checked_before = _checked_tries(platform)
        answers = together(
            *[partial(_activate, platform, token, card_number=number, password="WRONG123")] * 12
        )
        codes = sorted(a.json()["error"]["code"] for a in answers)
        assert codes == ["card_locked"] * 8 + ["card_password_wrong"] * 4, codes
        remaining = sorted(
            a.json()["error"]["remaining_attempts"] for a in answers if a.status_code == 422
        )
        assert remaining == [1, 2, 3, 4]
        assert _checked_tries(platform) - checked_before == 5
        # Locked: the right password too, and the card stays unused.
        assert_error(
            _activate(platform, token, card_number=number, password=password), 423, "card_locked"
        )
    assert platform.query("SELECT used_at FROM study_cards WHERE card_number = ?", (number,)) == [
        (None,)
    ]


def test_a_right_card_that_cannot_pay_gives_its_try_back(platform: PlatformProcess) -> None:
    """A used card's right password is no wrong try, and resets nobody's count either."""
    (used_number, used_password), (number, _password) = issue_cards(platform, PROFESSIONAL, 2)
    owner = collected_learner(platform)["access_token"]
    response = _activate(platform, owner, card_number=used_number, password=used_password)
    assert response.status_code == 201, response.text
    token = collected_learner(platform)["access_token"]
    for remaining in (4, 3):
        error = assert_error(
            _activate(platform, token, card_number=number, password="WRONG123"),
            422,
            "card_password_wrong",
            "password",
        )
        assert error["remaining_attempts"] == remaining
    for _ in range(3):  # as often as one likes: each gives its try back
        assert_error(
            _activate(platform, token, card_number=used_number, password=used_password),
            409,
            "card_used",
            "card_number",
        )
    error = assert_error(
        _activate(platform, token, card_number=number, password="WRONG123"),
        422,
        "card_password_wrong",
        "password",
    )
    assert error["remaining_attempts"] == 2  # counted on from before, not reset


def test_an_activation_retried_with_its_key_answers_the_first_result(
    platform: PlatformProcess,
) -> None:
    """The retry of a card payment whose answer was lost is the payment, not ``card_used``.

    Retried at once with the same key (a double click), the card pays once.
    """
    (number, password), (other_number, other_password) = issue_cards(platform, PROFESSIONAL, 2)
    token = collected_learner(platform)["access_token"]
    headers = {**bearer(token), "Idempotency-Key": "card-1"}
    body = {"card_number": number, "password": password}

    def activate() -> requests.Response:
        return requests.post(
            platform.api + "/study-cards/activate", json=body, headers=headers, timeout=30
        )

    first, second = together(activate, activate)
    assert (first.status_code, second.status_code) == (201, 201), second.text
    assert first.content == second.content
    again = activate()
    assert (again.status_code, again.content) == (201, first.content)
    assert again.headers["Idempotent-Replayed"] == "true"
    orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()
    assert [(o["status"], o["method"]) for o in orders["items"]] == [("paid", "study_card")]
    # The key covers the card, not its password: none is stored, not even hashed.
    [(fingerprint, stored)] = platform.query(
        "SELECT fingerprint, response FROM idempotency_keys WHERE key = 'card-1' "
        "AND account_id = ?",
        (_account_id(platform, token),),
    )
    assert len(fingerprint) == 64 and password not in stored
    # Another card under the same key is another request.
    error = assert_error(
        requests.post(
            platform.api + "/study-cards/activate",
            json={"card_number": other_number, "password": other_password},
            headers=headers,
            timeout=10,
        ),
        422,
        "idempotency_key_reused",
        "Idempotency-Key",
    )
    assert error["field"] == "Idempotency-Key"


def _account_id(platform: PlatformProcess, token: str) -> str:
    me = requests.get(platform.api + "/me", headers=bearer(token), timeout=10).json()
    return str(me["id"])


def test_one_card_typed_by_two_learners_at_once_pays_once(platform: PlatformProcess) -> None:
    """Each learner holds only their own purchase lock: the card's guarded update decides."""
    for _ in range(3):
        [(number, password)] = issue_cards(platform, PROFESSIONAL, 1)
        tokens = [collected_learner(platform)["access_token"] for _ in range(2)]
        answers = together(
            *(
                partial(_activate, platform, token, card_number=number, password=password)
                for token in tokens
            )
        )
        assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
        loser = next(a for a in answers if a.status_code == 409)
        assert loser.json()["error"]["code"] == "card_used"
        owned = [
            e["package_id"]
            for token in tokens
            for e in requests.get(
                platform.api + "/enrollments", headers=bearer(token), timeout=10
            ).json()["items"]
        ]
        assert owned == [PROFESSIONAL]  # one enrollment for one card
