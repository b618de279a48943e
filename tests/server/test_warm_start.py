"""A warm start of the embedded platform migrates and seeds nothing and never loads Alembic.

The embedded platform starts with every start of the desktop app; its database is almost
always current.  What it may skip is decided from the database itself (server/warm_start.py):
the schema revision against the revision files, the demo data's fingerprint against the
one the seed left in ``platform_state``.
"""

from __future__ import annotations

import asyncio
import re
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests
import uvicorn
from alembic import command

from server import warm_start
from server.app import create_app
from server.clock import Clock
from server.deferred import DeferredApp
from server.health import HEALTH_PATHS, health_status
from server.migrations import alembic_config, head_revision, script_head, upgrade_to_head
from server.settings import Settings
from server.warm_start import DEMO_SEED_KEY, StartPlan, plan, seed_fingerprint, sqlite_file
from tests.helpers.platform import REPO_ROOT, PlatformProcess

LISTENING = "KJCE platform listening on "


def serve_once(db: Path, *extra: str, importtime: bool = False) -> str:
    """Start ``python -m server`` like the desktop app does, wait until it answers, stop it
    the way the app does (closing its stdin); returns what it logged."""
    flags = ["-X", "importtime"] if importtime else []
    log_path = db.with_suffix(".log")
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, *flags, "-m", "server", "--db", f"sqlite:///{db}", "--port", "0",
             "--captcha", "off", "--seed-demo", "--exit-on-stdin-eof", *extra],
            cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True,
        )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith(LISTENING), log_path.read_text(encoding="utf-8")[-3000:]
        url = line[len(LISTENING) :].strip()
        # Announced before the web stack loads: the request waits in the backlog.
        assert requests.get(url + "/health", timeout=60).status_code == 200
        process.stdin.close()
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
    with sqlite3.connect(db) as connection:  # the demo data is there, whoever loaded it
        names = {row[0] for row in connection.execute("SELECT name FROM institutions")}
    assert "源和大成教育" in names
    return log_path.read_text(encoding="utf-8")


def imported(stderr: str, module: str) -> bool:
    """Whether ``-X importtime`` output shows *module* (or a submodule) being imported."""
    return re.search(rf"\|\s+{re.escape(module)}(\.\S+)?\s*$", stderr, re.MULTILINE) is not None


def seed_row(db: Path) -> tuple[str, str]:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT value, updated_at FROM platform_state WHERE key = ?", (DEMO_SEED_KEY,)
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def test_the_head_is_read_from_the_files_as_alembic_reads_it() -> None:
    assert script_head() == head_revision() is not None


def test_a_warm_start_neither_migrates_nor_seeds_nor_loads_alembic(tmp_path: Path) -> None:
    db = tmp_path / "platform.sqlite3"
    cold = serve_once(db, importtime=True)
    assert "Running upgrade" in cold and imported(cold, "server.seed")
    seeded = seed_row(db)

    warm = serve_once(db, importtime=True)
    assert imported(warm, "fastapi") and imported(warm, "server.app")  # the probe works
    assert not imported(warm, "alembic")
    assert not imported(warm, "server.seed")
    assert not imported(warm, "server.migrations.env")
    assert "Running upgrade" not in warm
    assert "nothing to migrate or seed" in warm
    assert seed_row(db) == seeded  # not written again


def test_a_new_year_seeds_its_packages(tmp_path: Path) -> None:
    """The clock's current year is part of the demo data: its packages come with it."""
    db = tmp_path / "platform.sqlite3"
    serve_once(db, "--now", "2023-05-01T09:00:00+08:00")
    later = serve_once(db, "--now", "2024-01-02T09:00:00+08:00")
    assert "Running upgrade" not in later and "nothing to migrate or seed" not in later
    with sqlite3.connect(db) as connection:
        years = {row[0] for row in connection.execute("SELECT DISTINCT year FROM packages")}
    assert years == {2021, 2023, 2024}
    assert seed_row(db)[0] == seed_fingerprint(2024)


def test_an_older_schema_is_migrated_and_seeded(tmp_path: Path) -> None:
    """A database of an earlier version of the app: migrated, and seeded once."""
    db = tmp_path / "platform.sqlite3"
    url = f"sqlite:///{db}"
    command.upgrade(alembic_config(url), "0012")
    assert plan(url, seed_demo=True, year=2021).migrate
    first = serve_once(db)
    assert "Running upgrade 0012 -> 0013" in first
    this_year = Clock().now().year
    assert plan(url, seed_demo=True, year=this_year) == StartPlan(migrate=False, seed=False)


