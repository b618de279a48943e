"""``GET /demo/inbox``: what the local notifier "sent"; mounted only with ``--demo-inbox``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from server.api.deps import Db
from server.api.schemas import InboxMessageOut, InboxOut, iso
from server.models import Notification

router = APIRouter(tags=["demo"])


@router.get("/demo/inbox", response_model=InboxOut)
def inbox(
    db: Db,
    phone: Annotated[str | None, Query(max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> InboxOut:
    query = select(Notification).order_by(Notification.id.desc()).limit(limit)
    if phone:
        query = query.where(Notification.recipient == phone.strip())
    return InboxOut(
        items=[
            InboxMessageOut(to=n.recipient, text=n.text, sent_at=iso(n.sent_at))
            for n in db.scalars(query)
        ]
    )
