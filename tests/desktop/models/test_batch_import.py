"""批量登记's sheet: the template a person fills in, the rows read back, each row checked by
the desk form's rules with its photos, and the report saved as XLSX.

Posting the rows to the platform is tested against the real platform in
``tests/desktop/views/test_desk_batch.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from pytestqt.qtbot import QtBot

from desktop.models.batch_import import (
    COLUMNS,
    Column,
    RegionIndex,
    ReportRow,
    SheetRefused,
    SheetRow,
    check_rows,
    read_sheet,
    write_report,
    write_template,
)
from tests.helpers.identity import make_resident_id, with_wrong_check_digit
from tests.helpers.images import jpeg_bytes, png_bytes
from tests.helpers.platform import REPO_ROOT

TODAY = dt.date(2021, 6, 21)
HEADERS = [column.header() for column in COLUMNS]


@pytest.fixture(scope="module")
def regions() -> RegionIndex:
    text = (REPO_ROOT / "server" / "data" / "regions.json").read_text(encoding="utf-8")
    return RegionIndex(json.loads(text))


def filled_row(id_number: str, name: str = "张晓红", **changes: str) -> dict[str, str]:
    """A row as a person fills the template in (by header), for a valid walk-in."""
    row = {
        "在广东省内（不含深圳市）从事会计工作": "是",
        "证件类型": "居民身份证",
        "证件号码": id_number,
        "姓名": name,
        "手机号码": "15010067063",
        "所在国家或地区": "中国(内地)",
        "民族": "汉族",
        "最高学历": "大学本科",
        "毕业院校": "广东财经大学",
        "所学专业": "会计学",
        "毕业时间": "2009-07-01",
        "人员类别": "在职会计人员",
        "工作单位（学校）": "广州市某某有限公司",
        "会计专业技术资格": "初级",
        "资格证书编号": "C2012440100001",
        "取得时间": "2012-05-20",
        "行政区域": "广州市天河区",
        "学员已签署真实性承诺": "是",
        "身份证人像面": f"{name}-1.jpg",
        "身份证国徽面": f"{name}-2.jpg",
        "本人免冠照片": f"{name}-3.jpg",
    }
    row.update(changes)
    return row


def write_sheet(
    path: Path, rows: list[dict[str, str]], columns: Sequence[Column] = COLUMNS
) -> Path:
    """The sheet as a person saves it from the template: headers, then one row each."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([column.header() for column in columns])
    for row in rows:
        sheet.append([row.get(column.name(), "") for column in columns])
    workbook.save(path)
    return path


def photos_for(folder: Path, *names: str) -> None:
    for name in names:
        for n in (1, 2, 3):
            (folder / f"{name}-{n}.jpg").write_bytes(jpeg_bytes())


