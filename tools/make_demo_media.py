"""Generate the demo lecture clips, the trial preview and the handouts in ``resources/media/``.

Run once by a developer (needs ffmpeg/ffprobe and Pillow); the files are committed so the
platform never needs ffmpeg at runtime. ``clips.json`` records each clip's exact length as
measured by ffprobe, because watch time is credited against it to the millisecond.

The three clips serve every demo chapter of every course (``server.catalog.demo``), so
what they show and their handouts say is subject-free (演示讲座, its length, a running
clock): a chapter's title comes from the catalog (``server/data/demo_catalog.json``, each
course with its own lectures), never from a clip that also plays under other courses.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
MEDIA = ROOT / "resources" / "media"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@dataclass(frozen=True)
class Clip:
    """One demo recording: its file, spoken-tone pitch, length and handout."""

    file: str
    title: str
    seconds: int
    tone_hz: int
    handout: str | None


CLIPS = [
    Clip("lecture-1.mp4", "演示讲座（20 秒）", 20, 440, "lecture-1.pdf"),
    Clip("lecture-2.mp4", "演示讲座（30 秒）", 30, 523, "lecture-2.pdf"),
    Clip("lecture-3.mp4", "演示讲座（40 秒）", 40, 587, "lecture-3.pdf"),
]
PREVIEW = Clip("preview.mp4", "试听片段（10 秒）", 10, 392, None)


def _drawtext(clip: Clip) -> str:
    """A title line and a running clock, so a viewer sees the lecture moving."""
    font = f"fontfile={CJK_FONT}:" if CJK_FONT.exists() else ""
    title = f"drawtext={font}text='{clip.title}':fontcolor=white:fontsize=22:x=(w-tw)/2:y=40"
    clock = f"drawtext={font}text='%{{pts\\:hms}}':fontcolor=yellow:fontsize=28:x=(w-tw)/2:y=h-60"
    return f"{title},{clock}"


def make_clip(clip: Clip) -> None:
    """Encode a small H.264 + AAC mono file with faststart (playable while downloading)."""
    # A tone that pulses twice a second sounds more like speech than a steady beep.
    audio = f"sine=frequency={clip.tone_hz}:sample_rate=22050,volume='0.4*(0.6+0.4*sin(2*PI*2*t))':eval=frame"
    video = f"color=c=0x1f3a5f:s=426x240:r=15,{_drawtext(clip)}"
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error",
         "-f", "lavfi", "-i", video, "-f", "lavfi", "-i", audio, "-t", str(clip.seconds),
         "-c:v", "libx264", "-preset", "veryslow", "-crf", "30", "-pix_fmt", "yuv420p",
         "-g", "30", "-c:a", "aac", "-b:a", "32k", "-ac", "1",
         "-movflags", "+faststart", "-shortest", str(MEDIA / clip.file)],
        check=True,
    )  # fmt: skip


def duration_ms(path: Path) -> int:
    """The container's length in milliseconds, as players report it."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return round(float(out.strip()) * 1000)


def make_handout(clip: Clip) -> None:
    """A one-page A4-ish PDF: a demo handout that names no subject (it goes with every
    course's chapters)."""
    assert clip.handout is not None
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    heading: ImageFont.FreeTypeFont | ImageFont.ImageFont
    body: ImageFont.FreeTypeFont | ImageFont.ImageFont
    if CJK_FONT.exists():
        heading = ImageFont.truetype(str(CJK_FONT), 56)
        body = ImageFont.truetype(str(CJK_FONT), 32)
    else:  # pragma: no cover - the repo's files were made with the font
        heading = body = ImageFont.load_default()
    draw.text((100, 120), "讲义（演示）", fill="black", font=heading)
    draw.text((100, 220), clip.title, fill="gray", font=body)
    lines = [
        "本讲义供演示使用，随演示课程的各讲提供。",
        "正式课程的讲义由培训机构随课程一并提供，",
        "内容与该讲的标题和视频一致。",
        "",
        "一、本讲学习目标",
        "二、主要内容",
        "三、课后思考",
        "",
        f"配套演示视频时长 {clip.seconds} 秒。",
    ]
    for row, line in enumerate(lines):
        draw.text((100, 340 + row * 70), line, fill="black", font=body)
    page.save(MEDIA / clip.handout, "PDF", resolution=150.0)


def main() -> None:
    MEDIA.mkdir(parents=True, exist_ok=True)
    listing: dict[str, object] = {"clips": [], "preview": {}}
    clips: list[dict[str, object]] = []
    for clip in CLIPS:
        make_clip(clip)
        make_handout(clip)
        clips.append(
            {
                "file": clip.file,
                "title": clip.title,
                "duration_ms": duration_ms(MEDIA / clip.file),
                "handout": clip.handout,
            }
        )
    make_clip(PREVIEW)
    listing["clips"] = clips
    listing["preview"] = {"file": PREVIEW.file, "duration_ms": duration_ms(MEDIA / PREVIEW.file)}
    (MEDIA / "clips.json").write_text(
        json.dumps(listing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
