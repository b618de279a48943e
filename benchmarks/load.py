"""Load: simulated learners against the platform on PostgreSQL (2 workers) and, as the
reference, SQLite (1 worker unless told), side by side in one run.

    python benchmarks/load.py [--learners 200] [--duration 60] [--interval 3]
                              [--pg postgresql+psycopg://kjce:kjce@127.0.0.1:5432/postgres]
                              [--only postgresql|sqlite] [--sqlite-workers 1]
                              [--legacy-hashes]

For each database: a fresh database (PostgreSQL: ``kjce_load_<pid>`` on the server of
``--pg``, dropped at the end; SQLite: a temporary file) is seeded and *learners* learners
are made through the real API by ``python -m server`` with the clock pinned at
2021-06-21 09:00 (register, info collection, buy the 2021 packages, 一键选课).  Then the
platform is served by ``uvicorn server.app:create_app_from_env --factory --workers N``
(settings from ``KJCE_*``) with the clock two days later, so that the learners' evening
of watching lies in its past and every event is valid.  Loopback only.

``--legacy-hashes`` first stores every learner's password hash at the argon2 parameters
the platform used before issue 16 (argon2-cffi's default: 64 MiB, 3 passes, 4 lanes):
the first evening after an upgrade, when each login verifies the old hash and stores a
new one.

Each learner (one thread, one keep-alive session) logs in — all at once, the start of
the evening — fetches ``GET /progress``, then for *duration* seconds pushes one batch
every *interval* seconds.  A batch is what the real client pushes every 30 s: six
consecutive 5-second events of one playback, chapter after chapter of the selected
courses.  Pushing a 30-second batch every 3 s compresses time tenfold; the server's work
per batch is the same.

Reports, per database: logins/s and their p50/p99, the server's CPU per login (with the
``GET /progress`` that follows it) and the logins/s two whole cores take at that; in the
steady phase requests/s,
batches/s, events/s, p50/p99 latency, errors (any non-200 or refused event); the CPU
seconds of the API workers, of the PostgreSQL backends serving them and of this
generator, per batch; and from that how many learners at one batch per 30 s one 2-core
machine holds.  Afterwards the database must hold exactly the events that were accepted.
The generator shares the machine with the platform: its CPU is reported beside the rest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402

from tests.helpers.learners import enrolled_learner  # noqa: E402
from tests.helpers.platform import PlatformProcess, bearer  # noqa: E402

BOUGHT_AT = "2021-06-21T09:00:00+08:00"
EVENING = "2021-06-23T09:00:00+08:00"
DEFAULT_PG = "postgresql+psycopg://kjce:kjce@127.0.0.1:5432/postgres"
EVENT_S = 5  # the client journals an event every 5 s of playback
BATCH_S = 30  # and pushes what it journalled every 30 s
PEAK_LEARNERS = 100_000  # SPEC §7
LEGACY_HASH = (3, 65536, 4)  # time, memory (KiB), lanes: the hashes before issue 16
TARGET_UTILISATION = 0.7  # headroom left on a machine at the planned peak


# --- databases and processes -------------------------------------------------------------


class SetupPlatform(PlatformProcess):
    """``python -m server`` over any database URL, to seed it and make the learners."""

    def __init__(self, workdir: Path, db_url: str) -> None:
        super().__init__(workdir, now=BOUGHT_AT)
        self._url_of_db = db_url

    @property
    def db_url(self) -> str:
        return self._url_of_db


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A new database on the server of *server_url*, dropped afterwards; yields its URL."""
    import psycopg
    from psycopg import sql
    from sqlalchemy import make_url

    server = make_url(server_url)
    name = f"kjce_load_{os.getpid()}"

    def admin(statement: sql.Composed) -> None:
        with psycopg.connect(
            host=server.host or "127.0.0.1",
            port=server.port or 5432,
            user=server.username,
            password=server.password,
            dbname=server.database or "postgres",
            autocommit=True,
        ) as connection:
            connection.execute(statement)

    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    admin(drop)
    admin(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        admin(drop)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Workers:
    """``uvicorn --workers N`` serving ``create_app_from_env`` on a loopback port."""

    def __init__(self, db_url: str, workers: int, now: str, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.api = self.url + "/api/v1"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "KJCE_DB": db_url,
            "KJCE_DATA_DIR": str(log_path.parent),  # the platform's files beside its log
            "KJCE_NOW": now,
            "KJCE_CAPTCHA": "off",
            "KJCE_PAYMENTS": "sandbox",
        }
        command = [sys.executable, "-m", "uvicorn", "--factory", "server.app:create_app_from_env"]
        command += ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(workers)]
        command += ["--no-access-log", "--log-level", "warning"]
        with log_path.open("a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
            )
        self.log_path = log_path
        self._wait_healthy(workers)

    def _wait_healthy(self, workers: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                ready = requests.get(self.url + "/health", timeout=2).status_code == 200
            except requests.ConnectionError:
                ready = False
            # One worker is served in uvicorn's own process; more are its children.
            if ready and (workers == 1 or len(descendants(self.process.pid)) >= workers):
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"uvicorn did not start; see {self.log_path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


# --- CPU accounting (/proc) --------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def descendants(pid: int) -> list[int]:
    """Every process below *pid* (uvicorn's workers and their helpers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each live pid."""
    seconds = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            seconds[pid] = (int(fields[11]) + int(fields[12])) / TICK
    return seconds


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def postgres_backends(db_url: str) -> list[int]:
    """Pids of the PostgreSQL backends connected to the database of *db_url*."""
    import psycopg
    from sqlalchemy import make_url

    url = make_url(db_url)
    with psycopg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=url.database,
        autocommit=True,
    ) as connection:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        ).fetchall()
    return [int(pid) for (pid,) in rows]


