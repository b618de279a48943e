"""Course selection rules: what may be deselected, and what 一键选课 adds."""

from __future__ import annotations

import itertools
import random

import pytest

from rules.selection import REQUIRED_MESSAGE, WATCHED_MESSAGE, auto_select, deselect_problem


def test_unwatched_optional_course_can_be_deselected() -> None:
    assert deselect_problem(required=False, watched_ms=0) is None


def test_required_course_never_and_watched_course_not() -> None:
    assert deselect_problem(required=True, watched_ms=0) == REQUIRED_MESSAGE
    assert deselect_problem(required=True, watched_ms=5_000) == REQUIRED_MESSAGE
    assert deselect_problem(required=False, watched_ms=1) == WATCHED_MESSAGE


# Hand-computed answers (credits in tenths; candidates in catalog order).
@pytest.mark.parametrize(
    ("candidates", "selected", "required", "expected"),
    [
        # Already enough: nothing to add.
        ([("a", 30)], 600, 600, []),
        ([("a", 30)], 610, 600, []),
        # 50 missing: only a+b reach it exactly (b+d=45, a+d=55, a+c=40 …).
        ([("a", 30), ("b", 20), ("c", 10), ("d", 25)], 10, 60, ["a", "b"]),
        # No exact total: 40+35=75, 40+30=70, 35+30=65 → the smallest overshoot, 65.
        ([("x", 40), ("y", 35), ("z", 30)], 0, 60, ["y", "z"]),
        # The smallest overshoot beats fewer courses: 30+31=61 rather than 80 alone.
        ([("big", 80), ("s1", 30), ("s2", 31)], 0, 60, ["s1", "s2"]),
        # Equal totals: the fewest courses (30 alone rather than 10+10+10).
        ([("p", 10), ("q", 10), ("r", 10), ("s", 30)], 0, 30, ["s"]),
        # Equal totals and counts: the earliest in catalog order.
        ([("m", 20), ("n", 20), ("o", 20)], 0, 40, ["m", "n"]),
        # The seed's courses, 6.0 missing: 4 + 2 is the only pair reaching it exactly.
        (
            [("c01", 24), ("c02", 23), ("c03", 20), ("c19", 15), ("c04", 40), ("c20", 10)],
            0,
            60,
            ["c03", "c04"],
        ),
        # Not enough in the catalog: everything is added.
        ([("u", 10), ("v", 15)], 0, 60, ["u", "v"]),
        # Courses of no credit never help.
        ([("zero", 0), ("a", 60)], 0, 60, ["a"]),
        ([], 0, 60, []),
    ],
)
def test_auto_select_hand_computed(
    candidates: list[tuple[str, int]], selected: int, required: int, expected: list[str]
) -> None:
    assert auto_select(candidates, selected, required) == expected


def _brute_force(candidates: list[tuple[str, int]], need: int) -> list[str]:
    """Every subset, ranked by (overshoot, count, catalog positions)."""
    best: tuple[int, int, tuple[int, ...]] | None = None
    for size in range(len(candidates) + 1):
        for indices in itertools.combinations(range(len(candidates)), size):
            total = sum(candidates[i][1] for i in indices)
            if total >= need:
                key = (total - need, size, indices)
                if best is None or key < best:
                    best = key
    assert best is not None
    return [candidates[i][0] for i in best[2]]


def test_auto_select_agrees_with_brute_force_on_random_catalogs() -> None:
    rng = random.Random(20210621)
    for _ in range(200):
        candidates = [(f"c{i}", rng.choice([5, 10, 15, 20, 23, 24, 30, 40])) for i in range(10)]
        total = sum(t for _, t in candidates)
        selected = rng.randrange(0, 40)
        required = selected + rng.randrange(1, total)  # always reachable
        expected = _brute_force(candidates, required - selected)
        assert auto_select(candidates, selected, required) == expected, candidates
