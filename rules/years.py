"""The yearly requirement and its deadline (SPEC §2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
FIRST_YEAR = 2012


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
        deadline=dt.datetime(year, 12, 31, 23, 59, 59, tzinfo=CHINA_TZ),
    )
