"""学习资源 and 网上报名: institutions, 补充信息, packages (docs/api.md, issue 4)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.helpers.learners import DEMO_PACKAGES, collected_learner, enrolled_learner
from tests.helpers.platform import PlatformProcess, assert_error, bearer, register


def _get(platform: PlatformProcess, token: str, path: str, **params: Any) -> requests.Response:
    return requests.get(platform.api + path, headers=bearer(token), params=params, timeout=10)


def _put_info(
    platform: PlatformProcess, token: str, body: dict[str, Any], institution_id: str = "yhdc"
) -> requests.Response:
    return requests.put(
        f"{platform.api}/institutions/{institution_id}/learner-info",
        json=body,
        headers=bearer(token),
        timeout=10,
    )


def test_institutions_of_the_year_as_the_guide_shows_them(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    items = _get(platform, token, "/institutions").json()["items"]  # year: the clock's, 2021
    assert len(items) == 5
    assert items[0] == {
        "id": "yhdc",
        "name": "源和大成教育",
        "region_code": "440100",
        "region_name": "广州市",
        "year": 2021,
        "phone": "4008087802",
        "mode": "online",
        "course_types": ["professional", "public"],
        "learner_info_filled": False,
    }
    assert len({i["region_code"] for i in items}) == 5
    assert {i["mode"] for i in items} == {"online", "onsite"}


def test_institution_filters(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]

    def ids(**params: Any) -> list[str]:
        response = _get(platform, token, "/institutions", **params)
        assert response.status_code == 200, response.text
        return [i["id"] for i in response.json()["items"]]

    everyone = ids(year=2021)
    online, onsite = ids(mode="online"), ids(mode="onsite")
    assert online and onsite and sorted(online + onsite) == sorted(everyone)
    assert "yhdc" in online and "yhdc" not in onsite
    assert ids(q="源和") == ["yhdc"]
    assert ids(q="大成", mode="onsite") == []
    assert ids(q="%") == []  # a LIKE wildcard is searched for literally
    assert ids(course_type="public") == everyone == ids(course_type="professional")
    assert ids(year=2020) == []  # nothing on offer before the platform's first year


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"year": 99999}, "year"),
        ({"mode": "distance"}, "mode"),
        ({"course_type": "exam"}, "course_type"),
        ({"q": "源" * 51}, "q"),
    ],
)
def test_institutions_bad_query(
    platform: PlatformProcess, params: dict[str, Any], field: str
) -> None:
    token = register(platform)["access_token"]
    assert_error(_get(platform, token, "/institutions", **params), 422, "validation_error", field)


def test_issue_4_endpoints_need_a_login(platform: PlatformProcess) -> None:
    for path in ("/institutions", "/institutions/yhdc/packages", "/orders", "/enrollments"):
        assert_error(requests.get(platform.api + path, timeout=10), 401, "unauthorized")
    response = requests.post(platform.api + "/orders", json={"package_ids": ["x"]}, timeout=10)
    assert_error(response, 401, "unauthorized")


def test_learner_info_prefilled_from_profile_then_saved(platform: PlatformProcess) -> None:
    learner = collected_learner(platform, phone="13912345678")
    token = learner["access_token"]
    prefilled = _get(platform, token, "/institutions/yhdc/learner-info").json()
    assert prefilled == {
        "name": learner["account"]["name"],
        "id_number": learner["id_number"],
        "phone": "13912345678",
        "district_code": "440106",  # the profile's region
        "filled": False,
        "updated_at": None,
    }
    body = {**prefilled, "phone": " 13800138000 ", "district_code": "440103"}
    saved = _put_info(platform, token, body)
    assert saved.status_code == 200, saved.text
    assert saved.json() == {
        **prefilled,
        "phone": "13800138000",
        "district_code": "440103",
        "filled": True,
        "updated_at": "2021-06-21T18:23:50+08:00",
    }
    assert _get(platform, token, "/institutions/yhdc/learner-info").json() == saved.json()
    rows = {i["id"]: i for i in _get(platform, token, "/institutions").json()["items"]}
    assert rows["yhdc"]["learner_info_filled"] is True
    assert rows["fsdc"]["learner_info_filled"] is False


def test_learner_info_of_a_learner_without_profile_is_prefilled_from_the_account(
    platform: PlatformProcess,
) -> None:
    learner = register(platform, phone="13712345678")
    info = _get(platform, learner["access_token"], "/institutions/zhhx/learner-info").json()
    assert info["phone"] == "13712345678" and info["district_code"] == ""
    assert info["id_number"] == learner["account"]["id_number"] and info["filled"] is False


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"name": "李四"}, 422, "identity_mismatch", "name"),
        ({"id_number": "130225198703060987"}, 422, "identity_mismatch", "id_number"),
        ({"phone": "2801234567"}, 422, "phone_invalid", "phone"),
        ({"phone": ""}, 422, "phone_invalid", "phone"),
        ({"district_code": "440100"}, 422, "district_invalid", "district_code"),  # a city
        ({"district_code": "440304"}, 422, "district_invalid", "district_code"),  # Shenzhen
        ({"district_code": ""}, 422, "district_invalid", "district_code"),
        ({"district_code": 440103}, 422, "validation_error", "district_code"),
        ({"name": "张" * 51}, 422, "validation_error", "name"),
        ({"phone": None}, 422, "validation_error", "phone"),
    ],
)
def test_learner_info_refusals(
    platform: PlatformProcess, change: dict[str, Any], status: int, code: str, field: str
) -> None:
    learner = register(platform)
    token = learner["access_token"]
    body = {
        "name": learner["account"]["name"],
        "id_number": learner["account"]["id_number"],
        "phone": "15010067063",
        "district_code": "440103",
        **change,
    }
    error = assert_error(_put_info(platform, token, body), status, code, field)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"]), error  # Chinese
    assert _get(platform, token, "/institutions/yhdc/learner-info").json()["filled"] is False


def test_learner_info_lowercase_x_in_the_id_number_is_the_same_number(
    platform: PlatformProcess,
) -> None:
    learner = register(platform, id_number="11010519491231002X")
    body = {
        "name": learner["account"]["name"],
        "id_number": "11010519491231002x",
        "phone": "15010067063",
        "district_code": "440103",
    }
    response = _put_info(platform, learner["access_token"], body)
    assert response.status_code == 200, response.text
    assert response.json()["id_number"] == "11010519491231002X"


def test_unknown_institution_is_404(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    for path in ("/institutions/nope/learner-info", "/institutions/nope/packages"):
        assert_error(_get(platform, token, path), 404, "not_found")
    body = {"name": "x", "id_number": "x", "phone": "x", "district_code": "x"}
    assert_error(_put_info(platform, token, body, "nope"), 404, "not_found")


def test_packages_of_the_year(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    items = _get(platform, token, "/institutions/yhdc/packages", year=2021).json()["items"]
    # 公需课 first, as the guide lists them.
    assert items == [
        {
            "id": "yhdc-2021-public",
            "institution_id": "yhdc",
            "institution_name": "源和大成教育",
            "year": 2021,
            "course_type": "public",
            "title": "2021年公需课",
            "price_fen": 0,
            "credits": 30.0,
            "closes_at": "2021-12-31T23:59:59+08:00",
            "closed": False,
            "owned": False,
            "pending_order_id": None,
            "course_count": 1,
        },
        {
            "id": "yhdc-2021-professional",
            "institution_id": "yhdc",
            "institution_name": "源和大成教育",
            "year": 2021,
            "course_type": "professional",
            "title": "2021年度广州市继续教育培训(专业课)",
            "price_fen": 9000,
            "credits": 60.0,
            "closes_at": "2021-12-31T23:59:59+08:00",
            "closed": False,
            "owned": False,
            "pending_order_id": None,
            "course_count": 50,
        },
    ]
    other_city = _get(platform, token, "/institutions/fsdc/packages").json()["items"]
    assert [p["title"] for p in other_city] == [
        "2021年公需课",
        "2021年度佛山市继续教育培训(专业课)",
    ]
    assert _get(platform, token, "/institutions/yhdc/packages", year=2020).json()["items"] == []
    assert_error(
        _get(platform, token, "/institutions/yhdc/packages", year="x"),
        422,
        "validation_error",
        "year",
    )


def test_packages_show_what_is_owned(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform, package_ids=DEMO_PACKAGES)
    items = _get(platform, learner["access_token"], "/institutions/yhdc/packages").json()["items"]
    assert [(p["owned"], p["pending_order_id"]) for p in items] == [(True, None), (True, None)]
