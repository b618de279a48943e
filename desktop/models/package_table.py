"""The packages of 网上报名 as a table (``desktop/views/enroll.py``): only buyable ones can
be ticked, and ticks survive a reload while their package stays buyable.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.models.api_types import Package
from desktop.models.formats import format_date
from desktop.models.purchase import PackageState, package_state
from desktop.models.row_table import Colour, RowTableModel
from rules.credits import format_credits
from rules.money import format_fen

Index = QModelIndex | QPersistentModelIndex
PACKAGE_ROLE = Qt.ItemDataRole.UserRole
STATE_TONES = {
    PackageState.OWNED: "success",
    PackageState.CLOSED: "muted",
    PackageState.BUYABLE: "heading",
}
"""The tone of 状态's text per state (a key of the theme's palette)."""


class PackageTableModel(RowTableModel[Package]):
    """选择, 年度, 学习类型名称, 学分, 关闭时间, 学费, 状态; only buyable packages can be ticked.

    Signals:
        ticked_changed(): the set of ticked packages changed.
    """

    CHOOSE, YEAR, TITLE, CREDITS, CLOSES, PRICE, STATE = range(7)
    ticked_changed = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        colour: Colour | None = None,
    ) -> None:
        super().__init__(parent, colour=colour)
        self.ticked: list[str] = []
        self.headers = [
            self.tr("选择"),
            self.tr("年度"),
            self.tr("学习类型名称"),
            self.tr("学分"),
            self.tr("关闭时间"),
            self.tr("学费"),
            self.tr("状态"),
        ]

    def set_rows(self, rows: list[Package]) -> None:
        """Show *rows*; ticks survive a reload while their package stays buyable."""
        self.beginResetModel()
        self.rows = list(rows)
        buyable = {p.id for p in rows if package_state(p) is PackageState.BUYABLE}
        self.ticked = [i for i in self.ticked if i in buyable]
        self.endResetModel()
        self.ticked_changed.emit()

    def ticked_packages(self) -> list[Package]:
        return [p for p in self.rows if p.id in self.ticked]

    def state_text(self, package: Package) -> str:
        state = package_state(package)
        if state is PackageState.OWNED:
            return self.tr("已购买")
        if state is PackageState.CLOSED:
            return self.tr("已截止")
        if package.pending_order_id:
            return self.tr("待支付")
        return self.tr("可购买")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        package = self.rows[index.row()]
        if index.column() == self.CHOOSE and package_state(package) is PackageState.BUYABLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        package, column = self.rows[index.row()], index.column()
        if role == PACKAGE_ROLE:
            return package
        if role == Qt.ItemDataRole.CheckStateRole and column == self.CHOOSE:
            if package_state(package) is not PackageState.BUYABLE:
                return None
            ticked = package.id in self.ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(package, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and self.colour:
            return self.colour(STATE_TONES[package_state(package)])
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.TITLE:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _display(self, package: Package, column: int) -> str | None:
        if column == self.CHOOSE:
            return None
        if column == self.YEAR:
            return self.tr("{year}年").format(year=package.year)
        if column == self.TITLE:
            return package.title
        if column == self.CREDITS:
            return format_credits(package.credits_tenths)
        if column == self.CLOSES:
            return format_date(package.closes_at)
        if column == self.PRICE:
            return self.tr("免费") if package.price_fen == 0 else format_fen(package.price_fen)
        return self.state_text(package)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.CheckStateRole
            or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        package_id = self.rows[index.row()].id
        checked = _check_state(value) == Qt.CheckState.Checked
        if checked and package_id not in self.ticked:
            self.ticked.append(package_id)
        elif not checked and package_id in self.ticked:
            self.ticked.remove(package_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True


def _check_state(value: Any) -> Qt.CheckState:
    if isinstance(value, Qt.CheckState):
        return value
    return Qt.CheckState(int(value))
