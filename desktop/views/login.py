"""The login screen (用户登录): ID number, password, captcha, and the help panel.

Operations: logging in is one call (``ApiClient.login``); what a login starts is
``desktop/models/session.py``; the ID number and password rules are ``rules/``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import ApiError
from desktop.views.appearance import required_mark
from desktop.views.widgets import (
    CaptchaField,
    ErrorLabel,
    FieldRow,
    add_row,
    keep_room_when_hidden,
    present_failure,
    tr_rule,
)
from rules._i18n import QT_TRANSLATE_NOOP
from rules.identity import id_characters_problem, normalize_id_number

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import LoginResult
    from desktop.models.tasks import TaskRunner

SERVICE_PHONE = "18922106619"
SERVICE_HOURS = QT_TRANSLATE_NOOP("LoginScreen", "周一至周五 9:00-12:00，14:00-17:30")


class LoginScreen(QWidget):
    """用户登录.

    Signals:
        logged_in(object, bool): a LoginResult, and whether to remember the login.
        registration_requested(): 用户注册 was clicked.
        password_reset_requested(str): 忘记密码 was clicked (with the ID number typed so far).
        retry_requested(): the platform was unreachable and the user asked to retry.
    """

    logged_in = Signal(object, bool)
    registration_requested = Signal()
    password_reset_requested = Signal(str)
    retry_requested = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._api: ApiClient | None = None
        self.setObjectName("loginScreen")
        self._build()
        self._connect_signals()
        self.set_connecting()

    # -- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.id_number_edit = QLineEdit(self)
        self.id_number_edit.setObjectName("idNumber")
        self.id_number_edit.setMaxLength(32)
        self.id_number_edit.setPlaceholderText(self.tr("请输入证件号码"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)
        self.password_edit.setPlaceholderText(self.tr("请输入密码"))
        self.captcha = CaptchaField(self._tasks, self)
        self.remember_box = QCheckBox(self.tr("记住我（下次自动登录）"), self)
        self.remember_box.setObjectName("rememberMe")
        self.remember_note = QLabel(self)
        self.remember_note.setObjectName("hint")
        self.remember_note.setWordWrap(True)
        self.remember_note.hide()
        self._keyring = True  # this PC can keep a login (a system keyring is there)
        self._counter_pc = False  # a counter PC remembers no learner (set_counter_pc)
        self.staff_box = QCheckBox(self.tr("工作人员登录"), self)
        self.staff_box.setObjectName("staffLogin")
        self.staff_box.setToolTip(self.tr("培训机构前台工作人员使用用户名登录"))
        self.login_button = QPushButton(self.tr("登 录"), self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setDefault(True)
        self.forgot_button = QPushButton(self.tr("忘记密码？"), self)
        self.forgot_button.setObjectName("forgotPassword")
        self.forgot_button.setFlat(True)
        self.register_button = QPushButton(self.tr("用户注册"), self)
        self.register_button.setObjectName("registerButton")
        self.register_button.setFlat(True)
        self.general_error = ErrorLabel(self, assertive=True)  # a refused login is said at once
        self.general_error.setObjectName("loginError")
        self.retry_button = QPushButton(self.tr("重试"), self)
        self.retry_button.setObjectName("retryButton")
        keep_room_when_hidden(self.retry_button)
        self.retry_button.hide()

        self.id_row = FieldRow(self.id_number_edit)
        self.password_row = FieldRow(self.password_edit)
        self.captcha_row = FieldRow(self.captcha)
        self.captcha.answer_edit.textEdited.connect(
            lambda _t: self.captcha_row.error.clear_message()
        )

        card = QFrame(self)
        card.setObjectName("card")
        title = QLabel(self.tr("用户登录"), card)
        title.setObjectName("title")
        subtitle = QLabel("Get access to your account", card)
        subtitle.setObjectName("subtitle")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.id_label = add_row(form, self.tr("证件号"), self.id_row)
        add_row(form, self.tr("密码"), self.password_row)
        self.captcha_label = add_row(form, self.tr("验证码"), self.captcha_row)
        links = QHBoxLayout()
        links.addWidget(self.forgot_button)
        links.addStretch(1)
        links.addWidget(self.register_button)
        error_line = QHBoxLayout()
        error_line.addWidget(self.general_error, 1)
        error_line.addWidget(self.retry_button)
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(title)
        card_layout.addWidget(subtitle)
        card_layout.addLayout(form)
        card_layout.addWidget(self.staff_box)
        card_layout.addWidget(self.remember_box)
        card_layout.addWidget(self.remember_note)
        card_layout.addLayout(error_line)
        card_layout.addWidget(self.login_button)
        card_layout.addLayout(links)
        card_layout.addStretch(1)

        help_panel = QFrame(self)
        help_panel.setObjectName("helpPanel")
        help_text = QLabel(
            self.tr(
                "<h3>温馨提示</h3>"
                "<ol>"
                "<li>如果您还没注册，请点击“用户注册”；已注册的用户请直接登录。"
                "忘记密码请点击“忘记密码”找回。</li>"
                "<li>客服电话：{phone}<br>工作时间：{hours}</li>"
                "<li>学习完成前务必完成信息采集，否则无法查询继续教育记录。</li>"
                "<li>用户操作手册、用户操作视频：见“帮助”菜单。</li>"
                "</ol>"
            ).format(phone=SERVICE_PHONE, hours=self.tr(SERVICE_HOURS)),
            help_panel,
        )
        help_text.setObjectName("helpText")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.RichText)
        help_layout = QVBoxLayout(help_panel)
        help_layout.addWidget(help_text)
        help_layout.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(help_panel, 2)
        layout.addSpacing(24)
        layout.addWidget(card, 3)
        layout.addStretch(1)

        self.setTabOrder(self.id_number_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.captcha.answer_edit)
        self.setTabOrder(self.captcha.answer_edit, self.staff_box)
        self.setTabOrder(self.staff_box, self.remember_box)
        self.setTabOrder(self.remember_box, self.login_button)
        self.setTabOrder(self.login_button, self.forgot_button)
        self.setTabOrder(self.forgot_button, self.register_button)

    def _connect_signals(self) -> None:
        self.login_button.clicked.connect(self._on_login_clicked)
        self.password_edit.returnPressed.connect(self._on_login_clicked)
        self.captcha.answer_edit.returnPressed.connect(self._on_login_clicked)
        self.register_button.clicked.connect(self.registration_requested)
        self.forgot_button.clicked.connect(
            lambda: self.password_reset_requested.emit(
                normalize_id_number(self.id_number_edit.text())
            )
        )
        self.retry_button.clicked.connect(self._on_retry_clicked)
        self.staff_box.toggled.connect(self._on_staff_toggled)
        self.id_number_edit.editingFinished.connect(self._on_id_number_finished)

    # -- state ----------------------------------------------------------------------

    @property
    def staff_mode(self) -> bool:
        """工作人员登录: a user name instead of an ID number, and never "remember me"."""
        return self.staff_box.isChecked()

    def _on_staff_toggled(self, staff: bool) -> None:
        label = self.tr("用户名") if staff else self.tr("证件号")
        self.id_label.setText(required_mark() + label)
        self.id_number_edit.setAccessibleName(label)
        self.id_number_edit.setPlaceholderText(
            self.tr("请输入用户名") if staff else self.tr("请输入证件号码")
        )
        self.id_row.error.clear_message()
        # A user name is no ID number and the other way round: at a shared counter the
        # previous person's entry must not be left in the other mode's field.
        self.id_number_edit.clear()
        self.password_edit.clear()
        if staff:
            self.remember_box.setChecked(False)
        self.remember_box.setVisible(not staff)
        self.remember_note.setVisible(not staff and bool(self.remember_note.text()))
        self.forgot_button.setVisible(not staff)  # a staff password is reset by the administrator
        self.register_button.setVisible(not staff)

    def _on_id_number_finished(self) -> None:
        """Show the ID number as it will be sent ("４４０１…" becomes "4401…")."""
        text = self._login_name()
        if not self.staff_mode and text != self.id_number_edit.text():
            self.id_number_edit.setText(text)

    def _login_name(self) -> str:
        """What goes in ``id_number``: a user name is lower case; an ID number normalized."""
        text = self.id_number_edit.text()
        return text.strip().lower() if self.staff_mode else normalize_id_number(text)

    def set_connecting(self) -> None:
        """The platform is not reachable yet: typing is allowed, logging in is not."""
        self._api = None
        self.login_button.setEnabled(False)
        self.login_button.setText(self.tr("正在连接平台…"))
        self.register_button.setEnabled(False)
        self.forgot_button.setEnabled(False)
        # The platform asks for a captcha by default: it is shown (shut) while connecting,
        # so its coming does not move 登录 under the pointer.  (A QFormLayout gives a hidden
        # row no room, whatever its size policy says.)
        self._show_captcha(True, enabled=False)

    def set_connected(self, api: ApiClient, *, captcha_required: bool, can_remember: bool) -> None:
        self._api = api
        self.login_button.setEnabled(True)
        self.login_button.setText(self.tr("登 录"))
        self.register_button.setEnabled(True)
        self.forgot_button.setEnabled(True)
        self.retry_button.hide()
        self.general_error.clear_message()
        self._show_captcha(captcha_required, enabled=True)
        self.captcha.attach(api, captcha_required)
        self._keyring = can_remember
        self._show_remember()

    def set_counter_pc(self, counter_pc: bool) -> None:
        """On a counter PC (``desktop/models/counter_pc``) 记住我 is off and says why: the
        next person at the counter would otherwise find the learner logged in."""
        self._counter_pc = counter_pc
        self._show_remember()

    def _show_remember(self) -> None:
        can_remember = self._keyring and not self._counter_pc
        self.remember_box.setEnabled(can_remember)
        if not can_remember:
            self.remember_box.setChecked(False)
        if self._counter_pc:
            note = self.tr("这是前台电脑：学员的登录不会被记住，退出登录后不保留学员的资料。")
        elif not self._keyring:
            note = self.tr("此电脑没有可用的系统钥匙串，无法记住登录状态；每次启动都需要重新登录。")
        else:
            note = ""
        self.remember_note.setText(note)
        self.remember_note.setVisible(bool(note) and not self.staff_mode)

    def _show_captcha(self, shown: bool, *, enabled: bool) -> None:
        self.captcha.setEnabled(enabled)
        for widget in (self.captcha_row, self.captcha_label):
            widget.setVisible(shown)

    def set_unreachable(self, message: str) -> None:
        self.set_connecting()
        self.login_button.setText(self.tr("无法连接平台"))
        self.general_error.show_message(message)
        self.retry_button.show()

    def show_message(self, message: str) -> None:
        """A message for the whole form (session expired, password changed…)."""
        self.general_error.show_message(message)

    def reset(self, *, id_number: str = "") -> None:
        """Back to an empty form (after logout), keeping the ID number if given."""
        self.id_number_edit.setText(id_number)
        self.password_edit.clear()
        for row in (self.id_row, self.password_row, self.captcha_row):
            row.error.clear_message()
        self.general_error.clear_message()
        self.captcha.refresh()

    # -- actions --------------------------------------------------------------------

    def _on_retry_clicked(self) -> None:
        self.retry_button.hide()
        self.general_error.clear_message()
        self.login_button.setText(self.tr("正在连接平台…"))
        self.retry_requested.emit()

    def _on_login_clicked(self) -> None:
        if self._api is None or not self.login_button.isEnabled():
            return
        self.general_error.clear_message()
        for row in (self.id_row, self.password_row):  # no stale refusal beside the new one
            row.error.clear_message()
        id_number = self._login_name()
        password = self.password_edit.text()
        ok = True
        if not id_number:
            self.id_row.error.show_message(
                self.tr("请输入用户名") if self.staff_mode else self.tr("请输入证件号码")
            )
            ok = False
        elif not self.staff_mode and (problem := id_characters_problem(id_number)) is not None:
            self.id_row.error.show_message(tr_rule(problem.message))
            ok = False
        if not password:
            self.password_row.error.show_message(self.tr("请输入密码"))
            ok = False
        if self.captcha.required and not self.captcha.answer():
            self.captcha_row.error.show_message(self.tr("请输入验证码"))
            ok = False
        if not ok:
            return
        api = self._api
        captcha_id, answer = self.captcha.captcha_id, self.captcha.answer()
        self.login_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.login(id_number, password, captcha_id, answer),
            success=self._on_logged_in,
            failure=self._on_login_failed,
            parent=self,
        ).with_progress(self.tr("正在登录…")).start()

    def _on_logged_in(self, result: LoginResult) -> None:
        self.login_button.setEnabled(True)
        self.password_edit.clear()
        # Staff log in on a shared PC: their session is never remembered.
        remember = self.remember_box.isChecked() and not self.staff_mode and not self._counter_pc
        self.logged_in.emit(result, remember and not result.me.is_staff)

    def _on_login_failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        fields = {
            "id_number": self.id_row.error,
            "password": self.password_row.error,
            "captcha_answer": self.captcha_row.error,
            "captcha_id": self.captcha_row.error,
        }
        present_failure(exc, fields, self.general_error.show_message)
        if isinstance(exc, ApiError):
            # A captcha is single use: whatever the platform said, show a fresh one.
            self.captcha.refresh()
            if exc.field == "password":
                self.password_edit.selectAll()
                self.password_edit.setFocus()
