"""公需考试 as a learner reads it — the real app, the real platform.

Part of the public course is watched (events pushed as the player would, in the minute
after the pinned purchase): the paper is locked, and the page says exactly how many
minutes are left.  A learner without the public package is told so and sent to 报名.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.views.exam import ExamTableModel, ExamView
from tests.helpers.desktop import click, enter, navigate, stop_app
from tests.helpers.learners import (
    PUBLIC_COURSE,
    collected_learner,
    enrolled_learner,
    push_events,
    watch_event,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, shifted

pytestmark = pytest.mark.usefixtures("memory_keyring")


def exam_page(qtbot: QtBot, app: DesktopApp) -> ExamView:
    navigate(qtbot, app, "exam")
    view = app.exam_view
    qtbot.waitUntil(lambda: view.page is not None, timeout=10_000)
    return view


def spoken_name(widget: QWidget) -> str:
    """The name Qt's accessibility gives *widget* (what AT-SPI hands a screen reader)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def minutes(ms: int) -> int:
    """Rounded up, as the platform says "还需学习N分钟"."""
    return -(-ms // 60_000)


def cell(view: ExamView, column: int, row: int = 0) -> str:
    return str(view.model.index(row, column).data(Qt.ItemDataRole.DisplayRole))


def test_locked_with_the_exact_minutes_left_until_the_public_course_is_watched(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, qtmodeltester: Any
) -> None:
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    course = requests.get(
        f"{platform.api}/courses/{PUBLIC_COURSE}", headers=bearer(token), timeout=10
    ).json()
    first, second = course["chapters"][:2]  # 20 s and 30 s of the course's 90 s
    total_ms = sum(c["duration_ms"] for c in course["chapters"])
    at = shifted(DEFAULT_NOW, seconds=1)
    watched = watch_event(first["id"], 0, first["duration_ms"], at)
    push_events(platform, token, [watched])
    left_minutes = minutes(total_ms - first["duration_ms"])

    app = enter(qtbot, platform, tmp_path, learner)
    try:
        view = exam_page(qtbot, app)
        qtbot.waitUntil(lambda: view.status_label.text() == "", timeout=10_000)
        assert [view.year_combo.itemText(i) for i in range(view.year_combo.count())] == ["2021年"]
        assert view.breadcrumb.text() == "2021年 › 2021年公需课"
        summary = {key: label.text() for key, label in view.summary_values.items()}
        assert summary == {
            "study_deadline": "2021-12-31",
            "exam_deadline": "2021-12-31",
            "credits": "0/30",
            "exams": "0/1",
            "state": "暂未完成",
        }
        assert view.notice.text() == "公需课考试60分算作合格，考试合格后继续教育学习情况方可上传。"
        assert view.standing_label.text() == "您【2021年公需课】考试暂未通过"
        assert not view.not_enrolled.isVisible()

        qtmodeltester.check(view.model)
        assert view.model.rowCount() == 1
        row = [cell(view, column) for column in range(ExamTableModel.ACTION)]
        assert row == [
            "科技创新现状与发展趋势(公需课)",
            f"{minutes(total_ms)}分钟",
            "2021-06-01",
            "2021-12-31",
            "60分",
            "—",
            f"本课程还需学习{left_minutes}分钟",
            "已考0次，不限次数",
        ]
        button = view.action_button()
        assert button is not None
        assert button.text() == "开始考试" and not button.isEnabled()
        assert button.toolTip() == f"本课程还需学习{left_minutes}分钟，学完后方可参加考试"
        # A screen reader: each value with its heading, the button (a real one, in the
        # tree) with whose exam it is and why it is locked, the reason also beside it.
        assert [spoken_name(label) for label in view.summary_values.values()] == [
            "学习截止时间：2021-12-31",
            "考试截止时间：2021-12-31",
            "学习学分：0/30",
            "考试：0/1",
            "状态：暂未完成",
        ]
        assert spoken_name(button) == "开始考试：科技创新现状与发展趋势(公需课)"
        assert button.accessibleDescription() == button.toolTip()
        assert button.parent() is not view.table.viewport()
        reason = view.findChild(QLabel, "examActionReason")
        assert reason is not None and reason.isVisible() and reason.text() == button.toolTip()
        assert view.no_attempts_label.isVisible() and not view.attempt_table.isVisible()

        # The next chapter, watched on another device: the sync brings it, the page redraws.
        push_events(platform, token, [watch_event(second["id"], 0, second["duration_ms"],
                                                  watched["ended_at"])])  # fmt: skip
        left = minutes(total_ms - first["duration_ms"] - second["duration_ms"])
        assert left != left_minutes
        assert app.session is not None and app.session.sync is not None
        app.session.sync.sync_now()
        qtbot.waitUntil(
            lambda: cell(view, ExamTableModel.STATUS) == f"本课程还需学习{left}分钟",
            timeout=10_000,
        )
        redrawn = view.action_button()
        assert redrawn is not None and not redrawn.isEnabled()
        assert redrawn.toolTip() == f"本课程还需学习{left}分钟，学完后方可参加考试"
    finally:
        stop_app(app)


def test_without_the_public_package_it_says_so_and_leads_to_enrolment(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        view = exam_page(qtbot, app)
        qtbot.waitUntil(view.not_enrolled.isVisible, timeout=10_000)
        assert view.not_enrolled_label.text().startswith("您尚未报名2021年公需课")
        assert view.model.rowCount() == 0
        assert view.summary_values["exams"].text() == "0/1"
        click(qtbot, view.enroll_button)
        assert app.window.shell.current_page_key() == "institutions"
    finally:
        stop_app(app)
