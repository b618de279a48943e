"""The platform as deployed beyond one machine: several workers, media sent by nginx.

Runs on whichever database the run uses (``KJCE_TEST_DB``), like the rest of the suite.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import PlatformFactory
from tests.helpers.learners import (
    enrolled_learner,
    push_events,
    selected_course,
    server_command,
    watch_event,
)
from tests.helpers.platform import (
    DEFAULT_NOW,
    REPO_ROOT,
    PlatformProcess,
    assert_error,
    bearer,
    shifted,
)

SHORT_COURSE = "yhdc-2021-professional-c04"


def test_media_behind_nginx_is_left_to_nginx(platform_factory: PlatformFactory) -> None:
    """With ``KJCE_MEDIA_ACCEL`` the platform checks access and names the file; no bytes."""
    platform = platform_factory(captcha=False, env={"KJCE_MEDIA_ACCEL": "/kjce-media/"})
    learner = selected_course(platform, SHORT_COURSE)
    chapter_id = learner["course"]["chapters"][0]["id"]
    url = f"{platform.api}/chapters/{chapter_id}/media"

    response = requests.get(
        url, headers={**bearer(learner["access_token"]), "Range": "bytes=0-99"}, timeout=10
    )
    assert response.status_code == 200, response.text
    target = response.headers["X-Accel-Redirect"]
    assert target.startswith("/kjce-media/") and target.endswith(".mp4")
    # The file nginx is sent to is in the media store (``<data dir>/media``, the alias of
    # its internal location), where the demo's lectures were imported like any others.
    stored = platform.workdir / "media" / target.removeprefix("/kjce-media/")
    assert stored.read_bytes() == (REPO_ROOT / "resources/media/lecture-1.mp4").read_bytes()
    assert response.headers["Content-Type"] == "video/mp4" and response.content == b""

    # Access is still the platform's to refuse: a learner who did not buy gets no file.
    stranger = enrolled_learner(platform, [])
    response = requests.get(url, headers=bearer(stranger["access_token"]), timeout=10)
    assert_error(response, 403, "media_forbidden")
    assert "X-Accel-Redirect" not in response.headers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[PlatformProcess, Path]]:
    """``uvicorn server.app:create_app_from_env --factory --workers 2`` over a migrated
    database with the demo data; a ``PlatformProcess`` pointed at it for the helpers."""
    platform = PlatformProcess(tmp_path / "workers", captcha=False)
    server_command(platform, "seed-demo")
    port = _free_port()
    log_path = tmp_path / "uvicorn.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO_ROOT),
        "KJCE_DB": platform.db_url,
        "KJCE_DATA_DIR": str(platform.workdir),
        "KJCE_CAPTCHA": "off",
        "KJCE_NOW": DEFAULT_NOW,
        "KJCE_PAYMENTS": "sandbox",
    }
    argv = [sys.executable, "-m", "uvicorn", "server.app:create_app_from_env", "--factory"]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            argv, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
        )
    platform.url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while log_path.read_text(encoding="utf-8").count("Application startup complete") < 2:
            assert process.poll() is None, log_path.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, log_path.read_text(encoding="utf-8")
            time.sleep(0.1)
        yield platform, log_path
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_two_workers_from_the_environment_serve_one_platform(
    two_workers: tuple[PlatformProcess, Path],
) -> None:
    """Register, buy, watch through workers sharing one database; each event counted once."""
    platform, log_path = two_workers
    learner = selected_course(platform, SHORT_COURSE)
    token = learner["access_token"]
    ch1 = learner["course"]["chapters"][0]["id"]
    events = [
        watch_event(ch1, second * 1_000, (second + 1) * 1_000, shifted(DEFAULT_NOW, seconds=second))
        for second in range(20)
    ]

    def push(event: dict[str, Any]) -> dict[str, Any]:
        return push_events(platform, token, [event, *events[:3]])  # retried ids on the side

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(push, events))
    assert all(not answer["refused"] for answer in answers), answers
    response = requests.get(platform.api + "/progress", headers=bearer(token), timeout=10)
    course = next(c for c in response.json()["courses"] if c["course_id"] == SHORT_COURSE)
    assert course["chapters"][0]["watched_ms"] == 20_000
    log = log_path.read_text(encoding="utf-8")
    assert log.count("Started server process") == 2, log
    assert "Traceback" not in log, log
