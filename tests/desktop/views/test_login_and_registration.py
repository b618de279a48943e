"""The login screen and the registration wizard, driven as a person would, against a real
platform process (tests/conftest.py) — register, log out, log in, be remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from desktop.views.registration import PAGE_ACCOUNT, PAGE_INELIGIBLE
from tests.helpers.desktop import (
    PASSWORD,
    click,
    fill_account_page,
    log_in,
    open_wizard,
    register_through_wizard,
    start_app,
    stop_app,
    type_into,
    wait_settled,
)
from tests.helpers.identity import make_resident_id as resident_id_at
from tests.helpers.identity import unique_resident_id as make_resident_id

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_register_then_logged_in_with_status_not_collected(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    id_number = make_resident_id()
    register_through_wizard(qtbot, app, id_number, name="何晓琳")
    shell = app.window.shell
    assert shell.name_label.text() == "何晓琳"
    assert "信息未采集" in shell.status_label.text()
    click(qtbot, shell.account_button)
    assert shell.account_page.id_number_value.text() == id_number[:4] + "*" * 10 + id_number[-4:]
    stop_app(app)


def test_ineligible_answers_end_with_the_shenzhen_explanation(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    wizard = open_wizard(qtbot, app)
    page = wizard.eligibility_page
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # nothing answered yet
    assert not page.answer2.isVisible()
    click(qtbot, page.answer1.no)
    assert page.answer2.isVisible()  # question 2 appears only after "否"
    assert not next_button.isEnabled()
    click(qtbot, page.answer2.no)
    click(qtbot, next_button)
    assert wizard.currentId() == PAGE_INELIGIBLE
    assert "深圳" in wizard.ineligible_page.explanation.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.reject()
    stop_app(app)


def test_second_question_yes_is_eligible(qtbot: QtBot, platform, tmp_path: Path) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.no)
    click(qtbot, wizard.eligibility_page.answer2.yes)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentId() == PAGE_ACCOUNT
    wizard.reject()
    stop_app(app)


def account_page_after_a_registration(qtbot: QtBot, platform: Any, tmp_path: Path) -> Any:
    """A learner registered through the wizard, who logged out; the wizard open again on its
    account page: the app, the registered ID number, the wizard, 下一步, the page and its
    error labels by field."""
    taken = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, taken)
    click(qtbot, app.window.shell.logout_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login)

    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.yes)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    click(qtbot, next_button)
    page = wizard.account_page
    errors = {name: row.error for name, row in page.rows.items()}
    return app, taken, wizard, next_button, page, errors


def test_each_bad_input_is_shown_at_its_field_and_nothing_is_lost(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app, taken, wizard, next_button, page, errors = account_page_after_a_registration(
        qtbot, platform, tmp_path
    )

    # Wrong check digit, weak password, mismatched confirmation, bad phone: all at once.
    wrong_check = taken[:17] + ("0" if taken[17] != "0" else "1")
    fill_account_page(
        qtbot, wizard, id_number=wrong_check, phone="2501006706", password="abcdefgh", confirm="x"
    )
    click(qtbot, next_button)
    assert "校验位" in errors["id_number"].text()
    assert "字母和数字" in errors["password"].text()
    assert "不一致" in errors["password_confirm"].text()
    assert "11 位" in errors["phone"].text()
    assert wizard.currentId() == PAGE_ACCOUNT
    assert page.id_number_edit.text() == wrong_check  # nothing typed is lost
    assert page.name_edit.text() == "何晓琳"

    # Wrong length.
    type_into(qtbot, page.id_number_edit, taken[:15])
    click(qtbot, next_button)
    assert "18 位" in errors["id_number"].text()

    # Passport format.
    page.id_type_combo.setCurrentIndex(page.id_type_combo.findData("passport"))
    type_into(qtbot, page.id_number_edit, "E1")
    click(qtbot, next_button)
    assert "护照" in errors["id_number"].text()

    # An already registered ID: the platform says so, at the ID field.
    page.id_type_combo.setCurrentIndex(page.id_type_combo.findData("resident_id"))
    fill_account_page(qtbot, wizard, id_number=taken)
    click(qtbot, next_button)
    qtbot.waitUntil(lambda: errors["id_number"].isVisible(), timeout=10_000)
    assert "已注册" in errors["id_number"].text()
    assert wizard.currentId() == PAGE_ACCOUNT
    assert page.password_edit.text() == PASSWORD  # kept for the next try
    wizard.reject()
    stop_app(app)


def test_wrong_password_then_lockout_with_time_until_unlock(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    id_number = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, id_number)
    click(qtbot, app.window.shell.logout_button)
    login = app.window.login
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is login)

    log_in(qtbot, app, id_number, "wrongpass1")
    qtbot.waitUntil(lambda: login.password_row.error.isVisible(), timeout=10_000)
    assert login.password_row.error.text()  # the platform's message, at the password field
    for _ in range(4):
        qtbot.waitUntil(login.login_button.isEnabled)
        log_in(qtbot, app, id_number, "wrongpass1")
    qtbot.waitUntil(lambda: "锁定" in login.general_error.text(), timeout=10_000)
    assert "分钟" in login.general_error.text()
    # Even the right password is refused while locked.
    qtbot.waitUntil(login.login_button.isEnabled)
    log_in(qtbot, app, id_number, PASSWORD)
    qtbot.waitUntil(login.login_button.isEnabled, timeout=10_000)
    wait_settled(qtbot, app)  # the refusal delivered, and nothing after it
    assert app.window.stack.currentWidget() is login
    assert "锁定" in login.general_error.text()
    stop_app(app)


def test_remember_me_survives_a_restart_and_logout_clears_the_keyring(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    id_number = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, id_number)
    click(qtbot, app.window.shell.logout_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login)
    log_in(qtbot, app, id_number, remember=True)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    qtbot.waitUntil(lambda: keyring.get_password("KJCE Desktop", platform.url) is not None)
    stored = keyring.get_password("KJCE Desktop", platform.url)
    assert PASSWORD not in stored  # tokens only, never the password
    stop_app(app)

    again = start_app(qtbot, platform.url, tmp_path)
    qtbot.waitUntil(
        lambda: again.window.stack.currentWidget() is again.window.shell, timeout=10_000
    )
    assert again.window.shell.name_label.text() == "何晓琳"
    click(qtbot, again.window.shell.logout_button)
    qtbot.waitUntil(
        lambda: keyring.get_password("KJCE Desktop", platform.url) is None, timeout=10_000
    )
    stop_app(again)

    third = start_app(qtbot, platform.url, tmp_path)
    wait_settled(qtbot, third)  # the keyring read and the platform's answer are in
    assert third.window.stack.currentWidget() is third.window.login
    stop_app(third)


def test_without_remember_me_the_next_start_asks_again(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    id_number = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, id_number)
    stop_app(app)
    assert keyring.get_password("KJCE Desktop", platform.url) is None
    again = start_app(qtbot, platform.url, tmp_path)
    wait_settled(qtbot, again)  # the keyring read and the platform's answer are in
    assert again.window.stack.currentWidget() is again.window.login
    stop_app(again)


# -- input normalised once, at the edge (issue 15) -----------------------------------------

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def leave(qtbot: QtBot, edit: QLineEdit) -> None:
    """Finish editing as a person does: press Enter in the field."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_account_fields_show_the_normalised_text_and_say_what_is_wrong_at_once(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app, taken, wizard, next_button, page, errors = account_page_after_a_registration(
        qtbot, platform, tmp_path
    )

    # Digits of another script: told at the field as soon as it is left.
    type_into(
        qtbot, page.id_number_edit, taken.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    )
    leave(qtbot, page.id_number_edit)
    assert "其他文字的数字" in errors["id_number"].text()
    assert errors["id_number"].isVisible()

    # A number with no real place.
    type_into(qtbot, page.id_number_edit, resident_id_at(area="000000", seq=5))
    leave(qtbot, page.id_number_edit)
    assert "行政区划代码" in errors["id_number"].text()

    # A name of zero-width spaces, then one with a right-to-left override.
    for bad_name in ("\u200b\u200b\u200b", "何\u202e晓琳"):
        type_into(qtbot, page.name_edit, bad_name)
        leave(qtbot, page.name_edit)
        assert "看不见" in errors["name"].text()
    # A minority name typed with a Japanese IME's dot: shown with the 间隔号.
    type_into(qtbot, page.name_edit, " 阿卜杜・热合曼 ")
    leave(qtbot, page.name_edit)
    assert page.name_edit.text() == "阿卜杜·热合曼"
    assert not errors["name"].text()

    # The registered person typed in full-width: shown in ASCII, and already registered.
    type_into(qtbot, page.id_number_edit, taken.translate(FULL_WIDTH))
    leave(qtbot, page.id_number_edit)
    assert page.id_number_edit.text() == taken
    assert not errors["id_number"].text()
    type_into(qtbot, page.phone_edit, "１５０１００６７０６３")
    type_into(qtbot, page.password_edit, PASSWORD)
    type_into(qtbot, page.confirm_edit, PASSWORD)
    click(qtbot, next_button)
    qtbot.waitUntil(lambda: errors["id_number"].isVisible(), timeout=10_000)
    assert "已注册" in errors["id_number"].text()
    assert page.phone_edit.text() == "15010067063"
    wizard.reject()
    stop_app(app)


