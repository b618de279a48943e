"""An institution loads its own catalog, lectures and question bank (issue 19).

Everything goes through ``python -m server import-catalog`` as an administrator runs it, on
the database and data folder of a real platform, and learners then use the imported year
over HTTP.  The workbooks are written with the format's own writer (``server.catalog``);
the media are the demo clips, and bad media are the same clips with a few bytes changed
(``tests/helpers/catalog.py``), so no test needs ffmpeg.  Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import create_engine, text

from server.catalog.demo import demo_catalog, demo_workbook
from server.catalog.workbook import NOTES_TITLE, SHEETS, cell_text, read, write
from server.media import MEDIA_DIR, media_path, sha256_of
from tests.conftest import PlatformFactory
from tests.helpers.catalog import (
    INSTITUTION,
    PAPER,
    PROFESSIONAL,
    PUBLIC,
    bad_rows,
    good_rows,
    import_catalog,
    media_folder,
    question_rows,
    right_answer,
    write_book,
)
from tests.helpers.learners import (
    complete_professional_courses,
    complete_public_course,
    enrolled_learner,
    push_events,
    server_command,
    start_attempt,
    watch_event,
)
from tests.helpers.platform import REPO_ROOT, PlatformProcess, bearer, login, shifted

BOUGHT = "2021-06-21T09:00:00+08:00"
LATER = shifted(BOUGHT, minutes=90)
EXAM = f"{PUBLIC}-exam"
CATALOG_TABLES = (
    "institutions",
    "packages",
    "courses",
    "chapters",
    "exams",
    "exam_papers",
    "exam_questions",
)


@pytest.fixture
def media(tmp_path: Path) -> Path:
    return media_folder(tmp_path / "媒体")


def _snapshot(platform: PlatformProcess) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the catalog's tables (the platform's own, through SQL)."""
    engine = create_engine(platform.db_url)
    try:
        with engine.connect() as connection:
            names = set(
                connection.execute(
                    text("SELECT table_name FROM information_schema.tables")
                    if engine.dialect.name == "postgresql"
                    else text("SELECT name FROM sqlite_master WHERE type = 'table'")
                ).scalars()
            )
            return {
                table: sorted(
                    tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))
                )
                if table in names
                else []
                for table in CATALOG_TABLES
            }
    finally:
        engine.dispose()


