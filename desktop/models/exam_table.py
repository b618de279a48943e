"""我的考试 as a table (``desktop/views/exam.py``): one exam per row, the 操作 cell left to
the view's row button.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt

from desktop.models.exams import (
    AVAILABLE,
    CLOSED,
    FAILED,
    IN_PROGRESS,
    NOT_OPEN,
    PASSED,
    STUDY_REQUIRED,
    Exam,
)
from desktop.models.formats import format_date
from desktop.models.row_table import Colour, Index, RowTableModel

STATUS_TONES = {
    STUDY_REQUIRED: "warning",
    NOT_OPEN: "muted",
    AVAILABLE: "accent",
    IN_PROGRESS: "accent",
    PASSED: "success",
    FAILED: "error",
    CLOSED: "muted",
}
"""The tone of 考试状态 per status (a key of the theme's palette)."""


class ExamTableModel(RowTableModel[Exam]):
    """我的考试: 试卷名称, 需要学习时间, 开放时间, 关闭时间, 通过分数, 成绩, 考试状态, 考试机会, 操作.

    The 操作 cell holds the row's button (``ExamView``), so its text is empty.
    """

    TITLE, REQUIRED, OPENS, CLOSES, PASS, SCORE, STATUS, CHANCES, ACTION = range(9)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        colour: Colour | None = None,
    ) -> None:
        super().__init__(parent, colour=colour)
        self.headers = [
            self.tr("试卷名称"),
            self.tr("需要学习时间"),
            self.tr("开放时间"),
            self.tr("关闭时间"),
            self.tr("通过分数"),
            self.tr("成绩"),
            self.tr("考试状态"),
            self.tr("考试机会"),
            self.tr("操作"),
        ]

    def status_text(self, exam: Exam) -> str:
        if exam.status == STUDY_REQUIRED:
            return self.tr("本课程还需学习{minutes}分钟").format(
                minutes=exam.remaining_study_minutes
            )
        return {
            NOT_OPEN: self.tr("未开放"),
            AVAILABLE: self.tr("可以考试"),
            IN_PROGRESS: self.tr("考试中"),
            PASSED: self.tr("已通过"),
            FAILED: self.tr("未通过"),
            CLOSED: self.tr("已截止"),
        }.get(exam.status, exam.status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        exam = self.row_at(index)
        if exam is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                exam.title,
                self.tr("{minutes}分钟").format(minutes=exam.required_minutes),
                format_date(exam.opens_at),
                format_date(exam.closes_at),
                self.tr("{score}分").format(score=exam.pass_score),
                "—" if exam.best_score is None else str(exam.best_score),
                self.status_text(exam),
                self.tr("已考{count}次，不限次数").format(count=exam.attempts_used),
                "",
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS and self.colour:
            return self.colour(STATUS_TONES.get(exam.status, "text"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.TITLE:
            return Qt.AlignmentFlag.AlignCenter
        return None
