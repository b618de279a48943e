"""Login, lockout, token refresh with rotation, logout and the access token guard."""

from __future__ import annotations

import requests

from tests.conftest import PlatformFactory
from tests.helpers.identity import unique_resident_id
from tests.helpers.learners import DEMO_ADMIN, ready_staff, staff_login
from tests.helpers.platform import (
    DEFAULT_NOW,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    register,
    shifted,
)


def test_login_answers_the_account_and_a_token_pair(platform: PlatformProcess) -> None:
    learner = register(platform)
    number = learner["account"]["id_number"]
    response = login(platform, number.lower(), learner["password"])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["account"] == learner["account"]
    assert body["access_token"] != learner["access_token"]
    assert body["expires_in"] == 1800 and body["token_type"] == "Bearer"
    me = requests.get(platform.api + "/me", headers=bearer(body["access_token"]), timeout=5)
    assert me.json()["id_number"] == number


def test_wrong_password_and_unknown_id_look_alike(platform: PlatformProcess) -> None:
    learner = register(platform)
    wrong = login(platform, learner["account"]["id_number"], "wrong1234")
    error = assert_error(wrong, 401, "login_failed", "password")
    assert error["remaining_attempts"] == 4
    unknown = login(platform, unique_resident_id(), "wrong1234")
    other = assert_error(unknown, 401, "login_failed", "password")
    assert other == error


def test_login_validation(platform: PlatformProcess) -> None:
    response = requests.post(platform.api + "/sessions", json={"id_number": "x"}, timeout=5)
    assert_error(response, 422, "validation_error", "password")
    response = requests.post(
        platform.api + "/sessions", json={"id_number": ["x"], "password": "p"}, timeout=5
    )
    assert_error(response, 422, "validation_error", "id_number")


def test_access_token_guard(platform: PlatformProcess) -> None:
    assert_error(requests.get(platform.api + "/me", timeout=5), 401, "unauthorized")
    response = requests.get(platform.api + "/me", headers=bearer("forged"), timeout=5)
    assert_error(response, 401, "unauthorized")
    response = requests.get(platform.api + "/me", headers={"Authorization": "Basic x"}, timeout=5)
    assert_error(response, 401, "unauthorized")


def test_refresh_rotates_and_reuse_revokes_the_session(platform: PlatformProcess) -> None:
    learner = register(platform)
    old_refresh = learner["refresh_token"]
    response = requests.post(
        platform.api + "/sessions/refresh", json={"refresh_token": old_refresh}, timeout=5
    )
    assert response.status_code == 201, response.text
    pair = response.json()
    assert set(pair) == {
        "access_token",
        "refresh_token",
        "expires_in",
        "refresh_expires_in",
        "token_type",
    }
    assert pair["refresh_token"] != old_refresh
    me = requests.get(platform.api + "/me", headers=bearer(pair["access_token"]), timeout=5)
    assert me.status_code == 200
    # The rotated-out access token no longer works.
    stale = requests.get(platform.api + "/me", headers=bearer(learner["access_token"]), timeout=5)
    assert_error(stale, 401, "unauthorized")

    reuse = requests.post(
        platform.api + "/sessions/refresh", json={"refresh_token": old_refresh}, timeout=5
    )
    assert_error(reuse, 401, "refresh_invalid", "refresh_token")
    # Reuse revoked the whole session: the new pair is dead as well.
    response = requests.post(
        platform.api + "/sessions/refresh", json={"refresh_token": pair["refresh_token"]}, timeout=5
    )
    assert_error(response, 401, "refresh_invalid", "refresh_token")
    me = requests.get(platform.api + "/me", headers=bearer(pair["access_token"]), timeout=5)
    assert_error(me, 401, "unauthorized")


def test_refresh_with_unknown_or_missing_token(platform: PlatformProcess) -> None:
    response = requests.post(
        platform.api + "/sessions/refresh", json={"refresh_token": "nope"}, timeout=5
    )
    assert_error(response, 401, "refresh_invalid", "refresh_token")
    response = requests.post(platform.api + "/sessions/refresh", json={}, timeout=5)
    assert_error(response, 422, "validation_error", "refresh_token")


