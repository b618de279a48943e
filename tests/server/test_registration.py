"""Eligibility and registration, including every way a registration can be refused."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from rules.eligibility import INELIGIBLE_EXPLANATION
from tests.helpers.identity import make_resident_id, unique_resident_id, with_wrong_check_digit
from tests.helpers.platform import (
    PlatformProcess,
    assert_error,
    bearer,
    login,
    register,
    registration,
)


@pytest.mark.parametrize(
    ("answers", "eligible"),
    [
        ({"works_in_accounting": True}, True),
        ({"works_in_accounting": False, "resides_with_certificate": True}, True),
        ({"works_in_accounting": False, "resides_with_certificate": False}, False),
        ({"works_in_accounting": False, "resides_with_certificate": None}, False),
        ({"works_in_accounting": False}, False),
    ],
)
def test_eligibility(platform: PlatformProcess, answers: dict[str, Any], eligible: bool) -> None:
    response = requests.post(platform.api + "/eligibility", json=answers, timeout=5)
    assert response.status_code == 200
    body = response.json()
    assert body["eligible"] is eligible
    assert body["message"] == ("" if eligible else INELIGIBLE_EXPLANATION)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "works_in_accounting"),
        ({"works_in_accounting": "yes"}, "works_in_accounting"),
        ({"works_in_accounting": 1}, "works_in_accounting"),
        (
            {"works_in_accounting": False, "resides_with_certificate": "no"},
            "resides_with_certificate",
        ),
    ],
)
def test_eligibility_needs_boolean_answers(
    platform: PlatformProcess, body: dict[str, Any], field: str
) -> None:
    response = requests.post(platform.api + "/eligibility", json=body, timeout=5)
    assert_error(response, 422, "validation_error", field)


def test_register_logs_in_and_normalizes_the_id_number(platform: PlatformProcess) -> None:
    number = make_resident_id(birth="19900101", seq=1, area="441900")
    while not number.endswith("X"):  # exercise the lower-case check character
        number = make_resident_id(birth="19900101", seq=int(number[14:17]) + 1, area="441900")
    typed = " " + number[:6] + " " + number[6:-1] + number[-1].lower() + " "
    body = register(platform, id_number=typed, name=" 张晓红 ")
    account = body["account"]
    assert account["id_number"] == number
    assert account["name"] == "张晓红"
    assert account["id_type"] == "resident_id"
    assert account["role"] == "learner"
    assert account["profile_status"] == "not_collected"
    assert account["must_change_password"] is False
    assert account["created_at"] == "2021-06-21T18:23:50+08:00"
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 1800 and body["refresh_expires_in"] == 30 * 24 * 3600
    me = requests.get(platform.api + "/me", headers=bearer(body["access_token"]), timeout=5)
    assert me.status_code == 200 and me.json() == account
    stored = platform.query("SELECT password_hash FROM accounts WHERE id = ?", (account["id"],))
    assert stored[0][0].startswith("$argon2")


@pytest.mark.parametrize(
    ("id_type", "id_number"),
    [
        ("hk_macau_permit", "H12345678"),
        ("hk_macau_permit", "M1234567890"),
        ("taiwan_permit", "12345678"),
        ("passport", "E12345678"),
        ("hmt_residence_permit", "hmt"),
    ],
)
def test_register_other_id_types(platform: PlatformProcess, id_type: str, id_number: str) -> None:
    if id_number == "hmt":
        id_number = make_resident_id(area="810000", seq=7)
    body = register(platform, id_type=id_type, id_number=id_number)
    assert body["account"]["id_type"] == id_type


VALID = make_resident_id(birth="19870306", seq=98)


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"id_number": with_wrong_check_digit(VALID)}, 422, "id_invalid", "id_number"),
        ({"id_number": VALID[:-1]}, 422, "id_invalid", "id_number"),
        ({"id_number": VALID + "1"}, 422, "id_invalid", "id_number"),
        ({"id_number": "A" + VALID[1:]}, 422, "id_invalid", "id_number"),
        ({"id_number": make_resident_id(birth="19870231")}, 422, "id_invalid", "id_number"),
        ({"id_number": make_resident_id(birth="20300101")}, 422, "id_invalid", "id_number"),
        ({"id_number": ""}, 422, "id_invalid", "id_number"),
        ({"id_type": "hk_macau_permit", "id_number": "X12345678"}, 422, "id_invalid", "id_number"),
        ({"id_type": "taiwan_permit", "id_number": "1234567"}, 422, "id_invalid", "id_number"),
        ({"id_type": "passport", "id_number": "E12"}, 422, "id_invalid", "id_number"),
        ({"id_type": "hmt_residence_permit", "id_number": VALID}, 422, "id_invalid", "id_number"),
        ({"id_type": "driver_licence"}, 422, "validation_error", "id_type"),
        ({"password": "abc123"}, 422, "password_weak", "password"),
        ({"password": "abcdefgh"}, 422, "password_weak", "password"),
        ({"password": "12345678"}, 422, "password_weak", "password"),
        ({"password": "a1" * 33}, 422, "password_weak", "password"),
        ({"password": "a1" * 65}, 422, "validation_error", "password"),
        ({"phone": "25010067063"}, 422, "phone_invalid", "phone"),
        ({"phone": "1501006706"}, 422, "phone_invalid", "phone"),
        ({"phone": "1501006706x"}, 422, "phone_invalid", "phone"),
        ({"name": "张"}, 422, "name_invalid", "name"),
        ({"name": "张三3"}, 422, "name_invalid", "name"),
        ({"name": "  "}, 422, "name_invalid", "name"),
        ({"name": "张" * 51}, 422, "validation_error", "name"),
        ({"id_number": "1" * 10_000}, 422, "validation_error", "id_number"),
        ({"phone": 15010067063}, 422, "validation_error", "phone"),
        ({"name": None}, 422, "validation_error", "name"),
        ({"eligibility": "yes"}, 422, "validation_error", "eligibility"),
        (
            {"eligibility": {"works_in_accounting": "perhaps"}},
            422,
            "validation_error",
            "works_in_accounting",
        ),
        (
            {"eligibility": {"works_in_accounting": False, "resides_with_certificate": False}},
            422,
            "ineligible",
            "eligibility",
        ),
    ],
)
def test_register_refusals(
    platform: PlatformProcess, overrides: dict[str, Any], status: int, code: str, field: str
) -> None:
    if "id_number" not in overrides and code != "id_invalid":
        overrides = {**overrides, "id_number": unique_resident_id()}
    response = requests.post(platform.api + "/accounts", json=registration(**overrides), timeout=5)
    assert_error(response, status, code, field)


@pytest.mark.parametrize(
    "missing", ["id_type", "id_number", "name", "phone", "password", "eligibility"]
)
def test_register_missing_field(platform: PlatformProcess, missing: str) -> None:
    body = registration()
    del body[missing]
    response = requests.post(platform.api + "/accounts", json=body, timeout=5)
    error = assert_error(response, 422, "validation_error", missing)
    assert error["message"] == "此项为必填项"


def test_register_taken_id_number(platform: PlatformProcess) -> None:
    first = register(platform)
    number = first["account"]["id_number"]
    response = requests.post(
        platform.api + "/accounts", json=registration(id_number=number.lower()), timeout=5
    )
    error = assert_error(response, 409, "id_number_taken", "id_number")
    assert error["message"] == "该证件号码已注册，请直接登录或找回密码"


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"",
        b"[1, 2]",
        b"null",
        b'"text"',
        '{"name": "\udcff"}'.encode("utf-8", "surrogatepass"),
        b'{"name": "\xff\xfe"}',
        b"\xff\xfe{",
    ],
)
def test_register_malformed_body(platform: PlatformProcess, raw: bytes) -> None:
    response = requests.post(
        platform.api + "/accounts",
        data=raw,
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_error"


# -- input normalised once, at the edge (issue 15) -----------------------------------------

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_the_same_person_typed_in_full_width_is_already_registered(
    platform: PlatformProcess,
) -> None:
    first = register(platform)
    number = first["account"]["id_number"]
    typed = number.translate(FULL_WIDTH)
    assert typed != number and not typed.isascii()
    response = requests.post(
        platform.api + "/accounts", json=registration(id_number=typed), timeout=5
    )
    assert_error(response, 409, "id_number_taken", "id_number")
    rows = platform.query(
        "SELECT id_number FROM accounts WHERE id_number LIKE ?", ("%" + number[-6:],)
    )
    assert rows == [(number,)]


def test_a_full_width_registration_is_stored_in_ascii(platform: PlatformProcess) -> None:
    number = unique_resident_id()
    body = register(platform, id_number="　" + number.translate(FULL_WIDTH), name="张晓红")
    assert body["account"]["id_number"] == number


def test_a_full_width_login_finds_the_ascii_account(platform: PlatformProcess) -> None:
    learner = register(platform)
    number = learner["account"]["id_number"]
    response = login(platform, number.translate(FULL_WIDTH), learner["password"])
    assert response.status_code == 201, response.text
    assert response.json()["account"]["id"] == learner["account"]["id"]


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@pytest.mark.parametrize(
    ("overrides", "reason", "words"),
    [
        ({"id_number": VALID.translate(ARABIC_INDIC)}, "id_script", "其他文字的数字"),
        (
            {"id_number": make_resident_id(area="000000", seq=1)},
            "id_area_code",
            "行政区划代码",
        ),
        (
            {"id_number": make_resident_id(area="999999", seq=1)},
            "id_area_code",
            "行政区划代码",
        ),
        ({"id_number": VALID[:9] + "\u200b" + VALID[9:]}, "id_characters", "看不见的字符"),
        ({"id_type": "passport", "id_number": "E1234\u202e5678"}, "id_characters", "看不见"),
    ],
)
def test_ids_of_other_scripts_or_no_real_place_are_refused(
    platform: PlatformProcess, overrides: dict[str, Any], reason: str, words: str
) -> None:
    response = requests.post(platform.api + "/accounts", json=registration(**overrides), timeout=5)
    error = assert_error(response, 422, "id_invalid", "id_number")
    assert error["reason"] == reason
    assert words in error["message"]


def test_a_historical_area_code_registers(platform: PlatformProcess) -> None:
    # 110103 崇文区 (Beijing) was merged away in 2010; its people keep their numbers.
    number = make_resident_id(birth="19620514", seq=23, area="110103")
    assert register(platform, id_number=number)["account"]["id_number"] == number


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b\u200b", "\u200b", "张\u202e三", "\u2067张三\u2069", "\ufeff张三", "张\t三"],
)
def test_names_with_invisible_characters_are_refused(platform: PlatformProcess, name: str) -> None:
    response = requests.post(platform.api + "/accounts", json=registration(name=name), timeout=5)
    error = assert_error(response, 422, "name_invalid", "name")
    assert "看不见" in error["message"]


def test_names_are_stored_in_their_canonical_form(platform: PlatformProcess) -> None:
    body = register(platform, name=" 阿卜杜 • 热合曼 ", phone="１５０ １００６ ７０６３")
    assert body["account"]["name"] == "阿卜杜·热合曼"
    me = requests.get(platform.api + "/me", headers=bearer(body["access_token"]), timeout=5)
    assert me.json()["name"] == "阿卜杜·热合曼"
    stored = platform.query("SELECT phone FROM accounts WHERE id = ?", (body["account"]["id"],))
    assert stored == [("15010067063",)]


def test_an_account_from_before_normalisation_still_matches_its_identity(
    platform: PlatformProcess,
) -> None:
    """Stored before names were normalised, "•" for "·": what the client sends back of it
    is normalised by the schemas, and still matches the account."""
    learner = register(platform, name="阿卜杜·热合曼")
    account_id, token = learner["account"]["id"], learner["access_token"]
    platform.query("UPDATE accounts SET name = ? WHERE id = ?", ("阿卜杜•热合曼", account_id))
    body = {
        "name": "阿卜杜•热合曼",  # as the client holds it
        "id_number": learner["account"]["id_number"],
        "phone": "15010067063",
        "district_code": "440106",
    }
    response = requests.put(
        platform.api + "/institutions/yhdc/learner-info",
        json=body,
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "阿卜杜·热合曼"
    response = requests.put(
        platform.api + "/me/profile",
        json={"personal": {"name": "阿卜杜•热合曼", "email": "abd@example.com"}},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text


def test_password_reset_and_past_year_lookup_take_full_width_numbers(
    platform: PlatformProcess,
) -> None:
    learner = register(platform)
    number = learner["account"]["id_number"]
    reset = requests.post(
        platform.api + "/password-resets",
        json={"id_number": number.translate(FULL_WIDTH), "phone": "１５０１００６７０６３"},
        timeout=10,
    )
    assert reset.status_code == 202, reset.text
    lookup = requests.post(
        platform.api + "/credit-records/lookup",
        json={"id_number": number.translate(FULL_WIDTH), "year": 2021},
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert lookup.status_code == 200, lookup.text
