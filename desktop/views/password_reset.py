"""忘记密码: a code to the registered mobile, then a new password.

In the local demo there is no SMS gateway: the platform's local notifier keeps the message
and this dialog shows it, marked as a demo.

Operations: ``desktop/models/password_reset.py`` (sending the code); confirming is one call
(``ApiClient.confirm_password_reset``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.password_reset import send_reset_code
from desktop.views.widgets import (
    CaptchaField,
    ErrorLabel,
    FieldRow,
    add_row,
    present_failure,
    tr_rule,
)
from rules import identity, passwords
from rules.identity import (
    id_characters_problem,
    normalize_id_number,
    normalize_phone,
    phone_problem,
)
from rules.passwords import MIN_PASSWORD_LENGTH, RESET_CODE_LENGTH, password_problem

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.tasks import TaskRunner


class PasswordResetDialog(QDialog):
    """Two steps: 证件号码 + 手机号码 → 验证码 + 新密码.

    Signals:
        password_reset(str): the password of this ID number was changed.
    """

    password_reset = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        *,
        captcha_required: bool,
        demo_inbox: bool,
        id_number: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._api = api
        self._demo_inbox = demo_inbox
        self.setObjectName("passwordResetDialog")
        self.setWindowTitle(self.tr("找回密码"))
        self.resize(520, 380)

        self.stack = QStackedWidget(self)
        # Step 1
        self.id_number_edit = QLineEdit(id_number, self)
        self.id_number_edit.setObjectName("resetIdNumber")
        self.id_number_edit.setMaxLength(32)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("resetPhone")
        self.phone_edit.setMaxLength(11)
        self.captcha = CaptchaField(tasks, self)
        self.step1_rows = {
            "id_number": FieldRow(self.id_number_edit),
            "phone": FieldRow(self.phone_edit),
            "captcha_answer": FieldRow(self.captcha),
        }
        step1 = QWidget(self)
        form1 = QFormLayout(step1)
        form1.addRow(
            QLabel(self.tr("请输入注册时填写的证件号码和手机号码，我们将向该手机发送验证码。"))
        )
        add_row(form1, self.tr("证件号码"), self.step1_rows["id_number"])
        add_row(form1, self.tr("手机号码"), self.step1_rows["phone"])
        captcha_label = add_row(form1, self.tr("验证码"), self.step1_rows["captcha_answer"])
        captcha_label.setVisible(captcha_required)
        self.step1_rows["captcha_answer"].setVisible(captcha_required)
        self.send_button = QPushButton(self.tr("获取验证码"), step1)
        self.send_button.setObjectName("sendCode")
        form1.addRow(self.send_button)
        self.stack.addWidget(step1)
        # Step 2
        self.sent_label = QLabel(self)
        self.sent_label.setObjectName("sentTo")
        self.sent_label.setWordWrap(True)
        self.demo_label = QLabel(self)
        self.demo_label.setObjectName("demoInbox")
        self.demo_label.setWordWrap(True)
        self.demo_label.hide()
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("resetCode")
        self.code_edit.setMaxLength(RESET_CODE_LENGTH)
        self.new_password_edit = QLineEdit(self)
        self.new_password_edit.setObjectName("newPassword")
        self.new_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password_edit.setMaxLength(64)
        self.new_password_edit.setPlaceholderText(
            self.tr("至少 {length} 位，须同时包含字母和数字").format(length=MIN_PASSWORD_LENGTH)
        )
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("newPasswordConfirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setMaxLength(64)
        self.step2_rows = {
            "code": FieldRow(self.code_edit),
            "new_password": FieldRow(self.new_password_edit),
            "password_confirm": FieldRow(self.confirm_edit),
        }
        step2 = QWidget(self)
        form2 = QFormLayout(step2)
        form2.addRow(self.sent_label)
        form2.addRow(self.demo_label)
        add_row(form2, self.tr("短信验证码"), self.step2_rows["code"])
        add_row(form2, self.tr("新密码"), self.step2_rows["new_password"])
        add_row(form2, self.tr("确认新密码"), self.step2_rows["password_confirm"])
        self.confirm_button = QPushButton(self.tr("重置密码"), step2)
        self.confirm_button.setObjectName("confirmReset")
        form2.addRow(self.confirm_button)
        self.stack.addWidget(step2)

        self.general_error = ErrorLabel(self)
        self.general_error.setObjectName("resetError")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.send_button.clicked.connect(self._on_send_clicked)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.captcha.attach(api, captcha_required)

    # -- step 1 ---------------------------------------------------------------------

    def _on_send_clicked(self) -> None:
        self.general_error.clear_message()
        id_number = normalize_id_number(self.id_number_edit.text())
        phone = normalize_phone(self.phone_edit.text())
        # Shown as they are sent: "４４０１…" as "4401…".
        for edit, text in ((self.id_number_edit, id_number), (self.phone_edit, phone)):
            if text != edit.text():
                edit.setText(text)
        ok = True
        if not id_number:
            self.step1_rows["id_number"].error.show_message(self.tr("请输入证件号码"))
            ok = False
        elif (problem := id_characters_problem(id_number)) is not None:
            self.step1_rows["id_number"].error.show_message(tr_rule(problem.message))
            ok = False
        if (message := phone_problem(phone)) is not None:
            self.step1_rows["phone"].error.show_message(identity.filled(tr_rule(message)))
            ok = False
        if self.captcha.required and not self.captcha.answer():
            self.step1_rows["captcha_answer"].error.show_message(self.tr("请输入验证码"))
            ok = False
        if not ok:
            return
        api, demo = self._api, self._demo_inbox
        captcha_id, answer = self.captcha.captcha_id, self.captcha.answer() or None
        self.send_button.setEnabled(False)
        self._tasks.op(
            run=lambda: send_reset_code(api, id_number, phone, captcha_id, answer, demo_inbox=demo),
            success=self._on_sent,
            failure=self._on_send_failed,
            parent=self,
        ).with_progress(self.tr("正在发送验证码…")).start()

    def _on_sent(self, result: tuple[str, str]) -> None:
        sent_to, demo_message = result
        self.send_button.setEnabled(True)
        self.sent_label.setText(
            self.tr("验证码已发送至手机 {phone}，10 分钟内有效。").format(phone=sent_to)
        )
        if demo_message:
            self.demo_label.setText(
                self.tr("本地演示平台没有短信网关，短信内容如下：\n{text}").format(
                    text=demo_message
                )
            )
            self.demo_label.show()
        self.stack.setCurrentIndex(1)
        self.code_edit.setFocus()

    def _on_send_failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        fields = {name: row.error for name, row in self.step1_rows.items()}
        present_failure(exc, fields, self.general_error.show_message)
        self.captcha.refresh()

    # -- step 2 ---------------------------------------------------------------------

    def _on_confirm_clicked(self) -> None:
        self.general_error.clear_message()
        code = self.code_edit.text().strip()
        password = self.new_password_edit.text()
        ok = True
        if len(code) != RESET_CODE_LENGTH or not code.isdigit():
            self.step2_rows["code"].error.show_message(
                self.tr("请输入 {length} 位数字验证码").format(length=RESET_CODE_LENGTH)
            )
            ok = False
        if (message := password_problem(password)) is not None:
            self.step2_rows["new_password"].error.show_message(passwords.filled(tr_rule(message)))
            ok = False
        if self.confirm_edit.text() != password:
            self.step2_rows["password_confirm"].error.show_message(self.tr("两次输入的密码不一致"))
            ok = False
        if not ok:
            return
        api = self._api
        id_number = normalize_id_number(self.id_number_edit.text())
        self.confirm_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.confirm_password_reset(id_number, code, password),
            success=lambda _r: self._on_confirmed(id_number),
            failure=self._on_confirm_failed,
            parent=self,
        ).with_progress(self.tr("正在重置密码…")).start()

    def _on_confirmed(self, id_number: str) -> None:
        self.confirm_button.setEnabled(True)
        self.password_reset.emit(id_number)
        self.accept()

    def _on_confirm_failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(True)
        fields = {name: row.error for name, row in self.step2_rows.items()}
        present_failure(exc, fields, self.general_error.show_message)
