"""我的订单: the learner's orders, newest first (SPEC §1.4; guide 图 9 ``订单号 / 订单金额 / 下单时间``).

Rows come from the cache first, then ``GET /orders``; the sync's ``order`` refresher keeps
the cache current and the page redraws when ``ChangeBus`` says orders changed.  A pending
order (待支付, e.g. a checkout closed before paying) can be paid from here.  Invoices
(申请发票) come with a later issue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.purchase import Services, format_fen, format_time, order_titles
from desktop.models.purchase_cache import get_orders, put_orders
from desktop.models.records import Order
from desktop.models.row_table import RowTableModel
from desktop.views.checkout import CheckoutDialog
from desktop.views.enroll import after_purchase
from desktop.views.widgets import present_failure, record_table

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
ORDER_ROLE = Qt.ItemDataRole.UserRole
_STATUS_COLORS = {"pending": "#b06000", "paid": "#137333", "cancelled": "#6b7785"}


class OrderTableModel(RowTableModel[Order]):
    """订单编号, 下单时间, 金额, 课程, 支付方式, 状态."""

    NUMBER, CREATED, AMOUNT, COURSES, METHOD, STATUS = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("订单编号"),
            self.tr("下单时间"),
            self.tr("金额"),
            self.tr("课程"),
            self.tr("支付方式"),
            self.tr("状态"),
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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        order, column = self.rows[index.row()], index.column()
        if role == ORDER_ROLE:
            return order
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                order.number,
                format_time(order.created_at),
                format_fen(order.amount_fen),
                order_titles(order),
                self.method_text(order.method),
                self.status_text(order.status),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor(_STATUS_COLORS.get(order.status, "#000000"))
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
        services: Services,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ordersView")
        self._tasks = tasks
        self._bus = bus
        self._services = services
        self._account_id = ""
        self.checkout_dialog: CheckoutDialog | None = None

        title = QLabel(self.tr("我的订单"), self)
        title.setObjectName("pageTitle")
        self.model = OrderTableModel(self)
        self.table = record_table(
            self,
            self.model,
            name="orderTable",
            accessible_name=self.tr("订单列表"),
            stretch_column=OrderTableModel.COURSES,
            row_height=36,
        )
        self.table.setWordWrap(False)
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
        self.model.set_rows(rows)
        if current is not None:
            for row, order in enumerate(rows):
                if order.id == current.id:
                    self.table.selectRow(row)
        self.status_label.setText(
            self.tr("共 {count} 个订单").format(count=len(rows))
            if rows
            else self.tr("暂无订单。在“学习资源”中选择机构后即可购买课程。")
        )

    # -- paying a pending order -----------------------------------------------------

    def current_order(self) -> Order | None:
        order = self.table.currentIndex().data(ORDER_ROLE)
        return order if isinstance(order, Order) else None

    def _update_pay_button(self) -> None:
        order = self.current_order()
        self.pay_button.setEnabled(order is not None and order.status == "pending")

    def resume_payment(self) -> None:
        """继续支付: the checkout for the chosen 待支付 order."""
        order = self.current_order()
        if order is None or order.status != "pending":
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
