"""The public-course exam (公需考试, docs/api.md "Exams"): state, drawing, saving and grading.

The paper's numbers are the shared ones of ``rules.exam``.  The answer key stays here: what
goes out is built by ``question_out``/``attempt_out``, which never read it.  Grading is
claimed by a conditional update, so a submit racing a time-out read grades once.  Writes
name the attempt's version they were based on (see "answers and versions" below), so a
window holding older answers cannot overwrite newer ones.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.exam import (
    ANSWER_GRACE_S,
    OPENS_ON,
    PAPER,
    QUESTION_COUNT,
    TOTAL_SCORE,
    passed,
    remaining_minutes,
)
from rules.watch import chapter_complete, covered_ms
from rules.years import CHINA_TZ, credit_requirement
from server.api.schemas import iso
from server.changes import record_change
from server.db import rows_updated
from server.errors import ApiError
from server.models import (
    Chapter,
    ChapterProgress,
    Course,
    Enrollment,
    Exam,
    ExamAnswer,
    ExamAttempt,
    ExamQuestion,
    Institution,
    Package,
)
from server.reporting import note_progress
from server.watch import earned_tenths, load_intervals, policy_for

IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
TIMED_OUT = "timed_out"
POINTS = {section.kind: section.points for section in PAPER}
KIND_ORDER = {section.kind: i for i, section in enumerate(PAPER)}
ANSWER_GRACE = dt.timedelta(seconds=ANSWER_GRACE_S)

ATTEMPT_CLOSED_MESSAGE = "本次考试已交卷或答题时间已到，答案不能再修改"
ATTEMPT_CHANGED_MESSAGE = "答案已在其他窗口或电脑上修改，请载入最新答案后再试"
VERSION_REQUIRED_MESSAGE = "请求缺少 If-Match（答卷版本），请重新载入试卷后再试"


# --- the exams (made by the catalog import, server/catalog) -----------------------------


def exam_id_for(package_id: str) -> str:
    return f"{package_id}-exam"


def opens_at(year: int) -> dt.datetime:
    month, day = OPENS_ON
    return dt.datetime(year, month, day, tzinfo=CHINA_TZ)


# --- study time -------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyTime:
    """The public package's length and what is still to watch before the exam unlocks."""

    required_ms: int
    remaining_ms: int

    @property
    def studied_ms(self) -> int:
        return self.required_ms - self.remaining_ms


def study_time(db: Session, account_id: str, package_id: str) -> StudyTime:
    """Sum of the package's chapters; remaining = what the incomplete chapters still lack."""
    chapters = list(
        db.execute(
            select(Chapter, Course)
            .join(Course, Course.id == Chapter.course_id)
            .where(Course.package_id == package_id)
        ).all()
    )
    rows = {
        row.chapter_id: row
        for row in db.scalars(
            select(ChapterProgress).where(
                ChapterProgress.account_id == account_id,
                ChapterProgress.chapter_id.in_([chapter.id for chapter, _ in chapters]),
            )
        )
    }
    required = remaining = 0
    for chapter, course in chapters:
        required += chapter.duration_ms
        row = rows.get(chapter.id)
        intervals = load_intervals(row.intervals) if row else []
        tolerance = policy_for(course).completion_tolerance_ms
        if not chapter_complete(intervals, chapter.duration_ms, tolerance):
            remaining += max(0, chapter.duration_ms - covered_ms(intervals))
    return StudyTime(required, remaining)


# --- attempts ---------------------------------------------------------------------------


def question_ids_of(attempt: ExamAttempt) -> list[str]:
    ids: list[str] = json.loads(attempt.question_ids)
    return ids


def attempts_of(db: Session, account_id: str, exam_id: str) -> list[ExamAttempt]:
    return list(
        db.scalars(
            select(ExamAttempt)
            .where(ExamAttempt.account_id == account_id, ExamAttempt.exam_id == exam_id)
            .order_by(ExamAttempt.number)
        )
    )


