"""设置, remembered windows, tray notices, 关于 and 复制诊断信息 — the real app and platform.

Under the offscreen platform there is no system tray (``isSystemTrayAvailable`` is
false), so notices fall back to the main window's status bar; the tests read them there
and from the notifier's ``notified`` signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import PySide6
import pytest
from PySide6.QtCore import QByteArray, QRect, Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.app import DesktopApp
from desktop.models.diagnostics import scrub
from desktop.models.logs import install_file_logging, user_log_dir
from desktop.models.preferences import Preferences, load_preferences, save_preferences
from desktop.models.window_state import SavedWindow, fit_on_screens, load_window, save_window
from desktop.views.appearance import apply_appearance, current_theme
from desktop.views.player import PlayerWindow
from desktop.views.settings_dialog import SettingsDialog, restart_command
from desktop.views.tray import Notice, NoticeKind
from tests.desktop.models.test_downloads import selected_chapter
from tests.helpers.desktop import choose_item, click, enter, start_app, stop_app, wait_settled
from tests.helpers.learners import enrolled_learner
from tests.helpers.platform import PlatformProcess, register

pytestmark = pytest.mark.usefixtures("memory_keyring")


@pytest.fixture
def default_look() -> Iterator[None]:
    """The settings dialog applies a theme to the whole (shared) QApplication: undo it."""
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_appearance(app, Preferences())


def notices_of(app: DesktopApp) -> list[Notice]:
    """Every notice the app has shown (and will show) since it started."""
    return app.menus.notifier.shown


# -- 设置 ------------------------------------------------------------------------------


def open_settings(qtbot: QtBot, app: DesktopApp) -> SettingsDialog:
    """Ctrl+, as a person presses it (before login: the login screen is showing)."""
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    qtbot.keyClick(app.window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: app.menus.settings_dialog is not None and app.menus.settings_dialog.isVisible()
    )
    dialog = app.menus.settings_dialog
    assert dialog is not None
    return dialog


def test_settings_are_saved_colours_apply_at_once_and_a_language_change_offers_a_restart(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, default_look: None
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    quits: list[bool] = []
    app.menus.quit_application = lambda: quits.append(True)
    try:
        assert app.window.stack.currentWidget() is app.window.login
        dialog = open_settings(qtbot, app)
        assert [dialog.language_combo.itemText(i) for i in range(3)] == [
            "跟随系统",
            "简体中文",
            "English",
        ]
        assert [dialog.text_size_combo.itemText(i) for i in range(4)] == [
            "100 %",
            "115 %",
            "130 %",
            "150 %",
        ]
        # Keyboard: every label has its field as buddy, so Alt+letter reaches it.
        for field in (dialog.language_combo, dialog.text_size_combo, dialog.theme_combo):
            labels = [w for w in dialog.findChildren(QWidget) if getattr(w, "buddy", None)]
            assert any(label.buddy() is field for label in labels)  # type: ignore[attr-defined]

        # Colours and notifications only: saved, dark at once, nothing to restart.
        choose_item(qtbot, dialog.theme_combo, "dark")
        dialog.notifications_box.setFocus()
        qtbot.keyClick(dialog.notifications_box, Qt.Key.Key_Space)
        click(qtbot, dialog.save_button)  # type: ignore[arg-type]
        assert not dialog.isVisible()
        assert load_preferences(tmp_path) == Preferences(theme="dark", notifications=False)
        assert current_theme() == "dark"
        assert dialog.restart_box is None
        assert app.menus.notifier.enabled is False

        # Language and text size: saved, applied on the next start — 稍后 or 立即重启.
        dialog = open_settings(qtbot, app)
        assert dialog.theme_combo.currentData() == "dark"  # shows what is on file
        choose_item(qtbot, dialog.language_combo, "en")
        choose_item(qtbot, dialog.text_size_combo, 130)  # type: ignore[arg-type]
        click(qtbot, dialog.save_button)  # type: ignore[arg-type]
        assert load_preferences(tmp_path).language == "en"
        assert load_preferences(tmp_path).text_scale == 130
        box = dialog.restart_box
        assert box is not None
        qtbot.waitUntil(box.isVisible)
        assert "重新启动" in box.text()
        click(qtbot, dialog.restart_later_button)
        assert not app.restart_pending and not quits

        dialog = open_settings(qtbot, app)
        choose_item(qtbot, dialog.text_size_combo, 150)  # type: ignore[arg-type]
        click(qtbot, dialog.save_button)  # type: ignore[arg-type]
        assert dialog.restart_box is not None
        qtbot.waitUntil(dialog.restart_box.isVisible)
        click(qtbot, dialog.restart_now_button)
        assert app.restart_pending and quits == [True]
    finally:
        stop_app(app)


def test_the_restart_starts_the_same_program_with_the_same_arguments() -> None:
    source = restart_command(
        "/usr/bin/python3", ["main.py", "--platform", "http://x"], frozen=False
    )
    assert source == ("/usr/bin/python3", ["main.py", "--platform", "http://x"])
    frozen = restart_command("/opt/kjce/kjce-desktop", ["/opt/kjce/kjce-desktop", "--data-dir", "d"],
                             frozen=True)  # fmt: skip
    assert frozen == ("/opt/kjce/kjce-desktop", ["--data-dir", "d"])


# -- remembered windows ----------------------------------------------------------------


def inside_a_screen(rect: QRect) -> bool:
    return any(
        screen.availableGeometry().contains(rect.topLeft())
        and screen.availableGeometry().intersects(rect)
        for screen in QGuiApplication.screens()
    )


def test_windows_reopen_where_they_were_left_and_never_off_screen(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    app.window.setGeometry(60, 50, 700, 540)
    player = PlayerWindow(vlc_loader=lambda: None)
    qtbot.addWidget(player)
    app.menus.window_memory.adopt(player)
    player.show()
    qtbot.waitExposed(player)
    player.setGeometry(120, 90, 600, 520)
    left_at = player.geometry()
    assert left_at == QRect(120, 90, 600, 520)
    player.close()
    stop_app(app)
    assert load_window(tmp_path, "main") is not None
    assert load_window(tmp_path, "player") is not None

    app = start_app(qtbot, platform.url, tmp_path)
    try:
        assert app.window.geometry() == QRect(60, 50, 700, 540)
        again = PlayerWindow(vlc_loader=lambda: None)
        qtbot.addWidget(again)
        app.menus.window_memory.adopt(again)
        again.show()
        assert again.geometry() == left_at
        again.close()
    finally:
        stop_app(app)

    # A monitor unplugged: the place saved is on no screen any more.
    far = QWidget()
    far.setGeometry(5000, 4000, 720, 560)
    save_window(tmp_path, "main", SavedWindow(far.saveGeometry(), False))
    far.deleteLater()
    app = start_app(qtbot, platform.url, tmp_path)
    try:
        assert app.window.isVisible()
        assert inside_a_screen(app.window.frameGeometry()), app.window.frameGeometry()
        assert app.window.size().width() == 720
    finally:
        stop_app(app)


def test_a_place_off_every_screen_is_moved_onto_the_primary_one() -> None:
    screens = [QRect(0, 0, 1920, 1040), QRect(1920, 0, 1280, 984)]
    on_second = QRect(2000, 100, 800, 600)
    assert fit_on_screens(on_second, screens) == on_second
    gone = fit_on_screens(QRect(3400, 200, 800, 600), screens)  # the third monitor is gone
    assert screens[0].contains(gone) and gone.size() == on_second.size()
    huge = fit_on_screens(QRect(-5000, -5000, 2500, 1500), screens)
    assert screens[0].contains(huge)


def test_an_unreadable_saved_place_is_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    save_window(tmp_path, "main", SavedWindow(QByteArray(b"not a geometry"), True))
    saved = load_window(tmp_path, "main")
    assert saved is not None and saved.maximized
    window = QWidget()
    assert not window.restoreGeometry(saved.geometry)
    window.deleteLater()


# -- tray notices ----------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_downloads_say_when_they_finish_or_fail_and_nothing_of_the_deadline_in_june(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: the status bar shows them
    learner, course = selected_chapter(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    shown = notices_of(app)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].download_button)
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
        first = course["chapters"][0]["title"]
        assert shown[0].kind is NoticeKind.DOWNLOAD_FINISHED
        assert shown[0].message == f"“{first}”已下载，可离线学习。"
        assert (
            app.window.statusBar().currentMessage() == f"下载完成 — “{first}”已下载，可离线学习。"
        )

        assert app.api is not None
        app.api.base_url = "http://127.0.0.1:9"  # the network is gone
        click(qtbot, page.rows[1].download_button)
        qtbot.waitUntil(lambda: len(shown) == 2, timeout=20_000)
        assert shown[1].kind is NoticeKind.DOWNLOAD_FAILED
        assert course["chapters"][1]["title"] in shown[1].message
        # 2021-06-21: 193 days left — no deadline notice.
        assert not any(n.kind.name.startswith("DEADLINE") for n in shown)

        # A notice is clicked: the window comes back from the taskbar.
        app.window.showMinimized()
        app.menus.notifier.raise_window()
        assert not app.window.isMinimized() and app.window.isVisible()
    finally:
        stop_app(app)


def deadline_notices(
    qtbot: QtBot,
    platform: PlatformProcess,
    data_dir: Path,
    learner: dict[str, Any],
    *,
    notifications: bool = True,
    expected: bool = True,
) -> tuple[DesktopApp, list[Notice]]:
    """Log *learner* in and wait until the home page shows its reminder (and, when
    *expected*, the notice)."""
    save_preferences(data_dir, Preferences(notifications=notifications))
    app = enter(qtbot, platform, data_dir, learner)
    shown = notices_of(app)
    qtbot.waitUntil(app.home_view.reminder_label.isVisible, timeout=15_000)
    if expected:
        qtbot.waitUntil(lambda: bool(shown), timeout=15_000)
    else:
        app.menus.check_deadline()
        wait_settled(qtbot, app)  # the check's read delivered: the notifier has decided
    return app, shown


@pytest.mark.slow
def test_the_deadline_is_announced_once_a_day_more_strongly_in_the_last_week(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False, now="2021-12-10T10:00:00+08:00")
    learner = enrolled_learner(own)
    name, id_number = learner["account"]["name"], learner["account"]["id_number"]

    app, shown = deadline_notices(qtbot, own, tmp_path / "a", learner)
    try:
        assert [n.kind for n in shown] == [NoticeKind.DEADLINE_SOON]
        assert shown[0].message == "距2021年度学分确认截止还有21天，请尽快完成学习。"
        assert shown[0].title in app.window.statusBar().currentMessage()
        assert name not in shown[0].message and id_number not in shown[0].message
        # Once a day: another change, another check, no second notice.
        app.menus.check_deadline()
        sync = app.session.sync  # type: ignore[union-attr]
        assert sync is not None
        with qtbot.waitSignal(sync.sync_finished, timeout=15_000):
            sync.sync_now()
        wait_settled(qtbot, app)  # the checks after it delivered: the notifier has decided
        assert len(shown) == 1
        # Logged out (on a counter PC, the next person's screen): the reminder goes too.
        app.logout()
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login)
        assert app.window.statusBar().currentMessage() == ""
    finally:
        stop_app(app)

    own.restart(now="2021-12-27T10:00:00+08:00")
    app, shown = deadline_notices(qtbot, own, tmp_path / "a", learner)  # another day
    try:
        assert [n.kind for n in shown] == [NoticeKind.DEADLINE_URGENT]
        assert shown[0].message == (
            "距2021年度学分确认截止仅剩4天！请尽快完成学习，过期不办理补学补登。"
        )
    finally:
        stop_app(app)

    # The same day again, after a restart of the app: already said today.
    app, shown = deadline_notices(qtbot, own, tmp_path / "a", learner, expected=False)
    try:
        assert shown == []
    finally:
        stop_app(app)

    app, shown = deadline_notices(
        qtbot, own, tmp_path / "b", learner, notifications=False, expected=False
    )
    try:
        assert shown == []
        assert "截止" not in app.window.statusBar().currentMessage()
    finally:
        stop_app(app)


# -- 关于 and 复制诊断信息 ------------------------------------------------------------------


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's log in ``<data_dir>/logs``, as ``main`` sets it up with ``--data-dir``."""
    root = logging.getLogger()
    level = root.level
    handler = install_file_logging(tmp_path / "logs")
    yield tmp_path / "logs" / "kjce.log"
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def test_about_shows_the_versions_and_copies_diagnostics_without_personal_data(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, log_file: Path
) -> None:
    learner = register(platform, phone="13912345678")
    account = learner["account"]
    learner["id_number"] = account["id_number"]
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        # A bug logs what it should not.
        logging.getLogger("desktop.models.api").warning(
            "request by %s (%s, phone %s, %s) failed: Authorization: Bearer %s "
            "refresh_token=%s password=%s",
            account["name"],
            account["id_number"],
            "13912345678",
            "xiaohong@example.com",
            learner["access_token"],
            learner["refresh_token"],
            learner["password"],
        )
        assert account["id_number"] in log_file.read_text(encoding="utf-8")

        app.window.findChild(QWidget)  # the menu bar is built with the window
        about_action = next(
            a for a in app.window.menuBar().actions()[-1].menu().actions() if "关于" in a.text()
        )
        about_action.trigger()
        qtbot.waitUntil(
            lambda: app.menus.about_dialog is not None and app.menus.about_dialog.isVisible(),
            timeout=10_000,
        )
        about = app.menus.about_dialog
        assert about is not None
        details = about.details.text()
        assert f"版本：{__version__}（源代码运行）" in details
        assert f"Qt：{qVersion()}" in details and PySide6.__version__ in details
        assert "VLC 播放组件：" in details
        assert platform.url in details
        assert str(tmp_path) in details and str(tmp_path / "logs") in details

        QGuiApplication.clipboard().clear()
        click(qtbot, about.copy_button)
        qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()), timeout=15_000)
        text = QGuiApplication.clipboard().text()
        assert "诊断信息已复制" in about.status.text()
    finally:
        stop_app(app)

    assert f"version: {__version__} (source)" in text
    assert f"qt: {qVersion()}" in text and f"pyside6: {PySide6.__version__}" in text
    assert "libvlc: " in text and "screen 0:" in text and "preferences: language=system" in text
    assert f"platform: {platform.url} (online)" in text
    assert "request by [NAME] ([ID], phone [PHONE], [EMAIL]) failed" in text  # the line
    for secret in (
        account["name"],
        account["id_number"],
        "13912345678",
        "xiaohong@example.com",
        learner["access_token"],
        learner["refresh_token"],
        learner["password"],
    ):
        assert secret not in text, secret


