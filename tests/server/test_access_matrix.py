"""The access matrix, generated from ``/openapi.json`` so that a new route is covered.

Every operation that needs a token is called with no token, a malformed one, a revoked one
(``DELETE /sessions/current``) and an expired one (the platform restarted a day later;
access tokens live 30 min): each answers 401 ``unauthorized`` in the envelope.  Every
operation that names a learner's object (order, payment, enrollment, attempt) answers
another learner 404, as if it did not exist; every ``/staff/…`` operation that names an
institution's walk-in, order or staff account answers another institution's
administrator 404.  An operation without a token must be one of the documented public ones.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import requests

from tests.helpers.images import jpeg_bytes
from tests.helpers.learners import (
    DEMO_ADMIN,
    collected_learner,
    exam_ready_learner,
    fill_learner_info,
    institution_admin,
    register_walk_in,
    staff_login,
    start_attempt,
)
from tests.helpers.platform import (
    DEFAULT_PASSWORD,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    shifted,
)

PREFIX = "/api/v1"
#: Operations anyone may call (docs/api.md); any other must refuse a missing token.
PUBLIC = {
    ("GET", "/health"),
    ("POST", "/captchas"),
    ("GET", "/regions"),
    ("GET", "/years/{year}"),
    ("POST", "/eligibility"),
    ("POST", "/accounts"),
    ("POST", "/password-resets"),
    ("POST", "/password-resets/confirm"),
    ("POST", "/sessions"),
    ("POST", "/sessions/refresh"),
    ("GET", "/demo/inbox"),
    ("POST", "/sandbox/payments/{payment_id}/confirm"),
}
#: Needs a Bearer token or a signed URL (``?token=``), so the schema declares no security.
SIGNED_URL = {("GET", "/chapters/{chapter_id}/media")}
#: Path parameters that name one learner's own objects.
LEARNER_OWNED = {"order_id", "payment_id", "enrollment_id", "attempt_id"}
#: Path parameters of ``/staff/…`` that name one institution's objects.
INSTITUTION_OWNED = {"account_id", "order_id"}
#: A valid body for each operation that names an owned object, so that what answers is the
#: ownership check, not the body's validation.
BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/orders/{order_id}/payments"): {"method": "wechat"},
    ("PUT", "/attempts/{attempt_id}/answers"): {"answers": {}},
    ("POST", "/attempts/{attempt_id}/submit"): {"answers": {}},
    ("POST", "/orders/{order_id}/invoice"): {
        "title_type": "personal",
        "title": "张晓红",
        "tax_number": "",
        "email": "zhang@example.com",
    },
    ("POST", "/staff/walk-ins/{account_id}/orders"): {"package_ids": ["fsdc-2021-professional"]},
    ("POST", "/staff/orders/{order_id}/cash-payment"): {"received_fen": 9000},
    ("POST", "/staff/orders/{order_id}/study-card"): {"card_number": "1", "password": "x"},
}


def operations(platform: PlatformProcess) -> list[dict[str, Any]]:
    """Each operation of the live schema: method, path (without the prefix), whether it
    declares a token, its path parameters and whether it requires a body."""
    schema = requests.get(platform.url + "/openapi.json", timeout=10).json()
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            body = operation.get("requestBody") or {}
            found.append(
                {
                    "method": method.upper(),
                    "path": path.removeprefix(PREFIX),
                    "secured": bool(operation.get("security")),
                    "params": re.findall(r"{(\w+)}", path),
                    "needs_body": bool(body.get("required")),
                }
            )
    assert len(found) > 50
    return found


def call(
    platform: PlatformProcess,
    operation: dict[str, Any],
    values: dict[str, str],
    headers: dict[str, str],
) -> requests.Response:
    key = (operation["method"], operation["path"])
    missing = [p for p in operation["params"] if p not in values]
    assert not missing, f"{key}: give the matrix a value for {missing}"
    url = platform.api + operation["path"].format(**values)
    body = BODIES.get(key)
    if key == ("PUT", "/me/profile/attachments/{kind}"):
        return requests.put(
            url, data=jpeg_bytes(), headers={**headers, "Content-Type": "image/jpeg"}, timeout=10
        )
    return requests.request(
        operation["method"], url, json=body, headers=headers, timeout=10, allow_redirects=False
    )


def unauthorized(response: requests.Response, what: str) -> None:
    assert response.status_code == 401, f"{what}: {response.status_code} {response.text[:200]}"
    assert_error(response, 401, "unauthorized")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A platform of its own (it is restarted a day later), the owner and their objects."""
    platform = PlatformProcess(tmp_path_factory.mktemp("matrix"))
    platform.start()
    try:
        owner = exam_ready_learner(platform)  # restarts the platform 5 min later
        token = owner["access_token"]
        attempt = start_attempt(platform, token)
        order_id = owner["order"]["id"]
        response = requests.post(
            f"{platform.api}/orders/{order_id}/invoice",
            json=BODIES[("POST", "/orders/{order_id}/invoice")],
            headers=bearer(token),
            timeout=10,
        )
        assert response.status_code == 201, response.text
        fill_learner_info(platform, token, "fsdc")
        pending = requests.post(
            platform.api + "/orders",
            json={"package_ids": ["fsdc-2021-professional"]},
            headers=bearer(token),
            timeout=10,
        ).json()
        payment = requests.post(
            f"{platform.api}/orders/{pending['id']}/payments",
            json={"method": "wechat"},
            headers=bearer(token),
            timeout=10,
        ).json()
        admin = staff_login(platform, *DEMO_ADMIN)
        walk_in = register_walk_in(platform, admin["access_token"])["walk_in"]
        walk_in_order = requests.post(
            f"{platform.api}/staff/walk-ins/{walk_in['id']}/orders",
            json={"package_ids": ["yhdc-2021-professional"]},
            headers=bearer(admin["access_token"]),
            timeout=10,
        ).json()
        values = {
            "order_id": order_id,
            "payment_id": payment["id"],
            "enrollment_id": owner["enrollments"][0]["id"],
            "attempt_id": attempt["id"],
            "course_id": "yhdc-2021-professional-c01",
            "chapter_id": "yhdc-2021-professional-c01-ch1",
            "exam_id": "yhdc-2021-public-exam",
            "institution_id": "yhdc",
            "kind": "photo",
            "year": "2021",
        }
        staff_values = {
            **values,
            "account_id": walk_in["id"],
            "order_id": walk_in_order["id"],
        }
        yield {
            "platform": platform,
            "owner": owner,
            "values": values,
            "staff_values": staff_values,
            "staff_admin": admin,
            "walk_in": walk_in,
        }
    finally:
        platform.stop()


