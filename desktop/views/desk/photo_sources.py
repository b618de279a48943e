"""A photo slot of the walk-in form and where its picture comes from (SPEC §6).

Three sources: a file (从文件选择…), the newest image a scanner drops into its output folder
(扫描仪文件夹, watched with ``QFileSystemWatcher``), and a camera when Qt Multimedia is
installed (PySide6-Addons) and finds one.  Whatever the source, the picture is prepared in
memory exactly as the learner's path prepares it (``desktop.models.images``: orientation,
JPEG, ≤ 2 MB) and never written anywhere: no copy, no temporary file, no thumbnail on disk.
The scanner folder is the user's; we only read it.  QSettings keeps its path, nothing else.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.widgets import ErrorLabel, ask_for_image, tr, tr_rule
from rules.attachments import ATTACHMENT_KINDS

if TYPE_CHECKING:
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")
SETTINGS_KEY = "desk/scanner_folder"
THUMB_W, THUMB_H = 150, 100
SETTLE_MS = 300
"""A scanner writes its file in pieces: look again this long after the folder changed."""
RETRIES = 10
"""How often a new file that cannot be read yet (still being written) is tried again."""


def camera_unavailable_reason() -> str | None:
    """None when a camera can be used, else why not (shown on the disabled 拍照 button)."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return tr("未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头")
    if not QMediaDevices.videoInputs():
        return tr("未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头")
    return None


def newest_image(folder: str, seen: dict[str, float]) -> tuple[str, float] | None:
    """Worker: the newest image file of *folder* not in *seen* (name → mtime), if any."""
    newest: tuple[str, float] | None = None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return None
    for entry in entries:
        if not entry.is_file() or not entry.name.lower().endswith(IMAGE_SUFFIXES):
            continue
        try:
            mtime = entry.stat().st_mtime
        except OSError:
            continue
        if seen.get(entry.name) == mtime:
            continue
        if newest is None or mtime > newest[1]:
            newest = (entry.path, mtime)
    return newest


def images_in(folder: str) -> dict[str, float]:
    """Worker: the image files of *folder* now (name → mtime): what was there before."""
    found: dict[str, float] = {}
    try:
        for entry in os.scandir(folder):
            if entry.is_file() and entry.name.lower().endswith(IMAGE_SUFFIXES):
                found[entry.name] = entry.stat().st_mtime
    except OSError:
        pass
    return found


def prepare(source: str | bytes) -> tuple[bytes, list[str]]:
    """Worker: the learner path's preparation, in memory."""
    from desktop.models.images import prepare_attachment

    return prepare_attachment(source if isinstance(source, bytes) else Path(source))


class ScannerFolder(QObject):
    """The scanner's output folder, watched for the session of one staff login.

    A slot asks for the next scan (``arm``); the newest image that arrives afterwards is
    handed to that slot.  ``folder_picker`` asks for the folder (tests replace it).

    Signals:
        image_arrived(str): the path of a new image (for the armed slot).
        folder_changed(str): the folder watched this session.
    """

    image_arrived = Signal(str)
    folder_changed = Signal(str)

    def __init__(
        self, tasks: TaskRunner, settings: QSettings | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._settings = settings or QSettings("KJCE", "KJCE Desktop")
        self.folder = ""
        self._seen: dict[str, float] = {}
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._settle.timeout.connect(self._look)
        self.folder_picker: Callable[[str], str | None] = self._ask_for_folder

    def remembered(self) -> str:
        """The folder of an earlier session (a path only), as the picker's start."""
        return str(self._settings.value(SETTINGS_KEY, "") or "")

    def choose(self, parent: QWidget | None = None) -> bool:
        """Ask for the folder (once per session); True once one is watched."""
        if self.folder:
            return True
        chosen = self.folder_picker(self.remembered())
        if not chosen:
            return False
        self.watch(chosen)
        return True

    def watch(self, folder: str) -> None:
        """Watch *folder*; images already in it do not count as new."""
        if self.folder:
            self._watcher.removePath(self.folder)
        self.folder = folder
        self._settings.setValue(SETTINGS_KEY, folder)
        self._seen = images_in(folder)  # a listing of names, quick; the files are not read
        self._watcher.addPath(folder)
        self.folder_changed.emit(folder)

    def stop(self) -> None:
        if self.folder:
            self._watcher.removePath(self.folder)
        self.folder = ""
        self._seen = {}

    def _ask_for_folder(self, start: str) -> str | None:
        folder = QFileDialog.getExistingDirectory(None, tr("选择扫描仪的输出文件夹"), start)
        return folder or None

    def _look(self) -> None:
        folder, seen = self.folder, dict(self._seen)
        if not folder:
            return
        self._tasks.op(
            run=lambda: newest_image(folder, seen),
            success=self._on_looked,
            failure=lambda exc: log.warning("scanner folder unreadable: %s", type(exc).__name__),
            parent=self,
        ).start()

    def _on_looked(self, found: tuple[str, float] | None) -> None:
        if found is None:
            return
        path, mtime = found
        self._seen[os.path.basename(path)] = mtime
        self.image_arrived.emit(path)


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
        if not self._scanner.choose(self):
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
            run=lambda: prepare(source),
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
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        self.captured.emit(bytes(data.data()))
        self.accept()
