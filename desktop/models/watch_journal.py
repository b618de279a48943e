"""Watch time on its way to the platform: the ``watch_event`` outbox, its pusher, and progress.

The player reports ``WatchedInterval``s; each becomes one outbox item of kind
``watch_event`` whose id *is* the event id (docs/api.md, "Client side").  The sync engine
pushes them with ``POST /watch-events``; the platform applies an id at most once, so a
batch retried after a lost answer counts nothing twice.  Accepted and refused events leave
the outbox.  A refused event, and the uncredited rest of a trimmed one, is kept in the
cache's refusals by the same transaction (the learner is shown it:
``desktop.models.watch_refusals``); the chapters' progress the platform answered is
written into the cached progress in that transaction too, so credited time shows at once.

Nothing is lost when the session expires mid-lecture: the intervals go into the account's
own cache file even while nobody is logged in, and are pushed after the next login.

The ``progress`` refresher keeps ``GET /progress`` of the years the learner studies in the
cache (entity ``progress``, id the year, the platform's JSON as answered), so 我的学习 and
the course page open from the cache and offline.

The module functions run on a worker (cache lane or inside the sync's network op).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop import __version__
from desktop.models.api_types import ChapterProgress, CourseProgress, Progress
from desktop.models.cache import Refusal
from desktop.models.changes import Changes
from desktop.models.learning_cache import get_enrollments
from desktop.models.sync import PushResult
from rules.watch import Interval, covered_ms, merge_intervals

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache, OutboxItem
    from desktop.models.playback import WatchedInterval
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

WATCH_EVENT = "watch_event"
PROGRESS = "progress"
MAX_BATCH = 1000
"""Events per ``POST /watch-events`` (the contract's limit)."""


# -- journal ---------------------------------------------------------------------------


def event_payload(interval: WatchedInterval) -> dict[str, Any]:
    """The event of *interval* without its id (the outbox item's id is the event id)."""
    return {
        "chapter_id": interval.chapter_id,
        "from_ms": int(interval.from_ms),
        "to_ms": int(interval.to_ms),
        "started_at": interval.started_at.isoformat(timespec="milliseconds"),
        "ended_at": interval.ended_at.isoformat(timespec="milliseconds"),
        "rate": float(interval.rate),
        "app_version": __version__,
    }


def journal_intervals(cache: Cache, intervals: Iterable[WatchedInterval]) -> list[str]:
    """Queue one ``watch_event`` per non-empty interval; returns the event ids.

    A write that fails (disk full, file read-only) raises ``JournalFailed`` with the
    intervals not yet queued, so a retry queues those and nothing twice.
    """
    pending = [interval for interval in intervals if interval.to_ms > interval.from_ms]
    ids = []
    for done, interval in enumerate(pending):
        try:
            ids.append(cache.enqueue(WATCH_EVENT, event_payload(interval)))
        except Exception as exc:
            raise JournalFailed(pending[done:]) from exc
    return ids


class JournalFailed(Exception):
    """The cache refused a write; ``unsaved`` are the intervals it does not hold."""

    def __init__(self, unsaved: list[WatchedInterval]) -> None:
        super().__init__(f"{len(unsaved)} interval(s) not journalled")
        self.unsaved = unsaved


def queued_watch(cache: Cache, chapter_id: str) -> tuple[list[Interval], int | None]:
    """What the outbox still holds of *chapter_id*: its intervals, and the last position.

    The last position is ``to_ms`` of the queued event that ended last — newer than any
    the platform knows, since the platform has not seen these yet.  ``None``: none queued.
    """
    return queued_watch_by_chapter(cache).get(chapter_id, ([], None))


def queued_watch_by_chapter(cache: Cache) -> dict[str, tuple[list[Interval], int | None]]:
    """``queued_watch`` of every chapter with queued events, from one read of the outbox."""
    latest: dict[str, str] = {}
    found: dict[str, tuple[list[Interval], int | None]] = {}
    for item in _queued_events(cache):
        payload = item.payload
        chapter_id = str(payload.get("chapter_id", ""))
        spans, position = found.get(chapter_id, ([], None))
        spans.append((int(payload["from_ms"]), int(payload["to_ms"])))
        ended = _utc_key(str(payload.get("ended_at", "")))
        if chapter_id not in latest or ended >= latest[chapter_id]:
            latest[chapter_id] = ended
            position = int(payload["to_ms"])
        found[chapter_id] = (spans, position)
    return found


def queued_spans(cache: Cache) -> dict[str, list[Interval]]:
    """Chapter → the intervals the outbox still holds (one read of the outbox)."""
    return {chapter: spans for chapter, (spans, _) in queued_watch_by_chapter(cache).items()}


def _queued_events(cache: Cache) -> list[OutboxItem]:
    return [item for item in cache.pending(limit=1_000_000) if item.kind == WATCH_EVENT]


def _utc_key(stamp: str) -> str:
    try:
        return dt.datetime.fromisoformat(stamp).astimezone(dt.UTC).isoformat()
    except ValueError:
        return ""


# -- push ------------------------------------------------------------------------------


def push_watch_events(api: ApiClient, items: list[OutboxItem]) -> PushResult:
    """The sync pusher of ``watch_event``: batches of ≤ 1000, each id its outbox id.

    Refused events, and trimmed ones (accepted, credited in part), are ``kept`` for the
    learner; the chapters' progress the platform answered is applied to the cache when
    the sync acknowledges the batch (``settle``).
    """
    acknowledged: list[str] = []
    refused: dict[str, str] = {}
    kept: dict[str, Refusal] = {}
    states: list[dict[str, Any]] = []
    credited: dict[str, int | None] = {}  # accepted id → credited media ms (None: all)
    for start in range(0, len(items), MAX_BATCH):
        batch = items[start : start + MAX_BATCH]
        events = [{"id": item.id, **item.payload} for item in batch]
        answer = api.push_watch_events(events)
        for event_id in answer.accepted:
            acknowledged.append(event_id)
            credited[event_id] = None
        for refusal in answer.refused:
            event_id = str(refusal.get("id", ""))
            code = str(refusal.get("code") or "refused")
            refused[event_id] = code
            kept[event_id] = Refusal(code, str(refusal.get("message") or ""))
        for trim in answer.trimmed:
            event_id = str(trim.get("id", ""))
            credited_ms = _int(trim.get("credited_ms"))
            if event_id not in credited:  # in "accepted" too, by the contract
                acknowledged.append(event_id)
            credited[event_id] = credited_ms
            kept[event_id] = Refusal(
                str(trim.get("code") or "trimmed"), str(trim.get("message") or ""), credited_ms
            )
        states.extend(answer.progress)
    spans = _credited_spans(items, credited)
    settle = None
    if states or kept:
        settle = lambda cache: _settle(cache, states, spans, bool(kept))  # noqa: E731
    return PushResult(acknowledged_ids=acknowledged, refused=refused, kept=kept, settle=settle)


def _int(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _credited_spans(
    items: list[OutboxItem], credited: dict[str, int | None]
) -> dict[str, list[Interval]]:
    """Chapter → the media the platform credited of these events.

    A trimmed event is taken as credited from its start (the platform's answer gives only
    how much); the pull that follows brings the platform's own intervals.
    """
    spans: dict[str, list[Interval]] = {}
    for item in items:
        if item.id not in credited:
            continue
        payload = item.payload
        start, end = _int(payload.get("from_ms")), _int(payload.get("to_ms"))
        amount = credited[item.id]
        if amount is not None:
            end = min(end, start + amount)
        if end > start:
            spans.setdefault(str(payload.get("chapter_id", "")), []).append((start, end))
    return spans


def _settle(
    cache: Cache, states: list[dict[str, Any]], spans: dict[str, list[Interval]], kept: bool
) -> Changes:
    """Run by the sync in the acknowledgement's transaction: the platform's answer for
    the chapters into the cached progress, so the screens show it without another request."""
    applied = apply_chapter_states(cache, states, spans) if states else False
    return Changes(progress=applied or kept)


def apply_chapter_states(
    cache: Cache, states: list[dict[str, Any]], spans: dict[str, list[Interval]]
) -> bool:
    """Write the platform's chapter states (``POST /watch-events``' ``progress``) into every
    cached year holding those chapters; True when one was found.

    The chapter's coverage gains the media its accepted events were credited for (the
    answer carries no intervals); its courses' totals follow.  Completing a course, and
    its credits, come with the next pull of ``GET /progress``.
    """
    by_chapter = {str(state.get("chapter_id", "")): state for state in states}
    found = False
    for year, data in cache.get_records(PROGRESS).items():
        try:
            changed = _apply_to_year(data, by_chapter, spans)
        except (AttributeError, KeyError, TypeError, ValueError):
            # A record another client version wrote: left as it is (the next pull replaces
            # it), never a reason to keep the events in the outbox.
            log.info("cached progress of %s no longer fits; not updated from the push", year)
            continue
        if changed:
            cache.put_record(PROGRESS, year, data)
            found = True
    return found


def _apply_to_year(
    data: dict[str, Any], by_chapter: dict[str, dict[str, Any]], spans: dict[str, list[Interval]]
) -> bool:
    changed = False
    for course in data.get("courses") or ():
        chapters = course.get("chapters") or []
        touched = False
        for chapter in chapters:
            chapter_id = str(chapter.get("chapter_id", ""))
            state = by_chapter.get(chapter_id)
            if state is not None:
                _apply_chapter(chapter, state, spans.get(chapter_id, []))
                touched = True
        if touched:
            _recount_course(course, chapters)
            changed = True
    return changed


def _apply_chapter(chapter: dict[str, Any], state: dict[str, Any], spans: list[Interval]) -> None:
    known = [(int(a), int(b)) for a, b in chapter.get("intervals") or ()]
    chapter["intervals"] = [list(span) for span in merge_intervals([*known, *spans])]
    for key in ("watched_ms", "furthest_ms", "last_position_ms"):
        if key in state:
            chapter[key] = _int(state[key])
    if "completed" in state:
        chapter["completed"] = bool(state["completed"])
    chapter["percent"] = _percent(
        int(chapter.get("watched_ms", 0)),
        int(chapter.get("duration_ms", 0)),
        bool(chapter.get("completed")),
    )


def _recount_course(course: dict[str, Any], chapters: list[dict[str, Any]]) -> None:
    watched = sum(int(c.get("watched_ms", 0)) for c in chapters)
    course["watched_ms"] = watched
    completed = course.get("status") == "completed"
    course["percent"] = _percent(watched, int(course.get("duration_ms", 0)), completed)
    if not completed and watched > 0:
        course["status"] = "in_progress"


def _percent(watched_ms: int, duration_ms: int, complete: bool) -> float:
    """As the platform rounds it (one decimal, 100 only once complete)."""
    if complete:
        return 100.0
    if duration_ms <= 0:
        return 0.0
    return min(99.9, round(watched_ms * 100 / duration_ms, 1))


# -- progress --------------------------------------------------------------------------


def put_progress(cache: Cache, data: dict[str, Any]) -> None:
    cache.put_record(PROGRESS, str(int(data["year"])), data)


def get_progress(cache: Cache, year: int) -> Progress | None:
    """The progress of *year* last seen; None when never loaded (or unreadable)."""
    data = cache.get_record(PROGRESS, str(year))
    if data is None:
        return None
    try:
        return Progress.from_json(data)
    except (KeyError, TypeError, ValueError):
        log.info("cached progress no longer fits the client's records; reloading")
        return None


def fetch_progress(api: ApiClient, cache: Cache | None, year: int | None) -> Progress:
    """``GET /progress?year=`` into the cache (network lane)."""
    data = api.progress_json(year)
    if cache is not None:
        put_progress(cache, data)
    return Progress.from_json(data)


# -- what this computer knows was watched --------------------------------------------------


def watched_ms(credited: Iterable[Interval], queued: Iterable[Interval], duration_ms: int) -> int:
    """Watched = what the platform credited ∪ what the outbox still holds (pending).

    The one rule every view of watch time follows (我的学习, the course page): time studied
    offline shows at once, and shows the same everywhere, until the platform answers.
    """
    return min(duration_ms, covered_ms([*credited, *queued]))


def with_pending(progress: Progress, queued: Mapping[str, Iterable[Interval]]) -> Progress:
    """*progress* with the outbox's watch time (*queued*: chapter → intervals) added, by
    ``watched_ms``; a chapter with nothing queued keeps the platform's numbers."""
    if not queued:
        return progress
    courses = []
    for course in progress.courses:
        chapters = tuple(
            _chapter_with(chapter, queued.get(chapter.chapter_id, ()))
            for chapter in course.chapters
        )
        courses.append(_course_with(course, chapters))
    return replace(progress, courses=tuple(courses))


def _chapter_with(chapter: ChapterProgress, queued: Iterable[Interval]) -> ChapterProgress:
    spans = list(queued)
    if not spans:
        return chapter
    watched = max(chapter.watched_ms, watched_ms(chapter.intervals, spans, chapter.duration_ms))
    return replace(chapter, watched_ms=watched)


def _course_with(course: CourseProgress, chapters: tuple[ChapterProgress, ...]) -> CourseProgress:
    if chapters == course.chapters:
        return course
    added = sum(c.watched_ms for c in chapters) - sum(c.watched_ms for c in course.chapters)
    watched = (
        min(course.duration_ms, course.watched_ms + added)
        if course.duration_ms
        else course.watched_ms + added
    )
    status = "in_progress" if course.status == "not_started" and watched > 0 else course.status
    return replace(
        course,
        chapters=chapters,
        watched_ms=watched,
        pending_ms=course.pending_ms + max(0, watched - course.watched_ms),
        percent=_percent(watched, course.duration_ms, course.status == "completed"),
        status=status,
    )


def known_progress(cache: Cache, year: int) -> Progress | None:
    """The year's progress as this computer knows it: the platform's, last seen, plus the
    watch time still in the outbox (cache lane)."""
    progress = get_progress(cache, year)
    if progress is None:
        return None
    return with_pending(progress, queued_spans(cache))


def fetch_known_progress(api: ApiClient, cache: Cache | None, year: int) -> Progress:
    """``fetch_progress`` with the outbox's watch time added (network lane).

    The outbox is read first: what it holds then is counted as pending, and what the sync
    took out of it before that was acknowledged, so the platform's answer that follows
    holds it.  Read the other way round, time acknowledged in between was in neither."""
    queued = queued_spans(cache) if cache is not None else {}
    progress = fetch_progress(api, cache, year)
    return with_pending(progress, queued)


def refresh_progress(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``progress``: the current year and every year enrolled in."""
    current = fetch_progress(api, cache, None).year
    for year in sorted({e.year for e in get_enrollments(cache) or []} - {current}):
        fetch_progress(api, cache, year)
    return Changes(progress=True)


# -- the GUI side ----------------------------------------------------------------------


class WatchJournal(QObject):
    """Takes the player's intervals on the GUI thread and puts them in the outbox.

    *cache* answers the app's open cache (None between a lost session and the next
    login).  ``account_path`` is the cache file of the account that is playing; when
    that cache is not open, the file is opened just for the write, so an expired session
    loses nothing.  ``pusher`` is what the sync engine registers; ``take_accepted``
    tells whether a push was accepted since last asked (the app then syncs once more
    so the new progress shows at once).

    When the cache cannot be written (disk full, file read-only) the intervals stay in
    memory, ``failed`` says so in Chinese, and they are tried again first by the next
    ``record`` or after ``RETRY_MS``; what the outbox held stays there.  ``recovered``:
    a write succeeded after a failure.  ``journaled``: intervals entered the outbox (the
    session announces it, so every view of the watch time shows them at once).
    """

    RETRY_MS = 5_000
    failed = Signal(str)
    recovered = Signal()
    journaled = Signal()

    def __init__(
        self, tasks: TaskRunner, cache: Callable[[], Cache | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._cache = cache
        self.account_path: Path | None = None
        self._accepted = threading.Event()
        self._unsaved: list[WatchedInterval] = []
        self._failing = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(self.RETRY_MS)
        self._retry.timeout.connect(lambda: self.record([]))

    def record(self, intervals: list[WatchedInterval]) -> None:
        """Journal *intervals* on the cache lane (the order of writes is kept)."""
        if not intervals and not self._unsaved:
            return
        batch, self._unsaved = [*self._unsaved, *intervals], []
        cache, path = self._cache(), self.account_path
        run: Callable[[], object]
        if cache is not None and (path is None or cache.path == path):
            run = lambda: journal_intervals(cache, batch)  # noqa: E731
        elif path is not None:
            run = lambda: _journal_into_file(path, batch)  # noqa: E731
        else:
            log.error("%d watched interval(s) arrived with no account to keep them", len(batch))
            return
        self._tasks.op(
            run=run,
            success=self._saved,
            failure=lambda exc: self._keep(batch, exc),
            parent=self,
            lane="cache",
        ).start()

    def _saved(self, ids: list[str]) -> None:
        if ids:
            self.journaled.emit()
        if self._failing and not self._unsaved:
            self._failing = False
            self.recovered.emit()

    def _keep(self, batch: list[WatchedInterval], exc: BaseException) -> None:
        """The cache refused the write: keep what it lacks for the next ``record``."""
        unsaved = exc.unsaved if isinstance(exc, JournalFailed) else batch
        self._unsaved = [*unsaved, *self._unsaved]
        self._failing = True
        self._retry.start()
        log.warning("%d watched interval(s) could not be journalled: %s", len(unsaved),
                    type(exc.__cause__ or exc).__name__)  # fmt: skip
        self.failed.emit(
            self.tr(
                "无法写入本机学习记录（磁盘已满或文件只读）。已保存的记录不受影响；"
                "请释放磁盘空间，新的记录会自动重试保存，请勿关闭程序。"
            )
        )

    def pusher(self, api: ApiClient, items: list[OutboxItem]) -> PushResult:
        result = push_watch_events(api, items)
        if result.acknowledged_ids:
            self._accepted.set()
        return result

    def take_accepted(self) -> bool:
        accepted = self._accepted.is_set()
        self._accepted.clear()
        return accepted


def _journal_into_file(path: Path, intervals: list[WatchedInterval]) -> list[str]:
    from desktop.models.cache import Cache

    cache = Cache.open(path)
    try:
        return journal_intervals(cache, intervals)
    finally:
        cache.close()
