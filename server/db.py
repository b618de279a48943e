"""Engine and session factory; SQLite for one machine, PostgreSQL beyond it."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Executable, create_engine, event, make_url, text
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


#: Connections per worker process on a server database (``KJCE_DB_POOL_SIZE`` and
#: ``KJCE_DB_POOL_OVERFLOW`` change them): requests hold one only for a few queries, and
#: server/admission.py admits no more requests than the pool serves; workers × (size +
#: overflow) must stay under PostgreSQL's ``max_connections`` (100 by default), or go
#: through PgBouncer.
POOL_SIZE = 5
POOL_OVERFLOW = 10


def _pool_setting(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets WAL, foreign keys and a busy timeout on every connection.

    A server database (PostgreSQL) gets a bounded pool whose connections are checked before
    use and renewed every half hour, so a restarted database or a load balancer's idle
    timeout costs a reconnect, not a failed request.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url,
            pool_size=max(1, _pool_setting("KJCE_DB_POOL_SIZE", POOL_SIZE)),
            max_overflow=_pool_setting("KJCE_DB_POOL_OVERFLOW", POOL_OVERFLOW),
            pool_timeout=30,
            pool_recycle=1800,
            pool_pre_ping=True,
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    # No cap on SQLite connections (they cost a file handle): a request keeps its connection
    # between the thread hops of its dependencies and its endpoint, so an overloaded worker
    # has more requests holding one than it has threads; with the default 5 + 10 they
    # answered 500 after the pool's 30 s timeout (benchmarks/load.py found it).  SQLite's
    # own busy timeout orders the writers.
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 15}, max_overflow=-1
    )

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


def lock_until_commit(db: Session, scope: str, name: str) -> None:
    """Serialise the transactions that lock the same *name* of *scope* until they end.

    Call it before the reads of a "read, check, then write" step (an order's sequence
    number, a learner's credit ledger, a live order), and read after it.

    PostgreSQL runs transactions side by side, so it takes a transaction-scoped advisory
    lock on *scope*/*name*.  SQLite lets one writer in at a time, but Python's driver runs
    the reads before a transaction's first write outside any transaction, so two requests
    could both read, both pass the check, then write one after the other.  There a no-op
    UPDATE opens the write transaction at once: it waits for the database's write lock (the
    busy timeout), and every read after it sees the latest commit.  That lock is coarser
    than *name* (one writer for the whole file), which SQLite imposes anyway.
    """
    bind = db.get_bind()
    if bind.dialect.name == "postgresql":
        digest = hashlib.blake2b(f"{scope}\0{name}".encode(), digest_size=8).digest()
        key = int.from_bytes(digest, "big", signed=True)
        db.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    elif bind.dialect.name == "sqlite":
        db.execute(_SQLITE_TAKE_WRITE_LOCK)


#: A write that changes nothing: enough for SQLite to begin a write transaction.
_SQLITE_TAKE_WRITE_LOCK = text("UPDATE alembic_version SET version_num = version_num WHERE 0 = 1")
