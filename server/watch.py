"""Watch time (SPEC §2): judge reported intervals, keep the union of accepted ones, report progress.

The client reports facts; the platform decides what counts with the shared tolerances of
``rules.watch``.  Every event is stored with its outcome, so a retried id answers the same
and changes nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.watch import (
    FUTURE_TOLERANCE_MS,
    OVERLAP_TOLERANCE_MS,
    RATE_TOLERANCE_MS,
    Interval,
    WatchPolicy,
    chapter_complete,
    covered_ms,
    furthest_ms,
    merge_intervals,
)
from server.api.schemas import iso
from server.changes import record_change
from server.enrollments import is_closed
from server.models import (
    Chapter,
    ChapterProgress,
    Course,
    CourseProgress,
    Enrollment,
    Package,
    Selection,
    WatchEvent,
)

#: Chinese messages of the refusal codes (docs/api.md, ``POST /watch-events``).
REFUSALS: dict[str, str] = {
    "interval_invalid": "学习记录的时间段无效",
    "chapter_unknown": "没有这个章节",
    "rate_exceeded": "播放速度超过允许的倍速，不计学时",
    "in_future": "学习记录的时间晚于当前时间，请检查电脑时钟",
    "before_purchase": "学习记录早于购买课程的时间",
    "not_selected": "尚未选择该课程",
    "enrollment_closed": "该课程包已截止，不再计入学时",
    "overlap": "正在其他设备学习，同一时间只计一处学时",
    "id_taken": "学习记录编号重复",
}

COURSE_POLICY = WatchPolicy()
"""Every demo course publishes the default policy; a per-course policy is a later import."""


def policy_for(_course: Course) -> WatchPolicy:
    return COURSE_POLICY


@dataclass(frozen=True)
class Access:
    """The learner's paid enrollment holding a course, and whether the course is selected."""

    enrollment: Enrollment
    package: Package
    selected: bool


def course_access(db: Session, account_id: str, course: Course) -> Access | None:
    """The caller's enrollment of the course's package (None: not bought)."""
    row = db.execute(
        select(Enrollment, Package)
        .join(Package, Package.id == Enrollment.package_id)
        .where(Enrollment.account_id == account_id, Enrollment.package_id == course.package_id)
    ).first()
    if row is None:
        return None
    enrollment, package = row.tuple()
    selected = db.get(Selection, (enrollment.id, course.id)) is not None
    return Access(enrollment, package, selected)


def may_watch(access: Access | None, now: dt.datetime) -> bool:
    """Media and handouts: the course selected in a paid enrollment that is not closed."""
    return access is not None and access.selected and not is_closed(access.package, now)


@dataclass(frozen=True)
class ReportedEvent:
    """One event of a ``POST /watch-events`` batch, as sent."""

    id: str
    chapter_id: str
    from_ms: int
    to_ms: int
    started_at: dt.datetime
    ended_at: dt.datetime
    rate: float
    app_version: str


def _ms(delta: dt.timedelta) -> float:
    return delta.total_seconds() * 1000


@dataclass
class _Target:
    """What judging an event on one chapter needs, looked up once per batch."""

    chapter: Chapter
    course: Course
    policy: WatchPolicy
    access: Access | None


class _AcceptedSpans:
    """The learner's accepted wall-clock spans near a batch, for the overlap check in memory.

    Sorted by start; a span can only reach an event if it starts less than the longest
    span's length before it, so each check looks at a few neighbours.
    """

    def __init__(self, spans: list[tuple[dt.datetime, dt.datetime]]) -> None:
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.longest = max((b - a for a, b in spans), default=dt.timedelta(0))

    def overlaps(self, start: dt.datetime, end: dt.datetime, tolerance: dt.timedelta) -> bool:
        first = bisect.bisect_left(self.starts, start + tolerance - self.longest)
        last = bisect.bisect_left(self.starts, end - tolerance)
        return any(self.ends[i] > start + tolerance for i in range(first, last))

    def add(self, start: dt.datetime, end: dt.datetime) -> None:
        index = bisect.bisect_right(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)
        self.longest = max(self.longest, end - start)


