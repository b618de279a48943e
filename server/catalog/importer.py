"""``import-catalog``: check a workbook and its media, then bring the platform to it.

All or nothing.  Every row and every file is checked first — types, references, duplicate
ids, credits against the year's requirement, the public exam and its bank, the videos
(H.264/AAC MP4, length read from the file) and the handouts (PDF) — and any problem stops
the import before anything is written.  Then the platform is brought to what the workbook
says, in the caller's transaction, which the caller commits (after putting the media into
the store) or rolls back (``--dry-run``).

What learners own is never taken or rewritten (the report says what was kept and why):

* a course someone selected keeps its credits; a package someone bought keeps which of its
  courses are required, and a public package someone bought gets no new course (the exam's
  study time would grow under the learner);
* a course someone started keeps its chapters (none added, none removed): its completion
  means "every chapter watched";
* a chapter someone watched keeps its length; a new video replaces it only when it is as
  long (within a second: a re-encode, a fixed sound track), since coverage is measured in
  the old video's milliseconds;
* a question drawn into an exam still being written keeps its text and key until that
  attempt is graded; a question left out of its bank is retired (not drawn again), never
  deleted, so every graded paper can still be shown;
* nothing of the platform the workbook does not list (another package, another
  institution) is touched; courses and chapters of a listed package that the workbook
  drops are deleted only when no learner selected or watched them.

Ids are the platform's ids: the same id in a later workbook is the same course or chapter.
Importing the same workbook again finds nothing to change and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from sqlalchemy import func, insert, literal, select, text
from sqlalchemy.orm import Session

from rules.credits import format_credits
from rules.exam import DEFAULT_PASS_SCORE, PAPER, TIME_LIMIT_S
from rules.years import credit_requirement
from server.api.reference import FIRST_PLATFORM_YEAR, load_regions
from server.catalog.report import Problem, Report, duration_text
from server.catalog.workbook import (
    NO,
    OPTION_LETTERS,
    PROFESSIONAL_LABEL,
    PUBLIC_LABEL,
    SHEET_BY_KEY,
    YES,
    Row,
    Workbook,
    cell_text,
)
from server.db import lock_until_commit
from server.exams import IN_PROGRESS, exam_id_for, opens_at
from server.media import MediaProblem, check_pdf, probe_video, sha256_of, stored_name
from server.models import (
    Change,
    Chapter,
    ChapterProgress,
    Course,
    CourseProgress,
    Enrollment,
    Exam,
    ExamAttempt,
    ExamPaper,
    ExamQuestion,
    Institution,
    Package,
    Selection,
)

log = logging.getLogger(__name__)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: The longest id of each kind (the columns' widths; an exam's id is "<package>-exam").
ID_LIMITS = {"package": 64, "course": 80, "chapter": 96, "question": 32, "paper": 32}
COURSE_TYPES = {PUBLIC_LABEL: "public", PROFESSIONAL_LABEL: "professional"}
MODES = {"远程": "online", "面授": "onsite"}
KINDS = {"单选": "single", "多选": "multiple", "判断": "true_false"}
TRUE_FALSE_OPTIONS = [{"id": "T", "text": "正确"}, {"id": "F", "text": "错误"}]
TRUE_FALSE_ANSWERS = {"正确": "T", "错误": "F", "对": "T", "错": "F", "√": "T", "×": "F"}
YES_NO = {YES: True, NO: False, "Y": True, "N": False, "YES": True, "NO": False}
#: A watched chapter's video may be replaced by one this much longer or shorter: coverage
#: is kept in milliseconds of the old one, and the watch-event check allows the same slack.
SAME_LENGTH_MS = 1_000
LONGEST_PREVIEW_MS = 10 * 60 * 1000
EXAM_MINUTES = (10, 240)
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}


# --- the media folder -------------------------------------------------------------------


@dataclass(frozen=True)
class MediaFile:
    """A file of the media folder as it will be stored: by content."""

    source: Path
    stored: str
    size: int
    duration_ms: int = 0


class MediaFolder:
    """The folder of videos and handouts the workbook names; each file is read once.

    Reading is hashing (SHA-256, the stored name) and probing (``server.media``), done
    outside any database transaction, and remembered for the second pass of the command
    and for the demo's five institutions sharing the same clips.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._seen: dict[tuple[str, str], MediaFile | MediaProblem] = {}
        #: By file (device, inode, size, mtime): one lecture linked under several names is
        #: read once.
        self._files: dict[tuple[int, int, int, int, str], MediaFile] = {}

    def _path(self, name: str) -> Path:
        relative = name.replace("\\", "/").strip()
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", relative):
            raise MediaProblem("请只填媒体文件夹中的文件名（不能是绝对路径，也不能含 ..）")
        path = self.root / pure
        try:
            inside = path.resolve().is_relative_to(self.root.resolve())
        except OSError:
            inside = False
        if not inside:
            raise MediaProblem("文件不在媒体文件夹中")
        if not path.is_file():
            raise MediaProblem("媒体文件夹中没有这个文件")
        return path

    def get(self, name: str, kind: str) -> MediaFile:
        """The file *name* as a ``video`` or ``pdf``; raises MediaProblem."""
        key = (name, kind)
        if key not in self._seen:
            try:
                self._seen[key] = self._read(name, kind)
            except MediaProblem as problem:
                self._seen[key] = problem
        found = self._seen[key]
        if isinstance(found, MediaProblem):
            raise found
        return found

    def _read(self, name: str, kind: str) -> MediaFile:
        path = self._path(name)
        stat = path.stat()
        key = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, kind)
        known = self._files.get(key)
        if known is not None:
            return MediaFile(path, known.stored, known.size, known.duration_ms)
        if kind == "pdf":
            check_pdf(path)
            duration = 0
            suffix = ".pdf"
        else:
            duration = probe_video(path).duration_ms
            suffix = ".mp4"
        found = MediaFile(path, stored_name(sha256_of(path), suffix), stat.st_size, duration)
        self._files[key] = found
        return found


# --- what the workbook says, once checked -----------------------------------------------


@dataclass
class InstitutionIn:
    row: Row
    name: str
    region_code: str
    phone: str
    mode: str


