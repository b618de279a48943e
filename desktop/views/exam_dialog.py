"""The exam dialog: one attempt of the public-course paper, answered and handed in.

What it promises the learner (SPEC §1.8, docs/api.md "Client side" and "Exams"):

* a choice is journalled on this PC (the ``exam_answer`` outbox, on the cache lane)
  before it is shown as given: until then the question says "正在保存…"; once journalled
  "已存本机，待上传"; "✓ 已保存" only for what the platform accepted (the answer equals
  the platform's at the attempt's version).  The sync engine pushes the queue soon after;
* the same attempt may be open on another PC: the pusher's save names the version this
  PC has, and when the platform answers that it changed, or the dialog's own look at the
  platform (every ``CHECK_INTERVAL_MS``, and before 交卷) finds it changed, the dialog
  loads the platform's answers and says which questions changed elsewhere; handed in or
  timed out elsewhere, answering stops (countdown, options) and the result is shown with
  where it came from;
* the countdown runs to the attempt's ``deadline`` in the platform's time; online, time
  running out hands the paper in; offline nothing is ever handed in from here — the
  platform grades what it has saved;
* closing mid-exam asks first and says the time keeps running; the attempt reopens with
  its answers from 继续考试, or by itself after a crash or a restart;
* 交卷 first looks at the platform, then asks with the count of unanswered questions of
  the paper as it is there; it hands in exactly that paper (``If-Match``), or says what
  changed meanwhile; the result shows the score, 合格 / 不合格 and the best score.

Keys: 1–5 or A–E choose an option (toggle on 多选), ← / → move between questions.

Operations: ``desktop/models/exam_cache.py`` (journalling an answer, the attempt's state,
the look at the platform, 交卷); the attempt and its rules are ``desktop/models/exams.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import is_unreachable, log_failure, logged
from desktop.models.exam_cache import (
    AttemptChanged,
    AttemptClosed,
    AttemptState,
    check_attempt,
    clear_open_attempt,
    read_attempt_state,
    record_answer,
    set_open_attempt,
    submit_attempt,
)
from desktop.models.exams import Attempt, Question, SubmitResult, changed_questions
from desktop.views.appearance import set_look
from desktop.views.widgets import present_failure, tr_rule
from rules.exam import KIND_LABELS

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.sync import SyncEngine
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

PUSH_DELAY_MS = 600
"""After a choice, the push waits this long (a few quick clicks go in one request)."""
CHECK_INTERVAL_MS = 30_000
"""How often an open dialog looks at the platform (``GET /attempts/{id}``), so a window
left open learns within that time of answers given or a paper handed in elsewhere."""
WARN_SECONDS = 5 * 60
"""The countdown turns red in the last five minutes."""
NAV_COLUMNS = 6
_OPTION_KEYS = {
    **{getattr(Qt.Key, f"Key_{n}"): n - 1 for n in range(1, 6)},
    **{getattr(Qt.Key, f"Key_{c}"): i for i, c in enumerate("ABCDE")},
}


class ExamServices(Protocol):
    """What the exam dialog reads of the learner's session (``Session``)."""

    @property
    def api(self) -> ApiClient | None: ...
    @property
    def cache(self) -> Cache | None: ...
    @property
    def sync(self) -> SyncEngine | None: ...
    @property
    def platform_clock(self) -> PlatformClock: ...


