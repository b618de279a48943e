"""``seed-demo``: load the demo reference data, idempotently.

Each step checks what is already there and adds only what is missing, so the command can
always run again.  The embedded platform runs it only when the database does not hold this
version of the demo data (``seeded_already``, and server/warm_start.py before anything is
imported).  Later issues append their steps to ``SEED_STEPS``.

The demo catalog covers 2021, the seed's year, and the clock's current year, so that a demo
pinned with ``--now`` sees its own "this year".  It is loaded through the catalog import
(``server.catalog``), one workbook per demo institution, exactly as an institution loads
its own: the same checks, the same media store, and nothing a demo learner owns is taken
when the demo data changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from rules.credits import to_tenths
from server.api.reference import FIRST_PLATFORM_YEAR, load_regions
from server.catalog.demo import demo_catalog, demo_workbook, package_id
from server.catalog.importer import MediaFolder, import_catalog, store_media
from server.clock import Clock
from server.media import MEDIA_DIR
from server.models import (
    Account,
    PlatformState,
    ProvinceHistory,
    StudyCard,
)
from server.staff import create_staff_account
from server.study_cards import add_batch, normalize_card_number
from server.warm_start import DEMO_SEED_KEY

log = logging.getLogger(__name__)

SeedStep = Callable[[Session, Clock], int]


class DemoRefused(RuntimeError):
    """The demo's own workbook failed the import's checks: a bug, with the report."""


def demo_years(clock: Clock) -> list[int]:
    """2021 (the seed's year) and the current year of the clock."""
    return sorted({FIRST_PLATFORM_YEAR, clock.now().year})


def _regions(_db: Session, _clock: Clock) -> int:
    """Regions are static package data; loading them here proves the file is intact."""
    return sum(len(city["districts"]) for city in load_regions())


def _catalog(db: Session, clock: Clock, media_root: Path) -> int:
    """Every demo institution's packages, courses, chapters and exam, through the importer.

    The first institution brings the public bank; the others' exams draw from it.  Returns
    how many packages the demo holds.
    """
    folder = MediaFolder(MEDIA_DIR)
    years = demo_years(clock)
    institutions = demo_catalog()["institutions"]
    for position, institution in enumerate(institutions):
        book = demo_workbook(institution, years, define_bank=position == 0)
        report = import_catalog(db, institution["id"], book, folder, clock.now(), lock=False)
        if not report.ok:
            raise DemoRefused(report.text())
        store_media(media_root, report)
        for line in report.kept:
            log.info("demo data kept: %s", line.text())
    return len(institutions) * len(years) * 2


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
    "study cards": _study_cards,
    "history": _history,
    "staff": _staff,
}
"""The steps after the catalog (which needs the media store): cards need its packages."""


def seed_demo(db: Session, clock: Clock, media_root: Path) -> dict[str, int]:
    """Run every step in one transaction; returns how many items each step holds.

    *media_root* is the platform's media store (``server.media.media_root``): the demo
    clips are stored there like any imported lecture.
    """
    counts = {"catalog": _catalog(db, clock, media_root)}
    counts |= {name: step(db, clock) for name, step in SEED_STEPS.items()}
    db.commit()
    for name, count in counts.items():
        log.info("demo data %s: %d", name, count)
    return counts


def seeded_already(db: Session, fingerprint: str) -> bool:
    """Whether this database was seeded with the demo data of *fingerprint*
    (``server.warm_start.seed_fingerprint``): then seeding again would add nothing."""
    row = db.get(PlatformState, DEMO_SEED_KEY)
    return row is not None and row.value == fingerprint


def mark_seeded(db: Session, fingerprint: str, clock: Clock) -> None:
    """Remember that the demo data of *fingerprint* is in (after ``seed_demo`` committed)."""
    db.merge(PlatformState(key=DEMO_SEED_KEY, value=fingerprint, updated_at=clock.now()))
    db.commit()
