"""Keyboard only: every screen walked by Tab, and the flow driven without a mouse.

Each screen is walked by pressing Tab from its first control until the focus comes back
(``tests.helpers.keyboard``): every visible, enabled control of the window must be met,
each with a name a screen reader can speak, no two alike.  Form screens are also checked
for reading order (top to bottom, left to right by geometry): the login screen in both
modes, the registration account page, 找回密码, 修改初始密码, the invoice form, 往年继续
教育查询 and the desk's queue.  Pages with the navigation column are cycles (navigation,
page, 账号信息/退出登录) and are checked for reach and names only.

The real app runs against the real platform; the front desk logs in as the demo seed's
administrator.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.playback import PlayRequest
from desktop.views.exam_dialog import ExamDialog
from desktop.views.player import PlayerWindow
from desktop.views.registration import PAGE_ACCOUNT
from tests.helpers.desktop import is_settled, log_in, start_app, stop_app, wait_settled
from tests.helpers.keyboard import assert_walkable, focus_first, focused, press, speakable_name
from tests.helpers.learners import (
    DEMO_ADMIN,
    collected_learner,
    create_staff,
    enrolled_learner,
    exam_ready_learner,
    fill_learner_info,
    register_walk_in,
    selected_course,
    staff_login,
)
from tests.helpers.media import needs_libvlc, preview_clip
from tests.helpers.platform import PlatformProcess, bearer

pytestmark = pytest.mark.usefixtures("memory_keyring")

PROFESSIONAL = "2021年度广州市继续教育培训(专业课)"


# -- moving about by keys ---------------------------------------------------------------


def tab_to(qtbot: QtBot, target: QWidget, *, limit: int = 80) -> None:
    """Press Tab until *target* has the focus (fails if the walk never reaches it).

    Waits first until *target* can take the focus: Tab passes over a control that is not
    shown or not enabled yet (a card still being laid out on a busy machine), as a person
    would wait to see the button before tabbing to it.
    """
    qtbot.waitUntil(lambda: target.isVisible() and target.isEnabled(), timeout=10_000)
    for _ in range(limit):
        if focused() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is target, f"Tab never reached {target.objectName() or target}"


def type_keys(qtbot: QtBot, text: str) -> None:
    """Type into whatever has the focus."""
    target = focused()
    assert target is not None
    qtbot.keyClicks(target, text)


def nav_down_to(qtbot: QtBot, app: DesktopApp, key: str) -> None:
    """↓/↑ in the navigation until *key*'s page shows (the page follows the marked item)."""
    shell = app.window.shell
    focus_first(qtbot, shell.nav)
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(12):
        if shell.current_page_key() == key:
            break
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == key)


def walk_page(qtbot: QtBot, app: DesktopApp) -> list[QWidget]:
    """The shell with its current page: from the navigation round to it again."""
    return assert_walkable(qtbot, app.window.shell.nav)


def wait_dialog(qtbot: QtBot, find: Callable[[], QDialog | None]) -> QDialog:
    qtbot.waitUntil(lambda: find() is not None and find().isVisible(), timeout=10_000)  # type: ignore[union-attr]
    dialog = find()
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


# -- the login screen and its dialogs ---------------------------------------------------


def test_login_screen_is_walked_in_reading_order_in_both_modes(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    cycle = assert_walkable(qtbot, login.id_number_edit, reading_order=True)
    assert cycle[:2] == [login.id_number_edit, login.password_edit]
    assert login.register_button in cycle and login.forgot_button in cycle

    focus_first(qtbot, login.staff_box)
    press(qtbot, Qt.Key.Key_Space)  # 工作人员登录
    assert login.staff_mode
    cycle = assert_walkable(qtbot, login.id_number_edit, reading_order=True)
    assert login.id_number_edit.accessibleName() == "用户名"
    assert login.remember_box not in cycle and login.register_button not in cycle
    stop_app(app)


def test_registration_wizard_and_password_reset_by_keyboard(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    focus_first(qtbot, login.id_number_edit)
    tab_to(qtbot, login.register_button)
    press(qtbot, Qt.Key.Key_Return)  # 用户注册, a flat button on a page
    qtbot.waitUntil(lambda: getattr(app, "registration_wizard", None) is not None)
    wizard = wait_dialog(qtbot, lambda: app.registration_wizard)
    assert isinstance(wizard, QWizard)
    page = wizard.eligibility_page  # type: ignore[attr-defined]
    assert_walkable(qtbot, page.answer1.yes)
    focus_first(qtbot, page.answer1.yes)
    press(qtbot, Qt.Key.Key_Space)  # 是
    assert page.answer1.yes.isChecked()
    press(qtbot, Qt.Key.Key_Return)  # the wizard's default button: 下一步
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_ACCOUNT)
    account = wizard.account_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: focused() is not None and account.isAncestorOf(focused()))
    cycle = assert_walkable(qtbot, account.id_number_edit, reading_order=True)
    assert cycle.index(account.password_edit) < cycle.index(account.confirm_edit)
    press(qtbot, Qt.Key.Key_Escape)  # 取消
    qtbot.waitUntil(lambda: not wizard.isVisible())

    focus_first(qtbot, login.id_number_edit)
    tab_to(qtbot, login.forgot_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(app, "password_reset_dialog", None) is not None)
    dialog = wait_dialog(qtbot, lambda: app.password_reset_dialog)
    start = dialog.focusWidget()
    assert start is not None
    assert_walkable(qtbot, start, reading_order=True)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stop_app(app)


