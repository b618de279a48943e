"""``seed-demo``: load the demo reference data, idempotently.

Each step checks what is already there and adds only what is missing, so the command can
run on every start of the embedded platform.  Later issues append their steps to
``SEED_STEPS``.

The demo catalog (``data/demo_catalog.json``) covers 2021, the seed's year, and the clock's
current year, so that a demo pinned with ``--now`` sees its own "this year".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rules.credits import to_tenths
from rules.years import credit_requirement
from server.api.reference import FIRST_PLATFORM_YEAR, load_regions
from server.clock import Clock
from server.exams import seed_exams
from server.media import demo_clips
from server.models import (
    Account,
    Chapter,
    Course,
    Institution,
    Package,
    ProvinceHistory,
    StudyCard,
)
from server.staff import create_staff_account
from server.study_cards import add_batch, normalize_card_number

log = logging.getLogger(__name__)

SeedStep = Callable[[Session, Clock], int]
COURSE_TYPES = ("professional", "public")


@cache
def demo_catalog() -> dict[str, Any]:
    text = resources.files("server").joinpath("data/demo_catalog.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def demo_years(clock: Clock) -> list[int]:
    """2021 (the seed's year) and the current year of the clock."""
    return sorted({FIRST_PLATFORM_YEAR, clock.now().year})


def package_id(institution_id: str, year: int, course_type: str) -> str:
    return f"{institution_id}-{year}-{course_type}"


def _regions(_db: Session, _clock: Clock) -> int:
    """Regions are static package data; loading them here proves the file is intact."""
    return sum(len(city["districts"]) for city in load_regions())


def _institutions(db: Session, _clock: Clock) -> int:
    for position, item in enumerate(demo_catalog()["institutions"]):
        if db.get(Institution, item["id"]) is None:
            db.add(Institution(position=position, **item))
    db.flush()
    return len(demo_catalog()["institutions"])


def _add_package(db: Session, institution: Institution, year: int, course_type: str) -> None:
    data = demo_catalog()
    template = data["packages"][course_type]
    city = {c["code"]: c["name"] for c in load_regions()}.get(institution.region_code, "")
    pid = package_id(institution.id, year, course_type)
    db.add(
        Package(
            id=pid,
            institution_id=institution.id,
            year=year,
            course_type=course_type,
            title=template["title"].format(year=year, city=city),
            price_fen=template["price_fen"],
            credits_tenths=to_tenths(template["credits"]),
            closes_at=credit_requirement(year).deadline,
        )
    )
    db.flush()  # the courses refer to it (no ORM relationship orders the inserts)
    for position, course in enumerate(data[f"{course_type}_courses"], start=1):
        db.add(
            Course(
                id=f"{pid}-c{position:02d}",
                package_id=pid,
                category=course["category"],
                position=position,
                title=course["title"],
                teacher=course["teacher"],
                credits_tenths=to_tenths(course["credits"]),
                duration_ms=course["minutes"] * 60_000,
                required=course["required"],
                trial_available=course["trial_available"],
                description=course["description"],
            )
        )


def _packages(db: Session, clock: Clock) -> int:
    """Per institution and demo year: the public (¥0) and the professional (¥90) package."""
    count = 0
    institutions = db.scalars(select(Institution).order_by(Institution.position)).all()
    for institution in institutions:
        for year in demo_years(clock):
            for course_type in COURSE_TYPES:
                if db.get(Package, package_id(institution.id, year, course_type)) is None:
                    _add_package(db, institution, year, course_type)
                count += 1
    db.flush()
    return count


def _study_cards(db: Session, clock: Clock) -> int:
    """Five demo cards per professional package of 源和大成教育 (numbers fixed, README)."""
    cards = demo_catalog()["study_cards"]
    count = 0
    for year in demo_years(clock):
        listed = cards["2021"] if year == FIRST_PLATFORM_YEAR else cards["current"]
        pid = package_id(cards["institution_id"], year, "professional")
        numbers = [normalize_card_number(number) for number, _ in listed]
        known = set(
            db.scalars(select(StudyCard.card_number).where(StudyCard.card_number.in_(numbers)))
        )
        missing = [(number, password) for number, password in listed if number not in known]
        if missing:
            add_batch(db, pid, missing, cards["issued_by"], clock.now())
        count += len(listed)
    return count


_ORDINALS = "一二三四五六七八九十"


def _demo_chapters(course: Course) -> list[Chapter]:
    """2 or 3 chapters cycling over the demo clips, so a course is watched in a minute."""
    clips = demo_clips()["clips"]
    preview = demo_clips()["preview"]
    count = 2 + course.position % 2
    chapters = []
    for number in range(1, count + 1):
        clip = clips[(course.position + number - 2) % len(clips)]
        topic = clip["title"].split(" ", 1)[-1]
        chapters.append(
            Chapter(
                id=f"{course.id}-ch{number}",
                course_id=course.id,
                position=number,
                title=f"第{_ORDINALS[number - 1]}讲 {topic}",
                duration_ms=clip["duration_ms"],
                media_file=clip["file"],
                handout_file=clip["handout"],
                preview_file=preview["file"] if number == 1 else None,
                preview_ms=preview["duration_ms"] if number == 1 else 0,
            )
        )
    return chapters


def _chapters(db: Session, _clock: Clock) -> int:
    """Courses without chapters get the demo ones; a course lasts as long as its chapters."""
    with_chapters = set(db.scalars(select(Chapter.course_id).distinct()))
    for course in db.scalars(select(Course)).all():
        if course.id not in with_chapters:
            chapters = _demo_chapters(course)
            db.add_all(chapters)
            course.duration_ms = sum(chapter.duration_ms for chapter in chapters)
    db.flush()
    return int(db.scalar(select(func.count()).select_from(Chapter)) or 0)


def _history(db: Session, _clock: Clock) -> int:
    """The province's past records of the demo learner of the history (README), once."""
    history = demo_catalog()["history"]
    known = db.scalar(
        select(func.count())
        .select_from(ProvinceHistory)
        .where(ProvinceHistory.id_number == history["id_number"])
    )
    if not known:
        db.add_all(
            ProvinceHistory(
                id_number=history["id_number"],
                name=history["name"],
                year=row["year"],
                course_type=row["course_type"],
                content=row["content"],
                credits_tenths=to_tenths(row["credits"]),
                score=row["score"],
                state=row["state"],
            )
            for row in history["rows"]
        )
        db.flush()
    return len(history["rows"])


def _staff(db: Session, clock: Clock) -> int:
    """The demo administrator and desk clerk of 源和大成教育, with their demo passwords."""
    staff = demo_catalog()["staff"]
    for item in staff["accounts"]:
        if db.scalar(select(Account.id).where(Account.id_number == item["username"])) is None:
            create_staff_account(
                db,
                staff["institution_id"],
                item["username"],
                item["name"],
                item["role"],
                clock.now(),
                password=item["password"],
            )
    return len(staff["accounts"])


SEED_STEPS: dict[str, SeedStep] = {
    "regions": _regions,
    "institutions": _institutions,
    "packages": _packages,
    "study cards": _study_cards,
    "chapters": _chapters,
    "exams": seed_exams,
    "history": _history,
    "staff": _staff,
}


def seed_demo(db: Session, clock: Clock) -> dict[str, int]:
    """Run every step in one transaction; returns how many items each step holds."""
    counts = {name: step(db, clock) for name, step in SEED_STEPS.items()}
    db.commit()
    for name, count in counts.items():
        log.info("demo data %s: %d", name, count)
    return counts
