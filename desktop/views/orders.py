"""我的订单: the learner's orders, newest first (SPEC §1.4, §1.7; guide 图 9 and 四).

Rows come from the cache first, then ``GET /orders``; the sync's ``order`` refresher keeps
the cache current and the page redraws when ``ChangeBus`` says orders changed.  A pending
order (待支付, e.g. a checkout closed before paying) can be paid from here.  Each row shows
its 发票状态 (未申请 / 已申请 / 已开具 / 不可申请, the reason in its tooltip) and the
actions 申请发票 (only while one may be asked for) and 查看详情 (``InvoiceDialog``).

Money the platform received but refused — a QR payment confirmed after the package's
deadline (issue 15) — shows as 待退款 on its order, and a notice above the list says in
plain words that it goes back the way it came.

Its operations live in ``desktop/models/orders.py`` (the orders, 继续支付 and 申请发票 as
offered), its table in ``desktop/models/order_table.py``, the invoice rules in
``desktop/models/invoices.py``.  This module builds the widgets and starts the ops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import Order
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import log_failure
from desktop.models.order_table import ORDER_ROLE, OrderTableModel
from desktop.models.orders import can_request_invoice, can_resume_payment, load_orders
from desktop.models.purchase_cache import get_orders, refresh_orders
from desktop.views.appearance import theme_colour
from desktop.views.checkout import CheckoutDialog
from desktop.views.enroll import after_purchase
from desktop.views.invoice_dialog import InvoiceDialog
from desktop.views.widgets import present_failure, record_table
from rules.invoice import DELIVERY_WORKING_DAYS, WINDOW_MONTHS

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


class OrdersView(QWidget):
    """The 我的订单 page."""

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self._account_id = ""
        self.checkout_dialog: CheckoutDialog | None = None
        self.invoice_dialog: InvoiceDialog | None = None

        title = QLabel(self.tr("我的订单"), self)
        title.setObjectName("pageTitle")
        self.invoice_notice = QLabel(
            self.tr(
                "温馨提醒：自购买之日起，可在{months}个月内申请发票，逾期不可补开。"
                "电子发票会在申请后的{days}个工作日之内发送到邮箱。学习卡开发票请联系您的开发商。"
            ).format(months=WINDOW_MONTHS, days=DELIVERY_WORKING_DAYS),
            self,
        )
        self.invoice_notice.setObjectName("helpPanel")
        self.invoice_notice.setWordWrap(True)
        self.refund_notice = QLabel(self)
        self.refund_notice.setObjectName("refundNotice")
        self.refund_notice.setProperty("tone", "warning")
        self.refund_notice.setWordWrap(True)
        self.refund_notice.hide()
        self.model = OrderTableModel(self, now=session.platform_clock.now, colour=theme_colour)
        self.table = record_table(
            self,
            self.model,
            name="orderTable",
            accessible_name=self.tr("订单列表"),
            stretch_column=OrderTableModel.COURSES,
            row_height=44,
        )
        self.table.setWordWrap(True)  # long package titles take two lines
        # 操作: real buttons under the table, one line per order — buttons placed in cells
        # (setIndexWidget) are not in Qt's accessible table: a screen reader never found
        # 申请发票 or 查看详情.
        self.table.setColumnHidden(OrderTableModel.ACTIONS, True)
        self.action_rows = QWidget(self)
        self.action_rows.setObjectName("orderActions")
        self._actions_layout = QVBoxLayout(self.action_rows)
        self._actions_layout.setContentsMargins(0, 0, 0, 0)
        self._row_buttons: list[list[QPushButton]] = []
        self.pay_button = QPushButton(self.tr("继续支付"), self)
        self.pay_button.setObjectName("resumePaymentButton")
        self.pay_button.setEnabled(False)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.pay_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.invoice_notice)
        layout.addWidget(self.refund_notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.action_rows)
        layout.addLayout(bottom)
        self._load: CacheFirstLoad[list[Order]] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载订单…"),
            show=self._show_rows,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的订单。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._bus.changed.connect(self._on_changed)
        self.table.selectionModel().currentRowChanged.connect(
            lambda _current, _previous: self._update_pay_button()
        )
        self.model.modelReset.connect(self._update_pay_button)
        self.table.activated.connect(lambda _index: self.resume_payment())
        self.pay_button.clicked.connect(self.resume_payment)

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        if me is not None and me.id != self._account_id:
            self._account_id = me.id
            self.model.set_rows([])  # never a moment of the previous learner's orders
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        # Hidden, the page reloads when shown again.
        if changes.orders and self.isVisible():
            self._load.read_cache(get_orders)  # the cache now holds what the change brought

    def reload(self) -> None:
        """The cache's orders at once, then the platform's (stored in the cache)."""
        api, cache = self._session.api, self._session.cache
        self._load.start(get_orders, None if api is None else lambda: load_orders(api, cache))

    def _show_rows(self, rows: list[Order]) -> None:
        current = self.current_order()
        focused = self._focused_action()
        self.model.set_rows(rows)
        self._place_action_buttons()
        if focused is not None:
            self._refocus_action(*focused)
        if current is not None:
            for row, order in enumerate(rows):
                if order.id == current.id:
                    self.table.selectRow(row)
        self.status_label.setText(
            self.tr("共 {count} 个订单").format(count=len(rows))
            if rows
            else self.tr("暂无订单。在“学习资源”中选择机构后即可购买课程。")
        )
        refunds = [
            self.tr("订单 {number}：{text}。").format(
                number=order.number, text=self.model.refund_text(order)
            )
            for order in rows
            if order.refunds
        ]
        self.refund_notice.setText("\n".join(refunds))
        self.refund_notice.setVisible(bool(refunds))

    # -- paying a pending order -----------------------------------------------------

    def current_order(self) -> Order | None:
        order = self.table.currentIndex().data(ORDER_ROLE)
        return order if isinstance(order, Order) else None

    def _update_pay_button(self) -> None:
        self.pay_button.setEnabled(can_resume_payment(self.current_order()))

    def resume_payment(self) -> None:
        """继续支付: the checkout for the chosen 待支付 order."""
        order = self.current_order()
        if order is None or not can_resume_payment(order):
            return
        api, health = self._session.api, self._session.health
        if api is None:
            self.status_label.setText(self.tr("需要联网才能支付，请连接网络后重试。"))
            return
        dialog = CheckoutDialog(
            self._tasks, api, order, sandbox=bool(health and health.payments_sandbox), parent=self
        )
        dialog.paid.connect(
            lambda _order: after_purchase(self._tasks, self._bus, self._session, self)
        )
        dialog.finished.connect(lambda _result: self._on_checkout_closed(dialog))
        self.checkout_dialog = dialog
        dialog.open()

    def _on_checkout_closed(self, dialog: CheckoutDialog) -> None:
        if self.checkout_dialog is dialog:
            self.checkout_dialog = None
        dialog.deleteLater()
        self.reload()

    # -- invoices -------------------------------------------------------------------

    def _place_action_buttons(self) -> None:
        """操作 of each order: 申请发票 while one may be asked for, 查看详情 always; with
        several orders the buttons say which order they are for."""
        while (item := self._actions_layout.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.hide()
                old.deleteLater()
        self._row_buttons = []
        now = self._session.platform_clock.now()
        several = len(self.model.rows) > 1
        before: QWidget = self.table  # Tab: the table, then the orders' buttons
        for order in self.model.rows:
            line = QWidget(self.action_rows)
            layout = QHBoxLayout(line)
            layout.setContentsMargins(0, 0, 0, 0)
            buttons = []
            if can_request_invoice(order, now):
                request = QPushButton(line)
                request.setObjectName("requestInvoiceButton")
                named = self.tr("申请发票：订单{number}").format(number=order.number)
                request.setText(named if several else self.tr("申请发票"))
                request.setAccessibleName(named)
                request.clicked.connect(lambda _=False, o=order: self.open_invoice(o, form=True))
                buttons.append(request)
            details = QPushButton(line)
            details.setObjectName("invoiceDetailsButton")
            named = self.tr("查看详情：订单{number}").format(number=order.number)
            details.setText(named if several else self.tr("查看详情"))
            details.setAccessibleName(named)
            details.clicked.connect(lambda _=False, o=order: self.open_invoice(o, form=False))
            buttons.append(details)
            for button in buttons:
                layout.addWidget(button)
                QWidget.setTabOrder(before, button)
                before = button
            layout.addStretch(1)
            self._actions_layout.addWidget(line)
            line.show()  # now, not at the layout's queued show: the page is already drawn
            self._row_buttons.append(buttons)

    def _focused_action(self) -> tuple[str, str] | None:
        """The order and kind of the row button the keyboard is on, if any."""
        focus = QApplication.focusWidget()
        for row, order in enumerate(self.model.rows):
            for button in self.action_buttons(row):
                if button is focus:
                    return order.id, button.objectName()
        return None

    def _refocus_action(self, order_id: str, name: str) -> None:
        """A refresh rebuilt the row buttons: put the focus back on the same one (else
        the keyboard user is thrown to the next control of the window)."""
        for row, order in enumerate(self.model.rows):
            if order.id == order_id:
                for button in self.action_buttons(row):
                    if button.objectName() == name:
                        button.setFocus(Qt.FocusReason.OtherFocusReason)
                        return
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def action_buttons(self, row: int) -> list[QPushButton]:
        """The buttons of 操作 in *row* (for tests and screen readers)."""
        return list(self._row_buttons[row]) if 0 <= row < len(self._row_buttons) else []

    def open_invoice(self, order: Order, *, form: bool) -> None:
        """申请发票 (*form*) or 查看详情 of *order*'s invoice."""
        me = self._session.me
        dialog = InvoiceDialog(
            self._tasks,
            self._session.api,
            order,
            learner_name=me.name if me is not None else "",
            now=self._session.platform_clock.now(),
            parent=self,
        )
        dialog.requested.connect(lambda _invoice: self._on_invoice_requested())
        dialog.finished.connect(lambda _result: self._on_invoice_closed(dialog))
        self.invoice_dialog = dialog
        if form:
            dialog.show_form()
        else:
            dialog.show_details()
        dialog.open()

    def _on_invoice_requested(self) -> None:
        """The platform took it: 我的订单 (and its cache) show 已申请."""
        api, cache = self._session.api, self._session.cache
        if api is None or cache is None:
            self.reload()
            return
        self._tasks.op(
            run=lambda: refresh_orders(api, cache),
            success=self._bus.announce,
            failure=self._on_orders_not_refreshed,
            parent=self,
        ).start()

    def _on_orders_not_refreshed(self, exc: BaseException) -> None:
        log_failure(exc, "orders not refreshed after an invoice request")
        self.reload()  # what the cache holds

    def _on_invoice_closed(self, dialog: InvoiceDialog) -> None:
        if self.invoice_dialog is dialog:
            self.invoice_dialog = None
        dialog.deleteLater()
