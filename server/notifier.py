"""How the platform reaches a learner's phone: a protocol, and the local stand-in for SMS."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from sqlalchemy.orm import Session

from server.clock import Clock
from server.models import Notification

log = logging.getLogger(__name__)


class Notifier(Protocol):
    """Sends a short text to a phone number; a deployment plugs an SMS gateway in here."""

    def send(self, to: str, text: str) -> None: ...


class LocalNotifier:
    """Stores messages in the notifications table, where ``GET /demo/inbox`` shows them."""

    def __init__(self, session_factory: Callable[[], Session], clock: Clock) -> None:
        self._session_factory = session_factory
        self._clock = clock

    def send(self, to: str, text: str) -> None:
        with self._session_factory() as db:
            db.add(Notification(recipient=to, text=text, sent_at=self._clock.now()))
            db.commit()
        log.info("notification stored for %s", mask_phone(to))


def mask_phone(phone: str) -> str:
    """150****7063: enough to recognise one's own number, not enough to reveal it."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
