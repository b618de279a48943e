"""Plain records that travel between the API client, the cache and the views.

Views hand these dataclasses around, never raw dicts or ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.models.invoices import Invoice
from rules.watch import WatchPolicy


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True)
class Me:
    """The logged-in account, as ``GET /me`` describes it."""

    id: str
    id_type: str
    id_number: str
    name: str
    phone: str
    role: str
    profile_status: str
    must_change_password: bool
    created_at: str
    # -- front desk (issue 7): staff and administrators belong to an institution --
    institution_id: str = ""
    institution_name: str = ""
    institution_phone: str = ""
    username: str = ""

    @property
    def is_staff(self) -> bool:
        """Staff and administrators get the desk, never the learner's shell."""
        return self.role in ("staff", "admin")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Me:
        return cls(
            id=data["id"],
            id_type=data["id_type"],
            id_number=data["id_number"],
            name=data["name"],
            phone=data.get("phone") or "",
            role=data.get("role", "learner"),
            profile_status=data.get("profile_status", "not_collected"),
            must_change_password=bool(data.get("must_change_password", False)),
            created_at=data.get("created_at", ""),
            institution_id=str(data.get("institution_id") or ""),
            institution_name=str(data.get("institution_name") or ""),
            institution_phone=str(data.get("institution_phone") or ""),
            username=str(data.get("username") or ""),
        )


@dataclass(frozen=True)
class LoginResult:
    tokens: Tokens
    me: Me


@dataclass(frozen=True)
class Captcha:
    captcha_id: str
    png: bytes
    expires_in: int


@dataclass(frozen=True)
class Health:
    version: str
    captcha_required: bool
    demo_inbox: bool
    payments_sandbox: bool = False
    server_time: str = ""
    """The platform's clock (ISO-8601), "" when unknown (offline start)."""


@dataclass(frozen=True)
class Change:
    seq: int
    entity: str
    entity_id: str
    op: str


@dataclass(frozen=True)
class ChangesPage:
    items: list[Change]
    cursor: int
    has_more: bool


@dataclass(frozen=True)
class Registration:
    """What the registration wizard collects (field names of ``POST /accounts``)."""

    id_type: str
    id_number: str
    name: str
    phone: str
    password: str
    works_in_accounting: bool
    resides_with_certificate: bool | None
    captcha_id: str | None = None
    captcha_answer: str | None = None


# -- institutions, purchase and the catalog (issue 4) ----------------------------------


def _tenths(value: Any) -> int:
    from rules.credits import to_tenths

    return to_tenths(value or 0)


@dataclass(frozen=True)
class Institution:
    """One row of 学习资源: an institution offering packages in ``year``."""

    id: str
    name: str
    region_code: str
    region_name: str
    year: int
    phone: str
    mode: str
    course_types: tuple[str, ...]
    learner_info_filled: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Institution:
        return cls(
            id=str(data["id"]),
            name=data["name"],
            region_code=data.get("region_code", ""),
            region_name=data.get("region_name", ""),
            year=int(data["year"]),
            phone=data.get("phone", ""),
            mode=data.get("mode", "online"),
            course_types=tuple(data.get("course_types", ())),
            learner_info_filled=bool(data.get("learner_info_filled", False)),
        )


@dataclass(frozen=True)
class LearnerInfo:
    """补充修改个人信息 for one institution (prefilled from the profile until saved)."""

    name: str
    id_number: str
    phone: str
    district_code: str
    filled: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LearnerInfo:
        return cls(
            name=data.get("name", ""),
            id_number=data.get("id_number", ""),
            phone=data.get("phone", ""),
            district_code=data.get("district_code", ""),
            filled=bool(data.get("filled", False)),
        )


@dataclass(frozen=True)
class Package:
    """A course package of one institution and year (网上报名)."""

    id: str
    institution_id: str
    institution_name: str
    year: int
    course_type: str
    title: str
    price_fen: int
    credits_tenths: int
    closes_at: str
    closed: bool
    owned: bool
    pending_order_id: str | None
    course_count: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Package:
        return cls(
            id=str(data["id"]),
            institution_id=str(data.get("institution_id", "")),
            institution_name=data.get("institution_name", ""),
            year=int(data["year"]),
            course_type=data["course_type"],
            title=data["title"],
            price_fen=int(data["price_fen"]),
            credits_tenths=_tenths(data.get("credits")),
            closes_at=data.get("closes_at", ""),
            closed=bool(data.get("closed", False)),
            owned=bool(data.get("owned", False)),
            pending_order_id=data.get("pending_order_id"),
            course_count=int(data.get("course_count", 0)),
        )


@dataclass(frozen=True)
class OrderItem:
    package_id: str
    title: str
    course_type: str
    year: int
    credits_tenths: int
    unit_price_fen: int
    quantity: int
    total_fen: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OrderItem:
        return cls(
            package_id=str(data["package_id"]),
            title=data["title"],
            course_type=data.get("course_type", ""),
            year=int(data.get("year", 0)),
            credits_tenths=_tenths(data.get("credits")),
            unit_price_fen=int(data.get("unit_price_fen", 0)),
            quantity=int(data.get("quantity", 1)),
            total_fen=int(data.get("total_fen", 0)),
        )


