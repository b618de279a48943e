"""Login lockout: 5 failures within 15 minutes lock the login ID for 15 minutes.

Counted per login ID number, whether or not an account holds it, so that the answers
never tell a stranger which ID numbers are registered.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from server.models import LoginThrottle

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
LOCK_DURATION = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class Lock:
    unlocks_at: dt.datetime
    retry_after_s: int

    @property
    def minutes_left(self) -> int:
        return max(1, math.ceil(self.retry_after_s / 60))


def active_lock(db: Session, id_number: str, now: dt.datetime) -> Lock | None:
    throttle = db.get(LoginThrottle, id_number)
    if throttle is None or throttle.locked_until is None or throttle.locked_until <= now:
        return None
    return Lock(throttle.locked_until, math.ceil((throttle.locked_until - now).total_seconds()))


def record_failure(db: Session, id_number: str, now: dt.datetime) -> int | Lock:
    """Count one failure; returns the attempts left, or the lock this failure started."""
    throttle = db.get(LoginThrottle, id_number, with_for_update=True)
    if throttle is None:
        throttle = LoginThrottle(id_number=id_number, failed_count=0)
        db.add(throttle)
    window_open = (
        throttle.window_started_at is not None and now - throttle.window_started_at < WINDOW
    )
    if not window_open:
        throttle.failed_count = 0
        throttle.window_started_at = now
    throttle.failed_count += 1
    if throttle.failed_count >= MAX_FAILURES:
        throttle.failed_count = 0
        throttle.window_started_at = None
        throttle.locked_until = now + LOCK_DURATION
        return Lock(throttle.locked_until, int(LOCK_DURATION.total_seconds()))
    return MAX_FAILURES - throttle.failed_count


def clear(db: Session, id_number: str) -> None:
    """Forget failures and lift a lock: after a successful login or a password reset."""
    db.execute(delete(LoginThrottle).where(LoginThrottle.id_number == id_number))
