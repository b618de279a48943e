"""Enrollments (a paid package) and their catalogs with the learner's selection.

Shared by the purchase (which creates enrollments) and the learning endpoints (which
show and change the selection), so that both answer the same ``<Enrollment>``/``<Course>``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.selection import deselect_problem
from server.api.schemas import iso
from server.changes import record_change
from server.models import Course, CourseProgress, Enrollment, Institution, Package, Selection


def is_closed(package: Package, now: dt.datetime) -> bool:
    """A package closes at its ``closes_at`` (the year's deadline): no buying, no choosing."""
    return now > package.closes_at


def enroll(
    db: Session, account_id: str, package: Package, order_id: str, now: dt.datetime
) -> Enrollment | None:
    """The enrollment of a paid package, every required course selected; None if owned."""
    owned = db.scalar(
        select(Enrollment).where(
            Enrollment.account_id == account_id, Enrollment.package_id == package.id
        )
    )
    if owned is not None:
        return None
    enrollment = Enrollment(
        account_id=account_id, package_id=package.id, order_id=order_id, created_at=now
    )
    db.add(enrollment)
    db.flush()
    required = db.scalars(
        select(Course.id).where(Course.package_id == package.id, Course.required.is_(True))
    ).all()
    for course_id in required:
        db.add(Selection(enrollment_id=enrollment.id, course_id=course_id, selected_at=now))
    record_change(db, account_id, "enrollment", enrollment.id, now)
    return enrollment


def enrollments_out(
    db: Session, enrollments: Sequence[Enrollment], now: dt.datetime
) -> list[dict[str, Any]]:
    """``<Enrollment>`` of each, with the credits and count of its selected courses."""
    if not enrollments:
        return []
    ids = [e.id for e in enrollments]
    totals = {
        enrollment_id: (int(tenths or 0), int(count))
        for enrollment_id, tenths, count in db.execute(
            select(Selection.enrollment_id, func.sum(Course.credits_tenths), func.count())
            .join(Course, Course.id == Selection.course_id)
            .where(Selection.enrollment_id.in_(ids))
            .group_by(Selection.enrollment_id)
        )
    }
    package_ids = {e.package_id for e in enrollments}
    packages = {
        p.id: (p, name)
        for p, name in db.execute(
            select(Package, Institution.name)
            .join(Institution, Institution.id == Package.institution_id)
            .where(Package.id.in_(package_ids))
        )
        .tuples()
        .all()
    }
    out = []
    for enrollment in enrollments:
        package, institution_name = packages[enrollment.package_id]
        tenths, count = totals.get(enrollment.id, (0, 0))
        out.append(
            {
                "id": enrollment.id,
                "package_id": package.id,
                "title": package.title,
                "institution_id": package.institution_id,
                "institution_name": institution_name,
                "year": package.year,
                "course_type": package.course_type,
                "required_credits": from_tenths(package.credits_tenths),
                "selected_credits": from_tenths(tenths),
                "selected_count": count,
                "closes_at": iso(package.closes_at),
                "closed": is_closed(package, now),
                "order_id": enrollment.order_id,
                "created_at": iso(enrollment.created_at),
            }
        )
    return out


def enrollment_out(db: Session, enrollment: Enrollment, now: dt.datetime) -> dict[str, Any]:
    return enrollments_out(db, [enrollment], now)[0]


@dataclass(frozen=True)
class CourseState:
    """A catalog course as one learner sees it in one enrollment."""

    course: Course
    selected: bool
    watched_ms: int

    def out(self) -> dict[str, Any]:
        course = self.course
        problem = (
            deselect_problem(required=course.required, watched_ms=self.watched_ms)
            if self.selected
            else None
        )
        return {
            "id": course.id,
            "category": course.category,
            "title": course.title,
            "teacher": course.teacher,
            "credits": from_tenths(course.credits_tenths),
            "duration_ms": course.duration_ms,
            "required": course.required,
            "selected": self.selected,
            "watched_ms": self.watched_ms,
            "trial_available": course.trial_available,
            "deselect_problem": problem,
        }


def catalog(db: Session, enrollment: Enrollment) -> list[CourseState]:
    """The package's courses in catalog order: categories as they first appear, then position."""
    courses = db.scalars(
        select(Course).where(Course.package_id == enrollment.package_id).order_by(Course.position)
    ).all()
    selected = set(
        db.scalars(select(Selection.course_id).where(Selection.enrollment_id == enrollment.id))
    )
    watched = dict(
        db.execute(
            select(CourseProgress.course_id, CourseProgress.watched_ms)
            .join(Course, Course.id == CourseProgress.course_id)
            .where(
                CourseProgress.account_id == enrollment.account_id,
                Course.package_id == enrollment.package_id,
            )
        )
        .tuples()
        .all()
    )
    first_seen: dict[str, int] = {}
    for course in courses:
        first_seen.setdefault(course.category, course.position)
    ordered = sorted(courses, key=lambda c: (first_seen[c.category], c.position))
    return [CourseState(c, c.id in selected, int(watched.get(c.id, 0))) for c in ordered]
