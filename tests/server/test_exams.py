"""公需考试 on the real platform: the study lock, the open dates, attempts, answers, grading.

The answer key is read from the bank file shipped with the platform, as only a test may;
every client response is checked not to carry it.  The main scene buys at 09:00 and
restarts the platform five minutes later, so that the 90 s public course can be watched
in the past (events may end at most a minute after the platform's now).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy.orm import Session

from rules.exam import PAPER, QUESTION_COUNT
from server.db import make_engine
from server.exams import public_exam_passed
from tests.conftest import PlatformFactory
from tests.helpers.learners import (
    PUBLIC_COURSE,
    PUBLIC_EXAM,
    complete_public_course,
    enrolled_learner,
    push_events,
    start_attempt,
    watch_event,
)
from tests.helpers.platform import (
    REPO_ROOT,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    shifted,
)

BANK = json.loads((REPO_ROOT / "server/data/exam_bank_public.json").read_text("utf-8"))
KEY: dict[str, list[str]] = {q["id"]: q["answer"] for q in BANK["questions"]}
KINDS = tuple(section.kind for section in PAPER)
BOUGHT = "2021-06-21T09:00:00+08:00"
NOW = shifted(BOUGHT, minutes=5)
LEARNERS = ("locked", "resume", "answers", "scoring", "best", "race", "other")


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Learners who bought the 2021 packages at 09:00, on a platform now at 09:05."""
    platform = PlatformProcess(Path(tmp_path_factory.mktemp("exams")), now=BOUGHT)
    platform.start()
    try:
        learners = {name: enrolled_learner(platform) for name in LEARNERS}
        platform.restart(now=NOW)
        yield {"platform": platform, **learners}
    finally:
        platform.stop()


def _url(platform: PlatformProcess, path: str) -> str:
    return platform.api + path


def _get(platform: PlatformProcess, token: str, path: str, **params: Any) -> Any:
    response = requests.get(_url(platform, path), params=params, headers=bearer(token), timeout=10)
    assert response.status_code == 200, response.text
    return _keyless(response.json())


def _keyless(body: Any) -> Any:
    """*body* after checking it carries no answer key (no ``answer``/``correct`` anywhere)."""

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            assert not {"answer", "correct", "correct_options", "key"} & set(value), value
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(body)
    return body


def _exam(platform: PlatformProcess, token: str, **params: Any) -> dict[str, Any]:
    items = _get(platform, token, "/exams", **params)["items"]
    assert [item["id"] for item in items] == [PUBLIC_EXAM]
    exam: dict[str, Any] = items[0]
    return exam


def _post_attempt(platform: PlatformProcess, token: str) -> requests.Response:
    return requests.post(
        _url(platform, f"/exams/{PUBLIC_EXAM}/attempts"), headers=bearer(token), timeout=10
    )


def _put(
    platform: PlatformProcess, token: str, attempt_id: str, answers: dict[str, list[str]]
) -> requests.Response:
    return requests.put(
        _url(platform, f"/attempts/{attempt_id}/answers"),
        json={"answers": answers},
        headers=bearer(token),
        timeout=10,
    )


