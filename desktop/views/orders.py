"""我的订单: the learner's orders, newest first (SPEC §1.4, §1.7; guide 图 9 and 四).

Rows come from the cache first, then ``GET /orders``; the sync's ``order`` refresher keeps
the cache current and the page redraws when ``ChangeBus`` says orders changed.  A pending
order (待支付, e.g. a checkout closed before paying) can be paid from here.  Each row shows
its 发票状态 (未申请 / 已申请 / 已开具 / 不可申请, the reason in its tooltip) and the
actions 申请发票 (only while one may be asked for) and 查看详情 (``InvoiceDialog``).

Money the platform received but refused — a QR payment confirmed after the package's
deadline (issue 15) — shows as 待退款 on its order, and a notice above the list says in
plain words that it goes back the way it came.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.invoices import (
    ISSUED,
    NOT_REQUESTED,
    REQUESTED,
    UNAVAILABLE,
    invoice_problem_text,
    invoice_state,
)
from desktop.models.purchase import Services, format_fen, format_time, order_titles
from desktop.models.purchase_cache import get_orders, put_orders, refresh_orders
from desktop.models.records import Order, Refund
from desktop.models.row_table import RowTableModel
from desktop.views.appearance import theme_colour
from desktop.views.checkout import CheckoutDialog
from desktop.views.enroll import after_purchase
from desktop.views.invoice_dialog import InvoiceDialog
from desktop.views.widgets import present_failure, record_table, tr_rule

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ORDER_ROLE = Qt.ItemDataRole.UserRole
_STATUS_TONES = {"pending": "warning", "paid": "success", "cancelled": "muted"}
_INVOICE_TONES = {
    NOT_REQUESTED: "heading",
    REQUESTED: "warning",
    ISSUED: "success",
    UNAVAILABLE: "muted",
}


#: Room beside the 操作 buttons for the grid line and the focus outline, so that the
#: last button's text is never cut at the table's edge.
_CELL_SLACK = 12


class OrdersServices(Services, Protocol):
    """The purchase screens' services and the platform's clock (the invoice window)."""

    platform_clock: PlatformClock


class OrderTableModel(RowTableModel[Order]):
    """订单编号, 下单时间, 金额, 已购课程, 支付状态 (how it was paid in its tooltip), 发票状态, 操作.

    *now* answers the platform's time: the one-month invoice window is read against it.
    The 操作 cell holds the row's buttons (``OrdersView``), so its text is empty.
    """

    NUMBER, CREATED, AMOUNT, COURSES, STATUS, INVOICE, ACTIONS = range(7)

    def __init__(
        self, parent: QWidget | None = None, *, now: Callable[[], dt.datetime] | None = None
    ) -> None:
        super().__init__(parent)
        self.now = now or (lambda: dt.datetime.now(dt.UTC))
        self.headers = [
            self.tr("订单编号"),
            self.tr("下单时间"),
            self.tr("金额"),
            self.tr("已购课程"),
            self.tr("支付状态"),
            self.tr("发票状态"),
            self.tr("操作"),
        ]

    def set_rows(self, rows: list[Order]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def status_text(self, status: str) -> str:
        return {
            "pending": self.tr("待支付"),
            "paid": self.tr("已支付"),
            "cancelled": self.tr("已取消"),
        }.get(status, status)

    def method_text(self, method: str | None) -> str:
        return {
            "wechat": self.tr("微信支付"),
            "alipay": self.tr("支付宝"),
            "study_card": self.tr("学习卡"),
            "free": self.tr("免费"),
            "cash": self.tr("现金"),
        }.get(method or "", "—")

    def refund_text(self, order: Order) -> str:
        """Why and how much of the order's money goes back, or "" when none does."""
        return "；".join(self._refund_sentence(refund) for refund in order.refunds)

    def _refund_sentence(self, refund: Refund) -> str:
        amount, method = format_fen(refund.amount_fen), self.method_text(refund.method)
        if refund.reason == "package_closed":
            return self.tr("已过截止日期，款项 {amount} 将原路退回（{method}）").format(
                amount=amount, method=method
            )
        return self.tr("款项 {amount} 将原路退回（{method}）").format(amount=amount, method=method)

    def shown_status(self, order: Order) -> str:
        """支付状态 as shown: 待退款 while money of the order is to go back."""
        return self.tr("待退款") if order.refunds else self.status_text(order.status)

    def paid_text(self, order: Order) -> str:
        """已支付（微信支付）: the status, and for a paid order how it was paid."""
        if order.refunds:
            return self.refund_text(order)
        status = self.status_text(order.status)
        if order.status != "paid" or not order.method:
            return status
        return self.tr("{status}（{method}）").format(
            status=status, method=self.method_text(order.method)
        )

    def invoice_text(self, order: Order) -> str:
        return {
            NOT_REQUESTED: self.tr("未申请"),
            REQUESTED: self.tr("已申请"),
            ISSUED: self.tr("已开具"),
            UNAVAILABLE: self.tr("不可申请"),
        }[invoice_state(order, self.now())]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        order, column = self.rows[index.row()], index.column()
        if role == ORDER_ROLE:
            return order
        if role == Qt.ItemDataRole.ToolTipRole and column == self.INVOICE:
            return invoice_problem_text(order, self.now(), tr_rule) or self.invoice_text(order)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS:
            return self.paid_text(order)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                order.number,
                format_time(order.created_at),
                format_fen(order.amount_fen),
                order_titles(order),
                self.shown_status(order),
                self.invoice_text(order),
                "",
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            tone = "warning" if order.refunds else _STATUS_TONES.get(order.status, "text")
            return theme_colour(tone)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.INVOICE:
            return theme_colour(_INVOICE_TONES[invoice_state(order, self.now())])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COURSES:
            return Qt.AlignmentFlag.AlignCenter
        return None


