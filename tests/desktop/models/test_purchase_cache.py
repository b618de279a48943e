"""What the purchase screens keep in the account cache, and how they show money and time.

Real cache file; records in the contract's shape (docs/api.md, issue 4) go through the
client records and come back equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models.api_types import Institution, Order, Package
from desktop.models.cache import Cache
from desktop.models.formats import format_date, format_time
from desktop.models.purchase import PackageState, order_titles, package_state, purchase_years
from desktop.models.purchase_cache import (
    InstitutionQuery,
    get_institutions,
    get_orders,
    get_packages,
    mark_learner_info_filled,
    put_institutions,
    put_orders,
    put_packages,
)
from rules.money import format_fen

INSTITUTION = {
    "id": "yhdc",
    "name": "源和大成教育",
    "region_code": "440100",
    "region_name": "广州市",
    "year": 2021,
    "phone": "4008087802",
    "mode": "online",
    "course_types": ["professional", "public"],
    "learner_info_filled": False,
}
PACKAGE = {
    "id": "yhdc-2021-professional",
    "institution_id": "yhdc",
    "institution_name": "源和大成教育",
    "year": 2021,
    "course_type": "professional",
    "title": "2021年度广州市继续教育培训(专业课)",
    "price_fen": 9000,
    "credits": 60.0,
    "closes_at": "2021-12-31T23:59:59+08:00",
    "closed": False,
    "owned": False,
    "pending_order_id": None,
    "course_count": 48,
}
ORDER = {
    "id": "5d0c8a8e-2f7b-4a51-9a1e-0c2b9d3e4f50",
    "number": "202106211823500001",
    "amount_fen": 9000,
    "status": "paid",
    "method": "wechat",
    "created_at": "2021-06-21T10:23:50+00:00",
    "paid_at": "2021-06-21T10:25:00+00:00",
    "institution_id": "yhdc",
    "institution_name": "源和大成教育",
    "items": [
        {
            "package_id": "yhdc-2021-professional",
            "title": "2021年度广州市继续教育培训(专业课)",
            "course_type": "professional",
            "year": 2021,
            "credits": 60.0,
            "unit_price_fen": 9000,
            "quantity": 1,
            "total_fen": 9000,
        },
        {
            "package_id": "yhdc-2021-public",
            "title": "2021年公需课",
            "course_type": "public",
            "year": 2021,
            "credits": 30.0,
            "unit_price_fen": 0,
            "quantity": 1,
            "total_fen": 0,
        },
    ],
}
QUERY = InstitutionQuery(2021, "professional", "online")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "account" / "cache.sqlite3")
    yield opened
    opened.close()


def test_nothing_cached_yet_reads_as_none(cache: Cache) -> None:
    assert get_institutions(cache, QUERY) is None
    assert get_packages(cache, "yhdc", 2021) is None
    assert get_orders(cache) is None


def test_rows_round_trip_per_query(cache: Cache) -> None:
    institution = Institution.from_json(INSTITUTION)
    put_institutions(cache, QUERY, [institution])
    put_institutions(cache, InstitutionQuery(2021, "public", "online"), [])
    assert get_institutions(cache, QUERY) == [institution]
    assert get_institutions(cache, InstitutionQuery(2021, "public", "online")) == []
    assert get_institutions(cache, InstitutionQuery(2021, "professional", "onsite")) is None

    package = Package.from_json(PACKAGE)
    put_packages(cache, "yhdc", 2021, [package])
    assert get_packages(cache, "yhdc", 2021) == [package]
    assert package.credits_tenths == 600

    order = Order.from_json(ORDER)
    put_orders(cache, [order])
    (cached,) = get_orders(cache) or []
    assert cached == order and cached.items[1].title == "2021年公需课"


def test_saved_learner_info_marks_the_cached_row(cache: Cache) -> None:
    other = Institution.from_json({**INSTITUTION, "id": "other", "name": "另一机构"})
    put_institutions(cache, QUERY, [Institution.from_json(INSTITUTION), other])
    mark_learner_info_filled(cache, QUERY, "yhdc")
    rows = get_institutions(cache, QUERY) or []
    assert [(r.id, r.learner_info_filled) for r in rows] == [("yhdc", True), ("other", False)]


def test_a_row_of_an_older_shape_is_a_miss_not_a_crash(cache: Cache) -> None:
    cache.put_record("orders", "all", {"items": [{"id": "x", "number": "1"}]})
    assert get_orders(cache) is None


def test_money_and_time_as_the_guide_writes_them() -> None:
    assert format_fen(9000) == "¥90.00"
    assert format_fen(0) == "¥0.00"
    assert format_fen(123456) == "¥1,234.56"
    assert format_fen(5) == "¥0.05"
    assert format_time("2021-06-21T10:23:50+00:00") == "2021-06-21 18:23:50"
    assert format_time("2021-06-21T18:23:50+08:00") == "2021-06-21 18:23:50"
    assert format_date("2021-12-31T23:59:59+08:00") == "2021-12-31"
    assert format_time(None) == ""
    assert (
        order_titles(Order.from_json(ORDER)) == "2021年度广州市继续教育培训(专业课)；2021年公需课"
    )


def test_years_run_from_2021_to_the_platforms_year() -> None:
    def at(iso: str) -> dt.datetime:
        return dt.datetime.fromisoformat(iso)

    assert purchase_years(at("2021-06-21T18:23:50+08:00")) == [2021]
    assert purchase_years(at("2023-01-01T00:30:00+08:00")) == [2023, 2022, 2021]
    # 2022-12-31 16:30 UTC is already 2023 in China.
    assert purchase_years(at("2022-12-31T16:30:00+00:00")) == [2023, 2022, 2021]


def test_owned_beats_closed_beats_buyable() -> None:
    package = Package.from_json(PACKAGE)
    assert package_state(package) is PackageState.BUYABLE
    closed = Package.from_json({**PACKAGE, "closed": True})
    assert package_state(closed) is PackageState.CLOSED
    owned_and_closed = Package.from_json({**PACKAGE, "closed": True, "owned": True})
    assert package_state(owned_and_closed) is PackageState.OWNED
