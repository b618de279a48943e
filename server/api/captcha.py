"""``POST /captchas``: a new image captcha."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from server import captcha
from server.api.deps import ClockDep, Db
from server.api.schemas import CaptchaOut

router = APIRouter(tags=["captcha"])


@router.post("/captchas", status_code=201, response_model=CaptchaOut)
def new_captcha(db: Db, clock: ClockDep) -> dict[str, Any]:
    return captcha.issue(db, clock.now())
