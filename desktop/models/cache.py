"""The local cache: what the screens show, and the outbox of what the learner did offline.

One SQLite file per account (``paths.account_cache_path``), through SQLAlchemy 2.  After
qutebrowser's ``misc/sql.py``: WAL mode, ``synchronous=NORMAL``, a schema version in
``PRAGMA user_version``, every method one short transaction in a context manager.

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
engine inside its network op.  Each call opens its own session, and a lock keeps two
threads from interleaving writes on the one file (SQLite would answer "database is
locked" to a read-then-write race).  Never call these on the GUI thread.

Privacy: the cached ``me`` record holds the full ID number, so on POSIX the account
directory is ``0700`` and the database files ``0600``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    Text,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from desktop.models.records import Me

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


class _Base(DeclarativeBase):
    pass


class _Record(_Base):
    """One thing the UI shows, as the server last described it."""

    __tablename__ = "records"

    entity: Mapped[str] = mapped_column(String, primary_key=True)
    entity_id: Mapped[str] = mapped_column(String, primary_key=True)
    json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[str] = mapped_column(String)


class _SyncState(_Base):
    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class _Outbox(_Base):
    """Work done locally, waiting for the server's acknowledgement."""

    __tablename__ = "outbox"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)


_OUTBOX_COLUMNS = ("id", "kind", "payload", "created_at", "attempts", "last_error")


