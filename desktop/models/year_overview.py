"""个人主页: the current year at a glance, decided once from what the cache holds.

``year_overview`` is a pure function of the learner's facts (profile, packages, progress,
exam, credit records) and the platform's "now": credits against 30 / 60 / 90, the days
left until the year's confirmation deadline, the ONE next step and how loudly to remind.
Anything not known yet (a record never loaded) counts as not done, so the step shown is at worst one that is already behind the learner — never one
ahead of it.

``read_facts`` gathers the facts from the account's cache (cache lane) and
``fetch_facts`` refreshes them from the platform first (network lane); both answer a
``YearOverview``.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.api_types import Enrollment, Progress
from desktop.models.errors import ApiError, is_session_expired
from desktop.models.learning_cache import fetch_enrollments, get_enrollments, study_year
from desktop.models.watch_journal import fetch_progress, get_progress
from rules.credits import to_tenths
from rules.records import EXPIRED, RECORD_STATES
from rules.years import china_date, credit_requirement

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.credit_records import CreditRecordsYear
    from desktop.models.exams import ExamOverview

log = logging.getLogger(__name__)

#: Days before the deadline from which the page reminds, and reminds strongly.
REMIND_DAYS = 30
URGENT_DAYS = 7

_MET_STATES = frozenset(RECORD_STATES[RECORD_STATES.index("queued") :])


class Step(enum.Enum):
    """The one thing the learner should do next; ``page`` is the shell key that does it."""

    COLLECT_INFO = "collect_info"  # 信息采集
    BUY = "buy"  # 报名购买
    CHOOSE_COURSES = "choose_courses"  # 选课 (of ``YearOverview.enrollment_id``)
    STUDY = "study"  # 听课学习
    TAKE_EXAM = "take_exam"  # 参加公需考试
    AWAIT_REPORT = "await_report"  # 等待学分回传
    EXPIRED = "expired"  # the year closed unmet (过期不办理补学补登)
    DONE = "done"  # 本年度已完成

    @property
    def page(self) -> str | None:
        """The shell page that takes this step (None: nothing left to do)."""
        return _STEP_PAGES.get(self)


_STEP_PAGES = {
    Step.COLLECT_INFO: "profile",
    Step.BUY: "institutions",
    Step.CHOOSE_COURSES: "course_selection",
    Step.STUDY: "study",
    Step.TAKE_EXAM: "exam",
    Step.AWAIT_REPORT: "records",
    Step.EXPIRED: "records",
}


class Reminder(enum.Enum):
    NONE = "none"
    SOON = "soon"  # ≤ 30 days left
    URGENT = "urgent"  # ≤ 7 days left


@dataclass(frozen=True)
class CreditBar:
    """Earned against required, in tenths (the bar is full at ``required``)."""

    earned: int
    required: int

    @property
    def shown(self) -> int:
        return min(self.earned, self.required)


@dataclass(frozen=True)
class YearFacts:
    """What the cache knows of one year; ``None`` where it knows nothing yet."""

    year: int
    profile_collected: bool | None
    enrollments: tuple[Enrollment, ...] | None
    """The year's packages the learner owns."""
    progress: Progress | None
    exam_passed: bool | None
    record_states: dict[str, str] | None
    """``public`` / ``professional`` → ``rules.records`` state."""
    exam_pass_score: int | None = None
    """The pass mark of the year's public exam (the platform's); None while unknown."""


@dataclass(frozen=True)
class YearOverview:
    year: int
    public: CreditBar
    professional: CreditBar
    total: CreditBar
    deadline: dt.datetime
    days_left: int
    """Whole days from today (China time) to the deadline's day; negative once past."""
    step: Step | None
    """None while too little is known to tell (nothing cached yet)."""
    enrollment: Enrollment | None
    """The package to choose courses in, for ``Step.CHOOSE_COURSES``."""
    reminder: Reminder
    exam_pass_score: int | None = None
    """The pass mark of the year's public exam (the platform's), for ``Step.TAKE_EXAM``."""

    @property
    def enrollment_id(self) -> str | None:
        return None if self.enrollment is None else self.enrollment.id


def year_overview(facts: YearFacts, now: dt.datetime) -> YearOverview:
    """The year at a glance (see the module): bars, days left, next step, reminder."""
    need = credit_requirement(facts.year)
    earned = facts.progress.earned_by_type if facts.progress is not None else {}
    public = CreditBar(earned.get("public", 0), to_tenths(need.public_credits))
    professional = CreditBar(earned.get("professional", 0), to_tenths(need.professional_credits))
    total = CreditBar(public.earned + professional.earned, to_tenths(need.total_credits))
    days_left = (need.deadline.date() - china_date(now)).days
    step, enrollment = _next_step(facts, public, professional, now > need.deadline)
    if step is None or step in (Step.DONE, Step.AWAIT_REPORT, Step.EXPIRED):
        reminder = Reminder.NONE
    elif days_left <= URGENT_DAYS:
        reminder = Reminder.URGENT
    elif days_left <= REMIND_DAYS:
        reminder = Reminder.SOON
    else:
        reminder = Reminder.NONE
    return YearOverview(
        year=facts.year,
        public=public,
        professional=professional,
        total=total,
        deadline=need.deadline,
        days_left=days_left,
        step=step,
        enrollment=enrollment,
        reminder=reminder,
        exam_pass_score=facts.exam_pass_score,
    )


