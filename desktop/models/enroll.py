"""网上报名's operations (``desktop/views/enroll.py``): the packages to show and what the
selection adds up to.  No widgets; ``load_packages`` runs on a worker.  The table of
packages is ``desktop/models/package_table.py``; what a package offers (buy, owned,
closed) is ``purchase.package_state``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.models.api_types import Package
from desktop.models.purchase import PackageState, package_state
from desktop.models.purchase_cache import fetch_packages

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache


def load_packages(
    api: ApiClient, cache: Cache | None, institution_id: str, year: int
) -> list[Package]:
    """The platform's packages, stored in the cache when it is open (network lane)."""
    if cache is None:
        return api.packages(institution_id, year)
    return fetch_packages(api, cache, institution_id, year)


@dataclass(frozen=True)
class Selection:
    """What the ticked packages add up to, for the line above 确认购买."""

    packages: tuple[Package, ...]
    amount_fen: int
    nothing_buyable: bool
    """Every package shown is owned or closed: there is nothing left to tick."""

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(p.title for p in self.packages)


def selection(ticked: Sequence[Package], shown: Sequence[Package]) -> Selection:
    """The selection of *ticked* among the packages *shown*."""
    return Selection(
        packages=tuple(ticked),
        amount_fen=sum(p.price_fen for p in ticked),
        nothing_buyable=bool(shown)
        and all(package_state(p) is not PackageState.BUYABLE for p in shown),
    )
