"""信息采集's operations without a widget (``desktop.models.profile``), on the real platform.

A learner's whole collection — open the form, keep a picture, submit, forget the draft — is
run from plain calls, as the view runs them on its task runner.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.errors import ApiError
from desktop.models.profile import (
    INTRO,
    fetch_profile,
    keep_submitted,
    merge_attachments,
    opening_draft,
    prepare_picture,
    record_saved,
    refusal_problems,
    step_problems,
    submit_profile,
    upload_picture,
)
from desktop.models.profile_draft import (
    IMAGES_DIR,
    OrderedSaves,
    ProfileDraft,
    editable_part,
    load_draft,
    save_draft,
)
from tests.helpers.images import jpeg_bytes
from tests.helpers.learners import REQUIRED_ATTACHMENTS, complete_profile_body
from tests.helpers.platform import PlatformProcess, register


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "account" / "cache.sqlite3")
    yield opened
    opened.close()


def _new_learner(platform: PlatformProcess) -> ApiClient:
    learner = register(platform)
    api = ApiClient(platform.url)
    api.login(learner["account"]["id_number"], learner["password"])
    return api


def _filled(draft: ProfileDraft) -> None:
    for key, value in complete_profile_body().items():
        if isinstance(value, dict):
            for field, item in value.items():
                draft.set_value(f"{key}.{field}", item)
        else:
            draft.set_value(key, value)


def test_a_collection_runs_headless_from_the_first_open_to_the_forgotten_draft(
    platform: PlatformProcess, cache: Cache, tmp_path: Path
) -> None:
    api = _new_learner(platform)
    server, regions = fetch_profile(api)
    assert regions and server["status"] != "collected"
    draft = opening_draft(server, load_draft(cache))
    assert draft.step == INTRO  # the first time the learner sees the commitment first
    _filled(draft)

    picture = tmp_path / "photo.jpg"
    picture.write_bytes(jpeg_bytes((600, 800)))
    for kind in REQUIRED_ATTACHMENTS:
        jpeg, _notes, name = prepare_picture(cache, kind, picture)
        assert jpeg[:2] == b"\xff\xd8"
        draft.pending[kind] = name
    kept = cache.path.parent / IMAGES_DIR
    assert sorted(p.name for p in kept.iterdir()) == sorted(f"{k}.jpg" for k in draft.pending)
    assert draft.problems(today=dt.date(2021, 6, 21)) == {}  # pending pictures count as present
    save_draft(cache, draft.to_record())

    saves = OrderedSaves()
    profile, me = submit_profile(
        api,
        cache,
        saves,
        saves.ticket(),
        editable_part(draft.data),
        dict(draft.pending),
        change=False,
    )
    assert profile["status"] == "collected"
    assert set(profile["attachments"]) >= set(REQUIRED_ATTACHMENTS)
    assert not any(kept.iterdir())  # each local copy went once the platform had it
    keep_submitted(cache, me)
    assert load_draft(cache) is None
    cached = cache.get_me()
    assert cached is not None and cached.id == me.id

    # The next open is 信息变更: straight to the first section.
    assert opening_draft(api.profile(), load_draft(cache)).step == 0


def test_a_kept_draft_wins_but_what_only_the_platform_knows_stays_the_platforms(
    platform: PlatformProcess, cache: Cache
) -> None:
    api = _new_learner(platform)
    server = api.profile()
    typed = ProfileDraft.from_server(server)
    typed.set_value("education.school", "广东财经大学")
    typed.data["status"] = "collected"  # a stale or forged local status
    typed.saved_at = save_draft(cache, typed.to_record())
    draft = opening_draft(server, load_draft(cache))
    assert draft.value("education.school") == "广东财经大学"
    assert draft.data["status"] == server["status"]

    # A draft kept before the platform's copy last changed, on another base: the platform's.
    saved = api.save_profile({**editable_part(server), "region_code": "440106"})
    assert record_saved(typed, None) is False  # an overtaken save changes nothing
    newer = opening_draft(
        saved,
        ProfileDraft.from_record(
            {**typed.to_record(), "base_updated_at": "", "saved_at": "2020-01-01T00:00:00+00:00"}
        ),
    )
    assert newer.value("region_code") == "440106"


def test_a_refused_submit_names_its_fields_and_the_uploaded_pictures_are_merged(
    platform: PlatformProcess, cache: Cache, tmp_path: Path
) -> None:
    api = _new_learner(platform)
    draft = opening_draft(api.profile(), None)
    picture = tmp_path / "front.jpg"
    picture.write_bytes(jpeg_bytes((600, 400)))
    _jpeg, _notes, name = prepare_picture(cache, "id_front", picture)
    draft.pending["id_front"] = name
    saves = OrderedSaves()
    with pytest.raises(ApiError) as refused:
        submit_profile(
            api,
            cache,
            saves,
            saves.ticket(),
            editable_part(draft.data),
            dict(draft.pending),
            change=False,
        )
    problems = dict(refusal_problems(refused.value))
    assert "attachments.photo" in problems and "education.school" in problems
    assert "attachments.id_front" not in problems  # uploaded before the refusal

    assert merge_attachments(draft, api.profile()) == ["id_front"]
    assert not draft.pending and draft.data["attachments"]["id_front"]["width"] > 0
    # A picture uploaded meanwhile is not undone by an older read.
    meta = upload_picture(api, cache, "photo", prepare_picture(cache, "photo", picture)[2])
    draft.data["attachments"]["photo"] = meta
    assert merge_attachments(draft, {"attachments": {"photo": None}}) == []
    assert draft.data["attachments"]["photo"] == meta


def test_a_steps_format_problems_are_its_own_fields_only() -> None:
    draft = ProfileDraft(data={"education": {"graduation_date": "2999-01-01"}, "personal": {}})
    draft.set_value("personal.email", "not-an-email")
    education: dict[str, Any] = {"education.graduation_date": None}  # a section's editors
    today = dt.date(2021, 6, 1)
    assert list(step_problems(draft, education, today=today)) == ["education.graduation_date"]
    assert list(step_problems(draft, ["personal.email"], today=today)) == ["personal.email"]
