"""The sync engine against the real platform on loopback and a real cache file."""

from __future__ import annotations

import logging
import random
import re
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.api_types import LoginResult, Registration, Tokens
from desktop.models.cache import Cache, OutboxItem, Refusal
from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import is_session_expired
from desktop.models.paths import account_cache_path
from desktop.models.sync import PushResult, SyncEngine
from desktop.models.tasks import TaskRunner
from tests.helpers.identity import unique_resident_id

PASSWORD = "kuaiji2021"


def _unique_phone() -> str:
    return "139" + "".join(random.choice("0123456789") for _ in range(8))


def _register(url: str) -> tuple[ApiClient, LoginResult, str]:
    api = ApiClient(url)
    phone = _unique_phone()
    result = api.register(
        Registration(
            id_type="resident_id",
            id_number=unique_resident_id(),
            name="何晓琳",
            phone=phone,
            password=PASSWORD,
            works_in_accounting=True,
            resides_with_certificate=None,
        )
    )
    return api, result, phone


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Parts:
    """The app's parts, as DesktopApp builds them, around one engine."""

    def __init__(self, api: ApiClient, cache: Cache, **engine_options: float) -> None:
        self.api = api
        self.cache = cache
        self.tasks = TaskRunner()
        self.bus = ChangeBus()
        self.engine = SyncEngine(api, cache, self.tasks, self.bus, **engine_options)  # type: ignore[arg-type]

    def close(self) -> None:
        self.engine.stop()
        self.tasks.wait_idle()
        self.cache.close()


@pytest.fixture
def make_parts(qtbot: QtBot, tmp_path: Path) -> Iterator[object]:
    made: list[Parts] = []

    def make(api: ApiClient, account_id: str, **engine_options: float) -> Parts:
        cache = Cache.open(account_cache_path(tmp_path, account_id))
        parts = Parts(api, cache, **engine_options)
        made.append(parts)
        return parts

    yield make
    for parts in made:
        parts.close()


def test_pull_stores_me_advances_the_cursor_and_announces(
    qtbot: QtBot, platform, make_parts, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id)
    assert parts.cache.get_me() is None

    with qtbot.waitSignal(parts.bus.changed, timeout=15_000) as announced:
        parts.engine.start()
    assert announced.args == [Changes(me=True)]
    assert parts.cache.get_me() == api.me()
    assert parts.cache.cursor() > 0
    assert parts.engine.is_online

    # Nothing new on the platform: the next cycle announces nothing and keeps the cursor.
    cursor = parts.cache.cursor()
    with qtbot.assertNotEmitted(parts.bus.changed), qtbot.waitSignal(parts.engine.sync_finished):
        parts.engine.sync_now()
    assert parts.cache.cursor() == cursor

    text = caplog.text
    assert result.tokens.access_token not in text
    assert result.tokens.refresh_token not in text
    assert result.me.id_number not in text


def test_pull_pages_through_the_change_feed(qtbot: QtBot, platform, make_parts) -> None:
    """A password reset leaves a second change; with one change per page both are read."""
    api, result, phone = _register(platform.url)
    id_number = result.me.id_number
    api.request_password_reset(id_number, phone)
    code = re.search(r"\d{6}", api.demo_inbox(phone)[0])
    assert code is not None
    api.confirm_password_reset(id_number, code.group(), "xinmima2021")
    fresh = ApiClient(platform.url)
    fresh.login(id_number, "xinmima2021")
    parts = make_parts(fresh, result.me.id, page_size=1)

    with qtbot.waitSignal(parts.engine.sync_finished, timeout=15_000):
        parts.engine.start()
    last_seq = fresh.changes(0).cursor
    assert len(fresh.changes(0).items) == 2
    assert parts.cache.cursor() == last_seq
    assert parts.cache.get_me() is not None


def test_pushers_get_the_outbox_and_acknowledged_items_leave_it(
    qtbot: QtBot, platform, make_parts
) -> None:
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id)
    accepted = parts.cache.enqueue("watch", {"seconds": [0, 30]})
    refused = parts.cache.enqueue("watch", {"seconds": [30, 10]})
    unanswered = parts.cache.enqueue("watch", {"seconds": [30, 60]})
    no_pusher = parts.cache.enqueue("exam_draft", {"q": 1})
    seen: list[list[OutboxItem]] = []

    def push_watch(client: ApiClient, items: list[OutboxItem]) -> PushResult:
        client.me()  # a real authenticated call, as a real pusher makes
        seen.append(items)
        return PushResult(acknowledged_ids=[accepted], refused={refused: "interval_invalid"})

    parts.engine.register_pusher("watch", push_watch)
    with qtbot.waitSignal(parts.engine.sync_finished, timeout=15_000):
        parts.engine.start()

    assert [[item.id for item in batch] for batch in seen] == [[accepted, refused, unanswered]]
    assert seen[0][0].payload == {"seconds": [0, 30]}
    left = {item.id: item for item in parts.cache.pending()}
    assert set(left) == {unanswered, no_pusher}
    assert left[unanswered].attempts == 1
    assert left[no_pusher].attempts == 0


