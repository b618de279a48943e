"""The player window, driven as a learner would, with real libvlc on a real short clip.

Under ``QT_QPA_PLATFORM=offscreen`` VLC draws nothing (``vlc_backend`` gives it the dummy
video and audio outputs), but it decodes and its clock runs as usual.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.changes import ChangeBus, Changes
from desktop.models.platform_clock import PlatformClock
from desktop.models.playback import PlayRequest
from desktop.models.sync import SyncEngine
from desktop.models.tasks import TaskRunner
from desktop.models.watch_journal import (
    WATCH_EVENT,
    WatchJournal,
    fetch_progress,
    refresh_progress,
)
from desktop.views.player import PlayerWindow
from desktop.views.study import format_hms
from rules.watch import PAUSE_REASONS
from tests.conftest import PlatformFactory
from tests.desktop.models.test_downloads import selected_chapter
from tests.desktop.views.test_appearance import clipped_labels, keep_shot
from tests.helpers.desktop import click
from tests.helpers.media import MEDIA, needs_libvlc, preview_clip
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess, shifted

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


AUTO_PAUSED = "。视频也已暂停，回到本窗口后自动继续播放"


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


def test_minimising_or_leaving_the_window_pauses_the_lecture_with_the_credit(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    """Counting pauses when the window is minimised or in the background, and the lecture
    pauses with it (the learner never comes back to a stretch played but not counted); it
    goes on by itself when the window is back, and the banner says all of that."""
    focused = True
    # Offscreen Qt cannot send a window to the background: the focus seam stands in.
    window.focus_probe = lambda: focused and window.isActiveWindow()
    window.play(request(clip))
    wait_playing(qtbot, window, 500)
    tracker, vlc = window.tracker, window._vlc
    assert tracker is not None and vlc is not None
    qtbot.waitUntil(lambda: tracker.pause_reason is None)
    assert not window.banner.isVisible()

    focused = False
    qtbot.waitUntil(lambda: window.banner_reason() == "background", timeout=3_000)
    qtbot.waitUntil(lambda: not vlc.is_playing(), timeout=3_000)  # the lecture paused too
    assert window.banner.text() == banner_text("background") + AUTO_PAUSED
    assert window.play_button.text() == "播放"
    focused = True
    qtbot.waitUntil(vlc.is_playing, timeout=3_000)  # on again by itself
    qtbot.waitUntil(lambda: tracker.pause_reason is None, timeout=3_000)
    assert not window.banner.isVisible()
    assert window.notice_label.text() == "已回到播放窗口，视频继续播放并计时。"
    assert window.play_button.text() == "暂停"

    # Last: offscreen Qt may echo a minimise a moment after the restore.
    window.showMinimized()
    qtbot.waitUntil(lambda: window.banner_reason() == "minimised", timeout=3_000)
    qtbot.waitUntil(lambda: not vlc.is_playing(), timeout=3_000)
    assert window.banner.text() == banner_text("minimised") + AUTO_PAUSED
    window.showNormal()
    window.activateWindow()
    qtbot.waitUntil(vlc.is_playing, timeout=3_000)
    assert window.notice_label.text() == "已回到播放窗口，视频继续播放并计时。"


def test_faster_than_credited_then_back_plays_again_from_where_counting_stopped(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    """Above 1× nothing counts; back at 1× the lecture returns to where counting stopped,
    so the chapter is left with no hole to find and re-watch by hand."""
    window.focus_probe = lambda: True
    window.play(request(clip))
    wait_playing(qtbot, window, 1_000)
    tracker, vlc = window.tracker, window._vlc
    assert tracker is not None and vlc is not None
    qtbot.waitUntil(lambda: tracker.pause_reason is None)
    window.rate_combo.setCurrentIndex(window.rate_combo.findData(2.0))
    qtbot.waitUntil(lambda: tracker.pause_reason == "rate", timeout=3_000)
    counted_to = tracker.furthest_ms
    assert window.banner.text().startswith(banner_text("rate") + "；切换回 1× 后将从 ")
    qtbot.waitUntil(lambda: vlc.position_ms >= counted_to + 3_000, timeout=5_000)

    window.rate_combo.setCurrentIndex(window.rate_combo.findData(1.0))
    qtbot.waitUntil(lambda: vlc.position_ms < counted_to + 1_000, timeout=3_000)
    assert window.notice_label.text().startswith("倍速播放的部分不计学时：已回到 ")
    qtbot.waitUntil(lambda: tracker.furthest_ms >= counted_to + 1_500, timeout=5_000)
    [(start, end)] = tracker.intervals  # one stretch from the start: no hole
    assert start == 0 and end >= counted_to + 1_500


def test_the_banner_never_moves_the_video(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    """Nor resizes it: a paused libvlc output resized redraws without end (≈ 5 points of
    a core, ``benchmarks/player_cpu.py``), besides the jump under the learner's eyes."""
    window.focus_probe = lambda: True
    window.play(request(clip))
    wait_playing(qtbot, window, 300)
    qtbot.waitUntil(lambda: not window.banner.isVisible())
    where = window.surface.mapTo(window, window.surface.rect().topLeft())
    size = window.surface.size()
    qtbot.keyClick(window, Qt.Key.Key_Space)  # paused: 已暂停播放 appears
    qtbot.waitUntil(window.banner.isVisible)
    assert window.surface.mapTo(window, window.surface.rect().topLeft()) == where
    assert window.surface.size() == size
    window.play(request(clip, known_intervals=((0, 3_000),)))
    window.seek_to(8_000)  # refused: "cannot seek there" comes and goes
    assert window.banner.isVisible()
    assert window.surface.mapTo(window, window.surface.rect().topLeft()) == where


