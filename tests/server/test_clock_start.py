"""``--clock-start``: a demo's clock starts at an instant of a past year and runs.

With ``--now`` the platform's time stands still, so a pinned 2021 demo refuses every
lecture watched for longer than the skew tolerance ("in the future").  With
``--clock-start`` the time starts there and runs at real speed: watch time is credited as
it is on a live platform, and a restart goes on from where the clock was, never back.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import requests

from server.clock import Clock, offset_to
from tests.conftest import PlatformFactory
from tests.helpers.learners import push_events, selected_course, watch_event
from tests.helpers.platform import REPO_ROOT, PlatformProcess, bearer

START = "2021-06-21T18:23:50+08:00"
SHORT_COURSE = "yhdc-2021-professional-c04"


def server_time(platform: PlatformProcess) -> dt.datetime:
    response = requests.get(platform.url + "/health", timeout=10)
    assert response.status_code == 200, response.text
    return dt.datetime.fromisoformat(response.json()["server_time"])


def wait_until(condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Poll *condition* until it holds (the platform's clock is real time: seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.1)


def chapter_progress(platform: PlatformProcess, token: str, chapter_id: str) -> dict[str, Any]:
    response = requests.get(
        platform.api + "/progress", params={"year": 2021}, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    chapters = [ch for c in response.json()["courses"] for ch in c["chapters"]]
    found: dict[str, Any] = next(ch for ch in chapters if ch["chapter_id"] == chapter_id)
    return found


def test_a_shifted_clock_runs_from_its_start() -> None:
    start = dt.datetime.fromisoformat(START)
    clock = Clock(offset=offset_to(start))
    first = clock.now()
    assert abs(first - start) < dt.timedelta(seconds=1)
    wait_until(lambda: clock.now() > first)
    assert clock.now().utcoffset() == dt.timedelta(hours=8)  # China time, like a pinned one


def test_the_platforms_clock_starts_there_runs_and_watching_is_credited(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False, now=None, extra_args=("--clock-start", START))
    started = server_time(platform)
    assert started.year == 2021
    assert dt.timedelta(0) <= started - dt.datetime.fromisoformat(START) < dt.timedelta(minutes=1)

    learner = selected_course(platform, SHORT_COURSE)  # bought in 2021, by the platform
    token = learner["access_token"]
    chapter = learner["course"]["chapters"][0]["id"]
    bought = server_time(platform)
    # The clock runs: three seconds of a lecture, watched after the purchase, lie in the
    # platform's past once three seconds have passed — and are credited.
    wait_until(lambda: server_time(platform) >= bought + dt.timedelta(seconds=3.5))
    event = watch_event(chapter, 0, 3_000, (bought + dt.timedelta(seconds=0.2)).isoformat())
    answer = push_events(platform, token, [event])
    assert answer["accepted"] == [event["id"]], answer
    assert chapter_progress(platform, token, chapter)["watched_ms"] == 3_000

    # A restart with the same start goes on from where the clock was: never back.
    before = server_time(platform)
    platform.restart()
    assert server_time(platform) >= before
    event = watch_event(chapter, 3_000, 4_000, (before + dt.timedelta(seconds=0.1)).isoformat())
    wait_until(lambda: server_time(platform) >= before + dt.timedelta(seconds=1.5))
    answer = push_events(platform, token, [event])
    assert answer["accepted"] == [event["id"]], answer
    assert chapter_progress(platform, token, chapter)["watched_ms"] == 4_000


def test_now_and_clock_start_are_refused_together() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "server", "--now", START, "--clock-start", START],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 2
    assert "--clock-start" in result.stderr
