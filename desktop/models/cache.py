"""The local cache: what the screens show, and the outbox of what the learner did offline.

One SQLite file per account (``paths.account_cache_path``), through the standard library's
``sqlite3``.  After qutebrowser's ``misc/sql.py``: WAL mode, ``synchronous=NORMAL``, a schema
version in ``PRAGMA user_version``, every method one short transaction in a context manager.
Plain SQL, not SQLAlchemy: the rows are JSON documents and plain values in four tables, and
a remembered learner's 个人主页 is read from here at start, where importing SQLAlchemy's
Core alone cost a quarter of a second (issue 16).

The cache can always be rebuilt from the server — except the outbox, which holds work the
server has not acknowledged yet, and the refusals, what the server did not accept of it
(the learner is shown those; the server has no way to list them again).  So when the
file's schema version differs from ``CACHE_SCHEMA_VERSION`` (older or newer), every table
is dropped and recreated in one transaction, and the outbox and refusal rows are carried
over into the new tables.

An item the server refused (or accepted only in part) leaves the outbox and enters
``refusals`` in one transaction (``acknowledge(ids, kept)``), so a kill in between loses
neither; ``atomic()`` groups more cache calls into that transaction.

Threads: methods are called on the task runner's single cache worker, and by the sync
engine inside its network op.  They share one connection, one call at a time (a lock), so
two threads never interleave their statements or transactions.  Never call these on the
GUI thread.

Privacy: the cached ``me`` record holds the full ID number, so on POSIX the account
directory is ``0700`` and the database files ``0600``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.models.api_types import Me

log = logging.getLogger(__name__)

CACHE_SCHEMA_VERSION = 2
"""Bump on any change to the tables below; the cache is then rebuilt (outbox and refusals
kept).  2: the ``refusals`` table."""

_POSIX = os.name == "posix"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_CHUNK = 500  # stay well below SQLite's limit of bound parameters
_ME = "me"
_CURSOR_KEY = "changes_cursor"


class CacheClosed(RuntimeError):
    """The cache was used after ``close()`` (a late task after logout)."""


_SCHEMA = (
    # one thing the UI shows, as the server last described it
    """CREATE TABLE IF NOT EXISTS records (
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id)
    )""",
    """CREATE TABLE IF NOT EXISTS sync_state (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # work done locally, waiting for the server's acknowledgement
    """CREATE TABLE IF NOT EXISTS outbox (
        id TEXT NOT NULL PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_outbox_kind ON outbox (kind)",
    "CREATE INDEX IF NOT EXISTS ix_outbox_created_at ON outbox (created_at)",
    # an outbox item the server refused, or accepted only in part
    """CREATE TABLE IF NOT EXISTS refusals (
        id TEXT NOT NULL PRIMARY KEY,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        credited_ms INTEGER,
        created_at TEXT NOT NULL,
        dismissed_at TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_refusals_kind ON refusals (kind)",
    "CREATE INDEX IF NOT EXISTS ix_refusals_created_at ON refusals (created_at)",
)

_OUTBOX_COLUMNS = ("id", "kind", "payload", "created_at", "attempts", "last_error")

_REFUSAL_COLUMNS = (
    "id", "kind", "payload", "code", "message", "credited_ms", "created_at", "dismissed_at",
)  # fmt: skip


@dataclass(frozen=True)
class OutboxItem:
    """A queued piece of work; ``id`` is the client-generated UUID the server dedupes by."""

    id: str
    kind: str
    payload: dict[str, Any]
    created_at: str
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class Refusal:
    """What the server said of an item it did not fully accept (``acknowledge``'s *kept*).

    ``credited_ms``: None when refused outright; else the item was accepted but credited
    for only this much (a trimmed watch event).  ``message`` is the server's, in Chinese.
    """

    code: str
    message: str = ""
    credited_ms: int | None = None


@dataclass(frozen=True)
class KeptRefusal:
    """A refusal as the cache keeps it: the item as it was queued, and what the server said."""

    id: str
    kind: str
    payload: dict[str, Any]
    code: str
    message: str
    credited_ms: int | None
    created_at: str
    dismissed: bool


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Cache:
    """The account's local store.  Open with ``Cache.open(path)``."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.RLock()
        self._closed = False
        self._depth = 0  # nesting of ``_transaction`` blocks on the thread holding the lock

    # -- life cycle -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Cache:
        """Open (creating or rebuilding as needed) the cache file at *path*."""
        path = Path(path)
        _prepare_private_file(path)
        connection = _connect(path)
        try:
            _ensure_schema(connection)
        except Exception:
            connection.close()
            raise
        _restrict_side_files(path)
        return cls(path, connection)

    def close(self) -> None:
        """Release the file.  Later calls raise ``CacheClosed``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._connection.close()
        _restrict_side_files(self.path)

    @staticmethod
    def delete_files(path: Path) -> None:
        """Remove the database and its WAL/SHM companions (the cache is closed first)."""
        path = Path(path)
        for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
            candidate.unlink(missing_ok=True)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction on the cache's connection; nested blocks (``atomic()``) join
        the outer one.  The lock keeps other threads out until it ends."""
        with self._lock:
            if self._closed:
                raise CacheClosed("the cache is closed")
            if self._depth:  # inside ``atomic()``: part of its transaction
                self._depth += 1
                try:
                    yield self._connection
                finally:
                    self._depth -= 1
                return
            with _begin(self._connection):
                self._depth = 1
                try:
                    yield self._connection
                finally:
                    self._depth = 0

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Make the cache calls of this block (on this thread) one transaction: all or none.

        Other threads' calls wait until the block ends.
        """
        with self._transaction():
            yield

    # -- records --------------------------------------------------------------------

    def put_record(self, entity: str, entity_id: str, data: dict[str, Any]) -> None:
        with self._transaction() as connection:
            _upsert_record(connection, entity, entity_id, data)

    def get_record(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT json FROM records WHERE entity = ? AND entity_id = ?",
                (entity, entity_id),
            ).fetchone()
        return None if row is None else _as_dict(json.loads(row[0]))

    def get_records(self, entity: str) -> dict[str, dict[str, Any]]:
        """Every record of *entity*, by id."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT entity_id, json FROM records WHERE entity = ?", (entity,)
            ).fetchall()
        return {str(entity_id): _as_dict(json.loads(text)) for entity_id, text in rows}

    def delete_record(self, entity: str, entity_id: str) -> None:
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM records WHERE entity = ? AND entity_id = ?", (entity, entity_id)
            )

    def put_me(self, me: Me) -> None:
        """Store the logged-in account (one per cache file: the previous one is replaced)."""
        with self._transaction() as connection:
            connection.execute(
                "DELETE FROM records WHERE entity = ? AND entity_id != ?", (_ME, me.id)
            )
            _upsert_record(connection, _ME, me.id, asdict(me))

    def get_me(self) -> Me | None:
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT json FROM records WHERE entity = ? LIMIT 1", (_ME,)
            ).fetchone()
        return None if row is None else Me.from_json(json.loads(row[0]))

    # -- sync state -----------------------------------------------------------------

    def cursor(self) -> int:
        """The last ``GET /changes`` cursor fully applied (0 = nothing pulled yet)."""
        with self._transaction() as connection:
            row = connection.execute(
                "SELECT value FROM sync_state WHERE key = ?", (_CURSOR_KEY,)
            ).fetchone()
        return int(row[0]) if row and row[0] else 0

    def set_cursor(self, cursor: int) -> None:
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_CURSOR_KEY, str(int(cursor))),
            )

    # -- outbox ---------------------------------------------------------------------

    def enqueue(self, kind: str, payload: dict[str, Any]) -> str:
        """Queue *payload* for the server; returns its client-generated id."""
        item_id = str(uuid.uuid4())
        with self._transaction() as connection:
            connection.execute(
                "INSERT INTO outbox (id, kind, payload, created_at, attempts, last_error) "
                "VALUES (?, ?, ?, ?, 0, NULL)",
                (item_id, kind, json.dumps(payload, ensure_ascii=False), _now()),
            )
        return item_id

    def pending(self, limit: int = 500) -> list[OutboxItem]:
        """Queued items, oldest first."""
        with self._transaction() as connection:
            rows = connection.execute(
                "SELECT id, kind, payload, created_at, attempts, last_error FROM outbox "
                "ORDER BY created_at, id LIMIT ?",
                (int(limit),),
            ).fetchall()
        return [
            OutboxItem(
                id=item_id,
                kind=kind,
                payload=_as_dict(json.loads(payload)),
                created_at=created_at,
                attempts=attempts,
                last_error=last_error,
            )
            for item_id, kind, payload, created_at, attempts, last_error in rows
        ]

    def acknowledge(self, ids: Iterable[str], kept: Mapping[str, Refusal] | None = None) -> None:
        """The server has the items (accepted or refused for good): drop them.

        The items of *kept* (refused, or accepted only in part) move to ``refusals`` in the
        same transaction, so the learner is shown them even after a kill right here.  An
        item no longer queued (acknowledged already) is not kept twice.
        """
        id_list = list(ids)
        kept = kept or {}
        now = _now()
        with self._transaction() as connection:
            for start in range(0, len(id_list), _CHUNK):
                chunk = id_list[start : start + _CHUNK]
                keep = [i for i in chunk if i in kept]
                if keep:
                    queued = connection.execute(
                        f"SELECT id, kind, payload FROM outbox WHERE id IN ({_marks(keep)})",
                        keep,
                    ).fetchall()
                    connection.executemany(
                        "INSERT INTO refusals (id, kind, payload, code, message, credited_ms,"
                        " created_at, dismissed_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)"
                        " ON CONFLICT (id) DO NOTHING",
                        [
                            (
                                item_id,
                                kind,
                                payload,
                                kept[item_id].code,
                                kept[item_id].message,
                                kept[item_id].credited_ms,
                                now,
                            )
                            for item_id, kind, payload in queued
                        ],
                    )
                connection.execute(f"DELETE FROM outbox WHERE id IN ({_marks(chunk)})", chunk)

    def refusals(self, kind: str | None = None) -> list[KeptRefusal]:
        """The kept refusals (of *kind*), oldest first."""
        query = "SELECT " + ", ".join(_REFUSAL_COLUMNS) + " FROM refusals"
        parameters: tuple[str, ...] = ()
        if kind is not None:
            query += " WHERE kind = ?"
            parameters = (kind,)
        with self._transaction() as connection:
            rows = connection.execute(query + " ORDER BY created_at, id", parameters).fetchall()
        return [
            KeptRefusal(
                id=item_id,
                kind=item_kind,
                payload=_as_dict(json.loads(payload)),
                code=code,
                message=message or "",
                credited_ms=credited_ms,
                created_at=created_at,
                dismissed=dismissed_at is not None,
            )
            for item_id, item_kind, payload, code, message, credited_ms, created_at, dismissed_at in rows
        ]

    def dismiss_refusals(self, ids: Iterable[str]) -> None:
        """The learner has read these refusals' notice: it is not shown again."""
        id_list = list(ids)
        now = _now()
        with self._transaction() as connection:
            for start in range(0, len(id_list), _CHUNK):
                chunk = id_list[start : start + _CHUNK]
                connection.execute(
                    f"UPDATE refusals SET dismissed_at = ? WHERE id IN ({_marks(chunk)})"
                    " AND dismissed_at IS NULL",
                    [now, *chunk],
                )

    def record_failure(self, item_id: str, error: str) -> None:
        """Count a failed push of *item_id*; it stays queued."""
        with self._transaction() as connection:
            connection.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                (error[:1000], item_id),
            )


