"""The public-course exam (公需考试, SPEC §1.8): the paper's shape and its numbers.

The platform draws and grades; the client shows the same numbers (points, pass mark, time
limit) and never sees an answer key.

The pass mark is the exam's own (``exams.pass_score``, sent as ``pass_score``): data, so
that an exam can differ.  ``DEFAULT_PASS_SCORE`` is only what the catalog importer writes
into a new exam; everything that judges or shows a score takes the exam's mark.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rules._i18n import QT_TRANSLATE_NOOP

PAPER_TITLE = "科技创新现状与发展趋势(公需课)"
DEFAULT_PASS_SCORE = 60
TOTAL_SCORE = 100
TIME_LIMIT_S = 60 * 60
#: Answers saved this long after the deadline still count (the last request in flight).
ANSWER_GRACE_S = 30
#: The exam opens on this day of its year (month, day), as in the guide (2021-06-01).
OPENS_ON = (6, 1)

KINDS = ("single", "multiple", "true_false")
KIND_LABELS = {
    "single": QT_TRANSLATE_NOOP("rules", "单选题"),
    "multiple": QT_TRANSLATE_NOOP("rules", "多选题"),
    "true_false": QT_TRANSLATE_NOOP("rules", "判断题"),
}


@dataclass(frozen=True)
class PaperSection:
    """How many questions of one kind an attempt draws, and what each is worth."""

    kind: str
    count: int
    points: int


#: 20 × 3 + 5 × 4 + 5 × 4 = 100 points over 30 questions.
PAPER: tuple[PaperSection, ...] = (
    PaperSection("single", 20, 3),
    PaperSection("multiple", 5, 4),
    PaperSection("true_false", 5, 4),
)
QUESTION_COUNT = sum(section.count for section in PAPER)
assert sum(s.count * s.points for s in PAPER) == TOTAL_SCORE

TRUE_FALSE_OPTIONS = (
    ("T", QT_TRANSLATE_NOOP("rules", "正确")),
    ("F", QT_TRANSLATE_NOOP("rules", "错误")),
)


def remaining_minutes(remaining_ms: int) -> int:
    """Study time still needed, in whole minutes rounded up ("本课程还需学习N分钟")."""
    return math.ceil(max(0, remaining_ms) / 60_000)


def passed(score: int | None, pass_score: int) -> bool:
    """Whether *score* reaches the exam's *pass_score* (None: not graded yet)."""
    return score is not None and score >= pass_score
