"""``GET /changes``: what changed for the caller since a cursor, for the client's sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import BigInteger, literal, select

from server.api.deps import CallerDep, Db
from server.api.schemas import ChangeOut, ChangesOut, iso
from server.models import Change

router = APIRouter(tags=["sync"])


@router.get("/changes", response_model=ChangesOut)
def changes(
    caller: CallerDep,
    db: Db,
    cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> ChangesOut:
    """Changes with ``seq`` > *cursor* (exclusive), oldest first; ``cursor`` is the last one."""
    rows = db.scalars(
        select(Change)
        # A 64-bit parameter: PostgreSQL refuses a cursor past the 32-bit column's range.
        .where(Change.account_id == caller.account.id, Change.seq > literal(cursor, BigInteger))
        .order_by(Change.seq)
        .limit(limit + 1)
    ).all()
    page = rows[:limit]
    return ChangesOut(
        items=[
            ChangeOut(seq=c.seq, entity=c.entity, entity_id=c.entity_id, op=c.op, at=iso(c.at))
            for c in page
        ],
        cursor=page[-1].seq if page else cursor,
        has_more=len(rows) > limit,
    )