def format_countdown(seconds: int) -> str:
    """3599 → "59:59"; an hour or more as "1:00:00"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ExamDialog(QDialog):
    """One attempt, from the first question to the result.

    *changed*: questions found changed elsewhere when the attempt was (re)opened; the
    dialog says so at once.

    Signals:
        submitted(object): the platform graded the attempt (the ``SubmitResult``), here
            or elsewhere.
        answer_given(str): a question's answer was journalled and is shown as given.
    """

    submitted = Signal(object)
    answer_given = Signal(str)

    def __init__(
        self,
        tasks: TaskRunner,
        services: ExamServices,
        attempt: Attempt,
        *,
        title: str = "",
        online: bool = True,
        changed: tuple[str, ...] = (),
        parent: QWidget | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("examDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumSize(880, 560)
        self._tasks = tasks
        self._services = services
        self._now = now or services.platform_clock.now
        self.attempt = attempt
        self.current = 0
        self.journalling: dict[str, tuple[str, ...]] = {}
        """Choices made but not yet journalled on this PC ("正在保存…", not yet given)."""
        self.pending: set[str] = set()
        """Questions whose newest answer is still in the outbox (not yet "已保存")."""
        self._answer_seq = 0
        self._answered_at_seq: dict[str, int] = {}
        self.online = online
        self.outcome: SubmitResult | None = None
        self.closed_elsewhere = False
        """The result shown came from elsewhere (handed in on another PC, or timed out)."""
        self._submitting = False
        self._submit_key: str | None = None
        """The ``Idempotency-Key`` of this dialog's 交卷, kept while its outcome is unknown."""
        self._checking = False
        self._time_up = False
        self._leaving = False
        self.confirm_box: QMessageBox | None = None
        self.option_buttons: list[QAbstractButton] = []
        self._option_group: QButtonGroup | None = None
        paper = title or self.tr("公需课考试")
        self.setWindowTitle(self.tr("{paper} · 第{number}次考试").format(
            paper=paper, number=attempt.number
        ))  # fmt: skip

        self.title_label = QLabel(paper, self)
        self.title_label.setObjectName("examTitle")
        self.countdown_label = QLabel(self)
        self.countdown_label.setObjectName("examCountdown")
        # No fixed accessible name: the label's text ("剩余时间 00:59:12") is what a reader
        # must say; a name of its own ("剩余时间") hid the time.
        self.offline_banner = QLabel(self.tr("网络已断开：答案已保存在本机，联网后自动上传"), self)
        self.offline_banner.setObjectName("offlineBanner")
        self.offline_banner.setVisible(not online)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("examMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.countdown_label)

        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_paper())
        self.stack.addWidget(self._build_result())

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.offline_banner)
        layout.addWidget(self.message_label)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(PUSH_DELAY_MS)
        self.check_timer = QTimer(self)
        """The periodic look at the platform (``check_now``)."""
        self.check_timer.setInterval(CHECK_INTERVAL_MS)
        self._connect_signals()
        self.show_question(0)
        self._tick()
        self._timer.start()
        self.check_timer.start()
        self._remember_open()
        self._read_state()
        if changed:
            self._say_changed(list(changed))

    # -- building -------------------------------------------------------------------

    def _build_paper(self) -> QWidget:
        paper = QWidget(self)
        side = QFrame(paper)
        side.setObjectName("examNavigator")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.answered_label = QLabel(side)
        self.answered_label.setObjectName("examAnsweredCount")
        grid = QGridLayout()
        grid.setSpacing(4)
        self.nav_buttons: list[QPushButton] = []
        for index, question in enumerate(self.attempt.questions):
            button = QPushButton(str(question.position), side)
            button.setObjectName("examNavButton")
            button.setFixedSize(44, 32)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, i=index: self.show_question(i))
            grid.addWidget(button, index // NAV_COLUMNS, index % NAV_COLUMNS)
            self.nav_buttons.append(button)
        legend = QLabel(self.tr("蓝色：已作答　白色：未作答　橙框：当前题　✓：已保存到平台"), side)
        legend.setObjectName("hint")
        legend.setWordWrap(True)
        side_layout.addWidget(self.answered_label)
        side_layout.addLayout(grid)
        side_layout.addWidget(legend)
        side_layout.addStretch(1)

        body = QFrame(paper)
        body.setObjectName("examQuestion")
        self.position_label = QLabel(body)
        self.position_label.setObjectName("examPosition")
        self.kind_label = QLabel(body)
        self.kind_label.setObjectName("examKind")
        self.kind_label.setProperty("role", "badge")
        self.stem_label = QLabel(body)
        self.stem_label.setObjectName("examStem")
        self.stem_label.setWordWrap(True)
        self.stem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._options_layout = QVBoxLayout()
        self._options_layout.setSpacing(8)
        self.saved_label = QLabel(body)
        self.saved_label.setObjectName("examSaved")
        self.keys_hint = QLabel(self.tr("快捷键：数字键1–5或字母A–E选择选项，←/→切换题目"), body)
        self.keys_hint.setObjectName("hint")
        self.keys_hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.position_label)
        top.addWidget(self.kind_label)
        top.addStretch(1)
        top.addWidget(self.saved_label)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(16, 12, 16, 12)
        body_layout.addLayout(top)
        body_layout.addWidget(self.stem_label)
        body_layout.addLayout(self._options_layout)
        body_layout.addStretch(1)
        body_layout.addWidget(self.keys_hint)

        self.prev_button = QPushButton(self.tr("上一题"), paper)
        self.prev_button.setObjectName("examPrevButton")
        self.next_button = QPushButton(self.tr("下一题"), paper)
        self.next_button.setObjectName("examNextButton")
        self.submit_button = QPushButton(self.tr("交卷"), paper)
        self.submit_button.setObjectName("examSubmitButton")
        self.submit_button.setProperty("role", "primary")
        buttons = QHBoxLayout()
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)

        right = QVBoxLayout()
        right.addWidget(body, 1)
        right.addLayout(buttons)
        layout = QHBoxLayout(paper)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side)
        layout.addLayout(right, 1)
        return paper

    def _build_result(self) -> QWidget:
        page = QWidget(self)
        self.origin_label = QLabel(page)
        self.origin_label.setObjectName("examOrigin")
        self.origin_label.setWordWrap(True)
        self.origin_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.origin_label.hide()
        self.score_label = QLabel(page)
        self.score_label.setObjectName("examScore")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label = QLabel(page)
        self.verdict_label.setObjectName("examVerdict")
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.correct_label = QLabel(page)
        self.correct_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.best_label = QLabel(page)
        self.best_label.setObjectName("examBest")
        self.best_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_step_label = QLabel(page)
        self.next_step_label.setObjectName("hint")
        self.next_step_label.setWordWrap(True)
        self.next_step_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.close_button = QPushButton(self.tr("关闭"), page)
        self.close_button.setObjectName("examCloseButton")
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in (
            self.origin_label,
            self.score_label,
            self.verdict_label,
            self.correct_label,
            self.best_label,
            self.next_step_label,
        ):
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        return page

    def _connect_signals(self) -> None:
        self.prev_button.clicked.connect(self.previous_question)
        self.next_button.clicked.connect(self.next_question)
        self.submit_button.clicked.connect(self.ask_submit)
        self._timer.timeout.connect(self._tick)
        self._push_timer.timeout.connect(self._push_now)
        self.check_timer.timeout.connect(self.check_now)
        sync = self._services.sync
        if sync is not None:
            sync.sync_finished.connect(self._read_state)
            sync.online_changed.connect(self._set_online)
        for widget in (self, self.prev_button, self.next_button, self.submit_button,
                       *self.nav_buttons):  # fmt: skip
            widget.installEventFilter(self)

    # -- questions ------------------------------------------------------------------

    @property
    def question(self) -> Question:
        return self.attempt.questions[self.current]

    def show_question(self, index: int) -> None:
        """Show question *index* (0-based) with its options and the learner's choice."""
        if not self.attempt.questions:
            return
        self.current = max(0, min(index, len(self.attempt.questions) - 1))
        question = self.question
        total = len(self.attempt.questions)
        self.position_label.setText(
            self.tr("第 {n} / {total} 题").format(n=question.position, total=total)
        )
        self.kind_label.setText(
            self.tr("{kind} · {points}分").format(
                kind=tr_rule(KIND_LABELS.get(question.kind, question.kind)),
                points=question.points,
            )
        )
        self.stem_label.setText(question.stem)
        self._place_options(question)
        self.prev_button.setEnabled(self.current > 0)
        self.next_button.setEnabled(self.current < total - 1)
        self._refresh_marks()

    def _place_options(self, question: Question) -> None:
        for old in self.option_buttons:
            self._options_layout.removeWidget(old)
            old.hide()  # out of the focus chain now, not when deleted
            old.deleteLater()
        if self._option_group is not None:
            self._option_group.deleteLater()
        chosen = set(self.shown_answer(question.id))
        group = None if question.multiple else QButtonGroup(self)
        self._option_group = group
        self.option_buttons = []
        for number, option in enumerate(question.options):
            label = f"{chr(ord('A') + number)}. {option.text}"
            button: QAbstractButton = (
                QCheckBox(label, self) if question.multiple else QRadioButton(label, self)
            )
            button.setObjectName("examOption")
            button.setChecked(option.id in chosen)
            button.setEnabled(self.answering)
            if group is not None:
                group.addButton(button, number)
            button.clicked.connect(self._on_option_clicked)
            button.installEventFilter(self)
            self._options_layout.addWidget(button)
            button.setVisible(True)  # at once (a layout shows new children a turn later)
            self.option_buttons.append(button)
        self._order_options(group)

    def _order_options(self, group: QButtonGroup | None) -> None:
        """Tab reaches the options where they are on the page (after the question list,
        before 上一题), A to E, not after everything else as made last; a single-choice
        group is one Tab stop landing on the chosen option (the first if none), arrows
        moving within it, as radio groups go everywhere."""
        before: QWidget = self.nav_buttons[-1] if self.nav_buttons else self.stem_label
        for button in self.option_buttons:
            QWidget.setTabOrder(before, button)
            before = button
        if group is not None:
            group.buttonToggled.connect(lambda _button, _on: self._set_option_stops(group))
            self._set_option_stops(group)

    def _set_option_stops(self, group: QButtonGroup) -> None:
        if group is not self._option_group:
            return
        stop = group.checkedButton() or (self.option_buttons[0] if self.option_buttons else None)
        for button in self.option_buttons:
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus
            )

    def previous_question(self) -> None:
        if self.current > 0:
            self.show_question(self.current - 1)

    def next_question(self) -> None:
        if self.current < len(self.attempt.questions) - 1:
            self.show_question(self.current + 1)

    def choose(self, number: int) -> None:
        """Choose (多选: toggle) option *number* (0-based) of the current question."""
        if not self.answering or not 0 <= number < len(self.option_buttons):
            return
        self.option_buttons[number].click()

    @property
    def answering(self) -> bool:
        """Answers may still be given here (not handed in, time not up, not closed)."""
        return self.outcome is None and not self._time_up

    def shown_answer(self, question_id: str) -> tuple[str, ...]:
        """What the options show: the choice being journalled, else the one given."""
        if question_id in self.journalling:
            return self.journalling[question_id]
        return tuple(self.attempt.answers.get(question_id, ()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and self.stack.currentIndex() == 0:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return super().eventFilter(watched, event)
            key = event.key()
            if key == Qt.Key.Key_Left:
                self.previous_question()
                return True
            if key == Qt.Key.Key_Right:
                self.next_question()
                return True
            if key in _OPTION_KEYS:
                self.choose(_OPTION_KEYS[key])
                return True
        return super().eventFilter(watched, event)

    # -- answers --------------------------------------------------------------------

    def _on_option_clicked(self) -> None:
        if not self.answering:
            self._place_options(self.question)  # handed in: the choice stays as it was
            return
        question = self.question
        chosen = tuple(
            option.id
            for option, button in zip(question.options, self.option_buttons, strict=True)
            if button.isChecked()
        )
        if chosen == self.shown_answer(question.id):
            return
        self.journalling[question.id] = chosen
        self._refresh_marks()
        self._journal(question.id, chosen)

    def _journal(self, question_id: str, chosen: tuple[str, ...]) -> None:
        """Into the outbox now (cache lane); shown as given once there, pushed shortly."""
        cache, attempt_id, at = self._services.cache, self.attempt.id, self._now()
        if cache is None:
            log.error("an answer arrived with no open cache; it is not given")
            self._on_journal_failed(question_id, chosen)
            return
        self._tasks.op(
            run=lambda: record_answer(cache, attempt_id, question_id, chosen, at),
            success=lambda _id: self._on_journalled(question_id, chosen),
            failure=lambda exc: self._on_journal_failed(question_id, chosen, exc),
            parent=self,
            lane="cache",
        ).start()

    def _on_journalled(self, question_id: str, chosen: tuple[str, ...]) -> None:
        """Kept on this PC: now it is given (navigator, count, "已存本机，待上传")."""
        if self.journalling.get(question_id) == chosen:
            del self.journalling[question_id]
        if self.outcome is not None:
            return
        self.attempt = self.attempt.with_answers({question_id: chosen})
        self._answer_seq += 1
        self._answered_at_seq[question_id] = self._answer_seq
        self.pending.add(question_id)
        self._refresh_marks()
        self.answer_given.emit(question_id)
        self._push_timer.start()

    def _on_journal_failed(
        self, question_id: str, chosen: tuple[str, ...], exc: BaseException | None = None
    ) -> None:
        if exc is not None:
            log_failure(exc, "an answer was not journalled", log)
        if self.journalling.get(question_id) == chosen:
            del self.journalling[question_id]
        self._show_message(self.tr("答案未能保存在本机，请再选一次。"))
        if self.attempt.questions and self.question.id == question_id:
            self._place_options(self.question)
        self._refresh_marks()

    def _push_now(self) -> None:
        sync = self._services.sync
        if sync is not None:
            sync.sync_now()

    def _read_state(self) -> None:
        """The attempt as the cache has it now: what is queued, what the platform holds,
        whether it was closed (cache lane, so it follows every journal write before it)."""
        cache, attempt_id, seq = self._services.cache, self.attempt.id, self._answer_seq
        if cache is None or self.outcome is not None:
            return
        self._tasks.op(
            run=lambda: read_attempt_state(cache, attempt_id),
            success=lambda state: self._on_state(state, seq),
            failure=logged("the attempt's state not read from the cache", log),
            parent=self,
            lane="cache",
        ).start()

    def _on_state(self, state: AttemptState | None, seq: int) -> None:
        if state is None or self.outcome is not None:
            return
        if not state.attempt.in_progress:
            self._on_found_closed(state)
            return
        # A choice still being journalled is the learner's newest; everything else the
        # cache shows differently from this window was changed elsewhere.
        changed = [
            q
            for q in changed_questions(
                self.attempt.answers, state.attempt.answers, self.attempt.questions
            )
            if q not in self.journalling
        ]
        self.attempt = state.attempt
        # An answer journalled after the read was asked for may not be in it: still pending.
        later = {qid for qid, at in self._answered_at_seq.items() if at > seq}
        self.pending = set(state.queued) | later
        if changed:
            self._say_changed(changed)
            if self.question.id in changed:
                self._place_options(self.question)
        self._refresh_marks()

    def _say_changed(self, question_ids: list[str]) -> None:
        numbers = "、".join(str(self.attempt.position_of(q)) for q in question_ids)
        self._show_message(
            self.tr("第 {numbers} 题已在其他电脑上修改，已载入最新答案").format(numbers=numbers)
        )

    @property
    def checking(self) -> bool:
        """A look at the platform is under way."""
        return self._checking

    def check_now(self) -> None:
        """Look at the platform now (``GET /attempts/{id}``): answers given and papers
        handed in elsewhere show here; done every ``CHECK_INTERVAL_MS`` while open."""
        self._check(then=None)

    def _check(self, then: Callable[[], None] | None) -> None:
        api, cache, attempt_id = self._services.api, self._services.cache, self.attempt.id
        if (
            api is None
            or cache is None
            or self._checking
            or self._submitting
            or self.outcome is not None
        ):
            if then is not None:
                then()
            return
        self._checking = True

        def done(_result: object) -> None:
            self._checking = False
            self._read_state()
            if then is not None:
                # After the read above: the cache lane runs in order.
                self._tasks.op(run=lambda: None, success=lambda _r: then(), parent=self,
                               lane="cache").start()  # fmt: skip

        def failed(exc: BaseException) -> None:
            self._checking = False
            if is_unreachable(exc):
                self._set_online(False)
            else:
                log_failure(exc, "the attempt was not checked", log)
            if then is not None:
                then()

        self._tasks.op(
            run=lambda: check_attempt(api, cache, attempt_id),
            success=done,
            failure=failed,
            parent=self,
        ).start()

    def saved(self, question_id: str) -> bool:
        """Answered, and the platform accepted this very answer (it holds it)."""
        return (
            question_id not in self.pending
            and question_id not in self.journalling
            and self.attempt.on_platform(question_id)
        )

    def _refresh_marks(self) -> None:
        for index, (nav, question) in enumerate(
            zip(self.nav_buttons, self.attempt.questions, strict=True)
        ):
            answered = self.attempt.answered(question.id)
            saved = self.saved(question.id)
            nav.setText(f"{question.position}✓" if saved else str(question.position))
            set_look(nav, answered=answered, current=index == self.current)
            state = [self.tr("第{n}题").format(n=question.position)]
            if question.id in self.journalling:
                state.append(self.tr("正在保存"))
            else:
                state.append(self.tr("已作答") if answered else self.tr("未作答"))
            if saved:
                state.append(self.tr("已保存"))
            if index == self.current:
                state.append(self.tr("当前题"))
            nav.setAccessibleName("，".join(state))
            nav.setToolTip("，".join(state))
        total = len(self.attempt.questions)
        done = total - self.attempt.unanswered_count
        self.answered_label.setText(
            self.tr("已答 {done} / {total} 题").format(done=done, total=total)
        )
        if not self.attempt.questions:
            return
        question = self.question
        if question.id in self.journalling:
            self.saved_label.setText(self.tr("正在保存…"))
            set_look(self.saved_label, tone="warning")
        elif self.saved(question.id):
            self.saved_label.setText(self.tr("✓ 已保存"))
            set_look(self.saved_label, tone="success")
        elif self.attempt.answered(question.id):
            self.saved_label.setText(self.tr("已存本机，待上传"))
            set_look(self.saved_label, tone="warning")
        else:
            self.saved_label.setText(self.tr("未作答"))
            set_look(self.saved_label, tone="muted")

    # -- time -----------------------------------------------------------------------

    def seconds_left(self) -> int:
        return self.attempt.seconds_left(self._now())

    def _tick(self) -> None:
        if self.outcome is not None:
            return
        left = self.seconds_left()
        self.countdown_label.setText(self.tr("剩余时间 {time}").format(time=format_countdown(left)))
        red = left <= WARN_SECONDS
        set_look(self.countdown_label, warning=red)
        if left <= 0 and not self._time_up:
            self._on_time_up()

    def _on_time_up(self) -> None:
        """Online: hand in what is here.  Offline: never — the platform grades what it saved."""
        self._time_up = True
        self._close_confirm()
        self._place_options(self.question)  # no more answers from here
        if self.online:
            self._show_message(self.tr("考试时间到，正在交卷…"))
            self._submit()
            return
        self._timer.stop()
        self._forget_open()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("考试时间到"),
            self.tr(
                "考试时间已到。网络已断开，无法交卷：平台将按已保存到平台的答案评分，"
                "联网后可在“公需考试”中查看成绩。"
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.finished.connect(lambda _r: self._close_now())
        self.confirm_box = box
        box.open()

    # -- online / offline -----------------------------------------------------------

    def _set_online(self, online: bool) -> None:
        self.online = online
        self.offline_banner.setVisible(not online and self.outcome is None)

    # -- handing in -----------------------------------------------------------------

    def ask_submit(self) -> None:
        """交卷: look at the platform first, then ask, saying how many questions of the
        paper as it is there are unanswered."""
        if self._submitting or self.outcome is not None:
            return
        if self.journalling or self._checking:  # a choice still being kept, a look under way
            QTimer.singleShot(50, self.ask_submit)
            return
        self.submit_button.setEnabled(False)
        self._check(then=self._ask_submit_now)

    def _ask_submit_now(self) -> None:
        self.submit_button.setEnabled(self.outcome is None)
        if self.outcome is not None or self._submitting:
            return
        unanswered = self.attempt.unanswered_count
        if unanswered:
            text = self.tr("您还有 {count} 道题未作答，未作答的题不得分。").format(count=unanswered)
        else:
            text = self.tr("全部 {total} 道题均已作答。").format(total=len(self.attempt.questions))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("确认交卷"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(self.tr("交卷后由平台评分，本次考试结束。确定交卷吗？"))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("交卷"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("继续答题"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self._on_confirmed(box, self._submit))
        self.confirm_box = box
        box.open()

    def _on_confirmed(self, box: QMessageBox, action: Callable[[], None]) -> None:
        accepted = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        if self.confirm_box is box:
            self.confirm_box = None
        box.deleteLater()
        if accepted:
            action()

    def _close_confirm(self) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.finished.disconnect()
            box.close()
            box.deleteLater()

    def _submit(self) -> None:
        """Hand in the paper shown (time up: whatever is there); one key per 交卷 action,
        kept until its outcome is known, so a retry is told apart from a submit elsewhere."""
        api, cache, attempt_id = self._services.api, self._services.cache, self.attempt.id
        if self._submitting or self.outcome is not None:
            return
        if api is None or cache is None:
            self._refuse_offline()
            return
        if self.journalling:  # time ran out mid-choice: hand in once it is kept
            QTimer.singleShot(50, self._submit)
            return
        self._submitting = True
        self.submit_button.setEnabled(False)
        key = self._submit_key = self._submit_key or str(uuid.uuid4())
        shown = None if self._time_up else dict(self.attempt.answers)
        self._tasks.op(
            run=lambda: submit_attempt(api, cache, attempt_id, key, shown),
            success=self._on_submitted,
            failure=self._on_submit_failed,
            parent=self,
        ).with_progress(self.tr("正在交卷…")).start()

    def _on_submitted(self, result: SubmitResult) -> None:
        self._submit_key = None
        self.show_result(result)

    def _on_submit_failed(self, exc: BaseException) -> None:
        self._submitting = False
        self.submit_button.setEnabled(True)
        if isinstance(exc, AttemptClosed):
            self._submit_key = None
            self.show_result(exc.result, elsewhere=True)
            return
        offline = is_unreachable(exc)
        self._submit_key = self._submit_key if offline else None
        if isinstance(exc, AttemptChanged):
            self._read_state()  # the changed questions are named when it arrives
            self._show_message(self.tr("试卷已在其他电脑上修改，已载入最新答案。请核对后再交卷。"))
            return
        if offline:
            self._set_online(False)
            if self._time_up:  # offline after all: never again from here
                self._time_up = False
                self._on_time_up()
                return
            self._refuse_offline()
        else:
            present_failure(exc, {}, self._show_message)

    def _refuse_offline(self) -> None:
        self._show_message(
            self.tr("网络已断开，暂时无法交卷。答案已保存在本机，联网后请再次点击“交卷”。")
        )

    def _on_found_closed(self, state: AttemptState) -> None:
        """The cache says the attempt is closed (the pusher was refused, a look at the
        platform, the exam page's refresh): handed in elsewhere or timed out."""
        if self._submitting or self.outcome is not None:
            return  # this dialog's own 交卷 decides
        if self._submit_key is not None:
            self._submit()  # our 交卷 whose answer was lost? Its retry tells.
            return
        if state.result is not None:
            self.show_result(state.result, elsewhere=True)

    def show_result(self, result: SubmitResult, *, elsewhere: bool = False) -> None:
        """The grade: score, 合格 / 不合格, and the best score so far.

        *elsewhere*: not this dialog's 交卷 — the paper was handed in on another PC, or the
        platform graded it when its time ran out; the page says which.
        """
        self.outcome = result
        self.closed_elsewhere = elsewhere
        self._submitting = False
        self._timer.stop()
        self._push_timer.stop()
        self.check_timer.stop()
        self._close_confirm()
        self.offline_banner.hide()
        self.message_label.hide()
        for button in (*self.option_buttons, self.submit_button):
            button.setEnabled(False)
        self.countdown_label.setText(self.tr("已交卷"))
        score = result.score or 0
        if elsewhere and result.timed_out:
            origin = self.tr("考试时间已到，平台已按已保存的答案评分，成绩 {score} 分").format(
                score=score
            )
        elif elsewhere:
            origin = self.tr("本次考试已在其他电脑上交卷，成绩 {score} 分").format(score=score)
        else:
            origin = ""
        self.origin_label.setText(origin)
        self.origin_label.setVisible(bool(origin))
        if elsewhere:
            self._forget_open()
        self.score_label.setText(self.tr("本次成绩：{score}分").format(score=score))
        if result.passed:
            self.verdict_label.setText(self.tr("合格"))
            set_look(self.verdict_label, tone="success")
        else:
            self.verdict_label.setText(
                self.tr("不合格（{mark}分合格）").format(mark=self.attempt.pass_score)
            )
            set_look(self.verdict_label, tone="error")
        if result.correct_count is not None:
            self.correct_label.setText(
                self.tr("答对 {correct} / {total} 题").format(
                    correct=result.correct_count, total=result.question_count
                )
            )
        self.best_label.setText(
            self.tr("最高成绩：{score}分").format(
                score="—" if result.best_score is None else result.best_score
            )
        )
        prefix = (
            self.tr("考试时间已到，已按保存的答案评分。")
            if result.timed_out and not elsewhere
            else ""
        )
        if result.exam_passed:
            step = self.tr("公需考试已通过，继续教育学习情况将由培训机构自动上传。")
        else:
            step = self.tr("您可以再次参加考试，成绩按最高分计算。")
        self.next_step_label.setText(prefix + step)
        self.stack.setCurrentIndex(1)
        self.close_button.setFocus()
        self.submitted.emit(result)

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # -- closing --------------------------------------------------------------------

    def _remember_open(self) -> None:
        cache, attempt = self._services.cache, self.attempt
        if cache is not None and attempt.in_progress:
            self._tasks.op(run=lambda: set_open_attempt(cache, attempt), lane="cache").start()

    def _forget_open(self) -> None:
        cache = self._services.cache
        if cache is not None:
            self._tasks.op(run=lambda: clear_open_attempt(cache), lane="cache").start()

    def reject(self) -> None:
        """Esc or the window's close: mid-exam, ask first (the time keeps running)."""
        if self.outcome is not None or self._leaving or not self.attempt.in_progress:
            self._close_now()
            return
        if self._submitting:
            return
        deadline = self.attempt.deadline_at
        until = "" if deadline is None else deadline.astimezone(
            dt.timezone(dt.timedelta(hours=8))
        ).strftime("%H:%M")  # fmt: skip
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("离开考试"),
            self.tr("离开后考试时间仍在计算，本次考试将于 {until} 结束。").format(until=until),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(
            self.tr(
                "答案已保存在本机，可在“公需考试”中点击“继续考试”回来；"
                "时间到后平台将按已保存的答案评分。确定离开吗？"
            )
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("离开"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("继续答题"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self._on_confirmed(box, self._leave))
        self.confirm_box = box
        box.open()

    def close_without_asking(self) -> None:
        """Closed by the app (logout): the attempt stays marked open, so it reopens."""
        self._close_confirm()
        self._close_now()

    def _leave(self) -> None:
        self._forget_open()
        self._close_now()

    def _close_now(self) -> None:
        self._leaving = True
        self._timer.stop()
        self._push_timer.stop()
        self.check_timer.stop()
        if self._services.sync is not None and self.outcome is None:
            self._services.sync.sync_now()  # what is still queued goes now
        super().reject()
