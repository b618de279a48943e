"""Reporting a learner's year to the province (SPEC §1.9): requirement check and outbox.

``note_progress`` is called wherever a year may have just met a requirement (watch events
accepted, an exam passed).  Meeting it writes the record (``queued``) and one outbox row
in the caller's transaction.  The back office (``server.backoffice``) then delivers the
outbox to the province (``server.province``): it claims a row with a conditional UPDATE
(so two platform processes never send the same row at once), sends it, and marks it
delivered in a separate transaction, as a real remote call would be.  A crash between the
province's receipt and that mark leads to a redelivery, which the province answers with
"already received": nothing is created twice.  A failed delivery is retried with back-off.

Claims and back-off run on the machine's real clock (a pinned platform clock never moves);
the record's timestamps use the platform's clock.

Test hook: with the environment variable ``KJCE_FAULT_AFTER_PROVINCE_RECEIPT=exit`` the
process ends (``os._exit(3)``) right after the province committed a new receipt and
before the outbox row is marked delivered — the crash the pipeline must survive.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.records import RECORD_STATES
from rules.years import credit_requirement
from server import province
from server.changes import record_change
from server.clock import Clock
from server.db import rows_updated
from server.models import (
    Account,
    Course,
    CreditRecord,
    Enrollment,
    Institution,
    Package,
    ReportOutbox,
)
from server.watch import earned_tenths

log = logging.getLogger(__name__)

COURSE_TYPES = ("public", "professional")
FAULT_ENV = "KJCE_FAULT_AFTER_PROVINCE_RECEIPT"
#: How long a claimed outbox row belongs to the worker that claimed it.
CLAIM_LEASE = dt.timedelta(seconds=10)
BACKOFF_BASE_S = 1.0
BACKOFF_MAX_S = 300.0
#: The state after each of the last three, and the timestamp column that records it.
NEXT_STATE = {
    "reported": ("reviewed", "reviewed_at"),
    "reviewed": ("completed", "completed_at"),
    "completed": ("confirmed", "confirmed_at"),
}
#: 财政管理机构 (the city's finance bureau) that reviews, by city code; shown with its phone.
REVIEWER_PHONES = {
    "440100": "020-83170000",
    "440400": "0756-2125432",
    "440500": "0754-88188613",
    "440600": "0757-83380213",
    "440800": "0759-3383156",
}
DEFAULT_REVIEWER_PHONE = "020-83170000"

SessionFactory = Callable[[], Session]


def wall_now() -> dt.datetime:
    """The machine's clock, for claims and retries (never the pinned platform clock)."""
    return dt.datetime.now(dt.UTC)


# --- the requirement --------------------------------------------------------------------


def required_tenths(year: int, course_type: str) -> int:
    return credit_requirement(year).credits_of(course_type) * 10


def exam_passed(db: Session, account_id: str, year: int, now: dt.datetime | None = None) -> bool:
    from server.exams import public_exam_passed  # server.exams calls note_progress

    return public_exam_passed(db, account_id, year, now)


@dataclass(frozen=True)
class Standing:
    """Where one type of a learner's year stands against its requirement."""

    course_type: str
    earned_tenths: int
    required_tenths: int
    exam_passed: bool | None  # None for professional

    @property
    def met(self) -> bool:
        return self.earned_tenths >= self.required_tenths and self.exam_passed is not False


def standing(
    db: Session, account_id: str, year: int, course_type: str, now: dt.datetime | None = None
) -> Standing:
    passed = exam_passed(db, account_id, year, now) if course_type == "public" else None
    return Standing(
        course_type,
        earned_tenths(db, account_id, year, course_type),
        required_tenths(year, course_type),
        passed,
    )


@dataclass(frozen=True)
class Provider:
    """The institution that teaches (and so reports) a type of a learner's year."""

    institution_id: str
    region_code: str
    learning_mode: str
    name: str


def provider_of(db: Session, account_id: str, year: int, course_type: str) -> Provider | None:
    """The institution of the learner's first enrollment of that type and year."""
    row = db.execute(
        select(Institution)
        .join(Package, Package.institution_id == Institution.id)
        .join(Enrollment, Enrollment.package_id == Package.id)
        .where(
            Enrollment.account_id == account_id,
            Package.year == year,
            Package.course_type == course_type,
        )
        .order_by(Enrollment.created_at)
        .limit(1)
    ).scalar_one_or_none()
    if row is None:
        return None
    return Provider(row.id, row.region_code, row.mode, row.name)


