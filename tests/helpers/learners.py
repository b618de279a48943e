"""Learners at each step of the flow, made through the real platform API.

``collected_learner`` has submitted the info collection; ``enrolled_learner`` has also
given 源和大成教育 its 补充信息 and bought the 2021 packages (sandbox payment).  Each call
registers a new learner, so tests sharing the session platform never collide.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
import uuid
from collections.abc import Sequence
from typing import Any

import requests

from tests.helpers.images import jpeg_bytes
from tests.helpers.platform import REPO_ROOT, PlatformProcess, bearer, register

REQUIRED_ATTACHMENTS = ("id_front", "id_back", "photo")
DEMO_PACKAGES = ("yhdc-2021-professional", "yhdc-2021-public")


def complete_profile_body(employment_status: str = "employed") -> dict[str, Any]:
    """Everything a submission needs besides the prefilled identity and the attachments."""
    return {
        "personal": {"country_region": "中国(内地)", "ethnicity": "汉族", "email": ""},
        "education": {
            "highest_degree": "大学本科",
            "school": "广东财经大学",
            "major": "会计学",
            "graduation_date": "2009-07-01",
        },
        "work": {"employment_status": employment_status, "employer": "广州市某某有限公司"},
        "professional": {
            "qualification_level": "junior",
            "certificate_number": "C2012440100001",
            "obtained_date": "2012-05-20",
        },
        "region_code": "440106",
        "commitment_accepted": True,
    }


def upload_attachment(platform: PlatformProcess, token: str, kind: str) -> None:
    response = requests.put(
        f"{platform.api}/me/profile/attachments/{kind}",
        data=jpeg_bytes(),
        headers={**bearer(token), "Content-Type": "image/jpeg"},
        timeout=10,
    )
    assert response.status_code == 200, response.text


def collected_learner(platform: PlatformProcess, **overrides: Any) -> dict[str, Any]:
    """A registered learner whose profile is submitted (信息已采集).

    Returns the registration answer (``account``, ``access_token``…) plus ``password``
    and ``id_number``; *overrides* go to the registration body.
    """
    learner = register(platform, **overrides)
    token = learner["access_token"]
    response = requests.put(
        platform.api + "/me/profile",
        json=complete_profile_body(),
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    for kind in REQUIRED_ATTACHMENTS:
        upload_attachment(platform, token, kind)
    response = requests.post(platform.api + "/me/profile/submit", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    return {**learner, "id_number": learner["account"]["id_number"]}


def fill_learner_info(
    platform: PlatformProcess, token: str, institution_id: str = "yhdc"
) -> dict[str, Any]:
    """Save the institution's 补充信息 as prefilled from the profile (first 去学习)."""
    url = f"{platform.api}/institutions/{institution_id}/learner-info"
    prefilled = requests.get(url, headers=bearer(token), timeout=10).json()
    body = {key: prefilled[key] for key in ("name", "id_number", "phone", "district_code")}
    response = requests.put(url, json=body, headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def buy(platform: PlatformProcess, token: str, package_ids: Sequence[str]) -> dict[str, Any]:
    """Order *package_ids* and pay by a sandbox WeChat payment; returns the paid order.

    A ¥0 order is paid when created and needs no payment.
    """
    response = requests.post(
        platform.api + "/orders",
        json={"package_ids": list(package_ids)},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    order: dict[str, Any] = response.json()
    if order["status"] == "paid":
        return order
    response = requests.post(
        f"{platform.api}/orders/{order['id']}/payments",
        json={"method": "wechat"},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 201, response.text
    payment = response.json()
    response = requests.post(f"{platform.api}/sandbox/payments/{payment['id']}/confirm", timeout=10)
    assert response.status_code == 200, response.text
    orders = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10).json()
    paid: dict[str, Any] = next(o for o in orders["items"] if o["id"] == order["id"])
    assert paid["status"] == "paid", paid
    return paid


def enrolled_learner(
    platform: PlatformProcess, package_ids: Sequence[str] = DEMO_PACKAGES
) -> dict[str, Any]:
    """A collected learner who bought *package_ids* (one institution) and owns them.

    Keys: ``id_number``, ``password``, ``access_token``, ``refresh_token``, ``account``,
    ``order`` (the paid order) and ``enrollments`` (``GET /enrollments`` items).
    """
    learner = collected_learner(platform)
    token = learner["access_token"]
    institution_id = package_ids[0].split("-", 1)[0] if package_ids else "yhdc"
    fill_learner_info(platform, token, institution_id)
    order = buy(platform, token, package_ids) if package_ids else None
    response = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    return {**learner, "order": order, "enrollments": response.json()["items"]}


def issue_cards(
    platform: PlatformProcess, package_id: str, count: int, issued_by: str = "测试管理员"
) -> list[tuple[str, str]]:
    """Issue study cards with the real ``python -m server issue-cards`` on the platform's DB."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "server",
            "issue-cards",
            "--db",
            platform.db_url,
            "--package",
            package_id,
            "--count",
            str(count),
            "--issued-by",
            issued_by,
            "--log-level",
            "WARNING",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["card_number", "password"], rows[:1]
    return [(number, password) for number, password in rows[1:]]


def selected_course(
    platform: PlatformProcess, course_id: str = "yhdc-2021-professional-c01"
) -> dict[str, Any]:
    """An ``enrolled_learner`` with one professional course selected.

    Adds ``course_id``, ``enrollment_id`` and ``course`` (the ``GET /courses/{id}`` JSON) to
    the learner dict.
    """
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    package_id = course_id.rsplit("-", 1)[0]
    enrollment_id = next(e["id"] for e in learner["enrollments"] if e["package_id"] == package_id)
    response = requests.put(
        f"{platform.api}/enrollments/{enrollment_id}/selections/{course_id}",
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    response = requests.get(
        f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    return {
        **learner,
        "course_id": course_id,
        "enrollment_id": enrollment_id,
        "course": response.json(),
    }


def watch_event(
    chapter_id: str, from_ms: int, to_ms: int, started_at: str, rate: float = 1.0
) -> dict[str, Any]:
    """A ``POST /watch-events`` event with a fresh id, played in real time from *started_at*.

    ``ended_at`` is *started_at* + (to_ms − from_ms) whatever *rate* says, so a rate above
    the policy's is refused by its stated rate alone.
    """
    start = dt.datetime.fromisoformat(started_at)
    ended = start + dt.timedelta(milliseconds=to_ms - from_ms)
    return {
        "id": str(uuid.uuid4()),
        "chapter_id": chapter_id,
        "from_ms": from_ms,
        "to_ms": to_ms,
        "started_at": start.isoformat(),
        "ended_at": ended.isoformat(),
        "rate": rate,
        "app_version": "0.1.0",
    }


def push_events(
    platform: PlatformProcess, token: str, events: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """``POST /watch-events``; returns ``{"accepted": [...], "refused": [...]}``."""
    response = requests.post(
        platform.api + "/watch-events",
        json={"events": list(events)},
        headers=bearer(token),
        timeout=30,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