@dataclass
class CpuMeter:
    """CPU seconds spent by the workers, the database backends and this generator."""

    workers: Workers
    db_url: str
    start: dict[str, Any] = field(default_factory=dict)

    def _snapshot(self) -> dict[str, Any]:
        is_pg = self.db_url.startswith("postgresql")
        return {
            "workers": cpu_seconds(
                [self.workers.process.pid, *descendants(self.workers.process.pid)]
            ),
            "database": cpu_seconds(postgres_backends(self.db_url)) if is_pg else {},
            "generator": time.process_time(),
            "machine": machine_busy(),
            "load": os.getloadavg()[0],
        }

    def begin(self) -> None:
        self.start = self._snapshot()

    def end(self) -> dict[str, float]:
        """CPU seconds of each part since ``begin``, and the machine's busy share (0–1)."""
        end = self._snapshot()
        spent = {
            part: sum(t - self.start[part].get(pid, 0.0) for pid, t in end[part].items())
            for part in ("workers", "database")
        }
        spent["generator"] = end["generator"] - self.start["generator"]
        busy = end["machine"][0] - self.start["machine"][0]
        total = end["machine"][1] - self.start["machine"][1]
        spent["machine_busy"] = busy / total if total else 0.0
        spent["load_average"] = end["load"]
        return spent


# --- learners ----------------------------------------------------------------------------


@dataclass
class Learner:
    id_number: str
    password: str
    chapters: list[tuple[str, int]]  # (chapter id, duration ms) of the selected courses


def prepare_learners(platform: PlatformProcess, count: int) -> list[Learner]:
    """*count* learners who bought the 2021 packages and pressed 一键选课 (professional)."""
    course_chapters: dict[str, list[tuple[str, int]]] = {}

    def chapters_of(course_id: str, token: str) -> list[tuple[str, int]]:
        if course_id not in course_chapters:
            detail = requests.get(
                f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=30
            )
            detail.raise_for_status()
            course_chapters[course_id] = [
                (c["id"], int(c["duration_ms"])) for c in detail.json()["chapters"]
            ]
        return course_chapters[course_id]

    def one(_: int) -> Learner:
        learner = enrolled_learner(platform)
        token = learner["access_token"]
        professional = next(
            e for e in learner["enrollments"] if e["package_id"].endswith("-professional")
        )
        selected = requests.post(
            f"{platform.api}/enrollments/{professional['id']}/auto-select",
            headers=bearer(token),
            timeout=30,
        )
        selected.raise_for_status()
        chapters = [
            chapter
            for course in selected.json()["items"]
            if course["selected"]
            for chapter in chapters_of(course["id"], token)
        ]
        return Learner(learner["id_number"], learner["password"], chapters)

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, range(count)))


