"""管理's audit log as a table (``desktop/views/desk/admin.py``): newest first, paged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from desktop.models.formats import format_time
from desktop.models.row_table import Index, RowTableModel
from desktop.models.staff_admin import ACTION_LABELS, AuditEntry, tr_admin


class AuditTableModel(RowTableModel[AuditEntry]):
    """时间, 操作人, 操作, 内容 — newest first."""

    AT, ACTOR, ACTION, SUMMARY = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [self.tr("时间"), self.tr("操作人"), self.tr("操作"), self.tr("内容")]

    def append(self, rows: list[AuditEntry]) -> None:
        """A further (older) page: entries not shown yet go at the end."""
        known = {entry.id for entry in self.rows}
        fresh = [entry for entry in rows if entry.id not in known]
        if not fresh:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(fresh) - 1)
        self.rows.extend(fresh)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.row_at(index)
        if entry is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return {
            self.AT: format_time(entry.at),
            self.ACTOR: entry.actor_name,
            self.ACTION: tr_admin(ACTION_LABELS.get(entry.action, entry.action)),
            self.SUMMARY: entry.summary,
        }.get(index.column())
