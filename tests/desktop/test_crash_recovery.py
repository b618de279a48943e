"""The client is SIGKILLed mid-lecture; after a restart and a sync at most 5 s are missing.

The real desktop app runs in its own process (``tests/helpers/app_driver.py``) with real
VLC playing a real clip from the platform's signed URL, in a data directory of its own.
It is killed at several moments of playback, each on a chapter not watched before;
restarted on the same data directory it pushes its outbox.  The platform's watched time of
the chapter must then be at least the real played time − 5 s (the journal interval), and
never more than the real played time (nothing counted twice).

The platform's clock is not pinned here: the events carry the real wall clock.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

from tests.helpers.learners import enrolled_learner
from tests.helpers.media import needs_libvlc
from tests.helpers.platform import REPO_ROOT, PlatformProcess, bearer

pytestmark = needs_libvlc

LOSS_ALLOWED_S = 5.0
#: The driver says "playing" on the player's first position report, which comes at most
#: a second after playback starts: the real played time may exceed the measured by that.
REPORT_LAG_S = 1.2


class Driver:
    """One run of the app driver; its stdout read on a thread."""

    def __init__(
        self, platform: PlatformProcess, data_dir: Path, learner: dict[str, Any], *args: str
    ) -> None:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(REPO_ROOT),
            "KJCE_DRIVER_ID_NUMBER": learner["id_number"],
            "KJCE_DRIVER_PASSWORD": learner["password"],
            # It logs in each run; the machine's secret service (D-Bus) has nothing to add
            # here and can stall a start on a loaded CI machine.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        self.log = (data_dir / "driver.log").open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.app_driver", "--platform", platform.url,
             "--data-dir", str(data_dir), *args],
            cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=self.log, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        stdout = self.process.stdout
        assert stdout is not None
        threading.Thread(
            target=lambda: [self.lines.put(line) for line in stdout], daemon=True
        ).start()

    def wait_for(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            if line.startswith(prefix):
                return line.strip()
        self.kill()
        raise AssertionError(f"the driver never said {prefix}; see {self.log.name}")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


def chapters_of_selected_courses(
    platform: PlatformProcess, learner: dict[str, Any], courses: int = 2
) -> list[dict[str, Any]]:
    """Select the first *courses* professional courses; their chapters, shortest first
    (``benchmarks/client_kills.py`` selects more)."""
    token = learner["access_token"]
    enrollment = next(e for e in learner["enrollments"] if e["course_type"] == "professional")
    catalog = requests.get(
        f"{platform.api}/enrollments/{enrollment['id']}/courses", headers=bearer(token), timeout=10
    ).json()
    chapters = []
    for course in catalog["items"][:courses]:
        requests.put(
            f"{platform.api}/enrollments/{enrollment['id']}/selections/{course['id']}",
            headers=bearer(token),
            timeout=10,
        ).raise_for_status()
        detail = requests.get(
            f"{platform.api}/courses/{course['id']}", headers=bearer(token), timeout=10
        ).json()
        chapters += [{**c, "course_id": course["id"]} for c in detail["chapters"]]
    return sorted(chapters, key=lambda c: c["duration_ms"])


def watched_ms(
    platform: PlatformProcess, learner: dict[str, Any], year: int, chapter_id: str
) -> int:
    token = requests.post(
        platform.api + "/sessions",
        json={"id_number": learner["id_number"], "password": learner["password"]},
        timeout=10,
    ).json()["access_token"]
    progress = requests.get(
        platform.api + "/progress", params={"year": year}, headers=bearer(token), timeout=10
    ).json()
    for course in progress["courses"]:
        for chapter in course["chapters"]:
            if chapter["chapter_id"] == chapter_id:
                return int(chapter["watched_ms"])
    raise AssertionError(f"{chapter_id} not in the progress")


def kill_during_playback(
    platform: PlatformProcess,
    learner: dict[str, Any],
    data_dir: Path,
    chapter: dict[str, Any],
    year: int,
    moment: float,
) -> tuple[float, float]:
    """Play *chapter* in the real app, SIGKILL it *moment* seconds into playback, start it
    again to sync; returns (seconds played before the kill, seconds the platform credits).

    Shared with ``benchmarks/client_kills.py``.
    """
    run = Driver(platform, data_dir, learner, "--course", chapter["course_id"],
                 "--chapter", chapter["id"], "--year", str(year))  # fmt: skip
    started = float(run.wait_for("KJCE_PLAYING", timeout=120).split()[1])
    time.sleep(max(0.0, started + moment - time.time()))
    killed_at = time.time()
    run.kill()
    restart = Driver(platform, data_dir, learner)
    restart.wait_for("KJCE_SYNCED", timeout=120)
    restart.process.wait(timeout=30)
    restart.log.close()
    return killed_at - started, watched_ms(platform, learner, year, chapter["id"]) / 1000


def test_a_killed_client_loses_at_most_five_seconds_and_counts_nothing_twice(
    tmp_path: Path,
) -> None:
    platform = PlatformProcess(tmp_path / "platform", now=None)
    platform.start()
    try:
        year = int(
            requests.get(platform.url + "/api/v1/health", timeout=10).json()["server_time"][:4]
        )
        learner = enrolled_learner(platform, (f"yhdc-{year}-professional", f"yhdc-{year}-public"))
        chapters = chapters_of_selected_courses(platform, learner)
        data_dir = tmp_path / "client"
        data_dir.mkdir()
        moments = (6.0, 11.0, 17.0)
        picked = []
        for moment in moments:  # a chapter not watched before, long enough to be killed in
            chapter = next(
                c for c in chapters if c["duration_ms"] > (moment + 2) * 1000 and c not in picked
            )
            picked.append(chapter)
        results = []
        for moment, chapter in zip(moments, picked, strict=True):
            played, watched = kill_during_playback(
                platform, learner, data_dir, chapter, year, moment
            )
            results.append((moment, round(played, 2), watched))
            assert played - LOSS_ALLOWED_S <= watched <= played + REPORT_LAG_S, results
        print("kill moment, played s, credited s:", results)
    finally:
        platform.stop()