class Judge:
    """Judges one learner's batch in ``started_at`` order and applies the accepted events.

    Everything a batch needs is loaded once (known ids, chapters and access, the accepted
    spans around it), so a batch of a thousand events costs a handful of queries.
    """

    def __init__(
        self, db: Session, account_id: str, now: dt.datetime, events: list[ReportedEvent]
    ) -> None:
        self.db = db
        self.account_id = account_id
        self.now = now
        self.tolerance = dt.timedelta(milliseconds=OVERLAP_TOLERANCE_MS)
        ids = list({event.id for event in events})
        self.known: dict[str, str | None] = {}
        for chunk in range(0, len(ids), 500):
            for event_id, owner, code in db.execute(
                select(WatchEvent.id, WatchEvent.account_id, WatchEvent.code).where(
                    WatchEvent.id.in_(ids[chunk : chunk + 500])
                )
            ).tuples():
                self.known[event_id] = code if owner == account_id else "id_taken"
        self.targets: dict[str, _Target | None] = {}
        self.accepted = self._accepted_spans(events)
        self.coverage: dict[str, ChapterProgress] = {}
        self.touched_courses: set[str] = set()
        #: Courses this batch completed: only they can meet a year's requirement.
        self.completed_courses: set[str] = set()

    def _accepted_spans(self, events: list[ReportedEvent]) -> _AcceptedSpans:
        if not events:
            return _AcceptedSpans([])
        earliest = min(event.started_at for event in events) - self.tolerance
        latest = max(event.ended_at for event in events) + self.tolerance
        rows = self.db.execute(
            select(WatchEvent.started_at, WatchEvent.ended_at).where(
                WatchEvent.account_id == self.account_id,
                WatchEvent.outcome == "accepted",
                WatchEvent.started_at < latest,
                WatchEvent.ended_at > earliest,
            )
        ).tuples()
        return _AcceptedSpans(list(rows))

    def _target(self, chapter_id: str) -> _Target | None:
        if chapter_id not in self.targets:
            chapter = self.db.get(Chapter, chapter_id)
            course = self.db.get(Course, chapter.course_id) if chapter else None
            self.targets[chapter_id] = (
                _Target(
                    chapter,
                    course,
                    policy_for(course),
                    course_access(self.db, self.account_id, course),
                )
                if chapter is not None and course is not None
                else None
            )
        return self.targets[chapter_id]

    def refusal(self, event: ReportedEvent) -> str | None:
        """The refusal code of *event*, or None to accept it."""
        if event.to_ms <= event.from_ms or event.from_ms < 0 or event.ended_at < event.started_at:
            return "interval_invalid"
        target = self._target(event.chapter_id)
        if target is None:
            return "chapter_unknown"
        if event.to_ms > target.chapter.duration_ms + 1_000:
            return "interval_invalid"
        max_rate = target.policy.max_credited_rate
        wall_ms = _ms(event.ended_at - event.started_at)
        played_ms = event.to_ms - event.from_ms
        if event.rate > max_rate or played_ms > wall_ms * max_rate + RATE_TOLERANCE_MS:
            return "rate_exceeded"
        if _ms(event.ended_at - self.now) > FUTURE_TOLERANCE_MS:
            return "in_future"
        access = target.access
        if access is None:
            return "not_selected"
        if event.started_at < access.enrollment.created_at:
            return "before_purchase"
        if not access.selected:
            return "not_selected"
        if event.ended_at > access.package.closes_at:
            return "enrollment_closed"
        if self.accepted.overlaps(event.started_at, event.ended_at, self.tolerance):
            return "overlap"
        return None

    def judge(self, event: ReportedEvent) -> str | None:
        """The outcome of *event*: its first one if the id was seen, else judged and stored.

        An accepted event is applied to the coverage.
        """
        if event.id in self.known:
            return self.known[event.id]
        code = self.refusal(event)
        self.known[event.id] = code
        self.db.add(
            WatchEvent(
                id=event.id,
                account_id=self.account_id,
                chapter_id=event.chapter_id,
                from_ms=event.from_ms,
                to_ms=event.to_ms,
                started_at=event.started_at,
                ended_at=event.ended_at,
                rate=event.rate,
                app_version=event.app_version,
                outcome="refused" if code else "accepted",
                code=code,
                received_at=self.now,
            )
        )
        if code is None:
            self.accepted.add(event.started_at, event.ended_at)
            self._apply(event)
        return code

    def _progress(self, chapter_id: str) -> ChapterProgress:
        progress = self.coverage.get(chapter_id)
        if progress is None:
            progress = self.db.get(ChapterProgress, (self.account_id, chapter_id))
            if progress is None:
                progress = ChapterProgress(
                    account_id=self.account_id,
                    chapter_id=chapter_id,
                    intervals="[]",
                    watched_ms=0,
                    furthest_ms=0,
                    last_position_ms=0,
                    updated_at=self.now,
                )
                self.db.add(progress)
            self.coverage[chapter_id] = progress
        return progress

    def _apply(self, event: ReportedEvent) -> None:
        target = self._target(event.chapter_id)
        assert target is not None
        chapter = target.chapter
        progress = self._progress(chapter.id)
        intervals = merge_intervals(
            [*load_intervals(progress.intervals), (event.from_ms, event.to_ms)]
        )
        progress.intervals = json.dumps(intervals)
        progress.watched_ms = covered_ms(intervals)
        progress.furthest_ms = furthest_ms(intervals)
        if progress.last_event_end is None or event.ended_at >= progress.last_event_end:
            progress.last_event_end = event.ended_at
            progress.last_position_ms = event.to_ms
        tolerance = target.policy.completion_tolerance_ms
        if progress.completed_at is None and chapter_complete(
            intervals, chapter.duration_ms, tolerance
        ):
            progress.completed_at = min(event.ended_at, self.now)
        progress.updated_at = self.now
        self.touched_courses.add(chapter.course_id)

    def finish(self) -> None:
        """Bring the touched courses' progress up to date and announce it."""
        self.db.flush()
        for course_id in sorted(self.touched_courses):
            if update_course_progress(self.db, self.account_id, course_id, self.now):
                self.completed_courses.add(course_id)
            record_change(self.db, self.account_id, "progress", course_id, self.now)


