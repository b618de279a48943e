"""A credit record's detail row as a table (``desktop/views/records.py``'s cards): 行政区划 /
年度 / 学习方式 / 学分 / 创建时间 / 审核时间 / 审核状态 / 备注.

Colours are the view's: it passes *colour* (tone name → colour of the current theme), so
this model needs no widget module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.i18n import tr_rule
from desktop.models.certificate import mode_text
from desktop.models.credit_records import CreditRecord
from desktop.models.formats import format_time
from desktop.models.row_table import Colour, RowTableModel
from rules.credits import format_credits
from rules.records import STATE_LABELS

Index = QModelIndex | QPersistentModelIndex
STATE_TONES = {"not_met": "warning", "expired": "error", "queued": "warning"}
"""The tone of 审核状态 per record state (a key of the theme's palette); else "success"."""


def state_tone(state: str) -> str:
    return STATE_TONES.get(state, "success")


class RecordDetailModel(RowTableModel[CreditRecord]):
    """The detail row of a record: 行政区划 / 年度 / 学习方式 / 学分 / 创建时间 / 审核时间 /
    审核状态 / 备注."""

    REGION, YEAR, MODE, CREDITS, CREATED, REVIEWED, STATE, REMARKS = range(8)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        colour: Colour | None = None,
    ) -> None:
        super().__init__(parent, colour=colour)
        self.headers = [
            self.tr("行政区划"),
            self.tr("年度"),
            self.tr("学习方式"),
            self.tr("学分"),
            self.tr("创建时间"),
            self.tr("审核时间"),
            self.tr("审核状态"),
            self.tr("备注"),
        ]

    @staticmethod
    def credits_text(record: CreditRecord) -> str:
        if record.credits_tenths is not None:
            return format_credits(record.credits_tenths)
        return f"{format_credits(record.earned_tenths)}/{format_credits(record.required_tenths)}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.row_at(index)
        if record is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (
                record.region_name or "—",
                str(record.year),
                mode_text(record.learning_mode),
                self.credits_text(record),
                format_time(record.queued_at or record.reported_at) or "—",
                format_time(record.reviewed_at) or "—",
                tr_rule(STATE_LABELS.get(record.state, record.state)),
                record.remarks or "—",
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE and self.colour:
            return self.colour(state_tone(record.state))
        if role == Qt.ItemDataRole.TextAlignmentRole and column != self.REMARKS:
            return Qt.AlignmentFlag.AlignCenter
        return None
