"""What a start of the platform may skip: migrating and seeding a database that is current.

The embedded platform starts with every start of the desktop app, and its database is
almost always at the newest schema revision already, holding this version's demo data.
Both facts are read here with the standard library's ``sqlite3`` — before SQLAlchemy,
Alembic or the seed are imported — so that a warm start neither migrates nor seeds and
imports only what serving needs.  What cannot be read this cheaply (another database, an
unusual URL, a locked file) takes the full path, which is idempotent and checks again.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import sys
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from server.migrations import script_head

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
DEMO_SEED_KEY = "demo_seed"
"""The ``platform_state`` row holding the fingerprint of the demo data a database holds."""

# What the demo data is made of, under ROOT: the code that builds it and its data files.
_SEED_SOURCES = ("server/**/*.py", "rules/**/*.py", "server/data/*", "resources/media/*")
_HASHED_BYTES = 1 << 20  # larger files are known by size and time, so a start stays quick


@dataclass(frozen=True)
class StartPlan:
    """What this start must do before serving."""

    migrate: bool
    seed: bool


def sqlite_file(db_url: str) -> Path | None:
    """The file of a plain ``sqlite:///path`` URL; None for anything else (another
    database, memory, URL options or escapes: the full path handles those)."""
    scheme, separator, rest = db_url.partition(":///")
    if scheme not in ("sqlite", "sqlite+pysqlite") or not separator:
        return None
    if not rest or rest == ":memory:" or any(char in rest for char in "?%"):
        return None
    return Path(rest)


def read_state(path: Path) -> tuple[str | None, str | None] | None:
    """The database's schema revision and demo-seed fingerprint (None when absent), or
    None when the file cannot be read this way."""
    if not path.is_file():
        return None, None
    try:
        with closing(sqlite3.connect(path, timeout=5)) as connection:
            revision = _scalar(connection, "SELECT version_num FROM alembic_version")
            marker = _scalar(
                connection, "SELECT value FROM platform_state WHERE key = ?", DEMO_SEED_KEY
            )
    except sqlite3.Error as exc:
        log.info("could not read the database's state cheaply (%s); checking in full", exc)
        return None
    return revision, marker


def _scalar(connection: sqlite3.Connection, sql: str, *params: str) -> str | None:
    try:
        row = connection.execute(sql, params).fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise
    return None if row is None else str(row[0])


@cache
def seed_fingerprint(year: int) -> str:
    """What the demo data of *year* (the clock's current year) is made of.

    A hash of the code and data files the seed comes from (in the frozen app, of its
    executable, which carries them) and of the year: a new version of the app, an edited
    catalog or a new year changes it, and the next start seeds again — the seed only adds
    what is missing, so seeding again is always safe.
    """
    digest = hashlib.sha256(f"year {year}\n".encode())
    for pattern in _SEED_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            if not path.is_file():
                continue
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            stat = path.stat()
            if stat.st_size > _HASHED_BYTES:  # a lecture video: its size and time will do
                digest.update(f"{stat.st_size} {stat.st_mtime_ns}\n".encode())
            else:
                digest.update(path.read_bytes())
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable).stat()
        digest.update(f"app {executable.st_size} {executable.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def plan(db_url: str, *, seed_demo: bool, year: int) -> StartPlan:
    """Migrate when the database is not at the newest revision; seed (when asked) when it
    does not hold this fingerprint of the demo data.  Both when that cannot be told."""
    head = script_head()
    path = sqlite_file(db_url)
    state = read_state(path) if path is not None and head is not None else None
    if state is None:
        return StartPlan(migrate=True, seed=seed_demo)
    revision, marker = state
    return StartPlan(
        migrate=revision != head,
        seed=seed_demo and marker != seed_fingerprint(year),
    )
