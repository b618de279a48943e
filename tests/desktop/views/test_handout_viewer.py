"""The handout window: the demo handouts (and a longer one) drawn in the app, read page by
page, saved elsewhere; a broken file says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.views.handout_viewer import HandoutViewer
from tests.helpers.desktop import click
from tests.helpers.media import MEDIA


@pytest.fixture
def viewer(qtbot: QtBot) -> Iterator[HandoutViewer]:
    window = HandoutViewer()
    qtbot.addWidget(window)
    yield window
    window.close()  # the PDF is closed with the window


def dark_share(viewer: HandoutViewer, index: int) -> float:
    image = viewer.pages[index].grab().toImage()
    samples = [
        image.pixelColor(x, y).lightness() < 100
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    ]
    return sum(samples) / len(samples)


def three_pages(tmp_path: Path) -> Path:
    """A three-page PDF, each page marked by a black bar at a different height."""
    pages = []
    for number in range(3):
        page = Image.new("RGB", (595, 842), "white")
        ImageDraw.Draw(page).rectangle((50, 100 + 200 * number, 545, 180 + 200 * number), "black")
        pages.append(page)
    path = tmp_path / "three.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=72.0)
    return path


@pytest.mark.parametrize("name", ["lecture-1.pdf", "lecture-2.pdf", "lecture-3.pdf"])
def test_every_demo_handout_is_drawn_to_the_windows_width(
    qtbot: QtBot, viewer: HandoutViewer, name: str
) -> None:
    assert viewer.show_handout(MEDIA / name, "第一讲 会计准则概览")
    qtbot.waitUntil(viewer.isVisible)
    assert viewer.page_label.text() == "第 1 / 1 页"
    assert not viewer.previous_button.isEnabled() and not viewer.next_button.isEnabled()
    page = viewer.pages[0]
    qtbot.waitUntil(lambda: page.drawn)
    assert 0.001 < dark_share(viewer, 0) < 0.3  # text on white, not blank nor black
    width = page.width()
    assert abs(viewer.pages_area.viewport().width() - width) < 60  # fits the width

    viewer.resize(viewer.width() + 200, viewer.height())
    qtbot.waitUntil(lambda: page.width() >= width + 150)
    click(qtbot, viewer.zoom_in_button)
    assert viewer.zoom is not None
    click(qtbot, viewer.fit_button)
    assert viewer.zoom is None


def test_pages_turn_with_pgdn_pgup_and_the_buttons(
    qtbot: QtBot, viewer: HandoutViewer, tmp_path: Path
) -> None:
    viewer.show_handout(three_pages(tmp_path), "三页讲义")
    qtbot.waitUntil(viewer.isActiveWindow)  # the keys go to the window in front
    assert viewer.page_label.text() == "第 1 / 3 页"
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    assert viewer.page_label.text() == "第 2 / 3 页"
    qtbot.waitUntil(lambda: viewer.pages[1].drawn)
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)  # past the last: stays
    assert viewer.page_label.text() == "第 3 / 3 页"
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_PageUp)
    assert viewer.page_label.text() == "第 2 / 3 页"
    click(qtbot, viewer.previous_button)
    assert viewer.page_label.text() == "第 1 / 3 页"
    assert viewer.pages_area.verticalScrollBar().value() == 0
    click(qtbot, viewer.next_button)
    assert viewer.current_page == 1
    assert viewer.pages_area.verticalScrollBar().value() > 0


def test_a_broken_handout_says_so_in_chinese(
    qtbot: QtBot, viewer: HandoutViewer, tmp_path: Path
) -> None:
    for content in (b"%PDF-1.4\n cut short", b"<html>not a pdf</html>", b""):
        broken = tmp_path / "broken.pdf"
        broken.write_bytes(content)
        assert not viewer.show_handout(broken, "第二讲")
        qtbot.waitUntil(viewer.isVisible)
        assert viewer.problem_label.isVisible()
        assert viewer.problem_label.text().startswith("讲义文件无法打开")
        assert viewer.pages == [] and viewer.page_label.text() == "第 0 / 0 页"
        assert not viewer.save_button.isEnabled()
    # … and a good one afterwards shows again.
    assert viewer.show_handout(MEDIA / "lecture-1.pdf", "第一讲")
    assert not viewer.problem_label.isVisible() and viewer.pages_area.isVisible()


def test_save_as_copies_the_pdf_where_the_learner_chooses(
    qtbot: QtBot, viewer: HandoutViewer, tmp_path: Path
) -> None:
    viewer.show_handout(MEDIA / "lecture-2.pdf", "第二讲 财务报表分析")
    click(qtbot, viewer.save_button)
    dialog = viewer.save_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("第二讲 财务报表分析.pdf")
    target = tmp_path / "我的讲义.pdf"
    dialog.selectFile(str(target))
    dialog.accept()
    assert target.read_bytes() == (MEDIA / "lecture-2.pdf").read_bytes()
    assert viewer.status_label.text() == f"讲义已保存到 {target}"
