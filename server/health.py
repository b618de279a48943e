"""What ``GET /health`` answers, in one place.

The route (server/api/health.py) and the platform that is still loading its web stack
(server/deferred.py) give the same answer: it reads only the settings and the clock.
Nothing here imports more than the standard library and the clock.
"""

from __future__ import annotations

from typing import Any

from server import __version__
from server.clock import Clock, iso
from server.settings import Settings

HEALTH_PATHS = ("/health", "/api/v1/health")
"""Where the app serves it: the API's route and the bare probe beside it."""


def health_status(settings: Settings, clock: Clock) -> dict[str, Any]:
    return {
        "status": "ok",
        "version": __version__,
        "server_time": iso(clock.now()),
        "captcha_required": settings.captcha,
        "demo_inbox": settings.demo_inbox,
        "payments": settings.payments,
    }
