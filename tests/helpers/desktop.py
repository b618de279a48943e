"""Drive the real desktop app against a real platform, as a person would."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWizard,
)
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.views.desk.walk_in_form import WalkInFormView
from desktop.views.registration import PAGE_ACCOUNT, PAGE_DONE, RegistrationWizard
from desktop.views.shell import PAGE_ROLE

PASSWORD = "kuaiji2021"


def start_app(qtbot: QtBot, url: str, data_dir: Path) -> DesktopApp:
    """Start the app on *url* and wait until the login screen (or the shell) is usable."""
    app = DesktopApp(data_dir=data_dir, platform_url=url)
    qtbot.addWidget(app.window)
    app.start()
    qtbot.waitUntil(lambda: app.api is not None, timeout=15_000)
    return app


def stop_app(app: DesktopApp) -> None:
    """Close the window the way a person does; the app shuts down its parts."""
    app.window.close()
    app.shutdown()


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click as a person does: once the button has appeared (a widget added to a shown
    layout appears on the next event-loop turn), and only if it is enabled."""
    if not button.isVisible():
        qtbot.waitUntil(button.isVisible, timeout=2_000)
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type as a person would.  Chinese goes in as an input method commits it (one insert):
    QTest's synthetic key events cannot carry CJK characters and abort under offscreen Qt."""
    edit.setFocus()
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)


def open_wizard(qtbot: QtBot, app: DesktopApp) -> RegistrationWizard:
    click(qtbot, app.window.login.register_button)
    qtbot.waitUntil(lambda: getattr(app, "registration_wizard", None) is not None)
    wizard = app.registration_wizard
    qtbot.waitExposed(wizard)
    return wizard


def fill_account_page(
    qtbot: QtBot,
    wizard: RegistrationWizard,
    *,
    id_number: str,
    name: str = "何晓琳",
    phone: str = "15010067063",
    password: str = PASSWORD,
    confirm: str | None = None,
) -> None:
    page = wizard.account_page
    type_into(qtbot, page.id_number_edit, id_number)
    type_into(qtbot, page.name_edit, name)
    type_into(qtbot, page.phone_edit, phone)
    type_into(qtbot, page.password_edit, password)
    type_into(qtbot, page.confirm_edit, password if confirm is None else confirm)


def register_through_wizard(qtbot: QtBot, app: DesktopApp, id_number: str, **fields: str) -> None:
    """The whole happy path: 是 → account form → 完成 → logged in."""
    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.yes)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentId() == PAGE_ACCOUNT
    fill_account_page(qtbot, wizard, id_number=id_number, **fields)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_DONE, timeout=10_000)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell)


def log_in(
    qtbot: QtBot,
    app: DesktopApp,
    id_number: str,
    password: str = PASSWORD,
    *,
    remember: bool = False,
    captcha_answer: Callable[[str], str] | None = None,
) -> None:
    """Fill the login form and click 登录; *captcha_answer* reads the answer of a captcha id
    (``PlatformProcess.captcha_answer``) when the platform asks for one."""
    login = app.window.login
    type_into(qtbot, login.id_number_edit, id_number)
    type_into(qtbot, login.password_edit, password)
    if captcha_answer is not None and login.captcha.required:
        qtbot.waitUntil(lambda: login.captcha.captcha_id is not None, timeout=10_000)
        type_into(qtbot, login.captcha.answer_edit, captcha_answer(str(login.captcha.captcha_id)))
    if login.remember_box.isChecked() != remember:
        login.remember_box.setFocus()
        qtbot.keyClick(login.remember_box, Qt.Key.Key_Space)
        assert login.remember_box.isChecked() == remember
    click(qtbot, login.login_button)


def enter(
    qtbot: QtBot,
    platform: Any,
    data_dir: Path,
    learner: dict[str, Any],
    *,
    remember: bool = False,
) -> DesktopApp:
    """Start the app on *platform* and log *learner* in; returns once the shell syncs.

    *learner* is a dict of ``tests.helpers.learners`` (``id_number``, ``password``).
    """
    app = start_app(qtbot, platform.url, data_dir)
    log_in(
        qtbot,
        app,
        learner["id_number"],
        learner["password"],
        remember=remember,
        captcha_answer=platform.captcha_answer if getattr(platform, "captcha", False) else None,
    )
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.sync is not None, timeout=10_000
    )
    return app


def navigate(qtbot: QtBot, app: DesktopApp, key: str) -> None:
    """Click a page in the left navigation, as a person does (this also works when a
    sub-page such as 选课 left that page marked)."""
    nav = app.window.shell.nav
    items = nav.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
    item = next(i for i in items if i.data(0, PAGE_ROLE) == key)
    nav.scrollToItem(item)
    rect = nav.visualItemRect(item)
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: app.window.shell.current_page_key() == key)


