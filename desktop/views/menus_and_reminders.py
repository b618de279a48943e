"""The menus' windows and the reminders, wired in one place: 设置, 关于, 复制诊断信息, tray
notices (the 学分确认 deadline reminder among them) and remembered windows.

``MenusAndReminders`` lives as long as the window, across logins, so it reads the app's state
through ``MenusServices`` (the ``DesktopApp``: the learner's session when there is one);
``desktop/app.py`` only creates it and tells it of a few events (a login, the cache
opened, a change, a finished download).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop.models.preferences import Preferences, load_preferences
from desktop.views.tray import TrayNotifier
from desktop.views.widgets import tr
from desktop.views.window_memory import WindowMemory
from rules.years import china_date

if TYPE_CHECKING:
    from desktop.models.api_types import Health, Me
    from desktop.models.diagnostics import DiagnosticsInput, ScreenInfo
    from desktop.models.help_videos import HelpVideoFile
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner
    from desktop.views.about_dialog import AboutDialog
    from desktop.views.help_videos import HelpVideosDialog
    from desktop.views.main_window import MainWindow
    from desktop.views.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)

DEADLINE_CHECK_MS = 60 * 60 * 1000


class MenusServices(Protocol):
    """What the menus and reminders reach through the app (the composition root)."""

    data_dir: Path
    log_dir: Path
    platform_url: str | None
    window: MainWindow
    tasks: TaskRunner
    session: Session | None
    health: Health | None
    platform_clock: PlatformClock
    restart_pending: bool


def libvlc_version() -> str:
    """libvlc's version, "" when VLC is not installed (loads libvlc: a worker)."""
    from desktop.models.vlc_backend import load_vlc

    vlc = load_vlc()
    if vlc is None:
        return ""
    raw = vlc.libvlc_get_version()
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def describe_screens() -> tuple[ScreenInfo, ...]:
    """The monitors as Qt sees them (GUI thread)."""
    from desktop.models.diagnostics import ScreenInfo

    return tuple(
        ScreenInfo(
            name=screen.name(),
            width=screen.geometry().width(),
            height=screen.geometry().height(),
            device_pixel_ratio=screen.devicePixelRatio(),
            logical_dpi=screen.logicalDotsPerInch(),
        )
        for screen in QGuiApplication.screens()
    )


