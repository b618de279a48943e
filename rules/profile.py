"""Info collection (信息采集, SPEC §1.2): the choices, the required fields, the checks.

The client checks a draft with :func:`profile_problems` to list what still blocks
submission; the platform runs the same function on submit and decides.
A profile travels as a plain dict in the JSON shape of ``GET /me/profile``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from rules._i18n import QT_TRANSLATE_NOOP
from rules.identity import (
    PHONE_FORMAT,
    PHONE_PATTERN,
    IdType,
    birth_date_of,
    id_number_problem,
    name_problem,
    normalize_phone,
    sex_of,
)

SECTIONS = ("personal", "education", "work", "professional")

SEXES = {"male": QT_TRANSLATE_NOOP("rules", "男"), "female": QT_TRANSLATE_NOOP("rules", "女")}
COUNTRY_REGIONS = ("中国(内地)", "中国(香港)", "中国(澳门)", "中国(台湾)", "其他国家或地区")
ETHNICITIES = (
    "汉族", "壮族", "满族", "回族", "苗族", "维吾尔族", "土家族", "彝族", "蒙古族", "藏族",
    "布依族", "侗族", "瑶族", "朝鲜族", "白族", "哈尼族", "哈萨克族", "黎族", "傣族", "畲族",
    "其他",
)  # fmt: skip
DEGREES = ("博士研究生", "硕士研究生", "大学本科", "大学专科", "中专", "高中及以下")
EMPLOYMENT_STATUSES = {
    "employed": QT_TRANSLATE_NOOP("rules", "在职会计人员"),
    "certificate_holder": QT_TRANSLATE_NOOP("rules", "持有会计职称证书但未从事会计工作"),
    "student": QT_TRANSLATE_NOOP("rules", "在校学生"),
}
QUALIFICATION_LEVELS = {
    "junior": QT_TRANSLATE_NOOP("rules", "初级"),
    "intermediate": QT_TRANSLATE_NOOP("rules", "中级"),
    "senior": QT_TRANSLATE_NOOP("rules", "高级"),
    "full_senior": QT_TRANSLATE_NOOP("rules", "正高级"),
    "none": QT_TRANSLATE_NOOP("rules", "无"),
}
REGION_RULE = QT_TRANSLATE_NOOP(
    "rules",
    "行政区域关系到继续教育学分的传送，请务必慎重选择：\n"
    "（1）在职会计人员按单位所在地选择；\n"
    "（2）具有会计职称证书但未从事会计工作的，按目前居住地选择；\n"
    "（3）在校学生按学校所在地选择。",
)

# field path -> (label, required)
FIELDS: dict[str, tuple[str, bool]] = {
    "personal.name": (QT_TRANSLATE_NOOP("rules", "姓名"), True),
    "personal.sex": (QT_TRANSLATE_NOOP("rules", "性别"), True),
    "personal.id_type": (QT_TRANSLATE_NOOP("rules", "证件类型"), True),
    "personal.id_number": (QT_TRANSLATE_NOOP("rules", "证件号码"), True),
    "personal.birth_date": (QT_TRANSLATE_NOOP("rules", "出生日期"), True),
    "personal.country_region": (QT_TRANSLATE_NOOP("rules", "所在国家或地区"), True),
    "personal.ethnicity": (QT_TRANSLATE_NOOP("rules", "民族"), True),
    "personal.phone": (QT_TRANSLATE_NOOP("rules", "手机号码"), True),
    "personal.email": (QT_TRANSLATE_NOOP("rules", "电子邮箱"), False),
    "education.highest_degree": (QT_TRANSLATE_NOOP("rules", "最高学历"), True),
    "education.school": (QT_TRANSLATE_NOOP("rules", "毕业院校"), True),
    "education.major": (QT_TRANSLATE_NOOP("rules", "所学专业"), True),
    "education.graduation_date": (QT_TRANSLATE_NOOP("rules", "毕业时间"), True),
    "work.employment_status": (QT_TRANSLATE_NOOP("rules", "人员类别"), True),
    "work.employer": (QT_TRANSLATE_NOOP("rules", "工作单位（学校）"), True),
    "work.position": (QT_TRANSLATE_NOOP("rules", "职务"), False),
    "professional.qualification_level": (QT_TRANSLATE_NOOP("rules", "会计专业技术资格"), True),
    "professional.certificate_number": (QT_TRANSLATE_NOOP("rules", "资格证书编号"), False),
    "professional.obtained_date": (QT_TRANSLATE_NOOP("rules", "取得时间"), False),
    "region_code": (QT_TRANSLATE_NOOP("rules", "行政区域"), True),
    "commitment_accepted": (QT_TRANSLATE_NOOP("rules", "承诺书"), True),
}

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def get_path(profile: Mapping[str, Any], path: str) -> Any:
    """The value at "section.field" (or a top-level key) of a profile dict."""
    node: Any = profile
    for part in path.split("."):
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def field_problems(profile: Mapping[str, Any], *, today: dt.date) -> dict[str, str]:
    """Format problems of the fields that are filled in (drafts may be incomplete)."""
    problems: dict[str, str] = {}
    name = get_path(profile, "personal.name")
    if name and (message := name_problem(str(name))) is not None:
        problems["personal.name"] = message
    phone = get_path(profile, "personal.phone")
    if phone and not PHONE_PATTERN.fullmatch(normalize_phone(str(phone))):
        problems["personal.phone"] = PHONE_FORMAT
    email = get_path(profile, "personal.email")
    if email and not EMAIL.fullmatch(str(email)):
        problems["personal.email"] = QT_TRANSLATE_NOOP("rules", "电子邮箱格式不正确")
    for path in ("personal.birth_date", "education.graduation_date", "professional.obtained_date"):
        value = get_path(profile, path)
        if not value:
            continue
        date = _date(value)
        if date is None:
            problems[path] = QT_TRANSLATE_NOOP("rules", "日期格式应为 YYYY-MM-DD")
        elif date > today:
            problems[path] = QT_TRANSLATE_NOOP("rules", "日期不能晚于今天")
    id_type = get_path(profile, "personal.id_type")
    number = str(get_path(profile, "personal.id_number") or "")
    if id_type == IdType.RESIDENT_ID and id_number_problem(id_type, number) is None:
        birth = get_path(profile, "personal.birth_date")
        if birth and _date(birth) is not None and _date(birth) != birth_date_of(number):
            problems["personal.birth_date"] = QT_TRANSLATE_NOOP(
                "rules", "出生日期与身份证号码不一致"
            )
        sex = get_path(profile, "personal.sex")
        if sex and sex != sex_of(number):
            problems["personal.sex"] = QT_TRANSLATE_NOOP("rules", "性别与身份证号码不一致")
    for path, choices in (
        ("personal.sex", SEXES),
        ("work.employment_status", EMPLOYMENT_STATUSES),
        ("professional.qualification_level", QUALIFICATION_LEVELS),
        ("education.highest_degree", DEGREES),
        ("personal.ethnicity", ETHNICITIES),
        ("personal.country_region", COUNTRY_REGIONS),
    ):
        value = get_path(profile, path)
        if value and value not in choices:
            problems.setdefault(path, QT_TRANSLATE_NOOP("rules", "请从列表中选择"))
    return problems


def required_attachments(profile: Mapping[str, Any]) -> tuple[str, ...]:
    """ID card both sides and the photo; the student card only for students."""
    kinds: tuple[str, ...] = ("id_front", "id_back", "photo")
    if get_path(profile, "work.employment_status") == "student":
        kinds += ("student_card",)
    return kinds


def profile_problems(
    profile: Mapping[str, Any], attachments: set[str], *, today: dt.date
) -> dict[str, str]:
    """Everything that blocks submission, by field path (attachments as "attachments.<kind>")."""
    problems = field_problems(profile, today=today)
    for path, (_label, required) in FIELDS.items():
        value = get_path(profile, path)
        if required and (value is None or value == "" or value is False):
            problems.setdefault(path, QT_TRANSLATE_NOOP("rules", "此项为必填项"))
    level = get_path(profile, "professional.qualification_level")
    if level and level != "none":
        for path in ("professional.certificate_number", "professional.obtained_date"):
            if not get_path(profile, path):
                problems.setdefault(
                    path, QT_TRANSLATE_NOOP("rules", "持有资格证书的，此项为必填项")
                )
    for kind in required_attachments(profile):
        if kind not in attachments:
            problems[f"attachments.{kind}"] = QT_TRANSLATE_NOOP("rules", "请上传此附件")
    return problems
