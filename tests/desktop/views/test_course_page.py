"""我的学习 with progress, the course page, 播放, 讲义 and offline — the real app and platform.

Watch events are pushed to the platform as the player would (in the minute after the
pinned purchase time, see test_watch_journal), then the screens are read as a learner
reads them.
"""

from __future__ import annotations

import datetime as dt
import socket
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.api_types import Course
from desktop.models.playback import PlayRequest, WatchedInterval
from desktop.models.watch_journal import event_payload, journal_intervals
from desktop.views.handout_viewer import HandoutViewer
from desktop.views.study import StudyView, format_hms
from tests.desktop.models.test_downloads import selected_chapter
from tests.desktop.models.test_watch_journal import PAID_AT, interval
from tests.desktop.views.test_appearance import (
    appearance,  # noqa: F401 (a fixture)
    clipped_labels,
    keep_shot,
)
from tests.helpers.desktop import click, enter, log_in, navigate, stop_app, wait_settled
from tests.helpers.platform import PlatformProcess, bearer

pytestmark = pytest.mark.usefixtures("memory_keyring")


def push(platform: PlatformProcess, token: str, events: list[dict[str, Any]]) -> None:
    response = requests.post(
        platform.api + "/watch-events", json={"events": events}, headers=bearer(token), timeout=10
    )
    assert response.status_code == 200, response.text
    assert not response.json()["refused"], response.json()


def event(chapter_id: str, from_s: int, to_s: int, wall_from_s: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        **event_payload(interval(chapter_id, from_s, to_s, wall_from_s)),
    }


def chapter_watched_ms(platform: PlatformProcess, learner: dict[str, Any], chapter_id: str) -> int:
    """What the platform credits for *chapter_id* (``GET /progress``)."""
    progress = requests.get(
        platform.api + "/progress", params={"year": 2021},
        headers=bearer(learner["access_token"]), timeout=10,
    ).json()  # fmt: skip
    chapters = [ch for c in progress["courses"] for ch in c["chapters"]]
    return int(next(ch["watched_ms"] for ch in chapters if ch["chapter_id"] == chapter_id))


def closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def open_study(qtbot: QtBot, app: DesktopApp, course_id: str) -> StudyView:
    app.window.shell.show_page("study")
    view = app.study_view
    qtbot.waitUntil(
        lambda: any(c.row_of(course_id) is not None for c in view.cards), timeout=10_000
    )
    return view


def test_study_and_course_page_show_the_credited_time_and_play_resumes(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first = course["chapters"][0]
    push(platform, learner["access_token"], [event(first["id"], 0, 8, 0)])
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        study = open_study(qtbot, app, course["id"])
        card = next(c for c in study.cards if c.row_of(course["id"]) is not None)
        row = card.row_of(course["id"])
        assert row is not None
        qtbot.waitUntil(lambda: row.time_label.text().startswith("已学时长 00:00:08 / 总时长"))
        assert row.status_label.text() == "学习中"
        assert row.study_button.text() == "继续学习"
        assert card.earned_label.text() == "要求完成 60 学分 / 您已完成 0 学分"

        click(qtbot, row.study_button)
        page = app.course_page
        qtbot.waitUntil(lambda: app.window.shell.current_page_key() == "course")
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        assert page.title_label.text() == course["title"]
        assert course["teacher"] in page.teacher_label.text()
        total = sum(c["duration_ms"] for c in course["chapters"])
        assert page.progress_label.text() == f"学习进度 {100 * 8_000 / total:.2f}%"
        first_row, second_row = page.rows[0], page.rows[1]
        assert first_row.time_label.text().startswith("已学时长 00:00:08 / 总时长 00:00:")
        assert second_row.time_label.text().startswith("已学时长 00:00:00")

        # Watched offline a little more: still in the outbox, so newer than the platform.
        cache = None if app.session is None else app.session.cache
        assert cache is not None
        journal_intervals(cache, [interval(first["id"], 8, 12, 10)])
        with qtbot.waitSignal(page.play_requested, timeout=10_000) as asked:
            click(qtbot, first_row.play_button)
        request: PlayRequest = asked.args[0]
        assert request.chapter_id == first["id"] and not request.trial
        assert request.start_ms == 12_000
        assert request.known_intervals == ((0, 12_000),)
        assert request.source.startswith(platform.url) and "token=" in request.source
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible())
        assert app.player is not None
        app.player.close()

        # 讲义: downloaded with progress into the account's folder and shown in the app.
        click(qtbot, second_row.handout_button)
        qtbot.waitUntil(
            lambda: app.handout_viewer is not None and app.handout_viewer.isVisible(),
            timeout=10_000,
        )
        viewer = app.handout_viewer
        assert viewer is not None and viewer.path is not None
        assert viewer.path.read_bytes().startswith(b"%PDF")
        account_dir = app.session.account_dir if app.session is not None else None
        assert account_dir is not None and viewer.path.is_relative_to(account_dir)
        assert viewer.heading.text() == second_row.chapter.title
        assert viewer.page_label.text() == "第 1 / 1 页"
        assert not viewer.problem_label.isVisible()
        assert_page_drawn(qtbot, viewer)
    finally:
        stop_app(app)