def _next_step(
    facts: YearFacts, public: CreditBar, professional: CreditBar, closed: bool
) -> tuple[Step | None, Enrollment | None]:
    """In the order of the flow; the public course's exam comes before the professional
    study that may still be left, since the exam is open as soon as the public part is."""
    states = facts.record_states or {}
    if states and all(states.get(kind) == "confirmed" for kind in ("public", "professional")):
        return Step.DONE, None
    public_studied = public.earned >= public.required
    professional_met = states.get("professional") in _MET_STATES or (
        professional.earned >= professional.required
    )
    exam_passed = bool(facts.exam_passed) or states.get("public") in _MET_STATES
    if professional_met and public_studied and exam_passed:
        return Step.AWAIT_REPORT, None
    if closed or EXPIRED in states.values():
        return Step.EXPIRED, None
    if facts.profile_collected is None:
        return None, None
    if not facts.profile_collected:
        return Step.COLLECT_INFO, None
    if facts.enrollments is None:
        return None, None
    owned = {e.course_type for e in facts.enrollments}
    if not {"public", "professional"} <= owned:
        return Step.BUY, None
    short = _short_of_selection(facts.enrollments)
    if short is not None:
        return Step.CHOOSE_COURSES, short
    if not public_studied:
        return Step.STUDY, None
    if not exam_passed:
        return Step.TAKE_EXAM, None
    return Step.STUDY, None


def _short_of_selection(enrollments: Iterable[Enrollment]) -> Enrollment | None:
    """The first open package (professional first) whose selection is short of its credits."""
    order = {"professional": 0, "public": 1}
    for enrollment in sorted(enrollments, key=lambda e: order.get(e.course_type, 2)):
        if not enrollment.closed and not enrollment.requirement_met:
            return enrollment
    return None


# -- from the cache and the platform -------------------------------------------------------


def overview_year(server_time: str, enrollments: list[Enrollment] | None, now: dt.datetime) -> int:
    """The platform clock's year; offline before any clock reading, the newest owned year."""
    return study_year(server_time, enrollments or [], china_date(now))


def read_facts(cache: Cache, server_time: str, now: dt.datetime) -> YearOverview:
    """The overview of the current year from the cache alone (cache lane; works offline)."""
    from desktop.models.credit_records import get_credit_records
    from desktop.models.exam_cache import get_exam_overview

    me = cache.get_me()
    all_enrollments = get_enrollments(cache)
    year = overview_year(server_time, all_enrollments, now)
    exams = get_exam_overview(cache, year)
    facts = YearFacts(
        year=year,
        profile_collected=None if me is None else me.profile_status == "collected",
        enrollments=None
        if all_enrollments is None
        else tuple(e for e in all_enrollments if e.year == year),
        progress=get_progress(cache, year),
        exam_passed=_exam_passed(exams),
        record_states=_record_states(get_credit_records(cache, year)),
        exam_pass_score=_exam_pass_score(exams),
    )
    return year_overview(facts, now)


def fetch_facts(api: ApiClient, cache: Cache, server_time: str, now: dt.datetime) -> YearOverview:
    """Ask the platform for what the overview needs, store it in the cache, then read it
    (network lane).  The exam and the credit records are fetched by their own modules.

    The account is read too: info collection submitted elsewhere names ``profile`` in the
    change feed, not ``me``, and the first step depends on it.
    """
    from desktop.models.credit_records import fetch_credit_records
    from desktop.models.exam_cache import fetch_exam_overview

    cache.put_me(api.me())
    enrollments = fetch_enrollments(api, cache)
    year = overview_year(server_time, enrollments, now)
    if any(e.year == year for e in enrollments):
        fetch_progress(api, cache, year)
        for fetch in (fetch_exam_overview, fetch_credit_records):
            try:
                fetch(api, cache, year)
            except ApiError as exc:  # that part's page says why; here it is "not known"
                if is_session_expired(exc):
                    raise
                log.info("%s refused: %s", fetch.__name__, exc.code)
    return read_facts(cache, server_time, now)


def _exam_passed(overview: ExamOverview | None) -> bool | None:
    """Passed when the year's overview counts a pass or any of its exams is passed."""
    if overview is None:
        return None
    return overview.exams_passed > 0 or any(exam.passed for exam in overview.items)


def _exam_pass_score(overview: ExamOverview | None) -> int | None:
    """The year's exam mark when its papers agree on one (there is one public paper)."""
    marks = {exam.pass_score for exam in overview.items} if overview is not None else set()
    return marks.pop() if len(marks) == 1 else None


def _record_states(records: CreditRecordsYear | None) -> dict[str, str] | None:
    """``course_type`` → ``state`` of the year's two credit records."""
    if records is None:
        return None
    return {record.course_type: record.state for record in records.items}
