"""The exam dialog: one attempt of the public-course paper, answered and handed in.

What it promises the learner (SPEC §1.8, docs/api.md "Client side"):

* every choice is kept on this PC at once (the ``exam_answer`` outbox, on the cache lane)
  and sent in the background by the sync engine, which is asked to push soon after a
  change; a question shows "已保存" (✓ in the navigator) once its answer left the outbox;
* the countdown runs to the attempt's ``deadline`` in the platform's time; online, time
  running out hands the paper in; offline nothing is ever handed in from here — the
  platform grades what it has saved;
* closing mid-exam asks first and says the time keeps running; the attempt reopens with
  its answers from 继续考试, or by itself after a crash or a restart;
* 交卷 asks first, with the count of unanswered questions; the result shows the score,
  合格 / 不合格 and the best score.

Keys: 1–5 or A–E choose an option (toggle on 多选), ← / → move between questions.
"""

from __future__ import annotations

import datetime as dt
import logging
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

from desktop.models.errors import PlatformUnreachable
from desktop.models.exam_cache import (
    clear_open_attempt,
    queued_answers,
    record_answer,
    set_open_attempt,
    submit_attempt,
)
from desktop.models.exams import Attempt, Question, SubmitResult
from desktop.views.appearance import set_look
from desktop.views.widgets import present_failure, tr_rule
from rules.exam import KIND_LABELS, PASS_SCORE

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.sync import SyncEngine
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

PUSH_DELAY_MS = 600
"""After a choice, the push waits this long (a few quick clicks go in one request)."""
WARN_SECONDS = 5 * 60
"""The countdown turns red in the last five minutes."""
NAV_COLUMNS = 6
_OPTION_KEYS = {
    **{getattr(Qt.Key, f"Key_{n}"): n - 1 for n in range(1, 6)},
    **{getattr(Qt.Key, f"Key_{c}"): i for i, c in enumerate("ABCDE")},
}


class ExamServices(Protocol):
    """What the exam page and dialog reach through the app (the composition root)."""

    api: ApiClient | None
    cache: Cache | None
    sync: SyncEngine | None
    platform_clock: PlatformClock


