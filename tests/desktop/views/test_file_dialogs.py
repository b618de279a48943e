"""File dialogs: Chinese in Qt's own dialog, opening in 文档 (never in the program's
folder), remembering the folder per purpose in the data folder's preferences, and refusing
to save into the program's folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.i18n import install_translations, remove_translations
from desktop.models.preferences import FILE_NAME
from desktop.views import file_dialogs
from desktop.views.file_dialogs import (
    documents_folder,
    in_program_folder,
    open_save_dialog,
    program_folders,
    remember_folders_in,
)

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = QLocale()
    install_translations(app, "zh_CN")
    yield
    remove_translations(app)
    QLocale.setDefault(previous)  # the next test runs in the locale it started in


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    remember_folders_in(folder)
    yield folder
    remember_folders_in(None)


def save_dialog(qtbot: QtBot, parent: QWidget, name: str, chosen: list[Path]) -> QFileDialog:
    dialog = open_save_dialog(
        parent,
        title="保存发票",
        object_name=name,
        name_filter="PDF 文件 (*.pdf)",
        suffix="pdf",
        default=documents_folder() / "发票.pdf",
        chosen=chosen.append,
        closed=lambda _dialog: None,
    )
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_qt_file_dialog_is_chinese_throughout(qtbot: QtBot, chinese: None, data_dir: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = save_dialog(qtbot, parent, "invoiceSaveDialog", [])
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "查找范围(&L)："
    assert labels["fileTypeLabel"] == "文件类型(&T)："
    assert labels["fileNameLabel"].startswith("文件名称")
    dialog.reject()


def test_dialogs_start_in_documents_and_remember_their_folder_per_purpose(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)  # started from the program's folder, as a shortcut does
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Path] = []
    dialog = save_dialog(qtbot, parent, "invoiceSaveDialog", chosen)
    start = Path(dialog.directory().absolutePath())
    assert start == documents_folder().resolve() or start == documents_folder()
    assert not in_program_folder(start)
    invoices = tmp_path / "发票"
    invoices.mkdir()
    dialog.setDirectory(str(invoices))
    dialog.selectFile(str(invoices / "发票.pdf"))
    dialog.accept()
    assert chosen == [invoices / "发票.pdf"]
    # The same purpose opens there next time, also after a restart (read from the file).
    remember_folders_in(data_dir)
    again = save_dialog(qtbot, parent, "invoiceSaveDialog", [])
    assert Path(again.directory().absolutePath()) == invoices
    assert again.selectedFiles() == [str(invoices / "发票.pdf")]
    again.reject()
    assert str(invoices) in (data_dir / FILE_NAME).read_text(encoding="utf-8")
    # Another purpose keeps its own folder (文档).
    slip = save_dialog(qtbot, parent, "slipSaveDialog", [])
    assert Path(slip.directory().absolutePath()) != invoices
    slip.reject()


def test_a_remembered_program_folder_is_never_proposed_nor_saved_into(
    qtbot: QtBot, data_dir: Path
) -> None:
    program = program_folders()[-1]
    assert in_program_folder(REPO / "desktop")
    file_dialogs.remember_folder(data_dir, "invoiceSaveDialog", REPO)  # an old version's
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Path] = []
    dialog = save_dialog(qtbot, parent, "invoiceSaveDialog", chosen)
    assert not in_program_folder(Path(dialog.directory().absolutePath()))
    dialog.setDirectory(str(program))
    dialog.selectFile(str(program / "发票.pdf"))
    dialog.accept()
    refusal = getattr(dialog, "refusal", None)
    assert refusal is not None and refusal.isVisible()
    assert "本程序的文件夹" in refusal.text()
    assert chosen == [] and dialog.isVisible()
    refusal.accept()
    dialog.reject()


def test_the_filler_for_qts_gaps_leaves_every_other_text_alone(chinese: None) -> None:
    """The translator that fills Qt's gaps is asked last; a text it does not know must come
    back as it is (an empty answer would blank every text no .qm holds)."""
    assert QCoreApplication.translate("nowhere", "一段没有翻译的文字") == "一段没有翻译的文字"
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "文件类型(&T)："
