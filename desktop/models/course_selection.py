"""选课's operations (``desktop/views/course_selection.py``): selecting, deselecting and
一键选课 on the platform, and which catalog wins on screen.  No widgets; the platform calls
run on a worker.  The catalog and tray models are ``desktop/models/catalog_model.py``; the
catalogs in the cache (and a selection's answer stored there) are
``desktop/models/learning_cache.py``; whether a course may be deselected is
``rules/selection.py``.

Every catalog carries the moment its request was sent (``StampedCatalog.as_of``).  A course
the learner changed after that moment, or one still waiting for the platform's answer,
keeps the page's state (``keep_newer``): a catalog read just before a click can never undo
it on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from desktop.models.errors import ApiError
from desktop.models.learning_cache import StampedCatalog

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Course, Enrollment

RELOAD_AFTER = frozenset({"selection_closed", "course_required", "course_watched", "not_found"})
"""Refusals that mean the platform knows something the page does not: read it again."""


def change_selection(
    api: ApiClient, enrollment_id: str, course_id: str, *, select: bool
) -> tuple[Course, Enrollment]:
    """选择 / 取消选择 on the platform (network lane): the course and its enrollment after it."""
    if select:
        return api.select_course(enrollment_id, course_id)
    return api.deselect_course(enrollment_id, course_id)


def auto_select(api: ApiClient, enrollment_id: str) -> tuple[list[str], StampedCatalog]:
    """一键选课 (network lane): the ids the platform added, and the catalog after it, stamped
    with the moment the request was sent."""
    as_of = time.time()
    added, catalog = api.auto_select(enrollment_id)
    return added, StampedCatalog(catalog, as_of)


def needs_reload(exc: BaseException) -> bool:
    """Whether a refusal of a selection means the page should read the catalog again."""
    return isinstance(exc, ApiError) and exc.code in RELOAD_AFTER


def keep_newer(
    incoming: Iterable[Course],
    shown: Callable[[str], Course | None],
    busy: Callable[[str], bool],
    changed_at: Mapping[str, float],
    as_of: float,
) -> list[Course]:
    """*incoming* (a catalog sent at *as_of*) with the page's own state of each course that
    is shown and either busy or changed by the learner after *as_of*."""
    return [
        current
        if (current := shown(course.id)) is not None
        and (busy(course.id) or changed_at.get(course.id, 0.0) > as_of)
        else course
        for course in incoming
    ]


def changed_by(
    incoming: Iterable[Course], shown: Callable[[str], Course | None], busy: Callable[[str], bool]
) -> list[Course]:
    """The courses of *incoming* (一键选课's answer) that differ from the shown ones, leaving
    out those still waiting for the platform."""
    return [c for c in incoming if not busy(c.id) and shown(c.id) not in (None, c)]
