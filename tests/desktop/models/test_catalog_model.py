"""The catalog tree and the selection tray of 选课, as a learner reads them.

Courses come in the contract's shape (docs/api.md ``<Course>``) through ``Course.from_json``.
Both models pass ``qtmodeltester`` empty, loaded, filtered and updated.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from types import FrameType, ModuleType
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTreeView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.models import catalog_model
from desktop.models.api_types import Course
from desktop.models.catalog_model import (
    BUSY_ROLE,
    COURSE_ROLE,
    LOCKED_ROLE,
    PROBLEM_ROLE,
    CatalogModel,
    TrayModel,
)
from rules.credits import format_credits
from rules.selection import CLOSED_MESSAGE, REQUIRED_MESSAGE, WATCHED_MESSAGE


def course(
    course_id: str,
    category: str,
    title: str,
    teacher: str,
    credits: float,
    **fields: Any,
) -> Course:
    return Course.from_json(
        {
            "id": course_id,
            "category": category,
            "title": title,
            "teacher": teacher,
            "credits": credits,
            "duration_ms": round(credits * 45 * 60_000),
            "required": False,
            "selected": False,
            "watched_ms": 0,
            "trial_available": True,
            "deselect_problem": None,
            **fields,
        }
    )


CATALOG = [
    course("c01", "行政事业", "政府会计准则解释第1号", "郭淑荣", 2.4),
    course(
        "c02",
        "行政事业",
        "关于彩票机构执行《政府会计制度——行政事业单位会计科目和报表》的补充规定",
        "郭淑荣",
        2.3,
    ),
    course("c03", "行政事业", "《政府采购法》和《政府采购法实施条例》解读", "张立民", 4),
    course("c04", "企业会计", "小企业会计准则", "魏星", 3, trial_available=False),
    course("c05", "企业会计", "ERP系统与会计信息化", "Wang Lijuan", 2.5),
    course("c06", "税务", "税收减免管理办法", "黄志勇", 1.5),
    course("c07", "税务", "《企业所得税税前扣除凭证管理办法》", "黄志勇", 1),
    course(
        "c08",
        "会计基础",
        "会计基础工作规范",
        "陈红",
        2,
        required=True,
        selected=True,
        deselect_problem=REQUIRED_MESSAGE,
    ),
]


def top_rows(model: CatalogModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def titles_under(model: CatalogModel, category_row: int) -> list[str]:
    parent = model.index(category_row, 0)
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def shown_titles(model: CatalogModel) -> list[str]:
    return [title for row in range(model.rowCount()) for title in titles_under(model, row)]


@pytest.fixture
def model(qtmodeltester: ModelTester) -> CatalogModel:
    catalog = CatalogModel()
    qtmodeltester.check(catalog)  # empty
    catalog.set_catalog(CATALOG)
    qtmodeltester.check(catalog)  # loaded
    return catalog


# -- the catalog tree --------------------------------------------------------------------


def test_courses_are_grouped_by_category_with_counts(model: CatalogModel) -> None:
    assert top_rows(model) == [
        "行政事业（3门）",
        "企业会计（2门）",
        "税务（2门）",
        "会计基础（1门）",
    ]
    assert titles_under(model, 1) == ["小企业会计准则", "ERP系统与会计信息化"]
    first = model.index(0, 0, model.index(0, 0))
    row = [first.siblingAtColumn(column).data() for column in range(model.columnCount())]
    assert row == ["政府会计准则解释第1号", "郭淑荣", "2.4", "108分钟", "试听", ""]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "课程名称",
        "授课老师",
        "学分",
        "时长",
        "试听",
        "选择",
    ]


def test_select_column_shows_checks_and_required_and_trial_only_where_available(
    model: CatalogModel,
) -> None:
    required = model.course_index("c08", CatalogModel.SELECT)
    assert required.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert required.data() == "必修"
    assert required.data(LOCKED_ROLE) is True
    assert required.data(PROBLEM_ROLE) == REQUIRED_MESSAGE
    unselected = model.course_index("c01", CatalogModel.SELECT)
    assert unselected.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert unselected.data(PROBLEM_ROLE) is None
    assert model.course_index("c04", CatalogModel.TRIAL).data() == ""
    assert model.course_index("c01", CatalogModel.TRIAL).data() == "试听"


def test_typing_a_title_word_shows_only_matching_courses_under_their_categories(
    qtmodeltester: ModelTester, model: CatalogModel
) -> None:
    model.set_filter("政")
    model.set_filter("政府")
    qtmodeltester.check(model)  # filtered
    assert top_rows(model) == ["行政事业（3门）"]
    model.set_filter("政府会计")
    assert top_rows(model) == ["行政事业（2门）"]
    assert shown_titles(model) == [
        "政府会计准则解释第1号",
        "关于彩票机构执行《政府会计制度——行政事业单位会计科目和报表》的补充规定",
    ]
    model.set_filter("政府")  # backspaces widen again
    assert top_rows(model) == ["行政事业（3门）"]
    model.set_filter("")
    qtmodeltester.check(model)
    assert top_rows(model) == [
        "行政事业（3门）",
        "企业会计（2门）",
        "税务（2门）",
        "会计基础（1门）",
    ]
    assert len(shown_titles(model)) == len(CATALOG)


def test_the_filter_matches_teachers_case_insensitively_and_every_word(
    model: CatalogModel,
) -> None:
    model.set_filter("黄志勇")
    assert top_rows(model) == ["税务（2门）"]
    model.set_filter("wang")
    assert shown_titles(model) == ["ERP系统与会计信息化"]
    model.set_filter("  ERP ")
    assert shown_titles(model) == ["ERP系统与会计信息化"]
    model.set_filter("政府 张立民")
    assert shown_titles(model) == ["《政府采购法》和《政府采购法实施条例》解读"]
    model.set_filter("没有这门课")
    assert model.rowCount() == 0


def test_a_new_catalog_keeps_the_filter(model: CatalogModel) -> None:
    model.set_filter("会计")
    model.set_catalog([*CATALOG, course("c09", "财务管理", "管理会计基本指引解读", "邓文", 2)])
    assert "财务管理（1门）" in top_rows(model)
    assert "税务（2门）" not in top_rows(model)


def test_update_changes_rows_in_place_without_a_reset(
    qtbot: QtBot, qtmodeltester: ModelTester, model: CatalogModel
) -> None:
    model.set_filter("政府")
    selected = replace(CATALOG[0], selected=True)
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged) as changed,
    ):
        model.update_courses([selected])
    first, last = changed.args[0], changed.args[1]
    assert first.data(COURSE_ROLE) == selected
    assert (first.column(), last.column()) == (0, CatalogModel.SELECT)
    cell = model.course_index("c01", CatalogModel.SELECT)
    assert cell.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # A course hidden by the filter changes silently and shows once the filter is cleared.
    with qtbot.assertNotEmitted(model.dataChanged):
        model.update_courses([replace(CATALOG[5], selected=True)])
    qtmodeltester.check(model)  # updated
    model.set_filter("")
    assert model.course_index("c06").data(COURSE_ROLE).selected


def test_toggling_asks_the_platform_and_explains_refusals(
    qtbot: QtBot, model: CatalogModel
) -> None:
    with qtbot.waitSignal(model.selection_requested) as asked:
        assert model.request_toggle(model.course_index("c01")) is None
    assert asked.args == ["c01", True]
    # Nothing moves until the platform answers.
    assert model.course_index("c01").data(COURSE_ROLE).selected is False
    with qtbot.assertNotEmitted(model.selection_requested):
        assert model.request_toggle(model.course_index("c08")) == REQUIRED_MESSAGE
        assert model.request_toggle(model.index(0, 0)) is None  # a category row
    watched = replace(CATALOG[1], selected=True, watched_ms=60_000)
    model.update_courses([watched])
    assert model.request_toggle(model.course_index("c02")) == WATCHED_MESSAGE
    model.set_closed(True)
    with qtbot.assertNotEmitted(model.selection_requested):
        assert model.request_toggle(model.course_index("c03")) == CLOSED_MESSAGE


def test_a_busy_row_says_so_and_ignores_toggles(qtbot: QtBot, model: CatalogModel) -> None:
    with qtbot.waitSignal(model.dataChanged):
        model.set_busy("c01", True)
    cell = model.course_index("c01", CatalogModel.SELECT)
    assert cell.data() == "处理中…"
    assert cell.data(BUSY_ROLE) is True
    with qtbot.assertNotEmitted(model.selection_requested):
        model.request_toggle(cell)
    model.set_busy("c01", False)
    assert cell.data() == ""


@contextmanager
def python_calls_into(module: ModuleType) -> Iterator[Counter[str]]:
    """Count the calls of *module*'s Python functions, by name, while the block runs."""
    counted: Counter[str] = Counter()

    def profile(frame: FrameType, event: str, _arg: object) -> None:
        if event == "call" and frame.f_code.co_filename == module.__file__:
            counted[frame.f_code.co_name] += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield counted
    finally:
        sys.setprofile(previous)


