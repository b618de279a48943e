"""The main window: the login screen, the learner's shell or the staff's desk, and the
status bar.

The status bar carries the online/offline indicator and a busy indicator with the text of
whatever operation is running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from desktop.models.tasks import TaskRunner
from desktop.views.accessible_windows import install_window_roles
from desktop.views.appearance import set_look
from desktop.views.keyboard import EnterClicksButtons, WheelNeedsFocus
from desktop.views.login import SERVICE_HOURS, SERVICE_PHONE, LoginScreen
from rules.exam import DEFAULT_PASS_SCORE
from rules.years import credit_requirement, year_at

if TYPE_CHECKING:
    from desktop.models.platform_clock import PlatformClock
    from desktop.views.shell import Shell


def default_window_size() -> tuple[int, int]:
    """1240 × 780 where the screen has room for it (English and a larger text size need
    it), else the 1100 × 720 the Chinese screens were made for; a remembered size replaces
    it (desktop/views/window_memory.py)."""
    screen = QGuiApplication.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    if available is not None and available.width() >= 1366 and available.height() >= 860:
        return 1240, 780
    return 1100, 720


class MainWindow(QMainWindow):
    """Signals:
    shown(): the window was shown for the first time (start-up timing).
    closing(): the window is closing; the app shuts down.
    logout_requested(): 退出登录 was clicked in the learner's shell.
    settings_requested(): 工具 → 设置….
    about_requested(): 帮助 → 关于 KJCE Desktop.
    diagnostics_requested(): 帮助 → 复制诊断信息.
    help_videos_requested(): 帮助 → 用户操作视频.
    """

    shown = Signal()
    closing = Signal()
    logout_requested = Signal()
    settings_requested = Signal()
    about_requested = Signal()
    diagnostics_requested = Signal()
    help_videos_requested = Signal()

    def __init__(
        self, tasks: TaskRunner, platform_clock: PlatformClock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._platform_clock = platform_clock
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("广东省会计人员继续教育 · KJCE Desktop"))
        self.resize(*default_window_size())
        self._was_shown = False
        self.stack = QStackedWidget(self)
        self.login = LoginScreen(tasks, self.stack)  # its parent from the start: no restyle
        self._shell: Shell | None = None
        self.stack.addWidget(self.login)
        self.setCentralWidget(self.stack)

        self.online_label = QLabel(self)
        self.online_label.setObjectName("onlineIndicator")
        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.statusBar().addWidget(self.busy_label)
        self.statusBar().addWidget(self.busy_bar)
        self.statusBar().addPermanentWidget(self.online_label)
        self.set_online(None)
        tasks.busy_changed.connect(self._on_busy_changed)
        self._build_menu()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._enter_clicks = EnterClicksButtons(app, self)
            self._wheel_needs_focus = WheelNeedsFocus(app, self)
            install_window_roles()

    @property
    def shell(self) -> Shell:
        """The learner's shell, built when first needed: the login window shows without it
        (issue 16's start-up budget)."""
        if self._shell is None:
            from desktop.views.shell import Shell

            self._shell = Shell(self.stack)
            self._shell.logout_requested.connect(self.logout_requested)
            self.stack.addWidget(self._shell)
        return self._shell

    @property
    def built_shell(self) -> Shell | None:
        """The learner's shell if it was built (never builds it)."""
        return self._shell

    def _build_menu(self) -> None:
        tools_menu = self.menuBar().addMenu(self.tr("工具(&T)"))
        self.settings_action = QAction(self.tr("设置(&S)…"), self)
        self.settings_action.setObjectName("settingsAction")
        shortcuts = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
        ctrl_comma = QKeySequence("Ctrl+,")
        if ctrl_comma not in shortcuts:
            shortcuts.append(ctrl_comma)
        self.settings_action.setShortcuts(shortcuts)
        self.settings_action.triggered.connect(self.settings_requested)
        tools_menu.addAction(self.settings_action)
        self.diagnostics_action = QAction(self.tr("复制诊断信息(&D)"), self)
        self.diagnostics_action.setObjectName("diagnosticsAction")
        self.diagnostics_action.triggered.connect(self.diagnostics_requested)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        manual = QAction(self.tr("用户操作手册"), self)
        manual.setShortcut(QKeySequence.StandardKey.HelpContents)
        manual.triggered.connect(self._show_manual)
        about = QAction(self.tr("关于 KJCE Desktop"), self)
        about.triggered.connect(self._show_about)
        self.help_videos_action = QAction(self.tr("用户操作视频(&V)"), self)
        self.help_videos_action.setObjectName("helpVideosAction")
        self.help_videos_action.triggered.connect(self.help_videos_requested)
        help_menu.addAction(manual)
        help_menu.addAction(self.help_videos_action)
        help_menu.addAction(self.diagnostics_action)
        help_menu.addAction(about)

    def show_login(self, message: str = "") -> None:
        self.stack.setCurrentWidget(self.login)
        self.statusBar().clearMessage()  # nothing said to the last account stays (a counter PC)
        self.login.reset(id_number=self.login.id_number_edit.text())
        if message:
            self.login.show_message(message)
        self.login.id_number_edit.setFocus()

    def show_shell(self) -> None:
        self.stack.setCurrentWidget(self.shell)
        self.shell.nav.setFocus()

    def show_desk(self, desk: QWidget) -> None:
        """A staff login: the desk (its own page of the stack, never the learner's shell)."""
        if self.stack.indexOf(desk) < 0:
            self.stack.addWidget(desk)
        self.stack.setCurrentWidget(desk)

    def remove_desk(self, desk: QWidget) -> None:
        """Logout: the desk goes, and with it everything it held in memory."""
        self.stack.removeWidget(desk)
        desk.deleteLater()

    def set_online(self, online: bool | None) -> None:
        """None while connecting; then 在线 / 离线."""
        if online is None:
            text, state = self.tr("● 正在连接"), "connecting"
        elif online:
            text, state = self.tr("● 在线"), "online"
        else:
            text, state = self.tr("● 离线（已保存的内容将在联网后同步）"), "offline"
        self.online_label.setText(text)
        set_look(self.online_label, state=state)

    def _on_busy_changed(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_bar.setVisible(bool(text))

    def _show_manual(self) -> None:
        """Numbers from their homes: this year's credit requirement, the usual pass mark."""
        need = credit_requirement(year_at(self._platform_clock.now()))
        QMessageBox.information(
            self,
            self.tr("用户操作手册"),
            self.tr(
                "1. 用户注册：回答温馨提醒中的两个问题，填写证件号码、姓名、手机号码和密码。\n"
                "2. 信息采集：登录后先完成信息采集（行政区域关系到学分传送，请慎重选择）。\n"
                "3. 学习资源：选择培训机构，购买当年的公需课和专业课。\n"
                "4. 选课与听课：专业课选满 {credits} 学分后开始学习；"
                "公需课学完后参加考试（通常 {mark} 分合格，以试卷为准）。\n"
                "5. 继续教育情况：学分由培训机构自动报送，学员无需自行申报。\n\n"
                "客服电话：{phone}（{hours}）"
            ).format(
                credits=need.professional_credits,
                mark=DEFAULT_PASS_SCORE,
                phone=SERVICE_PHONE,
                hours=self.tr(SERVICE_HOURS),
            ),
        )

    def _show_about(self) -> None:
        """The app opens the about dialog: it knows the platform and the folders."""
        self.about_requested.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._was_shown:
            self._was_shown = True
            self.shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
