"""往年继续教育查询: past years' records from the province, by ID number, year and captcha.

Guide 六(四): 身份证明号 (prefilled with the learner's own: the province answers nobody
else's, and the platform refuses another's with ``lookup_not_own`` at that field), 年度
(2012 … last year, newest first), the captcha when the platform asks for one, 查询; the
rows 姓名 / 身份证明号 / 继续教育类型 / 内容 / 年度 / 成绩/学分 / 状态, or
"没有找到符合条件的记录。".  Nothing is cached: the lookup needs the network and says so.

Operations: the lookup is one call (``ApiClient.lookup_records``); the years offered are
``desktop/models/credit_records.py``'s ``past_years``; the table is
``desktop/models/past_record_table.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.credit_records import PastRecord, past_years
from desktop.models.past_record_table import PastRecordModel
from desktop.views.widgets import (
    CaptchaField,
    FieldRow,
    add_row,
    present_failure,
    record_table,
    tr_rule,
)
from rules.identity import id_characters_problem, normalize_id_number

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


class HistoryView(QWidget):
    """The 往年继续教育查询 page."""

    def __init__(
        self,
        tasks: TaskRunner,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self._tasks = tasks
        self._session = session
        self._account_id = ""
        self._captcha_api: object | None = None

        title = QLabel(self.tr("往年继续教育查询"), self)
        title.setObjectName("pageTitle")
        notice = QLabel(
            self.tr(
                "查询以往年度在广东省会计信息服务平台登记的继续教育记录。"
                "只能查询本人的记录；查询需要联网。"
            ),
            self,
        )
        notice.setObjectName("helpPanel")
        notice.setWordWrap(True)

        self.id_number_edit = QLineEdit(self)
        self.id_number_edit.setObjectName("historyIdNumber")
        self.id_number_edit.setMaxLength(32)
        self.id_row = FieldRow(self.id_number_edit)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("historyYear")
        self.year_row = FieldRow(self.year_combo)
        self.year_combo.activated.connect(lambda _i: self.year_row.error.clear_message())
        self.captcha = CaptchaField(tasks, self)
        self.captcha_row = FieldRow(self.captcha)
        self.captcha.answer_edit.textEdited.connect(
            lambda _t: self.captcha_row.error.clear_message()
        )
        self.query_button = QPushButton(self.tr("查询"), self)
        self.query_button.setObjectName("historyQueryButton")
        self.query_button.setDefault(True)

        form_widget = QWidget(self)
        form_widget.setMaximumWidth(640)
        form = QFormLayout(form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        add_row(form, self.tr("身份证明号"), self.id_row)
        add_row(form, self.tr("年度"), self.year_row)
        self.captcha_label = add_row(form, self.tr("验证码"), self.captcha_row)
        self._show_captcha(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.query_button)
        form.addRow(buttons)
        # The rows were built before the form took them in: say the order a person reads.
        self.setTabOrder(self.id_number_edit, self.year_combo)
        self.setTabOrder(self.year_combo, self.captcha.answer_edit)
        self.setTabOrder(self.captcha.answer_edit, self.captcha.refresh_button)
        self.setTabOrder(self.captcha.refresh_button, self.query_button)

        self.model = PastRecordModel(self)
        self.table = record_table(
            self,
            self.model,
            name="historyTable",
            accessible_name=self.tr("往年继续教育记录"),
            stretch_column=PastRecordModel.CONTENT,
            row_height=34,
        )
        self.empty_label = QLabel(self.tr("没有找到符合条件的记录。"), self)
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(notice)
        layout.addWidget(form_widget)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.query_button.clicked.connect(self.query)
        self.id_number_edit.returnPressed.connect(self.query)
        self.captcha.answer_edit.returnPressed.connect(self.query)

    def _show_captcha(self, shown: bool) -> None:
        self.captcha_row.setVisible(shown)
        self.captcha_label.setVisible(shown)

    # -- showing --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        if me is not None and me.id != self._account_id:
            # Another learner: nothing of the previous one stays on screen.
            self._account_id = me.id
            self.id_number_edit.setText(me.id_number)
            self.model.set_rows([])
            self.empty_label.hide()
            self.status_label.clear()
            for row in (self.id_row, self.year_row, self.captcha_row):
                row.error.clear_message()
        self._fill_years()
        self._attach_captcha()
        if self._session.api is None:
            self.status_label.setText(self.tr("往年记录需要联网查询，请连接网络后重试。"))

    def _fill_years(self) -> None:
        """2012 … last year, newest first; the chosen year is kept."""
        years = past_years(self._session.platform_clock.now())
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == years:
            return
        chosen = self.year_combo.currentData()
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(years.index(chosen) if chosen in years else 0)

    def _attach_captcha(self) -> None:
        api, health = self._session.api, self._session.health
        if api is None or api is self._captcha_api:
            return
        self._captcha_api = api
        required = True if health is None else health.captcha_required
        self._show_captcha(required)
        self.captcha.attach(api, required)

    # -- querying -------------------------------------------------------------------

    def query(self) -> None:
        """查询: check what can be checked here, then ask the platform."""
        for row in (self.id_row, self.year_row, self.captcha_row):
            row.error.clear_message()
        api = self._session.api
        if api is None:
            self.status_label.setText(self.tr("往年记录需要联网查询，请连接网络后重试。"))
            return
        id_number = normalize_id_number(self.id_number_edit.text())
        if id_number != self.id_number_edit.text():
            self.id_number_edit.setText(id_number)  # what is looked up: "４４０１…" as "4401…"
        year = self.year_combo.currentData()
        problems = False
        if not id_number:
            self.id_row.error.show_message(self.tr("请输入身份证明号"))
            problems = True
        elif (problem := id_characters_problem(id_number)) is not None:
            self.id_row.error.show_message(tr_rule(problem.message))
            problems = True
        if year is None:
            self.year_row.error.show_message(self.tr("请选择年度"))
            problems = True
        if self.captcha.required and not self.captcha.answer():
            self.captcha_row.error.show_message(self.tr("请输入验证码"))
            problems = True
        if problems:
            return
        captcha_id = self.captcha.captcha_id if self.captcha.required else None
        answer = self.captcha.answer() if self.captcha.required else None
        self.status_label.clear()
        self.query_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.lookup_records(id_number, int(year), captcha_id, answer),
            success=self._on_found,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在查询往年继续教育记录…")).start()

    def _on_found(self, rows: list[PastRecord]) -> None:
        self.query_button.setEnabled(True)
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)
        self.status_label.setText(
            self.tr("共 {count} 条记录").format(count=len(rows)) if rows else ""
        )
        self.captcha.refresh()  # a captcha answers one query

    def _on_failed(self, exc: BaseException) -> None:
        self.query_button.setEnabled(True)
        self.model.set_rows([])  # never rows of another question under this one's error
        self.empty_label.hide()
        present_failure(
            exc,
            {
                "id_number": self.id_row.error,
                "year": self.year_row.error,
                "captcha_answer": self.captcha_row.error,
                "captcha_id": self.captcha_row.error,
            },
            self.status_label.setText,
            offline=self.tr("无法连接平台：往年记录需要联网查询，请连接网络后重试。"),
        )
        self.captcha.refresh()  # single use: whatever the platform said, a fresh one
