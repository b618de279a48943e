"""Watch time the platform did not credit, and watch time it has not answered for yet.

SPEC §2: a refused event is never silently dropped; the learner sees the time that was not
credited and why.  The sync keeps every refused ``watch_event`` — and every accepted one
the platform credited only in part ("trimmed") — in the cache's refusals, in the
transaction that takes it out of the outbox (``Cache.acknowledge``).  Here they are read
back as ``Uncredited`` time, summed per chapter or course, and their reason worded for
the learner: what happened and what to do.

``ChapterTime`` is what the player, the course page and 我的学习 show of a chapter: the
time the platform credited (its coverage), the time still pending (queued in the outbox,
or played and not journalled yet: the platform has not answered for it), and the time
not credited.  Pending time is never shown as credited.

Functions taking a cache run on a worker (cache lane, or inside the sync's network op).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.i18n import tr, tr_platform
from desktop.models.watch_journal import PROGRESS, WATCH_EVENT, queued_watch
from rules.watch import MAX_CREDITED_RATE, Interval, covered_ms, merge_intervals

if TYPE_CHECKING:
    from desktop.models.cache import Cache, KeptRefusal

#: Uncredited time below this is not shown (what a trimmed event of honest play may lose
#: to timer granularity); it is kept all the same.
SHOWN_MIN_MS = 1_000


@dataclass(frozen=True)
class Uncredited:
    """Media time of one watch event that the platform did not credit.

    ``code``/``message``: the platform's reason (``message`` in its Chinese words).
    ``dismissed``: the learner closed its notice (the time still counts as not credited).
    """

    id: str
    chapter_id: str
    code: str
    message: str
    ms: int
    dismissed: bool


def uncredited_of(refusal: KeptRefusal) -> Uncredited | None:
    """The uncredited time of a kept refusal (None: a trimmed event credited in full)."""
    payload = refusal.payload
    try:
        played = max(0, int(payload["to_ms"]) - int(payload["from_ms"]))
    except (KeyError, TypeError, ValueError):
        return None
    credited = refusal.credited_ms
    missing = played if credited is None else max(0, played - max(0, credited))
    if missing <= 0:
        return None
    return Uncredited(
        id=refusal.id,
        chapter_id=str(payload.get("chapter_id", "")),
        code=refusal.code,
        message=refusal.message,
        ms=missing,
        dismissed=refusal.dismissed,
    )


def read_uncredited(cache: Cache) -> list[Uncredited]:
    """Every watch event's uncredited time, oldest first."""
    found = (uncredited_of(refusal) for refusal in cache.refusals(WATCH_EVENT))
    return [item for item in found if item is not None]


def dismiss(cache: Cache, ids: Iterable[str]) -> None:
    """The learner closed the notice of these refusals; it stays closed."""
    cache.dismiss_refusals(ids)


def dismissed(items: Iterable[Uncredited], ids: Collection[str]) -> list[Uncredited]:
    """*items* with the notice of *ids* closed: what a screen shows after 知道了, even from
    a cache read that started before the closing was written."""
    return [replace(item, dismissed=True) if item.id in ids else item for item in items]


@dataclass(frozen=True)
class UncreditedSummary:
    """The uncredited time of a chapter, a course or everything: total and reasons.

    ``reasons``: ``(code, platform message)`` pairs, the one with the most time first.
    ``ids``: the refusals summed (to dismiss their notice).
    """

    ms: int = 0
    reasons: tuple[tuple[str, str], ...] = ()
    ids: tuple[str, ...] = ()

    @property
    def shown(self) -> bool:
        """Whether there is enough to tell the learner about."""
        return self.ms >= SHOWN_MIN_MS


def summarise(items: Iterable[Uncredited]) -> UncreditedSummary:
    by_code: dict[tuple[str, str], int] = {}
    total = 0
    ids = []
    for item in items:
        key = (item.code, item.message)
        by_code[key] = by_code.get(key, 0) + item.ms
        total += item.ms
        ids.append(item.id)
    reasons = tuple(sorted(by_code, key=lambda key: -by_code[key]))
    return UncreditedSummary(total, reasons, tuple(ids))


def unread(items: Iterable[Uncredited]) -> UncreditedSummary:
    """The refusals whose notice the learner has not closed."""
    return summarise(item for item in items if not item.dismissed)


