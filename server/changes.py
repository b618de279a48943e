"""The change feed: every state change of an account leaves one row for ``GET /changes``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from server.models import Change


def record_change(
    db: Session, account_id: str, entity: str, entity_id: str, now: dt.datetime, op: str = "upsert"
) -> None:
    """Add a change row in the caller's transaction, so it commits with the change itself."""
    db.add(Change(account_id=account_id, entity=entity, entity_id=entity_id, op=op, at=now))
