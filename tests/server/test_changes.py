"""The change feed that drives the client's sync."""

from __future__ import annotations

import re

import requests

from tests.helpers.platform import PlatformProcess, assert_error, bearer, register


def _changes(platform: PlatformProcess, token: str, **params: int | str) -> requests.Response:
    return requests.get(platform.api + "/changes", headers=bearer(token), params=params, timeout=5)


def test_registration_is_the_first_change(platform: PlatformProcess) -> None:
    learner = register(platform)
    token = learner["access_token"]
    body = _changes(platform, token).json()
    assert len(body["items"]) == 1
    change = body["items"][0]
    assert change["entity"] == "me"
    assert change["entity_id"] == learner["account"]["id"]
    assert change["op"] == "upsert"
    assert change["at"] == "2021-06-21T18:23:50+08:00"
    assert body["cursor"] == change["seq"] and body["has_more"] is False
    # Nothing after the cursor; the cursor stays.
    later = _changes(platform, token, cursor=body["cursor"]).json()
    assert later == {"items": [], "cursor": body["cursor"], "has_more": False}


def test_cursor_pages_and_sees_only_own_changes(platform: PlatformProcess) -> None:
    phone = "13700000001"
    learner = register(platform, phone=phone)
    register(platform)  # someone else's change must not show up
    number = learner["account"]["id_number"]
    requests.post(
        platform.api + "/password-resets", json={"id_number": number, "phone": phone}, timeout=5
    )
    text = requests.get(platform.api + "/demo/inbox", params={"phone": phone}, timeout=5).json()[
        "items"
    ][0]["text"]
    code = re.search(r"\d{6}", text)
    assert code is not None
    response = requests.post(
        platform.api + "/password-resets/confirm",
        json={"id_number": number, "code": code.group(0), "new_password": "newpass123"},
        timeout=5,
    )
    assert response.status_code == 204
    token = requests.post(
        platform.api + "/sessions",
        json={"id_number": number, "password": "newpass123"},
        timeout=5,
    ).json()["access_token"]

    first = _changes(platform, token, limit=1).json()
    assert len(first["items"]) == 1 and first["has_more"] is True
    second = _changes(platform, token, cursor=first["cursor"], limit=1).json()
    assert len(second["items"]) == 1 and second["has_more"] is False
    assert second["items"][0]["seq"] > first["items"][0]["seq"]
    assert {c["entity_id"] for c in first["items"] + second["items"]} == {learner["account"]["id"]}


def test_changes_validation(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    assert_error(_changes(platform, token, limit=0), 422, "validation_error", "limit")
    assert_error(_changes(platform, token, cursor=-1), 422, "validation_error", "cursor")
    assert_error(_changes(platform, token, cursor="x"), 422, "validation_error", "cursor")
    assert_error(requests.get(platform.api + "/changes", timeout=5), 401, "unauthorized")
