"""Info collection (信息采集, docs/api.md "Info collection"): the profile and its attachments.

The checks are the shared ones of ``rules.profile``; the platform adds what only it knows
(the account's identity, the district list, the attachments on file) and decides.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from rules import identity
from rules.attachments import ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES
from rules.identity import (
    IdType,
    birth_date_of,
    id_number_problem,
    normalize_id_number,
    normalize_name,
    sex_of,
)
from rules.profile import FIELDS, SECTIONS, field_problems, get_path, profile_problems
from server.api.deps import CallerDep, ClockDep, Db, SettingsDep
from server.api.reference import load_regions
from server.api.schemas import AttachmentOut, ProfileIn, ProfileOut, iso
from server.attachments import (
    StoredImage,
    attachment_path,
    check_file_name,
    read_capped,
    reencode,
    store,
    too_large,
)
from server.changes import record_change
from server.errors import ApiError
from server.models import Account, Attachment, Profile, ProfileVersion

router = APIRouter(tags=["profile"])

NOT_COLLECTED = "not_collected"
COLLECTED = "collected"
TOP_LEVEL = ("region_code", "commitment_accepted")
IDENTITY_PATHS = ("personal.name", "personal.id_type", "personal.id_number")
REGION_MESSAGE = "请选择广东省（深圳市除外）的区、县级行政区域"
IDENTITY_MESSAGE = "须与注册账号的信息一致"
#: Problems are listed in form order: the fields, then the attachments.
_ORDER = {
    path: i for i, path in enumerate([*FIELDS, *(f"attachments.{k}" for k in ATTACHMENT_KINDS)])
}

Editable = dict[str, Any]


@cache
def district_codes() -> frozenset[str]:
    """The codes ``region_code`` may take: districts of ``GET /regions`` (no city, no Shenzhen)."""
    return frozenset(d["code"] for city in load_regions() for d in city["districts"])


def _empty() -> Editable:
    sections: Editable = {section: {} for section in SECTIONS}
    for path in FIELDS:
        if "." in path:
            section, field = path.split(".", 1)
            sections[section][field] = ""
    return {**sections, "region_code": "", "commitment_accepted": False}


def prefilled_profile(account: Account) -> Editable:
    """A new profile: what the account already knows (sex and birth date from a 居民身份证)."""
    profile = _empty()
    personal = profile["personal"]
    personal.update(
        name=account.name,
        id_type=account.id_type,
        id_number=account.id_number,
        phone=account.phone,
    )
    # A walk-in's number is checked after this: derive from a valid number only.
    if (
        account.id_type == IdType.RESIDENT_ID
        and id_number_problem(IdType.RESIDENT_ID, account.id_number) is None
    ):
        birth = birth_date_of(account.id_number)
        personal["sex"] = sex_of(account.id_number)
        personal["birth_date"] = birth.isoformat() if birth else ""
    return profile


def _editable(row: Profile) -> Editable:
    profile = _empty()
    stored = json.loads(row.data)
    for section in SECTIONS:
        profile[section].update(stored.get(section) or {})
    profile["region_code"] = row.region_code
    profile["commitment_accepted"] = row.commitment_accepted
    return profile


def _write(row: Profile, profile: Editable) -> None:
    row.data = json.dumps(
        {section: profile[section] for section in SECTIONS}, ensure_ascii=False, sort_keys=True
    )
    row.region_code = profile["region_code"]
    row.commitment_accepted = profile["commitment_accepted"]


def _load(db: Session, account_id: str, *, lock: bool = False) -> Profile | None:
    query = select(Profile).where(Profile.account_id == account_id)
    return db.scalar(query.with_for_update() if lock else query)


def _attachments(db: Session, account_id: str) -> dict[str, Attachment]:
    rows = db.scalars(select(Attachment).where(Attachment.account_id == account_id)).all()
    return {row.kind: row for row in rows}


def _attachment_info(row: Attachment) -> dict[str, Any]:
    return {
        "sha256": row.sha256,
        "size": row.size,
        "width": row.width,
        "height": row.height,
        "uploaded_at": iso(row.uploaded_at),
    }


def _out(db: Session, account: Account, row: Profile | None, profile: Editable) -> dict[str, Any]:
    files = _attachments(db, account.id)
    return {
        "status": row.status if row else NOT_COLLECTED,
        "version": row.version if row else 0,
        "submitted_at": iso(row.submitted_at) if row and row.submitted_at else None,
        "updated_at": iso(row.updated_at if row else account.created_at),
        **profile,
        "attachments": {
            kind: _attachment_info(files[kind]) if kind in files else None
            for kind in ATTACHMENT_KINDS
        },
    }


def problem_list(problems: dict[str, str]) -> list[dict[str, str]]:
    ordered = sorted(problems, key=lambda path: _ORDER.get(path, len(_ORDER)))
    return [{"field": path, "message": identity.filled(problems[path])} for path in ordered]


def _refuse(code: str, problems: dict[str, str]) -> ApiError:
    listed = problem_list(problems)
    first = listed[0]
    label = FIELDS.get(first["field"], (None,))[0]
    if label is None and first["field"].startswith("attachments."):
        label = ATTACHMENT_KINDS.get(first["field"].removeprefix("attachments."))
    summary = "信息不完整，暂不能提交" if code == "profile_incomplete" else "信息填写有误"
    message = f"{summary}：{label}，{first['message']}" if label else summary
    return ApiError(422, code, message, first["field"], problems=listed)


def identity_problems(account: Account, profile: Editable) -> dict[str, str]:
    """Name, ID type and number come from the account and cannot differ from it.

    Compared in their canonical forms: an account registered before input was normalised
    (a name with "•" for "·") still matches what the schemas now make of it.
    """
    canonical = {"personal.name": normalize_name, "personal.id_number": normalize_id_number}
    expected = {
        "personal.name": account.name,
        "personal.id_type": account.id_type,
        "personal.id_number": account.id_number,
    }
    return {
        path: IDENTITY_MESSAGE
        for path in IDENTITY_PATHS
        if (form := canonical.get(path, str))(str(get_path(profile, path) or ""))
        != form(expected[path])
    }


def _check_identity(account: Account, profile: Editable) -> None:
    mismatched = identity_problems(account, profile)
    if mismatched:
        listed = problem_list(mismatched)
        raise ApiError(
            422,
            "identity_mismatch",
            "姓名、证件类型和证件号码须与注册账号一致，如需更改请联系管理员",
            listed[0]["field"],
            problems=listed,
        )


def _region_problems(profile: Editable) -> dict[str, str]:
    code = profile["region_code"]
    return {"region_code": REGION_MESSAGE} if code and code not in district_codes() else {}


def submission_problems(profile: Editable, kinds: set[str], today: dt.date) -> dict[str, str]:
    """What blocks submission: the shared rules plus the district list."""
    problems = profile_problems(profile, kinds, today=today)
    problems.update(_region_problems(profile))
    return problems


def merge_profile(current: Editable, body: ProfileIn) -> Editable:
    """*current* with what the body sets (missing keys keep their value); text is stripped."""
    merged = copy.deepcopy(current)
    updates = body.model_dump(exclude_unset=True)
    for section in SECTIONS:
        for field, value in (updates.get(section) or {}).items():
            merged[section][field] = value.strip()
    if "region_code" in updates:
        merged["region_code"] = updates["region_code"].strip()
    if "commitment_accepted" in updates:
        merged["commitment_accepted"] = updates["commitment_accepted"]
    merged["personal"]["id_number"] = normalize_id_number(merged["personal"]["id_number"])
    return merged


def _changed_paths(before: Editable, after: Editable) -> list[str]:
    paths = [f"{s}.{f}" for s in SECTIONS for f in after[s] if before[s].get(f) != after[s][f]]
    paths += [key for key in TOP_LEVEL if before[key] != after[key]]
    return paths


@router.get("/me/profile", response_model=ProfileOut)
def get_profile(caller: CallerDep, db: Db) -> dict[str, Any]:
    """The caller's profile; before the first save, the one prefilled from the account."""
    row = _load(db, caller.account.id)
    profile = _editable(row) if row else prefilled_profile(caller.account)
    return _out(db, caller.account, row, profile)


