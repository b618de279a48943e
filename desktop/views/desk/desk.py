"""前台登记: what a staff login opens — today's walk-ins and 新增学员 (SPEC §6).

The queue shows the institution's walk-ins of the day as the platform lists them (ID
numbers and phones masked); 新增学员 opens the walk-in form.  Nothing of a walk-in is
kept here beyond the masked rows on screen: no cache is opened for staff.  The queue's
table model is ``desktop.models.walk_in_table``; a walk-in's records ``desktop.models.walk_in``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.desk_photo_sources import ScannerFolder
from desktop.models.walk_in_table import WalkInTableModel
from desktop.views.desk.admin import AdminDialog
from desktop.views.desk.batch import BatchDialog
from desktop.views.desk.payment import Credentials, DeskPaymentDialog
from desktop.views.desk.photo_sources import ask_for_scanner_folder
from desktop.views.desk.walk_in_form import WalkInFormView
from desktop.views.widgets import present_failure, record_table

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Me
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.tasks import TaskRunner
    from desktop.models.walk_in import WalkIn

SEARCH_DELAY_MS = 300


class Desk(QWidget):
    """The desk of one staff login (built at login, dropped at logout).

    Signals:
        logout_requested(): 退出登录 was clicked.
    """

    logout_requested = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        platform_clock: PlatformClock,
        me: Me,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("desk")
        self._tasks = tasks
        self._api = api
        self._platform_clock = platform_clock
        """The platform's "now": the form's and the batch's "today" are the platform's."""
        self.me = me
        self.scanner = ScannerFolder(
            tasks, data_dir, parent=self, folder_picker=ask_for_scanner_folder
        )

        title = QLabel(self.tr("前台登记"), self)
        title.setObjectName("pageTitle")
        self.who = QLabel(
            self.tr("{institution} · 工作人员：{name}").format(
                institution=me.institution_name, name=me.name
            ),
            self,
        )
        self.who.setObjectName("deskWho")
        # Made in the order they are shown: a screen reader lists children in this order.
        self.admin_button = QPushButton(self.tr("管理"), self)  # administrators only
        self.admin_button.setObjectName("deskAdmin")
        self.admin_button.setVisible(me.role == "admin")
        self.logout_button = QPushButton(self.tr("退出登录"), self)
        self.logout_button.setObjectName("deskLogout")
        self.logout_button.setAutoDefault(False)  # Enter elsewhere never logs out
        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.who, 1)
        header.addWidget(self.admin_button)
        header.addWidget(self.logout_button)

        self.new_button = QPushButton(self.tr("新增学员"), self)
        self.new_button.setObjectName("newWalkIn")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("walkInSearch")
        self.search_edit.setAccessibleName(self.tr("查找学员"))
        self.search_edit.setPlaceholderText(self.tr("按姓名或证件号码后 4 位查找"))
        self.search_edit.setClearButtonEnabled(True)
        self.refresh_button = QPushButton(self.tr("刷新"), self)
        self.refresh_button.setObjectName("walkInRefresh")
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.new_button)
        self.batch_button = QPushButton(self.tr("批量登记"), self)
        self.batch_button.setObjectName("batchWalkIns")
        self.pay_button = QPushButton(self.tr("收款"), self)
        self.pay_button.setObjectName("payWalkIn")
        self.pay_button.setToolTip(self.tr("为选中的学员购买课程并收款（也可双击该行或按回车键）"))
        self.toolbar.addWidget(self.batch_button)
        self.toolbar.addWidget(self.pay_button)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.search_edit, 1)
        self.toolbar.addWidget(self.refresh_button)
        self.model = WalkInTableModel(self)
        self.table = record_table(
            self,
            self.model,
            name="walkInTable",
            accessible_name=self.tr("今日登记"),
            stretch_column=WalkInTableModel.NAME,
            row_height=32,
        )
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        queue = QWidget(self)
        queue_title = QLabel(self.tr("今日登记"), queue)
        queue_title.setObjectName("sectionTitle")
        queue_layout = QVBoxLayout(queue)
        queue_layout.addLayout(self.toolbar)
        queue_layout.addWidget(queue_title)
        queue_layout.addWidget(self.table, 1)
        queue_layout.addWidget(self.status)
        self.queue_page = queue

        self.form = WalkInFormView(tasks, api, platform_clock, self.scanner, self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(queue)
        self.pages.addWidget(self.form)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        # Tab in the order of the header and the toolbar, left to right, then the table.
        for first, second in (
            (self.admin_button, self.logout_button),
            (self.logout_button, self.new_button),
            (self.new_button, self.batch_button),
            (self.batch_button, self.pay_button),
            (self.pay_button, self.search_edit),
            (self.search_edit, self.refresh_button),
            (self.refresh_button, self.table),
        ):
            self.setTabOrder(first, second)

        self.payment_dialog: DeskPaymentDialog | None = None
        self.batch_dialog: BatchDialog | None = None
        self.admin_dialog: AdminDialog | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.logout_button.clicked.connect(self.logout_requested)
        self.new_button.clicked.connect(self.open_form)
        self.refresh_button.clicked.connect(self.refresh)
        self.search_edit.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.refresh)
        self._search_timer.timeout.connect(self.refresh)
        self.form.registered.connect(self._on_registered)
        self.form.cancelled.connect(self.show_queue)
        self.batch_button.clicked.connect(self.open_batch)
        self.admin_button.clicked.connect(self.open_admin)
        self.pay_button.clicked.connect(self._on_pay_clicked)
        # Double-click, and Enter on the current row for keyboard users.
        self.table.activated.connect(self._on_row_double_clicked)

    # -- the queue ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read today's walk-ins (matching the search) from the platform."""
        self._search_timer.stop()
        api, q = self._api, self.search_edit.text().strip()
        self.status.setText(self.tr("正在加载…"))
        self._tasks.op(
            run=lambda: api.staff_walk_ins(q=q),
            success=self._on_listed,
            failure=lambda exc: present_failure(exc, {}, self.status.setText),
            parent=self,
        ).start()

    def _on_listed(self, walk_ins: list[WalkIn]) -> None:
        self.model.set_rows(walk_ins)
        if walk_ins:
            self.status.setText(self.tr("共 {n} 人").format(n=len(walk_ins)))
        elif self.search_edit.text().strip():
            self.status.setText(self.tr("没有找到匹配的学员。"))
        else:
            self.status.setText(self.tr("今天还没有登记的学员。点击“新增学员”开始登记。"))

    def show_queue(self) -> None:
        self.pages.setCurrentWidget(self.queue_page)
        self.refresh()
        self.new_button.setFocus()

    # -- the form -------------------------------------------------------------------

    def open_form(self) -> None:
        self.pages.setCurrentWidget(self.form)
        self.form.start()

    def _on_registered(self, walk_in: WalkIn, login_id: str, initial_password: str) -> None:
        """The walk-in is on the platform: back to the queue, then payment and the slip."""
        self.show_queue()
        self.open_payment(walk_in, Credentials(login_id, initial_password))

    # -- desk operations: payment, batch registration, 管理 (issue 7) -------------------

    def open_payment(self, walk_in: WalkIn, credentials: Credentials | None = None) -> None:
        """收款 for *walk_in*; the slip only right after registration (*credentials*)."""
        dialog = DeskPaymentDialog(
            self._tasks, self._api, walk_in, self.me, credentials=credentials, parent=self
        )
        self._open_dialog("payment_dialog", dialog)

    def _on_pay_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        walk_in = self.model.row_at(rows[0]) if rows else None
        if walk_in is None:
            self.status.setText(self.tr("请先在列表中选中一名学员。"))
            return
        self.open_payment(walk_in)

    def _on_row_double_clicked(self, index: QModelIndex) -> None:
        walk_in = self.model.row_at(index)
        if walk_in is not None:
            self.open_payment(walk_in)

    def open_batch(self) -> None:
        self._open_dialog(
            "batch_dialog", BatchDialog(self._tasks, self._api, self._platform_clock, self)
        )

    def open_admin(self) -> None:
        if self.me.role == "admin":
            self._open_dialog("admin_dialog", AdminDialog(self._tasks, self._api, self.me.id, self))

    def _open_dialog(self, name: str, dialog: QDialog) -> None:
        """Open *dialog* as ``self.<name>``; when it closes, the queue is read again."""
        setattr(self, name, dialog)

        def closed() -> None:
            if getattr(self, name, None) is dialog:
                setattr(self, name, None)
            dialog.deleteLater()
            self.refresh()

        dialog.finished.connect(lambda _result: closed())
        dialog.open()

    # -- leaving --------------------------------------------------------------------

    def clear(self) -> None:
        """Logout: forget the form, the rows and the watched folder."""
        self.form.clear()
        for dialog in (self.payment_dialog, self.batch_dialog, self.admin_dialog):
            if dialog is not None:  # their passwords and reports go with them
                dialog.done(QDialog.DialogCode.Rejected)
        self.scanner.stop()
        self.model.set_rows([])
        self.search_edit.setText("")
