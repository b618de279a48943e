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
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
import requests
from sqlalchemy import update
from sqlalchemy.orm import Session

from rules.exam import DEFAULT_PASS_SCORE, PAPER, QUESTION_COUNT
from server.db import make_engine
from server.exams import public_exam_passed
from server.models import Exam
from tests.conftest import PlatformFactory
from tests.helpers.concurrency import together
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
LEARNERS = (
    "locked", "resume", "answers", "scoring", "best", "race", "other",
    "versions", "windows", "same_question", "hand_in", "save_or_submit", "pass_mark",
)  # fmt: skip
ROUNDS = 6
"""Rounds of each race (each fires its requests together through a barrier)."""


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


CURRENT = "current"
"""``_put``/``_submit``: name the attempt's version as it is now (read just before)."""


def _version(platform: PlatformProcess, token: str, attempt_id: str) -> int:
    version: int = _get(platform, token, f"/attempts/{attempt_id}")["version"]
    return version


def _write_headers(
    platform: PlatformProcess,
    token: str,
    attempt_id: str,
    version: int | str | None,
    key: str | None = None,
) -> dict[str, str]:
    """The token, ``If-Match`` for *version* (an int is quoted, a str sent as it is, None
    sends none) and an ``Idempotency-Key``."""
    headers = bearer(token)
    if version == CURRENT:
        version = _version(platform, token, attempt_id)
    if version is not None:
        headers["If-Match"] = f'"{version}"' if isinstance(version, int) else version
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def _put(
    platform: PlatformProcess,
    token: str,
    attempt_id: str,
    answers: dict[str, list[str]],
    version: int | str | None = CURRENT,
) -> requests.Response:
    return requests.put(
        _url(platform, f"/attempts/{attempt_id}/answers"),
        json={"answers": answers},
        headers=_write_headers(platform, token, attempt_id, version),
        timeout=10,
    )


def _post_submit(
    platform: PlatformProcess,
    token: str,
    attempt_id: str,
    answers: dict[str, list[str]] | None = None,
    version: int | str | None = CURRENT,
    key: str | None = None,
) -> requests.Response:
    body = None if answers is None else {"answers": answers}
    return requests.post(
        _url(platform, f"/attempts/{attempt_id}/submit"),
        json=body,
        headers=_write_headers(platform, token, attempt_id, version, key),
        timeout=10,
    )


def _submit(
    platform: PlatformProcess,
    token: str,
    attempt_id: str,
    answers: dict[str, list[str]] | None = None,
    version: int | str | None = CURRENT,
    key: str | None = None,
) -> dict[str, Any]:
    response = _post_submit(platform, token, attempt_id, answers, version, key)
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
    assert attempt["version"] == 1 and response.headers["ETag"] == '"1"'
    for version in (2, 3):  # the same body twice: the same answers; each write is a version
        response = _put(platform, token, attempt["id"], answers)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "saved": [single, multiple],
            "saved_at": NOW,
            "deadline": attempt["deadline"],
            "version": version,
        }
        assert response.headers["ETag"] == f'"{version}"'

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


# --- two windows on one attempt (issue 15) ------------------------------------------------
#
# A learner with the attempt open on two PCs.  Each window knows the version its answers
# came with and names it in If-Match; a window whose version is stale is refused (412)
# with the current answers, reloads and sends again only what it changed itself.

T = TypeVar("T")


def test_a_save_names_its_version_and_a_stale_one_gets_the_current_answers(
    scene: dict[str, Any],
) -> None:
    platform, token = _ready(scene, "versions")
    attempt = start_attempt(platform, token)
    first, second, third = _of_kind(attempt, "single")[:3]
    attempt_id = attempt["id"]
    assert attempt["version"] == 1

    error = assert_error(_put(platform, token, attempt_id, {first: ["A"]}, None), 428,
                         "precondition_required", "If-Match")  # fmt: skip
    assert "If-Match" in error["message"]
    response = _put(platform, token, attempt_id, {first: ["A"]}, 1)
    assert (response.status_code, response.json()["version"]) == (200, 2), response.text
    assert response.headers["ETag"] == '"2"'

    # The other window still holds version 1: its save is refused, nothing of it is kept,
    # and it is handed what it needs to reload.
    stale = _put(platform, token, attempt_id, {second: ["B"]}, 1)
    error = assert_error(stale, 412, "attempt_changed")
    assert (error["version"], error["answers"], error["attempt_status"]) == (
        2,
        {first: ["A"]},
        "in_progress",
    )
    assert stale.headers["ETag"] == '"2"' and "最新答案" in error["message"]
    for tag in ('W/"2"', "2x", '"', "1, 3", "\u00b2"):  # weak, malformed, none current
        assert_error(_put(platform, token, attempt_id, {second: ["B"]}, tag), 412,
                     "attempt_changed")  # fmt: skip
    assert _get(platform, token, f"/attempts/{attempt_id}")["answers"] == {first: ["A"]}

    # Reloaded at version 2, it sends its own question again: both answers are kept.
    response = _put(platform, token, attempt_id, {second: ["B"]}, '"1", "2"')
    assert (response.status_code, response.json()["version"]) == (200, 3), response.text
    response = _put(platform, token, attempt_id, {third: ["C"]}, "*")  # any version
    assert (response.status_code, response.json()["version"]) == (200, 4), response.text
    read = requests.get(_url(platform, f"/attempts/{attempt_id}"), headers=bearer(token),
                        timeout=10)  # fmt: skip
    assert read.headers["ETag"] == '"4"' and read.json()["version"] == 4
    assert read.json()["answers"] == {first: ["A"], second: ["B"], third: ["C"]}
    # A bad answer costs no version.
    assert_error(
        _put(platform, token, attempt_id, {first: ["Z"]}, 4), 422, "validation_error", "answers"
    )
    assert _version(platform, token, attempt_id) == 4


