"""管理 against the real platform: the demo administrator lists the staff, creates one (its
one-time password works), disables it (its login then fails) and reads the audit log with
these actions, newest first, page by page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import QRect, Qt
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.api_types import Me
from desktop.models.audit_table import AuditTableModel
from desktop.models.staff_table import StaffTableModel
from desktop.models.tasks import TaskRunner
from desktop.views.desk.admin import AdminDialog
from tests.helpers.desktop import choose_item, click, type_into
from tests.helpers.learners import DEMO_ADMIN, unique_username
from tests.helpers.platform import PlatformProcess, login


@pytest.fixture
def admin(platform: PlatformProcess, qtbot: QtBot) -> Iterator[tuple[AdminDialog, Me]]:
    """管理 opened by the demo administrator, audit log in pages of 3."""
    tasks = TaskRunner()
    api = ApiClient(platform.url)
    me = api.login(*DEMO_ADMIN).me
    assert me.role == "admin"
    dialog = AdminDialog(tasks, api, me.id, page_size=3)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    yield dialog, me
    tasks.wait_idle()
    tasks.close()


def cell(model: StaffTableModel | AuditTableModel, row: int, column: int) -> str:
    return str(model.index(row, column).data())


def staff_row(dialog: AdminDialog, username: str) -> int:
    model = dialog.staff_model
    return next(r for r in range(model.rowCount()) if cell(model, r, 0) == username)


def test_create_disable_and_the_audit_log(
    qtbot: QtBot, platform: PlatformProcess, admin: tuple[AdminDialog, Me]
) -> None:
    dialog, me = admin
    qtbot.waitUntil(lambda: dialog.staff_model.rowCount() >= 2, timeout=10_000)
    model = dialog.staff_model
    usernames = [cell(model, r, StaffTableModel.USERNAME) for r in range(model.rowCount())]
    assert {"yhdc-admin", "yhdc-desk"} <= set(usernames)
    desk = staff_row(dialog, "yhdc-desk")
    assert cell(model, desk, StaffTableModel.ROLE) == "工作人员"
    assert cell(model, desk, StaffTableModel.STATE) == "正常"

    # An administrator cannot disable themselves: 停用 stays off on their own row.
    dialog.staff_table.selectRow(staff_row(dialog, "yhdc-admin"))
    assert not dialog.disable_button.isEnabled()

    # 新增: user name, name, role → the one-time password, shown once.
    click(qtbot, dialog.new_button)
    qtbot.waitUntil(lambda: dialog.new_staff_dialog is not None)
    new = dialog.new_staff_dialog
    assert new is not None
    qtbot.waitExposed(new)
    type_into(qtbot, new.username_edit, "A")  # too short: refused at its field
    type_into(qtbot, new.name_edit, "周晓琳")
    click(qtbot, new.create_button)
    assert new.username_row.error.text() == "用户名应为 3 至 32 位小写字母、数字或 . _ -"
    username = unique_username("desk")
    type_into(qtbot, new.username_edit, username)
    choose_item(qtbot, new.role_box, "staff")
    with qtbot.waitSignal(new.created, timeout=10_000):
        click(qtbot, new.create_button)
    password = new.password_label.text()
    assert new.password_label.isVisible() and len(password) >= 8
    assert "只显示这一次" in new.result_label.text()
    first = login(platform, username, password)
    assert first.status_code == 201, first.text
    assert first.json()["account"]["must_change_password"] is True
    click(qtbot, new.close_button)
    qtbot.waitUntil(lambda: dialog.new_staff_dialog is None)
    # The counter counts the rows shown (it said "共 2 个账号" beside 3 rows).
    assert dialog.staff_status.text() == f"共 {model.rowCount()} 个账号"

    # The new account is listed and selected; 停用 it: its login then fails.
    row = staff_row(dialog, username)
    assert cell(model, row, StaffTableModel.NAME) == "周晓琳"
    assert dialog.selected_account() is not None
    assert dialog.selected_account().username == username  # type: ignore[union-attr]
    click(qtbot, dialog.disable_button)
    qtbot.waitUntil(lambda: cell(model, row, StaffTableModel.STATE) == "已停用", timeout=10_000)
    assert dialog.staff_status.text() == f"已停用 周晓琳 · 共 {model.rowCount()} 个账号"
    assert dialog.enable_button.isEnabled() and not dialog.disable_button.isEnabled()
    refused = login(platform, username, password)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "account_disabled"

    # 操作日志: newest first, these actions by the administrator, 3 at a time.
    dialog.tabs.setCurrentIndex(1)
    audit = dialog.audit_model

    def shown_actions() -> list[tuple[str, str]]:
        return [
            (cell(audit, r, AuditTableModel.ACTOR), cell(audit, r, AuditTableModel.ACTION))
            for r in range(audit.rowCount())
        ]

    qtbot.waitUntil(
        lambda: audit.rowCount() == 3 and shown_actions()[0][1] == "停用工作人员", timeout=10_000
    )
    assert shown_actions()[0] == (me.name, "停用工作人员")
    assert username in cell(audit, 0, AuditTableModel.SUMMARY)
    times = [cell(audit, r, AuditTableModel.AT) for r in range(audit.rowCount())]
    assert times == sorted(times, reverse=True)
    # The new account's own first login sits between its creation and its disabling.
    assert shown_actions() == [
        (me.name, "停用工作人员"),
        ("周晓琳", "登录"),
        (me.name, "新增工作人员"),
    ]
    assert username in cell(audit, 2, AuditTableModel.SUMMARY)
    summaries = " ".join(cell(audit, r, AuditTableModel.SUMMARY) for r in range(3))
    assert password not in summaries
    # 加载更多: the older entries below, still newest first.
    assert dialog.more_button.isEnabled()
    first_page = shown_actions()
    click(qtbot, dialog.more_button)
    qtbot.waitUntil(lambda: audit.rowCount() > 3, timeout=10_000)
    assert shown_actions()[:3] == first_page
    times = [cell(audit, r, AuditTableModel.AT) for r in range(audit.rowCount())]
    assert times == sorted(times, reverse=True)
    assert (me.name, "登录") in shown_actions()[3:]  # this administrator's login, earlier

    # 内容 is shown whole: a long entry wraps onto more lines instead of being cut.
    long = "学习卡支付未成功（学习卡密码错误，还可尝试4次）：订单 202106210001，" * 3
    oldest = audit.rows[-1]
    audit.append([replace(oldest, id=oldest.id - 1, summary=long)])
    table = dialog.audit_table
    last = audit.rowCount() - 1
    qtbot.waitUntil(lambda: table.rowHeight(last) > table.rowHeight(0))
    width = table.columnWidth(AuditTableModel.SUMMARY)
    needed = table.fontMetrics().boundingRect(
        QRect(0, 0, width - 12, 10_000), Qt.TextFlag.TextWordWrap, long
    )
    assert table.rowHeight(last) >= needed.height()
    assert table.textElideMode() == Qt.TextElideMode.ElideNone
    assert audit.index(last, AuditTableModel.SUMMARY).data(Qt.ItemDataRole.ToolTipRole) == long

    # 启用 again: the account logs in again.
    dialog.tabs.setCurrentIndex(0)
    click(qtbot, dialog.enable_button)
    qtbot.waitUntil(lambda: cell(model, row, StaffTableModel.STATE) == "正常", timeout=10_000)
    assert login(platform, username, password).status_code == 201
