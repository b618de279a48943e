"""The operations of 继续教育情况, 往年继续教育查询, 公需考试, 学习资源, 补充修改个人信息, 选课,
我的学习, 下载管理 and 忘记密码 without a widget (``desktop/models/credit_records.py``,
``exam_cache.py``, ``institutions.py``, ``learner_info.py``, ``course_selection.py``,
``learning_cache.py``, ``storage.py``, ``password_reset.py``): the real platform over HTTP
and a real cache file.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop.models.api import ApiClient
from desktop.models.api_types import Course
from desktop.models.cache import Cache
from desktop.models.course_selection import (
    auto_select,
    change_selection,
    changed_by,
    keep_newer,
    needs_reload,
)
from desktop.models.credit_records import past_years, record_years
from desktop.models.downloads import DOWNLOAD, media_path
from desktop.models.errors import ApiError, PlatformUnreachable
from desktop.models.exam_cache import exam_years, find_unfinished
from desktop.models.institutions import load_institutions
from desktop.models.learner_info import load_learner_info
from desktop.models.learning_cache import (
    courses_of,
    earned_tenths,
    enrollments_of_year,
    fetch_enrollments,
)
from desktop.models.password_reset import send_reset_code
from desktop.models.purchase_cache import InstitutionQuery, get_institutions
from desktop.models.storage import delete_chapter, read_downloads
from desktop.models.watch_journal import fetch_progress
from tests.helpers.learners import collected_learner, enrolled_learner
from tests.helpers.platform import PlatformProcess

#: 1 January 2022, 00:30 in China — still 31 December 2021 in UTC.
NEW_YEAR = dt.datetime(2021, 12, 31, 16, 30, tzinfo=dt.UTC)


def test_the_years_offered_are_the_platform_s_in_china_time() -> None:
    assert record_years(NEW_YEAR) == [2022, 2021]
    assert exam_years(NEW_YEAR) == [2022, 2021]
    assert past_years(NEW_YEAR)[:2] == [2021, 2020] and past_years(NEW_YEAR)[-1] == 2012
    before = NEW_YEAR - dt.timedelta(hours=1)  # 23:30 on 31 December in China
    assert record_years(before) == [2021] and exam_years(before) == [2021]
    assert past_years(before)[0] == 2020


def login(platform: PlatformProcess, learner: dict[str, str]) -> ApiClient:
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    return api


def test_institutions_and_learner_info_through_the_operations(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    api = login(platform, collected_learner(platform))
    query = InstitutionQuery(year=2021, course_type="professional", mode="online")
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        rows = load_institutions(api, cache, query)
        assert "yhdc" in {i.id for i in rows}
        assert get_institutions(cache, query) == rows  # kept for offline
        assert load_institutions(api, None, query) == rows  # no cache open yet
    finally:
        cache.close()
    info, regions = load_learner_info(api, "yhdc")
    assert not info.filled and regions  # prefilled from the profile, the 区县 to choose


def test_selecting_and_auto_selecting_through_the_operations(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = enrolled_learner(platform)
    api = login(platform, learner)
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        enrollments = fetch_enrollments(api, cache)
        cards = enrollments_of_year(enrollments, 2021)
        assert [e.course_type for e in cards] == ["public", "professional"]
        assert enrollments_of_year(enrollments, 2020) == []
        professional = cards[1]
        catalog = api.catalog(professional.id)
        free = next(c for c in catalog.courses if not c.selected)

        course, enrollment = change_selection(api, professional.id, free.id, select=True)
        assert course.selected and enrollment.id == professional.id
        course, _ = change_selection(api, professional.id, free.id, select=False)
        assert not course.selected

        # A refusal that means the page is behind the platform: read the catalog again.
        required = next(c for c in catalog.courses if c.required)
        with pytest.raises(ApiError) as refused:
            change_selection(api, professional.id, required.id, select=False)
        assert needs_reload(refused.value)
        assert not needs_reload(PlatformUnreachable("offline"))

        sent = time.time()
        added, stamped = auto_select(api, professional.id)
        assert added and sent <= stamped.as_of <= time.time()
        chosen = [c for c in stamped.catalog.courses if c.selected]
        assert set(added) <= {c.id for c in chosen}
        assert sum(c.credits_tenths for c in chosen) >= professional.required_tenths

        # Nothing is watched yet: the cards' courses, none completed.
        progress = fetch_progress(api, cache, 2021)
        mine = courses_of(progress, professional.id)
        assert {c.course_id for c in mine} == {c.id for c in chosen}
        assert earned_tenths(mine) == 0 and courses_of(None, professional.id) == []
        assert find_unfinished(api, cache) is None  # no exam dialog was open
    finally:
        cache.close()


def test_a_catalog_never_undoes_what_the_learner_did_after_it_was_sent() -> None:
    courses = [course_row(i) for i in range(3)]
    shown = {c.id: replace(c, selected=True) for c in courses}
    changed_at = {"c0": 200.0, "c1": 50.0}
    kept = keep_newer(courses, shown.get, lambda cid: cid == "c2", changed_at, as_of=100.0)
    # c0 was changed after the request was sent, c2 waits for the platform: both keep the
    # page's state; c1 was changed before it: the catalog's answer wins.
    assert [c.selected for c in kept] == [True, False, True]
    # 一键选课's answer: what differs from the page, leaving out what is still waiting.
    assert [c.id for c in changed_by(courses, shown.get, lambda cid: cid == "c2")] == ["c0", "c1"]


def course_row(number: int) -> Course:
    return Course(
        id=f"c{number}", category="会计", title=f"课程{number}", teacher="", credits_tenths=20,
        duration_ms=60_000, required=False, selected=False, watched_ms=0,
        trial_available=False, deselect_problem=None,
    )  # fmt: skip


def test_deleting_a_download_leaves_the_rest(tmp_path: Path) -> None:
    account = tmp_path / "account"
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        for chapter_id, title in (("ch-1", "第一章"), ("ch-2", "第二章")):
            path = media_path(account, chapter_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(b"\0" * 1024)
            cache.put_record(DOWNLOAD, chapter_id, {"course_title": "课程", "chapter_title": title})
        assert [d.chapter_title for d in read_downloads(cache, account)] == ["第一章", "第二章"]
        left = delete_chapter(cache, account, "ch-1")
        assert [d.chapter_id for d in left] == ["ch-2"]
        assert not media_path(account, "ch-1").exists()
        assert cache.get_record(DOWNLOAD, "ch-1") is None
        assert read_downloads(None, account) == []  # before the cache opens
    finally:
        cache.close()


def test_sending_a_reset_code_shows_the_demo_message(platform: PlatformProcess) -> None:
    learner = collected_learner(platform)
    phone = login(platform, learner).me().phone
    api = ApiClient(platform.url)  # nobody logged in: the learner forgot the password
    sent_to, message = send_reset_code(
        api, learner["id_number"], phone, None, None, demo_inbox=True
    )
    assert sent_to.endswith(phone[-4:]) and "验证码" in message
