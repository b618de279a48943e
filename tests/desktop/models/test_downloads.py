"""Chapter downloads against the real platform: resumable with Range, byte-exact, 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
import requests

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.cancel import CancelToken
from desktop.models.downloads import (
    DownloadCancelled,
    delete_download,
    download_chapter,
    download_handout,
    downloaded_media,
    list_downloads,
    media_path,
    part_path,
)
from desktop.models.errors import ApiError
from tests.helpers.learners import enrolled_learner
from tests.helpers.platform import PlatformProcess, bearer


def selected_chapter(platform: PlatformProcess) -> tuple[dict[str, Any], dict[str, Any]]:
    """A learner who bought the demo packages and selected one course; (learner, course)."""
    learner = enrolled_learner(platform)
    token = learner["access_token"]
    enrollment = next(e for e in learner["enrollments"] if e["course_type"] == "professional")
    catalog = requests.get(
        f"{platform.api}/enrollments/{enrollment['id']}/courses", headers=bearer(token), timeout=10
    ).json()
    course_id = catalog["items"][0]["id"]
    response = requests.put(
        f"{platform.api}/enrollments/{enrollment['id']}/selections/{course_id}",
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    course = requests.get(
        f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=10
    ).json()
    assert course["selected"], course
    return learner, course


def server_bytes(platform: PlatformProcess, token: str, path: str) -> bytes:
    response = requests.get(platform.api + path, headers=bearer(token), timeout=30)
    assert response.status_code == 200, response.text
    return response.content


@pytest.fixture
def learner_api(platform: PlatformProcess) -> tuple[ApiClient, dict[str, Any], dict[str, Any]]:
    learner, course = selected_chapter(platform)
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    return api, learner, course


def test_an_interrupted_download_resumes_and_matches_the_server_byte_for_byte(
    platform: PlatformProcess, learner_api: Any, tmp_path: Path
) -> None:
    api, learner, course = learner_api
    chapter = course["chapters"][0]
    account = tmp_path / "account"
    cache = Cache.open(account / "cache.sqlite3")
    expected = server_bytes(platform, learner["access_token"], f"/chapters/{chapter['id']}/media")
    assert len(expected) == chapter["media_size"] > 20_000

    stop_after = len(expected) // 3
    cancelled = CancelToken()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= stop_after:
            cancelled.cancel()

    def download(**options: Any) -> Any:
        return download_chapter(
            api,
            cache,
            account,
            chapter_id=chapter["id"],
            course_id=course["id"],
            course_title=course["title"],
            chapter_title=chapter["title"],
            chunk_size=4096,
            **options,
        )

    with pytest.raises(DownloadCancelled):
        download(progress=progress, cancelled=cancelled)
    target = media_path(account, chapter["id"])
    part = part_path(target)
    assert not target.exists() and downloaded_media(account, chapter["id"]) is None
    have = part.stat().st_size
    assert stop_after <= have < len(expected)
    assert part.read_bytes() == expected[:have]
    assert seen[-1][1] == len(expected)

    resumed: list[tuple[int, int]] = []
    done = download(progress=lambda d, t: resumed.append((d, t)))
    assert resumed[0] == (have, len(expected))  # continued where it stopped, not from 0
    assert resumed[-1] == (len(expected), len(expected))
    assert done.path == target and not part.exists()
    assert target.read_bytes() == expected
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600

    listed = list_downloads(cache, account)
    assert [(d.chapter_id, d.course_title, d.chapter_title, d.size) for d in listed] == [
        (chapter["id"], course["title"], chapter["title"], len(expected))
    ]
    delete_download(cache, account, chapter["id"])
    assert not target.exists() and list_downloads(cache, account) == []
    cache.close()


def test_the_handout_is_saved_whole(
    platform: PlatformProcess, learner_api: Any, tmp_path: Path
) -> None:
    api, learner, course = learner_api
    chapter = next(c for c in course["chapters"] if c["handout"])
    expected = server_bytes(platform, learner["access_token"], f"/chapters/{chapter['id']}/handout")
    path = download_handout(api, tmp_path / "account", chapter["id"])
    assert path.read_bytes() == expected and expected.startswith(b"%PDF")


def test_media_of_a_course_not_selected_is_refused(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    enrollment = learner["enrollments"][0]
    token = learner["access_token"]
    catalog = requests.get(
        f"{platform.api}/enrollments/{enrollment['id']}/courses", headers=bearer(token), timeout=10
    ).json()
    course_id = next(c["id"] for c in catalog["items"] if not c["selected"])
    course = requests.get(
        f"{platform.api}/courses/{course_id}", headers=bearer(token), timeout=10
    ).json()
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    cache = Cache.open(tmp_path / "a" / "cache.sqlite3")
    with pytest.raises(ApiError) as caught:
        download_chapter(
            api,
            cache,
            tmp_path / "a",
            chapter_id=course["chapters"][0]["id"],
            course_id=course_id,
            course_title=course["title"],
            chapter_title="",
        )
    assert (caught.value.status, caught.value.code) == (403, "media_forbidden")
    assert list_downloads(cache, tmp_path / "a") == []
    cache.close()
