"""批量登记 against the real platform: the template saved from the dialog, filled with 200
walk-ins of which 10 are bad in different ways, imported with its photo folder; the report
is exact row by row, accepted rows log in with their one-time passwords, the report saves
as XLSX; 取消 stops between two rows.

The session platform is shared: every ID number here is new to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.models.api import ApiClient
from desktop.models.batch_import import COLUMNS, ReportRow
from desktop.models.batch_report_table import ReportTableModel
from desktop.models.platform_clock import PlatformClock
from desktop.models.tasks import TaskRunner
from desktop.views.desk.batch import BatchDialog
from desktop.views.file_dialogs import downloads_folder, in_program_folder, remember_folders_in
from tests.helpers.desktop import click, type_into
from tests.helpers.identity import unique_resident_id, with_wrong_check_digit
from tests.helpers.images import jpeg_bytes, png_bytes
from tests.helpers.learners import DEMO_DESK
from tests.helpers.platform import PlatformProcess, login, register

REPO = Path(__file__).resolve().parents[3]
ROWS = 200
SURNAMES = "陈林黄张李王吴刘蔡杨郑谢郭洪邱曾廖赖徐周"
GIVEN = ("晓红", "志明", "淑仪", "国强", "美玲", "建华", "丽芳", "文杰", "秀英", "家豪")


def learner_name(n: int) -> str:
    """A distinct real-looking name per row (names may hold no digits)."""
    return SURNAMES[n % len(SURNAMES)] + GIVEN[n // len(SURNAMES) % len(GIVEN)]


@pytest.fixture
def batch(platform: PlatformProcess, qtbot: QtBot) -> Iterator[BatchDialog]:
    """批量登记 opened by the demo staff member."""
    tasks = TaskRunner()
    api = ApiClient(platform.url)
    api.login(*DEMO_DESK)
    clock = PlatformClock()  # as the app has it: measured at the health check
    clock.measure(api.health, lambda health: health.server_time)
    dialog = BatchDialog(tasks, api, clock)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    yield dialog
    tasks.wait_idle(60_000)
    tasks.close()


def walk_in_row(id_number: str, name: str, **changes: str) -> dict[str, str]:
    """A valid row by column label, its photos the shared files of the folder."""
    row = {
        "在广东省内（不含深圳市）从事会计工作": "是",
        "证件类型": "居民身份证",
        "证件号码": id_number,
        "姓名": name,
        "手机号码": "13800138000",
        "所在国家或地区": "中国(内地)",
        "民族": "汉族",
        "最高学历": "大学本科",
        "毕业院校": "广东财经大学",
        "所学专业": "会计学",
        "毕业时间": "2009-07-01",
        "人员类别": "在职会计人员",
        "工作单位（学校）": "广州市某某有限公司",
        "会计专业技术资格": "无",
        "行政区域": "广州市越秀区",
        "学员已签署真实性承诺": "是",
        "身份证人像面": "人像面.jpg",
        "身份证国徽面": "国徽面.jpg",
        "本人免冠照片": "照片.jpg",
    }
    row.update(changes)
    return row


def fill_template(template: Path, target: Path, rows: list[dict[str, str]]) -> Path:
    """Fill the app's template as a person does: the example row replaced by the rows."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    labels = {column.header(): column.name() for column in COLUMNS}
    sheet.delete_rows(2)
    for row in rows:
        sheet.append([row.get(labels[str(h)], "") for h in header])
    workbook.save(target)
    return target


def save_through_dialog(qtbot: QtBot, dialog: BatchDialog, target: Path, signal: Any) -> None:
    qtbot.waitUntil(lambda: dialog.save_dialog is not None)
    save = dialog.save_dialog
    assert isinstance(save, QFileDialog)
    save.selectFile(str(target))
    with qtbot.waitSignal(signal, timeout=10_000) as saved:
        save.accept()
    assert saved.args == [str(target)]


def photo_folder(folder: Path) -> Path:
    folder.mkdir()
    for name in ("人像面.jpg", "国徽面.jpg", "照片.jpg"):
        (folder / name).write_bytes(jpeg_bytes())
    (folder / "改名的PNG.jpg").write_bytes(png_bytes())
    return folder


def start(qtbot: QtBot, dialog: BatchDialog, sheet: Path, folder: Path) -> None:
    type_into(qtbot, dialog.sheet_edit, str(sheet))
    type_into(qtbot, dialog.folder_edit, str(folder))
    click(qtbot, dialog.import_button)


def shown(dialog: BatchDialog, row: int, column: int) -> str:
    return str(dialog.model.index(row, column).data())


