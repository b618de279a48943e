"""Watch time (SPEC §2): judge reported intervals, keep the union of accepted ones, report progress.

The client reports facts; the platform decides what counts with the shared tolerances of
``rules.watch``.  An event that passes the checks of its own is credited by the learner's
credit ledger (``server.credit_ledger``) for wall-clock time not credited yet, so that no
pile of events, batches, chapters or devices earns more than real time and one tolerance.
Every event is stored with its outcome, so a retried id answers the same and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.watch import (
    CREDIT_TOLERANCE_MS,
    EARLIEST_WATCH_YEAR,
    FUTURE_TOLERANCE_MS,
    LATEST_AHEAD_MS,
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
from server.credit_ledger import CreditLedger, WallSpan, borrow_us, exact_rate, from_us, to_us
from server.enrollments import is_closed
from server.models import (
    Chapter,
    ChapterProgress,
    Course,
    CourseProgress,
    CreditSpan,
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
    "overlap": "正在其他设备学习，同一时间只计一处学时；如果没有，请检查电脑时间是否被调整过",
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


@dataclass(frozen=True)
class Outcome:
    """What became of one event: stored with it, answered again for a retried id.

    ``credited_ms`` is None when refused; an accepted event credited for less than its
    interval keeps the reason in ``code`` ("trimmed" in the answer).
    """

    code: str | None
    credited_ms: int | None
    chapter_id: str

    @property
    def accepted(self) -> bool:
        return self.credited_ms is not None


_ID_TAKEN = Outcome("id_taken", None, "")


def _ms(delta: dt.timedelta) -> float:
    return delta.total_seconds() * 1000


@dataclass
class _Target:
    """What judging an event on one chapter needs, looked up once per batch."""

    chapter: Chapter
    course: Course
    policy: WatchPolicy
    access: Access | None


class Judge:
    """Judges one learner's batch in ``started_at`` order and applies the accepted events.

    Everything a batch needs is loaded once (known ids, chapters and access, the credit
    ledger around the batch's wall-clock span), so a batch of a thousand events costs a
    handful of queries.  The caller holds the learner's lock (``lock_until_commit``) from
    before these reads until the commit, so batches of one learner are judged one after
    the other and each sees the ledger the previous one left.
    """

    def __init__(
        self, db: Session, account_id: str, now: dt.datetime, events: list[ReportedEvent]
    ) -> None:
        self.db = db
        self.account_id = account_id
        self.now = now
        self.earliest = dt.datetime(EARLIEST_WATCH_YEAR, 1, 1, tzinfo=dt.UTC)
        self.latest = now + dt.timedelta(milliseconds=LATEST_AHEAD_MS)
        self.known = self._known_outcomes(events)
        self.targets: dict[str, _Target | None] = {}
        fresh = [e for e in events if e.id not in self.known and self._sane(e)]
        for chapter_id in sorted({event.chapter_id for event in fresh}):
            self._target(chapter_id)
        self.ledger, self._loaded = self._load_ledger(fresh)
        self.coverage: dict[str, ChapterProgress] = {}
        self.touched_courses: set[str] = set()
        #: Chapters of the batch's accepted events (new or retried): the answer's progress.
        self.touched_chapters: set[str] = set()
        #: Courses this batch completed: only they can meet a year's requirement.
        self.completed_courses: set[str] = set()

    def _known_outcomes(self, events: list[ReportedEvent]) -> dict[str, Outcome]:
        ids = list({event.id for event in events})
        known: dict[str, Outcome] = {}
        for chunk in range(0, len(ids), 500):
            rows = self.db.execute(
                select(
                    WatchEvent.id,
                    WatchEvent.account_id,
                    WatchEvent.outcome,
                    WatchEvent.code,
                    WatchEvent.credited_ms,
                    WatchEvent.to_ms - WatchEvent.from_ms,
                    WatchEvent.chapter_id,
                ).where(WatchEvent.id.in_(ids[chunk : chunk + 500]))
            ).tuples()
            for event_id, owner, outcome, code, credited_ms, played_ms, chapter_id in rows:
                if owner != self.account_id:
                    known[event_id] = _ID_TAKEN
                elif outcome == "accepted":
                    credited = played_ms if credited_ms is None else credited_ms
                    known[event_id] = Outcome(code, credited, chapter_id)
                else:
                    known[event_id] = Outcome(code or "interval_invalid", None, chapter_id)
        return known

    def _sane(self, event: ReportedEvent) -> bool:
        """Wall-clock times a lecture can have been watched at (not year 1, not 9999)."""
        return self.earliest <= event.started_at and event.ended_at <= self.latest

    def _reach(self) -> dt.timedelta:
        """How far outside its span an event of this batch may claim (the widest policy)."""
        rates = [t.policy.max_credited_rate for t in self.targets.values() if t is not None]
        widest = max(
            (borrow_us(CREDIT_TOLERANCE_MS, exact_rate(rate)) for rate in rates if rate > 0),
            default=0,
        )
        return dt.timedelta(microseconds=widest)

    def _load_ledger(self, events: list[ReportedEvent]) -> tuple[CreditLedger, set[WallSpan]]:
        """The learner's credited spans that the batch's claims can reach or touch."""
        if not events:
            return CreditLedger(), set()
        reach = self._reach()
        lowest = min(event.started_at for event in events) - reach
        highest = max(event.ended_at for event in events) + reach
        rows = self.db.execute(
            select(CreditSpan.started_at, CreditSpan.ended_at).where(
                CreditSpan.account_id == self.account_id,
                CreditSpan.ended_at >= lowest,
                CreditSpan.started_at <= highest,
            )
        ).tuples()
        loaded = {(to_us(start), to_us(end)) for start, end in rows}
        return CreditLedger(loaded), loaded

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
        """The refusal code of *event* before the ledger is asked, or None."""
        if event.to_ms <= event.from_ms or event.from_ms < 0 or event.ended_at < event.started_at:
            return "interval_invalid"
        if not self._sane(event):
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
        return None

    def judge(self, event: ReportedEvent) -> Outcome:
        """The outcome of *event*: its first one if the id was seen, else judged and stored.

        An event that passes every check claims its wall-clock time in the ledger and is
        credited for the prefix of its interval that the claim pays for.
        """
        known = self.known.get(event.id)
        if known is not None:
            if known.accepted:
                self.touched_chapters.add(known.chapter_id)
            return known
        code = self.refusal(event)
        credited: int | None = None
        if code is None:
            target = self.targets[event.chapter_id]
            assert target is not None
            claim = self.ledger.claim(
                to_us(event.started_at),
                to_us(event.ended_at),
                event.to_ms - event.from_ms,
                target.policy.max_credited_rate,
                CREDIT_TOLERANCE_MS,
            )
            code = claim.code
            credited = claim.credited_ms or None
        outcome = Outcome(code, credited, event.chapter_id)
        self.known[event.id] = outcome
        self.db.add(
            WatchEvent(
                id=event.id,
                account_id=self.account_id,
                chapter_id=event.chapter_id,
                from_ms=event.from_ms,
                to_ms=event.to_ms,
                started_at=self._clamped(event.started_at),
                ended_at=self._clamped(event.ended_at),
                rate=event.rate,
                app_version=event.app_version,
                outcome="accepted" if outcome.accepted else "refused",
                code=code,
                credited_ms=credited,
                received_at=self.now,
            )
        )
        if credited is not None:
            self._apply(event, credited)
        return outcome

    def _clamped(self, instant: dt.datetime) -> dt.datetime:
        """*instant* within the sane range, so that even year 1 or 9999 can be stored."""
        return min(max(instant, self.earliest), self.latest)

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

    def _apply(self, event: ReportedEvent, credited_ms: int) -> None:
        """Add the credited prefix of *event* to its chapter's coverage."""
        target = self._target(event.chapter_id)
        assert target is not None
        chapter = target.chapter
        progress = self._progress(chapter.id)
        played = (event.from_ms, event.from_ms + credited_ms)
        intervals = merge_intervals([*load_intervals(progress.intervals), played])
        progress.intervals = json.dumps(intervals)
        progress.watched_ms = covered_ms(intervals)
        progress.furthest_ms = furthest_ms(intervals)
        if progress.last_event_end is None or event.ended_at >= progress.last_event_end:
            # Where the player was, even if less was credited: where the learner resumes.
            progress.last_event_end = event.ended_at
            progress.last_position_ms = event.to_ms
        tolerance = target.policy.completion_tolerance_ms
        if progress.completed_at is None and chapter_complete(
            intervals, chapter.duration_ms, tolerance
        ):
            progress.completed_at = min(event.ended_at, self.now)
        progress.updated_at = self.now
        self.touched_courses.add(chapter.course_id)
        self.touched_chapters.add(chapter.id)

    def finish(self) -> None:
        """Store the ledger's new spans, bring the touched courses' progress up to date and
        announce it."""
        self._store_ledger()
        self.db.flush()
        for course_id in sorted(self.touched_courses):
            if update_course_progress(self.db, self.account_id, course_id, self.now):
                self.completed_courses.add(course_id)
            record_change(self.db, self.account_id, "progress", course_id, self.now)

    def _store_ledger(self) -> None:
        """Write what the batch changed.  Usually the span the learner is watching in grows
        at its end: one UPDATE.  Spans merged away are deleted, new ones inserted."""
        spans = set(self.ledger.spans)
        gone = {start: end for start, end in self._loaded - spans}
        added = spans - self._loaded
        grown = {(start, end) for start, end in added if start in gone}
        for start, end in sorted(grown):
            del gone[start]
            self.db.execute(
                update(CreditSpan)
                .where(
                    CreditSpan.account_id == self.account_id,
                    CreditSpan.started_at == from_us(start),
                )
                .values(ended_at=from_us(end))
            )
        if gone:
            self.db.execute(
                delete(CreditSpan).where(
                    CreditSpan.account_id == self.account_id,
                    CreditSpan.started_at.in_([from_us(start) for start in gone]),
                )
            )
        if added - grown:
            self.db.execute(
                insert(CreditSpan),
                [
                    {
                        "account_id": self.account_id,
                        "started_at": from_us(a),
                        "ended_at": from_us(b),
                    }
                    for a, b in sorted(added - grown)
                ],
            )
        self._loaded = spans

    def progress_out(self) -> list[dict[str, Any]]:
        """The platform's state of every chapter an accepted event of the batch touched."""
        missing = self.touched_chapters - set(self.coverage)
        rows = dict(self.coverage)
        if missing:
            rows.update(
                (row.chapter_id, row)
                for row in self.db.scalars(
                    select(ChapterProgress).where(
                        ChapterProgress.account_id == self.account_id,
                        ChapterProgress.chapter_id.in_(sorted(missing)),
                    )
                )
            )
        return [
            {
                "chapter_id": chapter_id,
                "watched_ms": rows[chapter_id].watched_ms,
                "furthest_ms": rows[chapter_id].furthest_ms,
                "last_position_ms": rows[chapter_id].last_position_ms,
                "completed": rows[chapter_id].completed_at is not None,
            }
            for chapter_id in sorted(self.touched_chapters)
            if chapter_id in rows
        ]


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
