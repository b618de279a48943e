"""The counter walked as in a window (issue 18): focus that follows the page, Enter that
never skips a purchase, the one-time password never lost (a warning before 完成 without
the slip, a reprint until the counter moves on), a receipt for every payment."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.api_types import Me
from desktop.models.tasks import TaskRunner
from desktop.models.walk_in import WalkIn
from desktop.views.desk.payment import DeskPaymentDialog
from tests.desktop.views.test_desk_payment import new_walk_in, open_payment, pdf_text
from tests.helpers.desktop import (
    choose_item,
    click,
    isolate_settings,
    log_in,
    staff_enter,
    start_app,
    stop_app,
    type_into,
)
from tests.helpers.learners import DEMO_ADMIN, DEMO_DESK, ready_staff, staff_login
from tests.helpers.platform import PlatformProcess, bearer


@pytest.fixture
def desk_api(platform: PlatformProcess, qtbot: QtBot) -> Iterator[tuple[TaskRunner, ApiClient, Me]]:
    """The demo staff member logged in through the client's API, with a task runner."""
    tasks = TaskRunner()
    api = ApiClient(platform.url)
    me = api.login(*DEMO_DESK).me
    yield tasks, api, me
    tasks.wait_idle()
    tasks.close()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_chain(qtbot: QtBot, start: QWidget, steps: int) -> list[str]:
    """The objectNames Tab visits from *start*, pressed as a keyboard user does."""
    start.setFocus()
    qtbot.waitUntil(lambda: focused() is start)
    names = [start.objectName()]
    for _ in range(steps):
        widget = focused()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        now = focused()
        names.append(now.objectName() if now is not None else "")
    return names


def shown_order(parent: QWidget, names: list[str]) -> list[str]:
    """*names* in the order of the widget tree (what a screen reader lists)."""
    found = [w.objectName() for w in parent.findChildren(QPushButton) if w.objectName() in names]
    return found


@pytest.mark.usefixtures("memory_keyring")
def test_the_desk_tab_order_follows_the_page(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "settings")
    app = staff_enter(qtbot, platform, tmp_path / "client", *DEMO_ADMIN)
    try:
        desk = app.desk
        assert desk is not None and desk.admin_button.isVisible()
        app.window.activateWindow()
        qtbot.waitActive(app.window)
        page = ["deskAdmin", "deskLogout", "newWalkIn", "batchWalkIns", "payWalkIn"]
        page += ["walkInSearch", "walkInRefresh", "walkInTable"]
        # Header left to right, then the toolbar, then the table — and round again.
        assert tab_chain(qtbot, desk.admin_button, len(page)) == [*page, page[0]]
        # The tree lists the header's buttons as they are shown: 管理 before 退出登录.
        assert shown_order(desk, page) == [n for n in page if n.startswith(("desk", "new"))] + [
            "batchWalkIns",
            "payWalkIn",
            "walkInRefresh",
        ]
        # From the opening focus, 退出登录 is one Shift+Tab away, not behind the table.
        desk.new_button.setFocus()
        qtbot.waitUntil(lambda: focused() is desk.new_button)
        qtbot.keyClick(desk.new_button, Qt.Key.Key_Backtab)
        assert focused() is desk.logout_button
    finally:
        stop_app(app)


def answer(qtbot: QtBot, dialog: DeskPaymentDialog, name: str, button: Any) -> None:
    qtbot.waitUntil(
        lambda: (
            dialog.confirm_box is not None
            and dialog.confirm_box.objectName() == name
            and dialog.confirm_box.isVisible()
        )
    )
    box = dialog.confirm_box
    assert box is not None
    click(qtbot, box.button(button))