def _submit(
    platform: PlatformProcess,
    token: str,
    attempt_id: str,
    answers: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    body = None if answers is None else {"answers": answers}
    response = requests.post(
        _url(platform, f"/attempts/{attempt_id}/submit"),
        json=body,
        headers=bearer(token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    result: dict[str, Any] = _keyless(response.json())
    return result


def _ready(scene: dict[str, Any], name: str) -> tuple[PlatformProcess, str]:
    """The platform and the token of a learner who has watched the whole public course."""
    platform, token = scene["platform"], scene[name]["access_token"]
    complete_public_course(platform, token, BOUGHT)
    return platform, token


def _of_kind(attempt: dict[str, Any], kind: str) -> list[str]:
    return [q["id"] for q in attempt["questions"] if q["kind"] == kind]


def _wrong(question_id: str) -> list[str]:
    """A single wrong option (for 单选 and 判断)."""
    question = next(q for q in BANK["questions"] if q["id"] == question_id)
    return [next(o["id"] for o in question["options"] if o["id"] not in KEY[question_id])]


# --- the bank ---------------------------------------------------------------------------


def test_the_bank_holds_well_formed_questions_of_every_kind() -> None:
    questions = BANK["questions"]
    counts = {kind: sum(1 for q in questions if q["kind"] == kind) for kind in KINDS}
    assert counts["single"] >= 60 and counts["multiple"] >= 25 and counts["true_false"] >= 25
    assert len(questions) >= 110
    assert len({q["id"] for q in questions}) == len(questions)
    assert len({q["stem"] for q in questions}) == len(questions)
    for q in questions:
        option_ids = [o["id"] for o in q["options"]]
        assert all(o["text"].strip() for o in q["options"]), q["id"]
        assert len({o["text"] for o in q["options"]}) == len(option_ids), q["id"]
        assert set(q["answer"]) <= set(option_ids) and len(set(q["answer"])) == len(q["answer"])
        if q["kind"] == "single":
            assert option_ids == ["A", "B", "C", "D"] and len(q["answer"]) == 1, q["id"]
        elif q["kind"] == "multiple":
            assert option_ids in (["A", "B", "C", "D"], ["A", "B", "C", "D", "E"]), q["id"]
            assert 2 <= len(q["answer"]) <= len(option_ids), q["id"]
        else:
            assert q["options"] == [{"id": "T", "text": "正确"}, {"id": "F", "text": "错误"}]
            assert len(q["answer"]) == 1, q["id"]
    # The right option is not always in the same place.
    assert len({q["answer"][0] for q in questions if q["kind"] == "single"}) == 4


# --- the study lock ---------------------------------------------------------------------


def test_the_exam_unlocks_exactly_when_the_public_course_is_watched(
    scene: dict[str, Any],
) -> None:
    platform, token = scene["platform"], scene["locked"]["access_token"]
    exam = _exam(platform, token, year=2021)
    assert exam == {
        **exam,
        "title": "科技创新现状与发展趋势(公需课)",
        "year": 2021,
        "package_id": "yhdc-2021-public",
        "institution_name": "源和大成教育",
        "required_study_ms": 90_000,
        "studied_ms": 0,
        "remaining_study_minutes": 2,
        "opens_at": "2021-06-01T00:00:00+08:00",
        "closes_at": "2021-12-31T23:59:59+08:00",
        "pass_score": 60,
        "total_score": 100,
        "question_count": 30,
        "time_limit_s": 3600,
        "attempts_used": 0,
        "best_score": None,
        "passed": False,
        "open_attempt_id": None,
        "state": "study_required",
    }
    error = assert_error(_post_attempt(platform, token), 409, "exam_study_required")
    assert error["remaining_study_minutes"] == 2 and "还需学习2分钟" in error["message"]

    # The first two chapters (20 s + 30 s): 40 s of the third remain, one minute rounded up.
    course = _get(platform, token, f"/courses/{PUBLIC_COURSE}")
    first, second, third = (chapter["id"] for chapter in course["chapters"])
    push_events(
        platform,
        token,
        [
            watch_event(first, 0, 20_000, BOUGHT),
            watch_event(second, 0, 30_000, shifted(BOUGHT, seconds=20)),
        ],
    )
    exam = _exam(platform, token)
    assert (exam["studied_ms"], exam["remaining_study_minutes"], exam["state"]) == (
        50_000,
        1,
        "study_required",
    )
    # 30 s of the 40 s chapter: still 10 s to go, still locked, and the refusal says so.
    push_events(platform, token, [watch_event(third, 0, 30_000, shifted(BOUGHT, seconds=50))])
    error = assert_error(_post_attempt(platform, token), 409, "exam_study_required")
    assert error["remaining_study_minutes"] == 1

    # Up to the completion tolerance (3 s before the end) completes the chapter: unlocked.
    push_events(platform, token, [watch_event(third, 30_000, 37_000, shifted(BOUGHT, seconds=80))])
    overview = _get(platform, token, "/exams")
    exam = overview["items"][0]
    assert (exam["studied_ms"], exam["remaining_study_minutes"], exam["state"]) == (
        90_000,
        0,
        "available",
    )
    assert overview["public_credits"] == {"earned": 30.0, "required": 30.0}
    assert (overview["exams_passed"], overview["state"]) == (0, "incomplete")
    assert _post_attempt(platform, token).status_code == 201


# --- attempts ---------------------------------------------------------------------------


def test_an_attempt_draws_the_paper_and_resumes_with_its_saved_answers(
    scene: dict[str, Any],
) -> None:
    platform, token = _ready(scene, "resume")
    response = _post_attempt(platform, token)
    assert response.status_code == 201, response.text
    attempt = _keyless(response.json())
    assert attempt["status"] == "in_progress" and attempt["number"] == 1
    assert attempt["started_at"] == NOW
    assert attempt["deadline"] == shifted(NOW, minutes=60)
    assert (attempt["score"], attempt["passed"], attempt["submitted_at"]) == (None, None, None)
    assert (attempt["question_count"], attempt["total_score"], attempt["pass_score"]) == (
        30,
        100,
        60,
    )
    questions = attempt["questions"]
    assert [q["position"] for q in questions] == list(range(1, QUESTION_COUNT + 1))
    expected_kinds = [s.kind for s in PAPER for _ in range(s.count)]
    assert [q["kind"] for q in questions] == expected_kinds
    assert sum(q["points"] for q in questions) == 100
    assert len({q["id"] for q in questions}) == 30 and {q["id"] for q in questions} <= set(KEY)
    for question in questions:
        assert set(question) == {"id", "position", "kind", "stem", "points", "options"}
        assert all(set(option) == {"id", "text"} for option in question["options"])
    assert attempt["answers"] == {}

    single, multiple = _of_kind(attempt, "single")[0], _of_kind(attempt, "multiple")[0]
    answers = {single: ["B"], multiple: ["C", "A"]}
    for _ in range(2):  # the same body twice: the same answer, nothing changes
        response = _put(platform, token, attempt["id"], answers)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "saved": [single, multiple],
            "saved_at": NOW,
            "deadline": attempt["deadline"],
        }

    # Starting again resumes: the same attempt, questions and saved answers (sorted).
    again = _post_attempt(platform, token)
    assert again.status_code == 200, again.text
    resumed = _keyless(again.json())
    assert resumed["id"] == attempt["id"] and resumed["questions"] == questions
    assert resumed["answers"] == {single: ["B"], multiple: ["A", "C"]}
    assert _get(platform, token, f"/attempts/{attempt['id']}") == resumed

    # An empty list clears an answer.
    assert _put(platform, token, attempt["id"], {multiple: []}).status_code == 200
    assert _get(platform, token, f"/attempts/{attempt['id']}")["answers"] == {single: ["B"]}

    exam = _exam(platform, token)
    assert (exam["state"], exam["open_attempt_id"], exam["attempts_used"]) == (
        "in_progress",
        attempt["id"],
        1,
    )
    summaries = _get(platform, token, f"/exams/{PUBLIC_EXAM}/attempts")["items"]
    assert summaries == [{k: resumed[k] for k in summaries[0]}]


def test_two_racing_starts_make_one_attempt(scene: dict[str, Any]) -> None:
    platform, token = _ready(scene, "race")
    responses: list[requests.Response] = []
    barrier = threading.Barrier(2)

    def start() -> None:
        barrier.wait()
        responses.append(_post_attempt(platform, token))

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(r.status_code for r in responses) == [200, 201], [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert len(_get(platform, token, f"/exams/{PUBLIC_EXAM}/attempts")["items"]) == 1


def test_bad_answers_are_refused_whole_and_attempts_are_private(scene: dict[str, Any]) -> None:
    platform, token = _ready(scene, "answers")
    attempt = start_attempt(platform, token)
    single = _of_kind(attempt, "single")[0]
    multiple = _of_kind(attempt, "multiple")[0]
    true_false = _of_kind(attempt, "true_false")[0]
    not_drawn = next(qid for qid in KEY if qid not in {q["id"] for q in attempt["questions"]})
    refused = {
        not_drawn: {single: ["A"], not_drawn: ["A"]},
        multiple: {single: ["A"], multiple: ["A", "Z"]},
        single: {single: ["A", "B"]},
        true_false: {true_false: ["T", "F"]},
    }
    for question_id, answers in refused.items():
        error = assert_error(
            _put(platform, token, attempt["id"], answers), 422, "validation_error", "answers"
        )
        assert error["question_id"] == question_id
    # Nothing of a refused request was saved, not even its good answers.
    assert _get(platform, token, f"/attempts/{attempt['id']}")["answers"] == {}
    # Malformed bodies are refused in the envelope too.
    response = requests.put(
        _url(platform, f"/attempts/{attempt['id']}/answers"),
        json={"answers": {single: "A"}},
        headers=bearer(token),
        timeout=10,
    )
    assert_error(response, 422, "validation_error", single)

    # Another learner sees neither the attempt nor the exam's attempts of someone else.
    other = scene["other"]["access_token"]
    for method, path, body in (
        ("GET", f"/attempts/{attempt['id']}", None),
        ("PUT", f"/attempts/{attempt['id']}/answers", {"answers": {single: ["A"]}}),
        ("POST", f"/attempts/{attempt['id']}/submit", None),
        ("GET", "/attempts/no-such-attempt", None),
        ("GET", "/exams/yhdc-2021-nope-exam/attempts", None),
        ("POST", "/exams/fsdc-2021-public-exam/attempts", None),
    ):
        response = requests.request(
            method, _url(platform, path), json=body, headers=bearer(other), timeout=10
        )
        assert_error(response, 404, "not_found")
    assert _get(platform, other, f"/exams/{PUBLIC_EXAM}/attempts") == {"items": []}
    assert_error(requests.get(_url(platform, "/exams"), timeout=10), 401, "unauthorized")


# --- grading ----------------------------------------------------------------------------


def test_grading_scores_exact_answers_only(scene: dict[str, Any]) -> None:
    platform, token = _ready(scene, "scoring")
    attempt = start_attempt(platform, token)
    singles = _of_kind(attempt, "single")
    multiples = _of_kind(attempt, "multiple")
    true_falses = _of_kind(attempt, "true_false")
    answers: dict[str, list[str]] = {}
    answers |= {qid: KEY[qid] for qid in singles[:15]}  # 15 × 3 = 45
    answers |= {qid: _wrong(qid) for qid in singles[15:]}
    answers |= {qid: KEY[qid] for qid in multiples[:3]}  # 3 × 4 = 12
    answers[multiples[3]] = KEY[multiples[3]][:-1]  # one right option missing: 0
    answers |= {qid: KEY[qid] for qid in true_falses[:4]}  # 4 × 4 = 16
    answers[true_falses[4]] = _wrong(true_falses[4])
    # Half saved as the learner goes, the rest sent with the submit.
    saved = dict(list(answers.items())[:12])
    assert _put(platform, token, attempt["id"], saved).status_code == 200
    sent = {qid: options for qid, options in answers.items() if qid not in saved}

    result = _submit(platform, token, attempt["id"], sent)
    assert result == {
        "attempt_id": attempt["id"],
        "status": "submitted",
        "score": 73,
        "passed": True,
        "correct_count": 22,
        "question_count": 30,
        "best_score": 73,
        "exam_passed": True,
        "submitted_at": NOW,
    }
    # A second submit answers the same; answers sent now are not taken.
    assert _submit(platform, token, attempt["id"], {singles[15]: KEY[singles[15]]}) == result
    graded = _get(platform, token, f"/attempts/{attempt['id']}")
    assert (graded["status"], graded["score"], graded["passed"], graded["correct_count"]) == (
        "submitted",
        73,
        True,
        22,
    )
    assert graded["answers"][multiples[3]] == KEY[multiples[3]][:-1]
    assert_error(_put(platform, token, attempt["id"], sent), 409, "attempt_closed")
    error = assert_error(_post_attempt(platform, token), 409, "exam_passed")
    assert "已通过" in error["message"]

    overview = _get(platform, token, "/exams")
    assert (overview["exams_passed"], overview["state"]) == (1, "complete")
    exam = overview["items"][0]
    assert (exam["state"], exam["best_score"], exam["passed"], exam["open_attempt_id"]) == (
        "passed",
        73,
        True,
        None,
    )
    changes = _get(platform, token, "/changes")["items"]
    assert [c["entity_id"] for c in changes if c["entity"] == "exam"] == [PUBLIC_EXAM]


def test_the_best_score_counts_and_a_pass_ends_the_attempts(scene: dict[str, Any]) -> None:
    platform, token = _ready(scene, "best")
    first = start_attempt(platform, token)
    answers = {qid: KEY[qid] for qid in _of_kind(first, "single")[:12]}  # 36
    answers |= {qid: KEY[qid] for qid in _of_kind(first, "true_false")}  # 20
    result = _submit(platform, token, first["id"], answers)
    assert (result["score"], result["passed"], result["best_score"], result["exam_passed"]) == (
        56,
        False,
        56,
        False,
    )
    assert _exam(platform, token)["state"] == "available"

    second = start_attempt(platform, token)
    assert second["number"] == 2 and second["id"] != first["id"] and second["answers"] == {}
    result = _submit(platform, token, second["id"])  # nothing answered
    assert (result["score"], result["correct_count"], result["best_score"]) == (0, 0, 56)
    exam = _exam(platform, token)
    assert (exam["best_score"], exam["attempts_used"], exam["passed"]) == (56, 2, False)

    third = start_attempt(platform, token)
    everything = {q["id"]: KEY[q["id"]] for q in third["questions"]}
    result = _submit(platform, token, third["id"], everything)
    assert (result["score"], result["correct_count"], result["passed"]) == (100, 30, True)
    assert (result["best_score"], result["exam_passed"]) == (100, True)
    assert_error(_post_attempt(platform, token), 409, "exam_passed")
    summaries = _get(platform, token, f"/exams/{PUBLIC_EXAM}/attempts")["items"]
    assert [(s["number"], s["score"], s["passed"], s["status"]) for s in summaries] == [
        (1, 56, False, "submitted"),
        (2, 0, False, "submitted"),
        (3, 100, True, "submitted"),
    ]


# --- the open dates and time-out grading -------------------------------------------------


def _log_in(platform: PlatformProcess, learner: dict[str, Any]) -> str:
    response = login(platform, learner["id_number"], learner["password"])
    assert response.status_code == 201, response.text
    token: str = response.json()["access_token"]
    return token


def test_the_exam_opens_on_1_june_closes_with_the_year_and_times_out(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False, now="2021-05-20T10:00:00+08:00")
    early, late = enrolled_learner(platform), enrolled_learner(platform)
    token = early["access_token"]
    assert _exam(platform, token)["state"] == "not_open"
    error = assert_error(_post_attempt(platform, token), 422, "exam_not_open")
    assert error["opens_at"] == "2021-06-01T00:00:00+08:00" and "2021-06-01" in error["message"]

    # Twenty minutes before the year closes: the attempt's deadline is the year's.
    platform.restart(now="2021-12-31T23:40:00+08:00")
    token = _log_in(platform, late)
    complete_public_course(platform, token, "2021-12-31T23:39:00+08:00")
    attempt = start_attempt(platform, token)
    assert attempt["deadline"] == "2021-12-31T23:59:59+08:00"
    singles = _of_kind(attempt, "single")
    true_falses = _of_kind(attempt, "true_false")
    response = _put(platform, token, attempt["id"], {qid: KEY[qid] for qid in singles})
    assert response.status_code == 200, response.text

    # 21 s after the deadline, within the 30 s grace: still saved, not yet graded.
    platform.restart(now="2022-01-01T00:00:20+08:00")
    response = _put(platform, token, attempt["id"], {true_falses[0]: KEY[true_falses[0]]})
    assert response.status_code == 200, response.text
    assert _get(platform, token, f"/attempts/{attempt['id']}")["status"] == "in_progress"

    # Ten minutes into the new year: graded with what was saved, on the first read.
    platform.restart(now="2022-01-01T00:10:00+08:00")
    token = _log_in(platform, late)
    assert_error(
        _put(platform, token, attempt["id"], {true_falses[1]: KEY[true_falses[1]]}),
        409,
        "attempt_closed",
    )
    graded = _get(platform, token, f"/attempts/{attempt['id']}")
    assert (graded["status"], graded["submitted_at"]) == ("timed_out", attempt["deadline"])
    assert (graded["score"], graded["correct_count"], graded["passed"]) == (64, 21, True)
    result = _submit(platform, token, attempt["id"], {true_falses[1]: KEY[true_falses[1]]})
    assert (result["status"], result["score"], result["exam_passed"]) == ("timed_out", 64, True)
    exam = _exam(platform, token, year=2021)
    assert (exam["state"], exam["best_score"]) == ("passed", 64)

    early_token = _log_in(platform, early)
    assert _exam(platform, early_token, year=2021)["state"] == "closed"
    error = assert_error(_post_attempt(platform, early_token), 422, "exam_closed")
    assert error["closes_at"] == "2021-12-31T23:59:59+08:00"
    assert "过期不办理补学补登" in error["message"]

    # The credit records ask the platform the same question.
    engine = make_engine(platform.db_url)
    try:
        with Session(engine) as db:
            assert public_exam_passed(db, late["account"]["id"], 2021)
            assert not public_exam_passed(db, early["account"]["id"], 2021)
            assert not public_exam_passed(db, late["account"]["id"], 2022)
    finally:
        engine.dispose()
