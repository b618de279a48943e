"""信息采集 driven as a person would against the real platform: intro and commitment, the
four steps, the region confirmation, three real pictures, a refused submit that points back
to the missing field, then 信息已采集 — and a draft that survives closing the app."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
import requests
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.api import ApiClient
from desktop.models.api_types import Registration
from desktop.views.profile import ProfileView
from desktop.views.profile.stepper import DONE_STEP, SUBMIT_STEP
from tests.desktop.models.test_images import noisy, sideways_photo
from tests.helpers.desktop import PASSWORD, click, log_in, start_app, stop_app, type_into
from tests.helpers.identity import unique_resident_id

pytestmark = pytest.mark.usefixtures("memory_keyring")


def register(url: str) -> str:
    id_number = unique_resident_id()
    ApiClient(url).register(
        Registration("resident_id", id_number, "何晓琳", "15010067063", PASSWORD, True, None)
    )
    return id_number


def open_profile(qtbot: QtBot, app: DesktopApp) -> ProfileView:
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.shell, timeout=10_000)
    qtbot.waitUntil(
        lambda: app.session is not None and app.session.cache is not None, timeout=10_000
    )
    shell = app.window.shell
    shell.nav.setFocus()
    shell.nav.setCurrentItem(shell.profile_item)
    view = app.profile_view
    qtbot.waitUntil(lambda: view.draft is not None and not view._loading, timeout=10_000)
    return view


def choose(qtbot: QtBot, combo: QComboBox, data: str) -> None:
    """Pick an entry with the keyboard (arrow keys emit ``activated`` as a person's would)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def upload(qtbot: QtBot, view: ProfileView, kind: str, path: Path) -> None:
    field = view.images[kind]
    field.file_picker = lambda: str(path)
    click(qtbot, field.choose_button)
    qtbot.waitUntil(lambda: field.status.text().startswith("已上传"), timeout=30_000)


def plain_jpeg(path: Path) -> Path:
    noisy(800, 500).save(path, "JPEG", quality=85)
    return path


def fill_all_steps(qtbot: QtBot, view: ProfileView, tmp_path: Path) -> None:
    intro = view.intro
    assert view.current_step() == -1
    assert not intro.next_button.isEnabled()  # the commitment comes first
    click(qtbot, intro.accept_box)
    click(qtbot, intro.next_button)
    assert view.current_step() == 0 and view.stepper.current == 0

    personal = view.personal
    assert personal.editors["personal.name"].text() == "何晓琳"  # type: ignore[attr-defined]
    assert personal.editors["personal.id_number"].isReadOnly()  # type: ignore[attr-defined]
    choose(qtbot, personal.editors["personal.country_region"], "中国(内地)")  # type: ignore[arg-type]
    choose(qtbot, personal.editors["personal.ethnicity"], "汉族")  # type: ignore[arg-type]
    type_into(qtbot, personal.editors["personal.email"], "he@example")  # type: ignore[arg-type]
    click(qtbot, view.next_button)
    assert view.current_step() == 0  # the e-mail is checked before moving on
    assert personal.errors["personal.email"].text() == "电子邮箱格式不正确"
    type_into(qtbot, personal.editors["personal.email"], "he@example.com")  # type: ignore[arg-type]

    upload(qtbot, view, "id_front", sideways_photo(tmp_path / "front.jpg"))
    notes = view.images["id_front"].notes.text()
    assert "已按拍摄方向自动旋转" in notes and "已压缩至" in notes
    upload(qtbot, view, "id_back", plain_jpeg(tmp_path / "back.jpg"))
    click(qtbot, view.next_button)

    education = view.education
    assert view.stepper.current == 1
    choose(qtbot, education.editors["education.highest_degree"], "大学本科")  # type: ignore[arg-type]
    type_into(qtbot, education.editors["education.school"], "广东财经大学")  # type: ignore[arg-type]
    type_into(qtbot, education.editors["education.major"], "会计学")  # type: ignore[arg-type]
    type_into(qtbot, education.editors["education.graduation_date"], "2009-07-01")  # type: ignore[arg-type]
    click(qtbot, view.next_button)

    work = view.work
    assert view.stepper.current == 2
    choose(qtbot, work.status_combo, "employed")
    assert not work.student_card.isVisible()
    type_into(qtbot, work.editors["work.employer"], "广州某某会计师事务所")  # type: ignore[arg-type]
    choose(qtbot, work.region.city_combo, "440100")
    choose(qtbot, work.region.district_combo, "440106")
    assert work.region.confirm_box is None  # arrow keys only move within 区县
    qtbot.keyClick(work.region.district_combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: work.region.confirm_box is not None)
    box = work.region.confirm_box
    assert box is not None and "天河区" in box.text()
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))  # type: ignore[arg-type]
    assert view.draft is not None and view.draft.value("region_code") == "440106"
    click(qtbot, view.next_button)

    professional = view.professional
    assert view.stepper.current == 3
    choose(qtbot, professional.editors["professional.qualification_level"], "none")  # type: ignore[arg-type]
    click(qtbot, view.next_button)
    assert view.current_step() == SUBMIT_STEP


