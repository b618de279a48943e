"""Watch-event sync: 10,000 journalled events pushed by the real sync engine, against naive.

    python benchmarks/watch_sync.py [--events 10000] [--naive-events 1000]

Starts one platform (``python -m server``, demo data, clock pinned to 2021-06-21 09:00 so
two learners can buy the 2021 packages and 一键选课), then restarts it with the clock two
days later so that a day of watching lies in its past.  Then:

* **kjce**: one learner's 10,000 consecutive 3-second intervals (cycling over the chapters
  of the selected courses) are journalled into a real cache's outbox (``watch_event``
  items), and the real ``SyncEngine`` with the ``watch_event`` pusher pushes them
  (batches of ≤ 500 per pusher call, ≤ 1000 per request).  Timed from ``sync_now()`` until
  the outbox is empty.
* **naive**: another learner's events, one ``POST /watch-events`` per event (one
  keep-alive ``requests.Session``), as a web player posting each heartbeat would.

Reports events/s of each, the ratio, the client's peak RSS, and the watch tracker's CPU
cost: 4 Hz ticks for a simulated hour (journalled every 5 s), CPU time ÷ the hour.
Targets (issue 5): 10,000 events in under 5 s; the tracker under 1 % of one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import requests  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402

from desktop.models.api import ApiClient  # noqa: E402
from desktop.models.cache import Cache  # noqa: E402
from desktop.models.changes import ChangeBus  # noqa: E402
from desktop.models.playback import WatchedInterval  # noqa: E402
from desktop.models.sync import PushResult, SyncEngine  # noqa: E402
from desktop.models.tasks import TaskRunner  # noqa: E402
from desktop.models.watch_journal import (  # noqa: E402
    WATCH_EVENT,
    event_payload,
    journal_intervals,
    push_watch_events,
)
from tests.helpers.learners import enrolled_learner  # noqa: E402
from tests.helpers.platform import PlatformProcess, bearer, login  # noqa: E402

BOUGHT_AT = "2021-06-21T09:00:00+08:00"
LATER = "2021-06-23T09:00:00+08:00"
STEP_S = 3


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def selected_chapters(platform: PlatformProcess, token: str) -> list[tuple[str, int]]:
    """一键选课 in every enrollment; the (chapter id, duration) of every selected course."""
    enrollments = requests.get(
        platform.api + "/enrollments", headers=bearer(token), timeout=10
    ).json()["items"]
    chapters: list[tuple[str, int]] = []
    for enrollment in enrollments:
        requests.post(
            f"{platform.api}/enrollments/{enrollment['id']}/auto-select",
            headers=bearer(token),
            timeout=30,
        ).raise_for_status()
        catalog = requests.get(
            f"{platform.api}/enrollments/{enrollment['id']}/courses",
            headers=bearer(token),
            timeout=30,
        ).json()
        for course in catalog["items"]:
            if course["selected"]:
                detail = requests.get(
                    f"{platform.api}/courses/{course['id']}", headers=bearer(token), timeout=10
                ).json()
                chapters += [(c["id"], int(c["duration_ms"])) for c in detail["chapters"]]
    return chapters


def intervals(chapters: list[tuple[str, int]], count: int) -> list[WatchedInterval]:
    """*count* consecutive 3-second intervals, one after another in wall time."""
    spans = [
        (chapter_id, start)
        for chapter_id, duration in chapters
        for start in range(0, duration - STEP_S * 1000 + 1, STEP_S * 1000)
    ]
    wall = dt.datetime.fromisoformat(BOUGHT_AT) + dt.timedelta(minutes=1)
    made = []
    for i in range(count):
        chapter_id, start = spans[i % len(spans)]
        begin = wall + dt.timedelta(seconds=STEP_S * i)
        made.append(
            WatchedInterval(
                chapter_id=chapter_id,
                from_ms=start,
                to_ms=start + STEP_S * 1000,
                started_at=begin,
                ended_at=begin + dt.timedelta(seconds=STEP_S),
                rate=1.0,
            )
        )
    return made


def push_with_sync_engine(
    app: QCoreApplication, api: ApiClient, cache: Cache
) -> tuple[float, int, int]:
    """Seconds from ``sync_now()`` until the outbox is empty; accepted and refused counts."""
    tasks = TaskRunner()
    engine = SyncEngine(api, cache, tasks, ChangeBus())
    counts = {"accepted": 0, "refused": 0}

    def pusher(api: ApiClient, items: list[Any]) -> PushResult:
        result = push_watch_events(api, items)
        counts["accepted"] += len(result.acknowledged_ids)
        counts["refused"] += len(result.refused)
        return result

    engine.register_pusher(WATCH_EVENT, pusher)
    loop = QEventLoop()
    engine.sync_finished.connect(loop.quit)
    QTimer.singleShot(120_000, loop.quit)
    started = time.perf_counter()
    engine.sync_now()
    loop.exec()
    elapsed = time.perf_counter() - started
    if cache.pending(limit=1):
        raise RuntimeError("the outbox is not empty after the sync")
    engine.stop()
    tasks.wait_idle()
    del app
    return elapsed, counts["accepted"], counts["refused"]


def push_naive(platform: PlatformProcess, token: str, events: list[WatchedInterval]) -> float:
    session = requests.Session()
    session.headers.update(bearer(token))
    started = time.perf_counter()
    for interval in events:
        body = {"events": [{"id": str(uuid.uuid4()), **event_payload(interval)}]}
        response = session.post(platform.api + "/watch-events", json=body, timeout=10)
        response.raise_for_status()
        if response.json()["refused"]:
            raise RuntimeError(f"naive event refused: {response.json()['refused']}")
    return time.perf_counter() - started


def tracker_cpu(simulated_s: int = 3600, hz: int = 4, journal_s: int = 5) -> tuple[float, float]:
    """(CPU % of one core, µs per tick) of the tracker fed 4 Hz ticks for *simulated_s*."""
    try:
        from desktop.models.watch_tracker import Tick, WatchTracker
    except ImportError:
        return float("nan"), float("nan")
    from rules.watch import WatchPolicy

    tracker = WatchTracker("chapter", simulated_s * 1000 + 1000, WatchPolicy())
    wall0 = dt.datetime.now(dt.UTC)
    ticks = simulated_s * hz
    step_ms = 1000 // hz
    drained = 0
    cpu0 = time.process_time()
    for i in range(ticks):
        at = i * step_ms
        tracker.record_tick(
            Tick(
                mono_ms=at, wall=wall0 + dt.timedelta(milliseconds=at), position_ms=at, playing=True
            )
        )
        if i % (journal_s * hz) == 0:
            tracker.close()
            drained += len(tracker.drain())
    cpu = time.process_time() - cpu0
    assert drained > 0
    return 100 * cpu / simulated_s, 1e6 * cpu / ticks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--naive-events", type=int, default=1_000)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        platform = PlatformProcess(Path(tmp) / "platform", now=BOUGHT_AT)
        platform.start()
        try:
            kjce, naive = enrolled_learner(platform), enrolled_learner(platform)
            chapters = selected_chapters(platform, kjce["access_token"])
            naive_chapters = selected_chapters(platform, naive["access_token"])
            platform.restart(now=LATER)

            api = ApiClient(platform.url)
            api.login(kjce["id_number"], kjce["password"])
            cache = Cache.open(Path(tmp) / "client" / "cache.sqlite3")
            events = intervals(chapters, args.events)
            rss_before = rss_mb()
            started = time.perf_counter()
            journal_intervals(cache, events)
            journal_s = time.perf_counter() - started
            push_s, accepted, refused = push_with_sync_engine(app, api, cache)
            rss_peak = rss_mb()
            cache.close()

            naive_events = intervals(naive_chapters, args.naive_events)
            fresh = login(platform, naive["id_number"], naive["password"]).json()  # clock moved
            naive_s = push_naive(platform, fresh["access_token"], naive_events)
        finally:
            platform.stop()

    cpu_percent, tick_us = tracker_cpu()
    kjce_rate = args.events / push_s
    naive_rate = args.naive_events / naive_s
    print(
        f"events: {args.events} journalled in {journal_s:.2f} s ({args.events / journal_s:.0f}/s)"
    )
    print(
        f"kjce  push (sync engine, batched): {push_s:.2f} s, {kjce_rate:.0f} events/s "
        f"(accepted {accepted}, refused {refused}); target < 5 s: "
        f"{'met' if push_s < 5 else 'MISSED'}"
    )
    print(
        f"naive push (one POST per event):   {naive_s:.2f} s for {args.naive_events}, "
        f"{naive_rate:.0f} events/s"
    )
    print(f"ratio kjce/naive: {kjce_rate / naive_rate:.1f}x")
    print(f"client peak RSS: {rss_peak:.0f} MB (before the push {rss_before:.0f} MB)")
    print(
        f"tracker: {cpu_percent:.3f} % of one core at 4 Hz for a simulated hour "
        f"({tick_us:.1f} µs per tick); target < 1 %"
    )
    return 0 if push_s < 5 and refused == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
