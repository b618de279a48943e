"""继续教育情况: a year's credit records, the reporting chain, and the certificate draft.

Guide 六 and SPEC §1.9: the notices of the guide on top, a year selector (2021 … the
platform clock's year), then per record (公需课, 专业课) a card with the four-step chain
(``RecordStepper``), the detail row 行政区划 / 年度 / 学习方式 / 学分 / 创建时间 / 审核时间 /
审核状态 / 备注 and the platform's remarks (what is missing, or why the year is closed).

The year shows from the cache first (at once, and offline), then from
``GET /credit-records``; the sync's ``credit_record`` refresher keeps the cache current and
the page redraws when ``ChangeBus`` says the records changed.  导出证书草稿 writes the year
as a PDF (``desktop.models.certificate``) once something was reported.

Operations: ``desktop/models/credit_records.py`` (the records, the years offered); the
detail row's table is ``desktop/models/record_table.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cache_first import CacheFirstLoad
from desktop.models.certificate import (
    CertificateDraft,
    course_type_text,
    default_file_name,
    render_certificate,
    save_certificate,
)
from desktop.models.changes import ChangeBus, Changes
from desktop.models.credit_records import (
    CreditRecord,
    CreditRecordsYear,
    fetch_credit_records,
    get_credit_records,
    record_years,
)
from desktop.models.errors import log_failure
from desktop.models.record_table import RecordDetailModel, state_tone
from desktop.views.appearance import set_look, theme_colour
from desktop.views.file_dialogs import documents_folder, open_save_dialog
from desktop.views.record_stepper import RecordStepper, StepItem
from desktop.views.widgets import place_cards, present_failure, record_table, tr, tr_rule
from rules.records import STATE_LABELS
from rules.years import credit_requirement, year_at

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


def format_date(moment: dt.date) -> str:
    return tr("{year}年{month}月{day}日").format(
        year=moment.year, month=moment.month, day=moment.day
    )


class RecordCard(QFrame):
    """One type's record of the year: heading, chain, detail row, remarks."""

    def __init__(self, record: CreditRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordCard")
        self.record = record
        self.kind_label = QLabel(self)
        self.kind_label.setProperty("role", "badge")
        self.institution_label = QLabel(self)
        self.institution_label.setObjectName("hint")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("recordState")
        self.stepper = RecordStepper(self)
        self.model = RecordDetailModel(self, colour=theme_colour)
        self.table = record_table(
            self,
            self.model,
            name="recordDetailTable",
            accessible_name=self.tr("学分记录详情"),
            stretch_column=RecordDetailModel.REMARKS,
            row_height=34,
        )
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_table_height()
        self.table.horizontalScrollBar().rangeChanged.connect(
            lambda *_range: self._fit_table_height()
        )
        self.remarks_label = QLabel(self)
        self.remarks_label.setObjectName("recordRemarks")
        self.remarks_label.setWordWrap(True)
        self.remarks_label.setProperty("tone", "error")

        heading = QHBoxLayout()
        heading.addWidget(self.kind_label)
        heading.addWidget(self.institution_label, 1)
        heading.addWidget(self.state_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addWidget(self.stepper)
        layout.addWidget(self.table)
        layout.addWidget(self.remarks_label)
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_section: self._show_remarks_if_needed()
        )
        self.show_record(record)

    def _fit_table_height(self) -> None:
        """Header and the one row; plus the scroll bar when the columns need it (a longer
        language), which would otherwise cover the row."""
        scroll_bar = self.table.horizontalScrollBar()
        below = scroll_bar.sizeHint().height() if scroll_bar.maximum() > 0 else 0
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height() + 34 + 4 + below
        )

    def _show_remarks_if_needed(self) -> None:
        """备注 whole under the row when its cell (one line) cuts it off, and always when it
        says what is missing; a remark that fits its cell is not said twice."""
        remarks = self.record.remarks
        cell = (
            self.table.columnWidth(RecordDetailModel.REMARKS)
            - 2 * self.table.fontMetrics().averageCharWidth()
        )
        cut = self.table.fontMetrics().horizontalAdvance(remarks) > cell
        warn = self.record.state in ("not_met", "expired")
        self.remarks_label.setVisible(bool(remarks) and (warn or cut))

    def show_record(self, record: CreditRecord) -> None:
        self.record = record
        kind = course_type_text(record.course_type)
        self.kind_label.setText(kind)
        self.institution_label.setText(record.institution_name)
        state = tr_rule(STATE_LABELS.get(record.state, record.state))
        self.state_label.setText(state)
        set_look(self.state_label, strong=True, tone=state_tone(record.state))
        self.stepper.set_record(record)
        # Two cards show alike steps and tables: each name says whose record it is.
        for item in self.stepper.findChildren(StepItem):
            item.setAccessibleName(f"{kind} · {item.accessibleName()}")
        self.table.setAccessibleName(self.tr("{kind}学分记录详情").format(kind=kind))
        self.model.set_rows([record])
        # What is missing, or why the year closed, stands out in the error colour.
        warn = record.state in ("not_met", "expired")
        self.remarks_label.setText(record.remarks)
        set_look(self.remarks_label, tone="error" if warn else "muted")
        self._show_remarks_if_needed()
        self.setAccessibleName(self.tr("{kind}：{state}").format(kind=kind, state=state))