def test_a_keystroke_costs_no_python_per_row_and_no_reset(qtbot: QtBot) -> None:
    """Counted, not timed: a keystroke — the filter and the tree's relayout — runs about
    a hundred calls of the model's Python whether 300 or 3,000 rows come back.

    QTreeView asks about every shown row on each relayout; answered in Python (a model's
    ``index()`` and ``rowCount()``), the keystroke that brought back 10,000 courses took
    40–70 ms (issue 16).  A reset per keystroke would also close the tree's categories.
    """
    courses = [
        course(f"k{i:04d}", f"类别{i % 7}", f"课程{i}{'政府' if i % 3 else '企业'}会计", "魏星", 2)
        for i in range(3_000)
    ]
    model = CatalogModel()
    model.set_catalog(courses)
    tree = QTreeView()
    qtbot.addWidget(tree)
    tree.setUniformRowHeights(True)
    tree.setModel(model)
    tree.resize(800, 600)
    tree.show()

    def expand() -> None:
        for row in range(model.rowCount()):
            tree.setExpanded(model.index(row, 0), True)

    model.shown_changed.connect(expand)
    expand()
    tree.doItemsLayout()
    for text in ("政", "政府", "", "企", "企业会计", "课程1", "没有这门课", "课程", ""):
        with qtbot.assertNotEmitted(model.modelReset), python_calls_into(catalog_model) as calls:
            model.set_filter(text)
            tree.doItemsLayout()
        shown = model.visible_course_count()
        assert sum(calls.values()) < 200, f"{text!r} ({shown} rows): {dict(calls)}"
        assert all(tree.isExpanded(model.index(row, 0)) for row in range(model.rowCount()))
    assert model.visible_course_count() == len(courses)
    last = model.course_index(courses[-1].id)
    assert tree.visualRect(last).isValid()  # laid out, down to the last of 3,000 rows


