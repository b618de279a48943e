"""An institution administrator's staff accounts and audit log (``/staff/accounts``…)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import BigInteger, literal, select

from server.api.deps import AdminDep, ClockDep, Db
from server.api.schemas import (
    AuditEntryOut,
    AuditLogOut,
    StaffAccountCreatedOut,
    StaffAccountIn,
    StaffAccountOut,
    StaffAccountsOut,
    iso,
)
from server.errors import ApiError
from server.models import Account, AuditLog
from server.security import revoke_all_sessions
from server.staff import ROLE_LABELS, STAFF_ROLES, audit, create_staff_account

router = APIRouter(tags=["staff"])

AUDIT_PAGE_MAX = 500


def _staff_account(db: Db, admin: AdminDep, account_id: str) -> Account:
    """A staff account of the administrator's own institution; any other is not found."""
    account = db.get(Account, account_id)
    if (
        account is None
        or account.role not in STAFF_ROLES
        or account.institution_id != admin.institution.id
    ):
        raise ApiError(404, "not_found", "没有找到该工作人员账号")
    return account


@router.get("/staff/accounts", response_model=StaffAccountsOut)
def staff_accounts(admin: AdminDep, db: Db) -> dict[str, Any]:
    accounts = db.scalars(
        select(Account)
        .where(Account.institution_id == admin.institution.id, Account.role.in_(STAFF_ROLES))
        .order_by(Account.created_at, Account.id_number)
    )
    return {"items": [StaffAccountOut.of(account) for account in accounts]}


@router.post("/staff/accounts", status_code=201, response_model=StaffAccountCreatedOut)
def create_staff(body: StaffAccountIn, admin: AdminDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """A new staff member or administrator; the one-time password is shown only here."""
    now = clock.now()
    account, password = create_staff_account(
        db, admin.institution.id, body.username, body.name, body.role, now
    )
    label = ROLE_LABELS[account.role]
    summary = f"创建{label}账号 {account.id_number}（{account.name}）"
    audit(db, admin.account, "staff_created", "account", account.id, summary, now)
    db.commit()
    return {"account": StaffAccountOut.of(account), "initial_password": password}


@router.post("/staff/accounts/{account_id}/disable", response_model=StaffAccountOut)
def disable_staff(account_id: str, admin: AdminDep, db: Db, clock: ClockDep) -> StaffAccountOut:
    """Stop an account from logging in and end its sessions at once."""
    account = _staff_account(db, admin, account_id)
    if account.id == admin.account.id:
        raise ApiError(422, "validation_error", "不能停用自己的账号")
    now = clock.now()
    if account.disabled_at is None:
        account.disabled_at = now
        account.updated_at = now
        revoke_all_sessions(db, account.id, now, "account_disabled")
        summary = f"停用账号 {account.id_number}（{account.name}）"
        audit(db, admin.account, "staff_disabled", "account", account.id, summary, now)
        db.commit()
    return StaffAccountOut.of(account)


@router.post("/staff/accounts/{account_id}/enable", response_model=StaffAccountOut)
def enable_staff(account_id: str, admin: AdminDep, db: Db, clock: ClockDep) -> StaffAccountOut:
    account = _staff_account(db, admin, account_id)
    now = clock.now()
    if account.disabled_at is not None:
        account.disabled_at = None
        account.updated_at = now
        summary = f"启用账号 {account.id_number}（{account.name}）"
        audit(db, admin.account, "staff_enabled", "account", account.id, summary, now)
        db.commit()
    return StaffAccountOut.of(account)


@router.get("/staff/audit-log", response_model=AuditLogOut)
def audit_log(
    admin: AdminDep,
    db: Db,
    limit: Annotated[int, Query(ge=1, le=AUDIT_PAGE_MAX)] = 200,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
) -> dict[str, Any]:
    """The institution's entries, newest first, a page at a time (``before`` = next_before)."""
    query = select(AuditLog).where(AuditLog.institution_id == admin.institution.id)
    if before is not None:
        query = query.where(AuditLog.id < literal(before, BigInteger))  # past int32 too
    entries = list(db.scalars(query.order_by(AuditLog.id.desc()).limit(limit)))
    return {
        "items": [
            AuditEntryOut(
                id=entry.id,
                at=iso(entry.at),
                actor_id=entry.actor_id,
                actor_name=entry.actor_name,
                action=entry.action,
                target_type=entry.target_type,
                target_id=entry.target_id,
                summary=entry.summary,
            )
            for entry in entries
        ],
        "next_before": entries[-1].id if len(entries) == limit else None,
    }
