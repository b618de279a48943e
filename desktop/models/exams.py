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
from rules.exam import (
    DEFAULT_PASS_SCORE,
    QUESTION_COUNT,
    TIME_LIMIT_S,
    TOTAL_SCORE,
    remaining_minutes,
)

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
            pass_score=int(data.get("pass_score") or DEFAULT_PASS_SCORE),  # the platform's
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
    """What this PC shows as given: the platform's answers with the ones still queued here."""
    correct_count: int | None = None
    version: int = 0
    """The platform's version of the attempt (its ETag) that ``platform_answers`` are of;
    a save names it in ``If-Match``."""
    platform_answers: Answers = field(default_factory=dict)
    """What the platform holds at ``version``: an answer equal to it is "已保存"."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attempt:
        summary = AttemptSummary.from_json(data)
        correct = data.get("correct_count")
        questions = sorted(
            (Question.from_json(q) for q in data.get("questions", ())), key=lambda q: q.position
        )
        answers = answers_from_json(data.get("answers") or {})
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
            pass_score=int(data.get("pass_score") or DEFAULT_PASS_SCORE),  # the platform's
            questions=tuple(questions),
            answers=answers,
            correct_count=None if correct is None else int(correct),
            version=int(data.get("version") or 0),
            platform_answers=answers,
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

    def on_platform(self, question_id: str) -> bool:
        """Answered, and the platform holds exactly this answer (it accepted it)."""
        mine = self.answers.get(question_id, ())
        return bool(mine) and sorted(self.platform_answers.get(question_id, ())) == sorted(mine)

    def position_of(self, question_id: str) -> int:
        return next((q.position for q in self.questions if q.id == question_id), 0)

    @property
    def unanswered_count(self) -> int:
        return sum(1 for q in self.questions if not self.answered(q.id))

    def with_answers(self, newer: Answers) -> Attempt:
        """These answers over the attempt's own (newer ones win, per question)."""
        return replace(self, answers={**self.answers, **newer})


@dataclass(frozen=True)
class QueuedAnswer:
    """An answer given on this PC that the platform has not confirmed yet (an outbox item).

    ``base_option_ids``: the platform's answer to the question as this PC knew it when the
    learner chose; ``base_version``: the attempt's version then.
    """

    item_id: str
    question_id: str
    option_ids: tuple[str, ...]
    base_option_ids: tuple[str, ...] = ()
    base_version: int = 0


@dataclass(frozen=True)
class QueueAgainstPlatform:
    """The queue of one attempt laid against the platform's answers (``sort_queue``).

    ``to_send``: the newest answer of each question still to send.  ``done``: items the
    platform already holds (or superseded by a newer one of this PC that it holds).
    ``superseded``: items of questions changed elsewhere since this PC saw them, by
    question id; the platform's answer stands and these are not sent.
    """

    to_send: Answers
    done: tuple[str, ...]
    superseded: dict[str, tuple[str, ...]]

    @property
    def leaving(self) -> list[str]:
        """Every item that leaves the queue (done or superseded)."""
        return [*self.done, *(i for ids in self.superseded.values() for i in ids)]


def sort_queue(queued: list[QueuedAnswer], platform: Answers) -> QueueAgainstPlatform:
    """Which queued answers still go, given the platform's answers now (oldest first in).

    The rule for two windows (docs/api.md "Exams"): saves carry only the questions this PC
    changed, so answers to different questions never conflict.  For one question, the
    platform's answer is "explained" by this PC when it is the answer this PC last knew
    there or one of the answers given here since; otherwise another window changed it
    after this PC saw it, and the platform's answer stands: this PC's is dropped and the
    window says so (it was chosen without seeing the other).  The learner can answer again.
    """
    by_question: dict[str, list[QueuedAnswer]] = {}
    for item in queued:
        by_question.setdefault(item.question_id, []).append(item)
    to_send: Answers = {}
    done: list[str] = []
    superseded: dict[str, tuple[str, ...]] = {}
    for question_id, items in by_question.items():
        now = _canonical(platform.get(question_id, ()))
        known = {_canonical(items[0].base_option_ids)} | {_canonical(i.option_ids) for i in items}
        if now not in known:
            superseded[question_id] = tuple(i.item_id for i in items)
            continue
        newest = items[-1]
        if _canonical(newest.option_ids) == now:
            done.extend(i.item_id for i in items)
        else:
            done.extend(i.item_id for i in items[:-1])
            to_send[question_id] = newest.option_ids
    return QueueAgainstPlatform(to_send, tuple(done), superseded)


def _canonical(option_ids: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(option_ids)))


def changed_questions(
    before: Answers, after: Answers, questions: tuple[Question, ...]
) -> list[str]:
    """The questions (paper order) whose answer differs between *before* and *after*."""
    return [
        q.id
        for q in questions
        if _canonical(before.get(q.id, ())) != _canonical(after.get(q.id, ()))
    ]


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
