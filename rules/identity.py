"""Identity documents: the ID types and the checks each number must pass.

A 居民身份证 number follows GB 11643-1999: 17 digits and a check character computed with
the weights below (remainder -> "10X98765432").  It also fixes the birth date (digits 7-14)
and the sex (digit 17: odd male, even female).  港澳台居民居住证 numbers use the same
scheme with the address codes 810000 / 820000 / 830000.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from rules._i18n import QT_TRANSLATE_NOOP


class IdType(enum.StrEnum):
    """The five ID types of the registration form, by their API value."""

    RESIDENT_ID = "resident_id"
    HK_MACAU_PERMIT = "hk_macau_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    PASSPORT = "passport"
    HMT_RESIDENCE_PERMIT = "hmt_residence_permit"


ID_TYPE_LABELS: dict[IdType, str] = {
    IdType.RESIDENT_ID: QT_TRANSLATE_NOOP("rules", "居民身份证"),
    IdType.HK_MACAU_PERMIT: QT_TRANSLATE_NOOP("rules", "港澳居民来往内地通行证"),
    IdType.TAIWAN_PERMIT: QT_TRANSLATE_NOOP("rules", "台湾居民来往大陆通行证"),
    IdType.PASSPORT: QT_TRANSLATE_NOOP("rules", "护照"),
    IdType.HMT_RESIDENCE_PERMIT: QT_TRANSLATE_NOOP("rules", "港澳台居民居住证"),
}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_HMT_PREFIXES = ("810000", "820000", "830000")

_FORMATS: dict[IdType, tuple[re.Pattern[str], str]] = {
    IdType.HK_MACAU_PERMIT: (
        re.compile(r"[HM]\d{8}(\d{2})?"),
        QT_TRANSLATE_NOOP("rules", "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位或 10 位数字"),
    ),
    IdType.TAIWAN_PERMIT: (
        re.compile(r"\d{8}"),
        QT_TRANSLATE_NOOP("rules", "台湾居民来往大陆通行证号码应为 8 位数字"),
    ),
    IdType.PASSPORT: (
        re.compile(r"[A-Z0-9]{5,17}"),
        QT_TRANSLATE_NOOP("rules", "护照号码应为 5 至 17 位字母或数字"),
    ),
}


@dataclass(frozen=True)
class IdProblem:
    """Why an ID number was refused: a stable code and the Chinese message."""

    code: str
    message: str


def normalize_id_number(number: str) -> str:
    """Strip blanks and upper-case, as people type "x" for the check character."""
    return re.sub(r"\s+", "", number or "").upper()


def check_digit(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _gb11643_problem(number: str, *, today: dt.date | None) -> IdProblem | None:
    if len(number) != 18:
        return IdProblem("id_length", QT_TRANSLATE_NOOP("rules", "证件号码应为 18 位"))
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return IdProblem(
            "id_format", QT_TRANSLATE_NOOP("rules", "证件号码前 17 位应为数字，最后一位为数字或 X")
        )
    if birth_date_of(number) is None:
        return IdProblem(
            "id_birth_date", QT_TRANSLATE_NOOP("rules", "证件号码中的出生日期（第 7-14 位）无效")
        )
    birth = birth_date_of(number)
    if today is not None and birth is not None and (birth > today or birth.year < 1900):
        return IdProblem(
            "id_birth_date", QT_TRANSLATE_NOOP("rules", "证件号码中的出生日期（第 7-14 位）无效")
        )
    if check_digit(number[:17]) != number[17]:
        return IdProblem(
            "id_check_digit",
            QT_TRANSLATE_NOOP("rules", "证件号码校验位不正确，请核对后重新输入"),
        )
    return None


def id_number_problem(
    id_type: IdType | str, number: str, *, today: dt.date | None = None
) -> IdProblem | None:
    """Return why *number* is not a valid number of *id_type*, or None when it is.

    *number* should already be normalized (see :func:`normalize_id_number`).
    """
    id_type = IdType(id_type)
    if not number:
        return IdProblem("required", QT_TRANSLATE_NOOP("rules", "请输入证件号码"))
    if id_type is IdType.RESIDENT_ID:
        return _gb11643_problem(number, today=today)
    if id_type is IdType.HMT_RESIDENCE_PERMIT:
        problem = _gb11643_problem(number, today=today)
        if problem is None and not number.startswith(_HMT_PREFIXES):
            return IdProblem(
                "id_format",
                QT_TRANSLATE_NOOP(
                    "rules", "港澳台居民居住证号码应以 810000、820000 或 830000 开头"
                ),
            )
        return problem
    pattern, message = _FORMATS[id_type]
    if not pattern.fullmatch(number):
        return IdProblem("id_format", message)
    return None


def birth_date_of(number: str) -> dt.date | None:
    """The birth date written in an 18-character GB 11643 number, if it is a real date."""
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def sex_of(number: str) -> str:
    """ "male" or "female" from digit 17 of an 18-character GB 11643 number."""
    return "male" if int(number[16]) % 2 else "female"


def mask_id_number(number: str) -> str:
    """Mask for logs and lists: the first 4 and last 4 characters stay, as 4401**********1234."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


PHONE_PATTERN = re.compile(r"1\d{10}")


def phone_problem(phone: str) -> str | None:
    """Mainland mobile numbers: 11 digits starting with 1."""
    if not phone:
        return QT_TRANSLATE_NOOP("rules", "请输入手机号码")
    if not PHONE_PATTERN.fullmatch(phone):
        return QT_TRANSLATE_NOOP("rules", "手机号码应为以 1 开头的 11 位数字")
    return None


def name_problem(name: str) -> str | None:
    """A person's name as printed on the document: 2-50 characters, no digits."""
    name = name.strip()
    if not name:
        return QT_TRANSLATE_NOOP("rules", "请输入姓名")
    if len(name) < 2 or len(name) > 50 or re.search(r"[\d<>\"'&;]", name):
        return QT_TRANSLATE_NOOP("rules", "姓名应为 2 至 50 个字符，且不含数字或符号")
    return None


# -- staff user names (issue 7): staff log in with them where learners give an ID number --
USERNAME_PATTERN = re.compile(r"[a-z0-9._-]{3,32}")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def username_problem(username: str) -> str | None:
    """A staff user name: 3-32 of a-z, 0-9, ".", "_" and "-" (lower case)."""
    if not username:
        return QT_TRANSLATE_NOOP("rules", "请输入用户名")
    if not USERNAME_PATTERN.fullmatch(username):
        return QT_TRANSLATE_NOOP("rules", "用户名应为 3 至 32 位小写字母、数字或 . _ -")
    return None