@dataclass
class PackageIn:
    row: Row
    id: str
    year: int
    course_type: str
    title: str
    price_fen: int
    credits_tenths: int
    exam_title: str
    paper: str
    exam_minutes: int
    courses: list[CourseIn] = field(default_factory=list)


@dataclass
class CourseIn:
    row: Row
    id: str
    package_id: str
    category: str
    title: str
    teacher: str
    credits_tenths: int
    required: bool
    trial: bool
    description: str
    chapters: list[ChapterIn] = field(default_factory=list)


@dataclass
class ChapterIn:
    row: Row
    id: str
    course_id: str
    title: str
    video: MediaFile
    handout: MediaFile | None
    preview: MediaFile | None


@dataclass
class QuestionIn:
    row: Row
    paper: str
    id: str
    kind: str
    stem: str
    options: list[dict[str, str]]
    answer: list[str]

    def values(self, position: int) -> dict[str, Any]:
        return {
            "paper": self.paper,
            "position": position,
            "kind": self.kind,
            "stem": self.stem,
            "options": json.dumps(self.options, ensure_ascii=False),
            "answer": json.dumps(sorted(self.answer)),
        }


@dataclass
class Catalog:
    """The checked workbook: records whose every cell was good, in workbook order."""

    institution: InstitutionIn | None = None
    packages: dict[str, PackageIn] = field(default_factory=dict)
    courses: dict[str, CourseIn] = field(default_factory=dict)
    chapters: dict[str, ChapterIn] = field(default_factory=dict)
    papers: dict[str, list[QuestionIn]] = field(default_factory=dict)


class _Cells:
    """Reads the cells of one sheet; a bad cell becomes a problem at its row and column."""

    def __init__(self, book: Workbook, key: str, report: Report) -> None:
        self.spec = SHEET_BY_KEY[key]
        self.rows = book.rows.get(key, [])
        self.letters = book.letters.get(key, {})
        self.report = report

    def problem(
        self, row: Row | None, key: str | None, message: str, *, kept: bool = False
    ) -> None:
        column = self.spec.column(key) if key else None
        found = Problem(
            self.spec.title,
            row.number if row is not None else None,
            column.label if column else None,
            self.letters.get(key) if key else None,
            message,
        )
        (self.report.kept if kept else self.report.errors).append(found)

    def text(
        self,
        row: Row,
        key: str,
        max_len: int,
        *,
        required: bool | None = None,
        multiline: bool = False,
    ) -> str | None:
        """The cell's text (blanks of a one-line field collapsed); "" for an empty optional
        cell; None after reporting a problem."""
        column = self.spec.column(key)
        value = cell_text(row.get(key))
        if not multiline:
            value = " ".join(value.split())
        if not value.isprintable() and any(
            unicodedata.category(ch) in _INVISIBLE and ch not in "\n\t" for ch in value
        ):
            self.problem(row, key, "含有看不见的控制字符，请删除后重新输入")
            return None
        if not value:
            if column.required if required is None else required:
                self.problem(row, key, f"请填写{column.label}")
                return None
            return ""
        if len(value) > max_len:
            self.problem(row, key, f"不能超过 {max_len} 个字（现有 {len(value)} 个）")
            return None
        return value

    def ident(self, row: Row, key: str, limit: int, *, required: bool | None = None) -> str | None:
        value = self.text(row, key, 1000, required=required)
        if not value:
            return value
        if not ID_PATTERN.fullmatch(value):
            self.problem(row, key, "只能含英文字母、数字和 - _ .，并以字母或数字开头")
            return None
        if len(value) > limit:
            self.problem(row, key, f"不能超过 {limit} 个字符（现有 {len(value)} 个）")
            return None
        return value

    def decimal(
        self, row: Row, key: str, places: int, low: Decimal, high: Decimal, *, required: bool = True
    ) -> Decimal | None:
        """A number with at most *places* decimals in [low, high]; None when empty too."""
        raw = row.get(key)
        if isinstance(raw, bool):
            self.problem(row, key, "请填写数字")
            return None
        if raw is None or cell_text(raw) == "":
            if required:
                self.problem(row, key, f"请填写{self.spec.column(key).label}")
            return None
        try:
            value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(cell_text(raw))
        except InvalidOperation:
            self.problem(row, key, f"请填写数字（这里是“{cell_text(raw)}”）")
            return None
        if not value.is_finite():
            self.problem(row, key, "请填写数字")
            return None
        if value != value.quantize(Decimal(1).scaleb(-places)):
            self.problem(
                row, key, "请填写整数" if places == 0 else f"最多 {places} 位小数（这里是 {value}）"
            )
            return None
        if not low <= value <= high:
            self.problem(row, key, f"应在 {low} 到 {high} 之间（这里是 {value}）")
            return None
        return value

    def yes_no(self, row: Row, key: str, default: bool) -> bool | None:
        raw = row.get(key)
        if isinstance(raw, bool):
            return raw
        value = cell_text(raw).upper()
        if not value:
            return default
        if value not in YES_NO:
            self.problem(row, key, f"请填写“{YES}”或“{NO}”（这里是“{cell_text(raw)}”）")
            return None
        return YES_NO[value]

    def choice(self, row: Row, key: str, choices: Mapping[str, str]) -> str | None:
        value = self.text(row, key, 100)
        if value is None:
            return None
        if value not in choices:
            listed = "、".join(choices)
            self.problem(row, key, f"请填写 {listed} 之一（这里是“{value}”）")
            return None
        return choices[value]

    def media(self, row: Row, key: str, folder: MediaFolder, kind: str) -> MediaFile | None:
        name = self.text(row, key, 500)
        if not name:
            return None
        try:
            return folder.get(name, kind)
        except MediaProblem as problem:
            self.problem(row, key, f"{name}：{problem}")
            return None


def _duplicate(cells: _Cells, row: Row, key: str, value: str, seen: dict[str, int]) -> bool:
    if value in seen:
        label = cells.spec.column(key).label
        cells.problem(row, key, f"{label} {value} 与第 {seen[value]} 行重复")
        return True
    seen[value] = row.number
    return False