class Playback:
    """One learner's evening: consecutive 5-second events, chapter after chapter."""

    def __init__(self, chapters: list[tuple[str, int]], begins: dt.datetime) -> None:
        self.chapters = chapters
        self.index = 0
        self.position_ms = 0
        self.wall = begins

    def next_batch(self) -> list[dict[str, Any]]:
        """The events the client journals in 30 s of playback."""
        events = []
        for _ in range(BATCH_S // EVENT_S):
            chapter_id, duration_ms = self.chapters[self.index]
            to_ms = min(self.position_ms + EVENT_S * 1000, duration_ms)
            ended = self.wall + dt.timedelta(milliseconds=to_ms - self.position_ms)
            events.append(
                {
                    "id": str(uuid.uuid4()),
                    "chapter_id": chapter_id,
                    "from_ms": self.position_ms,
                    "to_ms": to_ms,
                    "started_at": self.wall.isoformat(),
                    "ended_at": ended.isoformat(),
                    "rate": 1.0,
                    "app_version": "0.1.0",
                }
            )
            self.wall = ended
            self.position_ms = to_ms
            if to_ms >= duration_ms:
                self.index = (self.index + 1) % len(self.chapters)
                self.position_ms = 0
        return events


# --- the run -----------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str  # login | progress | batch
    done_at: float  # time.monotonic() when the answer arrived
    latency_s: float
    ok: bool
    events: int = 0
    accepted: int = 0
    problem: str = ""  # what went wrong: the status, the refusal codes or the exception


@dataclass
class Outcome:
    name: str
    workers: int
    learners: int
    duration_s: float
    samples: list[Sample]
    steady_from: float
    steady_to: float
    cpu: dict[str, float]
    stored_accepted: int
    login_cpu: dict[str, float]


def timed(
    samples: list[Sample], kind: str, call: Callable[[], requests.Response], events: int = 0
) -> requests.Response | None:
    """Make one request; its sample (a batch with a refused event counts as an error)."""
    started = time.monotonic()
    problem = ""
    try:
        response: requests.Response | None = call()
    except requests.RequestException as error:
        response, problem = None, type(error).__name__
    done = time.monotonic()
    ok = response is not None and response.status_code in (200, 201)
    if response is not None and not ok:
        problem = f"{response.status_code} {response.text[:80]}"
    sample = Sample(kind, done, done - started, ok, events, problem=problem)
    if kind == "batch" and response is not None and ok:
        answer = response.json()
        sample.accepted = len(answer["accepted"])
        sample.ok = not answer["refused"]
        sample.problem = ",".join(sorted({r["code"] for r in answer["refused"]}))
    samples.append(sample)
    return response


def run_learner(
    api: str,
    learner: Learner,
    number: int,
    args: argparse.Namespace,
    gate: threading.Barrier,
    clock_set: threading.Event,
    clock: dict[str, float],
    samples: list[Sample],
) -> None:
    session = requests.Session()
    gate.wait()
    body = {"id_number": learner.id_number, "password": learner.password}
    answer = timed(samples, "login", lambda: session.post(api + "/sessions", json=body, timeout=60))
    logged_in = answer is not None and answer.status_code == 201
    if logged_in:
        assert answer is not None
        session.headers.update(bearer(answer.json()["access_token"]))
        timed(samples, "progress", lambda: session.get(api + "/progress", timeout=60))
    gate.wait()  # the steady phase starts when every learner is in (or failed: an error)
    clock_set.wait()
    if not logged_in:
        return
    begins = dt.datetime.fromisoformat(BOUGHT_AT) + dt.timedelta(minutes=1)
    playback = Playback(learner.chapters, begins)
    rng = random.Random(number)
    next_push = clock["from"] + rng.uniform(0, args.interval)
    while True:
        time.sleep(max(0.0, next_push - time.monotonic()))
        if time.monotonic() >= clock["to"]:
            return
        events = playback.next_batch()
        timed(
            samples,
            "batch",
            partial(session.post, api + "/watch-events", json={"events": events}, timeout=60),
            len(events),
        )
        next_push = max(next_push + args.interval, time.monotonic())


def execute(db_url: str, statement: str, rows: list[tuple[Any, ...]] | None = None) -> Any:
    """Run *statement* (``?`` placeholders) once per row of *rows*, or once returning its
    first value; committed."""
    if db_url.startswith("sqlite"):
        connection: Any = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    else:
        import psycopg
        from sqlalchemy import make_url

        url = make_url(db_url)
        connection = psycopg.connect(
            host=url.host,
            port=url.port,
            user=url.username,
            password=url.password,
            dbname=url.database,
        )
        statement = statement.replace("?", "%s")
    with connection:
        if rows is not None:
            connection.cursor().executemany(statement, rows)
            return None
        row = connection.execute(statement).fetchone()
        return row[0] if row else None


def stored_accepted(db_url: str) -> int:
    """Accepted watch events in the database (each must be there exactly once)."""
    return int(execute(db_url, "SELECT count(*) FROM watch_events WHERE outcome = 'accepted'"))


def store_legacy_hashes(db_url: str, learners: list[Learner]) -> None:
    """Every learner's password hashed as before issue 16 (one hash per distinct password:
    a login's cost is the same whoever shares the salt)."""
    from argon2 import PasswordHasher

    time_cost, memory_cost, parallelism = LEGACY_HASH
    hasher = PasswordHasher(time_cost, memory_cost, parallelism)
    hashes = {password: hasher.hash(password) for password in {x.password for x in learners}}
    execute(
        db_url,
        "UPDATE accounts SET password_hash = ? WHERE id_number = ?",
        [(hashes[x.password], x.id_number) for x in learners],
    )


def measure(
    name: str, db_url: str, workers: int, workdir: Path, args: argparse.Namespace
) -> Outcome:
    print(f"[{name}] seeding and making {args.learners} learners…", flush=True)
    setup = SetupPlatform(workdir / "setup", db_url)
    setup.start()
    try:
        learners = prepare_learners(setup, args.learners)
    finally:
        setup.stop()
    if args.legacy_hashes:
        store_legacy_hashes(db_url, learners)
    print(f"[{name}] uvicorn --workers {workers}; logins, then {args.duration:.0f} s of batches…")
    served = Workers(db_url, workers, EVENING, workdir / "uvicorn.log")
    samples: list[Sample] = []
    gate = threading.Barrier(len(learners) + 1, timeout=600)
    clock: dict[str, float] = {}
    clock_set = threading.Event()
    meter = CpuMeter(served, db_url)
    login_meter = CpuMeter(served, db_url)
    try:
        threads = [
            threading.Thread(
                target=run_learner,
                args=(served.api, learner, i, args, gate, clock_set, clock, samples),
                daemon=True,
            )
            for i, learner in enumerate(learners)
        ]
        for thread in threads:
            thread.start()
        login_meter.begin()
        gate.wait()  # logins start
        gate.wait()  # everyone logged in and fetched progress
        login_cpu = login_meter.end()
        clock["from"] = time.monotonic()
        clock["to"] = clock["from"] + args.duration
        clock_set.set()
        meter.begin()
        time.sleep(args.duration)
        cpu = meter.end()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        served.stop()
    return Outcome(
        name,
        workers,
        len(learners),
        args.duration,
        samples,
        clock["from"],
        clock["to"],
        cpu,
        stored_accepted(db_url),
        login_cpu,
    )


# --- report ------------------------------------------------------------------------------


def quantile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def summarize(outcome: Outcome) -> dict[str, Any]:
    logins = [s for s in outcome.samples if s.kind == "login"]
    steady = [s for s in outcome.samples if outcome.steady_from <= s.done_at <= outcome.steady_to]
    batches = [s for s in steady if s.kind == "batch"]
    login_span = max(s.done_at for s in logins) - min(s.done_at - s.latency_s for s in logins)
    seconds = outcome.duration_s
    batch_rate = len(batches) / seconds
    cpu = outcome.cpu
    server_cpu = cpu["workers"] + cpu["database"]
    cpu_per_batch = server_cpu / len(batches) if batches else float("nan")
    cpu_per_login = (outcome.login_cpu["workers"] + outcome.login_cpu["database"]) / len(logins)
    all_batches = [s for s in outcome.samples if s.kind == "batch"]
    return {
        "logins": len(logins),
        "logins_failed": sum(not s.ok for s in logins),
        "logins_per_s": len(logins) / login_span if login_span else float("nan"),
        "login_p50": quantile([s.latency_s for s in logins], 0.5),
        "login_p99": quantile([s.latency_s for s in logins], 0.99),
        "cpu_ms_per_login": cpu_per_login * 1000,
        "logins_two_cores": 2 * TARGET_UTILISATION / cpu_per_login,
        "requests_per_s": len(steady) / seconds,
        "batches_per_s": batch_rate,
        "events_per_s": sum(s.events for s in batches) / seconds,
        "batch_p50": quantile([s.latency_s for s in batches], 0.5),
        "batch_p99": quantile([s.latency_s for s in batches], 0.99),
        "errors": sum(not s.ok for s in outcome.samples),
        "problems": Counter(f"{s.kind}: {s.problem}" for s in outcome.samples if not s.ok),
        "requests": len(outcome.samples),
        "sent_events": sum(s.events for s in all_batches),
        "accepted_events": sum(s.accepted for s in all_batches),
        "stored_events": outcome.stored_accepted,
        "cpu_workers": cpu["workers"] / seconds,
        "cpu_database": cpu["database"] / seconds,
        "cpu_generator": cpu["generator"] / seconds,
        "machine_busy": cpu["machine_busy"],
        "load_average": cpu["load_average"],
        "cpu_ms_per_batch": cpu_per_batch * 1000,
        # Learners one machine holds at one batch per 30 s: measured here (sharing the cores
        # with the generator), and from the server's CPU per batch on two whole cores.
        "learners_measured": batch_rate * BATCH_S,
        "learners_two_cores": 2 * TARGET_UTILISATION / cpu_per_batch * BATCH_S
        if batches
        else float("nan"),
    }


def report(outcomes: list[Outcome], interval: float) -> None:
    rows = [(o, summarize(o)) for o in outcomes]
    print()
    print(f"{'':34}" + "".join(f"{f'{o.name} ×{o.workers}':>22}" for o, _ in rows))

    def line(label: str, render: Callable[[dict[str, Any]], str]) -> None:
        print(f"{label:34}" + "".join(f"{render(s):>22}" for _, s in rows))

    line("learners", lambda s: f"{s['logins']}")
    line("logins/s (all at once)", lambda s: f"{s['logins_per_s']:.1f}")
    line("login p50 / p99", lambda s: f"{ms(s['login_p50'])} / {ms(s['login_p99'])}")
    line("server CPU per login (+ progress)", lambda s: f"{s['cpu_ms_per_login']:.1f} ms")
    line(
        f"logins/s, 2 cores@{TARGET_UTILISATION:.0%}",
        lambda s: f"{s['logins_two_cores']:.0f}",
    )
    line("offered batches/s", lambda s: f"{s['logins'] / interval:.1f}")
    line("sustained requests/s", lambda s: f"{s['requests_per_s']:.1f}")
    line("sustained batches/s (6 events)", lambda s: f"{s['batches_per_s']:.1f}")
    line("sustained events/s", lambda s: f"{s['events_per_s']:.0f}")
    line("batch p50 / p99", lambda s: f"{ms(s['batch_p50'])} / {ms(s['batch_p99'])}")
    line("errors / requests", lambda s: f"{s['errors']} / {s['requests']}")
    line(
        "events sent/accepted/stored",
        lambda s: f"{s['sent_events']}/{s['accepted_events']}/{s['stored_events']}",
    )
    line("CPU API workers (cores)", lambda s: f"{s['cpu_workers']:.2f}")
    line("CPU PostgreSQL backends (cores)", lambda s: f"{s['cpu_database']:.2f}")
    line("CPU load generator (cores)", lambda s: f"{s['cpu_generator']:.2f}")
    line("machine busy (2 cores, all users)", lambda s: f"{s['machine_busy'] * 100:.0f} %")
    line("load average (1 min) at the end", lambda s: f"{s['load_average']:.1f}")
    line("server CPU per batch", lambda s: f"{s['cpu_ms_per_batch']:.1f} ms")
    line("learners @1 batch/30 s, measured", lambda s: f"{s['learners_measured']:.0f}")
    line(
        f"learners @1 batch/30 s, 2 cores@{TARGET_UTILISATION:.0%}",
        lambda s: f"{s['learners_two_cores']:.0f}",
    )
    for outcome, summary in rows:
        for problem, count in summary["problems"].most_common(5):
            print(f"{outcome.name} error ×{count}: {problem}")
    print(
        f"\nmeasured: sustained batches/s × 30 on this machine, whose {os.cpu_count()} cores "
        "are shared with the load generator (and whatever else runs); 2 cores: the server's "
        f"CPU per batch (API workers + database) on two whole cores at {TARGET_UTILISATION:.0%}."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of batches")
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between batches")
    parser.add_argument("--pg", default=DEFAULT_PG, help="a PostgreSQL server (SQLAlchemy URL)")
    parser.add_argument("--pg-workers", type=int, default=2)
    parser.add_argument("--sqlite-workers", type=int, default=1)
    parser.add_argument(
        "--legacy-hashes",
        action="store_true",
        help="store the pre-issue-16 argon2 hashes first (the evening after an upgrade)",
    )
    parser.add_argument("--only", choices=("postgresql", "sqlite"))
    args = parser.parse_args()
    if not 1 <= args.learners <= 2000 or not 1 <= args.duration <= 600:
        parser.error("--learners 1..2000 and --duration 1..600 (bounded on purpose)")
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="kjce-load-") as tmp:
        if args.only in (None, "postgresql"):
            with postgres_database(args.pg) as url:
                outcomes.append(measure("PostgreSQL", url, args.pg_workers, Path(tmp) / "pg", args))
        if args.only in (None, "sqlite"):
            url = f"sqlite:///{Path(tmp) / 'sqlite' / 'p.db'}"
            outcomes.append(measure("SQLite", url, args.sqlite_workers, Path(tmp) / "sqlite", args))
    report(outcomes, args.interval)
    failed = any(
        s["errors"] or s["stored_events"] != s["accepted_events"]
        for s in (summarize(o) for o in outcomes)
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
