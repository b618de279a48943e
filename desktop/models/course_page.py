"""The course page's operations (``desktop/views/course_page.py``): what it shows, what 播放
and 试听 ask the player to play.  No widgets; every function runs on a worker.

The page opens from the cache (the course as last seen, the year's progress, the outbox's
queued watch time, the time the platform did not credit) and then from the platform.  A
chapter's 已学时长 is what the platform credited; what the outbox still holds shows beside
it as 待确认 (time watched offline shows at once, and never as credited); what the platform
refused shows as 未计学时.  学习进度 counts the credited and the pending time.

播放's ``PlayRequest``: the local file when the chapter is downloaded, else a signed media
URL; the resume position is the newest of the platform's ``last_position_ms`` and the
outbox's; the known intervals are the platform's coverage ∪ the queued ones (the player's
seek limit).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.models.api_types import Chapter, CourseDetail, CourseProgress
from desktop.models.downloads import downloaded_media
from desktop.models.errors import PlatformUnreachable
from desktop.models.playback import PlayRequest
from desktop.models.watch_journal import (
    fetch_progress,
    get_progress,
    queued_watch,
    queued_watch_by_chapter,
    watched_ms,
)
from desktop.models.watch_refusals import UncreditedSummary, by_chapter, read_uncredited
from rules.watch import Interval, covered_ms, merge_intervals

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache

COURSE = "course"
"""Cache entity of a course page's course (id: course id; the platform's JSON)."""


@dataclass(frozen=True)
class CoursePageData:
    """Everything the page shows: the course, its progress, and what is on this computer."""

    course: CourseDetail
    progress: CourseProgress | None
    queued: dict[str, list[Interval]] = field(default_factory=dict)
    downloaded: frozenset[str] = frozenset()
    uncredited: dict[str, UncreditedSummary] = field(default_factory=dict)
    """Chapter id → the time the platform did not credit, and why."""

    def credited_intervals(self, chapter_id: str) -> list[Interval]:
        credited = self.progress.chapter(chapter_id) if self.progress else None
        return merge_intervals(credited.intervals) if credited else []

    def known_intervals(self, chapter_id: str) -> list[Interval]:
        spans = self.credited_intervals(chapter_id)
        return merge_intervals(spans + self.queued.get(chapter_id, []))

    def watched_ms(self, chapter: Chapter) -> int:
        """Credited and pending: what this computer knows was watched (the one rule,
        ``watch_journal.watched_ms``, that 我的学习 follows too)."""
        return watched_ms(
            self.credited_intervals(chapter.id),
            self.queued.get(chapter.id, []),
            chapter.duration_ms,
        )

    def credited_ms(self, chapter: Chapter) -> int:
        return min(chapter.duration_ms, covered_ms(self.credited_intervals(chapter.id)))

    def pending_ms(self, chapter: Chapter) -> int:
        """Watched, and not answered for by the platform yet (queued in the outbox)."""
        return max(0, self.watched_ms(chapter) - self.credited_ms(chapter))

    def uncredited_of(self, chapter_id: str) -> UncreditedSummary:
        return self.uncredited.get(chapter_id) or UncreditedSummary()

    def percent(self) -> float:
        """Watched share of the course; 100 once the platform says it is complete (which
        allows ``completion_tolerance_ms`` short of each chapter's end)."""
        if self.progress is not None and self.progress.status == "completed":
            return 100.0
        total = sum(c.duration_ms for c in self.course.chapters)
        watched = sum(self.watched_ms(c) for c in self.course.chapters)
        return 100.0 * watched / total if total else 0.0

    def with_downloaded(self, chapter_id: str) -> CoursePageData:
        """The same page once *chapter_id*'s download finished (no need to read again)."""
        return replace(self, downloaded=self.downloaded | {chapter_id})


def local_state(
    cache: Cache | None, account: Path | None, course: CourseDetail
) -> tuple[dict[str, list[Interval]], frozenset[str], dict[str, UncreditedSummary]]:
    """What only this computer knows: queued watch time, downloads, uncredited time."""
    queued: dict[str, list[Interval]] = {}
    uncredited: dict[str, UncreditedSummary] = {}
    if cache is not None:
        outbox = queued_watch_by_chapter(cache)  # one read of the outbox, not one per chapter
        refused = by_chapter(read_uncredited(cache))
        for chapter in course.chapters:
            spans, _position = outbox.get(chapter.id, ([], None))
            if spans:
                queued[chapter.id] = spans
            if chapter.id in refused:
                uncredited[chapter.id] = refused[chapter.id]
    downloaded = frozenset(
        c.id for c in course.chapters if account and downloaded_media(account, c.id)
    )
    return queued, downloaded, uncredited


def read_page(
    cache: Cache, account: Path | None, course_id: str, year: int
) -> CoursePageData | None:
    """The page from the cache alone (cache lane); None when the course was never seen."""
    data = cache.get_record(COURSE, course_id)
    if data is None:
        return None
    course = CourseDetail.from_json(data)
    progress = get_progress(cache, year)
    queued, downloaded, uncredited = local_state(cache, account, course)
    return CoursePageData(
        course, progress.course(course_id) if progress else None, queued, downloaded, uncredited
    )


def fetch_page(
    api: ApiClient, cache: Cache | None, account: Path | None, course_id: str, year: int
) -> CoursePageData:
    """The course and the year's progress from the platform, into the cache (network lane)."""
    data = api.course_json(course_id)
    course = CourseDetail.from_json(data)
    if cache is not None:
        cache.put_record(COURSE, course_id, data)
    # The outbox before the progress (as ``fetch_known_progress``): time the sync has
    # acknowledged in between is then in the platform's answer, never in neither.
    queued, downloaded, uncredited = local_state(cache, account, course)
    progress = fetch_progress(api, cache, year) if course.selected else None
    return CoursePageData(
        course, progress.course(course_id) if progress else None, queued, downloaded, uncredited
    )


def play_request(
    api: ApiClient | None,
    cache: Cache | None,
    account: Path | None,
    data: CoursePageData,
    chapter: Chapter,
) -> PlayRequest:
    """What the player needs for *chapter* (network lane; ``PlatformUnreachable`` offline).

    Resumes at the outbox's last position if any is queued (newer than the platform's),
    else the platform's; from the start when that is at the very end.
    """
    queued_position: int | None = None
    queued: list[Interval] = []
    if cache is not None:  # read now: the player may have journalled since the page loaded
        queued, queued_position = queued_watch(cache, chapter.id)
    credited = data.progress.chapter(chapter.id) if data.progress else None
    known = merge_intervals([*(credited.intervals if credited else ()), *queued])
    start = queued_position if queued_position is not None else 0
    if queued_position is None and credited is not None:
        start = credited.last_position_ms
    if start >= chapter.duration_ms - data.course.policy.completion_tolerance_ms:
        start = 0
    local = downloaded_media(account, chapter.id) if account else None
    if local is not None:
        source = str(local)
    elif api is None:
        raise PlatformUnreachable("not connected")
    else:
        source = api.media_url(chapter.id).url
    return PlayRequest(
        course_id=data.course.id,
        course_title=data.course.title,
        chapter_id=chapter.id,
        chapter_title=chapter.title,
        duration_ms=chapter.duration_ms,
        source=source,
        start_ms=max(0, start),
        known_intervals=tuple(known),
        credited_intervals=tuple(credited.intervals if credited else ()),
        policy=data.course.policy,
        handout=chapter.handout,
    )


def trial_request(api: ApiClient, course_id: str) -> PlayRequest:
    """试听: the course's preview (the first chapter's, ``preview_ms`` long); counts nothing."""
    course = api.course(course_id)
    if not course.chapters or not course.trial_available:
        raise LookupError("no trial")
    chapter = course.chapters[0]
    return PlayRequest(
        course_id=course.id,
        course_title=course.title,
        chapter_id=chapter.id,
        chapter_title=chapter.title,
        duration_ms=chapter.preview_ms or chapter.duration_ms,
        source=api.media_url(chapter.id, preview=True).url,
        policy=course.policy,
        trial=True,
        preview_ms=chapter.preview_ms,
    )
