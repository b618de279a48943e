"""``GET /health``: the desktop polls it to know the platform is up and how it is configured."""

from __future__ import annotations

from fastapi import APIRouter

from server.api.deps import ClockDep, SettingsDep
from server.api.schemas import HealthOut
from server.health import health_status

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthOut)
def health(clock: ClockDep, settings: SettingsDep) -> HealthOut:
    return HealthOut(**health_status(settings, clock))
