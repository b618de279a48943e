"""The learner's session (desktop/models/session.py) as a person meets it: a cache that
cannot be opened sends them back to the login with the reason, and the next learner at
the same window gets pages of their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.paths import account_cache_path
from tests.helpers.desktop import click, enter, log_in, start_app, stop_app
from tests.helpers.platform import PlatformProcess, register

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_a_cache_that_cannot_open_says_so_and_returns_to_the_login(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = register(platform)
    data_dir = tmp_path / "client"
    # The account's cache file cannot be made: a folder stands where it should be.
    account_cache_path(data_dir, learner["account"]["id"]).mkdir(parents=True)
    app = start_app(qtbot, platform.url, data_dir)
    login = app.window.login
    log_in(qtbot, app, learner["account"]["id_number"], learner["password"])
    qtbot.waitUntil(
        lambda: "无法打开本机保存的学习数据" in login.general_error.text(), timeout=10_000
    )
    assert app.window.stack.currentWidget() is login
    assert app.session is None
    assert app.built_page("home") is None  # no learner's screen without the cache
    stop_app(app)


def test_the_next_learner_at_the_window_gets_pages_of_their_own(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    first = register(platform, name="陈嘉怡")
    second = register(platform, name="梁志强")
    app = enter(
        qtbot, platform, tmp_path / "client", {**first, "id_number": first["account"]["id_number"]}
    )
    home = app.home_view
    qtbot.waitUntil(lambda: home.greeting.text() == "陈嘉怡，您好！", timeout=10_000)
    first_session = app.session
    click(qtbot, app.window.shell.logout_button)
    assert app.window.stack.currentWidget() is app.window.login
    assert first_session is not None and first_session.is_closed
    assert first_session.cache is None and first_session.sync is None
    assert app.built_page("home") is None  # dropped with the session

    log_in(qtbot, app, second["account"]["id_number"], second["password"])
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    assert app.session is not None and app.session is not first_session
    qtbot.waitUntil(lambda: app.home_view.greeting.text() == "梁志强，您好！", timeout=10_000)
    assert app.home_view is not home
    session = app.session
    qtbot.waitUntil(lambda: session.cache is not None, timeout=10_000)
    assert session.cache is not None and session.cache.path.parent == session.account_dir
    assert session.account_dir.name == second["account"]["id"]
    stop_app(app)
