"""帮助 → 用户操作视频: the six help videos are listed, each is a short clip libvlc plays, and
choosing one plays it in the app's own player (tools/record_help_videos.py makes them)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.models.help_videos import HELP_VIDEOS, help_dir, read_catalogue, read_manifest
from desktop.views.help_videos import HelpVideosDialog
from tests.helpers.desktop import click, start_app, stop_app
from tests.helpers.media import needs_libvlc
from tests.helpers.platform import PlatformProcess

TITLES = ["注册", "信息采集", "购买课程", "选课", "听课", "考试"]
"""The guide's main steps, in the order of the year."""
MAX_TOTAL_BYTES = 6 * 1024 * 1024
"""They ship in the repository and in every installer."""


def test_help_menu_lists_the_six_steps_and_plays_the_chosen_one_in_the_player(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path
) -> None:
    app = start_app(qtbot, platform.url, tmp_path)  # help before any login: at the login screen
    try:
        help_menu = app.window.menuBar().actions()[-1]
        assert help_menu.text().startswith("帮助")
        action = app.window.help_videos_action
        assert action in help_menu.menu().actions()  # type: ignore[attr-defined]
        action.trigger()
        qtbot.waitUntil(
            lambda: (
                app.menus.help_videos_dialog is not None
                and app.menus.help_videos_dialog.isVisible()
            ),
            timeout=10_000,
        )
        dialog = app.menus.help_videos_dialog
        assert dialog is not None
        assert dialog.titles() == TITLES
        rows = [dialog.video_list.item(i).text() for i in range(dialog.video_list.count())]
        assert [row.split(". ")[1].split("（")[0] for row in rows] == TITLES
        assert all("?" not in row for row in rows), rows  # every length is known

        if not dialog_can_play():
            return
        dialog.select("study")
        assert "播放" in dialog.summary.text()
        click(qtbot, dialog.play_button)
        qtbot.waitUntil(lambda: dialog.player is not None and dialog.player.isVisible())
        player = dialog.player
        assert player is not None
        assert Path(player.source) == help_dir() / "05-study.mp4"
        assert "听课" in player.heading.text() and "试听" not in player.windowTitle()
        # Real libvlc plays the real clip: its clock moves.
        qtbot.waitUntil(lambda: player.seek_slider.value() > 300, timeout=15_000)
        assert not player.credited_label.isVisible()  # a help video counts no 学时
        assert not player.handout_button.isVisible()  # and has no 讲义
        assert not player.banner.isVisible()
        assert player.seek_slider.maximum() == read_manifest(help_dir())["05-study.mp4"]
        dialog.reject()
        qtbot.waitUntil(lambda: not player.isVisible())
    finally:
        stop_app(app)


def dialog_can_play() -> bool:
    from desktop.models.vlc_backend import load_vlc

    return load_vlc() is not None


@needs_libvlc
def test_every_help_video_is_a_short_clip_libvlc_plays() -> None:
    import vlc

    lengths = read_manifest(help_dir())
    total = 0
    instance = vlc.Instance(["--quiet", "--vout=dummy", "--aout=dummy"])
    try:
        for video in HELP_VIDEOS:
            path = help_dir() / video.file
            assert path.is_file(), path
            total += path.stat().st_size
            media = instance.media_new_path(str(path))
            media.parse_with_options(vlc.MediaParseFlag.local, 10_000)
            deadline = time.monotonic() + 10
            while media.get_parsed_status() == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert media.get_parsed_status() == vlc.MediaParsedStatus.done, path
            length_ms = media.get_duration()
            assert 8_000 <= length_ms <= 60_000, (path, length_ms)
            assert abs(length_ms - lengths[video.file]) <= 500, (path, length_ms)
            videos = [
                (track.codec.to_bytes(4, "little"), video_size(track))
                for track in media.tracks_get() or ()
                if track.type == vlc.TrackType.video
            ]
            assert len(videos) == 1, path
            codec, (width, height) = videos[0]
            assert codec == b"h264", (path, codec)
            assert width == 1024 and 700 <= height <= 768, (path, width, height)  # readable, small
            media.release()
    finally:
        instance.release()
    assert total < MAX_TOTAL_BYTES, total


def video_size(track: Any) -> tuple[int, int]:
    """libvlc's track holds a union of audio/video/subtitle pointers, which python-vlc lays
    out as three fields: the video pointer is the first one's (``audio``)."""
    import ctypes

    import vlc

    video = ctypes.cast(track.audio, ctypes.POINTER(vlc.VideoTrack)).contents
    return int(video.width), int(video.height)


def test_without_libvlc_the_list_says_so_and_offers_the_folder(qtbot: QtBot) -> None:
    opened: list[Path] = []
    dialog = HelpVideosDialog(read_catalogue(), vlc_loader=lambda: None, open_folder=opened.append)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.select("register")
    click(qtbot, dialog.play_button)
    assert dialog.player is None
    assert dialog.problem.isVisible() and "VLC" in dialog.problem.text()
    assert str(help_dir()) in dialog.problem.text()
    click(qtbot, dialog.folder_button)
    assert opened == [help_dir()]
    QApplication.processEvents()


def test_a_missing_video_is_named_not_played(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = HelpVideosDialog(read_catalogue(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    assert all("?" in dialog.video_list.item(i).text() for i in range(6))
    click(qtbot, dialog.play_button)
    assert dialog.player is None
    assert str(tmp_path / "01-register.mp4") in dialog.problem.text()
    assert not dialog.folder_button.isVisible()
