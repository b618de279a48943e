"""Learners at each step of the flow, made through the real platform API.

``collected_learner`` has submitted the info collection; ``enrolled_learner`` has also
given 源和大成教育 its 补充信息 and bought the 2021 packages (sandbox payment).  Each call
registers a new learner, so tests sharing the session platform never collide.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import subprocess
import sys
import uuid
from collections.abc import Sequence
from typing import Any

import requests

from tests.helpers.identity import unique_resident_id
from tests.helpers.images import jpeg_bytes
from tests.helpers.platform import REPO_ROOT, PlatformProcess, bearer, login, register, shifted

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
    collect_info(platform, learner["access_token"])
    return {**learner, "id_number": learner["account"]["id_number"]}


def collect_info(platform: PlatformProcess, token: str) -> None:
    """Fill, attach and submit the info collection of a registered learner (信息已采集)."""
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


def server_command(
    platform: PlatformProcess, command: str, *args: str, pinned: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m server <command> --db <platform's db>`` as an administrator would;
    with *pinned*, at the platform's pinned now.  Fails the test when it fails."""
    now = ["--now", platform.now] if pinned and platform.now else []
    argv = [sys.executable, "-m", "server", command, "--db", platform.db_url]
    argv += [*platform.data_dir_args, *args, *now]  # seed-demo stores media where it serves
    result = subprocess.run(
        [*argv, "--log-level", "WARNING"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def issue_cards(
    platform: PlatformProcess, package_id: str, count: int, issued_by: str = "测试管理员"
) -> list[tuple[str, str]]:
    """Issue study cards with the real ``python -m server issue-cards`` on the platform's DB."""
    result = server_command(
        platform,
        "issue-cards",
        "--package",
        package_id,
        "--count",
        str(count),
        "--issued-by",
        issued_by,
        pinned=False,
    )
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["card_number", "password"], rows[:1]
    return [(number, password) for number, password in rows[1:]]


def issue_invoices(platform: PlatformProcess) -> None:
    """Issue every requested invoice with the real ``python -m server issue-invoices``."""
    server_command(platform, "issue-invoices")


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


# -- exams (issue 6) ---------------------------------------------------------------------

PUBLIC_COURSE = "yhdc-2021-public-c01"
PUBLIC_EXAM = "yhdc-2021-public-exam"


def complete_public_course(
    platform: PlatformProcess, token: str, started_at: str, course_id: str = PUBLIC_COURSE
) -> str:
    """Watch every chapter of the public course back to back from *started_at*; returns the end.

    The course lasts 90 s, longer than the minute events may run past the platform's now,
    so *started_at* must be at least 30 s before it: buy, then restart the platform later.
    """
    response = requests.get(
        f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    at = started_at
    events = []
    for chapter in response.json()["chapters"]:
        events.append(watch_event(chapter["id"], 0, chapter["duration_ms"], at))
        at = events[-1]["ended_at"]
    result = push_events(platform, token, events)
    assert not result["refused"], result["refused"]
    return at


def start_attempt(
    platform: PlatformProcess, token: str, exam_id: str = PUBLIC_EXAM
) -> dict[str, Any]:
    """``POST /exams/{id}/attempts``: a new attempt or the one in progress (the ``<Attempt>``)."""
    response = requests.post(
        f"{platform.api}/exams/{exam_id}/attempts", headers=bearer(token), timeout=10
    )
    assert response.status_code in (200, 201), response.text
    attempt: dict[str, Any] = response.json()
    return attempt


def exam_ready_learner(platform: PlatformProcess) -> dict[str, Any]:
    """An ``enrolled_learner`` whose public course is complete, so the exam is open to them.

    Buys at the platform's pinned now, then restarts it 5 minutes later (a new URL) and
    watches the 90 s course from 2 minutes after the purchase.
    """
    assert platform.now, "the platform's clock must be pinned"
    bought_at = platform.now
    learner = enrolled_learner(platform)
    platform.restart(now=shifted(bought_at, minutes=5))
    complete_public_course(platform, learner["access_token"], shifted(bought_at, minutes=2))
    return learner


# -- credit records (issue 6) ----------------------------------------------------------


def complete_professional_courses(
    platform: PlatformProcess, token: str, enrollment_id: str, started_at: str
) -> str:
    """一键选课 to 60 credits, then watch every chapter of the selection back to back from
    *started_at*; returns when the last event ends.

    The selection takes about half an hour of watching, far more than the minute events may
    run past the platform's now: buy, restart the platform that much later (``--now``), then
    call this with *started_at* just after the purchase.
    """
    response = requests.post(
        f"{platform.api}/enrollments/{enrollment_id}/auto-select", headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    selected = [course["id"] for course in response.json()["items"] if course["selected"]]
    at, events = started_at, []
    for course_id in selected:
        response = requests.get(
            f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=10
        )
        assert response.status_code == 200, response.text
        for chapter in response.json()["chapters"]:
            events.append(watch_event(chapter["id"], 0, chapter["duration_ms"], at))
            at = events[-1]["ended_at"]
    result = push_events(platform, token, events)
    assert not result["refused"], result["refused"][:3]
    return at


def advance_records(platform: PlatformProcess, until: str = "confirmed") -> None:
    """``python -m server advance-records --until`` on the platform's database at its pinned
    now (the administrators' command: deliver what is queued, then review, complete,
    confirm)."""
    server_command(platform, "advance-records", "--until", until)


# -- staff (issue 7) ---------------------------------------------------------------------
# The demo seed's staff of 源和大成教育 (server/data/demo_catalog.json, "staff").
DEMO_ADMIN = ("yhdc-admin", "Admin2021yh")
DEMO_DESK = ("yhdc-desk", "Desk2021yh")


def staff_login(
    platform: PlatformProcess, username: str = DEMO_DESK[0], password: str = DEMO_DESK[1]
) -> dict[str, Any]:
    """Log a staff member in by user name; the 201 body (``account``, ``access_token``…)."""
    response = login(platform, username, password)
    assert response.status_code == 201, response.text
    session: dict[str, Any] = response.json()
    return session


def unique_username(prefix: str = "staff") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_staff(
    platform: PlatformProcess,
    admin_token: str,
    *,
    username: str | None = None,
    name: str = "周晓琳",
    role: str = "staff",
) -> dict[str, Any]:
    """``POST /staff/accounts`` by an administrator; the 201 body (``account``,
    ``initial_password``) plus ``username``.  The new account must change its password."""
    body = {"username": username or unique_username(role), "name": name, "role": role}
    response = requests.post(
        platform.api + "/staff/accounts", json=body, headers=bearer(admin_token), timeout=10
    )
    assert response.status_code == 201, response.text
    return {**response.json(), "username": body["username"]}


def change_password(
    platform: PlatformProcess, token: str, old_password: str, new_password: str = "Changed2021x"
) -> dict[str, Any]:
    """``PUT /me/password``; the 200 ``<Me>``."""
    response = requests.put(
        platform.api + "/me/password",
        json={"old_password": old_password, "new_password": new_password},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    me: dict[str, Any] = response.json()
    return me


def ready_staff(
    platform: PlatformProcess, admin_token: str, role: str = "staff", password: str = "Ready2021x"
) -> dict[str, Any]:
    """A new staff member (or administrator) who has changed the one-time password and is
    logged in: the login body plus ``username`` and ``password``."""
    created = create_staff(platform, admin_token, role=role)
    first = staff_login(platform, created["username"], created["initial_password"])
    change_password(platform, first["access_token"], created["initial_password"], password)
    return {
        **staff_login(platform, created["username"], password),
        "username": created["username"],
        "password": password,
    }


def institution_admin(
    platform: PlatformProcess, institution_id: str = "fsdc", password: str = "Other2021adm"
) -> dict[str, Any]:
    """Another institution's administrator, made by the real ``python -m server
    create-admin`` with a given password (no forced change), logged in: the login body
    plus ``username`` and ``password``."""
    username = unique_username(f"{institution_id}-admin")
    server_command(
        platform,
        "create-admin",
        "--institution",
        institution_id,
        "--username",
        username,
        "--name",
        "何国强",
        "--password",
        password,
    )
    return {**staff_login(platform, username, password), "username": username, "password": password}


# -- walk-ins (issue 7) ------------------------------------------------------------------


def walk_in_body(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /staff/walk-ins`` body: a never-used ID number, the complete profile of
    ``complete_profile_body`` and real base64 JPEGs; *overrides* replace top-level keys."""
    photo = base64.b64encode(jpeg_bytes()).decode("ascii")
    body: dict[str, Any] = {
        "eligibility": {"works_in_accounting": True, "resides_with_certificate": None},
        "account": {
            "id_type": "resident_id",
            "id_number": unique_resident_id(),
            "name": "李秀英",
            "phone": "13800138000",
        },
        "profile": complete_profile_body(),
        "attachments": {kind: photo for kind in REQUIRED_ATTACHMENTS} | {"student_card": None},
        "district_code": "440103",
    }
    body.update(overrides)
    return body


def register_walk_in(
    platform: PlatformProcess, staff_token: str, body: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``POST /staff/walk-ins``; the 201 body (``walk_in``, ``login_id``, ``initial_password``)."""
    response = requests.post(
        platform.api + "/staff/walk-ins",
        json=body or walk_in_body(),
        headers=bearer(staff_token),
        timeout=30,
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result
