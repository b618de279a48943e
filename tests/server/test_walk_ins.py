"""现场登记: a walk-in registered at the counter in one go, all or nothing, scoped to the desk's
institution and written to the audit log."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import requests

from rules.attachments import MAX_ATTACHMENT_BYTES
from rules.identity import mask_id_number, sex_of
from tests.helpers.identity import unique_resident_id, with_wrong_check_digit
from tests.helpers.images import jpeg_bytes, jpeg_claiming, png_bytes
from tests.helpers.learners import (
    DEMO_ADMIN,
    change_password,
    complete_profile_body,
    institution_admin,
    register_walk_in,
    staff_login,
    walk_in_body,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, login, register

NEW_PASSWORD = "Walkin2021x"


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def _desk(platform: PlatformProcess) -> str:
    token: str = staff_login(platform)["access_token"]
    return token


def _post(platform: PlatformProcess, token: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(
        platform.api + "/staff/walk-ins", json=body, headers=bearer(token), timeout=30
    )


def _get(platform: PlatformProcess, token: str, path: str, **params: str) -> requests.Response:
    return requests.get(platform.api + path, params=params, headers=bearer(token), timeout=10)


def _attachment_files(platform: PlatformProcess) -> set[Path]:
    root = platform.db_path.parent / "attachments"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _accounts_with(platform: PlatformProcess, id_number: str) -> int:
    rows = platform.query("SELECT count(*) FROM accounts WHERE id_number = ?", (id_number,))
    return int(rows[0][0])


def test_a_walk_in_logs_in_with_the_one_time_password_and_must_change_it(
    platform: PlatformProcess,
) -> None:
    body = walk_in_body()
    id_number = body["account"]["id_number"]
    answer = register_walk_in(platform, _desk(platform), body)

    walk_in = answer["walk_in"]
    assert answer["login_id"] == id_number
    assert walk_in["name"] == "李秀英"
    assert walk_in["id_number_masked"] == mask_id_number(id_number)
    assert walk_in["phone_masked"] == "138****8000"
    assert walk_in["registered_by"] == "陈嘉明"
    assert walk_in["registered_at"] == platform.now
    assert walk_in["orders"] == []

    response = login(platform, id_number, answer["initial_password"])
    assert response.status_code == 201, response.text
    session = response.json()
    assert session["account"]["must_change_password"] is True
    token = session["access_token"]
    assert_error(_get(platform, token, "/me/profile"), 403, "password_change_required")
    assert_error(_get(platform, token, "/enrollments"), 403, "password_change_required")

    me = change_password(platform, token, answer["initial_password"], NEW_PASSWORD)
    assert me["must_change_password"] is False
    assert me["profile_status"] == "collected"

    response = _get(platform, token, "/me/profile")
    assert response.status_code == 200, response.text
    profile = response.json()
    expected = complete_profile_body()
    assert profile["status"] == "collected"
    assert profile["version"] == 1
    assert profile["personal"]["name"] == "李秀英"
    assert profile["personal"]["id_number"] == id_number
    assert profile["personal"]["sex"] == sex_of(id_number)
    assert profile["personal"]["birth_date"] == "1987-03-06"
    assert profile["education"] == expected["education"]
    assert profile["region_code"] == expected["region_code"]
    assert {kind for kind, info in profile["attachments"].items() if info} == {
        "id_front",
        "id_back",
        "photo",
    }
    photo = _get(platform, token, "/me/profile/attachments/photo")
    assert photo.status_code == 200
    assert photo.content.startswith(b"\xff\xd8\xff")

    response = _get(platform, token, "/institutions/yhdc/learner-info")
    assert response.status_code == 200, response.text
    info = response.json()
    assert info["filled"] is True
    assert info["district_code"] == "440103"
    assert info["phone"] == "13800138000"

    changes = _get(platform, token, "/changes").json()["items"]
    assert {"me", "profile"} <= {change["entity"] for change in changes}

    # The new password works; the one-time password no longer does.
    assert login(platform, id_number, NEW_PASSWORD).status_code == 201
    assert login(platform, id_number, answer["initial_password"]).status_code == 401


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        (jpeg_bytes((400, 300), noise=True)[:20000], "attachment_corrupt"),
        (png_bytes(), "attachment_not_jpeg"),
        (jpeg_claiming(20_000, 20_000), "attachment_too_many_pixels"),  # 400 MP
    ],
    ids=["corrupt", "png", "bomb"],
)
def test_a_bad_photo_refuses_the_whole_walk_in_and_stores_nothing(
    platform: PlatformProcess, photo: bytes, code: str
) -> None:
    before = _attachment_files(platform)
    # ID card images never sent before: had they been stored, a new file would show.
    id_number = unique_resident_id()
    body = walk_in_body(
        account={
            "id_type": "resident_id",
            "id_number": id_number,
            "name": "王建国",
            "phone": "13912345678",
        },
        attachments={
            "id_front": _b64(jpeg_bytes((97, 61))),
            "id_back": _b64(jpeg_bytes((61, 97))),
            "photo": _b64(photo),
        },
    )
    error = assert_error(
        _post(platform, _desk(platform), body), 422, "walk_in_invalid", "attachments.photo"
    )
    assert error["problems"] == [
        {"field": "attachments.photo", "code": code, "message": error["problems"][0]["message"]}
    ]
    assert "本人免冠照片" in error["message"]
    assert _accounts_with(platform, id_number) == 0
    assert _attachment_files(platform) == before
    assert login(platform, id_number, "whatever1").status_code == 401


def _with(body: dict[str, Any], section: str, **values: Any) -> dict[str, Any]:
    return {**body, section: {**body[section], **values}}


def _wrong_check_digit(body: dict[str, Any]) -> dict[str, Any]:
    number = with_wrong_check_digit(body["account"]["id_number"])
    return _with(body, "account", id_number=number)


def _bad_phone(body: dict[str, Any]) -> dict[str, Any]:
    return _with(body, "account", phone="1501006706")


def _ineligible(body: dict[str, Any]) -> dict[str, Any]:
    return {
        **body,
        "eligibility": {"works_in_accounting": False, "resides_with_certificate": False},
    }


def _no_school(body: dict[str, Any]) -> dict[str, Any]:
    profile = body["profile"]
    return _with(body, "profile", education={**profile["education"], "school": ""})


def _bad_email(body: dict[str, Any]) -> dict[str, Any]:
    profile = body["profile"]
    return _with(body, "profile", personal={**profile["personal"], "email": "chen@"})


def _no_commitment(body: dict[str, Any]) -> dict[str, Any]:
    return _with(body, "profile", commitment_accepted=False)


def _no_photo(body: dict[str, Any]) -> dict[str, Any]:
    return _with(body, "attachments", photo=None)


def _other_name_in_profile(body: dict[str, Any]) -> dict[str, Any]:
    profile = body["profile"]
    return _with(body, "profile", personal={**profile["personal"], "name": "李秀兰"})


def _shenzhen(body: dict[str, Any]) -> dict[str, Any]:
    return {**body, "district_code": "440304"}


@pytest.mark.parametrize(
    ("spoil", "field", "code"),
    [
        (_wrong_check_digit, "account.id_number", "id_invalid"),
        (_bad_phone, "account.phone", "phone_invalid"),
        (_ineligible, "eligibility", "ineligible"),
        (_no_school, "profile.education.school", "profile_incomplete"),
        (_bad_email, "profile.personal.email", "profile_incomplete"),
        (_no_commitment, "profile.commitment_accepted", "profile_incomplete"),
        (_other_name_in_profile, "profile.personal.name", "identity_mismatch"),
        (_no_photo, "attachments.photo", "profile_incomplete"),
        (_shenzhen, "district_code", "district_invalid"),
    ],
    ids=[
        "check-digit",
        "phone",
        "ineligible",
        "required-field",
        "email",
        "commitment",
        "identity",
        "missing-photo",
        "district",
    ],
)
def test_every_learner_path_refusal_is_reproduced_at_its_path(
    platform: PlatformProcess, spoil: Any, field: str, code: str
) -> None:
    body = spoil(walk_in_body())
    error = assert_error(_post(platform, _desk(platform), body), 422, "walk_in_invalid", field)
    assert [(p["field"], p["code"]) for p in error["problems"]] == [(field, code)]
    assert all(p["message"] for p in error["problems"])
    assert _accounts_with(platform, body["account"]["id_number"]) == 0


def test_all_problems_come_back_at_once_in_form_order(platform: PlatformProcess) -> None:
    body = _no_photo(_bad_email(_no_school(_bad_phone(walk_in_body()))))
    error = assert_error(
        _post(platform, _desk(platform), body), 422, "walk_in_invalid", "account.phone"
    )
    # The wrong phone is reported once, at the account (the profile's copy is the same).
    assert [p["field"] for p in error["problems"]] == [
        "account.phone",
        "profile.personal.email",
        "profile.education.school",
        "attachments.photo",
    ]
    assert "共 4 项" in error["message"]


def test_an_id_number_already_registered_is_refused(platform: PlatformProcess) -> None:
    learner = register(platform)
    body = walk_in_body()
    body["account"]["id_number"] = learner["account"]["id_number"]
    assert_error(
        _post(platform, _desk(platform), body), 409, "id_number_taken", "account.id_number"
    )
    desk = _desk(platform)
    taken = register_walk_in(platform, desk)
    again = walk_in_body()
    again["account"]["id_number"] = taken["login_id"]
    assert_error(_post(platform, desk, again), 409, "id_number_taken", "account.id_number")


def test_today_s_walk_ins_are_listed_with_masked_id_numbers(platform: PlatformProcess) -> None:
    desk = _desk(platform)
    first = register_walk_in(
        platform,
        desk,
        walk_in_body(
            account={
                "id_type": "resident_id",
                "id_number": unique_resident_id(),
                "name": "欧阳明珠",
                "phone": "13711112222",
            }
        ),
    )
    second = register_walk_in(platform, desk)

    response = _get(platform, desk, "/staff/walk-ins")
    assert response.status_code == 200, response.text
    listed = {item["id"]: item for item in response.json()["items"]}
    assert {first["walk_in"]["id"], second["walk_in"]["id"]} <= set(listed)
    assert listed[first["walk_in"]["id"]] == first["walk_in"]
    for answer in (first, second):
        assert answer["login_id"] not in response.text

    by_name = _get(platform, desk, "/staff/walk-ins", q="欧阳明").json()["items"]
    assert [item["id"] for item in by_name] == [first["walk_in"]["id"]]
    by_tail = _get(platform, desk, "/staff/walk-ins", q=second["login_id"][-4:]).json()["items"]
    assert second["walk_in"]["id"] in [item["id"] for item in by_tail]
    assert first["walk_in"]["id"] not in [item["id"] for item in by_tail]

    day_before = _get(platform, desk, "/staff/walk-ins", date="2021-06-20")
    assert day_before.status_code == 200
    assert day_before.json()["items"] == []
    assert_error(
        _get(platform, desk, "/staff/walk-ins", date="yesterday"), 422, "validation_error", "date"
    )


def test_another_institution_sees_none_of_the_walk_ins(platform: PlatformProcess) -> None:
    desk = _desk(platform)
    walk_in = register_walk_in(platform, desk)["walk_in"]
    response = requests.post(
        f"{platform.api}/staff/walk-ins/{walk_in['id']}/orders",
        json={"package_ids": ["yhdc-2021-professional"]},
        headers=bearer(desk),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    order = response.json()

    other = institution_admin(platform, "fsdc")["access_token"]
    listed = _get(platform, other, "/staff/walk-ins").json()["items"]
    assert walk_in["id"] not in [item["id"] for item in listed]
    assert _get(platform, other, "/staff/walk-ins", q=walk_in["name"]).json()["items"] == []
    for path, body in [
        (f"/staff/walk-ins/{walk_in['id']}/orders", {"package_ids": ["fsdc-2021-professional"]}),
        (f"/staff/orders/{order['id']}/cash-payment", {"received_fen": order["amount_fen"]}),
        (f"/staff/orders/{order['id']}/study-card", {"card_number": "1", "password": "x"}),
    ]:
        response = requests.post(platform.api + path, json=body, headers=bearer(other), timeout=10)
        assert_error(response, 404, "not_found")
    # Nor can the desk sell another institution's package to its walk-in.
    response = requests.post(
        f"{platform.api}/staff/walk-ins/{walk_in['id']}/orders",
        json={"package_ids": ["fsdc-2021-professional"]},
        headers=bearer(desk),
        timeout=10,
    )
    assert_error(response, 404, "not_found", "package_ids")


def test_a_learner_token_is_refused_on_every_front_desk_route(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    for method, path, body in [
        ("POST", "/staff/walk-ins", walk_in_body()),
        ("GET", "/staff/walk-ins", None),
        ("POST", "/staff/walk-ins/x/orders", {"package_ids": ["yhdc-2021-public"]}),
        ("POST", "/staff/orders/x/cash-payment", {"received_fen": 0}),
        ("POST", "/staff/orders/x/study-card", {"card_number": "1", "password": "x"}),
    ]:
        response = requests.request(
            method, platform.api + path, json=body, headers=bearer(token), timeout=30
        )
        assert_error(response, 403, "staff_only")


def test_the_audit_log_lists_the_desk_s_actions_without_id_numbers(
    platform: PlatformProcess,
) -> None:
    desk = _desk(platform)
    answer = register_walk_in(platform, desk)
    walk_in = answer["walk_in"]
    assert _get(platform, desk, "/staff/walk-ins", q=answer["login_id"]).status_code == 200
    response = requests.post(
        f"{platform.api}/staff/walk-ins/{walk_in['id']}/orders",
        json={"package_ids": ["yhdc-2021-professional"]},
        headers=bearer(desk),
        timeout=10,
    )
    order = response.json()
    response = requests.post(
        f"{platform.api}/staff/orders/{order['id']}/cash-payment",
        json={"received_fen": order["amount_fen"]},
        headers=bearer(desk),
        timeout=10,
    )
    assert response.status_code == 200, response.text

    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    response = _get(platform, admin, "/staff/audit-log", limit="200")
    assert response.status_code == 200, response.text
    entries = response.json()["items"]
    mine = [e for e in entries if e["target_id"] in (walk_in["id"], order["id"])]
    assert [(e["action"], e["actor_name"]) for e in reversed(mine)] == [
        ("walk_in_created", "陈嘉明"),
        ("order_created", "陈嘉明"),
        ("cash_payment", "陈嘉明"),
    ]
    created = mine[-1]
    assert walk_in["name"] in created["summary"]
    assert walk_in["id_number_masked"] in created["summary"]
    assert "¥90.00" in mine[0]["summary"]
    assert any(e["action"] == "walk_ins_listed" for e in entries)
    assert answer["login_id"] not in response.text
    assert answer["initial_password"] not in response.text


def test_a_photo_over_2_mb_is_a_problem_and_a_body_over_12_mb_is_refused(
    platform: PlatformProcess,
) -> None:
    desk = _desk(platform)
    too_large = b"\xff\xd8\xff" + bytes(MAX_ATTACHMENT_BYTES)
    body = _with(walk_in_body(), "attachments", id_back=_b64(too_large))
    error = assert_error(_post(platform, desk, body), 422, "walk_in_invalid", "attachments.id_back")
    assert error["problems"][0]["code"] == "attachment_too_large"

    body = _with(walk_in_body(), "attachments", student_card="A" * (12 * 1024 * 1024))
    assert_error(_post(platform, desk, body), 413, "payload_too_large")
    assert _accounts_with(platform, body["account"]["id_number"]) == 0
