"""Staff accounts: login by user name, one-time passwords, disabling, scoping, the audit log."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import requests

from rules.identity import id_number_problem
from rules.passwords import password_problem
from tests.helpers.learners import (
    DEMO_ADMIN,
    DEMO_DESK,
    change_password,
    create_staff,
    institution_admin,
    ready_staff,
    register_walk_in,
    server_command,
    staff_login,
    unique_username,
)
from tests.helpers.platform import REPO_ROOT, PlatformProcess, assert_error, bearer, login

CONFUSABLE = set("0Oo1lI")


def _get(platform: PlatformProcess, path: str, token: str, **params: Any) -> requests.Response:
    return requests.get(platform.api + path, headers=bearer(token), params=params, timeout=10)


def _post(platform: PlatformProcess, path: str, token: str, body: Any = None) -> requests.Response:
    return requests.post(platform.api + path, json=body, headers=bearer(token), timeout=10)


def _admin(platform: PlatformProcess) -> str:
    token: str = staff_login(platform, *DEMO_ADMIN)["access_token"]
    return token


def test_demo_staff_log_in_by_user_name_and_see_their_institution(
    platform: PlatformProcess,
) -> None:
    session = staff_login(platform, "YHDC-Desk ", DEMO_DESK[1])
    account = session["account"]
    assert account["role"] == "staff" and account["username"] == "yhdc-desk"
    assert account["institution_id"] == "yhdc"
    assert account["institution_name"] == "源和大成教育"
    assert account["must_change_password"] is False
    me = _get(platform, "/me", session["access_token"]).json()
    assert me == account
    assert staff_login(platform, *DEMO_ADMIN)["account"]["role"] == "admin"
    wrong = login(platform, "yhdc-nobody", "Wrong2021x")
    assert_error(wrong, 401, "login_failed", "password")


def test_a_learner_answer_says_learner_without_an_institution(platform: PlatformProcess) -> None:
    walk_in = register_walk_in(platform, staff_login(platform)["access_token"])
    session = login(platform, walk_in["login_id"].lower(), walk_in["initial_password"]).json()
    account = session["account"]
    assert account["role"] == "learner" and account["must_change_password"] is True
    assert account["institution_id"] is None and account["username"] is None


def test_an_administrator_creates_staff_with_a_readable_one_time_password(
    platform: PlatformProcess,
) -> None:
    admin = _admin(platform)
    created = create_staff(platform, admin, name="吴佩珊")
    password = created["initial_password"]
    assert password_problem(password) is None
    assert not CONFUSABLE & set(password), password
    assert created["account"]["username"] == created["username"]
    assert created["account"]["role"] == "staff" and created["account"]["disabled"] is False
    listed = _get(platform, "/staff/accounts", admin).json()["items"]
    mine = [item for item in listed if item["id"] == created["account"]["id"]]
    assert mine == [created["account"]]
    assert "initial_password" not in str(listed) and password not in str(listed)
    assert {"yhdc-admin", "yhdc-desk"} <= {item["username"] for item in listed}

    session = staff_login(platform, created["username"], password)
    assert session["account"]["must_change_password"] is True
    listed = _get(platform, "/staff/accounts", admin).json()["items"]
    again = next(item for item in listed if item["id"] == created["account"]["id"])
    assert again["last_login_at"] == "2021-06-21T18:23:50+08:00"


def test_user_names_are_checked_and_unique(platform: PlatformProcess) -> None:
    admin = _admin(platform)
    for bad in ("ab", "有中文", "with space", "x" * 33):
        body = {"username": bad, "name": "刘振华", "role": "staff"}
        assert_error(
            _post(platform, "/staff/accounts", admin, body), 422, "username_invalid", "username"
        )
    for taken in ("yhdc-desk", "YHDC-DESK"):
        body = {"username": taken, "name": "刘振华", "role": "staff"}
        assert_error(
            _post(platform, "/staff/accounts", admin, body), 409, "username_taken", "username"
        )
    body = {"username": unique_username(), "name": "刘振华", "role": "owner"}
    assert_error(_post(platform, "/staff/accounts", admin, body), 422, "validation_error", "role")
    body = {"username": unique_username(), "name": "1", "role": "staff"}
    assert_error(_post(platform, "/staff/accounts", admin, body), 422, "name_invalid", "name")


def test_changing_the_password_checks_the_old_one_and_ends_other_sessions(
    platform: PlatformProcess,
) -> None:
    created = create_staff(platform, _admin(platform))
    password = created["initial_password"]
    other = staff_login(platform, created["username"], password)["access_token"]
    token = staff_login(platform, created["username"], password)["access_token"]

    def put(old: str, new: str) -> requests.Response:
        body = {"old_password": old, "new_password": new}
        return requests.put(
            platform.api + "/me/password", json=body, headers=bearer(token), timeout=10
        )

    error = assert_error(put("Wrong2021x", "Better2021x"), 422, "password_wrong", "old_password")
    assert error["remaining_attempts"] == 4  # wrong old passwords are throttled as logins are
    assert_error(put(password, password), 422, "password_unchanged", "new_password")
    assert_error(put(password, "short1"), 422, "password_weak", "new_password")
    me = put(password, "Better2021x")
    assert me.status_code == 200 and me.json()["must_change_password"] is False
    assert _get(platform, "/me", token).status_code == 200
    assert_error(_get(platform, "/me", other), 401, "unauthorized")
    assert login(platform, created["username"], password).status_code == 401
    assert (
        staff_login(platform, created["username"], "Better2021x")["account"]["must_change_password"]
        is False
    )


def test_a_disabled_account_cannot_log_in_and_its_sessions_end(platform: PlatformProcess) -> None:
    admin = _admin(platform)
    staff = ready_staff(platform, admin)
    account_id = staff["account"]["id"]
    disabled = _post(platform, f"/staff/accounts/{account_id}/disable", admin)
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert_error(_get(platform, "/me", staff["access_token"]), 401, "unauthorized")
    refused = login(platform, staff["username"], staff["password"])
    error = assert_error(refused, 401, "account_disabled", "id_number")
    assert "停用" in error["message"]
    listed = _get(platform, "/staff/accounts", admin).json()["items"]
    assert next(item for item in listed if item["id"] == account_id)["disabled"] is True

    enabled = _post(platform, f"/staff/accounts/{account_id}/enable", admin)
    assert enabled.status_code == 200 and enabled.json()["disabled"] is False
    assert (
        staff_login(platform, staff["username"], staff["password"])["account"]["id"] == account_id
    )


def test_an_administrator_cannot_disable_themselves(platform: PlatformProcess) -> None:
    admin = ready_staff(platform, _admin(platform), role="admin")
    me = admin["account"]["id"]
    response = _post(platform, f"/staff/accounts/{me}/disable", admin["access_token"])
    assert_error(response, 422, "validation_error")
    assert _get(platform, "/me", admin["access_token"]).status_code == 200


def test_staff_of_one_institution_see_nothing_of_another(platform: PlatformProcess) -> None:
    yhdc = _admin(platform)
    yhdc_staff = create_staff(platform, yhdc)
    other = institution_admin(platform, "fsdc")
    assert other["account"]["institution_name"] == "佛山德诚财会教育"
    token = other["access_token"]
    listed = _get(platform, "/staff/accounts", token).json()["items"]
    assert [item["username"] for item in listed] == [other["username"]]
    for action in ("disable", "enable"):
        response = _post(platform, f"/staff/accounts/{yhdc_staff['account']['id']}/{action}", token)
        assert_error(response, 404, "not_found")
    learner = register_walk_in(platform, staff_login(platform)["access_token"])["walk_in"]
    assert_error(
        _post(platform, f"/staff/accounts/{learner['id']}/disable", yhdc), 404, "not_found"
    )
    entries = _get(platform, "/staff/audit-log", token).json()["items"]
    assert entries and {entry["actor_name"] for entry in entries} == {"何国强"}
    assert yhdc_staff["username"] not in str(entries)


def test_the_audit_log_records_staff_actions_newest_first_and_pages(
    platform: PlatformProcess,
) -> None:
    admin = _admin(platform)
    staff = ready_staff(platform, admin)
    _post(platform, f"/staff/accounts/{staff['account']['id']}/disable", admin)
    _post(platform, f"/staff/accounts/{staff['account']['id']}/enable", admin)
    entries = _get(platform, "/staff/audit-log", admin, limit=500).json()["items"]
    ids = [entry["id"] for entry in entries]
    assert ids == sorted(ids, reverse=True)
    target = staff["account"]["id"]
    mine = [entry["action"] for entry in entries if entry["target_id"] == target]
    assert mine[:5] == ["staff_enabled", "staff_disabled", "login", "login", "staff_created"]
    created = next(
        e for e in entries if e["target_id"] == target and e["action"] == "staff_created"
    )
    assert created["actor_name"] == "林淑华" and staff["username"] in created["summary"]
    assert created["at"] == "2021-06-21T18:23:50+08:00"

    first = _get(platform, "/staff/audit-log", admin, limit=2).json()
    assert [entry["id"] for entry in first["items"]] == ids[:2]
    second = _get(platform, "/staff/audit-log", admin, limit=2, before=first["next_before"]).json()
    assert [entry["id"] for entry in second["items"]] == ids[2:4]
    assert_error(
        _get(platform, "/staff/audit-log", admin, limit=0), 422, "validation_error", "limit"
    )


def test_the_audit_log_holds_no_id_number_and_no_password(platform: PlatformProcess) -> None:
    desk = staff_login(platform)["access_token"]
    walk_in = register_walk_in(platform, desk)
    admin = _admin(platform)
    created = create_staff(platform, admin)
    text = str(_get(platform, "/staff/audit-log", admin, limit=500).json()["items"])
    assert walk_in["walk_in"]["name"] in text
    for secret in (walk_in["login_id"], walk_in["initial_password"], created["initial_password"]):
        assert secret not in text
    for secret in (DEMO_DESK[1], DEMO_ADMIN[1]):
        assert secret not in text
    # No valid resident ID number at all (order numbers are 18 digits too, but no ID).
    assert not [
        n for n in re.findall(r"\d{17}[\dX]", text) if not id_number_problem("resident_id", n)
    ]
    assert "base64" not in text and "/9j/" not in text  # no JPEG


def test_create_admin_prints_a_one_time_password_once(platform: PlatformProcess) -> None:
    username = unique_username("zhhx-admin")
    result = server_command(
        platform,
        "create-admin",
        "--institution",
        "zhhx",
        "--username",
        username,
        "--name",
        "郑丽娟",
    )
    printed = dict(line.split(": ", 1) for line in result.stdout.strip().splitlines())
    assert printed["username"] == username
    password = printed["initial_password"]
    assert password_problem(password) is None and not CONFUSABLE & set(password)
    session = staff_login(platform, username, password)
    assert session["account"]["role"] == "admin" and session["account"]["must_change_password"]
    assert session["account"]["institution_name"] == "珠海恒信会计培训学校"
    change_password(platform, session["access_token"], password)
    assert password not in result.stderr


def test_create_admin_refuses_an_unknown_institution_or_a_taken_name(
    platform: PlatformProcess,
) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "server", "create-admin", "--db", platform.db_url, *args],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    unknown = run("--institution", "nowhere", "--username", unique_username(), "--name", "郑丽娟")
    assert unknown.returncode == 2 and "nowhere" in unknown.stderr and not unknown.stdout
    taken = run("--institution", "yhdc", "--username", "yhdc-admin", "--name", "郑丽娟")
    assert taken.returncode == 2 and "用户名" in taken.stderr and not taken.stdout
