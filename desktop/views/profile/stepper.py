"""The step bar of the web form: 个人信息 → 学历信息 → 工作信息 → 专业技术信息 → 提交 → 完成."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from rules._i18n import QT_TRANSLATE_NOOP

# Marked, not translated: at import time no language is installed yet.
STEP_TITLES = (
    (QT_TRANSLATE_NOOP("Stepper", "个人信息"), QT_TRANSLATE_NOOP("Stepper", "第一步")),
    (QT_TRANSLATE_NOOP("Stepper", "学历信息"), QT_TRANSLATE_NOOP("Stepper", "第二步")),
    (QT_TRANSLATE_NOOP("Stepper", "工作信息"), QT_TRANSLATE_NOOP("Stepper", "第三步")),
    (QT_TRANSLATE_NOOP("Stepper", "专业技术信息"), QT_TRANSLATE_NOOP("Stepper", "第四步")),
    (QT_TRANSLATE_NOOP("Stepper", "提交"), ""),
    (QT_TRANSLATE_NOOP("Stepper", "完成"), ""),
)
SUBMIT_STEP = 4
DONE_STEP = 5


class Stepper(QWidget):
    """Shows every step; the current one highlighted, the ones before it marked done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepper")
        self.labels: list[QLabel] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        for index, (title, subtitle) in enumerate(STEP_TITLES):
            if index:
                arrow = QLabel("→", self)
                arrow.setObjectName("stepArrow")
                layout.addWidget(arrow)
            label = QLabel(self)
            label.setObjectName("step")
            label.setWordWrap(True)  # long English titles break, not widen the page
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title, subtitle = self.tr(title), self.tr(subtitle) if subtitle else ""
            label.setText(title + (f"\n{subtitle}" if subtitle else ""))
            layout.addWidget(label, 1)
            self.labels.append(label)
        self.current = 0
        self.set_current(0)

    def set_current(self, step: int) -> None:
        self.current = step
        for index, label in enumerate(self.labels):
            state = "current" if index == step else ("done" if index < step else "todo")
            label.setProperty("state", state)
            label.setAccessibleName(
                label.text().replace("\n", " ")
                + (self.tr("（当前步骤）") if state == "current" else "")
            )
            label.style().unpolish(label)
            label.style().polish(label)
