"""The slip handed to a walk-in (登记回执, SPEC §6): how to log in and what to do next.

It carries the login ID (the full ID number) and the one-time initial password, so it
exists only in memory: printed (``QPrinter``) or saved as a PDF where the staff choose,
then dropped.  Nothing of it goes to the cache, a temporary file or a log.

Like the certificate draft, it is a ``QTextDocument`` painted by Qt (GUI thread), so the
printed slip and the PDF are the same page.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.i18n import tr
from desktop.models.api_types import Order
from desktop.models.formats import format_date, format_time
from desktop.models.pdf_text import readable_text_layer, simplified_chinese_document
from desktop.models.purchase import FIRST_PURCHASE_YEAR
from rules._i18n import QT_TRANSLATE_NOOP
from rules.credits import format_credits, to_tenths
from rules.money import format_fen
from rules.passwords import MIN_PASSWORD_LENGTH
from rules.years import DEADLINE_DAY, DEADLINE_MONTH, credit_requirement, year_of_iso

KEEP_SAFE = QT_TRANSLATE_NOOP(
    "slip", "请妥善保管本回执：初始密码只显示这一次，首次登录修改密码后即失效。"
)
RECEIPT_NOTE = QT_TRANSLATE_NOOP(
    "slip",
    "本回执不含密码：登录账号和初始密码见登记时领取的登记回执；忘记密码可在登录页“忘记密码”找回。",
)


@dataclass(frozen=True)
class SlipPurchase:
    title: str
    credits_tenths: int
    amount_fen: int


@dataclass(frozen=True)
class Slip:
    """What the slip shows; built from the answers of the walk-in and its order."""

    institution_name: str
    learner_name: str
    login_id: str
    """The learner's ID number: on the slip only (masked on a payment receipt)."""
    initial_password: str
    """"" on the receipt of a payment taken later: the password is no longer at hand."""
    registered_at: str
    staff_name: str
    purchases: tuple[SlipPurchase, ...] = ()
    order_number: str = ""
    amount_fen: int = 0
    paid_by: str = ""
    """How the order was paid: ``cash``, ``study_card``, ``free``; "" when not (yet) paid."""
    deadline: str = ""
    """When the year's study closes (ISO-8601), from the packages bought."""
    institution_phone: str = ""
    """Where the learner calls with a question (and asks for the installer)."""

    @property
    def is_receipt(self) -> bool:
        """A payment receipt (收款回执), not the registration slip with the password."""
        return not self.initial_password

    def __repr__(self) -> str:  # never the ID number or the password in a log or traceback
        return f"Slip(institution_name={self.institution_name!r})"

    @classmethod
    def of(
        cls,
        *,
        institution_name: str,
        learner_name: str,
        login_id: str,
        initial_password: str,
        registered_at: str,
        staff_name: str,
        order: Order | None = None,
        deadline: str = "",
        institution_phone: str = "",
    ) -> Slip:
        """The slip of a walk-in and, when one was bought, its order."""
        if order is None:
            return cls(
                institution_name,
                learner_name,
                login_id,
                initial_password,
                registered_at,
                staff_name,
                deadline=deadline,
                institution_phone=institution_phone,
            )
        purchases = tuple(
            SlipPurchase(item.title, item.credits_tenths, item.total_fen) for item in order.items
        )
        paid_by = ""
        if order.status == "paid":
            paid_by = "free" if order.amount_fen == 0 else (order.method or "")
        return cls(
            institution_name,
            learner_name,
            login_id,
            initial_password,
            registered_at,
            staff_name,
            purchases,
            order.number,
            order.amount_fen,
            paid_by,
            deadline,
            institution_phone,
        )


def payment_text(slip: Slip) -> str:
    if not slip.purchases:
        return tr("尚未购买课程")
    amount = format_fen(slip.amount_fen)
    return {
        "cash": tr("现金支付 {amount}").format(amount=amount),
        "study_card": tr("学习卡支付（{amount}）").format(amount=amount),
        "free": tr("免费"),
        "wechat": tr("微信支付 {amount}").format(amount=amount),
        "alipay": tr("支付宝支付 {amount}").format(amount=amount),
    }.get(slip.paid_by, tr("待支付 {amount}").format(amount=amount))


