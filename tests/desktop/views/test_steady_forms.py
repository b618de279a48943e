"""Forms hold still under the pointer: a message appearing or clearing moves no field below,
the wheel changes only the combo or spin box that has the focus, and at 1024×700 the
course list keeps its titles readable.

A click aimed at 手机号码 landed in 证件号码's place when an error line appeared above it;
the wheel scrolling the walk-in form turned 初级 into 中级.  Each test measures where the
next control sits before and after, as the person's pointer would meet it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.catalog_model import CatalogModel
from desktop.models.credit_records import CreditRecord
from desktop.models.tasks import TaskRunner
from desktop.views.keyboard import WheelNeedsFocus
from desktop.views.login import LoginScreen
from desktop.views.records import RecordCard, RecordDetailModel
from desktop.views.widgets import FieldRow, add_row
from rules.selection import REQUIRED_MESSAGE
from tests.desktop.views.test_course_selection import open_course_selection
from tests.helpers.desktop import click, enter, open_wizard, start_app, stop_app, type_into
from tests.helpers.learners import enrolled_learner

pytestmark = pytest.mark.usefixtures("memory_keyring")


def top_in_window(widget: QWidget) -> int:
    """Where *widget* starts, in its window's coordinates (what the pointer meets)."""
    return widget.mapTo(widget.window(), QPoint(0, 0)).y()


def settle(qtbot: QtBot, widget: QWidget) -> None:
    """Let queued layout requests run (a shown label re-lays out on the next turn)."""
    layout = widget.window().layout()
    if layout is not None:
        layout.activate()
    qtbot.wait(50)  # one pass of posted LayoutRequest events; a move would show by then
    QApplication.processEvents()


# -- field errors keep their room -------------------------------------------------------


def middle_in_window(widget: QWidget) -> float:
    return widget.mapTo(widget.window(), QPoint(0, 0)).y() + widget.height() / 2


def test_a_label_sits_beside_its_box_not_beside_the_room_kept_for_its_error(
    qtbot: QtBot,
) -> None:
    """The room kept under a box made the form centre its label half a line too low."""
    form_widget = QWidget()
    qtbot.addWidget(form_widget)
    form = QFormLayout(form_widget)
    edits = [QLineEdit(), QLineEdit()]
    labels = [
        add_row(form, text, FieldRow(edit))
        for text, edit in zip(("姓名", "手机号码"), edits, strict=True)
    ]
    form_widget.show()
    qtbot.waitExposed(form_widget)
    settle(qtbot, form_widget)
    for label, edit in zip(labels, edits, strict=True):
        assert abs(middle_in_window(label) - middle_in_window(edit)) <= 2


def test_a_field_error_appearing_and_clearing_moves_no_field_below(qtbot: QtBot) -> None:
    form_widget = QWidget()
    qtbot.addWidget(form_widget)
    form = QFormLayout(form_widget)
    first, second = QLineEdit(), QLineEdit()
    first_row, second_row = FieldRow(first), FieldRow(second)
    add_row(form, "证件号码", first_row)
    add_row(form, "手机号码", second_row)
    form_widget.show()
    qtbot.waitExposed(form_widget)
    settle(qtbot, form_widget)
    before = top_in_window(second)
    first_row.error.show_message("请输入正确的18位居民身份证号码")
    settle(qtbot, form_widget)
    assert first_row.error.isVisible()
    assert top_in_window(second) == before
    qtbot.keyClicks(first, "4")  # typing clears the error
    settle(qtbot, form_widget)
    assert not first_row.error.isVisible()
    assert top_in_window(second) == before


def test_registration_errors_do_not_move_the_fields_below(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.yes)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = wizard.account_page
    qtbot.waitUntil(page.phone_edit.isVisible)
    settle(qtbot, page)
    fields = (page.name_edit, page.phone_edit, page.password_edit, page.confirm_edit)
    before = [top_in_window(edit) for edit in fields]
    type_into(qtbot, page.id_number_edit, "123")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))  # every field refused
    qtbot.waitUntil(lambda: page.rows["id_number"].error.isVisible())
    settle(qtbot, page)
    assert page.rows["name"].error.isVisible()
    assert [top_in_window(edit) for edit in fields] == before
    type_into(qtbot, page.id_number_edit, "1")  # the first error clears as one types
    settle(qtbot, page)
    assert not page.rows["id_number"].error.isVisible()
    assert [top_in_window(edit) for edit in fields] == before
    wizard.reject()
    stop_app(app)


def test_login_does_not_move_when_the_platform_answers_or_refuses(
    qtbot: QtBot, platform_factory
) -> None:
    """Connecting brings the captcha; a failure brings 重试: 登录 stays where it was."""
    captcha_platform = platform_factory()
    tasks = TaskRunner()
    login = LoginScreen(tasks)
    qtbot.addWidget(login)
    login.resize(900, 600)
    login.show()
    qtbot.waitExposed(login)
    settle(qtbot, login)
    before = top_in_window(login.login_button), top_in_window(login.staff_box)
    login.set_unreachable("无法连接平台，请检查网络后重试")
    settle(qtbot, login)
    assert login.retry_button.isVisible()
    assert (top_in_window(login.login_button), top_in_window(login.staff_box)) == before
    login.set_connected(ApiClient(captcha_platform.url), captcha_required=True, can_remember=True)
    settle(qtbot, login)
    assert login.captcha_row.isVisible()
    assert (top_in_window(login.login_button), top_in_window(login.staff_box)) == before


