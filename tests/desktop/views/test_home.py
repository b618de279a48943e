"""个人主页 against the real platform: the landing page after login, the year at a glance,
one next step that follows the learner through the year, and the reminder near the end.

The session platform is pinned at 2021-06-21 18:23:50 (193 days before 2021-12-31); the
public-course and reminder tests start their own platform to move the clock.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.exam_table import ExamTableModel
from desktop.models.year_overview import Reminder, Step
from desktop.views.home import HomeView
from tests.helpers.desktop import click, enter, navigate, stop_app
from tests.helpers.learners import (
    DEMO_PACKAGES,
    buy,
    collect_info,
    complete_public_course,
    enrolled_learner,
    fill_learner_info,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, register, shifted

pytestmark = pytest.mark.usefixtures("memory_keyring")

PROFESSIONAL = "2021年度广州市继续教育培训(专业课)"


def home_of(qtbot: QtBot, app: DesktopApp) -> HomeView:
    """Click 个人主页 in the navigation (also when a sub-page left it marked)."""
    navigate(qtbot, app, "home")
    return app.home_view


def wait_step(qtbot: QtBot, home: HomeView, step: Step) -> None:
    qtbot.waitUntil(
        lambda: home.overview is not None and home.overview.step is step, timeout=15_000
    )
    assert home.step_button.isVisible() == (step.page is not None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def auto_select(platform: PlatformProcess, token: str, enrollment_id: str) -> None:
    response = requests.post(
        f"{platform.api}/enrollments/{enrollment_id}/auto-select",
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text


def test_a_new_learner_lands_on_the_home_page_and_is_led_through_the_year(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = register(platform)
    learner["id_number"] = learner["account"]["id_number"]
    token = learner["access_token"]
    app = enter(qtbot, platform, tmp_path, learner)

    # The landing page: 2021 at a glance, nothing earned, 193 days to go, 信息采集 first.
    assert app.window.shell.current_page_key() == "home"
    home = app.home_view
    wait_step(qtbot, home, Step.COLLECT_INFO)
    assert home.year_label.text() == "2021年度继续教育"
    assert home.deadline_label.text() == "距2021年度学分确认截止还有193天"
    assert home.public_row.value_label.text() == "0/30 学分"
    assert home.professional_row.value_label.text() == "0/60 学分"
    assert home.total_row.value_label.text() == "0/90 学分"
    assert home.step_title.text() == "下一步：信息采集"
    assert not home.reminder_label.isVisible()
    click(qtbot, home.step_button)
    assert app.window.shell.current_page_key() == "profile"

    # Collected (on another device): 报名购买 leads to 学习资源.
    collect_info(platform, token)
    home = home_of(qtbot, app)
    wait_step(qtbot, home, Step.BUY)
    assert home.step_title.text() == "下一步：报名购买"
    click(qtbot, home.step_button)
    assert app.window.shell.current_page_key() == "institutions"

    # Bought: 选课 of the professional package (its required courses chosen: 56 to go).
    fill_learner_info(platform, token)
    buy(platform, token, DEMO_PACKAGES)
    home = home_of(qtbot, app)
    wait_step(qtbot, home, Step.CHOOSE_COURSES)
    assert home.step_text.text() == f"“{PROFESSIONAL}”还需选56学分，选满后即可开始学习。"
    enrollment_id = home.overview.enrollment_id if home.overview else None
    click(qtbot, home.step_button)
    assert app.window.shell.current_page_key() == "course_selection"
    qtbot.waitUntil(lambda: app.course_selection_view.title.text() == PROFESSIONAL, timeout=10_000)

    # Courses chosen elsewhere: the change feed brings it while the page is open.
    home = home_of(qtbot, app)
    assert enrollment_id is not None
    auto_select(platform, token, enrollment_id)
    assert app.session is not None and app.session.sync is not None
    app.session.sync.sync_now()
    wait_step(qtbot, home, Step.STUDY)
    assert home.step_text.text() == "请继续听课学习：公需课还需30学分，专业课还需60学分。"
    click(qtbot, home.step_button)
    assert app.window.shell.current_page_key() == "study"
    stop_app(app)


def test_the_exam_is_next_once_the_public_course_is_complete(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    """The step and the 公需考试 page name the exam's own pass mark (70 here), not 60."""
    own = platform_factory(captcha=False)
    own.query("UPDATE exams SET pass_score = 70")
    learner = enrolled_learner(own)
    token = learner["access_token"]
    professional = next(e for e in learner["enrollments"] if e["course_type"] == "professional")
    auto_select(own, token, professional["id"])
    own.restart(now=shifted(DEFAULT_NOW, minutes=5))  # the course's 90 s fit before "now"
    complete_public_course(own, token, shifted(DEFAULT_NOW, minutes=2))

    app = enter(qtbot, own, tmp_path, learner)
    home = app.home_view
    wait_step(qtbot, home, Step.TAKE_EXAM)
    assert home.public_row.value_label.text() == "30/30 学分"
    assert home.public_row.bar.value() == home.public_row.bar.maximum()
    assert home.total_row.value_label.text() == "30/90 学分"
    assert home.step_title.text() == "下一步：参加公需考试"
    assert home.step_text.text() == (
        "公需课已学完，请参加公需考试（70分合格），通过后公需课学分才能回传。"
    )
    click(qtbot, home.step_button)
    assert app.window.shell.current_page_key() == "exam"
    exam = app.exam_view
    qtbot.waitUntil(lambda: exam.page is not None and exam.model.rowCount() == 1)
    assert exam.notice.text() == "公需课考试70分算作合格，考试合格后继续教育学习情况方可上传。"
    assert exam.model.index(0, ExamTableModel.PASS).data() == "70分"
    stop_app(app)