def test_every_operation_is_public_or_needs_a_token(world: dict[str, Any]) -> None:
    for operation in operations(world["platform"]):
        key = (operation["method"], operation["path"])
        assert operation["secured"] or key in PUBLIC | SIGNED_URL, f"{key} declares no token"
        assert not (operation["secured"] and key in PUBLIC), f"{key} is documented public"


def needing_token(platform: PlatformProcess) -> list[dict[str, Any]]:
    return [
        op
        for op in operations(platform)
        if op["secured"] or (op["method"], op["path"]) in SIGNED_URL
    ]


def values_for(world: dict[str, Any], operation: dict[str, Any]) -> dict[str, str]:
    staff = operation["path"].startswith("/staff/")
    values: dict[str, str] = world["staff_values"] if staff else world["values"]
    return values


def test_no_token_and_a_malformed_token_are_refused_everywhere(world: dict[str, Any]) -> None:
    platform = world["platform"]
    for operation in needing_token(platform):
        what = f"{operation['method']} {operation['path']}"
        values = values_for(world, operation)
        unauthorized(call(platform, operation, values, {}), what + " without a token")
        for token in ("x", "Bearer", "a" * 4000, world["owner"]["refresh_token"]):
            response = call(platform, operation, values, bearer(token))
            unauthorized(response, f"{what} with {token[:10]!r}")


def test_a_revoked_token_is_refused_everywhere(world: dict[str, Any]) -> None:
    platform, owner = world["platform"], world["owner"]
    session = login(platform, owner["id_number"], DEFAULT_PASSWORD).json()
    token = session["access_token"]
    response = requests.delete(
        platform.api + "/sessions/current", headers=bearer(token), timeout=10
    )
    assert response.status_code == 204
    for operation in needing_token(platform):
        what = f"{operation['method']} {operation['path']} with a revoked token"
        unauthorized(call(platform, operation, values_for(world, operation), bearer(token)), what)


