"""Plain helpers of buying (网上报名, checkout, 我的订单), without Qt.

What a package row offers — buy, already owned, closed — is decided here once for every
screen; how money and times are shown is in ``rules/money.py`` and ``desktop/models/formats.py``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Protocol

from desktop.models.api_types import Order, Package
from rules.years import year_at

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Health, Me
    from desktop.models.cache import Cache
    from desktop.models.sync import SyncEngine

FIRST_PURCHASE_YEAR = 2021
"""The platform's packages start with the 2021 campaign (the seed's year)."""


class Services(Protocol):
    """What the purchase operations read of the learner's session (``Session``)."""

    @property
    def api(self) -> ApiClient | None: ...
    @property
    def cache(self) -> Cache | None: ...
    @property
    def me(self) -> Me | None: ...
    @property
    def health(self) -> Health | None: ...
    @property
    def sync(self) -> SyncEngine | None: ...


def purchase_years(now: dt.datetime) -> list[int]:
    """The years 学习资源 offers, newest first: 2021 … the year at the platform's *now*
    (``platform_clock.now()``)."""
    current = year_at(now)
    return list(range(max(current, FIRST_PURCHASE_YEAR), FIRST_PURCHASE_YEAR - 1, -1))


class PackageState(enum.Enum):
    """What 网上报名 offers for a package."""

    OWNED = "owned"  # 已购买: enrolled already; it cannot be bought again
    CLOSED = "closed"  # 已截止: the closing date passed
    BUYABLE = "buyable"  # 可购买


def package_state(package: Package) -> PackageState:
    """Owned beats closed: a learner who bought before the deadline still owns it."""
    if package.owned:
        return PackageState.OWNED
    if package.closed:
        return PackageState.CLOSED
    return PackageState.BUYABLE


def order_titles(order: Order) -> str:
    """The courses of an order on one line (我的订单's 课程 column)."""
    return "；".join(item.title for item in order.items)
