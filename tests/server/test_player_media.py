"""The player's platform side: a course with chapters, media by Range, signed URLs, handouts."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, unquote

import pytest
import requests

from rules.watch import WatchPolicy
from tests.conftest import PlatformFactory
from tests.helpers.learners import enrolled_learner, push_events, selected_course, watch_event
from tests.helpers.platform import (
    DEFAULT_NOW,
    REPO_ROOT,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    register,
    shifted,
)

MEDIA = REPO_ROOT / "resources" / "media"
CLIPS = json.loads((MEDIA / "clips.json").read_text(encoding="utf-8"))


def _get(
    platform: PlatformProcess, path: str, token: str | None, **kwargs: Any
) -> requests.Response:
    headers = {**(bearer(token) if token else {}), **kwargs.pop("headers", {})}
    return requests.get(platform.api + path, headers=headers, timeout=10, **kwargs)


def test_demo_media_are_small_real_clips_with_exact_lengths() -> None:
    assert [c["duration_ms"] for c in CLIPS["clips"]] == [20_000, 30_000, 40_000]
    assert CLIPS["preview"]["duration_ms"] == 10_000
    for clip in CLIPS["clips"]:
        data = (MEDIA / clip["file"]).read_bytes()
        assert data[4:8] == b"ftyp" and len(data) < 400_000
        assert (MEDIA / clip["handout"]).read_bytes().startswith(b"%PDF")


@pytest.fixture(scope="module")
def learner(platform: PlatformProcess) -> dict[str, Any]:
    return selected_course(platform)


def test_course_lists_its_chapters_and_policy(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    course = learner["course"]
    assert course["id"] == "yhdc-2021-professional-c01"
    assert (course["title"], course["teacher"], course["credits"]) == (
        "政府会计准则解释第1号",
        "郭淑荣",
        2.4,
    )
    assert course["enrollment_id"] == learner["enrollment_id"] and course["selected"] is True
    assert course["policy"] == WatchPolicy().to_json()
    chapters = course["chapters"]
    # The lectures' titles fit the course (server/data/demo_catalog.json), whatever clip plays.
    assert [c["title"] for c in chapters] == [
        "第一讲 解释第1号的出台背景与主要内容",
        "第二讲 接受捐赠与无偿调入资产的会计处理",
        "第三讲 常见问题与实务案例",
    ]
    assert [c["duration_ms"] for c in chapters] == [20_000, 30_000, 40_000]
    assert course["duration_ms"] == sum(c["duration_ms"] for c in chapters) == 90_000
    first = chapters[0]
    assert first["media_type"] == "video/mp4" and first["handout"] is True
    assert first["media_size"] == (MEDIA / "lecture-1.mp4").stat().st_size
    assert (first["preview_ms"], chapters[1]["preview_ms"]) == (10_000, 0)

    # The catalog shows the same (true) length.
    catalog = _get(
        platform, f"/enrollments/{learner['enrollment_id']}/courses", learner["access_token"]
    )
    row = next(c for c in catalog.json()["items"] if c["id"] == course["id"])
    assert row["duration_ms"] == 90_000

    # Browsing by someone who bought nothing: no enrollment, not selected.
    stranger = register(platform)
    other = _get(platform, f"/courses/{course['id']}", stranger["access_token"]).json()
    assert (other["enrollment_id"], other["selected"]) == (None, False)
    assert_error(_get(platform, "/courses/nope", stranger["access_token"]), 404, "not_found")
    assert_error(_get(platform, f"/courses/{course['id']}", None), 401, "unauthorized")


def test_media_ranges_are_byte_exact(platform: PlatformProcess, learner: dict[str, Any]) -> None:
    token = learner["access_token"]
    chapter_id = learner["course"]["chapters"][1]["id"]
    data = (MEDIA / "lecture-2.mp4").read_bytes()
    size = len(data)
    path = f"/chapters/{chapter_id}/media"

    whole = _get(platform, path, token)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["Accept-Ranges"] == "bytes"
    assert whole.headers["Content-Type"] == "video/mp4"
    assert whole.headers["Content-Length"] == str(size)

    for header, start, end in [
        ("bytes=0-", 0, size - 1),
        ("bytes=100-199", 100, 199),
        ("bytes=-500", size - 500, size - 1),
        (f"bytes={size - 10}-{size + 1000}", size - 10, size - 1),
    ]:
        part = _get(platform, path, token, headers={"Range": header})
        assert part.status_code == 206, (header, part.text)
        assert part.content == data[start : end + 1], header
        assert part.headers["Content-Range"] == f"bytes {start}-{end}/{size}"
        assert part.headers["Content-Length"] == str(end - start + 1)
        assert part.headers["Accept-Ranges"] == "bytes"

    beyond = _get(platform, path, token, headers={"Range": f"bytes={size}-"})
    assert_error(beyond, 416, "range_invalid")
    assert beyond.headers["Content-Range"] == f"bytes */{size}"


def test_media_only_for_the_selected_course_and_the_preview_for_anyone(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    # Enrolled in the package but c02 is not selected: no lecture, no handout.
    token = learner["access_token"]
    assert_error(
        _get(platform, "/chapters/yhdc-2021-professional-c02-ch1/media", token),
        403,
        "media_forbidden",
    )
    assert_error(
        _get(platform, "/chapters/yhdc-2021-professional-c02-ch1/handout", token),
        403,
        "media_forbidden",
    )
    # Only registered: the lecture is forbidden, the trial preview plays.
    stranger = register(platform)["access_token"]
    chapter = "yhdc-2021-professional-c02-ch1"
    assert_error(_get(platform, f"/chapters/{chapter}/media", stranger), 403, "media_forbidden")
    preview = _get(platform, f"/chapters/{chapter}/media", stranger, params={"preview": 1})
    assert preview.status_code == 200
    assert preview.content == (MEDIA / CLIPS["preview"]["file"]).read_bytes()
    # The second chapter has no preview of its own.
    no_preview = _get(
        platform, "/chapters/yhdc-2021-professional-c02-ch2/media", stranger, params={"preview": 1}
    )
    assert_error(no_preview, 404, "not_found")
    assert_error(_get(platform, f"/chapters/{chapter}/media", None), 401, "unauthorized")
    assert_error(_get(platform, "/chapters/nope/media", stranger), 404, "not_found")


def _media_url(
    platform: PlatformProcess, token: str, chapter_id: str, preview: bool = False
) -> requests.Response:
    return requests.post(
        f"{platform.api}/chapters/{chapter_id}/media-url",
        json={"preview": preview},
        headers=bearer(token),
        timeout=10,
    )


def test_signed_url_plays_without_a_bearer_and_refuses_tampering(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    chapter_id = learner["course"]["chapters"][0]["id"]
    issued = _media_url(platform, learner["access_token"], chapter_id)
    assert issued.status_code == 201, issued.text
    body = issued.json()
    assert body["url"].startswith(f"{platform.api}/chapters/{chapter_id}/media?token=")
    assert body["expires_at"] == shifted(DEFAULT_NOW, hours=6)
    data = (MEDIA / "lecture-1.mp4").read_bytes()
    played = requests.get(body["url"], headers={"Range": "bytes=100-199"}, timeout=10)
    assert played.status_code == 206 and played.content == data[100:200]

    url = body["url"]
    tampered = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
    assert_error(requests.get(tampered, timeout=10), 403, "media_token_invalid")
    other_chapter = url.replace(chapter_id, learner["course"]["chapters"][1]["id"])
    assert_error(requests.get(other_chapter, timeout=10), 403, "media_token_invalid")
    assert_error(requests.get(url + "&preview=1", timeout=10), 403, "media_token_invalid")
    # A signature in other scripts (hmac.compare_digest refuses non-ASCII text): 403, not 500.
    foreign = url.rsplit(".", 1)[0] + "." + quote("签名ü")
    assert_error(requests.get(foreign, timeout=10), 403, "media_token_invalid")

    # Not selected: no URL is issued; the preview URL is, to anyone.
    assert_error(
        _media_url(platform, learner["access_token"], "yhdc-2021-professional-c02-ch1"),
        403,
        "media_forbidden",
    )
    stranger = register(platform)["access_token"]
    trial = _media_url(platform, stranger, "yhdc-2021-professional-c02-ch1", preview=True)
    assert trial.status_code == 201, trial.text
    assert trial.json()["url"].endswith("&preview=1")
    assert (
        requests.get(trial.json()["url"], timeout=10).content
        == (MEDIA / CLIPS["preview"]["file"]).read_bytes()
    )


def test_handout_downloads_as_a_named_pdf(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    chapter = learner["course"]["chapters"][2]
    response = _get(platform, f"/chapters/{chapter['id']}/handout", learner["access_token"])
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.content == (MEDIA / "lecture-3.pdf").read_bytes()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    name = unquote(disposition.split("filename*=UTF-8''", 1)[1])
    assert name == "政府会计准则解释第1号-第三讲 常见问题与实务案例.pdf"


def test_signed_url_expires_and_a_closed_year_stops_media(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False)
    learner = selected_course(platform)
    token = learner["access_token"]
    chapter_id = learner["course"]["chapters"][0]["id"]
    url = _media_url(platform, token, chapter_id).json()["url"]
    assert requests.get(url, timeout=10).status_code == 200

    platform.restart(now=shifted(DEFAULT_NOW, hours=6, seconds=1))
    # The restarted platform listens on another port; the token is what is checked.
    url = platform.url + url[url.index("/api/v1/") :]
    assert_error(requests.get(url, timeout=10), 403, "media_token_invalid")
    token = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
    fresh = _media_url(platform, token, chapter_id)
    assert fresh.status_code == 201 and requests.get(fresh.json()["url"], timeout=10).ok

    # After the year's deadline: media is closed, and so is crediting what ended after it.
    platform.restart(now="2022-01-01T00:00:30+08:00")
    token = login(platform, learner["id_number"], learner["password"]).json()["access_token"]
    assert_error(_get(platform, f"/chapters/{chapter_id}/media", token), 403, "media_forbidden")
    late = watch_event(chapter_id, 0, 15_000, "2021-12-31T23:59:50+08:00")
    in_time = watch_event(chapter_id, 0, 5_000, "2021-12-31T23:59:40+08:00")
    result = push_events(platform, token, [late, in_time])
    assert result["accepted"] == [in_time["id"]]
    assert [(r["id"], r["code"]) for r in result["refused"]] == [(late["id"], "enrollment_closed")]


def test_enrolled_learner_helper_sees_the_public_course_chapters(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    public = next(e for e in learner["enrollments"] if e["course_type"] == "public")
    courses = _get(platform, f"/enrollments/{public['id']}/courses", learner["access_token"]).json()
    course = courses["items"][0]
    detail = _get(platform, f"/courses/{course['id']}", learner["access_token"]).json()
    assert 2 <= len(detail["chapters"]) <= 3
    assert course["duration_ms"] == sum(c["duration_ms"] for c in detail["chapters"])
