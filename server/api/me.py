"""``GET /me``: the caller's account; ``PUT /me/password``: change one's own password."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from sqlalchemy import update

from rules.identity import mask_id_number
from rules.passwords import password_problem
from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import MeOut, PasswordChangeIn
from server.changes import record_change
from server.errors import ApiError
from server.models import AuthSession
from server.security import hash_secret, verify_secret
from server.staff import institution_name

log = logging.getLogger(__name__)

router = APIRouter(tags=["me"])


@router.get("/me", response_model=MeOut)
def me(caller: CallerDep, db: Db) -> MeOut:
    return MeOut.of(caller.account, institution_name(db, caller.account))


@router.put("/me/password", response_model=MeOut)
def change_password(body: PasswordChangeIn, caller: CallerDep, db: Db, clock: ClockDep) -> MeOut:
    """Set a new password, which ends a one-time password's forced change.

    Every other session of the account ends (a one-time password was seen at the counter);
    the one that changed it stays logged in.
    """
    account = caller.account
    now = clock.now()
    if not verify_secret(account.password_hash, body.old_password):
        raise ApiError(422, "password_wrong", "原密码不正确", "old_password")
    if body.new_password == body.old_password:
        raise ApiError(422, "password_unchanged", "新密码不能与原密码相同", "new_password")
    if (message := password_problem(body.new_password)) is not None:
        raise ApiError(422, "password_weak", message, "new_password")
    account.password_hash = hash_secret(body.new_password)
    account.must_change_password = False
    account.updated_at = now
    db.execute(
        update(AuthSession)
        .where(
            AuthSession.account_id == account.id,
            AuthSession.id != caller.session.id,
            AuthSession.revoked_at.is_(None),
        )
        .values(revoked_at=now, revoke_reason="password_changed")
    )
    record_change(db, account.id, "me", account.id, now)
    db.commit()
    log.info("password changed by %s", mask_id_number(account.id_number))
    return MeOut.of(account, institution_name(db, account))
