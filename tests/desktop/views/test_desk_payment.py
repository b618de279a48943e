"""收款 at the desk and the slip, against the real platform (demo seed, sandbox payments,
clock pinned to 2021-06-21): a walk-in registered by the demo staff member pays in cash or
by a demo study card; the slip is saved as a PDF and read back.

Each test registers its own walk-in; the shared session platform is never stopped.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.api_types import Me
from desktop.models.tasks import TaskRunner
from desktop.models.walk_in import WalkIn
from desktop.models.walk_in_table import WalkInTableModel
from desktop.views.desk.payment import Credentials, DeskPaymentDialog, parse_yuan
from tests.helpers.desktop import click, staff_enter, stop_app, type_into
from tests.helpers.learners import DEMO_ADMIN, DEMO_DESK, register_walk_in, staff_login
from tests.helpers.lossy_proxy import LossyProxy
from tests.helpers.platform import PlatformProcess, bearer

#: A demo study card of 源和大成教育's 2021 professional package (README); used once here.
DEMO_CARD = ("880021000005", "U8F4N6SK")
PROFESSIONAL = "2021年度广州市继续教育培训(专业课)"


@pytest.fixture
def desk_api(platform: PlatformProcess, qtbot: QtBot) -> Iterator[tuple[TaskRunner, ApiClient, Me]]:
    """The demo staff member logged in through the client's API, with a task runner."""
    tasks = TaskRunner()
    api = ApiClient(platform.url)
    me = api.login(*DEMO_DESK).me
    assert me.role == "staff" and me.institution_name == "源和大成教育"
    yield tasks, api, me
    tasks.wait_idle()
    tasks.close()


def new_walk_in(platform: PlatformProcess) -> dict[str, Any]:
    token = staff_login(platform)["access_token"]
    return register_walk_in(platform, token)


def open_payment(
    qtbot: QtBot, desk: tuple[TaskRunner, ApiClient, Me], created: dict[str, Any]
) -> DeskPaymentDialog:
    tasks, api, me = desk
    dialog = DeskPaymentDialog(
        tasks,
        api,
        WalkIn.from_json(created["walk_in"]),
        me,
        credentials=Credentials(created["login_id"], created["initial_password"]),
    )
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: len(dialog.package_boxes) == 2, timeout=10_000)
    return dialog


