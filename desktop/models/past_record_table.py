"""往年继续教育查询's rows as a table (``desktop/views/history.py``): 姓名 / 身份证明号 /
继续教育类型 / 内容 / 年度 / 成绩/学分 / 状态, as the province answered them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.models.certificate import course_type_text
from desktop.models.credit_records import PastRecord
from desktop.models.row_table import RowTableModel
from rules.credits import format_credits

Index = QModelIndex | QPersistentModelIndex


class PastRecordModel(RowTableModel[PastRecord]):
    """姓名 / 身份证明号 / 继续教育类型 / 内容 / 年度 / 成绩/学分 / 状态."""

    NAME, ID_NUMBER, COURSE_TYPE, CONTENT, YEAR, SCORE, STATE = range(7)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = [
            self.tr("姓名"),
            self.tr("身份证明号"),
            self.tr("继续教育类型"),
            self.tr("内容"),
            self.tr("年度"),
            self.tr("成绩/学分"),
            self.tr("状态"),
        ]

    def score_text(self, record: PastRecord) -> str:
        parts = []
        if record.score is not None:
            parts.append(self.tr("{score}分").format(score=record.score))
        if record.credits_tenths is not None:
            parts.append(
                self.tr("{credits}学分").format(credits=format_credits(record.credits_tenths))
            )
        return " / ".join(parts) or "—"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index)
        if record is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                record.name,
                record.id_number_masked,
                course_type_text(record.course_type),
                record.content,
                str(record.year),
                self.score_text(record),
                record.state,
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.CONTENT:
            return Qt.AlignmentFlag.AlignCenter
        return None
