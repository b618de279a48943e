"""The one clock every time rule reads, so that tests and demos can pin "now"."""

from __future__ import annotations

import datetime as dt

from rules.years import CHINA_TZ


class Clock:
    """System time, or a fixed instant when pinned with ``--now``.

    A pinned clock does not move: tests move it by restarting the platform with another
    ``--now`` on the same database, which keeps every time rule deterministic.
    """

    def __init__(self, pinned: dt.datetime | None = None) -> None:
        if pinned is not None and pinned.tzinfo is None:
            raise ValueError("a pinned time needs an offset")
        self._pinned = pinned

    @property
    def is_pinned(self) -> bool:
        return self._pinned is not None

    def now(self) -> dt.datetime:
        """The current instant, expressed in China time (UTC+8)."""
        if self._pinned is not None:
            return self._pinned.astimezone(CHINA_TZ)
        return dt.datetime.now(CHINA_TZ)

    def today(self) -> dt.date:
        return self.now().date()


def iso(value: dt.datetime) -> str:
    """Times go out in China time with their offset, e.g. 2021-06-21T18:23:50+08:00."""
    return value.astimezone(CHINA_TZ).isoformat()
