"""继续教育情况 driven as a person would, against the real platform.

A learner with nothing yet sees both records 未达要求 with what is missing; a learner who
completed 60 professional credits sees the institution's report move through all four
steps (the administrators' ``advance-records``, arriving through the change feed) and
exports the certificate draft; a year past its deadline says it is closed, also offline.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.views.record_stepper import RecordStepper
from desktop.views.records import RecordCard, RecordDetailModel, RecordsView
from tests.conftest import PlatformFactory
from tests.helpers.desktop import click, enter, navigate, stop_app
from tests.helpers.learners import (
    advance_records,
    complete_professional_courses,
    enrolled_learner,
)
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, login, shifted

pytestmark = pytest.mark.usefixtures("memory_keyring")

STEP_WHO = ("远程机构", "财政管理机构", "完成状态", "省专业技术人员继续教育平台")


def open_records(qtbot: QtBot, app: DesktopApp) -> RecordsView:
    navigate(qtbot, app, "records")
    view = app.records_view
    qtbot.waitUntil(lambda: len(view.cards) == 2, timeout=10_000)
    return view


def card(view: RecordsView, course_type: str) -> RecordCard:
    found = view.card_of(course_type)
    assert found is not None, course_type
    return found


def detail(card: RecordCard, column: int) -> str:
    return str(card.model.index(0, column).data())


def step_names(stepper: RecordStepper) -> list[str]:
    """The steps' spoken names after the card's kind ("专业课 · 远程机构：…")."""
    names = [step.accessibleName() for step in stepper.steps]
    assert all(name.startswith(("公需课 · ", "专业课 · ")) for name in names), names
    return [name.split(" · ", 1)[1] for name in names]


def reached(stepper: RecordStepper) -> list[bool]:
    return [dot.reached for dot in stepper.dots]


def test_a_learner_with_nothing_reported_sees_what_is_missing(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, qtmodeltester: Any
) -> None:
    learner = enrolled_learner(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        view = open_records(qtbot, app)
        assert [c.record.course_type for c in view.cards] == ["public", "professional"]
        assert view.year_combo.currentText() == "2021年度"
        notice = view.notice.text()
        assert "2021年度继续教育学分确认截止时间为2021年12月31日，过期不办理补学补登。" in notice
        assert "学员无需自行申报" in notice and "务必保证已信息采集" in notice

        public, professional = card(view, "public"), card(view, "professional")
        assert public.kind_label.text() == "公需课" and professional.kind_label.text() == "专业课"
        for shown in (public, professional):
            qtmodeltester.check(shown.model)
            assert shown.state_label.text() == "未达要求"
            assert reached(shown.stepper) == [False] * 4
            assert step_names(shown.stepper)[0] == "远程机构：等待中（尚未已回传）"
            assert detail(shown, RecordDetailModel.YEAR) == "2021"
            assert detail(shown, RecordDetailModel.STATE) == "未达要求"
            assert detail(shown, RecordDetailModel.REVIEWED) == "—"
        assert professional.remarks_label.text() == "还需完成60学分"
        assert public.remarks_label.text() == "还需完成30学分；公需考试尚未通过"
        assert detail(professional, RecordDetailModel.CREDITS) == "0/60"
        assert detail(professional, RecordDetailModel.MODE) == "网络学习"
        assert detail(professional, RecordDetailModel.REGION) == "广州市"

        assert not view.export_button.isEnabled()
        assert "尚无已回传的学分记录" in view.export_button.toolTip()
    finally:
        stop_app(app)


@pytest.mark.slow
def test_a_completed_year_reaches_all_four_steps_and_prints_a_draft(
    qtbot: QtBot, platform_factory: PlatformFactory, tmp_path: Path
) -> None:
    server = platform_factory(captcha=False)
    learner = enrolled_learner(server)  # bought at the pinned now
    professional_id = next(
        e["id"] for e in learner["enrollments"] if e["course_type"] == "professional"
    )
    server.restart(now=shifted(DEFAULT_NOW, hours=1))  # room for half an hour of watching
    token = login(server, learner["id_number"], learner["password"]).json()["access_token"]
    complete_professional_courses(server, token, professional_id, shifted(DEFAULT_NOW, seconds=5))

    app = enter(qtbot, server, tmp_path / "data", learner)
    try:
        view = open_records(qtbot, app)
        professional = card(view, "professional")
        assert professional.state_label.text() in ("待回传", "已回传")
        assert card(view, "public").state_label.text() == "未达要求"

        advance_records(server, "confirmed")  # the administrators' command
        assert app.session is not None and app.session.sync is not None
        app.session.sync.sync_now()  # the change feed names credit_record; no waiting for the timer
        qtbot.waitUntil(lambda: all(reached(card(view, "professional").stepper)), timeout=15_000)

        professional = card(view, "professional")
        assert professional.state_label.text() == "回传成功"
        names = step_names(professional.stepper)
        for who, name, what in zip(
            STEP_WHO, names, ("已回传", "已审核", "已完成", "回传成功"), strict=True
        ):
            assert re.fullmatch(rf"{who}：{what}，2021-06-21 \d\d:\d\d:\d\d.*", name), name
        assert "联系电话" in names[1]
        assert professional.stepper.steps[1].phone_label.text().startswith("联系电话 ")
        assert detail(professional, RecordDetailModel.STATE) == "回传成功"
        assert detail(professional, RecordDetailModel.REVIEWED).startswith("2021-06-21 ")
        credits = float(detail(professional, RecordDetailModel.CREDITS))
        assert credits >= 60
        assert reached(card(view, "public").stepper) == [False] * 4

        # 导出证书草稿: the save dialog proposes the year's file name in Documents.
        assert view.export_button.isEnabled()
        click(qtbot, view.export_button)
        qtbot.waitUntil(lambda: view.save_dialog is not None)
        dialog = view.save_dialog
        assert isinstance(dialog, QFileDialog)
        assert Path(dialog.selectedFiles()[0]).name == "2021年度继续教育证书草稿.pdf"
        target = tmp_path / "导出" / "证书草稿.pdf"
        target.parent.mkdir()
        dialog.selectFile(str(target))
        with qtbot.waitSignal(view.certificate_saved, timeout=10_000) as saved:
            dialog.accept()
        assert saved.args == [str(target)]
        assert "证书草稿已保存" in view.status_label.text()
        pdf = target.read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
        text = re.sub(r"\s+", "", text)
        masked = learner["id_number"][:4] + "*" * 10 + learner["id_number"][-4:]
        assert "张晓红" in text and masked in text and learner["id_number"] not in text
        assert "回传成功" in text and "本文件为草稿" in text
    finally:
        stop_app(app)


@pytest.mark.slow
def test_a_closed_year_says_so_and_shows_offline_from_the_cache(
    qtbot: QtBot, platform_factory: PlatformFactory, tmp_path: Path
) -> None:
    server = platform_factory(captcha=False)
    learner = enrolled_learner(server)  # 2021's packages, nothing watched
    server.restart(now="2022-01-05T10:00:00+08:00")
    app = enter(qtbot, server, tmp_path / "data", learner)
    try:
        view = open_records(qtbot, app)
        assert [view.year_combo.itemText(i) for i in range(view.year_combo.count())] == [
            "2022年度",
            "2021年度",
        ]
        view.select_year(2021)
        expired = "2021年度学分确认已于2021-12-31截止，过期不办理补学补登"
        qtbot.waitUntil(
            lambda: [c.state_label.text() for c in view.cards] == ["已过期", "已过期"],
            timeout=10_000,
        )
        for shown in view.cards:
            assert shown.remarks_label.text() == expired
            assert detail(shown, RecordDetailModel.REMARKS) == expired
            assert reached(shown.stepper) == [False] * 4
        assert not view.export_button.isEnabled()

        server.stop()
        navigate(qtbot, app, "history")
        navigate(qtbot, app, "records")
        qtbot.waitUntil(
            lambda: "离线，显示的是上次同步的记录" in view.status_label.text(), timeout=15_000
        )
        assert view.year_combo.currentData() == 2021
        assert [c.state_label.text() for c in view.cards] == ["已过期", "已过期"]
    finally:
        stop_app(app)
