"""The ID rules a person would check: the seed's sample, typos, other document types."""

from __future__ import annotations

import datetime as dt

import pytest

from rules.identity import (
    IdType,
    birth_date_of,
    check_digit,
    id_number_problem,
    mask_id_number,
    name_problem,
    normalize_id_number,
    phone_problem,
    sex_of,
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