# -- the tray ----------------------------------------------------------------------------


def credits_catalog(credits: list[float]) -> list[Course]:
    return [
        course(f"t{i:02d}", "企业会计", f"课程{i}", "魏星", value, selected=True)
        for i, value in enumerate(credits)
    ]


def test_tray_totals_are_exact_tenths(qtmodeltester: ModelTester) -> None:
    tray = TrayModel()
    qtmodeltester.check(tray)  # empty
    # 0.1 steps that drift as floats: 21 × 2.3 + 4.2 = 52.5 exactly, in tenths.
    courses = credits_catalog([2.3] * 21 + [4.2])
    assert sum(c.credits_tenths for c in courses) == 525
    tray.set_courses(courses, required_tenths=600)
    qtmodeltester.check(tray)  # loaded
    assert (tray.total_tenths, tray.required_tenths) == (525, 600)
    assert f"{format_credits(tray.total_tenths)} / {format_credits(tray.required_tenths)}" == (
        "52.5 / 60"
    )
    assert not tray.requirement_met
    more = course("t99", "企业会计", "补足", "魏星", 7.5)
    tray.set_courses([*courses, more], required_tenths=600)
    tray.update_courses([replace(more, selected=True)])
    qtmodeltester.check(tray)  # updated
    assert tray.total_tenths == 600
    assert tray.requirement_met


def test_tray_lists_selected_courses_in_catalog_order_as_they_change(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    tray = TrayModel()
    tray.set_courses(CATALOG, required_tenths=600)
    qtmodeltester.check(tray)
    assert [tray.index(r).data() for r in range(tray.rowCount())] == ["会计基础工作规范"]
    locked = tray.index(0)
    assert locked.data(LOCKED_ROLE) is True
    assert locked.data(PROBLEM_ROLE) == REQUIRED_MESSAGE
    with qtbot.waitSignal(tray.totals_changed):
        tray.update_courses(
            [replace(CATALOG[5], selected=True), replace(CATALOG[0], selected=True)]
        )
    assert [tray.index(r).data() for r in range(tray.rowCount())] == [
        "政府会计准则解释第1号",
        "税收减免管理办法",
        "会计基础工作规范",
    ]
    assert tray.total_tenths == 24 + 15 + 20
    assert tray.index(0).data(PROBLEM_ROLE) is None  # unwatched, not required: may go
    with qtbot.assertNotEmitted(tray.modelReset):
        tray.update_courses([CATALOG[0]])  # deselected
    assert tray.rowCount() == 2
    assert tray.total_tenths == 15 + 20
    tray.set_busy("c06", True)
    assert tray.row_of("c06").data(BUSY_ROLE) is True
    assert tray.row_of("c01") == QModelIndex()
