"""管理's staff accounts as a table (``desktop/views/desk/admin.py``): one account per row.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from desktop.models.formats import format_time
from desktop.models.row_table import Colour, Index, RowTableModel
from desktop.models.staff_admin import ROLE_LABELS, StaffAccount, tr_admin


class StaffTableModel(RowTableModel[StaffAccount]):
    """用户名, 姓名, 角色, 状态, 创建时间, 最近登录."""

    USERNAME, NAME, ROLE, STATE, CREATED, LAST_LOGIN = range(6)

    def __init__(self, parent: QObject | None = None, *, colour: Colour | None = None) -> None:
        super().__init__(parent, colour=colour)
        self.headers = [
            self.tr("用户名"),
            self.tr("姓名"),
            self.tr("角色"),
            self.tr("状态"),
            self.tr("创建时间"),
            self.tr("最近登录"),
        ]

    def replace(self, account: StaffAccount) -> None:
        """Show *account* as the platform now has it: its row updated, or a new last row."""
        for row, shown in enumerate(self.rows):
            if shown.id == account.id:
                self.rows[row] = account
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))
                return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(account)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        account = self.row_at(index)
        if account is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.USERNAME: account.username,
                self.NAME: account.name,
                self.ROLE: tr_admin(ROLE_LABELS.get(account.role, account.role)),
                self.STATE: self.tr("已停用") if account.disabled else self.tr("正常"),
                self.CREATED: format_time(account.created_at),
                self.LAST_LOGIN: format_time(account.last_login_at) or "—",
            }.get(index.column())
        if role == Qt.ItemDataRole.ForegroundRole and account.disabled and self.colour is not None:
            return self.colour("muted")
        return None
