"""The schema comes from Alembic migrations, run by the command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from server.db import make_engine
from server.migrations import current_revision, head_revision
from tests.helpers.platform import REPO_ROOT

TABLES = {
    "accounts",
    "auth_sessions",
    "auth_tokens",
    "captchas",
    "login_throttles",
    "password_resets",
    "notifications",
    "changes",
    "profiles",
    "profile_versions",
    "attachments",
    "alembic_version",
}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_migrate_creates_every_table(tmp_path: Path) -> None:
    db_path = tmp_path / "sub" / "fresh.db"
    url = f"sqlite:///{db_path}"
    result = _run("migrate", "--db", url)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert tables >= TABLES
    engine = make_engine(url)
    try:
        assert current_revision(engine) == head_revision() is not None
    finally:
        engine.dispose()
    # Running it again is harmless.
    assert _run("migrate", "--db", url).returncode == 0


def test_seed_demo_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    for _ in range(2):
        result = _run("seed-demo", "--db", url)
        assert result.returncode == 0, result.stderr
        assert "demo data regions" in result.stderr
