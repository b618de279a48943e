"""Build the example year: a catalog workbook and its media folder, ready for import-catalog.

    .venv/bin/python tools/make_example_year.py --out ~/kjce-example [--year 2021]

writes ``示例年度-<year>.xlsx`` and the folder ``lectures/`` it names (the second argument of
import-catalog).  The folder is not called ``media``: a platform whose database is put in
the same folder keeps its media store in ``media/`` there, and the institution's files
should not be mixed into the platform's store.

A real-shaped year of one institution (岭南会计进修学院（示例）, ``lnkj``): the public
package of the guide, whose course 科技创新现状与发展趋势 runs 1,393 minutes over 31 lectures,
with its exam on the public bank; and the professional package of 50 courses, 45 minutes
a credit, each lecture titled after its course — the content of the demo
(``server/data/demo_catalog.json``) at its real length.  The workbook is written with the
import's own format (``server.catalog``) and checked with the import's own checks before
this tool says it is done.

The lectures are the demo clips (``resources/media/``) looped to each length with
``ffmpeg -stream_loop`` and copied, not re-encoded (ffmpeg is needed here, never by the
platform).  One file is made per length and linked under each lecture's own name, so the
folder holds about 230 MB, not gigabytes; the platform stores each distinct file once.
Nothing made here is committed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from server.catalog.demo import (  # noqa: E402
    catalog_rows,
    example_minutes,
    lecture_title,
    public_bank,
)
from server.catalog.importer import MediaFolder, check_workbook  # noqa: E402
from server.catalog.report import Report  # noqa: E402
from server.catalog.workbook import from_rows, write  # noqa: E402
from server.media import MEDIA_DIR, probe_video  # noqa: E402
from server.settings import parse_instant  # noqa: E402

INSTITUTION = {
    "id": "lnkj",
    "name": "岭南会计进修学院（示例）",
    "region_code": "440100",
    "phone": "020-83336000",
    "mode": "online",
}
CLIPS = ("lecture-1.mp4", "lecture-2.mp4", "lecture-3.mp4")
PREVIEW = "preview.mp4"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
#: Each lecture ends this much short of its whole minutes, so that the public course's 31
#: add up to just under 1,393 minutes (the exam page shows whole minutes, rounded up).
SHORT_OF_MINUTE_MS = 300


def loop(minutes: int, loops: Path) -> Path:
    """The lecture of *minutes* (made once): a demo clip looped, stream-copied, faststart.

    A copy is cut at a packet, and the movie's length comes out a few tenths of a second
    off the one asked for; the length the importer will read is measured and the cut
    moved until the lecture is just short of its whole minutes.
    """
    target = loops / f"lecture-{minutes:03d}min.mp4"
    if target.exists():
        return target
    clip = MEDIA_DIR / CLIPS[minutes % len(CLIPS)]
    wanted_ms = minutes * 60_000 - SHORT_OF_MINUTE_MS
    cut_ms = wanted_ms
    partial = target.with_suffix(".part.mp4")
    for _ in range(4):
        subprocess.run(
            ["ffmpeg", "-y", "-loglevel", "error", "-stream_loop", "-1", "-i", str(clip),
             "-t", f"{cut_ms / 1000:.3f}", "-c", "copy", "-movflags", "+faststart", str(partial)],
            check=True,
        )  # fmt: skip
        length = probe_video(partial).duration_ms
        if minutes * 60_000 - 1_000 < length < minutes * 60_000:
            break
        cut_ms -= length - wanted_ms
    partial.replace(target)
    return target


def link(source: Path, target: Path) -> None:
    """*target* as another name of *source* (a hard link; a copy where links fail)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copy(source, target)


