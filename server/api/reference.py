"""Reference data: Guangdong's regions (package data) and the yearly requirement."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from fastapi import APIRouter

from rules.years import FIRST_YEAR, credit_requirement
from server.api.deps import ClockDep
from server.api.schemas import RegionsOut, YearOut, iso
from server.errors import ApiError

router = APIRouter(tags=["reference"])

#: The platform's records start with the 2021 campaign (the seed's year).
FIRST_PLATFORM_YEAR = max(FIRST_YEAR, 2021)


@cache
def load_regions() -> list[dict[str, Any]]:
    """Prefecture-level cities of Guangdong except Shenzhen, with districts (GB/T 2260)."""
    text = resources.files("server").joinpath("data/regions.json").read_text(encoding="utf-8")
    regions: list[dict[str, Any]] = json.loads(text)
    return regions


@router.get("/regions", response_model=RegionsOut)
def regions() -> dict[str, Any]:
    return {"items": load_regions()}


@router.get("/years/{year}", response_model=YearOut, responses={404: {"description": "未开放"}})
def year_requirement(year: int, clock: ClockDep) -> YearOut:
    if not FIRST_PLATFORM_YEAR <= year <= clock.now().year:
        raise ApiError(404, "not_found", f"{year} 年度没有继续教育安排")
    requirement = credit_requirement(year)
    return YearOut(
        year=requirement.year,
        total_credits=requirement.total_credits,
        public_credits=requirement.public_credits,
        professional_credits=requirement.professional_credits,
        deadline=iso(requirement.deadline),
    )