def test_scrub_removes_personal_data_and_keeps_the_rest() -> None:
    home = Path("/home/xiaohong")
    text = scrub(
        "证件号码44010619800101123X已存在 440106198001011234 13800138000 +86 138-0013-8000 "
        "a.b@x.com.cn Bearer abc.DEF_123 access_token: 'Zx9abcdefghijklmnopqrstuvwxyz0123456789' "
        "/home/xiaohong/.local/state/kjce-desktop/log 张晓红 order "
        "3fa85f64-5717-4562-b3fc-2c963f66afa6 took 1234 ms\nlogin with password hunter2 x\nnext",
        names=["张晓红"],
        home=home,
    )
    assert text == (
        "证件号码[ID]已存在 [ID] [PHONE] [PHONE] "
        "[EMAIL] Bearer [TOKEN] access_token: '[TOKEN]' "
        "~/.local/state/kjce-desktop/log [NAME] order "
        "3fa85f64-5717-4562-b3fc-2c963f66afa6 took 1234 ms\nlogin with password [REMOVED]\nnext"
    )


def test_logs_go_to_the_user_log_folder_of_each_system() -> None:
    home = Path("/home/u")
    assert user_log_dir(platform_name="linux", environ={}, home=home) == Path(
        "/home/u/.local/state/kjce-desktop/log"
    )
    assert user_log_dir(platform_name="linux", environ={"XDG_STATE_HOME": "/s"}, home=home) == (
        Path("/s/kjce-desktop/log")
    )
    assert user_log_dir(platform_name="darwin", environ={}, home=home) == Path(
        "/home/u/Library/Logs/KJCE Desktop"
    )
    assert user_log_dir(
        platform_name="win32", environ={"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, home=home
    ) == Path("C:/Users/u/AppData/Local/KJCE/KJCE Desktop/Logs")
