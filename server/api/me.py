"""``GET /me``: the caller's account."""

from __future__ import annotations

from fastapi import APIRouter

from server.api.deps import CallerDep
from server.api.schemas import MeOut

router = APIRouter(tags=["me"])


@router.get("/me", response_model=MeOut)
def me(caller: CallerDep) -> MeOut:
    return MeOut.of(caller.account)