def _store(platform: PlatformProcess) -> dict[str, int]:
    """The media store's files and when each was written."""
    root = platform.workdir / "media"
    return {
        str(path.relative_to(root)): path.stat().st_mtime_ns
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _unstarted(tmp_path: Path, name: str = "platform") -> PlatformProcess:
    """A platform's database and data folder, for the command line only (not serving)."""
    return PlatformProcess(tmp_path / name, now=BOUGHT, seed_demo=False)


# -- the format ---------------------------------------------------------------------------


def test_the_template_explains_every_column_and_reads_back_empty(tmp_path: Path) -> None:
    out = tmp_path / "课程目录模板.xlsx"
    result = subprocess.run(
        [sys.executable, "-m", "server", "catalog-template", "--out", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    workbook = load_workbook(out)
    assert workbook.sheetnames == [NOTES_TITLE, "机构", "课程包", "课程", "章节", "试题"]
    notes = [
        tuple(cell_text(c) for c in row)
        for row in workbook[NOTES_TITLE].iter_rows(values_only=True)
    ]
    for spec in SHEETS:
        header = [cell_text(c) for c in next(workbook[spec.title].iter_rows(values_only=True))]
        assert header == [column.header() for column in spec.columns]
        for column in spec.columns:  # every column explained, required or not
            assert any(row[:2] == (spec.title, column.header()) for row in notes), column
    # The grey example rows are skipped while left as they are: an untouched template
    # imports nothing.
    book = read(out)
    assert book.structure == [] and all(rows == [] for rows in book.rows.values())


def test_the_demo_reads_back_the_same_from_xlsx(tmp_path: Path) -> None:
    """The demo is imported from memory at every seed; written to a workbook and read back,
    it says the same, cell for cell — the format and the demo cannot drift apart."""
    institution = demo_catalog()["institutions"][0]
    book = demo_workbook(institution, [2021], define_bank=True)
    path = write(
        tmp_path / "demo.xlsx",
        {key: [dict(r.cells) for r in rows] for key, rows in book.rows.items()},
    )
    again = read(path)
    assert again.structure == []
    for spec in SHEETS:
        assert len(again.rows[spec.key]) == len(book.rows[spec.key]), spec.key
        for mine, theirs in zip(book.rows[spec.key], again.rows[spec.key], strict=True):
            assert mine.number == theirs.number
            assert {k: cell_text(v) for k, v in mine.cells.items()} == {
                k: cell_text(theirs.get(k)) for k in mine.cells
            }


def test_older_databases_name_the_demo_clips_by_file_name(tmp_path: Path) -> None:
    """Chapters of a database seeded before the import name ``lecture-1.mp4``: still found."""
    assert media_path(tmp_path, "lecture-1.mp4") == MEDIA_DIR / "lecture-1.mp4"
    stored = "ab/" + "ab" * 32 + ".mp4"
    assert media_path(tmp_path, stored) == tmp_path / stored


def test_seed_demo_from_the_command_line_stores_the_lectures_where_the_platform_serves(
    tmp_path: Path,
) -> None:
    """``seed-demo`` imports the demo like any catalog: its lectures go to the media store of
    the platform's data folder (on PostgreSQL, ``--data-dir``), not the working directory."""
    platform = _unstarted(tmp_path)
    server_command(platform, "seed-demo")
    stored = {path.name for path in (platform.workdir / "media").rglob("*.mp4")}
    clips = [MEDIA_DIR / f"lecture-{n}.mp4" for n in (1, 2, 3)] + [MEDIA_DIR / "preview.mp4"]
    assert stored == {f"{sha256_of(clip)}.mp4" for clip in clips}


def test_serving_and_seeding_import_neither_openpyxl_nor_mutagen() -> None:
    """The XLSX and MP4 readers load only when a workbook or a file is read."""
    probe = (
        "import sys, server.app, server.seed, server.catalog.importer; "
        "print(sorted(m for m in ('openpyxl', 'mutagen') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- refusals -----------------------------------------------------------------------------

REFUSED = """\
结果：未导入——发现 31 处问题，平台上没有任何改动。请逐条改正后再导入：
  [机构] 第 2 行 所在城市（C 列）：请填写广东省的地级市（不含深圳市），如 广州市（这里是“深圳市”）
  [课程包] 第 2 行 学分（F 列）：公需课程包各课程学分合计 29，须等于课程包学分 30
  [课程包] 第 3 行 考试名称（G 列）：专业课没有考试，请把这一格留空
  [课程包] 第 4 行 学分（F 列）：各课程学分合计只有 4，不足课程包学分 60：学员选不满
  [课程包] 第 5 行 考试名称（G 列）：公需课课程包须有且只有一场考试：请填写考试名称
  [课程包] 第 5 行 题库编号（H 列）：公需课的考试从哪个题库抽题？请填写题库编号
  [课程包] 第 6 行 课程包编号（A 列）：课程包编号 bad-2021-public 与第 2 行重复
  [课程包] 第 7 行 价格（元）（E 列）：请填写数字（这里是“九十”）
  [课程包] 第 7 行 学分（F 列）：专业课课程包的学分须为 60（2021 年度专业课的学分要求），这里是 50
  [课程] 第 4 行 课程包编号（B 列）：课程包编号 nope-2021 不在“课程包”表中
  [课程] 第 5 行 学分（F 列）：最多 1 位小数（这里是 2.45）
  [课程] 第 6 行 必修（G 列）：请填写“是”或“否”（这里是“可能”）
  [课程] 第 7 行 课程编号（A 列）：课程编号 bad-pro-c01 与第 3 行重复
  [课程] 第 8 行 课程编号（A 列）：课程没有章节（“章节”表中没有属于它的行）
  [课程] 第 9 行 必修（G 列）：公需课程包的课程须全部为必修（填“是”）
  [课程] 第 9 行 可试听（H 列）：可试听为“是”，但没有一个章节填了试听片段
  [章节] 第 4 行 视频文件（D 列）：handout-as-video.mp4：不是 MP4 视频文件
  [章节] 第 5 行 视频文件（D 列）：hevc.mp4：视频编码须为 H.264，这里是 hvc1，请转码后再导入
  [章节] 第 6 行 视频文件（D 列）：mp3-sound.mp4：音频编码须为 AAC，这里是 mp4a.6B，请转码后再导入
  [章节] 第 7 行 视频文件（D 列）：silent.mp4：视频文件中没有声音轨道
  [章节] 第 8 行 视频文件（D 列）：cut-short.mp4：视频文件不完整（可能没有复制完）
  [章节] 第 9 行 视频文件（D 列）：没有这个文件.mp4：媒体文件夹中没有这个文件
  [章节] 第 10 行 视频文件（D 列）：../lecture-1.mp4：请只填媒体文件夹中的文件名（不能是绝对路径，也不能含 ..）
  [章节] 第 11 行 讲义文件（E 列）：lecture-3.mp4：不是 PDF 文件
  [章节] 第 12 行 讲义文件（E 列）：cut-short.pdf：PDF 文件不完整（可能没有复制完）
  [章节] 第 13 行 课程编号（B 列）：课程编号 no-such-course 不在“课程”表中
  [试题] 第 2 行 题型（C 列）：题库 bad-2021 只有 3 道单选题，每次考试要抽 20 道
  [试题] 第 15 行 答案（K 列）：答案只能是已填写的选项字母 AB（这里是“E”）
  [试题] 第 16 行 答案（K 列）：多选题至少要有两个答案（这里是“A”）
  [试题] 第 17 行 选项A（E 列）：判断题不填选项（固定为 正确/错误）
  [试题] 第 18 行 题型（C 列）：请填写 单选、多选、判断 之一（这里是“问答”）
"""


def test_every_refusal_is_reported_at_its_row_and_column_and_nothing_is_written(
    tmp_path: Path, media: Path
) -> None:
    platform = _unstarted(tmp_path)
    book = write_book(tmp_path / "有错的目录.xlsx", bad_rows())
    result = import_catalog(platform, book, media)
    assert result.returncode == 1, result.stderr
    assert result.stdout.split("\n", 2)[2] == REFUSED, result.stdout
    assert all(rows == [] for rows in _snapshot(platform).values())
    assert not (platform.workdir / "media").exists()


def test_ids_of_another_institution_and_what_an_id_fixes_are_refused(
    tmp_path: Path, media: Path
) -> None:
    platform = _unstarted(tmp_path)
    assert (
        import_catalog(platform, write_book(tmp_path / "good.xlsx", good_rows()), media).returncode
        == 0
    )
    before = _snapshot(platform)

    other = copy.deepcopy(good_rows())
    other["institution"][0] |= {"id": "tcat2", "name": "另一家培训学校"}
    other["packages"][1]["id"] = "tcat2-2021-professional"  # its courses keep tcat's ids
    for course in other["courses"][1:]:
        course["package"] = "tcat2-2021-professional"
    result = import_catalog(
        platform, write_book(tmp_path / "other.xlsx", other), media, institution="tcat2"
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"  [课程包] 第 2 行 课程包编号（A 列）：课程包编号 {PUBLIC} 已被机构 tcat 使用" in lines
    assert (
        f"  [课程] 第 3 行 课程编号（A 列）：课程编号 {PROFESSIONAL}-c01 已用于课程包 {PROFESSIONAL}，"
        "一门课不能换到别的课程包"
    ) in lines
    assert (
        f"  [试题] 第 2 行 题库编号（A 列）：题库编号 {PAPER} 已属于机构 tcat，只有它能修改这个题库"
        in lines
    )

    # A package keeps its year; the workbook names the institution it is for.
    moved = copy.deepcopy(good_rows())
    moved["packages"][1]["year"] = 2022
    result = import_catalog(platform, write_book(tmp_path / "moved.xlsx", moved), media)
    assert result.returncode == 1
    assert (
        f"  [课程包] 第 3 行 年度（B 列）：课程包 {PROFESSIONAL} 已按 2021 年度导入，年度不能修改"
        "（新的课程包请用新编号）"
    ) in result.stdout.splitlines()
    wrong = import_catalog(
        platform, write_book(tmp_path / "good.xlsx", good_rows()), media, institution="tcat2"
    )
    assert (
        "  [机构] 第 2 行 机构编号（A 列）：工作簿属于机构 tcat，与命令中的 --institution tcat2 不符"
        in (wrong.stdout.splitlines())
    )
    assert _snapshot(platform) == before


# -- importing, again and again ----------------------------------------------------------


def test_a_dry_run_writes_nothing_and_a_second_import_changes_nothing(
    tmp_path: Path, media: Path
) -> None:
    platform = _unstarted(tmp_path)
    book = write_book(tmp_path / "good.xlsx", good_rows())
    dry = import_catalog(platform, book, media, "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "结果：检查通过（--dry-run：只检查，未写入）。导入后将会：" in dry.stdout
    assert "  课程包：新增 2" in dry.stdout.splitlines()
    assert all(rows == [] for rows in _snapshot(platform).values())
    assert not (platform.workdir / "media").exists()

    first = import_catalog(platform, book, media)
    assert first.returncode == 0, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    assert lines[2] == "结果：导入完成。"
    assert lines[3:10] == [
        "  机构：新增 1",
        "  课程包：新增 2",
        "  课程：新增 4",
        "  章节：新增 5",
        "  试题：新增 30",
        "  考试：新增 1",
        "  媒体文件：引用 5 个，新存入 5 个，共 0.7 MB（按内容存放，相同的文件只存一份）",
    ]
    # 20 s + 30 s of lectures, read from the files: what the exam asks to be studied.
    assert lines[10] == f"  公需课包 {PUBLIC}：考试前须学完 1 分钟（0:00:50）"
    snapshot, store = _snapshot(platform), _store(platform)
    assert len(store) == 5  # three lecture files were named eight times: stored once each

    again = import_catalog(platform, book, media)
    assert again.returncode == 0
    assert "结果：导入完成，与平台上的内容相同，没有任何改动。" in again.stdout
    assert "新存入 0 个" in again.stdout
    assert _snapshot(platform) == snapshot
    assert _store(platform) == store


# -- learners -----------------------------------------------------------------------------


def _get(platform: PlatformProcess, path: str, token: str, **kwargs: Any) -> requests.Response:
    headers = {**bearer(token), **kwargs.pop("headers", {})}
    return requests.get(platform.api + path, headers=headers, timeout=10, **kwargs)


def _relogin(platform: PlatformProcess, learner: dict[str, Any]) -> str:
    response = login(platform, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    return token


def _submit(platform: PlatformProcess, token: str, attempt: dict[str, Any]) -> dict[str, Any]:
    answers = {q["id"]: right_answer(q) for q in attempt["questions"]}
    response = requests.post(
        f"{platform.api}/attempts/{attempt['id']}/submit",
        json={"answers": answers},
        headers={**bearer(token), "If-Match": f'"{attempt["version"]}"'},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_a_learner_of_an_imported_year_watches_passes_the_exam_and_sees_the_record(
    platform_factory: PlatformFactory, tmp_path: Path, media: Path
) -> None:
    platform = platform_factory(captcha=False, seed_demo=False, now=BOUGHT)
    result = import_catalog(platform, write_book(tmp_path / "good.xlsx", good_rows()), media)
    assert result.returncode == 0, result.stdout + result.stderr

    learner = enrolled_learner(platform, [PUBLIC, PROFESSIONAL])
    token = learner["access_token"]
    listed = _get(platform, "/institutions", token, params={"year": 2021}).json()["items"]
    assert [(i["id"], i["name"], i["region_name"]) for i in listed] == [
        (INSTITUTION, "测试会计培训学校", "佛山市")
    ]
    course = _get(platform, f"/courses/{PUBLIC}-c01", token).json()
    assert [(c["title"], c["duration_ms"]) for c in course["chapters"]] == [
        ("第一讲 科技创新的内涵", 20_000),
        ("第二讲 新一轮科技革命", 30_000),
    ]
    assert course["duration_ms"] == 50_000 and course["selected"] is True
    first = course["chapters"][0]
    assert (first["handout"], first["preview_ms"]) == (True, 10_000)
    # The lecture is served from the media store, byte ranges as ever.
    clip = (media / "lecture-1.mp4").read_bytes()
    assert first["media_size"] == len(clip)
    part = _get(
        platform, f"/chapters/{first['id']}/media", token, headers={"Range": "bytes=100-199"}
    )
    assert part.status_code == 206 and part.content == clip[100:200]
    handout = _get(platform, f"/chapters/{first['id']}/handout", token)
    assert handout.content == (media / "lecture-1.pdf").read_bytes()

    # Study the public course, pass its exam from the imported bank; study 60 credits.
    platform.restart(now=LATER)
    token = _relogin(platform, learner)
    complete_public_course(platform, token, shifted(BOUGHT, minutes=2), f"{PUBLIC}-c01")
    attempt = start_attempt(platform, token, EXAM)
    assert len(attempt["questions"]) == 30
    assert all(q["id"].startswith(f"{PAPER}-q") for q in attempt["questions"])
    graded = _submit(platform, token, attempt)
    assert (graded["score"], graded["exam_passed"]) == (100, True)
    professional = next(e for e in learner["enrollments"] if e["package_id"] == PROFESSIONAL)
    complete_professional_courses(platform, token, professional["id"], shifted(BOUGHT, minutes=5))

    records = _get(platform, "/credit-records", token, params={"year": 2021}).json()["items"]
    by_type = {record["course_type"]: record for record in records}
    assert by_type["public"]["exam_passed"] is True
    for course_type, credits in (("public", 30.0), ("professional", 65.0)):
        record = by_type[course_type]
        assert record["state"] != "not_met", record
        assert (record["institution_id"], record["institution_name"]) == (
            INSTITUTION,
            "测试会计培训学校",
        )
        assert record["earned_credits"] == credits


def _coverage(progress: dict[str, Any], course_id: str) -> list[tuple[str, int, Any]]:
    course = next(c for c in progress["courses"] if c["course_id"] == course_id)
    return [(c["chapter_id"], c["duration_ms"], c["intervals"]) for c in course["chapters"]]


def _v2(
    v1: dict[str, list[dict[str, Any]]], drawn: str, spare: str
) -> dict[str, list[dict[str, Any]]]:
    """The corrected workbook: every kind of change the importer must weigh."""
    v2 = copy.deepcopy(v1)
    courses = {course["id"]: course for course in v2["courses"]}
    chapters = {chapter["id"]: chapter for chapter in v2["chapters"]}
    courses[f"{PROFESSIONAL}-c02"] |= {"credits": 25, "title": "增值税留抵退税政策解读（修订）"}
    chapters[f"{PROFESSIONAL}-c02-ch1"] |= {
        "video": "lecture-1-again.mp4",
        "title": "第一讲 留抵退税（修订）",
    }
    chapters[f"{PROFESSIONAL}-c02-ch2"]["video"] = "lecture-3.mp4"  # 40 s, not 30 s
    v2["chapters"].append(
        {
            "id": f"{PROFESSIONAL}-c02-ch3",
            "course": f"{PROFESSIONAL}-c02",
            "title": "第三讲 新增",
            "video": "lecture-1.mp4",
        }
    )
    courses[f"{PROFESSIONAL}-c03"]["credits"] = 16
    v2["courses"] = [
        c for c in v2["courses"] if c["id"] not in (f"{PROFESSIONAL}-c04", f"{PROFESSIONAL}-c05")
    ]
    v2["chapters"] = [
        c
        for c in v2["chapters"]
        if c["course"] not in (f"{PROFESSIONAL}-c04", f"{PROFESSIONAL}-c05")
    ]
    v2["courses"].append(
        {
            "id": f"{PROFESSIONAL}-c06",
            "package": PROFESSIONAL,
            "category": "税务",
            "title": "新增必修课",
            "credits": 10,
            "required": "是",
        }
    )
    v2["chapters"].append(
        {
            "id": f"{PROFESSIONAL}-c06-ch1",
            "course": f"{PROFESSIONAL}-c06",
            "title": "第一讲",
            "video": "lecture-2.mp4",
        }
    )
    courses[f"{PUBLIC}-c01"]["credits"] = 20
    v2["courses"].append(
        {
            "id": f"{PUBLIC}-c02",
            "package": PUBLIC,
            "category": "公需科目",
            "title": "新增公需课",
            "credits": 10,
            "required": "是",
        }
    )
    v2["chapters"].append(
        {
            "id": f"{PUBLIC}-c02-ch1",
            "course": f"{PUBLIC}-c02",
            "title": "第一讲",
            "video": "lecture-2.mp4",
        }
    )
    questions = {question["id"]: question for question in v2["questions"]}
    questions[drawn]["stem"] = "改过的题干"
    v2["questions"] = [q for q in v2["questions"] if q["id"] != spare]
    return v2  # fmt: skip


def test_a_corrected_workbook_updates_the_catalog_but_keeps_what_learners_own(
    platform_factory: PlatformFactory, tmp_path: Path, media: Path
) -> None:
    v1 = good_rows()
    v1["questions"] = question_rows(singles=21)  # one spare 单选: an attempt leaves one out
    v1["chapters"].append(
        {"id": f"{PROFESSIONAL}-c02-ch2", "course": f"{PROFESSIONAL}-c02", "title": "第二讲", "video": "lecture-2.mp4"}
    )  # fmt: skip
    for n, credits in ((4, 10), (5, 5)):
        v1["courses"].append(
            {"id": f"{PROFESSIONAL}-c0{n}", "package": PROFESSIONAL, "category": "税务", "title": f"课程{n}", "credits": credits}
        )  # fmt: skip
        v1["chapters"].append(
            {"id": f"{PROFESSIONAL}-c0{n}-ch1", "course": f"{PROFESSIONAL}-c0{n}", "title": "第一讲", "video": "lecture-1.mp4"}
        )  # fmt: skip
    platform = platform_factory(captcha=False, seed_demo=False, now=BOUGHT)
    assert import_catalog(platform, write_book(tmp_path / "v1.xlsx", v1), media).returncode == 0

    # A learner selects c02 and c05, watches part of both lectures of c02, finishes the
    # public course and is writing the exam when the corrected workbook comes in.
    learner = enrolled_learner(platform, [PUBLIC, PROFESSIONAL])
    token = learner["access_token"]
    professional = next(e for e in learner["enrollments"] if e["package_id"] == PROFESSIONAL)
    for n in (2, 5):
        url = f"{platform.api}/enrollments/{professional['id']}/selections/{PROFESSIONAL}-c0{n}"
        assert requests.put(url, headers=bearer(token), timeout=10).status_code == 200
    platform.restart(now=LATER)
    token = _relogin(platform, learner)
    start = shifted(BOUGHT, minutes=2)
    watched = [
        watch_event(f"{PROFESSIONAL}-c02-ch1", 0, 8_000, start),
        watch_event(f"{PROFESSIONAL}-c02-ch2", 0, 12_000, shifted(start, seconds=10)),
    ]
    assert not push_events(platform, token, watched)["refused"]
    complete_public_course(platform, token, shifted(BOUGHT, minutes=3), f"{PUBLIC}-c01")
    attempt = start_attempt(platform, token, EXAM)
    singles = [f"{PAPER}-qs{n:02d}" for n in range(1, 22)]
    drawn = next(q for q in singles if q in {q["id"] for q in attempt["questions"]})
    spare = next(q for q in singles if q not in {q["id"] for q in attempt["questions"]})
    progress_before = _get(platform, "/progress", token, params={"year": 2021}).json()

    again_lecture = media / "lecture-1-again.mp4"  # the same 20 s lecture, re-encoded
    shutil.copy(media / "lecture-1.mp4", again_lecture)
    with again_lecture.open("ab") as stream:
        stream.write(b"\0" * 16)  # a trailing box-less pad: other bytes, same lecture
    v2 = _v2(v1, drawn, spare)
    drawn_row = 2 + [q["id"] for q in v2["questions"]].index(drawn)
    v2_book = write_book(tmp_path / "v2.xlsx", v2)
    result = import_catalog(platform, v2_book, media)
    assert result.returncode == 0, result.stdout + result.stderr
    kept = result.stdout.split("保留（", 1)[1]
    for line in (
        f"[课程] 第 2 行 学分（F 列）：1 名学员已选课程 {PUBLIC}-c01，学分保持 30（不改为 20），以免改变他们已选的学分",
        f"[课程] 第 4 行 学分（F 列）：1 名学员已选课程 {PROFESSIONAL}-c02，学分保持 20（不改为 25），以免改变他们已选的学分",
        f"[课程] 第 6 行 必修（G 列）：已有 1 名学员购买了课程包，新课程 {PROFESSIONAL}-c06 按选修加入：新的必修课会改变他们的选课要求",
        f"[课程] 第 7 行 课程编号（A 列）：课程 {PUBLIC}-c02 未加入：已有 1 名学员购买了公需课程包，加课会改变他们考试前须学完的时长",
        f"[课程] 课程 {PROFESSIONAL}-c05（课程5）不在工作簿中，但已有 1 名学员选择或学过，保留",
        f"[章节] 第 7 行 视频文件（D 列）：1 名学员已学过章节 {PROFESSIONAL}-c02-ch2，新视频时长 0:40 与原视频 0:30 不同，保留原视频（学习进度按原视频计算）；如需换成新内容，请用新的章节编号",
        f"[章节] 第 8 行 章节编号（A 列）：章节 {PROFESSIONAL}-c02-ch3 未加入：已有学员开始学习课程 {PROFESSIONAL}-c02，它的章节保持不变，以免改变他们的完成条件（新内容请放在新课程中）",
        f"[试题] 第 {drawn_row} 行 题干（D 列）：有学员正在考试且抽到了试题 {drawn}，本次保留原题；考试结束后再导入即可更新",
        f"[试题] 题库 {PAPER} 中有 1 道题不在工作簿中：已停用，不再抽取；考过这些题的试卷和成绩保留",
    ):
        assert f"  {line}\n" in kept, (line, result.stdout)
    assert "  课程：新增 1，更新 2，删除 1，未变 2" in result.stdout  # c04 went: nobody had it

    # What the learner owns is as it was: selections, coverage, credits, the lengths.
    progress = _get(platform, "/progress", token, params={"year": 2021}).json()
    course_id = f"{PROFESSIONAL}-c02"
    assert _coverage(progress, course_id) == _coverage(progress_before, course_id)
    catalog = _get(platform, f"/enrollments/{professional['id']}/courses", token).json()["items"]
    rows = {c["id"]: c for c in catalog}
    assert sorted(c["id"] for c in catalog if c["selected"]) == [
        f"{PROFESSIONAL}-c01",
        f"{PROFESSIONAL}-c02",
        f"{PROFESSIONAL}-c05",
    ]
    assert f"{PROFESSIONAL}-c04" not in rows
    assert (rows[f"{PROFESSIONAL}-c02"]["credits"], rows[f"{PROFESSIONAL}-c02"]["duration_ms"]) == (
        20.0,
        50_000,
    )
    assert rows[f"{PROFESSIONAL}-c03"]["credits"] == 16.0
    assert rows[f"{PROFESSIONAL}-c06"]["required"] is False
    # Titles and a lecture of the same length did change.
    course = _get(platform, f"/courses/{PROFESSIONAL}-c02", token).json()
    assert course["title"] == "增值税留抵退税政策解读（修订）"
    assert [c["title"] for c in course["chapters"]] == ["第一讲 留抵退税（修订）", "第二讲"]
    new_bytes = _get(platform, f"/chapters/{PROFESSIONAL}-c02-ch1/media", token).content
    old_bytes = _get(platform, f"/chapters/{PROFESSIONAL}-c02-ch2/media", token).content
    assert new_bytes == again_lecture.read_bytes()
    assert old_bytes == (media / "lecture-2.mp4").read_bytes()
    public = _get(platform, f"/courses/{PUBLIC}-c01", token).json()
    assert public["credits"] == 30.0

    # The exam in progress is graded on the questions it drew, as they were.
    current = start_attempt(platform, token, EXAM)
    question = next(q for q in current["questions"] if q["id"] == drawn)
    assert question["stem"] != "改过的题干"
    assert _submit(platform, token, current)["score"] == 100

    # Once no one is writing it, importing again brings the question up to date, and the
    # retired one is never drawn: 20 单选 left, all 20 drawn, the spare never.
    result = import_catalog(platform, v2_book, media)
    assert "  试题：更新 1，未变 29" in result.stdout.splitlines(), result.stdout
    other = enrolled_learner(platform, [PUBLIC])
    platform.restart(now=shifted(LATER, minutes=5))
    other_token = _relogin(platform, other)
    complete_public_course(platform, other_token, shifted(LATER, minutes=1), f"{PUBLIC}-c01")
    fresh = start_attempt(platform, other_token, EXAM)
    ids = {q["id"]: q for q in fresh["questions"]}
    assert spare not in ids and ids[drawn]["stem"] == "改过的题干"