def test_enter_orders_and_skipping_asks_first(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    # 收款 opens on its primary action, 下单; 暂不购买 is never the default.
    qtbot.waitUntil(lambda: focused() is dialog.order_button)
    assert dialog.order_button.isDefault() and not dialog.skip_button.autoDefault()

    # 暂不购买 asks; its default answer (Enter) goes back.
    click(qtbot, dialog.skip_button)
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    box = dialog.confirm_box
    assert box is not None and box.objectName() == "skipPurchaseConfirm"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    click(qtbot, box.button(QMessageBox.StandardButton.No))
    assert dialog.pages.currentIndex() == dialog.PAGE_PACKAGES

    # Enter on the package step places the order.
    dialog.order_button.setFocus()
    qtbot.waitUntil(lambda: focused() is dialog.order_button)
    qtbot.keyClick(dialog.order_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
    assert dialog.focusWidget() is dialog.received_edit


def test_the_password_is_not_lost_before_the_counter_moves_on(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any, tmp_path: Path
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    click(qtbot, dialog.skip_button)
    answer(qtbot, dialog, "skipPurchaseConfirm", QMessageBox.StandardButton.Yes)
    assert dialog.pages.currentIndex() == dialog.PAGE_DONE
    assert dialog.slip_button.isVisible() and dialog.slip_button.isDefault()

    # 完成 without the slip printed or saved: asked first; 返回 keeps everything.
    click(qtbot, dialog.finish_button)
    answer(qtbot, dialog, "unprintedSlipConfirm", QMessageBox.StandardButton.No)
    assert dialog.isVisible() and dialog.credentials is not None
    # Esc (closing) asks the same.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    answer(qtbot, dialog, "unprintedSlipConfirm", QMessageBox.StandardButton.No)
    assert dialog.isVisible()

    # Saved as PDF (with the reminder that it holds the password), then printed again.
    target = tmp_path / "回执.pdf"
    for attempt in range(2):
        click(qtbot, dialog.slip_button)
        qtbot.waitUntil(lambda: dialog.slip_dialog is not None)
        slip_dialog = dialog.slip_dialog
        assert slip_dialog is not None
        assert created["initial_password"] in slip_dialog.preview.toPlainText()
        assert "含初始密码" in slip_dialog.status.text()
        with qtbot.waitSignal(slip_dialog.saved, timeout=10_000):
            slip_dialog.save_to(target)
        qtbot.waitUntil(lambda: dialog.slip_dialog is None)
        assert dialog.slip_button.text() == "再次打印回执", attempt
    text = pdf_text(target.read_bytes())
    assert created["initial_password"] in text
    # Where to call and where to get the app; a text layer that reads as typed (人, not
    # the radical ⼈ the CJK font shares its glyph with), so copying and searching work.
    assert "咨询电话4008087802" in text and "安装包请到源和大成教育前台拷贝" in text
    raw = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "会计人员继续教育" in raw and "经办人" in raw
    assert not [c for c in raw if "\u2e80" <= c <= "\u2fdf" or "\uf900" <= c <= "\ufaff"]

    # The PDF holds the password: deleting it is offered and done.
    assert dialog.delete_pdf_button.isVisible() and "打印交给学员后请删除" in dialog.pdf_note.text()
    click(qtbot, dialog.delete_pdf_button)
    qtbot.waitUntil(lambda: dialog.pdf_note.text() == "回执 PDF 已删除。", timeout=10_000)
    assert not target.exists() and not dialog.delete_pdf_button.isVisible()

    # Handed out: 完成 closes at once and the password goes with the dialog.
    click(qtbot, dialog.finish_button)
    assert not dialog.isVisible() and dialog.credentials is None


def test_a_payment_from_the_queue_gets_a_receipt(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any, tmp_path: Path
) -> None:
    tasks, api, me = desk_api
    created = new_walk_in(platform)
    dialog = DeskPaymentDialog(tasks, api, WalkIn.from_json(created["walk_in"]), me)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: len(dialog.package_boxes) == 2, timeout=10_000)
    with qtbot.waitSignal(dialog.paid, timeout=10_000):
        click(qtbot, dialog.order_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
        dialog.received_edit.setText("90")
        click(qtbot, dialog.cash_pay_button)
    assert dialog.slip_button.isVisible() and dialog.focusWidget() is dialog.slip_button
    click(qtbot, dialog.slip_button)
    qtbot.waitUntil(lambda: dialog.slip_dialog is not None)
    slip_dialog = dialog.slip_dialog
    assert slip_dialog is not None
    preview = slip_dialog.preview.toPlainText()
    assert "收款回执" in preview and "现金支付 ¥90.00" in preview
    assert created["walk_in"]["id_number_masked"] in preview
    assert created["initial_password"] not in preview
    assert created["login_id"] not in preview
    target = tmp_path / "收款回执.pdf"
    with qtbot.waitSignal(slip_dialog.saved, timeout=10_000):
        slip_dialog.save_to(target)
    text = pdf_text(target.read_bytes())
    assert "收款回执" in text and "源和大成教育" in text
    # No password, nothing to warn about: 完成 closes.
    qtbot.waitUntil(lambda: dialog.slip_dialog is None)
    click(qtbot, dialog.finish_button)
    assert not dialog.isVisible()


@pytest.mark.usefixtures("memory_keyring")
def test_the_walk_in_form_presets_the_country_and_tabs_to_the_district(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "settings")
    app = staff_enter(qtbot, platform, tmp_path / "client")
    try:
        desk = app.desk
        assert desk is not None
        click(qtbot, desk.new_button)
        form = desk.form
        country = form.personal.editors["personal.country_region"]
        assert isinstance(country, QComboBox)
        # A 居民身份证 (the default type) is issued in mainland China.
        assert country.currentData() == "中国(内地)"
        choose_item(qtbot, form.id_type_combo, "passport")
        assert country.currentData() == ""  # a passport says nothing: the staff choose
        choose_item(qtbot, form.id_type_combo, "resident_id")
        assert country.currentData() == "中国(内地)"
        assert form.record.is_empty  # a preset is nothing entered: 取消 asks nothing
        assert form.record.to_body()["profile"]["personal"]["country_region"] == "中国(内地)"

        # Tab from 地级市 reaches 区县 (the region picker shared with the learner's path).
        picker = form.region.region
        qtbot.waitUntil(lambda: picker.city_combo.count() > 1, timeout=10_000)
        app.window.activateWindow()
        qtbot.waitActive(app.window)
        form.scroll_area.ensureWidgetVisible(picker)
        choose_item(qtbot, picker.city_combo, "440100")  # 广州市, by the arrow keys
        assert focused() is picker.city_combo
        qtbot.keyClick(picker.city_combo, Qt.Key.Key_Tab)
        assert focused() is picker.district_combo
        # Arrows move within 区县 without asking: the right district can be reached.
        qtbot.keyClick(picker.district_combo, Qt.Key.Key_Down)
        qtbot.keyClick(picker.district_combo, Qt.Key.Key_Down)
        assert picker.confirm_box is None and picker.district_combo.currentIndex() == 2
    finally:
        stop_app(app)


@pytest.mark.usefixtures("memory_keyring")
def test_a_staff_login_refused_twice_shows_one_refusal_in_staff_words(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """A disabled account, then a wrong password: only the second refusal shows, and it
    says 用户名 (staff log in by user name), not the learners' 证件号码."""
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    staff = ready_staff(platform, admin)
    response = requests.post(
        f"{platform.api}/staff/accounts/{staff['account']['id']}/disable",
        headers=bearer(admin),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    app = start_app(qtbot, platform.url, tmp_path / "client")
    try:
        login = app.window.login
        login.staff_box.setFocus()
        qtbot.keyClick(login.staff_box, Qt.Key.Key_Space)
        log_in(qtbot, app, staff["username"], staff["password"])
        qtbot.waitUntil(lambda: login.id_row.error.text() != "", timeout=10_000)
        assert "停用" in login.id_row.error.text()
        type_into(qtbot, login.password_edit, "Wrong2021x")
        click(qtbot, login.login_button)
        qtbot.waitUntil(lambda: login.password_row.error.text() != "", timeout=10_000)
        assert login.id_row.error.text() == ""  # the earlier refusal is gone
        assert login.password_row.error.text().startswith("用户名或密码错误")
    finally:
        stop_app(app)