@dataclass(frozen=True)
class Refund:
    """Money received for an order but refused by the platform, to go back to the payer.

    ``reason`` ``package_closed``: the QR payment was confirmed after the deadline.
    """

    payment_id: str
    method: str
    amount_fen: int
    received_at: str | None
    reason: str | None
    status: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Refund:
        return cls(
            payment_id=str(data["payment_id"]),
            method=str(data.get("method", "")),
            amount_fen=int(data.get("amount_fen", 0)),
            received_at=data.get("received_at"),
            reason=data.get("reason"),
            status=str(data.get("status", "refund_due")),
        )


@dataclass(frozen=True)
class Order:
    """An order (我的订单): ``status`` pending | paid | cancelled."""

    id: str
    number: str
    amount_fen: int
    status: str
    method: str | None
    created_at: str
    paid_at: str | None
    institution_id: str
    institution_name: str
    items: tuple[OrderItem, ...]
    # -- invoices (issue 6) --
    invoice: Invoice | None = None
    invoice_deadline: str | None = None
    """Until when an invoice may be asked for; None when the order cannot have one."""
    invoice_problem: str | None = None
    """Why no invoice can be asked for (the platform's Chinese reason), else None."""
    # -- money that cannot double (issue 15) --
    refunds: tuple[Refund, ...] = ()
    """Payments received but refused (e.g. after the deadline): they go back."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Order:
        invoice = data.get("invoice")
        return cls(
            id=str(data["id"]),
            number=str(data["number"]),
            amount_fen=int(data["amount_fen"]),
            status=data["status"],
            method=data.get("method"),
            created_at=data.get("created_at", ""),
            paid_at=data.get("paid_at"),
            institution_id=str(data.get("institution_id", "")),
            institution_name=data.get("institution_name", ""),
            items=tuple(OrderItem.from_json(item) for item in data.get("items", ())),
            invoice=Invoice.from_json(invoice) if invoice else None,
            invoice_deadline=data.get("invoice_deadline"),
            invoice_problem=data.get("invoice_problem"),
            refunds=tuple(Refund.from_json(item) for item in data.get("refunds", ())),
        )


@dataclass(frozen=True)
class Payment:
    """A QR payment of an order: ``status`` pending | paid | cancelled | refund_due."""

    id: str
    order_id: str
    method: str
    amount_fen: int
    status: str
    qr_payload: str
    paid_at: str | None
    refund_reason: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Payment:
        return cls(
            id=str(data["id"]),
            order_id=str(data["order_id"]),
            method=data["method"],
            amount_fen=int(data.get("amount_fen", 0)),
            status=data["status"],
            qr_payload=data.get("qr_payload", ""),
            paid_at=data.get("paid_at"),
            refund_reason=data.get("refund_reason"),
        )


@dataclass(frozen=True)
class Enrollment:
    """A package the learner owns for a year, with the state of its selection."""

    id: str
    package_id: str
    title: str
    institution_id: str
    institution_name: str
    year: int
    course_type: str
    required_tenths: int
    selected_tenths: int
    selected_count: int
    closes_at: str
    closed: bool
    order_id: str

    @property
    def requirement_met(self) -> bool:
        return self.selected_tenths >= self.required_tenths

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Enrollment:
        return cls(
            id=str(data["id"]),
            package_id=str(data.get("package_id", "")),
            title=data.get("title", ""),
            institution_id=str(data.get("institution_id", "")),
            institution_name=data.get("institution_name", ""),
            year=int(data["year"]),
            course_type=data.get("course_type", ""),
            required_tenths=_tenths(data.get("required_credits")),
            selected_tenths=_tenths(data.get("selected_credits")),
            selected_count=int(data.get("selected_count", 0)),
            closes_at=data.get("closes_at", ""),
            closed=bool(data.get("closed", False)),
            order_id=str(data.get("order_id") or ""),
        )


@dataclass(frozen=True)
class Course:
    """One course of an enrollment's catalog, with the learner's selection state."""

    id: str
    category: str
    title: str
    teacher: str
    credits_tenths: int
    duration_ms: int
    required: bool
    selected: bool
    watched_ms: int
    trial_available: bool
    deselect_problem: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Course:
        return cls(
            id=str(data["id"]),
            category=data.get("category", ""),
            title=data["title"],
            teacher=data.get("teacher", ""),
            credits_tenths=_tenths(data.get("credits")),
            duration_ms=int(data.get("duration_ms", 0)),
            required=bool(data.get("required", False)),
            selected=bool(data.get("selected", False)),
            watched_ms=int(data.get("watched_ms", 0)),
            trial_available=bool(data.get("trial_available", False)),
            deselect_problem=data.get("deselect_problem"),
        )


@dataclass(frozen=True)
class Catalog:
    """An enrollment with its courses in catalog order (``GET /enrollments/{id}/courses``)."""

    enrollment: Enrollment
    courses: tuple[Course, ...]


# -- courses, chapters and progress (issue 5) ------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One chapter of a course (``GET /courses/{id}``)."""

    id: str
    position: int
    title: str
    duration_ms: int
    media_type: str
    media_size: int
    handout: bool
    preview_ms: int

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Chapter:
        return cls(
            id=str(data["id"]),
            position=int(data.get("position", 0)),
            title=data.get("title", ""),
            duration_ms=int(data.get("duration_ms", 0)),
            media_type=data.get("media_type", "video/mp4"),
            media_size=int(data.get("media_size", 0)),
            handout=bool(data.get("handout", False)),
            preview_ms=int(data.get("preview_ms", 0)),
        )