def note_progress(db: Session, account_id: str, year: int, now: dt.datetime) -> None:
    """Queue the year's reports whose requirement is now met (idempotent; in *db*'s transaction)."""
    if now > credit_requirement(year).deadline:
        return  # 过期不办理补学补登
    queued = set(
        db.scalars(
            select(CreditRecord.course_type).where(
                CreditRecord.account_id == account_id, CreditRecord.year == year
            )
        )
    )
    for course_type in COURSE_TYPES:
        if course_type in queued:
            continue
        current = standing(db, account_id, year, course_type)
        if current.met:
            _queue(db, account_id, year, course_type, current.earned_tenths, now)


def note_courses_progress(
    db: Session, account_id: str, course_ids: Iterable[str], now: dt.datetime
) -> None:
    """``note_progress`` for each year of the packages of *course_ids* (after watch events)."""
    ids = list(course_ids)
    if not ids:
        return
    years = db.scalars(
        select(Package.year)
        .join(Course, Course.package_id == Package.id)
        .where(Course.id.in_(ids))
        .distinct()
    )
    for year in sorted(years):
        note_progress(db, account_id, year, now)


def report_key(account_id: str, year: int, course_type: str) -> str:
    return f"{account_id}:{year}:{course_type}"


def _queue(
    db: Session, account_id: str, year: int, course_type: str, tenths: int, now: dt.datetime
) -> None:
    account = db.get(Account, account_id)
    assert account is not None
    provider = provider_of(db, account_id, year, course_type)
    record = CreditRecord(
        account_id=account_id,
        year=year,
        course_type=course_type,
        institution_id=provider.institution_id if provider else None,
        region_code=provider.region_code if provider else "",
        learning_mode=provider.learning_mode if provider else None,
        credits_tenths=tenths,
        state="queued",
        queued_at=now,
    )
    key = report_key(account_id, year, course_type)
    payload = {
        "key": key,
        "id_number": account.id_number,
        "name": account.name,
        "year": year,
        "course_type": course_type,
        "credits": from_tenths(tenths),
        "institution_id": record.institution_id,
        "institution_name": provider.name if provider else "",
        "region_code": record.region_code,
        "learning_mode": record.learning_mode,
    }
    try:
        with db.begin_nested():
            db.add(record)
            db.flush()
            db.add(
                ReportOutbox(
                    record_id=record.id,
                    report_key=key,
                    payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
                    created_at=now,
                    attempts=0,
                    next_try_at=wall_now(),
                )
            )
            db.flush()
    except IntegrityError:
        log.info("report %s of %d already queued by a concurrent request", course_type, year)
        return
    record_change(db, account_id, "credit_record", str(year), now)
    log.info("report queued: %s credits of %d (record %s)", course_type, year, record.id)


# --- delivery ---------------------------------------------------------------------------


def backoff(attempts: int) -> dt.timedelta:
    """1 s, 2 s, 4 s … after each failed attempt, at most 5 minutes."""
    return dt.timedelta(seconds=min(BACKOFF_BASE_S * 2 ** max(0, attempts - 1), BACKOFF_MAX_S))


def _claimable(wall: dt.datetime, *, due_only: bool) -> list[object]:
    conditions: list[object] = [
        ReportOutbox.delivered_at.is_(None),
        or_(ReportOutbox.claimed_until.is_(None), ReportOutbox.claimed_until < wall),
    ]
    if due_only:
        conditions.append(ReportOutbox.next_try_at <= wall)
    return conditions


def deliver_due(
    session_factory: SessionFactory, clock: Clock, *, due_only: bool = True, limit: int = 50
) -> int:
    """Deliver the outbox rows that are due (or all undelivered ones); how many were delivered."""
    wall = wall_now()
    with session_factory() as db:
        ids = list(
            db.scalars(
                select(ReportOutbox.id)
                .where(*_claimable(wall, due_only=due_only))  # type: ignore[arg-type]
                .order_by(ReportOutbox.id)
                .limit(limit)
            )
        )
    return sum(deliver_one(session_factory, clock, row_id, due_only=due_only) for row_id in ids)


def deliver_one(
    session_factory: SessionFactory, clock: Clock, outbox_id: int, *, due_only: bool = True
) -> bool:
    """Claim, send and mark one outbox row; False if another worker had it or it failed."""
    wall = wall_now()
    with session_factory() as db:
        claimed = rows_updated(
            db,
            update(ReportOutbox)
            .where(ReportOutbox.id == outbox_id, *_claimable(wall, due_only=due_only))  # type: ignore[arg-type]
            .values(claimed_until=wall + CLAIM_LEASE),
        )
        db.commit()
        if not claimed:
            return False
        row = db.get(ReportOutbox, outbox_id)
        assert row is not None
        report = json.loads(row.payload)
    try:
        receipt = province.receive(session_factory, report, clock.now())
    except Exception as exc:  # any failure of the remote call is retried
        _schedule_retry(session_factory, outbox_id, exc)
        return False
    if not receipt.already_received and os.environ.get(FAULT_ENV) == "exit":
        log.warning("test hook %s: exiting after the province's receipt", FAULT_ENV)
        logging.shutdown()
        os._exit(3)
    _mark_delivered(session_factory, outbox_id, clock.now())
    log.info(
        "report %d delivered (receipt %d%s)",
        outbox_id,
        receipt.receipt_id,
        ", already received" if receipt.already_received else "",
    )
    return True


