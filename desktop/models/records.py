"""Plain records that travel between the API client, the cache and the views.

Views hand these dataclasses around, never raw dicts or ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Me:
        return cls(
            id=data["id"],
            id_type=data["id_type"],
            id_number=data["id_number"],
            name=data["name"],
            phone=data["phone"],
            role=data.get("role", "learner"),
            profile_status=data.get("profile_status", "not_collected"),
            must_change_password=bool(data.get("must_change_password", False)),
            created_at=data.get("created_at", ""),
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
