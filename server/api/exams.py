"""公需考试 (docs/api.md "Exams"): the year's exams, attempts, answers and grading.

The rules live in ``server.exams``.  Every read grades the attempts whose time ran out, so
routes commit what a read graded even when they then refuse.  An attempt's version goes
out as its ``ETag`` (and the ``version`` field); saving and submitting take it back in
``If-Match`` — HTTP's own convention for "change this only if it is still what I saw".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Query, Response, status
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError, OperationalError

from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import Body, iso
from server.errors import ApiError
from server.exams import (
    attempt_out,
    attempt_summary_out,
    attempts_of,
    etag,
    exams_overview,
    grade_if_timed_out,
    own_attempt,
    owned_exam,
    save_answers,
    settle,
    start_attempt,
    submit_attempt,
    versions_matching,
)

router = APIRouter(tags=["exams"])

QuestionId = Annotated[str, Field(max_length=32)]
OptionId = Annotated[str, Field(max_length=8)]
Answers = Annotated[
    dict[QuestionId, Annotated[list[OptionId], Field(max_length=10)]], Field(max_length=100)
]
AttemptStatus = Literal["in_progress", "submitted", "timed_out"]


class AnswersIn(Body):
    answers: Answers


class SubmitIn(Body):
    answers: Answers | None = None


class CreditsPairOut(BaseModel):
    earned: float
    required: float


class ExamOut(BaseModel):
    id: str
    year: int
    package_id: str
    enrollment_id: str
    institution_name: str
    title: str
    required_study_ms: int
    studied_ms: int
    remaining_study_minutes: int
    opens_at: str
    closes_at: str
    pass_score: int
    total_score: int
    question_count: int
    time_limit_s: int
    attempts_used: int
    best_score: int | None
    passed: bool
    open_attempt_id: str | None
    state: Literal["study_required", "not_open", "available", "in_progress", "passed", "closed"]


class ExamsOut(BaseModel):
    year: int
    study_deadline: str
    exam_deadline: str
    public_credits: CreditsPairOut
    exams_passed: int
    exams_required: int
    state: Literal["incomplete", "complete"]
    items: list[ExamOut]


class AttemptSummaryOut(BaseModel):
    id: str
    number: int
    started_at: str
    deadline: str
    status: AttemptStatus
    score: int | None
    passed: bool | None
    submitted_at: str | None


class AttemptsOut(BaseModel):
    items: list[AttemptSummaryOut]


class OptionOut(BaseModel):
    id: str
    text: str


class QuestionOut(BaseModel):
    """A question as shown: no answer key (the model has no field for one)."""

    id: str
    position: int
    kind: Literal["single", "multiple", "true_false"]
    stem: str
    points: int
    options: list[OptionOut]


class AttemptOut(AttemptSummaryOut):
    exam_id: str
    question_count: int
    total_score: int
    pass_score: int
    questions: list[QuestionOut]
    answers: dict[str, list[str]]
    correct_count: int | None
    version: int


class SavedOut(BaseModel):
    saved: list[str]
    saved_at: str
    deadline: str
    version: int


class ResultOut(BaseModel):
    attempt_id: str
    status: AttemptStatus
    score: int | None
    passed: bool
    correct_count: int | None
    question_count: int
    best_score: int | None
    exam_passed: bool
    submitted_at: str | None
    version: int


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='the attempt\'s version the write is based on, as its ETag ("7")',
    ),
]
SubmitKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=64,
        description="one per 交卷 action: its retry answers the result again",
    ),
]

_WRITE_REFUSALS: dict[int | str, dict[str, Any]] = {
    404: {"description": "unknown attempt, or someone else's"},
    409: {"description": "attempt_closed: submitted or timed out; its result beside the code"},
    412: {"description": "attempt_changed: a stale If-Match; current answers and version beside"},
    428: {"description": "precondition_required: no If-Match"},
}

_START_REFUSALS: dict[int | str, dict[str, Any]] = {
    200: {"model": AttemptOut, "description": "the attempt in progress (resumed)"},
    404: {"description": "unknown exam, or one of a package the learner does not own"},
    409: {"description": "exam_study_required / exam_passed"},
    422: {"description": "exam_not_open / exam_closed"},
}


@router.get("/exams", response_model=ExamsOut)
def exams(
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
) -> dict[str, Any]:
    """The year's public exams of the packages the learner owns, and the year's standing."""
    now = clock.now()
    overview = exams_overview(db, caller.account.id, year if year is not None else now.year, now)
    db.commit()
    return overview


@router.get("/exams/{exam_id}/attempts", response_model=AttemptsOut)
def attempts(exam_id: str, caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """The caller's attempts of the exam, oldest first."""
    owned = owned_exam(db, caller.account.id, exam_id)
    rows = attempts_of(db, caller.account.id, exam_id)
    settle(db, rows, clock.now())
    db.commit()
    return {"items": [attempt_summary_out(row, owned.exam.pass_score) for row in rows]}


