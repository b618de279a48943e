"""Eligibility, registration and password resets."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules import identity, passwords
from rules.eligibility import INELIGIBLE_EXPLANATION, EligibilityAnswers, is_eligible
from rules.identity import IdType, mask_id_number, name_problem, normalize_id_number, phone_problem
from rules.identity import id_number_problem as id_problem
from rules.passwords import RESET_CODE_LENGTH, password_problem
from server import captcha, throttle
from server.api.deps import ClockDep, Db, NotifierDep, SettingsDep
from server.api.schemas import (
    EligibilityIn,
    EligibilityOut,
    MeOut,
    PasswordResetConfirmIn,
    PasswordResetIn,
    PasswordResetOut,
    RegisterIn,
    SessionOut,
)
from server.changes import record_change
from server.db import lock_until_commit, rows_updated
from server.errors import ApiError
from server.models import Account, PasswordReset
from server.notifier import mask_phone
from server.security import hash_secret, revoke_all_sessions, start_session, verify_secret

log = logging.getLogger(__name__)

router = APIRouter(tags=["accounts"])

RESET_CODE_TTL = dt.timedelta(minutes=10)
RESET_REQUEST_INTERVAL = dt.timedelta(seconds=60)
RESET_MAX_ATTEMPTS = 5


def _answers(body: EligibilityIn) -> EligibilityAnswers:
    return EligibilityAnswers(body.works_in_accounting, body.resides_with_certificate)


@router.post("/eligibility", response_model=EligibilityOut)
def eligibility(body: EligibilityIn) -> EligibilityOut:
    eligible = is_eligible(_answers(body))
    return EligibilityOut(eligible=eligible, message="" if eligible else INELIGIBLE_EXPLANATION)


def account_problems(
    answers: EligibilityAnswers,
    id_type: IdType,
    id_number: str,
    name: str,
    phone: str,
    today: dt.date,
) -> list[ApiError]:
    """Every registration rule the answers and account fields break, in form order.

    The values are normalized already (ID number upper case, name and phone stripped); the
    password is the caller's (a learner chooses one, a walk-in is given one).
    """
    problems = []
    if not is_eligible(answers):
        problems.append(ApiError(422, "ineligible", INELIGIBLE_EXPLANATION, "eligibility"))
    problem = id_problem(id_type, id_number, today=today)
    if problem is not None:
        problems.append(
            ApiError(
                422,
                "id_invalid",
                identity.filled(problem.message),
                "id_number",
                reason=problem.code,
            )
        )
    if (message := name_problem(name)) is not None:
        problems.append(ApiError(422, "name_invalid", message, "name"))
    if (message := phone_problem(phone)) is not None:
        problems.append(ApiError(422, "phone_invalid", identity.filled(message), "phone"))
    return problems


def id_number_taken(field: str = "id_number") -> ApiError:
    return ApiError(409, "id_number_taken", "该证件号码已注册，请直接登录或找回密码", field)


def new_account(
    id_type: IdType, id_number: str, name: str, phone: str, now: dt.datetime
) -> Account:
    """A learner account, not stored yet: ``add_account`` gives it its password."""
    return Account(
        id_type=id_type.value,
        id_number=id_number,
        name=name,
        phone=phone,
        role="learner",
        created_at=now,
        updated_at=now,
    )


def add_account(
    db: Session,
    account: Account,
    password: str,
    now: dt.datetime,
    *,
    taken_field: str = "id_number",
) -> None:
    """Store *account* with *password* and its first change-feed entry (not committed).

    An ID number already registered is refused with 409 ``id_number_taken`` at
    *taken_field*, also when another request registers it at the same moment (the
    session is then rolled back).
    """
    if db.scalar(select(Account.id).where(Account.id_number == account.id_number)) is not None:
        raise id_number_taken(taken_field)
    account.password_hash = hash_secret(password)
    db.add(account)
    try:
        db.flush()
    except IntegrityError:  # registered concurrently by another request
        db.rollback()
        raise id_number_taken(taken_field) from None
    record_change(db, account.id, "me", account.id, now)


@router.post("/accounts", status_code=201, response_model=SessionOut)
def register(body: RegisterIn, db: Db, clock: ClockDep, settings: SettingsDep) -> dict[str, Any]:
    """Create a learner account and log it in; the server has the last word on every rule."""
    now = clock.now()
    if settings.captcha:
        captcha.check(db, body.captcha_id, body.captcha_answer, now)
    id_number = normalize_id_number(body.id_number)
    name = body.name.strip()
    phone = body.phone.strip()
    answers = _answers(body.eligibility)
    problems = account_problems(answers, body.id_type, id_number, name, phone, clock.today())
    if (message := password_problem(body.password)) is not None:
        problems.append(ApiError(422, "password_weak", passwords.filled(message), "password"))
    if problems:
        raise problems[0]
    account = new_account(body.id_type, id_number, name, phone, now)
    add_account(db, account, body.password, now)
    pair = start_session(db, account, now)
    db.commit()
    log.info("account registered: %s", mask_id_number(id_number))
    return {"account": MeOut.of(account), **pair.as_response()}


def _account_by_id_number(db: Db, id_number: str) -> Account | None:
    return db.scalar(select(Account).where(Account.id_number == id_number))


@router.post("/password-resets", status_code=202, response_model=PasswordResetOut)
def request_password_reset(
    body: PasswordResetIn,
    db: Db,
    clock: ClockDep,
    settings: SettingsDep,
    notifier: NotifierDep,
) -> PasswordResetOut:
    """Send a 6-digit code to the account's phone; at most one request a minute."""
    now = clock.now()
    if settings.captcha:
        captcha.check(db, body.captcha_id, body.captcha_answer, now)
    account = _account_by_id_number(db, normalize_id_number(body.id_number))
    phone = body.phone.strip()
    if account is None or account.phone != phone:
        raise ApiError(400, "reset_mismatch", "证件号码与手机号码不匹配，请核对后重新输入", "phone")
    # Two requests at once must not both pass the once-a-minute check and send two codes.
    lock_until_commit(db, "password_reset", account.id)
    latest = db.scalar(
        select(PasswordReset)
        .where(PasswordReset.account_id == account.id)
        .order_by(PasswordReset.created_at.desc())
        .limit(1)
    )
    if latest is not None and now - latest.created_at < RESET_REQUEST_INTERVAL:
        retry_after = int((latest.created_at + RESET_REQUEST_INTERVAL - now).total_seconds()) or 1
        raise ApiError(
            429,
            "rate_limited",
            f"验证码发送过于频繁，请 {retry_after} 秒后再试",
            headers={"Retry-After": str(retry_after)},
            retry_after_s=retry_after,
        )
    # A new code replaces any earlier one.
    db.execute(
        update(PasswordReset)
        .where(PasswordReset.account_id == account.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
    )
    code = f"{secrets.randbelow(10**RESET_CODE_LENGTH):0{RESET_CODE_LENGTH}d}"
    db.add(
        PasswordReset(
            account_id=account.id,
            code_hash=hash_secret(code),
            created_at=now,
            expires_at=now + RESET_CODE_TTL,
        )
    )
    db.commit()
    minutes = int(RESET_CODE_TTL.total_seconds() // 60)
    notifier.send(phone, f"【会计继续教育】您的验证码为 {code}，{minutes}分钟内有效。")
    log.info("password reset code sent for %s", mask_id_number(account.id_number))
    return PasswordResetOut(
        sent_to=mask_phone(phone), expires_in=int(RESET_CODE_TTL.total_seconds())
    )


@router.post("/password-resets/confirm", status_code=204, response_class=Response)
def confirm_password_reset(body: PasswordResetConfirmIn, db: Db, clock: ClockDep) -> Response:
    """Set the new password; every session ends and a login lock is lifted.

    A code takes ``RESET_MAX_ATTEMPTS`` tries.  Each try is counted by one conditional
    UPDATE before the code is compared, so codes sent at once are compared five at most;
    the fifth wrong one uses the code up.
    """
    now = clock.now()
    if (message := password_problem(body.new_password)) is not None:
        raise ApiError(422, "password_weak", passwords.filled(message), "new_password")
    id_number = normalize_id_number(body.id_number)
    account = _account_by_id_number(db, id_number)
    reset = None
    if account is not None:
        reset = db.scalar(
            select(PasswordReset)
            .where(PasswordReset.account_id == account.id, PasswordReset.used_at.is_(None))
            .order_by(PasswordReset.created_at.desc())
            .limit(1)
        )
    if account is None or reset is None or reset.expires_at <= now:
        raise _reset_code_expired()
    tries = db.scalar(
        update(PasswordReset)
        .where(
            PasswordReset.id == reset.id,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > now,
            PasswordReset.failed_attempts < RESET_MAX_ATTEMPTS,
        )
        .values(failed_attempts=PasswordReset.failed_attempts + 1)
        .returning(PasswordReset.failed_attempts)
        .execution_options(synchronize_session=False)
    )
    db.commit()  # the try counts before the code is compared, and during the hash
    if tries is None:
        spent = db.scalar(select(PasswordReset.failed_attempts).where(PasswordReset.id == reset.id))
        if spent is not None and spent >= RESET_MAX_ATTEMPTS:
            raise _too_many_codes()
        raise _reset_code_expired()  # replaced, used or expired meanwhile
    if not verify_secret(reset.code_hash, body.code.strip()):
        log.info(
            "wrong reset code for %s (try %d of %d)",
            mask_id_number(id_number),
            tries,
            RESET_MAX_ATTEMPTS,
        )
        remaining = RESET_MAX_ATTEMPTS - tries
        if remaining > 0:
            raise ApiError(
                400,
                "reset_code_invalid",
                f"验证码不正确，还可尝试 {remaining} 次",
                "code",
                remaining_attempts=remaining,
            )
        db.execute(
            update(PasswordReset)
            .where(PasswordReset.id == reset.id, PasswordReset.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        db.commit()
        raise _too_many_codes()
    used = rows_updated(
        db,
        update(PasswordReset)
        .where(PasswordReset.id == reset.id, PasswordReset.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False),
    )
    if not used:  # the same code, sent twice at once: the other request set the password
        db.rollback()
        raise _reset_code_expired()
    account.password_hash = hash_secret(body.new_password)
    account.must_change_password = False
    account.updated_at = now
    revoke_all_sessions(db, account.id, now, "password_reset")
    throttle.LOGIN.clear(db, id_number)
    record_change(db, account.id, "me", account.id, now)
    db.commit()
    log.info("password reset for %s", mask_id_number(id_number))
    return Response(status_code=204)


def _reset_code_expired() -> ApiError:
    return ApiError(400, "reset_code_invalid", "验证码无效或已过期，请重新获取", "code")


def _too_many_codes() -> ApiError:
    return ApiError(
        400, "reset_code_invalid", "验证码错误次数过多，请重新获取", "code", remaining_attempts=0
    )