def _city_code(value: str) -> str | None:
    for city in load_regions():
        if value in (city["code"], city["name"], city["name"].removesuffix("市")):
            return str(city["code"])
    return None


# --- checking the workbook --------------------------------------------------------------


def check_workbook(
    book: Workbook, institution_id: str, folder: MediaFolder, now: dt.datetime, report: Report
) -> Catalog:
    """Every row and file on its own and against the other sheets; problems go to *report*."""
    catalog = Catalog()
    for sheet_key, column_key, message in book.structure:
        _Cells(book, sheet_key, report).problem(None, column_key, message)
    catalog.institution = _institution(book, institution_id, report)
    incomplete: set[str] = set()  # packages, courses and papers with a bad row of their own
    _packages(book, now, report, catalog)
    _courses(book, report, catalog, incomplete)
    _chapters(book, folder, report, catalog, incomplete)
    _questions(book, report, catalog, incomplete)
    _check_totals(book, report, catalog, incomplete)
    return catalog


def _institution(book: Workbook, institution_id: str, report: Report) -> InstitutionIn | None:
    cells = _Cells(book, "institution", report)
    if not cells.rows:
        if not any(p.sheet == cells.spec.title for p in report.errors):
            cells.problem(
                None,
                None,
                f"请在“机构”表中填写一行：机构编号 {institution_id} 和它的名称、城市、电话",
            )
        return None
    for extra in cells.rows[1:]:
        cells.problem(extra, "id", "“机构”表只能填一行")
    row = cells.rows[0]
    given = cells.ident(row, "id", 32)
    if given and given != institution_id:
        cells.problem(
            row, "id", f"工作簿属于机构 {given}，与命令中的 --institution {institution_id} 不符"
        )
    name = cells.text(row, "name", 100)
    region = cells.text(row, "region", 20)
    code = _city_code(region) if region else None
    if region and code is None:
        cells.problem(
            row, "region", f"请填写广东省的地级市（不含深圳市），如 广州市（这里是“{region}”）"
        )
    phone = cells.text(row, "phone", 32)
    mode = cells.choice(row, "mode", MODES)
    if name and code and phone and mode:
        return InstitutionIn(row, name, code, phone, mode)
    return None


def _packages(book: Workbook, now: dt.datetime, report: Report, catalog: Catalog) -> None:
    cells = _Cells(book, "packages", report)
    seen: dict[str, int] = {}
    for row in cells.rows:
        package_id = cells.ident(row, "id", ID_LIMITS["package"])
        if package_id and _duplicate(cells, row, "id", package_id, seen):
            package_id = None
        year = cells.decimal(row, "year", 0, Decimal(FIRST_PLATFORM_YEAR), Decimal(now.year + 1))
        course_type = cells.choice(row, "type", COURSE_TYPES)
        title = cells.text(row, "title", 200)
        price = cells.decimal(row, "price", 2, Decimal(0), Decimal(100_000))
        credits = cells.decimal(row, "credits", 1, Decimal("0.1"), Decimal(100))
        exam_title = cells.text(row, "exam_title", 200)
        paper = cells.ident(row, "paper", ID_LIMITS["paper"])
        low, high = EXAM_MINUTES
        minutes = cells.decimal(row, "exam_minutes", 0, Decimal(low), Decimal(high), required=False)
        if year is not None and course_type is not None and credits is not None:
            wanted = credit_requirement(int(year)).credits_of(course_type)
            if credits != wanted:
                label = PUBLIC_LABEL if course_type == "public" else PROFESSIONAL_LABEL
                cells.problem(
                    row,
                    "credits",
                    f"{label}课程包的学分须为 {wanted}（{int(year)} 年度{label}的学分要求），"
                    f"这里是 {format_credits(int(credits * 10))}",
                )
                credits = None
        if course_type == "public":
            if exam_title == "":
                cells.problem(row, "exam_title", "公需课课程包须有且只有一场考试：请填写考试名称")
            if paper == "":
                cells.problem(row, "paper", "公需课的考试从哪个题库抽题？请填写题库编号")
        elif course_type == "professional":
            filled = {"exam_title": exam_title, "paper": paper, "exam_minutes": minutes}
            for key in [key for key, value in filled.items() if value]:
                cells.problem(row, key, "专业课没有考试，请把这一格留空")
        values = (package_id, year, course_type, title, price, credits, exam_title, paper)
        if any(value is None for value in values) or _row_has_errors(report, cells, row):
            continue
        assert package_id and year is not None and course_type and title and price is not None
        assert credits is not None and exam_title is not None and paper is not None
        catalog.packages[package_id] = PackageIn(
            row,
            package_id,
            int(year),
            course_type,
            title,
            int(price * 100),
            int(credits * 10),
            exam_title,
            paper,
            int(minutes) if minutes is not None else TIME_LIMIT_S // 60,
        )


def _row_has_errors(report: Report, cells: _Cells, row: Row) -> bool:
    return any(p.sheet == cells.spec.title and p.row == row.number for p in report.errors)


def _courses(book: Workbook, report: Report, catalog: Catalog, incomplete: set[str]) -> None:
    cells = _Cells(book, "courses", report)
    seen: dict[str, int] = {}
    listed = {cell_text(row.get("id")) for row in book.rows.get("packages", [])}
    for row in cells.rows:
        course_id = cells.ident(row, "id", ID_LIMITS["course"])
        if course_id and _duplicate(cells, row, "id", course_id, seen):
            course_id = None
        package_id = cells.ident(row, "package", ID_LIMITS["package"])
        if package_id and package_id not in listed:
            cells.problem(row, "package", f"课程包编号 {package_id} 不在“课程包”表中")
            package_id = None
        category = cells.text(row, "category", 32)
        title = cells.text(row, "title", 200)
        teacher = cells.text(row, "teacher", 50)
        credits = cells.decimal(row, "credits", 1, Decimal("0.1"), Decimal(100))
        required = cells.yes_no(row, "required", False)
        trial = cells.yes_no(row, "trial", False)
        description = cells.text(row, "description", 2000, multiline=True)
        values = (course_id, package_id, category, title, teacher, credits, required, trial)
        if any(value is None for value in (*values, description)):
            if package_id:
                incomplete.add(package_id)
            continue
        assert course_id and package_id and category and title and credits is not None
        assert teacher is not None and required is not None and trial is not None
        assert description is not None
        course = CourseIn(
            row,
            course_id,
            package_id,
            category,
            title,
            teacher,
            int(credits * 10),
            required,
            trial,
            description,
        )
        catalog.courses[course_id] = course
        package = catalog.packages.get(package_id)
        if package is not None:
            package.courses.append(course)
        else:
            incomplete.add(package_id)


