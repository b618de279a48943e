"""The counter PC keeps nothing of a walk-in (SPEC §5, §6).

The real app runs as staff against the real platform with a fresh data directory (its
caches and its log file, written at DEBUG so that even the HTTP library's lines are in
it), ``TMPDIR`` pointed at a fresh folder, QSettings in a fresh folder.  One walk-in is
registered with photos from a file and from the scanner's output folder, a second one is
filled with photos and cancelled.  The test then removes the user's own files (the picked
files and the scanner's output: ours to read, not to keep) and scans every file the app
could have written for the ID numbers (whole, or the digits their masks hide) and for JPEG
data — and finds none.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.models.counter_pc import mark_counter_pc
from desktop.models.preferences import remembered_folder
from desktop.models.session_store import SessionStore
from tests.desktop.views.test_profile import plain_jpeg
from tests.helpers.desktop import (
    click,
    enter,
    fill_walk_in,
    isolate_settings,
    log_in,
    staff_enter,
    start_app,
    stop_app,
    type_into,
)
from tests.helpers.identity import unique_resident_id
from tests.helpers.learners import collected_learner, register_walk_in, staff_login
from tests.helpers.platform import REPO_ROOT, PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")

JPEG_MAGIC = b"\xff\xd8\xff"


@pytest.fixture
def app_log(tmp_path: Path) -> Iterator[Path]:
    """The app's log file where ``main.setup_logging`` puts it, at DEBUG."""
    path = tmp_path / "client" / "logs" / "kjce.log"
    path.parent.mkdir(parents=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def files_under(*folders: Path, since: float = 0.0) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if p.is_file() and p.stat().st_mtime >= since]
    return found


def test_nothing_of_a_walk_in_stays_on_the_pc(
    qtbot: QtBot,
    platform: PlatformProcess,
    tmp_path: Path,
    app_log: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = time.time() - 1
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    settings = tmp_path / "settings"
    isolate_settings(settings)
    user = tmp_path / "user-files"  # the staff's own pictures and the scanner's output
    scans = user / "scans"
    scans.mkdir(parents=True)
    data_dir = tmp_path / "client"

    app = staff_enter(qtbot, platform, data_dir)
    desk = app.desk
    assert desk is not None
    desk.scanner.folder_picker = lambda _start: str(scans)

    registered, cancelled = unique_resident_id("19600101"), unique_resident_id("19700202")
    click(qtbot, desk.new_button)
    form = desk.form
    fill_walk_in(
        qtbot,
        form,
        id_number=registered,
        name="区美玲",
        photos={"id_front": plain_jpeg(user / "front.jpg"), "id_back": plain_jpeg(user / "b.jpg")},
    )
    photo = form.photos["photo"]
    click(qtbot, photo.scanner_button)
    plain_jpeg(user / "scan.jpg").rename(scans / "scan-0001.jpg")
    qtbot.waitUntil(lambda: photo.jpeg is not None, timeout=10_000)
    click(qtbot, form.submit_button)
    qtbot.waitUntil(lambda: form.credentials_dialog is not None, timeout=20_000)
    dialog = form.credentials_dialog
    assert dialog is not None and dialog.login_id.text() == registered
    click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: desk.pages.currentWidget() is desk.queue_page)

    click(qtbot, desk.new_button)
    fill_walk_in(
        qtbot,
        form,
        id_number=cancelled,
        name="谭志强",
        photos={"id_front": plain_jpeg(user / "front2.jpg")},
    )
    click(qtbot, form.cancel_button)
    box = form.cancel_box
    assert box is not None
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: desk.pages.currentWidget() is desk.queue_page)
    click(qtbot, desk.logout_button)
    qtbot.waitUntil(lambda: app.window.stack.currentWidget() is app.window.login)
    stop_app(app)

    shutil.rmtree(user)  # the user's files go; nothing of them may remain anywhere of ours
    qt_places = [
        Path(QStandardPaths.writableLocation(location))
        for location in (
            QStandardPaths.StandardLocation.CacheLocation,
            QStandardPaths.StandardLocation.AppLocalDataLocation,
        )
    ]
    scanned = files_under(data_dir, temp, settings) + files_under(*qt_places, since=started)
    assert app_log in scanned and app_log.stat().st_size > 0  # the log was written to
    secrets = [
        number.encode()
        for id_number in (registered, cancelled)
        for number in (id_number, id_number.lower(), id_number[4:-4])  # whole, or what masks hide
    ]
    for path in scanned:
        data = path.read_bytes()
        assert JPEG_MAGIC not in data, f"image data in {path}"
        for secret in secrets:
            assert secret not in data, f"an ID number in {path}"
    assert not files_under(temp), "the app left temporary files"
    # The scanner folder is remembered with the preferences in the data folder, not in
    # the user's QSettings (~/.config): --data-dir keeps everything of the app (issue 18).
    assert not files_under(settings), "QSettings outside the data folder were written"
    assert remembered_folder(data_dir, "scanner") == scans


