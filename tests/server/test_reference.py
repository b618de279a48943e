"""Health, reference data, OpenAPI and the envelope of unknown routes."""

from __future__ import annotations

import requests

from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, assert_error


def test_health_answers_on_both_paths(platform: PlatformProcess) -> None:
    for url in (platform.url + "/health", platform.api + "/health"):
        body = requests.get(url, timeout=5).json()
        assert body == {
            "status": "ok",
            "version": "0.1.0",
            "server_time": DEFAULT_NOW,
            "captcha_required": False,
            "demo_inbox": True,
            "payments": "sandbox",
        }


def test_openapi_lists_the_endpoints(platform: PlatformProcess) -> None:
    response = requests.get(platform.url + "/openapi.json", timeout=5)
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/health",
        "/api/v1/captchas",
        "/api/v1/regions",
        "/api/v1/years/{year}",
        "/api/v1/eligibility",
        "/api/v1/accounts",
        "/api/v1/sessions",
        "/api/v1/sessions/refresh",
        "/api/v1/sessions/current",
        "/api/v1/password-resets",
        "/api/v1/password-resets/confirm",
        "/api/v1/me",
        "/api/v1/changes",
        "/api/v1/demo/inbox",
        "/api/v1/institutions",
        "/api/v1/institutions/{institution_id}/learner-info",
        "/api/v1/institutions/{institution_id}/packages",
        "/api/v1/orders",
        "/api/v1/orders/{order_id}/payments",
        "/api/v1/payments/{payment_id}",
        "/api/v1/sandbox/payments/{payment_id}/confirm",
        "/api/v1/study-cards/activate",
        "/api/v1/enrollments",
        "/api/v1/enrollments/{enrollment_id}/courses",
        "/api/v1/enrollments/{enrollment_id}/selections/{course_id}",
        "/api/v1/enrollments/{enrollment_id}/auto-select",
    ):
        assert path in paths, path


def test_regions_are_guangdong_without_shenzhen(platform: PlatformProcess) -> None:
    items = requests.get(platform.api + "/regions", timeout=5).json()["items"]
    names = [city["name"] for city in items]
    assert len(items) == 20
    assert "深圳市" not in names
    assert items[0]["code"] == "440100" and items[0]["name"] == "广州市"
    assert {"code": "440103", "name": "荔湾区"} in items[0]["districts"]
    dongguan = next(city for city in items if city["name"] == "东莞市")
    assert dongguan["districts"] == [{"code": "441900", "name": "东莞市"}]
    for city in items:
        assert city["code"].startswith("44") and city["districts"]
        for district in city["districts"]:
            assert district["code"][:4] == city["code"][:4]


def test_year_requirement_up_to_the_current_year(platform: PlatformProcess) -> None:
    body = requests.get(platform.api + "/years/2021", timeout=5).json()
    assert body == {
        "year": 2021,
        "total_credits": 90,
        "public_credits": 30,
        "professional_credits": 60,
        "deadline": "2021-12-31T23:59:59+08:00",
    }
    # The pinned clock says 2021: 2022 is not open yet; before 2021 there is nothing.
    for year in (2020, 2022):
        assert_error(requests.get(platform.api + f"/years/{year}", timeout=5), 404, "not_found")
    response = requests.get(platform.api + "/years/abc", timeout=5)
    assert_error(response, 422, "validation_error", "year")


def test_unknown_path_and_method_answer_the_envelope(platform: PlatformProcess) -> None:
    assert_error(requests.get(platform.api + "/nowhere", timeout=5), 404, "not_found")
    assert_error(requests.put(platform.api + "/regions", timeout=5), 405, "method_not_allowed")
