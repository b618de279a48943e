"""Catalog workbooks and media folders for the import tests, made without ffmpeg.

The good lectures are copies of the demo clips; the bad ones are the same clips with a few
bytes changed (another codec's name in the sample entry, MP3's object type in the audio
descriptor, no sound track) or cut short, so every refusal of the importer can be shown
on a file that looks right by its name.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from server.catalog.workbook import write
from tests.helpers.platform import REPO_ROOT, PlatformProcess

CLIPS = REPO_ROOT / "resources" / "media"
INSTITUTION = "tcat"
YEAR = 2021
PUBLIC = f"{INSTITUTION}-{YEAR}-public"
PROFESSIONAL = f"{INSTITUTION}-{YEAR}-professional"
PAPER = f"{INSTITUTION}-{YEAR}"


def _patched(source: bytes, after: bytes, old: bytes, new: bytes) -> bytes:
    """*source* with the first *old* that follows *after* replaced by *new*."""
    start = source.index(after)
    at = source.index(old, start)
    return source[:at] + new + source[at + len(old) :]


def media_folder(root: Path) -> Path:
    """Good lectures (20 s, 30 s, 40 s), a preview and handouts, plus the bad files."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("lecture-1.mp4", "lecture-2.mp4", "lecture-3.mp4", "preview.mp4"):
        shutil.copy(CLIPS / name, root / name)
    for name in ("lecture-1.pdf", "lecture-2.pdf"):
        shutil.copy(CLIPS / name, root / name)
    (root / "子目录").mkdir(exist_ok=True)
    shutil.copy(CLIPS / "lecture-2.mp4", root / "子目录" / "第二讲.mp4")
    clip = (CLIPS / "lecture-1.mp4").read_bytes()
    (root / "hevc.mp4").write_bytes(_patched(clip, b"stsd", b"avc1", b"hvc1"))
    (root / "mp3-sound.mp4").write_bytes(_patched(clip, b"esds", b"\x40\x15", b"\x6b\x15"))
    (root / "silent.mp4").write_bytes(_patched(clip, b"soun", b"soun", b"text"))
    (root / "cut-short.mp4").write_bytes(clip[:100_000])
    shutil.copy(CLIPS / "lecture-1.pdf", root / "handout-as-video.mp4")
    (root / "cut-short.pdf").write_bytes((CLIPS / "lecture-1.pdf").read_bytes()[:10_000])
    return root


def question_rows(
    paper: str = PAPER,
    singles: int = 20,
    multiples: int = 5,
    true_false: int = 5,
    prefix: str = "q",
) -> list[dict[str, Any]]:
    """A bank of exactly the kinds asked for; single answers B, multiple AC, true/false 正确."""
    rows: list[dict[str, Any]] = []
    for kind, label, count in (
        ("s", "单选", singles),
        ("m", "多选", multiples),
        ("t", "判断", true_false),
    ):
        for number in range(1, count + 1):
            row: dict[str, Any] = {
                "paper": paper,
                "id": f"{paper}-{prefix}{kind}{number:02d}",
                "kind": label,
                "stem": f"{label}第{number}题：关于会计继续教育的说法，正确的是（ ）。",
            }
            if kind == "t":
                row["answer"] = "正确"
            else:
                row |= {f"option_{x}": f"选项{x.upper()}{number}" for x in "abcd"}
                row["answer"] = "B" if kind == "s" else "AC"
            rows.append(row)
    return rows


#: What a test answers to score full marks on the bank of ``question_rows``.
RIGHT = {"单选": ["B"], "多选": ["A", "C"], "判断": ["T"]}


def right_answer(question: Mapping[str, Any]) -> list[str]:
    return RIGHT[{"single": "单选", "multiple": "多选", "true_false": "判断"}[question["kind"]]]


