"""选课 (docs/api.md, issue 4): enrollments, their catalogs, selections and 一键选课.

The rules are the shared ones of ``rules.selection``; the platform decides with what only
it knows (watched time, the deadline by its clock).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.selection import CLOSED_MESSAGE, auto_select, deselect_problem
from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import AutoSelectOut, CatalogOut, EnrollmentsOut, SelectionOut
from server.changes import record_change
from server.enrollments import CourseState, catalog, enrollment_out, enrollments_out, is_closed
from server.errors import ApiError
from server.models import Enrollment, Package, Selection

router = APIRouter(tags=["learning"])

_SELECTION_REFUSALS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown (or another learner's) enrollment or course"},
    409: {"description": "course_required / course_watched"},
    422: {"description": "selection_closed"},
}


@router.get("/enrollments", response_model=EnrollmentsOut)
def list_enrollments(
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> dict[str, Any]:
    """The packages the learner owns (of *year*), oldest first."""
    query = (
        select(Enrollment)
        .join(Package, Package.id == Enrollment.package_id)
        .where(Enrollment.account_id == caller.account.id)
        .order_by(Package.year.desc(), Enrollment.created_at, Package.course_type)
    )
    if year is not None:
        query = query.where(Package.year == year)
    return {"items": enrollments_out(db, db.scalars(query).all(), clock.now())}


def _own_enrollment(db: Session, account_id: str, enrollment_id: str) -> Enrollment:
    enrollment = db.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.account_id != account_id:
        raise ApiError(404, "not_found", "没有这个已购课程包")
    return enrollment


def _open_enrollment(
    db: Session, account_id: str, enrollment_id: str, now: dt.datetime
) -> Enrollment:
    """The caller's enrollment, refused once its package closed (no more choosing)."""
    enrollment = _own_enrollment(db, account_id, enrollment_id)
    package = db.get(Package, enrollment.package_id)
    assert package is not None
    if is_closed(package, now):
        raise ApiError(422, "selection_closed", CLOSED_MESSAGE)
    return enrollment


def _catalog_out(db: Session, enrollment: Enrollment, now: dt.datetime) -> dict[str, Any]:
    return {
        "items": [state.out() for state in catalog(db, enrollment)],
        "enrollment": enrollment_out(db, enrollment, now),
    }


@router.get("/enrollments/{enrollment_id}/courses", response_model=CatalogOut)
def courses(enrollment_id: str, caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """The catalog in order (category, then position) with the learner's selection."""
    enrollment = _own_enrollment(db, caller.account.id, enrollment_id)
    return _catalog_out(db, enrollment, clock.now())


def _course_state(db: Session, enrollment: Enrollment, course_id: str) -> CourseState:
    for state in catalog(db, enrollment):
        if state.course.id == course_id:
            return state
    raise ApiError(404, "not_found", "该课程不在此课程包中")


def _selection_out(
    db: Session, enrollment: Enrollment, course_id: str, now: dt.datetime
) -> dict[str, Any]:
    return {
        "course": _course_state(db, enrollment, course_id).out(),
        "enrollment": enrollment_out(db, enrollment, now),
    }


@router.put(
    "/enrollments/{enrollment_id}/selections/{course_id}",
    response_model=SelectionOut,
    responses=_SELECTION_REFUSALS,
)
def select_course(
    enrollment_id: str, course_id: str, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """请选择: add a course to the selection (already selected: nothing changes)."""
    now = clock.now()
    enrollment = _open_enrollment(db, caller.account.id, enrollment_id, now)
    state = _course_state(db, enrollment, course_id)
    if not state.selected:
        db.add(Selection(enrollment_id=enrollment.id, course_id=course_id, selected_at=now))
        record_change(db, caller.account.id, "enrollment", enrollment.id, now)
        db.commit()
    return _selection_out(db, enrollment, course_id, now)


@router.delete(
    "/enrollments/{enrollment_id}/selections/{course_id}",
    response_model=SelectionOut,
    responses=_SELECTION_REFUSALS,
)
def deselect_course(
    enrollment_id: str, course_id: str, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """取消选择: only unwatched, never required courses (not selected: nothing changes)."""
    now = clock.now()
    enrollment = _open_enrollment(db, caller.account.id, enrollment_id, now)
    state = _course_state(db, enrollment, course_id)
    if state.selected:
        problem = deselect_problem(required=state.course.required, watched_ms=state.watched_ms)
        if problem is not None:
            code = "course_required" if state.course.required else "course_watched"
            raise ApiError(409, code, problem)
        selection = db.get(Selection, (enrollment.id, course_id))
        db.delete(selection)
        record_change(db, caller.account.id, "enrollment", enrollment.id, now)
        db.commit()
    return _selection_out(db, enrollment, course_id, now)


@router.post(
    "/enrollments/{enrollment_id}/auto-select",
    response_model=AutoSelectOut,
    responses={404: _SELECTION_REFUSALS[404], 422: _SELECTION_REFUSALS[422]},
)
def auto_select_courses(
    enrollment_id: str, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """一键选课: keep what is selected and add the smallest overshoot to the requirement."""
    now = clock.now()
    enrollment = _open_enrollment(db, caller.account.id, enrollment_id, now)
    package = db.get(Package, enrollment.package_id)
    assert package is not None
    states = catalog(db, enrollment)
    selected_tenths = sum(s.course.credits_tenths for s in states if s.selected)
    candidates = [(s.course.id, s.course.credits_tenths) for s in states if not s.selected]
    added = auto_select(candidates, selected_tenths, package.credits_tenths)
    for course_id in added:
        db.add(Selection(enrollment_id=enrollment.id, course_id=course_id, selected_at=now))
    if added:
        record_change(db, caller.account.id, "enrollment", enrollment.id, now)
        db.commit()
    return {"added": added, **_catalog_out(db, enrollment, now)}