def test_change_password_opens_on_its_first_field_and_walks_down_the_form(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    admin = staff_login(platform, *DEMO_ADMIN)
    staff = create_staff(platform, admin["access_token"], name="邓少芬")
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    focus_first(qtbot, login.staff_box)
    press(qtbot, Qt.Key.Key_Space)
    log_in(qtbot, app, staff["username"], staff["initial_password"])
    wait_dialog(qtbot, lambda: app.change_password_dialog)
    dialog = app.change_password_dialog
    assert dialog is not None
    assert focused() is dialog.old_edit  # the dialog opens on its first field
    cycle = assert_walkable(qtbot, dialog.old_edit, reading_order=True)
    assert [type(w).__name__ for w in cycle[:3]] == ["QLineEdit"] * 3
    assert dialog.isVisible()
    stop_app(app)


# -- the learner's shell ----------------------------------------------------------------


def test_navigation_by_arrows_and_enter_and_every_page_walked_by_tab(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = selected_course(platform)
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, learner["id_number"], learner["password"])
    shell = app.window.shell
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.sync is not None, timeout=10_000
    )
    assert focused() is shell.nav  # the shell opens on its navigation

    visited = []
    focus_first(qtbot, shell.nav)
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(10):
        key = shell.current_page_key()
        if key not in visited:
            visited.append(key)
            wait_settled(qtbot, app)  # the page has drawn what it loaded
            walk_page(qtbot, app)
        press(qtbot, Qt.Key.Key_Down)
    assert visited == [
        "home", "profile", "study", "exam", "institutions", "orders", "records", "history",
    ]  # fmt: skip
    history = app.history_view
    assert_walkable(qtbot, history.id_number_edit, root=history, reading_order=True)

    # 账号信息 by Tab and Enter.
    focus_first(qtbot, shell.nav)
    tab_to(qtbot, shell.account_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "account")
    walk_page(qtbot, app)

    # 我的学习 → 选课, then back, then the course page and 下载管理.
    nav_down_to(qtbot, app, "study")
    study = app.study_view
    qtbot.waitUntil(lambda: len(study.cards) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: any(c.course_rows for c in study.cards), timeout=10_000)
    # Top to bottom: each card's 选课, then its courses' 开始学习 (they come with the
    # progress, after the cards: they were both after the two 选课).
    assert_walkable(qtbot, shell.nav, root=study, reading_order=True)
    card = next(c for c in study.cards if c.enrollment.title == PROFESSIONAL)
    tab_to(qtbot, card.select_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "course_selection")
    selection = app.course_selection_view
    qtbot.waitUntil(lambda: selection.catalog_model.rowCount() > 0, timeout=10_000)
    walk_page(qtbot, app)

    nav_down_to(qtbot, app, "study")
    row = next(
        c.row_of(learner["course_id"]) for c in study.cards if c.row_of(learner["course_id"])
    )
    assert row is not None
    tab_to(qtbot, row.study_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "course", timeout=10_000)
    course = app.course_page
    qtbot.waitUntil(
        lambda: len(course.rows) == 3 and all(r.play_button.isVisible() for r in course.rows),
        timeout=10_000,
    )
    cycle = walk_page(qtbot, app)
    spoken = [speakable_name(w) for w in cycle]
    for chapter in learner["course"]["chapters"]:  # each row's 播放 and 下载 by Tab
        assert f"播放：{chapter['title']}" in spoken and f"下载：{chapter['title']}" in spoken
    tab_to(qtbot, course.storage_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "storage")
    walk_page(qtbot, app)

    # 学习资源: Enter on the institution's row opens 网上报名.
    nav_down_to(qtbot, app, "institutions")
    institutions = app.institutions_view
    qtbot.waitUntil(lambda: institutions.row_of("源和大成教育").isValid(), timeout=10_000)
    tab_to(qtbot, institutions.table)
    institutions.table.setCurrentIndex(institutions.row_of("源和大成教育"))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "enroll", timeout=10_000)
    enroll = app.enroll_view
    qtbot.waitUntil(lambda: enroll.model.rowCount() == 2, timeout=10_000)
    walk_page(qtbot, app)

    # 我的订单: the row's 申请发票 button is reached by Tab; the form is walked in order.
    nav_down_to(qtbot, app, "orders")
    orders = app.orders_view
    qtbot.waitUntil(lambda: orders.model.rowCount() == 1, timeout=10_000)
    request = next(b for b in orders.action_buttons(0) if b.text() == "申请发票")
    focus_first(qtbot, shell.nav)
    tab_to(qtbot, request)
    press(qtbot, Qt.Key.Key_Return)
    invoice = wait_dialog(qtbot, lambda: orders.invoice_dialog)
    assert_walkable(qtbot, invoice.personal_button, reading_order=True)  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not invoice.isVisible())
    stop_app(app)


