"""前台登记's 今日登记 as a table (``desktop/views/desk/desk.py``): one walk-in per row.

Only what the platform lists is shown, ID numbers and phones masked by the platform.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from desktop.models.formats import format_time
from desktop.models.row_table import Index, RowTableModel

if TYPE_CHECKING:
    from desktop.models.walk_in import WalkIn


class WalkInTableModel(RowTableModel["WalkIn"]):
    """今日登记: 登记时间, 姓名, 证件号码 (masked), 手机号码 (masked), 登记人, 订单."""

    TIME, NAME, ID_NUMBER, PHONE, BY, ORDERS = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("登记时间"),
            self.tr("姓名"),
            self.tr("证件号码"),
            self.tr("手机号码"),
            self.tr("登记人"),
            self.tr("订单"),
        ]

    def orders_text(self, walk_in: WalkIn) -> str:
        """未下单, 待支付 (any order waits), 已支付, or 已取消."""
        if not walk_in.orders:
            return self.tr("未下单")
        states = {o.status for o in walk_in.orders}
        if "pending" in states:
            return self.tr("待支付")
        if "paid" in states:
            return self.tr("已支付")
        return self.tr("已取消")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        walk_in = self.row_at(index)
        if walk_in is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.TIME: time_of_day(walk_in.registered_at),
            self.NAME: walk_in.name,
            self.ID_NUMBER: walk_in.id_number_masked,
            self.PHONE: walk_in.phone_masked,
            self.BY: walk_in.registered_by,
            self.ORDERS: self.orders_text(walk_in),
        }.get(index.column())


def time_of_day(iso: str) -> str:
    """ "2021-06-21T01:30:00+00:00" → "09:30": the desk's day is China time, as the platform's."""
    shown = format_time(iso)
    return shown[11:16] if len(shown) >= 16 else shown
