"""The four-step chain of a credit record, drawn as the guide draws it (SPEC §1.9).

远程机构 已回传 → 财政管理机构 已审核 (联系电话) → 完成状态 已完成 → 省专业技术人员继续教育平台
回传成功: a circle per step joined by lines; a reached step is filled and shows its date,
a pending one is grey.  The steps come from ``rules.records.CHAIN``; each step is a widget
of its own with an accessible name saying who, what and when (or that it is pending), so a
screen reader reads the chain as a sighted learner sees it.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from desktop.models.credit_records import CreditRecord, chain_steps
from desktop.models.formats import format_time
from desktop.views.appearance import set_look, theme_colour
from desktop.views.widgets import tr_rule

_DOT = 28
_STEP_WIDTH = 150


class StepDot(QWidget):
    """The circle of one step: filled with a check mark when reached, a grey ring if not."""

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.reached = False
        self.setFixedSize(_DOT, _DOT)

    def set_reached(self, reached: bool) -> None:
        self.reached = reached
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(2, 2, _DOT - 4, _DOT - 4)
        color = theme_colour("primary_bg" if self.reached else "pending_marker")
        painter.setPen(QPen(color, 2))
        painter.setBrush(color if self.reached else theme_colour("surface"))
        painter.drawEllipse(rect)
        if self.reached:
            pen = QPen(theme_colour("primary_text"), 2.4)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPolyline([QPointF(8.5, 14.5), QPointF(12.5, 18.5), QPointF(19.5, 10.0)])
        else:
            font = QFont(painter.font())
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(self.number))


class StepLine(QWidget):
    """The line joining two steps, coloured when the step after it is reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reached = False
        self.setMinimumWidth(24)
        self.setFixedHeight(_DOT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_reached(self, reached: bool) -> None:
        self.reached = reached
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(48, _DOT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(theme_colour("primary_bg" if self.reached else "pending_marker"), 3))
        y = self.height() / 2
        painter.drawLine(QPointF(0, y), QPointF(self.width(), y))


class StepItem(QWidget):
    """The text under a circle: who, what (or 等待中), the date and, once reviewed, the
    finance bureau's phone."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordStep")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable by keyboard, read aloud
        self.who_label = QLabel(self)
        self.who_label.setWordWrap(True)
        self.who_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.what_label = QLabel(self)
        self.what_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.when_label = QLabel(self)
        self.when_label.setObjectName("hint")
        self.when_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phone_label = QLabel(self)
        self.phone_label.setObjectName("hint")
        self.phone_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setVerticalSpacing(2)
        for row, label in enumerate(
            (self.who_label, self.what_label, self.when_label, self.phone_label)
        ):
            layout.addWidget(label, row, 0)
        self.reached = False

    def show_step(self, who: str, what: str, reached: bool, when: str, phone: str) -> None:
        self.reached = reached
        self.who_label.setText(who)
        set_look(self.who_label, strong=True, tone="heading" if reached else "muted")
        self.what_label.setText(what if reached else self.tr("等待中"))
        set_look(self.what_label, tone="success" if reached else "muted")
        self.when_label.setText(when)
        self.when_label.setVisible(bool(when))
        self.phone_label.setText(self.tr("联系电话 {phone}").format(phone=phone) if phone else "")
        self.phone_label.setVisible(bool(phone))
        if reached:
            name = self.tr("{who}：{what}").format(who=who, what=what)
            if when:
                name += self.tr("，{when}").format(when=when)
            if phone:
                name += self.tr("，联系电话 {phone}").format(phone=phone)
        else:
            name = self.tr("{who}：等待中（尚未{what}）").format(who=who, what=what)
        self.setAccessibleName(name)


class RecordStepper(QWidget):
    """The chain of one record: four circles joined by lines, the text under each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordStepper")
        self.dots: list[StepDot] = []
        self.lines: list[StepLine] = []
        self.steps: list[StepItem] = []
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setHorizontalSpacing(0)
        layout.setVerticalSpacing(4)
        count = 4
        for index in range(count):
            dot = StepDot(index + 1, self)
            step = StepItem(self)
            column = index * 2
            layout.addWidget(dot, 0, column, Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(step, 1, column, Qt.AlignmentFlag.AlignTop)
            layout.setColumnStretch(column, 0)
            layout.setColumnMinimumWidth(column, _STEP_WIDTH)  # evenly spaced circles
            self.dots.append(dot)
            self.steps.append(step)
            if index < count - 1:
                line = StepLine(self)
                layout.addWidget(line, 0, column + 1)
                layout.setColumnStretch(column + 1, 1)
                self.lines.append(line)

    def set_record(self, record: CreditRecord) -> None:
        for index, (state, who, what, reached, at) in enumerate(chain_steps(record)):
            phone = (record.reviewer_phone or "") if state == "reviewed" and reached else ""
            self.dots[index].set_reached(reached)
            self.steps[index].show_step(
                tr_rule(who), tr_rule(what), reached, format_time(at), phone
            )
            if index > 0:
                self.lines[index - 1].set_reached(reached)
        count = sum(1 for step in self.steps if step.reached)
        self.setAccessibleName(self.tr("回传进度：{count}/4").format(count=count))
