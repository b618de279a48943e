"""The password rule: at least 8 characters, with letters and digits."""

from __future__ import annotations

import re

from rules._i18n import QT_TRANSLATE_NOOP

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 64
RESET_CODE_LENGTH = 6
"""Digits of the 忘记密码 code sent by SMS (the platform makes it, the client checks it)."""


WEAK = QT_TRANSLATE_NOOP("rules", "密码至少 {min_length} 位，且须同时包含字母和数字")
TOO_LONG = QT_TRANSLATE_NOOP("rules", "密码不能超过 {max_length} 位")


def filled(message: str) -> str:
    """*message* (one of this module's, or its translation) with the rule's own numbers put
    in (``{min_length}``, ``{max_length}``): the numbers have one home here."""
    return message.format(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)


def password_problem(password: str) -> str | None:
    """Return why *password* is too weak (a template for ``filled``), or None."""
    if not password:
        return QT_TRANSLATE_NOOP("rules", "请输入密码")
    if len(password) < MIN_PASSWORD_LENGTH:
        return WEAK
    if len(password) > MAX_PASSWORD_LENGTH:
        return TOO_LONG
    if not re.search(r"[A-Za-z]", password) or not re.search(r"\d", password):
        return WEAK
    return None