def _upsert_record(
    connection: sqlite3.Connection, entity: str, entity_id: str, data: dict[str, Any]
) -> None:
    connection.execute(
        "INSERT INTO records (entity, entity_id, json, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (entity, entity_id) DO UPDATE "
        "SET json = excluded.json, updated_at = excluded.updated_at",
        (entity, entity_id, json.dumps(data, ensure_ascii=False, sort_keys=True), _now()),
    )


def _marks(values: list[str]) -> str:
    """``?, ?, …``: one placeholder per value of an ``IN (…)``."""
    return ", ".join("?" * len(values))


def _as_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("cached JSON is not an object")
    return value


# -- SQLite set-up ----------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    """The cache's one connection: WAL, NORMAL sync, foreign keys; transactions are ours.

    ``isolation_level=None`` switches off sqlite3's implicit transactions (which do not
    BEGIN before DDL or SELECT); ``_begin`` emits BEGIN itself, so every transaction,
    the schema rebuild included, is atomic.  Used from several threads, one at a time
    (``Cache._lock``).
    """
    connection = sqlite3.connect(
        str(path), timeout=15, isolation_level=None, check_same_thread=False
    )
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


@contextmanager
def _begin(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN … COMMIT, or ROLLBACK when the block raises."""
    connection.execute("BEGIN")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _ensure_schema(connection: sqlite3.Connection) -> None:
    with _begin(connection):
        version = int(connection.execute("PRAGMA user_version").fetchone()[0] or 0)
        tables = _user_tables(connection)
        if version == CACHE_SCHEMA_VERSION:
            _create_tables(connection)
            return
        if tables:
            log.info(
                "cache schema %s differs from %s: rebuilding, keeping the outbox",
                version,
                CACHE_SCHEMA_VERSION,
            )
            _rebuild(connection, tables)
        else:
            _create_tables(connection)
        connection.execute(f"PRAGMA user_version = {int(CACHE_SCHEMA_VERSION)}")


