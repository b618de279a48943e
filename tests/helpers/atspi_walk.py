"""The app walked screen by screen for the accessibility test (its own process, on the X
screen and D-Bus session of ``tests.helpers.atspi_reader.AccessibilityDesktop``).

    python -m tests.helpers.atspi_walk TMP_DIR

The learner's year is the README screenshots' walk (``tools/screenshots.shoot``: login,
registration, 信息采集, buying, 选课, 我的学习, the course page, the player, 个人主页, 公需考试
and its dialog, invoices, records, past years); then a failed login, 设置 and the desk
(queue, 新增学员 with its errors).  At each screen it prints one line

    KJCE_SCREEN {"name": …, "buttons": [names], "errors": [texts]}

and holds the screen (its event loop running, so the tree can be read) until the test
writes a line on stdin.  ``buttons`` are the names of the focusable buttons a person sees
(the tree must hold each), ``errors`` the error texts shown (a field must carry each).
``KJCE_DONE`` ends the walk.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from queue import Queue
from typing import Any

START = time.monotonic()
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tools import screenshots  # noqa: E402

EXTRA_SCREENS = (
    "login-failed",
    "settings",
    "desk-queue",
    "desk-walk-in-form",
    "desk-walk-in-errors",
)
"""The screens walked after the screenshots' ones (their names are the pictures')."""

ERROR_LABELS = ("fieldError", "loginError", "registrationError", "resetError")
"""Object names of the labels that show an error (``desktop/views/widgets.ErrorLabel`` and
the forms' general errors)."""


class Walk:
    """Announces screens on stdout and waits, the event loop turning, for the test's go."""

    def __init__(self) -> None:
        self._go: Queue[str] = Queue()
        threading.Thread(target=self._read_stdin, daemon=True).start()

    def _read_stdin(self) -> None:
        for line in sys.stdin:
            self._go.put(line)
        self._go.put("")  # the test is gone: let the walk end

    def screen(self, name: str) -> None:
        from PySide6.QtCore import QEventLoop, QTimer
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        assert app is not None
        for _ in range(5):
            app.processEvents()  # the last layout and accessibility updates
        info = {"name": name, "buttons": shown_buttons(), "errors": shown_errors()}
        print("KJCE_SCREEN " + json.dumps(info, ensure_ascii=False), flush=True)
        print(f"{time.monotonic() - START:7.1f}s screen {name}", file=sys.stderr, flush=True)
        # A running event loop, not processEvents() in a sleeping loop: each of the
        # reader's many D-Bus calls is answered at once, not at the next turn.
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(lambda: None if self._go.empty() else loop.quit())
        timer.start(20)
        loop.exec()
        timer.stop()
        self._go.get_nowait()


def _showing_windows() -> list[Any]:
    from PySide6.QtWidgets import QApplication

    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def shown_buttons() -> list[str]:
    """The names of the focusable, visible buttons of the showing windows."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton

    names = []
    for window in _showing_windows():
        for button in window.findChildren(QAbstractButton):
            if not button.isVisible() or not button.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            name = (button.accessibleName() or button.text()).replace("&", "").strip()
            if name:
                names.append(name)
    return names


def shown_errors() -> list[str]:
    from PySide6.QtWidgets import QLabel

    texts = []
    for window in _showing_windows():
        for label in window.findChildren(QLabel):
            if label.objectName() in ERROR_LABELS and label.isVisible() and label.text().strip():
                texts.append(label.text().strip())
    return texts


def main(argv: list[str]) -> int:
    tmp = Path(argv[0])
    walk = Walk()
    platform = screenshots.Platform(tmp / "shots.sqlite3", screenshots.BOUGHT_AT)
    try:
        screenshots.shoot(platform, tmp, tmp / "unused", "zh_CN", "light", on_screen=walk.screen)
        walk_the_rest(platform, tmp, walk)
    finally:
        platform.stop()
    print("KJCE_DONE", flush=True)
    return 0


def walk_the_rest(platform: Any, tmp: Path, walk: Walk) -> None:
    """A failed login, 设置, and the desk of the demo's counter staff."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from desktop.app import DesktopApp
    from tests.helpers.learners import DEMO_DESK

    qt = QApplication.instance()
    assert isinstance(qt, QApplication)

    def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not get ready")
            qt.processEvents()
            time.sleep(0.01)
        qt.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    desktop = DesktopApp(data_dir=tmp / "data-extra", platform_url=platform.url)
    desktop.start()
    login = desktop.window.login

    def log_in(user: str, password: str) -> None:
        wait_for(lambda: login.login_button.isEnabled() and login.captcha.captcha_id is not None)
        login.id_number_edit.setText(user)
        login.password_edit.setText(password)
        login.captcha.answer_edit.setText(
            screenshots._captcha_answer(tmp, login.captcha.captcha_id)
        )
        login.login_button.click()

    log_in(screenshots.LEARNER[0], "not-the-password-1")
    wait_for(lambda: bool(shown_errors()))
    walk.screen("login-failed")

    desktop.menus.open_settings()
    wait_for(lambda: desktop.menus.settings_dialog is not None)
    dialog = desktop.menus.settings_dialog
    assert dialog is not None
    wait_for(dialog.isVisible)
    walk.screen("settings")
    dialog.reject()
    wait_for(lambda: not dialog.isVisible())

    login.staff_box.setChecked(True)
    log_in(*DEMO_DESK)
    wait_for(lambda: desktop.desk is not None)
    desk = desktop.desk
    assert desk is not None
    wait_for(lambda: desktop.window.stack.currentWidget() is desk)
    wait_for(lambda: desk.status.text() not in ("", "正在加载…"))
    walk.screen("desk-queue")
    desk.new_button.click()
    form = desk.form
    wait_for(lambda: desk.pages.currentWidget() is form)
    walk.screen("desk-walk-in-form")
    form.submit()
    wait_for(lambda: bool(shown_errors()))
    walk.screen("desk-walk-in-errors")
    desktop.window.close()
    desktop.shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
