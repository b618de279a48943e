"""The yearly requirement and its deadline (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
FIRST_YEAR = 2012
DEADLINE_MONTH, DEADLINE_DAY = 12, 31
"""A year's study and exams close on this day (23:59:59 China time): 12 月 31 日."""


def china_date(moment: dt.datetime) -> dt.date:
    """The date of *moment* on the platform's calendar (China time); naive means UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(CHINA_TZ).date()


def year_at(moment: dt.datetime) -> int:
    """Which year it is at *moment* (China time): the one answer to "which year is it".

    Give it the platform's time (the desktop's ``PlatformClock.now()``, the platform's
    ``clock.now()``), never the PC's: a learner whose PC clock is a day off on 31 December
    must see the year the platform counts the credits in.
    """
    return china_date(moment).year


def year_of_iso(iso: str | None, default: int) -> int:
    """The year (China time) of an ISO-8601 moment the platform sent, else *default*."""
    if not iso:
        return default
    try:
        return year_at(dt.datetime.fromisoformat(iso.replace("Z", "+00:00")))
    except ValueError:
        return default


@dataclass(frozen=True)
class CreditRequirement:
    """Credits a learner must earn in one year, and when confirmation closes."""

    year: int
    total_credits: int
    public_credits: int
    professional_credits: int
    deadline: dt.datetime

    def credits_of(self, course_type: str) -> int:
        """The credits required of ``public`` (公需课) or ``professional`` (专业课)."""
        return self.public_credits if course_type == "public" else self.professional_credits


def credit_requirement(year: int) -> CreditRequirement:
    """At least 90 credits, 30 public and 60 professional; closes 31 Dec 23:59:59 (UTC+8)."""
    return CreditRequirement(
        year=year,
        total_credits=90,
        public_credits=30,
        professional_credits=60,
        deadline=dt.datetime(year, DEADLINE_MONTH, DEADLINE_DAY, 23, 59, 59, tzinfo=CHINA_TZ),
    )
