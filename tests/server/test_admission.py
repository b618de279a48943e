"""A storm of requests waits its turn instead of exhausting PostgreSQL's connection pool.

Before server/admission.py, more requests than FastAPI's 40 threads each took a pooled
connection and then waited for a thread, while the threads waited for a connection: after
the pool's 30 s timeout the learners got 500s (benchmarks/load.py found them with 200
learners).  The pool here is made tiny so that a modest storm meets the same wall.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from server.admission import Admission
from tests.helpers import postgres
from tests.helpers.platform import DEFAULT_PASSWORD, PlatformProcess, bearer, register


@pytest.mark.skipif(
    not postgres.enabled(), reason="SQLite's pool has no cap, so the gate is off there"
)
def test_a_storm_of_logins_and_progress_reads_gets_no_server_error(tmp_path: Path) -> None:
    platform = PlatformProcess(
        tmp_path, env={"KJCE_DB_POOL_SIZE": "2", "KJCE_DB_POOL_OVERFLOW": "1"}
    )
    platform.start()
    try:
        registered = [register(platform) for _ in range(3)]
        learners = [learner["account"]["id_number"] for learner in registered]
        tokens = [learner["access_token"] for learner in registered]

        def read_progress(index: int) -> int:
            token = tokens[index % len(tokens)]
            return requests.get(
                platform.api + "/progress", headers=bearer(token), timeout=120
            ).status_code

        def log_in(index: int) -> int:
            body = {"id_number": learners[index % len(learners)], "password": DEFAULT_PASSWORD}
            return requests.post(platform.api + "/sessions", json=body, timeout=120).status_code

        with ThreadPoolExecutor(max_workers=160) as pool:
            reads = pool.map(read_progress, range(300))
            logins = pool.map(log_in, range(12))
            statuses = list(reads) + list(logins)
    finally:
        platform.stop()
    assert [s for s in statuses if s >= 500] == []
    assert statuses.count(200) == 300
    assert statuses.count(201) == 12


def test_a_request_that_waits_too_long_is_told_the_platform_is_busy() -> None:
    """Past the queue's timeout: 503 in the error envelope with Retry-After, not a hang."""

    async def slow_app(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(0.5)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    gate = Admission(slow_app, limit=1, timeout_s=0.1)

    async def call() -> list[dict[str, Any]]:
        sent: list[dict[str, Any]] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {"type": "http.request", "body": b""}

        await gate({"type": "http", "path": "/api/v1/progress"}, receive, send)
        return sent

    async def both() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        first = asyncio.create_task(call())
        await asyncio.sleep(0.01)
        second = await call()
        return await first, second

    first, second = asyncio.run(both())
    assert first[0]["status"] == 200
    assert second[0]["status"] == 503
    assert (b"retry-after", b"5") in second[0]["headers"]
    error = json.loads(second[1]["body"])["error"]
    assert error["code"] == "server_busy" and "繁忙" in error["message"]
