"""The schema comes from Alembic migrations, run by the command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command

from server.db import make_engine
from server.migrations import alembic_config, current_revision, head_revision, upgrade_to_head
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


def test_0010_keeps_one_live_order_per_package_of_older_databases(tmp_path: Path) -> None:
    """Orders doubled by the races of issue 15 still migrate: pending duplicates are
    cancelled with their payments, a paid duplicate stays paid but not live, and then
    the database refuses a second live order of a package by itself."""
    db_path = tmp_path / "old.db"
    url = f"sqlite:///{db_path}"
    command.upgrade(alembic_config(url), "0009")
    at = "2021-06-21 10:23:50"
    with sqlite3.connect(db_path) as connection:
        connection.execute(
            "INSERT INTO accounts (id, id_type, id_number, name, phone, password_hash, role, "
            "profile_status, must_change_password, created_at, updated_at) VALUES "
            "('a1', 'resident_id', '130225198703060987', '张晓红', '15010067063', 'x', "
            "'learner', 'collected', 0, ?, ?)",
            (at, at),
        )
        connection.execute(
            "INSERT INTO institutions (id, name, region_code, phone, mode, position) "
            "VALUES ('yhdc', '源和大成教育', '440100', '4008087802', 'online', 1)"
        )
        for package, price in (("pro", 9000), ("pub", 0)):
            connection.execute(
                "INSERT INTO packages (id, institution_id, year, course_type, title, price_fen, "
                "credits_tenths, closes_at) VALUES (?, 'yhdc', 2021, 'professional', ?, ?, 600, "
                "'2021-12-31 15:59:59')",
                (package, package, price),
            )
        orders = [  # id, status, package, minute
            ("paid-1", "paid", "pro", 1),
            ("paid-2", "paid", "pro", 2),  # ¥180 for one enrollment
            ("pend-1", "pending", "pub", 3),
            ("pend-2", "pending", "pub", 4),
            ("gone", "cancelled", "pub", 5),
        ]
        for order_id, status, package, minute in orders:
            connection.execute(
                "INSERT INTO orders (id, number, account_id, institution_id, amount_fen, status, "
                "created_at) VALUES (?, ?, 'a1', 'yhdc', 0, ?, ?)",
                (order_id, order_id, status, f"2021-06-21 10:{minute:02d}:00"),
            )
            connection.execute(
                "INSERT INTO order_items (order_id, package_id, position, title, course_type, "
                "year, credits_tenths, unit_price_fen, quantity, total_fen) "
                "VALUES (?, ?, 0, 't', 'professional', 2021, 600, 0, 1, 0)",
                (order_id, package),
            )
        connection.execute(
            "INSERT INTO payments (id, order_id, account_id, method, provider, amount_fen, "
            "status, qr_payload, created_at) VALUES "
            "('p1', 'pend-1', 'a1', 'wechat', 'sandbox', 0, 'pending', 'q', ?)",
            (at,),
        )
        connection.execute(
            "INSERT INTO enrollments (id, account_id, package_id, order_id, created_at) "
            "VALUES ('e1', 'a1', 'pro', 'paid-1', ?)",
            (at,),
        )
    upgrade_to_head(url)
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute(
            "SELECT o.id, o.status, i.account_id, i.live FROM orders o "
            "JOIN order_items i ON i.order_id = o.id ORDER BY o.id"
        ).fetchall()
        assert rows == [
            ("gone", "cancelled", "a1", 0),
            ("paid-1", "paid", "a1", 1),  # the order its enrollment came from
            ("paid-2", "paid", "a1", 0),
            ("pend-1", "cancelled", "a1", 0),  # superseded by the newer one
            ("pend-2", "pending", "a1", 1),
        ]
        assert connection.execute("SELECT status FROM payments").fetchall() == [("cancelled",)]
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                "INSERT INTO order_items (order_id, package_id, position, title, course_type, "
                "year, credits_tenths, unit_price_fen, quantity, total_fen, account_id, live) "
                "VALUES ('gone', 'pub', 1, 't', 'public', 2021, 300, 0, 1, 0, 'a1', 1)"
            )
