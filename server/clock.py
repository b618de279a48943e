"""The one clock every time rule reads, so that tests and demos can pin "now"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rules.years import CHINA_TZ

if TYPE_CHECKING:
    from server.settings import Settings


class Clock:
    """System time; a fixed instant when pinned with ``--now``; or system time shifted by
    *offset* (``--clock-start``: the platform's time began at that instant and runs).

    A pinned clock does not move: tests move it by restarting the platform with another
    ``--now`` on the same database, which keeps every time rule deterministic.  A shifted
    clock runs at real speed, so a demo of a past year can be watched and credited.
    """

    def __init__(
        self, pinned: dt.datetime | None = None, *, offset: dt.timedelta | None = None
    ) -> None:
        if pinned is not None and pinned.tzinfo is None:
            raise ValueError("a pinned time needs an offset")
        self._pinned = pinned
        self._offset = offset or dt.timedelta(0)

    @classmethod
    def of(cls, settings: Settings) -> Clock:
        """The clock the settings ask for (``now`` pins, ``clock_offset`` shifts)."""
        return cls(settings.now, offset=settings.clock_offset)

    @property
    def is_pinned(self) -> bool:
        return self._pinned is not None

    @property
    def offset(self) -> dt.timedelta:
        return self._offset

    def now(self) -> dt.datetime:
        """The current instant, expressed in China time (UTC+8)."""
        if self._pinned is not None:
            return self._pinned.astimezone(CHINA_TZ)
        return dt.datetime.now(CHINA_TZ) + self._offset

    def today(self) -> dt.date:
        return self.now().date()


def offset_to(start: dt.datetime) -> dt.timedelta:
    """The offset of a clock whose "now" is *start* at this moment (``--clock-start``)."""
    return start - dt.datetime.now(dt.UTC)


def iso(value: dt.datetime) -> str:
    """Times go out in China time with their offset, e.g. 2021-06-21T18:23:50+08:00."""
    return value.astimezone(CHINA_TZ).isoformat()
