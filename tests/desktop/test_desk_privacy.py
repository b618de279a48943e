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
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.desktop.views.test_profile import plain_jpeg
from tests.helpers.desktop import click, fill_walk_in, isolate_settings, staff_enter, stop_app
from tests.helpers.identity import unique_resident_id
from tests.helpers.platform import PlatformProcess

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