def _chapters(
    book: Workbook, folder: MediaFolder, report: Report, catalog: Catalog, incomplete: set[str]
) -> None:
    cells = _Cells(book, "chapters", report)
    seen: dict[str, int] = {}
    listed = {cell_text(row.get("id")) for row in book.rows.get("courses", [])}
    for row in cells.rows:
        chapter_id = cells.ident(row, "id", ID_LIMITS["chapter"])
        if chapter_id and _duplicate(cells, row, "id", chapter_id, seen):
            chapter_id = None
        course_id = cells.ident(row, "course", ID_LIMITS["course"])
        if course_id and course_id not in listed:
            cells.problem(row, "course", f"课程编号 {course_id} 不在“课程”表中")
            course_id = None
        title = cells.text(row, "title", 200)
        video = cells.media(row, "video", folder, "video")
        handout = cells.media(row, "handout", folder, "pdf")
        preview = cells.media(row, "preview", folder, "video")
        if preview is not None and preview.duration_ms > LONGEST_PREVIEW_MS:
            cells.problem(
                row,
                "preview",
                f"试听片段不能超过 10 分钟（这里是 {duration_text(preview.duration_ms)}）",
            )
            preview = None
        if chapter_id is None or course_id is None or title is None or video is None:
            incomplete.add(course_id or "")
            continue
        if _row_has_errors(report, cells, row):
            incomplete.add(course_id)
            continue
        chapter = ChapterIn(row, chapter_id, course_id, title, video, handout, preview)
        catalog.chapters[chapter_id] = chapter
        course = catalog.courses.get(course_id)
        if course is not None:
            course.chapters.append(chapter)
        else:
            incomplete.add(course_id)


def _questions(book: Workbook, report: Report, catalog: Catalog, incomplete: set[str]) -> None:
    cells = _Cells(book, "questions", report)
    seen: dict[str, int] = {}
    first_rows: dict[str, Row] = {}
    for row in cells.rows:
        paper = cells.ident(row, "paper", ID_LIMITS["paper"])
        question_id = cells.ident(row, "id", ID_LIMITS["question"])
        if question_id and _duplicate(cells, row, "id", question_id, seen):
            question_id = None
        kind = cells.choice(row, "kind", KINDS)
        stem = cells.text(row, "stem", 1000, multiline=True)
        options = _options(cells, row, kind)
        answer = _answer(cells, row, kind, options)
        if paper:
            first_rows.setdefault(paper, row)
        if None in (paper, question_id, kind, stem, options, answer):
            incomplete.add(paper or "")
            continue
        assert paper and question_id and kind and stem and options is not None
        assert answer is not None
        question = QuestionIn(row, paper, question_id, kind, stem, options, answer)
        catalog.papers.setdefault(paper, []).append(question)
    for paper, row in first_rows.items():
        if paper in incomplete:
            continue
        have = Counter(question.kind for question in catalog.papers.get(paper, []))
        for section in PAPER:
            if have[section.kind] < section.count:
                label = next(name for name, kind in KINDS.items() if kind == section.kind)
                cells.problem(
                    row,
                    "kind",
                    f"题库 {paper} 只有 {have[section.kind]} 道{label}题，"
                    f"每次考试要抽 {section.count} 道",
                )


def _options(cells: _Cells, row: Row, kind: str | None) -> list[dict[str, str]] | None:
    texts = []
    for letter in OPTION_LETTERS:
        value = cells.text(row, f"option_{letter.lower()}", 500, required=False)
        if value is None:
            return None
        texts.append((letter, value))
    filled = [(letter, value) for letter, value in texts if value]
    if kind == "true_false":
        if filled:
            cells.problem(
                row, f"option_{filled[0][0].lower()}", "判断题不填选项（固定为 正确/错误）"
            )
            return None
        return list(TRUE_FALSE_OPTIONS)
    if kind is None:
        return None
    gap = next(
        (
            letter
            for i, (letter, value) in enumerate(texts)
            if not value and any(v for _, v in texts[i:])
        ),
        None,
    )
    if gap is not None:
        cells.problem(
            row, f"option_{gap.lower()}", f"选项{gap}为空，但后面还有选项：请从 A 起连续填写"
        )
        return None
    least = 2 if kind == "single" else 3
    if len(filled) < least:
        label = "单选" if kind == "single" else "多选"
        cells.problem(row, "option_a", f"{label}题至少要有 {least} 个选项")
        return None
    return [{"id": letter, "text": value} for letter, value in filled]


def _answer(
    cells: _Cells, row: Row, kind: str | None, options: list[dict[str, str]] | None
) -> list[str] | None:
    value = cells.text(row, "answer", 20)
    if not value or kind is None or options is None:
        return None
    if kind == "true_false":
        if value not in TRUE_FALSE_ANSWERS:
            cells.problem(row, "answer", f"判断题的答案请填“正确”或“错误”（这里是“{value}”）")
            return None
        return [TRUE_FALSE_ANSWERS[value]]
    letters = [ch for ch in value.upper() if ch not in " ,，、"]
    known = {option["id"] for option in options}
    if not letters or any(letter not in known for letter in letters):
        cells.problem(
            row, "answer", f"答案只能是已填写的选项字母 {''.join(sorted(known))}（这里是“{value}”）"
        )
        return None
    if len(set(letters)) != len(letters):
        cells.problem(row, "answer", f"答案中有重复的字母（“{value}”）")
        return None
    if kind == "single" and len(letters) != 1:
        cells.problem(row, "answer", f"单选题只能有一个答案（这里是“{value}”）")
        return None
    if kind == "multiple" and len(letters) < 2:
        cells.problem(row, "answer", f"多选题至少要有两个答案（这里是“{value}”）")
        return None
    return letters


