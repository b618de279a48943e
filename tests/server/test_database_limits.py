"""What SQLite takes and PostgreSQL does not: numbers past a 32-bit column, NUL in text.

Found by fuzzing on PostgreSQL (``KJCE_TEST_DB=postgresql``): each was a 500 there.  Both
databases now answer the same.
"""

from __future__ import annotations

import requests

from server.nul_guard import MESSAGE as NUL_MESSAGE
from tests.helpers.learners import DEMO_ADMIN, collected_learner, staff_login
from tests.helpers.platform import PlatformProcess, assert_error, bearer


def test_a_cursor_past_every_change_finds_none(platform: PlatformProcess) -> None:
    token = collected_learner(platform)["access_token"]
    for cursor in (2**31, 2**62):
        response = requests.get(
            platform.api + "/changes", params={"cursor": cursor}, headers=bearer(token), timeout=10
        )
        assert response.status_code == 200, response.text
        assert response.json() == {"items": [], "cursor": cursor, "has_more": False}


def test_an_audit_page_before_a_huge_id_is_the_newest(platform: PlatformProcess) -> None:
    token = staff_login(platform, *DEMO_ADMIN)["access_token"]
    url = platform.api + "/staff/audit-log"
    newest = requests.get(url, params={"limit": 5}, headers=bearer(token), timeout=10)
    assert newest.status_code == 200, newest.text
    response = requests.get(
        url, params={"limit": 5, "before": 2**40}, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    assert response.json() == newest.json()
    response = requests.get(url, params={"before": 2**63}, headers=bearer(token), timeout=10)
    assert_error(response, 422, "validation_error", "before")


def test_text_with_nul_is_refused_wherever_it_comes(platform: PlatformProcess) -> None:
    desk = staff_login(platform)["access_token"]
    answers = [
        requests.post(
            platform.api + "/sessions", json={"id_number": "44\x00", "password": "x"}, timeout=10
        ),
        requests.get(
            platform.api + "/staff/walk-ins",
            params={"q": "张\x00"},
            headers=bearer(desk),
            timeout=10,
        ),
        requests.get(platform.api + "/courses/c%00", headers=bearer(desk), timeout=10),
    ]
    for response in answers:
        error = assert_error(response, 422, "validation_error")
        assert error["message"] == NUL_MESSAGE
    # A backslash before "u0000" is text, not NUL: judged as any wrong login.
    response = requests.post(
        platform.api + "/sessions", json={"id_number": "\\u0000", "password": "x"}, timeout=10
    )
    assert response.status_code in (401, 422), response.text
    assert response.json()["error"]["message"] != NUL_MESSAGE


def test_a_json_body_past_the_largest_endpoint_is_refused_unread(
    platform: PlatformProcess,
) -> None:
    """Every JSON body is read to be checked for NUL, so none may be larger than 16 MB."""
    token = collected_learner(platform)["access_token"]
    body = b'{"events": [], "padding": "' + b"x" * (17 * 1024 * 1024) + b'"}'
    response = requests.post(
        platform.api + "/watch-events",
        data=body,
        headers={**bearer(token), "Content-Type": "application/json"},
        timeout=30,
    )
    assert_error(response, 413, "payload_too_large")