def test_another_learner_finds_none_of_the_owners_objects(world: dict[str, Any]) -> None:
    platform, values = world["platform"], world["values"]
    intruder = collected_learner(platform)
    token = intruder["access_token"]
    own_photo = jpeg_bytes((90, 60))
    response = requests.put(
        f"{platform.api}/me/profile/attachments/photo",
        data=own_photo,
        headers={**bearer(token), "Content-Type": "image/jpeg"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    checked = 0
    for operation in needing_token(platform):
        if operation["path"].startswith("/staff/") or not LEARNER_OWNED & set(operation["params"]):
            continue
        key = (operation["method"], operation["path"])
        assert not operation["needs_body"] or key in BODIES, f"{key}: add a body to BODIES"
        response = call(platform, operation, values, bearer(token))
        assert response.status_code == 404, f"{key}: {response.status_code} {response.text[:200]}"
        assert_error(response, 404, "not_found")
        checked += 1
    assert checked >= 10
    # Attachments are only ever the caller's own: the intruder gets theirs, not the owner's.
    owners = requests.get(
        f"{platform.api}/me/profile/attachments/photo",
        headers=bearer(world["owner"]["access_token"]),
        timeout=10,
    ).content
    theirs = requests.get(
        f"{platform.api}/me/profile/attachments/photo", headers=bearer(token), timeout=10
    ).content
    assert theirs != owners
    # and the owner's lists stay the owner's
    for path in ("/orders", "/enrollments"):
        listed = requests.get(platform.api + path, headers=bearer(token), timeout=10).json()
        assert values["order_id"] not in str(listed) and values["enrollment_id"] not in str(listed)


def test_another_institution_finds_none_of_the_institutions_objects(
    world: dict[str, Any],
) -> None:
    platform, values = world["platform"], world["staff_values"]
    other = institution_admin(platform, "fsdc")
    token = other["access_token"]
    checked = 0
    for operation in needing_token(platform):
        if not operation["path"].startswith("/staff/"):
            continue
        if not INSTITUTION_OWNED & set(operation["params"]):
            continue
        key = (operation["method"], operation["path"])
        assert not operation["needs_body"] or key in BODIES, f"{key}: add a body to BODIES"
        # A staff account of the institution stands for /staff/accounts/{account_id}.
        staff_values = values
        if operation["path"].startswith("/staff/accounts/"):
            staff_values = {**values, "account_id": world["staff_admin"]["account"]["id"]}
        response = call(platform, operation, staff_values, bearer(token))
        assert response.status_code == 404, f"{key}: {response.status_code} {response.text[:200]}"
        assert_error(response, 404, "not_found")
        checked += 1
    assert checked >= 5
    walk_ins = requests.get(
        platform.api + "/staff/walk-ins",
        params={"date": "2021-06-21"},
        headers=bearer(token),
        timeout=10,
    )
    assert walk_ins.status_code == 200 and walk_ins.json()["items"] == []
    accounts = requests.get(platform.api + "/staff/accounts", headers=bearer(token), timeout=10)
    assert DEMO_ADMIN[0] not in accounts.text
    audit = requests.get(platform.api + "/staff/audit-log", headers=bearer(token), timeout=10)
    assert world["walk_in"]["id"] not in audit.text


def test_an_expired_token_is_refused_everywhere(world: dict[str, Any]) -> None:
    """Last: the platform is restarted a day later, when every access token has expired."""
    platform: PlatformProcess = world["platform"]
    token = world["owner"]["access_token"]
    staff_token = world["staff_admin"]["access_token"]
    assert requests.get(platform.api + "/me", headers=bearer(token), timeout=10).ok
    platform.restart(now=shifted(platform.now or "", days=1))
    for operation in needing_token(platform):
        what = f"{operation['method']} {operation['path']} with an expired token"
        used = staff_token if operation["path"].startswith("/staff/") else token
        unauthorized(call(platform, operation, values_for(world, operation), bearer(used)), what)