def test_a_learner_on_the_counter_pc_leaves_no_cache(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """A walk-in tries the first login at the counter: after 退出登录 nothing of the
    learner is left on the PC — no cache (name, full ID number, phone), no ID in the field."""
    isolate_settings(tmp_path / "settings")
    data_dir = tmp_path / "client"
    created = register_walk_in(platform, staff_login(platform)["access_token"])
    id_number, password = created["login_id"], created["initial_password"]
    app = staff_enter(qtbot, platform, data_dir)  # a staff login: this is a counter PC
    try:
        desk = app.desk
        assert desk is not None
        click(qtbot, desk.logout_button)
        login = app.window.login
        qtbot.waitUntil(lambda: app.window.stack.currentWidget() is login)
        login.staff_box.setFocus()
        qtbot.keyClick(login.staff_box, Qt.Key.Key_Space)  # back to 学员 login
        # 记住我 is off on a counter PC, and says why (the next person would enter as them).
        assert not login.remember_box.isEnabled() and not login.remember_box.isChecked()
        assert login.remember_note.isVisible() and "前台电脑" in login.remember_note.text()
        log_in(qtbot, app, id_number, password)
        qtbot.waitUntil(lambda: app.change_password_dialog is not None, timeout=10_000)
        change = app.change_password_dialog
        assert change is not None
        type_into(qtbot, change.old_edit, password)
        type_into(qtbot, change.new_edit, "Mine2021ok")
        type_into(qtbot, change.confirm_edit, "Mine2021ok")
        click(qtbot, change.ok_button)
        qtbot.waitUntil(
            lambda: app.session is not None and app.session.cache is not None, timeout=15_000
        )
        session = app.session
        assert session is not None
        cache_file = session.cache_path
        qtbot.waitUntil(lambda: id_number.encode() in _all_bytes(cache_file.parent), timeout=10_000)

        app.logout()
        qtbot.waitUntil(lambda: not cache_file.parent.exists(), timeout=10_000)
        assert not any((data_dir / "accounts").iterdir())
        qtbot.waitUntil(lambda: login.id_number_edit.text() == "", timeout=10_000)
        for path in files_under(data_dir):
            assert id_number.encode() not in path.read_bytes(), path
    finally:
        stop_app(app)


def test_a_counter_pc_restores_no_remembered_learner(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """A learner remembered on this PC before it became a counter PC is not let in at the
    next start (the next person at the counter would be them): the login is forgotten,
    and no learner can be remembered there any more."""
    isolate_settings(tmp_path / "settings")
    data_dir = tmp_path / "client"
    learner = collected_learner(platform)
    app = enter(qtbot, platform, data_dir, learner, remember=True)
    stop_app(app)
    store = SessionStore(platform.url)
    assert store.load() is not None  # remembered: an ordinary PC would let them in
    mark_counter_pc(data_dir)  # what a staff login here does (see the test above)

    app = start_app(qtbot, platform.url, data_dir)
    try:
        login = app.window.login
        qtbot.waitUntil(login.login_button.isEnabled, timeout=15_000)  # the platform answered
        assert app.window.stack.currentWidget() is login and app.session is None
        assert store.load() is None  # forgotten, not only left unused
        assert not login.remember_box.isEnabled() and not login.remember_box.isChecked()
        assert login.remember_note.isVisible() and "前台电脑" in login.remember_note.text()
        log_in(qtbot, app, learner["id_number"], learner["password"])
        qtbot.waitUntil(lambda: app.session is not None, timeout=10_000)
        assert store.load() is None
    finally:
        stop_app(app)


def _all_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in files_under(folder))


PRIMARY_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QClipboard
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication([])
from desktop.models.api import ApiClient
from desktop.models.desk_photo_sources import ScannerFolder
from desktop.models.platform_clock import PlatformClock
from desktop.models.tasks import TaskRunner
from desktop.views.desk.walk_in_form import WalkInFormView

tasks = TaskRunner()
form = WalkInFormView(tasks, ApiClient("http://127.0.0.1:9"), PlatformClock(), ScannerFolder(tasks))
form.show()
QTest.qWaitForWindowExposed(form)
clipboard = QApplication.clipboard()
edit = form.id_number_edit
edit.setFocus()
QTest.keyClicks(edit, sys.argv[1])
QTest.keyClick(edit, Qt.Key.Key_Home, Qt.KeyboardModifier.ShiftModifier)  # selected: PRIMARY
QTest.qWait(50)
print("primary:", clipboard.supportsSelection(), clipboard.text(QClipboard.Mode.Selection))
edit.copy()  # Ctrl+C
print("clipboard:", clipboard.text(QClipboard.Mode.Clipboard))
form.clear()  # what a submit (and 取消) runs
QTest.qWait(50)
print("after:", repr(clipboard.text(QClipboard.Mode.Selection)), repr(clipboard.text()))
tasks.close()
"""


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs Xvfb (xvfb-run)")
def test_the_id_number_leaves_primary_and_the_clipboard(tmp_path: Path) -> None:
    """On X11 the ID number a staff member selected in the form stays in the PRIMARY
    selection after the field is cleared; the form empties it (and the clipboard) when
    they hold the number.  Run on a real X server (Xvfb): offscreen has no PRIMARY."""
    script = tmp_path / "primary.py"
    script.write_text(PRIMARY_SCRIPT, encoding="utf-8")
    id_number = unique_resident_id("19650505")
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, str(script), id_number],
        capture_output=True, text=True, timeout=120, env=env, cwd=REPO_ROOT,
    )  # fmt: skip
    lines = {line.split(":", 1)[0]: line.split(":", 1)[1].strip()
             for line in result.stdout.splitlines() if ":" in line}  # fmt: skip
    assert lines.get("primary") == f"True {id_number}", result.stdout + result.stderr
    assert lines.get("clipboard") == id_number
    assert lines.get("after") == "'' ''"