def _check_totals(book: Workbook, report: Report, catalog: Catalog, incomplete: set[str]) -> None:
    """What a package and a course need as a whole: courses, chapters, credits, trials."""
    packages = _Cells(book, "packages", report)
    courses = _Cells(book, "courses", report)
    for package in catalog.packages.values():
        if package.id in incomplete:
            continue
        if not package.courses:
            packages.problem(package.row, "id", "课程包没有课程（“课程”表中没有属于它的行）")
            continue
        total = sum(course.credits_tenths for course in package.courses)
        required = sum(course.credits_tenths for course in package.courses if course.required)
        wanted = format_credits(package.credits_tenths)
        if package.course_type == "public":
            for course in package.courses:
                if not course.required:
                    courses.problem(
                        course.row, "required", "公需课程包的课程须全部为必修（填“是”）"
                    )
            if total != package.credits_tenths:
                packages.problem(
                    package.row,
                    "credits",
                    f"公需课程包各课程学分合计 {format_credits(total)}，须等于课程包学分 {wanted}",
                )
        else:
            if total < package.credits_tenths:
                packages.problem(
                    package.row,
                    "credits",
                    f"各课程学分合计只有 {format_credits(total)}，不足课程包学分 {wanted}：学员选不满",
                )
            if required > package.credits_tenths:
                packages.problem(
                    package.row,
                    "credits",
                    f"必修课学分合计 {format_credits(required)}，超过课程包学分 {wanted}",
                )
    for course in catalog.courses.values():
        if course.id in incomplete:
            continue
        if not course.chapters:
            courses.problem(course.row, "id", "课程没有章节（“章节”表中没有属于它的行）")
        elif course.trial and not any(chapter.preview for chapter in course.chapters):
            courses.problem(course.row, "trial", "可试听为“是”，但没有一个章节填了试听片段")


# --- checking against the platform ------------------------------------------------------


def _check_platform(
    db: Session, book: Workbook, institution_id: str, catalog: Catalog, report: Report
) -> None:
    """Ids that belong to someone else, and what an id may not change once imported."""
    packages = _Cells(book, "packages", report)
    courses = _Cells(book, "courses", report)
    chapters = _Cells(book, "chapters", report)
    questions = _Cells(book, "questions", report)
    found = _rows(
        db,
        Package.id,
        list(catalog.packages),
        Package.institution_id,
        Package.year,
        Package.course_type,
    )
    for package_id, (owner, year, course_type) in found.items():
        wanted = catalog.packages[package_id]
        if owner != institution_id:
            packages.problem(wanted.row, "id", f"课程包编号 {package_id} 已被机构 {owner} 使用")
        elif year != wanted.year:
            packages.problem(
                wanted.row,
                "year",
                f"课程包 {package_id} 已按 {year} 年度导入，年度不能修改（新的课程包请用新编号）",
            )
        elif course_type != wanted.course_type:
            packages.problem(
                wanted.row,
                "type",
                f"课程包 {package_id} 已导入为另一类型，类型不能修改（新的课程包请用新编号）",
            )
    for course_id, (package_id,) in _rows(
        db, Course.id, list(catalog.courses), Course.package_id
    ).items():
        if package_id != catalog.courses[course_id].package_id:
            courses.problem(
                catalog.courses[course_id].row,
                "id",
                f"课程编号 {course_id} 已用于课程包 {package_id}，一门课不能换到别的课程包",
            )
    for chapter_id, (course_id,) in _rows(
        db, Chapter.id, list(catalog.chapters), Chapter.course_id
    ).items():
        if course_id != catalog.chapters[chapter_id].course_id:
            chapters.problem(
                catalog.chapters[chapter_id].row,
                "id",
                f"章节编号 {chapter_id} 已用于课程 {course_id}，一讲不能换到别的课程",
            )
    for paper_id, (owner,) in _rows(
        db, ExamPaper.id, list(catalog.papers), ExamPaper.institution_id
    ).items():
        if owner not in (None, institution_id):
            questions.problem(
                catalog.papers[paper_id][0].row,
                "paper",
                f"题库编号 {paper_id} 已属于机构 {owner}，只有它能修改这个题库",
            )
    wanted_questions = {q.id: q for qs in catalog.papers.values() for q in qs}
    for question_id, (paper,) in _rows(
        db, ExamQuestion.id, list(wanted_questions), ExamQuestion.paper
    ).items():
        if paper != wanted_questions[question_id].paper:
            questions.problem(
                wanted_questions[question_id].row,
                "id",
                f"题目编号 {question_id} 已用于题库 {paper}，请换一个编号",
            )
    for package_in in catalog.packages.values():
        if package_in.course_type == "public" and package_in.paper not in catalog.papers:
            _check_existing_paper(db, packages, package_in)


def _check_existing_paper(db: Session, packages: _Cells, package: PackageIn) -> None:
    """A bank the workbook names but does not define: on the platform, big enough."""
    counts = dict(
        db.execute(
            select(ExamQuestion.kind, func.count())
            .where(ExamQuestion.paper == package.paper, ExamQuestion.retired_at.is_(None))
            .group_by(ExamQuestion.kind)
        )
        .tuples()
        .all()
    )
    if not counts:
        packages.problem(
            package.row, "paper", f"题库 {package.paper} 既不在“试题”表中，也不在平台上"
        )
        return
    for section in PAPER:
        if counts.get(section.kind, 0) < section.count:
            packages.problem(
                package.row,
                "paper",
                f"平台上的题库 {package.paper} 只有 {counts.get(section.kind, 0)} 道"
                f"{next(k for k, v in KINDS.items() if v == section.kind)}题，"
                f"每次考试要抽 {section.count} 道",
            )


def _rows(db: Session, key: Any, ids: list[str], *columns: Any) -> dict[str, tuple[Any, ...]]:
    """*columns* of the rows whose *key* is one of *ids* (plain tuples, no ORM objects)."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(ids), 500):
        for row in db.execute(select(key, *columns).where(key.in_(ids[start : start + 500]))):
            found[row[0]] = tuple(row[1:])
    return found


# --- bringing the platform to the workbook ---------------------------------------------


def _assign(row: Any, values: Mapping[str, Any]) -> bool:
    """Set what differs; True when something did (only then does the row get an UPDATE)."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


