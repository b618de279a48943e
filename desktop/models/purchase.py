"""Plain helpers of buying (网上报名, checkout, 我的订单), without Qt.

Money travels in fen (integers) and is shown as ¥90.00; times travel as ISO-8601 with an
offset and are shown in China time as the guide writes them (2021-06-21 18:23:50).  What a
package row offers — buy, already owned, closed — is decided here once for every screen.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Protocol

from desktop.models.records import Order, Package
from rules.money import format_fen  # noqa: F401  (re-exported: the screens import it from here)
from rules.years import CHINA_TZ

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.records import Health, Me
    from desktop.models.sync import SyncEngine

FIRST_PURCHASE_YEAR = 2021
"""The platform's packages start with the 2021 campaign (the seed's year)."""


class Services(Protocol):
    """What the purchase screens reach through the app (the composition root)."""

    api: ApiClient | None
    cache: Cache | None
    me: Me | None
    health: Health | None
    sync: SyncEngine | None


def format_time(iso: str | None) -> str:
    """ "2021-06-21T10:23:50+00:00" → "2021-06-21 18:23:50" (China time); "" stays ""."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_TZ)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def format_date(iso: str | None) -> str:
    """The date part in China time: "2021-12-31T23:59:59+08:00" → "2021-12-31"."""
    return format_time(iso)[:10]


def year_of(iso: str | None, default: int) -> int:
    """The year of an ISO-8601 moment in China time (the platform's clock), else *default*."""
    text = format_time(iso)
    return int(text[:4]) if text[:4].isdigit() else default


def purchase_years(server_time: str | None, today: dt.date | None = None) -> list[int]:
    """The years 学习资源 offers, newest first: 2021 … the platform's (else the local) year."""
    current = year_of(server_time, (today or dt.date.today()).year)
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