def answers_of(db: Session, attempt_id: str) -> dict[str, list[str]]:
    return {
        row.question_id: json.loads(row.option_ids)
        for row in db.scalars(select(ExamAnswer).where(ExamAnswer.attempt_id == attempt_id))
    }


def accepts_answers(attempt: ExamAttempt, now: dt.datetime) -> bool:
    """Open, and not later than the deadline plus the grace for requests in flight."""
    return attempt.status == IN_PROGRESS and now <= attempt.deadline + ANSWER_GRACE


def score_of(questions: list[ExamQuestion], answers: dict[str, list[str]]) -> tuple[int, int]:
    """(score, correct count): a question scores its points only when exactly right."""
    score = correct = 0
    for question in questions:
        if sorted(answers.get(question.id, [])) == json.loads(question.answer):
            score += POINTS[question.kind]
            correct += 1
    return score, correct


def grade(
    db: Session,
    attempt: ExamAttempt,
    status: str,
    submitted_at: dt.datetime,
    now: dt.datetime,
    submit_key: str | None = None,
    *,
    claimed_version: bool = False,
) -> bool:
    """Grade with the saved answers, once: whoever claims the open attempt first grades it.

    The claim comes before the answers are read: it waits for a save in flight (which holds
    the attempt's row, ``claim_version``) and shuts out any later one, so the paper graded
    is exactly the answers saved.  It adds one to the version, unless the caller's
    ``claim_version`` already did (*claimed_version*: a submit is one change).  True when
    this call graded it.
    """
    bump = ExamAttempt.version if claimed_version else ExamAttempt.version + 1
    claimed = rows_updated(
        db,
        update(ExamAttempt)
        .where(ExamAttempt.id == attempt.id, ExamAttempt.status == IN_PROGRESS)
        .values(status=status, submitted_at=submitted_at, version=bump, submit_key=submit_key)
        .execution_options(synchronize_session=False),
    )
    if claimed != 1:
        db.refresh(attempt)
        return False
    questions = list(
        db.scalars(select(ExamQuestion).where(ExamQuestion.id.in_(question_ids_of(attempt))))
    )
    score, correct = score_of(questions, answers_of(db, attempt.id))
    db.execute(
        update(ExamAttempt)
        .where(ExamAttempt.id == attempt.id)
        .values(score=score, correct_count=correct)
        .execution_options(synchronize_session=False)
    )
    db.refresh(attempt)
    exam = db.get(Exam, attempt.exam_id)
    assert exam is not None
    record_change(db, attempt.account_id, "exam", exam.id, now)
    if passed(score, exam.pass_score):
        db.flush()
        note_progress(db, attempt.account_id, exam.opens_at.astimezone(CHINA_TZ).year, now)
    return True


def grade_if_timed_out(db: Session, attempt: ExamAttempt, now: dt.datetime) -> bool:
    """Time-out grading: an open attempt past its deadline and grace, with what was saved."""
    if attempt.status != IN_PROGRESS or accepts_answers(attempt, now):
        return False
    grade(db, attempt, TIMED_OUT, attempt.deadline, now)
    return True


def settle(db: Session, attempts: list[ExamAttempt], now: dt.datetime) -> bool:
    """Grade every timed-out attempt of *attempts*; True when one was graded."""
    return any([grade_if_timed_out(db, attempt, now) for attempt in attempts])


def best_score(attempts: list[ExamAttempt]) -> int | None:
    scores = [a.score for a in attempts if a.score is not None]
    return max(scores) if scores else None


def draw_questions(db: Session, paper: str, rng: random.Random | None = None) -> list[str]:
    """A paper per ``rules.exam.PAPER`` from the bank *paper*: each section drawn at random,
    单选, 多选, 判断, from the questions in use (an import retires, never deletes)."""
    rng = rng or random.SystemRandom()
    ids: list[str] = []
    for section in PAPER:
        pool = list(
            db.scalars(
                select(ExamQuestion.id).where(
                    ExamQuestion.paper == paper,
                    ExamQuestion.kind == section.kind,
                    ExamQuestion.retired_at.is_(None),
                )
            )
        )
        ids += rng.sample(pool, section.count)
    return ids


