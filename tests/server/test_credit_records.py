"""继续教育情况 on the real platform: from "not met" to 回传成功, expiry, and 往年继续教育查询.

Learners buy the 2021 packages at 09:00; the platform then runs at 10:30, so the half hour
of professional courses can be watched by events in between.  The answer key of the exam
is read from the bank file shipped with the platform, as only a test may.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import PlatformFactory
from tests.helpers.learners import (
    PUBLIC_EXAM,
    advance_records,
    collected_learner,
    complete_professional_courses,
    complete_public_course,
    enrolled_learner,
    start_attempt,
)
from tests.helpers.platform import (
    REPO_ROOT,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    shifted,
)

BANK = json.loads((REPO_ROOT / "server/data/exam_bank_public.json").read_text("utf-8"))
KEY: dict[str, list[str]] = {q["id"]: q["answer"] for q in BANK["questions"]}
PROFESSIONAL_PACKAGE = "yhdc-2021-professional"
BOUGHT = "2021-06-21T09:00:00+08:00"
NOW = shifted(BOUGHT, minutes=90)
NEXT_YEAR = "2022-01-05T10:00:00+08:00"
HISTORY_ID = "440106198001010019"
EXPIRED_REMARK = "2021年度学分确认已于2021-12-31截止，过期不办理补学补登"


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A learner who bought the 2021 packages at 09:00 and one who bought nothing, at 10:30."""
    platform = PlatformProcess(Path(tmp_path_factory.mktemp("records")), now=BOUGHT)
    platform.start()
    try:
        learner = enrolled_learner(platform)
        idle = collected_learner(platform)
        platform.restart(now=NOW)
        yield {
            "platform": platform,
            "learner": _logged_in(platform, learner),
            "idle": _logged_in(platform, idle),
        }
    finally:
        platform.stop()


