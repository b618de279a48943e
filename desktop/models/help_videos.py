"""用户操作视频: the short help videos of the year's main steps, and where they are.

One list for the app (帮助 → 用户操作视频 shows and plays them) and for the tool that records
them from the real app (``tools/record_help_videos.py`` records one video per entry, under
the entry's file name): a step added here is a step the recorder must learn, or its test
fails.  The videos ship in ``resources/help/`` (the source tree and the PyInstaller bundle
alike).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.frozen import bundle_dir
from rules._i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CONTEXT = "HelpVideos"
MANIFEST = "videos.json"
"""Beside the videos: each file's length in ms, written by the recorder."""
UNKNOWN_LENGTH_MS = 10 * 60 * 1000
"""The player's range for a video whose length the manifest lacks (longer than any)."""


@dataclass(frozen=True)
class HelpVideo:
    """One step: ``key`` names the recorder's step, ``file`` the video in the help folder;
    ``title`` and ``summary`` are source texts (translated where shown)."""

    key: str
    file: str
    title: str
    summary: str

    def display_title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.title)

    def display_summary(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.summary)


HELP_VIDEOS: tuple[HelpVideo, ...] = (
    HelpVideo(
        "register",
        "01-register.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "注册"),
        QT_TRANSLATE_NOOP(
            "HelpVideos", "回答温馨提醒的两个问题，填写证件号码、姓名、手机号码和密码。"
        ),
    ),
    HelpVideo(
        "profile",
        "02-profile.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "信息采集"),
        QT_TRANSLATE_NOOP("HelpVideos", "登录后填写个人、学历、工作和专业技术资格信息并提交。"),
    ),
    HelpVideo(
        "purchase",
        "03-purchase.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "购买课程"),
        QT_TRANSLATE_NOOP("HelpVideos", "在学习资源中选择培训机构，勾选当年的课程并扫码付款。"),
    ),
    HelpVideo(
        "selection",
        "04-selection.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "选课"),
        QT_TRANSLATE_NOOP("HelpVideos", "在我的学习中为专业课选满学分，或使用一键选课。"),
    ),
    HelpVideo(
        "study",
        "05-study.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "听课"),
        QT_TRANSLATE_NOOP("HelpVideos", "打开课程，播放章节；播放器显示已计学时。"),
    ),
    HelpVideo(
        "exam",
        "06-exam.mp4",
        QT_TRANSLATE_NOOP("HelpVideos", "考试"),
        QT_TRANSLATE_NOOP("HelpVideos", "公需课学完后在公需考试中开始考试，作答并交卷。"),
    ),
)


def help_dir() -> Path:
    """The folder of the videos: ``resources/help`` beside the code (or in the bundle)."""
    return bundle_dir() / "resources" / "help"


def video_path(video: HelpVideo, folder: Path | None = None) -> Path:
    return (folder or help_dir()) / video.file


@dataclass(frozen=True)
class HelpVideoFile:
    """A help video as found on this machine (the file may be missing)."""

    video: HelpVideo
    path: Path
    duration_ms: int

    def length_text(self) -> str:
        if self.duration_ms <= 0:
            return "?"
        seconds = round(self.duration_ms / 1000)
        return f"{seconds // 60}:{seconds % 60:02d}"


def read_manifest(folder: Path) -> dict[str, int]:
    """The lengths the recorder wrote ({file: ms}); empty when there is none."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("no help video lengths: %s", exc)
        return {}
    return {
        str(name): int(entry.get("duration_ms", 0))
        for name, entry in data.items()
        if isinstance(entry, dict)
    }


def read_catalogue(folder: Path | None = None) -> list[HelpVideoFile]:
    """Every help video with its path and length (reads a file: run it on a worker)."""
    folder = folder or help_dir()
    lengths = read_manifest(folder)
    return [
        HelpVideoFile(video, video_path(video, folder), lengths.get(video.file, 0))
        for video in HELP_VIDEOS
    ]


def write_manifest(folder: Path, lengths: dict[str, int]) -> None:
    """Record the lengths (the recorder; files not re-recorded keep theirs)."""
    earlier = read_manifest(folder) if (folder / MANIFEST).exists() else {}
    known = {name: {"duration_ms": ms} for name, ms in earlier.items()}
    known.update({name: {"duration_ms": ms} for name, ms in lengths.items()})
    ordered = {v.file: known[v.file] for v in HELP_VIDEOS if v.file in known}
    (folder / MANIFEST).write_text(json.dumps(ordered, indent=2) + "\n", "utf-8")
