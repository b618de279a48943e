"""修改初始密码 against the real platform: the password rule at the field before sending,
the platform's refusals at theirs, 退出登录 instead of changing, and a staff account made by
an administrator that must change its one-time password before the desk opens."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.helpers.desktop import click, log_in, start_app, stop_app, type_into
from tests.helpers.learners import DEMO_ADMIN, create_staff, register_walk_in, staff_login
from tests.helpers.platform import PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_a_walk_in_changes_the_one_time_password_or_logs_out(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    created = register_walk_in(platform, staff_login(platform)["access_token"])
    login_id, initial = created["login_id"], created["initial_password"]
    app = start_app(qtbot, platform.url, tmp_path / "client")

    # 退出登录 from the dialog: back to the login screen, the session revoked.
    log_in(qtbot, app, login_id, initial)
    qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
    dialog = app.change_password_dialog
    assert dialog is not None
    click(qtbot, dialog.logout_button)
    qtbot.waitUntil(lambda: app.change_password_dialog is None and app.session is None)
    assert app.window.stack.currentWidget() is app.window.login

    log_in(qtbot, app, login_id, initial)
    qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
    dialog = app.change_password_dialog
    assert dialog is not None
    rows = dialog.rows
    type_into(qtbot, dialog.old_edit, initial)
    type_into(qtbot, dialog.new_edit, "short1")
    click(qtbot, dialog.ok_button)
    assert rows["new_password"].error.text() == "密码至少 8 位，且须同时包含字母和数字"
    type_into(qtbot, dialog.new_edit, initial)
    click(qtbot, dialog.ok_button)
    assert rows["new_password"].error.text() == "新密码不能与初始密码相同"
    type_into(qtbot, dialog.new_edit, "Counter2021a")
    type_into(qtbot, dialog.confirm_edit, "Counter2021b")
    click(qtbot, dialog.ok_button)
    assert rows["confirm"].error.text() == "两次输入的密码不一致"
    type_into(qtbot, dialog.confirm_edit, "Counter2021a")
    qtbot.keyClick(dialog.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    assert app.session is not None and not app.session.me.must_change_password

    # The new password is the one that works now.
    def status_of(password: str) -> int:
        return requests.post(
            platform.api + "/sessions",
            json={"id_number": login_id, "password": password},
            timeout=10,
        ).status_code

    assert status_of("Counter2021a") == 201
    assert status_of(initial) != 201
    stop_app(app)


def test_a_new_staff_account_changes_its_password_before_the_desk(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    admin = staff_login(platform, *DEMO_ADMIN)
    staff = create_staff(platform, admin["access_token"], name="邓少芬")
    app = start_app(qtbot, platform.url, tmp_path / "client")
    login = app.window.login
    login.staff_box.setFocus()
    qtbot.keyClick(login.staff_box, Qt.Key.Key_Space)
    log_in(qtbot, app, staff["username"], staff["initial_password"])
    qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
    dialog = app.change_password_dialog
    assert dialog is not None and app.desk is None
    type_into(qtbot, dialog.old_edit, staff["initial_password"])
    type_into(qtbot, dialog.new_edit, "Desk2021new")
    type_into(qtbot, dialog.confirm_edit, "Desk2021new")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: app.desk is not None, timeout=10_000)
    assert app.window.stack.currentWidget() is app.desk
    assert "邓少芬" in app.desk.who.text()
    stop_app(app)


def test_the_first_logout_after_changing_the_one_time_password_shows_the_login(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """Issue 17: that 退出登录 reached the dialog Qt had deleted once it closed (a
    RuntimeError), left the learner's screen up and hung on 正在加载…."""
    created = register_walk_in(platform, staff_login(platform)["access_token"])
    login_id, initial = created["login_id"], created["initial_password"]
    app = start_app(qtbot, platform.url, tmp_path / "client")
    log_in(qtbot, app, login_id, initial)
    qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
    dialog = app.change_password_dialog
    assert dialog is not None
    type_into(qtbot, dialog.old_edit, initial)
    type_into(qtbot, dialog.new_edit, "Counter2021a")
    type_into(qtbot, dialog.confirm_edit, "Counter2021a")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # closed and deleted, as Qt does

    click(qtbot, app.window.shell.logout_button)
    assert app.window.stack.currentWidget() is app.window.login
    assert app.session is None and app.change_password_dialog is None

    log_in(qtbot, app, login_id, "Counter2021a")  # and the next login works as usual
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    home = app.home_view
    qtbot.waitUntil(lambda: home.overview is not None, timeout=15_000)
    stop_app(app)
