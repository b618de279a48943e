"""Passwords and session tokens.

Passwords (learners' and staff's), reset codes and study-card passwords are argon2id hashes
made by the one hasher below.  Tokens are opaque random strings handed out once and stored
only as SHA-256 hashes, so a leaked database holds no usable token.  Access tokens live 30
minutes, refresh tokens 30 days; a refresh rotates the pair, and presenting a refresh token
that was already used revokes the whole session (someone else holds a copy).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.models import Account, AuthSession, AuthToken

log = logging.getLogger(__name__)

ACCESS_TOKEN_TTL = dt.timedelta(minutes=30)
REFRESH_TOKEN_TTL = dt.timedelta(days=30)

# OWASP Password Storage Cheat Sheet, argon2id: 19 MiB, 2 passes, 1 lane.  argon2-cffi's
# default (64 MiB, 3 passes, 4 lanes) cost 7 times the CPU per login, and 200 learners
# logging in at once waited 40 s for 2 cores (docs/scale.md).
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_secret(secret: str) -> str:
    """Argon2id hash of a password, a reset code or a study card's password."""
    return _hasher.hash(secret)


def verify_secret(secret_hash: str, secret: str) -> bool:
    """Whether *secret* matches; a hash made with other parameters verifies by its own."""
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def rehashed_secret(secret_hash: str, secret: str) -> str | None:
    """A hash of *secret*, just verified against *secret_hash*, at today's parameters;
    None when *secret_hash* already has them.  Call it before the transaction that stores
    the result, so no pooled connection waits on argon2."""
    if not _hasher.check_needs_rehash(secret_hash):
        return None
    return _hasher.hash(secret)


def upgrade_password_hash(db: Session, account: Account, old_hash: str, new_hash: str) -> None:
    """Store *new_hash* (from ``rehashed_secret``) unless the password changed meanwhile.

    One conditional UPDATE: a password changed or reset while the login was verifying
    the old one is kept, not overwritten by a hash of the old password.  Not committed.
    """
    db.execute(
        update(Account)
        .where(Account.id == account.id, Account.password_hash == old_hash)
        .values(password_hash=new_hash)
        .execution_options(synchronize_session=False)
    )


def token_digest(token: str) -> str:
    """Tokens are long random strings, so a fast unsalted hash suffices to look them up."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str

    def as_response(self) -> dict[str, object]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_in": int(ACCESS_TOKEN_TTL.total_seconds()),
            "refresh_expires_in": int(REFRESH_TOKEN_TTL.total_seconds()),
            "token_type": "Bearer",
        }


def _add_pair(db: Session, session_id: str, now: dt.datetime) -> TokenPair:
    pair = TokenPair(secrets.token_urlsafe(32), secrets.token_urlsafe(48))
    db.add(
        AuthToken(
            session_id=session_id,
            access_hash=token_digest(pair.access_token),
            refresh_hash=token_digest(pair.refresh_token),
            access_expires_at=now + ACCESS_TOKEN_TTL,
            refresh_expires_at=now + REFRESH_TOKEN_TTL,
            created_at=now,
        )
    )
    return pair


def start_session(db: Session, account: Account, now: dt.datetime) -> TokenPair:
    """Open a new session for *account* and issue its first token pair (not committed)."""
    auth_session = AuthSession(account_id=account.id, created_at=now)
    db.add(auth_session)
    db.flush()
    return _add_pair(db, auth_session.id, now)


class RefreshRefused(Exception):
    """The refresh token is unknown, used, revoked or expired."""


def rotate(db: Session, refresh_token: str, now: dt.datetime) -> tuple[TokenPair, str]:
    """Use up *refresh_token* and issue the next pair; returns the pair and the account id.

    A used token revokes its session and is refused; the caller must commit either way.
    """
    row = db.execute(
        select(AuthToken, AuthSession)
        .join(AuthSession, AuthSession.id == AuthToken.session_id)
        .where(AuthToken.refresh_hash == token_digest(refresh_token))
    ).one_or_none()
    if row is None:
        raise RefreshRefused("unknown")
    token, auth_session = row.tuple()
    if auth_session.revoked_at is not None:
        raise RefreshRefused("revoked")
    if token.rotated_at is not None:
        auth_session.revoked_at = now
        auth_session.revoke_reason = "refresh_reuse"
        log.warning("refresh token reused; session %s revoked", auth_session.id)
        raise RefreshRefused("reused")
    if token.refresh_expires_at <= now:
        raise RefreshRefused("expired")
    token.rotated_at = now
    return _add_pair(db, auth_session.id, now), auth_session.account_id


def account_for_access_token(
    db: Session, access_token: str, now: dt.datetime
) -> tuple[Account, AuthSession] | None:
    """The account and session an access token belongs to, if the token is still good."""
    row = db.execute(
        select(Account, AuthSession)
        .join(AuthSession, AuthSession.account_id == Account.id)
        .join(AuthToken, AuthToken.session_id == AuthSession.id)
        .where(
            AuthToken.access_hash == token_digest(access_token),
            AuthToken.rotated_at.is_(None),
            AuthToken.access_expires_at > now,
            AuthSession.revoked_at.is_(None),
        )
    ).one_or_none()
    return None if row is None else row.tuple()


def revoke_session(auth_session: AuthSession, now: dt.datetime, reason: str) -> None:
    auth_session.revoked_at = now
    auth_session.revoke_reason = reason


def revoke_all_sessions(db: Session, account_id: str, now: dt.datetime, reason: str) -> None:
    db.execute(
        update(AuthSession)
        .where(AuthSession.account_id == account_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now, revoke_reason=reason)
    )
