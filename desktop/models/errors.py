"""Typed failures of platform calls, importable without the HTTP stack.

Views import these to put a message at the right field; keeping them apart from
``api.py`` means a screen can show before ``requests`` is imported.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """The platform refused a request (a 4xx with the error envelope)."""

    def __init__(
        self, status: int, code: str, message: str, field: str | None = None, **extra: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.extra = extra

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.status}, {self.code!r}, field={self.field!r})"


class AuthExpired(ApiError):
    """The login is no longer valid (expired, revoked, refreshed elsewhere): log in again."""


class PlatformUnreachable(Exception):
    """The platform could not be reached (offline, server down, timeout)."""


def is_session_expired(exc: BaseException) -> bool:
    """The one place that decides whether a failure means "log in again"."""
    return isinstance(exc, AuthExpired)
