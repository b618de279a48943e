"""公需考试 in the account's cache: the year's exams, the attempt being taken, and its answers.

The page opens from the cache first (at once, and offline), then from the platform; the
sync's ``exam`` refresher keeps the cache current when an attempt is graded.

The answers are what must never be lost (docs/api.md "Client side"): each choice becomes
an outbox item of kind ``exam_answer`` at once, and the sync engine's pusher sends, per
attempt, the newest answer of each question in one ``PUT /attempts/{id}/answers``.  The
attempt as last seen, with every local answer written in, is kept too, and so is which
attempt the dialog has open: after a crash or a restart the same attempt reopens, with
the answers still queued (newer than the platform's) laid over the platform's.

Keys in the ``records`` table (``dataclasses.asdict`` of the client records; a row that no
longer fits is treated as missing, since the platform can send it again):

* ``exams`` / ``"{year}"`` → ``ExamOverview``;
* ``exam_attempts`` / exam id → ``{"items": [AttemptSummary...]}``, oldest first;
* ``exam_attempt`` / attempt id → ``Attempt`` (questions and local answers);
* ``exam_session`` / ``"open"`` → ``{"attempt_id", "exam_id"}`` while the dialog is open.

All functions run on a worker (cache lane, or inside a network op), never the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.models.changes import Changes
from desktop.models.errors import ApiError, PlatformUnreachable, is_session_expired
from desktop.models.exams import (
    Answers,
    Attempt,
    AttemptSummary,
    Exam,
    ExamOverview,
    Option,
    Question,
    SubmitResult,
    answers_to_json,
)
from desktop.models.learning_cache import get_enrollments
from desktop.models.sync import PushResult

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache, OutboxItem

log = logging.getLogger(__name__)

EXAMS = "exams"
EXAM_ATTEMPTS = "exam_attempts"
EXAM_ATTEMPT = "exam_attempt"
EXAM_SESSION = "exam_session"
EXAM_ANSWER = "exam_answer"
"""Outbox kind: ``{"attempt_id", "question_id", "option_ids", "answered_at"}``."""
CHANGE_ENTITY = "exam"
"""The change feed's entity when an attempt is graded (entity id: the exam id)."""
_OPEN = "open"
#: The platform's refusals after which queued answers can never be saved: drop them.
_FINAL_CODES = frozenset({"attempt_closed", "not_found", "validation_error"})


# -- the year's exams ------------------------------------------------------------------


def put_exam_overview(cache: Cache, overview: ExamOverview) -> None:
    cache.put_record(EXAMS, str(overview.year), asdict(overview))


def get_exam_overview(cache: Cache, year: int) -> ExamOverview | None:
    """The year's exams last seen; None when never loaded (or no longer readable)."""
    data = cache.get_record(EXAMS, str(year))
    return _rebuild(data, _overview_from, EXAMS)


def fetch_exam_overview(api: ApiClient, cache: Cache | None, year: int | None) -> ExamOverview:
    """``GET /exams?year=`` into the cache (network lane)."""
    overview = api.exams(year)
    if cache is not None:
        put_exam_overview(cache, overview)
    return overview


def put_attempts(cache: Cache, exam_id: str, rows: Iterable[AttemptSummary]) -> None:
    cache.put_record(EXAM_ATTEMPTS, exam_id, {"items": [asdict(row) for row in rows]})


def get_attempts(cache: Cache, exam_id: str) -> list[AttemptSummary] | None:
    data = cache.get_record(EXAM_ATTEMPTS, exam_id)
    return _rebuild(data, lambda d: [AttemptSummary(**item) for item in d["items"]], EXAM_ATTEMPTS)


@dataclass(frozen=True)
class ExamPage:
    """What 公需考试 shows for a year: the overview and each paper's attempts."""

    overview: ExamOverview
    attempts: dict[str, tuple[AttemptSummary, ...]]

    def attempts_of(self, exam_id: str) -> tuple[AttemptSummary, ...]:
        return self.attempts.get(exam_id, ())


def read_exam_page(cache: Cache, year: int) -> ExamPage | None:
    """The page from the cache alone (cache lane; works offline)."""
    overview = get_exam_overview(cache, year)
    if overview is None:
        return None
    return ExamPage(
        overview, {e.id: tuple(get_attempts(cache, e.id) or ()) for e in overview.items}
    )