@pytest.mark.timeout(600)
def test_a_sheet_of_200_with_10_bad_rows_gets_an_exact_report(
    qtbot: QtBot, platform: PlatformProcess, batch: BatchDialog, tmp_path: Path
) -> None:
    # 下载模板: saved where the staff choose.
    click(qtbot, batch.template_button)
    template = tmp_path / "模板.xlsx"
    save_through_dialog(qtbot, batch, template, batch.template_saved)

    taken = register(platform)["account"]["id_number"]  # already registered on the platform
    ids = [unique_resident_id() for _ in range(ROWS)]
    rows = [walk_in_row(number, learner_name(n)) for n, number in enumerate(ids)]
    bad = {  # sheet row number (header = 1) → how the row is bad
        5: {"证件号码": with_wrong_check_digit(ids[3])},
        17: {"手机号码": ""},
        30: {"本人免冠照片": "不存在.jpg"},
        44: {"本人免冠照片": "改名的PNG.jpg"},
        61: {"证件号码": ids[0]},  # the ID number of row 2 again
        77: {"证件号码": taken},
        90: {"电子邮箱": "zhang@"},
        120: {"毕业时间": "2030-07-01"},
        150: {"在广东省内（不含深圳市）从事会计工作": "否", "未从事会计工作但在省内居住或学习并持有会计职称证书": "否"},
        199: {"行政区域": "深圳市南山区"},
    }  # fmt: skip
    for number, changes in bad.items():
        rows[number - 2].update(changes)
    sheet = fill_template(template, tmp_path / "报名表.xlsx", rows)
    folder = photo_folder(tmp_path / "照片")

    with qtbot.waitSignal(batch.imported, timeout=540_000) as imported:
        start(qtbot, batch, sheet, folder)
        qtbot.waitUntil(lambda: batch.cancel_button.isVisible())
    report: list[ReportRow] = imported.args[0]

    assert [line.number for line in report] == list(range(2, ROWS + 2))
    refused = {line.number: line.reason for line in report if not line.registered}
    assert refused == {
        5: "证件号码：证件号码校验位不正确，请核对后重新输入",
        17: "手机号码：请输入手机号码",
        30: "本人免冠照片：照片文件夹中找不到 不存在.jpg",
        44: "本人免冠照片：改名的PNG.jpg 不是 JPG 格式的图片（按文件内容检查）",
        61: "证件号码：与第 2 行的证件号码重复",
        77: "证件号码：该证件号码已注册，请直接登录或找回密码",
        90: "电子邮箱：电子邮箱格式不正确",
        120: "毕业时间：日期不能晚于今天",
        150: "在广东省内（不含深圳市）从事会计工作："
        "该学员不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法登记",
        199: "行政区域：找不到该行政区域，请填写如“广州市天河区”或 6 位区县代码",
    }
    accepted = [line for line in report if line.registered]
    assert len(accepted) == ROWS - len(bad)
    assert all(line.initial_password and not line.reason for line in accepted)

    # What the staff see: the summary, and the table row by row (ID numbers masked).
    assert batch.summary_label.text() == "共 200 行：已登记 190 行，未登记 10 行。"
    assert batch.progress.isHidden() and not batch.cancel_button.isVisible()
    assert shown(batch, 3, ReportTableModel.NUMBER) == "5"
    assert shown(batch, 3, ReportTableModel.RESULT) == "未登记"
    masked = ids[0][:4] + "*" * 10 + ids[0][-4:]
    assert shown(batch, 0, ReportTableModel.ID_NUMBER) == masked
    assert shown(batch, 0, ReportTableModel.RESULT) == "已登记"
    assert shown(batch, 0, ReportTableModel.PASSWORD) == accepted[0].initial_password
    assert all(ids[n] not in shown(batch, n, column) for n in range(ROWS) for column in range(6))

    # Accepted rows log in with their one-time passwords (and must change them).
    for line in (accepted[0], accepted[95], accepted[-1]):
        response = login(platform, ids[line.number - 2], line.initial_password)
        assert response.status_code == 201, response.text
        assert response.json()["account"]["must_change_password"] is True
    for number in (5, 17, 30, 44, 150):  # refused rows registered nobody
        assert login(platform, ids[number - 2], "whatever1").status_code == 401

    # 保存为XLSX, with the warning that the file holds initial passwords.
    assert batch.warning.isVisible() and "初始密码" in batch.warning.text()
    click(qtbot, batch.save_report_button)
    saved = tmp_path / "报告.xlsx"
    save_through_dialog(qtbot, batch, saved, batch.report_saved)
    lines = list(load_workbook(saved).worksheets[0].iter_rows(values_only=True))
    assert lines[0] == ("行号", "姓名", "证件号码", "结果", "原因", "初始密码")
    assert lines[1] == (2, learner_name(0), masked, "已登记", None, accepted[0].initial_password)
    assert lines[4] == (5, learner_name(3), lines[4][2], "未登记", refused[5], None)
    assert len(lines) == ROWS + 1
    assert "交给学员后请删除" in batch.summary_label.text()

    # Closing drops the report and its passwords.
    click(qtbot, batch.close_button)
    assert not batch.isVisible() and batch.report == [] and batch.model.rowCount() == 0


