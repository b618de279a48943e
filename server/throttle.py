"""Wrong-try lockouts: 5 failures within 15 minutes lock for 15 minutes.

One policy, three counters: logins are counted per login ID (ID number or staff user name),
whether or not an account holds it (so the answers never tell a stranger which ID numbers
are registered); study-card activations per account (so nobody can guess card passwords);
password changes per account (so a stolen session cannot guess the password it lacks).

A try is *reserved* before its secret is checked: one conditional UPDATE counts it only
while the window has room and no lock holds, and the try that fills the window sets the
lock in the same statement.  Of any number of tries fired at once, at most
``MAX_FAILURES`` get past ``reserve`` to the secret; the others are refused as locked, and
so is the right secret during the lock.  Counting after the check (read, compare, then
write) let 30 concurrent tries all reach the password.  A failed try then has nothing left
to write; a success clears the counter (and lifts the lock its own try may have set).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, case, delete, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server.models import CardThrottle, LoginThrottle, PasswordChangeThrottle

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

    @classmethod
    def until(cls, unlocks_at: dt.datetime, now: dt.datetime) -> Lock:
        return cls(unlocks_at, max(1, math.ceil((unlocks_at - now).total_seconds())))


@dataclass(frozen=True)
class Reserved:
    """A try counted before its secret is checked: the *number*-th of the window."""

    number: int
    #: Set when this try filled the window: the lock it started, unless it succeeds.
    locks_until: dt.datetime | None

    def failed(self, now: dt.datetime) -> int | Lock:
        """The answer to a wrong secret: the tries left, or the lock this try started."""
        if self.locks_until is not None:
            return Lock.until(self.locks_until, now)
        return MAX_FAILURES - self.number


ThrottleModel = type[LoginThrottle] | type[CardThrottle] | type[PasswordChangeThrottle]


@dataclass(frozen=True)
class Throttle:
    """A failure counter kept in *table*, a row per key (its primary key, *key_column*).

    The table has ``failed_count``, ``window_started_at`` and ``locked_until`` columns.
    """

    table: ThrottleModel
    key_column: str

    @property
    def _table(self) -> Table:
        table: Table = self.table.__table__  # type: ignore[assignment]
        return table

    def reserve(self, db: Session, key: str, now: dt.datetime) -> Reserved | Lock:
        """Count a try for *key* before its secret is checked, and commit; or the lock.

        Call it right before the comparison: the caller then answers a wrong secret with
        ``Reserved.failed``, and clears the counter on success (or, when a right secret
        still cannot be served, hands the try back with ``give_back``).
        """
        table = self._table
        key_column = table.c[self.key_column]
        self._ensure_row(db, key)
        window_over = or_(
            table.c.window_started_at.is_(None), table.c.window_started_at <= now - WINDOW
        )
        number = case((window_over, 1), else_=table.c.failed_count + 1)
        moment = table.c.window_started_at.type  # binds aware datetimes as the columns store them
        reserved = db.execute(
            update(table)
            .where(
                key_column == key,
                or_(table.c.locked_until.is_(None), table.c.locked_until <= now),
                or_(window_over, table.c.failed_count < MAX_FAILURES),
            )
            .values(
                failed_count=number,
                window_started_at=case(
                    (window_over, literal(now, moment)), else_=table.c.window_started_at
                ),
                locked_until=case(
                    (number >= MAX_FAILURES, literal(now + LOCK_DURATION, moment)), else_=None
                ),
            )
            .returning(table.c.failed_count, table.c.locked_until)
        ).one_or_none()
        if reserved is not None:
            db.commit()
            count, locked_until = reserved.tuple()
            return Reserved(int(count), locked_until)
        locked_until = db.scalar(select(table.c.locked_until).where(key_column == key))
        db.commit()
        # The window is full only once its last try has set the lock; a lock that ended
        # between the two statements refuses this one try for a second.
        return Lock.until(max(locked_until or now, now + dt.timedelta(seconds=1)), now)

    def _ensure_row(self, db: Session, key: str) -> None:
        """Insert the key's empty row unless it exists (another request may insert it now)."""
        values: dict[str, Any] = {self.key_column: key, "failed_count": 0}
        if db.get_bind().dialect.name == "postgresql":
            db.execute(postgresql_insert(self._table).values(values).on_conflict_do_nothing())
        else:
            db.execute(sqlite_insert(self._table).values(values).on_conflict_do_nothing())

    def give_back(self, db: Session, key: str, reserved: Reserved) -> None:
        """Return *reserved*, a try whose secret was right but which failed for another reason.

        Its count goes back, and the lock it set as the window's last is lifted; a lock set
        by another try stays.  Not committed.
        """
        table = self._table
        values: dict[str, Any] = {"failed_count": table.c.failed_count - 1}
        if reserved.locks_until is not None:
            values["locked_until"] = case(
                (table.c.locked_until == reserved.locks_until, None),
                else_=table.c.locked_until,
            )
        db.execute(
            update(table)
            .where(table.c[self.key_column] == key, table.c.failed_count > 0)
            .values(values)
        )

    def clear(self, db: Session, key: str) -> None:
        """Forget failures and lift a lock (after a success, or a password reset)."""
        db.execute(delete(self.table).where(getattr(self.table, self.key_column) == key))


LOGIN = Throttle(LoginThrottle, "id_number")
CARD_ACTIVATION = Throttle(CardThrottle, "account_id")
PASSWORD_CHANGE = Throttle(PasswordChangeThrottle, "account_id")