def test_keyboard_only_login_then_choose_courses_and_start_studying(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """No mouse at all: typing, Tab, arrows, Space and Enter."""
    learner = enrolled_learner(platform)
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    qtbot.waitUntil(login.login_button.isEnabled, timeout=10_000)
    focus_first(qtbot, login.id_number_edit)
    type_keys(qtbot, learner["id_number"])
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, learner["password"])
    press(qtbot, Qt.Key.Key_Return)
    shell = app.window.shell
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.sync is not None, timeout=10_000
    )

    nav_down_to(qtbot, app, "study")
    study = app.study_view
    qtbot.waitUntil(lambda: len(study.cards) == 2, timeout=10_000)
    card = next(c for c in study.cards if c.enrollment.title == PROFESSIONAL)
    focus_first(qtbot, shell.nav)
    tab_to(qtbot, card.select_button)
    press(qtbot, Qt.Key.Key_Return)  # 选课
    qtbot.waitUntil(lambda: shell.current_page_key() == "course_selection")
    page = app.course_selection_view
    qtbot.waitUntil(lambda: page.catalog_model.rowCount() > 0, timeout=10_000)

    def tray_ids() -> set[str]:
        tray = page.tray_model
        courses = (tray.course(tray.index(row, 0)) for row in range(tray.rowCount()))
        return {course.id for course in courses if course is not None}

    tab_to(qtbot, page.tree)
    press(qtbot, Qt.Key.Key_Home)  # the first category
    press(qtbot, Qt.Key.Key_Down)  # its first course
    first = page.catalog_model.course(page.tree.currentIndex())
    assert first is not None and first.id not in tray_ids()
    press(qtbot, Qt.Key.Key_Space)  # 选择
    qtbot.waitUntil(lambda: first.id in tray_ids(), timeout=10_000)

    tab_to(qtbot, page.auto_button)
    press(qtbot, Qt.Key.Key_Return)  # 一键选课 fills up to the requirement
    qtbot.waitUntil(lambda: page.tray_model.requirement_met, timeout=10_000)
    qtbot.waitUntil(page.start_button.isEnabled)
    assert QApplication.focusWidget() is page.auto_button  # the keyboard stays on the page
    focus_first(qtbot, page.search_edit)
    tab_to(qtbot, page.start_button)
    press(qtbot, Qt.Key.Key_Return)  # 开始学习
    qtbot.waitUntil(lambda: shell.current_page_key() == "study")

    enrollment_id = page.enrollment_id
    response = requests.get(
        f"{platform.api}/enrollments/{enrollment_id}/courses",
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    chosen = {c["id"] for c in response.json()["items"] if c["selected"]}
    assert first.id in chosen
    stop_app(app)


def test_purchase_by_keyboard_walks_the_checkout(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    fill_learner_info(platform, learner["access_token"])
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, learner["id_number"], learner["password"])
    shell = app.window.shell
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.sync is not None, timeout=10_000
    )
    nav_down_to(qtbot, app, "institutions")
    institutions = app.institutions_view
    qtbot.waitUntil(lambda: institutions.row_of("源和大成教育").isValid(), timeout=10_000)
    tab_to(qtbot, institutions.table)
    institutions.table.setCurrentIndex(institutions.row_of("源和大成教育"))
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.current_page_key() == "enroll", timeout=10_000)
    enroll = app.enroll_view
    qtbot.waitUntil(lambda: enroll.model.rowCount() == 2, timeout=10_000)

    tab_to(qtbot, enroll.table)
    row = next(r for r, p in enumerate(enroll.model.rows) if p.title == PROFESSIONAL)
    press(qtbot, Qt.Key.Key_Home)
    for _ in range(row):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # tick
    qtbot.waitUntil(enroll.buy_button.isEnabled)
    press(qtbot, Qt.Key.Key_Return)  # 确认购买
    checkout = wait_dialog(qtbot, lambda: enroll.checkout_dialog)
    start = checkout.focusWidget()
    assert start is not None
    cycle = assert_walkable(qtbot, start)
    assert checkout.items_table in cycle  # type: ignore[attr-defined]
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not checkout.isVisible())
    stop_app(app)


