"""继续教育情况 and 往年继续教育查询 (docs/api.md "Credit records").

A year's record of a type is stored from ``queued`` on (``server.reporting``); before that
it is computed here from the learner's progress, with what is still missing as remarks.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from rules.credits import format_credits, from_tenths
from rules.identity import mask_id_number, normalize_id_number
from rules.records import EXPIRED, EXPIRED_REMARK, STATE_LABELS
from rules.years import CHINA_TZ, FIRST_YEAR, credit_requirement
from server import captcha, province, reporting
from server.api.deps import CallerDep, ClockDep, Db, SettingsDep
from server.api.reference import load_regions
from server.api.schemas import Body, CaptchaAnswer, CaptchaId, IdNumber, iso
from server.errors import ApiError
from server.models import Account, CreditRecord, Institution, Profile

log = logging.getLogger(__name__)

router = APIRouter(tags=["records"])

TYPE_NAMES = {"public": "公需课", "professional": "专业课"}
#: Remarks of a stored record, by state: where the report is on its way.
STATE_REMARKS = {
    "queued": "学分已达到要求，等待培训机构回传",
    "reported": "远程机构已回传，等待财政管理机构审核",
    "reviewed": "财政管理机构已审核，等待完成确认",
    "completed": "学分确认已完成，等待回传省专业技术人员继续教育平台",
    "confirmed": "已回传省专业技术人员继续教育平台，学分确认完成",
}


class CreditRecordOut(BaseModel):
    id: str | None
    year: int
    course_type: str
    institution_id: str | None
    institution_name: str
    region_code: str
    region_name: str
    learning_mode: str | None
    required_credits: float
    earned_credits: float
    credits: float | None
    exam_passed: bool | None
    state: str
    queued_at: str | None
    reported_at: str | None
    reviewed_at: str | None
    completed_at: str | None
    confirmed_at: str | None
    reviewer_phone: str | None
    remarks: str


class CreditRecordsOut(BaseModel):
    year: int
    deadline: str
    closed: bool
    items: list[CreditRecordOut]


class LookupIn(Body):
    id_number: IdNumber
    year: int
    captcha_id: CaptchaId = None
    captcha_answer: CaptchaAnswer = None


class PastRecordOut(BaseModel):
    name: str
    id_number_masked: str
    course_type: str
    content: str
    year: int
    credits: float
    score: int | None
    state: str


class LookupOut(BaseModel):
    items: list[PastRecordOut]


@cache
def _cities() -> dict[str, tuple[str, str]]:
    """City or district code → (city code, city name)."""
    cities: dict[str, tuple[str, str]] = {}
    for city in load_regions():
        cities[city["code"]] = (city["code"], city["name"])
        for district in city["districts"]:
            cities[district["code"]] = (city["code"], city["name"])
    return cities


def _iso(value: dt.datetime | None) -> str | None:
    return iso(value) if value else None


def _day(value: dt.datetime) -> str:
    return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d")


def _missing(standing: reporting.Standing, year: int, has_enrollment: bool) -> str:
    """What is still missing for *standing*, in Chinese."""
    if not has_enrollment:
        return f"尚未购买{year}年度{TYPE_NAMES[standing.course_type]}"
    parts = []
    if standing.earned_tenths < standing.required_tenths:
        parts.append(
            f"还需完成{format_credits(standing.required_tenths - standing.earned_tenths)}学分"
        )
    if standing.exam_passed is False:
        parts.append("公需考试尚未通过")
    return "；".join(parts)


def record_out(
    db: Session, account: Account, year: int, course_type: str, now: dt.datetime
) -> dict[str, Any]:
    """``<CreditRecord>`` of one type of the learner's year, stored or computed."""
    requirement = credit_requirement(year)
    record = db.scalar(
        select(CreditRecord).where(
            CreditRecord.account_id == account.id,
            CreditRecord.year == year,
            CreditRecord.course_type == course_type,
        )
    )
    standing = reporting.standing(db, account.id, year, course_type, now)
    provider = reporting.provider_of(db, account.id, year, course_type)
    if record is None and standing.met and provider is not None and now <= requirement.deadline:
        reporting.note_progress(db, account.id, year, now)  # met by a read (timed-out exam)
        db.commit()
        record = db.scalar(
            select(CreditRecord).where(
                CreditRecord.account_id == account.id,
                CreditRecord.year == year,
                CreditRecord.course_type == course_type,
            )
        )
    if record is not None:
        institution_id: str | None = record.institution_id
        region_code, mode = record.region_code, record.learning_mode
        state, remarks = record.state, STATE_REMARKS.get(record.state, "")
    else:
        institution_id = provider.institution_id if provider else None
        region_code = provider.region_code if provider else _profile_city(db, account.id)
        mode = provider.learning_mode if provider else None
        if now > requirement.deadline:
            state = EXPIRED
            remarks = EXPIRED_REMARK.format(year=year, deadline=_day(requirement.deadline))
        else:
            state, remarks = "not_met", _missing(standing, year, provider is not None)
    institution_name = (
        db.scalar(select(Institution.name).where(Institution.id == institution_id))
        if institution_id
        else None
    )
    return {
        "id": record.id if record else None,
        "year": year,
        "course_type": course_type,
        "institution_id": institution_id,
        "institution_name": institution_name or "",
        "region_code": region_code,
        "region_name": _cities().get(region_code, ("", ""))[1],
        "learning_mode": mode,
        "required_credits": from_tenths(standing.required_tenths),
        "earned_credits": from_tenths(standing.earned_tenths),
        "credits": from_tenths(record.credits_tenths) if record else None,
        "exam_passed": standing.exam_passed,
        "state": state,
        "queued_at": _iso(record.queued_at) if record else None,
        "reported_at": _iso(record.reported_at) if record else None,
        "reviewed_at": _iso(record.reviewed_at) if record else None,
        "completed_at": _iso(record.completed_at) if record else None,
        "confirmed_at": _iso(record.confirmed_at) if record else None,
        "reviewer_phone": record.reviewer_phone if record else None,
        "remarks": remarks,
    }