def test_course_selection_messages_keep_their_room_and_no_stale_refusal(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    settle(qtbot, page)
    buttons = (page.auto_button, page.start_button)
    before = [top_in_window(button) for button in buttons]
    deselect_before = top_in_window(page.deselect_button)
    # A 必修 course in the tray: 取消选择 is refused, with the reason.
    required = next(c for c in page.catalog_model.courses() if c.required)
    page.tray_view.setCurrentIndex(page.tray_model.row_of(required.id))
    settle(qtbot, page)
    assert page.reason_label.text() == REQUIRED_MESSAGE
    assert [top_in_window(button) for button in buttons] == before
    assert top_in_window(page.deselect_button) == deselect_before
    # 一键选课 succeeds: its message takes its room, and the refusal is gone.
    click(qtbot, page.auto_button)
    qtbot.waitUntil(lambda: "已为您选择" in page.message.text(), timeout=10_000)
    settle(qtbot, page)
    assert REQUIRED_MESSAGE not in page.reason_label.text()
    assert [top_in_window(button) for button in buttons] == before
    assert top_in_window(page.deselect_button) == deselect_before
    stop_app(app)


# -- the wheel ---------------------------------------------------------------------------


def wheel(widget: QWidget, steps: int = -1) -> None:
    """A wheel turn over the middle of *widget* (negative: towards the user), through the
    window system as a real one comes (``QTest.wheelEvent``): Qt finds the widget under
    the pointer and hands an ignored turn on to its parents."""
    window = widget.window().windowHandle()
    assert window is not None
    at = widget.mapTo(widget.window(), widget.rect().center())
    QTest.wheelEvent(window, QPointF(at), QPoint(0, 120 * steps))
    QApplication.processEvents()


def test_the_wheel_scrolls_the_form_past_an_unfocused_combo_and_spin_box(
    qtbot: QtBot,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    guard = WheelNeedsFocus(app)
    try:
        area = QScrollArea()
        qtbot.addWidget(area)
        body = QWidget()
        layout = QVBoxLayout(body)
        combo = QComboBox()
        combo.addItems(["初级", "中级", "高级"])
        spin = QSpinBox()
        spin.setRange(0, 10)
        other = QLineEdit()
        layout.addWidget(other)
        for _ in range(20):
            layout.addWidget(QLineEdit())
        layout.addWidget(combo)
        layout.addWidget(spin)
        for _ in range(20):
            layout.addWidget(QLineEdit())
        area.setWidget(body)
        area.resize(300, 200)
        area.show()
        qtbot.waitExposed(area)
        area.ensureWidgetVisible(combo)
        other.setFocus()
        scrolled = area.verticalScrollBar().value()
        wheel(combo)
        wheel(spin)
        assert combo.currentText() == "初级" and spin.value() == 0
        assert area.verticalScrollBar().value() > scrolled  # the page scrolled instead
        assert not combo.hasFocus()
        combo.setFocus()  # chosen on purpose: the wheel works as before
        wheel(combo)
        assert combo.currentText() == "中级"
    finally:
        app.removeEventFilter(guard)
        guard.deleteLater()


# -- the course list at 1024×700 -------------------------------------------------------


def test_course_titles_stay_readable_at_1024_by_700(qtbot: QtBot, platform, tmp_path: Path) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    page = open_course_selection(qtbot, app)
    app.window.resize(1024, 700)
    qtbot.waitUntil(lambda: app.window.width() == 1024)
    settle(qtbot, page)
    header = page.tree.header()
    metrics = page.tree.fontMetrics()
    title = header.sectionSize(CatalogModel.TITLE)
    assert title >= metrics.horizontalAdvance("政府会计准则解释第1号") + 20  # it was 2 chars
    # Every column fits the list (no sideways scrolling) and shows its heading whole.
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert sum(widths) <= page.tree.viewport().width()
    for column in range(header.count()):
        text = str(page.catalog_model.headerData(column, Qt.Orientation.Horizontal))
        assert widths[column] >= metrics.horizontalAdvance(text), text
    # A title too long for its cell keeps its start and end, and its tooltip is whole.
    assert page.tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    longest = max(page.catalog_model.courses(), key=lambda c: len(c.title))
    index = page.catalog_model.course_index(longest.id, CatalogModel.TITLE)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == longest.title
    stop_app(app)


# -- 继续教育情况's 备注 ------------------------------------------------------------------


def test_a_long_remark_is_shown_whole_under_the_record(qtbot: QtBot) -> None:
    remark = "学分已审核通过；如需纸质证书，请登录省专业技术人员继续教育平台打印后加盖单位公章"
    record = CreditRecord(
        id="r1", year=2021, course_type="professional", institution_id="yhdc",
        institution_name="源和大成教育", region_code="440106", region_name="广州市天河区",
        learning_mode="online", required_tenths=600, earned_tenths=600, credits_tenths=600,
        exam_passed=None, state="completed", queued_at=None, reported_at=None,
        reviewed_at=None, completed_at=None, confirmed_at=None, reviewer_phone=None,
        remarks=remark,
    )  # fmt: skip
    card = RecordCard(record)
    qtbot.addWidget(card)
    card.resize(700, 300)  # the page's width at 1024×700, beside the navigation
    card.show()
    qtbot.waitExposed(card)
    cell = card.table.horizontalHeader().sectionSize(RecordDetailModel.REMARKS)
    assert card.table.fontMetrics().horizontalAdvance(remark) > cell  # the cell cuts it…
    assert card.remarks_label.isVisible() and card.remarks_label.text() == remark  # …not here
    # A remark that fits its cell is not said twice.
    card.show_record(dataclasses.replace(record, remarks="财政管理机构已审核"))
    assert not card.remarks_label.isVisible()
