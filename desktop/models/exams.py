"""公需考试 (SPEC §1.8, docs/api.md "Exams"): the client's records of the exam and its attempts.

Plain dataclasses built from the platform's JSON.  An attempt's questions never carry an
answer key (the platform sends none); ``Attempt.answers`` are the learner's own choices.
What a row may do next (start, resume, nothing and why) is answered here, once, so the
page and the home screen agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from rules.credits import to_tenths
from rules.exam import PASS_SCORE, QUESTION_COUNT, TIME_LIMIT_S, TOTAL_SCORE, remaining_minutes

#: Exam states as the platform names them (docs/api.md ``<Exam>.state``).
STUDY_REQUIRED = "study_required"
NOT_OPEN = "not_open"
AVAILABLE = "available"
IN_PROGRESS = "in_progress"
PASSED = "passed"
CLOSED = "closed"
#: Not a platform state: available again after an attempt that did not pass (未通过).
FAILED = "failed"


def parse_time(value: str | None) -> dt.datetime | None:
    """An ISO-8601 time of the API (aware), or None."""
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class Exam:
    """One paper of the year (``<Exam>``): what it needs, when it is open, how it went."""

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
    state: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exam:
        best = data.get("best_score")
        return cls(
            id=str(data["id"]),
            year=int(data["year"]),
            package_id=str(data.get("package_id") or ""),
            enrollment_id=str(data.get("enrollment_id") or ""),
            institution_name=str(data.get("institution_name") or ""),
            title=str(data.get("title") or ""),
            required_study_ms=int(data.get("required_study_ms") or 0),
            studied_ms=int(data.get("studied_ms") or 0),
            remaining_study_minutes=int(data.get("remaining_study_minutes") or 0),
            opens_at=str(data.get("opens_at") or ""),
            closes_at=str(data.get("closes_at") or ""),
            pass_score=int(data.get("pass_score") or PASS_SCORE),
            total_score=int(data.get("total_score") or TOTAL_SCORE),
            question_count=int(data.get("question_count") or QUESTION_COUNT),
            time_limit_s=int(data.get("time_limit_s") or TIME_LIMIT_S),
            attempts_used=int(data.get("attempts_used") or 0),
            best_score=None if best is None else int(best),
            passed=bool(data.get("passed", False)),
            open_attempt_id=data.get("open_attempt_id") or None,
            state=str(data["state"]),
        )

    @property
    def required_minutes(self) -> int:
        """需要学习时间, in whole minutes (rounded up, as the remaining time is)."""
        return remaining_minutes(self.required_study_ms)

    @property
    def status(self) -> str:
        """The 考试状态 shown: the platform's state, or ``FAILED`` after attempts that all
        failed while the exam is still available."""
        if self.state == AVAILABLE and self.attempts_used > 0:
            return FAILED
        return self.state

    @property
    def can_start(self) -> bool:
        """开始考试 (a new attempt) is allowed by the platform's state."""
        return self.state == AVAILABLE

    @property
    def can_resume(self) -> bool:
        """继续考试: an attempt is in progress."""
        return self.state == IN_PROGRESS and self.open_attempt_id is not None


