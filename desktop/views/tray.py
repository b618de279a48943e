"""Tray notifications: a chapter finished (or failed) downloading; the year's deadline nears.

``TrayNotifier`` decides what to say and when; ``_present`` is the one place that talks to
the system (a ``QSystemTrayIcon`` balloon where the desktop has a tray, else the main
window's status bar — e.g. under the offscreen platform of the tests).  Clicking a
message brings the main window forward.

The deadline rule is not repeated here: ``desktop.models.year_overview`` already decides
``Reminder.SOON`` (≤ 30 days) and ``Reminder.URGENT`` (≤ 7 days) while the year's
requirements are not met; the notifier only adds "at most once a day".  Notifications
never carry personal data (no name, no ID number): a chapter title and a number of days.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QSystemTrayIcon

from desktop.models.preferences import settings_file
from desktop.views.widgets import tr

if TYPE_CHECKING:  # the overview and downloads are imported when a notice is due
    from desktop.models.year_overview import YearOverview

log = logging.getLogger(__name__)

DEADLINE_SHOWN_KEY = "notifications/deadline_shown_on"
MESSAGE_MS = 15_000


class NoticeKind(enum.Enum):
    DOWNLOAD_FINISHED = "download_finished"
    DOWNLOAD_FAILED = "download_failed"
    DEADLINE_SOON = "deadline_soon"
    DEADLINE_URGENT = "deadline_urgent"


@dataclass(frozen=True)
class Notice:
    kind: NoticeKind
    title: str
    message: str

    @property
    def urgent(self) -> bool:
        return self.kind in (NoticeKind.DEADLINE_URGENT, NoticeKind.DOWNLOAD_FAILED)


def download_notice(chapter_title: str, failure: BaseException | None) -> Notice | None:
    """Finished or failed; a download the learner paused says nothing."""
    if failure is None:
        return Notice(
            NoticeKind.DOWNLOAD_FINISHED,
            tr("下载完成"),
            tr("“{chapter}”已下载，可离线学习。").format(chapter=chapter_title),
        )
    from desktop.models.downloads import DownloadCancelled

    if isinstance(failure, DownloadCancelled):
        return None
    return Notice(
        NoticeKind.DOWNLOAD_FAILED,
        tr("下载失败"),
        tr("“{chapter}”未能下载完成，再次点击“下载”会从中断处继续。").format(chapter=chapter_title),
    )


def deadline_notice(overview: YearOverview) -> Notice | None:
    """What to say of the deadline, by the overview's reminder (None: nothing to say)."""
    from desktop.models.year_overview import Reminder

    days, year = overview.days_left, overview.year
    if overview.reminder is Reminder.URGENT:
        if days <= 0:
            message = tr("今天是{year}年度学分确认截止日！请尽快完成学习，过期不办理补学补登。")
        else:
            message = tr(
                "距{year}年度学分确认截止仅剩{days}天！请尽快完成学习，过期不办理补学补登。"
            )
        return Notice(
            NoticeKind.DEADLINE_URGENT,
            tr("学分确认即将截止"),
            message.format(year=year, days=days),
        )
    if overview.reminder is Reminder.SOON:
        return Notice(
            NoticeKind.DEADLINE_SOON,
            tr("学分确认截止临近"),
            tr("距{year}年度学分确认截止还有{days}天，请尽快完成学习。").format(
                year=year, days=days
            ),
        )
    return None


class TrayNotifier(QObject):
    """Shows notices when the learner wants them (``enabled``: ``Preferences.notifications``).

    Signals:
        notified(object): a ``Notice`` was shown (in the tray or the status bar).
    """

    notified = Signal(object)

    def __init__(
        self,
        window: QMainWindow,
        data_dir: Path,
        today: Callable[[], dt.date],
        *,
        enabled: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._data_dir = data_dir
        self._today = today
        self.enabled = enabled
        self.shown: list[Notice] = []
        """The notices shown this session, oldest first."""
        self._deadline_shown_on = str(settings_file(data_dir).value(DEADLINE_SHOWN_KEY) or "")
        """The day of the last deadline notice (ISO), kept across starts."""
        self._tray: QSystemTrayIcon | None = None
        self._tray_looked_for = False

    @property
    def tray(self) -> QSystemTrayIcon | None:
        """The tray icon, made at the first notice: asking X11 whether there is a tray
        costs 70 ms, which the login window would otherwise wait for (issue 16).  None
        where the desktop has no tray."""
        if not self._tray_looked_for:
            self._tray_looked_for = True
            if QSystemTrayIcon.isSystemTrayAvailable():
                self._tray = QSystemTrayIcon(self._icon(), self)
                self._tray.setToolTip(tr("KJCE Desktop"))
                self._tray.messageClicked.connect(self.raise_window)
                self._tray.activated.connect(lambda _reason: self.raise_window())
        return self._tray

    def _icon(self) -> QIcon:
        icon = self._window.windowIcon()
        if icon.isNull():
            icon = QApplication.windowIcon()
        if icon.isNull():
            icon = self._window.style().standardIcon(QStyle.StandardPixmap.SP_ComputerIcon)
        return icon

    # -- what happened -------------------------------------------------------------------

    def download_ended(self, chapter_title: str, failure: object) -> None:
        notice = download_notice(
            chapter_title, failure if isinstance(failure, BaseException) else None
        )
        if notice is not None:
            self.notify(notice)

    def deadline_due(self) -> bool:
        """Whether a deadline notice may still be shown today (at most one a day)."""
        return self.enabled and self._deadline_shown_on != self._today().isoformat()

    def overview_read(self, overview: YearOverview) -> None:
        """The year's overview was read from the cache: remind if the day's reminder is due."""
        notice = deadline_notice(overview)
        if notice is None or not self.deadline_due():
            return
        if self.notify(notice):
            self._deadline_shown_on = self._today().isoformat()
            settings = settings_file(self._data_dir)
            settings.setValue(DEADLINE_SHOWN_KEY, self._deadline_shown_on)
            settings.sync()

    # -- showing -------------------------------------------------------------------------

    def notify(self, notice: Notice) -> bool:
        """Show *notice* unless notifications are off; whether it was shown."""
        if not self.enabled:
            return False
        self._present(notice)
        self.shown.append(notice)
        self.notified.emit(notice)
        return True

    def _present(self, notice: Notice) -> None:
        """The system call: the tray's balloon, or the status bar where there is no tray."""
        tray = self.tray
        if tray is not None:
            tray.show()
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if notice.urgent
                else QSystemTrayIcon.MessageIcon.Information
            )
            tray.showMessage(notice.title, notice.message, icon, MESSAGE_MS)
        else:
            text = f"{notice.title} — {notice.message}"  # the same in every language
            self._window.statusBar().showMessage(text, MESSAGE_MS)

    def raise_window(self) -> None:
        window = self._window
        if window.isMinimized():
            window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()
