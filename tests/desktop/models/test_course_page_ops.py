"""The course page's operations without a widget (``desktop/models/course_page.py``): the
real platform over HTTP, a real cache file, a real account folder.

What the page shows comes from the platform once and from the cache afterwards (offline);
播放 resumes where the outbox or the platform left off, needs the platform unless the
chapter is on this computer, and 试听 plays the preview and counts nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.api import ApiClient
from desktop.models.api_types import Chapter
from desktop.models.cache import Cache
from desktop.models.course_page import fetch_page, play_request, read_page, trial_request
from desktop.models.downloads import download_chapter
from desktop.models.errors import PlatformUnreachable
from desktop.models.watch_journal import journal_intervals
from tests.desktop.models.test_downloads import selected_chapter
from tests.desktop.models.test_watch_journal import interval
from tests.desktop.views.test_course_page import event, push
from tests.helpers.platform import PlatformProcess

YEAR = 2021


def test_the_page_is_read_from_the_platform_once_then_from_the_cache_and_play_resumes(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    learner, course = selected_chapter(platform)
    first_id = course["chapters"][0]["id"]
    push(platform, learner["access_token"], [event(first_id, 0, 8, 0)])
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    account = tmp_path / "account"
    cache = Cache.open(account / "cache.sqlite3")
    try:
        assert read_page(cache, account, course["id"], YEAR) is None  # never seen

        fetched = fetch_page(api, cache, account, course["id"], YEAR)
        first: Chapter = fetched.course.chapters[0]
        assert (fetched.course.title, first.id) == (course["title"], first_id)
        assert fetched.credited_ms(first) == 8_000 and fetched.pending_ms(first) == 0
        total = sum(c.duration_ms for c in fetched.course.chapters)
        assert fetched.percent() == pytest.approx(100 * 8_000 / total)

        # Offline: the same page from the cache alone.
        cached = read_page(cache, account, course["id"], YEAR)
        assert cached is not None
        assert cached.course == fetched.course and cached.progress == fetched.progress

        # Watched offline a little more: pending beside the credited time, and 播放 resumes
        # at the outbox's position, which is newer than the platform's.
        journal_intervals(cache, [interval(first_id, 8, 12, 10)])
        cached = read_page(cache, account, course["id"], YEAR)
        assert cached is not None
        assert (cached.credited_ms(first), cached.pending_ms(first)) == (8_000, 4_000)
        request = play_request(api, cache, account, cached, first)
        assert (request.chapter_id, request.start_ms, request.trial) == (first_id, 12_000, False)
        assert request.known_intervals == ((0, 12_000),)
        assert request.credited_intervals == ((0, 8_000),)
        assert request.source.startswith(platform.url)

        # Without the platform a chapter not on this computer cannot play …
        with pytest.raises(PlatformUnreachable):
            play_request(None, cache, account, cached, first)
        # … and a downloaded one plays from its file.
        download_chapter(
            api, cache, account, chapter_id=first_id, course_id=course["id"],
            course_title=course["title"], chapter_title=first.title,
        )  # fmt: skip
        downloaded = read_page(cache, account, course["id"], YEAR)
        assert downloaded is not None and first_id in downloaded.downloaded
        offline = play_request(None, cache, account, downloaded, first)
        assert Path(offline.source).is_file() and Path(offline.source).is_relative_to(account)
        assert downloaded.with_downloaded("another").downloaded == {first_id, "another"}
    finally:
        cache.close()


def test_trial_plays_the_first_chapters_preview_and_counts_nothing(
    platform: PlatformProcess,
) -> None:
    learner, course = selected_chapter(platform)
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    request = trial_request(api, course["id"])
    first = course["chapters"][0]
    assert request.trial and request.chapter_id == first["id"]
    assert 0 < request.preview_ms == request.duration_ms <= first["duration_ms"]
    assert request.source.startswith(platform.url) and request.known_intervals == ()
