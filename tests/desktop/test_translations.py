"""The app in English: every Chinese string is translatable, the translations are complete
and current, Qt's own dialogs follow, and a walk through the real app in English shows no
Chinese but the platform's data (names, institutions, course titles…)."""

from __future__ import annotations

import ast
import contextlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.i18n import install_translations, remove_translations, resolve_language
from desktop.views.shell import PAGE_ROLE
from tests.helpers.desktop import (
    enter,
    log_in,
    navigate,
    staff_enter,
    start_app,
    stop_app,
    wait_settled,
)
from tests.helpers.learners import exam_ready_learner
from tests.helpers.platform import PlatformProcess, register
from tools import translations
from tools.source_strings import CJK, scan

pytestmark = pytest.mark.usefixtures("memory_keyring")


# -- the source ------------------------------------------------------------------------


def test_every_chinese_string_of_the_client_goes_through_tr() -> None:
    _messages, problems = scan()
    assert not problems, "\n".join(map(str, problems))


def test_the_scan_finds_an_untranslatable_string(tmp_path: Path) -> None:
    """The static check can fail: a label set without tr, a tr inside an f-string (lupdate
    does not read those), a tr run at import (before the language is installed)."""
    (tmp_path / "desktop").mkdir()
    bad = tmp_path / "desktop" / "bad.py"
    bad.write_text(
        "from desktop.i18n import tr\n"
        'HEADING = tr("标题")\n'
        "def show(label):\n"
        '    label.setText("确定")\n'
        "    label.setText(f\"{tr('年度')}\")\n"
        '    log.info("日志可以是中文")\n'
        '    label.setText(tr("可以翻译"))\n',
        encoding="utf-8",
    )
    messages, problems = scan([bad], root=tmp_path)
    assert [(p.line, p.text) for p in problems] == [
        (2, "tr('标题')"),
        (4, "确定"),
        (5, "tr('年度')"),
    ]
    assert ("", "可以翻译") in {(m.context, m.source) for m in messages}


def test_lupdate_files_each_message_under_the_context_it_is_looked_up_in(
    tmp_path: Path,
) -> None:
    """The contexts lupdate writes are those the code asks for at run time (the AST
    scan's reading): a bare tr() in the empty context, self.tr in its class."""
    messages, _problems = scan()
    fresh = tmp_path / "kjce_en.ts"
    translations.run_lupdate([fresh])
    _tree, in_ts = translations.read_ts(fresh)
    assert {(m.context, m.source) for m in messages} == {(m.context, m.source) for m in in_ts}


def test_the_translations_are_complete_and_up_to_date() -> None:
    assert translations.check_problems() == []


def test_the_platform_messages_file_is_up_to_date() -> None:
    expected = translations.scan_platform()
    tree = ast.parse(translations.PLATFORM_MESSAGES.read_text(encoding="utf-8"))
    marked: dict[str, list[str]] = {"platform": [], "platform-pattern": [], "rules": []}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = (str(ast.literal_eval(arg)) for arg in node.args)
            marked[context].append(text)
    assert marked == {
        "platform": expected.platform,
        "platform-pattern": expected.patterns,
        "rules": expected.rules,
    }, "run: python -m tools.translations platform-messages"


# -- languages and Qt's own dialogs ------------------------------------------------------


def test_the_system_language_is_followed_when_we_have_it_else_chinese() -> None:
    from PySide6.QtCore import QLocale

    assert resolve_language("system", QLocale("en_GB")) == "en"
    assert resolve_language("system", QLocale("zh_TW")) == "zh_CN"
    assert resolve_language("system", QLocale("de_DE")) == "zh_CN"
    assert resolve_language("en") == "en"


def _standard_button_texts(qtbot: QtBot) -> list[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "?", "?")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    box.show()
    texts = [
        box.button(button).text().replace("&", "")
        for button in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel)
    ]
    box.close()
    return texts


