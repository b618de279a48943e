"""继续教育情况 and 往年继续教育查询 (SPEC §1.9): the records, their cache and the refresher.

A year's record (``GET /credit-records?year=``) is two ``CreditRecord``: 公需课 first, then
专业课, each moving through ``rules.records.RECORD_STATES``.  The page shows the cached year
at once (and offline), then the platform's; the sync's ``credit_record`` refresher keeps
the cache current as the institution's report moves on.

Keys in the ``records`` table: ``credit_records`` / ``"{year}"`` → the year as
``dataclasses.asdict`` of ``CreditRecordsYear`` (credits in tenths).  A row written by an
older client that no longer fits is treated as missing: the platform can send it again.

Past years (``POST /credit-records/lookup``) are never cached: the province answers them,
behind a captcha, and they need the network.

All cache functions run on a worker (cache lane, or inside a network op), never the GUI
thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from desktop.models.changes import Changes
from desktop.models.learning_cache import get_enrollments
from rules.credits import to_tenths
from rules.records import CHAIN, EXPIRED, steps_reached
from rules.years import CHINA_TZ, FIRST_YEAR, year_at

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache

log = logging.getLogger(__name__)

CREDIT_RECORDS = "credit_records"
COURSE_TYPES = ("public", "professional")
"""The order the records are shown in (公需课 first, as the platform lists them)."""

#: The moment each step of the chain was reached, by the state that reaches it.
_STEP_TIMES = {
    "reported": "reported_at",
    "reviewed": "reviewed_at",
    "completed": "completed_at",
    "confirmed": "confirmed_at",
}


def _optional_tenths(value: Any) -> int | None:
    return None if value is None else to_tenths(value)


@dataclass(frozen=True)
class CreditRecord:
    """One type's record of a year, as ``<CreditRecord>`` of docs/api.md (credits in tenths)."""

    id: str | None
    year: int
    course_type: str
    institution_id: str | None
    institution_name: str
    region_code: str
    region_name: str
    learning_mode: str | None
    required_tenths: int
    earned_tenths: int
    credits_tenths: int | None
    """What was reported; None before the report."""
    exam_passed: bool | None
    state: str
    queued_at: str | None
    reported_at: str | None
    reviewed_at: str | None
    completed_at: str | None
    confirmed_at: str | None
    reviewer_phone: str | None
    remarks: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CreditRecord:
        return cls(
            id=None if data.get("id") is None else str(data["id"]),
            year=int(data["year"]),
            course_type=str(data["course_type"]),
            institution_id=data.get("institution_id"),
            institution_name=str(data.get("institution_name") or ""),
            region_code=str(data.get("region_code") or ""),
            region_name=str(data.get("region_name") or ""),
            learning_mode=data.get("learning_mode"),
            required_tenths=to_tenths(data.get("required_credits") or 0),
            earned_tenths=to_tenths(data.get("earned_credits") or 0),
            credits_tenths=_optional_tenths(data.get("credits")),
            exam_passed=data.get("exam_passed"),
            state=str(data["state"]),
            queued_at=data.get("queued_at"),
            reported_at=data.get("reported_at"),
            reviewed_at=data.get("reviewed_at"),
            completed_at=data.get("completed_at"),
            confirmed_at=data.get("confirmed_at"),
            reviewer_phone=data.get("reviewer_phone"),
            remarks=str(data.get("remarks") or ""),
        )

    @property
    def steps_reached(self) -> int:
        """How many of the four chain steps the record has reached (0 … 4)."""
        return steps_reached(self.state)

    @property
    def reported(self) -> bool:
        """The institution has reported it (远程机构 已回传 or later)."""
        return self.steps_reached >= 1

    @property
    def expired(self) -> bool:
        return self.state == EXPIRED

    def reached_at(self, step_state: str) -> str | None:
        """When the chain step reached by *step_state* (e.g. ``"reviewed"``) was reached."""
        value: str | None = getattr(self, _STEP_TIMES[step_state])
        return value


