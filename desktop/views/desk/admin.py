"""管理 (administrators only): the institution's staff accounts and the audit log.

工作人员 lists the accounts; 新增 creates one (user name, name, role) and shows its
one-time password once; 停用 / 启用 switch the selected account (disabling ends its
sessions).  操作日志 reads the audit log newest first, 加载更多 pages to older entries.
The platform decides who may do this (403 ``admin_only``); the desk shows 管理 only to
administrators.  The records are ``desktop.models.staff_admin``; the tables'
models ``desktop.models.staff_table`` and ``desktop.models.audit_table``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.audit_table import AuditTableModel
from desktop.models.staff_admin import (
    ROLE_LABELS,
    AuditPage,
    StaffAccount,
    StaffCreated,
    tr_admin,
)
from desktop.models.staff_table import StaffTableModel
from desktop.views.appearance import theme_colour
from desktop.views.widgets import (
    ErrorLabel,
    FieldRow,
    add_row,
    present_failure,
    record_table,
    tr_rule,
)
from rules import identity
from rules.identity import (
    USERNAME_MAX_LENGTH,
    USERNAME_MIN_LENGTH,
    name_problem,
    normalize_name,
    normalize_username,
    username_problem,
)

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.tasks import TaskRunner

AUDIT_PAGE_SIZE = 200


class NewStaffDialog(QDialog):
    """新增工作人员: user name, name and role; then the one-time password, shown once.

    Signals:
        created(StaffAccount): the account exists on the platform.
    """

    created = Signal(object)

    def __init__(self, tasks: TaskRunner, api: ApiClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newStaffDialog")
        self.setWindowTitle(self.tr("新增工作人员"))
        self.setModal(True)
        self.setMinimumWidth(420)
        self._tasks = tasks
        self._api = api
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("staffUsername")
        self.username_edit.setPlaceholderText(
            self.tr("{least}–{most} 位小写字母、数字或 . _ -").format(
                least=USERNAME_MIN_LENGTH, most=USERNAME_MAX_LENGTH
            )
        )
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("staffName")
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("staffRole")
        for role, label in ROLE_LABELS.items():
            self.role_box.addItem(tr_admin(label), role)
        self.username_row = FieldRow(self.username_edit)
        self.name_row = FieldRow(self.name_edit)
        self.role_row = FieldRow(self.role_box)
        self.form_box = QWidget(self)
        form = QFormLayout(self.form_box)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, self.tr("用户名"), self.username_row)
        add_row(form, self.tr("姓名"), self.name_row)
        add_row(form, self.tr("角色"), self.role_row)
        self.password_label = QLabel(self)
        self.password_label.setObjectName("staffInitialPassword")
        self.password_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.password_label.font()
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.password_label.setFont(font)
        self.password_label.hide()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("hint")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.message = ErrorLabel(self)
        self.create_button = QPushButton(self.tr("创建"), self)
        self.create_button.setObjectName("createStaffButton")
        self.create_button.setDefault(True)
        self.close_button = QPushButton(self.tr("取消"), self)
        self.close_button.setObjectName("closeNewStaffButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form_box)
        layout.addWidget(self.result_label)
        layout.addWidget(self.password_label)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.create_button.clicked.connect(self.create_account)
        self.close_button.clicked.connect(self.reject)

    def create_account(self) -> None:
        username = normalize_username(self.username_edit.text())
        name = normalize_name(self.name_edit.text())
        if name != self.name_edit.text():
            self.name_edit.setText(name)  # shown as it is sent
        role = str(self.role_box.currentData())
        for label in (self.username_row.error, self.name_row.error, self.message):
            label.clear_message()
        problem = username_problem(username)
        if problem is not None:
            self.username_row.error.show_message(identity.filled(tr_rule(problem)))
            self.username_edit.setFocus()
            return
        problem = name_problem(name)
        if problem is not None:
            self.name_row.error.show_message(tr_rule(problem))
            self.name_edit.setFocus()
            return
        api = self._api
        self.create_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.create_staff(username, name, role),
            success=self._on_created,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在创建工作人员账号…")).start()

    def _on_created(self, created: StaffCreated) -> None:
        account = created.account
        self.form_box.hide()
        self.create_button.hide()
        self.result_label.setText(
            self.tr(
                "已创建 {name}（用户名 {username}）。初始密码只显示这一次，请当面交给本人；"
                "首次登录时必须修改密码。"
            ).format(name=account.name, username=account.username)
        )
        self.result_label.show()
        self.password_label.setText(created.initial_password)
        self.password_label.show()
        self.close_button.setText(self.tr("完成"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.created.emit(account)

    def _on_failed(self, exc: BaseException) -> None:
        self.create_button.setEnabled(True)
        present_failure(
            exc,
            {"username": self.username_row.error, "name": self.name_row.error,
             "role": self.role_row.error},
            self.message.show_message,
        )  # fmt: skip

    def done(self, result: int) -> None:
        """The one-time password goes with the dialog."""
        self.password_label.clear()
        super().done(result)


class AdminDialog(QDialog):
    """管理: 工作人员 and 操作日志; open it with ``open()``."""

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        me_id: str,
        parent: QWidget | None = None,
        *,
        page_size: int = AUDIT_PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminDialog")
        self.setWindowTitle(self.tr("管理"))
        self.setModal(True)
        self.resize(900, 600)
        self._tasks = tasks
        self._api = api
        self._me_id = me_id
        self.page_size = page_size
        self.next_before: int | None = None
        self.new_staff_dialog: NewStaffDialog | None = None

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_staff_tab(), self.tr("工作人员"))
        self.tabs.addTab(self._build_audit_tab(), self.tr("操作日志"))
        self.message = ErrorLabel(self)
        self.message.setObjectName("adminMessage")
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self._connect_signals()
        self.load_staff()
        self.load_audit()

    def _build_staff_tab(self) -> QWidget:
        page = QWidget(self)
        self.staff_model = StaffTableModel(self, colour=theme_colour)
        self.staff_table = record_table(
            page,
            self.staff_model,
            name="staffTable",
            accessible_name=self.tr("工作人员列表"),
            stretch_column=StaffTableModel.NAME,
            row_height=30,
        )
        self.new_button = QPushButton(self.tr("新增"), page)
        self.new_button.setObjectName("newStaffButton")
        self.disable_button = QPushButton(self.tr("停用"), page)
        self.disable_button.setObjectName("disableStaffButton")
        self.enable_button = QPushButton(self.tr("启用"), page)
        self.enable_button.setObjectName("enableStaffButton")
        self.staff_status = QLabel(page)
        self.staff_status.setObjectName("hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.disable_button)
        buttons.addWidget(self.enable_button)
        buttons.addStretch(1)
        buttons.addWidget(self.staff_status)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.staff_table, 1)
        # The buttons sit above the table they act on: Tab meets them first.
        page.setTabOrder(self.enable_button, self.staff_table)
        page.setTabOrder(self.disable_button, self.enable_button)
        page.setTabOrder(self.new_button, self.disable_button)
        return page

    def _build_audit_tab(self) -> QWidget:
        page = QWidget(self)
        self.audit_model = AuditTableModel(self)
        self.audit_table = record_table(
            page,
            self.audit_model,
            name="auditTable",
            accessible_name=self.tr("操作日志列表"),
            stretch_column=AuditTableModel.SUMMARY,
            row_height=28,
        )
        # 内容 in full: long entries wrap onto more lines (its tooltip holds it too).
        self.audit_table.setWordWrap(True)
        self.audit_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.audit_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.refresh_audit_button = QPushButton(self.tr("刷新"), page)
        self.refresh_audit_button.setObjectName("refreshAuditButton")
        self.more_button = QPushButton(self.tr("加载更多"), page)
        self.more_button.setObjectName("moreAuditButton")
        self.audit_status = QLabel(page)
        self.audit_status.setObjectName("hint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_audit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.audit_status)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(self.audit_table, 1)
        layout.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignHCenter)
        page.setTabOrder(self.refresh_audit_button, self.audit_table)
        page.setTabOrder(self.audit_table, self.more_button)
        return page

    def _connect_signals(self) -> None:
        self.new_button.clicked.connect(self.open_new_staff)
        self.disable_button.clicked.connect(lambda: self.set_selected_enabled(False))
        self.enable_button.clicked.connect(lambda: self.set_selected_enabled(True))
        self.staff_table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh_audit_button.clicked.connect(self.load_audit)
        self.more_button.clicked.connect(self.load_more_audit)
        self._update_buttons()

    # -- staff ------------------------------------------------------------------------

    def load_staff(self) -> None:
        api = self._api
        self.staff_status.setText(self.tr("正在加载…"))
        self._tasks.op(
            run=api.staff_accounts,
            success=self._on_staff,
            failure=self._on_failed,
            parent=self,
        ).start()

    def _on_staff(self, accounts: list[StaffAccount]) -> None:
        self.staff_model.set_rows(accounts)
        self.staff_status.setText(self._count_text())
        self._update_buttons()

    def _count_text(self) -> str:
        """ "共 N 个账号", N read from the rows shown (one home for the number)."""
        return self.tr("共 {n} 个账号").format(n=self.staff_model.rowCount())

    def selected_account(self) -> StaffAccount | None:
        rows = self.staff_table.selectionModel().selectedRows()
        return self.staff_model.row_at(rows[0]) if rows else None

    def select_account(self, username: str) -> None:
        for row, account in enumerate(self.staff_model.rows):
            if account.username == username:
                self.staff_table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        account = self.selected_account()
        mine = account is not None and account.id == self._me_id
        self.disable_button.setEnabled(account is not None and not account.disabled and not mine)
        self.enable_button.setEnabled(account is not None and account.disabled)

    def open_new_staff(self) -> None:
        dialog = NewStaffDialog(self._tasks, self._api, self)
        dialog.created.connect(self._on_staff_created)
        dialog.finished.connect(lambda _r: self._forget_new_staff(dialog))
        self.new_staff_dialog = dialog
        dialog.open()

    def _forget_new_staff(self, dialog: NewStaffDialog) -> None:
        if self.new_staff_dialog is dialog:
            self.new_staff_dialog = None
        dialog.deleteLater()

    def _on_staff_created(self, account: StaffAccount) -> None:
        self.staff_model.replace(account)
        self.staff_status.setText(self._count_text())
        self.select_account(account.username)
        self.load_audit()

    def set_selected_enabled(self, enabled: bool) -> None:
        account = self.selected_account()
        if account is None:
            return
        api = self._api
        self.message.clear_message()
        self.disable_button.setEnabled(False)
        self.enable_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.set_staff_enabled(account.id, enabled),
            success=self._on_switched,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在启用…") if enabled else self.tr("正在停用…")).start()

    def _on_switched(self, account: StaffAccount) -> None:
        self.staff_model.replace(account)
        done = (self.tr("已停用 {name}") if account.disabled else self.tr("已启用 {name}")).format(
            name=account.name
        )
        self.staff_status.setText(f"{done} · {self._count_text()}")
        self._update_buttons()
        self.load_audit()

    # -- the audit log ----------------------------------------------------------------

    def load_audit(self) -> None:
        """The newest page (刷新, and after each change made here)."""
        api, limit = self._api, self.page_size
        self.audit_status.setText(self.tr("正在加载…"))
        self._tasks.op(
            run=lambda: api.audit_log(limit=limit),
            success=lambda page: self._on_audit(page, replace=True),
            failure=self._on_failed,
            parent=self,
        ).start()

    def load_more_audit(self) -> None:
        before = self.next_before
        if before is None:
            return
        api, limit = self._api, self.page_size
        self.more_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.audit_log(before=before, limit=limit),
            success=lambda page: self._on_audit(page, replace=False),
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在加载更早的记录…")).start()

    def _on_audit(self, page: AuditPage, *, replace: bool) -> None:
        if replace:
            self.audit_model.set_rows(list(page.items))
        else:
            self.audit_model.append(list(page.items))
        self.next_before = page.next_before
        self.more_button.setEnabled(page.next_before is not None)
        self.more_button.setText(
            self.tr("加载更多") if page.next_before is not None else self.tr("没有更早的记录")
        )
        self.audit_status.setText(self.tr("已显示 {n} 条").format(n=self.audit_model.rowCount()))

    def _on_failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.more_button.setEnabled(self.next_before is not None)
        present_failure(exc, {}, self.message.show_message)