def test_logout_revokes_both_tokens(platform: PlatformProcess) -> None:
    learner = register(platform)
    other = login(platform, learner["account"]["id_number"], learner["password"]).json()
    headers = bearer(learner["access_token"])
    response = requests.delete(platform.api + "/sessions/current", headers=headers, timeout=5)
    assert response.status_code == 204 and response.content == b""
    assert_error(
        requests.get(platform.api + "/me", headers=headers, timeout=5), 401, "unauthorized"
    )
    response = requests.post(
        platform.api + "/sessions/refresh",
        json={"refresh_token": learner["refresh_token"]},
        timeout=5,
    )
    assert_error(response, 401, "refresh_invalid", "refresh_token")
    # Only that session ended.
    me = requests.get(platform.api + "/me", headers=bearer(other["access_token"]), timeout=5)
    assert me.status_code == 200
    response = requests.delete(platform.api + "/sessions/current", headers=headers, timeout=5)
    assert_error(response, 401, "unauthorized")


def test_five_failures_lock_for_fifteen_minutes(platform_factory: PlatformFactory) -> None:
    platform = platform_factory(captcha=False)
    learner = register(platform)
    number = learner["account"]["id_number"]
    for remaining in (4, 3, 2, 1):
        error = assert_error(login(platform, number, "wrong1234"), 401, "login_failed", "password")
        assert error["remaining_attempts"] == remaining
    error = assert_error(login(platform, number, "wrong1234"), 423, "account_locked")
    assert error["retry_after_s"] == 900
    assert error["unlocks_at"] == shifted(DEFAULT_NOW, minutes=15)
    assert error["message"] == "账号已被锁定，请 15 分钟后再试"
    # Even the right password is refused during the lock.
    response = login(platform, number, learner["password"])
    assert_error(response, 423, "account_locked")
    assert response.headers["Retry-After"] == "900"

    platform.restart(now=shifted(DEFAULT_NOW, minutes=10))
    error = assert_error(login(platform, number, learner["password"]), 423, "account_locked")
    assert error["retry_after_s"] == 300
    assert error["message"] == "账号已被锁定，请 5 分钟后再试"

    platform.restart(now=shifted(DEFAULT_NOW, minutes=16))
    response = login(platform, number, learner["password"])
    assert response.status_code == 201, response.text
    # Success resets the counter.
    error = assert_error(login(platform, number, "wrong1234"), 401, "login_failed", "password")
    assert error["remaining_attempts"] == 4


def test_failures_older_than_fifteen_minutes_are_forgotten(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False)
    learner = register(platform)
    number = learner["account"]["id_number"]
    for remaining in (4, 3, 2, 1):
        error = assert_error(login(platform, number, "wrong1234"), 401, "login_failed", "password")
        assert error["remaining_attempts"] == remaining
    platform.restart(now=shifted(DEFAULT_NOW, minutes=15))
    # A new window: four failures a quarter of an hour ago lock nothing.
    error = assert_error(login(platform, number, "wrong1234"), 401, "login_failed", "password")
    assert error["remaining_attempts"] == 4
    assert login(platform, number, learner["password"]).status_code == 201


def test_a_disabled_account_is_told_so_only_with_the_right_password(
    platform: PlatformProcess,
) -> None:
    """The right password of a disabled account answers "disabled" and clears the count."""
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    staff = ready_staff(platform, admin)
    account_id = staff["account"]["id"]
    response = requests.post(
        f"{platform.api}/staff/accounts/{account_id}/disable", headers=bearer(admin), timeout=10
    )
    assert response.status_code == 200, response.text
    for remaining in (4, 3):
        wrong = login(platform, staff["username"], "Wrong2021x")
        assert (
            assert_error(wrong, 401, "login_failed", "password")["remaining_attempts"] == remaining
        )
    refused = login(platform, staff["username"], staff["password"])
    assert_error(refused, 401, "account_disabled", "id_number")
    wrong = login(platform, staff["username"], "Wrong2021x")
    assert assert_error(wrong, 401, "login_failed", "password")["remaining_attempts"] == 4
