"""Login, token refresh and logout."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select

from rules.identity import (
    mask_id_number,
    normalize_id_number,
    normalize_username,
    username_problem,
)
from server import captcha, throttle
from server.api.deps import CallerDep, ClockDep, Db, SettingsDep
from server.api.schemas import LoginIn, MeOut, RefreshIn, SessionOut, TokensOut, iso
from server.errors import ApiError
from server.models import Account
from server.security import (
    RefreshRefused,
    hash_secret,
    rehashed_secret,
    revoke_session,
    rotate,
    start_session,
    upgrade_password_hash,
    verify_secret,
)
from server.staff import audit, institution_name, institution_phone, is_staff

log = logging.getLogger(__name__)

router = APIRouter(tags=["sessions"])

# Verified against when the ID number is unknown, so both paths cost the same time.
_DUMMY_HASH = hash_secret("kjce-no-such-account-0")


def _locked(lock: throttle.Lock) -> ApiError:
    return ApiError(
        423,
        "account_locked",
        f"账号已被锁定，请 {lock.minutes_left} 分钟后再试",
        None,
        headers={"Retry-After": str(lock.retry_after_s)},
        unlocks_at=iso(lock.unlocks_at),
        retry_after_s=lock.retry_after_s,
    )


@router.post("/sessions", status_code=201, response_model=SessionOut)
def login(body: LoginIn, db: Db, clock: ClockDep, settings: SettingsDep) -> dict[str, Any]:
    """Log in by ID number (staff: user name); 5 failures in 15 minutes lock for 15 minutes.

    The try is reserved before the password is checked (``server.throttle``), so however
    many arrive at once, at most five are checked and the rest are refused as locked.
    A hash made with older argon2 parameters is replaced in the login's transaction.
    """
    now = clock.now()
    if settings.captcha:
        captcha.check(db, body.captcha_id, body.captcha_answer, now)
    id_number, account = _account_for_login(db, body.id_number)
    # Committed: the hash then runs without a pooled connection held (it costs a tenth of
    # a second of CPU; an evening's logins held them all, benchmarks/load.py found it).
    # Loaded values stay (expire_on_commit=False).
    reserved = throttle.LOGIN.reserve(db, id_number, now)
    if isinstance(reserved, throttle.Lock):
        raise _locked(reserved)
    secret_hash = account.password_hash if account else _DUMMY_HASH
    password_ok = verify_secret(secret_hash, body.password)
    if account is None or not password_ok:
        log.info("login failed for %s", mask_id_number(id_number))
        outcome = reserved.failed(now)
        if isinstance(outcome, throttle.Lock):
            raise _locked(outcome)
        if account is not None and is_staff(account):  # staff log in by user name
            raise ApiError(
                401,
                "login_failed",
                f"用户名或密码错误，还可尝试 {outcome} 次",
                "password",
                remaining_attempts=outcome,
            )
        raise ApiError(
            401,
            "login_failed",
            f"证件号码或密码错误，还可尝试 {outcome} 次",
            "password",
            remaining_attempts=outcome,
        )
    # Hashed before the transaction below begins, like the check above.
    upgraded = rehashed_secret(secret_hash, body.password)
    throttle.LOGIN.clear(db, id_number)
    if account.disabled_at is not None:
        db.commit()
        raise ApiError(401, "account_disabled", "该账号已停用，请联系机构管理员", "id_number")
    if upgraded is not None:
        upgrade_password_hash(db, account, secret_hash, upgraded)
    pair = start_session(db, account, now)
    account.last_login_at = now
    if is_staff(account):
        audit(db, account, "login", "account", account.id, f"{account.name} 登录", now)
    db.commit()
    log.info("login: %s", mask_id_number(id_number))
    me = MeOut.of(account, institution_name(db, account), institution_phone(db, account))
    return {"account": me, **pair.as_response()}


def _account_for_login(db: Db, login_id: str) -> tuple[str, Account | None]:
    """The login ID as the throttle keys it, and its account: a learner by ID number
    (upper case, as "x" is typed for the check character), else staff by user name."""
    id_number = normalize_id_number(login_id)
    account = db.scalar(select(Account).where(Account.id_number == id_number))
    username = normalize_username(login_id)
    if account is None and username_problem(username) is None:
        staff = db.scalar(select(Account).where(Account.id_number == username))
        if staff is not None:
            return username, staff
    return id_number, account


@router.post("/sessions/refresh", status_code=201, response_model=TokensOut)
def refresh(body: RefreshIn, db: Db, clock: ClockDep) -> dict[str, Any]:
    """Trade a refresh token for a new pair; a reused token ends the whole session."""
    try:
        pair, _account_id = rotate(db, body.refresh_token, clock.now())
    except RefreshRefused:
        db.commit()  # keeps the revocation a reuse triggered
        raise ApiError(401, "refresh_invalid", "登录已失效，请重新登录", "refresh_token") from None
    db.commit()
    return pair.as_response()


@router.delete("/sessions/current", status_code=204, response_class=Response)
def logout(caller: CallerDep, db: Db, clock: ClockDep) -> Response:
    now = clock.now()
    revoke_session(caller.session, now, "logout")
    account = caller.account
    if is_staff(account) and account.institution_id is not None:
        audit(db, account, "logout", "account", account.id, f"{account.name} 退出登录", now)
    db.commit()
    return Response(status_code=204)
