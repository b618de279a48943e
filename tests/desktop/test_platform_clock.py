"""Watch events are stamped in the platform's time, so a PC clock that is off loses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.models.platform_clock import PlatformClock
from tests.desktop.models.test_downloads import selected_chapter
from tests.desktop.views.test_course_page import chapter_watched_ms
from tests.helpers.desktop import click, enter, stop_app
from tests.helpers.platform import PlatformProcess

pytestmark = pytest.mark.usefixtures("memory_keyring")


def test_the_offset_is_measured_from_the_servers_answer() -> None:
    local = dt.datetime(2026, 11, 26, 23, 0, tzinfo=dt.UTC)
    server = dt.datetime(2021, 6, 21, 10, 23, 50, tzinfo=dt.UTC)
    clock = PlatformClock(local_now=lambda: local)
    assert clock.now() == local  # nothing measured yet: the local clock
    answer = clock.measure(lambda: "2021-06-21T18:23:50+08:00", lambda text: text)
    assert answer == "2021-06-21T18:23:50+08:00"
    # The server's time is placed halfway through the call, so "now" trails it by half
    # the call's duration (microseconds here).
    assert abs(clock.now() - server) < dt.timedelta(milliseconds=50)
    measured = clock.now()
    clock.measure(lambda: "", lambda text: text)  # no usable time: the offset stays
    assert clock.now() == measured


def test_a_lecture_watched_on_a_pc_whose_clock_is_years_off_is_credited(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    """The shared platform's clock says 2021; this PC says today.  Without the offset every
    event would be refused as "in the future" or "after the deadline"."""
    learner, course = selected_chapter(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        assert abs(app.platform_clock.now().year - 2021) == 0
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].play_button)
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None
        player.focus_probe = lambda: True  # a headless window is never the active one
        qtbot.waitUntil(lambda: player.tracker is not None and player.tracker.covered_ms >= 4_000,
                        timeout=20_000)  # fmt: skip
        player.close()  # hands out the last interval and pushes

        chapter = course["chapters"][0]["id"]
        qtbot.waitUntil(
            lambda: chapter_watched_ms(platform, learner, chapter) >= 3_500, timeout=20_000
        )
        cache = None if app.session is None else app.session.cache
        assert cache is not None
        # The last interval (journalled as the window closed) is pushed at once, not a cycle later.
        qtbot.waitUntil(lambda: not [i for i in cache.pending() if i.kind == "watch_event"],
                        timeout=10_000)  # fmt: skip
    finally:
        stop_app(app)
