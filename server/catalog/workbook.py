"""The catalog workbook (课程目录导入表): sheets, columns and notes; read from and written to XLSX.

One workbook describes what one institution offers: the institution (机构), its packages
(课程包), their courses (课程), the chapters of each course with the lecture video, handout
and trial clip named by file name (章节), and the question banks of the public exams (试题).
A staff member fills it in Excel or WPS; a sixth sheet (填写说明) explains every column.
Rows are read by header, so columns may be reordered; row 2 of each sheet is an example
that is skipped while left as the template wrote it.

openpyxl is imported only when a file is read or written, never when the platform serves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rules.exam import TIME_LIMIT_S
from rules.spreadsheets import NO, YES, cell_text
from rules.years import DEADLINE_DAY, DEADLINE_MONTH

MAX_ROWS = 50_000
"""Rows per sheet: more than any year's catalog; a bigger sheet is refused whole."""
PUBLIC_LABEL, PROFESSIONAL_LABEL = "公需课", "专业课"
OPTION_LETTERS = "ABCDEF"


@dataclass(frozen=True)
class Column:
    """One column: its key in a row, its Chinese header, and what to write in it."""

    key: str
    label: str
    hint: str = ""
    required: bool = True
    note: str = ""
    example: Any = None
    width: int = 14

    def header(self) -> str:
        return f"{self.label}（{self.hint}）" if self.hint else self.label


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its key, its Chinese title (the tab's name) and its columns."""

    key: str
    title: str
    note: str
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def letters(self) -> dict[str, str]:
        from_index = _letter
        return {column.key: from_index(i) for i, column in enumerate(self.columns)}


def _letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (no openpyxl needed for the report of an in-memory book)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


ID_HINT = "字母、数字、- _ ."
FILE_NOTE = "媒体文件夹中的文件名（可带子文件夹，如 公需课/第01讲.mp4）"
VIDEO_NOTE = (
    "MP4 视频：H.264 画面 + AAC 声音（剪辑软件导出“MP4 / H.264”即是）。时长从文件本身读取，"
    "不必填写。" + FILE_NOTE
)

INSTITUTION = SheetSpec(
    "institution",
    "机构",
    "只填一行：导入到哪个机构。机构编号须与导入命令的 --institution 相同；"
    "平台上还没有这个机构时按这一行新建，已有时按这一行更新名称、城市、电话和教学方式。",
    (
        Column("id", "机构编号", ID_HINT, note="平台上的机构编号，如 yhdc", example="example"),
        Column("name", "机构名称", note="学员在“学习资源”中看到的名称", example="示例培训机构"),
        Column(
            "region",
            "所在城市",
            "如 广州市 或 440100",
            note="广东省地级市（不含深圳市）",
            example="广州市",
        ),
        Column("phone", "客服电话", note="学员在“学习资源”中看到的电话", example="4008087802"),
        Column("mode", "教学方式", "远程/面授", note="远程（网上学习）或 面授", example="远程"),
    ),
)

PACKAGES = SheetSpec(
    "packages",
    "课程包",
    "每行一个课程包（学员购买的单位）：每年一个公需课包和一个专业课包。"
    "公需课包须有一场考试（填考试名称和题库编号）；专业课没有考试。",
    (
        Column(
            "id",
            "课程包编号",
            ID_HINT,
            note="在整个平台上唯一，导入后不能改；建议 机构编号-年度-类型，如 yhdc-2021-public",
            example="example-2021-public",
            width=24,
        ),
        Column(
            "year",
            "年度",
            note=f"如 2021；截止日期为该年 {DEADLINE_MONTH} 月 {DEADLINE_DAY} 日",
            example=2021,
            width=8,
        ),
        Column("type", "类型", "公需课/专业课", example=PUBLIC_LABEL, width=10),
        Column("title", "名称", note="学员购买时看到的名称", example="2021年公需课", width=30),
        Column("price", "价格（元）", note="如 90 或 0（免费）", example=0, width=10),
        Column(
            "credits",
            "学分",
            note="须等于该年度该类型的学分要求：公需课 30，专业课 60",
            example=30,
            width=8,
        ),
        Column(
            "exam_title",
            "考试名称",
            "公需课必填",
            required=False,
            note="公需课包的考试名称；专业课包留空",
            example="科技创新现状与发展趋势(公需课)",
            width=30,
        ),
        Column(
            "paper",
            "题库编号",
            "公需课必填",
            required=False,
            note="考试从哪个题库抽题：“试题”表中的题库编号，或平台上已有的题库（如全省统一的公需课题库）",
            example="example-2021",
            width=12,
        ),
        Column(
            "exam_minutes",
            "考试时长（分钟）",
            required=False,
            note=f"可不填，默认 {TIME_LIMIT_S // 60} 分钟",
            example=TIME_LIMIT_S // 60,
            width=10,
        ),
    ),
)

COURSES = SheetSpec(
    "courses",
    "课程",
    "每行一门课程，按行的顺序排列在选课目录中。公需课包的课程须全部为必修，学分合计等于课程包"
    "学分；专业课包的课程学分合计须不少于课程包学分，必修课合计不超过它。",
    (
        Column(
            "id",
            "课程编号",
            ID_HINT,
            note="在整个平台上唯一，导入后不能改；如 yhdc-2021-professional-c01",
            example="example-2021-public-c01",
            width=28,
        ),
        Column(
            "package",
            "课程包编号",
            note="“课程包”表中的编号",
            example="example-2021-public",
            width=24,
        ),
        Column(
            "category", "类别", note="如 行政事业、企业会计、税务", example="公需科目", width=10
        ),
        Column("title", "课程名称", example="科技创新现状与发展趋势(公需课)", width=30),
        Column("teacher", "主讲教师", required=False, example="省公需课专家组", width=12),
        Column("credits", "学分", note="最多一位小数，如 2.4", example=30, width=8),
        Column(
            "required",
            "必修",
            "是/否",
            required=False,
            note="必修课在购买时自动选上，不能取消；不填为“否”",
            example=YES,
            width=8,
        ),
        Column(
            "trial",
            "可试听",
            "是/否",
            required=False,
            note="为“是”时，至少一个章节须有试听片段；不填为“否”",
            example=YES,
            width=8,
        ),
        Column("description", "简介", required=False, example="科技创新的现状与趋势。", width=40),
    ),
)

CHAPTERS = SheetSpec(
    "chapters",
    "章节",
    "每行一讲，按行的顺序排列在课程中。每门课程至少一讲；课程的总时长是各讲视频时长之和，"
    "公需课包各讲的总时长就是考试前须学完的时长。",
    (
        Column(
            "id",
            "章节编号",
            ID_HINT,
            note="在整个平台上唯一，导入后不能改；学员的学习进度记在这个编号上",
            example="example-2021-public-c01-ch1",
            width=30,
        ),
        Column(
            "course",
            "课程编号",
            note="“课程”表中的编号",
            example="example-2021-public-c01",
            width=28,
        ),
        Column("title", "章节名称", example="第一讲 科技创新的内涵与时代特征", width=30),
        Column("video", "视频文件", "MP4", note=VIDEO_NOTE, example="第01讲.mp4", width=20),
        Column(
            "handout",
            "讲义文件",
            "PDF，可不填",
            required=False,
            note="PDF 讲义，学员可在视频下方下载。" + FILE_NOTE,
            example="第01讲.pdf",
            width=20,
        ),
        Column(
            "preview",
            "试听片段",
            "MP4，可不填",
            required=False,
            note="未购买的学员也能看的一小段（不计学时），格式同视频",
            example="试听.mp4",
            width=16,
        ),
    ),
)

QUESTIONS = SheetSpec(
    "questions",
    "试题",
    "每行一道题。一个题库须有足够的题供每次考试随机抽取：单选 20 道、多选 5 道、判断 5 道"
    "（满分 100，60 分及格）；题越多，每次抽到的越不同。答案只保存在平台上，学员看不到。",
    (
        Column(
            "paper",
            "题库编号",
            ID_HINT,
            note="如 yhdc-2021；课程包表用它指定考试的题库",
            example="example-2021",
        ),
        Column(
            "id",
            "题目编号",
            ID_HINT,
            note="在整个平台上唯一，最长 32 个字符；如 yhdc-2021-q001",
            example="example-2021-q001",
            width=16,
        ),
        Column("kind", "题型", "单选/多选/判断", example="单选", width=8),
        Column(
            "stem",
            "题干",
            example="党的十八大明确提出实施（ ）战略。",
            width=40,
        ),
        *(
            Column(
                f"option_{letter.lower()}",
                f"选项{letter}",
                required=False,
                note="判断题不填选项（固定为 正确/错误）" if letter == "A" else "",
                example={"A": "可持续发展", "B": "创新驱动发展"}.get(letter, ""),
                width=16,
            )
            for letter in OPTION_LETTERS
        ),
        Column(
            "answer",
            "答案",
            "如 B、ACD、正确",
            note="单选一个字母，多选两个以上字母，判断题填 正确 或 错误",
            example="B",
            width=10,
        ),
    ),
)

SHEETS: tuple[SheetSpec, ...] = (INSTITUTION, PACKAGES, COURSES, CHAPTERS, QUESTIONS)
SHEET_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
NOTES_TITLE = "填写说明"
GENERAL_NOTES = (
    "一个工作簿描述一个机构的课程：机构、课程包、课程、章节、试题五张表，外加本说明。",
    "视频和讲义放在同一个文件夹（可有子文件夹），表中只填文件名；导入命令的第二个参数就是这个文件夹。",
    "导入前先逐行检查全部内容和文件：有任何问题就一处也不写入，报告列出每个问题所在的表、行和列。",
    "同一工作簿再导入一次不会改变任何内容；改正后的工作簿更新名称、视频和试题，但不拿走学员已有的"
    "东西：已选的课、学习进度、考试和成绩都保留，报告会写明保留了什么、为什么。",
    "编号（课程包、课程、章节、题目）导入后就是平台上的编号，不要改；要换掉一门课或一讲，请用新的编号。",
    "每张表的第 2 行是示例（编号以 example 开头），未修改时导入会跳过；请改写或删除。",
)


# -- rows ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One filled row: its number in the sheet (the header is row 1) and its cells by key."""

    number: int
    cells: Mapping[str, Any]

    def get(self, key: str) -> Any:
        return self.cells.get(key)


@dataclass
class Workbook:
    """What was read, sheet by sheet, and where each column is (for the report)."""

    name: str
    rows: dict[str, list[Row]] = field(default_factory=dict)
    letters: dict[str, dict[str, str]] = field(default_factory=dict)
    #: (sheet key, column key or None, Chinese message): a missing sheet or column.
    structure: list[tuple[str, str | None, str]] = field(default_factory=list)


class WorkbookUnreadable(ValueError):
    """The file is not a workbook this import can read; ``str(exc)`` says why, in Chinese."""


def from_rows(name: str, sheets: Mapping[str, Sequence[Mapping[str, Any]]]) -> Workbook:
    """A workbook built in memory (the demo, tests), numbered as if written by ``write``."""
    book = Workbook(name)
    for spec in SHEETS:
        book.letters[spec.key] = spec.letters()
        book.rows[spec.key] = [
            Row(number, dict(cells))
            for number, cells in enumerate(sheets.get(spec.key, ()), start=2)
        ]
    return book


def _header_keys(spec: SheetSpec, header: Sequence[Any]) -> dict[str, int]:
    """Column index by key; a header matches by its label (the hint in brackets may be
    edited or dropped)."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = "".join(cell_text(cell).split())
        for column in spec.columns:
            label = "".join(column.label.split())
            if text == label or text.startswith((label + "（", label + "(")):
                positions.setdefault(column.key, index)
    return positions


def _example(spec: SheetSpec) -> dict[str, str]:
    return {column.key: cell_text(column.example) for column in spec.columns}


def read(path: Path) -> Workbook:
    """Read the sheets of *path* by their titles and headers.

    Raises:
        WorkbookUnreadable: not an XLSX file, or a sheet longer than ``MAX_ROWS``.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        source = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise WorkbookUnreadable(
            f"无法读取 {Path(path).name}：请使用 catalog-template 生成的 XLSX 模板填写"
        ) from exc
    book = Workbook(Path(path).name)
    try:
        titles = {sheet.title.strip().lower(): sheet for sheet in source.worksheets}
        for spec in SHEETS:
            book.rows[spec.key] = []
            sheet = titles.get(spec.title) or titles.get(spec.key)
            if sheet is None:
                book.letters[spec.key] = spec.letters()
                book.structure.append((spec.key, None, f"工作簿中没有“{spec.title}”表"))
                continue
            rows = sheet.iter_rows(values_only=True)
            positions = _header_keys(spec, next(rows, ()))
            book.letters[spec.key] = {
                key: get_column_letter(index + 1) for key, index in positions.items()
            }
            for column in spec.columns:
                if column.required and column.key not in positions:
                    book.structure.append((spec.key, column.key, f"表中缺少“{column.label}”列"))
            example = _example(spec)
            for number, cells in enumerate(rows, start=2):
                values = {
                    key: cells[index] if index < len(cells) else None
                    for key, index in positions.items()
                }
                texts = {key: cell_text(value) for key, value in values.items()}
                if not any(texts.values()):
                    continue
                if number == 2 and all(texts[key] == example[key] for key in texts):
                    continue
                if len(book.rows[spec.key]) >= MAX_ROWS:
                    raise WorkbookUnreadable(
                        f"“{spec.title}”表超过 {MAX_ROWS} 行，请分成几个工作簿导入"
                    )
                book.rows[spec.key].append(Row(number, values))
    finally:
        source.close()
    return book


def write(path: Path, sheets: Mapping[str, Iterable[Mapping[str, Any]]] | None = None) -> Path:
    """Save a workbook: the template (one grey example row per sheet) when *sheets* is None,
    else the given rows (the example year).  Every sheet gets bold headers, text-formatted
    id columns (Excel keeps 0012 as typed) and the notes sheet."""
    from openpyxl import Workbook as XlsxWorkbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = XlsxWorkbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F5")
    example_font = Font(italic=True, color="808080")
    choices = {"mode": "远程,面授", "type": f"{PUBLIC_LABEL},{PROFESSIONAL_LABEL}"}
    choices |= {"required": f"{YES},{NO}", "trial": f"{YES},{NO}", "kind": "单选,多选,判断"}
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.title)
        sheet.append([column.header() for column in spec.columns])
        rows = list(sheets.get(spec.key, ())) if sheets is not None else None
        if rows is None:
            sheet.append([column.example for column in spec.columns])
            for cell in sheet[2]:
                cell.font = example_font
        else:
            for row in rows:
                sheet.append([row.get(column.key) for column in spec.columns])
        last = max(sheet.max_row, 500)
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            head = sheet.cell(row=1, column=index)
            head.font, head.fill = bold, header_fill
            head.alignment = Alignment(wrap_text=True, vertical="center")
            if column.key in {"id", "package", "course", "paper", "phone", "answer"}:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = "@"
            if column.key in choices:
                validation = DataValidation(
                    type="list", formula1=f'"{choices[column.key]}"', allow_blank=True
                )
                validation.add(f"{letter}2:{letter}{last}")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
        sheet.row_dimensions[1].height = 36

    notes = workbook.create_sheet(NOTES_TITLE, 0)
    for line in GENERAL_NOTES:
        notes.append([line])
    notes.append([])
    notes.append(["表", "列", "必填", "说明"])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for spec in SHEETS:
        notes.append([spec.title, "", "", spec.note])
        notes[notes.max_row][0].font = bold
        for column in spec.columns:
            notes.append([spec.title, column.header(), YES if column.required else NO, column.note])
    for letter, width in zip("ABCD", (10, 22, 6, 90), strict=True):
        notes.column_dimensions[letter].width = width
    path = Path(path)
    workbook.save(path)
    return path
