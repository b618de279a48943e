"""An attachment picker: choose or drop a picture, see a thumbnail and what was fixed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.views.file_dialogs import ask_for_image
from desktop.views.widgets import tr_rule
from rules.attachments import ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, size_text

THUMB_W, THUMB_H = 160, 110


class ImageField(QWidget):
    """One attachment (身份证人像面, 免冠照片…).

    ``file_picker`` returns the chosen path or None; tests replace it.

    Signals:
        file_chosen(str, str): the attachment kind and the path the learner picked.
    """

    file_chosen = Signal(str, str)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"attachment_{kind}")
        self.setAcceptDrops(True)
        self.file_picker: Callable[[], str | None] = lambda: ask_for_image(self)
        self.thumbnail = QLabel(self.tr("未选择图片\n可拖放图片到此处"), self)
        self.thumbnail.setObjectName("attachmentThumb")
        self.thumbnail.setFixedSize(THUMB_W, THUMB_H)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setWordWrap(True)  # "No image selected…" fits the box in English
        self.choose_button = QPushButton(self.tr("选择图片…"), self)
        self.choose_button.setObjectName("attachmentChoose")
        self._name_button()
        self.status = QLabel(self)
        self.status.setObjectName("attachmentStatus")
        self.notes = QLabel(self)
        self.notes.setObjectName("hint")
        self.notes.setWordWrap(True)
        hint = QLabel(
            self.tr("JPG/PNG 图片，大小不超过 {size}（过大的图片会自动压缩）").format(
                size=size_text(MAX_ATTACHMENT_BYTES)
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        side = QVBoxLayout()
        side.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.status)
        side.addWidget(self.notes)
        side.addWidget(hint)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(side, 1)
        self.choose_button.clicked.connect(self._on_choose)

    def _name_button(self) -> None:
        """Say which attachment the button picks: a form has several alike."""
        kind = tr_rule(ATTACHMENT_KINDS.get(self.kind, self.kind))
        self.choose_button.setAccessibleName(f"{kind}：{self.choose_button.text()}")

    def _on_choose(self) -> None:
        path = self.file_picker()
        if path:
            self.file_chosen.emit(self.kind, path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.file_chosen.emit(self.kind, url.toLocalFile())
                return

    def show_image(self, jpeg: bytes, notes: list[str], status: str) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg, "JPEG")
        self.thumbnail.setPixmap(
            pixmap.scaled(
                THUMB_W,
                THUMB_H,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.choose_button.setText(self.tr("更换图片…"))
        self._name_button()
        self.set_notes(notes)
        self.set_status(status)

    def set_notes(self, notes: list[str]) -> None:
        self.notes.setText("；".join(notes))

    def set_status(self, status: str) -> None:
        self.status.setText(status)
