"""Issue 17's defects of work that could not be cancelled, in the real app on the real
platform: quitting with a chapter download running, 退出登录 while a token refresh hangs,
and a platform that goes away.

A ``SlowProxy`` between app and platform makes the platform's answers slow where a test
needs them slow (the platform itself answers as always).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.api_types import Health, Tokens
from desktop.models.cancel import Cancelled
from desktop.models.downloads import media_path, part_path
from desktop.models.session_store import SessionStore
from tests.desktop.models.test_downloads import selected_chapter
from tests.helpers.desktop import click, enter, stop_app
from tests.helpers.keyring_backend import FileKeyring, file_keyring_env
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


def test_logout_cancels_the_sessions_download_and_lets_other_work_finish(
    qtbot: QtBot, platform: PlatformProcess, proxy: SlowProxy, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    proxy.trickle("GET", "/api/v1/chapters/", piece=4096, pause_s=0.25)  # ~10 s a chapter
    app = enter(qtbot, ProxiedPlatform(platform, proxy), tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].download_button)
        qtbot.waitUntil(lambda: proxy.sent_to("GET", "/api/v1/chapters/") > 8192, timeout=10_000)
        download = next(op for op in app.tasks.running if op.parent is page)
        # Work of the app's, not of the login (as a connection check is), started just
        # before 退出登录 and answered after it.
        proxy.hold("GET", "/api/v1/health")
        api = app.api
        assert api is not None
        answers: list[object] = []
        app.tasks.op(
            run=api.health, success=answers.append, failure=answers.append, parent=app.window
        ).start()
        qtbot.waitUntil(lambda: proxy.held >= 1, timeout=10_000)

        click(qtbot, app.window.shell.logout_button)  # 退出登录
        assert download.token.cancelled
        qtbot.waitUntil(lambda: download not in app.tasks.running, timeout=2_000)
        sent = proxy.sent_to("GET", "/api/v1/chapters/")
        assert sent < sum(c["media_size"] for c in course["chapters"][:1])

        proxy.release()
        qtbot.waitUntil(lambda: bool(answers), timeout=15_000)
        assert isinstance(answers[0], Health), answers  # not Cancelled: it was not the login's
        assert not isinstance(answers[0], Cancelled)
    finally:
        proxy.release()
        stop_app(app)


def test_abort_all_ends_a_request_no_op_owns_at_once(
    platform: PlatformProcess, proxy: SlowProxy
) -> None:
    """Quitting: a request made outside the task runner (no cancel token) ends too."""
    api = ApiClient(proxy.url)
    api.health()  # the HTTP stack is loaded, a connection made
    proxy.hold("GET", "/api/v1/health")
    ended: list[BaseException | None] = []

    def ask() -> None:
        try:
            api.health()
        except BaseException as exc:
            ended.append(exc)
        else:
            ended.append(None)

    asking = threading.Thread(target=ask)
    asking.start()
    deadline = time.monotonic() + 10
    while proxy.held < 1 and time.monotonic() < deadline:
        time.sleep(0.01)  # (a plain thread: no Qt event loop to wait in)
    assert proxy.held == 1
    started = time.monotonic()
    api.abort_all()
    asking.join(2)
    print(f"abort_all ended a held request after {time.monotonic() - started:.3f} s")
    assert not asking.is_alive() and ended and ended[0] is not None
    proxy.release()


def _marks(output: str) -> dict[str, float]:
    return {m: float(t) for m, t in re.findall(r"^KJCE_([A-Z]+) ([\d.]+)", output, re.M)}


def test_closing_the_app_with_a_refresh_hanging_ends_the_process_within_two_seconds(
    platform: PlatformProcess, proxy: SlowProxy, tmp_path: Path
) -> None:
    """The real ``main.py`` as a process: a remembered learner's 个人主页 shows from the
    cache while the platform does not answer the token refresh; the window is closed
    (SIGTERM closes it as its close button does)."""
    learner = enrolled_learner(platform)
    account_id = learner["account"]["id"]
    keyring_file = tmp_path / "keyring.json"
    store = SessionStore(proxy.url, backend=FileKeyring(keyring_file))
    tokens = Tokens(learner["access_token"], learner["refresh_token"], 1800)
    assert store.save(account_id, tokens)
    env = dict(os.environ, KJCE_DATA_DIR=str(tmp_path / "data"), **file_keyring_env(keyring_file))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, "main.py", "--platform", proxy.url]
    root = Path(__file__).resolve().parents[2]
    # A first run fills the account's cache (the next start shows 个人主页 from it).
    first = subprocess.run(command, cwd=root, env=dict(env, KJCE_BENCH_REPORT="synced"),
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "KJCE_SYNCED" in first.stdout, first.stdout[-500:] + first.stderr[-2000:]
    # The access token has expired: the start refreshes it, and the platform never answers.
    assert store.save(account_id, Tokens("expired", learner["refresh_token"], 0))
    proxy.hold("POST", "/api/v1/sessions/refresh")
    app = subprocess.Popen(command, cwd=root, env=dict(env, KJCE_BENCH_REPORT="close"),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while proxy.held < 1 and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.05)  # (polling another process: no Qt event loop to wait in)
        assert proxy.held == 1, "the start never asked for a refresh"
        closed = time.time()
        app.send_signal(signal.SIGTERM)  # the window is closed
        try:
            out, err = app.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
            out, err = app.communicate()
        ended_s = time.time() - closed
        marks = _marks(out)
        hidden_s = marks.get("HIDDEN", float("inf")) - closed
        print(f"closed with a refresh hanging: window hidden after {hidden_s:.3f} s, "
              f"process ended after {ended_s:.3f} s")  # fmt: skip
        assert "SHOWN" in marks, out[-500:] + err[-2000:]
        assert hidden_s <= 0.5
        assert ended_s <= 2.0, err[-2000:]
        assert app.returncode == 0, err[-2000:]
        # The cancelled work ends quietly: no traceback on stderr, no error in the log.
        assert "Traceback" not in err, err[-3000:]
        log_text = (tmp_path / "data" / "logs" / "kjce.log").read_text(encoding="utf-8")
        assert " ERROR " not in log_text, log_text[-3000:]
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        proxy.release()


def test_quitting_with_requests_in_flight_ends_quietly(
    platform: PlatformProcess, proxy: SlowProxy, tmp_path: Path
) -> None:
    """A remembered learner's app quits (``QApplication.quit``, as 退出 does) the moment
    个人主页 has painted, while its start still waits for the platform: the cancelled
    work ends without a traceback on stderr or an error in the log."""
    learner = enrolled_learner(platform)
    keyring_file = tmp_path / "keyring.json"
    store = SessionStore(proxy.url, backend=FileKeyring(keyring_file))
    tokens = Tokens(learner["access_token"], learner["refresh_token"], 1800)
    assert store.save(learner["account"]["id"], tokens)
    env = dict(os.environ, KJCE_DATA_DIR=str(tmp_path / "data"), **file_keyring_env(keyring_file))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    command = [sys.executable, "main.py", "--platform", proxy.url]
    root = Path(__file__).resolve().parents[2]
    first = subprocess.run(command, cwd=root, env=dict(env, KJCE_BENCH_REPORT="synced"),
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "KJCE_SYNCED" in first.stdout, first.stdout[-500:] + first.stderr[-2000:]
    proxy.hold("GET", "/api/v1/health")  # the start's question to the platform hangs
    try:
        home = subprocess.run(command, cwd=root, env=dict(env, KJCE_BENCH_REPORT="home"),
                              capture_output=True, text=True, timeout=60)  # fmt: skip
    finally:
        proxy.release()
    assert "KJCE_HOME" in home.stdout, home.stdout[-500:] + home.stderr[-2000:]
    assert home.returncode == 0, home.stderr[-3000:]
    assert "Traceback" not in home.stderr, home.stderr[-3000:]
    log_text = (tmp_path / "data" / "logs" / "kjce.log").read_text(encoding="utf-8")
    assert " ERROR " not in log_text, log_text[-3000:]


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
