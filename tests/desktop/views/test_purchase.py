"""学习资源 → 补充信息 → 网上报名 → checkout → 我的订单, driven as a person would against the
real platform (demo catalog, sandbox payments, clock pinned to 2021-06-21).

Each test logs in its own learner; the shared session platform is never stopped (the
offline test starts its own).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.api_types import Order
from desktop.models.order_table import OrderTableModel
from desktop.models.package_table import PackageTableModel
from desktop.views.checkout import CheckoutDialog
from desktop.views.enroll import EnrollView
from desktop.views.institutions import InstitutionsView, InstitutionTableModel
from desktop.views.learner_info import LearnerInfoDialog
from desktop.views.orders import OrdersView
from tests.helpers.desktop import click, enter, navigate, stop_app, type_into
from tests.helpers.learners import (
    collected_learner,
    complete_profile_body,
    enrolled_learner,
    fill_learner_info,
    issue_cards,
)
from tests.helpers.lossy_proxy import LossyProxy
from tests.helpers.platform import PlatformProcess, bearer

pytestmark = pytest.mark.usefixtures("memory_keyring")

YHDC = "源和大成教育"
PUBLIC = "2021年公需课"
PROFESSIONAL = "2021年度广州市继续教育培训(专业课)"
PROFESSIONAL_ID = "yhdc-2021-professional"
#: 金额 … 发票状态 of a 我的订单 row.
SHOWN = slice(OrderTableModel.AMOUNT, OrderTableModel.ACTIONS)


# -- driving the screens ----------------------------------------------------------------


def open_institutions(qtbot: QtBot, app: DesktopApp) -> InstitutionsView:
    navigate(qtbot, app, "institutions")
    view = app.institutions_view
    qtbot.waitUntil(lambda: view.row_of(YHDC).isValid(), timeout=10_000)
    return view


def cell_center(table: QTableView, index: QModelIndex) -> Any:
    table.scrollTo(index)
    return table.visualRect(index).center()


def click_cell(qtbot: QtBot, table: QTableView, index: QModelIndex) -> None:
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell_center(table, index))


def click_study(qtbot: QtBot, view: InstitutionsView, name: str) -> None:
    """The 去学习 button of the institution's row."""
    name_index = view.row_of(name)
    assert name_index.isValid(), name
    button = name_index.siblingAtColumn(InstitutionTableModel.ACTION)
    assert button.data() == "去学习 ›"
    click_cell(qtbot, view.table, button)


def wait_enroll(qtbot: QtBot, app: DesktopApp, titles: list[str]) -> EnrollView:
    view = app.enroll_view
    qtbot.waitUntil(lambda: app.window.shell.current_page_key() == "enroll", timeout=10_000)
    qtbot.waitUntil(lambda: sorted(p.title for p in view.model.rows) == titles, timeout=10_000)
    return view


def package_row(view: EnrollView, title: str) -> int:
    return next(row for row, p in enumerate(view.model.rows) if p.title == title)


def tick(qtbot: QtBot, view: EnrollView, title: str) -> None:
    """Move to the package's checkbox and press Space, as a keyboard user does."""
    index = view.model.index(package_row(view, title), PackageTableModel.CHOOSE)
    view.table.setFocus()
    view.table.setCurrentIndex(index)
    qtbot.keyClick(view.table, Qt.Key.Key_Space)


def state_of(view: EnrollView, title: str) -> str:
    return str(view.model.index(package_row(view, title), PackageTableModel.STATE).data())