def _reload_and_resend(
    platform: PlatformProcess, token: str, attempt_id: str, response: requests.Response,
    mine: dict[str, list[str]],
) -> requests.Response:  # fmt: skip
    """What the client does after a 412: take the version it was handed, send its own again."""
    error = assert_error(response, 412, "attempt_changed")
    return _put(platform, token, attempt_id, mine, error["version"])


def test_two_windows_answering_different_questions_at_once_lose_neither(
    scene: dict[str, Any],
) -> None:
    platform, token = _ready(scene, "windows")
    attempt = start_attempt(platform, token)
    attempt_id, version = attempt["id"], attempt["version"]
    singles = _of_kind(attempt, "single")
    expected: dict[str, list[str]] = {}
    for round_ in range(ROUNDS):
        here, there = singles[2 * round_], singles[2 * round_ + 1]
        mine, theirs = {here: ["A"]}, {there: ["D"]}
        responses = together(
            partial(_put, platform, token, attempt_id, mine, version),
            partial(_put, platform, token, attempt_id, theirs, version),
        )
        codes = sorted(r.status_code for r in responses)
        assert codes == [200, 412], [r.text for r in responses]
        loser, sent = (
            (responses[1], theirs) if responses[0].status_code == 200 else (responses[0], mine)
        )
        # The loser is handed the winner's answer, so its window shows it, then resends.
        winner_answer = mine if sent is theirs else theirs
        assert loser.json()["error"]["answers"] == {**expected, **winner_answer}
        again = _reload_and_resend(platform, token, attempt_id, loser, sent)
        assert again.status_code == 200, again.text
        expected |= mine | theirs
        version = again.json()["version"]
        assert version == attempt["version"] + 2 * (round_ + 1)  # one per change, no more
    assert _get(platform, token, f"/attempts/{attempt_id}")["answers"] == expected


def test_a_stale_window_never_overwrites_a_newer_answer_to_the_same_question(
    scene: dict[str, Any],
) -> None:
    platform, token = _ready(scene, "same_question")
    attempt = start_attempt(platform, token)
    attempt_id, version = attempt["id"], attempt["version"]
    question = _of_kind(attempt, "single")[0]
    for _ in range(ROUNDS):
        responses = together(
            partial(_put, platform, token, attempt_id, {question: ["B"]}, version),
            partial(_put, platform, token, attempt_id, {question: ["C"]}, version),
        )
        assert sorted(r.status_code for r in responses) == [200, 412], [r.text for r in responses]
        won = "B" if responses[0].status_code == 200 else "C"
        # The loser's answer was not written over the winner's: the platform keeps the
        # winner's until a window that has seen it changes it.
        saved = _get(platform, token, f"/attempts/{attempt_id}")
        assert saved["answers"] == {question: [won]}
        assert next(r for r in responses if r.status_code == 412).json()["error"]["answers"] == {
            question: [won]
        }
        version = saved["version"]


def test_a_stale_submit_is_refused_and_a_submit_elsewhere_closes_the_other_window(
    scene: dict[str, Any],
) -> None:
    platform, token = _ready(scene, "hand_in")
    attempt = start_attempt(platform, token)
    attempt_id, seen = attempt["id"], attempt["version"]
    first, second = _of_kind(attempt, "single")[:2]
    # Window B answers the second question; window A, still at the old version, hands in.
    assert _put(platform, token, attempt_id, {second: [KEY[second][0]]}, seen).status_code == 200
    stale = _post_submit(platform, token, attempt_id, {first: KEY[first]}, seen, "window-a")
    error = assert_error(stale, 412, "attempt_changed")
    assert error["answers"] == {second: KEY[second]}
    after = _get(platform, token, f"/attempts/{attempt_id}")
    assert (after["status"], after["answers"]) == ("in_progress", {second: KEY[second]})

    # A reloads (now it shows B's answer too) and hands in: both answers are graded.
    result = _submit(platform, token, attempt_id, {first: KEY[first]}, error["version"],
                     "window-a")  # fmt: skip
    assert (result["status"], result["score"], result["correct_count"]) == ("submitted", 6, 2)

    # B, still open on the other PC, saves an answer: refused, told the attempt is closed
    # and by which result; its own 交卷 is refused the same way (never a silent score).
    late = _put(platform, token, attempt_id, {first: ["A"]}, error["version"])
    closed = assert_error(late, 409, "attempt_closed")
    assert (closed["attempt_status"], closed["result"]) == ("submitted", result)
    closed = assert_error(
        _post_submit(platform, token, attempt_id, None, error["version"], "window-b"),
        409,
        "attempt_closed",
    )
    assert closed["result"] == result
    # A's own retry (its answer lost on the way) is answered the result again.
    assert _submit(platform, token, attempt_id, None, error["version"], "window-a") == result
    assert _get(platform, token, f"/attempts/{attempt_id}")["answers"][first] == KEY[first]


