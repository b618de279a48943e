"""Media files, HTTP byte ranges and signed media URLs.

The demo clips and handouts live in ``resources/media/`` (made once by
``tools/make_demo_media.py``; the platform never runs ffmpeg).  A signed URL carries an
HMAC of account, chapter, preview flag and expiry under a secret kept in the database, so
any worker can check it and VLC, which cannot send a Bearer header, can stream the media.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.models import ServerSecret

MEDIA_DIR = Path(__file__).resolve().parents[1] / "resources" / "media"
MEDIA_URL_LIFETIME = dt.timedelta(hours=6)
CHUNK_SIZE = 64 * 1024
_SIGNING_SECRET = "media_url"


def media_dir() -> Path:
    """Where chapter files are read from (``KJCE_MEDIA_DIR`` overrides the repo's demo media)."""
    override = os.environ.get("KJCE_MEDIA_DIR")
    return Path(override) if override else MEDIA_DIR


@cache
def demo_clips() -> dict[str, Any]:
    """``clips.json``: the demo clips with their exact lengths, and the trial preview."""
    data: dict[str, Any] = json.loads((MEDIA_DIR / "clips.json").read_text(encoding="utf-8"))
    return data


def media_path(file_name: str) -> Path:
    """The file of a chapter; names are plain file names set by the seed or an import."""
    return media_dir() / Path(file_name).name


def accel_redirect(file_name: str) -> str | None:
    """Where nginx serves *file_name* from, when ``KJCE_MEDIA_ACCEL`` names its internal location.

    Behind nginx the platform only checks access and answers ``X-Accel-Redirect``; nginx
    then sends the file itself (with Range) from the media directory, so no worker spends
    minutes streaming a video.
    """
    location = os.environ.get("KJCE_MEDIA_ACCEL")
    if not location:
        return None
    return location.rstrip("/") + "/" + quote(Path(file_name).name)


# --- HTTP Range -------------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    """The Range header asks for no byte of the file (→ 416)."""


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte span a single ``Range: bytes=a-b`` asks for, or None for all.

    Supports ``a-b``, ``a-`` and the suffix ``-n``; ``b`` beyond the end is clipped (RFC
    9110).  A header we do not understand (several ranges, other units) is ignored, so the
    whole file is sent, as the RFC allows.
    """
    if not header:
        return None
    match = _RANGE.match(header.strip().replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or (last and end < start):
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def read_span(path: Path, start: int, end: int) -> Iterator[bytes]:
    """Stream bytes ``start..end`` (inclusive) of *path* in chunks."""
    with path.open("rb") as stream:
        stream.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = stream.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
            yield chunk


# --- Signed URLs ------------------------------------------------------------------------


def signing_key(db: Session, now: dt.datetime) -> bytes:
    """The platform's media-URL secret, created on first use (race-safe across workers).

    Call it before changing anything else in *db*: creating the secret commits.
    """
    row = db.get(ServerSecret, _SIGNING_SECRET)
    if row is None:
        db.add(ServerSecret(name=_SIGNING_SECRET, value=secrets.token_hex(32), created_at=now))
        try:
            db.commit()
        except IntegrityError:  # another worker created it first: use theirs
            db.rollback()
        row = db.get(ServerSecret, _SIGNING_SECRET)
        assert row is not None
    return bytes.fromhex(row.value)


@dataclass(frozen=True)
class MediaGrant:
    """What a media token allows: one account, one chapter (or its preview), until expiry."""

    account_id: str
    chapter_id: str
    preview: bool
    expires_at: dt.datetime


def _mac(key: bytes, payload: bytes) -> str:
    digest = hmac.new(key, payload, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def sign_grant(key: bytes, grant: MediaGrant) -> str:
    """``<payload>.<mac>``, both URL-safe base64; the payload is readable, not secret."""
    fields = [grant.account_id, grant.chapter_id, "1" if grant.preview else "0"]
    fields.append(str(int(grant.expires_at.timestamp())))
    payload = "\n".join(fields).encode("utf-8")
    encoded = base64.urlsafe_b64encode(payload).rstrip(b"=").decode("ascii")
    return f"{encoded}.{_mac(key, payload)}"


def verify_token(key: bytes, token: str, now: dt.datetime) -> MediaGrant | None:
    """The grant of a well-signed, unexpired token; None for anything else."""
    try:
        encoded, mac = token.split(".", 1)
        payload = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
    except ValueError:
        return None
    if not hmac.compare_digest(_mac(key, payload), mac):
        return None
    try:
        account_id, chapter_id, preview, expires = payload.decode("utf-8").split("\n")
        expires_at = dt.datetime.fromtimestamp(int(expires), dt.UTC)
    except ValueError:
        return None
    if now >= expires_at:
        return None
    return MediaGrant(account_id, chapter_id, preview == "1", expires_at)