def wait_checkout(qtbot: QtBot, view: EnrollView | OrdersView) -> CheckoutDialog:
    qtbot.waitUntil(lambda: view.checkout_dialog is not None, timeout=10_000)
    dialog = view.checkout_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def tab_chain(qtbot: QtBot, start: QWidget, presses: int) -> list[QWidget]:
    """The widgets that take the focus as the learner presses Tab from *start*."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen: list[QWidget] = [start]
    for _ in range(presses):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def orders_shown(qtbot: QtBot, app: DesktopApp, count: int) -> list[list[str]]:
    navigate(qtbot, app, "orders")
    view = app.orders_view
    qtbot.waitUntil(lambda: view.model.rowCount() == count, timeout=10_000)
    model = view.model
    return [
        [str(model.index(row, column).data()) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def paid_tooltips(app: DesktopApp) -> list[str]:
    """How each order was paid, as the tooltip of its 支付状态 says."""
    model = app.orders_view.model
    return [
        str(model.index(row, OrderTableModel.STATUS).data(Qt.ItemDataRole.ToolTipRole))
        for row in range(model.rowCount())
    ]


# -- the tests --------------------------------------------------------------------------


def test_first_study_asks_for_info_then_free_public_and_professional_by_sandbox_qr(
    qtbot: QtBot, qtmodeltester: Any, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)

    # 学习资源: the seed's row, and a name search that filters as one types.
    view = open_institutions(qtbot, app)
    name_index = view.row_of(YHDC)
    row = [name_index.siblingAtColumn(c).data() for c in range(InstitutionTableModel.ACTION)]
    assert row == ["广州市", "2021", YHDC, "4008087802"]
    assert view.year_combo.currentData() == 2021  # the platform's year, not the machine's
    total = view.proxy.rowCount()
    assert total > 1
    type_into(qtbot, view.search_edit, "源和")
    assert [
        view.proxy.index(r, InstitutionTableModel.NAME).data() for r in range(view.proxy.rowCount())
    ] == [YHDC]
    qtmodeltester.check(view.model)

    # The first 去学习 asks for 补充修改个人信息; a bad phone is refused at its field.
    click_study(qtbot, view, YHDC)
    qtbot.waitUntil(lambda: view.learner_info_dialog is not None, timeout=10_000)
    dialog = view.learner_info_dialog
    assert isinstance(dialog, LearnerInfoDialog)
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=10_000)
    assert dialog.name_edit.text() == learner["account"]["name"] and dialog.name_edit.isReadOnly()
    assert (
        dialog.id_number_edit.text() == learner["id_number"] and dialog.id_number_edit.isReadOnly()
    )
    assert dialog.phone_edit.text() == learner["account"]["phone"]  # prefilled
    assert dialog.district.code == complete_profile_body()["region_code"]
    district_text = dialog.district.district_combo.currentText()
    type_into(qtbot, dialog.phone_edit, "1501006706")
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Return)  # Enter = 确定
    assert dialog.phone_row.error.text() == "手机号码应为以 1 开头的 11 位数字"
    assert dialog.phone_row.error.isVisible() and dialog.isVisible()
    assert dialog.phone_edit.text() == "1501006706"  # nothing typed is lost
    assert dialog.district.district_combo.currentText() == district_text
    type_into(qtbot, dialog.phone_edit, "13800138000")
    click(qtbot, dialog.ok_button)

    # 网上报名: the requirement from rules/years, both packages buyable.
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    assert view.learner_info_dialog is None
    notice = enroll.notice.text()
    for part in (
        "90学分",
        "公需科目不少于30学分",
        "专业科目不少于60学分",
        "2021年12月31日",
        "过期不办理补学补登",
    ):
        assert part in notice
    model = enroll.model
    public_row, professional_row = package_row(enroll, PUBLIC), package_row(enroll, PROFESSIONAL)
    assert model.index(public_row, PackageTableModel.PRICE).data() == "免费"
    assert model.index(professional_row, PackageTableModel.PRICE).data() == "¥90.00"
    assert model.index(professional_row, PackageTableModel.CREDITS).data() == "60"
    assert model.index(professional_row, PackageTableModel.CLOSES).data() == "2021-12-31"
    assert state_of(enroll, PUBLIC) == state_of(enroll, PROFESSIONAL) == "可购买"
    assert not enroll.buy_button.isEnabled()
    qtmodeltester.check(model)

    # The free public package: paid at once, no checkout.
    tick(qtbot, enroll, PUBLIC)
    assert "共计 ¥0.00" in enroll.selection_label.text()
    with qtbot.waitSignal(enroll.purchased, timeout=10_000) as bought:
        click(qtbot, enroll.buy_button)
    free_order: Order = bought.args[0]
    assert (free_order.status, free_order.method, free_order.amount_fen) == ("paid", "free", 0)
    assert enroll.checkout_dialog is None
    assert "无需支付" in enroll.info_label.text()
    qtbot.waitUntil(lambda: state_of(enroll, PUBLIC) == "已购买", timeout=10_000)

    # The professional package by WeChat Pay in the sandbox: the QR is drawn, the poll flips.
    tick(qtbot, enroll, PROFESSIONAL)
    click(qtbot, enroll.buy_button)
    checkout = wait_checkout(qtbot, enroll)
    assert checkout.amount_label.text() == "¥90.00"
    assert checkout.items_table.item(0, 0).text() == PROFESSIONAL
    assert [checkout.items_table.item(0, c).text() for c in range(1, 5)] == [
        "60",
        "¥90.00",
        "1",
        "¥90.00",
    ]
    assert checkout.wechat_button.isChecked() and checkout.pay_button.isDefault()
    qtbot.keyClick(checkout.pay_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: checkout.payment is not None, timeout=10_000)
    qr = checkout.qr_label.pixmap()
    assert not qr.isNull() and 150 <= qr.width() == qr.height() <= checkout.qr_label.width()
    assert checkout.wait_bar.isVisible() and checkout.sandbox_button.isVisible()
    assert checkout.sandbox_button.text() == "模拟扫码支付（演示平台）"
    payment_id = checkout.payment.id
    status = requests.get(
        f"{platform.api}/payments/{payment_id}", headers=bearer(learner["access_token"]), timeout=10
    )
    assert status.json()["status"] == "pending"
    with qtbot.waitSignal(checkout.paid, timeout=10_000) as paid:
        click(qtbot, checkout.sandbox_button)
    order: Order = paid.args[0]
    assert (order.status, order.method, order.amount_fen) == ("paid", "wechat", 9000)
    assert "支付成功" in checkout.success_label.text()
    qtbot.waitUntil(lambda: enroll.checkout_dialog is None, timeout=5_000)  # it closes itself
    qtbot.waitUntil(lambda: state_of(enroll, PROFESSIONAL) == "已购买", timeout=10_000)

    # 去选课 leads to 我的学习, where both packages wait for their courses.
    click(qtbot, enroll.study_button)
    assert app.window.shell.current_page_key() == "study"
    study = app.study_view
    qtbot.waitUntil(lambda: len(study.cards) == 2, timeout=10_000)
    titles = [card.title_label.text() for card in study.cards]
    assert titles == [PUBLIC, PROFESSIONAL]
    click(qtbot, study.cards[1].select_button)
    assert app.window.shell.current_page_key() == "course_selection"
    qtbot.waitUntil(lambda: app.course_selection_view.title.text() == PROFESSIONAL, timeout=10_000)

    # 我的订单: both orders, paid.
    rows = orders_shown(qtbot, app, 2)
    assert rows[0][OrderTableModel.NUMBER] == order.number
    assert rows[0][SHOWN] == ["¥90.00", PROFESSIONAL, "已支付", "未申请"]
    assert rows[1][SHOWN] == ["¥0.00", PUBLIC, "已支付", "不可申请"]
    assert paid_tooltips(app) == ["已支付（微信支付）", "已支付（免费）"]
    assert rows[0][OrderTableModel.CREATED] == "2021-06-21 18:23:50"
    qtmodeltester.check(app.orders_view.model)
    stop_app(app)


def test_study_card_pays_after_a_wrong_password_is_shown_at_its_field(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    fill_learner_info(platform, learner["access_token"], "yhdc")
    ((card_number, card_password),) = issue_cards(platform, PROFESSIONAL_ID, 1)
    app = enter(qtbot, platform, tmp_path, learner)

    view = open_institutions(qtbot, app)
    click_study(qtbot, view, YHDC)  # 补充信息 saved before: straight to 网上报名
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    assert view.learner_info_dialog is None
    tick(qtbot, enroll, PROFESSIONAL)
    qtbot.keyClick(enroll.table, Qt.Key.Key_Return)  # Enter on the page = 确认购买
    checkout = wait_checkout(qtbot, enroll)

    click(qtbot, checkout.card_button)
    assert checkout.pages.currentWidget() is checkout.card_page
    assert checkout.activate_button.isDefault()
    type_into(qtbot, checkout.card_number_edit, card_number)
    type_into(qtbot, checkout.card_password_edit, card_password + "X")
    click(qtbot, checkout.activate_button)
    qtbot.waitUntil(lambda: bool(checkout.card_password_row.error.text()), timeout=10_000)
    assert "密码" in checkout.card_password_row.error.text()
    assert checkout.card_password_row.error.isVisible()
    assert not checkout.card_number_row.error.text()
    assert checkout.card_number_edit.text() == card_number  # nothing lost

    type_into(qtbot, checkout.card_password_edit, card_password)
    with qtbot.waitSignal(checkout.paid, timeout=10_000) as paid:
        qtbot.keyClick(checkout.card_password_edit, Qt.Key.Key_Return)  # the default button
    order: Order = paid.args[0]
    assert (order.status, order.method) == ("paid", "study_card")
    qtbot.waitUntil(lambda: enroll.checkout_dialog is None, timeout=5_000)

    rows = orders_shown(qtbot, app, 1)
    assert rows[0][OrderTableModel.NUMBER] == order.number
    assert rows[0][SHOWN] == ["¥90.00", PROFESSIONAL, "已支付", "不可申请"]
    assert paid_tooltips(app) == ["已支付（学习卡）"]
    stop_app(app)


def test_a_closed_checkout_leaves_the_order_pending_and_it_can_be_paid_later(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    fill_learner_info(platform, learner["access_token"], "yhdc")
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_institutions(qtbot, app)
    chain = tab_chain(qtbot, view.type_tabs, 4)
    assert chain[1:] == [view.online_button, view.year_combo, view.search_edit, view.table]
    click_study(qtbot, view, YHDC)
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    tick(qtbot, enroll, PROFESSIONAL)
    assert tab_chain(qtbot, enroll.back_button, 2)[1:] == [enroll.table, enroll.buy_button]
    click(qtbot, enroll.buy_button)
    checkout = wait_checkout(qtbot, enroll)
    chain = tab_chain(qtbot, checkout.wechat_button, 4)
    assert chain[1:] == [
        checkout.pay_button,
        checkout.close_button,
        checkout.items_table,  # the order's items, read row by row with the arrows
        checkout.wechat_button,
    ]
    click(qtbot, checkout.alipay_button)
    click(qtbot, checkout.pay_button)
    qtbot.waitUntil(lambda: checkout.payment is not None, timeout=10_000)
    click(qtbot, checkout.cancel_payment_button)  # 取消 stops polling
    assert checkout.payment is None and not checkout.wait_bar.isVisible()
    assert "订单仍为待支付" in checkout.message.text()
    qtbot.keyClick(checkout, Qt.Key.Key_Escape)  # Esc closes
    qtbot.waitUntil(lambda: enroll.checkout_dialog is None)

    rows = orders_shown(qtbot, app, 1)
    assert rows[0][OrderTableModel.STATUS : OrderTableModel.ACTIONS] == ["待支付", "不可申请"]
    orders = app.orders_view
    orders.table.setFocus()
    orders.table.setCurrentIndex(orders.model.index(0, 0))
    click(qtbot, orders.pay_button)  # 继续支付
    checkout = wait_checkout(qtbot, orders)
    click(qtbot, checkout.pay_button)
    qtbot.waitUntil(lambda: checkout.payment is not None, timeout=10_000)
    with qtbot.waitSignal(checkout.paid, timeout=10_000):
        click(qtbot, checkout.sandbox_button)
    qtbot.waitUntil(
        lambda: orders.model.index(0, OrderTableModel.STATUS).data() == "已支付",
        timeout=10_000,
    )
    stop_app(app)


def test_an_owned_package_shows_as_bought_and_cannot_be_ticked(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_institutions(qtbot, app)
    view.table.setFocus()
    view.table.setCurrentIndex(view.row_of(YHDC))
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a row = 去学习
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    row = package_row(enroll, PROFESSIONAL)
    assert state_of(enroll, PROFESSIONAL) == "已购买"
    check = enroll.model.index(row, PackageTableModel.CHOOSE)
    assert not enroll.model.flags(check) & Qt.ItemFlag.ItemIsUserCheckable
    assert check.data(Qt.ItemDataRole.CheckStateRole) is None
    click_cell(qtbot, enroll.table, check)
    tick(qtbot, enroll, PROFESSIONAL)
    assert enroll.model.ticked == [] and not enroll.buy_button.isEnabled()
    stop_app(app)


def test_offline_purchase_is_refused_never_queued(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = collected_learner(own)
    fill_learner_info(own, learner["access_token"], "yhdc")
    app = enter(qtbot, own, tmp_path, learner)
    view = open_institutions(qtbot, app)
    click_study(qtbot, view, YHDC)
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    tick(qtbot, enroll, PUBLIC)

    own.stop()
    click(qtbot, enroll.buy_button)
    qtbot.waitUntil(lambda: bool(enroll.message.text()), timeout=15_000)
    assert enroll.message.text() == "需要联网才能购买，请连接网络后重试。"
    assert enroll.model.ticked  # the choice stays for when the network is back

    # Browsing still works from the cache: 专业课 was loaded before, 公需课 never was.
    click(qtbot, enroll.back_button)
    assert app.window.shell.current_page_key() == "institutions"
    view.type_tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "没有保存过" in view.status_label.text(), timeout=15_000)
    assert view.model.rowCount() == 0
    view.type_tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: "上次保存" in view.status_label.text(), timeout=15_000)
    assert view.row_of(YHDC).isValid()
    stop_app(app)

    own.start()
    orders = requests.get(own.api + "/orders", headers=bearer(learner["access_token"]), timeout=10)
    assert orders.status_code == 200 and orders.json()["items"] == []


# -- money that cannot double (issue 15) ------------------------------------------------


def double_click(qtbot: QtBot, button: QWidget) -> None:
    """A person's double click: press and release, then the second press (which Qt
    delivers as a double-click event) and its release — two clicks if nothing stops them."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(button, left)
    qtbot.mouseRelease(button, left)
    qtbot.mouseDClick(button, left)
    qtbot.mouseRelease(button, left)


