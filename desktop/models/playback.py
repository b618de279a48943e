"""What the player is asked to play, and what it reports back: the shared records.

The player window (``desktop/views/player.py``) takes a ``PlayRequest`` and emits
``WatchedInterval`` batches; the learning side turns those into outbox items
(``watch_event``) and pushes them.  Neither side knows the other's internals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rules.watch import Interval, WatchPolicy


@dataclass(frozen=True)
class PlayRequest:
    """One chapter to play.

    ``source`` is a local file path (a downloaded chapter) or an http(s) URL the player can
    open as is (a signed media URL).  ``known_intervals`` is the coverage the platform and
    the outbox already hold (for the seek limit); ``credited_intervals`` the part of it the
    platform credited (the credited time shown; the rest is pending); ``start_ms`` where to
    resume.  A ``trial`` plays ``preview_ms`` of the preview and counts nothing.
    ``handout``: the chapter has a PDF handout (the player's 讲义 button).
    """

    course_id: str
    course_title: str
    chapter_id: str
    chapter_title: str
    duration_ms: int
    source: str
    start_ms: int = 0
    known_intervals: tuple[Interval, ...] = ()
    credited_intervals: tuple[Interval, ...] = ()
    policy: WatchPolicy = field(default_factory=WatchPolicy)
    trial: bool = False
    preview_ms: int = 0
    handout: bool = False


@dataclass(frozen=True)
class WatchedInterval:
    """A span of media actually played at a credited rate, with its wall-clock span.

    Becomes one ``POST /watch-events`` event: ``from_ms``/``to_ms`` media time,
    ``started_at``/``ended_at`` aware wall-clock times, ``rate`` the playback rate.
    """

    chapter_id: str
    from_ms: int
    to_ms: int
    started_at: dt.datetime
    ended_at: dt.datetime
    rate: float


@dataclass(frozen=True)
class WatchPushAnswer:
    """The platform's answer to a batch of watch events (``POST /watch-events``).

    ``accepted``: ids applied (or applied before).  ``refused``: ``{id, code, message}``,
    credited nothing.  ``trimmed``: ``{id, code, message, credited_ms}``, accepted (their
    ids are in ``accepted`` too) but credited for only ``credited_ms`` of their media time.
    ``progress``: ``{chapter_id, watched_ms, furthest_ms, last_position_ms, completed}`` of
    every chapter an accepted event touched.  A platform older than these fields answers
    only ``accepted`` and ``refused``; the others are then empty.
    """

    accepted: tuple[str, ...] = ()
    refused: tuple[dict[str, Any], ...] = ()
    trimmed: tuple[dict[str, Any], ...] = ()
    progress: tuple[dict[str, Any], ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WatchPushAnswer:
        def objects(key: str) -> tuple[dict[str, Any], ...]:
            return tuple(item for item in data.get(key) or () if isinstance(item, dict))

        return cls(
            accepted=tuple(str(i) for i in data.get("accepted") or ()),
            refused=objects("refused"),
            trimmed=objects("trimmed"),
            progress=objects("progress"),
        )
