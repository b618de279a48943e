"""公需考试 in the account's cache: the year's exams, the attempt being taken, and its answers.

The page opens from the cache first (at once, and offline), then from the platform; the
sync's ``exam`` refresher keeps the cache current when an attempt is graded.

The answers are what must never be lost (docs/api.md "Client side"): each choice becomes
an outbox item of kind ``exam_answer`` before the dialog shows it as given, and the sync
engine's pusher sends, per attempt, the newest answer of each question in one ``PUT
/attempts/{id}/answers`` naming the attempt's version it was given at (``If-Match``).  The
attempt as last seen is kept too — the platform's answers at its version, what is shown
("已保存" is only what equals the platform's) — and so is which attempt the dialog has
open: after a crash or a restart the same attempt reopens, the queue laid over it.

Two PCs on one attempt (docs/api.md "Exams"): a save whose version is stale is refused
with the platform's answers; the queue is then sorted against them (``sort_queue``): an
answer to a question changed elsewhere since this PC saw it gives way to the platform's,
the rest go again.  Every change of the cached attempt is one ``Cache.atomic()`` block, so
the cache lane's journal and the network lane's pusher and checks never interleave it.

Keys in the ``records`` table (``dataclasses.asdict`` of the client records; a row that no
longer fits is treated as missing, since the platform can send it again):

* ``exams`` / ``"{year}"`` → ``ExamOverview``;
* ``exam_attempts`` / exam id → ``{"items": [AttemptSummary...]}``, oldest first;
* ``exam_attempt`` / attempt id → ``Attempt`` (questions, the platform's answers and
  version, and the answers shown here);
* ``exam_result`` / attempt id → ``SubmitResult`` once the attempt is closed;
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
    QueuedAnswer,
    SubmitResult,
    answers_from_json,
    answers_to_json,
    changed_questions,
    sort_queue,
)
from desktop.models.learning_cache import get_enrollments
from desktop.models.sync import PushResult
from rules.exam import QUESTION_COUNT, passed
from rules.years import year_at

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache, OutboxItem

log = logging.getLogger(__name__)

EXAMS = "exams"
EXAM_ATTEMPTS = "exam_attempts"
EXAM_ATTEMPT = "exam_attempt"
EXAM_SESSION = "exam_session"
EXAM_RESULT = "exam_result"
EXAM_ANSWER = "exam_answer"
"""Outbox kind: ``{"attempt_id", "question_id", "option_ids", "answered_at", "base_version",
"base_option_ids"}`` (the base: the attempt's version and this question's answer on the
platform as this PC knew them when the learner chose)."""
CHANGE_ENTITY = "exam"
"""The change feed's entity when an attempt is graded (entity id: the exam id)."""
_OPEN = "open"
#: The platform's refusals after which queued answers can never be saved: drop them.
_FINAL_CODES = frozenset({"attempt_closed", "not_found", "validation_error"})
_SAVE_TRIES = 3
"""Saves (or submits) of one attempt per call when another window keeps changing it."""


# -- the year's exams ------------------------------------------------------------------

FIRST_EXAM_YEAR = 2021
"""The first year this platform ran the public exam (the guide's 2021)."""


def exam_years(now: dt.datetime) -> list[int]:
    """公需考试's years: 2021 … the year at *now* (the platform's time), newest first."""
    newest = max(FIRST_EXAM_YEAR, year_at(now))
    return list(range(newest, FIRST_EXAM_YEAR - 1, -1))


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
        _note_graded(cache, overview, exam.id, rows)
        attempts[exam.id] = tuple(rows)
    return ExamPage(overview, attempts)


