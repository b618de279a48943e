"""往年继续教育查询 driven as a person would, against the real platform.

The demo learner of the history (李明华, docs/api.md) finds the province's rows of a past
year behind the captcha, and the empty text for 2016 (a year the province has nothing
for); another learner asking for that ID number is refused at the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.views.history import HistoryView, PastRecordModel
from tests.conftest import PlatformFactory
from tests.helpers.desktop import click, enter, navigate, stop_app, type_into
from tests.helpers.learners import collected_learner
from tests.helpers.platform import PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")

DEMO_ID_NUMBER = "440106198001010019"
DEMO_NAME = "李明华"


def choose_year(view: HistoryView, year: int) -> None:
    index = view.year_combo.findData(year)
    assert index >= 0, year
    view.year_combo.setCurrentIndex(index)


def cell(view: HistoryView, row: int, column: int) -> str:
    return str(view.model.index(row, column).data())


@pytest.mark.slow
def test_the_demo_learner_finds_past_years_behind_the_captcha(
    qtbot: QtBot, platform_factory: PlatformFactory, tmp_path: Path, qtmodeltester: Any
) -> None:
    server = platform_factory(captcha=True)
    learner = collected_learner(server, id_number=DEMO_ID_NUMBER, name=DEMO_NAME)
    app = enter(qtbot, server, tmp_path, learner)
    try:
        navigate(qtbot, app, "history")
        view = app.history_view
        assert view.id_number_edit.text() == DEMO_ID_NUMBER  # the learner's own, prefilled
        years = [view.year_combo.itemData(i) for i in range(view.year_combo.count())]
        assert years == list(range(2020, 2011, -1))  # 2012 … last year, newest first
        assert view.captcha_row.isVisible()
        qtbot.waitUntil(lambda: view.captcha.captcha_id is not None, timeout=10_000)

        # No answer: said at the captcha, nothing sent.
        click(qtbot, view.query_button)
        assert view.captcha_row.error.text() == "请输入验证码"

        # A wrong answer: said at the captcha, and a fresh image to read.
        first = view.captcha.captcha_id
        assert first is not None
        type_into(
            qtbot,
            view.captcha.answer_edit,
            "0000" if server.captcha_answer(first) != "0000" else "1111",
        )
        click(qtbot, view.query_button)
        qtbot.waitUntil(lambda: view.captcha_row.error.text() != "", timeout=10_000)
        assert "验证码" in view.captcha_row.error.text()
        qtbot.waitUntil(lambda: view.captcha.captcha_id not in (None, first), timeout=10_000)
        assert view.id_number_edit.text() == DEMO_ID_NUMBER  # nothing typed is lost

        choose_year(view, 2019)
        captcha_id = view.captcha.captcha_id
        assert captcha_id is not None
        type_into(qtbot, view.captcha.answer_edit, server.captcha_answer(captcha_id))
        click(qtbot, view.query_button)
        qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
        qtmodeltester.check(view.model)
        assert not view.empty_label.isVisible()
        assert view.captcha_row.error.text() == ""
        for row in range(view.model.rowCount()):
            assert cell(view, row, PastRecordModel.NAME) == DEMO_NAME
            assert cell(view, row, PastRecordModel.ID_NUMBER) == "4401**********0019"
            assert cell(view, row, PastRecordModel.YEAR) == "2019"
            assert "2019年度" in cell(view, row, PastRecordModel.CONTENT)
            assert "学分" in cell(view, row, PastRecordModel.SCORE)
            assert cell(view, row, PastRecordModel.STATE)
        types = {cell(view, r, PastRecordModel.COURSE_TYPE) for r in range(view.model.rowCount())}
        assert types <= {"公需课", "专业课"} and types

        # 2016: the province has nothing.
        qtbot.waitUntil(lambda: view.captcha.captcha_id not in (None, captcha_id), timeout=10_000)
        choose_year(view, 2016)
        captcha_id = view.captcha.captcha_id
        assert captcha_id is not None
        type_into(qtbot, view.captcha.answer_edit, server.captcha_answer(captcha_id))
        click(qtbot, view.query_button)
        qtbot.waitUntil(view.empty_label.isVisible, timeout=10_000)
        assert view.empty_label.text() == "没有找到符合条件的记录。"
        assert view.model.rowCount() == 0
    finally:
        stop_app(app)


def test_another_id_number_is_refused_at_the_field(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        navigate(qtbot, app, "history")
        view = app.history_view
        assert view.id_number_edit.text() == learner["id_number"]
        assert not view.captcha_row.isVisible()  # the session platform asks for none

        type_into(qtbot, view.id_number_edit, DEMO_ID_NUMBER)
        choose_year(view, 2019)
        click(qtbot, view.query_button)
        qtbot.waitUntil(lambda: view.id_row.error.text() != "", timeout=10_000)
        assert view.id_row.error.text() == "只能查询本人的继续教育记录"
        assert view.id_number_edit.text() == DEMO_ID_NUMBER  # what was typed stays
        assert view.model.rowCount() == 0 and not view.empty_label.isVisible()

        # Their own number: nothing in the province for a new learner.
        type_into(qtbot, view.id_number_edit, learner["id_number"])
        assert view.id_row.error.text() == ""  # typing clears the message
        click(qtbot, view.query_button)
        qtbot.waitUntil(view.empty_label.isVisible, timeout=10_000)
        assert view.model.rowCount() == 0
    finally:
        stop_app(app)
