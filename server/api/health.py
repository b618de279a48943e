"""``GET /health``: the desktop polls it to know the platform is up and how it is configured."""

from __future__ import annotations

from fastapi import APIRouter

from server import __version__
from server.api.deps import ClockDep, SettingsDep
from server.api.schemas import HealthOut, iso

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthOut)
def health(clock: ClockDep, settings: SettingsDep) -> HealthOut:
    return HealthOut(
        status="ok",
        version=__version__,
        server_time=iso(clock.now()),
        captcha_required=settings.captcha,
        demo_inbox=settings.demo_inbox,
        payments=settings.payments,
    )
