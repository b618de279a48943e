"""The client is SIGKILLed mid-exam; restarted, the same attempt reopens with every answer.

The real desktop app runs in its own process (``tests/helpers/app_driver.py``, exam mode)
in a data directory of its own.  It starts the exam and answers questions with the keys;
the first ones reach the platform, then the network goes and the rest stay in this PC's
outbox.  Killed then, and restarted on the same data directory, the app reopens the
attempt by itself: every answer given before the kill is there, and once the queued ones
are pushed the platform holds them all.  An answer is shown as given only once it is kept
on this PC, so a kill while it is being kept loses nothing the learner saw as given.
"""

from __future__ import annotations

import json
import sqlite3
import time
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


@pytest.mark.slow
def test_a_kill_while_an_answer_is_being_kept_loses_none_shown_as_given(tmp_path: Path) -> None:
    """The cache file is held by another program (a backup, a virus scanner, a slow disk)
    when the learner chooses: the choice says "正在保存…" and is not given yet.  Killed
    then, every answer the dialog had shown as given is there after the restart."""
    platform = PlatformProcess(tmp_path / "platform")
    platform.start()
    try:
        learner = exam_ready_learner(platform)
        data_dir = tmp_path / "client"
        data_dir.mkdir()
        run = Driver(platform, data_dir, learner, "--exam-answers", "4",
                     "--exam-pace-s", "1.5")  # fmt: skip
        lines = [run.wait_for("KJCE_GAVE", timeout=120) for _ in range(2)]
        cache_file = next(data_dir.glob("accounts/*/cache.sqlite3"))
        holder = sqlite3.connect(cache_file, timeout=30, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # the file's write lock, until the kill
            chose = run.wait_for("KJCE_CHOSE", timeout=30)
            time.sleep(1.0)
            run.kill()
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        time.sleep(0.3)  # the reader thread takes in what the app printed before it died
        while not run.lines.empty():
            lines.append(run.lines.get().strip())
        given = {
            line.split(" ", 2)[1]: json.loads(line.split(" ", 2)[2])
            for line in lines
            if line.startswith("KJCE_GAVE")
        }
        assert chose.endswith("正在保存…"), chose  # not "saved" while it is not
        assert chose.split()[1] not in given and len(given) == 2

        restart = Driver(platform, data_dir, learner, "--exam-resume")
        opened = restart.wait_for("KJCE_EXAM_OPEN", timeout=120).split(" ", 2)
        reopened = json.loads(opened[2])
        assert {q: reopened.get(q) for q in given} == given  # none shown as given is lost
        restart.wait_for("KJCE_EXAM_SAVED", timeout=60)
        restart.process.wait(timeout=30)
        restart.log.close()
        url = f"{platform.api}/attempts/{opened[1]}"
        attempt = requests.get(url, headers=bearer(learner["access_token"]), timeout=10).json()
        assert {q: attempt["answers"].get(q) for q in given} == given
    finally:
        platform.stop()
