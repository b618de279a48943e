"""``GET /me``: the caller's account; ``PUT /me/password``: change one's own password."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from sqlalchemy import update

from rules.identity import mask_id_number
from rules.passwords import filled, password_problem
from server import throttle
from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import MeOut, PasswordChangeIn, iso
from server.changes import record_change
from server.errors import ApiError
from server.models import AuthSession
from server.security import hash_secret, verify_secret
from server.staff import institution_name, institution_phone

log = logging.getLogger(__name__)

router = APIRouter(tags=["me"])


@router.get("/me", response_model=MeOut)
def me(caller: CallerDep, db: Db) -> MeOut:
    return MeOut.of(
        caller.account,
        institution_name(db, caller.account),
        institution_phone(db, caller.account),
    )


def _change_locked(lock: throttle.Lock) -> ApiError:
    return ApiError(
        423,
        "password_change_locked",
        f"原密码错误次数过多，请 {lock.minutes_left} 分钟后再试",
        "old_password",
        headers={"Retry-After": str(lock.retry_after_s)},
        unlocks_at=iso(lock.unlocks_at),
        retry_after_s=lock.retry_after_s,
    )


@router.put(
    "/me/password",
    response_model=MeOut,
    responses={
        422: {"description": "password_wrong / password_unchanged / password_weak"},
        423: {"description": "password_change_locked (5 wrong old passwords in 15 minutes)"},
    },
)
def change_password(body: PasswordChangeIn, caller: CallerDep, db: Db, clock: ClockDep) -> MeOut:
    """Set a new password, which ends a one-time password's forced change.

    Every other session of the account ends (a one-time password was seen at the counter);
    the one that changed it stays logged in.  Wrong old passwords are throttled as logins
    are (``server.throttle``): a session left open on a shared PC must not let anyone try
    passwords until one fits.
    """
    account = caller.account
    now = clock.now()
    reserved = throttle.PASSWORD_CHANGE.reserve(db, account.id, now)
    if isinstance(reserved, throttle.Lock):
        raise _change_locked(reserved)
    if not verify_secret(account.password_hash, body.old_password):
        log.info("wrong old password for %s", mask_id_number(account.id_number))
        outcome = reserved.failed(now)
        if isinstance(outcome, throttle.Lock):
            raise _change_locked(outcome)
        raise ApiError(
            422, "password_wrong", "原密码不正确", "old_password", remaining_attempts=outcome
        )
    throttle.PASSWORD_CHANGE.clear(db, account.id)
    db.commit()
    if body.new_password == body.old_password:
        raise ApiError(422, "password_unchanged", "新密码不能与原密码相同", "new_password")
    if (message := password_problem(body.new_password)) is not None:
        raise ApiError(422, "password_weak", filled(message), "new_password")
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
    return MeOut.of(account, institution_name(db, account), institution_phone(db, account))