def new_attempt(
    db: Session, account_id: str, exam: Exam, number: int, now: dt.datetime
) -> ExamAttempt:
    attempt = ExamAttempt(
        exam_id=exam.id,
        account_id=account_id,
        number=number,
        started_at=now,
        deadline=min(now + dt.timedelta(seconds=exam.time_limit_s), exam.closes_at),
        status=IN_PROGRESS,
        question_ids=json.dumps(draw_questions(db, exam.paper)),
    )
    db.add(attempt)
    db.flush()
    return attempt


# --- answers and versions ----------------------------------------------------------------
#
# Every change of an attempt (answers saved, graded) adds one to its ``version``, its ETag.
# A write names the version it was based on (``If-Match``) and first claims the attempt
# with one conditional UPDATE (``claim_version``): the version bump, the open check and the
# deadline in one statement.  Only then are the answers written, in the same transaction.
# On PostgreSQL the claim holds the attempt's row until commit, so a second write based on
# the same version waits, then finds the version moved and is refused; on SQLite the
# UPDATE takes the database's write lock, with the same effect.  A refused write answers
# the current answers and version (412 ``attempt_changed``) so the client reloads, merges
# what it still has to send and tries again: saves are partial maps (only the questions the
# learner changed), so two windows answering different questions both keep theirs.


def etag(version: int) -> str:
    """The attempt's entity tag: its version, quoted (a strong ETag)."""
    return f'"{version}"'


def versions_matching(if_match: str | None) -> frozenset[int] | None:
    """The versions an ``If-Match`` header names; None for ``*`` (any version).

    A missing header is refused (428): a write that names no version is how a stale window
    overwrote newer answers.  Weak or malformed tags match nothing (strong comparison).
    """
    if if_match is None or not if_match.strip():
        raise ApiError(428, "precondition_required", VERSION_REQUIRED_MESSAGE, "If-Match")
    if if_match.strip() == "*":
        return None
    versions: set[int] = set()
    for raw in if_match.split(","):
        tag = raw.strip()
        if len(tag) >= 2 and tag[0] == tag[-1] == '"':
            tag = tag[1:-1]
        if tag.isascii() and tag.isdigit() and len(tag) <= 12:
            versions.add(int(tag))
    return frozenset(versions)


def claim_version(
    db: Session, attempt: ExamAttempt, expected: frozenset[int] | None, now: dt.datetime
) -> bool:
    """Bump the version if the attempt is open, within its time and at an *expected* version.

    One statement, so two writes based on the same version cannot both pass.  True when
    claimed; the attempt's row (SQLite: the database) is then held until commit.
    """
    statement = (
        update(ExamAttempt)
        .where(
            ExamAttempt.id == attempt.id,
            ExamAttempt.status == IN_PROGRESS,
            ExamAttempt.deadline >= now - ANSWER_GRACE,
        )
        .values(version=ExamAttempt.version + 1)
        .execution_options(synchronize_session=False)
    )
    if expected is not None:
        statement = statement.where(ExamAttempt.version.in_(sorted(expected)))
    if rows_updated(db, statement) != 1:
        return False
    db.refresh(attempt)
    return True


def refusal(db: Session, attempt: ExamAttempt, now: dt.datetime) -> ApiError:
    """Why a write was not claimed: closed (graded first if its time ran out) or changed.

    The attempt's row is locked while it is read, so the version and the answers sent back
    belong together.  The caller commits (a time-out grading stays) and raises.
    """
    db.refresh(attempt, with_for_update=True)
    if accepts_answers(attempt, now):
        return attempt_changed(db, attempt)
    grade_if_timed_out(db, attempt, now)
    return attempt_closed(db, attempt)