def test_exam_page_and_exam_dialog_by_tab(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = exam_ready_learner(own)
    app = start_app(qtbot, own.url, tmp_path)
    log_in(qtbot, app, learner["id_number"], learner["password"])
    shell = app.window.shell
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.sync is not None, timeout=10_000
    )
    nav_down_to(qtbot, app, "exam")
    view = app.exam_view
    qtbot.waitUntil(
        lambda: bool(view.model.rows) and view.model.rows[0].status == "available", timeout=10_000
    )
    button = view.action_button()
    assert button is not None
    cycle = walk_page(qtbot, app)
    assert button in cycle  # the row's 开始考试 is reached by Tab
    focus_first(qtbot, shell.nav)
    tab_to(qtbot, button)
    press(qtbot, Qt.Key.Key_Return)
    dialog = wait_dialog(qtbot, lambda: view.dialog)
    start = dialog.focusWidget()
    assert start is not None
    assert_walkable(qtbot, start)

    # The options come where they are on the page (after the question list, A to E, then
    # 上一题), and Tab into a single-choice group lands on the chosen one.
    assert isinstance(dialog, ExamDialog)
    single = next(i for i, q in enumerate(dialog.attempt.questions) if not q.multiple)
    dialog.show_question(single)
    dialog.choose(1)  # B
    focus_first(qtbot, dialog.nav_buttons[-1])
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.option_buttons[1]
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() in (dialog.prev_button, dialog.next_button)
    press(qtbot, Qt.Key.Key_Backtab)
    assert focused() is dialog.option_buttons[1]
    multiple = next((i for i, q in enumerate(dialog.attempt.questions) if q.multiple), None)
    if multiple is not None:
        dialog.show_question(multiple)
        focus_first(qtbot, dialog.nav_buttons[-1])
        for box in dialog.option_buttons:  # 多选: each box in turn
            press(qtbot, Qt.Key.Key_Tab)
            assert focused() is box
    # The countdown is read with its time, not only "剩余时间".
    countdown = QAccessible.queryAccessibleInterface(dialog.countdown_label)
    assert countdown is not None
    spoken = countdown.text(QAccessible.Text.Name)
    assert spoken.startswith("剩余时间 ") and any(ch.isdigit() for ch in spoken), spoken
    stop_app(app)


# -- the front desk ---------------------------------------------------------------------