def test_offline_a_downloaded_chapter_plays_from_disk_and_another_says_why_not(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first, second = course["chapters"][0], course["chapters"][1]
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].download_button)
        qtbot.waitUntil(lambda: "已下载" in page.rows[0].state_label.text(), timeout=20_000)
        assert not page.rows[0].download_button.isEnabled()

        assert app.api is not None
        online_url = app.api.base_url
        app.api.base_url = f"http://127.0.0.1:{closed_port()}"  # the network is gone
        click(qtbot, page.rows[1].play_button)
        qtbot.waitUntil(lambda: page.message_label.isVisible(), timeout=15_000)
        assert "还没有下载" in page.message_label.text()
        assert app.player is None

        with qtbot.waitSignal(page.play_requested, timeout=10_000) as asked:
            click(qtbot, page.rows[0].play_button)
        request: PlayRequest = asked.args[0]
        assert request.chapter_id == first["id"] and Path(request.source).is_file()
        assert second["id"] not in request.source

        # Watched offline from disk: kept in the outbox, credited once the network is back.
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None
        player.focus_probe = lambda: True  # a headless window is never the active one
        qtbot.waitUntil(
            lambda: player.tracker is not None and player.tracker.covered_ms >= 3_000,
            timeout=15_000,
        )
        player.close()
        cache = None if app.session is None else app.session.cache
        assert cache is not None
        qtbot.waitUntil(lambda: any(i.kind == "watch_event" for i in cache.pending()))
        assert chapter_watched_ms(platform, learner, first["id"]) == 0
        app.api.base_url = online_url  # back online
        assert app.session is not None and app.session.sync is not None
        app.session.sync.sync_now()
        qtbot.waitUntil(
            lambda: chapter_watched_ms(platform, learner, first["id"]) >= 2_500, timeout=15_000
        )

        click(qtbot, page.storage_button)
        storage = app.storage_view
        qtbot.waitUntil(lambda: len(storage.items) == 1, timeout=10_000)
        cell = storage.table.item(0, 1)
        assert cell is not None and cell.text() == first["title"]
        assert storage.total_label.text().startswith("共 1 个章节")
    finally:
        stop_app(app)


def test_study_shows_a_course_not_started_then_follows_the_change_feed(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        study = open_study(qtbot, app, course["id"])
        row = next(r for c in study.cards if (r := c.row_of(course["id"])) is not None)
        assert row.status_label.text() == "未学习"
        assert row.study_button.text() == "开始学习"
        assert row.time_label.text().startswith("已学时长 00:00:00 / 总时长")

        # Watched on another device: the change feed names "progress"; the page follows.
        first = course["chapters"][0]
        push(platform, learner["access_token"], [event(first["id"], 0, 5, 0)])
        assert app.session is not None and app.session.sync is not None
        app.session.sync.sync_now()
        qtbot.waitUntil(lambda: row.status_label.text() == "学习中", timeout=10_000)
        assert row.time_label.text().startswith("已学时长 00:00:05 / 总时长")
        assert row.study_button.text() == "继续学习"
    finally:
        stop_app(app)


def test_an_expired_session_pauses_counting_and_logging_in_again_resumes_it(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].play_button)
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None and player.banner_reason() != "session_expired"

        assert app.api is not None and app.api.tokens is not None and app.session.sync is not None
        revoked = requests.delete(
            platform.api + "/sessions/current",
            headers=bearer(app.api.tokens.access_token),
            timeout=10,
        )
        assert revoked.status_code == 204, revoked.text
        app.session.sync.sync_now()
        qtbot.waitUntil(
            lambda: app.window.stack.currentWidget() is app.window.login, timeout=15_000
        )
        assert player.isVisible() and player.banner_reason() == "session_expired"
        assert "学习记录已保存在本机" in app.window.login.general_error.text()

        log_in(qtbot, app, learner["id_number"], learner["password"])
        qtbot.waitUntil(
            lambda: app.session is not None and app.session.sync is not None, timeout=10_000
        )
        qtbot.waitUntil(lambda: player.banner_reason() != "session_expired", timeout=10_000)
        assert (
            app.session is not None
            and app.session.sync is not None
            and app.session.sync.interval_s == 30
        )  # pushes while playing
        player.close()
        assert app.session.sync.interval_s == 60
    finally:
        stop_app(app)