def test_a_save_racing_a_submit_is_either_graded_or_refused(scene: dict[str, Any]) -> None:
    """Never "saved" (200) and left out of the graded paper, never two gradings."""
    platform, token = _ready(scene, "save_or_submit")
    graded_with_it = graded_without_it = 0
    for round_ in range(ROUNDS):
        attempt = start_attempt(platform, token)
        attempt_id, version = attempt["id"], attempt["version"]
        question = _of_kind(attempt, "single")[0]
        save, hand_in, other = together(
            partial(_put, platform, token, attempt_id, {question: KEY[question]}, version),
            partial(_post_submit, platform, token, attempt_id, None, version, f"a{round_}"),
            partial(_post_submit, platform, token, attempt_id, None, version, f"b{round_}"),
        )
        after = _get(platform, token, f"/attempts/{attempt_id}")
        submits = sorted((hand_in.status_code, other.status_code))
        if save.status_code == 200:  # the save won: both submits were based on the old version
            assert submits == [412, 412], [hand_in.text, other.text]
            assert (after["status"], after["answers"]) == ("in_progress", {question: KEY[question]})
            assert _submit(platform, token, attempt_id)["score"] == 3
            graded_with_it += 1
            continue
        # A submit won: the save was refused as closed, the other submit too.
        assert save.status_code == 409 and save.json()["error"]["code"] == "attempt_closed"
        assert submits == [200, 409], [hand_in.text, other.text]
        assert (after["status"], after["answers"], after["score"]) == ("submitted", {}, 0)
        graded_without_it += 1
    assert graded_with_it + graded_without_it == ROUNDS
    summaries = _get(platform, token, f"/exams/{PUBLIC_EXAM}/attempts")["items"]
    assert len(summaries) == ROUNDS and all(s["status"] == "submitted" for s in summaries)


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

    result = _submit(platform, token, attempt["id"], sent, key="hand-in-1")
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
        "version": 3,
    }
    # The retry of that submit (its answer lost) answers the same; answers sent now are not
    # taken.  Any other submit is told the attempt was closed, with the same result.
    again = {singles[15]: KEY[singles[15]]}
    assert _submit(platform, token, attempt["id"], again, version=2, key="hand-in-1") == result
    for key in ("elsewhere", None):
        error = assert_error(
            _post_submit(platform, token, attempt["id"], again, version=3, key=key),
            409,
            "attempt_closed",
        )
        assert (error["attempt_status"], error["result"]) == ("submitted", result)
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
    error = assert_error(
        _post_submit(platform, token, attempt["id"], {true_falses[1]: KEY[true_falses[1]]}),
        409,
        "attempt_closed",
    )
    result = error["result"]
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


def test_the_pass_mark_is_the_exams_own_not_a_constant(scene: dict[str, Any]) -> None:
    """An exam whose row says 70: a 60 fails it everywhere the platform judges or tells."""
    platform, token = _ready(scene, "pass_mark")
    engine = make_engine(platform.db_url)

    def set_mark(mark: int) -> None:
        with Session(engine) as db:
            db.execute(update(Exam).where(Exam.id == PUBLIC_EXAM).values(pass_score=mark))
            db.commit()

    try:
        set_mark(70)
        attempt = start_attempt(platform, token)
        assert attempt["pass_score"] == 70
        singles = _of_kind(attempt, "single")  # 20 × 3 points: 60
        result = _submit(platform, token, attempt["id"], {qid: list(KEY[qid]) for qid in singles})
        assert (result["score"], result["passed"], result["exam_passed"]) == (60, False, False)
        exam = _exam(platform, token)
        assert (exam["pass_score"], exam["passed"], exam["state"]) == (70, False, "available")
        rows = _get(platform, token, f"/exams/{PUBLIC_EXAM}/attempts")["items"]
        assert [row["passed"] for row in rows] == [False]
        with Session(engine) as db:
            learner = scene["pass_mark"]["account"]["id"]
            assert not public_exam_passed(db, learner, 2021)
    finally:
        set_mark(DEFAULT_PASS_SCORE)
        engine.dispose()
