"""新增学员 at the desk, driven as staff would against the real platform: the learner path's
rules at each field, photos from a file and from a watched scanner folder, the camera
button's reason, a refusal of the platform at its field with nothing lost, the one-time
password shown once, and a form that keeps nothing after submit or cancel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.desk_photo_sources import ScannerFolder
from desktop.models.platform_clock import PlatformClock
from desktop.models.preferences import remembered_folder, settings_file
from desktop.models.tasks import TaskRunner
from desktop.views.desk.photo_sources import ask_for_scanner_folder, camera_unavailable_reason
from desktop.views.desk.walk_in_form import WalkInFormView
from desktop.views.file_dialogs import downloads_folder, in_program_folder, remember_folders_in
from desktop.views.widgets import ErrorLabel
from tests.desktop.views.test_profile import plain_jpeg
from tests.helpers.desktop import click, fill_walk_in, isolate_settings, type_into
from tests.helpers.identity import unique_resident_id, with_wrong_check_digit
from tests.helpers.images import png_bytes
from tests.helpers.learners import DEMO_DESK
from tests.helpers.platform import PlatformProcess

JPEG_MAGIC = b"\xff\xd8\xff"


@pytest.fixture
def form(qtbot: QtBot, platform: PlatformProcess, tmp_path: Path) -> Iterator[WalkInFormView]:
    """The form of a logged-in ``yhdc-desk``, its scanner settings in *tmp_path*."""
    isolate_settings(tmp_path / "settings")
    tasks = TaskRunner()
    api = ApiClient(platform.url)
    api.login(*DEMO_DESK)
    scanner = ScannerFolder(tasks, tmp_path / "data")
    view = WalkInFormView(tasks, api, platform_clock(api), scanner)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.start()
    qtbot.waitUntil(lambda: view.region.region.city_combo.count() > 1, timeout=10_000)
    yield view
    tasks.wait_idle(5000)
    tasks.close()


def platform_clock(api: ApiClient) -> PlatformClock:
    """The platform's clock as the app has it after its health check (the session
    platform's is pinned at 2021-06-21 while this PC's is years later)."""
    clock = PlatformClock()
    clock.measure(api.health, lambda health: health.server_time)
    return clock


def photo_files(tmp_path: Path) -> dict[str, Path]:
    return {kind: plain_jpeg(tmp_path / f"{kind}.jpg") for kind in ("id_front", "id_back", "photo")}


def line_edits(view: WalkInFormView) -> list[QLineEdit]:
    return view.findChildren(QLineEdit)


def assert_empty(view: WalkInFormView) -> None:
    """What staff see and what stays in memory: nothing of the walk-in."""
    for edit in line_edits(view):
        assert edit.text() == "", edit.objectName()
        assert not edit.isUndoAvailable(), edit.objectName()  # Ctrl+Z brings nothing back
    assert all(slot.jpeg is None for slot in view.photos.values())
    assert all(slot.thumbnail.pixmap().isNull() for slot in view.photos.values())
    assert view.record.is_empty and not view.record.attachments
    assert not view.commitment_box.isChecked()
    assert view.answer1.answer() is None


def test_the_learner_paths_rules_show_at_each_field_and_nothing_is_lost(
    qtbot: QtBot, form: WalkInFormView, tmp_path: Path
) -> None:
    click(qtbot, form.submit_button)
    assert form.errors["eligibility"].text() == "请回答资格确认问题"
    assert form.errors["account.id_number"].text() == "请输入证件号码"
    assert form.errors["account.phone"].text() == "请输入手机号码"
    assert form.errors["profile.education.school"].text() == "此项为必填项"
    assert form.errors["attachments.photo"].text() == "请上传此附件"
    assert form.errors["profile.commitment_accepted"].text() == "此项为必填项"
    assert form.message.text().startswith("还有")

    good = unique_resident_id(birth="19790512")
    fill_walk_in(qtbot, form, id_number=with_wrong_check_digit(good), photos=photo_files(tmp_path))
    click(qtbot, form.submit_button)
    assert form.errors["account.id_number"].text() == "证件号码校验位不正确，请核对后重新输入"
    assert form.errors["profile.education.school"].text() == ""
    assert form.window().focusWidget() is form.id_number_edit  # the first problem: focus
    assert form.name_edit.text() == "梁淑仪" and form.record.attachments.keys() == {
        "id_front",
        "id_back",
        "photo",
    }

    type_into(qtbot, form.id_number_edit, good)
    # The complete number fills what it fixes.
    assert form.personal.editors["personal.birth_date"].text() == "1979-05-12"  # type: ignore[attr-defined]

    # 否 then 否: not someone this platform serves; said at the questions.
    click(qtbot, form.answer1.no)
    assert form.answer2.isVisible()
    click(qtbot, form.answer2.no)
    click(qtbot, form.submit_button)
    assert "不属于" in form.errors["eligibility"].text()

    choose_student = form.work.status_combo
    from tests.helpers.desktop import choose_item

    choose_item(qtbot, choose_student, "student")
    assert form.photos["student_card"].isVisible()
    click(qtbot, form.answer2.yes)
    click(qtbot, form.submit_button)
    assert form.errors["attachments.student_card"].text() == "请上传此附件"
    assert form.errors["eligibility"].text() == ""


def test_photos_come_from_a_file_and_from_the_scanner_folder_in_memory(
    qtbot: QtBot, form: WalkInFormView, tmp_path: Path
) -> None:
    scans = tmp_path / "scans"
    scans.mkdir()
    plain_jpeg(scans / "old-scan.jpg")  # there before: not "the newest that arrives"
    front = form.photos["id_front"]
    front.file_picker = lambda: str(tmp_path / "front.png")
    (tmp_path / "front.png").write_bytes(png_bytes((400, 300)))
    click(qtbot, front.file_button)
    qtbot.waitUntil(lambda: front.jpeg is not None, timeout=10_000)
    assert front.jpeg is not None and front.jpeg.startswith(JPEG_MAGIC)  # made a JPEG
    assert "已转换为 JPEG 格式" in front.status.text()
    assert form.record.attachments["id_front"] == front.jpeg

    back = form.photos["id_back"]
    asked: list[str] = []

    def pick_folder(start: str) -> str:
        asked.append(start)
        return str(scans)

    form.photos["id_back"]._scanner.folder_picker = pick_folder
    click(qtbot, back.scanner_button)
    assert back.waiting_for_scan and "等待扫描仪" in back.status.text()
    scanner = form.photos["id_back"]._scanner
    scanner._look()  # what a change in the folder runs: it finds the old scan only
    qtbot.waitUntil(lambda: not scanner._tasks.running, timeout=10_000)  # and has answered
    assert back.jpeg is None  # the old scan did not count
    plain_jpeg(tmp_path / "scan-0001.jpg").rename(scans / "scan-0001.jpg")
    qtbot.waitUntil(lambda: back.jpeg is not None, timeout=10_000)
    assert form.record.attachments["id_back"] == back.jpeg
    assert not back.waiting_for_scan

    # The folder is asked once per session; the next slot waits on it at once.
    photo = form.photos["photo"]
    click(qtbot, photo.scanner_button)
    assert asked == [""] and photo.waiting_for_scan
    plain_jpeg(tmp_path / "scan-0002.jpg").rename(scans / "scan-0002.jpg")
    qtbot.waitUntil(lambda: photo.jpeg is not None, timeout=10_000)
    assert back.jpeg == form.record.attachments["id_back"]  # only the waiting slot took it
    settings = settings_file(tmp_path / "data")  # with the preferences, in the data folder
    assert settings.allKeys() == ["folders/scanner"]
    assert settings.value("folders/scanner") == str(scans)  # a folder path, nothing else
    assert sorted(p.name for p in scans.iterdir()) == [
        "old-scan.jpg",
        "scan-0001.jpg",
        "scan-0002.jpg",
    ]

    # A file that is no picture is refused at its slot.
    (tmp_path / "notes.jpg").write_bytes(b"not an image")
    photo.file_picker = lambda: str(tmp_path / "notes.jpg")
    click(qtbot, photo.file_button)
    qtbot.waitUntil(lambda: photo.error.text() != "", timeout=10_000)
    assert "无法识别" in photo.error.text()


def test_the_camera_button_says_why_it_cannot_be_used(form: WalkInFormView) -> None:
    reason = camera_unavailable_reason()
    for slot in form.photos.values():
        assert slot.camera_button.isEnabled() == (reason is None)
        if reason is not None:
            assert slot.camera_button.toolTip() == reason
            assert reason == "未安装摄像头支持（需要 PySide6-Addons）或未找到摄像头"
            assert slot.camera_note.text() == reason


def test_submit_shows_the_one_time_password_once_and_keeps_nothing(
    qtbot: QtBot, form: WalkInFormView, platform: PlatformProcess, tmp_path: Path
) -> None:
    id_number = unique_resident_id(birth="19650203")
    fill_walk_in(qtbot, form, id_number=id_number, name="冯国英", photos=photo_files(tmp_path))
    with qtbot.waitSignal(form.registered, timeout=20_000) as blocker:
        click(qtbot, form.submit_button)
        qtbot.waitUntil(lambda: form.credentials_dialog is not None, timeout=15_000)
        dialog = form.credentials_dialog
        assert dialog is not None
        assert dialog.login_id.text() == id_number
        password = dialog.password.text()
        assert len(password) >= 8
        assert_empty(form)  # cleared as soon as the platform has it
        click(qtbot, dialog.next_button)
    walk_in, login_id, initial_password = blocker.args
    assert (login_id, initial_password) == (id_number, password)
    assert walk_in.name == "冯国英"
    assert walk_in.id_number_masked == id_number[:4] + "*" * 10 + id_number[-4:]
    assert dialog.password.text() == ""  # the dialog forgot it too

    # The learner's account exists with a password to change at first login.
    answer = requests.post(
        platform.api + "/sessions",
        json={"id_number": id_number, "password": password},
        timeout=10,
    ).json()
    assert answer["account"]["must_change_password"] is True
    assert answer["account"]["profile_status"] == "collected"

    # The same person again: the platform's refusal at its field, nothing typed lost.
    fill_walk_in(qtbot, form, id_number=id_number, name="冯国英", photos=photo_files(tmp_path))
    click(qtbot, form.submit_button)
    qtbot.waitUntil(lambda: form.errors["account.id_number"].text() != "", timeout=15_000)
    assert "已" in form.errors["account.id_number"].text()
    assert form.id_number_edit.text() == id_number and form.name_edit.text() == "冯国英"
    assert len(form.record.attachments) == 3
    assert form.submit_button.isEnabled()


def test_cancel_asks_then_clears_everything(
    qtbot: QtBot, form: WalkInFormView, tmp_path: Path
) -> None:
    fill_walk_in(
        qtbot,
        form,
        id_number=unique_resident_id(),
        photos={"photo": plain_jpeg(tmp_path / "p.jpg")},
    )
    click(qtbot, form.cancel_button)
    box = form.cancel_box
    assert box is not None
    click(qtbot, box.button(QMessageBox.StandardButton.No))  # type: ignore[arg-type]
    assert form.id_number_edit.text() != "" and form.photos["photo"].jpeg is not None

    with qtbot.waitSignal(form.cancelled):
        click(qtbot, form.cancel_button)
        box = form.cancel_box
        assert box is not None
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))  # type: ignore[arg-type]
    assert_empty(form)
    # Empty: 取消 goes back at once.
    with qtbot.waitSignal(form.cancelled):
        click(qtbot, form.cancel_button)
    assert form.cancel_box is None


def test_what_the_id_number_fills_loses_its_required_message(
    qtbot: QtBot, form: WalkInFormView
) -> None:
    """Found on the walk: after a failed submit, the birth date and sex filled from the ID
    number still said 此项为必填项 beside their new values."""
    click(qtbot, form.submit_button)
    assert form.errors["profile.personal.birth_date"].text() == "此项为必填项"
    assert form.errors["profile.personal.sex"].text() == "此项为必填项"
    type_into(qtbot, form.id_number_edit, unique_resident_id(birth="19850203"))
    assert form.personal.editors["personal.birth_date"].text() == "1985-02-03"  # type: ignore[attr-defined]
    assert form.errors["profile.personal.birth_date"].text() == ""
    assert form.errors["profile.personal.sex"].text() == ""


# -- input normalised once, at the edge (issue 15) -----------------------------------------


def finish(qtbot: QtBot, edit: QLineEdit) -> None:
    """Leave the field as staff do: Enter."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_account_fields_show_the_normalised_text_and_refuse_what_cannot_be_a_person(
    qtbot: QtBot, form: WalkInFormView
) -> None:
    good = unique_resident_id(birth="19790512")
    full_width = good.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    type_into(qtbot, form.id_number_edit, full_width)
    # The full-width number is the person's number: it fills what it fixes…
    assert form.personal.editors["personal.birth_date"].text() == "1979-05-12"  # type: ignore[attr-defined]
    finish(qtbot, form.id_number_edit)
    assert form.id_number_edit.text() == good  # …and shows as it is sent
    assert form.errors["account.id_number"].text() == ""

    devanagari = good.translate(str.maketrans("0123456789", "०१२३४५६७८९"))
    type_into(qtbot, form.id_number_edit, devanagari)
    finish(qtbot, form.id_number_edit)
    assert "其他文字的数字" in form.errors["account.id_number"].text()

    type_into(qtbot, form.name_edit, "\u200b\u200d\u200b")
    finish(qtbot, form.name_edit)
    assert "看不见" in form.errors["account.name"].text()
    type_into(qtbot, form.name_edit, "努尔 • 艾力")
    finish(qtbot, form.name_edit)
    assert form.name_edit.text() == "努尔·艾力"
    assert form.errors["account.name"].text() == ""

    type_into(qtbot, form.phone_edit, "１５０１００６７０６３")
    finish(qtbot, form.phone_edit)
    assert form.phone_edit.text() == "15010067063"
    assert form.record.to_body()["account"]["phone"] == "15010067063"


