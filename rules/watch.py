"""Watch-time rules (SPEC §2): coverage is a union of played intervals; policy numbers.

Both sides use these: the player to show and clamp, the platform to decide credit.  The
client sends facts (intervals of media played, with wall-clock start and end); only the
platform's union of *accepted* intervals counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from rules._i18n import QT_TRANSLATE_NOOP

Interval = tuple[int, int]
"""A half-open span of media time in milliseconds: [from_ms, to_ms)."""

#: A chapter is complete when its coverage reaches its length minus this (end credits,
#: the last frames VLC never reports).
COMPLETION_TOLERANCE_MS = 3_000
#: Media time may exceed wall time × rate by this much (timer granularity, buffering).
RATE_TOLERANCE_MS = 1_000
#: The credit ledger's one tolerance: over any wall-clock window W, a learner is credited
#: at most |W| × the credited rate + this much media time, however many events, batches,
#: chapters or devices (server/credit_ledger.py).  Half of it on each side of an event's
#: wall-clock span absorbs two devices' clocks disagreeing by a little.
CREDIT_TOLERANCE_MS = 1_000
#: Events may end this far after the platform's "now" (clock skew of the learner's PC).
FUTURE_TOLERANCE_MS = 60_000
#: Wall-clock times outside [EARLIEST_WATCH_YEAR-01-01, now + LATEST_AHEAD_MS] are no
#: time a lecture was watched (a dead clock battery, a forged year 1 or 9999): the event is
#: ``interval_invalid``.
EARLIEST_WATCH_YEAR = 2000
LATEST_AHEAD_MS = 86_400_000

MAX_CREDITED_RATE = 1.0
"""Playback faster than this counts no study time (the default of every course's policy)."""


@dataclass(frozen=True)
class WatchPolicy:
    """The per-course policy the platform publishes and the player obeys and shows."""

    max_credited_rate: float = MAX_CREDITED_RATE
    pause_when_unfocused: bool = True
    offline_counts: bool = True
    journal_interval_s: int = 5
    push_interval_s: int = 30
    stall_timeout_s: int = 5
    completion_tolerance_ms: int = COMPLETION_TOLERANCE_MS

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> WatchPolicy:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of *intervals* as sorted, disjoint, non-touching spans.

    Idempotent and order-independent: merging a merge, or the same spans in any order,
    gives the same list.  Empty or reversed spans are dropped.
    """
    spans = sorted((a, b) for a, b in intervals if b > a)
    merged: list[Interval] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def covered_ms(intervals: Iterable[Interval]) -> int:
    """Media time covered by the union of *intervals*."""
    return sum(b - a for a, b in merge_intervals(intervals))


def furthest_ms(intervals: Iterable[Interval]) -> int:
    """The furthest point the learner may seek to: the end of the contiguous coverage from 0.

    Seeking forward is allowed up to where the watched part starting at the beginning
    ends; a watched island further on does not unlock the gap before it.
    """
    merged = merge_intervals(intervals)
    if not merged or merged[0][0] > 0:
        return 0
    return merged[0][1]


def chapter_complete(
    intervals: Iterable[Interval], duration_ms: int, tolerance_ms: int = COMPLETION_TOLERANCE_MS
) -> bool:
    return duration_ms > 0 and covered_ms(intervals) >= max(0, duration_ms - tolerance_ms)


PAUSE_REASONS: dict[str, str] = {
    "paused": QT_TRANSLATE_NOOP("rules", "已暂停播放"),
    "minimised": QT_TRANSLATE_NOOP("rules", "计时已暂停：播放窗口已最小化"),
    "background": QT_TRANSLATE_NOOP("rules", "计时已暂停：播放窗口不在前台"),
    "rate": QT_TRANSLATE_NOOP("rules", "计时已暂停：倍速播放超过 {rate}× 不计学时"),
    "stalled": QT_TRANSLATE_NOOP("rules", "计时已暂停：视频卡住了，正在等待恢复播放"),
    "session_expired": QT_TRANSLATE_NOOP("rules", "计时已暂停：登录已失效，请重新登录"),
    "beyond_furthest": QT_TRANSLATE_NOOP("rules", "不能拖动到尚未学习的位置"),
}
"""Why counting is paused, as the player's banner says it (``{rate}``: the policy's)."""
