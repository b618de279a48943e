"""The platform's tables (SQLAlchemy 2 typed ORM), portable between SQLite and PostgreSQL.

Times are stored as UTC and handed out as aware datetimes; tokens and reset codes are
stored only as hashes.  Sessions, captchas and counters live here, never in a worker's
memory, so that any worker can answer any request.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC, because SQLite keeps no offset."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Account(Base):
    """A person who logs in: a learner now, staff and administrators later (``role``)."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    id_type: Mapped[str] = mapped_column(String(32))
    id_number: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    profile_status: Mapped[str] = mapped_column(String(16), default="not_collected")
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class AuthSession(Base):
    """One login; logging out, a password reset or a reused refresh token revokes it whole."""

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    revoke_reason: Mapped[str | None] = mapped_column(String(32), default=None)


class AuthToken(Base):
    """One access/refresh pair of a session, stored as SHA-256 hashes.

    Refreshing rotates: the pair is marked ``rotated_at`` (its access token stops working,
    its refresh token becomes "used") and a new pair is issued in the same session.
    """

    __tablename__ = "auth_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    access_hash: Mapped[str] = mapped_column(String(64), unique=True)
    refresh_hash: Mapped[str] = mapped_column(String(64), unique=True)
    access_expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    refresh_expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    rotated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class Captcha(Base):
    """An image captcha; the answer is kept in plain text (it protects nothing once used)."""

    __tablename__ = "captchas"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    answer: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class LoginThrottle(Base):
    """Failed-login counter per login ID number (known or not, so it reveals nothing)."""

    __tablename__ = "login_throttles"

    id_number: Mapped[str] = mapped_column(String(32), primary_key=True)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class PasswordReset(Base):
    """A reset code sent to the account's phone; the code itself is stored hashed."""

    __tablename__ = "password_resets"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class Notification(Base):
    """A message the local notifier "sent" (an SMS gateway replaces it in production)."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    recipient: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Change(Base):
    """One entry of an account's change feed (``GET /changes``); ``seq`` is the cursor."""

    __tablename__ = "changes"
    __table_args__ = (Index("ix_changes_account_seq", "account_id", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(16), default="upsert")
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Profile(Base):
    """A learner's info collection (信息采集): one row per account, created by the first save.

    ``data`` is the JSON text of the four sections (``personal``, ``education``, ``work``,
    ``professional``); ``region_code`` and ``commitment_accepted`` are columns of their own.
    ``version`` is 0 for a draft, 1 once submitted, +1 per change (信息变更).
    """

    __tablename__ = "profiles"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default="not_collected")
    version: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[str] = mapped_column(Text)
    region_code: Mapped[str] = mapped_column(String(12), default="")
    commitment_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProfileVersion(Base):
    """A superseded version of a collected profile, kept by each change (信息变更).

    ``version`` and ``data`` are the profile as it was before the change (``data``: the JSON
    of the editable shape, sections plus ``region_code`` and ``commitment_accepted``);
    ``changed_by``, ``changed_at`` and ``changed_paths`` (JSON list) describe the change.
    """

    __tablename__ = "profile_versions"
    __table_args__ = (Index("ix_profile_versions_account_version", "account_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    changed_paths: Mapped[str] = mapped_column(Text)


class Attachment(Base):
    """The current file of one attachment kind of an account (content-addressed by sha256)."""

    __tablename__ = "attachments"
    __table_args__ = (
        UniqueConstraint("account_id", "kind", name="uq_attachments_account_id_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