LOADING = ("正在加载", "Loading")
"""What a page says while it waits for its rows (in either language)."""


def is_settled(app: DesktopApp) -> bool:
    """Nothing is loading: every operation started has delivered its result on the GUI
    thread (``TaskRunner.running``), the status bar's busy bar is hidden and no visible
    label of the window still says 正在加载…."""
    if app.tasks.running or not app.window.busy_bar.isHidden():
        return False
    for label in app.window.findChildren(QLabel):
        if label.isVisible() and any(word in label.text() for word in LOADING):
            return False
    return True


def wait_settled(qtbot: QtBot, app: DesktopApp, timeout: int = 10_000) -> None:
    """Wait until the page has drawn what it loaded (``is_settled``), not a fixed time."""
    qtbot.waitUntil(lambda: is_settled(app), timeout=timeout)


def staff_enter(
    qtbot: QtBot,
    platform: Any,
    data_dir: Path,
    username: str = "yhdc-desk",
    password: str = "Desk2021yh",
) -> DesktopApp:
    """Start the app on *platform* and log a staff member in through 工作人员登录 (the demo
    seed's ``yhdc-desk`` by default); returns once the desk shows its first queue."""
    app = start_app(qtbot, platform.url, data_dir)
    login = app.window.login
    if not login.staff_box.isChecked():
        login.staff_box.setFocus()
        qtbot.keyClick(login.staff_box, Qt.Key.Key_Space)
    log_in(
        qtbot,
        app,
        username,
        password,
        captcha_answer=platform.captcha_answer if getattr(platform, "captcha", False) else None,
    )
    qtbot.waitUntil(lambda: app.desk is not None, timeout=10_000)
    desk = app.desk
    assert desk is not None
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is desk, timeout=10_000)
    qtbot.waitUntil(lambda: desk.status.text() not in ("", "正在加载…"), timeout=10_000)
    return app


def isolate_settings(folder: Path) -> None:
    """Point QSettings (the scanner folder of the desk) at *folder*, not the user's."""
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(folder))


def choose_item(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Pick an entry with the keyboard (arrow keys emit ``activated`` as a person's would)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def fill_walk_in(
    qtbot: QtBot,
    form: WalkInFormView,
    *,
    id_number: str,
    name: str = "梁淑仪",
    phone: str = "13800138000",
    photos: dict[str, Path] | None = None,
) -> None:
    """Fill the desk's 新增学员 form as staff do at the counter; *photos* (kind → file) come
    through 从文件选择… and are waited for."""
    click(qtbot, form.answer1.yes)
    type_into(qtbot, form.id_number_edit, id_number)
    type_into(qtbot, form.name_edit, name)  # leaving the ID number fills birth date and sex
    type_into(qtbot, form.phone_edit, phone)
    personal = form.personal.editors
    choose_item(qtbot, personal["personal.country_region"], "中国(内地)")  # type: ignore[arg-type]
    choose_item(qtbot, personal["personal.ethnicity"], "汉族")  # type: ignore[arg-type]
    education = form.education.editors
    choose_item(qtbot, education["education.highest_degree"], "大学本科")  # type: ignore[arg-type]
    type_into(qtbot, education["education.school"], "广东财经大学")  # type: ignore[arg-type]
    type_into(qtbot, education["education.major"], "会计学")  # type: ignore[arg-type]
    type_into(qtbot, education["education.graduation_date"], "2009-07-01")  # type: ignore[arg-type]
    choose_item(qtbot, form.work.status_combo, "employed")
    type_into(qtbot, form.work.editors["work.employer"], "广州市某某有限公司")  # type: ignore[arg-type]
    professional = form.professional.editors
    choose_item(qtbot, professional["professional.qualification_level"], "none")  # type: ignore[arg-type]
    picker = form.region.region
    qtbot.waitUntil(lambda: picker.city_combo.count() > 1, timeout=10_000)
    choose_item(qtbot, picker.city_combo, "440100")
    choose_item(qtbot, picker.district_combo, "440106")
    qtbot.keyClick(picker.district_combo, Qt.Key.Key_Return)  # arrows look; Enter asks
    qtbot.waitUntil(lambda: picker.confirm_box is not None)
    box = picker.confirm_box
    assert box is not None
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    for kind, path in (photos or {}).items():
        slot = form.photos[kind]
        slot.file_picker = lambda path=path: str(path)  # type: ignore[misc]
        click(qtbot, slot.file_button)
        qtbot.waitUntil(lambda slot=slot: slot.jpeg is not None, timeout=20_000)  # type: ignore[misc]
    if not form.commitment_box.isChecked():
        form.commitment_box.setFocus()
        qtbot.keyClick(form.commitment_box, Qt.Key.Key_Space)
        assert form.commitment_box.isChecked()