@dataclass(frozen=True)
class CourseDetail:
    """A course with its chapters and watch policy (``GET /courses/{id}``)."""

    id: str
    title: str
    teacher: str
    category: str
    credits_tenths: int
    description: str
    duration_ms: int
    trial_available: bool
    enrollment_id: str | None
    selected: bool
    policy: WatchPolicy
    chapters: tuple[Chapter, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CourseDetail:
        return cls(
            id=str(data["id"]),
            title=data.get("title", ""),
            teacher=data.get("teacher", ""),
            category=data.get("category", ""),
            credits_tenths=_tenths(data.get("credits")),
            description=data.get("description", ""),
            duration_ms=int(data.get("duration_ms", 0)),
            trial_available=bool(data.get("trial_available", False)),
            enrollment_id=data.get("enrollment_id"),
            selected=bool(data.get("selected", False)),
            policy=WatchPolicy.from_json(data.get("policy")),
            chapters=tuple(Chapter.from_json(c) for c in data.get("chapters", ())),
        )


@dataclass(frozen=True)
class MediaUrl:
    """A signed media URL (``POST /chapters/{id}/media-url``): VLC opens it without a header."""

    url: str
    expires_at: str


@dataclass(frozen=True)
class ChapterProgress:
    """The platform's credit of one chapter: the union of its accepted intervals."""

    chapter_id: str
    title: str
    duration_ms: int
    watched_ms: int
    furthest_ms: int
    last_position_ms: int
    percent: float
    completed: bool
    intervals: tuple[tuple[int, int], ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChapterProgress:
        return cls(
            chapter_id=str(data["chapter_id"]),
            title=data.get("title", ""),
            duration_ms=int(data.get("duration_ms", 0)),
            watched_ms=int(data.get("watched_ms", 0)),
            furthest_ms=int(data.get("furthest_ms", 0)),
            last_position_ms=int(data.get("last_position_ms", 0)),
            percent=float(data.get("percent", 0.0)),
            completed=bool(data.get("completed", False)),
            intervals=tuple((int(a), int(b)) for a, b in data.get("intervals", ())),
        )


@dataclass(frozen=True)
class CourseProgress:
    """One selected course of the year with its watched time and status."""

    course_id: str
    enrollment_id: str
    course_type: str
    title: str
    teacher: str
    credits_tenths: int
    duration_ms: int
    watched_ms: int
    percent: float
    status: str
    """``not_started`` | ``in_progress`` | ``completed``."""
    completed_at: str | None
    chapters: tuple[ChapterProgress, ...]
    pending_ms: int = 0
    """Of ``watched_ms``, what this computer's outbox still holds (not from the platform:
    ``watch_journal.with_pending``)."""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CourseProgress:
        return cls(
            course_id=str(data["course_id"]),
            enrollment_id=str(data.get("enrollment_id") or ""),
            course_type=data.get("course_type", ""),
            title=data.get("title", ""),
            teacher=data.get("teacher", ""),
            credits_tenths=_tenths(data.get("credits")),
            duration_ms=int(data.get("duration_ms", 0)),
            watched_ms=int(data.get("watched_ms", 0)),
            percent=float(data.get("percent", 0.0)),
            status=data.get("status", "not_started"),
            completed_at=data.get("completed_at"),
            chapters=tuple(ChapterProgress.from_json(c) for c in data.get("chapters", ())),
        )

    def chapter(self, chapter_id: str) -> ChapterProgress | None:
        return next((c for c in self.chapters if c.chapter_id == chapter_id), None)


@dataclass(frozen=True)
class Progress:
    """A year's progress (``GET /progress?year=``): credits earned against the requirement."""

    year: int
    required_tenths: int
    earned_tenths: int
    earned_by_type: dict[str, int]
    """Credits earned (tenths) per course type: ``public``, ``professional``."""
    courses: tuple[CourseProgress, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Progress:
        return cls(
            year=int(data["year"]),
            required_tenths=_tenths(data.get("required_credits")),
            earned_tenths=_tenths(data.get("earned_credits")),
            earned_by_type={
                kind: _tenths((data.get(kind) or {}).get("earned_credits"))
                for kind in ("public", "professional")
            },
            courses=tuple(CourseProgress.from_json(c) for c in data.get("courses", ())),
        )

    def course(self, course_id: str) -> CourseProgress | None:
        return next((c for c in self.courses if c.course_id == course_id), None)