class MenusAndReminders(QObject):
    """Owns the notifier and the window memory; opens 设置 and 关于; copies diagnostics."""

    def __init__(self, services: MenusServices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.running = load_preferences(services.data_dir)
        """The preferences this process started with (language and text size stay)."""
        self.personal: set[str] = set()
        """Names, ID numbers and phones of this session's logins: scrubbed from diagnostics."""
        self.settings_dialog: SettingsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.help_videos_dialog: HelpVideosDialog | None = None
        self.last_report = ""
        self.quit_application = QApplication.quit
        """How 立即重启 ends this process (tests replace it)."""

        self.window_memory = WindowMemory(services.data_dir, self)
        self.window_memory.adopt(services.window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.window_memory.watch(app)
        self.notifier = TrayNotifier(
            services.window,
            services.data_dir,
            self._today,
            enabled=self.running.notifications,
            parent=self,
        )
        self._deadline_timer = QTimer(self)
        self._deadline_timer.setInterval(DEADLINE_CHECK_MS)
        self._deadline_reading = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        window = self._services.window
        window.settings_requested.connect(self.open_settings)
        window.about_requested.connect(self.open_about)
        window.diagnostics_requested.connect(self.copy_diagnostics)
        window.help_videos_requested.connect(self.open_help_videos)
        self._deadline_timer.timeout.connect(self.check_deadline)

    def _today(self) -> dt.date:
        return china_date(self._services.platform_clock.now())

    # -- the session -----------------------------------------------------------------

    def logged_in(self, me: Me) -> None:
        self.personal.update(text for text in (me.name, me.id_number, me.phone) if text)
        self._deadline_timer.start()

    def check_deadline(self) -> None:
        """Read the year's overview from the cache and let the notifier decide (at most
        one deadline notice a day, only while the year's requirements are not met)."""
        services = self._services
        cache = None if services.session is None else services.session.cache
        if cache is None or self._deadline_reading or not self.notifier.deadline_due():
            return
        from desktop.models.year_overview import read_facts

        server_time = services.health.server_time if services.health is not None else ""
        now = services.platform_clock.now()
        self._deadline_reading = True

        def done(overview: object) -> None:
            self._deadline_reading = False
            if overview is not None:
                self.notifier.overview_read(overview)  # type: ignore[arg-type]

        def failed(exc: BaseException) -> None:
            self._deadline_reading = False
            log.info("deadline check skipped: %s", type(exc).__name__)

        services.tasks.op(
            run=lambda: read_facts(cache, server_time, now),
            success=done,
            failure=failed,
            parent=self,
            lane="cache",
        ).start()

    # -- 设置 ------------------------------------------------------------------------

    def open_settings(self) -> None:
        from desktop.views.settings_dialog import SettingsDialog

        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        dialog = SettingsDialog(
            self._services.data_dir,
            self.running,
            apply_theme=self._apply_theme,
            parent=self._services.window,
        )
        dialog.saved.connect(self._on_preferences_saved)
        dialog.restart_requested.connect(self.restart)
        self.settings_dialog = dialog
        dialog.open()

    def _apply_theme(self, preferences: Preferences) -> None:
        from desktop.views.appearance import apply_appearance

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, preferences)

    def _on_preferences_saved(self, preferences: Preferences) -> None:
        self.notifier.enabled = preferences.notifications
        self.running = replace(
            self.running, theme=preferences.theme, notifications=preferences.notifications
        )

    def restart(self) -> None:
        """立即重启: quit cleanly; ``main`` starts the app again once this one is down."""
        self._services.restart_pending = True
        self.quit_application()

    # -- 关于 and diagnostics ----------------------------------------------------------

    def open_about(self) -> None:
        self._services.tasks.op(run=libvlc_version, success=self._show_about, parent=self).start()

    def _show_about(self, libvlc: str) -> None:
        from desktop.models.diagnostics import build_versions
        from desktop.views.about_dialog import AboutDialog, AboutInfo

        services = self._services
        info = AboutInfo(
            versions=build_versions(libvlc),
            platform_url=services.platform_url or "",
            data_dir=services.data_dir,
            log_dir=services.log_dir,
        )
        if self.about_dialog is not None:
            self.about_dialog.deleteLater()
        dialog = AboutDialog(info, services.window)
        dialog.diagnostics_requested.connect(self.copy_diagnostics)
        self.about_dialog = dialog
        dialog.open()

    # -- 用户操作视频 ------------------------------------------------------------------

    def open_help_videos(self) -> None:
        """The list is read on a worker (the lengths' file); the player comes with it."""
        from desktop.models.help_videos import read_catalogue

        self._services.tasks.op(
            run=read_catalogue, success=self._show_help_videos, parent=self
        ).start()

    def _show_help_videos(self, videos: list[HelpVideoFile]) -> None:
        from desktop.views.help_videos import HelpVideosDialog

        if self.help_videos_dialog is not None:
            self.help_videos_dialog.close()
            self.help_videos_dialog.deleteLater()
        dialog = HelpVideosDialog(videos, self._services.window)
        self.help_videos_dialog = dialog
        dialog.open()

    def _diagnostics_input(self) -> DiagnosticsInput:
        """What only the GUI thread can read: screens, the online state, the preferences."""
        from desktop.models.diagnostics import DiagnosticsInput, Versions

        services = self._services
        state = services.window.online_label.property("state")
        placeholder = Versions("", "", "", "", "", "")
        return DiagnosticsInput(
            versions=placeholder,
            screens=describe_screens(),
            text_scale=self.running.text_scale,
            preferences=asdict(load_preferences(services.data_dir)),
            platform_url=services.platform_url or "",
            platform_version=services.health.version if services.health is not None else "",
            online=str(state or "connecting"),
            data_dir=services.data_dir,
            log_dir=services.log_dir,
            names=tuple(self.personal),
        )

    def copy_diagnostics(self) -> None:
        """复制诊断信息: the scrubbed report on the clipboard."""
        from desktop.models.diagnostics import build_report, build_versions

        given = self._diagnostics_input()
        self._services.tasks.op(
            run=lambda: build_report(replace(given, versions=build_versions(libvlc_version()))),
            success=self._on_report_ready,
            parent=self,
        ).with_progress(tr("正在收集诊断信息…")).start()

    def _on_report_ready(self, report: str) -> None:
        self.last_report = report
        QGuiApplication.clipboard().setText(report)
        self._services.window.statusBar().showMessage(
            tr("诊断信息已复制到剪贴板，可粘贴给客服。"), 8000
        )
        if self.about_dialog is not None and self.about_dialog.isVisible():
            self.about_dialog.show_copied()

    # -- the end ---------------------------------------------------------------------

    def close(self) -> None:
        """Save the open windows' places; stop watching."""
        self._deadline_timer.stop()
        self.window_memory.save_open_windows()
        self.window_memory.stop()
