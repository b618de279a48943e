"""我的学习: the packages the learner owns this year, each with its selection so far.

Guide 三、1: 个人中心 → 听课学习 → 继续教育 lists the purchased packages of the current year;
from each the learner chooses courses (选课).  The rows come from the cache first (at once,
and offline), then from ``GET /enrollments``; the sync's ``enrollment`` refresher keeps the
cache current and the page redraws when ``ChangeBus`` says the selection changed.

Each card also shows 要求完成 N 学分 / 您已完成 M 学分 and its selected courses with credits,
已学时长 / 总时长, status (未学习 / 学习中 / 已完成) and 开始学习 / 继续学习, from the year's
``GET /progress`` (cached by the sync's ``progress`` refresher; redrawn when the change
feed names ``progress``) plus the watch time still in the outbox (studied offline, not yet
answered for): the same 已学时长 as the course page (``watch_journal.with_pending``).

Watch time the platform did not credit (kept in the cache, ``desktop.models.watch_refusals``)
shows under its course as 未计学时 with the reason and what to do, and in a notice at the top
of the page until the learner closes it (知道了; it stays closed, the totals stay).

Operations: ``desktop/models/learning_cache.py`` (the enrollments, the year shown, the
cards' order and credits), ``watch_journal.py`` (the progress) and ``watch_refusals.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import CourseProgress, Enrollment, Progress
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.learning_cache import (
    courses_of,
    earned_tenths,
    enrollments_of_year,
    fetch_enrollments,
    get_enrollments,
    study_year,
)
from desktop.models.watch_journal import fetch_known_progress, known_progress
from desktop.models.watch_refusals import (
    Uncredited,
    UncreditedSummary,
    dismiss,
    dismissed,
    read_uncredited,
    reasons_text,
    summarise,
    unread,
)
from desktop.views.appearance import set_look
from desktop.views.widgets import place_cards, present_failure
from rules.credits import format_credits
from rules.years import china_date, credit_requirement

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


def format_hms(ms: int) -> str:
    seconds = max(0, int(ms) // 1000)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class CourseProgressRow(QWidget):
    """A selected course: title, credits, 已学时长 / 总时长, status, 开始学习 / 继续学习, and
    the time the platform did not credit with its reason."""

    def __init__(self, course: CourseProgress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.course = course
        self.uncredited = UncreditedSummary()
        self.title_label = QLabel(course.title, self)
        self.title_label.setWordWrap(True)
        self.credits_label = QLabel(self)
        self.time_label = QLabel(self)
        self.time_label.setObjectName("courseTime")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("courseStatus")
        self.study_button = QPushButton(self)
        self.study_button.setObjectName("studyButton")
        self.uncredited_label = QLabel(self)
        self.uncredited_label.setObjectName("courseUncredited")
        self.uncredited_label.setWordWrap(True)
        set_look(self.uncredited_label, tone="warning")
        self.uncredited_label.hide()
        line = QHBoxLayout()
        line.addWidget(self.title_label, 1)
        line.addWidget(self.credits_label)
        line.addSpacing(12)
        line.addWidget(self.time_label)
        line.addSpacing(12)
        line.addWidget(self.status_label)
        line.addWidget(self.study_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(line)
        layout.addWidget(self.uncredited_label)
        self.show_course(course)

    def show_uncredited(self, items: list[Uncredited]) -> None:
        """未计学时 of this course's chapters, with the reasons (hidden when there is none)."""
        chapters = {chapter.chapter_id for chapter in self.course.chapters}
        self.uncredited = summarise(item for item in items if item.chapter_id in chapters)
        self.uncredited_label.setText(
            self.tr("未计学时 {time} · {reasons}").format(
                time=format_hms(self.uncredited.ms), reasons=reasons_text(self.uncredited)
            )
        )
        self.uncredited_label.setVisible(self.uncredited.shown)

    def status_text(self, status: str) -> str:
        if status == "completed":
            return self.tr("已完成")
        if status == "in_progress":
            return self.tr("学习中")
        return self.tr("未学习")

    def show_course(self, course: CourseProgress) -> None:
        self.course = course
        self.title_label.setText(course.title)
        self.credits_label.setText(
            self.tr("{credits} 学分").format(credits=format_credits(course.credits_tenths))
        )
        text = self.tr("已学时长 {watched} / 总时长 {total}").format(
            watched=format_hms(course.watched_ms), total=format_hms(course.duration_ms)
        )
        if course.pending_ms >= 1000:  # as the course page says it
            text += self.tr("（待确认 {pending}）").format(pending=format_hms(course.pending_ms))
        self.time_label.setText(text)
        self.status_label.setText(self.status_text(course.status))
        self.study_button.setText(
            self.tr("开始学习") if course.status == "not_started" else self.tr("继续学习")
        )
        self.study_button.setAccessibleName(f"{self.study_button.text()}：{course.title}")


