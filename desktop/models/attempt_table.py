"""考试记录 as a table (``desktop/views/exam.py``): the attempts at the year's exam, newest
first.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop.models.exams import AttemptSummary
from desktop.models.formats import format_time
from desktop.models.row_table import Colour, Index, RowTableModel


def result_tone(attempt: AttemptSummary) -> str:
    """The tone of 结果 (a key of the theme's palette)."""
    if attempt.in_progress:
        return "accent"
    return "success" if attempt.passed else "error"


class AttemptTableModel(RowTableModel[AttemptSummary]):
    """考试记录: 第N次, 时间, 成绩, 结果 (newest first)."""

    NUMBER, TIME, SCORE, RESULT = range(4)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        colour: Colour | None = None,
    ) -> None:
        super().__init__(parent, colour=colour)
        self.headers = [self.tr("次数"), self.tr("时间"), self.tr("成绩"), self.tr("结果")]

    def set_rows(self, rows: list[AttemptSummary]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda a: a.number, reverse=True)
        self.endResetModel()

    def result_text(self, attempt: AttemptSummary) -> str:
        if attempt.in_progress:
            return self.tr("考试中")
        text = self.tr("合格") if attempt.passed else self.tr("不合格")
        if attempt.status == "timed_out":
            text = self.tr("{result}（时间到，按已保存的答案评分）").format(result=text)
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        attempt = self.row_at(index)
        if attempt is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                self.tr("第{number}次").format(number=attempt.number),
                format_time(attempt.submitted_at or attempt.started_at)[:16],
                "—" if attempt.score is None else self.tr("{score}分").format(score=attempt.score),
                self.result_text(attempt),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.RESULT and self.colour:
            return self.colour(result_tone(attempt))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.RESULT:
            return Qt.AlignmentFlag.AlignCenter
        return None