def by_chapter(items: Iterable[Uncredited]) -> dict[str, UncreditedSummary]:
    grouped: dict[str, list[Uncredited]] = {}
    for item in items:
        grouped.setdefault(item.chapter_id, []).append(item)
    return {chapter: summarise(group) for chapter, group in grouped.items()}


def reason_text(code: str, message: str = "") -> str:
    """What happened and what to do, in plain Chinese, for a refusal *code*.

    An unknown code (a newer platform) shows the platform's own message.
    """
    if code == "in_future":
        return tr("电脑时间不准：请把电脑时间设为自动同步后继续学习")
    if code == "overlap":
        return tr("正在其他设备学习：同一时间只计一处学时")
    if code == "rate_exceeded":
        return tr("播放速度超过 {rate} 倍速的部分不计学时").format(rate=f"{MAX_CREDITED_RATE:g}")
    if code == "enrollment_closed":
        return tr("课程包已截止：截止后的学习不计学时")
    if code == "before_purchase":
        return tr("学习时间早于购买课程的时间：请把电脑时间设为自动同步后继续学习")
    if code == "not_selected":
        return tr("尚未选择该课程：请先在“选课”中选择该课程再学习")
    if code == "chapter_unknown":
        return tr("该章节已不在课程中：请返回课程页刷新后继续学习")
    if code == "interval_invalid":
        return tr("这段学习记录无效：请重新观看这一段；如反复出现，请联系客服")
    if code == "id_taken":
        return tr("学习记录编号冲突：请联系客服")
    if message:
        return tr("平台未计学时：{message}").format(message=tr_platform(message))
    return tr("平台未计这段学时，请联系客服")


def reasons_text(summary: UncreditedSummary) -> str:
    """The reasons of *summary*, each once, the biggest first."""
    texts: list[str] = []
    for code, message in summary.reasons:
        text = reason_text(code, message)
        if text not in texts:
            texts.append(text)
    return tr("；").join(texts)


# -- credited, pending, not credited -------------------------------------------------------


@dataclass(frozen=True)
class ChapterTime:
    """One chapter's watch time as this computer knows it.

    ``credited``: the platform's coverage (cached progress).  ``queued``: the outbox's
    intervals, not answered for yet.  ``uncredited``: what the platform did not credit;
    ``unread``: the part of it whose notice the learner has not closed.
    """

    chapter_id: str
    credited: tuple[Interval, ...] = ()
    queued: tuple[Interval, ...] = ()
    refusals: tuple[Uncredited, ...] = ()

    @property
    def uncredited(self) -> UncreditedSummary:
        return summarise(self.refusals)

    @property
    def unread(self) -> UncreditedSummary:
        return unread(self.refusals)

    def with_dismissed(self, ids: Collection[str]) -> ChapterTime:
        """The same, with the notice of *ids* closed (a read may predate the closing)."""
        return replace(self, refusals=tuple(dismissed(self.refusals, ids)))

    @property
    def credited_ms(self) -> int:
        return covered_ms(self.credited)

    def pending_ms(self, *more: Iterable[Interval]) -> int:
        """Media time played but not credited yet: the queued intervals and *more* (played
        and not queued yet), outside what the platform credited."""
        spans = [*self.credited, *self.queued, *(span for spans in more for span in spans)]
        return covered_ms(spans) - self.credited_ms


def credited_intervals(cache: Cache, chapter_id: str) -> list[Interval]:
    """The platform's coverage of *chapter_id*, from whichever cached year holds it."""
    for data in cache.get_records(PROGRESS).values():
        for course in data.get("courses") or ():
            for chapter in course.get("chapters") or ():
                if chapter.get("chapter_id") == chapter_id:
                    return merge_intervals(
                        (int(a), int(b)) for a, b in chapter.get("intervals") or ()
                    )
    return []


def read_chapter_time(cache: Cache, chapter_id: str) -> ChapterTime:
    """What the player shows of *chapter_id*: credited, queued, not credited (cache lane)."""
    queued, _position = queued_watch(cache, chapter_id)
    uncredited = [item for item in read_uncredited(cache) if item.chapter_id == chapter_id]
    return ChapterTime(
        chapter_id,
        credited=tuple(credited_intervals(cache, chapter_id)),
        queued=tuple(merge_intervals(queued)),
        refusals=tuple(uncredited),
    )