@dataclass
class _Owned:
    """What learners hold of the catalog being imported (read under the import's lock)."""

    enrolled: Counter[str]  # package id → learners
    selected: Counter[str]  # course id → learners
    watched: Counter[str]  # chapter id → learners
    started: set[str]  # course ids with a watched chapter

    @classmethod
    def load(cls, db: Session, package_ids: list[str], course_ids: list[str]) -> _Owned:
        enrolled: Counter[str] = Counter()
        selected: Counter[str] = Counter()
        watched: Counter[str] = Counter()
        started: set[str] = set()
        for start in range(0, len(package_ids), 500):
            part = package_ids[start : start + 500]
            enrolled.update(
                dict(
                    db.execute(
                        select(Enrollment.package_id, func.count())
                        .where(Enrollment.package_id.in_(part))
                        .group_by(Enrollment.package_id)
                    )
                    .tuples()
                    .all()
                )
            )
        for start in range(0, len(course_ids), 500):
            part = course_ids[start : start + 500]
            selected.update(
                dict(
                    db.execute(
                        select(Selection.course_id, func.count())
                        .where(Selection.course_id.in_(part))
                        .group_by(Selection.course_id)
                    )
                    .tuples()
                    .all()
                )
            )
            for chapter_id, course_id, learners in db.execute(
                select(Chapter.id, Chapter.course_id, func.count())
                .join(ChapterProgress, ChapterProgress.chapter_id == Chapter.id)
                .where(Chapter.course_id.in_(part))
                .group_by(Chapter.id, Chapter.course_id)
            ).tuples():
                watched[chapter_id] = learners
                started.add(course_id)
            started.update(
                db.scalars(
                    select(CourseProgress.course_id).where(
                        CourseProgress.course_id.in_(part),
                        (CourseProgress.watched_ms > 0) | CourseProgress.completed_at.is_not(None),
                    )
                )
            )
        return cls(enrolled, selected, watched, started)