def format_countdown(seconds: int) -> str:
    """3599 → "59:59"; an hour or more as "1:00:00"."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ExamDialog(QDialog):
    """One attempt, from the first question to the result.

    Signals:
        submitted(object): the platform graded the attempt (the ``SubmitResult``).
    """

    submitted = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        services: ExamServices,
        attempt: Attempt,
        *,
        title: str = "",
        online: bool = True,
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
        self.pending: set[str] = set()
        """Questions whose newest answer is still in the outbox (not yet "已保存")."""
        self._answer_seq = 0
        self._answered_at_seq: dict[str, int] = {}
        self.online = online
        self.outcome: SubmitResult | None = None
        self._submitting = False
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
        self.countdown_label.setAccessibleName(self.tr("剩余时间"))
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
        self._connect_signals()
        self.show_question(0)
        self._tick()
        self._timer.start()
        self._remember_open()
        self._read_pending()

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
        sync = self._services.sync
        if sync is not None:
            sync.sync_finished.connect(self._read_pending)
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
            old.deleteLater()
        if self._option_group is not None:
            self._option_group.deleteLater()
        chosen = set(self.attempt.answers.get(question.id, ()))
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
            if group is not None:
                group.addButton(button, number)
            button.clicked.connect(self._on_option_clicked)
            button.installEventFilter(self)
            self._options_layout.addWidget(button)
            self.option_buttons.append(button)

    def previous_question(self) -> None:
        if self.current > 0:
            self.show_question(self.current - 1)

    def next_question(self) -> None:
        if self.current < len(self.attempt.questions) - 1:
            self.show_question(self.current + 1)

    def choose(self, number: int) -> None:
        """Choose (多选: toggle) option *number* (0-based) of the current question."""
        if self.outcome is not None or not 0 <= number < len(self.option_buttons):
            return
        self.option_buttons[number].click()

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
        if self.outcome is not None or self._time_up:
            self._place_options(self.question)  # handed in: the choice stays as it was
            return
        question = self.question
        chosen = tuple(
            option.id
            for option, button in zip(question.options, self.option_buttons, strict=True)
            if button.isChecked()
        )
        if chosen == tuple(self.attempt.answers.get(question.id, ())):
            return
        self.attempt = self.attempt.with_answers({question.id: chosen})
        self._answer_seq += 1
        self._answered_at_seq[question.id] = self._answer_seq
        self.pending.add(question.id)
        self._refresh_marks()
        self._journal(question.id, chosen)

    def _journal(self, question_id: str, chosen: tuple[str, ...]) -> None:
        """Into the outbox now (cache lane); pushed by the sync engine shortly."""
        cache, attempt_id, at = self._services.cache, self.attempt.id, self._now()
        if cache is None:
            log.error("an answer arrived with no open cache; it stays on screen only")
            return
        self._tasks.op(
            run=lambda: record_answer(cache, attempt_id, question_id, chosen, at),
            success=lambda _id: self._push_timer.start(),
            failure=lambda exc: self._show_message(self.tr("答案未能保存在本机，请再选一次。")),
            parent=self,
            lane="cache",
        ).start()

    def _push_now(self) -> None:
        sync = self._services.sync
        if sync is not None:
            sync.sync_now()

    def _read_pending(self) -> None:
        """Which answers are still queued: the others are "已保存"."""
        cache, attempt_id, seq = self._services.cache, self.attempt.id, self._answer_seq
        if cache is None:
            return
        self._tasks.op(
            run=lambda: queued_answers(cache, attempt_id),
            success=lambda queued: self._on_pending(queued, seq),
            failure=lambda _exc: None,
            parent=self,
            lane="cache",
        ).start()

    def _on_pending(self, queued: dict[str, tuple[str, ...]], seq: int) -> None:
        # An answer given after the read was asked for may not be in it: still pending.
        later = {qid for qid, at in self._answered_at_seq.items() if at > seq}
        self.pending = set(queued) | later
        self._refresh_marks()

    def saved(self, question_id: str) -> bool:
        """Answered, and the answer has left the outbox (the platform has it)."""
        return self.attempt.answered(question_id) and question_id not in self.pending

    def _refresh_marks(self) -> None:
        for index, (nav, question) in enumerate(
            zip(self.nav_buttons, self.attempt.questions, strict=True)
        ):
            answered = self.attempt.answered(question.id)
            saved = self.saved(question.id)
            nav.setText(f"{question.position}✓" if saved else str(question.position))
            set_look(nav, answered=answered, current=index == self.current)
            state = [self.tr("第{n}题").format(n=question.position)]
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
        if self.saved(question.id):
            self.saved_label.setText(self.tr("✓ 已保存"))
            set_look(self.saved_label, tone="success")
        elif self.attempt.answered(question.id):
            self.saved_label.setText(self.tr("已保存在本机，等待上传…"))
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
        """交卷: ask first, saying how many questions are unanswered."""
        if self._submitting or self.outcome is not None:
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
        api, cache, attempt = self._services.api, self._services.cache, self.attempt
        if self._submitting or self.outcome is not None:
            return
        if api is None or cache is None:
            self._refuse_offline()
            return
        self._submitting = True
        self.submit_button.setEnabled(False)
        self._tasks.op(
            run=lambda: submit_attempt(api, cache, attempt),
            success=self.show_result,
            failure=self._on_submit_failed,
            parent=self,
        ).with_progress(self.tr("正在交卷…")).start()

    def _on_submit_failed(self, exc: BaseException) -> None:
        self._submitting = False
        self.submit_button.setEnabled(True)
        if isinstance(exc, PlatformUnreachable):
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

    def show_result(self, result: SubmitResult) -> None:
        """The grade: score, 合格 / 不合格, and the best score so far."""
        self.outcome = result
        self._submitting = False
        self._timer.stop()
        self._push_timer.stop()
        self._close_confirm()
        self.offline_banner.hide()
        self.message_label.hide()
        self.countdown_label.setText(self.tr("已交卷"))
        self.score_label.setText(self.tr("本次成绩：{score}分").format(score=result.score or 0))
        if result.passed:
            self.verdict_label.setText(self.tr("合格"))
            set_look(self.verdict_label, tone="success")
        else:
            self.verdict_label.setText(self.tr("不合格（{mark}分合格）").format(mark=PASS_SCORE))
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
        prefix = self.tr("考试时间已到，已按保存的答案评分。") if result.timed_out else ""
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
        if self._services.sync is not None and self.outcome is None:
            self._services.sync.sync_now()  # what is still queued goes now
        super().reject()
