"""The stand-in for the provincial platform (省专业技术人员继续教育平台) the institutions report to.

A real gateway is a remote call; this one writes to its own tables, in its own transaction,
so the platform's outbox bookkeeping stays separate from the receipt, as it would be.  It
receives each report at most once by its key: a redelivery after a crash answers "already
received" and creates nothing.  It also answers past-year lookups from its history.

Test hook: with the environment variable ``KJCE_PROVINCE_DOWN=1`` every delivery fails
(:class:`ProvinceUnavailable`), as when the province's gateway is unreachable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import ProvinceHistory, ProvinceReceipt

DOWN_ENV = "KJCE_PROVINCE_DOWN"


class ProvinceUnavailable(Exception):
    """The province's gateway did not answer; the report stays in the outbox for a retry."""


@dataclass(frozen=True)
class Receipt:
    """The province's answer: its receipt id, and whether it already had the report."""

    receipt_id: int
    already_received: bool


def is_down() -> bool:
    return os.environ.get(DOWN_ENV, "").strip().lower() in {"1", "on", "true", "yes"}


def receive(
    session_factory: Callable[[], Session], report: dict[str, Any], now: dt.datetime
) -> Receipt:
    """Record *report* (keyed by ``report["key"]``) once, committed before answering.

    Raises:
        ProvinceUnavailable: the gateway is down (``KJCE_PROVINCE_DOWN``).
    """
    if is_down():
        raise ProvinceUnavailable("省平台暂时无法连接")
    key = str(report["key"])
    with session_factory() as db:
        known = db.scalar(select(ProvinceReceipt.id).where(ProvinceReceipt.report_key == key))
        if known is not None:
            return Receipt(known, already_received=True)
        receipt = ProvinceReceipt(
            report_key=key,
            id_number=str(report["id_number"]),
            year=int(report["year"]),
            payload=json.dumps(report, ensure_ascii=False, sort_keys=True),
            received_at=now,
        )
        db.add(receipt)
        try:
            db.commit()
        except IntegrityError:
            # Another worker delivered the same report a moment ago.
            db.rollback()
            known = db.scalar(select(ProvinceReceipt.id).where(ProvinceReceipt.report_key == key))
            assert known is not None
            return Receipt(known, already_received=True)
        return Receipt(receipt.id, already_received=False)


def history(db: Session, id_number: str, year: int) -> list[ProvinceHistory]:
    """The province's past records of *id_number* in *year*, 公需课 first."""
    return list(
        db.scalars(
            select(ProvinceHistory)
            .where(ProvinceHistory.id_number == id_number, ProvinceHistory.year == year)
            .order_by(ProvinceHistory.course_type.desc(), ProvinceHistory.id)
        )
    )
