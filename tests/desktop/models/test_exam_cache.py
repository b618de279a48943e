"""公需考试 in the cache, the ``exam_answer`` journal and its pusher — with the real platform.

A learner whose public course is complete takes attempts; answers go into the outbox, the
sync's pusher saves them with ``PUT /attempts/{id}/answers``, and what the platform then
holds is read back from it.  Offline, the cached attempt and the queue answer alone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.changes import Changes
from desktop.models.errors import PlatformUnreachable
from desktop.models.exam_cache import (
    EXAM_ANSWER,
    check_attempt,
    fetch_exam_page,
    get_attempt,
    get_attempts,
    get_exam_overview,
    open_attempt_id,
    push_exam_answers,
    queued_answers,
    read_attempt_state,
    read_exam_page,
    record_answer,
    refresh_exams,
    resume_attempt,
    set_open_attempt,
    start_attempt,
    submit_attempt,
)
from desktop.models.exams import STUDY_REQUIRED, Attempt
from desktop.models.platform_clock import PlatformClock
from desktop.models.sync import run_cycle
from tests.desktop.views.test_course_page import closed_port
from tests.helpers.exam_bank import answers_scoring, score_of
from tests.helpers.learners import PUBLIC_EXAM, enrolled_learner, exam_ready_learner
from tests.helpers.platform import PlatformProcess, bearer

PUSHERS = {EXAM_ANSWER: push_exam_answers}


@pytest.fixture(scope="module")
def exam_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A platform of this module's own: making a learner ready restarts it later in time."""
    process = PlatformProcess(tmp_path_factory.mktemp("exam_platform"))
    process.start()
    yield process
    process.stop()


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "cache.db")
    yield opened
    opened.close()


def client_of(platform: PlatformProcess, learner: dict[str, Any]) -> ApiClient:
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    return api


def now_of(api: ApiClient) -> Any:
    clock = PlatformClock()
    clock.measure(api.health, lambda health: health.server_time)
    return clock.now()


