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
from server.models import Account, AuthSession
from server.notifier import Notifier
from server.security import account_for_access_token
from server.settings import Settings


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


def get_caller(
    db: Db,
    clock: ClockDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "unauthorized", "请先登录", headers={"WWW-Authenticate": "Bearer"})
    found = account_for_access_token(db, credentials.credentials, clock.now())
    if found is None:
        raise ApiError(
            401, "unauthorized", "登录已失效，请重新登录", headers={"WWW-Authenticate": "Bearer"}
        )
    return Caller(*found)


CallerDep = Annotated[Caller, Depends(get_caller)]