_START_TRIES = 3


@router.post(
    "/exams/{exam_id}/attempts",
    response_model=AttemptOut,
    status_code=status.HTTP_201_CREATED,
    responses=_START_REFUSALS,
)
def start(
    exam_id: str, caller: CallerDep, db: Db, clock: ClockDep, response: Response
) -> dict[str, Any]:
    """A new attempt (201), or the one in progress (200: the same questions and answers).

    Two requests racing for a new attempt both take the next number; the unique
    (exam, learner, number) lets one insert, and the other then resumes it.
    """
    for tries in range(_START_TRIES):
        try:
            try:
                attempt, created = start_attempt(db, caller.account.id, exam_id, clock.now())
            except ApiError:
                db.commit()  # what the read graded stays graded
                raise
            db.commit()
            break
        except (IntegrityError, OperationalError):
            db.rollback()
            if tries == _START_TRIES - 1:
                raise
    if not created:
        response.status_code = status.HTTP_200_OK
    out = attempt_out(db, attempt)
    response.headers["ETag"] = etag(out["version"])
    return out


@router.get("/attempts/{attempt_id}", response_model=AttemptOut)
def attempt(
    attempt_id: str, caller: CallerDep, db: Db, clock: ClockDep, response: Response
) -> dict[str, Any]:
    """The caller's attempt, graded first if its time ran out; its version as the ETag."""
    row = own_attempt(db, caller.account.id, attempt_id)
    grade_if_timed_out(db, row, clock.now())
    db.commit()
    out = attempt_out(db, row)
    response.headers["ETag"] = etag(out["version"])
    return out


@router.put("/attempts/{attempt_id}/answers", response_model=SavedOut, responses=_WRITE_REFUSALS)
def answers(
    attempt_id: str,
    body: AnswersIn,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> dict[str, Any]:
    """Merge the answers sent (only those questions) if the attempt is still at If-Match.

    All or nothing; the same answers again change no answer (each write taken is still
    a new version).
    """
    now = clock.now()
    row = own_attempt(db, caller.account.id, attempt_id)
    expected = versions_matching(if_match)
    try:
        saved = save_answers(db, row, body.answers, expected, now)
    except ApiError as exc:
        if exc.code == "validation_error":
            db.rollback()
        else:
            db.commit()  # a time-out grading found on the way stays graded
        raise
    db.commit()
    response.headers["ETag"] = etag(saved.version)
    return {
        "saved": saved.question_ids,
        "saved_at": iso(now),
        "deadline": iso(row.deadline),
        "version": saved.version,
    }


@router.post("/attempts/{attempt_id}/submit", response_model=ResultOut, responses=_WRITE_REFUSALS)
def submit(
    attempt_id: str,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    response: Response,
    body: SubmitIn | None = None,
    if_match: IfMatch = None,
    submit_key: SubmitKey = None,
) -> dict[str, Any]:
    """Grade on the server the paper of version If-Match (body answers merged first)."""
    row = own_attempt(db, caller.account.id, attempt_id)
    expected = versions_matching(if_match)
    try:
        result = submit_attempt(
            db, row, body.answers if body else None, expected, submit_key, clock.now()
        )
    except ApiError as exc:
        if exc.code == "validation_error":
            db.rollback()
        else:
            db.commit()
        raise
    db.commit()
    response.headers["ETag"] = etag(result["version"])
    return result
