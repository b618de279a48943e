"""我的订单 → 申请发票 / 查看详情 against the real platform (sandbox payments, pinned clock).

A ¥90 order paid at 2021-06-21 18:23:50 may have an invoice until 2021-07-21 23:59:59.
The request is checked at its fields before it is sent, taken by the platform, issued by
the administrators' ``issue-invoices`` command and downloaded as a PDF.  A study-card
order and an order whose month has run out show why not, and offer no 申请发票.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.api_types import Order
from desktop.models.order_table import OrderTableModel
from desktop.models.tasks import TaskRunner
from desktop.views.file_dialogs import downloads_folder, in_program_folder
from desktop.views.invoice_dialog import InvoiceDialog
from desktop.views.orders import OrdersView
from rules.invoice import uscc_check_char
from rules.years import CHINA_TZ
from tests.helpers.desktop import click, enter, navigate, stop_app, type_into
from tests.helpers.learners import (
    collected_learner,
    enrolled_learner,
    fill_learner_info,
    issue_cards,
    issue_invoices,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, bearer, shifted

pytestmark = pytest.mark.usefixtures("memory_keyring")

COMPANY = "广州市某某财务咨询有限公司"
FIRST17 = "91440101MA5CY3LB0"
GOOD_TAX_NUMBER = FIRST17 + uscc_check_char(FIRST17)
BAD_TAX_NUMBER = FIRST17 + ("1" if GOOD_TAX_NUMBER[-1] != "1" else "2")


def open_orders(qtbot: QtBot, app: DesktopApp, count: int = 1) -> OrdersView:
    navigate(qtbot, app, "orders")
    view = app.orders_view
    qtbot.waitUntil(lambda: view.model.rowCount() == count, timeout=10_000)
    return view


def invoice_cell(view: OrdersView, row: int = 0) -> tuple[str, str]:
    """The 发票状态 of *row* and its tooltip."""
    index = view.model.index(row, OrderTableModel.INVOICE)
    return str(index.data()), str(index.data(Qt.ItemDataRole.ToolTipRole))


def button_texts(view: OrdersView, row: int = 0) -> list[str]:
    return [b.text() for b in view.action_buttons(row)]


def open_dialog(qtbot: QtBot, view: OrdersView, text: str) -> InvoiceDialog:
    button = next(b for b in view.action_buttons(0) if b.text() == text)
    click(qtbot, button)
    qtbot.waitUntil(lambda: view.invoice_dialog is not None)
    dialog = view.invoice_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_request_an_invoice_refused_at_the_field_then_requested_issued_and_downloaded(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_orders(qtbot, app)
    assert "可在1个月内申请发票，逾期不可补开" in view.invoice_notice.text()
    assert invoice_cell(view)[0] == "未申请"
    assert button_texts(view) == ["申请发票", "查看详情"]

    dialog = open_dialog(qtbot, view, "申请发票")
    # The rule before anything is filled; 个人 with the learner's name.
    assert dialog.rule_label.text() == (
        "可在2021-07-21 23:59:59前申请（支付后1个月内）；电子发票将在7个工作日内发送到您的邮箱。"
    )
    assert dialog.personal_button.isChecked()
    assert dialog.title_edit.text() == learner["account"]["name"]
    assert not dialog.tax_number_edit.isVisible()

    # 单位: the company's name and a tax number whose check character is wrong.
    click(qtbot, dialog.company_button)
    assert dialog.title_edit.text() == "" and dialog.tax_number_edit.isVisible()
    type_into(qtbot, dialog.title_edit, COMPANY)
    type_into(qtbot, dialog.tax_number_edit, BAD_TAX_NUMBER)
    assert dialog.tax_number_row.error.text() == "纳税人识别号校验位不正确，请核对"
    assert dialog.tax_number_row.error.isVisible()
    # The dialog grows to make room for the message: neither it nor the field is squeezed.
    row = dialog.tax_number_row
    qtbot.waitUntil(
        lambda: (
            dialog.tax_number_edit.height() >= dialog.tax_number_edit.sizeHint().height()
            and row.error.height() >= row.error.heightForWidth(row.error.width())
        )
    )
    type_into(qtbot, dialog.email_edit, "caiwu@example.com")
    click(qtbot, dialog.submit_button)
    assert dialog.pages.currentWidget() is dialog.form_page  # not sent
    assert dialog.tax_number_row.error.text() == "纳税人识别号校验位不正确，请核对"
    assert dialog.tax_number_edit.text() == BAD_TAX_NUMBER  # nothing lost
    assert dialog.title_edit.text() == COMPANY

    # The right one: taken by the platform; the details say 已申请.
    type_into(qtbot, dialog.tax_number_edit, GOOD_TAX_NUMBER)
    assert not dialog.tax_number_row.error.isVisible()
    with qtbot.waitSignal(dialog.requested, timeout=10_000):
        click(qtbot, dialog.submit_button)
    assert dialog.pages.currentWidget() is dialog.details_page
    details = dialog.detail_rows()
    assert details["发票状态"] == "已申请"
    assert details["发票抬头"] == COMPANY
    assert details["纳税人识别号"] == GOOD_TAX_NUMBER
    assert details["邮箱"] == "caiwu@example.com"
    assert not dialog.download_button.isVisible()
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: invoice_cell(view)[0] == "已申请", timeout=10_000)
    assert button_texts(view) == ["查看详情"]

    # Issued by the administrators: 已开具, and the PDF downloads where the learner says.
    issue_invoices(platform)
    assert app.session is not None and app.session.sync is not None
    app.session.sync.sync_now()
    qtbot.waitUntil(lambda: invoice_cell(view)[0] == "已开具", timeout=15_000)
    dialog = open_dialog(qtbot, view, "查看详情")
    details = dialog.detail_rows()
    assert details["发票状态"] == "已开具" and details["发票号码"]
    click(qtbot, dialog.download_button)
    save = dialog.save_dialog
    assert isinstance(save, QFileDialog)
    qtbot.waitUntil(save.isVisible)
    # It opens in 下载 (or the folder last used for invoices), never the program's folder.
    start = Path(save.directory().absolutePath())
    assert start in (downloads_folder(), downloads_folder().resolve())
    assert not in_program_folder(start)
    assert Path(save.selectedFiles()[0]).name.startswith("电子发票_")
    folder = tmp_path / "发票"
    folder.mkdir()
    target = folder / "发票.pdf"
    save.setDirectory(str(folder))
    save.selectFile(str(target))
    save.accept()
    qtbot.waitUntil(target.exists, timeout=10_000)
    qtbot.waitUntil(lambda: "电子发票已保存到" in dialog.details_message.text(), timeout=10_000)
    assert target.read_bytes().startswith(b"%PDF")
    stop_app(app)


def test_a_study_card_order_shows_why_and_offers_no_request(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    token = learner["access_token"]
    fill_learner_info(platform, token)
    ((card_number, card_password),) = issue_cards(platform, "yhdc-2021-professional", 1)
    response = requests.post(
        platform.api + "/study-cards/activate",
        json={"card_number": card_number, "password": card_password},
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code in (200, 201), response.text
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_orders(qtbot, app)
    assert invoice_cell(view) == ("不可申请", "学习卡订单的发票请联系您的学习卡开发商开具")
    assert button_texts(view) == ["查看详情"]
    dialog = open_dialog(qtbot, view, "查看详情")
    details = dialog.detail_rows()
    assert details["发票状态"] == "不可申请"
    assert details["原因"] == "学习卡订单的发票请联系您的学习卡开发商开具"
    assert not dialog.request_button.isVisible()
    stop_app(app)


def test_a_month_and_a_day_after_payment_the_window_is_closed(
    qtbot: QtBot, platform_factory: Callable[..., PlatformProcess], tmp_path: Path
) -> None:
    own = platform_factory(captcha=False)
    learner = enrolled_learner(own)
    own.restart(now=shifted(DEFAULT_NOW, days=31))  # 2021-07-22, the day after the last
    app = enter(qtbot, own, tmp_path, learner)
    view = open_orders(qtbot, app)
    state, reason = invoice_cell(view)
    assert state == "不可申请"
    assert "2021-07-21" in reason and "逾期不可补开" in reason
    assert button_texts(view) == ["查看详情"]
    stop_app(app)


def test_offline_the_request_says_the_network_is_needed_and_keeps_the_form(
    qtbot: QtBot,
) -> None:
    order = Order(
        id="o1",
        number="202106211823500001",
        amount_fen=9000,
        status="paid",
        method="wechat",
        created_at="2021-06-21T18:23:50+08:00",
        paid_at="2021-06-21T18:23:50+08:00",
        institution_id="yhdc",
        institution_name="源和大成教育",
        items=(),
        invoice_deadline="2021-07-21T23:59:59+08:00",
    )
    tasks = TaskRunner()
    dialog = InvoiceDialog(
        tasks,
        None,
        order,
        learner_name="张晓红",
        now=dt.datetime(2021, 6, 22, 9, 0, tzinfo=CHINA_TZ),
    )
    qtbot.addWidget(dialog)
    dialog.show_form()
    dialog.show()
    type_into(qtbot, dialog.email_edit, "zhang@example.com")
    click(qtbot, dialog.submit_button)
    assert dialog.form_message.text() == (
        "需要联网才能申请发票，请连接网络后重试。您填写的内容不会丢失。"
    )
    assert dialog.pages.currentWidget() is dialog.form_page
    assert (dialog.title_edit.text(), dialog.email_edit.text()) == ("张晓红", "zhang@example.com")
    tasks.close()


def test_a_tax_number_typed_with_blanks_dashes_and_full_width_is_sent_normalised(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    view = open_orders(qtbot, app)
    dialog = open_dialog(qtbot, view, "申请发票")
    click(qtbot, dialog.company_button)
    type_into(qtbot, dialog.title_edit, COMPANY)
    wide = GOOD_TAX_NUMBER.lower().translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    typed = f"{wide[:4]} {wide[4:8]}-{wide[8:13]} {wide[13:]}"
    type_into(qtbot, dialog.tax_number_edit, typed)
    dialog.tax_number_edit.setFocus()
    qtbot.keyClick(dialog.tax_number_edit, Qt.Key.Key_Return)  # leave the field
    assert dialog.tax_number_edit.text() == GOOD_TAX_NUMBER
    assert not dialog.tax_number_row.error.isVisible()
    type_into(qtbot, dialog.email_edit, "caiwu@example.com")
    with qtbot.waitSignal(dialog.requested, timeout=10_000):
        click(qtbot, dialog.submit_button)
    assert dialog.detail_rows()["纳税人识别号"] == GOOD_TAX_NUMBER
    stop_app(app)
