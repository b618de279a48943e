"""个人主页: the current year at a glance, the landing page after login.

Three bars (公需课 x/30, 专业课 y/60, 合计 z/90), the days left until the year's credit
confirmation closes, a reminder as that day nears, and the ONE next step with a button that
goes there.  What to show is decided by ``desktop.models.year_overview`` from the cache
(at once, and offline), then again after the platform's answers are stored; any change the
sync announces re-reads the cache.

Operations: ``desktop/models/year_overview.py`` (the facts and what they mean).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.year_overview import (
    CreditBar,
    Reminder,
    Step,
    YearOverview,
    fetch_facts,
    read_facts,
)
from desktop.views.appearance import set_look
from desktop.views.widgets import present_failure
from rules.credits import format_credits
from rules.exam import DEFAULT_PASS_SCORE
from rules.years import CHINA_TZ

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


class CreditRow(QWidget):
    """One labelled bar: 公需课 [=====     ] 12.5/30 学分."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title, self)
        self.title_label.setMinimumWidth(56)
        self.bar = QProgressBar(self)
        self.bar.setObjectName(name)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(title)
        self.value_label = QLabel(self)
        self.value_label.setObjectName(name + "Value")
        self.value_label.setMinimumWidth(96)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.value_label)

    def show_bar(self, bar: CreditBar) -> None:
        self.bar.setRange(0, max(1, bar.required))
        self.bar.setValue(bar.shown)
        text = self.tr("{earned}/{required} 学分").format(
            earned=format_credits(bar.earned), required=format_credits(bar.required)
        )
        self.value_label.setText(text)
        self.bar.setAccessibleDescription(text)


