"""Typed failures of platform calls, importable without the HTTP stack.

Views import these to put a message at the right field; keeping them apart from
``api.py`` means a screen can show before ``requests`` is imported.  ``describe_failure``
is the one place that turns a failure into what the learner reads, ``log_failure`` the
one that writes it to the log (``desktop/views/widgets.py``'s ``present_failure`` puts
the words on screen).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from desktop.models.cancel import Cancelled

log = logging.getLogger(__name__)


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


# -- what the learner sees ------------------------------------------------------------------

FailureKind = Literal["unreachable", "expired", "refused", "cancelled", "unexpected"]


@dataclass(frozen=True)
class UserMessage:
    """A failure as the learner sees it: which kind, the words, and the field they belong to.

    ``field`` is the platform's name of the input that caused a refusal (``"id_number"``),
    so a form can put the words under it; ``None`` puts them in the screen's general place.
    """

    kind: FailureKind
    text: str
    field: str | None = None
    code: str = ""


def failure_kind(exc: BaseException) -> FailureKind:
    """The one place that sorts a failure: what a screen does next depends on this only."""
    if is_session_expired(exc):
        return "expired"
    if isinstance(exc, ApiError):
        return "refused"
    if isinstance(exc, PlatformUnreachable):
        return "unreachable"
    if isinstance(exc, Cancelled):
        return "cancelled"
    return "unexpected"


def is_unreachable(exc: BaseException) -> bool:
    """The platform could not be reached: keep what was typed, offer to retry."""
    return failure_kind(exc) == "unreachable"


def describe_failure(exc: BaseException, *, offline: str | None = None) -> UserMessage:
    """What to tell the learner about *exc*.

    A refusal carries the platform's own Chinese message (translated where it is shown);
    an unreachable platform gets *offline* when the screen knows a better word for it
    ("需要联网才能支付…"), else the general retry advice; an expired session says so (the
    task runner takes the learner to the login); cancelled work was asked to stop; anything
    else is a bug, said plainly.
    """
    from desktop.i18n import tr, tr_platform  # Qt's translator: not needed to import this

    kind = failure_kind(exc)
    if kind == "expired":
        return UserMessage(kind, tr("登录已失效，请重新登录。"))
    if kind == "refused":
        assert isinstance(exc, ApiError)
        return UserMessage(kind, tr_platform(exc.message), exc.field, exc.code)
    if kind == "cancelled":
        return UserMessage(kind, tr("操作已取消。"))
    if kind == "unreachable":
        return UserMessage(
            kind,
            offline or tr("无法连接平台服务，请检查网络后点击“重试”。您填写的内容不会丢失。"),
        )
    return UserMessage(kind, tr("操作未能完成：发生了意外错误。请重试；如仍失败，请联系客服。"))


def log_failure(exc: BaseException, what: str, logger: logging.Logger | None = None) -> None:
    """Write a failure to the log: the kind and the platform's code for the expected ones,
    the scrubbed traceback for a bug (an exception's message may quote what was typed)."""
    logger = logger or log
    kind = failure_kind(exc)
    if kind == "unexpected":
        logger.error("%s: unexpected failure\n%s", what, scrubbed_traceback(exc))
    elif kind == "refused":
        assert isinstance(exc, ApiError)
        logger.info("%s: refused (%s, %s)", what, exc.status, exc.code)
    else:
        logger.info("%s: %s", what, kind)


def logged(what: str, logger: logging.Logger | None = None) -> Callable[[BaseException], None]:
    """A failure handler for background work whose failure changes nothing on screen
    (a thumbnail, a cache write): the failure is logged, never swallowed."""
    return lambda exc: log_failure(exc, what, logger)


def scrubbed_traceback(exc: BaseException, names: Iterable[str] = ()) -> str:
    """*exc*'s traceback (with its causes) without personal data: ``scrub`` of 复制诊断信息
    runs over it, with the *names* the app knows."""
    from desktop.models.diagnostics import scrub  # only when something failed

    text = "".join(traceback.format_exception(exc)).rstrip("\n")
    return scrub(text, names=names)