def walk_in_orders(platform: PlatformProcess, walk_in_id: str) -> list[dict[str, Any]]:
    """The walk-in's orders as the desk's queue lists them (``GET /staff/walk-ins``)."""
    token = staff_login(platform)["access_token"]
    response = requests.get(platform.api + "/staff/walk-ins", headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    row = next(w for w in response.json()["items"] if w["id"] == walk_in_id)
    orders: list[dict[str, Any]] = row["orders"]
    return orders


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_amounts_typed_in_yuan() -> None:
    assert parse_yuan("90") == 9000
    assert parse_yuan(" ¥90.5 ") == 9050
    assert parse_yuan("90.05元") == 9005
    assert parse_yuan("1,090.00") == 109000
    assert parse_yuan("九十") is None and parse_yuan("90.123") is None and parse_yuan("") is None


def test_cash_at_the_desk_then_the_slip_as_pdf(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any, tmp_path: Path
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    titles = [package.title for box, package in dialog.package_boxes if box.isChecked()]
    assert sorted(titles) == ["2021年公需课", PROFESSIONAL]
    assert dialog.total_label.text() == "合计：¥90.00"

    click(qtbot, dialog.order_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
    assert "应收金额：¥90.00" in dialog.order_label.text()
    assert dialog.cash_button.isChecked()

    # Not the amount due: the platform refuses it at the field (and records it).
    type_into(qtbot, dialog.received_edit, "80")
    click(qtbot, dialog.cash_pay_button)
    qtbot.waitUntil(lambda: bool(dialog.received_row.error.text()), timeout=10_000)
    assert dialog.received_row.error.text() == "实收金额应与订单金额 ¥90.00 一致"
    assert dialog.received_row.error.isVisible()
    assert [o["status"] for o in walk_in_orders(platform, created["walk_in"]["id"])] == ["pending"]

    type_into(qtbot, dialog.received_edit, "90.00")
    with qtbot.waitSignal(dialog.paid, timeout=10_000) as paid:
        click(qtbot, dialog.cash_pay_button)
    order = paid.args[0]
    assert (order.status, order.method, order.amount_fen) == ("paid", "cash", 9000)
    assert dialog.pages.currentIndex() == dialog.PAGE_DONE
    assert "收款成功" in dialog.done_label.text()
    (listed,) = walk_in_orders(platform, created["walk_in"]["id"])
    assert (listed["status"], listed["method"]) == ("paid", "cash")
    assert listed["paid_by_staff"] == desk_api[2].name

    # 打印回执 → 保存PDF where the staff choose.
    click(qtbot, dialog.slip_button)
    qtbot.waitUntil(lambda: dialog.slip_dialog is not None)
    slip_dialog = dialog.slip_dialog
    assert slip_dialog is not None
    qtbot.waitExposed(slip_dialog)
    preview = slip_dialog.preview.toPlainText()
    assert created["initial_password"] in preview and created["login_id"] in preview
    click(qtbot, slip_dialog.pdf_button)
    qtbot.waitUntil(lambda: slip_dialog.save_dialog is not None)
    save = slip_dialog.save_dialog
    assert isinstance(save, QFileDialog)
    name = created["walk_in"]["name"]
    assert Path(save.selectedFiles()[0]).name == f"学员登记回执-{name}.pdf"
    target = tmp_path / "回执.pdf"
    save.selectFile(str(target))
    with qtbot.waitSignal(slip_dialog.saved, timeout=10_000) as saved:
        save.accept()
    assert saved.args == [str(target)]

    text = pdf_text(target.read_bytes())
    for expected in (
        "学员登记回执",
        "源和大成教育",
        name,
        created["login_id"],
        created["initial_password"],
        PROFESSIONAL,
        "现金支付¥90.00",
        "首次登录须修改初始密码",
        "一键选课",
        "公需考试",
        "请在2021-12-31前完成学习和考试",
    ):
        assert expected in text, expected
    # Saved, the slip dialog is gone; the password stays for a reprint until 完成.
    qtbot.waitUntil(lambda: not slip_dialog.isVisible())
    assert slip_dialog.slip is None
    assert dialog.credentials is not None and dialog.slip_button.text() == "再次打印回执"
    click(qtbot, dialog.finish_button)
    assert not dialog.isVisible() and dialog.credentials is None


def test_a_study_card_pays_after_a_wrong_password_is_shown_at_its_field(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    click(qtbot, dialog.order_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
    click(qtbot, dialog.card_button)
    assert dialog.method_pages.currentIndex() == 1

    number, password = DEMO_CARD
    type_into(qtbot, dialog.card_number_edit, number)
    type_into(qtbot, dialog.card_password_edit, "WRONG123")
    click(qtbot, dialog.card_pay_button)
    qtbot.waitUntil(lambda: bool(dialog.card_password_row.error.text()), timeout=10_000)
    assert dialog.card_password_row.error.text().startswith("学习卡密码错误")
    assert not dialog.card_number_row.error.text()
    assert dialog.card_number_edit.text() == number  # nothing lost

    type_into(qtbot, dialog.card_password_edit, password)
    with qtbot.waitSignal(dialog.paid, timeout=10_000) as paid:
        click(qtbot, dialog.card_pay_button)
    order = paid.args[0]
    assert (order.status, order.method) == ("paid", "study_card")
    (listed,) = walk_in_orders(platform, created["walk_in"]["id"])
    assert (listed["status"], listed["method"]) == ("paid", "study_card")
    slip = dialog.slip()
    assert slip is not None and slip.paid_by == "study_card"
    assert created["initial_password"] not in repr(slip)


def test_a_free_order_is_paid_at_once(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    for box, package in dialog.package_boxes:
        if package.price_fen:
            click(qtbot, box)  # untick the professional package
    assert dialog.total_label.text() == "合计：¥0.00"
    with qtbot.waitSignal(dialog.paid, timeout=10_000) as paid:
        click(qtbot, dialog.order_button)
    assert (paid.args[0].status, paid.args[0].amount_fen) == ("paid", 0)
    assert dialog.pages.currentIndex() == dialog.PAGE_DONE
    assert "免费" in dialog.done_label.text()


@pytest.mark.usefixtures("memory_keyring")
def test_the_desk_takes_payment_from_a_queue_row_and_shows_admin_to_admins_only(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    created = new_walk_in(platform)
    app = staff_enter(qtbot, platform, tmp_path / "desk")
    try:
        desk = app.desk
        assert desk is not None
        assert desk.batch_button.isVisible() and not desk.admin_button.isVisible()
        qtbot.waitUntil(
            lambda: any(w.id == created["walk_in"]["id"] for w in desk.model.rows),
            timeout=10_000,
        )
        row = next(n for n, w in enumerate(desk.model.rows) if w.id == created["walk_in"]["id"])
        desk.table.selectRow(row)
        click(qtbot, desk.pay_button)
        qtbot.waitUntil(lambda: desk.payment_dialog is not None)
        dialog = desk.payment_dialog
        assert dialog is not None
        qtbot.waitUntil(lambda: len(dialog.package_boxes) == 2, timeout=10_000)
        assert dialog.credentials is None  # shown once at registration, not here
        for box, package in dialog.package_boxes:
            if package.price_fen:
                click(qtbot, box)
        with qtbot.waitSignal(dialog.paid, timeout=10_000):
            click(qtbot, dialog.order_button)
        receipt = dialog.slip()  # a receipt for this payment too, without the password
        assert dialog.slip_button.isVisible() and receipt is not None and receipt.is_receipt
        click(qtbot, dialog.finish_button)
        qtbot.waitUntil(lambda: desk.payment_dialog is None)
        # The queue reads again: the walk-in's order is paid.
        qtbot.waitUntil(
            lambda: desk.model.data(desk.model.index(row, WalkInTableModel.ORDERS)) == "已支付",
            timeout=10_000,
        )
        click(qtbot, desk.batch_button)
        qtbot.waitUntil(lambda: desk.batch_dialog is not None)
        batch = desk.batch_dialog
        assert batch is not None
        click(qtbot, batch.close_button)
        qtbot.waitUntil(lambda: desk.batch_dialog is None)
    finally:
        stop_app(app)

    admin = staff_enter(qtbot, platform, tmp_path / "admin", *DEMO_ADMIN)
    try:
        desk = admin.desk
        assert desk is not None and desk.admin_button.isVisible()
        click(qtbot, desk.admin_button)
        qtbot.waitUntil(lambda: desk.admin_dialog is not None)
        assert desk.admin_dialog is not None
        qtbot.waitUntil(lambda: desk.admin_dialog.staff_model.rowCount() >= 2, timeout=10_000)  # type: ignore[union-attr]
    finally:
        stop_app(admin)


# -- the counter takes money once (issue 15) ---------------------------------------------


def _double_click(qtbot: QtBot, button: QWidget) -> None:
    """Press and release, then the second press (a double-click event) and its release."""
    left = Qt.MouseButton.LeftButton
    qtbot.mousePress(button, left)
    qtbot.mouseRelease(button, left)
    qtbot.mouseDClick(button, left)
    qtbot.mouseRelease(button, left)


def test_double_clicked_order_and_cash_take_the_money_once(
    qtbot: QtBot, platform: PlatformProcess, desk_api: Any
) -> None:
    created = new_walk_in(platform)
    dialog = open_payment(qtbot, desk_api, created)
    _double_click(qtbot, dialog.order_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
    type_into(qtbot, dialog.received_edit, "90")
    with qtbot.waitSignal(dialog.paid, timeout=10_000):
        _double_click(qtbot, dialog.cash_pay_button)
    (listed,) = walk_in_orders(platform, created["walk_in"]["id"])
    assert (listed["status"], listed["method"], listed["amount_fen"]) == ("paid", "cash", 9000)
    actions = platform.query(
        "SELECT action FROM audit_log WHERE target_id = ? ORDER BY id", (listed["id"],)
    )
    assert actions == [("order_created",), ("cash_payment",)]


def test_cash_whose_answer_was_lost_is_recorded_once_when_confirmed_again(
    qtbot: QtBot, platform: PlatformProcess
) -> None:
    """The payment was recorded but the answer lost: 确认收款 again shows it as taken
    (the first result), not "该订单已不能支付"."""
    proxy = LossyProxy(platform.url)
    tasks = TaskRunner()
    try:
        api = ApiClient(proxy.url)
        me = api.login(*DEMO_DESK).me
        created = new_walk_in(platform)
        dialog = open_payment(qtbot, (tasks, api, me), created)
        click(qtbot, dialog.order_button)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.PAGE_PAY, timeout=10_000)
        type_into(qtbot, dialog.received_edit, "90.00")
        proxy.drop_answer("POST", "/api/v1/staff/orders/")
        click(qtbot, dialog.cash_pay_button)
        qtbot.waitUntil(lambda: bool(dialog.message.text()), timeout=15_000)
        assert "无法连接平台服务" in dialog.message.text()
        (listed,) = walk_in_orders(platform, created["walk_in"]["id"])
        assert listed["status"] == "paid"  # it was recorded
        with qtbot.waitSignal(dialog.paid, timeout=10_000) as paid:
            click(qtbot, dialog.cash_pay_button)
        assert (paid.args[0].id, paid.args[0].status) == (listed["id"], "paid")
        assert "收款成功" in dialog.done_label.text()
        actions = platform.query(
            "SELECT action FROM audit_log WHERE target_id = ? ORDER BY id", (listed["id"],)
        )
        assert actions == [("order_created",), ("cash_payment",)]
    finally:
        tasks.wait_idle()
        tasks.close()
        proxy.close()
