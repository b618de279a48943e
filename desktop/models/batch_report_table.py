"""批量登记's report as a table (``desktop/views/desk/batch.py``): one sheet row per row.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop.models.batch_import import REPORT_HEADERS, ReportRow, result_text, tr_batch
from desktop.models.row_table import Colour, Index, RowTableModel


class ReportTableModel(RowTableModel[ReportRow]):
    """行号, 姓名, 证件号码 (masked), 结果, 原因, 初始密码."""

    NUMBER, NAME, ID_NUMBER, RESULT, REASON, PASSWORD = range(6)

    def __init__(self, parent: QObject | None = None, *, colour: Colour | None = None) -> None:
        super().__init__(parent, colour=colour)
        self.headers = [tr_batch(header) for header in REPORT_HEADERS]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_at(index)
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                self.NUMBER: str(line.number),
                self.NAME: line.name,
                self.ID_NUMBER: line.id_number_masked,
                self.RESULT: result_text(line),
                self.REASON: line.reason,
                self.PASSWORD: line.initial_password,
            }.get(column)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column == self.RESULT
            and not line.registered
            and self.colour is not None
        ):
            return self.colour("error")
        if role == Qt.ItemDataRole.ToolTipRole and column == self.REASON and line.reason:
            return line.reason
        return None