def reminder_of(
    qtbot: QtBot, platform: PlatformProcess, data_dir: Path, learner: dict[str, Any]
) -> tuple[str, str, Reminder]:
    app = enter(qtbot, platform, data_dir, learner)
    home = app.home_view
    wait_step(qtbot, home, Step.CHOOSE_COURSES)
    qtbot.waitUntil(home.reminder_label.isVisible)
    assert home.overview is not None
    shown = (home.deadline_label.text(), home.reminder_label.text(), home.overview.reminder)
    stop_app(app)
    return shown


def test_a_reminder_as_the_deadline_nears_stronger_in_the_last_week(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False, now="2021-12-10T10:00:00+08:00")
    learner = enrolled_learner(own)

    deadline, reminder, level = reminder_of(qtbot, own, tmp_path / "a", learner)
    assert deadline == "距2021年度学分确认截止还有21天"
    assert reminder == "距截止还有21天，请尽快完成学习"
    assert level is Reminder.SOON

    own.restart(now="2021-12-27T10:00:00+08:00")
    deadline, reminder, level = reminder_of(qtbot, own, tmp_path / "b", learner)
    assert deadline == "距2021年度学分确认截止还有4天"
    assert reminder == "距截止仅剩4天，请尽快完成学习！过期不办理补学补登。"
    assert level is Reminder.URGENT


def test_information_collected_elsewhere_moves_the_open_home_page_on(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """The sync brings the change while 个人主页 is open: the page moves on to 报名购买
    without being opened again."""
    learner = register(platform)
    learner["id_number"] = learner["account"]["id_number"]
    app = enter(qtbot, platform, tmp_path, learner)
    home = app.home_view
    wait_step(qtbot, home, Step.COLLECT_INFO)
    collect_info(platform, learner["access_token"])
    assert app.session is not None and app.session.sync is not None
    app.session.sync.sync_now()
    wait_step(qtbot, home, Step.BUY)
    stop_app(app)


def test_a_remembered_learner_sees_the_year_from_the_cache_before_the_platform_answers(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    """The daily start (issue 16): 个人主页 shows from the account's cache at once, reckoned
    in the platform's time kept from the last start — here while the platform's address
    accepts the connection and never answers, so nothing shown can have come from it."""
    own = platform_factory(captcha=False, port=free_port())
    learner = enrolled_learner(own)
    app = enter(qtbot, own, tmp_path, learner, remember=True)
    home = app.home_view
    wait_step(qtbot, home, Step.CHOOSE_COURSES)
    seen = (home.year_label.text(), home.deadline_label.text(), home.step_title.text())
    assert seen[1] == "距2021年度学分确认截止还有193天"  # the platform's 2021, not this PC's year
    app.tasks.wait_idle()
    stop_app(app)
    own.stop()

    with socket.socket() as silent:
        silent.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # past TIME_WAIT
        silent.bind(("127.0.0.1", own.port))
        silent.listen()
        again = DesktopApp(data_dir=tmp_path, platform_url=own.url)
        qtbot.addWidget(again.window)
        again.start()
        qtbot.waitUntil(
            lambda: again.built_page("home") is not None and again.home_view.overview is not None,
            timeout=10_000,
        )
        home = again.home_view
        assert again.window.stack.currentWidget() is again.window.shell
        assert (home.year_label.text(), home.deadline_label.text(), home.step_title.text()) == seen
        assert home.greeting.text() == f"{learner['account']['name']}，您好！"
        assert again.health is None  # the platform has not answered
    stop_app(again)  # its request, left without an answer, ended with the socket