def _create_tables(connection: sqlite3.Connection) -> None:
    for statement in _SCHEMA:
        connection.execute(statement)


def _user_tables(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [str(row[0]) for row in rows]


def _rebuild(connection: sqlite3.Connection, tables: list[str]) -> None:
    """Drop everything, recreate, put the outbox and refusal rows back — one transaction."""
    kept = _read_old_outbox(connection) if "outbox" in tables else []
    refusals = _read_old_refusals(connection) if "refusals" in tables else []
    # Checked at COMMIT, when every old table is gone: drop order does not matter.
    connection.execute("PRAGMA defer_foreign_keys = ON")
    views = connection.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    for (view,) in views:
        connection.execute('DROP VIEW IF EXISTS "{}"'.format(str(view).replace('"', '""')))
    for table in tables:
        connection.execute('DROP TABLE IF EXISTS "{}"'.format(table.replace('"', '""')))
    _create_tables(connection)
    for table, rows in (("outbox", kept), ("refusals", refusals)):
        if rows:
            columns = list(rows[0])
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(columns)})",
                [tuple(row[c] for c in columns) for row in rows],
            )
    log.info(
        "cache rebuilt; %d queued item(s) and %d refusal(s) carried over",
        len(kept),
        len(refusals),
    )


def _read_old_outbox(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """The old outbox rows, mapped onto today's columns (missing ones defaulted)."""
    info = connection.execute('PRAGMA table_info("outbox")').fetchall()
    present = {str(row[1]) for row in info}
    if not {"id", "kind", "payload"} <= present:
        log.error("old outbox lacks id/kind/payload; its rows cannot be carried over")
        return []
    columns = [c for c in _OUTBOX_COLUMNS if c in present]
    order = "created_at, id" if "created_at" in present else "rowid"
    names = ", ".join(f'"{c}"' for c in columns)
    rows = connection.execute(f'SELECT {names} FROM "outbox" ORDER BY {order}').fetchall()
    kept = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        kept.append(
            {
                "id": str(values["id"]),
                "kind": str(values["kind"]),
                "payload": str(values["payload"]),
                "created_at": str(values.get("created_at") or _now()),
                "attempts": int(values.get("attempts") or 0),
                "last_error": values.get("last_error"),
            }
        )
    return kept


def _read_old_refusals(connection: sqlite3.Connection) -> list[dict[str, Any]]:
    """The old refusal rows, mapped onto today's columns (missing ones defaulted)."""
    info = connection.execute('PRAGMA table_info("refusals")').fetchall()
    present = {str(row[1]) for row in info}
    if not {"id", "kind", "payload", "code"} <= present:
        log.error("old refusals lack id/kind/payload/code; they cannot be carried over")
        return []
    columns = [c for c in _REFUSAL_COLUMNS if c in present]
    names = ", ".join(f'"{c}"' for c in columns)
    rows = connection.execute(f'SELECT {names} FROM "refusals" ORDER BY rowid').fetchall()
    kept = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        credited = values.get("credited_ms")
        kept.append(
            {
                "id": str(values["id"]),
                "kind": str(values["kind"]),
                "payload": str(values["payload"]),
                "code": str(values["code"]),
                "message": str(values.get("message") or ""),
                "credited_ms": None if credited is None else int(credited),
                "created_at": str(values.get("created_at") or _now()),
                "dismissed_at": values.get("dismissed_at"),
            }
        )
    return kept


# -- file permissions -------------------------------------------------------------------


def _prepare_private_file(path: Path) -> None:
    """Create the account directory (0700) and the database file (0600) before SQLite does.

    SQLite creates the -wal and -shm files with the main file's permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if not _POSIX:
        return
    os.chmod(path.parent, 0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def _restrict_side_files(path: Path) -> None:
    if not _POSIX:
        return
    for suffix in _SIDE_FILES:
        side = path.with_name(path.name + suffix)
        with suppress(FileNotFoundError):
            os.chmod(side, 0o600)
