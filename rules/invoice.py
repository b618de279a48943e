"""Invoices (发票, SPEC §1.7): the one-month window and what a valid request holds.

The buyer's tax number is a 统一社会信用代码 (GB 32100-2015): 18 characters from the 31 of
``_USCC_CHARS``, characters 3-8 the registering authority's region code (digits only), the
18th a check character.  Characters 1 and 2 (authority and kind of body) may be letters:
village collectives (N…), the army (A…), "other" (Y…) — which is why this is our own
check and not ``stdnum.cn.uscc``, whose first eight characters must all be digits.  The old
15/17/20-character tax numbers were replaced by the 18-character code and are not accepted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from rules._i18n import QT_TRANSLATE_NOOP
from rules.years import CHINA_TZ

TITLE_MAX = 100
TITLE_TYPES = ("personal", "company")
WINDOW_MONTHS = 1
"""An invoice may be requested until the same day this many months after payment."""
DELIVERY_WORKING_DAYS = 7
"""The electronic invoice reaches the learner's mailbox within this many working days."""

USCC_LENGTH = 18
"""Characters of a 统一社会信用代码 (GB 32100-2015), the only tax number accepted."""
#: GB 32100-2015 统一社会信用代码: the 31 characters and their values.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

NOT_PAID = QT_TRANSLATE_NOOP("rules", "订单尚未支付，支付后才能申请发票")
STUDY_CARD = QT_TRANSLATE_NOOP("rules", "学习卡订单的发票请联系您的学习卡开发商开具")
FREE = QT_TRANSLATE_NOOP("rules", "免费订单无需开具发票")
WINDOW_CLOSED = QT_TRANSLATE_NOOP(
    "rules", "发票须在支付后{months}个月内申请（截止{deadline}），已逾期不可补开"
)


def filled(message: str, **values: object) -> str:
    """*message* (one of this module's, or its translation) with the rule's own numbers
    put in (``{months}``, ``{length}``, ``{title_max}``) and *values* (``{deadline}``).

    The numbers have one home here; the messages name them by placeholder.
    """
    return message.format(months=WINDOW_MONTHS, length=USCC_LENGTH, title_max=TITLE_MAX, **values)


def invoice_deadline(paid_at: dt.datetime) -> dt.datetime:
    """The same day ``WINDOW_MONTHS`` later, 23:59:59 China time (or that month's last day)."""
    local = paid_at.astimezone(CHINA_TZ)
    year, month_index = divmod(local.year * 12 + local.month - 1 + WINDOW_MONTHS, 12)
    month = month_index + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return dt.datetime(year, month, day, 23, 59, 59, tzinfo=CHINA_TZ)


def invoice_problem(
    *, status: str, method: str | None, amount_fen: int, paid_at: dt.datetime | None,
    now: dt.datetime,
) -> str | None:  # fmt: skip
    """Why this order cannot have an invoice now (a Chinese source string), or None.

    ``WINDOW_CLOSED`` carries ``{deadline}`` for the caller to fill (YYYY-MM-DD) with ``filled``.
    """
    if status != "paid" or paid_at is None:
        return NOT_PAID
    if method == "study_card":
        return STUDY_CARD
    if amount_fen <= 0:
        return FREE
    if now > invoice_deadline(paid_at):
        return WINDOW_CLOSED
    return None


def uscc_check_char(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 from its first 17."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def normalize_tax_number(tax_number: str) -> str:
    """The canonical form: NFKC (full-width letters and digits become ASCII), blanks and
    dashes removed ("9144 0101-…"), upper case."""
    text = unicodedata.normalize("NFKC", tax_number or "")
    kept = (
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch) != "Pd" and ch != "\u2212"
    )
    return "".join(kept).upper()


def tax_number_problem(title_type: str, tax_number: str) -> str | None:
    """None when the tax number fits the title type; else a Chinese message.

    Checks the normalised form (see :func:`normalize_tax_number`).
    """
    value = normalize_tax_number(tax_number)
    if title_type == "personal":
        if value:
            return QT_TRANSLATE_NOOP("rules", "个人抬头不需要填写纳税人识别号")
        return None
    if not value:
        return QT_TRANSLATE_NOOP("rules", "单位抬头请填写纳税人识别号（统一社会信用代码）")
    if len(value) != USCC_LENGTH:
        return QT_TRANSLATE_NOOP(
            "rules", "纳税人识别号应为{length}位统一社会信用代码（数字或大写字母）"
        )
    if any(c not in _USCC_CHARS for c in value):
        return QT_TRANSLATE_NOOP(
            "rules", "纳税人识别号只能包含数字和大写字母（不含 I、O、Z、S、V）"
        )
    if not value[2:8].isdigit():
        return QT_TRANSLATE_NOOP("rules", "纳税人识别号第 3 至 8 位是登记机关行政区划码，应为数字")
    if uscc_check_char(value[:17]) != value[17]:
        return QT_TRANSLATE_NOOP("rules", "纳税人识别号校验位不正确，请核对")
    return None


def title_problem(title: str) -> str | None:
    value = title.strip()
    if not value:
        return QT_TRANSLATE_NOOP("rules", "请填写发票抬头")
    if len(value) > TITLE_MAX:
        return QT_TRANSLATE_NOOP("rules", "发票抬头不能超过{title_max}个字")
    return None


def email_problem(email: str) -> str | None:
    value = email.strip()
    if not value:
        return QT_TRANSLATE_NOOP("rules", "请填写接收电子发票的邮箱")
    if len(value) > 254 or not _EMAIL.match(value):
        return QT_TRANSLATE_NOOP("rules", "邮箱格式不正确，例如 name@example.com")
    return None
