"""The reporting pipeline under faults: a crash after the province's receipt, the province
down, several workers on one database, and the demo back office stepping records on.

Learners buy at 09:00 and the platform is restarted at 10:30 (test hooks in its
environment), so the half hour of professional courses can be watched in between.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from tests.conftest import PlatformFactory
from tests.helpers.learners import complete_professional_courses, enrolled_learner
from tests.helpers.platform import PlatformProcess, bearer, login, shifted

PROFESSIONAL_PACKAGE = "yhdc-2021-professional"
BOUGHT = "2021-06-21T09:00:00+08:00"
NOW = shifted(BOUGHT, minutes=90)
FAULT = "KJCE_FAULT_AFTER_PROVINCE_RECEIPT"
DOWN = "KJCE_PROVINCE_DOWN"


def _until(condition: Callable[[], Any], timeout: float = 25.0) -> Any:
    """Poll *condition* until it is truthy; its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            assert value, "condition not reached in time"
            return value
        time.sleep(0.3)


def _token(platform: PlatformProcess, learner: dict[str, Any]) -> str:
    response = login(platform, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    return token


def _professional(platform: PlatformProcess, token: str) -> dict[str, Any]:
    response = requests.get(platform.api + "/credit-records", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    record: dict[str, Any] = response.json()["items"][1]
    assert record["course_type"] == "professional"
    return record


def _watch_professional(platform: PlatformProcess, learner: dict[str, Any], token: str) -> None:
    enrollment_id = next(
        e["id"] for e in learner["enrollments"] if e["package_id"] == PROFESSIONAL_PACKAGE
    )
    complete_professional_courses(platform, token, enrollment_id, shifted(BOUGHT, minutes=1))


def _outbox(platform: PlatformProcess) -> list[tuple[Any, ...]]:
    return platform.query(
        "SELECT attempts, last_error, delivered_at IS NOT NULL FROM report_outbox ORDER BY id"
    )


def _receipts(platform: PlatformProcess) -> int:
    return int(platform.query("SELECT count(*) FROM province_receipts")[0][0])


def test_a_crash_after_the_receipt_is_resumed_and_reports_once(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False, now=BOUGHT)
    learner = enrolled_learner(platform)
    platform.env = {FAULT: "exit"}
    platform.restart(now=NOW)
    token = _token(platform, learner)
    _watch_professional(platform, learner, token)

    # The worker sends the report; the province commits its receipt; the process dies
    # before the outbox row is marked delivered.
    assert platform.wait_exit(timeout=30) == 3
    assert _receipts(platform) == 1
    assert _outbox(platform) == [(0, None, 0)]
    assert platform.query("SELECT state FROM credit_records") == [("queued",)]

    # Restarted on the same database: the row is sent again once its claim lapsed; the
    # province already has it, so nothing is created twice.
    platform.env = {}
    platform.restart()
    token = _token(platform, learner)
    record = _until(lambda: (r := _professional(platform, token))["state"] == "reported" and r)
    assert record["reported_at"] == NOW
    assert _receipts(platform) == 1
    assert platform.query("SELECT count(*) FROM credit_records") == [(1,)]
    assert _outbox(platform) == [(0, None, 1)]
    assert "already received" in platform.log_text()


def test_a_province_down_is_retried_with_back_off_then_delivered_once(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(
        captcha=False, now=BOUGHT, demo_backoffice=True, demo_backoffice_delay_s=20
    )
    learner = enrolled_learner(platform)
    platform.env = {DOWN: "1"}
    platform.restart(now=NOW)
    token = _token(platform, learner)
    _watch_professional(platform, learner, token)

    rows = _until(lambda: (rows := _outbox(platform)) and rows[0][0] >= 2 and rows)
    attempts, last_error, delivered = rows[0]
    assert (last_error, delivered) == ("省平台暂时无法连接", 0)
    next_try, claimed = platform.query("SELECT next_try_at, claimed_until FROM report_outbox")[0]
    assert next_try is not None and claimed is None
    assert _receipts(platform) == 0
    record = _professional(platform, token)
    assert record["state"] == "queued"
    assert record["remarks"] == "学分已达到要求，等待培训机构回传"

    platform.env = {}
    platform.restart()
    token = _token(platform, learner)
    _until(lambda: _professional(platform, token)["state"] == "reported")
    assert _receipts(platform) == 1
    (row,) = _outbox(platform)
    assert row[0] >= attempts and row[1:] == (None, 1)

    # The demo back office moves the record one state per 20 s of the platform's clock,
    # and issues invoices asked for that long ago; a pinned clock does not move, so
    # neither does anything else.
    invoice_path = f"/orders/{learner['order']['id']}/invoice"
    body = {"title_type": "personal", "title": "张晓红", "email": "demo@example.com"}
    response = requests.post(
        platform.api + invoice_path, json=body, headers=bearer(token), timeout=10
    )
    assert response.status_code == 201, response.text
    time.sleep(2.5)
    assert _professional(platform, token)["state"] == "reported"
    invoice = requests.get(platform.api + invoice_path, headers=bearer(token), timeout=10).json()
    assert invoice["status"] == "requested"
    for seconds, state in ((20, "reviewed"), (40, "completed"), (60, "confirmed")):
        platform.restart(now=shifted(NOW, seconds=seconds))
        token = _token(platform, learner)
        record = _until(
            lambda s=state, t=token: (r := _professional(platform, t))["state"] == s and r
        )
        assert record[f"{state}_at"] == shifted(NOW, seconds=seconds)
        invoice = requests.get(
            platform.api + invoice_path, headers=bearer(token), timeout=10
        ).json()
        assert invoice["status"] == "issued" and invoice["pdf_available"] is True
    assert record["reviewer_phone"] == "020-83170000"


def test_two_workers_on_one_database_deliver_each_report_once(
    platform_factory: PlatformFactory, tmp_path: Path
) -> None:
    first = platform_factory(captcha=False, now=BOUGHT)
    learners = [enrolled_learner(first) for _ in range(4)]
    first.env = {DOWN: "1"}
    first.restart(now=NOW)
    for learner in learners:
        _watch_professional(first, learner, _token(first, learner))
    _until(lambda: len(_outbox(first)) == 4)
    first.stop()

    # Two processes on the same file, the province up: both workers race for the rows.
    first.env = {}
    second = PlatformProcess(tmp_path / "second", now=NOW, seed_demo=False)
    second.db_path = first.db_path
    first.start()
    second.start()
    try:
        _until(lambda: all(row[2] for row in _outbox(first)))
    finally:
        second.stop()
    assert _receipts(first) == 4
    assert "already received" not in first.log_text() + second.log_text()
    states = first.query("SELECT state FROM credit_records")
    assert states == [("reported",)] * 4