def test_a_full_width_login_logs_in(qtbot: QtBot, platform, tmp_path: Path) -> None:
    id_number = make_resident_id()
    app = start_app(qtbot, platform.url, tmp_path)
    register_through_wizard(qtbot, app, id_number)
    click(qtbot, app.window.shell.logout_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login)
    login = app.window.login
    type_into(qtbot, login.id_number_edit, id_number.translate(FULL_WIDTH))
    leave(qtbot, login.id_number_edit)
    assert login.id_number_edit.text() == id_number
    type_into(qtbot, login.password_edit, PASSWORD)
    click(qtbot, login.login_button)
    qtbot.waitUntil(
        lambda: app.window.stack.currentWidget() is not app.window.login, timeout=10_000
    )
    stop_app(app)


def test_a_birth_date_after_the_platforms_today_is_refused_at_once(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    """The platform is pinned at 2021-06-21, this PC's clock is later (2026 when written):
    a number born in 2023 is in the future by the platform's calendar, and the form says so
    as the field is left, not the PC's calendar."""
    app = start_app(qtbot, platform.url, tmp_path)
    qtbot.waitUntil(lambda: app.platform_clock.now().year == 2021, timeout=10_000)
    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.yes)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    page = wizard.account_page
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    type_into(qtbot, page.id_number_edit, resident_id_at(birth="20230101"))
    qtbot.keyClick(page.id_number_edit, Qt.Key.Key_Tab)  # leaving the field, nothing sent
    error = page.rows["id_number"].error
    qtbot.waitUntil(error.isVisible)
    assert "出生日期" in error.text()
    wizard.reject()
    stop_app(app)