def test_qt_own_dialogs_follow_the_language(qtbot: QtBot, qapp: QApplication) -> None:
    from PySide6.QtCore import QLocale

    previous = QLocale()
    try:
        assert install_translations(qapp, "zh_CN") == "zh_CN"
        assert _standard_button_texts(qtbot) == ["确定", "取消"]
        assert install_translations(qapp, "en") == "en"
        assert _standard_button_texts(qtbot) == ["OK", "Cancel"]
        assert QCoreApplication.translate("LoginScreen", "用户注册") == "Sign up"
    finally:
        remove_translations(qapp)
        QLocale.setDefault(previous)


def test_platform_messages_are_shown_in_english(english: QApplication) -> None:
    from desktop.views.widgets import tr_platform

    assert tr_platform("验证码不正确，请重新输入") == "The captcha is incorrect; please try again"
    assert tr_platform("此项为必填项") == "This field is required"  # a rules message
    assert tr_platform("没见过的消息") == "没见过的消息"
    # Messages with values go through their pattern; a value that is a message is
    # translated too, and an unknown text with the shape of a pattern stays as it is.
    assert tr_platform("内容过长，最多 50 个字符") == "Too long: at most 50 characters"
    assert (
        tr_platform("原密码不正确，还可尝试3次")
        == "The current password is incorrect; 3 attempts left"
    )
    assert tr_platform("年度应在2012年至2026年之间") == "The year must be between 2012 and 2026"
    # A rules message whose number has its home in the rule, as the platform fills it in.
    from rules.invoice import filled, tax_number_problem

    tax_number = tax_number_problem("company", "911100006000373")
    assert tax_number is not None
    assert tr_platform(filled(tax_number)) == (
        "The taxpayer ID should be the 18-character unified social credit code "
        "(digits or capital letters)"
    )


def test_a_wrong_password_is_told_in_english_with_the_attempts_left(
    english: QApplication, qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """The platform says "证件号码或密码错误，还可尝试 4 次": a message with a value."""
    learner = register(platform)
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, learner["account"]["id_number"], "wrong1234")
    password_error = app.window.login.password_row.error
    qtbot.waitUntil(password_error.isVisible)
    assert password_error.text() == "Wrong ID number or password; 4 attempts left"
    stop_app(app)


# -- the walk ----------------------------------------------------------------------------


