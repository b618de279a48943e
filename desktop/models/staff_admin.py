"""An institution administrator's records (docs/api.md "Administrators"): the staff
accounts and the audit log, as the administrator screen shows them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from rules._i18n import QT_TRANSLATE_NOOP

ROLE_LABELS = {
    "staff": QT_TRANSLATE_NOOP("staff_admin", "工作人员"),
    "admin": QT_TRANSLATE_NOOP("staff_admin", "管理员"),
}
ACTION_LABELS = {
    "login": QT_TRANSLATE_NOOP("staff_admin", "登录"),
    "logout": QT_TRANSLATE_NOOP("staff_admin", "退出登录"),
    "walk_in_created": QT_TRANSLATE_NOOP("staff_admin", "登记学员"),
    "walk_in_batch": QT_TRANSLATE_NOOP("staff_admin", "批量登记"),
    "order_created": QT_TRANSLATE_NOOP("staff_admin", "下单"),
    "cash_payment": QT_TRANSLATE_NOOP("staff_admin", "现金收款"),
    "card_payment": QT_TRANSLATE_NOOP("staff_admin", "学习卡支付"),
    "cash_amount_wrong": QT_TRANSLATE_NOOP("staff_admin", "实收金额不符"),
    "card_payment_failed": QT_TRANSLATE_NOOP("staff_admin", "学习卡支付失败"),
    "staff_created": QT_TRANSLATE_NOOP("staff_admin", "新增工作人员"),
    "staff_disabled": QT_TRANSLATE_NOOP("staff_admin", "停用工作人员"),
    "staff_enabled": QT_TRANSLATE_NOOP("staff_admin", "启用工作人员"),
    "walk_ins_listed": QT_TRANSLATE_NOOP("staff_admin", "查看登记列表"),
}


def tr_admin(text: str) -> str:
    """Translate a label of this module (context "staff_admin")."""
    return QCoreApplication.translate("staff_admin", text)


@dataclass(frozen=True)
class StaffAccount:
    """One staff member or administrator of the institution (``GET /staff/accounts``)."""

    id: str
    username: str
    name: str
    role: str
    disabled: bool
    created_at: str
    last_login_at: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffAccount:
        return cls(
            id=str(data["id"]),
            username=str(data.get("username", "")),
            name=str(data.get("name", "")),
            role=str(data.get("role", "staff")),
            disabled=bool(data.get("disabled", False)),
            created_at=str(data.get("created_at") or ""),
            last_login_at=data.get("last_login_at"),
        )


@dataclass(frozen=True)
class StaffCreated:
    """``POST /staff/accounts``: the account and its one-time password, shown once."""

    account: StaffAccount
    initial_password: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StaffCreated:
        return cls(StaffAccount.from_json(data["account"]), str(data["initial_password"]))

    def __repr__(self) -> str:  # never the password in a log or traceback
        return f"StaffCreated(account={self.account.username!r})"


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log; ``summary`` is the platform's Chinese sentence."""

    id: int
    at: str
    actor_id: str
    actor_name: str
    action: str
    target_type: str
    target_id: str
    summary: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditEntry:
        return cls(
            id=int(data["id"]),
            at=str(data.get("at") or ""),
            actor_id=str(data.get("actor_id") or ""),
            actor_name=str(data.get("actor_name") or ""),
            action=str(data.get("action") or ""),
            target_type=str(data.get("target_type") or ""),
            target_id=str(data.get("target_id") or ""),
            summary=str(data.get("summary") or ""),
        )


@dataclass(frozen=True)
class AuditPage:
    """A page of the audit log, newest first; ``next_before`` fetches the older ones."""

    items: tuple[AuditEntry, ...]
    next_before: int | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AuditPage:
        after = data.get("next_before")
        return cls(
            tuple(AuditEntry.from_json(item) for item in data.get("items", ())),
            None if after is None else int(after),
        )
