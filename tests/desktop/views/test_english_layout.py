"""English words are longer than Chinese ones: the fixed places of the layout must grow.

Found on the walk in English: the sidebar (230 px, made for Chinese) cut "Account
information" to ":count informati" and elided two navigation titles, and the three credit
bars of 个人主页 started at three different edges.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from desktop.models.preferences import Preferences
from desktop.views.appearance import apply_appearance
from tests.helpers.desktop import enter, navigate, stop_app
from tests.helpers.platform import PlatformProcess, register

pytestmark = pytest.mark.usefixtures("memory_keyring")


def _items(item: QTreeWidgetItem) -> list[tuple[QTreeWidgetItem, int]]:
    found = []
    pending = [(item, 1)]
    while pending:
        current, depth = pending.pop()
        found.append((current, depth))
        pending += [(current.child(i), depth + 1) for i in range(current.childCount())]
    return found


def test_the_sidebar_and_the_credit_bars_fit_in_english(
    english: QApplication, qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = register(platform)
    learner["id_number"] = learner["account"]["id_number"]
    app = enter(qtbot, platform, tmp_path, learner)
    shell = app.window.shell
    assert shell.account_button.text() == "Account information"
    qtbot.waitUntil(lambda: shell.account_button.width() > 0)
    assert shell.account_button.width() >= shell.account_button.sizeHint().width()

    nav = shell.nav
    metrics = nav.fontMetrics()
    for top in range(nav.topLevelItemCount()):
        for item, depth in _items(nav.topLevelItem(top)):
            needed = metrics.horizontalAdvance(item.text(0)) + nav.indentation() * depth
            assert needed <= nav.viewport().width(), item.text(0)

    home = app.home_view
    rows = (home.public_row, home.professional_row, home.total_row)
    assert len({row.bar.mapTo(home, row.bar.rect().topLeft()).x() for row in rows}) == 1
    stop_app(app)


def test_english_at_150_percent_still_fits_a_laptop_screen(
    english: QApplication, qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """1366 px is the common laptop width: the window must not ask for more; a page that
    needs more room than that scrolls (the widest, 信息采集, asks for ~1,100 px)."""
    apply_appearance(english, Preferences(language="en", text_scale=150))
    try:
        learner = register(platform)
        learner["id_number"] = learner["account"]["id_number"]
        app = enter(qtbot, platform, tmp_path, learner)
        app.window.resize(1366, 768)
        scroll = app.window.shell.page_scroller.horizontalScrollBar()
        for key in ("home", "profile", "institutions", "history"):
            navigate(qtbot, app, key)
            assert app.window.minimumSizeHint().width() <= 1366, key
            if key == "profile":  # a new learner: the intro with its long paragraphs
                profile = app.profile_view
                assert profile is not None
                qtbot.waitUntil(lambda p=profile: p.pages.currentWidget() is p.intro)
            # The page wraps its text to the window: nothing to scroll sideways to (once the
            # layout has settled).
            qtbot.waitUntil(lambda: scroll.maximum() == 0)
        stop_app(app)
    finally:
        apply_appearance(english, Preferences())