@router.put(
    "/me/profile",
    response_model=ProfileOut,
    responses={422: {"description": "profile_invalid / profile_incomplete / identity_mismatch"}},
)
def put_profile(body: ProfileIn, caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """Save a draft (format checks only) or, once collected, a change (信息变更)."""
    account = caller.account
    now = clock.now()
    row = _load(db, account.id, lock=True)
    current = _editable(row) if row else prefilled_profile(account)
    merged = merge_profile(current, body)
    _check_identity(account, merged)
    changed = _changed_paths(current, merged)
    if row is not None and row.status == COLLECTED:
        problems = submission_problems(merged, set(_attachments(db, account.id)), clock.today())
        if problems:
            raise _refuse("profile_incomplete", problems)
        if changed:
            db.add(
                ProfileVersion(
                    account_id=account.id,
                    version=row.version,
                    data=json.dumps(current, ensure_ascii=False, sort_keys=True),
                    changed_by=account.id,
                    changed_at=now,
                    changed_paths=json.dumps(changed),
                )
            )
            row.version += 1
    else:
        problems = field_problems(merged, today=clock.today())
        problems.update(_region_problems(merged))
        if problems:
            raise _refuse("profile_invalid", problems)
    if row is None:
        row = Profile(account_id=account.id, status=NOT_COLLECTED, version=0, updated_at=now)
        db.add(row)
    elif not changed:
        return _out(db, account, row, current)  # nothing to save
    _write(row, merged)
    row.updated_at = now
    record_change(db, account.id, "profile", account.id, now)
    db.commit()
    return _out(db, account, row, merged)


@router.post(
    "/me/profile/submit",
    response_model=ProfileOut,
    responses={422: {"description": "profile_incomplete (problems lists all)"}},
)
def submit_profile(caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """Submit for collection: everything must pass ``profile_problems``."""
    account = caller.account
    now = clock.now()
    row = _load(db, account.id, lock=True)
    profile = _editable(row) if row else prefilled_profile(account)
    _check_identity(account, profile)
    problems = submission_problems(profile, set(_attachments(db, account.id)), clock.today())
    if problems:
        raise _refuse("profile_incomplete", problems)
    if row is not None and row.status == COLLECTED:
        return _out(db, account, row, profile)  # already collected: nothing changes
    row = collect(db, account, row, profile, now)
    db.commit()
    return _out(db, account, row, profile)


def collect(
    db: Session, account: Account, row: Profile | None, profile: Editable, now: dt.datetime
) -> Profile:
    """Mark *profile* collected (信息已采集), version 1 (not committed).

    *row* is the saved draft, if any; the caller has checked ``submission_problems``.
    """
    if row is None:
        row = Profile(account_id=account.id, version=0)
        _write(row, profile)
        db.add(row)
    row.status = COLLECTED
    row.version = 1
    row.submitted_at = now
    row.updated_at = now
    account.profile_status = COLLECTED
    account.updated_at = now
    record_change(db, account.id, "profile", account.id, now)
    record_change(db, account.id, "me", account.id, now)
    return row


def _known_kind(kind: str) -> str:
    if kind not in ATTACHMENT_KINDS:
        raise ApiError(404, "not_found", "没有这种附件")
    return kind


async def _upload(request: Request, kind: str) -> bytes:
    """The raw body, refused (413) before or while reading once it exceeds 2 MB."""
    _known_kind(kind)
    check_file_name(request.headers.get("content-disposition"))
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_ATTACHMENT_BYTES:
        raise too_large()
    return await read_capped(request.stream())


_JPEG_BODY = {
    "content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}},
    "required": True,
}


@router.put(
    "/me/profile/attachments/{kind}",
    response_model=AttachmentOut,
    openapi_extra={"requestBody": _JPEG_BODY},
    responses={
        413: {"description": "attachment_too_large"},
        415: {"description": "attachment_not_jpeg"},
        422: {
            "description": "attachment_empty / attachment_corrupt / "
            "attachment_unsupported_coding / attachment_too_many_pixels"
        },
    },
)
def put_attachment(
    kind: str,
    caller: CallerDep,
    content: Annotated[bytes, Depends(_upload)],
    db: Db,
    clock: ClockDep,
    settings: SettingsDep,
) -> AttachmentOut:
    """Check, re-encode without metadata, store; replaces the kind's previous file."""
    image = reencode(content)
    store(settings, image)
    row = save_attachment(db, caller.account.id, kind, image, clock.now())
    db.commit()
    return AttachmentOut(kind=kind, **_attachment_info(row))


def save_attachment(
    db: Session, account_id: str, kind: str, image: StoredImage, now: dt.datetime
) -> Attachment:
    """Point the account's *kind* at the stored *image* (not committed); replaces the previous."""
    row = db.scalar(
        select(Attachment).where(Attachment.account_id == account_id, Attachment.kind == kind)
    )
    if row is None:
        row = Attachment(account_id=account_id, kind=kind)
        db.add(row)
    row.sha256 = image.sha256
    row.size = len(image.content)
    row.width = image.width
    row.height = image.height
    row.uploaded_at = now
    record_change(db, account_id, "profile", account_id, now)
    return row


@router.get(
    "/me/profile/attachments/{kind}",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}}, "description": "the stored JPEG"}},
)
def get_attachment(kind: str, caller: CallerDep, db: Db, settings: SettingsDep) -> Response:
    """The caller's stored file of *kind*; 404 when there is none."""
    _known_kind(kind)
    row = db.scalar(
        select(Attachment).where(
            Attachment.account_id == caller.account.id, Attachment.kind == kind
        )
    )
    missing = ApiError(404, "not_found", "尚未上传此附件")
    if row is None:
        raise missing
    try:
        content = attachment_path(settings, row.sha256).read_bytes()
    except FileNotFoundError:
        raise missing from None
    # nosniff: a browser shown this URL renders a JPEG or nothing, never sniffed HTML.
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return Response(content, media_type="image/jpeg", headers=headers)
