"""The buyer's tax number on an invoice request: a 统一社会信用代码 (GB 32100-2015)."""

from __future__ import annotations

import pytest

from rules.invoice import filled, normalize_tax_number, tax_number_problem, uscc_check_char

# stdnum's own example (Beijing, SAIC-registered enterprise) and codes made with the check
# character of the standard.
VALID = "91110000600037341L"


def code(first17: str) -> str:
    return first17 + uscc_check_char(first17)


@pytest.mark.parametrize(
    "typed",
    [
        VALID,
        "9111 0000 6000 3734 1L",
        "91110000-600037341-L",
        "9111\u20140000\u2013600037341L",  # em and en dashes from a word processor
        "91110000600037341l",
        "９１１１００００６０００３７３４１Ｌ",  # full-width
        " 91110000600037341L\u3000",
    ],
)
def test_blanks_dashes_case_and_width_are_normalised(typed: str) -> None:
    assert normalize_tax_number(typed) == VALID
    assert tax_number_problem("company", typed) is None


@pytest.mark.parametrize(
    "first17",
    [
        "91440101MA5CXXXX0",  # a Guangzhou enterprise
        "N2440106MA0000000",  # a village collective (农业农村, first character N)
        "Y1440106MA0000000",  # "other" registration authority
        "12440000455858000",  # a public institution (机构编制)
    ],
)
def test_valid_codes_of_every_registration_authority_pass(first17: str) -> None:
    assert tax_number_problem("company", code(first17)) is None


def test_region_code_digits_three_to_eight_must_be_digits() -> None:
    bad = code("91A10000600037341")  # check character right, region code with a letter
    message = tax_number_problem("company", bad)
    assert message is not None and "第 3 至 8 位" in message


@pytest.mark.parametrize(
    ("value", "part"),
    [
        ("91110000600037341X", "校验位"),  # wrong check character
        ("9111000060003734IL", "I、O、Z、S、V"),  # a letter the code never uses
        ("٩١١١٠٠٠٠٦٠٠٠٣٧٣٤١L", "I、O、Z、S、V"),  # Arabic-Indic digits
        ("911100006000373", "18位"),  # 15 characters: the old tax number
        ("91110000600037341", "18位"),  # 17 characters
        ("91110000600037341L00", "18位"),  # 20 characters
        ("", "请填写"),
    ],
)
def test_bad_company_tax_numbers_say_why(value: str, part: str) -> None:
    message = tax_number_problem("company", value)
    assert message is not None and part in filled(message)


def test_a_personal_title_takes_no_tax_number() -> None:
    assert tax_number_problem("personal", "") is None
    assert tax_number_problem("personal", " - ") is None
    assert tax_number_problem("personal", VALID) is not None
