"""Identity documents: the ID types and the checks each number must pass.

A 居民身份证 number follows GB 11643-1999: a 6-digit address code (GB/T 2260), the birth
date (digits 7-14), a sequence whose last digit gives the sex (odd male, even female) and a
check character computed with the weights below (remainder -> "10X98765432").
港澳台居民居住证 numbers use the same scheme with the address codes 810000 / 820000 / 830000.

Input is normalised once, where it enters (the platform's request schemas, the client's
fields): NFKC turns full-width digits and letters into ASCII, so "４４０１…" and "4401…"
are one person.  Digits of other scripts (Arabic-Indic, Devanagari…) are not turned into
0-9 by NFKC; they are refused, as are invisible characters.

The address code is checked against every code GB/T 2260 ever had, taken from
python-stdnum's ``cn/loc`` database (kept up to date there from the official lists).  A
code that only appeared after the birth year is fine: the code is given at registration,
not at birth.  (``stdnum.cn.ric.validate`` itself refuses those, which is why only its
database is used.)
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rules._i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from stdnum.numdb import NumDB


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

ID_LENGTH = 18
"""Characters of a GB 11643-1999 number (居民身份证, 港澳台居民居住证)."""
TAIWAN_PERMIT_LENGTH = 8
"""Digits of a 台湾居民来往大陆通行证 number."""
PASSPORT_MIN_LENGTH, PASSPORT_MAX_LENGTH = 5, 17
"""How long a passport number is (letters or digits)."""

_FORMATS: dict[IdType, tuple[re.Pattern[str], str]] = {
    IdType.HK_MACAU_PERMIT: (
        re.compile(r"[HM][0-9]{8}([0-9]{2})?"),
        QT_TRANSLATE_NOOP("rules", "港澳居民来往内地通行证号码应为 H 或 M 开头加 8 位或 10 位数字"),
    ),
    IdType.TAIWAN_PERMIT: (
        re.compile(rf"[0-9]{{{TAIWAN_PERMIT_LENGTH}}}"),
        QT_TRANSLATE_NOOP("rules", "台湾居民来往大陆通行证号码应为 {taiwan_permit_length} 位数字"),
    ),
    IdType.PASSPORT: (
        re.compile(rf"[A-Z0-9]{{{PASSPORT_MIN_LENGTH},{PASSPORT_MAX_LENGTH}}}"),
        QT_TRANSLATE_NOOP(
            "rules", "护照号码应为 {passport_min_length} 至 {passport_max_length} 位字母或数字"
        ),
    ),
}


@dataclass(frozen=True)
class IdProblem:
    """Why an ID number was refused: a stable code and the Chinese message."""

    code: str
    message: str


OTHER_SCRIPT_DIGITS = QT_TRANSLATE_NOOP(
    "rules", "证件号码请使用 0-9 的数字，不能使用其他文字的数字（如阿拉伯文、天城文数字）"
)
ID_CHARACTERS = QT_TRANSLATE_NOOP(
    "rules", "证件号码只能包含数字和英文字母，不能含有符号或看不见的字符"
)
ID_AREA_CODE = QT_TRANSLATE_NOOP(
    "rules", "证件号码前 6 位（地址码）不是有效的行政区划代码，请核对后重新输入"
)


def filled(message: str) -> str:
    """*message* (one of this module's, or its translation, or of ``rules.profile``) with
    the rule's own numbers put in (``{id_length}``, ``{phone_length}``…): the numbers have
    one home here, the messages name them by placeholder."""
    return message.format(
        id_length=ID_LENGTH,
        taiwan_permit_length=TAIWAN_PERMIT_LENGTH,
        passport_min_length=PASSPORT_MIN_LENGTH,
        passport_max_length=PASSPORT_MAX_LENGTH,
        phone_length=PHONE_LENGTH,
        username_min_length=USERNAME_MIN_LENGTH,
        username_max_length=USERNAME_MAX_LENGTH,
    )


def normalize_id_number(number: str) -> str:
    """The canonical form of any ID number: NFKC (full-width "４４０１…" and "Ｘ" become
    ASCII), blanks removed, upper case (people type "x" for the check character)."""
    text = unicodedata.normalize("NFKC", number or "")
    return "".join(text.split()).upper()


def id_characters_problem(number: str) -> IdProblem | None:
    """Digits of another script, symbols or invisible characters, in any ID type (what a
    login can check without knowing the type).  *number* is normalised already."""
    if number.isascii() and number.isalnum():
        return None
    if any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in number):
        return IdProblem("id_script", OTHER_SCRIPT_DIGITS)
    return IdProblem("id_characters", ID_CHARACTERS)


@functools.cache
def _area_codes() -> NumDB:
    # Imported here, not at the top: loading the database takes ~70 ms and the desktop's
    # login window must not pay for it at start.
    from stdnum import numdb

    return numdb.get("cn/loc")


def area_code_known(code: str) -> bool:
    """Whether *code* is a GB/T 2260 address code that ever existed (any year)."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return any("county" in properties for _part, properties in _area_codes().info(code))


def check_digit(first17: str) -> str:
    """The GB 11643-1999 check character for the first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def _gb11643_problem(number: str, *, today: dt.date | None) -> IdProblem | None:
    if len(number) != ID_LENGTH:
        return IdProblem("id_length", QT_TRANSLATE_NOOP("rules", "证件号码应为 {id_length} 位"))
    if not re.fullmatch(r"[0-9]{17}[0-9X]", number):
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
    if (problem := id_characters_problem(number)) is not None:
        return problem
    if id_type is IdType.RESIDENT_ID:
        problem = _gb11643_problem(number, today=today)
        if problem is None and not area_code_known(number[:6]):
            return IdProblem("id_area_code", ID_AREA_CODE)
        return problem
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


PHONE_LENGTH = 11
"""Digits of a mainland mobile number (the first is 1)."""
PHONE_PATTERN = re.compile(rf"1[0-9]{{{PHONE_LENGTH - 1}}}")
PHONE_FORMAT = QT_TRANSLATE_NOOP("rules", "手机号码应为以 1 开头的 {phone_length} 位数字")


def normalize_phone(phone: str) -> str:
    """NFKC (full-width digits become ASCII), blanks and dashes removed: "138 0013-8000"."""
    text = unicodedata.normalize("NFKC", phone or "")
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def phone_problem(phone: str) -> str | None:
    """Mainland mobile numbers: 11 digits starting with 1."""
    if not phone:
        return QT_TRANSLATE_NOOP("rules", "请输入手机号码")
    if not PHONE_PATTERN.fullmatch(phone):
        return PHONE_FORMAT
    return None


# -- names ---------------------------------------------------------------------------------

MIDDLE_DOT = "\u00b7"
"""The 间隔号 of minority and foreign names on Chinese documents (阿卜杜·热合曼)."""
_DOT_LOOKALIKES = str.maketrans(
    dict.fromkeys(
        "\u2022"  # • bullet
        "\u2027"  # ‧ hyphenation point
        "\u2219"  # ∙ bullet operator
        "\u22c5"  # ⋅ dot operator
        "\u30fb"  # ・ katakana middle dot (Japanese IMEs)
        "\uff65"  # ･ half-width katakana middle dot
        "\u16eb"  # ᛫ runic single punctuation
        "\u2e31"  # ⸱ word separator middle dot
        "\ua78f"  # ꞏ sinological dot
        "\u318d",  # ㆍ Hangul araea (Korean IMEs)
        MIDDLE_DOT,
    )
)
# Letters that show nothing: a name of them looks empty.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Control, format (zero-width space/joiner, bidi overrides and isolates, BOM…), surrogate,
# line and paragraph separators.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

NAME_REQUIRED = QT_TRANSLATE_NOOP("rules", "请输入姓名")
NAME_INVISIBLE = QT_TRANSLATE_NOOP(
    "rules", "姓名中含有看不见的字符（如零宽字符、文字方向控制符），请删除后重新输入"
)
NAME_FORMAT = QT_TRANSLATE_NOOP("rules", "姓名应为 2 至 50 个字符，且不含数字或符号")
NAME_DOT = QT_TRANSLATE_NOOP("rules", "姓名中的间隔号“·”应在两个字之间")


def normalize_name(name: str) -> str:
    """The canonical form of a person's name: NFKC (full-width Latin letters become ASCII),
    trimmed, one blank between words, the look-alikes of the middle dot as · (U+00B7) with
    no blank around it."""
    text = unicodedata.normalize("NFKC", name or "").translate(_DOT_LOOKALIKES).strip()
    text = re.sub(" {2,}", " ", text)
    return re.sub(f" ?{MIDDLE_DOT} ?", MIDDLE_DOT, text)


def name_problem(name: str) -> str | None:
    """A person's name as printed on the document: 2-50 characters, no digits, nothing
    invisible.  Checks the normalised form (see :func:`normalize_name`)."""
    name = normalize_name(name)
    if not name:
        return NAME_REQUIRED
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in name) or any(
        ch in _BLANK_LETTERS for ch in name
    ):
        return NAME_INVISIBLE
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return NAME_FORMAT
    if len(name) < 2 or len(name) > 50 or re.search(r"[\d<>\"'&;]", name):
        return NAME_FORMAT
    if name.startswith(MIDDLE_DOT) or name.endswith(MIDDLE_DOT) or MIDDLE_DOT * 2 in name:
        return NAME_DOT
    return None


# -- staff user names (issue 7): staff log in with them where learners give an ID number --
USERNAME_MIN_LENGTH, USERNAME_MAX_LENGTH = 3, 32
"""How long a staff user name is (characters of ``USERNAME_PATTERN``)."""
USERNAME_PATTERN = re.compile(rf"[a-z0-9._-]{{{USERNAME_MIN_LENGTH},{USERNAME_MAX_LENGTH}}}")


def normalize_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username or "").strip().lower()


def username_problem(username: str) -> str | None:
    """A staff user name: 3-32 of a-z, 0-9, ".", "_" and "-" (lower case)."""
    if not username:
        return QT_TRANSLATE_NOOP("rules", "请输入用户名")
    if not USERNAME_PATTERN.fullmatch(username):
        return QT_TRANSLATE_NOOP(
            "rules",
            "用户名应为 {username_min_length} 至 {username_max_length} 位小写字母、数字或 . _ -",
        )
    return None
