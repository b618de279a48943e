"""选课: enrollments, their catalogs, selecting by hand and by 一键选课, and the refusals."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import requests

from rules.selection import REQUIRED_MESSAGE, WATCHED_MESSAGE
from tests.helpers.learners import enrolled_learner, push_events, watch_event
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, assert_error, bearer

PROFESSIONAL = "yhdc-2021-professional"
REQUIRED_IDS = {"yhdc-2021-professional-c47", "yhdc-2021-professional-c49"}


def _professional(learner: dict[str, Any]) -> dict[str, Any]:
    enrollment: dict[str, Any] = next(
        e for e in learner["enrollments"] if e["package_id"] == PROFESSIONAL
    )
    return enrollment


def _courses(platform: PlatformProcess, token: str, enrollment_id: str) -> requests.Response:
    return requests.get(
        f"{platform.api}/enrollments/{enrollment_id}/courses", headers=bearer(token), timeout=10
    )


def _selection(
    platform: PlatformProcess, token: str, method: str, enrollment_id: str, course_id: str
) -> requests.Response:
    return requests.request(
        method,
        f"{platform.api}/enrollments/{enrollment_id}/selections/{course_id}",
        headers=bearer(token),
        timeout=10,
    )


def _auto_select(platform: PlatformProcess, token: str, enrollment_id: str) -> requests.Response:
    return requests.post(
        f"{platform.api}/enrollments/{enrollment_id}/auto-select", headers=bearer(token), timeout=10
    )


def _tenths(credits: float) -> int:
    return round(credits * 10)


def test_enrollments_list_both_packages(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    professional = _professional(learner)
    assert professional == {
        "id": professional["id"],
        "package_id": PROFESSIONAL,
        "title": "2021年度广州市继续教育培训(专业课)",
        "institution_id": "yhdc",
        "institution_name": "源和大成教育",
        "year": 2021,
        "course_type": "professional",
        "required_credits": 60.0,
        "selected_credits": 4.0,
        "selected_count": 2,
        "closes_at": "2021-12-31T23:59:59+08:00",
        "closed": False,
        "order_id": learner["order"]["id"],
        "created_at": "2021-06-21T18:23:50+08:00",
    }
    public = next(e for e in learner["enrollments"] if e["course_type"] == "public")
    assert (public["required_credits"], public["selected_credits"]) == (30.0, 30.0)

    def listed(**params: Any) -> list[str]:
        response = requests.get(
            platform.api + "/enrollments", params=params, headers=bearer(token), timeout=10
        )
        assert response.status_code == 200, response.text
        return [e["id"] for e in response.json()["items"]]

    assert sorted(listed(year=2021)) == sorted(e["id"] for e in learner["enrollments"])
    assert listed(year=2022) == []
    response = requests.get(
        platform.api + "/enrollments", params={"year": "x"}, headers=bearer(token), timeout=10
    )
    assert_error(response, 422, "validation_error", "year")


def test_catalog_in_category_order_with_the_seed_courses(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    enrollment = _professional(learner)
    body = _courses(platform, learner["access_token"], enrollment["id"]).json()
    assert body["enrollment"] == enrollment
    items = body["items"]
    assert 40 <= len(items) <= 50
    assert items[0] == {
        "id": "yhdc-2021-professional-c01",
        "category": "行政事业",
        "title": "政府会计准则解释第1号",
        "teacher": "郭淑荣",
        "credits": 2.4,
        "duration_ms": 90_000,  # its three demo chapters: 20 s + 30 s + 40 s
        "required": False,
        "selected": False,
        "watched_ms": 0,
        "trial_available": True,
        "deselect_problem": None,
    }
    by_title = {c["title"]: c for c in items}
    assert by_title["小企业会计准则"]["teacher"] == "魏星"
    # Every course lasts as long as its 2-3 demo chapters (the clips last 20, 30 and 40 s).
    assert {c["duration_ms"] for c in items} == {50_000, 60_000, 70_000, 90_000}
    for title, credits in [
        ("关于彩票机构执行《政府会计制度——行政事业单位会计科目和报表》的补充规定", 2.3),
        ("关于彩票机构执行《政府会计制度——行政事业单位会计科目和报表》的衔接规定(一)", 2.0),
        ("税收减免管理办法", 1.5),
        ("《政府采购法》和《政府采购法实施条例》解读", 4.0),
        ("《企业所得税税前扣除凭证管理办法》", 1.0),
    ]:
        assert by_title[title]["credits"] == credits
    # Grouped by category: each category is one run of rows.
    runs = [category for category, _ in itertools.groupby(c["category"] for c in items)]
    assert len(runs) == len(set(runs)) >= 6
    assert sum(_tenths(c["credits"]) for c in items) > 1000
    required = [c for c in items if c["required"]]
    assert {c["id"] for c in required} == REQUIRED_IDS
    assert "会计基础工作规范" in {c["title"] for c in required}
    assert all(c["selected"] and c["deselect_problem"] == REQUIRED_MESSAGE for c in required)


def test_select_and_deselect_by_hand(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment_id = _professional(learner)["id"]
    course_id = "yhdc-2021-professional-c01"

    selected = _selection(platform, token, "PUT", enrollment_id, course_id)
    assert selected.status_code == 200, selected.text
    body = selected.json()
    assert body["course"]["selected"] is True and body["course"]["deselect_problem"] is None
    assert (body["enrollment"]["selected_credits"], body["enrollment"]["selected_count"]) == (
        6.4,
        3,
    )
    again = _selection(platform, token, "PUT", enrollment_id, course_id)
    assert again.status_code == 200 and again.json() == body

    removed = _selection(platform, token, "DELETE", enrollment_id, course_id)
    assert removed.status_code == 200, removed.text
    assert removed.json()["course"]["selected"] is False
    assert removed.json()["enrollment"]["selected_credits"] == 4.0
    assert _selection(platform, token, "DELETE", enrollment_id, course_id).json() == removed.json()


def test_required_course_cannot_be_deselected(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    enrollment_id = _professional(learner)["id"]
    for course_id in REQUIRED_IDS:
        error = assert_error(
            _selection(platform, learner["access_token"], "DELETE", enrollment_id, course_id),
            409,
            "course_required",
        )
        assert error["message"] == REQUIRED_MESSAGE


def test_watched_course_cannot_be_deselected(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment_id = _professional(learner)["id"]
    course_id = "yhdc-2021-professional-c10"
    assert _selection(platform, token, "PUT", enrollment_id, course_id).status_code == 200
    # Watch 6.5 s of its first chapter, for real.
    chapter_id = f"{course_id}-ch1"
    event = watch_event(chapter_id, 0, 6_500, DEFAULT_NOW)
    assert push_events(platform, token, [event])["accepted"] == [event["id"]]
    error = assert_error(
        _selection(platform, token, "DELETE", enrollment_id, course_id), 409, "course_watched"
    )
    assert error["message"] == WATCHED_MESSAGE
    course = next(
        c for c in _courses(platform, token, enrollment_id).json()["items"] if c["id"] == course_id
    )
    assert course["watched_ms"] == 6_500 and course["deselect_problem"] == WATCHED_MESSAGE


def test_auto_select_reaches_60_exactly_and_keeps_the_choice(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment_id = _professional(learner)["id"]
    # 4 + 2 by hand: 50 credits are missing, which whole and half credits can reach exactly.
    chosen = ["yhdc-2021-professional-c04", "yhdc-2021-professional-c03"]
    for course_id in chosen:
        assert _selection(platform, token, "PUT", enrollment_id, course_id).status_code == 200

    response = _auto_select(platform, token, enrollment_id)
    assert response.status_code == 200, response.text
    body = response.json()
    items = body["items"]
    selected = [c for c in items if c["selected"]]
    assert {c["id"] for c in selected} >= REQUIRED_IDS | set(chosen)
    assert sum(_tenths(c["credits"]) for c in selected) == 600  # no overshoot at all
    assert body["enrollment"]["selected_credits"] == 60.0
    assert body["enrollment"]["selected_count"] == len(selected)
    assert set(body["added"]) == {c["id"] for c in selected} - REQUIRED_IDS - set(chosen)
    assert body["added"] == [c["id"] for c in items if c["id"] in body["added"]]  # catalog order

    again = _auto_select(platform, token, enrollment_id).json()
    assert again["added"] == [] and again["items"] == items
    public = next(e for e in learner["enrollments"] if e["course_type"] == "public")
    assert _auto_select(platform, token, public["id"]).json()["added"] == []


def test_auto_select_with_the_smallest_overshoot(platform: PlatformProcess) -> None:
    """At 59.9 credits no course fits exactly: 一键选课 adds one of the smallest (1 credit)."""
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment_id = _professional(learner)["id"]
    items = _courses(platform, token, enrollment_id).json()["items"]
    # Setup: courses of 2 credits and more that add up to 55.9 beside the required 4.
    reachable: dict[int, list[str]] = {0: []}
    for course in items:
        tenths = _tenths(course["credits"])
        if course["selected"] or tenths < 20:
            continue
        for total, ids in list(reachable.items()):
            if total + tenths <= 559 and total + tenths not in reachable:
                reachable[total + tenths] = [*ids, course["id"]]
    for course_id in reachable[559]:
        assert _selection(platform, token, "PUT", enrollment_id, course_id).status_code == 200

    body = _auto_select(platform, token, enrollment_id).json()
    unselected_before = [c for c in items if not c["selected"] and c["id"] not in reachable[559]]
    smallest = min(c["credits"] for c in unselected_before)
    assert smallest == 1.0
    first_smallest = next(c["id"] for c in unselected_before if c["credits"] == smallest)
    assert body["added"] == [first_smallest]
    assert body["enrollment"]["selected_credits"] == 60.9


def test_unknown_and_foreign_enrollments_and_courses_are_404(platform: PlatformProcess) -> None:
    owner = enrolled_learner(platform)
    other = enrolled_learner(platform)
    enrollment_id = _professional(owner)["id"]
    stranger = other["access_token"]
    course_id = "yhdc-2021-professional-c02"
    assert_error(_courses(platform, stranger, enrollment_id), 404, "not_found")
    for method in ("PUT", "DELETE"):
        assert_error(
            _selection(platform, stranger, method, enrollment_id, course_id), 404, "not_found"
        )
    assert_error(_auto_select(platform, stranger, enrollment_id), 404, "not_found")
    token = owner["access_token"]
    assert_error(_courses(platform, token, "no-such-enrollment"), 404, "not_found")
    public_course = "yhdc-2021-public-c01"  # a course of another package
    for bad_course in (public_course, "no-such-course", "x" * 300):
        assert_error(
            _selection(platform, token, "PUT", enrollment_id, bad_course), 404, "not_found"
        )
    assert _courses(platform, token, enrollment_id).json()["enrollment"]["selected_count"] == 2


def test_selection_changes_reach_the_feed(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment_id = _professional(learner)["id"]

    def changes_after(cursor: int) -> dict[str, Any]:
        response = requests.get(
            platform.api + "/changes", params={"cursor": cursor}, headers=bearer(token), timeout=10
        )
        body: dict[str, Any] = response.json()
        return body

    cursor = changes_after(0)["cursor"]
    _selection(platform, token, "PUT", enrollment_id, "yhdc-2021-professional-c03")
    after_select = changes_after(cursor)
    assert [(c["entity"], c["entity_id"]) for c in after_select["items"]] == [
        ("enrollment", enrollment_id)
    ]
    # A PUT that changes nothing writes nothing.
    _selection(platform, token, "PUT", enrollment_id, "yhdc-2021-professional-c03")
    assert changes_after(after_select["cursor"])["items"] == []
    _auto_select(platform, token, enrollment_id)
    assert [c["entity"] for c in changes_after(after_select["cursor"])["items"]] == ["enrollment"]


@pytest.mark.parametrize("method", ["PATCH", "POST"])
def test_selection_wrong_method(platform: PlatformProcess, method: str) -> None:
    learner = enrolled_learner(platform)
    response = _selection(
        platform, learner["access_token"], method, _professional(learner)["id"], "c"
    )
    assert_error(response, 405, "method_not_allowed")