class RecordsView(QWidget):
    """The 继续教育情况 page (one per login: built for the learner's session).

    Signals:
        certificate_saved(str): the draft was written to that path.
    """

    certificate_saved = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordsView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self._account_id = ""
        self.records: CreditRecordsYear | None = None
        self.cards: list[RecordCard] = []
        self.save_dialog: QFileDialog | None = None

        title = QLabel(self.tr("继续教育情况"), self)
        title.setObjectName("pageTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("helpPanel")
        self.notice.setWordWrap(True)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("recordYear")
        self.year_combo.setAccessibleName(self.tr("年度"))
        year_label = QLabel(self.tr("年度："), self)
        year_label.setBuddy(self.year_combo)
        self.export_button = QPushButton(self.tr("导出证书草稿(PDF)"), self)
        self.export_button.setObjectName("exportCertificateButton")
        self.export_button.setEnabled(False)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._cards_widget = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_widget)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(12)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._cards_widget)
        scroll.setAccessibleName(self.tr("继续教育情况"))

        bar = QHBoxLayout()
        bar.addWidget(year_label)
        bar.addWidget(self.year_combo)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_label)
        self._load: CacheFirstLoad[CreditRecordsYear] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载继续教育记录…"),
            show=self._show,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(self.tr("离线，显示的是上次同步的记录。")),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
            cache_ready=self._session.cache_ready,
        )
        self._update_export()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._bus.changed.connect(self._on_changed)
        self.year_combo.activated.connect(lambda _index: self.reload())
        self.export_button.clicked.connect(self.export_certificate)

    # -- loading --------------------------------------------------------------------

    @property
    def year(self) -> int:
        data = self.year_combo.currentData()
        return int(data) if data is not None else year_at(self._session.platform_clock.now())

    def _fill_years(self) -> None:
        """2021 … the platform clock's year, newest first; the chosen year is kept."""
        years = record_years(self._session.platform_clock.now())
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == years:
            return
        chosen = self.year_combo.currentData()
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(self.tr("{year}年度").format(year=year), year)
        self.year_combo.setCurrentIndex(years.index(chosen) if chosen in years else 0)

    def select_year(self, year: int) -> None:
        """Show *year* (as choosing it in the selector does)."""
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        if me is not None and me.id != self._account_id:
            self._account_id = me.id
            self._show_nothing()  # never a moment of the previous learner's records
            self.year_combo.clear()
        self._fill_years()
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        # Hidden, the page reloads when shown again.
        if changes.credit_records and self.isVisible():
            year = self.year
            self._load.read_cache(lambda cache: get_credit_records(cache, year))

    def reload(self) -> None:
        """The cache's year at once, then the platform's (stored in the cache)."""
        api, cache, year = self._session.api, self._session.cache, self.year
        self._show_notice(year, None)
        if self.records is not None and self.records.year != year:
            self._show_nothing()
        self._load.start(
            lambda c: get_credit_records(c, year),
            None if api is None else lambda: fetch_credit_records(api, cache, year),
        )

    def _on_fetched(self, records: CreditRecordsYear) -> None:
        self.status_label.clear()
        self._show(records)

    # -- showing --------------------------------------------------------------------

    def _show_notice(self, year: int, deadline: dt.date | None) -> None:
        deadline = deadline or credit_requirement(year).deadline.date()
        self.notice.setText(
            "\n".join(
                (
                    self.tr(
                        "{year}年度继续教育学分确认截止时间为{deadline}，过期不办理补学补登。"
                    ).format(year=year, deadline=format_date(deadline)),
                    self.tr(
                        "学分登记及申报均由培训机构自动报送至广东省会计信息服务平台，学员无需自行申报。"
                    ),
                    self.tr("学习完成前务必保证已信息采集，否则无法查询继续教育记录。"),
                )
            )
        )

    def _show_nothing(self) -> None:
        self.records = None
        self._place_cards([])
        self.empty_label.hide()
        self._update_export()

    def _show(self, records: CreditRecordsYear) -> None:
        if records.year != self.year:
            return  # an answer about a year no longer chosen
        self.records = records
        self._show_notice(records.year, records.deadline_date())
        self._place_cards(list(records.items))
        self.empty_label.setText(self.tr("{year}年度暂无继续教育记录。").format(year=records.year))
        self.empty_label.setVisible(not records.items)
        self._update_export()

    def _place_cards(self, records: list[CreditRecord]) -> None:
        """One card per record; a card of the same type is kept and updated."""
        self.cards = place_cards(
            self._cards_layout,
            self.cards,
            records,
            key=lambda record: record.course_type,
            key_of_card=lambda card: card.record.course_type,
            make=lambda record: RecordCard(record, self._cards_widget),
            update=RecordCard.show_record,
        )

    def card_of(self, course_type: str) -> RecordCard | None:
        return next((c for c in self.cards if c.record.course_type == course_type), None)

    # -- the certificate draft ------------------------------------------------------

    def _update_export(self) -> None:
        records = self.records
        can_export = records is not None and records.any_reported
        self.export_button.setEnabled(can_export)
        self.export_button.setToolTip(
            self.tr("将本年度的学分记录导出为PDF草稿，供核对。")
            if can_export
            else self.tr("本年度尚无已回传的学分记录：培训机构回传后即可导出证书草稿。")
        )

    def default_path(self) -> Path:
        return documents_folder() / default_file_name(self.year)

    def export_certificate(self) -> None:
        """导出证书草稿: ask where (the Documents folder by default), then write it."""
        if self.records is None or not self.records.any_reported:
            return
        self.save_dialog = open_save_dialog(
            self,
            title=self.tr("导出证书草稿"),
            object_name="certificateSaveDialog",
            name_filter=self.tr("PDF 文件 (*.pdf)"),
            suffix="pdf",
            default=self.default_path(),
            chosen=self.export_to,
            closed=self._on_dialog_closed,
        )

    def _on_dialog_closed(self, dialog: QFileDialog) -> None:
        if self.save_dialog is dialog:
            self.save_dialog = None

    def export_to(self, path: Path) -> None:
        """Write the shown year's draft to *path* (painted here, written on a worker)."""
        records, me = self.records, self._session.me
        if records is None or me is None or not records.any_reported:
            return
        pdf = render_certificate(CertificateDraft(me.name, me.id_number, records))
        self._tasks.op(
            run=lambda: save_certificate(path, pdf),
            success=self._on_saved,
            failure=self._on_save_failed,
            parent=self,
        ).with_progress(self.tr("正在保存证书草稿…")).start()

    def _on_save_failed(self, exc: BaseException) -> None:
        """A folder's problem (full, read-only) is named; anything else is a bug."""
        if isinstance(exc, OSError):
            log_failure(exc, "certificate draft not saved")
            reason = exc.strerror or type(exc).__name__
            self.status_label.setText(self.tr("无法保存证书草稿：{reason}").format(reason=reason))
        else:
            present_failure(exc, {}, self.status_label.setText)

    def _on_saved(self, path: Path) -> None:
        self.status_label.setText(self.tr("证书草稿已保存：{path}").format(path=path))
        self.certificate_saved.emit(str(path))
