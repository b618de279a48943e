"""Info collection (信息采集): drafts, format checks, submission, changes (信息变更)."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from rules.identity import sex_of
from tests.helpers.learners import (
    REQUIRED_ATTACHMENTS,
    collected_learner,
    complete_profile_body,
    upload_attachment,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, register


def _get(platform: PlatformProcess, token: str) -> requests.Response:
    return requests.get(platform.api + "/me/profile", headers=bearer(token), timeout=10)


def _put(platform: PlatformProcess, token: str, body: dict[str, Any]) -> requests.Response:
    return requests.put(platform.api + "/me/profile", json=body, headers=bearer(token), timeout=10)


def _submit(platform: PlatformProcess, token: str) -> requests.Response:
    return requests.post(platform.api + "/me/profile/submit", headers=bearer(token), timeout=10)


def test_new_profile_is_prefilled_from_the_account(platform: PlatformProcess) -> None:
    learner = register(platform, name="何晓琳", phone="15010067063")
    account = learner["account"]
    body = _get(platform, learner["access_token"]).json()
    assert body["status"] == "not_collected" and body["version"] == 0
    assert body["submitted_at"] is None
    assert body["updated_at"].endswith("+08:00")
    assert body["personal"] == {
        "name": "何晓琳",
        "sex": sex_of(account["id_number"]),
        "id_type": "resident_id",
        "id_number": account["id_number"],
        "birth_date": "1987-03-06",
        "country_region": "",
        "ethnicity": "",
        "phone": "15010067063",
        "email": "",
    }
    assert body["education"] == {
        "highest_degree": "",
        "school": "",
        "major": "",
        "graduation_date": "",
    }
    assert body["work"] == {"employment_status": "", "employer": "", "position": ""}
    assert body["professional"] == {
        "qualification_level": "",
        "certificate_number": "",
        "obtained_date": "",
    }
    assert body["region_code"] == "" and body["commitment_accepted"] is False
    assert body["attachments"] == dict.fromkeys(
        ("id_front", "id_back", "photo", "student_card"), None
    )


def test_draft_keeps_partial_data(platform: PlatformProcess) -> None:
    learner = register(platform)
    token = learner["access_token"]
    first = _put(platform, token, {"education": {"school": "广东财经大学"}})
    assert first.status_code == 200, first.text
    second = _put(platform, token, {"personal": {"email": " hexl@example.com "}, "region_code": ""})
    assert second.status_code == 200, second.text
    body = _get(platform, token).json()
    assert body == second.json()
    assert body["education"]["school"] == "广东财经大学"
    assert body["personal"]["email"] == "hexl@example.com"
    assert body["personal"]["name"] == learner["account"]["name"]  # untouched keys kept
    assert body["status"] == "not_collected" and body["version"] == 0
    # Status, version and attachments in the body are not the client's to set.
    ignored = _put(platform, token, {"status": "collected", "version": 9, "attachments": {}})
    assert ignored.status_code == 200
    assert ignored.json()["status"] == "not_collected" and ignored.json()["version"] == 0


@pytest.mark.parametrize(
    ("body", "code", "field"),
    [
        ({"personal": {"email": "hexl@example"}}, "profile_invalid", "personal.email"),
        ({"personal": {"phone": "25010067063"}}, "profile_invalid", "personal.phone"),
        ({"education": {"graduation_date": "2021-06-22"}}, "profile_invalid", "education.graduation_date"),
        ({"professional": {"obtained_date": "2012-13-01"}}, "profile_invalid", "professional.obtained_date"),
        ({"personal": {"birth_date": "1987-03-07"}}, "profile_invalid", "personal.birth_date"),
        ({"personal": {"sex": "<opposite>"}}, "profile_invalid", "personal.sex"),
        ({"personal": {"ethnicity": "火星族"}}, "profile_invalid", "personal.ethnicity"),
        ({"work": {"employment_status": "retired"}}, "profile_invalid", "work.employment_status"),
        ({"region_code": "440300"}, "profile_invalid", "region_code"),  # 深圳市
        ({"region_code": "440304"}, "profile_invalid", "region_code"),  # 深圳市福田区
        ({"region_code": "440100"}, "profile_invalid", "region_code"),  # a city, not a district
        ({"region_code": "999999"}, "profile_invalid", "region_code"),
        ({"personal": {"name": "李四"}}, "identity_mismatch", "personal.name"),
        ({"personal": {"id_type": "passport"}}, "identity_mismatch", "personal.id_type"),
        ({"personal": {"id_number": "440106198703060000"}}, "identity_mismatch", "personal.id_number"),
    ],
)  # fmt: skip
def test_format_problems_are_refused(
    platform: PlatformProcess, body: dict[str, Any], code: str, field: str
) -> None:
    learner = register(platform)
    token = learner["access_token"]
    if body.get("personal", {}).get("sex") == "<opposite>":
        own = sex_of(learner["account"]["id_number"])
        body = {"personal": {"sex": "female" if own == "male" else "male"}}
    before = _get(platform, token).json()
    error = assert_error(_put(platform, token, body), 422, code, field)
    assert error["problems"][0]["field"] == field
    assert all(p["message"] for p in error["problems"])
    assert _get(platform, token).json() == before  # nothing saved


def test_every_problem_is_listed_in_form_order(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    body = {
        "region_code": "440300",
        "personal": {"email": "x", "phone": "1"},
        "education": {"graduation_date": "2099-01-01"},
    }
    error = assert_error(_put(platform, token, body), 422, "profile_invalid", "personal.phone")
    assert [p["field"] for p in error["problems"]] == [
        "personal.phone",
        "personal.email",
        "education.graduation_date",
        "region_code",
    ]


def test_null_or_wrong_types_are_validation_errors(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    assert_error(
        _put(platform, token, {"personal": {"email": None}}), 422, "validation_error", "email"
    )
    assert_error(
        _put(platform, token, {"commitment_accepted": "yes"}),
        422,
        "validation_error",
        "commitment_accepted",
    )
    assert_error(
        _put(platform, token, {"work": {"employer": "x" * 101}}),
        422,
        "validation_error",
        "employer",
    )


def test_submit_with_nothing_lists_every_required_path(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    error = assert_error(
        _submit(platform, token), 422, "profile_incomplete", "personal.country_region"
    )
    assert [p["field"] for p in error["problems"]] == [
        "personal.country_region",
        "personal.ethnicity",
        "education.highest_degree",
        "education.school",
        "education.major",
        "education.graduation_date",
        "work.employment_status",
        "work.employer",
        "professional.qualification_level",
        "region_code",
        "commitment_accepted",
        "attachments.id_front",
        "attachments.id_back",
        "attachments.photo",
    ]
    assert _get(platform, token).json()["status"] == "not_collected"


def test_certificate_holders_need_number_and_date(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    body = complete_profile_body()
    body["professional"] = {"qualification_level": "intermediate"}
    assert _put(platform, token, body).status_code == 200
    for kind in REQUIRED_ATTACHMENTS:
        upload_attachment(platform, token, kind)
    error = assert_error(
        _submit(platform, token), 422, "profile_incomplete", "professional.certificate_number"
    )
    assert [p["field"] for p in error["problems"]] == [
        "professional.certificate_number",
        "professional.obtained_date",
    ]


def test_students_need_the_student_card(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    assert _put(platform, token, complete_profile_body("student")).status_code == 200
    for kind in REQUIRED_ATTACHMENTS:
        upload_attachment(platform, token, kind)
    error = assert_error(
        _submit(platform, token), 422, "profile_incomplete", "attachments.student_card"
    )
    assert [p["field"] for p in error["problems"]] == ["attachments.student_card"]
    upload_attachment(platform, token, "student_card")
    assert _submit(platform, token).status_code == 200


def test_complete_submit_collects(platform: PlatformProcess) -> None:
    learner = register(platform)
    token = learner["access_token"]
    account_id = learner["account"]["id"]
    assert _put(platform, token, complete_profile_body()).status_code == 200
    for kind in REQUIRED_ATTACHMENTS:
        upload_attachment(platform, token, kind)
    cursor = requests.get(platform.api + "/changes", headers=bearer(token), timeout=10).json()[
        "cursor"
    ]

    response = _submit(platform, token)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "collected" and body["version"] == 1
    assert body["submitted_at"] == "2021-06-21T18:23:50+08:00"
    assert body["region_code"] == "440106" and body["commitment_accepted"] is True
    assert {k for k, v in body["attachments"].items() if v} == set(REQUIRED_ATTACHMENTS)
    assert _get(platform, token).json() == body

    me = requests.get(platform.api + "/me", headers=bearer(token), timeout=10).json()
    assert me["profile_status"] == "collected"
    changes = requests.get(
        platform.api + "/changes", headers=bearer(token), params={"cursor": cursor}, timeout=10
    ).json()["items"]
    assert [(c["entity"], c["entity_id"]) for c in changes] == [
        ("profile", account_id),
        ("me", account_id),
    ]
    # Submitting again changes nothing.
    again = _submit(platform, token)
    assert again.status_code == 200 and again.json() == body


def test_change_after_collection(platform: PlatformProcess) -> None:
    learner = collected_learner(platform)
    token = learner["access_token"]
    account_id = learner["account"]["id"]

    # A change must leave a complete profile.
    error = assert_error(
        _put(platform, token, {"education": {"school": ""}}),
        422,
        "profile_incomplete",
        "education.school",
    )
    assert [p["field"] for p in error["problems"]] == ["education.school"]
    assert_error(
        _put(platform, token, {"region_code": "440300"}), 422, "profile_incomplete", "region_code"
    )
    assert _get(platform, token).json()["version"] == 1

    # Nothing changed: no new version.
    assert _put(platform, token, {"region_code": "440106"}).json()["version"] == 1

    response = _put(
        platform,
        token,
        {"personal": {"email": "hexl@example.com"}, "work": {"employer": "佛山某某公司"}},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version"] == 2 and body["status"] == "collected"
    assert body["work"]["employer"] == "佛山某某公司"

    rows = platform.query(
        "SELECT version, data, changed_by, changed_at, changed_paths FROM profile_versions"
        " WHERE account_id = ?",
        (account_id,),
    )
    assert len(rows) == 1
    version, data, changed_by, changed_at, changed_paths = rows[0]
    assert version == 1 and changed_by == account_id and changed_at
    assert json.loads(changed_paths) == ["personal.email", "work.employer"]
    previous = json.loads(data)
    assert (
        previous["personal"]["email"] == "" and previous["work"]["employer"] == "广州市某某有限公司"
    )
    assert previous["region_code"] == "440106"
    me = requests.get(platform.api + "/me", headers=bearer(token), timeout=10).json()
    assert me["profile_status"] == "collected"


def test_profile_needs_a_login(platform: PlatformProcess) -> None:
    api = platform.api
    assert_error(requests.get(api + "/me/profile", timeout=10), 401, "unauthorized")
    assert_error(requests.put(api + "/me/profile", json={}, timeout=10), 401, "unauthorized")
    assert_error(requests.post(api + "/me/profile/submit", timeout=10), 401, "unauthorized")
    bad = bearer("not-a-token")
    assert_error(requests.get(api + "/me/profile", headers=bad, timeout=10), 401, "unauthorized")