class _Apply:
    """Brings the platform to a checked catalog inside the caller's transaction."""

    def __init__(
        self,
        db: Session,
        institution_id: str,
        catalog: Catalog,
        book: Workbook,
        report: Report,
        now: dt.datetime,
    ) -> None:
        self.db = db
        self.institution_id = institution_id
        self.catalog = catalog
        self.report = report
        self.now = now
        self.sheets = {key: _Cells(book, key, report) for key in SHEET_BY_KEY}
        self.changed_packages: set[str] = set()

    def keep(self, sheet: str, row: Row | None, key: str | None, message: str) -> None:
        self.sheets[sheet].problem(row, key, message, kept=True)

    def run(self) -> None:
        self.institution()
        existing_courses = self._existing_courses()
        self.owned = _Owned.load(self.db, list(self.catalog.packages), list(existing_courses))
        self.existing_chapters: dict[str, dict[str, Chapter]] = {}
        ids = list(existing_courses)
        for start in range(0, len(ids), 500):
            for chapter in self.db.scalars(
                select(Chapter).where(Chapter.course_id.in_(ids[start : start + 500]))
            ):
                self.existing_chapters.setdefault(chapter.course_id, {})[chapter.id] = chapter
        self.packages()
        self.papers()
        for package in self.catalog.packages.values():
            self.courses(package, existing_courses)
        self.db.flush()
        self.exams()
        self.notify()
        self.db.flush()

    def _existing_courses(self) -> dict[str, Course]:
        ids = list(self.catalog.packages)
        found: dict[str, Course] = {}
        for start in range(0, len(ids), 500):
            for course in self.db.scalars(
                select(Course).where(Course.package_id.in_(ids[start : start + 500]))
            ):
                found[course.id] = course
        return found

    # -- the institution and its packages

    def institution(self) -> None:
        wanted = self.catalog.institution
        assert wanted is not None  # a workbook without it is refused
        row = self.db.get(Institution, self.institution_id)
        values = {
            "name": wanted.name,
            "region_code": wanted.region_code,
            "phone": wanted.phone,
            "mode": wanted.mode,
        }
        if row is None:
            last = self.db.scalar(select(func.max(Institution.position)))
            position = 0 if last is None else last + 1
            self.db.add(Institution(id=self.institution_id, position=position, **values))
            self.db.flush()
            self.report.count("机构", "added")
        else:
            self.report.count("机构", "updated" if _assign(row, values) else "unchanged")

    def packages(self) -> None:
        ids = list(self.catalog.packages)
        existing = {p.id: p for p in self.db.scalars(select(Package).where(Package.id.in_(ids)))}
        for package in self.catalog.packages.values():
            values = {"title": package.title, "price_fen": package.price_fen}
            values["credits_tenths"] = package.credits_tenths
            row = existing.get(package.id)
            if row is None:
                self.db.add(
                    Package(
                        id=package.id,
                        institution_id=self.institution_id,
                        year=package.year,
                        course_type=package.course_type,
                        closes_at=credit_requirement(package.year).deadline,
                        **values,
                    )
                )
                self.report.count("课程包", "added")
                self.changed_packages.add(package.id)
            elif _assign(row, values):
                self.report.count("课程包", "updated")
                self.changed_packages.add(package.id)
            else:
                self.report.count("课程包", "unchanged")
        self.db.flush()
        others = self.db.scalar(
            select(func.count())
            .select_from(Package)
            .where(
                Package.institution_id == self.institution_id,
                Package.id.not_in(list(self.catalog.packages) or [""]),
            )
        )
        if others:
            self.keep(
                "packages",
                None,
                None,
                f"本机构在平台上还有 {others} 个课程包不在工作簿中，保持不变",
            )

    # -- question banks

    def papers(self) -> None:
        open_questions = self._open_attempt_questions()
        for paper_id, questions in self.catalog.papers.items():
            paper = self.db.get(ExamPaper, paper_id)
            if paper is None:
                self.db.add(
                    ExamPaper(id=paper_id, institution_id=self.institution_id, created_at=self.now)
                )
            elif paper.institution_id is None:
                paper.institution_id = self.institution_id
            existing = {
                q.id: q
                for q in self.db.scalars(select(ExamQuestion).where(ExamQuestion.paper == paper_id))
            }
            for position, question in enumerate(questions, start=1):
                values = question.values(position)
                row = existing.pop(question.id, None)
                if row is None:
                    self.db.add(ExamQuestion(id=question.id, retired_at=None, **values))
                    self.report.count("试题", "added")
                    continue
                content = {k: v for k, v in values.items() if k != "position"}
                if (
                    any(getattr(row, k) != v for k, v in content.items())
                    and row.id in open_questions
                ):
                    self.keep(
                        "questions",
                        question.row,
                        "stem",
                        f"有学员正在考试且抽到了试题 {row.id}，本次保留原题；考试结束后再导入即可更新",
                    )
                    values = {"position": position}
                changed = _assign(row, {**values, "retired_at": None})
                self.report.count("试题", "updated" if changed else "unchanged")
            retired = 0
            for row in existing.values():
                if row.retired_at is None:
                    row.retired_at = self.now
                    retired += 1
            if retired:
                self.report.count("试题", "retired", retired)
                self.keep(
                    "questions",
                    None,
                    None,
                    f"题库 {paper_id} 中有 {retired} 道题不在工作簿中：已停用，不再抽取；"
                    "考过这些题的试卷和成绩保留",
                )

    def _open_attempt_questions(self) -> set[str]:
        papers = list(self.catalog.papers)
        if not papers:
            return set()
        ids: set[str] = set()
        for (question_ids,) in self.db.execute(
            select(ExamAttempt.question_ids)
            .join(Exam, Exam.id == ExamAttempt.exam_id)
            .where(Exam.paper.in_(papers), ExamAttempt.status == IN_PROGRESS)
        ):
            ids.update(json.loads(question_ids))
        return ids

    # -- courses and chapters

    def courses(self, package: PackageIn, existing: dict[str, Course]) -> None:
        enrolled = self.owned.enrolled[package.id]
        mine = {cid: c for cid, c in existing.items() if c.package_id == package.id}
        updated: list[tuple[CourseIn, Course, bool, bool]] = []
        position = 0
        for course in package.courses:
            row = mine.pop(course.id, None)
            if row is None and enrolled and package.course_type == "public":
                self.keep(
                    "courses",
                    course.row,
                    "id",
                    f"课程 {course.id} 未加入：已有 {enrolled} 名学员购买了公需课程包，"
                    "加课会改变他们考试前须学完的时长",
                )
                continue
            position += 1
            updated.append((course, *self.course(package, course, row, position, enrolled)))
        self.db.flush()  # the chapters refer to the new courses (no ORM relationship orders them)
        for course, row, added, changed in updated:
            chapters_changed, duration = self.chapters(course, row)
            changed = _assign(row, {"duration_ms": duration}) or chapters_changed or changed
            if changed:
                self.changed_packages.add(package.id)
            self.report.count("课程", "added" if added else "updated" if changed else "unchanged")
        for row in mine.values():  # on the platform, no longer in the workbook
            learners = self.owned.selected[row.id]
            if learners or row.id in self.owned.started:
                position += 1
                row.position = position
                self.keep(
                    "courses",
                    None,
                    None,
                    f"课程 {row.id}（{row.title}）不在工作簿中，但已有 {learners} 名学员选择或学过，保留",
                )
            else:
                self.db.delete(row)
                self.report.count("课程", "removed")
                self.changed_packages.add(package.id)

    def course(
        self, package: PackageIn, course: CourseIn, row: Course | None, position: int, enrolled: int
    ) -> tuple[Course, bool, bool]:
        """Add or update the course itself; (row, added, changed)."""
        values: dict[str, Any] = {
            "category": course.category,
            "position": position,
            "title": course.title,
            "teacher": course.teacher,
            "credits_tenths": course.credits_tenths,
            "required": course.required,
            "trial_available": course.trial,
            "description": course.description,
        }
        added = row is None
        if row is None:
            if enrolled and course.required:
                values["required"] = False
                self.keep(
                    "courses",
                    course.row,
                    "required",
                    f"已有 {enrolled} 名学员购买了课程包，新课程 {course.id} 按选修加入："
                    "新的必修课会改变他们的选课要求",
                )
            row = Course(id=course.id, package_id=package.id, duration_ms=0, **values)
            self.db.add(row)
            changed = True
        else:
            learners = self.owned.selected[row.id]
            if learners and row.credits_tenths != course.credits_tenths:
                values["credits_tenths"] = row.credits_tenths
                self.keep(
                    "courses",
                    course.row,
                    "credits",
                    f"{learners} 名学员已选课程 {row.id}，学分保持 {format_credits(row.credits_tenths)}"
                    f"（不改为 {format_credits(course.credits_tenths)}），以免改变他们已选的学分",
                )
            if enrolled and row.required != course.required:
                values["required"] = row.required
                self.keep(
                    "courses",
                    course.row,
                    "required",
                    f"已有 {enrolled} 名学员购买了课程包，课程 {row.id} 保持"
                    f"“{'必修' if row.required else '选修'}”，以免改变他们的选课",
                )
            changed = _assign(row, values)
        return row, added, changed

    def need(self, media: MediaFile | None) -> str | None:
        """*media*'s stored name, noting that the store must hold it."""
        if media is None:
            return None
        self.report.files[media.stored] = media.source
        return media.stored

    def chapters(self, course: CourseIn, row: Course) -> tuple[bool, int]:
        """The course's chapters as the workbook lists them, unless learners started it.

        Returns whether any changed, and the course's length: the sum of its chapters.
        """
        existing = dict(self.existing_chapters.get(row.id, {}))
        started = row.id in self.owned.started
        changed = False
        position = duration = 0
        for chapter in course.chapters:
            current = existing.pop(chapter.id, None)
            if current is None and started:
                self.keep(
                    "chapters",
                    chapter.row,
                    "id",
                    f"章节 {chapter.id} 未加入：已有学员开始学习课程 {row.id}，它的章节保持不变，"
                    "以免改变他们的完成条件（新内容请放在新课程中）",
                )
                continue
            position += 1
            chapter_changed, length = self.chapter(chapter, current, position)
            changed = chapter_changed or changed
            duration += length
        for current in existing.values():  # on the platform, no longer in the workbook
            if started:
                position += 1
                current.position = position
                duration += current.duration_ms
                self.keep(
                    "chapters",
                    None,
                    None,
                    f"章节 {current.id}（{current.title}）不在工作簿中，但已有学员开始学习课程 "
                    f"{row.id}，保留",
                )
            else:
                self.db.delete(current)
                self.report.count("章节", "removed")
                changed = True
        return changed, duration

    def chapter(
        self, chapter: ChapterIn, current: Chapter | None, position: int
    ) -> tuple[bool, int]:
        """Add or update one chapter; whether it changed, and its length."""
        video = chapter.video
        values: dict[str, Any] = {
            "position": position,
            "title": chapter.title,
            "duration_ms": video.duration_ms,
            "media_file": video.stored,
            "handout_file": self.need(chapter.handout),
            "preview_file": self.need(chapter.preview),
            "preview_ms": chapter.preview.duration_ms if chapter.preview else 0,
        }
        learners = self.owned.watched[current.id] if current is not None else 0
        if current is not None and learners and current.duration_ms != video.duration_ms:
            # Coverage is kept in the old video's milliseconds: the length stays, and a new
            # video only replaces one of (almost) the same length.
            values["duration_ms"] = current.duration_ms
            if current.media_file != video.stored and (
                abs(video.duration_ms - current.duration_ms) > SAME_LENGTH_MS
            ):
                values["media_file"] = current.media_file
                self.keep(
                    "chapters",
                    chapter.row,
                    "video",
                    f"{learners} 名学员已学过章节 {current.id}，新视频时长 "
                    f"{duration_text(video.duration_ms)} 与原视频 {duration_text(current.duration_ms)}"
                    " 不同，保留原视频（学习进度按原视频计算）；如需换成新内容，请用新的章节编号",
                )
        if values["media_file"] == video.stored:
            self.need(video)
        if current is None:
            self.db.add(Chapter(id=chapter.id, course_id=chapter.course_id, **values))
            self.report.count("章节", "added")
            return True, int(values["duration_ms"])
        changed = _assign(current, values)
        self.report.count("章节", "updated" if changed else "unchanged")
        return changed, current.duration_ms

    # -- exams, and telling the learners' apps

    def exams(self) -> None:
        public = [p for p in self.catalog.packages.values() if p.course_type == "public"]
        existing = {
            exam.package_id: exam
            for exam in self.db.scalars(
                select(Exam).where(Exam.package_id.in_([p.id for p in public] or [""]))
            )
        }
        for package in public:
            values = {
                "paper": package.paper,
                "title": package.exam_title,
                "time_limit_s": package.exam_minutes * 60,
            }
            exam = existing.get(package.id)
            if exam is None:
                row = self.db.get(Package, package.id)
                assert row is not None
                self.db.add(
                    Exam(
                        id=exam_id_for(package.id),
                        package_id=package.id,
                        opens_at=opens_at(package.year),
                        closes_at=row.closes_at,
                        pass_score=DEFAULT_PASS_SCORE,
                        **values,
                    )
                )
                self.report.count("考试", "added")
            elif _assign(exam, values):
                self.report.count("考试", "updated")
                self.changed_packages.add(package.id)
            else:
                self.report.count("考试", "unchanged")
            self.report.study_ms[package.id] = int(
                self.db.scalar(
                    select(func.coalesce(func.sum(Chapter.duration_ms), 0))
                    .join(Course, Course.id == Chapter.course_id)
                    .where(Course.package_id == package.id)
                )
                or 0
            )

    def notify(self) -> None:
        """One change per enrollment of a changed package: the learners' apps reload it."""
        packages = sorted(p for p in self.changed_packages if self.owned.enrolled[p])
        if not packages:
            return
        self.db.execute(
            insert(Change).from_select(
                ["account_id", "entity", "entity_id", "op", "at"],
                select(
                    Enrollment.account_id,
                    literal("enrollment"),
                    Enrollment.id,
                    literal("upsert"),
                    literal(self.now, Change.__table__.c.at.type),
                ).where(Enrollment.package_id.in_(packages)),
            )
        )


