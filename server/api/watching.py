"""Watch time (docs/api.md, issue 5): ``POST /watch-events`` and ``GET /progress``.

The judging lives in ``server.watch``; here the batch is ordered, retried ids answered
with their first outcome, and the year's progress assembled.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.years import credit_requirement
from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import ProgressOut, WatchEventsIn, WatchEventsOut
from server.db import lock_until_commit
from server.models import Course, CourseProgress, Enrollment, Package, Selection
from server.reporting import note_courses_progress
from server.watch import REFUSALS, Judge, ReportedEvent, course_progress_out

router = APIRouter(tags=["player"])


@router.post("/watch-events", response_model=WatchEventsOut)
def watch_events(body: WatchEventsIn, caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """Judge a batch in ``started_at`` order; each id is applied at most once.

    Two pushes of one learner racing (the timer and the window closing, two devices) wait
    for each other on the learner's lock; should one still fail on the database's write lock
    or an event id, it judges again and then sees the other's outcomes, so the answer stays
    the same and nothing counts twice.
    """
    events = sorted(
        (ReportedEvent(**item.model_dump()) for item in body.events), key=lambda e: e.started_at
    )
    account_id = caller.account.id
    for attempt in range(_ATTEMPTS):
        try:
            return _judge_batch(db, account_id, clock.now(), events)
        except (IntegrityError, OperationalError):
            db.rollback()
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


_ATTEMPTS = 3


def _judge_batch(
    db: Session, account_id: str, now: dt.datetime, events: list[ReportedEvent]
) -> dict[str, Any]:
    # The learner's batches are judged one after the other, on both databases: each reads
    # the credit ledger and the chapters' intervals that the other would change.  The lock
    # comes before any of those reads.
    lock_until_commit(db, "watch", account_id)
    judge = Judge(db, account_id, now, events)
    accepted: list[str] = []
    refused: list[dict[str, str]] = []
    trimmed: list[dict[str, Any]] = []
    for item in events:
        outcome = judge.judge(item)
        code = outcome.code
        if outcome.credited_ms is None:
            assert code is not None
            refused.append({"id": item.id, "code": code, "message": REFUSALS[code]})
            continue
        accepted.append(item.id)
        if code is not None:
            trimmed.append(
                {
                    "id": item.id,
                    "code": code,
                    "message": REFUSALS[code],
                    "credited_ms": outcome.credited_ms,
                }
            )
    judge.finish()
    progress = judge.progress_out()
    # Credits come from completed courses, so only a batch that completed one can meet a
    # year's requirement; the others skip the check (a quarter of a batch's queries).
    note_courses_progress(db, account_id, judge.completed_courses, now)
    db.commit()
    return {"accepted": accepted, "refused": refused, "trimmed": trimmed, "progress": progress}


@router.get("/progress", response_model=ProgressOut)
def progress(
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> dict[str, Any]:
    """Per selected course and chapter of the year's enrollments, and the year's credits."""
    year = year if year is not None else clock.now().year
    account_id = caller.account.id
    rows = db.execute(
        select(Course, Enrollment.id, Package.course_type)
        .join(Selection, Selection.course_id == Course.id)
        .join(Enrollment, Enrollment.id == Selection.enrollment_id)
        .join(Package, Package.id == Enrollment.package_id)
        .where(Enrollment.account_id == account_id, Package.year == year)
        .order_by(Package.course_type, Course.position)
    ).tuples()
    completed = set(
        db.scalars(
            select(CourseProgress.course_id).where(
                CourseProgress.account_id == account_id, CourseProgress.completed_at.is_not(None)
            )
        )
    )
    earned = {"public": 0, "professional": 0}
    courses = []
    for course, enrollment_id, course_type in rows:
        courses.append(course_progress_out(db, account_id, course, enrollment_id, course_type))
        if course.id in completed:
            earned[course_type] += course.credits_tenths
    requirement = credit_requirement(year)
    return {
        "year": year,
        "required_credits": float(requirement.total_credits),
        "earned_credits": from_tenths(earned["public"] + earned["professional"]),
        "public": {
            "required_credits": float(requirement.public_credits),
            "earned_credits": from_tenths(earned["public"]),
        },
        "professional": {
            "required_credits": float(requirement.professional_credits),
            "earned_credits": from_tenths(earned["professional"]),
        },
        "courses": courses,
    }
