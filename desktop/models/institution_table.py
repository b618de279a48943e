"""学习资源's institutions as a table (``desktop/views/institutions.py``): 地区, 年度, 机构名称,
客服电话, and the 去学习 column the view draws as a button."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.models.api_types import Institution
from desktop.models.row_table import RowTableModel

Index = QModelIndex | QPersistentModelIndex
INSTITUTION_ROLE = Qt.ItemDataRole.UserRole


class InstitutionTableModel(RowTableModel[Institution]):
    """The rows of 学习资源: 地区, 年度, 机构名称, 客服电话, and the 去学习 column."""

    REGION, YEAR, NAME, PHONE, ACTION = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("地区"),
            self.tr("年度"),
            self.tr("机构名称"),
            self.tr("客服电话"),
            self.tr("操作"),
        ]

    def mark_filled(self, institution_id: str) -> None:
        """补充信息 was saved: the row's next 去学习 goes straight to 网上报名."""
        for row, institution in enumerate(self.rows):
            if institution.id == institution_id:
                self.rows[row] = replace(institution, learner_info_filled=True)
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.ACTION))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        institution = self.rows[index.row()]
        column = index.column()
        if role == INSTITUTION_ROLE:
            return institution
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (
                institution.region_name,
                str(institution.year),
                institution.name,
                institution.phone,
                self.tr("去学习 ›"),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.NAME:
            return Qt.AlignmentFlag.AlignCenter
        return None