def test_refusals_a_pusher_keeps_leave_the_outbox_into_the_cache_with_its_answer(
    qtbot: QtBot, platform, make_parts
) -> None:
    """What the learner must see of a refusal is kept with the acknowledgement, in its
    transaction, together with the pusher's own cache work; the cycle announces it."""
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id)
    accepted = parts.cache.enqueue("watch", {"seconds": [0, 30]})
    refused = parts.cache.enqueue("watch", {"seconds": [30, 60]})
    trimmed = parts.cache.enqueue("watch", {"seconds": [60, 90]})

    def settle(cache: Cache) -> Changes:
        cache.put_record("answer", "last", {"accepted": [accepted, trimmed]})
        return Changes(progress=True)

    def push_watch(client: ApiClient, items: list[OutboxItem]) -> PushResult:
        client.me()
        return PushResult(
            acknowledged_ids=[accepted, trimmed],
            refused={refused: "in_future"},
            kept={
                refused: Refusal("in_future", "学习记录的时间晚于当前时间，请检查电脑时钟"),
                trimmed: Refusal("overlap", "正在其他设备学习，同一时间只计一处学时", 12_000),
            },
            settle=settle,
        )

    parts.engine.register_pusher("watch", push_watch)
    announced: list[Changes] = []
    parts.bus.changed.connect(announced.append)
    with qtbot.waitSignal(parts.engine.sync_finished, timeout=15_000):
        parts.engine.start()

    assert parts.cache.pending() == []
    kept = {item.id: item for item in parts.cache.refusals()}
    assert set(kept) == {refused, trimmed}
    assert kept[refused].payload == {"seconds": [30, 60]} and kept[refused].code == "in_future"
    assert kept[trimmed].credited_ms == 12_000 and kept[trimmed].code == "overlap"
    assert parts.cache.get_record("answer", "last") == {"accepted": [accepted, trimmed]}
    assert any(changes.progress for changes in announced)


def test_a_failing_pusher_keeps_its_items_and_says_so(qtbot: QtBot, platform, make_parts) -> None:
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id)
    queued = parts.cache.enqueue("watch", {"seconds": [0, 30]})

    def broken(client: ApiClient, items: list[OutboxItem]) -> PushResult:
        client.year(1999)  # the platform answers 404 not_found
        raise AssertionError("unreachable")

    parts.engine.register_pusher("watch", broken)
    with qtbot.waitSignal(parts.engine.sync_failed, timeout=15_000) as failed:
        parts.engine.start()
    assert "同步未完成" in failed.args[0]
    [item] = parts.cache.pending()
    assert item.id == queued and item.attempts == 1
    assert item.last_error is not None and item.last_error.startswith("not_found")
    assert parts.engine.is_online


def test_offline_backs_off_quietly_and_recovers(qtbot: QtBot, platform, make_parts) -> None:
    _api, result, _phone = _register(platform.url)
    offline = ApiClient(f"http://127.0.0.1:{_closed_port()}", timeout=(0.5, 2.0))
    offline.set_tokens(result.tokens)
    parts = make_parts(offline, result.me.id, interval_s=60, backoff_base_s=2, backoff_max_s=5)
    engine = parts.engine
    assert engine.next_delay_s == 60

    with qtbot.assertNotEmitted(engine.sync_failed):
        with qtbot.waitSignal(engine.online_changed, timeout=15_000) as went:
            engine.start()
        assert went.args == [False]
        assert not engine.is_online
        assert engine.next_delay_s == 2

        for expected in (4, 5, 5):  # doubles, then stays at the cap
            with (
                qtbot.assertNotEmitted(engine.online_changed),
                qtbot.waitSignal(engine.sync_finished, timeout=15_000),
            ):
                engine.sync_now()
            assert engine.next_delay_s == expected

    # The platform is reachable again: back online, back to the normal interval.
    offline.base_url = platform.url
    with qtbot.waitSignal(engine.online_changed, timeout=15_000) as back:
        engine.sync_now()
    assert back.args == [True]
    assert engine.next_delay_s == 60
    qtbot.waitUntil(lambda: not engine.is_running)
    assert parts.cache.cursor() > 0


def test_an_invalid_session_is_left_to_the_runners_session_expired(
    qtbot: QtBot, platform, make_parts
) -> None:
    _api, result, _phone = _register(platform.url)
    dead = ApiClient(platform.url)
    dead.set_tokens(Tokens("garbage-access", "garbage-refresh", 1800))
    parts = make_parts(dead, result.me.id)
    parts.tasks.set_session_expiry_check(is_session_expired)

    with (
        qtbot.assertNotEmitted(parts.engine.sync_failed),
        qtbot.assertNotEmitted(parts.engine.online_changed),
        qtbot.waitSignal(parts.tasks.session_expired, timeout=15_000),
    ):
        parts.engine.start()
    qtbot.waitUntil(lambda: not parts.engine.is_running)
    assert parts.cache.get_me() is None


def test_overlapping_requests_run_one_cycle_then_one_more(
    qtbot: QtBot, platform, make_parts
) -> None:
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id)
    started: list[None] = []
    parts.engine.sync_started.connect(lambda: started.append(None))

    parts.engine.start()
    parts.engine.sync_now()
    parts.engine.sync_now()
    assert parts.engine.is_running
    assert len(started) == 1
    qtbot.waitUntil(lambda: len(started) == 2, timeout=15_000)
    qtbot.waitUntil(lambda: not parts.engine.is_running, timeout=15_000)
    # What comes next is the scheduled cycle, seconds away; a third one at once would be
    # armed for 0 ms here.
    timer = parts.engine._timer
    assert timer.isActive() and timer.interval() >= 1000
    assert len(started) == 2


def test_stop_drops_a_running_cycle_and_starts_no_other(qtbot: QtBot, platform, make_parts) -> None:
    api, result, _phone = _register(platform.url)
    parts = make_parts(api, result.me.id, interval_s=0.05)
    with qtbot.assertNotEmitted(parts.bus.changed, wait=300):
        parts.engine.start()
        parts.engine.stop()
        parts.tasks.wait_idle()
    parts.engine.sync_now()
    assert not parts.engine.is_running
