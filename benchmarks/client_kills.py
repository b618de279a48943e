"""The real app SIGKILLed 20 times at random moments of playback and of the exam.

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python benchmarks/client_kills.py [--kills 20] [--seed 8]

Too long for CI (about ten minutes); the CI keeps ``tests/desktop/test_crash_recovery.py``
and ``test_exam_crash_resume.py``, three playback kills and one exam kill.  Each kill here
is followed by a restart of the app on the same data directory that syncs (playback) or
reopens the attempt and saves its answers (exam); then it measures, as a learner would
check:

* playback: watch time lost = really played − credited by the platform, on a chapter
  never watched before (the crash test's method); counted twice = credited beyond played;
* exam: answers lost = answers printed as given before the kill that the reopened attempt
  (and then the platform) does not hold as given.

``--hold-cache-s S`` makes the exam kills land while the answer being chosen cannot be
written: for the last S seconds before each exam kill another connection holds the cache
file's write lock (as a backup tool or a virus scanner may), so every choice made then is
still being kept when the app dies — shown as given or not, which is what is measured.

It prints every kill, the distribution and the worst case.  Two platforms on loopback:
one on the real clock (VLC plays in real time, so the events carry it) and one pinned so
that the public course is done and the exam open (``exam_ready_learner``).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import requests

from tests.desktop.test_crash_recovery import (
    REPORT_LAG_S,
    Driver,
    chapters_of_selected_courses,
    kill_during_playback,
)
from tests.helpers.learners import enrolled_learner, exam_ready_learner
from tests.helpers.platform import PlatformProcess, bearer

EXAM_PACE_S = 0.6
EXAM_ANSWERS = 12


def playback_chapters(
    platform: PlatformProcess, learner: dict[str, Any], courses: int
) -> list[Any]:
    """Select the first *courses* professional courses; their chapters, longest first."""
    chapters = chapters_of_selected_courses(platform, learner, courses)
    return sorted(chapters, key=lambda c: -c["duration_ms"])


def kill_playback(
    platform: PlatformProcess, learner: dict[str, Any], data_dir: Path, chapter: Any, year: int,
    rng: random.Random,
) -> dict[str, Any]:  # fmt: skip
    moment = rng.uniform(1.0, chapter["duration_ms"] / 1000 - 1.5)
    played, credited = kill_during_playback(platform, learner, data_dir, chapter, year, moment)
    return {
        "kind": "playback",
        "moment_s": round(moment, 2),
        "played_s": round(played, 2),
        "credited_s": credited,
        "lost_s": round(max(0.0, played - credited), 2),
        "over_s": round(max(0.0, credited - played - REPORT_LAG_S), 2),
    }


def kill_exam(
    platform: PlatformProcess, learner: dict[str, Any], data_dir: Path, number: int,
    rng: random.Random, hold_cache_s: float = 0.0,
) -> dict[str, Any]:  # fmt: skip
    moment = rng.uniform(0.0, EXAM_PACE_S * EXAM_ANSWERS)
    choice = number % 3  # each run changes the answers, so a stale one shows as lost
    run = Driver(platform, data_dir, learner, "--exam-answers", str(EXAM_ANSWERS),
                 "--exam-pace-s", str(EXAM_PACE_S), "--exam-choice", str(choice))  # fmt: skip
    first = run.wait_for("KJCE_GAVE", timeout=120)
    holder: sqlite3.Connection | None = None
    if hold_cache_s > 0:
        time.sleep(max(0.0, moment - hold_cache_s))
        cache_file = next(data_dir.glob("accounts/*/cache.sqlite3"))
        holder = sqlite3.connect(cache_file, timeout=30, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        time.sleep(min(moment, hold_cache_s))
    else:
        time.sleep(moment)
    run.kill()
    if holder is not None:
        holder.execute("ROLLBACK")
        holder.close()
    time.sleep(0.3)  # the reader thread takes in what the app printed before it died
    given: dict[str, list[str]] = {}
    lines = [first]
    while not run.lines.empty():
        lines.append(run.lines.get().strip())
    for line in lines:
        if line.startswith("KJCE_GAVE"):
            _, question_id, answer = line.split(" ", 2)
            given[question_id] = json.loads(answer)
    restart = Driver(platform, data_dir, learner, "--exam-resume")
    opened = restart.wait_for("KJCE_EXAM_OPEN", timeout=120).split(" ", 2)
    reopened: dict[str, list[str]] = json.loads(opened[2])
    restart.wait_for("KJCE_EXAM_SAVED", timeout=120)
    restart.process.wait(timeout=30)
    restart.log.close()
    attempt = requests.get(
        f"{platform.api}/attempts/{opened[1]}",
        headers=bearer(learner["access_token"]),
        timeout=10,
    ).json()
    lost = [q for q, answer in given.items() if sorted(reopened.get(q, [])) != sorted(answer)]
    on_platform = {q: sorted(a) for q, a in attempt["answers"].items()}
    differs = [q for q, a in reopened.items() if on_platform.get(q) != sorted(a)]
    return {
        "kind": "exam",
        "moment_s": round(moment, 2),
        "given": len(given),
        "lost": len(lost),
        "platform_differs": len(differs),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--exam-share", type=float, default=0.4)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--hold-cache-s", type=float, default=0.0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = ["exam" if rng.random() < args.exam_share else "playback" for _ in range(args.kills)]
    with tempfile.TemporaryDirectory(prefix="kjce-kills-") as work:
        root = Path(work)
        live = PlatformProcess(root / "live", now=None)
        pinned = PlatformProcess(root / "pinned")
        live.start()
        pinned.start()
        try:
            year = int(requests.get(live.api + "/health", timeout=10).json()["server_time"][:4])
            watcher = enrolled_learner(live, (f"yhdc-{year}-professional", f"yhdc-{year}-public"))
            chapters = playback_chapters(live, watcher, courses=8)
            examinee = exam_ready_learner(pinned)
            (root / "watcher").mkdir()
            (root / "examinee").mkdir()
            results = []
            for number, kind in enumerate(kinds, 1):
                if kind == "playback":
                    chapter = chapters.pop(0)
                    result = kill_playback(live, watcher, root / "watcher", chapter, year, rng)
                else:
                    result = kill_exam(
                        pinned, examinee, root / "examinee", number, rng, args.hold_cache_s
                    )
                results.append(result)
                print(number, json.dumps(result, ensure_ascii=False), flush=True)
        finally:
            live.stop()
            pinned.stop()
    report(results)
    return 0


def report(results: list[dict[str, Any]]) -> None:
    plays = [r for r in results if r["kind"] == "playback"]
    exams = [r for r in results if r["kind"] == "exam"]
    print(f"\n{len(results)} kills: {len(plays)} during playback, {len(exams)} during the exam")
    if plays:
        lost = sorted(r["lost_s"] for r in plays)
        print(
            "watch time lost per kill (s): "
            f"min {lost[0]:.2f}, median {statistics.median(lost):.2f}, max {lost[-1]:.2f}; "
            f"all: {lost}"
        )
        print(
            f"credited beyond played (+{REPORT_LAG_S} s lag): {sum(r['over_s'] > 0 for r in plays)}"
        )
    if exams:
        print(
            f"exam: {sum(r['given'] for r in exams)} answers given before a kill, "
            f"{sum(r['lost'] for r in exams)} lost, "
            f"{sum(r['platform_differs'] for r in exams)} differing on the platform after resume"
        )
    worst = max(plays, key=lambda r: r["lost_s"], default=None)
    print("worst playback kill:", json.dumps(worst, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
