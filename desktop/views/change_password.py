"""修改初始密码: what an account with a one-time password sees after login, and nothing else.

A walk-in registered at the desk (or a staff account an administrator created) logs in with
a one-time password; the platform refuses everything but ``PUT /me/password`` until it is
changed.  The dialog checks the new password with the shared rule, lets the platform decide,
and shows its refusals at the field.  Closing it without changing logs out.

Operations: one call (``ApiClient.change_password``); the password rule is
``rules/passwords.py``.
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
    QVBoxLayout,
    QWidget,
)

from desktop.views.widgets import ErrorLabel, FieldRow, add_row, present_failure, tr_rule
from rules import passwords
from rules.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Me
    from desktop.models.tasks import TaskRunner


class ChangePasswordDialog(QDialog):
    """修改初始密码.

    Signals:
        password_changed(object): the account (``Me``) after the change; enter normally.
    """

    password_changed = Signal(object)

    def __init__(
        self, tasks: TaskRunner, api: ApiClient, me: Me, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._api = api
        self._busy = False
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("修改初始密码"))
        self.setModal(True)
        intro = QLabel(
            self.tr(
                "{name}，您好！您正在使用培训机构为您设置的初始密码，"
                "为保障账号安全，请先修改密码后再继续使用。"
            ).format(name=me.name),
            self,
        )
        intro.setWordWrap(True)
        self.old_edit = self._password_edit("oldPassword", self.tr("凭条上的初始密码"))
        self.new_edit = self._password_edit(
            "newPassword",
            self.tr("至少 {length} 位，须同时包含字母和数字").format(length=MIN_PASSWORD_LENGTH),
        )
        self.confirm_edit = self._password_edit("confirmPassword", "")
        self.rows = {
            "old_password": FieldRow(self.old_edit),
            "new_password": FieldRow(self.new_edit),
            "confirm": FieldRow(self.confirm_edit),
        }
        form = QFormLayout()
        add_row(form, self.tr("初始密码"), self.rows["old_password"])
        add_row(form, self.tr("新密码"), self.rows["new_password"])
        add_row(form, self.tr("确认新密码"), self.rows["confirm"])
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("修改密码"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("changePasswordOk")
        self.logout_button = self.buttons.addButton(
            self.tr("退出登录"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.logout_button.setObjectName("changePasswordLogout")
        self.ok_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        # The rows were built before the form took them in: the fields first, so the
        # dialog opens on 初始密码 and Tab goes down the form to the buttons.
        self.setTabOrder(self.old_edit, self.new_edit)
        self.setTabOrder(self.new_edit, self.confirm_edit)
        self.setTabOrder(self.confirm_edit, self.ok_button)
        self.setTabOrder(self.ok_button, self.logout_button)
        self.setMinimumWidth(460)
        self.ok_button.clicked.connect(self._submit)
        self.logout_button.clicked.connect(self.reject)

    def _password_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(MAX_PASSWORD_LENGTH)
        edit.setPlaceholderText(placeholder)
        return edit

    def _submit(self) -> None:
        if self._busy:
            return
        for row in self.rows.values():
            row.error.clear_message()
        self.general_error.clear_message()
        old, new, confirm = self.old_edit.text(), self.new_edit.text(), self.confirm_edit.text()
        ok = True
        if not old:
            self.rows["old_password"].error.show_message(self.tr("请输入初始密码"))
            ok = False
        problem = password_problem(new)
        if problem is not None:
            self.rows["new_password"].error.show_message(passwords.filled(tr_rule(problem)))
            ok = False
        elif new == old:
            self.rows["new_password"].error.show_message(self.tr("新密码不能与初始密码相同"))
            ok = False
        elif confirm != new:
            self.rows["confirm"].error.show_message(self.tr("两次输入的密码不一致"))
            ok = False
        if not ok:
            return
        api = self._api
        self._busy = True
        self.ok_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.change_password(old, new),
            success=self._on_changed,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在修改密码…")).start()

    def _on_changed(self, me: Me) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)
        for edit in (self.old_edit, self.new_edit, self.confirm_edit):
            edit.setText("")
        self.password_changed.emit(me)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.ok_button.setEnabled(True)
        fields = {name: row.error for name, row in self.rows.items()}
        present_failure(exc, fields, self.general_error.show_message)
