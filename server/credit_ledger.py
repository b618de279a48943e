"""The credit ledger (SPEC §2): a learner's credited wall-clock time, and how an event claims it.

Pure (no database, no clock) so that its invariant can be property-tested on thousands of
event streams in seconds (tests/server/test_credit_ledger.py); ``server.watch`` loads the
spans a batch can reach, claims event after event, and stores what changed.

**The invariant.**  For every wall-clock window W, the media time credited from the events
inside W is at most |W| × rate + ``tolerance_ms`` (rate: the policy's maximum credited
rate).  It holds whatever the events say, in any order, batch or device, because

- an event is credited at most rate × the wall time it *claims*;
- a claim takes only wall time that no earlier claim holds (the ledger keeps every claim,
  merged), so claims are disjoint;
- an event spanning [s, e] claims only inside [s − b, e + b], where b, the *borrow*, is half
  the tolerance in wall time (tolerance / (2 × rate)).

So the claims of the events inside W lie disjointly in a span of |W| + tolerance / rate:
tolerances never add up.  Borrowing outside [s, e] (for a player's clock running a little
ahead of the PC's, or two devices' clocks a few milliseconds apart) is at most the free time
the event holds inside [s, e], so a zero-length span earns nothing, and stacking events on
one second earns that second and one tolerance, once.

**Honest use loses nothing.**  The client's tracker never reports more media than wall time
× rate, and one learner's events do not overlap in wall time, so each event finds its own
span free and takes nothing from a neighbour.  Where two devices' clocks disagree by δ, the
later event is short of δ inside, borrows it just after its end and the next event the same,
until the session ends: the session is credited in full while δ ≤ b.

Times are integers: wall time in microseconds since the epoch (what a datetime holds),
media time in milliseconds.  Spans are half-open, ``[start, end)``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

WallSpan = tuple[int, int]
"""Wall-clock time [start_us, end_us) in microseconds since the Unix epoch."""

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def to_us(instant: dt.datetime) -> int:
    """An aware datetime as microseconds since the epoch (exact; no overflow in any year)."""
    return (instant - EPOCH) // _MICROSECOND


def from_us(micros: int) -> dt.datetime:
    """The UTC datetime of *micros* microseconds since the epoch."""
    return EPOCH + dt.timedelta(microseconds=micros)


def merge_spans(spans: Iterable[WallSpan]) -> list[WallSpan]:
    """The union of *spans*: sorted, disjoint and non-touching; empty spans dropped."""
    merged: list[WallSpan] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=64)
def exact_rate(rate: float) -> Fraction:
    """*rate* as a fraction, so that media ↔ wall conversions are exact (1.0, 1.25, 1.5…)."""
    return Fraction(rate).limit_denominator(10_000)


def borrow_us(tolerance_ms: int, rate: Fraction) -> int:
    """How far outside its own span an event may claim, on each side (wall microseconds)."""
    return int(tolerance_ms * 1000 / (2 * rate))


@dataclass(frozen=True)
class Claim:
    """What one event was credited, and the wall time it took for it.

    ``code`` is None when the whole media interval was credited; else why not:
    ``"overlap"`` when part of the event's own span was already credited (another device,
    another chapter, a changed clock), ``"rate_exceeded"`` when its span is free but too
    short for the media (a zero-length span among them).
    """

    credited_ms: int
    spans: tuple[WallSpan, ...]
    code: str | None


class CreditLedger:
    """One learner's credited wall-clock time (or the part of it a batch can reach).

    Kept merged, so a learner who watched an evening without a break holds one span.
    """

    def __init__(self, spans: Iterable[WallSpan] = ()) -> None:
        merged = merge_spans(spans)
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    @property
    def spans(self) -> list[WallSpan]:
        return list(zip(self._starts, self._ends, strict=True))

    def credited_us(self, start: int, end: int) -> int:
        """Wall time credited inside [start, end)."""
        return (end - start) - sum(b - a for a, b in self.free(start, end))

    def free(self, start: int, end: int) -> list[WallSpan]:
        """The parts of [start, end) that no claim holds, in time order."""
        if end <= start:
            return []
        parts: list[WallSpan] = []
        cursor = start
        index = max(0, bisect.bisect_right(self._starts, start) - 1)
        while index < len(self._starts) and self._starts[index] < end:
            if self._ends[index] > cursor:
                if self._starts[index] > cursor:
                    parts.append((cursor, self._starts[index]))
                cursor = self._ends[index]
            index += 1
        if cursor < end:
            parts.append((cursor, end))
        return parts

    def add(self, start: int, end: int) -> None:
        """Mark [start, end) credited, merging it with the spans it overlaps or touches."""
        if end <= start:
            return
        first = bisect.bisect_left(self._ends, start)  # the first span ending at or after it
        last = bisect.bisect_right(self._starts, end)  # past the last one starting by its end
        if first < last:
            start = min(start, self._starts[first])
            end = max(end, self._ends[last - 1])
        self._starts[first:last] = [start]
        self._ends[first:last] = [end]

    def claim(
        self, start: int, end: int, played_ms: int, rate: float | Fraction, tolerance_ms: int
    ) -> Claim:
        """Credit an event of *played_ms* media played over wall time [start, end).

        It takes all the free time of its own span (the learner spent it on this event);
        if that is short of what the media needs at *rate*, it borrows free time just after
        its end, then just before its start, at most ``borrow_us`` on each side and at most
        as much as it found free inside.  The media credited is the prefix those claims pay
        for; nothing is recorded when that is nothing.
        """
        rate = rate if isinstance(rate, Fraction) else exact_rate(rate)
        if played_ms <= 0 or end < start:
            return Claim(0, (), "rate_exceeded")
        needed = _ceil(played_ms * 1000 / rate)
        inside = self.free(start, end)
        own = sum(b - a for a, b in inside)
        taken = list(inside)
        short = min(needed - own, own)
        if short > 0:
            reach = borrow_us(tolerance_ms, rate)
            for part in self.free(end, end + reach):
                piece = min(short, part[1] - part[0])
                taken.append((part[0], part[0] + piece))
                short -= piece
                if not short:
                    break
            for part in reversed(self.free(start - reach, start)):
                if not short:
                    break
                piece = min(short, part[1] - part[0])
                taken.append((part[1] - piece, part[1]))
                short -= piece
        claimed = sum(b - a for a, b in taken)
        credited = min(played_ms, int(claimed * rate / 1000))
        if credited <= 0:
            return Claim(0, (), "overlap" if own < end - start else "rate_exceeded")
        for part in taken:
            self.add(*part)
        code = None
        if credited < played_ms:
            code = "overlap" if own < end - start else "rate_exceeded"
        return Claim(credited, tuple(merge_spans(taken)), code)


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)