def test_the_fingerprint_follows_what_the_demo_data_is_made_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edited code or data, a replaced video, a new year: the next start seeds again."""
    monkeypatch.setattr(warm_start, "ROOT", tmp_path)
    (tmp_path / "server" / "data").mkdir(parents=True)
    (tmp_path / "resources" / "media").mkdir(parents=True)
    catalog = tmp_path / "server" / "data" / "demo_catalog.json"
    video = tmp_path / "resources" / "media" / "lecture.mp4"
    catalog.write_text('{"institutions": []}', encoding="utf-8")
    video.write_bytes(b"\0" * (2 << 20))
    seen = set()
    for change in (
        lambda: None,
        lambda: catalog.write_text('{"institutions": [1]}', encoding="utf-8"),
        lambda: (tmp_path / "server" / "seed.py").write_text("STEPS = 2\n", encoding="utf-8"),
        lambda: video.write_bytes(b"\0" * (3 << 20)),
    ):
        change()
        warm_start.seed_fingerprint.cache_clear()
        seen.add(warm_start.seed_fingerprint(2026))
        seen.add(warm_start.seed_fingerprint(2027))
    warm_start.seed_fingerprint.cache_clear()
    assert len(seen) == 8


def test_what_cannot_be_read_cheaply_takes_the_full_path(tmp_path: Path) -> None:
    assert sqlite_file(f"sqlite:///{tmp_path}/a.db") == tmp_path / "a.db"
    for url in (
        "postgresql+psycopg://kjce@localhost/kjce",
        "sqlite://",
        "sqlite:///:memory:",
        f"sqlite:///{tmp_path}/a.db?timeout=5",
    ):
        assert sqlite_file(url) is None
        assert plan(url, seed_demo=True, year=2021).migrate
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    junk = plan(f"sqlite:///{tmp_path}/junk.db", seed_demo=True, year=2021)
    assert junk.migrate and junk.seed


def test_a_restart_does_not_seed_again(tmp_path: Path) -> None:
    """Also on PostgreSQL (``KJCE_TEST_DB=postgresql``), where the seed reads its marker
    through SQLAlchemy before seeding."""
    platform = PlatformProcess(tmp_path)
    platform.start()
    try:
        first = platform.log_text()
        platform.restart()
        again = platform.log_text()[len(first) :]
    finally:
        platform.stop()
    assert "not seeded again" not in first and "nothing to migrate or seed" not in first
    assert "not seeded again" in again or "nothing to migrate or seed" in again, again


# --- serving while the app loads (server/deferred.py) ---------------------------------------


@contextmanager
def deferred_server(
    build: Callable[[], Any], settings: Settings
) -> Iterator[tuple[str, DeferredApp]]:
    """Serve a ``DeferredApp`` over real HTTP on a loopback port, as ``python -m server`` does."""
    failures: list[bool] = []
    app = DeferredApp(
        build, lambda: health_status(settings, Clock(settings.now)), HEALTH_PATHS,
        lambda: failures.append(True),
    )  # fmt: skip
    sock = socket.create_server(("127.0.0.1", 0))
    config = uvicorn.Config(app, interface="asgi3", lifespan="on", log_config=None)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])))
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", app
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def test_the_health_check_answers_while_the_api_loads(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    upgrade_to_head(url)
    settings = Settings(db_url=url, port=0, captcha=False, demo_inbox=True, payments="sandbox")
    loaded = threading.Event()

    def build() -> Any:
        loaded.wait(30)  # the web stack "loading" until the test says so
        return create_app(settings)

    with deferred_server(build, settings) as (base, _app):
        early = [requests.get(base + path, timeout=10) for path in HEALTH_PATHS]
        assert not loaded.is_set()  # answered without the app
        answers: list[requests.Response] = []
        waiting = threading.Thread(
            target=lambda: answers.append(requests.get(base + "/api/v1/regions", timeout=30))
        )
        waiting.start()
        loaded.set()
        waiting.join(timeout=30)
        assert [response.status_code for response in answers] == [200]  # held, then answered
        late = requests.get(base + "/api/v1/health", timeout=10)  # now the app's own route
    for response in early:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json"
        assert {**response.json(), "server_time": ""} == {**late.json(), "server_time": ""}


def test_requests_held_for_an_app_that_cannot_load_are_refused_plainly(tmp_path: Path) -> None:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'p.db'}", port=0)

    def build() -> Any:
        raise RuntimeError("a broken installation")

    with deferred_server(build, settings) as (base, app):
        response = requests.get(base + "/api/v1/regions", timeout=30)
        assert app.failed
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "platform_unavailable"


def test_the_app_serves_health_where_the_loading_platform_does(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    upgrade_to_head(url)
    settings = Settings(db_url=url, port=0)
    with deferred_server(lambda: create_app(settings), settings) as (base, _app):
        assert requests.get(base + "/api/v1/regions", timeout=30).status_code == 200  # loaded
        for path in HEALTH_PATHS:  # answered by the app's own routes now
            assert requests.get(base + path, timeout=10).json()["status"] == "ok"
