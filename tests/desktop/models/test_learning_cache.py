"""What 我的学习 and 选课 keep in the account cache (a real cache file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.models.api_types import Catalog, Course, Enrollment
from desktop.models.cache import Cache
from desktop.models.learning_cache import (
    CATALOG,
    StampedCatalog,
    get_catalog,
    get_enrollments,
    put_catalog,
    put_enrollments,
    store_selection,
    study_year,
)

ENROLLMENT = {
    "id": "e-2021-pro",
    "package_id": "yhdc-2021-professional",
    "title": "2021年度广州市继续教育培训(专业课)",
    "institution_id": "yhdc",
    "institution_name": "源和大成教育",
    "year": 2021,
    "course_type": "professional",
    "required_credits": 60.0,
    "selected_credits": 4.0,
    "selected_count": 2,
    "closes_at": "2021-12-31T23:59:59+08:00",
    "closed": False,
    "order_id": "o-1",
    "created_at": "2021-06-21T18:23:50+08:00",
}


def course(number: int, **fields: object) -> Course:
    return Course.from_json(
        {
            "id": f"yhdc-2021-professional-c{number:02d}",
            "category": "行政事业",
            "title": f"政府会计准则解释第{number}号",
            "teacher": "郭淑荣",
            "credits": 2.4,
            "duration_ms": 6_480_000,
            "required": False,
            "selected": False,
            "watched_ms": 0,
            "trial_available": True,
            "deselect_problem": None,
            **fields,
        }
    )


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "account" / "cache.sqlite3")
    yield opened
    opened.close()


def test_a_catalog_comes_back_equal_from_one_record(cache: Cache) -> None:
    enrollment = Enrollment.from_json(ENROLLMENT)
    catalog = Catalog(enrollment, tuple(course(n, selected=n < 3) for n in range(1, 200)))
    assert get_catalog(cache, enrollment.id) is None
    put_catalog(cache, catalog, as_of=1_624_270_000.5)
    assert get_catalog(cache, enrollment.id) == StampedCatalog(catalog, 1_624_270_000.5)
    assert get_catalog(cache, "another") is None


def test_a_catalog_of_another_client_version_counts_as_missing(cache: Cache) -> None:
    record = {
        "as_of": 0,
        "enrollment": ENROLLMENT,
        "fields": ["id", "title"],
        "rows": [["c1", "旧"]],
    }
    cache.put_record(CATALOG, "e-2021-pro", record)
    assert get_catalog(cache, "e-2021-pro") is None


def test_a_selection_updates_the_cached_course_and_enrollment(cache: Cache) -> None:
    enrollment = Enrollment.from_json(ENROLLMENT)
    put_enrollments(cache, [enrollment])
    put_catalog(cache, Catalog(enrollment, (course(1), course(2))), as_of=100.0)
    chosen = course(2, selected=True)
    after = replace(enrollment, selected_tenths=64, selected_count=3)
    store_selection(cache, chosen, after)
    cached = get_catalog(cache, enrollment.id)
    assert cached is not None
    assert cached.catalog.courses == (course(1), chosen)
    assert cached.catalog.enrollment == after
    assert cached.as_of == 100.0  # the other courses are as old as before
    assert get_enrollments(cache) == [after]


def test_the_study_year_is_the_platforms_else_the_newest_owned() -> None:
    today = dt.date(2026, 3, 1)
    owned = [Enrollment.from_json(ENROLLMENT)]
    assert study_year("2021-06-21T18:23:50+08:00", owned, today) == 2021
    assert study_year("2021-12-31T16:00:00+00:00", [], today) == 2022  # China time
    assert study_year("", owned, today) == 2021  # offline start: what the learner owns
    assert study_year("", [], today) == 2026
