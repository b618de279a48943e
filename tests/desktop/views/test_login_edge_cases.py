"""What a learner meets when things are not ideal: no keyring, no platform, a captcha."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from pytestqt.qtbot import QtBot

from tests.helpers.desktop import (
    PASSWORD,
    click,
    log_in,
    register_through_wizard,
    start_app,
    stop_app,
    type_into,
)
from tests.helpers.identity import unique_resident_id as make_resident_id


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_without_a_keyring_the_app_works_and_says_it_cannot_remember(
    qtbot: QtBot, platform, tmp_path: Path, no_keyring
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    login = app.window.login
    assert not login.remember_box.isEnabled()
    assert "无法记住登录" in login.remember_note.text()
    register_through_wizard(qtbot, app, make_resident_id())
    assert app.window.stack.currentWidget() is app.window.shell
    stop_app(app)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.usefixtures("memory_keyring")
def test_unreachable_platform_offers_retry_and_keeps_what_was_typed(
    qtbot: QtBot, platform_factory, tmp_path: Path
) -> None:
    port = _free_port()
    from desktop.app import DesktopApp

    app = DesktopApp(data_dir=tmp_path, platform_url=f"http://127.0.0.1:{port}")
    qtbot.addWidget(app.window)
    app.start()
    login = app.window.login
    qtbot.waitUntil(login.retry_button.isVisible, timeout=15_000)
    assert "无法连接" in login.general_error.text()
    assert not login.login_button.isEnabled()
    type_into(qtbot, login.id_number_edit, "130225198703060987")

    platform_factory(port=port)
    click(qtbot, login.retry_button)
    qtbot.waitUntil(login.login_button.isEnabled, timeout=15_000)
    assert login.id_number_edit.text() == "130225198703060987"
    assert not login.general_error.isVisible()
    stop_app(app)


@pytest.mark.usefixtures("memory_keyring")
def test_wrong_captcha_is_shown_at_the_captcha_and_the_image_changes(
    qtbot: QtBot, platform_factory, tmp_path: Path
) -> None:
    server = platform_factory(captcha=True)
    app = start_app(qtbot, server.url, tmp_path)
    login = app.window.login
    assert login.captcha.isVisible()
    qtbot.waitUntil(lambda: login.captcha.captcha_id is not None, timeout=10_000)
    first = login.captcha.captcha_id
    type_into(qtbot, login.captcha.answer_edit, "0000")  # "0" is never in a captcha
    log_in(qtbot, app, "130225198703060987", PASSWORD)
    qtbot.waitUntil(lambda: login.captcha_row.error.isVisible(), timeout=10_000)
    assert "验证码" in login.captcha_row.error.text()
    qtbot.waitUntil(lambda: login.captcha.captcha_id not in (None, first), timeout=10_000)
    assert login.captcha.answer() == ""
    assert login.id_number_edit.text() == "130225198703060987"

    # The right answer passes the captcha: the refusal is now about the password.
    answer = server.captcha_answer(login.captcha.captcha_id)
    type_into(qtbot, login.captcha.answer_edit, answer)
    click(qtbot, login.login_button)
    qtbot.waitUntil(lambda: login.password_row.error.isVisible(), timeout=10_000)
    assert not login.captcha_row.error.isVisible()
    stop_app(app)


@pytest.mark.usefixtures("memory_keyring")
def test_forgot_password_with_the_demo_inbox(qtbot: QtBot, platform, tmp_path: Path) -> None:
    id_number = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, id_number, phone="13800138000")
    click(qtbot, app.window.shell.logout_button)
    login = app.window.login
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is login)
    type_into(qtbot, login.id_number_edit, id_number)
    click(qtbot, login.forgot_button)
    qtbot.waitUntil(lambda: getattr(app, "password_reset_dialog", None) is not None)
    dialog = app.password_reset_dialog
    assert dialog.id_number_edit.text() == id_number  # carried over from the login form
    type_into(qtbot, dialog.phone_edit, "13900139000")
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(
        lambda: (
            dialog.general_error.isVisible()
            or any(r.error.isVisible() for r in dialog.step1_rows.values())
        ),
        timeout=10_000,
    )
    type_into(qtbot, dialog.phone_edit, "13800138000")
    click(qtbot, dialog.send_button)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=10_000)
    assert "138****8000" in dialog.sent_label.text()
    code = re.search(r"\d{6}", dialog.demo_label.text())
    assert code is not None
    type_into(qtbot, dialog.code_edit, code.group(0))
    type_into(qtbot, dialog.new_password_edit, "xinmima2021")
    type_into(qtbot, dialog.confirm_edit, "xinmima2021")
    click(qtbot, dialog.confirm_button)
    qtbot.waitUntil(lambda: "密码已重置" in login.general_error.text(), timeout=10_000)
    log_in(qtbot, app, id_number, "xinmima2021")
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    stop_app(app)
