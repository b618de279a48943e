"""What 学习资源, 网上报名 and 我的订单 keep in the account's cache, and the ``order`` refresher.

Screens open from here first (instantly, and offline), then from the platform.  Records
are stored as ``dataclasses.asdict`` of the client records (credits already in tenths,
money in fen) and rebuilt field by field; a row written by an older client that no longer
fits is treated as missing, since the platform can always send it again.

Keys in the ``records`` table:

* ``institutions`` / ``"{year}/{course_type}/{mode}"`` → ``{"items": [Institution...]}``,
  one row per query of 学习资源 (the name search filters locally and is not part of it);
* ``packages`` / ``"{institution_id}/{year}"`` → ``{"items": [Package...]}``;
* ``orders`` / ``"all"`` → ``{"items": [Order...]}``, newest first, as ``GET /orders``.

All functions run on a worker (cache lane, or inside a network op), never the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, Any

from desktop.models.api_types import Institution, Order, OrderItem, Package, Refund
from desktop.models.changes import Changes
from desktop.models.invoices import Invoice

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache

log = logging.getLogger(__name__)

INSTITUTIONS = "institutions"
PACKAGES = "packages"
ORDERS = "orders"
_ALL = "all"


@dataclass(frozen=True)
class InstitutionQuery:
    """One view of 学习资源: the year, 专业课/公需课 and 远程/面授 (``online``/``onsite``)."""

    year: int
    course_type: str
    mode: str

    @property
    def key(self) -> str:
        return f"{self.year}/{self.course_type}/{self.mode}"


# -- institutions ----------------------------------------------------------------------


def put_institutions(cache: Cache, query: InstitutionQuery, rows: list[Institution]) -> None:
    cache.put_record(INSTITUTIONS, query.key, {"items": [asdict(row) for row in rows]})


def get_institutions(cache: Cache, query: InstitutionQuery) -> list[Institution] | None:
    """The rows last seen for *query*; None when never loaded (or no longer readable)."""
    data = cache.get_record(INSTITUTIONS, query.key)
    return _rebuild(data, _institution_from, INSTITUTIONS)


def fetch_institutions(api: ApiClient, cache: Cache, query: InstitutionQuery) -> list[Institution]:
    """From the platform into the cache (network lane)."""
    rows = api.institutions(year=query.year, course_type=query.course_type, mode=query.mode)
    put_institutions(cache, query, rows)
    return rows


def mark_learner_info_filled(cache: Cache, query: InstitutionQuery, institution_id: str) -> None:
    """After 补充信息 was saved: the cached rows of *query* say so (others follow on reload)."""
    rows = get_institutions(cache, query)
    if rows:
        put_institutions(
            cache,
            query,
            [replace(r, learner_info_filled=True) if r.id == institution_id else r for r in rows],
        )


def _institution_from(data: dict[str, Any]) -> Institution:
    return Institution(**{**data, "course_types": tuple(data["course_types"])})


# -- packages --------------------------------------------------------------------------


def put_packages(cache: Cache, institution_id: str, year: int, rows: list[Package]) -> None:
    cache.put_record(PACKAGES, f"{institution_id}/{year}", {"items": [asdict(r) for r in rows]})


def get_packages(cache: Cache, institution_id: str, year: int) -> list[Package] | None:
    data = cache.get_record(PACKAGES, f"{institution_id}/{year}")
    return _rebuild(data, lambda d: Package(**d), PACKAGES)


def fetch_packages(api: ApiClient, cache: Cache, institution_id: str, year: int) -> list[Package]:
    rows = api.packages(institution_id, year)
    put_packages(cache, institution_id, year, rows)
    return rows


# -- orders ----------------------------------------------------------------------------


def put_orders(cache: Cache, orders: list[Order]) -> None:
    cache.put_record(ORDERS, _ALL, {"items": [asdict(order) for order in orders]})


def get_orders(cache: Cache) -> list[Order] | None:
    return _rebuild(cache.get_record(ORDERS, _ALL), _order_from, ORDERS)


def refresh_orders(api: ApiClient, cache: Cache) -> Changes:
    """The sync refresher of ``order``: ``GET /orders`` into the cache."""
    put_orders(cache, api.orders())
    return Changes(orders=True)


def _order_from(data: dict[str, Any]) -> Order:
    items = tuple(OrderItem(**item) for item in data["items"])
    invoice = Invoice(**data["invoice"]) if data.get("invoice") else None
    refunds = tuple(Refund(**refund) for refund in data.get("refunds", ()))
    return Order(**{**data, "items": items, "invoice": invoice, "refunds": refunds})


# -- plumbing --------------------------------------------------------------------------


def _rebuild(data: dict[str, Any] | None, build: Any, entity: str) -> list[Any] | None:
    if data is None:
        return None
    try:
        return [build(item) for item in data["items"]]
    except (KeyError, TypeError, ValueError):
        log.info("cached %s no longer fit the client's records; reloading", entity)
        return None