def _fetch_orders(api: ApiClient, cache: Cache | None) -> list[Order]:
    """``GET /orders``, stored in the cache (on a worker)."""
    orders = api.orders()
    if cache is not None:
        put_orders(cache, orders)
    return orders


class OrdersView(QWidget):
    """The 我的订单 page."""

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        services: OrdersServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersView")
        self._tasks = tasks
        self._bus = bus
        self._services = services
        self._account_id = ""
        self.checkout_dialog: CheckoutDialog | None = None
        self.invoice_dialog: InvoiceDialog | None = None

        title = QLabel(self.tr("我的订单"), self)
        title.setObjectName("pageTitle")
        self.invoice_notice = QLabel(
            self.tr(
                "温馨提醒：自购买之日起，可在一个月内申请发票，逾期不可补开。"
                "电子发票会在申请后的7个工作日之内发送到邮箱。学习卡开发票请联系您的开发商。"
            ),
            self,
        )
        self.invoice_notice.setObjectName("helpPanel")
        self.invoice_notice.setWordWrap(True)
        self.refund_notice = QLabel(self)
        self.refund_notice.setObjectName("refundNotice")
        self.refund_notice.setProperty("tone", "warning")
        self.refund_notice.setWordWrap(True)
        self.refund_notice.hide()
        self.model = OrderTableModel(self, now=services.platform_clock.now)
        self.table = record_table(
            self,
            self.model,
            name="orderTable",
            accessible_name=self.tr("订单列表"),
            stretch_column=OrderTableModel.COURSES,
            row_height=44,
        )
        self.table.setWordWrap(True)  # long package titles take two lines
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
        layout.addLayout(bottom)
        self._load: CacheFirstLoad[list[Order]] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._services.cache,
            progress=self.tr("正在加载订单…"),
            show=self._show_rows,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的订单。")
            ),
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
        me = self._services.me
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
        api, cache = self._services.api, self._services.cache
        self._load.start(get_orders, None if api is None else lambda: _fetch_orders(api, cache))

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
        order = self.current_order()
        self.pay_button.setEnabled(
            order is not None and order.status == "pending" and not order.refunds
        )

    def resume_payment(self) -> None:
        """继续支付: the checkout for the chosen 待支付 order."""
        order = self.current_order()
        if order is None or order.status != "pending" or order.refunds:
            return
        api, health = self._services.api, self._services.health
        if api is None:
            self.status_label.setText(self.tr("需要联网才能支付，请连接网络后重试。"))
            return
        dialog = CheckoutDialog(
            self._tasks, api, order, sandbox=bool(health and health.payments_sandbox), parent=self
        )
        dialog.paid.connect(
            lambda _order: after_purchase(self._tasks, self._bus, self._services, self)
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
        """操作 of each row: 申请发票 while one may be asked for, 查看详情 always."""
        now = self._services.platform_clock.now()
        width = 0
        for row, order in enumerate(self.model.rows):
            cell = QWidget(self.table)
            cell.setProperty("role", "linkCell")
            layout = QHBoxLayout(cell)
            layout.setContentsMargins(4, 2, 4, 2)
            layout.setSpacing(4)
            if order.invoice is None and invoice_problem_text(order, now, tr_rule) is None:
                request = QPushButton(self.tr("申请发票"), cell)
                request.setObjectName("requestInvoiceButton")
                request.setAccessibleName(
                    self.tr("申请发票：订单{number}").format(number=order.number)
                )
                request.clicked.connect(lambda _=False, o=order: self.open_invoice(o, form=True))
                layout.addWidget(request)
            details = QPushButton(self.tr("查看详情"), cell)
            details.setObjectName("invoiceDetailsButton")
            details.setAccessibleName(self.tr("查看详情：订单{number}").format(number=order.number))
            details.clicked.connect(lambda _=False, o=order: self.open_invoice(o, form=False))
            layout.addWidget(details)
            self.table.setIndexWidget(self.model.index(row, OrderTableModel.ACTIONS), cell)
            for button in cell.findChildren(QPushButton):
                button.ensurePolished()  # the style sheet's padding counts in its size
                button.setMinimumWidth(button.sizeHint().width())
            cell.ensurePolished()
            width = max(width, cell.sizeHint().width() + _CELL_SLACK)
        # Cell widgets do not size their column: it is as wide as its widest buttons.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OrderTableModel.ACTIONS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(
            OrderTableModel.ACTIONS, max(width, header.sectionSizeHint(OrderTableModel.ACTIONS))
        )

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
        cell = self.table.indexWidget(self.model.index(row, OrderTableModel.ACTIONS))
        return [] if cell is None else cell.findChildren(QPushButton)

    def open_invoice(self, order: Order, *, form: bool) -> None:
        """申请发票 (*form*) or 查看详情 of *order*'s invoice."""
        me = self._services.me
        dialog = InvoiceDialog(
            self._tasks,
            self._services.api,
            order,
            learner_name=me.name if me is not None else "",
            now=self._services.platform_clock.now(),
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
        api, cache = self._services.api, self._services.cache
        if api is None or cache is None:
            self.reload()
            return
        self._tasks.op(
            run=lambda: refresh_orders(api, cache),
            success=self._bus.announce,
            failure=lambda _exc: self.reload(),
            parent=self,
        ).start()

    def _on_invoice_closed(self, dialog: InvoiceDialog) -> None:
        if self.invoice_dialog is dialog:
            self.invoice_dialog = None
        dialog.deleteLater()