def test_walk_refused_then_collected(qtbot: QtBot, platform, tmp_path: Path) -> None:
    id_number = register(platform.url)
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, id_number)
    view = open_profile(qtbot, app)
    fill_all_steps(qtbot, view, tmp_path)
    assert view.todo_paths() == ["attachments.photo"]  # live list of what still blocks

    click(qtbot, view.submit_button)  # the platform decides: the photo is missing
    qtbot.waitUntil(lambda: view.submit_button.isEnabled(), timeout=30_000)
    assert view.current_step() == 0, (view.current_step(), view.message.text(), view.todo_paths())
    error = view.personal.errors["attachments.photo"]
    assert error.isVisible() and error.text()

    upload(qtbot, view, "photo", plain_jpeg(tmp_path / "photo.jpg"))
    assert view.todo_paths() == []
    click(qtbot, view.next_button)
    click(qtbot, view.next_button)
    click(qtbot, view.next_button)
    click(qtbot, view.next_button)
    click(qtbot, view.submit_button)
    qtbot.waitUntil(lambda: view.current_step() == DONE_STEP, timeout=10_000)
    shell = app.window.shell
    qtbot.waitUntil(lambda: "信息已采集" in shell.status_label.text(), timeout=10_000)
    assert shell.profile_item.text(0) == "信息变更"

    assert app.api is not None
    # The platform accepted the upload (it refuses more than 2 MB with 413) …
    assert view.draft is not None
    assert view.draft.data["attachments"]["id_front"]["height"] > 0
    # … and keeps it upright: 4000×3000 stored sideways with orientation 6 became portrait.
    stored = app.api.attachment("id_front")
    assert len(stored) <= 2 * 1024 * 1024  # what is stored obeys the 2 MB rule too
    with Image.open(io.BytesIO(stored)) as image:
        assert image.height > image.width
        assert max(image.size) <= 2400
    assert not list((app.session.cache.path.parent / "draft_images").iterdir())  # type: ignore[union-attr]
    stop_app(app)


def remembered_learner_at_personal_step(
    qtbot: QtBot, platform, data_dir: Path
) -> tuple[DesktopApp, ProfileView]:
    """A new learner, logged in with 记住我, past the commitment, on 个人信息."""
    id_number = register(platform.url)
    app = start_app(qtbot, platform.url, data_dir)
    log_in(qtbot, app, id_number, remember=True)
    view = open_profile(qtbot, app)
    click(qtbot, view.intro.accept_box)
    click(qtbot, view.intro.next_button)
    return app, view


def wait_debounced_save(qtbot: QtBot, view: ProfileView) -> None:
    """The edit's debounce timer has fired (the save is on the cache lane), not a fixed time."""
    assert view._save_timer.isActive()  # the edit armed it
    qtbot.waitUntil(lambda: not view._save_timer.isActive(), timeout=5_000)


def test_typed_values_survive_closing_the_app(qtbot: QtBot, platform, tmp_path: Path) -> None:
    app, view = remembered_learner_at_personal_step(qtbot, platform, tmp_path)
    type_into(qtbot, view.personal.editors["personal.email"], "he@example.com")  # type: ignore[arg-type]
    click(qtbot, view.next_button)
    type_into(qtbot, view.education.editors["education.school"], "广东财经大学")  # type: ignore[arg-type]
    wait_debounced_save(qtbot, view)
    app.tasks.wait_idle()
    stop_app(app)

    again = start_app(qtbot, platform.url, tmp_path)  # remembered: straight to the shell
    view = open_profile(qtbot, again)
    assert view.current_step() == 1
    assert view.education.editors["education.school"].text() == "广东财经大学"  # type: ignore[attr-defined]
    assert view.personal.editors["personal.email"].text() == "he@example.com"  # type: ignore[attr-defined]
    stop_app(again)


def test_typed_values_survive_a_killed_client(qtbot: QtBot, platform, tmp_path: Path) -> None:
    """A kill runs no shutdown code: what is on disk at that moment is all there is.

    The data folder is copied while the first app is still running, untouched — exactly what
    a killed process leaves behind — and a second app is started on the copy.
    """
    running = tmp_path / "running"
    app, view = remembered_learner_at_personal_step(qtbot, platform, running)
    type_into(qtbot, view.personal.editors["personal.email"], "kill@example.com")  # type: ignore[arg-type]
    wait_debounced_save(qtbot, view)  # no page change: only the debounce saves it
    app.tasks.wait_idle()
    after_kill = tmp_path / "after-kill"
    shutil.copytree(running, after_kill)

    again = start_app(qtbot, platform.url, after_kill)
    reopened = open_profile(qtbot, again)
    assert reopened.personal.editors["personal.email"].text() == "kill@example.com"  # type: ignore[attr-defined]
    stop_app(again)
    stop_app(app)


def test_a_change_after_collection_keeps_the_old_version(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    """信息变更: a collected learner corrects the e-mail; the platform keeps the old version."""
    from tests.helpers.learners import collected_learner
    from tests.helpers.platform import bearer

    learner = collected_learner(platform)
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, learner["id_number"], learner["password"])
    view = open_profile(qtbot, app)
    assert view.form_title.text() == "信息变更"
    assert view.current_step() == 0  # no intro to read again
    email = view.personal.editors["personal.email"]
    type_into(qtbot, email, "not-an-email")
    click(qtbot, view.next_button)
    assert view.current_step() == 0  # refused at the field, the typed text kept
    assert view.personal.errors["personal.email"].isVisible()
    assert email.text() == "not-an-email"

    type_into(qtbot, email, "hexiaolin@example.com")
    for _ in range(4):
        click(qtbot, view.next_button)
    click(qtbot, view.submit_button)
    qtbot.waitUntil(lambda: view.current_step() == DONE_STEP, timeout=10_000)
    profile = requests.get(
        platform.api + "/me/profile", headers=bearer(learner["access_token"]), timeout=10
    ).json()
    assert profile["personal"]["email"] == "hexiaolin@example.com"
    assert profile["version"] == 2 and profile["status"] == "collected"
    stop_app(app)