def fetch_exam_page(api: ApiClient, cache: Cache, year: int | None) -> ExamPage:
    """The overview and the attempts of each paper tried, into the cache (network lane)."""
    overview = fetch_exam_overview(api, cache, year)
    attempts: dict[str, tuple[AttemptSummary, ...]] = {}
    for exam in overview.items:
        rows = api.exam_attempts(exam.id) if exam.attempts_used or exam.open_attempt_id else []
        put_attempts(cache, exam.id, rows)
        attempts[exam.id] = tuple(rows)
    return ExamPage(overview, attempts)


def refresh_exams(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``exam``: the current year and every year enrolled in."""
    current = fetch_exam_page(api, cache, None).overview.year
    for year in sorted({e.year for e in get_enrollments(cache) or []} - {current}):
        fetch_exam_page(api, cache, year)
    return Changes(exams=True)


# -- the attempt being taken -----------------------------------------------------------


def put_attempt(cache: Cache, attempt: Attempt) -> None:
    cache.put_record(EXAM_ATTEMPT, attempt.id, asdict(attempt))


def get_attempt(cache: Cache, attempt_id: str) -> Attempt | None:
    """The attempt as last seen here, with every answer given here written in."""
    return _rebuild(cache.get_record(EXAM_ATTEMPT, attempt_id), _attempt_from, EXAM_ATTEMPT)


def set_open_attempt(cache: Cache, attempt: Attempt) -> None:
    """The dialog has *attempt* open: reopen it after a crash or a restart."""
    cache.put_record(EXAM_SESSION, _OPEN, {"attempt_id": attempt.id, "exam_id": attempt.exam_id})


def clear_open_attempt(cache: Cache) -> None:
    cache.delete_record(EXAM_SESSION, _OPEN)


def open_attempt_id(cache: Cache) -> str | None:
    """The attempt the dialog had open when the app last stopped, if any."""
    data = cache.get_record(EXAM_SESSION, _OPEN)
    return None if data is None else str(data.get("attempt_id") or "") or None


def start_attempt(api: ApiClient, cache: Cache, exam_id: str) -> Attempt:
    """开始考试 (network lane): a new attempt, or the one in progress, with local answers."""
    return _keep(cache, api.start_attempt(exam_id))


def resume_attempt(api: ApiClient, cache: Cache, attempt_id: str) -> tuple[Attempt, bool]:
    """继续考试 or the reopening after a restart (network lane): the platform's attempt with
    the queued answers over it, and True; offline, the cached one with them, and False.

    Raises ``PlatformUnreachable`` offline when the attempt was never cached.
    """
    try:
        attempt = api.attempt(attempt_id)
    except PlatformUnreachable:
        cached = get_attempt(cache, attempt_id)
        if cached is None:
            raise
        return cached.with_answers(queued_answers(cache, attempt_id)), False
    return _keep(cache, attempt), True


def _keep(cache: Cache, attempt: Attempt) -> Attempt:
    """The answers still queued here are newer than the platform's: lay them over it."""
    if attempt.in_progress:
        attempt = attempt.with_answers(queued_answers(cache, attempt.id))
    put_attempt(cache, attempt)
    return attempt


# -- answers: the journal and its pusher ----------------------------------------------


def record_answer(
    cache: Cache,
    attempt_id: str,
    question_id: str,
    option_ids: Iterable[str],
    answered_at: dt.datetime,
) -> str:
    """Queue one answer (cache lane) and write it into the cached attempt.

    The outbox first: it alone is what the pusher sends, so a crash between the two
    writes loses nothing (``resume_attempt`` lays the queue over the attempt).
    """
    chosen = sorted(set(option_ids))
    item_id = cache.enqueue(
        EXAM_ANSWER,
        {
            "attempt_id": attempt_id,
            "question_id": question_id,
            "option_ids": chosen,
            "answered_at": answered_at.isoformat(timespec="milliseconds"),
        },
    )
    attempt = get_attempt(cache, attempt_id)
    if attempt is not None:
        put_attempt(cache, attempt.with_answers({question_id: tuple(chosen)}))
    return item_id


def queued_answers(cache: Cache, attempt_id: str) -> Answers:
    """The newest queued answer of each question of *attempt_id* (not yet on the platform)."""
    return _newest(item for item in _queued(cache) if item.payload["attempt_id"] == attempt_id)


def drop_queued_answers(cache: Cache, attempt_id: str) -> None:
    """The attempt is graded: what is still queued can never be saved."""
    cache.acknowledge(i.id for i in _queued(cache) if i.payload["attempt_id"] == attempt_id)


def push_exam_answers(api: ApiClient, items: list[OutboxItem]) -> PushResult:
    """The sync pusher of ``exam_answer``: one ``PUT`` per attempt with the newest answer of
    each question; every item of a saved attempt leaves the outbox.

    Answers the platform will never take (the attempt is graded or gone, or they do not
    fit it) are refused for good with the code; the sync engine logs the codes only.
    Any other failure leaves them queued for the next cycle.
    """
    by_attempt: dict[str, list[OutboxItem]] = {}
    for item in items:
        by_attempt.setdefault(str(item.payload["attempt_id"]), []).append(item)
    result = PushResult()
    for attempt_id, group in by_attempt.items():
        try:
            api.save_answers(attempt_id, answers_to_json(_newest(group)))
        except PlatformUnreachable:
            raise
        except ApiError as exc:
            if is_session_expired(exc):
                raise
            code = "not_found" if exc.status == 404 else exc.code
            if code in _FINAL_CODES:
                result.refused.update({item.id: code for item in group})
            else:
                log.warning("answers of an attempt not saved: %s", exc.code)
            continue
        result.acknowledged_ids.extend(item.id for item in group)
    return result


def submit_attempt(api: ApiClient, cache: Cache, attempt: Attempt) -> SubmitResult:
    """交卷 (network lane): every local answer goes with the submit, then the queue of the
    attempt is dropped (the platform has graded it) and the dialog is no longer open."""
    result = api.submit_attempt(attempt.id, answers_to_json(attempt.answers, answered_only=True))
    finish_attempt(cache, attempt, result)
    return result


def finish_attempt(cache: Cache, attempt: Attempt, result: SubmitResult | None = None) -> None:
    """The attempt is over (graded, or time ran out): nothing of it needs reopening."""
    drop_queued_answers(cache, attempt.id)
    if result is not None:
        graded = replace(
            attempt, status=result.status, score=result.score, passed=result.passed,
            submitted_at=result.submitted_at, correct_count=result.correct_count,
        )  # fmt: skip
        put_attempt(cache, graded)
        _keep_in_history(cache, graded)
    if open_attempt_id(cache) == attempt.id:
        clear_open_attempt(cache)


def _keep_in_history(cache: Cache, graded: Attempt) -> None:
    """The graded attempt in the cached history too, so that the page never shows a fresh
    overview (read by 个人主页) beside a history still saying 考试中."""
    summary = AttemptSummary(
        id=graded.id, number=graded.number, started_at=graded.started_at,
        deadline=graded.deadline, status=graded.status, score=graded.score,
        passed=graded.passed, submitted_at=graded.submitted_at,
    )  # fmt: skip
    rows = [row for row in get_attempts(cache, graded.exam_id) or [] if row.id != graded.id]
    put_attempts(cache, graded.exam_id, sorted([*rows, summary], key=lambda row: row.number))


def _queued(cache: Cache) -> list[OutboxItem]:
    return [item for item in cache.pending(limit=1_000_000) if item.kind == EXAM_ANSWER]


def _newest(items: Iterable[OutboxItem]) -> Answers:
    """Oldest first in, so the last answer of each question wins."""
    newest: Answers = {}
    for item in items:
        payload = item.payload
        newest[str(payload["question_id"])] = tuple(str(o) for o in payload["option_ids"])
    return newest


# -- plumbing --------------------------------------------------------------------------


def _overview_from(data: dict[str, Any]) -> ExamOverview:
    return ExamOverview(**{**data, "items": tuple(Exam(**item) for item in data["items"])})


def _attempt_from(data: dict[str, Any]) -> Attempt:
    questions = tuple(
        Question(**{**q, "options": tuple(Option(**o) for o in q["options"])})
        for q in data["questions"]
    )
    answers = {str(qid): tuple(ids) for qid, ids in data["answers"].items()}
    return Attempt(**{**data, "questions": questions, "answers": answers})


def _rebuild(data: dict[str, Any] | None, build: Any, entity: str) -> Any:
    if data is None:
        return None
    try:
        return build(data)
    except (KeyError, TypeError, ValueError):
        log.info("cached %s no longer fit the client's records; reloading", entity)
        return None
