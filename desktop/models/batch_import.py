"""批量登记: walk-ins from a spreadsheet (SPEC §6, docs/api.md "Client side").

The desk saves an XLSX template (one header row of the walk-in's fields in Chinese, one
example row); the staff fill it in, one walk-in per row, the photos named by file name in
a folder they choose.  Each row becomes a :class:`~desktop.models.walk_in.WalkInForm` and
is checked with the desk form's own rules; each valid row is posted as one walk-in, one
request at a time.  The report lists every row: registered (with its one-time password)
or not, and why, at the column that caused it.

Privacy: the sheet and the photo folder are the user's files and are only read, never
copied; photos are read just before their row is posted and dropped after it.  ID numbers
and passwords stay in memory (the report shows the number masked) until the user saves
the report; nothing goes to a log.  Runs on a worker thread: ``progress`` is called there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from PySide6.QtCore import QCoreApplication

from desktop.i18n import tr, tr_rule
from desktop.models.cancel import CancelToken, finished_even_if_cancelled
from desktop.models.errors import ApiError, AuthExpired, PlatformUnreachable
from desktop.models.walk_in import WalkInCreated, WalkInForm, problems_of
from rules import identity
from rules._i18n import QT_TRANSLATE_NOOP
from rules.attachments import MAX_ATTACHMENT_BYTES, attachment_problem, size_text
from rules.identity import ID_TYPE_LABELS, IdType, birth_date_of, mask_id_number, sex_of
from rules.profile import (
    COUNTRY_REGIONS,
    DEGREES,
    EMPLOYMENT_STATUSES,
    ETHNICITIES,
    QUALIFICATION_LEVELS,
    SEXES,
)
from rules.spreadsheets import NO, YES, cell_text

if TYPE_CHECKING:
    from desktop.models.api import ApiClient

CONTEXT = "batch"
SHEET_TITLE = QT_TRANSLATE_NOOP("batch", "批量登记")
MAX_ROWS = 1000
"""More rows than a counter registers in a day; a bigger sheet is refused whole."""
TEMPLATE_ROWS = 500
"""How many rows of the template get the drop-down lists."""


def tr_batch(text: str) -> str:
    """Translate text marked with QT_TRANSLATE_NOOP("batch", …) (literals use ``tr``)."""
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Column:
    """One column of the sheet: the body path it fills, its header and an example."""

    path: str
    label: str
    """Untranslated (context "rules" or "batch"); the reason of a refusal names it."""
    example: str
    hint: str = ""
    """Untranslated, shown in the header after the label: what to write."""
    choices: tuple[str, ...] = ()
    required: bool = True
    label_context: str = "rules"

    def header(self) -> str:
        label = QCoreApplication.translate(self.label_context, self.label)
        return f"{label}（{tr_batch(self.hint)}）" if self.hint else label

    def name(self) -> str:
        return QCoreApplication.translate(self.label_context, self.label)


PHOTO_HINT = QT_TRANSLATE_NOOP("batch", "照片文件名")
DATE_HINT = QT_TRANSLATE_NOOP("batch", "YYYY-MM-DD")
_YES_NO = (YES, NO)

COLUMNS: tuple[Column, ...] = (
    Column(
        "eligibility.works_in_accounting",
        QT_TRANSLATE_NOOP("batch", "在广东省内（不含深圳市）从事会计工作"),
        YES,
        QT_TRANSLATE_NOOP("batch", "是/否"),
        _YES_NO,
        label_context=CONTEXT,
    ),
    Column(
        "eligibility.resides_with_certificate",
        QT_TRANSLATE_NOOP("batch", "未从事会计工作但在省内居住或学习并持有会计职称证书"),
        "",
        QT_TRANSLATE_NOOP("batch", "上一列为“否”时填写 是/否"),
        _YES_NO,
        required=False,
        label_context=CONTEXT,
    ),
    Column(
        "account.id_type",
        QT_TRANSLATE_NOOP("rules", "证件类型"),
        ID_TYPE_LABELS[IdType.RESIDENT_ID],
        choices=tuple(ID_TYPE_LABELS.values()),
    ),
    Column("account.id_number", QT_TRANSLATE_NOOP("rules", "证件号码"), "130225198703060987"),
    Column("account.name", QT_TRANSLATE_NOOP("rules", "姓名"), "张晓红"),
    Column("account.phone", QT_TRANSLATE_NOOP("rules", "手机号码"), "15010067063"),
    Column(
        "profile.personal.sex",
        QT_TRANSLATE_NOOP("rules", "性别"),
        "",
        QT_TRANSLATE_NOOP("batch", "居民身份证可不填"),
        tuple(SEXES.values()),
        required=False,
    ),
    Column(
        "profile.personal.birth_date",
        QT_TRANSLATE_NOOP("rules", "出生日期"),
        "",
        QT_TRANSLATE_NOOP("batch", "居民身份证可不填"),
        required=False,
    ),
    Column(
        "profile.personal.country_region",
        QT_TRANSLATE_NOOP("rules", "所在国家或地区"),
        COUNTRY_REGIONS[0],
        choices=COUNTRY_REGIONS,
    ),
    Column(
        "profile.personal.ethnicity",
        QT_TRANSLATE_NOOP("rules", "民族"),
        ETHNICITIES[0],
        choices=ETHNICITIES,
    ),
    Column("profile.personal.email", QT_TRANSLATE_NOOP("rules", "电子邮箱"), "", required=False),
    Column(
        "profile.education.highest_degree",
        QT_TRANSLATE_NOOP("rules", "最高学历"),
        "大学本科",
        choices=DEGREES,
    ),
    Column("profile.education.school", QT_TRANSLATE_NOOP("rules", "毕业院校"), "广东财经大学"),
    Column("profile.education.major", QT_TRANSLATE_NOOP("rules", "所学专业"), "会计学"),
    Column(
        "profile.education.graduation_date",
        QT_TRANSLATE_NOOP("rules", "毕业时间"),
        "2009-07-01",
        DATE_HINT,
    ),
    Column(
        "profile.work.employment_status",
        QT_TRANSLATE_NOOP("rules", "人员类别"),
        EMPLOYMENT_STATUSES["employed"],
        choices=tuple(EMPLOYMENT_STATUSES.values()),
    ),
    Column(
        "profile.work.employer",
        QT_TRANSLATE_NOOP("rules", "工作单位（学校）"),
        "广州市某某有限公司",
    ),
    Column("profile.work.position", QT_TRANSLATE_NOOP("rules", "职务"), "", required=False),
    Column(
        "profile.professional.qualification_level",
        QT_TRANSLATE_NOOP("rules", "会计专业技术资格"),
        QUALIFICATION_LEVELS["junior"],
        choices=tuple(QUALIFICATION_LEVELS.values()),
    ),
    Column(
        "profile.professional.certificate_number",
        QT_TRANSLATE_NOOP("rules", "资格证书编号"),
        "C2012440100001",
        required=False,
    ),
    Column(
        "profile.professional.obtained_date",
        QT_TRANSLATE_NOOP("rules", "取得时间"),
        "2012-05-20",
        DATE_HINT,
        required=False,
    ),
    Column(
        "profile.region_code",
        QT_TRANSLATE_NOOP("rules", "行政区域"),
        "广州市天河区",
        QT_TRANSLATE_NOOP("batch", "如 广州市天河区 或 440106"),
    ),
    Column(
        "profile.commitment_accepted",
        QT_TRANSLATE_NOOP("batch", "学员已签署真实性承诺"),
        YES,
        QT_TRANSLATE_NOOP("batch", "是/否"),
        _YES_NO,
        label_context=CONTEXT,
    ),
    Column(
        "attachments.id_front",
        QT_TRANSLATE_NOOP("rules", "身份证人像面"),
        "张晓红-人像面.jpg",
        PHOTO_HINT,
    ),
    Column(
        "attachments.id_back",
        QT_TRANSLATE_NOOP("rules", "身份证国徽面"),
        "张晓红-国徽面.jpg",
        PHOTO_HINT,
    ),
    Column(
        "attachments.photo",
        QT_TRANSLATE_NOOP("rules", "本人免冠照片"),
        "张晓红-照片.jpg",
        PHOTO_HINT,
    ),
    Column(
        "attachments.student_card",
        QT_TRANSLATE_NOOP("rules", "学生证"),
        "",
        QT_TRANSLATE_NOOP("batch", "在校学生填写照片文件名"),
        required=False,
    ),
)
COLUMN_BY_PATH = {column.path: column for column in COLUMNS}
PHOTO_KINDS = tuple(
    c.path.removeprefix("attachments.") for c in COLUMNS if c.path.startswith("attachments.")
)

# Where a problem of the platform or of a rule lands when its path is not a column's.
_PROBLEM_COLUMN = {
    "eligibility": "eligibility.works_in_accounting",
    "district_code": "profile.region_code",
    "profile.personal.name": "account.name",
    "profile.personal.id_type": "account.id_type",
    "profile.personal.id_number": "account.id_number",
    "profile.personal.phone": "account.phone",
}


class SheetRefused(ValueError):
    """The file is not a sheet this import can read; ``str(exc)`` says why, in Chinese."""


# -- the template -------------------------------------------------------------------------


def default_template_name() -> str:
    return tr("批量登记模板.xlsx")


def write_template(path: Path) -> Path:
    """Save the template: the header row, one example row, drop-down lists for the choices,
    text format for every cell (so Excel keeps an 18-digit ID number as typed), and a
    second sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = tr_batch(SHEET_TITLE)
    sheet.append([column.header() for column in COLUMNS])
    sheet.append([_example_value(column) for column in COLUMNS])
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE7F5")
    example_font = Font(italic=True, color="808080")
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.header()) * 2))
        head = sheet.cell(row=1, column=index)
        head.font = bold
        head.fill = header_fill
        head.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[letter].number_format = "@"
        sheet.cell(row=2, column=index).number_format = "@"
        sheet.cell(row=2, column=index).font = example_font
        if column.choices:
            listed = ",".join(_display_choice(column, c) for c in column.choices)
            if len(listed) <= 255:  # Excel's limit for an inline list
                validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
                sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 48

    notes = workbook.create_sheet(tr("填写说明"))
    notes.append([tr("列"), tr("必填"), tr("说明")])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.header(), tr("是") if column.required else tr("否"), _note(column)])
    notes.append([])
    for line in (
        tr("每行登记一名学员；第 2 行是示例，请改写或删除（未修改的示例行导入时会跳过）。"),
        tr(
            "照片须为 JPG 格式、每张不超过 {size}；把所有照片放在同一个文件夹，表中只填文件名。"
        ).format(size=size_text(MAX_ATTACHMENT_BYTES)),
        tr("导入时逐行校验并提交；不合格的行不会登记，报告中会写明原因，改正后可只导入这些行。"),
        tr("报告中含学员的初始密码，请交给学员后删除报告文件。"),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 40
    notes.column_dimensions["B"].width = 8
    notes.column_dimensions["C"].width = 80
    path = Path(path)
    workbook.save(path)
    return path


def _display_choice(column: Column, choice: str) -> str:
    return (
        tr_batch(choice)
        if column.label_context == CONTEXT or choice in _YES_NO
        else tr_rule(choice)
    )


def _example_value(column: Column) -> str:
    if not column.example:
        return ""
    return _display_choice(column, column.example) if column.choices else column.example


def _note(column: Column) -> str:
    if column.choices:
        return tr("可选：") + "、".join(_display_choice(column, c) for c in column.choices)
    if column.path.startswith("attachments."):
        return tr("照片文件夹中的文件名，如 {example}").format(example=column.example or "xxx.jpg")
    if column.hint:
        return tr_batch(column.hint)
    return ""


# -- reading the sheet --------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One filled row: its row number in the sheet (the header is row 1) and its cells by
    body path, as text."""

    number: int
    values: Mapping[str, str]

    def __repr__(self) -> str:  # never the cells (ID numbers) in a log or traceback
        return f"SheetRow(number={self.number})"


def read_sheet(path: Path) -> list[SheetRow]:
    """The filled rows of the sheet's first worksheet, found by their headers.

    Blank rows and the template's untouched example row are skipped.

    Raises:
        SheetRefused: not an XLSX file, no header row of the template, too many rows.
    """
    try:
        workbook = load_workbook(Path(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise SheetRefused(
            tr("无法读取该文件：请选择由“下载模板”保存并填写的 XLSX 文件。")
        ) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        positions = _header_positions(header or ())
        missing = [c.header() for c in COLUMNS if c.path not in positions]
        if missing:
            raise SheetRefused(
                tr("表格缺少以下列，请使用“下载模板”保存的模板：{columns}").format(
                    columns="、".join(missing)
                )
            )
        example = {c.path: _example_value(c) for c in COLUMNS}
        found: list[SheetRow] = []
        for number, cells in enumerate(rows, start=2):
            values = {
                path: cell_text(cells[index] if index < len(cells) else None)
                for path, index in positions.items()
            }
            if not any(values.values()) or (number == 2 and values == example):
                continue
            if len(found) >= MAX_ROWS:
                raise SheetRefused(
                    tr("表格超过 {count} 行，请分成几个文件导入。").format(count=MAX_ROWS)
                )
            found.append(SheetRow(number, values))
        return found
    finally:
        workbook.close()


def _header_positions(header: Sequence[Any]) -> dict[str, int]:
    """Column index by body path; a header matches by its label (hints may be edited)."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        text = "".join(cell_text(cell).split())
        matching = [
            column
            for column in COLUMNS
            if text == column.name() or text.startswith((column.name() + "（", column.name() + "("))
        ]
        if matching:
            path = max(matching, key=lambda column: len(column.name())).path
            positions.setdefault(path, index)
    return positions


# -- checking a row -----------------------------------------------------------------------


class RegionIndex:
    """Finds a district's code from what a person writes: "广州市天河区", "广州市 天河区",
    "天河区" (when only one district has that name) or the code itself."""

    def __init__(self, regions: Iterable[Mapping[str, Any]]) -> None:
        self._codes: set[str] = set()
        self._by_name: dict[str, str] = {}
        short: dict[str, set[str]] = {}
        for city in regions:
            for district in city.get("districts", ()):
                code, name = str(district["code"]), str(district["name"])
                self._codes.add(code)
                self._by_name[f"{city['name']}{name}"] = code
                short.setdefault(name, set()).add(code)
        for name, codes in short.items():
            if len(codes) == 1:
                self._by_name.setdefault(name, next(iter(codes)))

    def code_of(self, text: str) -> str | None:
        compact = "".join(text.split())
        if compact in self._codes:
            return compact
        return self._by_name.get(compact)


_YES_NO_VALUES = {YES: True, NO: False}
REGION_UNKNOWN = QT_TRANSLATE_NOOP(
    "batch", "找不到该行政区域，请填写如“广州市天河区”或 6 位区县代码"
)
YES_NO_EXPECTED = QT_TRANSLATE_NOOP("batch", "请填写“是”或“否”")
CHOICE_EXPECTED = QT_TRANSLATE_NOOP("rules", "请从列表中选择")
DUPLICATE_ID = QT_TRANSLATE_NOOP("batch", "与第 {row} 行的证件号码重复")
PHOTO_NAME_MISSING = QT_TRANSLATE_NOOP("batch", "请填写照片文件名")
PHOTO_NOT_FOUND = QT_TRANSLATE_NOOP("batch", "照片文件夹中找不到 {name}")
PHOTO_NOT_JPEG = QT_TRANSLATE_NOOP("batch", "{name} 不是 JPG 格式的图片（按文件内容检查）")
PHOTO_TOO_LARGE = QT_TRANSLATE_NOOP("batch", "{name} 超过 {size}")


@dataclass(frozen=True)
class Problem:
    """Why a row is not registered: the body path of the column and the message (already
    translated, or the platform's own)."""

    path: str
    message: str

    def text(self) -> str:
        column = COLUMN_BY_PATH.get(_PROBLEM_COLUMN.get(self.path, self.path))
        return f"{column.name()}：{self.message}" if column is not None else self.message


@dataclass
class CheckedRow:
    """A row with the walk-in it describes and its problems (none: it can be posted)."""

    number: int
    form: WalkInForm
    photos: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.form.account.get("name", "")

    @property
    def id_number(self) -> str:
        return self.form.account.get("id_number", "")

    def __repr__(self) -> str:
        return f"CheckedRow(number={self.number}, problems={len(self.problems)})"


def check_rows(
    rows: Sequence[SheetRow], folder: Path, regions: RegionIndex, *, today: dt.date
) -> list[CheckedRow]:
    """Each row as a walk-in form, checked by the desk form's rules, its photos found in
    *folder* (read to check them, not kept), and ID numbers repeated within the sheet."""
    checked = [check_row(row, folder, regions, today=today) for row in rows]
    first_row_of: dict[str, int] = {}
    for row in checked:
        number = row.id_number
        if not number or any(p.path == "account.id_number" for p in row.problems):
            continue
        if number in first_row_of:
            row.problems.insert(
                0,
                Problem(
                    "account.id_number", tr_batch(DUPLICATE_ID).format(row=first_row_of[number])
                ),
            )
        else:
            first_row_of[number] = row.number
    return checked


def read_and_check(
    sheet: Path, folder: Path, api: ApiClient, *, today: dt.date
) -> list[CheckedRow]:
    """Worker: the sheet's rows, checked against the platform's regions and *today* (the
    platform's: ``china_date(platform_clock.now())``)."""
    regions = RegionIndex(api.regions())
    return check_rows(read_sheet(sheet), folder, regions, today=today)


def check_row(row: SheetRow, folder: Path, regions: RegionIndex, *, today: dt.date) -> CheckedRow:
    form = WalkInForm()
    problems: dict[str, str] = {}
    values = row.values

    works = values.get("eligibility.works_in_accounting", "")
    resides = values.get("eligibility.resides_with_certificate", "")
    if works and works not in _YES_NO_VALUES:
        problems["eligibility.works_in_accounting"] = tr_batch(YES_NO_EXPECTED)
    if resides and resides not in _YES_NO_VALUES:
        problems["eligibility.resides_with_certificate"] = tr_batch(YES_NO_EXPECTED)
    form.works_in_accounting = _YES_NO_VALUES.get(works)
    form.resides_with_certificate = _YES_NO_VALUES.get(resides)

    id_type = _choice_value(values.get("account.id_type", ""), ID_TYPE_LABELS)
    if id_type is None:
        problems["account.id_type"] = tr_rule(CHOICE_EXPECTED)
    form.set_value("account.id_type", id_type or IdType.RESIDENT_ID.value)
    for path in ("account.id_number", "account.name", "account.phone"):
        form.set_value(path, values.get(path, ""))

    for path in (
        "profile.personal.country_region",
        "profile.personal.ethnicity",
        "profile.personal.email",
        "profile.personal.birth_date",
        "profile.education.highest_degree",
        "profile.education.school",
        "profile.education.major",
        "profile.education.graduation_date",
        "profile.work.employer",
        "profile.work.position",
        "profile.professional.certificate_number",
        "profile.professional.obtained_date",
    ):
        form.set_value(path, values.get(path, ""))
    for path, labels in (
        ("profile.personal.sex", SEXES),
        ("profile.work.employment_status", EMPLOYMENT_STATUSES),
        ("profile.professional.qualification_level", QUALIFICATION_LEVELS),
    ):
        text = values.get(path, "")
        # An unknown label goes in as written: the profile rule says "请从列表中选择".
        form.set_value(path, _choice_value(text, labels) or text)
    number = form.account.get("id_number", "")
    if form.account.get("id_type") == IdType.RESIDENT_ID and len(number) == 18:
        birth = birth_date_of(number)
        if not values.get("profile.personal.birth_date") and birth is not None:
            form.set_value("profile.personal.birth_date", birth.isoformat())
        if not values.get("profile.personal.sex") and number[16].isdigit():
            form.set_value("profile.personal.sex", sex_of(number))

    region_text = values.get("profile.region_code", "")
    region = regions.code_of(region_text) if region_text else ""
    if region is None:
        problems["profile.region_code"] = tr_batch(REGION_UNKNOWN)
    form.set_value("profile.region_code", region or "")
    commitment = values.get("profile.commitment_accepted", "")
    if commitment and commitment not in _YES_NO_VALUES:
        problems["profile.commitment_accepted"] = tr_batch(YES_NO_EXPECTED)
    form.set_value("profile.commitment_accepted", _YES_NO_VALUES.get(commitment, False))

    for path, message in form.problems(today=today).items():
        if not path.startswith("attachments."):
            problems.setdefault(path, identity.filled(tr_rule(message)))

    photos: dict[str, Path] = {}
    for kind in form.required_attachments():
        path = f"attachments.{kind}"
        name = values.get(path, "")
        found, problem = find_photo(folder, name)
        if problem is not None:
            problems.setdefault(path, problem)
        elif found is not None:
            photos[kind] = found
    ordered = [Problem(p, problems[p]) for p in _in_column_order(problems)]
    return CheckedRow(row.number, form, photos, ordered)


def _in_column_order(problems: Mapping[str, str]) -> list[str]:
    order = {column.path: index for index, column in enumerate(COLUMNS)}

    def position(path: str) -> int:
        return order.get(_PROBLEM_COLUMN.get(path, path), len(order))

    return sorted(problems, key=position)


def _choice_value(text: str, labels: Mapping[Any, str]) -> str | None:
    """The API value of a choice written by its Chinese label (or by its API value)."""
    for value, label in labels.items():
        if text in (label, tr_rule(label), str(value)):
            return str(value)
    return None


def find_photo(folder: Path, name: str) -> tuple[Path | None, str | None]:
    """The photo file *name* in *folder*, checked as the platform checks an attachment
    (``rules.attachments.attachment_problem``: its size, JPEG by content, a coding it
    reads, sane dimensions), or the reason it cannot be one."""
    if not name:
        return None, tr_batch(PHOTO_NAME_MISSING)
    folder = Path(folder).resolve()
    path = (folder / name).resolve()
    if folder not in path.parents or not path.is_file():
        return None, tr_batch(PHOTO_NOT_FOUND).format(name=name)
    try:
        with path.open("rb") as stream:
            _frame, problem = attachment_problem(stream, path.stat().st_size)
    except OSError:
        return None, tr_batch(PHOTO_UNREADABLE).format(name=name)
    if problem is None:
        return path, None
    if problem.code == "attachment_too_large":
        return None, tr_batch(PHOTO_TOO_LARGE).format(
            name=name, size=size_text(MAX_ATTACHMENT_BYTES)
        )
    if problem.code == "attachment_not_jpeg":
        return None, tr_batch(PHOTO_NOT_JPEG).format(name=name)
    return None, f"{name}：{problem.text(tr_rule)}"


# -- posting and the report ---------------------------------------------------------------


@dataclass(frozen=True)
class ReportRow:
    """One line of the report (行号, 姓名, 证件号码 masked, 结果, 原因, 初始密码)."""

    number: int
    name: str
    id_number_masked: str
    registered: bool
    reason: str = ""
    initial_password: str = ""

    def __repr__(self) -> str:  # never the password in a log
        return f"ReportRow(number={self.number}, registered={self.registered})"


Register = Callable[[dict[str, Any]], WalkInCreated]
"""Posts one walk-in body (``ApiClient.create_walk_in``)."""
Progress = Callable[[int, int], None]
"""``progress(rows_done, rows_total)``, called on the worker thread."""

CANCELLED = QT_TRANSLATE_NOOP("batch", "导入已取消，此行未提交")
NOT_SENT = QT_TRANSLATE_NOOP("batch", "未提交：{reason}")
UNREACHABLE = QT_TRANSLATE_NOOP("batch", "无法连接平台服务")
UNKNOWN_OUTCOME = QT_TRANSLATE_NOOP(
    "batch", "连接中断，不确定是否已登记，请在今日登记列表中按姓名核对"
)
SESSION_EXPIRED = QT_TRANSLATE_NOOP("batch", "登录已失效，请重新登录后导入其余各行")
PHOTO_UNREADABLE = QT_TRANSLATE_NOOP("batch", "照片文件读取失败：{name}")


def import_rows(
    rows: Sequence[CheckedRow],
    register: Register,
    *,
    progress: Progress | None = None,
    cancelled: CancelToken | None = None,
) -> list[ReportRow]:
    """Post each valid row as one walk-in, one request at a time; the report of every row.

    A row with problems is reported as they are; the platform's refusal of a row is its
    reason.  Cancelling (between two rows), an unreachable platform or an expired session
    stops the import: the rows not posted say so.
    """
    report: list[ReportRow] = []
    stop_reason = ""
    total = len(rows)
    for done, row in enumerate(rows):
        if not stop_reason and cancelled is not None and cancelled.cancelled:
            stop_reason = tr_batch(CANCELLED)
        if row.problems:
            report.append(_refused(row, "；".join(p.text() for p in row.problems)))
        elif stop_reason:
            report.append(_refused(row, stop_reason))
        else:
            with finished_even_if_cancelled():  # 取消 waits for the row being sent
                line, stop_reason = _post(row, register)
            report.append(line)
        if progress is not None:
            progress(done + 1, total)
    return report


def _post(row: CheckedRow, register: Register) -> tuple[ReportRow, str]:
    """One row posted; the report line, and why the import must stop ("" to go on)."""
    for kind, path in row.photos.items():
        try:
            row.form.set_attachment(kind, path.read_bytes())
        except OSError:
            row.form.attachments.clear()
            problem = Problem(
                f"attachments.{kind}", tr_batch(PHOTO_UNREADABLE).format(name=path.name)
            )
            return _refused(row, problem.text()), ""
    try:
        created = register(row.form.to_body())
    except AuthExpired:
        reason = tr_batch(SESSION_EXPIRED)
        return _refused(row, reason), reason
    except ApiError as exc:
        return _refused(row, refusal_text(exc)), ""
    except PlatformUnreachable:
        stop = tr_batch(NOT_SENT).format(reason=tr_batch(UNREACHABLE))
        return _refused(row, tr_batch(UNKNOWN_OUTCOME)), stop
    finally:
        row.form.attachments.clear()  # the photos go as soon as the row is sent
    return (
        ReportRow(
            row.number,
            row.name,
            mask_id_number(row.id_number),
            True,
            initial_password=created.initial_password,
        ),
        "",
    )


def refusal_text(error: ApiError) -> str:
    """The platform's reason, at the columns it names (every problem of a
    ``walk_in_invalid``)."""
    problems = problems_of(error)
    if not problems:
        return error.message
    return "；".join(Problem(path, problems[path]).text() for path in _in_column_order(problems))


def _refused(row: CheckedRow, reason: str) -> ReportRow:
    return ReportRow(row.number, row.name, mask_id_number(row.id_number), False, reason)


REPORT_HEADERS = (
    QT_TRANSLATE_NOOP("batch", "行号"),
    QT_TRANSLATE_NOOP("batch", "姓名"),
    QT_TRANSLATE_NOOP("batch", "证件号码"),
    QT_TRANSLATE_NOOP("batch", "结果"),
    QT_TRANSLATE_NOOP("batch", "原因"),
    QT_TRANSLATE_NOOP("batch", "初始密码"),
)


def result_text(line: ReportRow) -> str:
    return tr("已登记") if line.registered else tr("未登记")


def default_report_name(today: dt.date) -> str:
    return tr("批量登记报告-{date}.xlsx").format(date=today.isoformat())


def write_report(path: Path, report: Sequence[ReportRow]) -> Path:
    """Save the report as XLSX (the user's choice: it holds the initial passwords)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = tr("登记报告")
    sheet.append([tr_batch(h) for h in REPORT_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in report:
        sheet.append(
            [
                line.number,
                line.name,
                line.id_number_masked,
                result_text(line),
                line.reason,
                line.initial_password,
            ]
        )
    for letter, width in zip("ABCDEF", (8, 12, 22, 10, 60, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    path = Path(path)
    workbook.save(path)
    return path


def summary(report: Sequence[ReportRow]) -> tuple[int, int]:
    """(registered, not registered)."""
    registered = sum(1 for line in report if line.registered)
    return registered, len(report) - registered