def test_trial_from_the_catalog_plays_the_preview(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, _course = selected_chapter(platform)
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        token = learner["access_token"]
        enrollment = next(e for e in learner["enrollments"] if e["course_type"] == "professional")
        catalog = requests.get(
            f"{platform.api}/enrollments/{enrollment['id']}/courses",
            headers=bearer(token),
            timeout=10,
        ).json()
        listed = next(c for c in catalog["items"] if c["trial_available"] and not c["selected"])
        app.course_selection_view.trial_requested.emit(Course.from_json(listed))
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        assert app.player is not None
        assert app.player.windowTitle().startswith("试听：")
        assert app.player.tracker is None  # a trial counts nothing
        with qtbot.waitSignal(app.player.closed, timeout=5_000):
            app.player.close()
        wait_settled(qtbot, app)  # whatever the close started has been written
        assert (
            app.session is not None
            and app.session.cache is not None
            and app.session.cache.pending() == []
        )
    finally:
        stop_app(app)


def test_time_another_device_was_credited_for_shows_as_not_credited_on_every_screen(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Another device was credited for the next minute (its 40 s lecture played over it);
    the lecture played here in that minute is refused (``overlap``).  The player, the course
    page and 我的学习 say how much was not credited and why; the counter never counted it."""
    request.getfixturevalue("appearance")()  # the app's own look, as main.py applies it
    learner, course = selected_chapter(platform)
    mine, theirs = course["chapters"][0], course["chapters"][2]
    other_device = WatchedInterval(
        theirs["id"], 0, 40_000, PAID_AT, PAID_AT + dt.timedelta(seconds=60), 1.0
    )
    push(
        platform,
        learner["access_token"],
        [{"id": str(uuid.uuid4()), **event_payload(other_device)}],
    )
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        study = open_study(qtbot, app, course["id"])
        row = next(r for c in study.cards if (r := c.row_of(course["id"])) is not None)
        click(qtbot, row.study_button)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        click(qtbot, page.rows[0].play_button)
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None
        player.focus_probe = lambda: True  # a headless window is never the active one
        qtbot.waitUntil(lambda: player.pending_ms() >= 3_000, timeout=15_000)
        assert player.credited_label.text().startswith("已计学时 00:00:00 · 待确认 00:00:0")

        click(qtbot, player.play_button)  # pause: what was played is journalled …
        played = player.pending_ms()
        cache, sync = app.session.cache, app.session.sync
        assert cache is not None and sync is not None
        qtbot.waitUntil(lambda: any(i.kind == "watch_event" for i in cache.pending()))
        sync.sync_now()  # … and pushed
        qtbot.waitUntil(player.refusal_notice.isVisible, timeout=15_000)
        uncredited = format_hms(played)
        reason = "正在其他设备学习：同一时间只计一处学时"
        assert player.refusal_label.text() == f"这一讲有 {uncredited} 未计入学时。{reason}"
        assert player.uncredited_label.text() == f"未计学时 {uncredited}"
        assert (
            player.credited_label.text() == "已计学时 00:00:00 · 待确认 00:00:00 · 总时长 00:00:20"
        )
        qtbot.waitUntil(player.banner.isVisible)
        qtbot.waitUntil(lambda: clipped_labels(player) == [])
        keep_shot(player, "player-refused-overlap", tmp_path)
        player.close()

        first = page.rows[0]
        qtbot.waitUntil(first.uncredited_label.isVisible, timeout=10_000)
        assert first.uncredited_label.text() == f"未计学时 {uncredited} · {reason}"
        assert first.time_label.text() == "已学时长 00:00:00 / 总时长 00:00:20"
        assert not page.rows[1].uncredited_label.isVisible()
        total = sum(c["duration_ms"] for c in course["chapters"])
        assert page.progress_label.text() == f"学习进度 {100 * 40_000 / total:.2f}%"  # theirs only
        qtbot.waitUntil(lambda: clipped_labels(page) == [])
        keep_shot(app.window, "course-page-refused-overlap", tmp_path)
        assert chapter_watched_ms(platform, learner, mine["id"]) == 0

        navigate(qtbot, app, "study")
        row = next(r for c in study.cards if (r := c.row_of(course["id"])) is not None)
        qtbot.waitUntil(row.uncredited_label.isVisible, timeout=10_000)
        assert row.uncredited_label.text() == f"未计学时 {uncredited} · {reason}"
        assert row.time_label.text().startswith("已学时长 00:00:40 / 总时长")  # the other device's
        assert study.refusal_notice.isVisible()
        assert study.refusal_label.text() == f"有 {uncredited} 的学习时间未计入学时。{reason}"
        qtbot.waitUntil(lambda: clipped_labels(study) == [])  # once the new line is laid out
        keep_shot(app.window, "study-refused-overlap", tmp_path)
        click(qtbot, study.dismiss_button)  # 知道了: closed for good, the course's total stays
        assert not study.refusal_notice.isVisible()
        navigate(qtbot, app, "home")
        navigate(qtbot, app, "study")
        qtbot.waitUntil(lambda: study.progress is not None, timeout=10_000)
        wait_settled(qtbot, app)  # the reload has drawn what it read
        assert not study.refusal_notice.isVisible()
        assert row.uncredited_label.isVisible()
        assert [refusal.dismissed for refusal in cache.refusals()] == [True]
    finally:
        stop_app(app)


def assert_page_drawn(qtbot: QtBot, viewer: HandoutViewer) -> None:
    """The handout's first page is on the screen: drawn, with dark text on white."""
    page = viewer.pages[0]
    qtbot.waitUntil(lambda: page.drawn, timeout=5_000)
    image = page.grab().toImage()
    dark = sum(
        image.pixelColor(x, y).lightness() < 100
        for x in range(0, image.width(), 3)
        for y in range(0, image.height(), 3)
    )
    assert dark > 50, dark


def test_handouts_open_in_the_app_from_the_course_page_and_under_the_video(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first = course["chapters"][0]
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        with qtbot.waitSignal(page.play_requested, timeout=10_000) as asked:
            click(qtbot, page.rows[0].play_button)
        assert asked.args[0].handout
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None and player.handout_button.isEnabled()

        click(qtbot, player.handout_button)  # 讲义 under the video
        qtbot.waitUntil(
            lambda: app.handout_viewer is not None and app.handout_viewer.isVisible(),
            timeout=10_000,
        )
        viewer = app.handout_viewer
        assert viewer is not None
        assert viewer.heading.text() == first["title"]
        assert viewer.page_label.text() == "第 1 / 1 页"
        assert_page_drawn(qtbot, viewer)
        assert player.notice_label.text() == ""
        viewer.close()

        # The network is gone: both buttons say why in Chinese, neither is silent.
        assert app.api is not None
        app.api.base_url = f"http://127.0.0.1:{closed_port()}"
        click(qtbot, player.handout_button)
        qtbot.waitUntil(
            lambda: player.notice_label.text().startswith("讲义下载失败"), timeout=15_000
        )
        assert player.notice_label.text() == "讲义下载失败：无法连接平台。请联网后再点击“讲义”。"
        player.close()
        click(qtbot, page.rows[0].handout_button)
        qtbot.waitUntil(lambda: page.message_label.isVisible(), timeout=15_000)
        assert page.message_label.text() == "讲义下载失败：无法连接平台。请联网后再点击“讲义”。"
        assert not viewer.isVisible()
    finally:
        stop_app(app)


def test_a_chapter_played_to_its_end_goes_on_to_the_next(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first, second = course["chapters"][0], course["chapters"][1]
    near_end_s = first["duration_ms"] // 1000 - 4  # short of the completion tolerance
    push(platform, learner["access_token"], [event(first["id"], 0, near_end_s, 0)])
    app = enter(qtbot, platform, tmp_path, learner)
    try:
        app._open_course(course["id"], 2021)
        page = app.course_page
        qtbot.waitUntil(lambda: len(page.rows) == len(course["chapters"]), timeout=10_000)
        with qtbot.waitSignal(page.play_requested, timeout=10_000) as asked:
            click(qtbot, page.rows[0].play_button)
        assert asked.args[0].start_ms == near_end_s * 1000
        qtbot.waitUntil(lambda: app.player is not None and app.player.isVisible(), timeout=10_000)
        player = app.player
        assert player is not None
        player.focus_probe = lambda: True  # a headless window is never the active one
        with qtbot.waitSignal(page.play_requested, timeout=15_000) as following:
            pass  # the first chapter's last seconds play, then the next one is asked for
        assert following.args[0].chapter_id == second["id"]
        qtbot.waitUntil(lambda: second["title"] in player.windowTitle(), timeout=5_000)
        assert player.notice_label.text() == f"上一讲已播放完毕，现在接着播放：{second['title']}"
        assert player.tracker is not None and player.tracker.chapter_id == second["id"]
    finally:
        stop_app(app)