def _platform_orders(platform: PlatformProcess, token: str) -> list[dict[str, Any]]:
    response = requests.get(platform.api + "/orders", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_double_clicking_buy_and_pay_makes_one_order_and_one_payment(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    token = learner["access_token"]
    fill_learner_info(platform, token, "yhdc")
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_institutions(qtbot, app)
    click_study(qtbot, view, YHDC)
    enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
    tick(qtbot, enroll, PROFESSIONAL)

    double_click(qtbot, enroll.buy_button)
    checkout = wait_checkout(qtbot, enroll)
    assert len(enroll.findChildren(CheckoutDialog)) == 1
    [order] = _platform_orders(platform, token)
    assert (order["status"], order["amount_fen"]) == ("pending", 9000)

    double_click(qtbot, checkout.pay_button)
    qtbot.waitUntil(lambda: checkout.payment is not None, timeout=10_000)
    assert platform.query("SELECT COUNT(*) FROM payments WHERE order_id = ?", (order["id"],)) == [
        (1,)
    ]
    with qtbot.waitSignal(checkout.paid, timeout=10_000):
        double_click(qtbot, checkout.sandbox_button)
    [paid] = _platform_orders(platform, token)
    assert (paid["id"], paid["status"], paid["amount_fen"]) == (order["id"], "paid", 9000)
    enrollments = requests.get(platform.api + "/enrollments", headers=bearer(token), timeout=10)
    assert [e["package_id"] for e in enrollments.json()["items"]] == [PROFESSIONAL_ID]
    stop_app(app)


def test_a_purchase_whose_answer_was_lost_is_done_once_when_tried_again(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """The platform bought it but the answer never came: 确认购买 (and 激活学习卡) clicked
    again carries the same Idempotency-Key and gets the first result, not "已购买"/"已使用"."""
    learner = collected_learner(platform)
    token = learner["access_token"]
    fill_learner_info(platform, token, "yhdc")
    ((card_number, card_password),) = issue_cards(platform, PROFESSIONAL_ID, 1)
    proxy = LossyProxy(platform.url)
    app = enter(qtbot, proxy, tmp_path, learner)
    try:
        view = open_institutions(qtbot, app)
        click_study(qtbot, view, YHDC)
        enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))

        tick(qtbot, enroll, PUBLIC)
        proxy.drop_answer("POST", "/api/v1/orders")
        click(qtbot, enroll.buy_button)
        qtbot.waitUntil(lambda: bool(enroll.message.text()), timeout=15_000)
        assert enroll.message.text() == "需要联网才能购买，请连接网络后重试。"
        assert proxy.dropped == ["POST /api/v1/orders"]
        assert [o["status"] for o in _platform_orders(platform, token)] == ["paid"]  # it was done
        with qtbot.waitSignal(enroll.purchased, timeout=10_000) as bought:
            click(qtbot, enroll.buy_button)  # the learner tries again
        assert (bought.args[0].status, bought.args[0].method) == ("paid", "free")
        assert "无需支付" in enroll.info_label.text() and not enroll.message.text()

        tick(qtbot, enroll, PROFESSIONAL)
        click(qtbot, enroll.buy_button)
        checkout = wait_checkout(qtbot, enroll)
        click(qtbot, checkout.card_button)
        type_into(qtbot, checkout.card_number_edit, card_number)
        type_into(qtbot, checkout.card_password_edit, card_password)
        proxy.drop_answer("POST", "/api/v1/study-cards/activate")
        click(qtbot, checkout.activate_button)
        qtbot.waitUntil(lambda: bool(checkout.message.text()), timeout=15_000)
        assert checkout.message.text() == "需要联网才能支付，请连接网络后重试。"
        with qtbot.waitSignal(checkout.paid, timeout=10_000) as paid:
            click(qtbot, checkout.activate_button)
        assert (paid.args[0].status, paid.args[0].method) == ("paid", "study_card")
        assert not checkout.card_number_row.error.text()  # no "该学习卡已于…使用"
        orders = _platform_orders(platform, token)
        assert sorted((o["method"], o["status"]) for o in orders) == [
            ("free", "paid"),
            ("study_card", "paid"),
        ]
    finally:
        stop_app(app)
        proxy.close()


def test_money_received_after_the_deadline_is_shown_as_going_back(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    """A QR code made on 31 Dec and paid on 5 Jan: the checkout and 我的订单 say that the
    money goes back, and the order cannot be paid again."""
    own = platform_factory(captcha=False, now="2021-12-31T23:50:00+08:00")
    learner = collected_learner(own)
    fill_learner_info(own, learner["access_token"], "yhdc")
    proxy = LossyProxy(own.url)  # the app keeps its URL while the platform restarts
    app = enter(qtbot, proxy, tmp_path, learner)
    try:
        view = open_institutions(qtbot, app)
        click_study(qtbot, view, YHDC)
        enroll = wait_enroll(qtbot, app, sorted([PUBLIC, PROFESSIONAL]))
        tick(qtbot, enroll, PROFESSIONAL)
        click(qtbot, enroll.buy_button)
        checkout = wait_checkout(qtbot, enroll)
        click(qtbot, checkout.pay_button)
        qtbot.waitUntil(lambda: checkout.payment is not None, timeout=10_000)

        own.restart(now="2022-01-05T10:00:00+08:00")
        proxy.target = own.url
        click(qtbot, checkout.sandbox_button)  # the learner's phone pays on 5 Jan
        qtbot.waitUntil(lambda: "原路退回" in checkout.message.text(), timeout=15_000)
        assert (
            checkout.message.text()
            == "已过截止日期，该订单不能再支付：已收到的 ¥90.00 将原路退回。"
        )
        assert checkout.paid_order is None and checkout.payment is None
        qtbot.keyClick(checkout, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: enroll.checkout_dialog is None)

        rows = orders_shown(qtbot, app, 1)
        assert rows[0][SHOWN] == ["¥90.00", PROFESSIONAL, "待退款", "不可申请"]
        assert paid_tooltips(app) == ["已过截止日期，款项 ¥90.00 将原路退回（微信支付）"]
        orders = app.orders_view
        qtbot.waitUntil(orders.refund_notice.isVisible)
        number = rows[0][OrderTableModel.NUMBER]
        assert orders.refund_notice.text() == (
            f"订单 {number}：已过截止日期，款项 ¥90.00 将原路退回（微信支付）。"
        )
        orders.table.setFocus()
        orders.table.setCurrentIndex(orders.model.index(0, 0))
        assert not orders.pay_button.isEnabled()  # nothing left to pay
    finally:
        stop_app(app)
        proxy.close()
