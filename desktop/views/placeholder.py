"""A plain page for screens that later releases build: it says so, and shows nothing fake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPage")
        heading = QLabel(title, self)
        heading.setObjectName("pageTitle")
        body = QLabel(
            self.tr("「{title}」尚未开放，将在后续版本中提供。").format(title=title), self
        )
        body.setObjectName("placeholderText")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addStretch(1)
        layout.addWidget(body)
        layout.addStretch(2)
