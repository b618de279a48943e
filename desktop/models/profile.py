"""The operations of 信息采集 / 信息变更 (``desktop.views.profile``): load, upload, submit.

The view builds the widgets and runs these on the task runner; here are the reads, writes
and decisions, on an API client and the account's cache given as parameters, so each can
be run and tested without a widget.  The draft and its storage in the cache are
``desktop.models.profile_draft``; the field rules are ``rules.profile``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.models.profile_draft import (
    OrderedSaves,
    ProfileDraft,
    delete_image,
    discard_draft,
    read_image,
    store_image,
)
from rules.profile import field_problems

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Me
    from desktop.models.cache import Cache
    from desktop.models.errors import ApiError

INTRO = -1
"""The step of the intro (承诺); the sections are 0–3."""
PLATFORM_KEYS = ("status", "version", "attachments", "submitted_at")
"""What only the platform knows: a local draft never overrides these."""

Fetched = tuple[dict[str, Any], list[dict[str, Any]]]
"""The platform's profile and the region list."""


def fetch_profile(api: ApiClient) -> Fetched:
    """Network: the profile (``GET /me/profile``) and the regions the form offers."""
    return api.profile(), api.regions()


def opening_draft(server: dict[str, Any], saved: ProfileDraft | None) -> ProfileDraft:
    """The draft the form opens on: the kept one when newer than the platform's copy
    (with the platform's own keys from the platform), else the platform's copy — at the
    intro the first time, at the first section once collected."""
    if saved is not None and saved.is_newer_than(server):
        for key in PLATFORM_KEYS:
            saved.data[key] = server.get(key)
        return saved
    draft = ProfileDraft.from_server(server)
    draft.step = 0 if draft.collected else INTRO
    return draft


def prepare_picture(cache: Cache, kind: str, path: str | Path) -> tuple[bytes, list[str], str]:
    """Worker: make the picture an attachment (``desktop.models.images``) and keep a
    private copy until uploaded.  Returns the JPEG, what was fixed, the copy's name."""
    from desktop.models.images import prepare_attachment

    jpeg, notes = prepare_attachment(Path(path))
    return jpeg, notes, store_image(cache, kind, jpeg)


def upload_picture(api: ApiClient, cache: Cache, kind: str, name: str) -> dict[str, Any]:
    """Network: upload a kept picture; its local copy goes once the platform has it."""
    meta = api.upload_attachment(kind, read_image(cache, name))
    delete_image(cache, name)
    return meta


def record_upload(draft: ProfileDraft, kind: str, meta: dict[str, Any]) -> None:
    """The platform has the picture of *kind*: no longer pending, now an attachment."""
    draft.pending.pop(kind, None)
    attachments = draft.data.get("attachments") or {}
    attachments[kind] = meta
    draft.data["attachments"] = attachments


def merge_attachments(draft: ProfileDraft, profile: dict[str, Any]) -> list[str]:
    """Take the attachments the platform has (after a refused submit, some were uploaded).

    Merged, never replaced: an upload may have finished since *profile* was read.
    Returns the kinds that were pending and are now on the platform.
    """
    attachments = draft.data.setdefault("attachments", {})
    for kind, meta in (profile.get("attachments") or {}).items():
        if meta and not attachments.get(kind):
            attachments[kind] = meta
    arrived = [kind for kind in draft.pending if attachments.get(kind)]
    for kind in arrived:
        draft.pending.pop(kind)
    return arrived


def record_saved(draft: ProfileDraft, profile: dict[str, Any] | None) -> bool:
    """The platform saved the draft (``PUT /me/profile``): its time is the new base.

    *profile* is None when a newer save overtook this one.  Returns whether the draft
    changed (and should be kept in the cache again).
    """
    if profile is None:
        return False
    draft.base_updated_at = str(profile.get("updated_at", ""))
    draft.data["updated_at"] = profile.get("updated_at")
    return True


def submit_profile(
    api: ApiClient,
    cache: Cache,
    saves: OrderedSaves,
    ticket: int,
    body: dict[str, Any],
    pending: dict[str, str],
    *,
    change: bool,
) -> tuple[dict[str, Any], Me]:
    """Network: upload the pictures still pending, save, and submit (信息采集) — or only
    save (信息变更: a collected profile changes by saving).  Returns the platform's
    profile and the account as it now is."""
    for kind, name in pending.items():
        upload_picture(api, cache, kind, name)

    def save_and_submit() -> dict[str, Any]:
        profile = api.save_profile(body)
        return profile if change else api.submit_profile()

    # The newest ticket: no earlier save can overtake it, so it never returns None.
    profile = saves.run(ticket, save_and_submit)
    assert profile is not None
    return profile, api.me()


def keep_submitted(cache: Cache, me: Me) -> None:
    """Cache lane: the profile was submitted; forget the draft, keep the new account."""
    discard_draft(cache)
    cache.put_me(me)


def refusal_problems(exc: ApiError) -> list[tuple[str, str]]:
    """The (field path, message) pairs of a refused save or submit, in the platform's order."""
    problems = [
        (str(p.get("field") or ""), str(p.get("message") or ""))
        for p in exc.extra.get("problems") or []
    ]
    if not problems and exc.field:
        problems = [(exc.field, exc.message)]
    return problems


def step_problems(draft: ProfileDraft, paths: Iterable[str], today: dt.date) -> dict[str, str]:
    """The format problems (source texts) of the filled fields among *paths* (one step)."""
    wanted = set(paths)
    return {
        path: message
        for path, message in field_problems(draft.data, today=today).items()
        if path in wanted
    }
