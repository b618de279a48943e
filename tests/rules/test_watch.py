"""The shared watch-time rules: union of intervals, coverage, the seek limit, completion."""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from rules.watch import (
    COMPLETION_TOLERANCE_MS,
    Interval,
    WatchPolicy,
    chapter_complete,
    covered_ms,
    furthest_ms,
    merge_intervals,
)


def test_merge_joins_overlapping_and_touching_spans_and_drops_empty_ones() -> None:
    assert merge_intervals([(5, 10), (0, 3), (3, 4), (8, 12), (20, 20), (30, 25)]) == [
        (0, 4),
        (5, 12),
    ]
    assert merge_intervals([]) == []
    assert merge_intervals([(0, 10), (2, 5)]) == [(0, 10)]


def test_coverage_counts_overlaps_once() -> None:
    assert covered_ms([(0, 10_000), (5_000, 15_000), (20_000, 21_000)]) == 16_000


def test_furthest_is_the_end_of_the_coverage_from_the_start() -> None:
    assert furthest_ms([(0, 8_000), (12_000, 20_000)]) == 8_000
    assert furthest_ms([(1_000, 8_000)]) == 0  # nothing watched from the start
    assert furthest_ms([(0, 8_000), (8_000, 9_000)]) == 9_000
    assert furthest_ms([]) == 0


def test_a_chapter_completes_within_the_tolerance() -> None:
    duration = 20_000
    assert not chapter_complete([(0, duration - COMPLETION_TOLERANCE_MS - 1)], duration)
    assert chapter_complete([(0, duration - COMPLETION_TOLERANCE_MS)], duration)
    assert not chapter_complete([(0, 5_000), (9_000, 20_000)], duration)  # a 4 s gap
    assert not chapter_complete([], 0)


def test_policy_round_trips_and_ignores_unknown_keys() -> None:
    policy = WatchPolicy(max_credited_rate=1.5)
    assert WatchPolicy.from_json({**policy.to_json(), "future_key": 1}) == policy
    assert WatchPolicy.from_json(None) == WatchPolicy()


spans = st.lists(
    st.tuples(st.integers(0, 100_000), st.integers(0, 100_000)).map(
        lambda pair: (min(pair), max(pair))
    ),
    max_size=30,
)


@given(spans, st.randoms(use_true_random=False))
def test_merging_is_idempotent_and_order_independent(
    intervals: list[Interval], rng: Random
) -> None:
    merged = merge_intervals(intervals)
    assert merge_intervals(merged) == merged
    shuffled = list(intervals)
    rng.shuffle(shuffled)
    assert merge_intervals(shuffled) == merged
    # Merging in two halves, in either order, gives the same union.
    half = len(intervals) // 2
    assert merge_intervals([*merge_intervals(intervals[half:]), *intervals[:half]]) == merged
    # Sorted, disjoint and non-touching.
    assert all(a < b for a, b in merged)
    assert all(merged[i][1] < merged[i + 1][0] for i in range(len(merged) - 1))


@given(spans)
def test_coverage_never_exceeds_the_sum_of_lengths(intervals: list[Interval]) -> None:
    total = sum(b - a for a, b in intervals)
    assert covered_ms(intervals) <= total
    assert covered_ms(intervals) <= max((b for _, b in intervals), default=0)
    assert 0 <= furthest_ms(intervals) <= max((b for _, b in intervals), default=0)
    # Every span lies inside one merged span.
    merged = merge_intervals(intervals)
    for a, b in intervals:
        if b > a:
            assert any(start <= a and b <= end for start, end in merged)