def handout(path: Path, course: dict[str, Any], title: str, minutes: int) -> None:
    """A one-page PDF handout: course, lecture title, and an outline."""
    page = Image.new("L", (827, 1169), 255)
    draw = ImageDraw.Draw(page)
    heading: ImageFont.FreeTypeFont | ImageFont.ImageFont
    body: ImageFont.FreeTypeFont | ImageFont.ImageFont
    if CJK_FONT.exists():
        heading = ImageFont.truetype(str(CJK_FONT), 34)
        body = ImageFont.truetype(str(CJK_FONT), 22)
    else:  # pragma: no cover - ImageFont's default cannot draw Chinese
        heading = body = ImageFont.load_default()
    draw.text((70, 80), course["title"][:30], fill=0, font=body)
    draw.text((70, 130), title[:24], fill=0, font=heading)
    lines = [
        f"主讲：{course['teacher']}    时长：{minutes} 分钟",
        "",
        "一、本讲学习目标",
        "　　掌握本讲涉及的基本概念、适用范围与实务要点。",
        "二、主要内容",
        f"　　{title.split(' ', 1)[-1][:26]}",
        "三、课后思考",
        "　　结合本单位实际，说明本讲内容的应用。",
        "",
        "（示例讲义，由 tools/make_example_year.py 生成）",
    ]
    for row, line in enumerate(lines):
        draw.text((70, 220 + row * 48), line, fill=0, font=body)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.save(path, "PDF", resolution=100.0)


def build(out: Path, year: int) -> Path:
    media = out / "lectures"
    loops = out / "loops"
    media.mkdir(parents=True, exist_ok=True)
    loops.mkdir(parents=True, exist_ok=True)
    shutil.copy(MEDIA_DIR / PREVIEW, media / PREVIEW)
    institution = INSTITUTION["id"]

    def files(
        course_type: str, position: int, number: int, course: dict[str, Any]
    ) -> dict[str, str]:
        minutes = example_minutes(course)[number - 1]
        folder = f"{'公需课' if course_type == 'public' else '专业课'}/{position:02d}"
        video = f"{folder}/第{number:02d}讲.mp4"
        link(loop(minutes, loops), media / video)
        pdf = f"{folder}/第{number:02d}讲.pdf"
        handout(media / pdf, course, lecture_title(number, course["chapters"][number - 1]), minutes)
        return {"video": video, "handout": pdf, "preview": PREVIEW if number == 1 else ""}

    paper = f"{institution}-{year}"
    bank = [{**q, "id": f"{paper}-{q['id']}"} for q in public_bank()]
    sheets = catalog_rows(
        INSTITUTION,
        [year],
        chapters=lambda course, _position: len(course["chapters"]),
        files=files,
        paper=paper,
        bank=bank,
    )
    book_path = write(out / f"示例年度-{year}.xlsx", sheets)
    shutil.rmtree(loops)  # the lectures are linked under their own names
    # The import's own checks, with no database: every row, every file, every total.
    book = from_rows(book_path.name, sheets)
    report = Report(institution, book.name, media)
    now = parse_instant(f"{year}-06-21T09:00:00")
    catalog = check_workbook(book, institution, MediaFolder(media), now, report)
    if not report.ok:
        sys.exit(report.text())
    public = next(p for p in catalog.packages.values() if p.course_type == "public")
    study_ms = sum(ch.video.duration_ms for c in public.courses for ch in c.chapters)
    inodes = {(f.stat().st_dev, f.stat().st_ino): f.stat().st_size for f in media.rglob("*.*")}
    size = sum(inodes.values())  # each linked lecture once
    print(f"工作簿：{book_path}")
    print(f"媒体文件夹：{media}（{size / 1e6:.0f} MB）")
    print(
        f"课程包 {len(catalog.packages)} 个，课程 {len(catalog.courses)} 门，"
        f"章节 {len(catalog.chapters)} 讲，试题 {sum(map(len, catalog.papers.values()))} 道"
    )
    print(
        f"公需课考试前须学完 {study_ms / 60_000:.2f} 分钟（{dt.timedelta(milliseconds=study_ms)}）"
    )
    return book_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the workbook and media")
    parser.add_argument("--year", type=int, default=2021, help="the year (default 2021)")
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        sys.exit("ffmpeg is needed (Debian/Ubuntu: apt-get install ffmpeg)")
    build(args.out.expanduser().resolve(), args.year)


if __name__ == "__main__":
    main()
