"""学习资源 and 网上报名 (docs/api.md, issue 4): institutions, their packages, 补充信息."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.identity import filled, normalize_id_number, normalize_name, phone_problem
from server.api.deps import CallerDep, ClockDep, Db
from server.api.profile import district_codes
from server.api.reference import load_regions
from server.api.schemas import (
    CourseType,
    InstitutionsOut,
    LearnerInfoIn,
    LearnerInfoOut,
    Mode,
    PackagesOut,
    iso,
)
from server.enrollments import is_closed
from server.errors import ApiError
from server.models import (
    Account,
    Course,
    Enrollment,
    Institution,
    LearnerInfo,
    Order,
    OrderItem,
    Package,
    Profile,
)

router = APIRouter(tags=["institutions"])

Year = Annotated[int | None, Query(ge=2000, le=2100)]


def city_names() -> dict[str, str]:
    return {city["code"]: city["name"] for city in load_regions()}


def get_institution(db: Session, institution_id: str) -> Institution:
    institution = db.get(Institution, institution_id)
    if institution is None:
        raise ApiError(404, "not_found", "没有这个培训机构")
    return institution


@router.get("/institutions", response_model=InstitutionsOut)
def institutions(
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    year: Year = None,
    course_type: CourseType | None = None,
    mode: Mode | None = None,
    q: Annotated[str, Query(max_length=50)] = "",
) -> dict[str, Any]:
    """Institutions offering a package of *year* (and *course_type*), by mode and name."""
    year = year or clock.now().year
    offered: dict[str, set[str]] = {}
    for institution_id, offered_type in db.execute(
        select(Package.institution_id, Package.course_type).where(Package.year == year)
    ):
        offered.setdefault(institution_id, set()).add(offered_type)
    query = select(Institution).order_by(Institution.position, Institution.id)
    if mode:
        query = query.where(Institution.mode == mode)
    if q.strip():
        query = query.where(Institution.name.contains(q.strip(), autoescape=True))
    filled = set(
        db.scalars(
            select(LearnerInfo.institution_id).where(LearnerInfo.account_id == caller.account.id)
        )
    )
    cities = city_names()
    items = [
        {
            "id": institution.id,
            "name": institution.name,
            "region_code": institution.region_code,
            "region_name": cities.get(institution.region_code, ""),
            "year": year,
            "phone": institution.phone,
            "mode": institution.mode,
            "course_types": sorted(offered[institution.id]),
            "learner_info_filled": institution.id in filled,
        }
        for institution in db.scalars(query)
        if institution.id in offered
        and (course_type is None or course_type in offered[institution.id])
    ]
    return {"items": items}


def _prefilled(db: Session, account: Account) -> dict[str, Any]:
    """补充信息 before the first save: the account's identity, the profile's phone and region."""
    profile = db.get(Profile, account.id)
    phone = account.phone
    if profile is not None:
        phone = json.loads(profile.data).get("personal", {}).get("phone") or phone
    return {
        "name": account.name,
        "id_number": account.id_number,
        "phone": phone,
        "district_code": profile.region_code if profile is not None else "",
        "filled": False,
        "updated_at": None,
    }


def _learner_info(db: Session, account_id: str, institution_id: str) -> LearnerInfo | None:
    return db.scalar(
        select(LearnerInfo).where(
            LearnerInfo.account_id == account_id, LearnerInfo.institution_id == institution_id
        )
    )


def _info_out(info: LearnerInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "id_number": info.id_number,
        "phone": info.phone,
        "district_code": info.district_code,
        "filled": True,
        "updated_at": iso(info.updated_at),
    }


@router.get("/institutions/{institution_id}/learner-info", response_model=LearnerInfoOut)
def get_learner_info(institution_id: str, caller: CallerDep, db: Db) -> dict[str, Any]:
    """The 补充信息 given to this institution, or the prefilled form while never saved."""
    get_institution(db, institution_id)
    info = _learner_info(db, caller.account.id, institution_id)
    return _info_out(info) if info else _prefilled(db, caller.account)


def _check_learner_info(account: Account, body: LearnerInfoIn) -> dict[str, str]:
    """The normalized body, or the refusal of its first problem."""
    # Canonical forms on both sides (the schema normalised the body; an account from before
    # input was normalised may hold "•" for "·").
    name = body.name.strip()
    id_number = normalize_id_number(body.id_number)
    if name != normalize_name(account.name):
        raise ApiError(422, "identity_mismatch", "姓名须与注册账号一致", "name")
    if id_number != normalize_id_number(account.id_number):
        raise ApiError(422, "identity_mismatch", "证件号码须与注册账号一致", "id_number")
    phone = body.phone.strip()
    problem = phone_problem(phone)
    if problem:
        raise ApiError(422, "phone_invalid", filled(problem), "phone")
    district_code = body.district_code.strip()
    if district_code not in district_codes():
        raise ApiError(
            422,
            "district_invalid",
            "请选择广东省（深圳市除外）的区、县级行政区域",
            "district_code",
        )
    return {"name": name, "id_number": id_number, "phone": phone, "district_code": district_code}


@router.put(
    "/institutions/{institution_id}/learner-info",
    response_model=LearnerInfoOut,
    responses={422: {"description": "identity_mismatch / phone_invalid / district_invalid"}},
)
def put_learner_info(
    institution_id: str, body: LearnerInfoIn, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """补充修改个人信息: name and ID number are the account's; phone and district may change."""
    get_institution(db, institution_id)
    values = _check_learner_info(caller.account, body)
    info = _learner_info(db, caller.account.id, institution_id)
    if info is None:
        info = LearnerInfo(account_id=caller.account.id, institution_id=institution_id)
        db.add(info)
    for key, value in values.items():
        setattr(info, key, value)
    info.updated_at = clock.now()
    db.commit()
    return _info_out(info)


