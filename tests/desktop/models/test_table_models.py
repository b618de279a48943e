"""Every table model of the app through pytest-qt's ``qtmodeltester`` (STYLE.md: "every
custom item model passes ``qtmodeltester.check(model)``").

One test per model, in the order of the flow; each checks the model empty, loaded with
realistic rows (the seed's institution, packages, orders, records and exam, in the
platform's JSON through the client's ``from_json``), and loaded again with fewer rows, then
reads one row as the learner sees it.  To add a model: build its rows with ``from_json``
from the contract's shape, call ``check_rows``, and assert what a row shows.

Sections: purchase (学习资源, 网上报名, 我的订单) · learning (选课) · records and exams ·
front desk (the desk's models are added by the front-desk screens).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from pytestqt.modeltest import ModelTester

from desktop.models.api_types import Institution, Order, Package
from desktop.models.attempt_table import AttemptTableModel
from desktop.models.audit_table import AuditTableModel
from desktop.models.batch_import import ReportRow
from desktop.models.batch_report_table import ReportTableModel
from desktop.models.catalog_model import CatalogModel, TrayModel
from desktop.models.credit_records import CreditRecord, PastRecord
from desktop.models.exam_table import ExamTableModel
from desktop.models.exams import AttemptSummary, Exam
from desktop.models.institution_table import InstitutionTableModel
from desktop.models.order_table import OrderTableModel
from desktop.models.package_table import PackageTableModel
from desktop.models.past_record_table import PastRecordModel
from desktop.models.record_table import RecordDetailModel
from desktop.models.row_table import RowTableModel
from desktop.models.staff_admin import AuditEntry, StaffAccount
from desktop.models.staff_table import StaffTableModel
from desktop.models.walk_in import WalkIn
from desktop.models.walk_in_table import WalkInTableModel
from tests.desktop.models.test_catalog_model import CATALOG

Row = TypeVar("Row")

#: The platform's time in the tests: four days after the seed's purchase.
NOW = dt.datetime(2021, 6, 25, 10, 0, tzinfo=dt.UTC)


def check_rows(
    qtmodeltester: ModelTester,
    model: RowTableModel[Row],
    set_rows: Callable[[list[Row]], None],
    rows: Sequence[Row],
) -> None:
    """The model passes the tester empty, loaded, and reloaded with fewer rows."""
    qtmodeltester.check(model)
    set_rows(list(rows))
    qtmodeltester.check(model)
    assert model.rowCount() == len(rows) and model.columnCount() == len(model.headers)
    set_rows(list(rows[:1]))
    qtmodeltester.check(model)
    set_rows(list(rows))


def shown(model: Any, row: int, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [model.index(row, column).data(role) for column in range(model.columnCount())]


def tone(name: str) -> QColor:
    """A stand-in for the theme: one distinct colour per tone name."""
    return QColor.fromHsv(sum(map(ord, name)) % 360, 200, 200)


# -- purchase: 学习资源, 网上报名, 我的订单 ------------------------------------------------


def institution(**fields: Any) -> Institution:
    return Institution.from_json(
        {
            "id": "yhdc",
            "name": "源和大成教育",
            "region_code": "440100",
            "region_name": "广州市",
            "year": 2021,
            "phone": "4008087802",
            "mode": "online",
            "course_types": ["professional", "public"],
            "learner_info_filled": False,
            **fields,
        }
    )


def package(course_type: str, title: str, price_fen: int, credits: int, **fields: Any) -> Package:
    return Package.from_json(
        {
            "id": f"yhdc-2021-{course_type}",
            "institution_id": "yhdc",
            "institution_name": "源和大成教育",
            "year": 2021,
            "course_type": course_type,
            "title": title,
            "price_fen": price_fen,
            "credits": credits,
            "closes_at": "2021-12-31T23:59:59+08:00",
            "closed": False,
            "owned": False,
            "pending_order_id": None,
            "course_count": 50,
            **fields,
        }
    )


PUBLIC = package("public", "2021年公需课", 0, 30, owned=True)
PROFESSIONAL = package("professional", "2021年度广州市继续教育培训(专业课)", 9000, 60)
CLOSED = package("professional-2020", "2020年度广州市继续教育培训(专业课)", 9000, 60, closed=True)


def order(number: str, package: Package, **fields: Any) -> Order:
    return Order.from_json(
        {
            "id": f"order-{number}",
            "number": number,
            "amount_fen": package.price_fen,
            "status": "paid",
            "method": "wechat",
            "created_at": "2021-06-21T10:23:50+00:00",
            "paid_at": "2021-06-21T10:24:30+00:00",
            "institution_id": "yhdc",
            "institution_name": "源和大成教育",
            "items": [
                {
                    "package_id": package.id,
                    "title": package.title,
                    "course_type": package.course_type,
                    "year": 2021,
                    "credits": package.credits_tenths / 10,
                    "unit_price_fen": package.price_fen,
                    "quantity": 1,
                    "total_fen": package.price_fen,
                }
            ],
            "invoice": None,
            "invoice_deadline": "2021-07-21T23:59:59+08:00",
            "invoice_problem": None,
            "refunds": [],
            **fields,
        }
    )


ORDERS = [
    order("202106211823500001", PROFESSIONAL),
    order("202106211820000002", PUBLIC, method="free"),
    order(
        "202106211810000003",
        PROFESSIONAL,
        status="pending",
        method=None,
        paid_at=None,
        invoice_deadline=None,
        refunds=[
            {
                "payment_id": "pay-1",
                "method": "alipay",
                "amount_fen": 9000,
                "received_at": "2022-01-01T01:00:00+00:00",
                "reason": "package_closed",
                "status": "refund_due",
            }
        ],
    ),
]


def test_institution_table_model(qtmodeltester: ModelTester) -> None:
    model = InstitutionTableModel()
    rows = [institution(), institution(id="hqzx", name="华侨职业培训中心", region_name="佛山市")]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0)[: InstitutionTableModel.ACTION] == [
        "广州市",
        "2021",
        "源和大成教育",
        "4008087802",
    ]


def test_package_table_model(qtmodeltester: ModelTester) -> None:
    model = PackageTableModel(colour=tone)
    check_rows(qtmodeltester, model, model.set_rows, [PUBLIC, PROFESSIONAL, CLOSED])
    assert [shown(model, row)[PackageTableModel.STATE] for row in range(3)] == [
        "已购买",
        "可购买",
        "已截止",
    ]
    assert shown(model, 1)[PackageTableModel.YEAR : PackageTableModel.STATE] == [
        "2021年",
        PROFESSIONAL.title,
        "60",
        "2021-12-31",
        "¥90.00",
    ]
    assert model.index(1, PackageTableModel.STATE).data(Qt.ItemDataRole.ForegroundRole) == tone(
        "heading"
    )
    # Only the buyable package can be ticked; the tick is what 确认购买 buys.
    owned, buyable = model.index(0, PackageTableModel.CHOOSE), model.index(1, 0)
    assert not model.setData(owned, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.setData(buyable, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    qtmodeltester.check(model)
    assert model.ticked_packages() == [PROFESSIONAL]


def test_order_table_model(qtmodeltester: ModelTester) -> None:
    model = OrderTableModel(now=lambda: NOW, colour=tone)
    check_rows(qtmodeltester, model, model.set_rows, ORDERS)
    rows = [shown(model, row)[OrderTableModel.AMOUNT : OrderTableModel.ACTIONS] for row in range(3)]
    assert rows == [
        ["¥90.00", PROFESSIONAL.title, "已支付", "未申请"],
        ["¥0.00", PUBLIC.title, "已支付", "不可申请"],
        ["¥90.00", PROFESSIONAL.title, "待退款", "不可申请"],
    ]
    assert shown(model, 0)[OrderTableModel.CREATED] == "2021-06-21 18:23:50"
    tooltips = shown(model, 2, Qt.ItemDataRole.ToolTipRole)
    assert tooltips[OrderTableModel.STATUS] == "已过截止日期，款项 ¥90.00 将原路退回（支付宝）"


# -- learning: 选课 ----------------------------------------------------------------------


def test_catalog_model(qtmodeltester: ModelTester) -> None:
    model = CatalogModel()
    qtmodeltester.check(model)
    model.set_catalog(CATALOG)
    qtmodeltester.check(model)
    model.set_catalog(CATALOG[:2])
    qtmodeltester.check(model)
    category = model.index(0, 0)
    assert model.index(0, 0, category).data() == "政府会计准则解释第1号"


def test_tray_model(qtmodeltester: ModelTester) -> None:
    model = TrayModel()
    qtmodeltester.check(model)
    chosen = [replace(c, selected=True) if c.id in ("c01", "c03") else c for c in CATALOG]
    model.set_courses(chosen, required_tenths=600)
    qtmodeltester.check(model)
    assert model.rowCount(QModelIndex()) == 3  # the two chosen and the required one
    model.set_courses(CATALOG, required_tenths=600)
    qtmodeltester.check(model)
    assert model.rowCount(QModelIndex()) == 1


# -- records and exams -----------------------------------------------------------------


def credit_record(course_type: str, state: str, **fields: Any) -> CreditRecord:
    return CreditRecord.from_json(
        {
            "id": f"rec-{course_type}",
            "year": 2021,
            "course_type": course_type,
            "institution_id": "yhdc",
            "institution_name": "源和大成教育",
            "region_code": "440100",
            "region_name": "广州市",
            "learning_mode": "online",
            "required_credits": 60,
            "earned_credits": 60,
            "credits": 60,
            "exam_passed": None,
            "state": state,
            "queued_at": "2021-07-01T02:00:00+00:00",
            "reported_at": "2021-07-01T03:00:00+00:00",
            "reviewed_at": "2021-07-02T03:00:00+00:00",
            "completed_at": None,
            "confirmed_at": None,
            "reviewer_phone": "020-83188811",
            "remarks": "",
            **fields,
        }
    )


def test_record_detail_model(qtmodeltester: ModelTester) -> None:
    model = RecordDetailModel(colour=tone)
    rows = [
        credit_record("professional", "reviewed"),
        credit_record(
            "public", "not_met", required_credits=30, earned_credits=12, credits=None,
            queued_at=None, reported_at=None, reviewed_at=None,
        ),
    ]  # fmt: skip
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0)[: RecordDetailModel.REMARKS] == [
        "广州市",
        "2021",
        shown(model, 0)[RecordDetailModel.MODE],
        "60",
        "2021-07-01 10:00:00",
        "2021-07-02 11:00:00",
        "已审核",
    ]
    assert shown(model, 1)[RecordDetailModel.CREDITS] == "12/30"
    states = [model.index(row, RecordDetailModel.STATE) for row in range(2)]
    assert [s.data(Qt.ItemDataRole.ForegroundRole) for s in states] == [
        tone("success"),
        tone("warning"),
    ]


def test_past_record_model(qtmodeltester: ModelTester) -> None:
    model = PastRecordModel()
    rows = [
        PastRecord.from_json(
            {
                "name": "张小红",
                "id_number_masked": "1302**********0987",
                "course_type": course_type,
                "content": content,
                "year": year,
                "credits": credits,
                "score": score,
                "state": "已完成",
            }
        )
        for course_type, content, year, credits, score in (
            ("professional", "2019年度广州市继续教育培训(专业课)", 2019, 60, None),
            ("public", "2019年公需课", 2019, 30, 86),
            ("professional", "2018年度广州市继续教育培训(专业课)", 2018, 60, None),
        )
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    row = shown(model, 1)
    assert row[PastRecordModel.NAME] == "张小红"
    assert row[PastRecordModel.ID_NUMBER] == "1302**********0987"
    assert row[PastRecordModel.YEAR] == "2019"


def exam(**fields: Any) -> Exam:
    return Exam.from_json(
        {
            "id": "exam-2021-public",
            "year": 2021,
            "package_id": "yhdc-2021-public",
            "enrollment_id": "enr-1",
            "institution_name": "源和大成教育",
            "title": "科技创新现状与发展趋势(公需课)",
            "required_study_ms": 1393 * 60_000,
            "studied_ms": 52 * 60_000,
            "remaining_study_minutes": 1341,
            "opens_at": "2021-06-01T00:00:00+08:00",
            "closes_at": "2021-12-31T23:59:59+08:00",
            "pass_score": 60,
            "total_score": 100,
            "question_count": 30,
            "time_limit_s": 3600,
            "attempts_used": 0,
            "best_score": None,
            "passed": False,
            "open_attempt_id": None,
            "state": "study_required",
            **fields,
        }
    )


def test_exam_table_model(qtmodeltester: ModelTester) -> None:
    model = ExamTableModel(colour=tone)
    rows = [
        exam(),
        exam(id="exam-2", state="available", studied_ms=1393 * 60_000, attempts_used=1,
             best_score=48, remaining_study_minutes=0),
    ]  # fmt: skip
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0)[: ExamTableModel.SCORE] == [
        "科技创新现状与发展趋势(公需课)",
        "1393分钟",
        "2021-06-01",
        "2021-12-31",
        "60分",
    ]
    assert shown(model, 1)[ExamTableModel.SCORE] == "48"
    status = model.index(0, ExamTableModel.STATUS)
    assert status.data(Qt.ItemDataRole.ForegroundRole) == tone("warning")  # study required


def test_attempt_table_model(qtmodeltester: ModelTester) -> None:
    model = AttemptTableModel(colour=tone)
    rows = [
        AttemptSummary.from_json(
            {
                "id": f"attempt-{number}",
                "number": number,
                "started_at": f"2021-07-0{number}T02:00:00+00:00",
                "deadline": f"2021-07-0{number}T03:00:00+00:00",
                "status": status,
                "score": score,
                "passed": passed,
                "submitted_at": None if score is None else f"2021-07-0{number}T02:40:00+00:00",
            }
        )
        for number, status, score, passed in (
            (3, "in_progress", None, None),
            (2, "submitted", 72, True),
            (1, "timed_out", 48, False),
        )
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 1)[: AttemptTableModel.RESULT] == ["第2次", "2021-07-02 10:40", "72分"]
    results = [model.index(row, AttemptTableModel.RESULT) for row in range(3)]
    assert [r.data(Qt.ItemDataRole.ForegroundRole) for r in results] == [
        tone("accent"),
        tone("success"),
        tone("error"),
    ]


# -- front desk ------------------------------------------------------------------------


def walk_in(name: str, registered_at: str, *orders: Order) -> WalkIn:
    return replace(
        WalkIn.from_json(
            {
                "id": f"walk-in-{name}",
                "name": name,
                "id_number_masked": "4401**********1234",
                "phone_masked": "150****7063",
                "registered_at": registered_at,
                "registered_by": "陈嘉明",
                "orders": [],
            }
        ),
        orders=orders,
    )


def test_walk_in_table_model(qtmodeltester: ModelTester) -> None:
    model = WalkInTableModel()
    rows = [
        walk_in("黄丽娟", "2021-06-21T01:30:00+00:00"),
        walk_in("李国强", "2021-06-21T02:05:00+00:00", ORDERS[2]),
        walk_in("王芳", "2021-06-21T03:40:00+00:00", ORDERS[0]),
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    # The desk's day is China time: 01:30 UTC was registered at 09:30.
    assert shown(model, 0) == [
        "09:30", "黄丽娟", "4401**********1234", "150****7063", "陈嘉明", "未下单",
    ]  # fmt: skip
    assert [shown(model, row)[WalkInTableModel.ORDERS] for row in (1, 2)] == ["待支付", "已支付"]


def test_batch_report_table_model(qtmodeltester: ModelTester) -> None:
    model = ReportTableModel(colour=tone)
    rows = [
        ReportRow(2, "黄丽娟", "4401**********1234", True, initial_password="Kj7#pQ2x"),
        ReportRow(3, "李国强", "4401**********5678", False, reason="证件号码校验位不正确"),
        ReportRow(5, "王芳", "", False, reason="导入已取消，此行未提交"),
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0) == ["2", "黄丽娟", "4401**********1234", "已登记", "", "Kj7#pQ2x"]
    assert shown(model, 1)[ReportTableModel.RESULT] == "未登记"
    refused = model.index(1, ReportTableModel.RESULT)
    assert refused.data(Qt.ItemDataRole.ForegroundRole) == tone("error")
    assert model.index(0, ReportTableModel.RESULT).data(Qt.ItemDataRole.ForegroundRole) is None
    reason = model.index(1, ReportTableModel.REASON).data(Qt.ItemDataRole.ToolTipRole)
    assert reason == "证件号码校验位不正确"


def staff_account(username: str, name: str, **fields: Any) -> StaffAccount:
    return StaffAccount.from_json(
        {
            "id": f"staff-{username}",
            "username": username,
            "name": name,
            "role": "staff",
            "disabled": False,
            "created_at": "2021-06-01T01:00:00+00:00",
            "last_login_at": "2021-06-21T00:55:00+00:00",
            **fields,
        }
    )


def test_staff_table_model(qtmodeltester: ModelTester) -> None:
    model = StaffTableModel(colour=tone)
    rows = [
        staff_account("yhdc-admin", "梁志远", role="admin"),
        staff_account("yhdc-desk", "陈嘉明"),
        staff_account("zhou.xl", "周晓琳", disabled=True, last_login_at=None),
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0) == [
        "yhdc-admin", "梁志远", "管理员", "正常", "2021-06-01 09:00:00", "2021-06-21 08:55:00",
    ]  # fmt: skip
    assert shown(model, 2)[StaffTableModel.STATE :] == ["已停用", "2021-06-01 09:00:00", "—"]
    assert model.index(2, 0).data(Qt.ItemDataRole.ForegroundRole) == tone("muted")
    # 停用 / 启用 and 新增 change one row in place or add one at the end.
    model.replace(replace(rows[1], disabled=True))
    qtmodeltester.check(model)
    assert shown(model, 1)[StaffTableModel.STATE] == "已停用"
    model.replace(staff_account("li.gq", "李国强"))
    qtmodeltester.check(model)
    assert model.rowCount() == 4 and shown(model, 3)[StaffTableModel.NAME] == "李国强"


def audit_entry(number: int, action: str, summary: str) -> AuditEntry:
    return AuditEntry.from_json(
        {
            "id": number,
            "at": f"2021-06-21T0{number}:00:00+00:00",
            "actor_id": "staff-yhdc-desk",
            "actor_name": "陈嘉明",
            "action": action,
            "target_type": "walk_in",
            "target_id": f"walk-in-{number}",
            "summary": summary,
        }
    )


def test_audit_table_model(qtmodeltester: ModelTester) -> None:
    model = AuditTableModel()
    rows = [
        audit_entry(3, "cash_payment", "现金收款 ¥90.00（订单 202106211823500001）"),
        audit_entry(2, "walk_in_created", "登记学员 黄丽娟"),
        audit_entry(1, "login", "登录"),
    ]
    check_rows(qtmodeltester, model, model.set_rows, rows)
    assert shown(model, 0) == [
        "2021-06-21 11:00:00", "陈嘉明", "现金收款", "现金收款 ¥90.00（订单 202106211823500001）",
    ]  # fmt: skip
    # 加载更多: an older page goes at the end, an entry already shown is not repeated.
    model.append([rows[2], audit_entry(0, "staff_created", "新增工作人员 zhou.xl")])
    qtmodeltester.check(model)
    assert [shown(model, row)[AuditTableModel.ACTION] for row in range(4)] == [
        "现金收款",
        "登记学员",
        "登录",
        "新增工作人员",
    ]
