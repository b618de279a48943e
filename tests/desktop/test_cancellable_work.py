"""Issue 17's defects of work that could not be cancelled, in the real app on the real
platform: quitting with a chapter download running, 退出登录 while a token refresh hangs,
and a platform that goes away.

A ``SlowProxy`` between app and platform makes the platform's answers slow where a test
needs them slow (the platform itself answers as always).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.models.api_types import Tokens
from desktop.models.downloads import media_path, part_path
from tests.desktop.models.test_downloads import selected_chapter
from tests.helpers.desktop import click, enter, stop_app
from tests.helpers.learners import enrolled_learner
from tests.helpers.platform import PlatformProcess
from tests.helpers.slow_proxy import SlowProxy

pytestmark = pytest.mark.usefixtures("memory_keyring")


class ProxiedPlatform:
    """The platform as the app sees it through a slow proxy (``enter`` takes it)."""

    def __init__(self, platform: PlatformProcess, proxy: SlowProxy) -> None:
        self.url = proxy.url
        self.api = platform.api
        self.captcha = platform.captcha
        self.captcha_answer = platform.captcha_answer


@pytest.fixture
def proxy(platform: PlatformProcess) -> Iterator[SlowProxy]:
    slow = SlowProxy(platform.url)
    yield slow
    slow.close()


class HideWatch(QObject):
    """Notes when the watched window was hidden (``time.monotonic``)."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and self.hidden_at is None:
            self.hidden_at = time.monotonic()
        return False


def test_quitting_with_a_download_running_hides_at_once_and_ends_within_two_seconds(
    qtbot: QtBot, platform: PlatformProcess, proxy: SlowProxy, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    chapter = course["chapters"][0]
    # 4 KB every 0.25 s: the chapter's ~160 KB would take ~10 s.
    proxy.trickle("GET", "/api/v1/chapters/", piece=4096, pause_s=0.25)
    app = enter(qtbot, ProxiedPlatform(platform, proxy), tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].download_button)
        qtbot.waitUntil(lambda: proxy.sent_to("GET", "/api/v1/chapters/") > 8192, timeout=10_000)
        assert page.rows[0].download_button.text() == "取消下载"

        assert app.session is not None
        account = app.session.account_dir
        watch = HideWatch()
        app.window.installEventFilter(watch)
        started = time.monotonic()
        app.window.close()  # the window's close button: the app quits
        returned = time.monotonic()
        hidden_s = (watch.hidden_at or returned) - started
        quit_s = returned - started
        print(f"quit with a download running: hidden after {hidden_s:.3f} s, "
              f"shutdown returned after {quit_s:.3f} s")  # fmt: skip
        assert watch.hidden_at is not None and hidden_s <= 0.5
        assert quit_s <= 2.0
        # No worker is left on the download: nothing keeps the process alive.
        assert app.tasks.wait_idle(0)
        # No half file under the final name (the .part stays for a resume).
        target = media_path(account, chapter["id"])
        assert not target.exists()
        assert part_path(target).stat().st_size < chapter["media_size"]
    finally:
        stop_app(app)


def test_logout_while_a_token_refresh_hangs_does_not_block_the_window(
    qtbot: QtBot, platform: PlatformProcess, proxy: SlowProxy, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, ProxiedPlatform(platform, proxy), tmp_path, learner)
    try:
        api = app.api
        assert api is not None and api.tokens is not None
        # The access token has expired: the next call refreshes, and the platform is slow
        # to answer the refresh.
        proxy.hold("POST", "/api/v1/sessions/refresh")
        api.set_tokens(Tokens("expired", api.tokens.refresh_token, 0))
        answers: list[Any] = []
        app.tasks.op(run=api.me, success=answers.append, failure=answers.append).start()
        qtbot.waitUntil(lambda: proxy.held == 1, timeout=10_000)

        timer = QElapsedTimer()
        timer.start()
        click(qtbot, app.window.shell.logout_button)  # 退出登录
        blocked_ms = timer.elapsed()
        print(f"退出登录 with a refresh in flight blocked the GUI thread {blocked_ms} ms")
        assert blocked_ms < 100
        assert app.window.stack.currentWidget() is app.window.login

        # The refresh answered after the logout does not log the learner back in.
        proxy.release()
        qtbot.waitUntil(lambda: bool(answers), timeout=15_000)
        assert api.tokens is None
        assert app.window.stack.currentWidget() is app.window.login
    finally:
        proxy.release()
        stop_app(app)


def test_a_platform_that_goes_away_shows_offline_within_ten_seconds(
    qtbot: QtBot, platform_factory: Any, tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = enrolled_learner(own)
    app = enter(qtbot, own, tmp_path, learner)
    try:
        label = app.window.online_label
        assert app.session is not None and app.session.sync is not None
        sync = app.session.sync
        # The first cycle has ended: the next one is a minute away.
        qtbot.waitUntil(lambda: sync.is_online and not sync.is_running, timeout=15_000)
        assert "在线" in label.text()
        own.stop()
        started = time.monotonic()
        qtbot.waitUntil(lambda: "离线" in label.text(), timeout=10_000)
        print(f"offline shown {time.monotonic() - started:.1f} s after the platform stopped")
    finally:
        stop_app(app)
