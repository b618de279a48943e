"""The client is SIGKILLed mid-exam; restarted, the same attempt reopens with every answer.

The real desktop app runs in its own process (``tests/helpers/app_driver.py``, exam mode)
in a data directory of its own.  It starts the exam and answers questions with the keys;
the first ones reach the platform, then the network goes and the rest stay in this PC's
outbox.  Killed then, and restarted on the same data directory, the app reopens the
attempt by itself: every answer given before the kill is there, and once the queued ones
are pushed the platform holds them all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests

from tests.desktop.test_crash_recovery import Driver
from tests.helpers.learners import exam_ready_learner
from tests.helpers.platform import PlatformProcess, bearer

ANSWERED = 8
PUSHED_BEFORE_OFFLINE = 3


@pytest.mark.slow
def test_a_killed_client_reopens_the_same_attempt_with_every_answer(tmp_path: Path) -> None:
    platform = PlatformProcess(tmp_path / "platform")
    platform.start()
    try:
        learner = exam_ready_learner(platform)
        data_dir = tmp_path / "client"
        data_dir.mkdir()
        run = Driver(platform, data_dir, learner, "--exam-answers", str(ANSWERED),
                     "--exam-offline-after", str(PUSHED_BEFORE_OFFLINE))  # fmt: skip
        attempt_id = run.wait_for("KJCE_ANSWERED", timeout=120).split()[1]
        run.kill()

        url = f"{platform.api}/attempts/{attempt_id}"
        attempt = requests.get(url, headers=bearer(learner["access_token"]), timeout=10).json()
        first = [q["id"] for q in attempt["questions"][:ANSWERED]]
        given = {qid: [attempt["questions"][n]["options"][0]["id"]] for n, qid in enumerate(first)}
        assert attempt["status"] == "in_progress"
        # Only the answers given before the network went reached the platform.
        assert attempt["answers"] == {q: given[q] for q in first[:PUSHED_BEFORE_OFFLINE]}

        restart = Driver(platform, data_dir, learner, "--exam-resume")
        opened = restart.wait_for("KJCE_EXAM_OPEN", timeout=120).split(" ", 2)
        assert opened[1] == attempt_id
        assert json.loads(opened[2]) == given
        restart.wait_for("KJCE_EXAM_SAVED", timeout=60)
        restart.process.wait(timeout=30)
        restart.log.close()
        attempt = requests.get(url, headers=bearer(learner["access_token"]), timeout=10).json()
        assert attempt["status"] == "in_progress" and attempt["answers"] == given
    finally:
        platform.stop()