def load_intervals(text: str) -> list[Interval]:
    return [(int(a), int(b)) for a, b in json.loads(text or "[]")]


def update_course_progress(db: Session, account_id: str, course_id: str, now: dt.datetime) -> bool:
    """``course_progress``: the sum over the chapters, complete when every chapter is.

    True when this update completed the course.
    """
    chapter_ids = list(db.scalars(select(Chapter.id).where(Chapter.course_id == course_id)))
    rows = db.scalars(
        select(ChapterProgress).where(
            ChapterProgress.account_id == account_id, ChapterProgress.chapter_id.in_(chapter_ids)
        )
    ).all()
    completions = [row.completed_at for row in rows if row.completed_at is not None]
    progress = db.get(CourseProgress, (account_id, course_id))
    if progress is None:
        progress = CourseProgress(account_id=account_id, course_id=course_id, updated_at=now)
        db.add(progress)
    progress.watched_ms = sum(row.watched_ms for row in rows)
    completes = (
        progress.completed_at is None and bool(chapter_ids) and len(completions) == len(chapter_ids)
    )
    if completes:
        progress.completed_at = max(completions)
    progress.updated_at = now
    return completes


# --- GET /progress ----------------------------------------------------------------------


def percent(watched_ms: int, duration_ms: int, complete: bool) -> float:
    """Share watched, one decimal; a complete chapter or course shows 100."""
    if complete:
        return 100.0
    if duration_ms <= 0:
        return 0.0
    return min(99.9, round(watched_ms * 100 / duration_ms, 1))


def chapter_progress_out(chapter: Chapter, progress: ChapterProgress | None) -> dict[str, Any]:
    intervals = load_intervals(progress.intervals) if progress else []
    watched = progress.watched_ms if progress else 0
    complete = progress is not None and progress.completed_at is not None
    return {
        "chapter_id": chapter.id,
        "title": chapter.title,
        "duration_ms": chapter.duration_ms,
        "watched_ms": watched,
        "furthest_ms": progress.furthest_ms if progress else 0,
        "last_position_ms": progress.last_position_ms if progress else 0,
        "percent": percent(watched, chapter.duration_ms, complete),
        "completed": complete,
        "intervals": [list(span) for span in intervals],
    }


def status(watched_ms: int, completed: bool) -> str:
    if completed:
        return "completed"
    return "in_progress" if watched_ms > 0 else "not_started"


def course_progress_out(
    db: Session, account_id: str, course: Course, enrollment_id: str, course_type: str
) -> dict[str, Any]:
    chapters = db.scalars(
        select(Chapter).where(Chapter.course_id == course.id).order_by(Chapter.position)
    ).all()
    rows = {
        row.chapter_id: row
        for row in db.scalars(
            select(ChapterProgress).where(
                ChapterProgress.account_id == account_id,
                ChapterProgress.chapter_id.in_([c.id for c in chapters]),
            )
        )
    }
    progress = db.get(CourseProgress, (account_id, course.id))
    watched = progress.watched_ms if progress else 0
    completed_at = progress.completed_at if progress else None
    return {
        "course_id": course.id,
        "enrollment_id": enrollment_id,
        "course_type": course_type,
        "title": course.title,
        "teacher": course.teacher,
        "credits": from_tenths(course.credits_tenths),
        "duration_ms": course.duration_ms,
        "watched_ms": watched,
        "percent": percent(watched, course.duration_ms, completed_at is not None),
        "status": status(watched, completed_at is not None),
        "completed_at": iso(completed_at) if completed_at else None,
        "chapters": [chapter_progress_out(c, rows.get(c.id)) for c in chapters],
    }


def earned_tenths(db: Session, account_id: str, year: int, course_type: str) -> int:
    """Credits of the completed selected courses of the year's enrollments of *course_type*."""
    total = db.scalar(
        select(func.sum(Course.credits_tenths))
        .join(Selection, Selection.course_id == Course.id)
        .join(Enrollment, Enrollment.id == Selection.enrollment_id)
        .join(Package, Package.id == Enrollment.package_id)
        .join(
            CourseProgress,
            (CourseProgress.course_id == Course.id) & (CourseProgress.account_id == account_id),
        )
        .where(
            Enrollment.account_id == account_id,
            Package.year == year,
            Package.course_type == course_type,
            CourseProgress.completed_at.is_not(None),
        )
    )
    return int(total or 0)
