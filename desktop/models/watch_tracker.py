"""The watch tracker: turns the player's polls into intervals of media actually played.

Plain Python (no Qt, no VLC) so every rule of SPEC §2 is tested with made-up ticks.  The
player polls VLC on the GUI thread and feeds a ``Tick`` each time; the tracker keeps one
*open* interval while counting and closes it when counting stops (pause, minimise, focus
lost, rate above the policy's maximum, stall, expired session), when the position jumps
(a seek), or when the player asks (``close()``: every journal interval, on close, quit).

Honesty by construction: an interval's media length never exceeds its wall-clock length ×
the credited rate (its end is clamped to that), its wall-clock span is measured on the
monotonic clock, and consecutive intervals never overlap in wall-clock time — so what the
platform checks in ``POST /watch-events`` holds for everything this produces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.models.playback import WatchedInterval
from rules.watch import Interval, WatchPolicy, covered_ms, furthest_ms, merge_intervals

#: A position change further than this beyond what the elapsed time explains (or back by
#: more than this) is a seek, not playback: it closes the open interval.
SEEK_SLACK_MS = 1_000
#: VLC's clock may step back a little between polls; that is jitter, not a seek.
BACKWARD_JITTER_MS = 500
_RATE_EPSILON = 1e-6


@dataclass(frozen=True)
class Tick:
    """One poll of the player: what it reports at monotonic time ``mono_ms``."""

    mono_ms: int
    wall: dt.datetime
    position_ms: int
    playing: bool
    rate: float = 1.0
    focused: bool = True
    minimised: bool = False


@dataclass
class _OpenInterval:
    from_ms: int
    to_ms: int
    start_mono: int
    end_mono: int
    started_at: dt.datetime
    rate: float


class WatchTracker:
    """Counts the media of one chapter played at a credited rate, in the foreground.

    ``known`` is the coverage already held by the platform and the outbox: it only feeds
    the seek limit and the credited time shown, never what ``drain()`` returns.
    """

    def __init__(
        self,
        chapter_id: str,
        duration_ms: int,
        policy: WatchPolicy,
        known: Iterable[Interval] = (),
    ) -> None:
        self.chapter_id = chapter_id
        self.duration_ms = duration_ms
        self.policy = policy
        self._known: list[Interval] = merge_intervals(known)
        self._local: list[Interval] = []
        self._closed: list[WatchedInterval] = []
        self._open: _OpenInterval | None = None
        self._previous: Tick | None = None
        self._previous_reason: str | None = None
        #: Where the last closed interval ended, so that one split by ``close()`` while
        #: counting goes on at the next tick from the same media point and instant.
        self._split_at: _OpenInterval | None = None
        self._last_advance_mono: int | None = None
        self._last_ended_at: dt.datetime | None = None
        self._session_expired = False
        self._pause_reason: str | None = "paused"

    # -- feeding -------------------------------------------------------------------------

    def record_tick(self, tick: Tick) -> None:
        """Take one poll: extend, close or open the interval as the rules say."""
        previous, previous_reason = self._previous, self._previous_reason
        split, self._split_at = self._split_at, None
        advanced = previous is None or tick.position_ms != previous.position_ms
        if advanced or not tick.playing or self._last_advance_mono is None:
            self._last_advance_mono = tick.mono_ms
        seek = previous is not None and self._is_seek(previous, tick)
        reason = self._reason(tick)
        self._previous, self._previous_reason = tick, reason
        self._pause_reason = reason
        if self._open is not None and (reason is not None or seek):
            self.close()
        if reason is not None:
            return
        if self._open is None:
            # Playback went on from the last poll (a journal split), or started there (after
            # a pause or seek): the media since that poll was played now, so the interval
            # starts at that poll instead of losing a poll's worth at every split.
            continued = previous is not None and previous_reason in (None, "paused") and not seek
            if continued and previous_reason is None and split is not None:
                self._open = split  # go on exactly where the closed interval ended
            else:
                self._start(previous if continued and previous is not None else tick)
            if continued:
                self._extend(tick)
        elif previous is not None and tick.position_ms > previous.position_ms:
            self._extend(tick)

    def set_session_expired(self, expired: bool) -> None:
        """An expired session stops counting until the learner logs in again."""
        self._session_expired = expired
        if expired:
            self.close()
            self._pause_reason = "session_expired"

    def seeked(self, at: Tick | None = None) -> None:
        """The player moved the position: close the interval; the next tick starts a new one.

        ``at`` is the poll taken right after the seek (at the target position); playback
        from there to the next poll is counted like playback after a pause.
        """
        self.close()
        self._previous = at
        self._previous_reason = "paused" if at is not None else None
        self._last_advance_mono = at.mono_ms if at is not None else None

    def close(self) -> None:
        """Close the open interval (kept for ``drain()`` if it covers any media)."""
        current = self._open
        self._open = None
        if current is None or current.to_ms <= current.from_ms:
            return
        ended_at = current.started_at + dt.timedelta(
            milliseconds=current.end_mono - current.start_mono
        )
        self._last_ended_at = ended_at
        self._split_at = _OpenInterval(
            current.to_ms, current.to_ms, current.end_mono, current.end_mono, ended_at, current.rate
        )
        self._local = merge_intervals([*self._local, (current.from_ms, current.to_ms)])
        self._closed.append(
            WatchedInterval(
                chapter_id=self.chapter_id,
                from_ms=current.from_ms,
                to_ms=current.to_ms,
                started_at=current.started_at,
                ended_at=ended_at,
                rate=current.rate,
            )
        )

    def drain(self) -> list[WatchedInterval]:
        """The closed intervals not handed out yet (each is handed out once)."""
        drained, self._closed = self._closed, []
        return drained

    # -- what the player shows -------------------------------------------------------------

    @property
    def pause_reason(self) -> str | None:
        """None while counting, else a key of ``rules.watch.PAUSE_REASONS``."""
        return self._pause_reason

    @property
    def counting(self) -> bool:
        return self._pause_reason is None

    @property
    def intervals(self) -> list[Interval]:
        """Known ∪ played here (including the open interval), merged."""
        return merge_intervals([*self._known, *self._local, *self._open_span()])

    @property
    def covered_ms(self) -> int:
        return covered_ms(self.intervals)

    @property
    def unreported(self) -> list[Interval]:
        """Played here and not handed out by ``drain()`` yet (closed ones and the open one):
        time the platform cannot have answered for, shown as pending."""
        closed = [(interval.from_ms, interval.to_ms) for interval in self._closed]
        return merge_intervals([*closed, *self._open_span()])

    @property
    def furthest_ms(self) -> int:
        return furthest_ms(self.intervals)

    def seek_limit_ms(self) -> int:
        """How far forward the learner may seek: the furthest watched point."""
        return self.furthest_ms

    # -- the rules -------------------------------------------------------------------------

    def _reason(self, tick: Tick) -> str | None:
        if not tick.playing:
            return "paused"
        if self._session_expired:
            return "session_expired"
        if tick.rate > self.policy.max_credited_rate + _RATE_EPSILON:
            return "rate"
        if self.policy.pause_when_unfocused and tick.minimised:
            return "minimised"
        if self.policy.pause_when_unfocused and not tick.focused:
            return "background"
        frozen_ms = tick.mono_ms - (self._last_advance_mono or tick.mono_ms)
        if frozen_ms >= self.policy.stall_timeout_s * 1000:
            return "stalled"
        return None

    @staticmethod
    def _is_seek(previous: Tick, tick: Tick) -> bool:
        moved = tick.position_ms - previous.position_ms
        elapsed = max(0, tick.mono_ms - previous.mono_ms)
        return moved < -BACKWARD_JITTER_MS or moved > elapsed * max(tick.rate, 0.0) + SEEK_SLACK_MS

    def _start(self, tick: Tick) -> None:
        started_at = tick.wall
        if self._last_ended_at is not None and started_at < self._last_ended_at:
            started_at = self._last_ended_at  # the wall clock stepped back: stay in order
        position = min(max(0, tick.position_ms), self._media_end())
        self._open = _OpenInterval(
            from_ms=position,
            to_ms=position,
            start_mono=tick.mono_ms,
            end_mono=tick.mono_ms,
            started_at=started_at,
            rate=min(tick.rate, self.policy.max_credited_rate),
        )

    def _extend(self, tick: Tick) -> None:
        current = self._open
        if current is None:
            return
        allowed = int((tick.mono_ms - current.start_mono) * self.policy.max_credited_rate)
        end = min(tick.position_ms, current.from_ms + allowed, self._media_end())
        if end > current.to_ms:
            current.to_ms = end
            current.end_mono = tick.mono_ms

    def _media_end(self) -> int:
        return self.duration_ms if self.duration_ms > 0 else 2**62

    def _open_span(self) -> list[Interval]:
        if self._open is None:
            return []
        return [(self._open.from_ms, self._open.to_ms)]