@dataclass(frozen=True)
class ExamOverview:
    """``GET /exams?year=``: the year's deadlines and standing, and its papers."""

    year: int
    study_deadline: str
    exam_deadline: str
    public_earned_tenths: int
    public_required_tenths: int
    exams_passed: int
    exams_required: int
    state: str
    """``complete`` when the public credits are earned and an exam is passed."""
    items: tuple[Exam, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExamOverview:
        credits = data.get("public_credits") or {}
        return cls(
            year=int(data["year"]),
            study_deadline=str(data.get("study_deadline") or ""),
            exam_deadline=str(data.get("exam_deadline") or ""),
            public_earned_tenths=to_tenths(credits.get("earned") or 0),
            public_required_tenths=to_tenths(credits.get("required") or 0),
            exams_passed=int(data.get("exams_passed") or 0),
            exams_required=int(data.get("exams_required") or 1),
            state=str(data.get("state") or "incomplete"),
            items=tuple(Exam.from_json(item) for item in data.get("items", ())),
        )

    @property
    def complete(self) -> bool:
        return self.state == "complete"

    def exam(self, exam_id: str) -> Exam | None:
        return next((e for e in self.items if e.id == exam_id), None)


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt as the history lists it (第N次, 时间, 成绩, 结果)."""

    id: str
    number: int
    started_at: str
    deadline: str
    status: str
    """``in_progress`` | ``submitted`` | ``timed_out``."""
    score: int | None
    passed: bool | None
    submitted_at: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AttemptSummary:
        score = data.get("score")
        passed = data.get("passed")
        return cls(
            id=str(data["id"]),
            number=int(data.get("number") or 0),
            started_at=str(data.get("started_at") or ""),
            deadline=str(data.get("deadline") or ""),
            status=str(data.get("status") or IN_PROGRESS),
            score=None if score is None else int(score),
            passed=None if passed is None else bool(passed),
            submitted_at=data.get("submitted_at") or None,
        )

    @property
    def in_progress(self) -> bool:
        return self.status == IN_PROGRESS


@dataclass(frozen=True)
class Option:
    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """A question as shown: stem, kind, points and options — never its answer."""

    id: str
    position: int
    kind: str
    """``single`` | ``multiple`` | ``true_false`` (``rules.exam.KINDS``)."""
    stem: str
    points: int
    options: tuple[Option, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Question:
        return cls(
            id=str(data["id"]),
            position=int(data["position"]),
            kind=str(data["kind"]),
            stem=str(data.get("stem") or ""),
            points=int(data.get("points") or 0),
            options=tuple(
                Option(id=str(o["id"]), text=str(o.get("text") or ""))
                for o in data.get("options", ())
            ),
        )

    @property
    def multiple(self) -> bool:
        """More than one option may be chosen (多选)."""
        return self.kind == "multiple"


Answers = dict[str, tuple[str, ...]]
"""question id → the chosen option ids (empty: not answered)."""


@dataclass(frozen=True)
class Attempt:
    """``<Attempt>``: the summary, the paper and the learner's saved answers."""

    id: str
    exam_id: str
    number: int
    started_at: str
    deadline: str
    status: str
    score: int | None
    passed: bool | None
    submitted_at: str | None
    question_count: int
    total_score: int
    pass_score: int
    questions: tuple[Question, ...]
    answers: Answers = field(default_factory=dict)
    correct_count: int | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attempt:
        summary = AttemptSummary.from_json(data)
        correct = data.get("correct_count")
        questions = sorted(
            (Question.from_json(q) for q in data.get("questions", ())), key=lambda q: q.position
        )
        return cls(
            id=summary.id,
            exam_id=str(data.get("exam_id") or ""),
            number=summary.number,
            started_at=summary.started_at,
            deadline=summary.deadline,
            status=summary.status,
            score=summary.score,
            passed=summary.passed,
            submitted_at=summary.submitted_at,
            question_count=int(data.get("question_count") or len(questions)),
            total_score=int(data.get("total_score") or TOTAL_SCORE),
            pass_score=int(data.get("pass_score") or PASS_SCORE),
            questions=tuple(questions),
            answers=answers_from_json(data.get("answers") or {}),
            correct_count=None if correct is None else int(correct),
        )

    @property
    def in_progress(self) -> bool:
        return self.status == IN_PROGRESS

    @property
    def deadline_at(self) -> dt.datetime | None:
        return parse_time(self.deadline)

    def seconds_left(self, now: dt.datetime) -> int:
        """Whole seconds until the deadline in the platform's time (0 when it has passed)."""
        deadline = self.deadline_at
        if deadline is None:
            return 0
        return max(0, int((deadline - now).total_seconds()))

    def answered(self, question_id: str) -> bool:
        return bool(self.answers.get(question_id))

    @property
    def unanswered_count(self) -> int:
        return sum(1 for q in self.questions if not self.answered(q.id))

    def with_answers(self, newer: Answers) -> Attempt:
        """These answers over the attempt's own (newer ones win, per question)."""
        return replace(self, answers={**self.answers, **newer})


def answers_from_json(data: dict[str, Any]) -> Answers:
    return {str(qid): tuple(str(o) for o in ids or ()) for qid, ids in data.items()}


def answers_to_json(answers: Answers, *, answered_only: bool = False) -> dict[str, list[str]]:
    return {qid: list(ids) for qid, ids in answers.items() if ids or not answered_only}


@dataclass(frozen=True)
class SubmitResult:
    """``POST /attempts/{id}/submit``: the grade, and where the exam stands after it."""

    attempt_id: str
    status: str
    score: int | None
    passed: bool
    correct_count: int | None
    question_count: int
    best_score: int | None
    exam_passed: bool
    submitted_at: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubmitResult:
        score, best, correct = data.get("score"), data.get("best_score"), data.get("correct_count")
        return cls(
            attempt_id=str(data["attempt_id"]),
            status=str(data.get("status") or "submitted"),
            score=None if score is None else int(score),
            passed=bool(data.get("passed", False)),
            correct_count=None if correct is None else int(correct),
            question_count=int(data.get("question_count") or QUESTION_COUNT),
            best_score=None if best is None else int(best),
            exam_passed=bool(data.get("exam_passed", False)),
            submitted_at=data.get("submitted_at") or None,
        )

    @property
    def timed_out(self) -> bool:
        return self.status == "timed_out"
