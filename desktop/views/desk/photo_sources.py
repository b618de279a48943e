"""A photo slot of the walk-in form and where its picture comes from (SPEC §6).

Three sources: a file (从文件选择…), the newest image a scanner drops into its output folder
(扫描仪文件夹, watched with ``QFileSystemWatcher``), and a camera when Qt Multimedia is
installed (PySide6-Addons) and finds one.  Whatever the source, the picture is prepared in
memory exactly as the learner's path prepares it (``desktop.models.images``: orientation,
JPEG, within the attachment size limit) and never written anywhere: no copy, no temporary
file, no thumbnail on disk.  The scanner folder is the user's; we only read it.

The watching of the scanner folder and the preparing of pictures live in
``desktop.models.desk_photo_sources``; here are the slot's widgets and the camera dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.desk_photo_sources import (
    FOLDER_PURPOSE,
    RETRIES,
    SETTLE_MS,
    ScannerFolder,
    camera_available,
    png_bytes,
    prepare_photo,
)
from desktop.views.file_dialogs import ask_for_folder, ask_for_image
from desktop.views.widgets import ErrorLabel, tr, tr_rule
from rules.attachments import ATTACHMENT_KINDS

if TYPE_CHECKING:
    from desktop.models.tasks import TaskRunner

THUMB_W, THUMB_H = 150, 100


def camera_unavailable_reason() -> str | None:
    """None when a camera can be used, else why not (shown on the disabled 拍照 button)."""
    if camera_available():
        return None
    return tr("未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头")


def ask_for_scanner_folder(start: str) -> str | None:
    """The scanner folder picker of ``ScannerFolder`` (a dialog; tests replace it): it opens
    in the folder remembered under ``--data-dir`` (*start*), else in 下载."""
    return ask_for_folder(
        None,
        title=tr("选择扫描仪的输出文件夹"),
        purpose=FOLDER_PURPOSE,
        fallback=Path(start) if start else None,
    )


class PhotoSlot(QWidget):
    """One photo of the walk-in (身份证人像面, 免冠照片…) with its three sources.

    ``file_picker`` returns a chosen path or None; tests replace it.

    Signals:
        photo_ready(str, bytes, list): the kind, the prepared JPEG and what was fixed.
        photo_failed(str, str): the kind and why the picture cannot be used.
    """

    photo_ready = Signal(str, bytes, list)
    photo_failed = Signal(str, str)

    def __init__(
        self,
        kind: str,
        tasks: TaskRunner,
        scanner: ScannerFolder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self._tasks = tasks
        self._scanner = scanner
        self.jpeg: bytes | None = None
        self.waiting_for_scan = False
        self._generation = 0  # a picture prepared for a cleared slot is dropped
        self._retries = 0
        self.camera_dialog: CameraDialog | None = None
        self.setObjectName(f"photo_{kind}")
        self.file_picker: Callable[[], str | None] = lambda: ask_for_image(self)

        self.thumbnail = QLabel(self.tr("未选择图片"), self)
        self.thumbnail.setObjectName("attachmentThumb")
        self.thumbnail.setFixedSize(THUMB_W, THUMB_H)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_button = QPushButton(self.tr("从文件选择…"), self)
        self.file_button.setObjectName("photoFromFile")
        self.scanner_button = QPushButton(self.tr("扫描仪文件夹"), self)
        self.scanner_button.setObjectName("photoFromScanner")
        self.scanner_button.setCheckable(True)
        self.camera_button = QPushButton(self.tr("拍照"), self)
        self.camera_button.setObjectName("photoFromCamera")
        # Three photos, three sets of alike buttons: each says which photo it is for.
        title = tr_rule(ATTACHMENT_KINDS.get(kind, kind))
        for button in (self.file_button, self.scanner_button, self.camera_button):
            button.setAccessibleName(f"{title}：{button.text()}")
        reason = camera_unavailable_reason()
        self.camera_button.setEnabled(reason is None)
        self.camera_button.setToolTip(reason or self.tr("用摄像头拍摄"))
        self.camera_note = QLabel(reason or "", self)
        self.camera_note.setObjectName("hint")
        self.camera_note.setWordWrap(True)
        self.camera_note.setVisible(reason is not None)
        self.status = QLabel(self)
        self.status.setObjectName("attachmentStatus")
        self.status.setWordWrap(True)
        self.error = ErrorLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.scanner_button)
        buttons.addWidget(self.camera_button)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addWidget(self.camera_note)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(side, 1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.file_button.clicked.connect(self._on_file_clicked)
        self.scanner_button.clicked.connect(self._on_scanner_clicked)
        self.camera_button.clicked.connect(self._on_camera_clicked)
        self._scanner.image_arrived.connect(self._on_scanned)

    # -- sources --------------------------------------------------------------------

    def _on_file_clicked(self) -> None:
        path = self.file_picker()
        if path:
            self._set_waiting(False)
            self.take(path)

    def _on_scanner_clicked(self) -> None:
        if self.waiting_for_scan:
            self._set_waiting(False)
            return
        if not self._scanner.choose():
            self.scanner_button.setChecked(False)
            return
        self._set_waiting(True)

    def _set_waiting(self, waiting: bool) -> None:
        self.waiting_for_scan = waiting
        self.scanner_button.setChecked(waiting)
        if waiting:
            # One slot waits at a time: the next scan goes to the last one asked.
            for slot in self.window().findChildren(PhotoSlot):
                if slot is not self and slot.waiting_for_scan:
                    slot._set_waiting(False)
            self.status.setText(
                self.tr("等待扫描仪：请将证件放入扫描仪并扫描（{folder}）").format(
                    folder=self._scanner.folder
                )
            )
        elif self.status.text().startswith(self.tr("等待扫描仪")):
            self.status.setText("")

    def _on_scanned(self, path: str) -> None:
        if self.waiting_for_scan:
            self._set_waiting(False)
            self._retries = RETRIES
            self.take(path)

    def _on_camera_clicked(self) -> None:
        dialog = CameraDialog(self)
        dialog.captured.connect(self.take)
        dialog.finished.connect(dialog.deleteLater)
        self.camera_dialog = dialog
        dialog.open()

    # -- the picture ----------------------------------------------------------------

    def take(self, source: str | bytes) -> None:
        """Prepare a picture (a path or the image in memory) off the GUI thread."""
        self.error.clear_message()
        self.status.setText(self.tr("正在处理图片…"))
        generation = self._generation
        self._tasks.op(
            run=lambda: prepare_photo(source),
            success=lambda result: self._on_prepared(generation, result),
            failure=lambda exc: self._on_prepare_failed(generation, source, exc),
            parent=self,
        ).with_progress(self.tr("正在处理图片…")).start()

    def _on_prepared(self, generation: int, result: tuple[bytes, list[str]]) -> None:
        if generation != self._generation:
            return
        jpeg, notes = result
        self._retries = 0
        self.jpeg = jpeg
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
        self.status.setText("；".join([self.tr("已选择"), *(tr_rule(note) for note in notes)]))
        self.photo_ready.emit(self.kind, jpeg, notes)

    def _on_prepare_failed(self, generation: int, source: str | bytes, exc: BaseException) -> None:
        from desktop.models.images import ImageRefused

        if generation != self._generation:
            return
        if isinstance(exc, ImageRefused) and isinstance(source, str) and self._retries > 0:
            self._retries -= 1  # the scanner may still be writing it: read it again soon
            QTimer.singleShot(SETTLE_MS, self, lambda: self.take(source))
            return
        self._retries = 0
        self.status.setText("")
        message = tr_rule(str(exc)) if isinstance(exc, ImageRefused) else self.tr("无法读取该图片")
        self.error.show_message(message)
        self.photo_failed.emit(self.kind, message)

    def clear(self) -> None:
        """Drop the picture (and any still being prepared)."""
        self._generation += 1
        self._retries = 0
        self.jpeg = None
        self.thumbnail.clear()
        self.thumbnail.setText(self.tr("未选择图片"))
        self.status.setText("")
        self.error.clear_message()
        self._set_waiting(False)
        if self.camera_dialog is not None:
            self.camera_dialog.close()
            self.camera_dialog = None


class CameraDialog(QDialog):
    """拍照: the camera's live picture and 拍摄; the frame stays in memory (``QImageCapture``
    without a file).  Built only when Qt Multimedia is installed and finds a camera.

    Signals:
        captured(bytes): the picture, PNG-encoded in memory.
    """

    captured = Signal(bytes)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("拍照"))
        self._camera: Any = QCamera(self)
        self._capture: Any = QImageCapture(self)
        self._session: Any = QMediaCaptureSession(self)
        viewfinder = QVideoWidget(self)
        viewfinder.setMinimumSize(480, 360)
        self._session.setCamera(self._camera)
        self._session.setImageCapture(self._capture)
        self._session.setVideoOutput(viewfinder)
        self.shoot_button = QPushButton(self.tr("拍 摄"), self)
        self.shoot_button.setDefault(True)
        cancel = QPushButton(self.tr("取消"), self)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.shoot_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(viewfinder, 1)
        layout.addLayout(buttons)
        self.shoot_button.clicked.connect(self._capture.capture)
        self._capture.imageCaptured.connect(self._on_captured)
        cancel.clicked.connect(self.reject)
        self.finished.connect(lambda _r: self._camera.stop())
        self._camera.start()

    def _on_captured(self, _id: int, image: Any) -> None:
        self.captured.emit(png_bytes(image))
        self.accept()
