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
    "institutions",
    "learner_infos",
    "packages",
    "courses",
    "orders",
    "order_items",
    "payments",
    "study_card_batches",
    "study_cards",
    "card_throttles",
    "enrollments",
    "selections",
    "course_progress",
    "chapters",
    "watch_events",
    "chapter_progress",
    "server_secrets",
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


def test_seed_demo_is_idempotent_and_follows_the_clock(tmp_path: Path) -> None:
    db_path = tmp_path / "demo.db"
    url = f"sqlite:///{db_path}"
    for _ in range(2):
        result = _run("seed-demo", "--db", url, "--now", "2023-05-01T09:00:00+08:00")
        assert result.returncode == 0, result.stderr
        assert "demo data regions" in result.stderr
    with sqlite3.connect(db_path) as connection:
        packages = {row[0] for row in connection.execute("SELECT id FROM packages")}
        cards = connection.execute("SELECT package_id, count(*) FROM study_cards GROUP BY 1")
        card_counts = dict(cards.fetchall())
        course_count = connection.execute(
            "SELECT count(*) FROM courses WHERE package_id = 'yhdc-2023-professional'"
        ).fetchone()[0]
        # Every course has 2-3 chapters and lasts exactly as long as they do.
        per_course = connection.execute(
            "SELECT c.id, c.duration_ms, count(ch.id), sum(ch.duration_ms) "
            "FROM courses c LEFT JOIN chapters ch ON ch.course_id = c.id GROUP BY c.id"
        ).fetchall()
    assert len(packages) == 5 * 2 * 2  # institutions x (2021, 2023) x (public, professional)
    assert {"yhdc-2021-public", "yhdc-2021-professional", "yhdc-2023-professional"} <= packages
    assert card_counts == {"yhdc-2021-professional": 5, "yhdc-2023-professional": 5}
    assert 40 <= course_count <= 50
    assert {count for _, _, count, _ in per_course} == {2, 3}
    assert all(duration == total for _, duration, _, total in per_course)


def test_issue_cards_refuses_an_unknown_package_or_count(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cards.db'}"
    unknown = _run("issue-cards", "--db", url, "--package", "nope", "--count", "2")
    assert unknown.returncode == 2 and "no package" in unknown.stderr and unknown.stdout == ""
    zero = _run("issue-cards", "--db", url, "--package", "yhdc-2021-public", "--count", "0")
    assert zero.returncode == 2 and zero.stdout == ""
