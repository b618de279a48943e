"""Where file dialogs open, and the folder each remembers.

A dialog starts in the folder last used for the same purpose (发票, 回执, 批量报告, 批量导入,
照片…), else in 文档 (saving) or 下载 (opening) — never in the program's own folder,
where Qt's dialog opened by default (the working directory) and where an invoice or a slip
holding an initial password was easily saved.  The folders are kept with the preferences
in the data folder (``desktop/models/preferences.py``), so ``--data-dir`` keeps them too
and nothing is left in ``~/.config``.

The data folder is given once by the composition root (``remember_folders_in``), as Qt's
own ``QSettings.setPath`` is: every screen that opens a dialog gets the memory without
each constructor passing the data folder down.  Until then (a widget test) nothing is
remembered.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.models.preferences import remember_folder, remembered_folder

_data_dir: Path | None = None


def remember_folders_in(data_dir: Path | None) -> None:
    """Keep the dialogs' folders in *data_dir*'s preferences (None: remember nothing)."""
    global _data_dir
    _data_dir = data_dir


def _standard(location: QStandardPaths.StandardLocation) -> Path | None:
    found = QStandardPaths.writableLocation(location)
    return Path(found) if found else None


def program_folders() -> list[Path]:
    """The folders the program runs from: never proposed, never saved into."""
    folders = [
        Path(QCoreApplication.applicationDirPath() or "."),
        Path(sys.executable).parent,
        Path(__file__).resolve().parents[2],  # the source tree (desktop/ lives in it)
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle))
    return [folder.resolve() for folder in folders]


def in_program_folder(path: Path) -> bool:
    resolved = path.resolve()
    return any(resolved == folder or folder in resolved.parents for folder in program_folders())


def _usable(folder: Path | None) -> bool:
    return folder is not None and folder.is_dir() and not in_program_folder(folder)


def documents_folder() -> Path:
    """文档 (else the home folder): where a saved file goes by default."""
    documents = _standard(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents is not None and _usable(documents) else Path.home()


def downloads_folder() -> Path:
    """下载 (else 文档): where a file to open most often is (a phone's photo, a sheet)."""
    downloads = _standard(QStandardPaths.StandardLocation.DownloadLocation)
    return downloads if downloads is not None and _usable(downloads) else documents_folder()


def start_folder(purpose: str, *, saving: bool, fallback: Path | None = None) -> Path:
    """Where a dialog for *purpose* opens: the folder last used for it, else *fallback*
    (if usable), else 文档 for saving and 下载 for opening."""
    remembered = remembered_folder(_data_dir, purpose) if _data_dir is not None else None
    for folder in (remembered, fallback):
        if folder is not None and _usable(folder):
            return folder
    return documents_folder() if saving else downloads_folder()


def note_folder(purpose: str, chosen: Path) -> None:
    """Remember the folder of *chosen* for *purpose* (not the program's own)."""
    folder = chosen if chosen.is_dir() else chosen.parent
    if _data_dir is not None and not in_program_folder(folder):
        remember_folder(_data_dir, purpose, folder)


class _SaveDialog(QFileDialog):
    """A save dialog that will not write into the program's folder."""

    refusal: QMessageBox | None = None

    def accept(self) -> None:
        chosen = self.selectedFiles()
        if chosen and in_program_folder(Path(chosen[0]).parent):
            self.setDirectory(str(documents_folder()))
            self.refusal = QMessageBox(
                QMessageBox.Icon.Warning,
                self.windowTitle(),
                QCoreApplication.translate(
                    "file_dialogs", "不能保存到本程序的文件夹，请选择其他文件夹（例如“文档”）。"
                ),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.refusal.open()
            return
        super().accept()


def open_save_dialog(
    parent: QWidget,
    *,
    title: str,
    object_name: str,
    name_filter: str,
    suffix: str,
    default: Path,
    chosen: Callable[[Path], None],
    closed: Callable[[QFileDialog], None],
    purpose: str = "",
) -> QFileDialog:
    """A save dialog suggesting *default*'s file name in the folder last used for
    *purpose* (default: the dialog's *object_name*), else in *default*'s folder or 文档.

    Opened (not ``exec``'d, so the app keeps running and tests can answer it); *chosen*
    gets the path, *closed* the dialog, which is deleted afterwards.
    """
    purpose = purpose or object_name
    folder = start_folder(purpose, saving=True, fallback=default.parent)
    dialog = _SaveDialog(parent, title)
    dialog.setObjectName(object_name)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(name_filter)
    dialog.setDefaultSuffix(suffix)
    dialog.setDirectory(str(folder))
    dialog.selectFile(str(folder / default.name))

    def on_selected(path: str) -> None:
        note_folder(purpose, Path(path))
        chosen(Path(path))

    dialog.fileSelected.connect(on_selected)

    def on_finished(_result: int) -> None:
        closed(dialog)
        dialog.deleteLater()

    dialog.finished.connect(on_finished)
    dialog.open()
    return dialog


def ask_for_file(
    parent: QWidget | None,
    *,
    title: str,
    name_filter: str,
    purpose: str,
    fallback: Path | None = None,
) -> str | None:
    """The path of a file to open for *purpose* (e.g. ``batch_import``), or None."""
    start = start_folder(purpose, saving=False, fallback=fallback)
    path, _filter = QFileDialog.getOpenFileName(parent, title, str(start), name_filter)
    if path:
        note_folder(purpose, Path(path))
    return path or None


def ask_for_folder(
    parent: QWidget | None, *, title: str, purpose: str, fallback: Path | None = None
) -> str | None:
    """A folder chosen for *purpose* (e.g. ``scanner``), or None; *fallback* is where to
    start when nothing is remembered for *purpose* (e.g. the sheet's folder)."""
    start = start_folder(purpose, saving=False, fallback=fallback)
    path = QFileDialog.getExistingDirectory(parent, title, str(start))
    if path:
        note_folder(purpose, Path(path))
    return path or None


def ask_for_image(parent: QWidget | None) -> str | None:
    """选择图片: the path of an image file the user picks, or None (purpose ``photo``)."""
    return ask_for_file(
        parent,
        title=QCoreApplication.translate("widgets", "选择图片"),
        name_filter=QCoreApplication.translate("widgets", "图片 (*.jpg *.jpeg *.png *.bmp *.webp)"),
        purpose="photo",
    )