def good_rows() -> dict[str, list[dict[str, Any]]]:
    """A small real-shaped year: a public package of one course (20 s + 30 s lectures) with
    its exam, and a professional package of three courses (30 + 20 + 15 credits, one
    lecture of 20 s each), the first required."""
    sheets: dict[str, list[dict[str, Any]]] = {
        "institution": [
            {
                "id": INSTITUTION,
                "name": "测试会计培训学校",
                "region": "佛山市",
                "phone": "0757-88886666",
                "mode": "远程",
            }
        ],
        "packages": [
            {
                "id": PUBLIC,
                "year": YEAR,
                "type": "公需课",
                "title": "2021年公需课（测试）",
                "price": 0,
                "credits": 30,
                "exam_title": "科技创新（测试卷）",
                "paper": PAPER,
                "exam_minutes": 30,
            },
            {
                "id": PROFESSIONAL,
                "year": YEAR,
                "type": "专业课",
                "title": "2021年度佛山市继续教育培训(专业课)（测试）",
                "price": 80,
                "credits": 60,
            },
        ],
        "courses": [
            {
                "id": f"{PUBLIC}-c01",
                "package": PUBLIC,
                "category": "公需科目",
                "title": "科技创新现状与发展趋势",
                "teacher": "专家组",
                "credits": 30,
                "required": "是",
                "trial": "是",
                "description": "公需课。\n学完后考试。",
            },
            {
                "id": f"{PROFESSIONAL}-c01",
                "package": PROFESSIONAL,
                "category": "会计基础",
                "title": "会计基础工作规范",
                "teacher": "陈红",
                "credits": 30,
                "required": "是",
            },
            {
                "id": f"{PROFESSIONAL}-c02",
                "package": PROFESSIONAL,
                "category": "税务",
                "title": "增值税留抵退税政策解读",
                "teacher": "林晓燕",
                "credits": 20,
            },
            {
                "id": f"{PROFESSIONAL}-c03",
                "package": PROFESSIONAL,
                "category": "税务",
                "title": "研发费用加计扣除政策与实务",
                "teacher": "马俊",
                "credits": 15,
            },
        ],
        "chapters": [
            {
                "id": f"{PUBLIC}-c01-ch1",
                "course": f"{PUBLIC}-c01",
                "title": "第一讲 科技创新的内涵",
                "video": "lecture-1.mp4",
                "handout": "lecture-1.pdf",
                "preview": "preview.mp4",
            },
            {
                "id": f"{PUBLIC}-c01-ch2",
                "course": f"{PUBLIC}-c01",
                "title": "第二讲 新一轮科技革命",
                "video": "子目录\\第二讲.mp4",
            },
            *(
                {
                    "id": f"{PROFESSIONAL}-c0{n}-ch1",
                    "course": f"{PROFESSIONAL}-c0{n}",
                    "title": f"第一讲 {title}",
                    "video": "lecture-1.mp4",
                    "handout": "lecture-2.pdf",
                }
                for n, title in (
                    (1, "会计机构与会计人员"),
                    (2, "留抵退税的条件"),
                    (3, "加计扣除的范围"),
                )
            ),
        ],
        "questions": question_rows(),
    }
    return sheets  # fmt: skip