class HomeView(QWidget):
    """The 个人主页 page (one per login: built for the learner's session).

    Signals:
        page_requested(str): the next step's button asks for that shell page.
        course_selection_requested(str): 去选课 of that enrollment.
    """

    page_requested = Signal(str)
    course_selection_requested = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self.overview: YearOverview | None = None

        self.title = QLabel(self.tr("个人主页"), self)
        self.title.setObjectName("pageTitle")
        self.greeting = QLabel(self)
        self.year_label = QLabel(self)
        self.year_label.setObjectName("homeYear")
        self.reminder_label = QLabel(self)
        self.reminder_label.setObjectName("homeReminder")
        self.reminder_label.setWordWrap(True)
        self.reminder_label.hide()

        self.public_row = CreditRow(self.tr("公需课"), "publicBar", self)
        self.professional_row = CreditRow(self.tr("专业课"), "professionalBar", self)
        self.total_row = CreditRow(self.tr("合计"), "totalBar", self)
        # One column of titles, so the three bars start at one edge in every language.
        rows = (self.public_row, self.professional_row, self.total_row)
        title_width = max(row.title_label.sizeHint().width() for row in rows)
        for row in rows:
            row.title_label.setMinimumWidth(title_width)
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("homeDeadline")

        card = QFrame(self)
        card.setObjectName("homeCard")
        bars = QVBoxLayout(card)
        bars.setContentsMargins(16, 12, 16, 12)
        bars.addWidget(self.year_label)
        bars.addWidget(self.public_row)
        bars.addWidget(self.professional_row)
        bars.addWidget(self.total_row)
        bars.addWidget(self.deadline_label)

        self.step_title = QLabel(self)
        self.step_title.setObjectName("homeStepTitle")
        self.step_text = QLabel(self)
        self.step_text.setObjectName("homeStepText")
        self.step_text.setWordWrap(True)
        self.step_button = QPushButton(self)
        self.step_button.setObjectName("homeStepButton")
        self.step_button.setProperty("role", "primary")
        self.step_button.hide()
        step_box = QFrame(self)
        step_box.setObjectName("homeStep")
        step_layout = QGridLayout(step_box)
        step_layout.setContentsMargins(16, 12, 16, 12)
        step_layout.addWidget(self.step_title, 0, 0)
        step_layout.addWidget(self.step_text, 1, 0)
        step_layout.addWidget(self.step_button, 0, 1, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        step_layout.setColumnStretch(0, 1)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.greeting)
        layout.addWidget(self.reminder_label)
        layout.addWidget(card)
        layout.addWidget(step_box)
        layout.addStretch(1)
        layout.addWidget(self.status_label)
        self._load: CacheFirstLoad[YearOverview] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载个人主页…"),
            show=self.show_overview,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的内容。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._bus.changed.connect(self._on_changed)
        self._session.cache_ready.connect(self._on_cache_ready)
        self.step_button.clicked.connect(self._on_step_clicked)

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def _on_changed(self, changes: Changes) -> None:
        # Progress, packages, orders, the exam, the records, the account: all feed the page,
        # and a cache read is cheap.  Hidden, it reloads when shown again.
        if not changes:
            return
        if self.isVisible() and self._session.cache is not None:
            server_time = self._server_time()
            now = self._session.platform_clock.now()
            self._load.read_cache(lambda cache: read_facts(cache, server_time, now))

    def _on_cache_ready(self, _cache: object) -> None:
        if self.isVisible():
            self.reload()

    def _server_time(self) -> str:
        health = self._session.health
        return health.server_time if health is not None else ""

    def reload(self) -> None:
        """The cache's facts at once, then the platform's (stored in the cache)."""
        me = self._session.me
        if me is not None:
            self.greeting.setText(self.tr("{name}，您好！").format(name=me.name))
        api, cache = self._session.api, self._session.cache
        if cache is None:
            return  # the cache opens just after login: _on_cache_ready loads then
        server_time, now = self._server_time(), self._session.platform_clock.now()
        fetch = None if api is None else lambda: fetch_facts(api, cache, server_time, now)
        self._load.start(lambda c: read_facts(c, server_time, now), fetch)

    def _on_fetched(self, overview: YearOverview) -> None:
        self.status_label.clear()
        self.show_overview(overview)

    # -- showing --------------------------------------------------------------------

    def show_overview(self, overview: YearOverview) -> None:
        self.overview = overview
        self.year_label.setText(self.tr("{year}年度继续教育").format(year=overview.year))
        self.public_row.show_bar(overview.public)
        self.professional_row.show_bar(overview.professional)
        self.total_row.show_bar(overview.total)
        self.deadline_label.setText(self._deadline_text(overview))
        self._show_reminder(overview)
        self._show_step(overview)

    def _deadline_text(self, overview: YearOverview) -> str:
        if overview.days_left > 0:
            return self.tr("距{year}年度学分确认截止还有{days}天").format(
                year=overview.year, days=overview.days_left
            )
        if overview.days_left == 0:
            return self.tr("今天是{year}年度学分确认截止日").format(year=overview.year)
        return self.tr("{year}年度学分确认已于{date}截止").format(
            year=overview.year, date=overview.deadline.astimezone(CHINA_TZ).strftime("%Y-%m-%d")
        )

    def _show_reminder(self, overview: YearOverview) -> None:
        if overview.reminder is Reminder.NONE:
            self.reminder_label.clear()
            self.reminder_label.hide()
            return
        if overview.reminder is Reminder.URGENT:
            text = self.tr("距截止仅剩{days}天，请尽快完成学习！过期不办理补学补登。")
        else:
            text = self.tr("距截止还有{days}天，请尽快完成学习")
        self.reminder_label.setText(text.format(days=overview.days_left))
        set_look(self.reminder_label, level=overview.reminder.value)
        self.reminder_label.show()

    def _show_step(self, overview: YearOverview) -> None:
        step = overview.step
        title, text, button = self._step_texts(overview)
        self.step_title.setText(title)
        self.step_text.setText(text)
        self.step_button.setText(button)
        self.step_button.setAccessibleName(title)
        self.step_button.setVisible(step is not None and step.page is not None and bool(button))

    def _step_texts(self, overview: YearOverview) -> tuple[str, str, str]:
        """(下一步 title, what to do, the button's text) of the overview's step."""
        year, step = overview.year, overview.step
        left_public = overview.public.required - overview.public.earned
        left_professional = overview.professional.required - overview.professional.earned
        if step is None:
            return self.tr("正在读取您的学习情况…"), "", ""
        if step is Step.COLLECT_INFO:
            return (
                self.tr("下一步：信息采集"),
                self.tr("请先完成信息采集，采集通过后即可报名购买课程。"),
                self.tr("去信息采集"),
            )
        if step is Step.BUY:
            return (
                self.tr("下一步：报名购买"),
                self.tr("请在“学习资源”中选择培训机构，购买{year}年度的公需课和专业课。").format(
                    year=year
                ),
                self.tr("去报名购买"),
            )
        if step is Step.CHOOSE_COURSES:
            enrollment = overview.enrollment
            missing = 0 if enrollment is None else (
                enrollment.required_tenths - enrollment.selected_tenths
            )  # fmt: skip
            return (
                self.tr("下一步：选课"),
                self.tr("“{title}”还需选{credits}学分，选满后即可开始学习。").format(
                    title=enrollment.title if enrollment else "",
                    credits=format_credits(missing),
                ),
                self.tr("去选课"),
            )
        if step is Step.STUDY:
            parts = []
            if left_public > 0:
                parts.append(
                    self.tr("公需课还需{credits}学分").format(credits=format_credits(left_public))
                )
            if left_professional > 0:
                parts.append(
                    self.tr("专业课还需{credits}学分").format(
                        credits=format_credits(left_professional)
                    )
                )
            return (
                self.tr("下一步：听课学习"),
                self.tr("请继续听课学习：{parts}。").format(parts=self.tr("，").join(parts)),
                self.tr("去听课学习"),
            )
        if step is Step.TAKE_EXAM:
            return (
                self.tr("下一步：参加公需考试"),
                self._exam_step_text(overview.exam_pass_score),
                self.tr("参加公需考试"),
            )
        if step is Step.AWAIT_REPORT:
            return (
                self.tr("下一步：等待学分回传"),
                self.tr(
                    "本年度学分已达到要求，培训机构会自动回传学分，无需申报。"
                    "可在“继续教育情况”中查看进度。"
                ),
                self.tr("查看继续教育情况"),
            )
        if step is Step.EXPIRED:
            return (
                self.tr("{year}年度学分确认已截止").format(year=year),
                self.tr("{year}年度未在截止日前达到学分要求，过期不办理补学补登。").format(
                    year=year
                ),
                self.tr("查看继续教育情况"),
            )
        return (
            self.tr("本年度已完成"),
            self.tr("{year}年度的公需课和专业课学分均已回传成功。").format(year=year),
            "",
        )

    def _exam_step_text(self, pass_score: int | None) -> str:
        """The exam's own mark once its paper is cached; before that the usual one, said
        to be usual."""
        if pass_score is not None:
            return self.tr(
                "公需课已学完，请参加公需考试（{mark}分合格），通过后公需课学分才能回传。"
            ).format(mark=pass_score)
        return self.tr(
            "公需课已学完，请参加公需考试（通常{mark}分合格，以试卷为准），"
            "通过后公需课学分才能回传。"
        ).format(mark=DEFAULT_PASS_SCORE)

    def _on_step_clicked(self) -> None:
        overview = self.overview
        if overview is None or overview.step is None or overview.step.page is None:
            return
        if overview.step is Step.CHOOSE_COURSES and overview.enrollment_id:
            self.course_selection_requested.emit(overview.enrollment_id)
        else:
            self.page_requested.emit(overview.step.page)