# --- the whole import -------------------------------------------------------------------


def lock_catalog(db: Session) -> None:
    """Hold every writer of what learners own until the import commits.

    One import at a time (an advisory lock; SQLite's write lock), and on PostgreSQL no
    selection, watch progress or exam attempt appears between the import reading who owns
    what and its commit: those tables are locked in SHARE mode (reads go on; learners'
    writes wait the second or two the import takes).
    """
    lock_until_commit(db, "catalog", "import")
    if db.get_bind().dialect.name == "postgresql":
        db.execute(
            text(
                "LOCK TABLE enrollments, selections, course_progress, chapter_progress, "
                "exam_attempts IN SHARE MODE"
            )
        )


def import_catalog(
    db: Session,
    institution_id: str,
    book: Workbook,
    folder: MediaFolder,
    now: dt.datetime,
    *,
    lock: bool = True,
) -> Report:
    """Check *book* and, when every row and file is good, apply it to *db* (not committed).

    The caller stores ``report.files`` into the media store and commits, or rolls back
    (a refused import has written nothing in any case).
    """
    report = Report(institution_id, book.name, folder.root)
    catalog = check_workbook(book, institution_id, folder, now, report)
    if lock:
        lock_catalog(db)
    _check_platform(db, book, institution_id, catalog, report)
    if report.errors:
        return report
    _Apply(db, institution_id, catalog, book, report, now).run()
    return report


def store_media(root: Path, report: Report) -> None:
    """Put the files the imported catalog refers to into the media store (``server.media``)."""
    from server.media import store_file

    for name, source in sorted(report.files.items()):
        if store_file(root, source, name):
            report.files_new += 1
            report.bytes_new += source.stat().st_size