def refresh_exams(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``exam``: the current year and every year enrolled in."""
    current = fetch_exam_page(api, cache, None).overview.year
    for year in sorted({e.year for e in get_enrollments(cache) or []} - {current}):
        fetch_exam_page(api, cache, year)
    return Changes(exams=True)


# -- the attempt being taken -----------------------------------------------------------


class AttemptChanged(Exception):
    """交卷 was refused: the attempt changed elsewhere since the learner confirmed it.

    ``reloaded`` is the attempt as the platform has it now (already in the cache); the
    learner sees it before handing in.
    """

    def __init__(self, reloaded: Reloaded) -> None:
        super().__init__("the attempt changed elsewhere")
        self.reloaded = reloaded


class AttemptClosed(Exception):
    """The attempt was handed in elsewhere, or its time ran out: ``result`` is its grade."""

    def __init__(self, result: SubmitResult) -> None:
        super().__init__("the attempt is closed")
        self.result = result


@dataclass(frozen=True)
class Reloaded:
    """The attempt after the platform's answers were laid under this PC's queue.

    ``changed``: the questions (paper order) whose answer on this PC was replaced by the
    platform's — changed elsewhere.  ``online``: False when read from the cache alone.
    """

    attempt: Attempt
    changed: tuple[str, ...] = ()
    online: bool = True


@dataclass(frozen=True)
class AttemptState:
    """What the dialog shows, from one read of the cache (cache lane).

    ``queued``: the newest answer of each question given here that the platform has not
    confirmed yet.  ``result``: the grade once the attempt is closed (wherever that was).
    """

    attempt: Attempt
    queued: Answers
    result: SubmitResult | None


def put_attempt(cache: Cache, attempt: Attempt) -> None:
    cache.put_record(EXAM_ATTEMPT, attempt.id, asdict(attempt))


def get_attempt(cache: Cache, attempt_id: str) -> Attempt | None:
    """The attempt as last seen here, with every answer given here written in."""
    return _rebuild(cache.get_record(EXAM_ATTEMPT, attempt_id), _attempt_from, EXAM_ATTEMPT)


def put_result(cache: Cache, result: SubmitResult) -> None:
    cache.put_record(EXAM_RESULT, result.attempt_id, asdict(result))


def get_result(cache: Cache, attempt_id: str) -> SubmitResult | None:
    """The grade of a closed attempt, as the platform told it here."""
    data = cache.get_record(EXAM_RESULT, attempt_id)
    return _rebuild(data, lambda d: SubmitResult(**d), EXAM_RESULT)


def read_attempt_state(cache: Cache, attempt_id: str) -> AttemptState | None:
    """The cached attempt, its queue and its result, read together (cache lane)."""
    with cache.atomic():
        attempt = get_attempt(cache, attempt_id)
        if attempt is None:
            return None
        queued = _newest_of(_queued_of(cache, attempt_id)) if attempt.in_progress else {}
        return AttemptState(attempt, queued, get_result(cache, attempt_id))


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
    return take_platform(cache, api.start_attempt(exam_id)).attempt


def resume_attempt(api: ApiClient, cache: Cache, attempt_id: str) -> Reloaded:
    """继续考试 or the reopening after a restart (network lane): the platform's attempt with
    the queue sorted against it (``online``); offline, the cached one with the queue.

    Raises ``PlatformUnreachable`` offline when the attempt was never cached.
    """
    try:
        fresh = api.attempt(attempt_id)
    except PlatformUnreachable:
        with cache.atomic():
            cached = get_attempt(cache, attempt_id)
            if cached is None:
                raise
            return Reloaded(_with_queue(cache, cached), online=False)
    return take_platform(cache, fresh)


def open_exam(api: ApiClient, cache: Cache, exam: Exam) -> Reloaded:
    """开始考试 / 继续考试 (network lane): the attempt in progress resumed, else a new one."""
    if exam.can_resume and exam.open_attempt_id:
        return resume_attempt(api, cache, exam.open_attempt_id)
    return Reloaded(start_attempt(api, cache, exam.id))


def find_unfinished(api: ApiClient, cache: Cache) -> Reloaded | None:
    """After a crash or a restart (network lane): the attempt the dialog had open, as the
    platform has it now; None when none was open."""
    attempt_id = open_attempt_id(cache)
    return None if attempt_id is None else resume_attempt(api, cache, attempt_id)


def check_attempt(api: ApiClient, cache: Cache, attempt_id: str) -> Reloaded:
    """The dialog's look at the platform (network lane): ``GET /attempts/{id}`` into the
    cache; a closed attempt's grade is kept too (``get_result``)."""
    reloaded = take_platform(cache, api.attempt(attempt_id))
    if not reloaded.attempt.in_progress and get_result(cache, attempt_id) is None:
        put_result(cache, _result_of_closed(api, cache, reloaded.attempt))
    return reloaded


def take_platform(cache: Cache, fresh: Attempt) -> Reloaded:
    """The platform's attempt (read, started, or told by a 412) into the cache.

    The queue is sorted against the platform's answers (``sort_queue``): what the platform
    holds leaves it, and so does what was changed elsewhere since this PC saw it.  News
    older than the cached version is ignored (versions only grow), and a closed attempt
    never opens again (a read still in flight when it was closed).  A closed attempt
    takes nothing more from here: its queue is dropped.
    """
    with cache.atomic():
        cached = get_attempt(cache, fresh.id)
        if cached is not None and (
            cached.version > fresh.version or (fresh.in_progress and not cached.in_progress)
        ):
            return Reloaded(_with_queue(cache, cached))
        queued = _queued_of(cache, fresh.id)
        if fresh.in_progress:
            cache.acknowledge(sort_queue(queued, fresh.platform_answers).leaving)
        else:
            cache.acknowledge([item.item_id for item in queued])
        attempt = _with_queue(cache, fresh)
        put_attempt(cache, attempt)
        if not attempt.in_progress:
            _keep_in_history(cache, attempt)
        before = attempt.answers if cached is None else cached.answers
        return Reloaded(
            attempt, tuple(changed_questions(before, attempt.answers, attempt.questions))
        )


def _with_queue(cache: Cache, attempt: Attempt) -> Attempt:
    """*attempt* showing the platform's answers with the newest queued ones over them."""
    if not attempt.in_progress:
        return replace(attempt, answers=dict(attempt.platform_answers))
    mine = _newest_of(_queued_of(cache, attempt.id))
    shown = {**attempt.platform_answers, **mine}
    return replace(attempt, answers={q: a for q, a in shown.items() if a})


# -- answers: the journal and its pusher ----------------------------------------------


def record_answer(
    cache: Cache,
    attempt_id: str,
    question_id: str,
    option_ids: Iterable[str],
    answered_at: dt.datetime,
) -> str:
    """Journal one answer (cache lane): the outbox item and the cached attempt, one commit.

    Only once this returns is the answer shown as given; a kill before loses what the
    learner was told was still being saved ("正在保存…"), never what was shown as given.
    The item carries the version and the platform's answer this PC knew (its base), so
    its pusher can tell a change made elsewhere since (``sort_queue``).
    """
    chosen = sorted(set(option_ids))
    with cache.atomic():
        attempt = get_attempt(cache, attempt_id)
        base = () if attempt is None else attempt.platform_answers.get(question_id, ())
        item_id = cache.enqueue(
            EXAM_ANSWER,
            {
                "attempt_id": attempt_id,
                "question_id": question_id,
                "option_ids": chosen,
                "answered_at": answered_at.isoformat(timespec="milliseconds"),
                "base_version": 0 if attempt is None else attempt.version,
                "base_option_ids": list(base),
            },
        )
        if attempt is not None:
            answers = {**attempt.answers, question_id: tuple(chosen)}
            put_attempt(cache, replace(attempt, answers={q: a for q, a in answers.items() if a}))
    return item_id


def queued_answers(cache: Cache, attempt_id: str) -> Answers:
    """The newest queued answer of each question of *attempt_id* (not yet on the platform)."""
    return _newest_of(_queued_of(cache, attempt_id))


def drop_queued_answers(cache: Cache, attempt_id: str) -> None:
    """The attempt is graded: what is still queued can never be saved."""
    cache.acknowledge(item.item_id for item in _queued_of(cache, attempt_id))


def push_exam_answers(api: ApiClient, items: list[OutboxItem]) -> PushResult:
    """The sync pusher of ``exam_answer``: per attempt, one ``PUT /attempts/{id}/answers``
    with the newest answer of each question, ``If-Match`` the version they were given at.

    A 412 (changed elsewhere) hands over the platform's answers: the queue is sorted
    against them (``sort_queue``) and what is left goes again at the new version, at most
    ``_SAVE_TRIES`` times.  What the platform accepted becomes the cached attempt's
    ``platform_answers`` ("已保存"), in the transaction that takes the items out of the
    outbox.  Answers the platform will never take (the attempt is closed or gone, or they
    do not fit it) are refused for good with the code — a closed attempt's grade is kept
    for the dialog; the sync engine logs the codes only.  Any other failure leaves them
    queued for the next cycle.
    """
    by_attempt: dict[str, list[OutboxItem]] = {}
    for item in items:
        by_attempt.setdefault(str(item.payload["attempt_id"]), []).append(item)
    outcomes = [_push_attempt(api, attempt_id, group) for attempt_id, group in by_attempt.items()]
    settles = [outcome.settle for outcome in outcomes if outcome.settle is not None]

    def settle(cache: Cache) -> Changes:
        changes = Changes()
        for one in settles:
            changes |= one(cache)
        return changes

    return PushResult(
        acknowledged_ids=[i for outcome in outcomes for i in outcome.acknowledged_ids],
        refused={k: v for outcome in outcomes for k, v in outcome.refused.items()},
        settle=settle if settles else None,
    )


def _push_attempt(api: ApiClient, attempt_id: str, group: list[OutboxItem]) -> PushResult:
    queued = [_queued_answer(item) for item in group]
    version = max(item.base_version for item in queued)
    to_send = _newest_of(queued)
    known: Answers | None = None  # the platform's whole answers at *version*, once told
    superseded: set[str] = set()
    all_ids = [item.item_id for item in queued]
    for _ in range(_SAVE_TRIES):
        try:
            saved = api.save_answers(attempt_id, answers_to_json(to_send), version)
        except PlatformUnreachable:
            raise
        except ApiError as exc:
            if is_session_expired(exc):
                raise
            if exc.code == "attempt_changed":
                known = answers_from_json(exc.extra.get("answers") or {})
                version = int(exc.extra.get("version") or 0)
                sorting = sort_queue(queued, known)
                superseded = {i for ids in sorting.superseded.values() for i in ids}
                to_send = sorting.to_send
                if not to_send:
                    return _pushed(attempt_id, all_ids, superseded, {}, version, version, known)
                continue
            return _refused(attempt_id, all_ids, exc)
        return _pushed(
            attempt_id, all_ids, superseded, to_send, version, int(saved["version"]), known
        )
    log.info("answers of an attempt still changing elsewhere; kept for the next cycle")
    return PushResult()


def _pushed(
    attempt_id: str, ids: list[str], superseded: set[str], sent: Answers, based_on: int,
    version: int, known: Answers | None,
) -> PushResult:  # fmt: skip
    """Every item leaves the outbox (superseded ones as refused); the platform's answers at
    *version* become the cached attempt's, when this PC knows them whole."""

    def settle(cache: Cache) -> Changes:
        cache.acknowledge(ids)  # before the attempt is redrawn from the queue
        cached = get_attempt(cache, attempt_id)
        if cached is None or cached.version >= version:
            return Changes()
        if known is not None:
            platform = {**known, **sent}
        elif cached.version == based_on:
            platform = {**cached.platform_answers, **sent}
        else:  # not known whole here: the dialog's next look at the platform tells
            return Changes()
        platform = {q: tuple(sorted(a)) for q, a in platform.items() if a}
        put_attempt(cache, _with_queue(cache, replace(cached, version=version,
                                                      platform_answers=platform)))  # fmt: skip
        return Changes()

    return PushResult(
        acknowledged_ids=[i for i in ids if i not in superseded],
        refused={i: "changed_elsewhere" for i in superseded},
        settle=settle,
    )


def _refused(attempt_id: str, ids: list[str], exc: ApiError) -> PushResult:
    code = "not_found" if exc.status == 404 else exc.code
    if code not in _FINAL_CODES:
        log.warning("answers of an attempt not saved: %s", exc.code)
        return PushResult()
    result = exc.extra.get("result") if code == "attempt_closed" else None
    if not isinstance(result, dict):
        return PushResult(refused={i: code for i in ids})
    closed = SubmitResult.from_json(result)

    def settle(cache: Cache) -> Changes:
        cache.acknowledge(ids)
        cached = get_attempt(cache, attempt_id)
        if cached is not None:
            finish_attempt(cache, cached, closed, forget_open=False)
        return Changes(exams=True)

    return PushResult(refused={i: code for i in ids}, settle=settle)


def submit_attempt(
    api: ApiClient, cache: Cache, attempt_id: str, key: str, shown: Answers | None = None
) -> SubmitResult:
    """交卷 (network lane): the answers still queued go with the submit, ``If-Match`` the
    version this PC has; *key* (one per 交卷 action) lets a retry get its result again.

    *shown*: the answers the learner confirmed.  When the attempt changed elsewhere (412)
    and is no longer that paper, ``AttemptChanged`` is raised with it reloaded, so the
    learner sees it before handing in; when only this PC's own answers had moved it on,
    or *shown* is None (time is up), it is handed in again at the new version.  Closed
    elsewhere → ``AttemptClosed`` with its grade.
    """
    reloaded: Reloaded | None = None
    for _ in range(_SAVE_TRIES):
        with cache.atomic():
            cached = get_attempt(cache, attempt_id)
            if cached is None:
                raise LookupError("attempt not in the cache")
            body = answers_to_json(_newest_of(_queued_of(cache, attempt_id)))
        try:
            result = api.submit_attempt(attempt_id, body, cached.version, key)
        except ApiError as exc:
            if exc.code == "attempt_changed":
                reloaded = _take_refusal(cache, cached, exc)
                if shown is not None and changed_questions(
                    shown, reloaded.attempt.answers, cached.questions
                ):
                    raise AttemptChanged(reloaded) from exc
                continue
            if exc.code == "attempt_closed" and isinstance(exc.extra.get("result"), dict):
                closed = SubmitResult.from_json(exc.extra["result"])
                finish_attempt(cache, cached, closed)
                raise AttemptClosed(closed) from exc
            raise
        finish_attempt(cache, cached, result)
        return result
    assert reloaded is not None  # only 412s make the loop go round
    raise AttemptChanged(reloaded)


def _take_refusal(cache: Cache, cached: Attempt, exc: ApiError) -> Reloaded:
    """A 412's current answers and version into the cache, as a read would bring them."""
    platform = answers_from_json(exc.extra.get("answers") or {})
    fresh = replace(
        cached,
        version=int(exc.extra.get("version") or 0),
        platform_answers=platform,
        answers=platform,
    )
    return take_platform(cache, fresh)


def finish_attempt(
    cache: Cache, attempt: Attempt, result: SubmitResult | None = None, *, forget_open: bool = True
) -> None:
    """The attempt is over (graded, or time ran out): nothing of it needs reopening.

    *forget_open* False: found closed by the pusher while the dialog may still show it;
    the dialog says so and forgets it then.
    """
    with cache.atomic():
        drop_queued_answers(cache, attempt.id)
        if result is not None:
            graded = replace(
                attempt, status=result.status, score=result.score, passed=result.passed,
                submitted_at=result.submitted_at, correct_count=result.correct_count,
                answers=dict(attempt.platform_answers),
            )  # fmt: skip
            put_attempt(cache, graded)
            put_result(cache, result)
            _keep_in_history(cache, graded)
        if forget_open and open_attempt_id(cache) == attempt.id:
            clear_open_attempt(cache)


def _result_of_closed(api: ApiClient, cache: Cache, attempt: Attempt) -> SubmitResult:
    """The grade of an attempt found closed, with the exam's best score (its history)."""
    rows = api.exam_attempts(attempt.exam_id)
    put_attempts(cache, attempt.exam_id, rows)
    best = max((row.score for row in rows if row.score is not None), default=None)
    return _result_from(attempt, best, attempt.pass_score)


def _result_from(
    attempt: Attempt | AttemptSummary, best: int | None, pass_score: int
) -> SubmitResult:
    count = attempt.question_count if isinstance(attempt, Attempt) else QUESTION_COUNT
    correct = attempt.correct_count if isinstance(attempt, Attempt) else None
    return SubmitResult(
        attempt_id=attempt.id, status=attempt.status, score=attempt.score,
        passed=bool(attempt.passed), correct_count=correct, question_count=count,
        best_score=best, exam_passed=passed(best, pass_score), submitted_at=attempt.submitted_at,
    )  # fmt: skip


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


def _note_graded(
    cache: Cache, overview: ExamOverview, exam_id: str, rows: list[AttemptSummary]
) -> None:
    """An attempt cached here as 考试中 that the platform lists graded (handed in on
    another PC, or timed out): closed here too, with its grade, so an open dialog learns."""
    exam = overview.exam(exam_id)
    for row in rows:
        if row.in_progress:
            continue
        with cache.atomic():
            cached = get_attempt(cache, row.id)
            if cached is None or not cached.in_progress:
                continue
            best = None if exam is None else exam.best_score
            result = _result_from(row, best, cached.pass_score)
            finish_attempt(cache, cached, result, forget_open=False)


def _queued_of(cache: Cache, attempt_id: str) -> list[QueuedAnswer]:
    return [
        _queued_answer(item)
        for item in cache.pending(limit=1_000_000)
        if item.kind == EXAM_ANSWER and item.payload.get("attempt_id") == attempt_id
    ]


def _queued_answer(item: OutboxItem) -> QueuedAnswer:
    payload = item.payload
    return QueuedAnswer(
        item_id=item.id,
        question_id=str(payload["question_id"]),
        option_ids=tuple(str(o) for o in payload["option_ids"]),
        base_option_ids=tuple(str(o) for o in payload.get("base_option_ids") or ()),
        base_version=int(payload.get("base_version") or 0),
    )


def _newest_of(items: Iterable[QueuedAnswer]) -> Answers:
    """Oldest first in, so the last answer of each question wins."""
    newest: Answers = {}
    for item in items:
        newest[item.question_id] = tuple(sorted(item.option_ids))
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
    platform = {str(qid): tuple(ids) for qid, ids in data["platform_answers"].items()}
    return Attempt(
        **{**data, "questions": questions, "answers": answers, "platform_answers": platform}
    )


def _rebuild(data: dict[str, Any] | None, build: Any, entity: str) -> Any:
    if data is None:
        return None
    try:
        return build(data)
    except (KeyError, TypeError, ValueError):
        log.info("cached %s no longer fit the client's records; reloading", entity)
        return None
