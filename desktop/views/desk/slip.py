"""登记回执: the slip on screen, then 打印 (the printer) or 保存PDF (where the staff choose).

The slip holds the learner's login ID and one-time password, so it lives in this dialog
only: once printed or saved the dialog closes and drops it.  The 收款 dialog that opened it
keeps the password for a reprint until 完成, and asks there when it was never handed out.
No copy goes to a cache, a temporary file or a log; a saved PDF's deletion is offered.  What the slip says and the writing of its PDF are ``desktop.models.slip``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.models.slip import (
    Slip,
    default_file_name,
    print_slip,
    render_slip_pdf,
    slip_html,
    write_pdf,
)
from desktop.views.file_dialogs import documents_folder, open_save_dialog

if TYPE_CHECKING:
    from desktop.models.tasks import TaskRunner


class SlipDialog(QDialog):
    """Shows one slip; open it with ``open()``.

    Signals:
        saved(str): the PDF was written to that path.
        printed(): the slip went to the printer.
    """

    saved = Signal(str)
    printed = Signal()

    def __init__(self, tasks: TaskRunner, slip: Slip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slipDialog")
        self.setWindowTitle(self.tr("学员登记回执"))
        self.setModal(True)
        self.resize(640, 720)
        self._tasks = tasks
        self.slip: Slip | None = slip
        self.handed_out = False
        self.save_dialog: QFileDialog | None = None
        self.print_dialog: QPrintDialog | None = None

        self.preview = QTextBrowser(self)
        self.preview.setObjectName("slipPreview")
        self.preview.setHtml(slip_html(slip))
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        if not slip.is_receipt:
            self.status.setText(self.tr("回执含初始密码：保存的 PDF 打印交给学员后请删除。"))
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_button.setObjectName("printSlipButton")
        self.print_button.setDefault(True)
        self.pdf_button = QPushButton(self.tr("保存PDF"), self)
        self.pdf_button.setObjectName("saveSlipButton")
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.setObjectName("closeSlipButton")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.print_button.clicked.connect(self.print_slip)
        self.pdf_button.clicked.connect(self.ask_where_to_save)
        self.close_button.clicked.connect(self.reject)

    # -- print ------------------------------------------------------------------------

    def print_slip(self) -> None:
        """打印: the system's print dialog, then the slip on the chosen printer."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("slipPrintDialog")
        dialog.accepted.connect(lambda: self._print_on(printer))
        dialog.finished.connect(lambda _r: self._forget_print_dialog(dialog))
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog's own open() wants a slot to call

    def _print_on(self, printer: QPrinter) -> None:
        if self.slip is None:
            return
        print_slip(self.slip, printer)
        self.printed.emit()
        self._handed_out()

    def _forget_print_dialog(self, dialog: QPrintDialog) -> None:
        if self.print_dialog is dialog:
            self.print_dialog = None
        dialog.deleteLater()

    # -- PDF --------------------------------------------------------------------------

    def default_path(self) -> Path:  # where to save: the file dialogs' own rule
        folder = documents_folder()
        return folder / default_file_name(self.slip) if self.slip else folder

    def ask_where_to_save(self) -> None:
        """保存PDF: a save dialog (Documents by default), then the file."""
        if self.slip is None:
            return
        self.save_dialog = open_save_dialog(
            self,
            title=self.tr("保存回执 PDF"),
            object_name="slipSaveDialog",
            name_filter=self.tr("PDF 文件 (*.pdf)"),
            suffix="pdf",
            default=self.default_path(),
            chosen=self.save_to,
            closed=self._forget_save_dialog,
        )

    def _forget_save_dialog(self, dialog: QFileDialog) -> None:
        if self.save_dialog is dialog:
            self.save_dialog = None

    def save_to(self, path: Path) -> None:
        """Paint the slip here (GUI thread) and write it to *path* on a worker."""
        if self.slip is None:
            return
        pdf = render_slip_pdf(self.slip)
        self.pdf_button.setEnabled(False)
        self._tasks.op(
            run=lambda: write_pdf(path, pdf),
            success=self._on_saved,
            failure=self._on_save_failed,
            parent=self,
        ).with_progress(self.tr("正在保存回执…")).start()

    def _on_saved(self, path: Path) -> None:
        self.saved.emit(str(path))
        self._handed_out()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.pdf_button.setEnabled(True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.status.setText(self.tr("无法保存回执：{reason}").format(reason=reason))

    # -- closing ----------------------------------------------------------------------

    def _handed_out(self) -> None:
        self.handed_out = True
        self.accept()

    def done(self, result: int) -> None:
        """However the dialog ends, the slip and its preview go with it."""
        self.slip = None
        self.preview.clear()
        super().done(result)
