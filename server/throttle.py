"""Wrong-try lockouts: 5 failures within 15 minutes lock for 15 minutes.

One policy, two counters: logins are counted per login ID number, whether or not an
account holds it (so the answers never tell a stranger which ID numbers are registered);
study-card activations are counted per account (so nobody can guess card passwords).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from server.models import CardThrottle, LoginThrottle

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


@dataclass(frozen=True)
class Throttle:
    """A failure counter kept in *table*, a row per key (its primary key, *key_column*).

    The table has ``failed_count``, ``window_started_at`` and ``locked_until`` columns.
    """

    table: type[LoginThrottle] | type[CardThrottle]
    key_column: str

    def active_lock(self, db: Session, key: str, now: dt.datetime) -> Lock | None:
        row: Any = db.get(self.table, key)
        if row is None or row.locked_until is None or row.locked_until <= now:
            return None
        return Lock(row.locked_until, math.ceil((row.locked_until - now).total_seconds()))

    def record_failure(self, db: Session, key: str, now: dt.datetime) -> int | Lock:
        """Count one failure; returns the attempts left, or the lock this failure started."""
        row: Any = db.get(self.table, key, with_for_update=True)
        if row is None:
            row = self.table(**{self.key_column: key, "failed_count": 0})
            db.add(row)
        window_open = row.window_started_at is not None and now - row.window_started_at < WINDOW
        if not window_open:
            row.failed_count = 0
            row.window_started_at = now
        row.failed_count += 1
        if row.failed_count >= MAX_FAILURES:
            row.failed_count = 0
            row.window_started_at = None
            row.locked_until = now + LOCK_DURATION
            return Lock(row.locked_until, int(LOCK_DURATION.total_seconds()))
        return MAX_FAILURES - int(row.failed_count)

    def clear(self, db: Session, key: str) -> None:
        """Forget failures and lift a lock (after a success, or a password reset)."""
        db.execute(delete(self.table).where(getattr(self.table, self.key_column) == key))


LOGIN = Throttle(LoginThrottle, "id_number")
CARD_ACTIVATION = Throttle(CardThrottle, "account_id")
