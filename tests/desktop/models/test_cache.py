"""The local cache on a real SQLite file: round trips, WAL, privacy, schema rebuilds."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models import cache as cache_module
from desktop.models.cache import CACHE_SCHEMA_VERSION, Cache, CacheClosed
from desktop.models.paths import account_cache_path
from desktop.models.records import Me

ACCOUNT = "0b7f6d2e-3c1a-4f0e-9a57-1d2c3b4a5e6f"
ME = Me(
    id=ACCOUNT,
    id_type="resident_id",
    id_number="440106198703060986",
    name="张晓红",
    phone="15010067063",
    role="learner",
    profile_status="not_collected",
    must_change_password=False,
    created_at="2021-06-21T18:23:50+08:00",
)
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return account_cache_path(tmp_path, ACCOUNT)


@pytest.fixture
def cache(path: Path) -> Iterator[Cache]:
    opened = Cache.open(path)
    yield opened
    opened.close()


def _sqlite(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_records_round_trip_and_upsert(cache: Cache) -> None:
    assert cache.get_record("course", "c1") is None
    cache.put_record("course", "c1", {"title": "会计职业道德", "credits": 2})
    assert cache.get_record("course", "c1") == {"title": "会计职业道德", "credits": 2}
    cache.put_record("course", "c1", {"title": "会计职业道德", "credits": 3})
    assert cache.get_record("course", "c1") == {"title": "会计职业道德", "credits": 3}
    cache.delete_record("course", "c1")
    assert cache.get_record("course", "c1") is None


def test_me_round_trips_as_the_dataclass(cache: Cache) -> None:
    assert cache.get_me() is None
    cache.put_me(ME)
    assert cache.get_me() == ME


def test_cursor_starts_at_zero_and_persists(path: Path) -> None:
    cache = Cache.open(path)
    assert cache.cursor() == 0
    cache.set_cursor(12)
    cache.set_cursor(15)
    cache.close()
    again = Cache.open(path)
    assert again.cursor() == 15
    again.close()


def test_outbox_is_oldest_first_and_emptied_only_by_acknowledgement(cache: Cache) -> None:
    first = cache.enqueue("watch", {"interval": [0, 30]})
    second = cache.enqueue("watch", {"interval": [30, 60]})
    third = cache.enqueue("exam_draft", {"q": 1})
    assert [item.id for item in cache.pending()] == [first, second, third]
    assert cache.pending(limit=2)[1].payload == {"interval": [30, 60]}

    cache.record_failure(second, "validation_error: 区间无效")
    failed = next(item for item in cache.pending() if item.id == second)
    assert (failed.attempts, failed.last_error) == (1, "validation_error: 区间无效")

    cache.acknowledge([first, third])
    assert [item.id for item in cache.pending()] == [second]


def test_wal_mode_and_schema_version_are_set(cache: Cache, path: Path) -> None:
    cache.put_record("x", "1", {})
    assert _sqlite(path, "PRAGMA journal_mode") == [("wal",)]
    assert _sqlite(path, "PRAGMA user_version") == [(CACHE_SCHEMA_VERSION,)]


@posix_only
def test_files_are_private_to_the_user(cache: Cache, path: Path) -> None:
    cache.put_me(ME)
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    for candidate in (path, path.with_name(path.name + "-wal")):
        assert candidate.exists()
        assert (candidate.stat().st_mode & 0o777) == 0o600, candidate.name


def test_a_schema_bump_rebuilds_the_cache_but_keeps_the_outbox(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = Cache.open(path)
    old.put_me(ME)
    old.set_cursor(40)
    queued = [old.enqueue("watch", {"n": n}) for n in range(3)]
    old.record_failure(queued[0], "timeout")
    old.close()

    monkeypatch.setattr(cache_module, "CACHE_SCHEMA_VERSION", CACHE_SCHEMA_VERSION + 1)
    new = Cache.open(path)
    assert new.get_me() is None  # rebuilt: sync fills it again from the server
    assert new.cursor() == 0
    pending = new.pending()
    assert [item.id for item in pending] == queued
    assert [item.payload for item in pending] == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert (pending[0].attempts, pending[0].last_error) == (1, "timeout")
    new.close()
    assert _sqlite(path, "PRAGMA user_version") == [(CACHE_SCHEMA_VERSION + 1,)]


def test_an_older_file_of_another_shape_keeps_its_outbox_rows(path: Path) -> None:
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE outbox (id TEXT PRIMARY KEY, kind TEXT, payload TEXT, created_at TEXT);
        CREATE TABLE courses (id TEXT PRIMARY KEY, title TEXT);
        INSERT INTO outbox VALUES ('b-2', 'watch', '{"n": 2}', '2021-06-21T10:00:01');
        INSERT INTO outbox VALUES ('a-1', 'watch', '{"n": 1}', '2021-06-21T10:00:00');
        INSERT INTO courses VALUES ('c1', '旧课程');
        PRAGMA user_version = 0;
        """
    )
    connection.close()

    cache = Cache.open(path)
    pending = cache.pending()
    assert [(item.id, item.payload, item.attempts) for item in pending] == [
        ("a-1", {"n": 1}, 0),
        ("b-2", {"n": 2}, 0),
    ]
    cache.close()
    tables = {row[0] for row in _sqlite(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert "courses" not in tables
    assert {"records", "sync_state", "outbox"} <= tables


def test_a_newer_file_is_rebuilt_too(path: Path) -> None:
    cache = Cache.open(path)
    kept = cache.enqueue("watch", {"n": 1})
    cache.put_record("course", "c1", {"title": "x"})
    cache.close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {CACHE_SCHEMA_VERSION + 5}")
    connection.close()

    again = Cache.open(path)
    assert again.get_record("course", "c1") is None
    assert [item.id for item in again.pending()] == [kept]
    again.close()
    assert _sqlite(path, "PRAGMA user_version") == [(CACHE_SCHEMA_VERSION,)]


def test_closed_cache_refuses_work_and_delete_files_removes_everything(path: Path) -> None:
    cache = Cache.open(path)
    cache.put_me(ME)
    cache.close()
    cache.close()  # twice is fine
    with pytest.raises(CacheClosed):
        cache.get_me()
    Cache.delete_files(path)
    leftovers = [p.name for p in path.parent.iterdir()]
    assert leftovers == [], leftovers


def test_two_threads_writing_do_not_collide(cache: Cache) -> None:
    import threading

    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(30):
                cache.put_record("t", f"{n}-{i}", {"i": i})
                cache.enqueue("k", {"n": n, "i": i})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache.pending()) == 120
