"""Where a walk-in's photo comes from (``desktop.views.desk.photo_sources``), without widgets.

A file, the newest image a scanner drops into its output folder, or a camera frame: each is
prepared in memory exactly as the learner's path prepares it (``desktop.models.images``:
orientation, JPEG, within ``rules.attachments.MAX_ATTACHMENT_BYTES``) and never written
anywhere.  The scanner folder is the user's; it is only read.  Its path, nothing else,
is kept with the preferences in the data folder (``--data-dir``), never in ``~/.config``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QFileSystemWatcher,
    QIODevice,
    QObject,
    QTimer,
    Signal,
)

from desktop.models.preferences import remember_folder, remembered_folder

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff")
FOLDER_PURPOSE = "scanner"
"""Its name among the folders the preferences remember (``remembered_folder``)."""
SETTLE_MS = 300
"""A scanner writes its file in pieces: look again this long after the folder changed."""
RETRIES = 10
"""How often a new file that cannot be read yet (still being written) is tried again."""

FolderPicker = Callable[[str], str | None]
"""Asks for a folder (the start folder given); None when the user cancels."""


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
    """The image files of *folder* now (name → mtime): what was there before."""
    found: dict[str, float] = {}
    try:
        for entry in os.scandir(folder):
            if entry.is_file() and entry.name.lower().endswith(IMAGE_SUFFIXES):
                found[entry.name] = entry.stat().st_mtime
    except OSError:
        pass
    return found


def prepare_photo(source: str | bytes) -> tuple[bytes, list[str]]:
    """Worker: the learner path's preparation, in memory (a path or the image's bytes)."""
    from desktop.models.images import prepare_attachment

    return prepare_attachment(source if isinstance(source, bytes) else Path(source))


def camera_available() -> bool:
    """Whether Qt Multimedia is installed (PySide6-Addons) and finds a camera."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


def png_bytes(image: QImage) -> bytes:
    """A captured frame, PNG-encoded in memory (never a file)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"PNG")
    buffer.close()
    return bytes(data.data())


class ScannerFolder(QObject):
    """The scanner's output folder, watched for the session of one staff login.

    A slot asks for the next scan; the newest image that arrives afterwards is announced.
    *folder_picker* asks the user for the folder (the view's dialog; tests replace it).

    Signals:
        image_arrived(str): the path of a new image (for the slot waiting for a scan).
        folder_changed(str): the folder watched this session.
    """

    image_arrived = Signal(str)
    folder_changed = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        data_dir: Path | None = None,
        parent: QObject | None = None,
        *,
        folder_picker: FolderPicker | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._data_dir = data_dir
        """Where the folder is remembered (None: nowhere, e.g. a widget test)."""
        self.folder = ""
        self._seen: dict[str, float] = {}
        self._watcher = QFileSystemWatcher(self)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._watcher.directoryChanged.connect(lambda _path: self._settle.start())
        self._settle.timeout.connect(self._look)
        self.folder_picker: FolderPicker = folder_picker or (lambda _start: None)

    def remembered(self) -> str:
        """The folder of an earlier session (a path only), as the picker's start."""
        if self._data_dir is None:
            return ""
        return str(remembered_folder(self._data_dir, FOLDER_PURPOSE) or "")

    def choose(self) -> bool:
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
        if self._data_dir is not None:
            remember_folder(self._data_dir, FOLDER_PURPOSE, Path(folder))
        self._seen = images_in(folder)  # a listing of names, quick; the files are not read
        self._watcher.addPath(folder)
        self.folder_changed.emit(folder)

    def stop(self) -> None:
        if self.folder:
            self._watcher.removePath(self.folder)
        self.folder = ""
        self._seen = {}

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
