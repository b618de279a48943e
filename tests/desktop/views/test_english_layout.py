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


def test_the_english_captcha_box_keeps_room_for_its_answer(
    english: QApplication, qtbot: QtBot, platform_factory
) -> None:
    """ "Can't read it? Get a new one" beside the image squeezed the answer box of the
    English login to 40 px ("E…"): the box keeps room for seven wide letters."""
    from desktop.models.api import ApiClient
    from desktop.models.tasks import TaskRunner
    from desktop.views.login import LoginScreen

    captcha_platform = platform_factory()
    login = LoginScreen(TaskRunner())
    qtbot.addWidget(login)
    login.resize(1240, 760)
    login.set_connected(ApiClient(captcha_platform.url), captcha_required=True, can_remember=True)
    login.show()
    qtbot.waitExposed(login)
    answer = login.captcha.answer_edit
    assert login.captcha.refresh_button.text() == "Can't read it? Get a new one"
    # However narrow the window may get, the box keeps its room.
    login.resize(login.minimumSizeHint().width(), 760)
    qtbot.waitUntil(lambda: login.width() == login.minimumSizeHint().width())
    qtbot.waitUntil(lambda: answer.width() >= answer.fontMetrics().horizontalAdvance("W" * 7))


def test_a_record_row_stays_whole_when_its_columns_need_a_scroll_bar(
    english: QApplication, qtbot: QtBot
) -> None:
    """In English the columns outgrow the card: the scroll bar they bring covered the row."""
    from desktop.models.credit_records import CreditRecord
    from desktop.views.records import RecordCard

    record = CreditRecord(
        id="r1", year=2021, course_type="public", institution_id="yhdc",
        institution_name="源和大成教育", region_code="440106", region_name="广州市天河区",
        learning_mode="online", required_tenths=300, earned_tenths=300, credits_tenths=300,
        exam_passed=True, state="reviewed", queued_at="2021-06-21T20:23:50+08:00",
        reported_at="2021-06-21T20:23:50+08:00", reviewed_at="2021-06-21T20:23:50+08:00", completed_at=None, confirmed_at=None, reviewer_phone=None,
        remarks="财政管理机构已审核，等待完成确认",
    )  # fmt: skip
    card = RecordCard(record)
    qtbot.addWidget(card)
    card.resize(card.minimumSizeHint().width(), 300)
    card.show()
    qtbot.waitExposed(card)
    scroll_bar = card.table.horizontalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.maximum() > 0)
    qtbot.waitUntil(lambda: card.table.viewport().height() >= card.table.rowHeight(0))
