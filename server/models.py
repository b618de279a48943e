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
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
    true,
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
    # -- staff (issue 7): the institution of a staff/admin account; a disabled one cannot log in
    institution_id: Mapped[str | None] = mapped_column(
        ForeignKey("institutions.id", ondelete="SET NULL"), index=True, default=None
    )
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


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


class PasswordChangeThrottle(Base):
    """Wrong old passwords of ``PUT /me/password`` per account (policy: ``server.throttle``)."""

    __tablename__ = "password_change_throttles"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
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
    recipient: Mapped[str] = mapped_column(String(254), index=True)  # phone or e-mail
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


# --- Institutions, purchase and the catalog (issue 4) ----------------------------------
# Credits are integer tenths (rules.credits); money is integer fen.


class Institution(Base):
    """A training institution (培训机构) offering packages; ``mode`` online | onsite."""

    __tablename__ = "institutions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    region_code: Mapped[str] = mapped_column(String(12))
    phone: Mapped[str] = mapped_column(String(32))
    mode: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)


class LearnerInfo(Base):
    """补充信息 a learner gave one institution before buying there (first 去学习)."""

    __tablename__ = "learner_infos"
    __table_args__ = (
        UniqueConstraint(
            "account_id", "institution_id", name="uq_learner_infos_account_id_institution_id"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
    id_number: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(20))
    district_code: Mapped[str] = mapped_column(String(12))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Package(Base):
    """What is bought: one institution's courses of one type for one year (课程包)."""

    __tablename__ = "packages"
    __table_args__ = (Index("ix_packages_institution_year", "institution_id", "year"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    course_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    price_fen: Mapped[int] = mapped_column(Integer)
    credits_tenths: Mapped[int] = mapped_column(Integer)
    closes_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Course(Base):
    """A course of a package's catalog; ``position`` is its place in catalog order."""

    __tablename__ = "courses"
    __table_args__ = (Index("ix_courses_package_position", "package_id", "position"),)

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    teacher: Mapped[str] = mapped_column(String(50), default="")
    credits_tenths: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    trial_available: Mapped[bool] = mapped_column(Boolean, default=True)
    description: Mapped[str] = mapped_column(Text, default="")


class Order(Base):
    """An order of packages of one institution: pending → paid, or cancelled (superseded).

    ``number`` is the human order number (time + sequence, e.g. 202106211823500001).
    """

    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_account_created", "account_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id"))
    amount_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    method: Mapped[str | None] = mapped_column(String(16), default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    paid_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    # -- walk-ins (issue 7): the staff member who took a payment at the counter
    paid_by: Mapped[str | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )


class OrderItem(Base):
    """One package of an order, as it was sold (title, credits and price are kept).

    ``account_id`` and ``live`` copy the order's learner and whether it is pending or paid
    (issue 15): the database itself then holds at most one live order per learner and
    package, whatever a request forgets.  ``live`` is cleared with the order's cancellation.
    """

    __tablename__ = "order_items"
    __table_args__ = (
        Index(
            "uq_order_items_live_account_package",
            "account_id",
            "package_id",
            unique=True,
            sqlite_where=text("live"),
            postgresql_where=text("live"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id"), index=True)
    account_id: Mapped[str | None] = mapped_column(String(36), default=None)
    live: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    course_type: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    credits_tenths: Mapped[int] = mapped_column(Integer)
    unit_price_fen: Mapped[int] = mapped_column(Integer)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    total_fen: Mapped[int] = mapped_column(Integer)


class Payment(Base):
    """A QR payment of an order through a provider (WeChat Pay, Alipay, or the sandbox)."""

    __tablename__ = "payments"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(16))
    provider: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    qr_payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    paid_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    #: Why money received for this payment is to be returned (status ``refund_due``), e.g.
    #: ``package_closed``: the provider confirmed it after the package's deadline.
    refund_reason: Mapped[str | None] = mapped_column(String(32), default=None)


class IdempotencyKey(Base):
    """The first answer to a request sent with an ``Idempotency-Key`` (``server.idempotency``).

    Per calling account and key; written in the transaction of the effect itself, so a
    retry on any worker finds either nothing done or the answer of what was done.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("ix_idempotency_keys_created_at", "created_at"),)

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    #: SHA-256 of the method, the path and the body (secrets left out): the "same request".
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)  # the JSON body as first sent
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class StudyCardBatch(Base):
    """Study cards issued together for one package by an institution administrator."""

    __tablename__ = "study_card_batches"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"))
    count: Mapped[int] = mapped_column(Integer)
    issued_by: Mapped[str] = mapped_column(String(50))
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class StudyCard(Base):
    """A prepaid study card (学习卡) for one package: single use, password kept as a hash."""

    __tablename__ = "study_cards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    card_number: Mapped[str] = mapped_column(String(32), unique=True)
    batch_id: Mapped[str] = mapped_column(ForeignKey("study_card_batches.id", ondelete="CASCADE"))
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id", ondelete="CASCADE"))
    password_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    used_by: Mapped[str | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    order_id: Mapped[str | None] = mapped_column(
        ForeignKey("orders.id", ondelete="SET NULL"), default=None
    )


class CardThrottle(Base):
    """Wrong study-card tries per account (same policy as logins: ``server.throttle``)."""

    __tablename__ = "card_throttles"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class Enrollment(Base):
    """A package the learner owns (paid); one per account and package."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("account_id", "package_id", name="uq_enrollments_account_id_package_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    package_id: Mapped[str] = mapped_column(ForeignKey("packages.id"))
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Selection(Base):
    """A course chosen in an enrollment (选课)."""

    __tablename__ = "selections"

    enrollment_id: Mapped[str] = mapped_column(
        ForeignKey("enrollments.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[str] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    selected_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class CourseProgress(Base):
    """How much of a course the learner watched (the player issue fills it)."""

    __tablename__ = "course_progress"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    course_id: Mapped[str] = mapped_column(
        ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True
    )
    watched_ms: Mapped[int] = mapped_column(Integer, default=0)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class Chapter(Base):
    """One lecture of a course (第一讲…): its media file, handout and trial preview."""

    __tablename__ = "chapters"
    __table_args__ = (Index("ix_chapters_course_position", "course_id", "position"),)

    id: Mapped[str] = mapped_column(String(96), primary_key=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    duration_ms: Mapped[int] = mapped_column(Integer)
    media_file: Mapped[str] = mapped_column(String(200))
    handout_file: Mapped[str | None] = mapped_column(String(200), default=None)
    preview_file: Mapped[str | None] = mapped_column(String(200), default=None)
    preview_ms: Mapped[int] = mapped_column(Integer, default=0)


class WatchEvent(Base):
    """A played interval the client reported, kept with its outcome so a retry answers the same.

    ``id`` is the client's UUID: the platform applies each event at most once.  An accepted
    event may be credited for less than its interval (``credited_ms``: the prefix of
    [from_ms, to_ms) the credit ledger paid for; ``code`` then says why).  Times outside the
    sane range of ``rules.watch`` are stored clamped to it (the event is refused).
    """

    __tablename__ = "watch_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    chapter_id: Mapped[str] = mapped_column(String(96))
    from_ms: Mapped[int] = mapped_column(Integer)
    to_ms: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    rate: Mapped[float] = mapped_column(Float)
    app_version: Mapped[str] = mapped_column(String(32), default="")
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | refused
    code: Mapped[str | None] = mapped_column(String(32), default=None)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    credited_ms: Mapped[int | None] = mapped_column(Integer, default=None)  # None: refused


class CreditSpan(Base):
    """Wall-clock time credited to a learner: the credit ledger (``server.credit_ledger``).

    A learner's spans are disjoint and merged (an evening watched without a break is one
    row); an event is credited only for time no span holds yet, which is what keeps every
    window's credit within one tolerance across events, batches, chapters and devices.
    """

    __tablename__ = "credit_spans"
    __table_args__ = (Index("ix_credit_spans_account_id_ended_at", "account_id", "ended_at"),)

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), primary_key=True)
    ended_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ChapterProgress(Base):
    """A learner's coverage of one chapter: the union of accepted intervals and what follows."""

    __tablename__ = "chapter_progress"

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    chapter_id: Mapped[str] = mapped_column(
        ForeignKey("chapters.id", ondelete="CASCADE"), primary_key=True
    )
    intervals: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[from_ms, to_ms], ...]
    watched_ms: Mapped[int] = mapped_column(Integer, default=0)
    furthest_ms: Mapped[int] = mapped_column(Integer, default=0)
    last_position_ms: Mapped[int] = mapped_column(Integer, default=0)
    last_event_end: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ServerSecret(Base):
    """A random secret of the platform (e.g. for signing media URLs), shared by all workers."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PlatformState(Base):
    """A fact the platform keeps about its own database, e.g. which demo data it was seeded
    with (``server.seed.mark_seeded``), read at start without SQLAlchemy (server/warm_start.py)."""

    __tablename__ = "platform_state"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


# -- exams (issue 6) ---------------------------------------------------------------------


class Exam(Base):
    """The exam of one public package (公需考试); its id is ``{package_id}-exam``."""

    __tablename__ = "exams"

    id: Mapped[str] = mapped_column(String(96), primary_key=True)
    package_id: Mapped[str] = mapped_column(
        ForeignKey("packages.id", ondelete="CASCADE"), unique=True
    )
    paper: Mapped[str] = mapped_column(String(32), default="public")
    title: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    closes_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    pass_score: Mapped[int] = mapped_column(Integer)
    time_limit_s: Mapped[int] = mapped_column(Integer)


class ExamQuestion(Base):
    """A question of a paper's bank; ``answer`` (JSON list of option ids) never leaves the server.

    ``options`` is the JSON list ``[{"id": "A", "text": "…"}]``; ``position`` the bank order.
    """

    __tablename__ = "exam_questions"
    __table_args__ = (Index("ix_exam_questions_paper_kind", "paper", "kind"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    paper: Mapped[str] = mapped_column(String(32))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    #: Left out of a later import of its bank: no longer drawn, kept for the attempts that
    #: drew it (issue 19).
    retired_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class ExamPaper(Base):
    """A question bank (题库) and the institution whose catalog import defines it.

    Any institution's exam may draw from it (the province's public paper); only its own
    institution's import changes its questions.  None: loaded before imports existed.
    """

    __tablename__ = "exam_papers"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    institution_id: Mapped[str | None] = mapped_column(
        ForeignKey("institutions.id", ondelete="SET NULL"), default=None
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ExamAttempt(Base):
    """One sitting of an exam: the drawn questions (JSON ids in paper order) and the grade.

    ``number`` is unique per learner and exam, so two requests racing to start the same
    attempt cannot both insert it (on any database).  ``version`` grows by one with every
    change (answers saved, graded): a write names the version it was based on (``If-Match``)
    and is claimed by one conditional UPDATE, so a window holding older answers cannot
    overwrite newer ones.  ``submit_key`` is the ``Idempotency-Key`` of the submit that
    graded it, so that submit's retry is told apart from a submit made elsewhere.
    """

    __tablename__ = "exam_attempts"
    __table_args__ = (
        UniqueConstraint(
            "exam_id", "account_id", "number", name="uq_exam_attempts_exam_id_account_id_number"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    exam_id: Mapped[str] = mapped_column(ForeignKey("exams.id", ondelete="CASCADE"))
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    deadline: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), default="in_progress")
    question_ids: Mapped[str] = mapped_column(Text)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    correct_count: Mapped[int | None] = mapped_column(Integer, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    submit_key: Mapped[str | None] = mapped_column(String(64), default=None)


class ExamAnswer(Base):
    """The learner's current answer to one question of an attempt (JSON list of option ids)."""

    __tablename__ = "exam_answers"

    attempt_id: Mapped[str] = mapped_column(
        ForeignKey("exam_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    option_ids: Mapped[str] = mapped_column(Text, default="[]")
    saved_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


# -- records and invoices (issue 6) ------------------------------------------------------


class Invoice(Base):
    """An e-invoice asked for an order (one per order); the PDF is kept once issued."""

    __tablename__ = "invoices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), unique=True)
    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    title_type: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(100))
    tax_number: Mapped[str] = mapped_column(String(18), default="")
    email: Mapped[str] = mapped_column(String(254))
    amount_fen: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="requested", index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    issued_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    number: Mapped[str | None] = mapped_column(String(20), unique=True, default=None)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)


class CreditRecord(Base):
    """A learner's year of one course type once its requirement was met (queued onwards).

    Before that the record is computed, not stored.  ``credits_tenths`` is what was reported.
    """

    __tablename__ = "credit_records"
    __table_args__ = (
        UniqueConstraint(
            "account_id",
            "year",
            "course_type",
            name="uq_credit_records_account_id_year_course_type",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    account_id: Mapped[str] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    course_type: Mapped[str] = mapped_column(String(16))
    institution_id: Mapped[str | None] = mapped_column(
        ForeignKey("institutions.id", ondelete="SET NULL"), default=None
    )
    region_code: Mapped[str] = mapped_column(String(12), default="")
    learning_mode: Mapped[str | None] = mapped_column(String(16), default=None)
    credits_tenths: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), index=True)
    queued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    reported_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    reviewer_phone: Mapped[str | None] = mapped_column(String(32), default=None)


class ReportOutbox(Base):
    """The institution's report of a record, waiting for delivery to the province.

    ``report_key`` is what the province deduplicates by.  Claims and retries run on the
    machine's real clock (``claimed_until``, ``next_try_at``), not the platform's pinned one.
    """

    __tablename__ = "report_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(
        ForeignKey("credit_records.id", ondelete="CASCADE"), unique=True
    )
    report_key: Mapped[str] = mapped_column(String(96), unique=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[dt.datetime] = mapped_column(UtcDateTime(), index=True)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime(), default=None)


class ProvinceReceipt(Base):
    """The province's side: a report it received, once per key (the stand-in's ledger)."""

    __tablename__ = "province_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    report_key: Mapped[str] = mapped_column(String(96), unique=True)
    id_number: Mapped[str] = mapped_column(String(32), index=True)
    year: Mapped[int] = mapped_column(Integer)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class ProvinceHistory(Base):
    """A past year's record the province holds (seeded for the demo learner of the history)."""

    __tablename__ = "province_history"
    __table_args__ = (Index("ix_province_history_id_number_year", "id_number", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_number: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(50))
    year: Mapped[int] = mapped_column(Integer)
    course_type: Mapped[str] = mapped_column(String(16))
    content: Mapped[str] = mapped_column(String(200))
    credits_tenths: Mapped[int] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer, default=None)
    state: Mapped[str] = mapped_column(String(16))


# -- staff (issue 7) ---------------------------------------------------------------------


class AuditLog(Base):
    """One staff action, readable by the institution's administrators.

    ``summary`` is Chinese and holds at most a name and a masked ID number: never an ID
    number, a password or a photo.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_institution_id_id", "institution_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    actor_name: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(32))
    target_type: Mapped[str | None] = mapped_column(String(32), default=None)
    target_id: Mapped[str | None] = mapped_column(String(64), default=None)
    summary: Mapped[str] = mapped_column(String(200))


# -- walk-ins (issue 7) ------------------------------------------------------------------


class WalkIn(Base):
    """A learner registered at an institution's counter (现场登记): where, by whom, when.

    ``registered_by_name`` keeps the staff member's name as it was, like the audit log.
    """

    __tablename__ = "walk_ins"
    __table_args__ = (
        Index("ix_walk_ins_institution_id_registered_at", "institution_id", "registered_at"),
    )

    account_id: Mapped[str] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    institution_id: Mapped[str] = mapped_column(ForeignKey("institutions.id", ondelete="CASCADE"))
    registered_by: Mapped[str | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="SET NULL"), default=None
    )
    registered_by_name: Mapped[str] = mapped_column(String(50))
    registered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
