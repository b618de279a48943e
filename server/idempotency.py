"""``Idempotency-Key``: a retried purchase or payment answers its first result, done once.

The convention of payment APIs (Stripe; draft-ietf-httpapi-idempotency-key-header): the
client makes one key per user action and sends it again with every retry of that action.

* The same key, caller and request (method, path, body) answers the first result again —
  status and body, byte for byte, with ``Idempotent-Replayed: true`` — and does nothing.
* The same key with another request is refused: 422 ``idempotency_key_reused``.
* A request whose twin is still running waits for it (both take the caller's lock before
  looking the key up) and then answers its result; nobody sees a half-done state.
* Only a result that did something is kept: a refusal (4xx) changed nothing, so a retry of
  it is judged again on the state of the moment, as Stripe does for requests refused before
  they ran.  Keys are the caller's own and kept for ``KEPT_FOR``.

The answer is written in the transaction of the effect (``run_once``): whichever worker
gets the retry finds either nothing done and no key, or both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.db import lock_until_commit
from server.errors import ApiError
from server.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEPT_FOR = dt.timedelta(hours=24)
#: Tries of one request whose transaction met a unique constraint (a number taken by a
#: concurrent order, a live order of the package): each try starts afresh.
ATTEMPTS = 3

#: The header as FastAPI reads it: printable ASCII without blanks, as UUIDs are.
KeyHeader = Annotated[
    str | None,
    Header(alias=HEADER, min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$"),
]


@dataclass(frozen=True)
class Keyed:
    """A request sent with a key: whose, which key, and what it asked for."""

    account_id: str
    key: str
    fingerprint: str


def keyed(
    account_id: str,
    key: str | None,
    method: str,
    path: str,
    body: BaseModel | None = None,
    *,
    secret_fields: frozenset[str] = frozenset(),
) -> Keyed | None:
    """The key of a request, or None when it was sent without one.

    *path* is the request's own path (ids filled in); *secret_fields* of the body (a card
    password) are left out of the fingerprint, so no secret is stored, not even hashed.
    """
    if key is None:
        return None
    payload = {} if body is None else body.model_dump(mode="json", exclude=set(secret_fields))
    canonical = json.dumps(
        [method.upper(), path, payload], ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return Keyed(account_id, key, hashlib.sha256(canonical.encode()).hexdigest())


def json_answer(status: int, content: Mapping[str, Any], *, replayed: bool = False) -> Response:
    """A JSON response from already serialised *content* (see ``serialise``)."""
    body = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _answer(status, body, replayed=replayed)


def _answer(status: int, body: str, *, replayed: bool) -> Response:
    headers = {REPLAYED_HEADER: "true"} if replayed else None
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def serialise(model: type[BaseModel], result: Mapping[str, Any]) -> dict[str, Any]:
    """*result* as FastAPI's ``response_model`` would send it."""
    return model.model_validate(result).model_dump(mode="json", by_alias=True)


def stored_answer(db: Session, request: Keyed, now: dt.datetime) -> Response | None:
    """The first answer to *request*'s key, or None; ``idempotency_key_reused`` if it
    answered another request.  Takes the caller's lock first, so a twin still running is
    waited for; the caller's expired keys are dropped on the way.
    """
    lock_until_commit(db, "idempotency", request.account_id)
    db.execute(
        delete(IdempotencyKey).where(
            IdempotencyKey.account_id == request.account_id,
            IdempotencyKey.created_at < now - KEPT_FOR,
        )
    )
    stored = db.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.account_id == request.account_id,
            IdempotencyKey.key == request.key,
        )
    )
    if stored is None:
        return None
    if stored.fingerprint != request.fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "该请求编号已用于另一项操作，请重新发起",
            HEADER,
        )
    return _answer(stored.status_code, stored.response, replayed=True)


def run_once(
    db: Session,
    request: Keyed | None,
    now: dt.datetime,
    action: Callable[[], tuple[int, dict[str, Any]]],
) -> Response:
    """Answer *request*: its stored answer, or *action*'s, committed with its key.

    *action* does the work in the session without committing and returns the status and
    the serialised body; it is run again (after a rollback) when its transaction meets a
    unique constraint.  Without a key the action simply runs and commits.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            if request is not None:
                found = stored_answer(db, request, now)
                if found is not None:
                    db.rollback()
                    return found
            status, content = action()
            answer = json_answer(status, content)
            if request is not None:
                db.add(
                    IdempotencyKey(
                        account_id=request.account_id,
                        key=request.key,
                        fingerprint=request.fingerprint,
                        status_code=status,
                        response=bytes(answer.body).decode(),
                        created_at=now,
                    )
                )
            db.commit()
            return answer
        except IntegrityError:
            db.rollback()
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")