def test_the_template_has_the_fields_in_chinese_one_example_and_reads_back_empty(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = write_template(tmp_path / "模板.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == HEADERS
    assert header[:6] == [
        "在广东省内（不含深圳市）从事会计工作（是/否）",
        "未从事会计工作但在省内居住或学习并持有会计职称证书（上一列为“否”时填写 是/否）",
        "证件类型",
        "证件号码",
        "姓名",
        "手机号码",
    ]
    assert (
        "本人免冠照片（照片文件名）" in header and "行政区域（如 广州市天河区 或 440106）" in header
    )
    example = dict(zip(header, (cell.value for cell in sheet[2]), strict=True))
    assert example["证件号码"] == "130225198703060987" and example["姓名"] == "张晓红"
    assert sheet.max_row == 2  # one header row, one example row
    # Text format: Excel keeps an 18-digit ID number as typed.
    assert sheet.column_dimensions["D"].number_format == "@"
    assert workbook.sheetnames == ["批量登记", "填写说明"]
    # Left as saved, the example row is not a walk-in to register.
    assert read_sheet(path) == []


def test_filled_rows_are_read_by_header_with_their_sheet_row_numbers(tmp_path: Path) -> None:
    first, second = make_resident_id(seq=1), make_resident_id(seq=2)
    path = write_sheet(
        tmp_path / "s.xlsx",
        [filled_row(first), {}, filled_row(second, name="李四")],
        columns=COLUMNS[::-1],  # columns are found by their header, not their position
    )
    rows = read_sheet(path)
    assert [row.number for row in rows] == [2, 4]  # the blank row 3 is skipped
    assert rows[0].values["account.id_number"] == first
    assert rows[1].values["account.name"] == "李四"
    assert rows[1].values["attachments.photo"] == "李四-3.jpg"
    assert first not in repr(rows[0])


def test_excel_cell_types_become_the_text_a_person_sees(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    values = filled_row(make_resident_id(seq=3))
    row: list[object] = [values.get(column.name(), "") for column in COLUMNS]
    row[HEADERS.index("手机号码")] = 15010067063  # typed as a number
    row[HEADERS.index("毕业时间（YYYY-MM-DD）")] = dt.datetime(2009, 7, 1)  # a date cell
    sheet.append(row)
    workbook.save(tmp_path / "t.xlsx")
    (read,) = read_sheet(tmp_path / "t.xlsx")
    assert read.values["account.phone"] == "15010067063"
    assert read.values["profile.education.graduation_date"] == "2009-07-01"


def test_a_file_that_is_not_the_template_is_refused_whole(tmp_path: Path) -> None:
    not_xlsx = tmp_path / "a.xlsx"
    not_xlsx.write_text("姓名,证件号码\n", encoding="utf-8")
    with pytest.raises(SheetRefused, match="无法读取该文件"):
        read_sheet(not_xlsx)
    names = [c for c in COLUMNS if c.name() in ("姓名", "证件号码")]
    other = write_sheet(tmp_path / "b.xlsx", [], columns=names)
    with pytest.raises(SheetRefused, match="表格缺少以下列") as refused:
        read_sheet(other)
    assert "手机号码" in str(refused.value) and "姓名、" not in str(refused.value)


def test_each_row_is_checked_with_the_desk_rules_and_its_photos(
    qtbot: QtBot, tmp_path: Path, regions: RegionIndex
) -> None:
    photos = tmp_path / "照片"
    photos.mkdir()
    names = ["甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八"]
    photos_for(photos, *names)
    (photos / "丁四-3.jpg").unlink()  # missing photo file
    (photos / "戊五-3.jpg").write_bytes(png_bytes())  # a PNG renamed .jpg
    ids = [make_resident_id(seq=10 + n) for n in range(len(names))]
    rows = [
        filled_row(ids[0], "甲一"),
        filled_row(with_wrong_check_digit(ids[1]), "乙二"),
        filled_row(ids[2], "丙三", 手机号码=""),
        filled_row(ids[3], "丁四"),
        filled_row(ids[4], "戊五"),
        filled_row(ids[0], "己六"),  # the ID number of row 2 again
        filled_row(ids[6], "庚七", 行政区域="深圳市南山区", 学员已签署真实性承诺=""),
        filled_row(ids[7], "辛八", **{"在广东省内（不含深圳市）从事会计工作": "否"}),
    ]
    sheet = write_sheet(tmp_path / "s.xlsx", rows)
    checked = check_rows(read_sheet(sheet), photos, regions, today=TODAY)
    reasons = {row.number: "；".join(p.text() for p in row.problems) for row in checked}
    assert reasons == {
        2: "",
        3: "证件号码：证件号码校验位不正确，请核对后重新输入",
        4: "手机号码：请输入手机号码",
        5: "本人免冠照片：照片文件夹中找不到 丁四-3.jpg",
        6: "本人免冠照片：戊五-3.jpg 不是 JPG 格式的图片（按文件内容检查）",
        7: "证件号码：与第 2 行的证件号码重复",
        8: "行政区域：找不到该行政区域，请填写如“广州市天河区”或 6 位区县代码；"
        "学员已签署真实性承诺：此项为必填项",
        9: "在广东省内（不含深圳市）从事会计工作：请回答资格确认问题",
    }
    valid = checked[0]
    body = valid.form.to_body()
    assert body["account"] == {
        "id_type": "resident_id",
        "id_number": ids[0],
        "name": "甲一",
        "phone": "15010067063",
    }
    assert body["profile"]["region_code"] == "440106" and body["district_code"] == "440106"
    assert body["profile"]["personal"]["sex"] in ("male", "female")
    assert body["profile"]["personal"]["birth_date"] == "1987-03-06"
    assert body["profile"]["professional"]["qualification_level"] == "junior"
    assert body["profile"]["work"]["employment_status"] == "employed"
    assert body["profile"]["commitment_accepted"] is True
    assert sorted(valid.photos) == ["id_back", "id_front", "photo"]
    assert body["attachments"]["photo"] is None  # photos are read only when the row is sent


def test_regions_are_found_by_name_or_code(regions: RegionIndex) -> None:
    assert regions.code_of("广州市天河区") == "440106"
    assert regions.code_of("广州市 天河区") == "440106"
    assert regions.code_of("440106") == "440106"
    assert regions.code_of("天河区") == "440106"
    assert regions.code_of("440100") is None  # a city is not a district
    assert regions.code_of("深圳市南山区") is None


def test_the_report_is_saved_as_xlsx_with_one_line_per_row(qtbot: QtBot, tmp_path: Path) -> None:
    report = [
        ReportRow(2, "甲一", "4401**********1234", True, initial_password="Ab3dEf9h"),
        ReportRow(3, "乙二", "4402**********5678", False, "证件号码：证件号码校验位不正确"),
    ]
    path = write_report(tmp_path / "报告.xlsx", report)
    sheet = load_workbook(path).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["行号", "姓名", "证件号码", "结果", "原因", "初始密码"],
        [2, "甲一", "4401**********1234", "已登记", None, "Ab3dEf9h"],
        [3, "乙二", "4402**********5678", "未登记", "证件号码：证件号码校验位不正确", None],
    ]
    assert "Ab3dEf9h" not in repr(report[0])


def test_a_sheet_row_never_shows_its_cells_in_a_log() -> None:
    row = SheetRow(5, {"account.id_number": "130225198703060987"})
    assert "130225198703060987" not in repr(row) and "5" in repr(row)
