"""``python main.py`` with no platform URL: the embedded platform starts, serves, stops."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.embedded import launch
from tests.helpers.desktop import register_through_wizard, stop_app
from tests.helpers.identity import unique_resident_id as make_resident_id


@pytest.mark.usefixtures("memory_keyring")
def test_embedded_platform_starts_without_blocking_and_stops_on_exit(
    qtbot: QtBot, tmp_path: Path
) -> None:
    app = DesktopApp(data_dir=tmp_path, platform_url=None)
    qtbot.addWidget(app.window)
    app.start()
    # The window is up at once, before the platform answers.
    assert app.window.isVisible()
    assert not app.window.login.login_button.isEnabled()
    qtbot.waitUntil(app.window.login.login_button.isEnabled, timeout=60_000)
    assert app.embedded is not None and app.embedded.url.startswith("http://127.0.0.1:")
    assert (tmp_path / "platform" / "platform.sqlite3").exists()
    register_through_wizard(qtbot, app, make_resident_id())
    process = app.embedded.process
    assert process is not None
    stop_app(app)
    assert process.poll() is not None  # stopped with the app: nobody else used it


@pytest.mark.usefixtures("memory_keyring")
def test_the_platform_started_before_the_window_is_the_one_the_app_uses(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """``main`` starts the platform before Qt builds the window; the app adopts it."""
    started = launch(tmp_path)
    app = DesktopApp(data_dir=tmp_path, platform_url=None, platform_launch=started)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(app.window.login.login_button.isEnabled, timeout=60_000)
    assert app.embedded is not None and app.embedded.process is started.process
    assert app.platform_url == started.url
    stop_app(app)
    assert started.process is not None and started.process.poll() is not None


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.usefixtures("memory_keyring")
def test_a_platform_that_dies_later_is_reported(qtbot: QtBot, tmp_path: Path) -> None:
    """Not only a platform that never came up: one that answered, then died, says so."""
    app = DesktopApp(data_dir=tmp_path, platform_url=None)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(app.window.login.login_button.isEnabled, timeout=60_000)
    assert app.embedded is not None and app.embedded.process is not None
    with qtbot.waitSignal(app.embedded.failed, timeout=15_000) as blocker:
        os.kill(app.embedded.process.pid, signal.SIGKILL)
    assert blocker.args == ["内置平台服务意外退出，请重启本软件。"]
    stop_app(app)
