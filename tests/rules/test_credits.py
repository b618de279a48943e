"""Credits travel as one-decimal numbers and add up as integer tenths."""

from __future__ import annotations

import pytest

from rules.credits import format_credits, from_tenths, to_tenths


@pytest.mark.parametrize(
    ("credits", "tenths"),
    [(2.4, 24), ("2.3", 23), (2, 20), (60, 600), (0.1, 1), (52.5, 525), (2.44, 24), (2.46, 25)],
)
def test_to_tenths(credits: float | str, tenths: int) -> None:
    assert to_tenths(credits) == tenths


def test_tenths_add_where_floats_drift() -> None:
    assert sum([0.1] * 10) != 1.0  # 0.9999999999999999
    assert sum(to_tenths(0.1) for _ in range(10)) == to_tenths(1.0) == 10
    seed_courses = [2.4, 2.3, 2, 1.5, 4, 1]  # the seed's catalog, SPEC §1.5
    assert from_tenths(sum(to_tenths(c) for c in seed_courses)) == 13.2


@pytest.mark.parametrize(
    ("tenths", "text"),
    [(24, "2.4"), (600, "60"), (525, "52.5"), (0, "0"), (5, "0.5"), (-15, "-1.5")],
)
def test_format_credits_as_the_guide_writes_them(tenths: int, text: str) -> None:
    assert format_credits(tenths) == text
