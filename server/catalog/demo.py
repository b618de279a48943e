"""The demo data and the example year, as catalog workbooks of the import format.

Both come from the same content — ``server/data/demo_catalog.json`` (the institutions, the
year's two packages, the public course and 50 professional courses, each with the titles of
its lectures) and the public bank ``server/data/exam_bank_public.json`` — and go through
the same importer as an institution's own workbook, so the demo and the format never drift.
They differ only in their lectures: the demo plays the three short clips of
``resources/media/`` (2–3 chapters a course, so a whole year is walked in minutes); the
example year gives every lecture a realistic length (``tools/make_example_year.py`` loops
the clips with ffmpeg).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from rules.exam import PAPER_TITLE, TIME_LIMIT_S
from server.api.reference import load_regions
from server.catalog.workbook import (
    NO,
    OPTION_LETTERS,
    PROFESSIONAL_LABEL,
    PUBLIC_LABEL,
    YES,
    Workbook,
    from_rows,
)
from server.media import demo_clips

PUBLIC_PAPER = "public"
"""The demo's bank, the province's public paper: defined by the first demo institution,
drawn by every demo institution's exam."""
COURSE_TYPES = ("public", "professional")
KIND_LABELS = {"single": "单选", "multiple": "多选", "true_false": "判断"}
TRUE_FALSE_LABELS = {"T": "正确", "F": "错误"}
_DIGITS = "零一二三四五六七八九"


@cache
def demo_catalog() -> dict[str, Any]:
    text = resources.files("server").joinpath("data/demo_catalog.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def public_bank() -> list[dict[str, Any]]:
    text = resources.files("server").joinpath("data/exam_bank_public.json").read_text("utf-8")
    questions: list[dict[str, Any]] = json.loads(text)["questions"]
    return questions


def package_id(institution_id: str, year: int, course_type: str) -> str:
    return f"{institution_id}-{year}-{course_type}"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 31 → 三十一 (1–99), as lectures are numbered."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "") if number else _DIGITS[0]


def lecture_title(number: int, topic: str) -> str:
    return f"第{chinese_number(number)}讲 {topic}"


def example_minutes(course: dict[str, Any]) -> list[int]:
    """The example year's lecture lengths: the course's minutes over its lectures, evenly
    in whole minutes (1,393 for the public course; 45 a credit for the others)."""
    count = len(course["chapters"])
    base, longer = divmod(int(course["minutes"]), count)
    return [base + 1] * longer + [base] * (count - longer)


def demo_chapter_count(position: int) -> int:
    """2 or 3 lectures a demo course (the course's place in the catalog decides)."""
    return 2 + position % 2


ChapterFiles = Callable[[str, int, int, dict[str, Any]], dict[str, str]]
"""(course type, course position, lecture number, course) → video, handout, preview."""


def demo_files(
    course_type: str, position: int, number: int, course: dict[str, Any]
) -> dict[str, str]:
    """The demo clips, cycling from the course's place; the trial preview on lecture 1."""
    clips = demo_clips()["clips"]
    clip = clips[(position + number - 2) % len(clips)]
    return {
        "video": clip["file"],
        "handout": clip["handout"] or "",
        "preview": demo_clips()["preview"]["file"] if number == 1 else "",
    }


def institution_row(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": item["id"],
        "name": item["name"],
        "region": item["region_code"],
        "phone": item["phone"],
        "mode": "远程" if item["mode"] == "online" else "面授",
    }


def catalog_rows(
    institution: dict[str, Any],
    years: Sequence[int],
    *,
    chapters: Callable[[dict[str, Any], int], int],
    files: ChapterFiles,
    paper: str = PUBLIC_PAPER,
    bank: Sequence[dict[str, Any]] = (),
) -> dict[str, list[dict[str, Any]]]:
    """The workbook's rows for *institution* and *years*: one public and one professional
    package a year, every course of the catalog, ``chapters(course, position)`` lectures of
    each with ``files(…)``, and *bank* (questions of *paper*) when the workbook defines it."""
    data = demo_catalog()
    city = {c["code"]: c["name"] for c in load_regions()}.get(institution["region_code"], "")
    sheets: dict[str, list[dict[str, Any]]] = {
        "institution": [institution_row(institution)],
        "packages": [],
        "courses": [],
        "chapters": [],
        "questions": [],
    }
    for year in years:
        for course_type in COURSE_TYPES:
            template = data["packages"][course_type]
            pid = package_id(institution["id"], year, course_type)
            public = course_type == "public"
            sheets["packages"].append(
                {
                    "id": pid,
                    "year": year,
                    "type": PUBLIC_LABEL if public else PROFESSIONAL_LABEL,
                    "title": template["title"].format(year=year, city=city),
                    "price": template["price_fen"] / 100,
                    "credits": template["credits"],
                    "exam_title": PAPER_TITLE if public else "",
                    "paper": paper if public else "",
                    "exam_minutes": TIME_LIMIT_S // 60 if public else "",
                }
            )
            for position, course in enumerate(data[f"{course_type}_courses"], start=1):
                course_id = f"{pid}-c{position:02d}"
                sheets["courses"].append(
                    {
                        "id": course_id,
                        "package": pid,
                        "category": course["category"],
                        "title": course["title"],
                        "teacher": course["teacher"],
                        "credits": course["credits"],
                        "required": YES if course["required"] else NO,
                        "trial": YES if course["trial_available"] else NO,
                        "description": course["description"],
                    }
                )
                for number in range(1, chapters(course, position) + 1):
                    sheets["chapters"].append(
                        {
                            "id": f"{course_id}-ch{number}",
                            "course": course_id,
                            "title": lecture_title(number, course["chapters"][number - 1]),
                            **files(course_type, position, number, course),
                        }
                    )
    sheets["questions"] = question_rows(paper, bank)
    return sheets


def question_rows(paper: str, bank: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Questions in the sheet's words: 题型 label, options A–F, the answer as letters or
    正确/错误."""
    rows = []
    for question in bank:
        row: dict[str, Any] = {
            "paper": paper,
            "id": question["id"],
            "kind": KIND_LABELS[question["kind"]],
            "stem": question["stem"],
        }
        if question["kind"] == "true_false":
            row["answer"] = TRUE_FALSE_LABELS[question["answer"][0]]
        else:
            for letter, option in zip(OPTION_LETTERS, question["options"], strict=False):
                assert option["id"] == letter, question["id"]
                row[f"option_{letter.lower()}"] = option["text"]
            row["answer"] = "".join(sorted(question["answer"]))
        rows.append(row)
    return rows


def demo_workbook(
    institution: dict[str, Any], years: Sequence[int], *, define_bank: bool
) -> Workbook:
    """One demo institution's catalog; the first one also brings the public bank."""
    sheets = catalog_rows(
        institution,
        years,
        chapters=lambda _course, position: demo_chapter_count(position),
        files=demo_files,
        bank=public_bank() if define_bank else (),
    )
    return from_rows(f"演示数据（{institution['id']}）", sheets)