def attempt_changed(db: Session, attempt: ExamAttempt) -> ApiError:
    """412: the write was based on an older version; here are the current answers."""
    return ApiError(
        412,
        "attempt_changed",
        ATTEMPT_CHANGED_MESSAGE,
        headers={"ETag": etag(attempt.version)},
        version=attempt.version,
        answers=ordered_answers(db, attempt),
        attempt_status=attempt.status,
    )


def attempt_closed(db: Session, attempt: ExamAttempt) -> ApiError:
    """409: submitted or timed out (wherever that happened); its result comes along."""
    return ApiError(
        409,
        "attempt_closed",
        ATTEMPT_CLOSED_MESSAGE,
        headers={"ETag": etag(attempt.version)},
        version=attempt.version,
        attempt_status=attempt.status,
        result=result_out(db, attempt),
    )


def _answer_refusal(message: str, question_id: str) -> ApiError:
    return ApiError(422, "validation_error", message, "answers", question_id=question_id)


def questions_of(db: Session, attempt: ExamAttempt) -> dict[str, ExamQuestion]:
    return {
        q.id: q
        for q in db.scalars(
            select(ExamQuestion).where(ExamQuestion.id.in_(question_ids_of(attempt)))
        )
    }


def checked_answers(
    questions: dict[str, ExamQuestion], answers: dict[str, list[str]]
) -> dict[str, list[str]]:
    """The answers normalised (sorted, unique); the first bad one refuses the whole request."""
    checked: dict[str, list[str]] = {}
    for question_id, option_ids in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise _answer_refusal("答案中有不属于本次考试的试题", question_id)
        known = {option["id"] for option in json.loads(question.options)}
        chosen = sorted(set(option_ids))
        if any(option_id not in known for option_id in chosen):
            raise _answer_refusal("答案中有不属于该题的选项", question_id)
        if question.kind != "multiple" and len(chosen) > 1:
            raise _answer_refusal("单选题和判断题只能选择一个答案", question_id)
        checked[question_id] = chosen
    return checked


def write_answers(
    db: Session, attempt_id: str, checked: dict[str, list[str]], now: dt.datetime
) -> None:
    """Merge *checked* per question (an empty list clears); unchanged ones keep their time.

    Called only after ``claim_version``: the claim serialises the writers of an attempt.
    """
    saved = {
        row.question_id: row
        for row in db.scalars(select(ExamAnswer).where(ExamAnswer.attempt_id == attempt_id))
    }
    for question_id, option_ids in checked.items():
        row = saved.get(question_id)
        text = json.dumps(option_ids)
        if not option_ids:
            if row is not None:
                db.delete(row)
        elif row is None:
            db.add(
                ExamAnswer(
                    attempt_id=attempt_id, question_id=question_id, option_ids=text, saved_at=now
                )
            )
        elif row.option_ids != text:
            row.option_ids = text
            row.saved_at = now
    db.flush()


@dataclass(frozen=True)
class Saved:
    """What ``PUT /attempts/{id}/answers`` answers: the questions taken and the version."""

    question_ids: list[str]
    version: int


def save_answers(
    db: Session,
    attempt: ExamAttempt,
    answers: dict[str, list[str]],
    expected: frozenset[int] | None,
    now: dt.datetime,
) -> Saved:
    """Merge *answers* (only the questions sent) if the attempt is still at *expected*.

    Checked before the claim, so a bad answer costs no version.  Every save that is taken
    adds one to the version, even one that changes nothing (a retry): of two writes based
    on the same version exactly one is taken, whatever they hold.  Raises the refusal
    (412 / 409) for the caller to commit and raise.
    """
    checked = checked_answers(questions_of(db, attempt), answers)
    if not claim_version(db, attempt, expected, now):
        raise refusal(db, attempt, now)
    write_answers(db, attempt.id, checked, now)
    return Saved(list(checked), attempt.version)


# --- what goes out ----------------------------------------------------------------------