@pytest.mark.timeout(300)
def test_cancel_stops_between_two_rows_and_says_which_were_not_sent(
    qtbot: QtBot, platform: PlatformProcess, batch: BatchDialog, tmp_path: Path
) -> None:
    template = tmp_path / "t.xlsx"
    from desktop.models.batch_import import write_template

    write_template(template)
    ids = [unique_resident_id() for _ in range(40)]
    sheet = fill_template(template, tmp_path / "s.xlsx", [walk_in_row(n, "陈小明") for n in ids])
    folder = photo_folder(tmp_path / "照片")

    with qtbot.waitSignal(batch.imported, timeout=240_000) as imported:
        start(qtbot, batch, sheet, folder)
        qtbot.waitUntil(lambda: batch.progress.value() >= 2, timeout=60_000)
        click(qtbot, batch.cancel_button)
        assert batch.summary_label.text() == "正在取消：等待当前这一行完成…"
    report: list[ReportRow] = imported.args[0]
    registered = [line for line in report if line.registered]
    not_sent = [line for line in report if not line.registered]
    assert 2 <= len(registered) < 40
    assert [line.number for line in report] == list(range(2, 42))
    assert report[: len(registered)] == registered  # the rows before the cancel went in
    assert {line.reason for line in not_sent} == {"导入已取消，此行未提交"}
    assert batch.summary_label.text().endswith("导入已取消。")
    last = not_sent[-1]
    assert login(platform, ids[last.number - 2], "whatever1").status_code == 401
    # The audit log tells these registrations from the counter's (issue 18).
    first = ids[registered[0].number - 2]
    actions = platform.query(
        "SELECT a.action FROM audit_log a JOIN accounts c ON c.id = a.target_id"
        " WHERE c.id_number = ?",
        (first,),
    )
    assert actions == [("walk_in_batch",)]

    # The report's name carries the platform's day (2021-06-21), not the PC's.
    click(qtbot, batch.save_report_button)
    qtbot.waitUntil(lambda: batch.save_dialog is not None)
    save = batch.save_dialog
    assert isinstance(save, QFileDialog)
    assert Path(save.selectedFiles()[0]).name == "批量登记报告-2021-06-21.xlsx"
    save.reject()


def test_choosing_the_sheet_and_photos_starts_in_downloads_then_remembers(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """选择表格… opens in 下载, 选择文件夹… beside the sheet — never in the program's folder
    (Qt's default, the working directory) — and both remember their folder (issue 18)."""
    monkeypatch.chdir(REPO)  # started from the program's folder, as a shortcut does
    remember_folders_in(tmp_path / "data")
    (tmp_path / "data").mkdir()
    sheets, photos = tmp_path / "表格", tmp_path / "照片"
    sheets.mkdir()
    photos.mkdir()
    asked: list[tuple[str, str]] = []

    def open_file(_parent: Any, title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append((title, start))
        return str(sheets / "登记.xlsx"), ""

    def open_folder(_parent: Any, title: str, start: str) -> str:
        asked.append((title, start))
        return str(photos)

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", open_folder)
    tasks = TaskRunner()
    try:
        dialog = BatchDialog(tasks, ApiClient("http://127.0.0.1:9"), PlatformClock())
        qtbot.addWidget(dialog)
        dialog.show()
        click(qtbot, dialog.sheet_button)
        assert asked[-1] == ("选择表格", str(downloads_folder()))
        assert dialog.sheet_edit.text() == str(sheets / "登记.xlsx")
        click(qtbot, dialog.folder_button)
        assert asked[-1] == ("选择照片文件夹", str(sheets))  # beside the sheet
        assert dialog.folder_edit.text() == str(photos)
        click(qtbot, dialog.sheet_button)
        click(qtbot, dialog.folder_button)
        assert [start for _title, start in asked[-2:]] == [str(sheets), str(photos)]
        assert not any(in_program_folder(Path(start)) for _title, start in asked)
    finally:
        remember_folders_in(None)
        tasks.close()
