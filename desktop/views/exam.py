"""公需考试: the year's public-course exam, as the guide's 四、网上考试 shows it.

A year selector (2021 … the platform clock's year), 正式考试 › {year}年 › {year}年公需课, the
summary row (学习截止时间 / 考试截止时间 / 学习学分 x/30 / 考试 x/1 / 状态), the pass-mark notice,
the table 我的考试 with its action (开始考试 / 继续考试, or why not), and the attempts so
far.  Rows come from the cache first (at once, and offline), then from ``GET /exams``; the
sync's ``exam`` refresher (an attempt graded) and ``progress`` (study time that may unlock
the paper) make the page redraw.

Starting or resuming opens ``ExamDialog``; an exam needs the network to start.  After a
crash or a restart, ``resume_unfinished`` reopens the attempt the dialog had open.

Operations: ``desktop/models/exam_cache.py`` (the page, opening an attempt, the years
offered); the tables are ``desktop/models/exam_table.py`` and ``attempt_table.py``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.attempt_table import AttemptTableModel
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import logged
from desktop.models.exam_cache import (
    ExamPage,
    Reloaded,
    exam_years,
    fetch_exam_page,
    find_unfinished,
    open_exam,
    read_exam_page,
)
from desktop.models.exam_table import ExamTableModel
from desktop.models.exams import CLOSED, NOT_OPEN, PASSED, STUDY_REQUIRED, Exam, SubmitResult
from desktop.models.formats import format_date
from desktop.views.appearance import set_look, theme_colour
from desktop.views.exam_dialog import ExamDialog
from desktop.views.widgets import present_failure, record_table
from rules.credits import format_credits
from rules.exam import DEFAULT_PASS_SCORE

if TYPE_CHECKING:
    from collections.abc import Sequence

    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)


def fit_rows(table: QTableView, rows: int) -> None:
    """As tall as *rows* rows and the header: the page scrolls, not the table."""
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + rows * table.verticalHeader().defaultSectionSize())


class ExamView(QWidget):
    """The 公需考试 page (one per login: built for the learner's session).

    Signals:
        enroll_requested(): 去报名 — the learner owns no public package of the year (the
            app shows 学习资源).
        exam_finished(object): an attempt was graded in the dialog (the ``SubmitResult``).
    """

    enroll_requested = Signal()
    exam_finished = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("examView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self._stale = True
        self.year = 0
        self.page: ExamPage | None = None
        self.dialog: ExamDialog | None = None

        title = QLabel(self.tr("公需考试"), self)
        title.setObjectName("pageTitle")
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("examYear")
        self.year_combo.setAccessibleName(self.tr("考试年度"))
        year_label = QLabel(self.tr("年度："), self)
        year_label.setBuddy(self.year_combo)
        self.breadcrumb = QLabel(self)
        self.breadcrumb.setObjectName("examBreadcrumb")
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(year_label)
        heading.addWidget(self.year_combo)

        summary = QFrame(self)
        summary.setObjectName("examSummary")
        grid = QGridLayout(summary)
        self.summary_values: dict[str, QLabel] = {}
        self._summary_headings: dict[str, str] = {}
        names = (
            ("study_deadline", self.tr("学习截止时间")),
            ("exam_deadline", self.tr("考试截止时间")),
            ("credits", self.tr("学习学分")),
            ("exams", self.tr("考试")),
            ("state", self.tr("状态")),
        )
        for column, (key, text) in enumerate(names):
            header = QLabel(text, summary)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            header.setProperty("tone", "muted")
            value = QLabel("—", summary)
            value.setObjectName(f"examSummary_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, column)
            grid.addWidget(value, 1, column)
            self.summary_values[key] = value
            self._summary_headings[key] = text
        self._name_summary()

        self.notice = QLabel(self._pass_mark_notice(()), self)
        self.notice.setObjectName("helpPanel")
        self.notice.setWordWrap(True)

        self.not_enrolled = QFrame(self)
        self.not_enrolled.setObjectName("examNotEnrolled")
        self.not_enrolled_label = QLabel(self.not_enrolled)
        self.not_enrolled_label.setObjectName("hint")
        self.enroll_button = QPushButton(self.tr("去报名"), self.not_enrolled)
        self.enroll_button.setObjectName("examEnrollButton")
        self.enroll_button.clicked.connect(self.enroll_requested)
        row = QHBoxLayout(self.not_enrolled)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.not_enrolled_label, 1)
        row.addWidget(self.enroll_button)
        self.not_enrolled.hide()

        exams_title = QLabel(self.tr("我的考试"), self)
        exams_title.setObjectName("sectionTitle")
        exams_title.setProperty("strong", "true")
        self.standing_label = QLabel(self)
        self.standing_label.setObjectName("examStanding")
        self.model = ExamTableModel(self, colour=theme_colour)
        self.table = record_table(
            self,
            self.model,
            name="examTable",
            accessible_name=self.tr("我的考试"),
            stretch_column=ExamTableModel.TITLE,
            row_height=48,  # two lines: the long cells wrap at the default width
        )
        # 操作 is a list of real buttons under the table, each with why it is locked beside
        # it: a button placed in a cell (setIndexWidget) is not in Qt's accessible table,
        # so a screen reader never found 开始考试 nor its reason.
        self.table.setColumnHidden(ExamTableModel.ACTION, True)
        self.action_rows = QWidget(self)
        self.action_rows.setObjectName("examActions")
        self._actions_layout = QVBoxLayout(self.action_rows)
        self._actions_layout.setContentsMargins(0, 0, 0, 0)
        self.action_buttons: list[QPushButton] = []
        attempts_title = QLabel(self.tr("考试记录"), self)
        attempts_title.setProperty("strong", "true")
        self.attempt_model = AttemptTableModel(self, colour=theme_colour)
        self.attempt_table = record_table(
            self,
            self.attempt_model,
            name="attemptTable",
            accessible_name=self.tr("考试记录"),
            stretch_column=AttemptTableModel.RESULT,
            row_height=30,
        )
        self.no_attempts_label = QLabel(self.tr("还没有考试记录。"), self)
        self.no_attempts_label.setObjectName("hint")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(heading)
        layout.addWidget(QLabel(self.tr("正式考试"), self))
        layout.addWidget(self.breadcrumb)
        layout.addWidget(summary)
        layout.addWidget(self.notice)
        layout.addWidget(self.not_enrolled)
        layout.addWidget(exams_title)
        layout.addWidget(self.standing_label)
        layout.addWidget(self.table)
        layout.addWidget(self.action_rows)
        layout.addWidget(attempts_title)
        layout.addWidget(self.attempt_table)
        layout.addWidget(self.no_attempts_label)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        scroll.setAccessibleName(self.tr("公需考试"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._load: CacheFirstLoad[ExamPage] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载公需考试…"),
            show=self._show,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的内容。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
            cache_ready=self._session.cache_ready,
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._bus.changed.connect(self._on_changed)
        self.year_combo.activated.connect(lambda _index: self.reload())

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fill_years()
        self.reload()

    def _fill_years(self) -> None:
        """2021 … the platform clock's year, the current one chosen the first time."""
        years = exam_years(self._session.platform_clock.now())
        current = years[0]
        shown = [self.year_combo.itemData(i) for i in range(self.year_combo.count())]
        if shown == years:
            return
        chosen = self.year_combo.currentData() or current
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(self.tr("{year}年").format(year=year), year)
        self.year_combo.setCurrentIndex(years.index(chosen) if chosen in years else 0)

    def _on_changed(self, changes: Changes) -> None:
        if not (changes.exams or changes.progress):
            return
        if not self.isVisible():
            self._stale = True
        elif changes.exams:
            year = self.year
            self._load.read_cache(lambda cache: read_exam_page(cache, year))
        else:
            self.reload()  # more study time may have unlocked the paper

    def reload(self) -> None:
        """The cache's page of the chosen year at once, then the platform's."""
        if self.year_combo.count() == 0:
            self._fill_years()
        self.year = int(self.year_combo.currentData())
        api, cache, year = self._session.api, self._session.cache, self.year
        self._stale = False
        self._load.start(
            lambda c: read_exam_page(c, year),
            None if api is None or cache is None else lambda: fetch_exam_page(api, cache, year),
        )

    def _on_fetched(self, page: ExamPage) -> None:
        self.status_label.clear()
        self._show(page)

    # -- showing --------------------------------------------------------------------

    def _show(self, page: ExamPage) -> None:
        if page.overview.year != self.year:
            return
        self.page = page
        overview = page.overview
        year = overview.year
        self.breadcrumb.setText(self.tr("{year}年 › {year}年公需课").format(year=year))
        values = self.summary_values
        values["study_deadline"].setText(format_date(overview.study_deadline))
        values["exam_deadline"].setText(format_date(overview.exam_deadline))
        values["credits"].setText(
            f"{format_credits(overview.public_earned_tenths)}"
            f"/{format_credits(overview.public_required_tenths)}"
        )
        values["exams"].setText(f"{overview.exams_passed}/{overview.exams_required}")
        values["state"].setText(self.tr("已完成") if overview.complete else self.tr("暂未完成"))
        set_look(values["state"], tone="success" if overview.complete else "warning")
        self._name_summary()

        owned = bool(overview.items)
        self.not_enrolled_label.setText(
            self.tr("您尚未报名{year}年公需课，报名并学完公需课后即可参加考试。").format(year=year)
        )
        self.not_enrolled.setVisible(not owned)
        if not owned:
            self.standing_label.clear()
        elif overview.exams_passed >= overview.exams_required:
            self.standing_label.setText(self.tr("您【{year}年公需课】考试已通过").format(year=year))
        else:
            self.standing_label.setText(
                self.tr("您【{year}年公需课】考试暂未通过").format(year=year)
            )
        self.notice.setText(self._pass_mark_notice(overview.items))
        self.model.set_rows(list(overview.items))
        self._place_action_buttons()
        self._fit_long_columns()
        attempts = [a for exam in overview.items for a in page.attempts_of(exam.id)]
        self.attempt_model.set_rows(attempts)
        fit_rows(self.table, max(1, len(overview.items)))
        fit_rows(self.attempt_table, min(len(attempts), 8))
        self.attempt_table.setVisible(bool(attempts))
        self.no_attempts_label.setVisible(owned and not attempts)

    def _pass_mark_notice(self, exams: Sequence[Exam]) -> str:
        """The pass mark is the exam's own (the platform's ``pass_score``); before the
        year's exam is known, or if its papers differ, the usual mark is named as such."""
        marks = {exam.pass_score for exam in exams}
        if len(marks) == 1:
            return self.tr(
                "公需课考试{mark}分算作合格，考试合格后继续教育学习情况方可上传。"
            ).format(mark=marks.pop())
        return self.tr(
            "公需课考试达到试卷的合格分数（通常为{mark}分）算作合格，"
            "考试合格后继续教育学习情况方可上传。"
        ).format(mark=DEFAULT_PASS_SCORE)

    def _fit_long_columns(self) -> None:
        """At the window's default width the row does not fit on one line: 考试状态 and
        考试机会 wrap onto two, so that 试卷名称 (the column that stretches) is not cut."""
        header, metrics = self.table.horizontalHeader(), self.table.fontMetrics()
        for column in (ExamTableModel.STATUS, ExamTableModel.CHANCES):
            texts = [str(self.model.index(r, column).data()) for r in range(self.model.rowCount())]
            half = max((metrics.horizontalAdvance(t) for t in texts), default=0) // 2
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(header.sectionSizeFromContents(column).width(),
                                             half + 2 * metrics.horizontalAdvance("字")))  # fmt: skip

    def _place_action_buttons(self) -> None:
        """操作: 开始考试 / 继续考试 per exam, disabled with the reason beside it (also its
        tooltip and accessible description) when locked."""
        while (item := self._actions_layout.takeAt(0)) is not None:
            if (old := item.widget()) is not None:
                old.hide()
                old.deleteLater()
        self.action_buttons = []
        several = len(self.model.rows) > 1
        before: QWidget = self.table  # Tab: the table, then its exams' buttons
        for exam in self.model.rows:
            row = QWidget(self.action_rows)
            button = QPushButton(row)
            button.setObjectName("examActionButton")
            action = self.tr("继续考试") if exam.can_resume else self.tr("开始考试")
            title = f"{action}：{exam.title}"
            button.setText(title if several else action)  # with one exam the table names it
            button.setAccessibleName(title)
            reason = self.locked_reason(exam)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
            button.setAccessibleDescription(reason or "")
            button.clicked.connect(lambda _=False, e=exam: self.take_exam(e))
            why = QLabel(reason or "", row)
            why.setObjectName("examActionReason")
            why.setProperty("tone", "muted")
            why.setWordWrap(True)
            why.setVisible(reason is not None)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(button)
            line.addWidget(why, 1)
            self._actions_layout.addWidget(row)
            row.show()  # now, not at the layout's queued show: the page is already drawn
            QWidget.setTabOrder(before, button)
            before = button
            self.action_buttons.append(button)

    def _name_summary(self) -> None:
        """Each value is read with its heading ("学习截止时间：2021-12-31"): the headings
        are a row of their own, so a reader moving value to value heard no heading."""
        for key, value in self.summary_values.items():
            value.setAccessibleName(
                self.tr("{heading}：{value}").format(
                    heading=self._summary_headings[key], value=value.text()
                )
            )

    def locked_reason(self, exam: Exam) -> str | None:
        """Why the row's action is disabled (None: it is not)."""
        if exam.can_start or exam.can_resume:
            return None
        if exam.state == STUDY_REQUIRED:
            return self.tr("本课程还需学习{minutes}分钟，学完后方可参加考试").format(
                minutes=exam.remaining_study_minutes
            )
        if exam.state == NOT_OPEN:
            return self.tr("考试将于{date}开放").format(date=format_date(exam.opens_at))
        if exam.state == PASSED:
            return self.tr("考试已通过（最高成绩{score}分，{mark}分合格）").format(
                score=exam.best_score, mark=exam.pass_score
            )
        if exam.state == CLOSED:
            return self.tr("考试已于{date}截止，过期不办理补学补登").format(
                date=format_date(exam.closes_at)
            )
        return self.tr("暂时不能参加考试")

    def action_button(self, row: int = 0) -> QPushButton | None:
        """The 操作 button of *row* (for tests and drivers)."""
        return self.action_buttons[row] if 0 <= row < len(self.action_buttons) else None

    # -- taking the exam ------------------------------------------------------------

    def is_online(self) -> bool:
        sync = self._session.sync
        return self._session.api is not None and (sync is None or sync.is_online)

    def take_exam(self, exam: Exam) -> None:
        """开始考试 / 继续考试: online only; the attempt opens in the dialog."""
        api, cache = self._session.api, self._session.cache
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        if api is None or cache is None or not self.is_online():
            self._refuse_offline()
            return
        self.status_label.clear()
        self._tasks.op(
            run=lambda: open_exam(api, cache, exam),
            success=self._on_attempt_found,
            failure=self._on_start_failed,
            parent=self,
        ).with_progress(self.tr("正在打开试卷…")).start()

    def _on_attempt_found(self, found: Reloaded) -> None:
        if not found.online:
            self._refuse_offline()
        elif not found.attempt.in_progress:  # handed in elsewhere since the page was read
            self.status_label.setText(self.tr("这次考试已经交卷或时间已到，成绩见“考试记录”。"))
            self.reload()
        else:
            self._open_dialog(found)

    def _refuse_offline(self) -> None:
        self.status_label.setText(self._offline_message())

    def _offline_message(self) -> str:
        return self.tr("考试需要联网：当前无法连接平台，请检查网络后再开始考试。")

    def _on_start_failed(self, exc: BaseException) -> None:
        present_failure(exc, {}, self.status_label.setText, offline=self._offline_message())
        self.reload()

    def resume_unfinished(self) -> None:
        """After a crash or a restart: reopen the attempt the dialog had open, if it is
        still in progress (the platform graded it otherwise, and the page shows that)."""
        api, cache = self._session.api, self._session.cache
        if api is None or cache is None or self.dialog is not None:
            return
        self._tasks.op(
            run=lambda: find_unfinished(api, cache),
            success=self._on_unfinished_found,
            failure=logged("unfinished attempt not reopened", log),
            parent=self,
        ).start()

    def _on_unfinished_found(self, found: Reloaded | None) -> None:
        if found is not None and found.attempt.in_progress:
            self._open_dialog(found)

    def _open_dialog(self, found: Reloaded) -> None:
        if self.dialog is not None:
            return
        attempt = found.attempt
        exam = None if self.page is None else self.page.overview.exam(attempt.exam_id)
        dialog = ExamDialog(
            self._tasks,
            self._session,
            attempt,
            title=exam.title if exam is not None else "",
            online=found.online,
            changed=found.changed,
            parent=self.window(),
        )
        dialog.submitted.connect(self._on_submitted)
        dialog.finished.connect(lambda _result: self._on_dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()

    def close_dialog(self) -> None:
        """The learner is leaving (logout, expired session): the dialog closes without
        asking, and reopens with its answers at the next login of this account."""
        if self.dialog is not None:
            self.dialog.close_without_asking()

    def _on_submitted(self, result: SubmitResult) -> None:
        self.exam_finished.emit(result)
        self.reload()
        if self._session.sync is not None:
            self._session.sync.sync_now()  # the grade's changes (records, home) come now

    def _on_dialog_closed(self, dialog: ExamDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if self.isVisible():
            self.reload()
