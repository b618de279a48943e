"""The answer key of the public exam's bank, for tests that answer right or wrong on purpose.

The client never sees a key (the platform sends none); a test that knows it checks, through
the client, that the platform graded what the learner chose.
"""

from __future__ import annotations

import json
from typing import Any

from rules.exam import DEFAULT_PASS_SCORE as PASS_SCORE  # the seed's exams use the default
from tests.helpers.platform import REPO_ROOT

BANK: dict[str, Any] = json.loads(
    (REPO_ROOT / "server/data/exam_bank_public.json").read_text("utf-8")
)
KEY: dict[str, tuple[str, ...]] = {q["id"]: tuple(sorted(q["answer"])) for q in BANK["questions"]}


def right(question_id: str) -> tuple[str, ...]:
    return KEY[question_id]


def wrong(question_id: str, option_ids: list[str]) -> tuple[str, ...]:
    """One option that is not exactly the key (a 多选 with one option never is)."""
    key = KEY[question_id]
    if len(key) > 1:
        return (key[0],)
    return (next(o for o in option_ids if o not in key),)


def answers_scoring(questions: list[Any], right_count: int) -> dict[str, tuple[str, ...]]:
    """Answers to *questions* (``Question`` records) of which the first *right_count* are
    right and the rest wrong."""
    return {
        q.id: right(q.id) if n < right_count else wrong(q.id, [o.id for o in q.options])
        for n, q in enumerate(questions)
    }


def score_of(questions: list[Any], answers: dict[str, tuple[str, ...]]) -> int:
    """What the platform must grade: the points of the exactly right answers."""
    return sum(q.points for q in questions if tuple(sorted(answers.get(q.id, ()))) == KEY[q.id])


def failing_and_passing(questions: list[Any]) -> tuple[int, int]:
    """How many right answers (in order) give a score below the pass mark, and how many one
    at or above it."""
    counts = range(len(questions) + 1)
    scores = {n: score_of(questions, answers_scoring(questions, n)) for n in counts}
    fail = max(n for n in counts if scores[n] < PASS_SCORE)
    passing = min(n for n in counts if scores[n] >= PASS_SCORE)
    return fail, passing
