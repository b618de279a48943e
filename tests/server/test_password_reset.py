"""Password reset by a code sent to the phone (read back from the demo inbox)."""

from __future__ import annotations

import re

import requests

from tests.helpers.identity import unique_resident_id
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login, register


def _request_code(platform: PlatformProcess, id_number: str, phone: str) -> requests.Response:
    return requests.post(
        platform.api + "/password-resets", json={"id_number": id_number, "phone": phone}, timeout=5
    )


def _latest_code(platform: PlatformProcess, phone: str) -> str:
    items = requests.get(platform.api + "/demo/inbox", params={"phone": phone}, timeout=5).json()[
        "items"
    ]
    match = re.fullmatch(r"【会计继续教育】您的验证码为 (\d{6})，10分钟内有效。", items[0]["text"])
    assert match, items[0]
    return match.group(1)


def _confirm(
    platform: PlatformProcess, id_number: str, code: str, new_password: str
) -> requests.Response:
    return requests.post(
        platform.api + "/password-resets/confirm",
        json={"id_number": id_number, "code": code, "new_password": new_password},
        timeout=5,
    )


def test_reset_by_code_revokes_sessions(platform: PlatformProcess) -> None:
    phone = "13912345678"
    learner = register(platform, phone=phone)
    number = learner["account"]["id_number"]
    response = _request_code(platform, number, phone)
    assert response.status_code == 202, response.text
    assert response.json() == {"sent_to": "139****5678", "expires_in": 600}
    inbox = requests.get(platform.api + "/demo/inbox", params={"phone": phone}, timeout=5).json()
    assert inbox["items"][0]["to"] == phone
    assert inbox["items"][0]["sent_at"] == "2021-06-21T18:23:50+08:00"
    code = _latest_code(platform, phone)
    stored = platform.query("SELECT code_hash FROM password_resets")
    assert all(code not in row[0] for row in stored)

    # A second request within 60 s is refused.
    error = assert_error(_request_code(platform, number, phone), 429, "rate_limited")
    assert error["retry_after_s"] == 60

    assert_error(_confirm(platform, number, code, "short"), 422, "password_weak", "new_password")
    wrong = "000000" if code != "000000" else "111111"
    error = assert_error(
        _confirm(platform, number, wrong, "newpass123"), 400, "reset_code_invalid", "code"
    )
    assert error["remaining_attempts"] == 4

    response = _confirm(platform, number, code, "newpass123")
    assert response.status_code == 204, response.text
    me = requests.get(platform.api + "/me", headers=bearer(learner["access_token"]), timeout=5)
    assert_error(me, 401, "unauthorized")
    assert_error(login(platform, number, learner["password"]), 401, "login_failed", "password")
    assert login(platform, number, "newpass123").status_code == 201
    # The code is used up.
    assert_error(_confirm(platform, number, code, "other1234"), 400, "reset_code_invalid", "code")


def test_five_wrong_codes_use_the_reset_up(platform: PlatformProcess) -> None:
    learner = register(platform, phone="13800000001")
    number = learner["account"]["id_number"]
    assert _request_code(platform, number, "13800000001").status_code == 202
    code = _latest_code(platform, "13800000001")
    wrong = "000000" if code != "000000" else "111111"
    for remaining in (4, 3, 2, 1, 0):
        error = assert_error(
            _confirm(platform, number, wrong, "newpass123"), 400, "reset_code_invalid", "code"
        )
        assert error["remaining_attempts"] == remaining
    assert_error(_confirm(platform, number, code, "newpass123"), 400, "reset_code_invalid", "code")


def test_reset_lifts_a_login_lock(platform: PlatformProcess) -> None:
    learner = register(platform, phone="13800000002")
    number = learner["account"]["id_number"]
    for _ in range(5):
        login(platform, number, "wrong1234")
    assert_error(login(platform, number, learner["password"]), 423, "account_locked")
    assert _request_code(platform, number, "13800000002").status_code == 202
    code = _latest_code(platform, "13800000002")
    assert _confirm(platform, number, code, "newpass123").status_code == 204
    assert login(platform, number, "newpass123").status_code == 201


def test_reset_refusals(platform: PlatformProcess) -> None:
    learner = register(platform, phone="13800000003")
    number = learner["account"]["id_number"]
    assert_error(_request_code(platform, number, "13800000004"), 400, "reset_mismatch", "phone")
    unknown = unique_resident_id()
    assert_error(_request_code(platform, unknown, "13800000003"), 400, "reset_mismatch", "phone")
    # No code was ever requested for this account.
    assert_error(
        _confirm(platform, number, "123456", "newpass123"), 400, "reset_code_invalid", "code"
    )
    response = requests.post(
        platform.api + "/password-resets", json={"id_number": number}, timeout=5
    )
    assert_error(response, 422, "validation_error", "phone")
    response = requests.post(
        platform.api + "/password-resets/confirm",
        json={"id_number": number, "code": 123456},
        timeout=5,
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