def test_a_birth_date_after_the_platforms_today_is_refused_though_the_pc_is_later(
    qtbot: QtBot, form: WalkInFormView
) -> None:
    # The platform's today is 2021-06-21; this PC's is years later.  Born 2022-01-01 is a
    # date the platform refuses, so the form says so at once, not after the round trip.
    type_into(qtbot, form.id_number_edit, unique_resident_id(birth="20220101"))
    finish(qtbot, form.id_number_edit)
    assert form.errors["account.id_number"].text() == "证件号码中的出生日期（第 7-14 位）无效"
    type_into(qtbot, form.id_number_edit, unique_resident_id(birth="20210620"))
    finish(qtbot, form.id_number_edit)
    assert form.errors["account.id_number"].text() == ""


def test_the_scanner_folder_dialog_starts_in_downloads_then_in_the_remembered_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """扫描仪文件夹 asks in 下载 the first time — never in the program's folder, where
    Qt's dialog opened — then, in a later session, in the folder kept under --data-dir."""
    monkeypatch.chdir(Path(__file__).resolve().parents[3])  # as a shortcut starts it
    data_dir, scans = tmp_path / "data", tmp_path / "扫描"
    data_dir.mkdir()
    scans.mkdir()
    remember_folders_in(data_dir)
    starts: list[str] = []

    def pick(_parent: object, title: str, start: str) -> str:
        assert title == "选择扫描仪的输出文件夹"
        starts.append(start)
        return str(scans)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", pick)
    tasks = TaskRunner()
    try:
        first = ScannerFolder(tasks, data_dir, folder_picker=ask_for_scanner_folder)
        assert first.choose() and first.folder == str(scans)
        first.stop()
        later = ScannerFolder(tasks, data_dir, folder_picker=ask_for_scanner_folder)
        assert later.choose()
        later.stop()
    finally:
        remember_folders_in(None)
        tasks.close()
    assert starts == [str(downloads_folder()), str(scans)]
    assert not in_program_folder(Path(starts[0]))
    assert remembered_folder(data_dir, "scanner") == scans


