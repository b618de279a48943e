"""One learner, two computers, one platform: every view of the same progress agrees.

Real apps (each with its own data folder, API client, cache and sync) against the real
platform.  Time studied offline shows at once on the open course page and in 我的学习 (the
platform's credit plus what the outbox still holds); the offline notice goes as ● 在线
shows; an open 我的学习 shows what the other computer studied as soon as the learner turns
to this window, not a sync interval later.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models import sync
from tests.desktop.models.test_downloads import selected_chapter
from tests.desktop.models.test_watch_journal import interval
from tests.desktop.views.test_course_page import chapter_watched_ms, closed_port, open_study
from tests.helpers.desktop import enter, stop_app
from tests.helpers.platform import PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")

OFFLINE_NOTICE = "当前无法连接平台，显示的是上次保存的内容。"


def _row_time(app: DesktopApp, course_id: str) -> str:
    """我的学习's 已学时长 of *course_id* (empty while its row is not shown)."""
    for card in app.study_view.cards:
        row = card.row_of(course_id)
        if row is not None:
            return row.time_label.text()
    return ""


def test_time_studied_offline_shows_everywhere_at_once_and_the_notice_goes_when_online(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first = course["chapters"][0]
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        assert app.api is not None and app.session is not None
        session, engine = app.session, app.session.sync
        assert engine is not None
        open_study(qtbot, app, course["id"])
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        assert page.rows[0].time_label.text().startswith("已学时长 00:00:00")

        online_url = app.api.base_url
        app.api.base_url = f"http://127.0.0.1:{closed_port()}"  # the network is gone
        engine.sync_now()
        qtbot.waitUntil(lambda: app.window.online_label.text().startswith("● 离线"), timeout=10_000)
        page.reload()
        qtbot.waitUntil(lambda: page.status_label.text() == OFFLINE_NOTICE, timeout=10_000)

        # Studied offline: the player hands its intervals to the journal (the outbox).
        session.journal.record([interval(first["id"], 0, 6, 1)])
        # The open course page shows it without being opened again ...
        qtbot.waitUntil(
            lambda: page.rows[0].time_label.text().startswith("已学时长 00:00:06"), timeout=5_000
        )
        assert "待确认 00:00:06" in page.rows[0].time_label.text()
        assert page.progress_label.text() != "学习进度 0.00%"
        # ... and so does 我的学习, with the same time.
        app.window.shell.show_page("study")
        qtbot.waitUntil(
            lambda: _row_time(app, course["id"]).startswith("已学时长 00:00:06"), timeout=5_000
        )
        assert "待确认 00:00:06" in _row_time(app, course["id"])

        # Back online: the notice goes as ● 在线 shows.
        app._open_course(course["id"], 2021)
        qtbot.waitUntil(lambda: page.status_label.text() == OFFLINE_NOTICE, timeout=10_000)
        app.api.base_url = online_url
        engine.sync_now()
        qtbot.waitUntil(lambda: app.window.online_label.text() == "● 在线", timeout=10_000)
        assert page.status_label.text() == ""
        # The platform credits it; every view still says the same (now credited, not pending).
        qtbot.waitUntil(
            lambda: chapter_watched_ms(platform, learner, first["id"]) == 6_000, timeout=10_000
        )
        qtbot.waitUntil(lambda: "待确认" not in page.rows[0].time_label.text(), timeout=10_000)
        assert page.rows[0].time_label.text().startswith("已学时长 00:00:06")
        app.window.shell.show_page("study")
        qtbot.waitUntil(lambda: "待确认" not in _row_time(app, course["id"]), timeout=10_000)
        assert _row_time(app, course["id"]).startswith("已学时长 00:00:06")
    finally:
        stop_app(app)


def test_an_open_study_page_shows_the_other_computers_progress_when_turned_to(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PC B has 我的学习 open; the learner studies on PC A, then turns to B's window."""
    learner, course = selected_chapter(platform)
    first = course["chapters"][0]
    # However recently B synced: the test must not depend on how long the log-in took.
    monkeypatch.setattr(sync, "ACTIVATION_SYNC_GAP_S", 0.0)
    pc_b = enter(qtbot, platform, tmp_path / "pc-b", learner)
    pc_a = enter(qtbot, platform, tmp_path / "pc-a", learner)
    try:
        open_study(qtbot, pc_b, course["id"])
        assert _row_time(pc_b, course["id"]).startswith("已学时长 00:00:00")

        assert pc_a.session is not None and pc_a.session.sync is not None
        cache_a = pc_a.session.cache
        assert cache_a is not None
        pc_a.session.journal.record([interval(first["id"], 0, 7, 2)])
        qtbot.waitUntil(lambda: any(i.kind == "watch_event" for i in cache_a.pending()))
        pc_a.session.sync.sync_now()
        qtbot.waitUntil(
            lambda: chapter_watched_ms(platform, learner, first["id"]) == 7_000, timeout=10_000
        )

        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
        # Well within one sync interval (60 s): the activation synced.
        qtbot.waitUntil(
            lambda: _row_time(pc_b, course["id"]).startswith("已学时长 00:00:07"), timeout=5_000
        )
    finally:
        stop_app(pc_a)
        stop_app(pc_b)