def question_out(question: ExamQuestion, position: int) -> dict[str, Any]:
    """A question as the learner sees it: never its answer."""
    return {
        "id": question.id,
        "position": position,
        "kind": question.kind,
        "stem": question.stem,
        "points": POINTS[question.kind],
        "options": [
            {"id": option["id"], "text": option["text"]} for option in json.loads(question.options)
        ],
    }


def pass_mark(db: Session, exam_id: str) -> int:
    """The exam's pass mark: its row's, never a constant (``rules.exam``)."""
    exam = db.get(Exam, exam_id)
    assert exam is not None
    return exam.pass_score


def attempt_summary_out(attempt: ExamAttempt, pass_score: int) -> dict[str, Any]:
    graded = attempt.score is not None
    return {
        "id": attempt.id,
        "number": attempt.number,
        "started_at": iso(attempt.started_at),
        "deadline": iso(attempt.deadline),
        "status": attempt.status,
        "score": attempt.score,
        "passed": passed(attempt.score, pass_score) if graded else None,
        "submitted_at": iso(attempt.submitted_at) if attempt.submitted_at else None,
    }


def ordered_answers(db: Session, attempt: ExamAttempt) -> dict[str, list[str]]:
    """The saved answers in paper order."""
    answers = answers_of(db, attempt.id)
    return {qid: answers[qid] for qid in question_ids_of(attempt) if qid in answers}


def attempt_out(db: Session, attempt: ExamAttempt) -> dict[str, Any]:
    """``<Attempt>``: the questions in paper order, the saved answers and their version.

    The attempt's row is read with a share lock (PostgreSQL; SQLite has one writer), so no
    save commits between the version and the answers: they are sent as one pair, the base
    the client's next ``If-Match`` names.  The caller writes nothing after this.
    """
    db.refresh(attempt, with_for_update={"read": True})
    ids = question_ids_of(attempt)
    questions = {q.id: q for q in db.scalars(select(ExamQuestion).where(ExamQuestion.id.in_(ids)))}
    mark = pass_mark(db, attempt.exam_id)
    return {
        **attempt_summary_out(attempt, mark),
        "exam_id": attempt.exam_id,
        "question_count": len(ids),
        "total_score": TOTAL_SCORE,
        "pass_score": mark,
        "questions": [
            question_out(questions[question_id], position)
            for position, question_id in enumerate(ids, start=1)
        ],
        "answers": ordered_answers(db, attempt),
        "correct_count": attempt.correct_count,
        "version": attempt.version,
    }


def result_out(db: Session, attempt: ExamAttempt) -> dict[str, Any]:
    """The answer of ``POST /attempts/{id}/submit``."""
    best = best_score(attempts_of(db, attempt.account_id, attempt.exam_id))
    mark = pass_mark(db, attempt.exam_id)
    return {
        "attempt_id": attempt.id,
        "status": attempt.status,
        "score": attempt.score,
        "passed": passed(attempt.score, mark),
        "correct_count": attempt.correct_count,
        "question_count": len(question_ids_of(attempt)),
        "best_score": best,
        "exam_passed": passed(best, mark),
        "submitted_at": iso(attempt.submitted_at) if attempt.submitted_at else None,
        "version": attempt.version,
    }


# --- the exams of a learner -------------------------------------------------------------


@dataclass(frozen=True)
class OwnedExam:
    """An exam of a public package the learner owns, with the enrollment and institution."""

    exam: Exam
    package: Package
    enrollment_id: str
    institution_name: str


def owned_exams(db: Session, account_id: str, year: int | None = None) -> list[OwnedExam]:
    query = (
        select(Exam, Package, Enrollment.id, Institution.name)
        .join(Package, Package.id == Exam.package_id)
        .join(Enrollment, Enrollment.package_id == Package.id)
        .join(Institution, Institution.id == Package.institution_id)
        .where(Enrollment.account_id == account_id)
        .order_by(Package.year, Enrollment.created_at)
    )
    if year is not None:
        query = query.where(Package.year == year)
    return [OwnedExam(*row) for row in db.execute(query).all()]


