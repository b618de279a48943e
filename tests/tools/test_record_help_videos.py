"""The help-video recorder still drives today's app: it films the 注册 step for real (Xvfb,
the platform, the app, ffmpeg) and the clip shows the app, so a renamed widget or a changed
flow fails here instead of on the day the videos are re-recorded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from desktop.models.help_videos import HELP_VIDEOS, read_manifest
from tests.helpers.platform import REPO_ROOT
from tools.record_help_videos import STEPS, VIDEO_SIZE, missing_tools

MISSING = missing_tools()


def test_every_help_video_has_a_step_in_the_recorder() -> None:
    assert [video.key for video in HELP_VIDEOS] == list(STEPS)


@pytest.mark.skipif(
    bool(MISSING),
    reason=f"recording needs {', '.join(MISSING)} (scripts/quickstart.sh test installs them)",
)
@pytest.mark.timeout(180)
def test_the_recorder_films_the_registration_step(tmp_path: Path) -> None:
    out = tmp_path / "help"
    result = subprocess.run(
        [sys.executable, "-m", "tools.record_help_videos", "--steps", "register",
         "--pace", "0.25", "--out", str(out)],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=170, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    video = out / "01-register.mp4"
    assert sorted(p.name for p in out.iterdir()) == ["01-register.mp4", "videos.json"]
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
         "stream=codec_name,width,height:format=duration", "-of", "json", str(video)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    info = json.loads(probe.stdout)
    stream = info["streams"][0]
    assert (stream["codec_name"], stream["width"], stream["height"]) == ("h264", *VIDEO_SIZE)
    length_ms = float(info["format"]["duration"]) * 1000
    assert length_ms > 4_000
    assert abs(read_manifest(out)["01-register.mp4"] - length_ms) <= 500

    # Near the end the learner is in: the frame is the app's window, not a blank screen.
    frame = tmp_path / "frame.png"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-sseof", "-1", "-i", str(video), "-frames:v", "1",
         str(frame)],
        check=True,
    )  # fmt: skip
    image = QImage(str(frame))
    colours = {
        image.pixel(x, y) for x in range(0, image.width(), 16) for y in range(0, image.height(), 16)
    }
    assert len(colours) > 20, "the last frame is (nearly) one colour"