@dataclass(frozen=True)
class CreditRecordsYear:
    """``GET /credit-records?year=``: the year's deadline and its two records."""

    year: int
    deadline: str
    closed: bool
    items: tuple[CreditRecord, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CreditRecordsYear:
        items = sorted(
            (CreditRecord.from_json(item) for item in data.get("items", ())),
            key=lambda r: COURSE_TYPES.index(r.course_type) if r.course_type in COURSE_TYPES else 2,
        )
        return cls(
            year=int(data["year"]),
            deadline=str(data.get("deadline") or ""),
            closed=bool(data.get("closed", False)),
            items=tuple(items),
        )

    def record(self, course_type: str) -> CreditRecord | None:
        return next((r for r in self.items if r.course_type == course_type), None)

    @property
    def any_reported(self) -> bool:
        """Something was reported: what a certificate draft can show."""
        return any(r.reported for r in self.items)

    @property
    def reported_tenths(self) -> int:
        """The credits reported so far, both types together."""
        return sum(r.credits_tenths or 0 for r in self.items if r.reported)

    def deadline_date(self) -> dt.date | None:
        """The last day of the year's confirmation, in China time."""
        try:
            moment = dt.datetime.fromisoformat(self.deadline)
        except ValueError:
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(CHINA_TZ)
        return moment.date()


@dataclass(frozen=True)
class PastRecord:
    """One row of 往年继续教育查询 (``<PastRecord>``; the ID number comes masked)."""

    name: str
    id_number_masked: str
    course_type: str
    content: str
    year: int
    credits_tenths: int | None
    score: int | None
    state: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PastRecord:
        score = data.get("score")
        return cls(
            name=str(data.get("name") or ""),
            id_number_masked=str(data.get("id_number_masked") or ""),
            course_type=str(data.get("course_type") or ""),
            content=str(data.get("content") or ""),
            year=int(data["year"]),
            credits_tenths=_optional_tenths(data.get("credits")),
            score=None if score is None else int(score),
            state=str(data.get("state") or ""),
        )


# -- the years the pages offer ---------------------------------------------------------

FIRST_RECORD_YEAR = 2021
"""The first year this platform keeps records of; earlier years are 往年继续教育查询."""


def record_years(now: dt.datetime) -> list[int]:
    """继续教育情况's years: 2021 … the year at *now* (the platform's time), newest first."""
    newest = max(FIRST_RECORD_YEAR, year_at(now))
    return list(range(newest, FIRST_RECORD_YEAR - 1, -1))


def past_years(now: dt.datetime) -> list[int]:
    """往年继续教育查询's years: 2012 … the year before *now*'s, newest first."""
    return list(range(year_at(now) - 1, FIRST_YEAR - 1, -1))


# -- the cache -------------------------------------------------------------------------


def put_credit_records(cache: Cache, year_records: CreditRecordsYear) -> None:
    cache.put_record(CREDIT_RECORDS, str(year_records.year), asdict(year_records))


def get_credit_records(cache: Cache, year: int) -> CreditRecordsYear | None:
    """The year's records last seen; None when never loaded (or no longer readable)."""
    data = cache.get_record(CREDIT_RECORDS, str(year))
    if data is None:
        return None
    try:
        items = tuple(CreditRecord(**item) for item in data["items"])
        return CreditRecordsYear(**{**data, "items": items})
    except (KeyError, TypeError, ValueError):
        log.info("cached credit records no longer fit the client's records; reloading")
        return None


def fetch_credit_records(
    api: ApiClient, cache: Cache | None, year: int | None = None
) -> CreditRecordsYear:
    """``GET /credit-records?year=`` into the cache (network lane); None: the clock's year."""
    year_records = api.credit_records(year)
    if cache is not None:
        put_credit_records(cache, year_records)
    return year_records


def refresh_credit_records(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``credit_record``: the clock's year and every year enrolled in.

    Records move only for years the learner studies in (the feed names the year, but a
    refresher is told only the entity), so those are the years read again.
    """
    current = fetch_credit_records(api, cache).year
    for year in sorted({e.year for e in get_enrollments(cache) or []} - {current}):
        fetch_credit_records(api, cache, year)
    return Changes(credit_records=True)


def chain_steps(record: CreditRecord) -> list[tuple[str, str, str, bool, str | None]]:
    """The four steps of the record's chain: (state, who, what, reached, reached at).

    *who* and *what* are the untranslated rule texts (show them through ``tr_rule``).
    """
    reached = record.steps_reached
    return [
        (state, who, what, index < reached, record.reached_at(state) if index < reached else None)
        for index, (state, who, what) in enumerate(CHAIN)
    ]