def platform_answers(platform: PlatformProcess, api: ApiClient, attempt_id: str) -> Any:
    assert api.tokens is not None
    response = requests.get(
        f"{platform.api}/attempts/{attempt_id}",
        headers=bearer(api.tokens.access_token),
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["answers"]


def test_the_page_is_kept_in_the_cache_with_the_exact_remaining_minutes(
    platform: PlatformProcess, cache: Cache
) -> None:
    learner = enrolled_learner(platform)
    api = client_of(platform, learner)
    assert read_exam_page(cache, 2021) is None

    fetched = fetch_exam_page(api, cache, 2021)
    exam = fetched.overview.exam(PUBLIC_EXAM)
    assert exam is not None
    assert exam.state == STUDY_REQUIRED and exam.remaining_study_minutes == 2
    assert exam.required_study_ms == 90_000 and exam.required_minutes == 2
    assert fetched.overview.public_required_tenths == 300
    assert fetched.overview.exams_passed == 0 and fetched.overview.exams_required == 1
    assert fetched.attempts_of(PUBLIC_EXAM) == ()

    # Offline: the same page from the cache alone.
    assert read_exam_page(cache, 2021) == fetched
    assert get_exam_overview(cache, 2021) == fetched.overview
    assert get_exam_overview(cache, 2020) is None
    assert refresh_exams(api, cache) == Changes(exams=True)


def test_answers_are_journalled_then_pushed_newest_per_question(
    exam_platform: PlatformProcess, cache: Cache
) -> None:
    learner = exam_ready_learner(exam_platform)
    api = client_of(exam_platform, learner)
    attempt = start_attempt(api, cache, PUBLIC_EXAM)
    assert attempt.in_progress and len(attempt.questions) == 30
    assert [q.kind for q in attempt.questions] == ["single"] * 20 + ["multiple"] * 5 + [
        "true_false"
    ] * 5
    single, multiple = attempt.questions[0], attempt.questions[20]
    now = now_of(api)

    record_answer(cache, attempt.id, single.id, ["A"], now)
    record_answer(cache, attempt.id, single.id, ["B"], now)
    record_answer(cache, attempt.id, multiple.id, ["C", "A"], now)
    assert queued_answers(cache, attempt.id) == {single.id: ("B",), multiple.id: ("A", "C")}
    cached = get_attempt(cache, attempt.id)
    assert cached is not None
    assert cached.answers == {single.id: ("B",), multiple.id: ("A", "C")}

    run_cycle(api, cache, {}, PUSHERS)
    assert queued_answers(cache, attempt.id) == {}
    assert not cache.pending()
    assert platform_answers(exam_platform, api, attempt.id) == {
        single.id: ["B"],
        multiple.id: ["A", "C"],
    }


def test_resuming_lays_the_queued_answers_over_the_platforms_and_works_offline(
    exam_platform: PlatformProcess, cache: Cache
) -> None:
    learner = exam_ready_learner(exam_platform)
    api = client_of(exam_platform, learner)
    attempt = start_attempt(api, cache, PUBLIC_EXAM)
    first, second, third = (q.id for q in attempt.questions[:3])
    now = now_of(api)
    record_answer(cache, attempt.id, first, ["A"], now)
    record_answer(cache, attempt.id, second, ["A"], now)
    run_cycle(api, cache, {}, PUSHERS)  # the platform has A, A
    record_answer(cache, attempt.id, second, ["C"], now)  # newer, not pushed yet
    record_answer(cache, attempt.id, third, ["D"], now)

    reloaded = resume_attempt(api, cache, attempt.id)
    resumed = reloaded.attempt
    assert reloaded.online and reloaded.changed == ()  # nothing changed elsewhere
    assert resumed.id == attempt.id and resumed.questions == attempt.questions
    assert resumed.answers == {first: ("A",), second: ("C",), third: ("D",)}
    assert resumed.platform_answers == {first: ("A",), second: ("A",)}

    set_open_attempt(cache, resumed)
    assert open_attempt_id(cache) == attempt.id
    api.base_url = f"http://127.0.0.1:{closed_port()}"  # the network is gone
    offline = resume_attempt(api, cache, attempt.id)
    assert not offline.online
    assert offline.attempt.answers == resumed.answers
    with pytest.raises(PlatformUnreachable):
        resume_attempt(api, cache, "never-seen-here")


def test_submit_takes_every_local_answer_and_the_platform_grades(
    exam_platform: PlatformProcess, cache: Cache
) -> None:
    learner = exam_ready_learner(exam_platform)
    api = client_of(exam_platform, learner)
    attempt = start_attempt(api, cache, PUBLIC_EXAM)
    fetch_exam_page(api, cache, 2021)  # the history now holds the attempt 考试中
    questions = list(attempt.questions)
    answers = answers_scoring(questions, 18)
    now = now_of(api)
    for question_id, chosen in answers.items():  # all queued, none pushed
        record_answer(cache, attempt.id, question_id, chosen, now)
    set_open_attempt(cache, attempt)
    local = get_attempt(cache, attempt.id)
    assert isinstance(local, Attempt)

    result = submit_attempt(api, cache, local.id, "hand-in", local.answers)
    assert result.score == score_of(questions, answers)
    assert result.passed == (result.score >= 60)
    assert result.best_score == result.score and result.correct_count == 18
    assert not cache.pending()  # graded: nothing left to push
    assert open_attempt_id(cache) is None
    graded = get_attempt(cache, attempt.id)
    assert graded is not None and graded.status == "submitted" and graded.score == result.score
    # The cached history says so too, before any refresh (个人主页 may refresh the overview
    # alone, and the page must not show it beside a history still saying 考试中).
    history = get_attempts(cache, PUBLIC_EXAM)
    assert history is not None
    assert [(row.id, row.status, row.score) for row in history] == [
        (attempt.id, "submitted", result.score)
    ]


def test_answers_to_a_graded_attempt_are_dropped_with_the_code_only(
    exam_platform: PlatformProcess, cache: Cache, caplog: pytest.LogCaptureFixture
) -> None:
    learner = exam_ready_learner(exam_platform)
    api = client_of(exam_platform, learner)
    attempt = start_attempt(api, cache, PUBLIC_EXAM)
    question = attempt.questions[0]
    api.submit_attempt(attempt.id, None, attempt.version, "elsewhere")  # another device
    record_answer(cache, attempt.id, question.id, ["B"], now_of(api))

    with caplog.at_level(logging.INFO):
        run_cycle(api, cache, {}, PUSHERS)
    assert not cache.pending()
    assert "attempt_closed" in caplog.text
    assert question.id not in caplog.text  # the answers are never logged


def test_two_pcs_keep_both_answers_and_an_answer_chosen_unseen_gives_way(
    exam_platform: PlatformProcess, tmp_path: Path
) -> None:
    """Two caches (two PCs) of one learner on one attempt, each pushing with its version."""
    learner = exam_ready_learner(exam_platform)
    home_api, office_api = client_of(exam_platform, learner), client_of(exam_platform, learner)
    home, office = Cache.open(tmp_path / "home.db"), Cache.open(tmp_path / "office.db")
    try:
        attempt = start_attempt(home_api, home, PUBLIC_EXAM)
        opened = resume_attempt(office_api, office, attempt.id).attempt
        assert opened.version == attempt.version == 1
        first, second, third = (q.id for q in attempt.questions[:3])
        now = now_of(home_api)
        record_answer(home, attempt.id, first, ["A"], now)
        run_cycle(home_api, home, {}, PUSHERS)
        assert get_attempt(home, attempt.id) == replace(
            attempt, answers={first: ("A",)}, platform_answers={first: ("A",)}, version=2
        )

        # The office, still at version 1, answers the second question — and the first,
        # without having seen home's answer: the second is kept, home's first stands.
        record_answer(office, attempt.id, second, ["B"], now)
        record_answer(office, attempt.id, first, ["C"], now)
        run_cycle(office_api, office, {}, PUSHERS)
        expected = {first: ["A"], second: ["B"]}
        assert platform_answers(exam_platform, office_api, attempt.id) == expected
        cached = get_attempt(office, attempt.id)
        assert cached is not None and not office.pending()
        assert cached.answers == cached.platform_answers == {first: ("A",), second: ("B",)}
        assert cached.version == 3 and cached.on_platform(first) and cached.on_platform(second)

        # Having seen it, the office changes the first question: that goes.
        record_answer(office, attempt.id, first, ["D"], now)
        run_cycle(office_api, office, {}, PUSHERS)
        assert platform_answers(exam_platform, office_api, attempt.id)[first] == ["D"]

        # Home looks: the two questions changed elsewhere are named, in paper order.
        reloaded = check_attempt(home_api, home, attempt.id)
        assert reloaded.changed == (first, second)
        assert reloaded.attempt.answers == {first: ("D",), second: ("B",)}

        # The office hands in; home's next answer is refused, never on the platform, and
        # home keeps the attempt closed with the office's grade.
        office_result = submit_attempt(office_api, office, attempt.id, "office-hand-in")
        record_answer(home, attempt.id, third, ["A"], now)
        run_cycle(home_api, home, {}, PUSHERS)
        state = read_attempt_state(home, attempt.id)
        assert state is not None and state.attempt.status == "submitted"
        assert state.result == office_result and state.queued == {}
        assert not state.attempt.on_platform(third) and not home.pending()
        assert third not in platform_answers(exam_platform, home_api, attempt.id)
    finally:
        home.close()
        office.close()