def _profile_city(db: Session, account_id: str) -> str:
    """The city of the learner's collected region (before any institution reports)."""
    code = db.scalar(select(Profile.region_code).where(Profile.account_id == account_id)) or ""
    return _cities().get(code, ("", ""))[0]


@router.get("/credit-records", response_model=CreditRecordsOut)
def credit_records(
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    year: Annotated[int | None, Query(ge=FIRST_YEAR, le=2100)] = None,
) -> dict[str, Any]:
    """继续教育情况 of one year: always two records, 公需课 first."""
    now = clock.now()
    year = year if year is not None else now.year
    deadline = credit_requirement(year).deadline
    items = [record_out(db, caller.account, year, t, now) for t in reporting.COURSE_TYPES]
    db.commit()  # reading may have graded a timed-out attempt
    return {"year": year, "deadline": iso(deadline), "closed": now > deadline, "items": items}


def _content(year: int, course_type: str) -> str:
    return f"{year}年度会计人员继续教育({TYPE_NAMES.get(course_type, course_type)})"


def _best_public_score(db: Session, account_id: str, year: int) -> int | None:
    from server.exams import attempts_of, best_score, owned_exams

    scores = [
        best_score(attempts_of(db, account_id, owned.exam.id))
        for owned in owned_exams(db, account_id, year)
    ]
    known = [score for score in scores if score is not None]
    return max(known) if known else None


@router.post(
    "/credit-records/lookup",
    response_model=LookupOut,
    responses={
        400: {"description": "captcha_required / captcha_expired / captcha_invalid"},
        403: {"description": "lookup_not_own"},
        422: {"description": "validation_error (year)"},
    },
)
def lookup(
    body: LookupIn, caller: CallerDep, db: Db, clock: ClockDep, settings: SettingsDep
) -> dict[str, Any]:
    """往年继续教育查询: the province's history and this platform's records of one year."""
    now = clock.now()
    if settings.captcha:
        captcha.check(db, body.captcha_id, body.captcha_answer, now)
    if not FIRST_YEAR <= body.year <= now.year:
        raise ApiError(422, "validation_error", f"年度应在{FIRST_YEAR}年至{now.year}年之间", "year")
    account = caller.account
    if normalize_id_number(body.id_number) != normalize_id_number(account.id_number):
        raise ApiError(403, "lookup_not_own", "只能查询本人的继续教育记录", "id_number")
    masked = mask_id_number(account.id_number)
    items = [
        {
            "name": row.name,
            "id_number_masked": masked,
            "course_type": row.course_type,
            "content": row.content,
            "year": row.year,
            "credits": from_tenths(row.credits_tenths),
            "score": row.score,
            "state": row.state,
        }
        for row in province.history(db, account.id_number, body.year)
    ]
    own = db.scalars(
        select(CreditRecord)
        .where(CreditRecord.account_id == account.id, CreditRecord.year == body.year)
        .order_by(CreditRecord.course_type.desc())
    )
    for record in own:
        public = record.course_type == "public"
        items.append(
            {
                "name": account.name,
                "id_number_masked": masked,
                "course_type": record.course_type,
                "content": _content(record.year, record.course_type),
                "year": record.year,
                "credits": from_tenths(record.credits_tenths),
                "score": _best_public_score(db, account.id, record.year) if public else None,
                "state": STATE_LABELS[record.state],
            }
        )
    log.info("past-year lookup of %d by %s: %d rows", body.year, masked, len(items))
    return {"items": items}