def packages_out(
    db: Session, account_id: str, packages: list[Package], now: dt.datetime
) -> list[dict[str, Any]]:
    """``<Package>`` of each, with what this learner owns or has on a pending order."""
    ids = [p.id for p in packages]
    counts = dict(
        db.execute(
            select(Course.package_id, func.count())
            .where(Course.package_id.in_(ids))
            .group_by(Course.package_id)
        )
        .tuples()
        .all()
    )
    owned = set(
        db.scalars(
            select(Enrollment.package_id).where(
                Enrollment.account_id == account_id, Enrollment.package_id.in_(ids)
            )
        )
    )
    pending = dict(
        db.execute(
            select(OrderItem.package_id, Order.id)
            .join(Order, Order.id == OrderItem.order_id)
            .where(
                Order.account_id == account_id,
                Order.status == "pending",
                OrderItem.package_id.in_(ids),
            )
            .order_by(Order.created_at)
        )
        .tuples()
        .all()
    )
    names = dict(
        db.execute(
            select(Institution.id, Institution.name).where(
                Institution.id.in_({p.institution_id for p in packages})
            )
        )
        .tuples()
        .all()
    )
    return [
        {
            "id": package.id,
            "institution_id": package.institution_id,
            "institution_name": names.get(package.institution_id, ""),
            "year": package.year,
            "course_type": package.course_type,
            "title": package.title,
            "price_fen": package.price_fen,
            "credits": from_tenths(package.credits_tenths),
            "closes_at": iso(package.closes_at),
            "closed": is_closed(package, now),
            "owned": package.id in owned,
            "pending_order_id": pending.get(package.id),
            "course_count": counts.get(package.id, 0),
        }
        for package in packages
    ]


@router.get("/institutions/{institution_id}/packages", response_model=PackagesOut)
def packages(
    institution_id: str, caller: CallerDep, db: Db, clock: ClockDep, year: Year = None
) -> dict[str, Any]:
    """网上报名: the institution's packages of *year* (公需课 first, as the guide lists them)."""
    get_institution(db, institution_id)
    year = year or clock.now().year
    rows = db.scalars(
        select(Package)
        .where(Package.institution_id == institution_id, Package.year == year)
        .order_by(case((Package.course_type == "public", 0), else_=1), Package.id)
    ).all()
    return {"items": packages_out(db, caller.account.id, list(rows), clock.now())}