def owned_exam(db: Session, account_id: str, exam_id: str) -> OwnedExam:
    """The caller's exam, else 404 (another package's exam is as unknown as a wrong id)."""
    for owned in owned_exams(db, account_id):
        if owned.exam.id == exam_id:
            return owned
    raise ApiError(404, "not_found", "没有这场考试")


def own_attempt(db: Session, account_id: str, attempt_id: str) -> ExamAttempt:
    attempt = db.get(ExamAttempt, attempt_id)
    if attempt is None or attempt.account_id != account_id:
        raise ApiError(404, "not_found", "没有这次考试记录")
    return attempt


def exam_state(exam: Exam, attempts: list[ExamAttempt], remaining_ms: int, now: dt.datetime) -> str:
    """passed, closed, not_open, study_required, in_progress, available (in that precedence)."""
    if passed(best_score(attempts), exam.pass_score):
        return "passed"
    if now > exam.closes_at:
        return "closed"
    if now < exam.opens_at:
        return "not_open"
    if remaining_ms > 0:
        return "study_required"
    if any(a.status == IN_PROGRESS for a in attempts):
        return "in_progress"
    return "available"


def exam_out(db: Session, account_id: str, owned: OwnedExam, now: dt.datetime) -> dict[str, Any]:
    """``<Exam>``; its timed-out attempts are graded first (the caller commits)."""
    exam = owned.exam
    attempts = attempts_of(db, account_id, exam.id)
    settle(db, attempts, now)
    time = study_time(db, account_id, exam.package_id)
    best = best_score(attempts)
    open_attempt = next((a for a in attempts if a.status == IN_PROGRESS), None)
    return {
        "id": exam.id,
        "year": owned.package.year,
        "package_id": exam.package_id,
        "enrollment_id": owned.enrollment_id,
        "institution_name": owned.institution_name,
        "title": exam.title,
        "required_study_ms": time.required_ms,
        "studied_ms": time.studied_ms,
        "remaining_study_minutes": remaining_minutes(time.remaining_ms),
        "opens_at": iso(exam.opens_at),
        "closes_at": iso(exam.closes_at),
        "pass_score": exam.pass_score,
        "total_score": TOTAL_SCORE,
        "question_count": QUESTION_COUNT,
        "time_limit_s": exam.time_limit_s,
        "attempts_used": len(attempts),
        "best_score": best,
        "passed": passed(best, exam.pass_score),
        "open_attempt_id": open_attempt.id if open_attempt else None,
        "state": exam_state(exam, attempts, time.remaining_ms, now),
    }


def exams_overview(db: Session, account_id: str, year: int, now: dt.datetime) -> dict[str, Any]:
    """``GET /exams``: the year's public credits, passes and the exams of owned packages."""
    requirement = credit_requirement(year)
    items = [exam_out(db, account_id, owned, now) for owned in owned_exams(db, account_id, year)]
    earned = earned_tenths(db, account_id, year, "public")
    passes = sum(1 for item in items if item["passed"])
    complete = earned >= requirement.public_credits * 10 and passes >= 1
    return {
        "year": year,
        "study_deadline": iso(requirement.deadline),
        "exam_deadline": iso(requirement.deadline),
        "public_credits": {
            "earned": from_tenths(earned),
            "required": float(requirement.public_credits),
        },
        "exams_passed": min(passes, 1),
        "exams_required": 1,
        "state": "complete" if complete else "incomplete",
        "items": items,
    }


