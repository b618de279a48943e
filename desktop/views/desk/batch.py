"""批量登记: register a sheet of walk-ins (``desktop.models.batch_import``).

下载模板 saves the XLSX template; 导入 takes a filled sheet and the folder of its photos,
checks every row with the desk form's rules, posts each valid row as one walk-in — one
request at a time, off the GUI thread, with a progress bar and 取消 — and shows the report
row by row.  The report holds the accepted rows' one-time passwords: it is shown once,
may be saved as XLSX (with a warning to hand it out and delete it) and is dropped when the
dialog closes.

The reading, checking, posting and files live in ``desktop.models.batch_import``; the
report's table model in ``desktop.models.batch_report_table``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.batch_import import (
    ReportRow,
    SheetRefused,
    default_report_name,
    default_template_name,
    import_rows,
    read_and_check,
    summary,
    write_report,
    write_template,
)
from desktop.models.batch_report_table import ReportTableModel
from desktop.views.appearance import theme_colour
from desktop.views.file_dialogs import (
    ask_for_file,
    ask_for_folder,
    documents_folder,
    open_save_dialog,
)
from desktop.views.widgets import ErrorLabel, present_failure, record_table
from rules.attachments import MAX_ATTACHMENT_BYTES, size_text
from rules.years import china_date

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.tasks import Job, Op, TaskRunner
    from desktop.models.walk_in import WalkInCreated


class BatchDialog(QDialog):
    """批量登记; open it with ``open()``.

    Signals:
        imported(list): the report, once an import ended (finished or cancelled).
        template_saved(str): the template was written to that path.
        report_saved(str): the report was written to that path.
    """

    imported = Signal(list)
    template_saved = Signal(str)
    report_saved = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        platform_clock: PlatformClock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchDialog")
        self.setWindowTitle(self.tr("批量登记"))
        self.setModal(True)
        self.resize(980, 680)
        self._tasks = tasks
        self._api = api
        self._platform_clock = platform_clock
        self._import: Op | None = None
        """The running import (its token is what 取消 cancels)."""
        self.report: list[ReportRow] = []
        self.save_dialog: QFileDialog | None = None

        steps = QLabel(
            self.tr(
                "1. 点击“下载模板”保存 XLSX 模板，每行填写一名学员（第 2 行为示例）；\n"
                "2. 把照片（JPG，每张不超过 {size}）放在同一个文件夹，表中填写文件名；\n"
                "3. 选择填好的表格和照片文件夹，点击“开始导入”。每行逐一校验并登记。"
            ).format(size=size_text(MAX_ATTACHMENT_BYTES)),
            self,
        )
        steps.setObjectName("hint")
        steps.setWordWrap(True)
        self.template_button = QPushButton(self.tr("下载模板"), self)
        self.template_button.setObjectName("saveTemplateButton")
        self.sheet_edit = QLineEdit(self)
        self.sheet_edit.setObjectName("sheetPath")
        self.sheet_edit.setAccessibleName(self.tr("表格"))
        self.sheet_edit.setPlaceholderText(self.tr("填写好的 XLSX 表格"))
        self.sheet_button = QPushButton(self.tr("选择表格…"), self)
        self.sheet_button.setObjectName("chooseSheetButton")
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("photoFolder")
        self.folder_edit.setAccessibleName(self.tr("照片文件夹"))
        self.folder_edit.setPlaceholderText(self.tr("存放照片的文件夹"))
        self.folder_button = QPushButton(self.tr("选择文件夹…"), self)
        self.folder_button.setObjectName("chooseFolderButton")
        self.import_button = QPushButton(self.tr("开始导入"), self)
        self.import_button.setObjectName("startImportButton")
        self.import_button.setDefault(True)
        form = QFormLayout()
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_edit, 1)
        sheet_row.addWidget(self.sheet_button)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow(self.tr("表格"), sheet_row)
        form.addRow(self.tr("照片文件夹"), folder_row)
        top = QHBoxLayout()
        top.addWidget(steps, 1)
        top.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignTop)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setFormat(self.tr("%v / %m 行"))
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setObjectName("cancelImportButton")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        progress_row.addWidget(self.import_button)

        self.message = ErrorLabel(self)
        self.message.setObjectName("batchMessage")
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("reportSummary")
        self.model = ReportTableModel(self, colour=theme_colour)
        self.table = record_table(
            self,
            self.model,
            name="reportTable",
            accessible_name=self.tr("登记报告"),
            stretch_column=ReportTableModel.REASON,
            row_height=28,
        )
        self.table.setWordWrap(True)
        self.warning = QLabel(
            self.tr(
                "报告中含学员的初始密码（只显示这一次）：请逐一交给学员，保存的文件用完即删除。"
            ),
            self,
        )
        self.warning.setObjectName("reportWarning")
        self.warning.setProperty("tone", "warning")
        self.warning.setWordWrap(True)
        self.save_report_button = QPushButton(self.tr("保存为XLSX"), self)
        self.save_report_button.setObjectName("saveReportButton")
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.close_button.setObjectName("closeBatchButton")
        bottom = QHBoxLayout()
        bottom.addWidget(self.warning, 1)
        bottom.addWidget(self.save_report_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addLayout(progress_row)
        layout.addWidget(self.message)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._connect_signals()
        self._set_running(False)

    def _connect_signals(self) -> None:
        self.template_button.clicked.connect(self.ask_where_to_save_template)
        self.sheet_button.clicked.connect(self._choose_sheet)
        self.folder_button.clicked.connect(self._choose_folder)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel_import)
        self.save_report_button.clicked.connect(self.ask_where_to_save_report)
        self.close_button.clicked.connect(self.reject)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.template_button.setFocus()

    # -- state ------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._import is not None

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        for widget in (
            self.import_button,
            self.template_button,
            self.sheet_button,
            self.folder_button,
            self.sheet_edit,
            self.folder_edit,
            self.close_button,
        ):
            widget.setEnabled(not running)
        has_report = bool(self.report) and not running
        self.warning.setVisible(has_report)
        self.save_report_button.setVisible(has_report)

    # -- choosing files -----------------------------------------------------------------

    def _choose_sheet(self) -> None:
        path = ask_for_file(
            self,
            title=self.tr("选择表格"),
            name_filter=self.tr("Excel 表格 (*.xlsx)"),
            purpose="batch_import",
        )
        if path:
            self.sheet_edit.setText(path)

    def _choose_folder(self) -> None:
        sheet = self.sheet_edit.text().strip()
        path = ask_for_folder(
            self,
            title=self.tr("选择照片文件夹"),
            purpose="batch_photos",
            fallback=Path(sheet).parent if sheet else None,  # photos usually lie beside it
        )
        if path:
            self.folder_edit.setText(path)

    def _save_dialog(self, title: str, default: Path, done: Any) -> None:
        self.save_dialog = open_save_dialog(
            self,
            title=title,
            object_name="batchSaveDialog",
            name_filter=self.tr("Excel 表格 (*.xlsx)"),
            suffix="xlsx",
            default=default,
            chosen=done,
            closed=self._forget_save_dialog,
        )

    def _forget_save_dialog(self, dialog: QFileDialog) -> None:
        if self.save_dialog is dialog:
            self.save_dialog = None

    # -- the template -------------------------------------------------------------------

    def ask_where_to_save_template(self) -> None:
        self._save_dialog(
            self.tr("保存批量登记模板"),
            documents_folder() / default_template_name(),
            self.save_template,
        )

    def save_template(self, path: Path) -> None:
        self._tasks.op(
            run=lambda: write_template(path),
            success=self._on_template_saved,
            failure=self._on_file_failed,
            parent=self,
        ).with_progress(self.tr("正在保存模板…")).start()

    def _on_template_saved(self, path: Path) -> None:
        self.message.clear_message()
        self.summary_label.setText(
            self.tr("模板已保存：{path}。填写后选择该表格和照片文件夹导入。").format(path=path)
        )
        if not self.sheet_edit.text().strip():
            self.sheet_edit.setText(str(path))
        self.template_saved.emit(str(path))

    def _on_file_failed(self, exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.message.show_message(self.tr("无法保存文件：{reason}").format(reason=reason))

    # -- the import ---------------------------------------------------------------------

    def start_import(self) -> None:
        """开始导入: read and check the sheet, then post its valid rows one at a time."""
        if self.running:
            return
        sheet = Path(self.sheet_edit.text().strip())
        folder_text = self.folder_edit.text().strip()
        self.message.clear_message()
        if not self.sheet_edit.text().strip() or not sheet.is_file():
            self.message.show_message(self.tr("请选择填写好的 XLSX 表格。"))
            return
        if not folder_text or not Path(folder_text).is_dir():
            self.message.show_message(self.tr("请选择存放照片的文件夹。"))
            return
        folder = Path(folder_text)
        self.report = []
        self.model.set_rows([])
        self.summary_label.setText(self.tr("正在读取并校验表格…"))
        self.progress.setRange(0, 0)
        api, today = self._api, china_date(self._platform_clock.now())

        def work(job: Job) -> list[ReportRow]:
            checked = read_and_check(sheet, folder, api, today=today)
            job.report(0, len(checked))

            def post(body: dict[str, Any]) -> WalkInCreated:  # the audit log says "批量登记"
                return api.create_walk_in({**body, "source": "batch"})

            return import_rows(checked, post, progress=job.report, cancelled=job.token)

        self._import = self._tasks.op(
            work=work,
            on_progress=self._on_progress,
            success=self._on_imported,
            failure=self._on_import_failed,
            parent=self,
        ).with_progress(self.tr("正在批量登记…"))
        self._set_running(True)
        self._import.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if total and self.running:
            self.summary_label.setText(
                self.tr("正在登记：第 {done} / {total} 行").format(done=done, total=total)
            )

    def cancel_import(self) -> None:
        """取消: the row being sent finishes; the rest are reported as not sent."""
        if self._import is not None:
            self._import.cancel()
            self.cancel_button.setEnabled(False)
            self.summary_label.setText(self.tr("正在取消：等待当前这一行完成…"))

    def _on_imported(self, report: list[ReportRow]) -> None:
        was_cancelled = self._import is not None and self._import.token.cancelled
        self._import = None
        self.report = report
        self.model.set_rows(report)
        self.table.resizeRowsToContents()
        registered, refused = summary(report)
        text = self.tr("共 {total} 行：已登记 {ok} 行，未登记 {bad} 行。").format(
            total=len(report), ok=registered, bad=refused
        )
        if was_cancelled:
            text += self.tr("导入已取消。")
        if not report:
            text = self.tr("表格中没有需要登记的行。")
        self.summary_label.setText(text)
        self._set_running(False)
        self.imported.emit(report)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._import = None
        self.summary_label.setText("")
        self._set_running(False)
        if isinstance(exc, SheetRefused):
            self.message.show_message(str(exc))
        else:
            present_failure(exc, {}, self.message.show_message)

    # -- the report ---------------------------------------------------------------------

    def ask_where_to_save_report(self) -> None:
        if not self.report:
            return
        self._save_dialog(
            self.tr("保存登记报告"),
            documents_folder() / default_report_name(china_date(self._platform_clock.now())),
            self.save_report,
        )

    def save_report(self, path: Path) -> None:
        report = list(self.report)
        self._tasks.op(
            run=lambda: write_report(path, report),
            success=self._on_report_saved,
            failure=self._on_file_failed,
            parent=self,
        ).with_progress(self.tr("正在保存报告…")).start()

    def _on_report_saved(self, path: Path) -> None:
        self.message.clear_message()
        self.summary_label.setText(
            self.tr("报告已保存：{path}。文件含初始密码，交给学员后请删除。").format(path=path)
        )
        self.report_saved.emit(str(path))

    # -- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        if self.running:  # close only once the import has stopped
            self.cancel_import()
            return
        super().reject()

    def done(self, result: int) -> None:
        """Closing drops the report and its passwords (and stops an import, at logout)."""
        if self._import is not None:
            self._import.cancel()
        self.report = []
        self.model.set_rows([])
        super().done(result)
