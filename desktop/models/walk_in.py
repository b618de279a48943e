"""A walk-in at the front desk (SPEC §6): the form's record, its request body, the answers.

The record lives in memory only — no cache record, no draft, no file — and ``clear()``
drops everything once the walk-in is submitted or cancelled.  Its checks are the learner
path's own rules (``rules.eligibility``, ``rules.identity``, ``rules.profile``); the
platform runs the same ones and decides.

Field paths are those of the ``POST /staff/walk-ins`` body (``account.id_number``,
``profile.personal.email``, ``attachments.photo``, ``eligibility``…), so a problem of the
platform's ``walk_in_invalid`` answer lands at the same field as a local one.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from desktop.models.api_types import Order
from rules._i18n import QT_TRANSLATE_NOOP
from rules.eligibility import EligibilityAnswers, is_eligible
from rules.identity import (
    IdType,
    id_number_problem,
    name_problem,
    normalize_id_number,
    normalize_name,
    normalize_phone,
    phone_problem,
)
from rules.profile import COUNTRY_REGIONS, SECTIONS, profile_problems, required_attachments

ACCOUNT_FIELDS = ("id_type", "id_number", "name", "phone")
"""The account's fields; the profile's identity fields of the same names come from them."""
_ACCOUNT_NORMALISERS = {
    "id_number": normalize_id_number,
    "name": normalize_name,
    "phone": normalize_phone,
}
"""The canonical forms the platform stores (its request schemas apply the same)."""

ELIGIBILITY_REQUIRED = QT_TRANSLATE_NOOP("rules", "请回答资格确认问题")
INELIGIBLE = QT_TRANSLATE_NOOP(
    "rules", "该学员不属于广东省（不含深圳市）会计人员继续教育的办理对象，无法登记"
)


COUNTRY_PATH = "profile.personal.country_region"
PRESUMED_COUNTRY = {IdType.RESIDENT_ID.value: COUNTRY_REGIONS[0]}
"""所在国家或地区 an ID type implies: a 居民身份证 is issued to 中国(内地) residents.  Preset in
the form (still changeable); a preset alone does not count as something entered."""


def presumed_country(id_type: str) -> str:
    return PRESUMED_COUNTRY.get(id_type, "")


def _empty_profile() -> dict[str, Any]:
    profile: dict[str, Any] = {section: {} for section in SECTIONS}
    profile["personal"]["country_region"] = presumed_country(IdType.RESIDENT_ID.value)
    return profile


@dataclass(repr=False)
class WalkInForm:
    """What the desk's form holds for one walk-in, in memory only.

    ``profile`` has the shape of ``GET /me/profile`` (sections, ``region_code``,
    ``commitment_accepted``) without the identity fields; ``attachments`` maps a kind to
    its prepared JPEG bytes.
    """

    works_in_accounting: bool | None = None
    resides_with_certificate: bool | None = None
    account: dict[str, str] = field(default_factory=lambda: {"id_type": IdType.RESIDENT_ID.value})
    profile: dict[str, Any] = field(default_factory=_empty_profile)
    attachments: dict[str, bytes] = field(default_factory=dict)

    def __repr__(self) -> str:  # never the ID number or a photo in a log or a traceback
        return f"WalkInForm(photos={sorted(self.attachments)})"

    # -- editing ----------------------------------------------------------------------

    def set_value(self, path: str, value: Any) -> None:
        """Set the field at a body path (``account.name``, ``profile.work.employer``…)."""
        head, _, rest = path.partition(".")
        if head == "account":
            text = str(value or "").strip()
            normalise = _ACCOUNT_NORMALISERS.get(rest)
            if rest == "id_type":  # the preset country follows the ID type, not a choice
                was = presumed_country(self.account.get("id_type", ""))
                if self.value(COUNTRY_PATH) in ("", None, was):
                    self.set_value(COUNTRY_PATH, presumed_country(text))
            self.account[rest] = normalise(text) if normalise else text
        elif head == "profile":
            section, _, name = rest.partition(".")
            if name:
                self.profile.setdefault(section, {})[name] = value
            else:
                self.profile[section] = value
        else:
            raise KeyError(path)

    def value(self, path: str) -> Any:
        head, _, rest = path.partition(".")
        if head == "account":
            return self.account.get(rest, "")
        section, _, name = rest.partition(".")
        return self.profile.get(section, {}).get(name) if name else self.profile.get(section)

    def set_attachment(self, kind: str, jpeg: bytes | None) -> None:
        if jpeg is None:
            self.attachments.pop(kind, None)
        else:
            self.attachments[kind] = jpeg

    def clear(self) -> None:
        """Forget the walk-in: answers, account, profile and photos."""
        self.works_in_accounting = None
        self.resides_with_certificate = None
        self.account = {"id_type": IdType.RESIDENT_ID.value}
        self.profile = _empty_profile()
        self.attachments.clear()

    @property
    def is_empty(self) -> bool:
        """Nothing entered yet (cancel needs no confirmation then)."""
        preset = presumed_country(self.account.get("id_type", ""))
        profile_filled = any(
            value not in (None, "", False)
            and not (section == "personal" and name == "country_region" and value == preset)
            for section in SECTIONS
            for name, value in (self.profile.get(section) or {}).items()
        ) or bool(self.profile.get("region_code") or self.profile.get("commitment_accepted"))
        account_filled = any(self.account.get(name) for name in ("id_number", "name", "phone"))
        return not (
            profile_filled
            or account_filled
            or self.attachments
            or self.works_in_accounting is not None
        )

    # -- checks -----------------------------------------------------------------------

    def eligibility(self) -> EligibilityAnswers | None:
        if self.works_in_accounting is None:
            return None
        if self.works_in_accounting:
            return EligibilityAnswers(True, None)
        if self.resides_with_certificate is None:
            return None
        return EligibilityAnswers(False, self.resides_with_certificate)

    def learner_profile(self) -> dict[str, Any]:
        """The profile as the learner path sees it: identity fields from the account."""
        profile = {key: (dict(v) if isinstance(v, dict) else v) for key, v in self.profile.items()}
        personal = profile.setdefault("personal", {})
        for name in ACCOUNT_FIELDS:
            personal[name] = self.account.get(name, "")
        return profile

    def required_attachments(self) -> tuple[str, ...]:
        return required_attachments(self.profile)

    def problems(self, *, today: dt.date) -> dict[str, str]:
        """Everything that blocks registration, by body path (untranslated rule messages)."""
        problems: dict[str, str] = {}
        answers = self.eligibility()
        if answers is None:
            problems["eligibility"] = ELIGIBILITY_REQUIRED
        elif not is_eligible(answers):
            problems["eligibility"] = INELIGIBLE
        id_type = self.account.get("id_type") or IdType.RESIDENT_ID.value
        id_problem = id_number_problem(id_type, self.account.get("id_number", ""), today=today)
        if id_problem is not None:
            problems["account.id_number"] = id_problem.message
        name = name_problem(self.account.get("name", ""))
        if name is not None:
            problems["account.name"] = name
        phone = phone_problem(self.account.get("phone", ""))
        if phone is not None:
            problems["account.phone"] = phone
        found = profile_problems(self.learner_profile(), set(self.attachments), today=today)
        for path, message in found.items():
            problems.setdefault(body_path(path), message)
        return problems

    # -- the request ------------------------------------------------------------------

    def to_body(self) -> dict[str, Any]:
        """The body of ``POST /staff/walk-ins`` (the photos base64, in memory)."""
        profile: dict[str, Any] = {s: dict(self.profile.get(s) or {}) for s in SECTIONS}
        region = str(self.profile.get("region_code") or "")
        profile["region_code"] = region
        profile["commitment_accepted"] = bool(self.profile.get("commitment_accepted"))
        attachments: dict[str, str | None] = {
            kind: None for kind in ("id_front", "id_back", "photo", "student_card")
        }
        for kind, jpeg in self.attachments.items():
            if kind in self.required_attachments():
                attachments[kind] = base64.b64encode(jpeg).decode("ascii")
        return {
            "eligibility": {
                "works_in_accounting": self.works_in_accounting,
                "resides_with_certificate": (
                    None if self.works_in_accounting else self.resides_with_certificate
                ),
            },
            "account": {name: self.account.get(name, "") for name in ACCOUNT_FIELDS},
            "profile": profile,
            "attachments": attachments,
            "district_code": region,
        }


def body_path(path: str) -> str:
    """The body path of a learner-path field path (``personal.email`` →
    ``profile.personal.email``; identity fields → ``account.*``; attachments stay)."""
    head, _, name = path.partition(".")
    if head in ("account", "profile", "eligibility", "district_code"):
        if head == "profile":
            return body_path(name) if name.startswith("personal.") else path
        return path
    if head == "attachments":
        return path
    if head == "personal" and name in ACCOUNT_FIELDS:
        return f"account.{name}"
    return f"profile.{path}"


def problems_of(error: Any) -> dict[str, str]:
    """The field problems of a platform refusal (``walk_in_invalid`` lists them all; any
    other refusal with a field counts as one), by body path; {} when it names no field."""
    listed = getattr(error, "extra", {}).get("problems") or []
    problems: dict[str, str] = {}
    for problem in listed:
        path = body_path(str(problem.get("field") or ""))
        problems.setdefault(path, str(problem.get("message") or ""))
    field_name = getattr(error, "field", None)
    if not problems and field_name:
        problems[body_path(str(field_name))] = str(getattr(error, "message", ""))
    return problems


# -- the platform's answers -----------------------------------------------------------


@dataclass(frozen=True)
class WalkIn:
    """One row of the desk's queue (``<WalkIn>`` of docs/api.md): masked, never the full
    ID number."""

    id: str
    name: str
    id_number_masked: str
    phone_masked: str
    registered_at: str
    registered_by: str
    orders: tuple[Order, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WalkIn:
        return cls(
            id=str(data["id"]),
            name=str(data.get("name", "")),
            id_number_masked=str(data.get("id_number_masked", "")),
            phone_masked=str(data.get("phone_masked", "")),
            registered_at=str(data.get("registered_at", "")),
            registered_by=str(data.get("registered_by", "")),
            orders=tuple(Order.from_json(item) for item in data.get("orders", ())),
        )


@dataclass(frozen=True)
class WalkInCreated:
    """The answer of ``POST /staff/walk-ins``: the login ID and the one-time password are
    shown once (and printed on the slip), never stored."""

    walk_in: WalkIn
    login_id: str
    initial_password: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WalkInCreated:
        return cls(
            walk_in=WalkIn.from_json(data["walk_in"]),
            login_id=str(data["login_id"]),
            initial_password=str(data["initial_password"]),
        )

    def __repr__(self) -> str:  # never the ID number or the password in a log or traceback
        return f"WalkInCreated(walk_in={self.walk_in.id!r})"
