"""Fresh PostgreSQL databases for the ``KJCE_TEST_DB=postgresql`` mode of the tests.

Each platform process gets a database of its own on the local server, created here and
dropped at the end of the run, so tests stay as independent as with one SQLite file each.
The server is reached with ``KJCE_TEST_PG`` (default: role ``kjce``, password ``kjce`` on
127.0.0.1:5432, the role ``.ci/run`` creates).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy import make_url

DEFAULT_SERVER = "postgresql+psycopg://kjce:kjce@127.0.0.1:5432/postgres"
PREFIX = "kjce_test_"
_numbers = itertools.count(1)
_created: list[str] = []
_by_path: dict[Path, str] = {}


def enabled() -> bool:
    """Whether this run puts every platform on PostgreSQL."""
    return os.environ.get("KJCE_TEST_DB", "sqlite").strip().lower() in {"postgresql", "postgres"}


def server_url(database: str = "postgres") -> str:
    """The SQLAlchemy URL of *database* on the test server."""
    url = make_url(os.environ.get("KJCE_TEST_PG", DEFAULT_SERVER)).set(database=database)
    return url.render_as_string(hide_password=False)


def _connect(database: str = "postgres") -> psycopg.Connection[Any]:
    url = make_url(server_url(database))
    return psycopg.connect(
        host=url.host or "127.0.0.1",
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        dbname=database,
        autocommit=True,
    )


def database_for(path: Path) -> str:
    """The database standing for the SQLite file *path*, created on first use; its URL."""
    if path not in _by_path:
        _by_path[path] = create_database()
    return _by_path[path]


def create_database() -> str:
    """A new empty database; its SQLAlchemy URL. Names carry our pid to find leftovers."""
    name = f"{PREFIX}{os.getpid()}_{next(_numbers)}"
    with _connect() as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _created.append(name)
    return server_url(name)


def drop_created() -> None:
    """Drop every database this run created (platforms must be stopped first)."""
    with _connect() as connection:
        _by_path.clear()
        while _created:
            name = _created.pop()
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def drop_leftovers() -> None:
    """Drop test databases of runs that died before cleaning up (their pid is gone)."""
    with _connect() as connection:
        rows = connection.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (PREFIX + "%",)
        ).fetchall()
        for (name,) in rows:
            pid = name[len(PREFIX) :].split("_", 1)[0]
            if pid.isdigit() and not _alive(int(pid)):
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def query(url: str, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one statement written for sqlite3 (``?`` placeholders); its rows, committed."""
    target = make_url(url)
    assert target.database is not None
    with _connect(target.database) as connection:
        cursor = connection.execute(statement.replace("?", "%s"), params)
        return cursor.fetchall() if cursor.description else []