def test_question_2_showing_or_hiding_moves_nothing_below(
    qtbot: QtBot, form: WalkInFormView
) -> None:
    """问题2 appears for 否 and goes for 是: the account fields below stay where they are,
    so a click meant for 证件号码 lands there (issue 18)."""
    body = form.scroll_area.widget()
    assert body is not None

    def y_of_id_number() -> int:
        for _ in range(3):  # the layouts' posted requests, nested group by group
            QApplication.processEvents()
        return form.id_number_edit.mapTo(body, form.id_number_edit.rect().topLeft()).y()

    before = y_of_id_number()
    click(qtbot, form.answer1.no)
    qtbot.waitUntil(form.answer2.isVisible)
    assert y_of_id_number() == before
    click(qtbot, form.answer1.yes)
    qtbot.waitUntil(lambda: not form.answer2.isVisible())
    assert y_of_id_number() == before


def test_the_general_message_is_the_submit_buttons_description(
    qtbot: QtBot, form: WalkInFormView
) -> None:
    """还有 N 项需要完善 is linked to 提交登记 for a screen reader (its description while
    it shows), and goes from it once the staff member edits again."""
    assert isinstance(form.message, ErrorLabel) and form.message.field is form.submit_button
    click(qtbot, form.submit_button)
    assert form.message.text().startswith("还有")
    assert form.submit_button.accessibleDescription().startswith("还有")
    type_into(qtbot, form.name_edit, "梁淑仪")
    assert form.message.text() == ""
    assert "还有" not in form.submit_button.accessibleDescription()
