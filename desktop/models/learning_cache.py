"""What 我的学习 and 选课 keep in the account's cache, and the ``enrollment`` refresher.

Both screens open from here first (instantly, and offline), then from the platform.

Keys in the ``records`` table:

* ``enrollments`` / ``"all"`` → ``{"items": [Enrollment...]}``, every year, as
  ``GET /enrollments`` answers;
* ``catalog`` / ``enrollment_id`` → the enrollment and its courses in catalog order, with
  the moment its request was sent (``as_of``, see ``StampedCatalog``).

A catalog can hold 10,000 courses, and it is read each time 选课 opens, so it is one record
(one read, one JSON decode) and its courses are stored as rows of values under one list of
field names rather than as 10,000 objects repeating their keys: decoding is about half the
work, and each ``Course`` is built positionally.  A record whose field list no longer
matches ``Course`` (written by another client version) is treated as missing, since the
platform can always send it again.

All functions run on a worker (cache lane, or inside a network op), never the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Protocol

from desktop.models.api_types import Catalog, Course, CourseProgress, Enrollment, Progress
from desktop.models.changes import Changes
from rules.years import year_of_iso

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Health
    from desktop.models.cache import Cache

log = logging.getLogger(__name__)

ENROLLMENTS = "enrollments"
CATALOG = "catalog"
_ALL = "all"
COURSE_FIELDS = tuple(f.name for f in fields(Course))
_course_values = attrgetter(*COURSE_FIELDS)


class Services(Protocol):
    """What the learning operations read of the learner's session (``Session``)."""

    api: ApiClient | None
    cache: Cache | None
    health: Health | None


# -- enrollments -----------------------------------------------------------------------


def put_enrollments(cache: Cache, enrollments: list[Enrollment]) -> None:
    cache.put_record(ENROLLMENTS, _ALL, {"items": [asdict(e) for e in enrollments]})


def get_enrollments(cache: Cache) -> list[Enrollment] | None:
    """Every enrollment last seen; None when never loaded (or no longer readable)."""
    data = cache.get_record(ENROLLMENTS, _ALL)
    if data is None:
        return None
    try:
        return [Enrollment(**item) for item in data["items"]]
    except (KeyError, TypeError, ValueError):
        log.info("cached enrollments no longer fit the client's records; reloading")
        return None


def fetch_enrollments(api: ApiClient, cache: Cache | None) -> list[Enrollment]:
    """``GET /enrollments`` (all years) into the cache (network lane)."""
    enrollments = api.enrollments()
    if cache is not None:
        put_enrollments(cache, enrollments)
    return enrollments


def _put_enrollment(cache: Cache, enrollment: Enrollment) -> None:
    """One enrollment's new state (after a selection) into the cached list."""
    current = get_enrollments(cache) or []
    if any(e.id == enrollment.id for e in current):
        updated = [enrollment if e.id == enrollment.id else e for e in current]
    else:
        updated = [*current, enrollment]
    put_enrollments(cache, updated)


def study_year(server_time: str, enrollments: list[Enrollment], today: dt.date) -> int:
    """The year 我的学习 shows: the platform's; offline (no server time), the newest owned."""
    if server_time:
        return year_of_iso(server_time, today.year)
    years = [e.year for e in enrollments if e.year <= today.year]
    return max(years, default=today.year)


_COURSE_TYPE_ORDER = {"public": 0, "professional": 1}


def enrollments_of_year(enrollments: Iterable[Enrollment], year: int) -> list[Enrollment]:
    """我的学习's cards: the enrollments of *year*, 公需课 before 专业课."""
    return sorted(
        (e for e in enrollments if e.year == year),
        key=lambda e: _COURSE_TYPE_ORDER.get(e.course_type, 2),
    )


def courses_of(progress: Progress | None, enrollment_id: str) -> list[CourseProgress]:
    """The selected courses of one enrollment in the year's progress (none before it loads)."""
    if progress is None:
        return []
    return [c for c in progress.courses if c.enrollment_id == enrollment_id]


def earned_tenths(courses: Iterable[CourseProgress]) -> int:
    """您已完成 M 学分: the credits of the completed courses (tenths)."""
    return sum(c.credits_tenths for c in courses if c.status == "completed")


# -- catalogs --------------------------------------------------------------------------


@dataclass(frozen=True)
class StampedCatalog:
    """A catalog and when its request to the platform was sent (``time.time()``).

    A screen that changed a course after that moment keeps its own newer state of it:
    a catalog read before the learner's change may be written to the cache after it.
    """

    catalog: Catalog
    as_of: float


def put_catalog(cache: Cache, catalog: Catalog, as_of: float) -> None:
    cache.put_record(
        CATALOG,
        catalog.enrollment.id,
        {
            "as_of": as_of,
            "enrollment": asdict(catalog.enrollment),
            "fields": list(COURSE_FIELDS),
            "rows": [_course_values(course) for course in catalog.courses],
        },
    )


def get_catalog(cache: Cache, enrollment_id: str) -> StampedCatalog | None:
    """The catalog last seen of *enrollment_id*; None when never loaded (or unreadable)."""
    data = cache.get_record(CATALOG, enrollment_id)
    if data is None:
        return None
    try:
        if tuple(data["fields"]) != COURSE_FIELDS:
            raise ValueError("course fields changed")
        catalog = Catalog(
            enrollment=Enrollment(**data["enrollment"]),
            courses=tuple(Course(*row) for row in data["rows"]),
        )
        return StampedCatalog(catalog, float(data["as_of"]))
    except (KeyError, TypeError, ValueError):
        log.info("cached catalog no longer fits the client's records; reloading")
        return None


def fetch_catalog(api: ApiClient, cache: Cache | None, enrollment_id: str) -> StampedCatalog:
    """``GET /enrollments/{id}/courses`` into the cache (network lane)."""
    as_of = time.time()
    catalog = api.catalog(enrollment_id)
    if cache is not None:
        put_catalog(cache, catalog, as_of)
        _put_enrollment(cache, catalog.enrollment)
    return StampedCatalog(catalog, as_of)


def store_catalog(cache: Cache | None, stamped: StampedCatalog) -> None:
    """A catalog the platform answered (一键选课), and its enrollment, into the cache."""
    if cache is not None:
        put_catalog(cache, stamped.catalog, stamped.as_of)
        _put_enrollment(cache, stamped.catalog.enrollment)


def store_selection(cache: Cache | None, course: Course, enrollment: Enrollment) -> None:
    """After a select/deselect: the course and its enrollment as the platform answered.

    Run on the cache lane (one writer at a time): it reads, changes and writes the catalog.
    """
    if cache is None:
        return
    cached = get_catalog(cache, enrollment.id)
    if cached is not None:
        courses = tuple(course if c.id == course.id else c for c in cached.catalog.courses)
        put_catalog(cache, Catalog(enrollment=enrollment, courses=courses), cached.as_of)
    _put_enrollment(cache, enrollment)


# -- sync ------------------------------------------------------------------------------


def refresh_enrollments(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``enrollment``: every enrollment and its catalog into the cache.

    Catalogs of enrollments that are gone (none are, today) are dropped.
    """
    previous = {e.id for e in get_enrollments(cache) or []}
    enrollments = []
    for listed in api.enrollments():
        as_of = time.time()
        catalog = api.catalog(listed.id)
        put_catalog(cache, catalog, as_of)
        enrollments.append(catalog.enrollment)  # read after the list: the newer state
    put_enrollments(cache, enrollments)
    for gone in previous - {e.id for e in enrollments}:
        cache.delete_record(CATALOG, gone)
    return Changes(tray=True, catalog=True)
