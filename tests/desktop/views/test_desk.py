"""The desk walked as staff at a counter, against the real platform: 工作人员登录 → the desk
(never the learner's shell, no account cache), a walk-in with photos from a file and from
the scanner's folder, the one-time password, the queue with masked ID numbers, 退出登录 —
then the walk-in logs in at the same PC and sees only 修改初始密码 until it is changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.models.walk_in_table import WalkInTableModel
from tests.desktop.views.test_profile import plain_jpeg
from tests.helpers.desktop import (
    click,
    fill_walk_in,
    isolate_settings,
    log_in,
    staff_enter,
    stop_app,
    type_into,
)
from tests.helpers.identity import unique_resident_id
from tests.helpers.platform import PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_a_walk_in_at_the_desk_then_the_learners_first_login(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    isolate_settings(tmp_path / "settings")
    data_dir = tmp_path / "client"
    app = staff_enter(qtbot, platform, data_dir)
    login = app.window.login
    assert login.staff_box.isChecked() and not login.remember_box.isVisible()
    assert login.id_label.text().endswith("用户名")
    desk = app.desk
    assert desk is not None
    assert app.window.stack.currentWidget() is desk
    assert desk.who.text() == "源和大成教育 · 工作人员：陈嘉明"
    assert app.session is None and not list(data_dir.rglob("*.sqlite*"))  # no account cache

    click(qtbot, desk.new_button)
    form = desk.form
    assert desk.pages.currentWidget() is form
    scans = tmp_path / "scanner-out"
    scans.mkdir()
    id_number = unique_resident_id(birth="19580917")
    fill_walk_in(
        qtbot,
        form,
        id_number=id_number,
        name="黄丽娟",
        photos={
            "id_front": plain_jpeg(tmp_path / "front.jpg"),
            "photo": plain_jpeg(tmp_path / "face.jpg"),
        },
    )
    back = form.photos["id_back"]
    desk.scanner.folder_picker = lambda _start: str(scans)
    click(qtbot, back.scanner_button)
    plain_jpeg(tmp_path / "IMG_0001.jpg").rename(scans / "IMG_0001.jpg")  # the scanner's file
    qtbot.waitUntil(lambda: back.jpeg is not None, timeout=10_000)
    assert not back.thumbnail.pixmap().isNull()

    with qtbot.waitSignal(form.registered, timeout=20_000) as blocker:
        click(qtbot, form.submit_button)
        qtbot.waitUntil(lambda: form.credentials_dialog is not None, timeout=15_000)
        dialog = form.credentials_dialog
        assert dialog is not None
        assert dialog.login_id.text() == id_number
        password = dialog.password.text()
        click(qtbot, dialog.next_button)
    assert blocker.args[1:] == [id_number, password]
    assert form.id_number_edit.text() == "" and form.record.is_empty

    # Back at the queue: the walk-in, masked.
    qtbot.waitUntil(lambda: desk.pages.currentWidget() is desk.queue_page)
    masked = id_number[:4] + "**********" + id_number[-4:]

    def row_texts() -> list[list[str]]:
        model = desk.model
        return [
            [str(model.index(r, c).data()) for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]

    qtbot.waitUntil(lambda: any(r[WalkInTableModel.NAME] == "黄丽娟" for r in row_texts()))
    row = next(r for r in row_texts() if r[WalkInTableModel.NAME] == "黄丽娟")
    assert row[WalkInTableModel.ID_NUMBER] == masked
    assert row[WalkInTableModel.BY] == "陈嘉明"
    assert all(id_number not in cell for r in row_texts() for cell in r)
    type_into(qtbot, desk.search_edit, id_number[-4:])
    qtbot.waitUntil(lambda: [r[WalkInTableModel.NAME] for r in row_texts()] == ["黄丽娟"])
    type_into(qtbot, desk.search_edit, "nobody")
    qtbot.waitUntil(lambda: desk.model.rowCount() == 0)
    assert desk.status.text() == "没有找到匹配的学员。"

    # 退出登录: the desk and all it held go.
    click(qtbot, desk.logout_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is login)
    assert app.desk is None

    # The walk-in at the same PC: only 修改初始密码 until it is changed.
    login.staff_box.setFocus()
    qtbot.keyClick(login.staff_box, Qt.Key.Key_Space)  # back to 学员 login
    assert login.remember_box.isVisible() and login.id_label.text().endswith("证件号")
    assert login.id_number_edit.text() == ""  # the staff's user name is not left behind
    log_in(qtbot, app, id_number, password)
    qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
    dialog2 = app.change_password_dialog
    assert dialog2 is not None and dialog2.isVisible()
    assert app.window.stack.currentWidget() is login  # nothing of the learner's shell
    type_into(qtbot, dialog2.old_edit, "Wrong2021x")
    type_into(qtbot, dialog2.new_edit, "Mine2021ok")
    type_into(qtbot, dialog2.confirm_edit, "Mine2021ok")
    click(qtbot, dialog2.ok_button)
    error = dialog2.rows["old_password"].error
    qtbot.waitUntil(lambda: error.text() != "", timeout=10_000)
    assert dialog2.new_edit.text() == "Mine2021ok"  # nothing typed is lost
    type_into(qtbot, dialog2.old_edit, password)
    click(qtbot, dialog2.ok_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    assert (
        app.session is not None
        and app.session.me.name == "黄丽娟"
        and not app.session.me.must_change_password
    )
    stop_app(app)
