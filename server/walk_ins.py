"""Walk-ins (现场登记, docs/api.md "Front desk"): a learner registered at the counter at once.

Everything is checked first, with the learner path's own rules (registration, info
collection, the JPEG checks), and every problem is reported in one answer; only then are
the account, its collected profile and attachments, the institution's 补充信息 and the
walk-in row written, in one transaction.  Attachment files are written after the checks
and taken back when the transaction fails, so a refused walk-in leaves nothing behind.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from rules.attachments import ATTACHMENT_KINDS
from rules.eligibility import EligibilityAnswers
from rules.identity import mask_id_number, normalize_id_number
from rules.profile import FIELDS, get_path
from rules.years import CHINA_TZ
from server.api.accounts import account_problems, add_account, new_account
from server.api.profile import (
    REGION_MESSAGE,
    collect,
    district_codes,
    identity_problems,
    merge_profile,
    prefilled_profile,
    problem_list,
    save_attachment,
    submission_problems,
)
from server.api.schemas import WalkInIn, iso
from server.attachments import StoredImage, reencode, store, unstore
from server.errors import ApiError
from server.models import Account, LearnerInfo, Order, WalkIn
from server.notifier import mask_phone
from server.purchase import orders_out
from server.settings import Settings
from server.staff import audit, one_time_password

log = logging.getLogger(__name__)

#: Labels of the paths outside the profile, for the refusal's one-line message.
_LABELS = {
    "eligibility": "报名资格",
    "account.id_number": "证件号码",
    "account.name": "姓名",
    "account.phone": "手机号码",
    "district_code": "所在区县",
}
#: Fields a 居民身份证 number fills in; not checked while the number itself is wrong.
_FROM_ID_NUMBER = ("personal.id_type", "personal.id_number", "personal.sex", "personal.birth_date")
#: Profile fields prefilled from the account: a wrong value is reported once, at the account.
_FROM_ACCOUNT = {"account.name": "personal.name", "account.phone": "personal.phone"}


@dataclass(frozen=True)
class Problem:
    """One broken rule of a walk-in, at its path in the request body."""

    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class Registered:
    account: Account
    walk_in: WalkIn
    initial_password: str


def _label(path: str) -> str:
    if path in _LABELS:
        return _LABELS[path]
    if path.startswith("attachments."):
        return ATTACHMENT_KINDS.get(path.removeprefix("attachments."), path)
    return FIELDS.get(path.removeprefix("profile."), (path,))[0]


def refusal(problems: Sequence[Problem]) -> ApiError:
    """422 ``walk_in_invalid``: every problem, the first one named in the message."""
    first = problems[0]
    count = f"（共 {len(problems)} 项）" if len(problems) > 1 else ""
    return ApiError(
        422,
        "walk_in_invalid",
        f"登记信息有误{count}：{_label(first.field)}，{first.message}",
        first.field,
        problems=[p.as_dict() for p in problems],
    )


def _decoded_images(body: WalkInIn) -> tuple[dict[str, StoredImage], list[Problem]]:
    """The attachments checked and re-encoded as ``PUT /me/profile/attachments`` does."""
    images: dict[str, StoredImage] = {}
    problems: list[Problem] = []
    for kind in ATTACHMENT_KINDS:
        encoded = getattr(body.attachments, kind)
        if not encoded:
            continue
        path = f"attachments.{kind}"
        try:
            # Line breaks are tolerated, as some encoders wrap at 76 characters.
            content = base64.b64decode("".join(encoded.split()), validate=True)
        except (binascii.Error, ValueError):
            problems.append(Problem(path, "validation_error", "附件应为 base64 编码的 JPG 图片"))
            continue
        try:
            images[kind] = reencode(content)
        except ApiError as error:
            problems.append(Problem(path, error.code, error.message))
    return images, problems


def _account(body: WalkInIn, now: dt.datetime, today: dt.date) -> tuple[Account, list[Problem]]:
    """The account to create (not stored) and what the registration rules say of it."""
    id_number = normalize_id_number(body.account.id_number)
    name = body.account.name.strip()
    phone = body.account.phone.strip()
    answers = EligibilityAnswers(
        body.eligibility.works_in_accounting, body.eligibility.resides_with_certificate
    )
    problems = [
        Problem(e.field if e.field == "eligibility" else f"account.{e.field}", e.code, e.message)
        for e in account_problems(answers, body.account.id_type, id_number, name, phone, today)
    ]
    return new_account(body.account.id_type, id_number, name, phone, now), problems


def _profile_problems(
    account: Account,
    account_refused: list[Problem],
    profile: dict[str, Any],
    images: dict[str, StoredImage],
    image_refused: list[Problem],
    today: dt.date,
) -> list[Problem]:
    """What a submission of *profile* with *images* would be refused for, in form order.

    A problem the account already has is not repeated at the profile field it fills in,
    and a refused image is reported with its own reason rather than as missing.
    """
    refused_fields = {p.field for p in account_refused}
    checked = profile
    if "account.id_number" in refused_fields:
        # What the number would fill in is judged once the number is right.
        checked = {**profile, "personal": {**profile["personal"], "id_type": ""}}
    mismatched = identity_problems(account, profile)
    found = {**submission_problems(checked, set(images), today), **mismatched}
    if "account.id_number" in refused_fields:
        for path in _FROM_ID_NUMBER:
            found.pop(path, None)
    for field, copied in _FROM_ACCOUNT.items():
        if field in refused_fields and get_path(profile, copied) == getattr(
            account, field.removeprefix("account.")
        ):
            found.pop(copied, None)
    image_codes = {p.field: p.code for p in image_refused}
    found.update({p.field: p.message for p in image_refused})
    problems = []
    for item in problem_list(found):
        path = item["field"]
        if path in image_codes:
            problems.append(Problem(path, image_codes[path], item["message"]))
        elif path.startswith("attachments."):
            problems.append(Problem(path, "profile_incomplete", item["message"]))
        else:
            code = "identity_mismatch" if path in mismatched else "profile_incomplete"
            problems.append(Problem(f"profile.{path}", code, item["message"]))
    return problems


def check(
    body: WalkInIn, now: dt.datetime, today: dt.date
) -> tuple[Account, dict[str, Any], dict[str, StoredImage]]:
    """The account (not stored), its profile and images; ``walk_in_invalid`` lists all problems."""
    account, problems = _account(body, now, today)
    profile = merge_profile(prefilled_profile(account), body.profile)
    images, image_refused = _decoded_images(body)
    problems += _profile_problems(account, problems, profile, images, image_refused, today)
    district = body.district_code.strip()
    if district and district not in district_codes():
        problems.append(Problem("district_code", "district_invalid", REGION_MESSAGE))
    if problems:
        raise refusal(problems)
    return account, profile, images


def register(
    db: Session,
    settings: Settings,
    staff: Account,
    body: WalkInIn,
    now: dt.datetime,
    today: dt.date,
) -> Registered:
    """Check *body*, then store the walk-in and everything it brings in one transaction.

    Committed on success; on any failure nothing is stored, files included.
    """
    assert staff.institution_id is not None
    account, profile, images = check(body, now, today)
    account.must_change_password = True
    initial_password = one_time_password()
    add_account(db, account, initial_password, now, taken_field="account.id_number")
    written: list[StoredImage] = []
    try:
        for kind, image in images.items():
            if store(settings, image):
                written.append(image)
            save_attachment(db, account.id, kind, image, now)
        collect(db, account, None, profile, now)
        db.add(
            LearnerInfo(
                account_id=account.id,
                institution_id=staff.institution_id,
                name=account.name,
                id_number=account.id_number,
                phone=profile["personal"]["phone"] or account.phone,
                district_code=body.district_code.strip() or profile["region_code"],
                updated_at=now,
            )
        )
        walk_in = WalkIn(
            account_id=account.id,
            institution_id=staff.institution_id,
            registered_by=staff.id,
            registered_by_name=staff.name,
            registered_at=now,
        )
        db.add(walk_in)
        masked = mask_id_number(account.id_number)
        if body.source == "batch":
            action, summary = "walk_in_batch", f"批量登记学员 {account.name}（{masked}）"
        else:
            action, summary = "walk_in_created", f"现场登记学员 {account.name}（{masked}）"
        audit(db, staff, action, "account", account.id, summary, now)
        db.commit()
    except BaseException:
        db.rollback()
        for image in written:
            unstore(settings, image)
        raise
    log.info("walk-in registered: %s", mask_id_number(account.id_number))
    return Registered(account, walk_in, initial_password)


def find(db: Session, institution_id: str, account_id: str) -> tuple[WalkIn, Account]:
    """A walk-in of the institution; 404 for anyone else's (or nobody's)."""
    row = db.execute(
        select(WalkIn, Account)
        .join(Account, Account.id == WalkIn.account_id)
        .where(WalkIn.account_id == account_id, WalkIn.institution_id == institution_id)
    ).one_or_none()
    if row is None:
        raise ApiError(404, "not_found", "没有这位现场登记的学员")
    walk_in, account = row.tuple()
    return walk_in, account


def registered_on(
    db: Session, institution_id: str, day: dt.date, query: str = ""
) -> list[tuple[WalkIn, Account]]:
    """The institution's walk-ins of *day* (China time), newest first.

    *query* matches a name (part of it) or the last 4 characters of an ID number.
    """
    start = dt.datetime.combine(day, dt.time(), tzinfo=CHINA_TZ)
    statement = (
        select(WalkIn, Account)
        .join(Account, Account.id == WalkIn.account_id)
        .where(
            WalkIn.institution_id == institution_id,
            WalkIn.registered_at >= start,
            WalkIn.registered_at < start + dt.timedelta(days=1),
        )
        .order_by(WalkIn.registered_at.desc(), Account.id)
    )
    query = query.strip()
    if query:
        matches = Account.name.contains(query, autoescape=True)
        tail = normalize_id_number(query)[-4:]
        if len(tail) == 4:
            matches = or_(matches, Account.id_number.endswith(tail, autoescape=True))
        statement = statement.where(matches)
    return [row.tuple() for row in db.execute(statement)]


def walk_ins_out(
    db: Session, institution_id: str, rows: Sequence[tuple[WalkIn, Account]]
) -> list[dict[str, Any]]:
    """``<WalkIn>`` of each, with its orders at this institution only."""
    orders = db.scalars(
        select(Order)
        .where(
            Order.account_id.in_([account.id for _walk_in, account in rows]),
            Order.institution_id == institution_id,
        )
        .order_by(Order.created_at.desc(), Order.number.desc())
    ).all()
    by_account: dict[str, list[dict[str, Any]]] = {}
    for order, out in zip(orders, orders_out(db, orders), strict=True):
        by_account.setdefault(order.account_id, []).append(out)
    return [
        {
            "id": account.id,
            "name": account.name,
            "id_number_masked": mask_id_number(account.id_number),
            "phone_masked": mask_phone(account.phone),
            "registered_at": iso(walk_in.registered_at),
            "registered_by": walk_in.registered_by_name,
            "orders": by_account.get(account.id, []),
        }
        for walk_in, account in rows
    ]