def _logged_in(platform: PlatformProcess, learner: dict[str, Any]) -> dict[str, Any]:
    """*learner* with a fresh access token (the clock moved past the old one's life)."""
    response = login(platform, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    learner["access_token"] = response.json()["access_token"]
    return learner


def _records(platform: PlatformProcess, token: str, **params: Any) -> dict[str, Any]:
    response = requests.get(
        platform.api + "/credit-records", params=params, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert [item["course_type"] for item in body["items"]] == ["public", "professional"]
    return body


def _by_type(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["course_type"]: item for item in body["items"]}


def _wait_for_state(
    platform: PlatformProcess, token: str, course_type: str, state: str, timeout: float = 20
) -> dict[str, Any]:
    """Poll until the worker moved the record to *state*; the record."""
    deadline = time.monotonic() + timeout
    while True:
        record = _by_type(_records(platform, token))[course_type]
        if record["state"] == state or time.monotonic() > deadline:
            assert record["state"] == state, record
            return record
        time.sleep(0.3)


def _pass_exam(platform: PlatformProcess, token: str) -> dict[str, Any]:
    attempt = start_attempt(platform, token, PUBLIC_EXAM)
    answers = {q["id"]: KEY[q["id"]] for q in attempt["questions"]}
    response = requests.post(
        f"{platform.api}/attempts/{attempt['id']}/submit",
        json={"answers": answers},
        headers={**bearer(token), "If-Match": f'"{attempt["version"]}"'},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    assert result["exam_passed"] is True, result
    return result


def test_a_year_not_met_says_what_is_missing(scene: dict[str, Any]) -> None:
    platform, learner = scene["platform"], scene["learner"]
    body = _records(platform, learner["access_token"])
    assert body["year"] == 2021
    assert body["deadline"] == "2021-12-31T23:59:59+08:00"
    assert body["closed"] is False
    public, professional = _by_type(body)["public"], _by_type(body)["professional"]
    assert professional["state"] == public["state"] == "not_met"
    assert professional["remarks"] == "还需完成60学分"
    assert public["remarks"] == "还需完成30学分；公需考试尚未通过"
    assert (public["exam_passed"], professional["exam_passed"]) == (False, None)
    assert professional["id"] is None and professional["credits"] is None
    assert professional["queued_at"] is None and professional["reported_at"] is None
    assert (professional["institution_id"], professional["institution_name"]) == (
        "yhdc",
        "源和大成教育",
    )
    assert (professional["region_code"], professional["region_name"]) == ("440100", "广州市")
    assert professional["learning_mode"] == "online"
    assert (professional["required_credits"], professional["earned_credits"]) == (60.0, 0.0)

    idle = _by_type(_records(platform, scene["idle"]["access_token"]))
    assert idle["professional"]["remarks"] == "尚未购买2021年度专业课"
    assert idle["public"]["remarks"] == "尚未购买2021年度公需课"
    assert idle["professional"]["institution_id"] is None
    # Before any institution, the region is the city of the learner's collected district.
    assert (idle["professional"]["region_code"], idle["professional"]["region_name"]) == (
        "440100",
        "广州市",
    )


def test_both_records_go_from_watching_to_confirmed(scene: dict[str, Any]) -> None:
    platform, learner = scene["platform"], scene["learner"]
    token = learner["access_token"]
    enrollment_id = next(
        e["id"] for e in learner["enrollments"] if e["package_id"] == PROFESSIONAL_PACKAGE
    )
    watched_until = complete_professional_courses(
        platform, token, enrollment_id, shifted(BOUGHT, minutes=1)
    )

    # Met: queued in the outbox, then delivered by the worker (远程机构 已回传).
    professional = _wait_for_state(platform, token, "professional", "reported")
    assert professional["id"] and professional["earned_credits"] >= 60
    assert professional["credits"] == professional["earned_credits"]
    assert professional["queued_at"] == professional["reported_at"] == NOW
    assert professional["reviewed_at"] is None
    assert professional["remarks"] == "远程机构已回传，等待财政管理机构审核"

    # Public: 30 credits studied are not enough without the exam.
    complete_public_course(platform, token, shifted(watched_until, seconds=2))
    public = _by_type(_records(platform, token))["public"]
    assert (public["state"], public["earned_credits"]) == ("not_met", 30.0)
    assert public["remarks"] == "公需考试尚未通过"
    _pass_exam(platform, token)
    public = _wait_for_state(platform, token, "public", "reported")
    assert public["exam_passed"] is True and public["credits"] == 30.0

    # Administrators: the finance bureau reviews, then completion and the province.
    advance_records(platform, "reviewed")
    reviewed = _by_type(_records(platform, token))
    assert {r["state"] for r in reviewed.values()} == {"reviewed"}
    assert reviewed["professional"]["reviewer_phone"] == "020-83170000"
    assert reviewed["professional"]["completed_at"] is None
    advance_records(platform, "confirmed")
    for record in _records(platform, token)["items"]:
        assert record["state"] == "confirmed", record
        stamps = [record[k] for k in ("reported_at", "reviewed_at", "completed_at", "confirmed_at")]
        assert all(stamps), record
        assert record["remarks"] == "已回传省专业技术人员继续教育平台，学分确认完成"

    # One receipt per record at the province, each record changed through the feed.
    receipts = platform.query(
        "SELECT count(*) FROM province_receipts WHERE id_number = ?", (learner["id_number"],)
    )
    assert receipts == [(2,)]
    response = requests.get(platform.api + "/changes", headers=bearer(token), timeout=10)
    entities = {(c["entity"], c["entity_id"]) for c in response.json()["items"]}
    assert ("credit_record", "2021") in entities

    # 往年继续教育查询 of this year finds the platform's own records.
    response = requests.post(
        platform.api + "/credit-records/lookup",
        json={"id_number": learner["id_number"].lower(), "year": 2021},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    rows = response.json()["items"]
    assert [(r["course_type"], r["state"], r["credits"]) for r in rows] == [
        ("public", "回传成功", 30.0),
        ("professional", "回传成功", professional["credits"]),
    ]
    assert rows[0]["score"] == 100 and rows[1]["score"] is None
    assert rows[0]["content"] == "2021年度会计人员继续教育(公需课)"
    assert (
        rows[0]["id_number_masked"]
        == learner["id_number"][:4] + "*" * 10 + learner["id_number"][-4:]
    )


def test_after_the_deadline_an_unmet_year_is_expired(scene: dict[str, Any]) -> None:
    platform = scene["platform"]
    platform.restart(now=NEXT_YEAR)
    for learner in (scene["idle"], scene["learner"]):
        _logged_in(platform, learner)
    idle = _records(platform, scene["idle"]["access_token"], year=2021)
    assert idle["closed"] is True
    for record in idle["items"]:
        assert record["state"] == "expired", record
        assert record["remarks"] == EXPIRED_REMARK
    # What was met in time stays as it was.
    done = _by_type(_records(platform, scene["learner"]["access_token"], year=2021))
    assert done["professional"]["state"] == "confirmed"


def test_past_years_are_looked_up_by_own_id_number_with_a_captcha(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=True)
    learner = collected_learner(platform, id_number=HISTORY_ID, name="李明华")
    token = learner["access_token"]
    url = platform.api + "/credit-records/lookup"

    def lookup(year: int, id_number: str = HISTORY_ID, **captcha: str) -> requests.Response:
        body = {"id_number": id_number, "year": year, **captcha}
        return requests.post(url, json=body, headers=bearer(token), timeout=10)

    assert_error(lookup(2019), 400, "captcha_required", "captcha_answer")
    wrong = {**platform.solved_captcha(), "captcha_answer": "0000"}
    assert_error(lookup(2019, **wrong), 400, "captcha_invalid", "captcha_answer")

    response = lookup(2019, **platform.solved_captcha())
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [
        {
            "name": "李明华",
            "id_number_masked": "4401**********0019",
            "course_type": "public",
            "content": "2019年度会计人员继续教育(公需课)",
            "year": 2019,
            "credits": 30.0,
            "score": 86,
            "state": "已完成",
        },
        {
            "name": "李明华",
            "id_number_masked": "4401**********0019",
            "course_type": "professional",
            "content": "2019年度会计人员继续教育(专业课)",
            "year": 2019,
            "credits": 60.0,
            "score": None,
            "state": "已完成",
        },
    ]
    response = lookup(2016, **platform.solved_captcha())
    assert response.status_code == 200, response.text
    assert response.json() == {"items": []}

    other = collected_learner(platform)["id_number"]
    error = assert_error(
        lookup(2019, other, **platform.solved_captcha()), 403, "lookup_not_own", "id_number"
    )
    assert "本人" in error["message"]
    for year in (2011, 2022):  # before 2012, after the clock's year (2021)
        error = assert_error(
            lookup(year, **platform.solved_captcha()), 422, "validation_error", "year"
        )
        assert error["message"] == "年度应在2012年至2021年之间"
