"""The local cache on a real SQLite file: round trips, WAL, privacy, schema rebuilds."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models import cache as cache_module
from desktop.models.api_types import Me
from desktop.models.cache import CACHE_SCHEMA_VERSION, Cache, CacheClosed, Refusal
from desktop.models.paths import account_cache_path

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


def test_a_refused_item_leaves_the_outbox_into_the_refusals_in_one_step(cache: Cache) -> None:
    refused = cache.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 0, "to_ms": 5_000})
    trimmed = cache.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 5_000, "to_ms": 9_000})
    accepted = cache.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 9_000, "to_ms": 10_000})
    cache.acknowledge(
        [refused, trimmed, accepted],
        {
            refused: Refusal("in_future", "学习记录的时间晚于当前时间，请检查电脑时钟"),
            trimmed: Refusal("overlap", "正在其他设备学习，同一时间只计一处学时", 1_500),
        },
    )
    assert cache.pending() == []
    kept = {item.id: item for item in cache.refusals()}
    assert set(kept) == {refused, trimmed}
    assert kept[refused].kind == "watch_event"
    assert kept[refused].payload == {"chapter_id": "c1", "from_ms": 0, "to_ms": 5_000}
    assert (kept[refused].code, kept[refused].credited_ms) == ("in_future", None)
    assert (kept[trimmed].code, kept[trimmed].credited_ms) == ("overlap", 1_500)
    assert not kept[refused].dismissed

    # A retried answer acknowledges what is gone already: nothing is kept twice.
    cache.acknowledge([refused], {refused: Refusal("in_future")})
    assert len(cache.refusals()) == 2

    cache.dismiss_refusals([refused])
    assert {item.id: item.dismissed for item in cache.refusals()} == {refused: True, trimmed: False}
    assert cache.refusals("exam_answer") == []


def test_an_interrupted_acknowledgement_keeps_the_item_queued_and_not_refused(cache: Cache) -> None:
    item = cache.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 0, "to_ms": 5_000})
    with pytest.raises(RuntimeError), cache.atomic():
        cache.put_record("progress", "2021", {"year": 2021})
        cache.acknowledge([item], {item: Refusal("overlap")})
        raise RuntimeError("killed between the two writes")
    assert [queued.id for queued in cache.pending()] == [item]
    assert cache.refusals() == []
    assert cache.get_record("progress", "2021") is None


_ACKNOWLEDGER = """
import sys
from pathlib import Path
from desktop.models.cache import Cache, Refusal
cache = Cache.open(Path(sys.argv[1]))
signal_after = int(sys.argv[2])
for done, item in enumerate(cache.pending(limit=100_000)):
    if done == signal_after:
        print("killing time", flush=True)  # the parent kills while the next ones go on
    cache.acknowledge([item.id], {item.id: Refusal("in_future")} if item.payload["n"] % 2 else None)
print("done", flush=True)
"""


def test_a_kill_while_acknowledging_loses_no_refusal(path: Path) -> None:
    """Killed at a random moment while refusals leave the outbox: each item is still either
    queued or kept, never neither, never both."""
    import random
    import subprocess
    import sys
    import time

    from tests.helpers.platform import REPO_ROOT

    cache = Cache.open(path)
    ids = [
        cache.enqueue("watch_event", {"n": n, "from_ms": 0, "to_ms": 1_000}) for n in range(3000)
    ]
    cache.close()
    child = subprocess.Popen(
        [sys.executable, "-c", _ACKNOWLEDGER, str(path), str(random.randrange(100, 1500))],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "killing time"
    time.sleep(random.uniform(0, 0.002))
    child.kill()
    child.wait(timeout=10)

    again = Cache.open(path)
    queued = {item.id for item in again.pending(limit=100_000)}
    kept = {item.id for item in again.refusals()}
    again.close()
    assert 0 < len(queued) < len(ids), "the kill came before or after the work; slow it down"
    assert not queued & kept
    odd = {item_id for n, item_id in enumerate(ids) if n % 2}
    assert odd - queued == kept  # every odd one that left the outbox is kept


def test_a_schema_bump_keeps_the_refusals(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = Cache.open(path)
    item = old.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 0, "to_ms": 5_000})
    waiting = old.enqueue("watch_event", {"chapter_id": "c1", "from_ms": 5_000, "to_ms": 7_000})
    old.acknowledge([item], {item: Refusal("overlap", "正在其他设备学习", 2_000)})
    old.dismiss_refusals([item])
    old.close()

    monkeypatch.setattr(cache_module, "CACHE_SCHEMA_VERSION", CACHE_SCHEMA_VERSION + 1)
    new = Cache.open(path)
    [kept] = new.refusals()
    assert (kept.id, kept.code, kept.message, kept.credited_ms, kept.dismissed) == (
        item, "overlap", "正在其他设备学习", 2_000, True,
    )  # fmt: skip
    assert kept.payload == {"chapter_id": "c1", "from_ms": 0, "to_ms": 5_000}
    assert [queued.id for queued in new.pending()] == [waiting]
    new.close()


def test_the_outbox_of_a_version_1_file_survives_the_upgrade(path: Path) -> None:
    """A cache written before refusals were kept (schema 1) opens with its queue intact."""
    path.parent.mkdir(parents=True)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        CREATE TABLE records (entity TEXT, entity_id TEXT, json TEXT, updated_at TEXT,
                              PRIMARY KEY (entity, entity_id));
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE outbox (id TEXT PRIMARY KEY, kind TEXT, payload TEXT, created_at TEXT,
                             attempts INTEGER, last_error TEXT);
        INSERT INTO outbox VALUES ('e-1', 'watch_event', '{"to_ms": 5000}',
                                   '2021-06-21T10:00:00', 2, 'timeout');
        PRAGMA user_version = 1;
        """
    )
    connection.close()
    cache = Cache.open(path)
    [item] = cache.pending()
    assert (item.id, item.payload, item.attempts) == ("e-1", {"to_ms": 5000}, 2)
    assert cache.refusals() == []
    cache.close()
    assert _sqlite(path, "PRAGMA user_version") == [(CACHE_SCHEMA_VERSION,)]
