"""Engine and session factory; SQLite for one machine, PostgreSQL beyond it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Executable, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})

    @event.listens_for(engine, "connect")
    def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so a response can be built from them."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def rows_updated(db: Session, statement: Executable) -> int:
    """Run a guarded UPDATE (``… WHERE status = 'pending'``); how many rows it changed.

    State transitions use it so that the database, not a worker's memory, decides which
    of two racing requests wins.
    """
    result = cast(CursorResult[Any], db.execute(statement))
    return result.rowcount
