from __future__ import annotations

import pytest

from rules.eligibility import EligibilityAnswers, is_eligible
from rules.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, filled, password_problem
from rules.years import credit_requirement


@pytest.mark.parametrize("password", ["abc12345", "Passw0rd", "1234567a"])
def test_strong_enough(password: str) -> None:
    assert password_problem(password) is None


@pytest.mark.parametrize("password", ["", "abc1234", "abcdefgh", "12345678", "a1" * 40])
def test_too_weak_or_too_long(password: str) -> None:
    assert password_problem(password) is not None


@pytest.mark.parametrize(
    ("password", "number", "shown"),
    [
        ("abc1234", MIN_PASSWORD_LENGTH, "密码至少 8 位，且须同时包含字母和数字"),
        ("abcdefgh", MIN_PASSWORD_LENGTH, "密码至少 8 位，且须同时包含字母和数字"),
        ("a1" * 40, MAX_PASSWORD_LENGTH, "密码不能超过 64 位"),
    ],
)
def test_the_message_takes_its_number_from_the_rule(password: str, number: int, shown: str) -> None:
    """One home per number: the template names it, ``filled`` puts the rule's own in."""
    message = password_problem(password)
    assert message is not None and str(number) not in message
    assert filled(message) == shown


@pytest.mark.parametrize(
    ("works", "resides", "eligible"),
    [(True, None, True), (False, True, True), (False, False, False), (False, None, False)],
)
def test_eligibility(works: bool, resides: bool | None, eligible: bool) -> None:
    assert is_eligible(EligibilityAnswers(works, resides)) is eligible


def test_requirement_is_90_30_60_closing_31_december() -> None:
    req = credit_requirement(2021)
    assert (req.total_credits, req.public_credits, req.professional_credits) == (90, 30, 60)
    assert req.deadline.isoformat() == "2021-12-31T23:59:59+08:00"
