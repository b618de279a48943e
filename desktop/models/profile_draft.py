"""The info-collection draft: what the learner typed, kept across crashes and restarts.

The draft is a plain dict in the shape of ``GET /me/profile`` plus the pictures picked but
not uploaded yet.  It lives in the account's cache as record ``("profile_draft",
"current")``; the pictures' prepared JPEGs live in ``<account dir>/draft_images/`` (owner
only) until the platform has them.  No widgets here: the methods that touch the disk run on
the task runner's cache lane.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rules.profile import FIELDS, SECTIONS, get_path, profile_problems

if TYPE_CHECKING:
    from desktop.models.cache import Cache

ENTITY = "profile_draft"
ENTITY_ID = "current"
IMAGES_DIR = "draft_images"
_POSIX = os.name == "posix"

# Where each field path is edited: step 0..3 are the sections; the commitment is the intro.
STEP_OF_TOP_LEVEL = {"region_code": 2, "commitment_accepted": -1}
STEP_OF_ATTACHMENT = {"id_front": 0, "id_back": 0, "photo": 0, "student_card": 2}


def step_of(path: str) -> int:
    """The form step (0 个人信息 … 3 专业技术信息; -1 the intro) where *path* is edited."""
    head, _, tail = path.partition(".")
    if head in SECTIONS:
        return SECTIONS.index(head)
    if head == "attachments":
        return STEP_OF_ATTACHMENT.get(tail, 0)
    return STEP_OF_TOP_LEVEL.get(head, 0)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _parse(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def editable_part(profile: dict[str, Any]) -> dict[str, Any]:
    """The body of ``PUT /me/profile``: the sections, the region and the commitment."""
    body: dict[str, Any] = {s: dict(profile.get(s) or {}) for s in SECTIONS}
    body["region_code"] = profile.get("region_code") or ""
    body["commitment_accepted"] = bool(profile.get("commitment_accepted"))
    return body


@dataclass
class ProfileDraft:
    """The profile being edited.

    ``data`` is the server's shape (sections, region, commitment, status, attachments);
    ``pending`` maps an attachment kind to the file name of its prepared JPEG in the
    images folder; ``notes`` keeps what the preparation fixed, to show again after a restart.
    """

    data: dict[str, Any]
    pending: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    step: int = -1
    saved_at: str = ""
    base_updated_at: str = ""

    @classmethod
    def from_server(cls, profile: dict[str, Any]) -> ProfileDraft:
        return cls(data=copy.deepcopy(profile), base_updated_at=str(profile.get("updated_at", "")))

    # -- reading --------------------------------------------------------------------

    @property
    def collected(self) -> bool:
        return self.data.get("status") == "collected"

    def value(self, path: str) -> Any:
        return get_path(self.data, path)

    def attachments_present(self) -> set[str]:
        """Kinds the platform has, plus those waiting to be uploaded."""
        uploaded = {k for k, v in (self.data.get("attachments") or {}).items() if v}
        return uploaded | set(self.pending)

    def problems(self, *, today: dt.date) -> dict[str, str]:
        """What still blocks submission, in the order of the form; *today* is the
        platform's (``china_date(platform_clock.now())``), as its check uses."""
        found = profile_problems(self.data, self.attachments_present(), today=today)
        order = [*FIELDS, *(f"attachments.{kind}" for kind in STEP_OF_ATTACHMENT)]

        def position(path: str) -> tuple[int, int]:
            return step_of(path), order.index(path) if path in order else len(order)

        return dict(sorted(found.items(), key=lambda item: position(item[0])))

    # -- editing --------------------------------------------------------------------

    def set_value(self, path: str, value: Any) -> None:
        head, _, tail = path.partition(".")
        if tail:
            self.data.setdefault(head, {})[tail] = value
        else:
            self.data[head] = value

    def apply_server(self, profile: dict[str, Any]) -> None:
        """The platform saved the draft: take its answer as the new base, keep local images."""
        self.data = copy.deepcopy(profile)
        self.base_updated_at = str(profile.get("updated_at", ""))

    def is_newer_than(self, server: dict[str, Any]) -> bool:
        """Whether this saved draft should win over the server copy when the form opens.

        It wins when it was based on the server copy as it still is, or was saved after the
        server copy's last change.
        """
        server_updated = str(server.get("updated_at", ""))
        if self.base_updated_at and self.base_updated_at == server_updated:
            return True
        mine, theirs = _parse(self.saved_at), _parse(server_updated)
        return mine is not None and (theirs is None or mine > theirs)

    # -- storage (cache lane) -------------------------------------------------------

    def to_record(self) -> dict[str, Any]:
        return {
            "data": self.data,
            "pending": self.pending,
            "notes": self.notes,
            "step": self.step,
            "saved_at": self.saved_at,
            "base_updated_at": self.base_updated_at,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ProfileDraft:
        return cls(
            data=dict(record.get("data") or {}),
            pending={str(k): str(v) for k, v in (record.get("pending") or {}).items()},
            notes={str(k): list(v) for k, v in (record.get("notes") or {}).items()},
            step=int(record.get("step", -1)),
            saved_at=str(record.get("saved_at", "")),
            base_updated_at=str(record.get("base_updated_at", "")),
        )


def images_dir(cache: Cache) -> Path:
    """``<account dir>/draft_images``, created owner-only."""
    folder = cache.path.parent / IMAGES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        os.chmod(folder, 0o700)
    return folder


def save_draft(cache: Cache, record: dict[str, Any]) -> str:
    """Store a draft snapshot (from ``ProfileDraft.to_record``); returns its ``saved_at``."""
    record = dict(record, saved_at=_now())
    cache.put_record(ENTITY, ENTITY_ID, record)
    return str(record["saved_at"])


def load_draft(cache: Cache) -> ProfileDraft | None:
    record = cache.get_record(ENTITY, ENTITY_ID)
    if record is None:
        return None
    draft = ProfileDraft.from_record(record)
    folder = cache.path.parent / IMAGES_DIR
    draft.pending = {k: v for k, v in draft.pending.items() if (folder / v).is_file()}
    return draft


def discard_draft(cache: Cache) -> None:
    """The profile was submitted: forget the draft and any images left behind."""
    cache.delete_record(ENTITY, ENTITY_ID)
    folder = cache.path.parent / IMAGES_DIR
    if folder.is_dir():
        for leftover in folder.iterdir():
            leftover.unlink(missing_ok=True)


def store_image(cache: Cache, kind: str, jpeg: bytes) -> str:
    """Keep a prepared image until it is uploaded; returns its file name (0600)."""
    name = f"{kind}.jpg"
    path = images_dir(cache) / name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(jpeg)
    if _POSIX:
        os.chmod(path, 0o600)
    return name


def read_image(cache: Cache, name: str) -> bytes:
    return (cache.path.parent / IMAGES_DIR / name).read_bytes()


def delete_image(cache: Cache, name: str) -> None:
    (cache.path.parent / IMAGES_DIR / name).unlink(missing_ok=True)


T = TypeVar("T")


class OrderedSaves:
    """Profile saves reach the platform in the order they were made.

    Saves run on the network pool, where a slow early PUT could land after a later one and
    put old values back.  Each save takes a ticket on the GUI thread; on the worker it runs
    under a lock, and one overtaken by a newer ticket is skipped (returns None).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issued = 0
        self._sent = 0

    def ticket(self) -> int:
        with self._lock:
            self._issued += 1
            return self._issued

    def run(self, ticket: int, send: Callable[[], T]) -> T | None:
        with self._lock:
            if ticket < self._sent:
                return None
            self._sent = ticket
            return send()
