"""``seed-demo``: load the demo reference data, idempotently.

Each step checks what is already there and adds only what is missing, so the command can
run on every start of the embedded platform.  Later issues append their steps (institutions,
catalog, study cards…) to ``SEED_STEPS``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from server.api.reference import load_regions
from server.clock import Clock

log = logging.getLogger(__name__)

SeedStep = Callable[[Session, Clock], int]


def _regions(_db: Session, _clock: Clock) -> int:
    """Regions are static package data; loading them here proves the file is intact."""
    return sum(len(city["districts"]) for city in load_regions())


SEED_STEPS: dict[str, SeedStep] = {"regions": _regions}


def seed_demo(db: Session, clock: Clock) -> dict[str, int]:
    """Run every step in one transaction; returns how many items each step holds."""
    counts = {name: step(db, clock) for name, step in SEED_STEPS.items()}
    db.commit()
    for name, count in counts.items():
        log.info("demo data %s: %d", name, count)
    return counts
