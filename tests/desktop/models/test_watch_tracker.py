"""The watch tracker's rules (SPEC §2), fed made-up ticks: no Qt, no VLC."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.watch_tracker import Tick, WatchTracker
from rules.watch import RATE_TOLERANCE_MS, WatchPolicy, merge_intervals

T0 = dt.datetime(2021, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
POLICY = WatchPolicy()


class Clock:
    """Drives a tracker the way the player's 250 ms poll does."""

    def __init__(self, tracker: WatchTracker, position_ms: int = 0) -> None:
        self.tracker = tracker
        self.mono_ms = 0
        self.position_ms = position_ms

    def play(
        self, seconds: float, *, rate: float = 1.0, advance: bool = True, **state: bool
    ) -> None:
        steps = round(seconds * 4)
        for _ in range(steps):
            self.mono_ms += 250
            if advance:
                self.position_ms += round(250 * rate)
            self.tick(playing=True, rate=rate, **state)

    def tick(self, *, playing: bool, rate: float = 1.0, **state: bool) -> None:
        self.tracker.record_tick(
            Tick(
                mono_ms=self.mono_ms,
                wall=T0 + dt.timedelta(milliseconds=self.mono_ms),
                position_ms=self.position_ms,
                playing=playing,
                rate=rate,
                **state,
            )
        )


def tracker(duration_ms: int = 600_000, policy: WatchPolicy = POLICY, known=()) -> WatchTracker:
    return WatchTracker("ch1", duration_ms, policy, known)


def spans(tracker: WatchTracker) -> list[tuple[int, int]]:
    tracker.close()
    return [(i.from_ms, i.to_ms) for i in tracker.drain()]


def test_time_counts_while_playing_and_the_interval_carries_its_wall_clock_span() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(10)
    assert t.pause_reason is None
    t.close()
    [interval] = t.drain()
    assert (interval.from_ms, interval.to_ms) == (0, 10_000)
    assert interval.started_at == T0
    assert interval.ended_at == T0 + dt.timedelta(seconds=10)
    assert interval.rate == 1.0
    assert t.drain() == []  # handed out once


def test_pause_closes_the_interval_and_nothing_counts_while_paused() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(4)
    clock.tick(playing=False)
    assert t.pause_reason == "paused"
    clock.mono_ms += 60_000
    clock.tick(playing=False)
    clock.tick(playing=True)
    clock.play(2)
    assert spans(t) == [(0, 4_000), (4_000, 6_000)]
    assert t.covered_ms == 6_000


def test_rate_above_the_policy_maximum_counts_nothing_and_says_why() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True, rate=2.0)
    clock.play(5, rate=2.0)
    assert t.pause_reason == "rate"
    assert spans(t) == []
    clock.play(3, rate=0.75)
    assert t.pause_reason is None
    assert t.drain() == []  # still open
    [(start, end)] = spans(t)
    assert end - start <= 3 * 750


def test_minimised_or_background_window_pauses_counting_when_the_policy_says_so() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(2)
    clock.play(3, minimised=True)
    assert t.pause_reason == "minimised"
    clock.play(3, focused=False)
    assert t.pause_reason == "background"
    clock.play(2)
    assert t.pause_reason is None
    assert sum(b - a for a, b in spans(t)) <= 4_000

    lenient = tracker(policy=WatchPolicy(pause_when_unfocused=False))
    clock = Clock(lenient)
    clock.tick(playing=True)
    clock.play(3, focused=False, minimised=True)
    assert lenient.pause_reason is None
    assert spans(lenient) == [(0, 3_000)]


def test_stall_watchdog_stops_counting_and_the_frozen_part_is_not_counted() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(3)
    clock.play(4, advance=False)
    assert t.pause_reason is None  # not yet: under stall_timeout_s
    clock.play(2, advance=False)
    assert t.pause_reason == "stalled"
    clock.play(2)
    assert t.pause_reason is None
    assert spans(t) == [(0, 3_000), (3_250, 5_000)]


def test_stalled_interval_wall_span_stops_at_the_last_advance() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(3)
    clock.play(6, advance=False)
    t.close()
    [interval] = t.drain()
    assert interval.ended_at - interval.started_at == dt.timedelta(seconds=3)


def test_a_jump_of_the_position_closes_the_interval() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(5)
    clock.position_ms = 60_000  # seek forward
    clock.play(2)
    clock.position_ms = 1_000  # seek back
    clock.play(2)
    # The poll that sees the jump only opens the new interval: the step across is not played.
    assert spans(t) == [(0, 5_000), (60_250, 62_000), (1_250, 3_000)]


def test_a_seek_reported_by_the_player_counts_from_its_target() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(3)
    clock.position_ms = 1_000
    t.seeked(Tick(clock.mono_ms, T0 + dt.timedelta(milliseconds=clock.mono_ms), 1_000, False))
    clock.play(2)
    assert spans(t) == [(0, 3_000), (1_000, 3_000)]


def test_journal_splits_and_pause_resume_leave_no_gap() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=False)
    clock.play(5)
    t.close()  # the player's journal timer
    clock.play(5)
    clock.tick(playing=False)  # paused by the learner
    clock.mono_ms += 30_000
    clock.tick(playing=False)
    clock.play(5)
    batch = spans(t)
    assert batch == [(0, 5_000), (5_000, 10_000), (10_000, 15_000)]


