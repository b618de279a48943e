"""The platform's "now", as seen from this PC: the local clock plus a measured offset.

Watch events carry wall-clock times the platform checks against its own clock (not in the
future, not before the purchase, not after the deadline, no overlap).  A learner's PC
whose clock is minutes or years off would have every event refused.  So, as NTP does in
miniature, the offset is measured at each health check (the server's time against the
midpoint of the request) and every event is stamped in the platform's time.

The last offset is kept in the account's cache (``store_offset``), so that a remembered
learner's start — whose pages show from the cache before the platform has answered —
already reckons days and deadlines in the platform's time.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from desktop.models.cache import Cache

T = TypeVar("T")

_OFFSET_RECORD = ("platform_clock", "offset")


class PlatformClock:
    """Local UTC time corrected by the last measured offset (0 until one is measured)."""

    def __init__(self, local_now: Callable[[], dt.datetime] | None = None) -> None:
        self._local_now = local_now or (lambda: dt.datetime.now(dt.UTC))
        self._offset = dt.timedelta(0)
        self._measured = False

    @property
    def offset(self) -> dt.timedelta:
        return self._offset

    def measure(self, call: Callable[[], T], server_time_of: Callable[[T], str]) -> T:
        """Make *call* (e.g. the health check) and set the offset from the time it carries.

        The server's time is taken to be the local time halfway through the call.  An
        answer without a usable time leaves the offset as it was.
        """
        before = self._local_now()
        started = time.monotonic()
        answer = call()
        midpoint = before + dt.timedelta(seconds=(time.monotonic() - started) / 2)
        self.set_from(server_time_of(answer), midpoint)
        return answer

    def set_from(self, server_time: str, local_at: dt.datetime) -> None:
        try:
            server = dt.datetime.fromisoformat(server_time)
        except ValueError:
            return
        if server.tzinfo is None:
            return
        self._offset = server - local_at
        self._measured = True

    def assume(self, offset: dt.timedelta) -> None:
        """Use a remembered *offset* until one is measured (a measured one is kept)."""
        if not self._measured:
            self._offset = offset

    def now(self) -> dt.datetime:
        """The platform's current time (aware, UTC)."""
        return self._local_now() + self._offset


def stored_offset(cache: Cache) -> dt.timedelta | None:
    """The offset last measured against the account's platform (cache lane)."""
    data = cache.get_record(*_OFFSET_RECORD)
    try:
        return None if data is None else dt.timedelta(seconds=float(data["seconds"]))
    except (KeyError, TypeError, ValueError, OverflowError):
        return None


def store_offset(cache: Cache, offset: dt.timedelta) -> None:
    """Keep *offset* for the next start (cache lane)."""
    cache.put_record(*_OFFSET_RECORD, {"seconds": offset.total_seconds()})
