"""我的订单 as a table (``desktop/views/orders.py``): one order per row, newest first.

*now* answers the platform's time (the one-month invoice window is read against it), and
colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.i18n import tr_rule
from desktop.models.api_types import Order, Refund
from desktop.models.formats import format_time
from desktop.models.invoices import (
    ISSUED,
    NOT_REQUESTED,
    REQUESTED,
    UNAVAILABLE,
    invoice_problem_text,
    invoice_state,
)
from desktop.models.purchase import order_titles
from desktop.models.row_table import Colour, RowTableModel
from rules.money import format_fen

Index = QModelIndex | QPersistentModelIndex
ORDER_ROLE = Qt.ItemDataRole.UserRole
STATUS_TONES = {"pending": "warning", "paid": "success", "cancelled": "muted"}
INVOICE_TONES = {
    NOT_REQUESTED: "heading",
    REQUESTED: "warning",
    ISSUED: "success",
    UNAVAILABLE: "muted",
}
"""The tones (keys of the theme's palette) of 支付状态 and 发票状态."""


class OrderTableModel(RowTableModel[Order]):
    """订单编号, 下单时间, 金额, 已购课程, 支付状态 (how it was paid in its tooltip), 发票状态, 操作.

    The 操作 cell holds the view's row buttons, so its text is empty.
    """

    NUMBER, CREATED, AMOUNT, COURSES, STATUS, INVOICE, ACTIONS = range(7)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        now: Callable[[], dt.datetime] | None = None,
        colour: Colour | None = None,
    ) -> None:
        super().__init__(parent, colour=colour)
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
        if role == Qt.ItemDataRole.ForegroundRole and self.colour is not None:
            if column == self.STATUS:
                tone = "warning" if order.refunds else STATUS_TONES.get(order.status, "text")
                return self.colour(tone)
            if column == self.INVOICE:
                return self.colour(INVOICE_TONES[invoice_state(order, self.now())])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.COURSES:
            return Qt.AlignmentFlag.AlignCenter
        return None