def write_book(path: Path, sheets: Mapping[str, Sequence[Mapping[str, Any]]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return write(path, sheets)


def import_catalog(
    platform: PlatformProcess, book: Path, media: Path, *extra: str, institution: str = INSTITUTION
) -> subprocess.CompletedProcess[str]:
    """``python -m server import-catalog`` as an administrator runs it, on the platform's
    database and data folder (where its media store is), at its pinned now."""
    argv = [sys.executable, "-m", "server", "import-catalog", "--db", platform.db_url]
    argv += ["--data-dir", str(platform.workdir), "--institution", institution]
    argv += [str(book), str(media), *extra, "--log-level", "WARNING"]
    if platform.now:
        argv += ["--now", platform.now]
    return subprocess.run(
        argv, cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
    )  # fmt: skip


def bad_rows() -> dict[str, list[dict[str, Any]]]:
    """A workbook with one mistake of each kind the importer refuses (see the refusal test
    for where each lands)."""
    good = good_rows()
    public, professional = good["packages"]
    sheets: dict[str, list[dict[str, Any]]] = {
        "institution": [{**good["institution"][0], "region": "深圳市"}],
        "packages": [
            {**public, "id": "bad-2021-public"},  # row 2: its courses have 29 of 30 credits
            {**professional, "id": "bad-2021-pro", "exam_title": "专业课考试"},  # row 3
            {**professional, "id": "bad-2022-pro", "year": 2022},  # row 4: 4 of 60 credits
            {**public, "id": "bad-2022-public", "year": 2022, "exam_title": "", "paper": ""},
            {**public, "id": "bad-2021-public"},  # row 6: a duplicate id
            {**professional, "id": "bad-2021-pro2", "price": "九十", "credits": 50},  # row 7
        ],
        "courses": [
            {
                **good["courses"][0],
                "id": "bad-pub-c01",
                "package": "bad-2021-public",
                "credits": 28,
            },  # + 1 of row 9
            {**good["courses"][1], "id": "bad-pro-c01", "package": "bad-2022-pro", "credits": 4},
            {**good["courses"][2], "id": "bad-pro-c02", "package": "nope-2021"},  # row 4
            {**good["courses"][2], "id": "bad-pro-c03", "package": "bad-2021-pro", "credits": 2.45},
            {
                **good["courses"][2],
                "id": "bad-pro-c04",
                "package": "bad-2021-pro",
                "required": "可能",
            },
            {**good["courses"][2], "id": "bad-pro-c01", "package": "bad-2021-pro"},  # row 7: dup
            {
                **good["courses"][3],
                "id": "bad-pro-c05",
                "package": "bad-2021-pro",
            },  # row 8: no chapter
            {
                **good["courses"][0],
                "id": "bad-pub-c02",
                "package": "bad-2021-public",
                "credits": 1,
                "required": "否",
            },
        ],
        "chapters": [
            {
                "id": "bad-pub-c01-ch1",
                "course": "bad-pub-c01",
                "title": "第一讲",
                "video": "lecture-1.mp4",
                "preview": "preview.mp4",
            },
            {
                "id": "bad-pro-c01-ch1",
                "course": "bad-pro-c01",
                "title": "第一讲",
                "video": "lecture-2.mp4",
            },
            {
                "id": "bad-x-ch1",
                "course": "bad-pro-c03",
                "title": "第一讲",
                "video": "handout-as-video.mp4",
            },  # row 4
            {"id": "bad-x-ch2", "course": "bad-pro-c03", "title": "第二讲", "video": "hevc.mp4"},
            {
                "id": "bad-x-ch3",
                "course": "bad-pro-c03",
                "title": "第三讲",
                "video": "mp3-sound.mp4",
            },
            {"id": "bad-x-ch4", "course": "bad-pro-c03", "title": "第四讲", "video": "silent.mp4"},
            {
                "id": "bad-x-ch5",
                "course": "bad-pro-c03",
                "title": "第五讲",
                "video": "cut-short.mp4",
            },  # row 8
            {
                "id": "bad-x-ch6",
                "course": "bad-pro-c03",
                "title": "第六讲",
                "video": "没有这个文件.mp4",
            },
            {
                "id": "bad-x-ch7",
                "course": "bad-pro-c03",
                "title": "第七讲",
                "video": "../lecture-1.mp4",
            },
            {
                "id": "bad-x-ch8",
                "course": "bad-pro-c03",
                "title": "第八讲",
                "video": "lecture-1.mp4",
                "handout": "lecture-3.mp4",
            },
            {
                "id": "bad-x-ch9",
                "course": "bad-pro-c03",
                "title": "第九讲",
                "video": "lecture-1.mp4",
                "handout": "cut-short.pdf",
            },
            {
                "id": "bad-x-ch10",
                "course": "no-such-course",
                "title": "第十讲",
                "video": "lecture-1.mp4",
            },  # row 13
            {
                "id": "bad-pub-c02-ch1",
                "course": "bad-pub-c02",
                "title": "第一讲",
                "video": "lecture-3.mp4",
            },
        ],
        "questions": [
            *question_rows("bad-2021", singles=3, multiples=5, true_false=5),  # rows 2-14
            {
                "paper": "bad-x",
                "id": "bad-x-1",
                "kind": "单选",
                "stem": "题干",
                "option_a": "甲",
                "option_b": "乙",
                "answer": "E",
            },
            {
                "paper": "bad-x",
                "id": "bad-x-2",
                "kind": "多选",
                "stem": "题干",
                "option_a": "甲",
                "option_b": "乙",
                "option_c": "丙",
                "answer": "A",
            },
            {
                "paper": "bad-x",
                "id": "bad-x-3",
                "kind": "判断",
                "stem": "题干",
                "option_a": "对",
                "answer": "正确",
            },
            {"paper": "bad-x", "id": "bad-x-4", "kind": "问答", "stem": "题干", "answer": "略"},
        ],
    }
    sheets["packages"][0]["paper"] = "bad-2021"
    return sheets  # fmt: skip
