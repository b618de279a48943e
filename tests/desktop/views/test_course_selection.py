"""我的学习 → 选课: the catalog and its selection tray, driven as a person would against the
real platform (demo catalog, sandbox payments, clock pinned to 2021-06-21).

Each test logs in its own learner, who bought the 2021 packages of 源和大成教育.  The
platform's own answer (``GET /enrollments/{id}/courses``) is checked after the screens
say the credits add up.  The shared session platform is never stopped: the offline and
deadline tests start their own.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.api_types import Course
from desktop.models.catalog_model import CatalogModel
from desktop.views.course_selection import CatalogTree, CourseSelectionView
from desktop.views.study import StudyView
from rules.selection import CLOSED_MESSAGE, REQUIRED_MESSAGE
from tests.helpers.desktop import click, enter, navigate, start_app, stop_app
from tests.helpers.learners import enrolled_learner
from tests.helpers.platform import PlatformProcess, bearer, shifted

pytestmark = pytest.mark.usefixtures("memory_keyring")

PROFESSIONAL = "2021年度广州市继续教育培训(专业课)"
REQUIRED_TENTHS = 600
DEADLINE = "2021-12-31T23:59:59+08:00"


# -- driving the screens ----------------------------------------------------------------


def open_study(qtbot: QtBot, app: DesktopApp) -> StudyView:
    navigate(qtbot, app, "study")
    view = app.study_view
    qtbot.waitUntil(
        lambda: len(view.cards) == 2 and all(c.isVisible() for c in view.cards), timeout=10_000
    )
    return view


def open_course_selection(qtbot: QtBot, app: DesktopApp) -> CourseSelectionView:
    """我的学习 → 选课 of the professional package."""
    study = open_study(qtbot, app)
    card = next(c for c in study.cards if c.enrollment.title == PROFESSIONAL)
    click(qtbot, card.select_button)
    qtbot.waitUntil(lambda: app.window.shell.current_page_key() == "course_selection")
    page = app.course_selection_view
    qtbot.waitUntil(lambda: page.catalog_model.rowCount() > 0, timeout=10_000)
    assert page.title.text() == PROFESSIONAL
    return page


def click_select_cell(qtbot: QtBot, page: CourseSelectionView, course_id: str) -> None:
    """Click the 选择 cell of the course's row."""
    index = page.catalog_model.course_index(course_id, CatalogModel.SELECT)
    assert index.isValid(), course_id
    page.tree.scrollTo(index)
    qtbot.mouseClick(
        page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualRect(index).center()
    )


def check_box_enabled(page: CourseSelectionView, course_id: str) -> bool:
    """Whether the course's 选择 check box is drawn enabled."""
    index = page.catalog_model.course_index(course_id, CatalogModel.SELECT)
    option = QStyleOptionViewItem()
    option.state = QStyle.StateFlag.State_Enabled
    delegate = page.tree.itemDelegateForColumn(CatalogModel.SELECT)
    assert isinstance(delegate, QStyledItemDelegate)
    delegate.initStyleOption(option, index)
    return bool(option.state & QStyle.StateFlag.State_Enabled)


def course(page: CourseSelectionView, course_id: str) -> Course:
    found = page.catalog_model.course_by_id(course_id)
    assert found is not None
    return found


def wait_selected(qtbot: QtBot, page: CourseSelectionView, course_id: str, selected: bool) -> None:
    qtbot.waitUntil(
        lambda: (
            course(page, course_id).selected == selected
            and not page.catalog_model.is_busy(course_id)
        ),
        timeout=10_000,
    )


