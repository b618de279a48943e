"""The exam dialog walked as a learner walks it — the real app, the real platform.

The learner's public course is complete (``exam_ready_learner``).  Answers are given with
the keyboard and the mouse; the test knows the bank's key (``tests.helpers.exam_bank``) so
it can fail on purpose, then pass, and check the platform's grade on screen.  The client
itself never sees a key.

Time is the platform's: the app's ``platform_clock`` is set as a health check would set it
(``set_from``) to move the countdown to the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.views.exam import ExamTableModel, ExamView
from desktop.views.exam_dialog import ExamDialog
from tests.desktop.views.test_course_page import closed_port
from tests.helpers.desktop import click, enter, navigate, stop_app
from tests.helpers.exam_bank import answers_scoring, failing_and_passing, score_of
from tests.helpers.learners import exam_ready_learner
from tests.helpers.platform import PlatformProcess, bearer

pytestmark = pytest.mark.usefixtures("memory_keyring")

OPTION_KEYS = "12345"
LETTER_KEYS = "ABCDE"


def exam_page(qtbot: QtBot, app: DesktopApp, state: str) -> ExamView:
    navigate(qtbot, app, "exam")
    view = app.exam_view
    qtbot.waitUntil(
        lambda: bool(view.model.rows) and view.model.rows[0].status == state, timeout=10_000
    )
    return view


def status_of(view: ExamView) -> str:
    return str(view.model.index(0, ExamTableModel.STATUS).data())


def open_dialog(qtbot: QtBot, view: ExamView, text: str) -> ExamDialog:
    button = view.action_button()
    assert button is not None and button.text() == text
    click(qtbot, button)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=10_000)
    assert view.dialog is not None
    return view.dialog


def answer_by_keys(qtbot: QtBot, dialog: ExamDialog, chosen: tuple[str, ...], n: int) -> None:
    """Choose *chosen* on the current question: digits on even questions, letters on odd."""
    ids = [o.id for o in dialog.question.options]
    keys = OPTION_KEYS if n % 2 == 0 else LETTER_KEYS
    for option_id in chosen:
        qtbot.keyClick(dialog, getattr(Qt.Key, f"Key_{keys[ids.index(option_id)]}"))


def walk(qtbot: QtBot, dialog: ExamDialog, answers: dict[str, tuple[str, ...]]) -> None:
    """From question 1, answer what *answers* holds and move on with →."""
    dialog.show_question(0)
    for n, question in enumerate(dialog.attempt.questions):
        assert dialog.current == n
        if question.id in answers:
            answer_by_keys(qtbot, dialog, answers[question.id], n)
            wait_given(qtbot, dialog, question.id, answers[question.id])
        qtbot.keyClick(dialog, Qt.Key.Key_Right)


def wait_given(qtbot: QtBot, dialog: ExamDialog, question_id: str, chosen: tuple[str, ...]) -> None:
    """The choice is shown as given (navigator, count) once it is kept on this PC."""
    qtbot.waitUntil(
        lambda: dialog.attempt.answers.get(question_id) == tuple(sorted(chosen)), timeout=5_000
    )


def wait_all_saved(qtbot: QtBot, dialog: ExamDialog) -> None:
    """Every answer given shows ✓ (the platform accepted it); choices still being kept on
    this PC are given first."""
    qtbot.waitUntil(lambda: not dialog.journalling, timeout=5_000)
    answered = [
        (n, q) for n, q in enumerate(dialog.attempt.questions) if dialog.attempt.answered(q.id)
    ]
    qtbot.waitUntil(
        lambda: all(dialog.nav_buttons[n].text() == f"{q.position}✓" for n, q in answered),
        timeout=15_000,
    )


def confirm(qtbot: QtBot, dialog: ExamDialog, *, yes: bool) -> str:
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    assert box is not None
    text = box.text()
    button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    click(qtbot, box.button(button))
    return text


def platform_attempt(platform: PlatformProcess, learner: dict[str, Any], attempt_id: str) -> Any:
    response = requests.get(
        f"{platform.api}/attempts/{attempt_id}",
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()


def go_offline(qtbot: QtBot, app: DesktopApp) -> Callable[[], None]:
    """The network is gone (the platform's port is closed); returns how to come back."""
    assert app.api is not None and app.session.sync is not None
    online_url, api, sync = app.api.base_url, app.api, app.session.sync
    api.base_url = f"http://127.0.0.1:{closed_port()}"
    sync.sync_now()
    qtbot.waitUntil(lambda: not sync.is_online, timeout=15_000)

    def back() -> None:
        api.base_url = online_url
        sync.sync_now()
        qtbot.waitUntil(lambda: sync.is_online, timeout=15_000)

    return back


def test_offline_refused_then_failed_left_resumed_and_passed_on_the_second_try(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = exam_ready_learner(own)
    app = enter(qtbot, own, tmp_path, learner)
    try:
        view = exam_page(qtbot, app, "available")
        assert status_of(view) == "可以考试"
        assert view.summary_values["credits"].text() == "30/30"

        # No exam while offline: it says so, and nothing opens.
        back_online = go_offline(qtbot, app)
        click(qtbot, view.action_button())  # type: ignore[arg-type]
        assert view.status_label.text().startswith("考试需要联网")
        assert view.dialog is None
        back_online()

        # First try: 25 answered (by keys), too few of them right.
        dialog = open_dialog(qtbot, view, "开始考试")
        questions = list(dialog.attempt.questions)
        assert len(questions) == 30 and dialog.attempt.number == 1
        assert dialog.countdown_label.text().startswith(("剩余时间 59:", "剩余时间 1:00:00"))
        assert dialog.kind_label.text() == "单选题 · 3分"
        assert dialog.nav_buttons[0].text() == "1" and "未作答" in dialog.saved_label.text()
        failing = failing_and_passing(questions)[0]
        first_answers = dict(list(answers_scoring(questions, failing).items())[:25])
        walk(qtbot, dialog, dict(list(first_answers.items())[:10]))
        wait_all_saved(qtbot, dialog)
        dialog.show_question(0)
        assert dialog.saved_label.text() == "✓ 已保存"
        assert dialog.nav_buttons[0].accessibleName() == "第1题，已作答，已保存，当前题"
        assert dialog.nav_buttons[10].accessibleName() == "第11题，未作答"

        # Left mid-exam: it asks and says the time keeps running; 继续考试 brings it back.
        dialog.reject()
        assert "考试时间仍在计算" in confirm(qtbot, dialog, yes=True)
        qtbot.waitUntil(lambda: view.dialog is None, timeout=5_000)
        qtbot.waitUntil(lambda: status_of(view) == "考试中", timeout=10_000)
        dialog = open_dialog(qtbot, view, "继续考试")
        assert dialog.attempt.number == 1
        assert {q: a for q, a in dialog.attempt.answers.items() if a} == {
            q: tuple(sorted(a)) for q, a in list(first_answers.items())[:10]
        }
        walk(qtbot, dialog, first_answers)  # the first ten again change nothing
        click(qtbot, dialog.nav_buttons[20])  # the mouse works too, and ← goes back
        qtbot.keyClick(dialog, Qt.Key.Key_Left)
        assert dialog.current == 19 and dialog.position_label.text() == "第 20 / 30 题"
        wait_all_saved(qtbot, dialog)

        click(qtbot, dialog.submit_button)
        assert confirm(qtbot, dialog, yes=True) == "您还有 5 道题未作答，未作答的题不得分。"
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
        first_score = score_of(questions, first_answers)
        assert first_score < 60
        assert dialog.score_label.text() == f"本次成绩：{first_score}分"
        assert dialog.verdict_label.text() == "不合格（60分合格）"
        assert dialog.best_label.text() == f"最高成绩：{first_score}分"
        click(qtbot, dialog.close_button)
        qtbot.waitUntil(lambda: view.dialog is None, timeout=5_000)
        qtbot.waitUntil(lambda: status_of(view) == "未通过", timeout=10_000)
        assert view.model.index(0, ExamTableModel.SCORE).data() == str(first_score)
        assert view.model.index(0, ExamTableModel.CHANCES).data() == "已考1次，不限次数"
        assert [view.attempt_model.index(0, c).data() for c in (0, 2, 3)] == [
            "第1次",
            f"{first_score}分",
            "不合格",
        ]

        # Second try: everything answered, enough of it right.
        dialog = open_dialog(qtbot, view, "开始考试")
        assert dialog.attempt.number == 2
        questions = list(dialog.attempt.questions)
        second_answers = answers_scoring(questions, failing_and_passing(questions)[1])
        walk(qtbot, dialog, second_answers)
        click(qtbot, dialog.submit_button)
        assert confirm(qtbot, dialog, yes=False) == "全部 30 道题均已作答。"  # not yet
        assert dialog.outcome is None and dialog.isVisible()
        click(qtbot, dialog.submit_button)
        confirm(qtbot, dialog, yes=True)
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
        second_score = score_of(questions, second_answers)
        assert second_score >= 60
        assert dialog.score_label.text() == f"本次成绩：{second_score}分"
        assert dialog.verdict_label.text() == "合格"
        assert dialog.best_label.text() == f"最高成绩：{max(first_score, second_score)}分"
        click(qtbot, dialog.close_button)
        qtbot.waitUntil(lambda: status_of(view) == "已通过", timeout=10_000)
        qtbot.waitUntil(lambda: view.summary_values["state"].text() == "已完成", timeout=10_000)
        assert view.summary_values["exams"].text() == "1/1"
        assert view.standing_label.text() == "您【2021年公需课】考试已通过"
        button = view.action_button()
        assert button is not None and not button.isEnabled()
        assert button.toolTip().startswith(f"考试已通过（最高成绩{second_score}分")
        assert view.attempt_model.rowCount() == 2
    finally:
        stop_app(app)


def test_time_running_out_never_submits_offline_and_submits_online(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = exam_ready_learner(own)
    app = enter(qtbot, own, tmp_path, learner)
    try:
        view = exam_page(qtbot, app, "available")
        dialog = open_dialog(qtbot, view, "开始考试")
        attempt = dialog.attempt
        deadline = attempt.deadline_at
        assert deadline is not None
        question = attempt.questions[0]
        qtbot.keyClick(dialog, Qt.Key.Key_A)
        wait_all_saved(qtbot, dialog)

        # Offline: the banner; an answer stays on this PC; 交卷 cannot go.
        back_online = go_offline(qtbot, app)
        qtbot.waitUntil(dialog.offline_banner.isVisible)
        assert dialog.offline_banner.text() == "网络已断开：答案已保存在本机，联网后自动上传"
        qtbot.keyClick(dialog, Qt.Key.Key_Right)
        qtbot.keyClick(dialog, Qt.Key.Key_B)
        wait_given(qtbot, dialog, dialog.question.id, ("B",))
        assert dialog.saved_label.text() == "已存本机，待上传"
        click(qtbot, dialog.submit_button)
        confirm(qtbot, dialog, yes=True)
        qtbot.waitUntil(lambda: dialog.message_label.isVisible(), timeout=15_000)
        assert dialog.message_label.text().startswith("网络已断开，暂时无法交卷")
        assert dialog.outcome is None

        # Time runs out while offline: nothing is handed in; it says who grades, and closes.
        app.platform_clock.set_from(deadline.isoformat(), dt.datetime.now(dt.UTC))
        qtbot.waitUntil(lambda: dialog.confirm_box is not None, timeout=5_000)
        box = dialog.confirm_box
        assert box is not None and "平台将按已保存到平台的答案评分" in box.text()
        click(qtbot, box.button(QMessageBox.StandardButton.Ok))
        qtbot.waitUntil(lambda: view.dialog is None, timeout=5_000)
        on_platform = platform_attempt(own, learner, attempt.id)
        assert on_platform["status"] == "in_progress"  # the platform's clock is still before it
        assert on_platform["answers"] == {question.id: ["A"]}

        # Back online (and the clock with it): 继续考试, the queued answer went up meanwhile.
        back_online()
        app.platform_clock.set_from(
            (deadline - dt.timedelta(minutes=30)).isoformat(), dt.datetime.now(dt.UTC)
        )
        view.reload()
        qtbot.waitUntil(lambda: status_of(view) == "考试中", timeout=10_000)
        dialog = open_dialog(qtbot, view, "继续考试")
        assert dialog.countdown_label.text().startswith(("剩余时间 30:", "剩余时间 29:"))
        second = dialog.attempt.questions[1]
        assert dialog.attempt.answers[second.id] == ("B",)
        wait_all_saved(qtbot, dialog)
        assert platform_attempt(own, learner, attempt.id)["answers"][second.id] == ["B"]

        # Online, the countdown reaching zero hands the paper in.
        app.platform_clock.set_from(deadline.isoformat(), dt.datetime.now(dt.UTC))
        qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10_000)
        assert dialog.score_label.text().startswith("本次成绩：")
        assert platform_attempt(own, learner, attempt.id)["status"] == "submitted"
    finally:
        stop_app(app)


# -- one attempt open on two PCs (issue 15) ---------------------------------------------
#
# Two real apps in this process, each with its own data directory (its own cache: two
# PCs), logged in as the same learner, each with the exam dialog open on the one attempt.


def give(qtbot: QtBot, dialog: ExamDialog, index: int, option: int) -> str:
    """Choose option *option* of question *index* as a learner does; wait until given."""
    dialog.show_question(index)
    dialog.choose(option)
    question = dialog.attempt.questions[index]
    chosen = (question.options[option].id,)
    assert dialog.shown_answer(question.id) == chosen
    wait_given(qtbot, dialog, question.id, chosen)
    return question.id


def second_pc(
    qtbot: QtBot, platform: PlatformProcess, folder: Path, learner: dict[str, Any]
) -> tuple[DesktopApp, ExamDialog]:
    """The same learner on another PC: 继续考试 opens the attempt started on the first."""
    folder.mkdir()
    app = enter(qtbot, platform, folder, learner)
    return app, open_dialog(qtbot, exam_page(qtbot, app, "in_progress"), "继续考试")


def test_two_pcs_reload_each_others_answers_and_the_idle_one_closes_with_the_result(
    qtbot: QtBot,
    platform_factory: Callable[..., PlatformProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("desktop.views.exam_dialog.CHECK_INTERVAL_MS", 1_500)
    own = platform_factory(captcha=False)
    learner = exam_ready_learner(own)
    (tmp_path / "home").mkdir()
    home_app = enter(qtbot, own, tmp_path / "home", learner)
    office_app: DesktopApp | None = None
    try:
        home = open_dialog(qtbot, exam_page(qtbot, home_app, "available"), "开始考试")
        office_app, office = second_pc(qtbot, own, tmp_path / "office", learner)
        assert office.attempt.id == home.attempt.id

        # Home answers question 1; the office, open at the older version, answers question
        # 7: both are kept, and the office says question 1 changed elsewhere.
        first = give(qtbot, home, 0, 0)
        wait_all_saved(qtbot, home)
        seventh = give(qtbot, office, 6, 3)
        wait_all_saved(qtbot, office)
        assert office.attempt.answers[first] == home.attempt.answers[first]
        qtbot.waitUntil(office.message_label.isVisible, timeout=5_000)
        assert office.message_label.text() == "第 1 题已在其他电脑上修改，已载入最新答案"
        assert office.nav_buttons[0].text() == "1✓"
        on_platform = platform_attempt(own, learner, home.attempt.id)["answers"]
        assert on_platform == {first: [home.attempt.answers[first][0]], seventh: ["D"]}

        # Home, left open, learns of question 7 by its own look at the platform.
        qtbot.waitUntil(lambda: home.attempt.answers.get(seventh) == ("D",), timeout=10_000)
        assert home.message_label.text() == "第 7 题已在其他电脑上修改，已载入最新答案"

        # The office changes question 1 while home answers it too, from the old answer:
        # home's choice gives way to the answer saved first, and home says so.
        home.check_timer.stop()  # home does not look meanwhile: its version stays stale
        qtbot.waitUntil(lambda: not home.checking, timeout=5_000)
        office_first = give(qtbot, office, 0, 2)
        wait_all_saved(qtbot, office)
        home.show_question(0)
        home.choose(1)
        qtbot.waitUntil(
            lambda: (
                home.attempt.answers.get(first) == office.attempt.answers[office_first]
                and not home.pending
            ),
            timeout=15_000,
        )
        assert home.message_label.text() == "第 1 题已在其他电脑上修改，已载入最新答案"
        assert home.saved_label.text() == "✓ 已保存"
        assert platform_attempt(own, learner, home.attempt.id)["answers"][first] == [
            office.attempt.answers[first][0]
        ]
        home.check_timer.start()

        # Home gives question 2; the office hands in before it looked again: its count of
        # unanswered questions is the platform's (27, not 28), and it grades that paper.
        office.check_timer.stop()
        qtbot.waitUntil(lambda: not office.checking, timeout=5_000)
        give(qtbot, home, 1, 1)
        wait_all_saved(qtbot, home)
        assert office.attempt.unanswered_count == 28
        click(qtbot, office.submit_button)
        assert confirm(qtbot, office, yes=True) == "您还有 27 道题未作答，未作答的题不得分。"
        qtbot.waitUntil(lambda: office.outcome is not None, timeout=10_000)
        assert not office.closed_elsewhere and not office.origin_label.isVisible()
        score = office.outcome.score if office.outcome else None

        # Home, idle, closes within its look's interval: countdown stopped, options off,
        # the result and where it came from.
        qtbot.waitUntil(lambda: home.outcome is not None, timeout=10_000)
        assert home.closed_elsewhere
        assert home.origin_label.text() == f"本次考试已在其他电脑上交卷，成绩 {score} 分"
        assert home.countdown_label.text() == "已交卷"
        assert home.score_label.text() == f"本次成绩：{score}分"
        assert not any(button.isEnabled() for button in home.option_buttons)
        assert not home.submit_button.isEnabled()
    finally:
        if office_app is not None:
            stop_app(office_app)
        stop_app(home_app)


def test_a_paper_handed_in_elsewhere_is_never_shown_saved_here_nor_graded_twice(
    qtbot: QtBot,
    platform_factory: Callable[..., PlatformProcess],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("desktop.views.exam_dialog.CHECK_INTERVAL_MS", 600_000)  # no looks
    own = platform_factory(captcha=False)
    learner = exam_ready_learner(own)
    (tmp_path / "home").mkdir()
    home_app = enter(qtbot, own, tmp_path / "home", learner)
    office_app: DesktopApp | None = None
    try:
        home_view = exam_page(qtbot, home_app, "available")
        home = open_dialog(qtbot, home_view, "开始考试")
        office_app, office = second_pc(qtbot, own, tmp_path / "office", learner)
        give(qtbot, office, 0, 0)
        wait_all_saved(qtbot, office)
        click(qtbot, office.submit_button)
        confirm(qtbot, office, yes=True)
        qtbot.waitUntil(lambda: office.outcome is not None, timeout=10_000)
        score = office.outcome.score if office.outcome else None

        # Home still shows the paper open and answers question 3: kept here, "待上传",
        # never "✓ 已保存" — the platform refuses it — and the window then closes with the
        # result handed in on the other PC.
        third = give(qtbot, home, 2, 1)
        seen: set[str] = set()

        def closed() -> bool:
            seen.add(home.saved_label.text())
            seen.add(home.nav_buttons[2].text())
            return home.outcome is not None

        qtbot.waitUntil(closed, timeout=15_000)
        assert "✓ 已保存" not in seen and "3✓" not in seen, seen
        assert "已存本机，待上传" in seen
        assert home.closed_elsewhere and home.countdown_label.text() == "已交卷"
        assert home.origin_label.text() == f"本次考试已在其他电脑上交卷，成绩 {score} 分"
        assert third not in platform_attempt(own, learner, home.attempt.id)["answers"]
        click(qtbot, home.close_button)
        qtbot.waitUntil(lambda: home_view.dialog is None, timeout=5_000)

        # A second attempt: the office hands it in, then home presses 交卷 on its stale
        # window: no confirmation of a paper that is gone, no second grading — the result
        # and where it came from.
        click(qtbot, office.close_button)
        office_view = office_app.exam_view
        qtbot.waitUntil(lambda: office_view.dialog is None, timeout=5_000)
        qtbot.waitUntil(lambda: status_of(office_view) == "未通过", timeout=10_000)
        office = open_dialog(qtbot, office_view, "开始考试")
        home_view.reload()
        qtbot.waitUntil(lambda: status_of(home_view) == "考试中", timeout=10_000)
        home = open_dialog(qtbot, home_view, "继续考试")
        assert home.attempt.id == office.attempt.id and home.attempt.number == 2
        give(qtbot, office, 0, 1)
        wait_all_saved(qtbot, office)
        click(qtbot, office.submit_button)
        confirm(qtbot, office, yes=True)
        qtbot.waitUntil(lambda: office.outcome is not None, timeout=10_000)
        second_score = office.outcome.score if office.outcome else None
        click(qtbot, home.submit_button)
        qtbot.waitUntil(lambda: home.outcome is not None, timeout=10_000)
        assert home.confirm_box is None
        assert home.origin_label.text() == (f"本次考试已在其他电脑上交卷，成绩 {second_score} 分")
        summaries = requests.get(
            f"{own.api}/exams/yhdc-2021-public-exam/attempts",
            headers=bearer(learner["access_token"]),
            timeout=10,
        ).json()["items"]
        assert [(s["number"], s["status"]) for s in summaries] == [
            (1, "submitted"),
            (2, "submitted"),
        ]
    finally:
        if office_app is not None:
            stop_app(office_app)
        stop_app(home_app)
