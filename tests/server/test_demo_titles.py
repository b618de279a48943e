"""The demo's chapters fit their courses, and its clips name no subject.

One table says which lectures a course has: ``server/data/demo_catalog.json`` (each course
with its ``chapters``).  The seeded platform must show exactly those under each course.  The
three short clips (and their handouts) play under every course's chapters, so what they
show names no subject: before, "第一讲 会计准则概览" appeared in the picture and on the
handout of lectures of 政府采购法 or 科技创新.
"""

from __future__ import annotations

import json

from server.catalog.demo import demo_catalog, lecture_title
from server.media import MEDIA_DIR
from tests.helpers.platform import PlatformProcess


def _lectures_by_course() -> dict[str, list[str]]:
    data = demo_catalog()
    return {
        course["title"]: course["chapters"]
        for kind in ("public_courses", "professional_courses")
        for course in data[kind]
    }


def test_every_seeded_chapter_is_a_lecture_of_its_own_course(platform: PlatformProcess) -> None:
    lectures = _lectures_by_course()
    rows = platform.query(
        "SELECT courses.title, chapters.position, chapters.title FROM chapters "
        "JOIN courses ON courses.id = chapters.course_id"
    )
    assert len(rows) > 100  # every demo institution's courses of both years
    for course, position, title in rows:
        number = int(position)  # 1 for 第一讲
        assert title == lecture_title(number, lectures[course][number - 1]), (course, title)
    # A lecture's topic belongs to one subject: no course lends its lectures to another.
    owners: dict[str, set[str]] = {}
    for course, topics in lectures.items():
        for topic in topics:
            owners.setdefault(topic, set()).add(course)
    shared = {topic: courses for topic, courses in owners.items() if len(courses) > 1}
    assert not shared


def test_the_clips_that_every_course_plays_name_no_subject() -> None:
    clips = json.loads((MEDIA_DIR / "clips.json").read_text(encoding="utf-8"))
    topics = {topic for chapters in _lectures_by_course().values() for topic in chapters}
    words = topics | set(_lectures_by_course())
    for clip in clips["clips"]:
        assert clip["title"].startswith("演示讲座"), clip
        assert not any(word in clip["title"] for word in words), clip
    assert "会计准则概览" not in (MEDIA_DIR / "clips.json").read_text(encoding="utf-8")
