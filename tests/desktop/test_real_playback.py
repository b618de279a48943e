"""libvlc plays a real lecture clip to the end; the time credited is the clip's length.

The whole chain short of the outbox: VLC's clock, polled by the player window on the GUI
thread, through the watch tracker, out as ``intervals_ready`` batches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.playback import PlayRequest, WatchedInterval
from desktop.views.player import PlayerWindow
from rules.watch import RATE_TOLERANCE_MS, WatchPolicy, chapter_complete, covered_ms
from tests.helpers.media import needs_libvlc, shortest_lecture

pytestmark = needs_libvlc


@pytest.mark.timeout(60)
def test_a_clip_played_to_the_end_is_credited_its_length(qtbot: QtBot, tmp_path: Path) -> None:
    path, duration_ms = shortest_lecture()
    policy = WatchPolicy(journal_interval_s=5)
    window = PlayerWindow()
    qtbot.addWidget(window)
    batches: list[list[WatchedInterval]] = []
    window.intervals_ready.connect(batches.append)
    window.play(
        PlayRequest(
            course_id="c1",
            course_title="会计准则专题",
            chapter_id="c1-ch1",
            chapter_title="第一讲",
            duration_ms=duration_ms,
            source=str(path),
            policy=policy,
        )
    )
    qtbot.waitUntil(window.isActiveWindow)  # counting needs the window in the foreground

    reasons: set[str | None] = set()

    def played_to_the_end() -> bool:
        reasons.add(window.banner_reason())
        return window.seek_slider.value() >= duration_ms

    qtbot.waitUntil(played_to_the_end, timeout=duration_ms + 10_000)
    assert reasons <= {None, "paused"}, reasons  # counting was never paused on the way
    with qtbot.waitSignal(window.closed, timeout=5_000):
        window.close()

    intervals = [interval for batch in batches for interval in batch]
    assert len(batches) >= duration_ms // (
        policy.journal_interval_s * 1000
    )  # journalled as it went
    credited = covered_ms((i.from_ms, i.to_ms) for i in intervals)
    assert abs(credited - duration_ms) <= 1_000, (credited, duration_ms)
    assert chapter_complete([(i.from_ms, i.to_ms) for i in intervals], duration_ms)
    for interval in intervals:  # what the platform checks in POST /watch-events
        wall_ms = (interval.ended_at - interval.started_at) / dt.timedelta(milliseconds=1)
        assert (
            interval.to_ms - interval.from_ms
            <= wall_ms * policy.max_credited_rate + RATE_TOLERANCE_MS
        )
        assert interval.rate == 1.0
        assert interval.started_at.tzinfo is not None


@pytest.mark.timeout(60)
def test_a_pc_without_a_sound_device_says_so_once_and_plays_on_silently(
    qtbot: QtBot, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """With the PC's own audio output (``audio=True``, even offscreen): where it cannot be
    opened (this kind of machine has no sound card), libvlc would retry about 20 times a
    second, each try a screenful on stderr.  The player says it once, logs it once, and the
    lecture plays on without sound."""
    path, duration_ms = shortest_lecture()
    window = PlayerWindow(audio=True)
    qtbot.addWidget(window)
    window.focus_probe = lambda: True
    window.play(
        PlayRequest(
            course_id="c1",
            course_title="会计准则专题",
            chapter_id="c1-ch1",
            chapter_title="第一讲",
            duration_ms=duration_ms,
            source=str(path),
        )
    )
    qtbot.waitUntil(lambda: window.seek_slider.value() >= 1_000, timeout=10_000)
    said = "本机没有可用的音频设备，课程将静音播放，学时照常计算。"
    if window.notice_label.text() != said:
        pytest.skip("this machine has a working audio output")
    capfd.readouterr()  # what the first tries wrote before the switch
    start = window.seek_slider.value()
    qtbot.waitUntil(lambda: window.seek_slider.value() >= start + 3_000, timeout=10_000)
    assert window.tracker is not None and window.tracker.covered_ms >= 3_000  # it plays on
    after = capfd.readouterr().err
    assert len(after) < 2_000, after[:2_000]  # ~25 KB in 3 s without the switch
    assert window.notice_label.text() == said
    warnings = [r for r in caplog.records if "without sound" in r.getMessage()]
    assert len(warnings) == 1
    window.close()
