"""``python main.py`` with no platform URL: the embedded platform starts, serves, stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
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
    process = app.embedded._process
    stop_app(app)
    assert process.state() == QProcess.ProcessState.NotRunning