def start_problem(
    owned: OwnedExam, attempts: list[ExamAttempt], remaining_ms: int, now: dt.datetime
) -> ApiError | None:
    """Why a new attempt may not start (docs/api.md refusals), or None."""
    exam = owned.exam
    if passed(best_score(attempts), exam.pass_score):
        return ApiError(409, "exam_passed", "您已通过本年度公需考试，无需再次参加")
    if now > exam.closes_at:
        return ApiError(
            422,
            "exam_closed",
            f"{owned.package.year}年度公需考试已截止，过期不办理补学补登",
            closes_at=iso(exam.closes_at),
        )
    if now < exam.opens_at:
        opening = exam.opens_at.astimezone(CHINA_TZ).date().isoformat()
        return ApiError(
            422, "exam_not_open", f"公需考试将于{opening}开放", opens_at=iso(exam.opens_at)
        )
    if remaining_ms > 0:
        minutes = remaining_minutes(remaining_ms)
        return ApiError(
            409,
            "exam_study_required",
            f"还需学习{minutes}分钟才能参加考试",
            remaining_study_minutes=minutes,
        )
    return None


def start_attempt(
    db: Session, account_id: str, exam_id: str, now: dt.datetime
) -> tuple[ExamAttempt, bool]:
    """(attempt, created): the open attempt to resume, else a new one if allowed.

    A refusal is raised after time-out grading; the route commits that grading first.
    """
    owned = owned_exam(db, account_id, exam_id)
    attempts = attempts_of(db, account_id, exam_id)
    settle(db, attempts, now)
    open_attempt = next((a for a in attempts if a.status == IN_PROGRESS), None)
    if open_attempt is not None:
        return open_attempt, False
    problem = start_problem(
        owned, attempts, study_time(db, account_id, owned.package.id).remaining_ms, now
    )
    if problem is not None:
        raise problem
    number = max((a.number for a in attempts), default=0) + 1
    return new_attempt(db, account_id, owned.exam, number, now), True


def submit_attempt(
    db: Session,
    attempt: ExamAttempt,
    answers: dict[str, list[str]] | None,
    expected: frozenset[int] | None,
    submit_key: str | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """Grade now the paper of version *expected*, with the body's answers merged first.

    Submitted by the deadline → ``submitted``; later, within the grace → ``timed_out`` at
    the deadline with the body's answers; after the grace the body is too late and the
    attempt is graded ``timed_out`` with what was saved (whatever the version).  An attempt
    graded already answers 409 ``attempt_closed`` with its result — unless this is the
    retry of the submit that graded it (the same *submit_key*), which answers the result
    again.  A stale version answers 412 with the current answers.  The caller commits,
    also before raising (a time-out grading stays).
    """
    checked: dict[str, list[str]] = {}
    if answers and attempt.status == IN_PROGRESS:
        checked = checked_answers(questions_of(db, attempt), answers)
    if accepts_answers(attempt, now) and claim_version(db, attempt, expected, now):
        write_answers(db, attempt.id, checked, now)
        if now <= attempt.deadline:
            grade(db, attempt, SUBMITTED, now, now, submit_key, claimed_version=True)
        else:
            grade(db, attempt, TIMED_OUT, attempt.deadline, now, submit_key, claimed_version=True)
        return result_out(db, attempt)
    db.refresh(attempt, with_for_update=True)
    if accepts_answers(attempt, now):
        raise attempt_changed(db, attempt)
    if attempt.status == IN_PROGRESS and grade(
        db, attempt, TIMED_OUT, attempt.deadline, now, submit_key
    ):
        return result_out(db, attempt)
    if submit_key is not None and attempt.submit_key == submit_key:
        return result_out(db, attempt)
    raise attempt_closed(db, attempt)


def public_exam_passed(
    db: Session, account_id: str, year: int, now: dt.datetime | None = None
) -> bool:
    """Whether a public exam of *year* is passed; with *now*, timed-out attempts count too."""
    marks = {owned.exam.id: owned.exam.pass_score for owned in owned_exams(db, account_id, year)}
    exam_ids = list(marks)
    if not exam_ids:
        return False
    attempts = list(
        db.scalars(
            select(ExamAttempt).where(
                ExamAttempt.account_id == account_id, ExamAttempt.exam_id.in_(exam_ids)
            )
        )
    )
    if now is not None:
        settle(db, attempts, now)
    return any(
        passed(best_score([a for a in attempts if a.exam_id == exam_id]), mark)
        for exam_id, mark in marks.items()
    )
