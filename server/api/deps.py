"""Request-scoped dependencies: database session, clock, settings, the caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session, sessionmaker

from server.clock import Clock
from server.errors import ApiError
from server.models import Account, AuthSession, Institution
from server.notifier import Notifier
from server.security import account_for_access_token
from server.settings import Settings
from server.staff import ADMIN, STAFF_ROLES


def get_db(request: Request) -> Iterator[Session]:
    """One session per request; routes commit what they mean to keep."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as db:
        yield db


def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_notifier(request: Request) -> Notifier:
    notifier: Notifier = request.app.state.notifier
    return notifier


Db = Annotated[Session, Depends(get_db)]
ClockDep = Annotated[Clock, Depends(get_clock)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
NotifierDep = Annotated[Notifier, Depends(get_notifier)]

_bearer = HTTPBearer(auto_error=False, description="access_token from POST /sessions")


@dataclass(frozen=True)
class Caller:
    """The authenticated account and the session its token belongs to."""

    account: Account
    session: AuthSession


# -- roles (issue 7): deny by default, decided here for every route that takes a token ----

API_PREFIX = "/api/v1"
STAFF_PREFIX = "/staff/"

# What an account that must change its initial password may still do.
PASSWORD_CHANGE_ALLOWED = frozenset(
    {
        ("GET", "/me"),
        ("PUT", "/me/password"),
        ("DELETE", "/sessions/current"),
        ("POST", "/sessions/refresh"),
    }
)
# Besides /staff/…, what a staff or administrator token may reach (docs/api.md).
STAFF_ALLOWED = PASSWORD_CHANGE_ALLOWED
STAFF_READABLE_PREFIXES = ("/health", "/captchas", "/regions", "/years/", "/institutions")


def api_path(request: Request) -> str:
    """The route's path template without the API prefix, e.g. ``/staff/accounts/{id}``."""
    route = request.scope.get("route")
    path = str(getattr(route, "path", request.url.path))
    return path.removeprefix(API_PREFIX)


def staff_may_use(method: str, path: str) -> bool:
    if path.startswith(STAFF_PREFIX) or (method, path) in STAFF_ALLOWED:
        return True
    return method == "GET" and path.startswith(STAFF_READABLE_PREFIXES)


def check_access(account: Account, method: str, path: str) -> None:
    """Refuse what the account's role or state does not allow on (method, path)."""
    if account.role in STAFF_ROLES:
        if not staff_may_use(method, path):
            raise ApiError(403, "staff_forbidden", "工作人员账号不能使用学员功能")
    elif path.startswith(STAFF_PREFIX):
        raise ApiError(403, "staff_only", "仅限培训机构工作人员使用")
    if account.must_change_password and (method, path) not in PASSWORD_CHANGE_ALLOWED:
        raise ApiError(403, "password_change_required", "请先修改初始密码")


def get_caller(
    request: Request,
    db: Db,
    clock: ClockDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "unauthorized", "请先登录", headers={"WWW-Authenticate": "Bearer"})
    found = account_for_access_token(db, credentials.credentials, clock.now())
    if found is None or found[0].disabled_at is not None:
        raise ApiError(
            401, "unauthorized", "登录已失效，请重新登录", headers={"WWW-Authenticate": "Bearer"}
        )
    caller = Caller(*found)
    check_access(caller.account, request.method, api_path(request))
    return caller


CallerDep = Annotated[Caller, Depends(get_caller)]


@dataclass(frozen=True)
class StaffCaller(Caller):
    """A staff member or administrator, with the institution they act for."""

    institution: Institution

    @property
    def is_admin(self) -> bool:
        return self.account.role == ADMIN


def get_staff(caller: CallerDep, db: Db) -> StaffCaller:
    institution = (
        db.get(Institution, caller.account.institution_id)
        if caller.account.role in STAFF_ROLES and caller.account.institution_id
        else None
    )
    if institution is None:
        raise ApiError(403, "staff_only", "仅限培训机构工作人员使用")
    return StaffCaller(caller.account, caller.session, institution)


def get_admin(staff: Annotated[StaffCaller, Depends(get_staff)]) -> StaffCaller:
    if not staff.is_admin:
        raise ApiError(403, "admin_only", "仅限机构管理员使用")
    return staff


StaffDep = Annotated[StaffCaller, Depends(get_staff)]
AdminDep = Annotated[StaffCaller, Depends(get_admin)]