def next_steps(slip: Slip) -> list[str]:
    """What the learner does at home, step by step, in plain words."""
    if slip.institution_phone:
        install = tr(
            "在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台"
            "拷贝，或致电 {phone} 索取。"
        ).format(institution=slip.institution_name, phone=slip.institution_phone)
    else:
        install = tr(
            "在电脑上安装并打开“KJCE Desktop 会计继续教育”客户端：安装包请到{institution}前台拷贝。"
        ).format(institution=slip.institution_name)
    steps = [install]
    if not slip.is_receipt:
        steps += [
            tr("登录：“证件号码”填写本回执上的登录账号，“密码”填写初始密码。"),
            tr(
                "首次登录须修改初始密码：新密码至少 {length} 位，含字母和数字，请牢记，"
                "不要告诉他人。"
            ).format(length=MIN_PASSWORD_LENGTH),
        ]
    need = credit_requirement(year_of_iso(slip.registered_at, FIRST_PURCHASE_YEAR))
    professional = format_credits(to_tenths(need.professional_credits))
    if slip.purchases and slip.paid_by:
        steps.append(
            tr(
                "在“我的学习”中选课：专业课须选满 {credits} 学分（可用“一键选课”），"
                "公需课已自动选好。"
            ).format(credits=professional)
        )
    elif slip.purchases:
        steps.append(
            tr(
                "在“我的订单”中完成支付，然后在“我的学习”中选课（专业课须选满 {credits} 学分）。"
            ).format(credits=professional)
        )
    else:
        steps.append(
            tr("在“学习资源”中选择培训机构并购买当年的公需课和专业课，然后在“我的学习”中选课。")
        )
    steps += [
        tr("点击“开始学习”观看课程视频，学习进度自动记录；可随时暂停，下次从暂停处继续。"),
        tr("公需课学完后，在“公需考试”中参加考试；未及格可在截止日期前再考。"),
    ]
    deadline = format_date(slip.deadline)
    if deadline:
        steps.append(tr("请在 {date} 前完成学习和考试，逾期不办理补学补登。").format(date=deadline))
    else:
        steps.append(
            tr("请在当年 {month} 月 {day} 日前完成学习和考试，逾期不办理补学补登。").format(
                month=DEADLINE_MONTH, day=DEADLINE_DAY
            )
        )
    steps.append(tr("学分由培训机构自动报送，无需自行申报；可在“继续教育情况”中查看。"))
    return steps


def slip_html(slip: Slip) -> str:
    """The slip as the rich text ``QTextDocument`` prints (every value escaped)."""
    e = html.escape
    rows = [(tr("培训机构"), slip.institution_name)]
    if slip.institution_phone:
        rows.append((tr("咨询电话"), slip.institution_phone))
    rows += [(tr("学员姓名"), slip.learner_name), (tr("登录账号"), slip.login_id)]
    if not slip.is_receipt:
        rows.append((tr("初始密码"), slip.initial_password))
    rows += [
        (tr("登记时间"), format_time(slip.registered_at)),
        (tr("经办人"), slip.staff_name),
    ]
    account = "".join(
        f"<tr><td width='25%'>{e(label)}</td><td><b>{e(value)}</b></td></tr>"
        for label, value in rows
    )
    if slip.purchases:
        bought = "".join(
            f"<tr><td>{e(p.title)}</td><td>{e(format_credits(p.credits_tenths))}</td>"
            f"<td>{e(format_fen(p.amount_fen))}</td></tr>"
            for p in slip.purchases
        )
        # Translated outside the f-strings: lupdate does not read inside them.
        package, credits, amount = tr("课程包"), tr("学分"), tr("金额")
        order_number, paid_by = tr("订单编号"), tr("付款方式")
        purchases = (
            f"<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
            f"<tr><th>{e(package)}</th><th>{e(credits)}</th><th>{e(amount)}</th></tr>"
            f"{bought}</table>"
            f"<p>{e(order_number)}：{e(slip.order_number)}　"
            f"{e(paid_by)}：{e(payment_text(slip))}</p>"
        )
    else:
        purchases = f"<p>{e(payment_text(slip))}</p>"
    steps = "".join(f"<li>{e(step)}</li>" for step in next_steps(slip))
    title, bought_title, next_title = (
        tr("会计人员继续教育 收款回执") if slip.is_receipt else tr("会计人员继续教育 学员登记回执"),
        tr("已购课程"),
        tr("接下来怎么做"),
    )
    keep_safe = QCoreApplication.translate("slip", RECEIPT_NOTE if slip.is_receipt else KEEP_SAFE)
    return f"""
<html><body style="font-size: 11pt;">
<h2 align="center">{e(title)}</h2>
<table border="1" cellspacing="0" cellpadding="5" width="100%">{account}</table>
<h3>{e(bought_title)}</h3>
{purchases}
<h3>{e(next_title)}</h3>
<ol>{steps}</ol>
<p style="color: #b06000;"><b>{e(keep_safe)}</b></p>
</body></html>
"""


def slip_document(slip: Slip) -> QTextDocument:
    """The slip laid out for a page (GUI thread)."""
    document = simplified_chinese_document()
    document.setHtml(slip_html(slip))
    return document


def _a4_page(device: QPagedPaintDevice) -> None:
    device.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )


def render_slip_pdf(slip: Slip) -> bytes:
    """The slip as the bytes of an A4 PDF, in memory (GUI thread)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(tr("收款回执") if slip.is_receipt else tr("学员登记回执"))
    writer.setCreator("KJCE Desktop")
    _a4_page(writer)
    slip_document(slip).print_(writer)
    del writer  # finishes the PDF (its trailer) into the buffer
    buffer.close()
    return readable_text_layer(bytes(data.data()))


def print_slip(slip: Slip, printer: QPagedPaintDevice) -> None:
    """Paint the slip on *printer* (a ``QPrinter`` the print dialog set up)."""
    slip_document(slip).print_(printer)


def default_file_name(slip: Slip) -> str:
    if slip.is_receipt:
        return tr("收款回执-{name}.pdf").format(name=slip.learner_name)
    return tr("学员登记回执-{name}.pdf").format(name=slip.learner_name)


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Worker: write the slip where the staff chose, straight to that file — no temporary
    file beside it that a crash could leave behind."""
    path = Path(path)
    with path.open("wb") as file:
        file.write(pdf)
    return path
