"""Study cards (学习卡): issued in batches for one package, each used once.

An institution administrator issues a batch with ``python -m server issue-cards``; the card
numbers and passwords are printed once and only the password hashes are kept.

Tries are limited per typist by ``server.throttle.CARD_ACTIVATION``, reserved before the
card is looked up and its password compared, so tries fired at once cannot all be checked.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import StudyCard, StudyCardBatch
from server.security import hash_secret, verify_secret

#: No 0/O, 1/I/L: a password is read off a printed card and typed in.
PASSWORD_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 8
NUMBER_DIGITS = 12
MAX_BATCH = 10_000


def normalize_card_number(number: str) -> str:
    """What was typed, without blanks and dashes."""
    return "".join(number.split()).replace("-", "").upper()


def normalize_card_password(password: str) -> str:
    """Passwords are case-insensitive (printed in capitals)."""
    return "".join(password.split()).upper()


def verify_card_password(card: StudyCard, password: str) -> bool:
    return verify_secret(card.password_hash, normalize_card_password(password))


def _new_number(taken: set[str]) -> str:
    while True:
        # A leading 6 keeps issued numbers apart from the demo cards (88…).
        number = "6" + "".join(secrets.choice("0123456789") for _ in range(NUMBER_DIGITS - 1))
        if number not in taken:
            taken.add(number)
            return number


def _new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def add_batch(
    db: Session,
    package_id: str,
    cards: Sequence[tuple[str, str]],
    issued_by: str,
    now: dt.datetime,
) -> StudyCardBatch:
    """Store *cards* (number, password) as one batch; passwords only as hashes."""
    batch = StudyCardBatch(
        package_id=package_id, count=len(cards), issued_by=issued_by, issued_at=now
    )
    db.add(batch)
    db.flush()
    for number, password in cards:
        db.add(
            StudyCard(
                card_number=normalize_card_number(number),
                batch_id=batch.id,
                package_id=package_id,
                password_hash=hash_secret(normalize_card_password(password)),
            )
        )
    return batch


def issue_batch(
    db: Session, package_id: str, count: int, issued_by: str, now: dt.datetime
) -> list[tuple[str, str]]:
    """New random cards for *package_id*; returns (number, password) pairs to hand out once."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"count must be between 1 and {MAX_BATCH}")
    taken = set(db.scalars(select(StudyCard.card_number)).all())
    cards = [(_new_number(taken), _new_password()) for _ in range(count)]
    add_batch(db, package_id, cards, issued_by, now)
    return cards
