"""Staff of an institution: roles, their accounts, one-time passwords and the audit log.

Staff and administrators are accounts with ``id_type == "staff"`` whose ``id_number`` is
their user name (lower case, ``rules.identity.username_problem``), so they log in with the
same ``POST /sessions`` as learners.  What a role may reach is decided in one place,
``server.api.deps.get_caller``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules import identity, passwords
from rules.identity import name_problem, normalize_name, normalize_username, username_problem
from rules.passwords import password_problem
from server.errors import ApiError
from server.models import Account, AuditLog, Institution
from server.security import hash_secret

log = logging.getLogger(__name__)

LEARNER = "learner"
STAFF = "staff"
ADMIN = "admin"
STAFF_ROLES = frozenset({STAFF, ADMIN})
STAFF_ID_TYPE = "staff"

# Read aloud at a counter and typed by older learners: no 0/O/o, 1/l/I.
_READABLE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
_READABLE_DIGITS = "23456789"
ONE_TIME_PASSWORD_LENGTH = 10


def is_staff(account: Account) -> bool:
    return account.role in STAFF_ROLES


def one_time_password(length: int = ONE_TIME_PASSWORD_LENGTH) -> str:
    """A random initial password that passes ``rules.passwords`` and reads aloud clearly."""
    alphabet = _READABLE_LETTERS + _READABLE_DIGITS
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(length))
        if password_problem(password) is None:
            return password


def institution_name(db: Session, account: Account) -> str | None:
    if account.institution_id is None:
        return None
    institution = db.get(Institution, account.institution_id)
    return institution.name if institution else None


def institution_phone(db: Session, account: Account) -> str | None:
    if account.institution_id is None:
        return None
    institution = db.get(Institution, account.institution_id)
    return institution.phone if institution else None


def audit(
    db: Session,
    actor: Account,
    action: str,
    target_type: str | None,
    target_id: str | None,
    summary: str,
    now: dt.datetime,
) -> AuditLog:
    """Record one staff action in the actor's institution (not committed).

    *summary* is Chinese for the administrator; it names a walk-in by name and masked ID
    number at most — never a full ID number, a password or a photo.
    """
    if actor.institution_id is None:
        raise ValueError("audit needs a staff account with an institution")
    entry = AuditLog(
        at=now,
        institution_id=actor.institution_id,
        actor_id=actor.id,
        actor_name=actor.name,
        action=action,
        target_type=target_type,
        target_id=target_id,
        summary=summary[:200],
    )
    db.add(entry)
    return entry


def username_taken(db: Session, username: str) -> bool:
    """Also the upper-case form: a passport number "ABC123" would shadow user "abc123"."""
    candidates = {username, username.upper()}
    found = db.scalar(select(func.count()).where(Account.id_number.in_(candidates)))
    return bool(found)


def create_staff_account(
    db: Session,
    institution_id: str,
    username: str,
    name: str,
    role: str,
    now: dt.datetime,
    password: str | None = None,
) -> tuple[Account, str | None]:
    """A new staff/admin account (flushed, not committed) and its one-time password.

    Without *password* one is generated, returned once and must be changed at first login;
    a given password is checked by the password rule and kept.  Refusals are ``ApiError``.
    """
    username = normalize_username(username)
    if (message := username_problem(username)) is not None:
        raise ApiError(422, "username_invalid", identity.filled(message), "username")
    name = normalize_name(name)  # the command line too, not only the API's schema
    if (message := name_problem(name)) is not None:
        raise ApiError(422, "name_invalid", message, "name")
    if role not in STAFF_ROLES:
        raise ApiError(422, "validation_error", "角色应为工作人员或管理员", "role")
    if password is not None and (message := password_problem(password)) is not None:
        raise ApiError(422, "password_weak", passwords.filled(message), "password")
    if username_taken(db, username):
        raise ApiError(409, "username_taken", "该用户名已被使用，请换一个", "username")
    generated = one_time_password() if password is None else None
    account = Account(
        id_type=STAFF_ID_TYPE,
        id_number=username,
        name=name,
        phone="",
        password_hash=hash_secret(password or generated or ""),
        role=role,
        institution_id=institution_id,
        must_change_password=generated is not None,
        created_at=now,
        updated_at=now,
    )
    db.add(account)
    try:
        db.flush()
    except IntegrityError:  # taken concurrently by another request
        db.rollback()
        raise ApiError(409, "username_taken", "该用户名已被使用，请换一个", "username") from None
    log.info("%s account %s created for institution %s", role, username, institution_id)
    return account, generated


ROLE_LABELS = {STAFF: "工作人员", ADMIN: "管理员"}