def test_media_length_is_clamped_to_wall_length_times_rate() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    # Position runs 20 % faster than the clock (within the seek slack each poll).
    for _ in range(40):
        clock.mono_ms += 250
        clock.position_ms += 300
        clock.tick(playing=True)
    t.close()
    [interval] = t.drain()
    wall_ms = (interval.ended_at - interval.started_at) / dt.timedelta(milliseconds=1)
    assert interval.to_ms - interval.from_ms <= wall_ms * POLICY.max_credited_rate
    assert interval.to_ms - interval.from_ms == 10_000


def test_session_expiry_pauses_counting_until_cleared() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(2)
    t.set_session_expired(True)
    assert t.pause_reason == "session_expired"
    clock.play(3)
    assert t.pause_reason == "session_expired"
    t.set_session_expired(False)
    clock.play(1)
    assert t.pause_reason is None
    assert spans(t) == [(0, 2_000), (5_250, 6_000)]  # from the first poll after


def test_seek_limit_is_the_contiguous_coverage_from_zero_and_rewinding_does_not_unlock() -> None:
    t = tracker(known=[(0, 10_000), (30_000, 40_000)])
    assert t.seek_limit_ms() == 10_000
    clock = Clock(t, position_ms=10_000)
    clock.tick(playing=True)
    clock.play(4)
    assert t.seek_limit_ms() == 14_000  # the open interval counts
    clock.position_ms = 2_000
    t.seeked()
    clock.tick(playing=True)
    clock.play(1)
    assert t.seek_limit_ms() == 14_000
    assert t.covered_ms == 24_000


def test_intervals_never_pass_the_chapter_end() -> None:
    t = tracker(duration_ms=5_000)
    clock = Clock(t, position_ms=3_000)
    clock.tick(playing=True)
    clock.play(4)
    assert spans(t) == [(3_000, 5_000)]


def test_consecutive_intervals_stay_in_wall_clock_order_when_the_clock_steps_back() -> None:
    t = tracker()
    clock = Clock(t)
    clock.tick(playing=True)
    clock.play(3)
    t.close()
    t.record_tick(Tick(clock.mono_ms + 250, T0, clock.position_ms + 250, True))
    t.record_tick(Tick(clock.mono_ms + 500, T0, clock.position_ms + 500, True))
    t.close()
    first, second = t.drain()
    assert second.started_at >= first.ended_at


# -- properties ------------------------------------------------------------------------------

tick_steps = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2_000),  # elapsed monotonic ms
        st.integers(min_value=-3_000, max_value=5_000),  # position change
        st.booleans(),  # playing
        st.sampled_from([0.75, 1.0, 1.25, 2.0]),
        st.booleans(),  # focused
        st.booleans(),  # minimised
        st.integers(min_value=0, max_value=20),  # 0: the player closes (journal/pause)
    ),
    max_size=120,
)


def run(steps: list, policy: WatchPolicy = POLICY) -> tuple[WatchTracker, list, int]:
    """Feed *steps*; return the tracker, all drained intervals and the playing wall time.

    A step counts as playing time when either of its polls saw VLC playing: playback
    starts or stops somewhere between two polls.
    """
    t = tracker(duration_ms=120_000, policy=policy)
    mono, position, playing_ms = 0, 0, 0
    was_playing = False
    drained = []
    wall = T0
    for elapsed, moved, playing, rate, focused, minimised, action in steps:
        mono += elapsed
        wall += dt.timedelta(milliseconds=elapsed)
        if was_playing or playing:  # VLC played during some of this step
            playing_ms += elapsed
        position = max(0, position + moved)
        t.record_tick(Tick(mono, wall, position, playing, rate, focused, minimised))
        was_playing = playing
        if action == 0:
            t.close()
            drained.extend(t.drain())
    t.close()
    drained.extend(t.drain())
    return t, drained, playing_ms


@settings(max_examples=500, deadline=None)
@given(tick_steps)
def test_credited_time_never_exceeds_playing_wall_time_at_the_allowed_rate(steps: list) -> None:
    _, drained, playing_ms = run(steps)
    credited = sum(i.to_ms - i.from_ms for i in drained)
    assert credited <= playing_ms * POLICY.max_credited_rate + RATE_TOLERANCE_MS
    for interval in drained:
        wall_ms = (interval.ended_at - interval.started_at) / dt.timedelta(milliseconds=1)
        assert 0 < interval.to_ms - interval.from_ms <= wall_ms * POLICY.max_credited_rate
        assert interval.rate <= POLICY.max_credited_rate
        assert 0 <= interval.from_ms < interval.to_ms <= 120_000


@settings(max_examples=500, deadline=None)
@given(tick_steps)
def test_drained_intervals_never_overlap_in_wall_clock_time(steps: list) -> None:
    _, drained, _ = run(steps)
    for earlier, later in itertools.pairwise(drained):
        assert later.started_at >= earlier.ended_at


@settings(max_examples=500, deadline=None)
@given(tick_steps, st.randoms(use_true_random=False))
def test_merging_drained_intervals_is_idempotent_and_order_independent(
    steps: list, rnd: random.Random
) -> None:
    t, drained, _ = run(steps)
    spans_ = [(i.from_ms, i.to_ms) for i in drained]
    merged = merge_intervals(spans_)
    assert merge_intervals(merged) == merged
    shuffled = spans_[:]
    rnd.shuffle(shuffled)
    assert merge_intervals(shuffled) == merged
    assert t.intervals == merged
    for a, b in itertools.pairwise(merged):
        assert a[1] < b[0]