def _schedule_retry(session_factory: SessionFactory, outbox_id: int, exc: Exception) -> None:
    # Only the province's own message is kept: a database error's text may quote data.
    error = str(exc) if isinstance(exc, province.ProvinceUnavailable) else type(exc).__name__
    wall = wall_now()
    with session_factory() as db:
        row = db.get(ReportOutbox, outbox_id)
        assert row is not None
        row.attempts += 1
        row.next_try_at = wall + backoff(row.attempts)
        row.claimed_until = None
        row.last_error = error[:200]
        db.commit()
        log.warning(
            "report %d not delivered (attempt %d, next in %ss): %s",
            outbox_id,
            row.attempts,
            int(backoff(row.attempts).total_seconds()),
            error,
        )


def _mark_delivered(session_factory: SessionFactory, outbox_id: int, now: dt.datetime) -> None:
    with session_factory() as db:
        row = db.get(ReportOutbox, outbox_id)
        assert row is not None
        marked = rows_updated(
            db,
            update(ReportOutbox)
            .where(ReportOutbox.id == outbox_id, ReportOutbox.delivered_at.is_(None))
            .values(delivered_at=now, claimed_until=None, last_error=None),
        )
        record = db.get(CreditRecord, row.record_id)
        if marked and record is not None:
            moved = rows_updated(
                db,
                update(CreditRecord)
                .where(CreditRecord.id == record.id, CreditRecord.state == "queued")
                .values(state="reported", reported_at=now),
            )
            if moved:
                record_change(db, record.account_id, "credit_record", str(record.year), now)
        db.commit()


# --- review, completion, confirmation ----------------------------------------------------


def step_record(db: Session, record: CreditRecord, now: dt.datetime) -> bool:
    """Move a reported (or later) record one state on; False if someone else moved it first."""
    if record.state not in NEXT_STATE:
        return False
    state, column = NEXT_STATE[record.state]
    values: dict[str, object] = {"state": state, column: now}
    if state == "reviewed":
        values["reviewer_phone"] = REVIEWER_PHONES.get(record.region_code, DEFAULT_REVIEWER_PHONE)
    moved = rows_updated(
        db,
        update(CreditRecord)
        .where(CreditRecord.id == record.id, CreditRecord.state == record.state)
        .values(**values)
        .execution_options(synchronize_session="fetch"),
    )
    if moved:
        record_change(db, record.account_id, "credit_record", str(record.year), now)
    return bool(moved)


def last_step_at(record: CreditRecord) -> dt.datetime:
    stamps = (
        record.confirmed_at,
        record.completed_at,
        record.reviewed_at,
        record.reported_at,
        record.queued_at,
    )
    return max(stamp for stamp in stamps if stamp is not None)


def advance_records(
    session_factory: SessionFactory,
    clock: Clock,
    *,
    year: int | None = None,
    until: str = "confirmed",
) -> int:
    """Administrators: deliver what is queued, then move reported records up to *until*.

    Returns how many state changes were made (deliveries included).
    """
    changes = deliver_due(session_factory, clock, due_only=False)
    target = RECORD_STATES.index(until)
    now = clock.now()
    with session_factory() as db:
        query = select(CreditRecord).where(CreditRecord.state.in_(list(NEXT_STATE)))
        if year is not None:
            query = query.where(CreditRecord.year == year)
        for record in db.scalars(query).all():
            while record.state in NEXT_STATE and RECORD_STATES.index(record.state) < target:
                if not step_record(db, record, now):
                    break
                db.refresh(record)
                changes += 1
        db.commit()
    return changes


def advance_due_records(session_factory: SessionFactory, clock: Clock, delay: dt.timedelta) -> int:
    """Demo back office: each record one state on once *delay* passed since its last step."""
    now = clock.now()
    moved = 0
    with session_factory() as db:
        records = db.scalars(
            select(CreditRecord).where(CreditRecord.state.in_(list(NEXT_STATE)))
        ).all()
        for record in records:
            if now - last_step_at(record) >= delay and step_record(db, record, now):
                moved += 1
        db.commit()
    return moved