def test_a_chapter_played_to_its_end_asks_for_the_next_and_says_so(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.focus_probe = lambda: True
    _path, duration_ms = clip
    start = duration_ms - 3_500  # short of the completion tolerance (else: from the start)
    with qtbot.waitSignal(window.next_chapter_wanted, timeout=10_000) as asked:
        window.play(request(clip, start_ms=start, known_intervals=((0, start),)))
    assert asked.args == ["c1", "c1-ch1"]
    assert window.notice_label.text() == "本讲已播放完毕，正在打开下一讲…"
    window.play(request(clip, chapter_id="c1-ch2", chapter_title="第二讲"))
    assert window.notice_label.text() == "上一讲已播放完毕，现在接着播放：第二讲"
    window.show_course_end(last=True)  # (what the app says after the course's last one)
    assert window.notice_label.text() == "本讲已播放完毕，这是本课程的最后一讲。"

    # A trial never goes on to anything.
    with qtbot.assertNotEmitted(window.next_chapter_wanted, wait=0):
        window.play(request(clip, trial=True, preview_ms=1_000))
        qtbot.waitUntil(lambda: window.banner_reason() == "trial_over", timeout=8_000)


def test_handout_under_the_video(
    qtbot: QtBot, window: PlayerWindow, clip: tuple[Path, int]
) -> None:
    window.play(request(clip))
    assert not window.handout_button.isEnabled()
    assert window.handout_button.toolTip() == "本讲没有讲义"
    window.play(request(clip, handout=True))
    button = window.handout_button
    assert button.isEnabled() and button.isVisible()
    below_video = button.mapTo(window, button.rect().topLeft()).y()
    assert below_video > window.surface.mapTo(window, window.surface.rect().bottomLeft()).y()
    with qtbot.waitSignal(window.handout_requested) as asked:
        click(qtbot, button)
    assert asked.args == ["c1-ch1", "第一讲"]
    assert window.notice_label.text() == "正在下载讲义…"
    window.show_handout_problem("讲义下载失败：无法连接平台。请联网后再点击“讲义”。")
    assert window.notice_label.text().startswith("讲义下载失败")


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
        vlc = window._vlc
        assert vlc is not None
        qtbot.waitUntil(lambda: not vlc.is_playing(), timeout=3_000)  # the pause has taken
        assert 2_000 <= vlc.position_ms < 2_800
        assert window.banner.isVisible()
        window.close()
    assert window.tracker is None


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


# -- time the platform does not credit ------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Watching:
    """A player wired as the app wires it (journal, sync, change bus, cache) to a platform,
    its clock measured as the app measures it at start."""

    def __init__(self, qtbot: QtBot, platform: PlatformProcess, tmp_path: Path) -> None:
        self.learner, self.course = selected_chapter(platform)
        self.chapter = self.course["chapters"][0]
        self.api = ApiClient(platform.url)
        self.api.login(self.learner["id_number"], self.learner["password"])
        clock = PlatformClock()
        clock.measure(self.api.health, lambda health: health.server_time)
        self.cache = Cache.open(tmp_path / "account" / "cache.sqlite3")
        fetch_progress(self.api, self.cache, 2021)  # as the course page did before 播放
        self.tasks, self.bus = TaskRunner(), ChangeBus()
        self.engine = SyncEngine(self.api, self.cache, self.tasks, self.bus)
        journal = WatchJournal(self.tasks, lambda: self.cache)
        journal.account_path = self.cache.path
        self.engine.register_refresher("progress", refresh_progress)
        self.engine.register_pusher(WATCH_EVENT, journal.pusher)
        self.window = PlayerWindow(
            now=clock.now, tasks=self.tasks, bus=self.bus, cache=lambda: self.cache
        )
        qtbot.addWidget(self.window)
        self.window.intervals_ready.connect(journal.record)
        self.window.focus_probe = lambda: True
        self.request = PlayRequest(
            course_id=self.course["id"],
            course_title=self.course["title"],
            chapter_id=self.chapter["id"],
            chapter_title=self.chapter["title"],
            duration_ms=self.chapter["duration_ms"],
            source=str(MEDIA / "lecture-1.mp4"),  # as if downloaded
        )

    def play_and_push(self, qtbot: QtBot, at_least_ms: int) -> int:
        """Play until *at_least_ms* is pending, pause, push; the time played."""
        window = self.window
        window.play(self.request)
        qtbot.waitUntil(lambda: window.pending_ms() >= at_least_ms, timeout=15_000)
        assert window.credited_ms() == 0
        assert window.credited_label.text().startswith("已计学时 00:00:00 · 待确认 00:00:0")
        window.toggle_play()  # a pause journals what was played
        played = window.pending_ms()
        qtbot.waitUntil(lambda: any(i.kind == WATCH_EVENT for i in self.cache.pending()))
        self.engine.sync_now()
        return played

    def close(self) -> None:
        self.window.close()
        self.engine.stop()
        self.tasks.wait_idle()
        self.cache.close()


def test_the_counter_shows_played_time_as_pending_until_the_platform_credits_it(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    watching = Watching(qtbot, platform, tmp_path)
    window = watching.window
    try:
        played = watching.play_and_push(qtbot, 2_500)
        qtbot.waitUntil(lambda: window.credited_ms() > 0, timeout=15_000)
        assert window.credited_ms() == played  # as the platform answered the push
        assert window.pending_ms() == 0
        assert window.credited_label.text() == (
            f"已计学时 {format_hms(played)} · 待确认 00:00:00 · 总时长 00:00:20"
        )
        assert not window.uncredited_label.isVisible() and not window.refusal_notice.isVisible()
        assert watching.cache.refusals() == []
    finally:
        watching.close()


def test_time_the_platform_refuses_shows_as_not_credited_with_what_to_do(
    qtbot: QtBot, platform_factory: PlatformFactory, tmp_path: Path
) -> None:
    """The platform's clock is put back ten minutes after this PC measured it: every event
    the player stamps lies ahead of the platform (``in_future``).  The counter shows the
    played time as pending, never as credited; once refused it shows as 未计学时 with what
    to do, in a notice that stays closed once closed, while the total stays."""
    platform = platform_factory(captcha=False, port=free_port())
    watching = Watching(qtbot, platform, tmp_path)
    window, cache, tasks = watching.window, watching.cache, watching.tasks
    try:
        platform.restart(now=shifted(DEFAULT_NOW, minutes=-10))
        assert not window.uncredited_label.isVisible() and not window.refusal_notice.isVisible()
        played = watching.play_and_push(qtbot, 2_500)
        qtbot.waitUntil(window.refusal_notice.isVisible, timeout=15_000)

        assert [refusal.code for refusal in cache.refusals()] == ["in_future"]
        assert window.refusal_label.text() == (
            f"这一讲有 {format_hms(played)} 未计入学时。"
            "电脑时间不准：请把电脑时间设为自动同步后继续学习"
        )
        assert window.uncredited_label.isVisible()
        assert window.uncredited_label.text() == f"未计学时 {format_hms(played)}"
        assert (
            window.credited_label.text() == "已计学时 00:00:00 · 待确认 00:00:00 · 总时长 00:00:20"
        )
        qtbot.waitUntil(window.banner.isVisible)  # 已暂停播放, above the notice
        qtbot.waitUntil(lambda: clipped_labels(window) == [])
        keep_shot(window, "player-refused-in-future", tmp_path)

        click(qtbot, window.dismiss_button)  # 知道了
        assert not window.refusal_notice.isVisible()
        assert window.uncredited_label.isVisible()
        assert tasks.wait_idle(5_000)
        assert all(refusal.dismissed for refusal in cache.refusals())

        window.play(watching.request)  # opened again: the notice stays closed, the total stays
        qtbot.waitUntil(window.uncredited_label.isVisible, timeout=5_000)
        assert window.uncredited_label.text() == f"未计学时 {format_hms(played)}"
        watching.bus.announce(Changes(progress=True))
        assert tasks.wait_idle(5_000)
        qtbot.waitUntil(lambda: not tasks.running)  # the re-read has been delivered
        assert not window.refusal_notice.isVisible()
        assert window.credited_ms() == 0
    finally:
        watching.close()