class _Refusal(_Base):
    """An outbox item the server refused, or accepted only in part, kept for the learner."""

    __tablename__ = "refusals"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    payload: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String)
    message: Mapped[str] = mapped_column(Text, default="")
    credited_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[str] = mapped_column(String, index=True)
    dismissed_at: Mapped[str | None] = mapped_column(String, nullable=True)


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

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = threading.RLock()
        self._closed = False
        self._local = threading.local()  # the session of this thread's ``atomic()`` block

    # -- life cycle -----------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Cache:
        """Open (creating or rebuilding as needed) the cache file at *path*."""
        path = Path(path)
        _prepare_private_file(path)
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 15})
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _on_begin)
        try:
            _ensure_schema(engine)
        except Exception:
            engine.dispose()
            raise
        _restrict_side_files(path)
        return cls(path, engine)

    def close(self) -> None:
        """Release the file.  Later calls raise ``CacheClosed``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._engine.dispose()
        _restrict_side_files(self.path)

    @staticmethod
    def delete_files(path: Path) -> None:
        """Remove the database and its WAL/SHM companions (the cache is closed first)."""
        path = Path(path)
        for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
            candidate.unlink(missing_ok=True)

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._lock:
            if self._closed:
                raise CacheClosed("the cache is closed")
            outer: Session | None = getattr(self._local, "session", None)
            if outer is not None:  # inside ``atomic()``: part of its transaction
                yield outer
                return
            with self._sessions() as session, session.begin():
                self._local.session = session
                try:
                    yield session
                finally:
                    self._local.session = None

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Make the cache calls of this block (on this thread) one transaction: all or none.

        Other threads' calls wait until the block ends.
        """
        with self._transaction():
            yield

    # -- records --------------------------------------------------------------------

    def put_record(self, entity: str, entity_id: str, data: dict[str, Any]) -> None:
        with self._transaction() as session:
            session.execute(_upsert_record(entity, entity_id, data))

    def get_record(self, entity: str, entity_id: str) -> dict[str, Any] | None:
        with self._transaction() as session:
            # A query, not ``session.get``: inside ``atomic()`` the identity map would
            # answer a row as it was before an upsert of this transaction.
            text = session.scalars(
                select(_Record.json).where(_Record.entity == entity, _Record.entity_id == entity_id)
            ).first()
        return None if text is None else _as_dict(json.loads(text))

    def get_records(self, entity: str) -> dict[str, dict[str, Any]]:
        """Every record of *entity*, by id."""
        with self._transaction() as session:
            rows = session.execute(
                select(_Record.entity_id, _Record.json).where(_Record.entity == entity)
            ).all()
        return {str(entity_id): _as_dict(json.loads(text)) for entity_id, text in rows}

    def delete_record(self, entity: str, entity_id: str) -> None:
        with self._transaction() as session:
            session.execute(
                sql_delete(_Record).where(_Record.entity == entity, _Record.entity_id == entity_id)
            )

    def put_me(self, me: Me) -> None:
        """Store the logged-in account (one per cache file: the previous one is replaced)."""
        with self._transaction() as session:
            session.execute(
                sql_delete(_Record).where(_Record.entity == _ME, _Record.entity_id != me.id)
            )
            session.execute(_upsert_record(_ME, me.id, asdict(me)))

    def get_me(self) -> Me | None:
        with self._transaction() as session:
            text = session.scalars(
                select(_Record.json).where(_Record.entity == _ME).limit(1)
            ).first()
        return None if text is None else Me.from_json(json.loads(text))

    # -- sync state -----------------------------------------------------------------

    def cursor(self) -> int:
        """The last ``GET /changes`` cursor fully applied (0 = nothing pulled yet)."""
        with self._transaction() as session:
            row = session.get(_SyncState, _CURSOR_KEY)
            value = None if row is None else row.value
        return int(value) if value else 0

    def set_cursor(self, cursor: int) -> None:
        stmt = sqlite_insert(_SyncState).values(key=_CURSOR_KEY, value=str(int(cursor)))
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"value": stmt.excluded.value}
        )
        with self._transaction() as session:
            session.execute(stmt)

    # -- outbox ---------------------------------------------------------------------

    def enqueue(self, kind: str, payload: dict[str, Any]) -> str:
        """Queue *payload* for the server; returns its client-generated id."""
        item_id = str(uuid.uuid4())
        with self._transaction() as session:
            session.add(
                _Outbox(
                    id=item_id,
                    kind=kind,
                    payload=json.dumps(payload, ensure_ascii=False),
                    created_at=_now(),
                    attempts=0,
                    last_error=None,
                )
            )
        return item_id

    def pending(self, limit: int = 500) -> list[OutboxItem]:
        """Queued items, oldest first."""
        with self._transaction() as session:
            rows = session.scalars(
                select(_Outbox).order_by(_Outbox.created_at, _Outbox.id).limit(limit)
            ).all()
        return [
            OutboxItem(
                id=row.id,
                kind=row.kind,
                payload=_as_dict(json.loads(row.payload)),
                created_at=row.created_at,
                attempts=row.attempts,
                last_error=row.last_error,
            )
            for row in rows
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
        with self._transaction() as session:
            for start in range(0, len(id_list), _CHUNK):
                chunk = id_list[start : start + _CHUNK]
                keep = [i for i in chunk if i in kept]
                if keep:
                    queued = session.execute(
                        select(_Outbox.id, _Outbox.kind, _Outbox.payload).where(
                            _Outbox.id.in_(keep)
                        )
                    ).all()
                    rows = [
                        {
                            "id": item_id,
                            "kind": kind,
                            "payload": payload,
                            "code": kept[item_id].code,
                            "message": kept[item_id].message,
                            "credited_ms": kept[item_id].credited_ms,
                            "created_at": now,
                            "dismissed_at": None,
                        }
                        for item_id, kind, payload in queued
                    ]
                    if rows:
                        session.execute(
                            sqlite_insert(_Refusal).on_conflict_do_nothing(index_elements=["id"]),
                            rows,
                        )
                session.execute(sql_delete(_Outbox).where(_Outbox.id.in_(chunk)))

    def refusals(self, kind: str | None = None) -> list[KeptRefusal]:
        """The kept refusals (of *kind*), oldest first."""
        query = select(_Refusal).order_by(_Refusal.created_at, _Refusal.id)
        if kind is not None:
            query = query.where(_Refusal.kind == kind)
        with self._transaction() as session:
            rows = session.scalars(query).all()
            return [
                KeptRefusal(
                    id=row.id,
                    kind=row.kind,
                    payload=_as_dict(json.loads(row.payload)),
                    code=row.code,
                    message=row.message or "",
                    credited_ms=row.credited_ms,
                    created_at=row.created_at,
                    dismissed=row.dismissed_at is not None,
                )
                for row in rows
            ]

    def dismiss_refusals(self, ids: Iterable[str]) -> None:
        """The learner has read these refusals' notice: it is not shown again."""
        id_list = list(ids)
        now = _now()
        with self._transaction() as session:
            for start in range(0, len(id_list), _CHUNK):
                chunk = id_list[start : start + _CHUNK]
                session.execute(
                    sql_update(_Refusal)
                    .where(_Refusal.id.in_(chunk), _Refusal.dismissed_at.is_(None))
                    .values(dismissed_at=now)
                )

    def record_failure(self, item_id: str, error: str) -> None:
        """Count a failed push of *item_id*; it stays queued."""
        with self._transaction() as session:
            session.execute(
                sql_update(_Outbox)
                .where(_Outbox.id == item_id)
                .values(attempts=_Outbox.attempts + 1, last_error=error[:1000])
            )


def _upsert_record(entity: str, entity_id: str, data: dict[str, Any]) -> Any:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    stmt = sqlite_insert(_Record).values(
        entity=entity, entity_id=entity_id, json=text, updated_at=_now()
    )
    return stmt.on_conflict_do_update(
        index_elements=["entity", "entity_id"],
        set_={"json": stmt.excluded.json, "updated_at": stmt.excluded.updated_at},
    )


def _as_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("cached JSON is not an object")
    return value


# -- SQLite set-up ----------------------------------------------------------------------


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per connection: WAL, NORMAL sync, foreign keys; and let SQLAlchemy emit BEGIN.

    sqlite3's legacy transaction handling does not BEGIN before DDL or SELECT; switching
    it off (``isolation_level = None``) and emitting BEGIN ourselves makes every
    transaction, including the schema rebuild, atomic.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _ensure_schema(engine: Engine) -> None:
    with engine.begin() as connection:
        version = int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        tables = _user_tables(connection)
        if version == CACHE_SCHEMA_VERSION:
            _Base.metadata.create_all(connection)
            return
        if tables:
            log.info(
                "cache schema %s differs from %s: rebuilding, keeping the outbox",
                version,
                CACHE_SCHEMA_VERSION,
            )
            _rebuild(connection, tables)
        else:
            _Base.metadata.create_all(connection)
        connection.exec_driver_sql(f"PRAGMA user_version = {int(CACHE_SCHEMA_VERSION)}")


def _user_tables(connection: Connection) -> list[str]:
    rows = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [str(row[0]) for row in rows]


def _rebuild(connection: Connection, tables: list[str]) -> None:
    """Drop everything, recreate, put the outbox and refusal rows back — one transaction."""
    kept = _read_old_outbox(connection) if "outbox" in tables else []
    refusals = _read_old_refusals(connection) if "refusals" in tables else []
    # Checked at COMMIT, when every old table is gone: drop order does not matter.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    views = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'view'")
    for (view,) in list(views):
        connection.exec_driver_sql(f'DROP VIEW IF EXISTS "{view}"')
    for table in tables:
        connection.exec_driver_sql('DROP TABLE IF EXISTS "{}"'.format(table.replace('"', '""')))
    _Base.metadata.create_all(connection)
    if kept:
        connection.execute(insert(_Outbox), kept)
    if refusals:
        connection.execute(insert(_Refusal), refusals)
    log.info(
        "cache rebuilt; %d queued item(s) and %d refusal(s) carried over",
        len(kept),
        len(refusals),
    )


def _read_old_outbox(connection: Connection) -> list[dict[str, Any]]:
    """The old outbox rows, mapped onto today's columns (missing ones defaulted)."""
    info = connection.exec_driver_sql('PRAGMA table_info("outbox")').all()
    present = {str(row[1]) for row in info}
    if not {"id", "kind", "payload"} <= present:
        log.error("old outbox lacks id/kind/payload; its rows cannot be carried over")
        return []
    columns = [c for c in _OUTBOX_COLUMNS if c in present]
    order = "created_at, id" if "created_at" in present else "rowid"
    names = ", ".join(f'"{c}"' for c in columns)
    rows = connection.exec_driver_sql(f'SELECT {names} FROM "outbox" ORDER BY {order}').all()
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


def _read_old_refusals(connection: Connection) -> list[dict[str, Any]]:
    """The old refusal rows, mapped onto today's columns (missing ones defaulted)."""
    info = connection.exec_driver_sql('PRAGMA table_info("refusals")').all()
    present = {str(row[1]) for row in info}
    if not {"id", "kind", "payload", "code"} <= present:
        log.error("old refusals lack id/kind/payload/code; they cannot be carried over")
        return []
    columns = [c for c in _REFUSAL_COLUMNS if c in present]
    names = ", ".join(f'"{c}"' for c in columns)
    rows = connection.exec_driver_sql(f'SELECT {names} FROM "refusals" ORDER BY rowid').all()
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
