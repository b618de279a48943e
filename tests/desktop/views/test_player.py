"""The player window, driven as a learner would, with real libvlc on a real short clip.

Under ``QT_QPA_PLATFORM=offscreen`` VLC draws nothing (``vlc_backend`` gives it the dummy
video and audio outputs), but it decodes and its clock runs as usual.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models.playback import PlayRequest
from desktop.models.vlc_backend import install_instructions
from desktop.views.player import PlayerWindow
from rules.watch import PAUSE_REASONS
from tests.helpers.media import needs_libvlc, preview_clip

pytestmark = needs_libvlc


@pytest.fixture(scope="module")
def clip() -> tuple[Path, int]:
    """A real short clip and its length: the demo trial preview."""
    return preview_clip()


def request(clip: tuple[Path, int], **fields: object) -> PlayRequest:
    path, duration_ms = clip
    values: dict[str, object] = {
        "course_id": "c1",
        "course_title": "会计准则专题",
        "chapter_id": "c1-ch1",
        "chapter_title": "第一讲",
        "duration_ms": duration_ms,
        "source": str(path),
    }
    values.update(fields)
    return PlayRequest(**values)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot: QtBot) -> PlayerWindow:
    player = PlayerWindow()
    qtbot.addWidget(player)
    return player


def wait_playing(qtbot: QtBot, window: PlayerWindow, past_ms: int = 0) -> None:
    qtbot.waitUntil(lambda: window.seek_slider.value() > past_ms, timeout=10_000)


def banner_text(reason: str) -> str:
    return PAUSE_REASONS[reason].format(rate="1")


def test_seek_forward_is_clamped_to_the_furthest_watched_point(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.play(request(clip, known_intervals=((0, 3_000),)))
    wait_playing(qtbot, window)
    window.toggle_play()  # paused: the position stays put while we try
    slider = window.seek_slider
    assert window.tracker is not None and window.tracker.seek_limit_ms() == 3_000

    slider.setSliderDown(True)  # a drag far ahead
    slider.setSliderPosition(7_000)
    assert slider.value() == 3_000
    slider.setSliderDown(False)
    assert window.banner.isVisible()
    assert window.banner.text() == banner_text("beyond_furthest")

    window.seek_to(0)  # rewinding is always allowed
    assert slider.value() == 0
    slider.setSliderDown(True)  # … and does not unlock the future
    slider.setSliderPosition(6_500)
    slider.setSliderDown(False)
    assert slider.value() == 3_000

    window.seek_to(1_000)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)  # ±5 s on the window
    assert slider.value() == 3_000
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert slider.value() == 0

    qtbot.keyClick(slider, Qt.Key.Key_PageUp)  # the slider's own keys
    assert slider.value() == 3_000
    window.seek_to(0)
    qtbot.keyClick(slider, Qt.Key.Key_End)
    assert slider.value() == 3_000

    window.seek_to(0)
    wheel = QWheelEvent(
        QPointF(10, 5), QPointF(slider.mapToGlobal(QPoint(10, 5))), QPoint(0, 0),
        QPoint(0, 120 * 5), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(slider, wheel)
    assert 0 < slider.value() <= 3_000
    qtbot.waitUntil(lambda: window._vlc is not None and window._vlc.position_ms <= 3_500)


def test_minimising_or_leaving_the_window_pauses_counting_with_a_banner(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    focused = True
    # Offscreen Qt cannot send a window to the background: the focus seam stands in.
    window.focus_probe = lambda: focused and window.isActiveWindow()
    window.play(request(clip))
    wait_playing(qtbot, window, 500)
    tracker = window.tracker
    assert tracker is not None
    qtbot.waitUntil(lambda: tracker.pause_reason is None)
    assert not window.banner.isVisible()

    window.showMinimized()
    qtbot.waitUntil(lambda: window.banner.isVisible() or window.isMinimized())
    qtbot.waitUntil(lambda: tracker.pause_reason == "minimised", timeout=3_000)
    assert window.banner.text() == banner_text("minimised")
    covered = tracker.covered_ms
    qtbot.wait(1_000)
    assert tracker.covered_ms == covered  # nothing counts while minimised

    window.showNormal()
    window.activateWindow()
    qtbot.waitUntil(lambda: tracker.pause_reason is None, timeout=3_000)
    assert not window.banner.isVisible()

    focused = False
    qtbot.waitUntil(lambda: tracker.pause_reason == "background", timeout=3_000)
    assert window.banner.isVisible()
    assert window.banner.text() == banner_text("background")

    focused = True
    window.rate_combo.setCurrentIndex(window.rate_combo.findData(2.0))
    qtbot.waitUntil(lambda: tracker.pause_reason == "rate", timeout=3_000)
    assert window.banner.text() == banner_text("rate")


def test_session_expiry_pauses_counting_and_closing_hands_out_the_last_intervals(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.focus_probe = lambda: True
    batches: list[list] = []
    window.intervals_ready.connect(batches.append)
    window.play(request(clip))
    wait_playing(qtbot, window, 1_500)
    window.set_session_expired(True)
    assert window.banner.text() == banner_text("session_expired")
    assert batches, "the interval played before the expiry is handed out at once"
    window.set_session_expired(False)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=3_000)
    wait_playing(qtbot, window, window.seek_slider.value() + 700)
    count = len(batches)
    with qtbot.waitSignal(window.closed, timeout=3_000):
        window.close()
    assert len(batches) == count + 1
    interval = batches[-1][0]
    assert interval.chapter_id == "c1-ch1"
    assert interval.to_ms > interval.from_ms


def test_playback_resumes_at_the_start_position(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.focus_probe = lambda: True
    positions: list[tuple[str, int]] = []
    window.position_changed.connect(lambda chapter, ms: positions.append((chapter, ms)))
    window.play(request(clip, start_ms=4_000, known_intervals=((0, 5_000),)))
    wait_playing(qtbot, window, 4_000)
    assert window._vlc is not None and window._vlc.position_ms >= 4_000
    assert positions and positions[0][0] == "c1-ch1" and positions[0][1] >= 4_000
    window.close()


def test_trial_stops_at_the_preview_length_and_counts_nothing(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.play(request(clip, trial=True, preview_ms=2_000))
    assert "试听" in window.windowTitle()
    with qtbot.assertNotEmitted(window.intervals_ready, wait=0):
        qtbot.waitUntil(lambda: window.banner_reason() == "trial_over", timeout=8_000)
        qtbot.wait(700)
        assert window._vlc is not None and not window._vlc.is_playing()
        assert 2_000 <= window._vlc.position_ms < 2_800
        assert window.banner.isVisible()
        window.close()
    assert window.tracker is None


def test_without_libvlc_the_window_explains_how_to_install_vlc(
    qtbot: QtBot, clip: tuple[Path, int]
) -> None:
    window = PlayerWindow(vlc_loader=lambda: None)
    qtbot.addWidget(window)
    window.play(request(clip))
    assert not window.vlc_available
    assert window.missing_vlc.isVisible()
    assert "VLC" in window.missing_vlc.text()
    assert (
        "videolan.org" in window.missing_vlc.text()
        or "apt install vlc" in window.missing_vlc.text()
    )
    assert not window.controls.isEnabled()
    with qtbot.assertNotEmitted(window.intervals_ready), qtbot.waitSignal(window.closed):
        window.close()


def test_keyboard_plays_pauses_and_toggles_fullscreen(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.focus_probe = lambda: True
    window.play(request(clip))
    wait_playing(qtbot, window, 300)
    vlc = window._vlc
    assert vlc is not None
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not vlc.is_playing())
    qtbot.waitUntil(window.banner.isVisible)
    assert window.banner.text() == banner_text("paused")
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.waitUntil(vlc.is_playing)
    qtbot.waitUntil(lambda: not window.banner.isVisible())

    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    qtbot.mouseDClick(window.surface, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.isFullScreen)


def test_playing_another_chapter_hands_out_the_first_ones_intervals(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.focus_probe = lambda: True
    window.play(request(clip))
    wait_playing(qtbot, window, 1_200)
    with qtbot.waitSignal(window.intervals_ready, timeout=1_000) as blocker:
        window.play(request(clip, chapter_id="c1-ch2", chapter_title="第二讲"))
    [interval] = blocker.args[0]
    assert interval.chapter_id == "c1-ch1"
    assert 700 <= interval.to_ms - interval.from_ms <= 2_500
    assert "第二讲" in window.windowTitle()


def test_a_clip_that_cannot_be_played_says_so(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all" * 100)
    for source in (broken, tmp_path / "missing.mp4"):
        window.play(request((source, 10_000)))
        qtbot.waitUntil(lambda: window.banner_reason() == "media_error", timeout=8_000)
        assert window.banner.isVisible()
        assert "无法播放" in window.banner.text()
        assert window.tracker is not None and window.tracker.covered_ms == 0


def test_install_instructions_fit_each_os() -> None:
    assert "64 位" in install_instructions("win32")
    assert "videolan.org" in install_instructions("win32")
    assert "brew install --cask vlc" in install_instructions("darwin")
    assert "/Applications" in install_instructions("darwin")
    assert "sudo apt install vlc" in install_instructions("linux")
    assert "libvlc5" in install_instructions("linux")
