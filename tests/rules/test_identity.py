"""The ID rules a person would check: the seed's sample, typos, other document types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from rules.identity import (
    ID_LENGTH,
    PASSPORT_MAX_LENGTH,
    PHONE_LENGTH,
    TAIWAN_PERMIT_LENGTH,
    USERNAME_MAX_LENGTH,
    IdProblem,
    IdType,
    area_code_known,
    birth_date_of,
    check_digit,
    filled,
    id_number_problem,
    mask_id_number,
    name_problem,
    normalize_id_number,
    normalize_name,
    normalize_phone,
    phone_problem,
    sex_of,
    username_problem,
)

SEED_SAMPLE = "130225198703060987"  # from the guide's screenshot: valid, female, 1987-03-06


def test_seed_sample_is_valid_female_born_1987_03_06() -> None:
    assert id_number_problem(IdType.RESIDENT_ID, SEED_SAMPLE) is None
    assert sex_of(SEED_SAMPLE) == "female"
    assert birth_date_of(SEED_SAMPLE) == dt.date(1987, 3, 6)


def test_check_digit_ten_becomes_x() -> None:
    # 11010519491231002X is the standard's own example with check character X.
    assert check_digit("11010519491231002") == "X"
    assert id_number_problem("resident_id", "11010519491231002X") is None


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("130225198703060988", "id_check_digit"),  # last digit mistyped
        ("130225198703060", "id_length"),
        ("1302251987030609870", "id_length"),
        ("13022519870306098A", "id_format"),
        ("130225198702300987", "id_birth_date"),  # 30 February
        ("", "required"),
    ],
)
def test_bad_resident_ids_say_why(number: str, code: str) -> None:
    problem = id_number_problem(IdType.RESIDENT_ID, number)
    assert problem is not None
    assert problem.code == code
    assert problem.message  # a Chinese sentence for the field


def test_future_birth_date_refused_when_today_known() -> None:
    number = "110105" + "20300101" + "001"
    number += check_digit(number)
    assert id_number_problem("resident_id", number) is None
    problem = id_number_problem("resident_id", number, today=dt.date(2026, 11, 26))
    assert problem is not None and problem.code == "id_birth_date"


def test_lowercase_x_and_blanks_are_normalized() -> None:
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"


@pytest.mark.parametrize(
    ("id_type", "good", "bad"),
    [
        (IdType.HK_MACAU_PERMIT, "H12345678", "X12345678"),
        (IdType.TAIWAN_PERMIT, "12345678", "1234567"),
        (IdType.PASSPORT, "E12345678", "E1"),
    ],
)
def test_other_document_formats(id_type: IdType, good: str, bad: str) -> None:
    assert id_number_problem(id_type, good) is None
    problem = id_number_problem(id_type, bad)
    assert problem is not None and problem.code == "id_format"


def test_residence_permit_uses_check_digit_and_hmt_prefix() -> None:
    number = "810000" + "19900101" + "123"
    number += check_digit(number)
    assert id_number_problem(IdType.HMT_RESIDENCE_PERMIT, number) is None
    problem = id_number_problem(IdType.HMT_RESIDENCE_PERMIT, SEED_SAMPLE)
    assert problem is not None and problem.code == "id_format"


def test_mask_keeps_four_and_four() -> None:
    assert mask_id_number(SEED_SAMPLE) == "1302**********0987"


def test_phone_and_name() -> None:
    assert phone_problem("15010067063") is None
    assert phone_problem("25010067063") is not None
    assert phone_problem("1501006706") is not None
    assert name_problem("何晓琳") is None
    assert name_problem("何") is not None
    assert name_problem("张3") is not None


def with_check_digit(first17: str) -> str:
    return first17 + check_digit(first17)


# -- normalised once, at the edge (issue 15) ---------------------------------------------

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def test_full_width_digits_and_x_become_the_ascii_number() -> None:
    typed = "11010519491231002X".translate(FULL_WIDTH)
    assert typed == "１１０１０５１９４９１２３１００２Ｘ"
    assert normalize_id_number(typed) == "11010519491231002X"
    assert normalize_id_number("　４４０１０６　１９８００１０１００１９ ") == "440106198001010019"
    assert normalize_id_number("11010519491231002ｘ") == "11010519491231002X"
    assert id_number_problem(IdType.RESIDENT_ID, normalize_id_number(typed)) is None


@pytest.mark.parametrize(
    "digits",
    [
        "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
        "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian)
        "०१२३४५६७८९",  # Devanagari
        "๐๑๒๓๔๕๖๗๘๙",  # Thai
    ],
)
def test_digits_of_other_scripts_are_refused_with_a_clear_message(digits: str) -> None:
    number = SEED_SAMPLE.translate(str.maketrans("0123456789", digits))
    normalized = normalize_id_number(number)
    assert normalized == number  # NFKC does not turn them into 0-9
    problem = id_number_problem(IdType.RESIDENT_ID, normalized)
    assert problem is not None
    assert problem.code == "id_script"
    assert "0-9" in problem.message and "其他文字的数字" in problem.message
    # Python's int() would read them: without the check this number would pass as valid.
    assert int(number[:17]) == int(SEED_SAMPLE[:17])
    for id_type in IdType:
        other = id_number_problem(id_type, normalized)
        assert other is not None and other.code == "id_script"


@pytest.mark.parametrize("number", ["H1234567\u200b8", "E1234\u202e5678", "E-12345678"])
def test_symbols_and_invisible_characters_are_refused_in_any_id_type(number: str) -> None:
    problem = id_number_problem(IdType.PASSPORT, normalize_id_number(number))
    assert problem is not None and problem.code == "id_characters"


def test_passports_and_permits_get_nfkc_and_trimming_too() -> None:
    assert normalize_id_number(" ｅ１２３４５６７８ ") == "E12345678"
    assert id_number_problem(IdType.PASSPORT, normalize_id_number(" ｅ１２３４５６７８ ")) is None
    assert normalize_id_number("Ｈ１２３４５６７８") == "H12345678"
    assert id_number_problem(IdType.HK_MACAU_PERMIT, "H12345678") is None


@pytest.mark.parametrize("area", ["000000", "999999", "449999", "440199", "123456"])
def test_an_area_code_that_never_existed_is_refused(area: str) -> None:
    number = with_check_digit(f"{area}19800101001")
    problem = id_number_problem(IdType.RESIDENT_ID, number)
    assert problem is not None
    assert problem.code == "id_area_code"
    assert "地址码" in problem.message


@pytest.mark.parametrize(
    ("area", "birth"),
    [
        ("110103", "19500101"),  # 崇文区, abolished in 2010
        ("110201", "19600101"),  # 昌平县, became a district in 1982
        ("440106", "19500101"),  # 天河区, created 1985: after the birth year, given at registration
        ("441900", "19700101"),  # 东莞市, a prefecture-level city since 1988
        ("130225", "19870306"),  # the guide's sample
        ("440000", "19800101"),  # a province-level code
        ("810000", "19900101"),  # Hong Kong
        ("710000", "19900101"),  # Taiwan
    ],
)
def test_every_code_that_ever_existed_is_accepted(area: str, birth: str) -> None:
    assert area_code_known(area)
    number = with_check_digit(f"{area}{birth}001")
    assert id_number_problem(IdType.RESIDENT_ID, number) is None


def test_the_demo_learner_of_the_readme_is_valid() -> None:
    assert id_number_problem(IdType.RESIDENT_ID, "440106198001010019") is None


def test_phone_numbers_are_normalised_and_ascii_only() -> None:
    assert normalize_phone(" １５０ １００６-７０６３ ") == "15010067063"
    assert phone_problem("15010067063") is None
    assert phone_problem("١٥٠١٠٠٦٧٠٦٣") is not None


# -- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "\u200b\u200b",  # zero-width spaces only
        "\u200b\u200c\u200d\u2060",  # ZWSP, ZWNJ, ZWJ, word joiner
        "\ufeff",  # BOM
        "张\u202e三",  # right-to-left override
        "张\u202d三",  # left-to-right override
        "\u2067张三\u2069",  # right-to-left isolate
        "张\u200f三",  # right-to-left mark
        "张\u0000三",  # NUL
        "张\t三",  # a control character inside
        "张\u2028三",  # line separator
        "\u3164\u3164",  # Hangul fillers: letters that show nothing
    ],
)
def test_names_with_control_or_format_characters_are_refused(name: str) -> None:
    message = name_problem(name)
    assert message is not None
    assert message != "请输入姓名"
    assert "看不见" in message


@pytest.mark.parametrize("name", ["", "   ", "\u3000\u3000", "\n"])
def test_names_empty_after_trimming_are_refused(name: str) -> None:
    assert name_problem(name) == "请输入姓名"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("何晓琳", "何晓琳"),
        (" 何晓琳\u3000", "何晓琳"),
        ("阿卜杜·热合曼", "阿卜杜·热合曼"),
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),  # bullet
        ("阿卜杜・热合曼", "阿卜杜·热合曼"),  # katakana middle dot (Japanese IME)
        ("阿卜杜･热合曼", "阿卜杜·热合曼"),  # half-width katakana middle dot
        ("阿卜杜‧热合曼", "阿卜杜·热合曼"),  # hyphenation point
        ("阿卜杜∙热合曼", "阿卜杜·热合曼"),  # bullet operator
        ("阿卜杜⋅热合曼", "阿卜杜·热合曼"),  # dot operator
        ("阿卜杜\u0387热合曼", "阿卜杜·热合曼"),  # Greek ano teleia (NFKC)
        ("阿卜杜 · 热合曼", "阿卜杜·热合曼"),
        ("爱新觉罗·溥仪", "爱新觉罗·溥仪"),
        ("John Smith", "John Smith"),
        ("John   Smith", "John Smith"),
        ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH"),  # full-width letters and space
        ("María José", "María José"),
        ("Nguyễn Văn An", "Nguyễn Văn An"),
    ],
)
def test_legitimate_names_are_kept_in_their_canonical_form(typed: str, canonical: str) -> None:
    assert normalize_name(typed) == canonical
    assert name_problem(typed) is None


def test_names_with_a_stray_middle_dot_say_where_it_belongs() -> None:
    for name in ("·张三", "张三·", "张··三"):
        message = name_problem(name)
        assert message is not None and "·" in message


def test_the_profile_checks_the_name_and_takes_a_full_width_phone() -> None:
    from rules.profile import field_problems

    today = dt.date(2021, 6, 21)
    profile = {"personal": {"name": "\u200b\u200b", "phone": "１５０１００６７０６３"}}
    problems = field_problems(profile, today=today)
    assert "看不见" in problems["personal.name"]
    assert "personal.phone" not in problems
    profile = {"personal": {"name": "何晓琳", "id_type": "resident_id", "id_number": "1" * 18}}
    assert field_problems(profile, today=today) == {}  # no sex/birth check on a bad number


@pytest.mark.parametrize(
    ("problem", "number", "shown"),
    [
        (lambda: phone_problem("1380013800"), PHONE_LENGTH, "手机号码应为以 1 开头的 11 位数字"),
        (
            lambda: id_number_problem(IdType.RESIDENT_ID, "44010119870306098"),
            ID_LENGTH,
            "证件号码应为 18 位",
        ),
        (
            lambda: id_number_problem(IdType.TAIWAN_PERMIT, "1234567"),
            TAIWAN_PERMIT_LENGTH,
            "台湾居民来往大陆通行证号码应为 8 位数字",
        ),
        (
            lambda: id_number_problem(IdType.PASSPORT, "E12"),
            PASSPORT_MAX_LENGTH,
            "护照号码应为 5 至 17 位字母或数字",
        ),
        (
            lambda: username_problem("ab"),
            USERNAME_MAX_LENGTH,
            "用户名应为 3 至 32 位小写字母、数字或 . _ -",
        ),
    ],
)
def test_messages_take_their_numbers_from_the_rule(
    problem: Callable[[], str | IdProblem | None], number: int, shown: str
) -> None:
    """One home per number: the template names it, ``filled`` puts the rule's own in."""
    found = problem()
    message = found.message if isinstance(found, IdProblem) else found
    assert message is not None and str(number) not in message
    assert filled(message) == shown