class EnrollmentCard(QFrame):
    """One owned package: title, institution, 要求完成 N 学分 / 已选 M 学分, and 选课.

    Signals:
        course_selection_requested(str): 选课 was clicked (the enrollment id).
    """

    course_selection_requested = Signal(str)
    course_requested = Signal(str)

    def __init__(self, enrollment: Enrollment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enrollmentCard")
        self.enrollment = enrollment
        self.kind_label = QLabel(self)
        self.kind_label.setProperty("role", "badge")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("enrollmentTitle")
        self.title_label.setWordWrap(True)
        set_look(self.title_label, textSize="large", strong=True, tone="heading")
        self.institution_label = QLabel(self)
        self.institution_label.setObjectName("hint")
        self.credits_label = QLabel(self)
        self.credits_label.setObjectName("enrollmentCredits")
        self.earned_label = QLabel(self)
        self.earned_label.setObjectName("enrollmentEarned")
        self.course_rows: list[CourseProgressRow] = []
        self._uncredited: list[Uncredited] = []
        self._courses_layout = QVBoxLayout()
        self.state_label = QLabel(self)
        self.state_label.setObjectName("enrollmentState")
        self.select_button = QPushButton(self.tr("选课"), self)
        self.select_button.setObjectName("selectCoursesButton")
        self.select_button.setProperty("role", "primary")
        self.select_button.clicked.connect(
            lambda: self.course_selection_requested.emit(self.enrollment.id)
        )

        heading = QHBoxLayout()
        heading.addWidget(self.kind_label)
        heading.addWidget(self.title_label, 1)
        numbers = QHBoxLayout()
        numbers.addWidget(self.credits_label)
        numbers.addSpacing(16)
        numbers.addWidget(self.state_label)
        numbers.addStretch(1)
        numbers.addWidget(self.select_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(heading)
        layout.addWidget(self.institution_label)
        layout.addLayout(numbers)
        layout.addWidget(self.earned_label)
        layout.addLayout(self._courses_layout)
        self.show_enrollment(enrollment)
        self.show_progress(None)

    def show_enrollment(self, enrollment: Enrollment) -> None:
        """Redraw for the enrollment's current state (same card, so the focus stays)."""
        self.enrollment = enrollment
        public = enrollment.course_type == "public"
        self.kind_label.setText(self.tr("公需课") if public else self.tr("专业课"))
        self.title_label.setText(enrollment.title)
        self.institution_label.setText(enrollment.institution_name)
        self.credits_label.setText(
            self.tr("要求完成 {required} 学分 / 已选 {selected} 学分").format(
                required=format_credits(enrollment.required_tenths),
                selected=format_credits(enrollment.selected_tenths),
            )
        )
        self.state_label.setText(self.state_text(enrollment))
        set_look(self.state_label, tone="success" if enrollment.requirement_met else "warning")
        self.select_button.setAccessibleName(
            self.tr("选课：{title}").format(title=enrollment.title)
        )

    def show_progress(self, progress: Progress | None) -> None:
        """要求完成 N 学分 / 您已完成 M 学分 and the selected courses (None: not loaded yet)."""
        mine = courses_of(progress, self.enrollment.id)
        earned = earned_tenths(mine)
        self.earned_label.setText(
            self.tr("要求完成 {required} 学分 / 您已完成 {earned} 学分").format(
                required=format_credits(self.enrollment.required_tenths),
                earned=format_credits(earned),
            )
        )
        self.earned_label.setVisible(progress is not None)
        # Rows already shown are kept and updated, like the cards: never rebuilt under the
        # learner's pointer when a refresh arrives.
        kept = {row.course.course_id: row for row in self.course_rows}
        rows = []
        for course in mine:
            row = kept.pop(course.course_id, None)
            if row is None:
                row = CourseProgressRow(course, self)
                row.study_button.clicked.connect(
                    lambda _=False, cid=course.course_id: self.course_requested.emit(cid)
                )
            else:
                row.show_course(course)
                self._courses_layout.removeWidget(row)
            self._courses_layout.addWidget(row)
            rows.append(row)
        for row in kept.values():
            self._courses_layout.removeWidget(row)
            row.deleteLater()
        self.course_rows = rows
        # Tab follows the page: this card's 选课, then its courses' buttons, then the next
        # card (rows come with the progress, after every card was made, so they were last).
        before: QWidget = self.select_button
        for row in rows:
            QWidget.setTabOrder(before, row.study_button)
            before = row.study_button
        self.show_uncredited(self._uncredited)

    def show_uncredited(self, items: list[Uncredited]) -> None:
        """The watch time not credited, under the course it belongs to."""
        self._uncredited = items
        for row in self.course_rows:
            row.show_uncredited(items)

    def row_of(self, course_id: str) -> CourseProgressRow | None:
        return next((r for r in self.course_rows if r.course.course_id == course_id), None)

    def state_text(self, enrollment: Enrollment) -> str:
        if enrollment.closed:
            return self.tr("选课已截止")
        if enrollment.requirement_met:
            return self.tr("已满足选课要求")
        missing = enrollment.required_tenths - enrollment.selected_tenths
        return self.tr("还需选 {credits} 学分").format(credits=format_credits(missing))


class StudyView(QWidget):
    """The 我的学习 page (one per login: built for the learner's session).

    Signals:
        course_selection_requested(str): the learner wants to choose the courses of that
            enrollment (the app opens the 选课 page).
    """

    course_selection_requested = Signal(str)
    course_requested = Signal(str, int)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("studyView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self._stale = True
        self.year = 0
        self.progress: Progress | None = None
        self._progress_year = 0
        self.cards: list[EnrollmentCard] = []
        self.uncredited: list[Uncredited] = []
        #: Refusals whose notice the learner closed here (a read may predate the write).
        self._dismissed: set[str] = set()

        self.title = QLabel(self.tr("我的学习"), self)
        self.title.setObjectName("pageTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("helpPanel")
        self.notice.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()
        # Watch time the platform did not credit, until the learner closes this notice.
        self.refusal_notice = QFrame(self)
        self.refusal_notice.setObjectName("refusalNotice")
        self.refusal_label = QLabel(self.refusal_notice)
        self.refusal_label.setObjectName("refusalText")
        self.refusal_label.setProperty("role", "alert")
        self.refusal_label.setWordWrap(True)
        self.dismiss_button = QPushButton(self.tr("知道了"), self.refusal_notice)
        self.dismiss_button.setObjectName("dismissRefusal")
        self.dismiss_button.setAccessibleName(self.tr("知道了：关闭未计学时提示"))
        notice = QHBoxLayout(self.refusal_notice)
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(self.refusal_label, 1)
        notice.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.refusal_notice.hide()

        self._cards_widget = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_widget)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(12)
        self._cards_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._cards_widget)
        scroll.setAccessibleName(self.tr("我的学习"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notice)
        layout.addWidget(self.refusal_notice)
        layout.addWidget(self.empty_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_label)
        self._load: CacheFirstLoad[list[Enrollment]] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载我的学习…"),
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
        self._progress_load: CacheFirstLoad[Progress] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载学习进度…"),
            show=self._show_progress,
            offline=lambda: None,  # the enrollments' load already says so
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
            cache_ready=self._session.cache_ready,
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._bus.changed.connect(self._on_changed)
        self.dismiss_button.clicked.connect(self.dismiss_refusals)

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if changes.tray or changes.catalog:
            if self.isVisible():
                # the cache now holds what the change brought
                self._load.read_cache(get_enrollments)
            else:
                self._stale = True
        if (changes.progress or changes.journal) and self._progress_year:
            year = self._progress_year
            self._progress_load.read_cache(lambda cache: known_progress(cache, year))

    def reload(self) -> None:
        """The cache's enrollments at once, then the platform's (stored in the cache)."""
        api, cache = self._session.api, self._session.cache
        self._stale = False
        self._progress_year = 0  # asked again once the year is known
        self._load.start(
            get_enrollments, None if api is None else lambda: fetch_enrollments(api, cache)
        )

    def _on_fetched(self, rows: list[Enrollment]) -> None:
        self.status_label.clear()
        self._show(rows)

    # -- showing --------------------------------------------------------------------

    def _show(self, enrollments: list[Enrollment]) -> None:
        health = self._session.health
        today = china_date(self._session.platform_clock.now())  # the platform's day, not the PC's
        self.year = study_year(health.server_time if health else "", enrollments, today)
        need = credit_requirement(self.year)
        self.notice.setText(
            self.tr(
                "{year}年度继续教育：公需科目不少于{public}学分，专业科目不少于{professional}学分。"
                "请在每个已购课程包中选课，所选课程的学分达到要求后即可开始学习。"
            ).format(
                year=self.year, public=need.public_credits, professional=need.professional_credits
            )
        )
        self._place_cards(enrollments_of_year(enrollments, self.year))
        self.empty_label.setText(
            self.tr(
                "您还没有购买{year}年度的课程。请在“学习资源”中选择机构，购买后即可在这里选课。"
            ).format(year=self.year)
        )
        self.empty_label.setVisible(not self.cards)
        if self.year != self._progress_year:
            self._load_progress(self.year)
        else:
            self._show_progress(self.progress)

    def _load_progress(self, year: int) -> None:
        api, cache = self._session.api, self._session.cache
        self._progress_year = year
        self._progress_load.start(
            lambda c: known_progress(c, year),
            None if api is None else lambda: fetch_known_progress(api, cache, year),
        )

    def _show_progress(self, progress: Progress | None) -> None:
        if progress is not None and progress.year != self._progress_year:
            return
        self.progress = progress
        for card in self.cards:
            card.show_progress(progress)
        self._load_uncredited()

    # -- time not credited ------------------------------------------------------------

    def _load_uncredited(self) -> None:
        """Read the watch time not credited (cache lane); shown under the courses."""
        cache = self._session.cache
        if cache is None:
            return
        self._tasks.op(
            run=lambda: read_uncredited(cache),
            success=self._show_uncredited,
            parent=self,
            lane="cache",
        ).start()

    def _show_uncredited(self, items: list[Uncredited]) -> None:
        items = dismissed(items, self._dismissed)
        self.uncredited = items
        for card in self.cards:
            card.show_uncredited(items)
        notice = unread(items)
        if notice.shown:
            self.refusal_label.setText(
                self.tr("有 {time} 的学习时间未计入学时。{reasons}").format(
                    time=format_hms(notice.ms), reasons=reasons_text(notice)
                )
            )
        self.refusal_notice.setVisible(notice.shown)

    def dismiss_refusals(self) -> None:
        """知道了: the notice closes and stays closed; the courses' 未计学时 stay."""
        ids = unread(self.uncredited).ids
        self.refusal_notice.hide()
        self._dismissed.update(ids)
        self.uncredited = dismissed(self.uncredited, ids)
        cache = self._session.cache
        if ids and cache is not None:
            self._tasks.op(run=lambda: dismiss(cache, ids), parent=self, lane="cache").start()

    def _place_cards(self, enrollments: list[Enrollment]) -> None:
        """One card per enrollment, in order; a card already shown is kept and updated."""
        self.cards = place_cards(
            self._cards_layout,
            self.cards,
            enrollments,
            key=lambda enrollment: enrollment.id,
            key_of_card=lambda card: card.enrollment.id,
            make=self._new_card,
            update=EnrollmentCard.show_enrollment,
        )

    def _new_card(self, enrollment: Enrollment) -> EnrollmentCard:
        card = EnrollmentCard(enrollment, self._cards_widget)
        card.show_uncredited(self.uncredited)
        card.course_selection_requested.connect(self.course_selection_requested)
        card.course_requested.connect(lambda cid: self.course_requested.emit(cid, self.year))
        return card

    def card_of(self, enrollment_id: str) -> EnrollmentCard | None:
        return next((c for c in self.cards if c.enrollment.id == enrollment_id), None)