def test_front_desk_walked_by_tab_and_a_row_opened_by_enter(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    created = register_walk_in(platform, staff_login(platform)["access_token"])
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    focus_first(qtbot, login.staff_box)
    press(qtbot, Qt.Key.Key_Space)
    log_in(qtbot, app, *DEMO_ADMIN)
    qtbot.waitUntil(lambda: app.desk is not None, timeout=10_000)
    desk: Any = app.desk
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is desk, timeout=10_000)
    qtbot.waitUntil(lambda: desk.model.rowCount() > 0, timeout=10_000)
    assert_walkable(qtbot, desk.admin_button, reading_order=True)

    # 新增学员 → the walk-in form, every field and photo source reached.
    focus_first(qtbot, desk.new_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(desk.form.isVisible)
    start = focused()
    assert start is not None and desk.form.isAncestorOf(start)
    cycle = assert_walkable(qtbot, start)
    assert desk.form.commitment_box in cycle and desk.form.submit_button in cycle
    focus_first(qtbot, desk.form.cancel_button)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(desk.queue_page.isVisible)

    # Enter on the walk-in's row: 收款.
    row = next(n for n, w in enumerate(desk.model.rows) if w.id == created["walk_in"]["id"])
    focus_first(qtbot, desk.table)
    desk.table.setCurrentIndex(desk.model.index(row, 0))
    press(qtbot, Qt.Key.Key_Return)
    payment = wait_dialog(qtbot, lambda: desk.payment_dialog)
    qtbot.waitUntil(lambda: len(payment.package_boxes) == 2, timeout=10_000)  # type: ignore[attr-defined]
    start = payment.focusWidget()
    assert start is not None
    assert_walkable(qtbot, start)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: desk.payment_dialog is None)

    for button, name in ((desk.batch_button, "batch_dialog"), (desk.admin_button, "admin_dialog")):
        focus_first(qtbot, button)
        press(qtbot, Qt.Key.Key_Return)
        dialog = wait_dialog(qtbot, lambda name=name: getattr(desk, name))  # type: ignore[misc]
        qtbot.waitUntil(lambda d=dialog: d.focusWidget() is not None and is_settled(app))  # type: ignore[misc]
        start = dialog.focusWidget()
        assert start is not None
        assert_walkable(qtbot, start)
        if name == "admin_dialog":  # → on the tab bar: 操作日志, walked as well
            tabs = dialog.tabs  # type: ignore[attr-defined]
            focus_first(qtbot, tabs.tabBar())
            press(qtbot, Qt.Key.Key_Right)
            assert tabs.currentIndex() == 1
            assert_walkable(qtbot, tabs.tabBar())
        press(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda name=name: getattr(desk, name) is None)  # type: ignore[misc]
    stop_app(app)


def test_a_focused_page_button_is_pressed_by_enter(qtbot: QtBot) -> None:
    """Outside a dialog Qt ignores Enter on a button; the app's filter presses it."""
    from desktop.views.keyboard import EnterClicksButtons

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    page = QWidget()
    qtbot.addWidget(page)
    enter_clicks = EnterClicksButtons(app, page)
    button = QPushButton("选课", page)
    page.show()
    qtbot.waitExposed(page)
    focus_first(qtbot, button)
    with qtbot.waitSignal(button.clicked, timeout=1_000):
        press(qtbot, Qt.Key.Key_Return)
    del enter_clicks


# -- the player -------------------------------------------------------------------------


@needs_libvlc
def test_player_keys_play_seek_within_the_watched_range_volume_and_fullscreen(
    qtbot: QtBot,
) -> None:
    """Space, ←/→ (never past what was watched), ↑/↓, F and Esc; Tab reaches each control."""
    path, duration_ms = preview_clip()
    player = PlayerWindow()
    qtbot.addWidget(player)
    player.focus_probe = lambda: True
    player.play(
        PlayRequest(
            course_id="c1",
            course_title="会计准则专题",
            chapter_id="c1-ch1",
            chapter_title="第一讲",
            duration_ms=duration_ms,
            source=str(path),
            known_intervals=((0, 3_000),),
        )
    )
    vlc = player._vlc
    assert vlc is not None
    qtbot.waitUntil(lambda: player.seek_slider.value() > 0, timeout=10_000)
    focus_first(qtbot, player.seek_slider)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not vlc.is_playing())
    player.seek_to(0)

    slider = player.seek_slider
    press(qtbot, Qt.Key.Key_Right)  # +5 s from 0: past the 3 s watched, so held at 3 s
    assert slider.value() == 3_000
    assert player.banner_reason() == "beyond_furthest"
    press(qtbot, Qt.Key.Key_Right)
    assert slider.value() == 3_000
    press(qtbot, Qt.Key.Key_Left)
    assert slider.value() == 0

    volume = player.volume_slider.value()
    press(qtbot, Qt.Key.Key_Up)
    assert player.volume_slider.value() == volume + 10
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert player.volume_slider.value() == volume - 10

    press(qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(player.isFullScreen)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not player.isFullScreen())

    cycle = assert_walkable(qtbot, player.seek_slider)
    for control in (player.play_button, player.volume_slider, player.rate_combo):
        assert control in cycle
    tab_to(qtbot, player.fullscreen_button)
    press(qtbot, Qt.Key.Key_Space)  # a focused button is pressed, not play/pause
    qtbot.waitUntil(player.isFullScreen)
    assert not vlc.is_playing()
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not player.isFullScreen())
    player.close()
