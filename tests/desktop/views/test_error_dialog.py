"""An exception nobody caught reaches kjce.log and 出错了 with 复制诊断信息 — the real app.

pytest-qt fails a test whose slot raises (it replaces ``sys.excepthook``); these tests turn
that off (``qt_no_exception_capture``) because the app's own hook is what they test.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

import main
from desktop.app import DesktopApp
from desktop.models.logs import LOG_FILE, install_file_logging
from desktop.views.error_dialog import UnexpectedErrorDialog, UnexpectedErrors
from tests.helpers.desktop import click, start_app, stop_app
from tests.helpers.platform import PlatformProcess

pytestmark = [pytest.mark.usefixtures("memory_keyring"), pytest.mark.qt_no_exception_capture]

ID_NUMBER = "440106198001011234"


class SlotFailed(RuntimeError):
    """A bug in a slot."""


@pytest.fixture
def app(qtbot: QtBot, platform: PlatformProcess, tmp_path: Path) -> Iterator[DesktopApp]:
    handler = install_file_logging(tmp_path / "logs")
    desktop = start_app(qtbot, platform.url, tmp_path)
    try:
        yield desktop
    finally:
        stop_app(desktop)
        logging.getLogger().removeHandler(handler)
        handler.close()


@pytest.fixture
def hooks(app: DesktopApp) -> Iterator[UnexpectedErrors]:
    """What ``main`` installs once the window shows; the previous hooks back after."""
    errors = main.install_error_dialog(app)
    try:
        yield errors
    finally:
        errors.uninstall()


def visible_error_dialogs() -> list[UnexpectedErrorDialog]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, UnexpectedErrorDialog) and w.isVisible()
    ]  # fmt: skip


def test_a_slot_that_raises_reaches_the_log_and_one_dialog_with_copy_diagnostics(
    qtbot: QtBot, app: DesktopApp, hooks: UnexpectedErrors, tmp_path: Path
) -> None:
    button = QPushButton("试一试", app.window)
    button.setObjectName("faultyButton")

    def faulty_slot() -> None:
        raise SlotFailed(f"证件号码 {ID_NUMBER} 不对")

    button.clicked.connect(faulty_slot)
    button.show()
    shown: list[object] = []
    hooks.shown.connect(shown.append)

    for _ in range(3):  # a burst of the same error
        click(qtbot, button)
    qtbot.waitUntil(lambda: len(visible_error_dialogs()) == 1)
    log_text = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert log_text.count("Traceback (most recent call last)") == 3
    assert "in faulty_slot" in log_text and "SlotFailed" in log_text
    assert ID_NUMBER not in log_text  # scrubbed: the message quoted an ID number
    assert len(shown) == 1 and len(visible_error_dialogs()) == 1

    dialog = visible_error_dialogs()[0]
    assert dialog.parent() is app.window
    assert dialog.copy_button.text() == "复制诊断信息" and dialog.copy_button.isVisible()
    QGuiApplication.clipboard().clear()
    click(qtbot, dialog.copy_button)
    qtbot.waitUntil(lambda: "诊断信息已复制" in dialog.copied_label.text(), timeout=15_000)
    report = QGuiApplication.clipboard().text()
    assert "KJCE Desktop diagnostics" in report and "SlotFailed" in report
    assert ID_NUMBER not in report

    dialog.close()
    click(qtbot, button)  # the same error again, soon after: logged, not shown again
    assert not visible_error_dialogs() and len(shown) == 1


def test_an_uncaught_exception_on_a_worker_thread_shows_on_the_gui_thread(
    qtbot: QtBot, app: DesktopApp, hooks: UnexpectedErrors, tmp_path: Path
) -> None:
    def work() -> None:
        raise SlotFailed("a worker's bug")

    worker = threading.Thread(target=work, name="kjce-worker")
    with qtbot.waitSignal(hooks.shown, timeout=5_000) as blocker:
        worker.start()
        worker.join()
    dialog = blocker.args[0]
    assert isinstance(dialog, UnexpectedErrorDialog) and dialog.isVisible()
    assert dialog.copy_button.isVisible()
    log_text = (tmp_path / "logs" / LOG_FILE).read_text(encoding="utf-8")
    assert "unexpected error on thread kjce-worker" in log_text and "in work" in log_text
