"""信息采集's 行政区域 by keys, and texts that do not go stale: the region step answered
with Tab, arrows and Enter; 下一步 with a city but no district; a previous picture's notes
cleared for the next; the intro and the picture hint saying the same formats."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.views.profile import ProfileView
from tests.desktop.views.test_profile import open_profile, register
from tests.helpers.desktop import click, log_in, start_app, stop_app

pytestmark = pytest.mark.usefixtures("memory_keyring")


def open_work_step(qtbot: QtBot, platform, tmp_path: Path) -> tuple[DesktopApp, ProfileView]:
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, register(platform.url))
    view = open_profile(qtbot, app)
    click(qtbot, view.intro.accept_box)
    click(qtbot, view.intro.next_button)
    view.go_to(2)
    qtbot.waitUntil(lambda: view.work.region.city_combo.count() > 1, timeout=10_000)
    qtbot.waitUntil(view.work.region.city_combo.isVisible)
    return app, view


def test_region_by_keys_tab_arrows_enter_and_choose_again(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app, view = open_work_step(qtbot, platform, tmp_path)
    picker = view.work.region
    city, district = picker.city_combo, picker.district_combo
    # Each combo is labelled (a screen reader hears 地级市 / 区县 from the label).
    assert picker.city_label.buddy() is city and picker.district_label.buddy() is district
    # Arrows on 地级市 only look; Tab goes on to 区县.
    city.setFocus()
    qtbot.keyClick(city, Qt.Key.Key_Down)
    assert city.currentIndex() == 1 and city.hasFocus()
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    assert district.hasFocus()
    assert district.count() > 2  # the city's districts are there to arrow through
    # Arrows move within 区县 without a question…
    qtbot.keyClick(district, Qt.Key.Key_Down)
    qtbot.keyClick(district, Qt.Key.Key_Down)
    assert district.currentIndex() == 2 and picker.confirm_box is None and district.hasFocus()
    # …Enter asks; 重新选择 keeps the city and returns to 区县.
    qtbot.keyClick(district, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.confirm_box is not None)
    box = picker.confirm_box
    assert box is not None
    city_code = city.currentData()
    click(qtbot, box.button(QMessageBox.StandardButton.No))
    assert city.currentData() == city_code and district.currentIndex() == 0
    qtbot.waitUntil(district.hasFocus)
    # Leaving 区县 by Tab with an unconfirmed district asks too; 确认 moves on.
    qtbot.keyClick(district, Qt.Key.Key_Down)
    qtbot.keyClick(district, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: picker.confirm_box is not None)
    box = picker.confirm_box
    assert box is not None
    chosen = district.currentData()
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    assert view.draft is not None and view.draft.value("region_code") == chosen
    qtbot.waitUntil(lambda: QApplication.focusWidget() not in (None, city, district))
    stop_app(app)


def test_next_with_a_city_but_no_district_says_so_at_the_field(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app, view = open_work_step(qtbot, platform, tmp_path)
    picker = view.work.region
    picker.city_combo.setFocus()
    qtbot.keyClick(picker.city_combo, Qt.Key.Key_Down)
    click(qtbot, view.next_button)
    assert view.current_step() == 2  # stays
    error = view.work.errors["region_code"]
    assert error.isVisible() and error.text() == "请选择区县"
    # The error is the field's description for a screen reader.
    assert "请选择区县" in picker.accessibleDescription()
    stop_app(app)


def test_a_previous_pictures_notes_clear_for_the_next(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, register(platform.url))
    view = open_profile(qtbot, app)
    click(qtbot, view.intro.accept_box)
    click(qtbot, view.intro.next_button)
    field = view.images["id_front"]
    png = tmp_path / "front.png"
    Image.new("RGB", (640, 400), (200, 180, 160)).save(png, "PNG")
    field.file_picker = lambda: str(png)
    click(qtbot, field.choose_button)
    qtbot.waitUntil(lambda: "已转换为 JPEG 格式" in field.notes.text(), timeout=30_000)
    broken = tmp_path / "not-a-picture.jpg"
    broken.write_bytes(b"this is no picture")
    field.file_picker = lambda: str(broken)
    click(qtbot, field.choose_button)
    error = view.personal.errors["attachments.id_front"]
    qtbot.waitUntil(error.isVisible, timeout=30_000)
    assert field.notes.text() == ""  # the PNG's note is not this file's
    stop_app(app)


def test_the_intro_and_the_picture_hint_name_the_same_formats(
    qtbot: QtBot, platform, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)
    log_in(qtbot, app, register(platform.url))
    view = open_profile(qtbot, app)
    intro = " ".join(label.text() for label in view.intro.findChildren(QLabel))
    hint = " ".join(label.text() for label in view.images["id_front"].findChildren(QLabel))
    assert "jpg 或 jpeg" not in intro
    assert "JPG/PNG" in intro and "JPG/PNG" in hint
    stop_app(app)