@pytest.fixture
def platform_data(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every string the platform answered with during the test: its DATA (names,
    institutions, course titles, regions…), which may stay Chinese in English."""
    seen: set[str] = set()
    original = requests.Session.request

    def collect(value: Any) -> None:
        if isinstance(value, str):
            if CJK.search(value):
                seen.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    def recording(self: requests.Session, *args: Any, **kwargs: Any) -> requests.Response:
        response = original(self, *args, **kwargs)
        if "json" in response.headers.get("content-type", ""):
            with contextlib.suppress(ValueError):
                collect(response.json())
        return response

    monkeypatch.setattr(requests.Session, "request", recording)
    yield seen


def _strip_html(text: str) -> str:
    return re.sub(r"<[^>]+>", " ", text)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: PySide6 makes its columnCount private
        return 1


def _model_texts(model: QAbstractItemModel, parent: QModelIndex, depth: int = 0) -> list[str]:
    texts = []
    columns = _columns(model, parent)
    if not parent.isValid():
        for section in range(columns):
            value = model.headerData(section, Qt.Orientation.Horizontal)
            texts.append(str(value or ""))
    for row in range(min(model.rowCount(parent), 60)):
        for column in range(columns):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
            if depth < 2 and column == 0 and columns > 1 and model.rowCount(index) > 0:
                texts.extend(_model_texts(model, index, depth + 1))
    return texts


def clipped_labels() -> list[str]:
    """Visible one-line labels and text buttons narrower than their text: English cut off
    (the walk in English found the sidebar's "Account information" cut to ":count informati")."""
    found = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        for widget in window.findChildren(QWidget):
            one_line = isinstance(widget, QLabel) and not widget.wordWrap()
            plain_button = isinstance(widget, QAbstractButton) and widget.icon().isNull()
            if not (one_line or plain_button):
                continue
            text = widget.text()  # type: ignore[attr-defined]
            if "<" in text:  # rich text lays itself out
                continue
            if widget.isVisible() and text and widget.sizeHint().width() > widget.width() + 2:
                found.append(
                    f"{type(widget).__name__} {text!r}: {widget.width()} px of {widget.sizeHint().width()}"
                )
    return found


def visible_texts() -> list[tuple[str, str]]:
    """(where, text) of everything a person can read in the open windows."""
    found: list[tuple[str, str]] = []
    for window in QApplication.topLevelWidgets():
        if not window.isVisible():
            continue
        found.append((f"{type(window).__name__} title", window.windowTitle()))
        for widget in [window, *window.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            where = f"{type(widget).__name__} {widget.objectName()}"
            texts = [widget.toolTip()]
            if isinstance(widget, QLabel):
                texts.append(_strip_html(widget.text()))
            elif isinstance(widget, QAbstractButton):
                texts.append(widget.text())
            elif isinstance(widget, QLineEdit):
                texts.append(widget.placeholderText())
            elif isinstance(widget, QGroupBox):
                texts.append(widget.title())
            elif isinstance(widget, QTabBar):
                texts.extend(widget.tabText(i) for i in range(widget.count()))
            elif isinstance(widget, QComboBox):
                texts.extend(widget.itemText(i) for i in range(widget.count()))
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                texts.extend(_model_texts(widget.model(), QModelIndex()))
            for action in widget.actions():
                texts.append(action.text())
                menu = action.menu()
                if isinstance(menu, QMenu):
                    texts.extend(sub.text() for sub in menu.actions())
            found.extend((where, text) for text in texts if text)
    return found


def chinese_left(texts: list[tuple[str, str]], data: set[str]) -> list[tuple[str, str]]:
    """The texts still Chinese once the platform's data is taken out of them."""
    pieces = sorted(data, key=len, reverse=True)
    left = []
    for where, text in texts:
        rest = text
        for piece in pieces:
            if piece in rest:
                rest = rest.replace(piece, " ")
        if CJK.search(rest):
            left.append((where, text))
    return sorted(set(left))


def visit_every_page(qtbot: QtBot, app: DesktopApp, seen: Callable[[], None]) -> None:
    nav = app.window.shell.nav
    items = nav.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
    keys = [item.data(0, PAGE_ROLE) for item in items if item.data(0, PAGE_ROLE)]
    assert len(keys) >= 5, keys
    for key in keys:
        navigate(qtbot, app, key)
        wait_settled(qtbot, app)  # the page has drawn what the cache and the platform gave
        seen()


def test_the_whole_app_in_english_shows_no_chinese_but_the_platform_data(
    qtbot: QtBot,
    english: QApplication,
    platform: PlatformProcess,
    platform_factory: Callable[..., PlatformProcess],
    platform_data: set[str],
    tmp_path: Path,
) -> None:
    collected: list[tuple[str, str]] = []
    clipped: list[str] = []

    def seen() -> None:
        collected.extend(visible_texts())
        clipped.extend(clipped_labels())

    # The login screen and the dialogs it opens.
    app = start_app(qtbot, platform.url, tmp_path / "login")
    seen()
    qtbot.mouseClick(app.window.login.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(app, "registration_wizard", None) is not None)
    qtbot.waitExposed(app.registration_wizard)
    seen()
    app.registration_wizard.close()
    qtbot.mouseClick(app.window.login.forgot_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(app, "password_reset_dialog", None) is not None)
    qtbot.waitExposed(app.password_reset_dialog)
    seen()
    app.password_reset_dialog.close()
    stop_app(app)

    # A fresh learner: information not collected, nothing bought.
    fresh = register(platform)
    fresh["id_number"] = fresh["account"]["id_number"]
    app = enter(qtbot, platform, tmp_path / "fresh", fresh)
    visit_every_page(qtbot, app, seen)
    stop_app(app)

    # A learner who bought, studied the public course and may take the exam.
    pinned = platform_factory(captcha=False)
    ready = exam_ready_learner(pinned)
    app = enter(qtbot, pinned, tmp_path / "ready", ready)
    visit_every_page(qtbot, app, seen)
    stop_app(app)

    # The front desk.
    app = staff_enter(qtbot, platform, tmp_path / "staff")
    seen()
    stop_app(app)

    assert len(collected) > 200
    left = chinese_left(collected, platform_data)
    assert not left, json.dumps(left, ensure_ascii=False, indent=1)
    assert not clipped, "\n".join(sorted(set(clipped)))