def platform_catalog(
    platform: PlatformProcess, learner: dict[str, Any], enrollment_id: str
) -> dict[str, Any]:
    response = requests.get(
        f"{platform.api}/enrollments/{enrollment_id}/courses",
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def platform_selected(platform: PlatformProcess, learner: dict[str, Any], page: Any) -> set[str]:
    data = platform_catalog(platform, learner, page.enrollment_id)
    return {c["id"] for c in data["items"] if c["selected"]}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# -- the tests --------------------------------------------------------------------------


def test_my_study_lists_this_years_packages_with_their_credits(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    study = open_study(qtbot, app)
    cards = {c.enrollment.course_type: c for c in study.cards}
    assert [c.enrollment.course_type for c in study.cards] == ["public", "professional"]
    professional = cards["professional"]
    assert professional.title_label.text() == PROFESSIONAL
    assert professional.institution_label.text() == "源和大成教育"
    # On purchase only the two required courses (2 + 2 credits) are selected.
    assert professional.credits_label.text() == "要求完成 60 学分 / 已选 4 学分"
    assert professional.state_label.text() == "还需选 56 学分"
    assert cards["public"].credits_label.text() == "要求完成 30 学分 / 已选 30 学分"
    assert "2021年度继续教育" in study.notice.text()
    stop_app(app)


def test_a_selection_built_by_hand_opens_start_exactly_at_60_credits(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)

    # The tray starts with the required courses, locked; the start stays shut.
    required = [c for c in page.catalog_model.courses() if c.required]
    assert page.tray_course_ids() == [c.id for c in required]
    assert not page.start_button.isEnabled()
    assert page.total_label.text() == "已选 4 / 60 学分"
    assert page.progress.maximum() == REQUIRED_TENTHS and page.progress.value() == 40

    # Click courses in catalog order until 60: start opens exactly when the total gets there.
    total = page.tray_model.total_tenths
    for candidate in [c for c in page.catalog_model.courses() if not c.selected]:
        if total >= REQUIRED_TENTHS:
            break
        assert not page.start_button.isEnabled()
        click_select_cell(qtbot, page, candidate.id)
        wait_selected(qtbot, page, candidate.id, True)
        total += candidate.credits_tenths
        assert page.tray_model.total_tenths == total
        assert page.start_button.isEnabled() == (total >= REQUIRED_TENTHS)
    assert page.start_button.isEnabled()
    assert page.progress.value() == REQUIRED_TENTHS
    assert platform_selected(platform, learner, page) == set(page.tray_course_ids())
    enrollment = platform_catalog(platform, learner, page.enrollment_id)["enrollment"]
    assert round(enrollment["selected_credits"] * 10) == page.tray_model.total_tenths >= 600

    # 我的学习 follows; 开始学习 leads there for now.
    click(qtbot, page.start_button)
    assert app.window.shell.current_page_key() == "study"
    study = app.study_view
    qtbot.waitUntil(
        lambda: (
            (card := study.card_of(page.enrollment_id)) is not None
            and card.state_label.text() == "已满足选课要求"
        ),
        timeout=10_000,
    )
    stop_app(app)


def test_deselect_where_allowed_and_the_reason_where_not(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    chosen = next(c for c in page.catalog_model.courses() if not c.selected)
    # Space on the current row selects, as a keyboard user does.
    index = page.catalog_model.course_index(chosen.id)
    page.tree.setFocus()
    page.tree.setCurrentIndex(index)
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    wait_selected(qtbot, page, chosen.id, True)
    assert chosen.id in page.tray_course_ids()

    # A required course: locked in the tray, 取消选择 shut and the reason shown.
    required = next(c for c in page.catalog_model.courses() if c.required)
    page.tray_view.setCurrentIndex(page.tray_model.row_of(required.id))
    assert not page.deselect_button.isEnabled()
    assert page.reason_label.text() == REQUIRED_MESSAGE and page.reason_label.isVisible()
    assert not check_box_enabled(page, required.id) and check_box_enabled(page, chosen.id)
    click_select_cell(qtbot, page, required.id)  # unticking it in the catalog says why
    assert page.message.text() == REQUIRED_MESSAGE
    assert course(page, required.id).selected and not page.catalog_model.is_busy(required.id)

    # An unwatched optional course: 取消选择 works, and the platform agrees.
    page.tray_view.setCurrentIndex(page.tray_model.row_of(chosen.id))
    assert page.deselect_button.isEnabled() and not page.reason_label.isVisible()
    before = page.tray_model.total_tenths
    click(qtbot, page.deselect_button)
    wait_selected(qtbot, page, chosen.id, False)
    assert chosen.id not in page.tray_course_ids()
    assert page.tray_model.total_tenths == before - chosen.credits_tenths
    required_ids = {c.id for c in page.catalog_model.courses() if c.required}
    assert platform_selected(platform, learner, page) == required_ids
    stop_app(app)


def test_auto_select_fills_a_fresh_enrollment_to_the_requirement(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    before = set(page.tray_course_ids())
    click(qtbot, page.auto_button)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=10_000)
    after = set(page.tray_course_ids())
    added = after - before
    total = page.tray_model.total_tenths
    assert before < after and total >= REQUIRED_TENTHS
    assert page.message.text() == (
        f"已为您选择 {len(added)} 门课程，共 {total // 10}"
        + (f".{total % 10}" if total % 10 else "")
        + " 学分"
    )
    assert page.start_button.isEnabled()
    assert platform_selected(platform, learner, page) == after
    # A second press has nothing to add.
    click(qtbot, page.auto_button)
    qtbot.waitUntil(lambda: "无需再选" in page.message.text(), timeout=10_000)
    assert set(page.tray_course_ids()) == after
    stop_app(app)


def test_typing_in_the_search_filters_the_catalog(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    everything = page.catalog_model.visible_course_count()
    page.search_edit.setFocus()
    page.search_edit.insert("政府")  # as an input method commits it
    model = page.catalog_model
    titles = [
        model.index(r, 0, model.index(c, 0)).data()
        for c in range(model.rowCount())
        for r in range(model.rowCount(model.index(c, 0)))
    ]
    assert titles and all("政府" in t for t in titles)
    assert "政府会计准则解释第1号" in titles
    for row in range(model.rowCount()):
        category = model.index(row, 0)
        assert category.data().endswith(f"（{model.rowCount(category)}门）")
    assert model.index(0, 0).data().startswith("行政事业")
    assert all(page.tree.isExpanded(model.index(c, 0)) for c in range(model.rowCount()))
    assert page.count_label.text() == f"找到 {len(titles)} 门课程"
    page.search_edit.clear()
    assert model.visible_course_count() == everything
    assert page.count_label.text() == f"共 {everything} 门课程"
    # 试听 asks the player for the trial, and says nothing stale beside it.
    trial = next(c for c in model.courses() if c.trial_available)
    index = model.course_index(trial.id, CatalogModel.TRIAL)
    page.tree.scrollTo(index)
    with qtbot.waitSignal(page.trial_requested) as asked:
        qtbot.mouseClick(
            page.tree.viewport(),
            Qt.MouseButton.LeftButton,
            pos=page.tree.visualRect(index).center(),
        )
    assert asked.args == [trial]
    assert not page.message.isVisible() and not page.message.text()
    stop_app(app)


def test_keystrokes_reopen_every_category_and_forget_a_replaced_current_row(
    qtbot: QtBot,
) -> None:
    """The tree looks after each keystroke as it did when each keystroke reset the model:
    every category open again, even one the learner closed, and a current course whose
    rows were replaced forgotten, rather than its category made current and scrolled to.
    """
    courses = [
        Course.from_json(
            {
                "id": f"k{i:04d}",
                "category": ("行政事业", "企业会计", "税务")[i % 3],
                "title": f"{'政府' if i % 2 else '企业'}会计实务（{i}）",
                "teacher": "魏星",
                "credits": 2,
                "duration_ms": 5_400_000,
                "required": False,
                "selected": False,
                "watched_ms": 0,
                "trial_available": True,
                "deselect_problem": None,
            }
        )
        for i in range(600)
    ]
    model = CatalogModel()
    tree = CatalogTree()
    qtbot.addWidget(tree)
    tree.setModel(model)
    tree.resize(800, 400)
    tree.show()
    model.set_catalog(courses)
    categories = [model.index(row, 0) for row in range(model.rowCount())]
    assert len(categories) == 3 and all(tree.isExpanded(c) for c in categories)
    tree.collapse(categories[0])
    tree.setCurrentIndex(model.course_index(courses[301].id))  # scrolls to it
    scrolled = tree.verticalScrollBar().value()
    assert scrolled > 0
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_filter("政府")
    assert [model.rowCount(model.index(row, 0)) for row in range(3)] == [100, 100, 100]
    assert all(tree.isExpanded(model.index(row, 0)) for row in range(3))
    assert not tree.currentIndex().isValid()
    assert tree.verticalScrollBar().value() == scrolled


@pytest.mark.slow
def test_offline_the_cached_catalog_shows_and_a_selection_is_refused(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = enrolled_learner(own)
    app = enter(qtbot, own, tmp_path, learner, remember=True)
    page = open_course_selection(qtbot, app)
    shown = page.catalog_model.courses()
    stop_app(app)
    own.stop()

    # Started again without the platform: the remembered login opens from the cache.
    app = start_app(qtbot, own.url, tmp_path)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=15_000)
    page = open_course_selection(qtbot, app)
    qtbot.waitUntil(lambda: "无法连接平台" in page.status_label.text(), timeout=15_000)
    assert page.catalog_model.courses() == shown
    assert page.total_label.text() == "已选 4 / 60 学分"
    candidate = next(c for c in shown if not c.selected)
    click_select_cell(qtbot, page, candidate.id)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=15_000)
    assert page.message.text() == "需要联网才能选课，请连接网络后重试。"
    assert not course(page, candidate.id).selected
    assert not page.catalog_model.is_busy(candidate.id)
    stop_app(app)

    own.start()  # nothing was queued
    assert platform_selected(own, learner, page) == {c.id for c in shown if c.selected}


@pytest.mark.slow
def test_after_the_deadline_the_platform_refuses_and_every_control_closes(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    # Two minutes before the deadline, so that the login outlives the clock's move.
    own = platform_factory(captcha=False, port=free_port(), now=shifted(DEADLINE, minutes=-2))
    learner = enrolled_learner(own)
    app = enter(qtbot, own, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    assert not page.closed_banner.isVisible() and page.auto_button.isEnabled()
    assert all(
        check_box_enabled(page, c.id) for c in page.catalog_model.courses() if not c.required
    )

    own.restart(now=shifted(DEADLINE, seconds=1))
    candidate = next(c for c in page.catalog_model.courses() if not c.selected)
    click_select_cell(qtbot, page, candidate.id)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=15_000)
    assert page.message.text() == CLOSED_MESSAGE
    # The page fetched the catalog again: the enrollment is closed now.
    qtbot.waitUntil(page.closed_banner.isVisible, timeout=10_000)
    assert page.closed_banner.text() == CLOSED_MESSAGE
    assert not page.auto_button.isEnabled() and not page.deselect_button.isEnabled()
    assert not course(page, candidate.id).selected
    assert not check_box_enabled(page, candidate.id)
    click_select_cell(qtbot, page, candidate.id)  # refused here, without asking
    assert page.message.text() == CLOSED_MESSAGE
    assert not page.catalog_model.is_busy(candidate.id)
    stop_app(app)
