"""个人主页's overview: one next step for each point of the year, days left and reminders."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop.models.api_types import Enrollment, Progress
from desktop.models.credit_records import CreditRecordsYear
from desktop.models.exams import ExamOverview
from desktop.models.year_overview import (
    Reminder,
    Step,
    YearFacts,
    _exam_passed,
    _record_states,
    year_overview,
)
from rules.years import CHINA_TZ

PINNED = dt.datetime(2021, 6, 21, 18, 23, 50, tzinfo=CHINA_TZ)


def enrollment(course_type: str, selected: int, *, required: int | None = None) -> Enrollment:
    required = required if required is not None else (300 if course_type == "public" else 600)
    return Enrollment(
        id=f"e-{course_type}",
        package_id=f"yhdc-2021-{course_type}",
        title=course_type,
        institution_id="yhdc",
        institution_name="源和大成教育",
        year=2021,
        course_type=course_type,
        required_tenths=required,
        selected_tenths=selected,
        selected_count=1,
        closes_at="2021-12-31T23:59:59+08:00",
        closed=False,
        order_id="o1",
    )


def progress(public: int, professional: int) -> Progress:
    return Progress(
        year=2021,
        required_tenths=900,
        earned_tenths=public + professional,
        earned_by_type={"public": public, "professional": professional},
        courses=(),
    )


BOTH_CHOSEN = (enrollment("public", 300), enrollment("professional", 600))


def facts(**changes: object) -> YearFacts:
    """A collected learner who owns both packages, chose 60 credits, studied nothing yet."""
    base = YearFacts(
        year=2021,
        profile_collected=True,
        enrollments=BOTH_CHOSEN,
        progress=progress(0, 0),
        exam_passed=None,
        record_states=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "step", "page"),
    [
        ({"profile_collected": False, "enrollments": ()}, Step.COLLECT_INFO, "profile"),
        ({"enrollments": ()}, Step.BUY, "institutions"),
        ({"enrollments": (enrollment("professional", 600),)}, Step.BUY, "institutions"),
        (
            {"enrollments": (enrollment("public", 300), enrollment("professional", 240))},
            Step.CHOOSE_COURSES,
            "course_selection",
        ),
        ({}, Step.STUDY, "study"),
        ({"progress": progress(120, 600)}, Step.STUDY, "study"),
        ({"progress": progress(300, 0)}, Step.TAKE_EXAM, "exam"),
        ({"progress": progress(300, 600), "exam_passed": False}, Step.TAKE_EXAM, "exam"),
        ({"progress": progress(300, 240), "exam_passed": True}, Step.STUDY, "study"),
        ({"progress": progress(300, 600), "exam_passed": True}, Step.AWAIT_REPORT, "records"),
        (
            {
                "progress": progress(300, 600),
                "exam_passed": True,
                "record_states": {"public": "confirmed", "professional": "reviewed"},
            },
            Step.AWAIT_REPORT,
            "records",
        ),
        (
            {"record_states": {"public": "confirmed", "professional": "confirmed"}},
            Step.DONE,
            None,
        ),
    ],
)
def test_the_one_next_step_follows_the_flow(
    changes: dict[str, object], step: Step, page: str | None
) -> None:
    overview = year_overview(facts(**changes), PINNED)
    assert overview.step is step
    assert overview.step.page == page


def test_choosing_courses_names_the_package_short_of_its_credits() -> None:
    short = enrollment("professional", 240)
    overview = year_overview(facts(enrollments=(enrollment("public", 300), short)), PINNED)
    assert overview.enrollment_id == short.id


def test_credits_as_three_bars_in_tenths() -> None:
    overview = year_overview(facts(progress=progress(300, 125)), PINNED)
    assert (overview.public.earned, overview.public.required) == (300, 300)
    assert (overview.professional.earned, overview.professional.required) == (125, 600)
    assert (overview.total.earned, overview.total.required) == (425, 900)
    over = year_overview(facts(progress=progress(300, 720)), PINNED)
    assert over.professional.shown == 600 and over.professional.earned == 720


def test_unknown_facts_show_no_step_rather_than_a_wrong_one() -> None:
    assert year_overview(facts(profile_collected=None), PINNED).step is None
    assert year_overview(facts(enrollments=None), PINNED).step is None
    nothing = year_overview(facts(enrollments=None, progress=None), PINNED)
    assert nothing.total.earned == 0 and nothing.reminder is Reminder.NONE


def test_the_exam_unknown_counts_as_not_passed() -> None:
    assert year_overview(facts(progress=progress(300, 600)), PINNED).step is Step.TAKE_EXAM


def test_a_reported_public_record_means_the_exam_was_passed() -> None:
    overview = year_overview(
        facts(progress=progress(300, 600), record_states={"public": "queued"}), PINNED
    )
    assert overview.step is Step.AWAIT_REPORT


@pytest.mark.parametrize(
    ("now", "days", "reminder"),
    [
        (PINNED, 193, Reminder.NONE),
        (dt.datetime(2021, 11, 30, 23, 0, tzinfo=CHINA_TZ), 31, Reminder.NONE),
        (dt.datetime(2021, 12, 1, 9, 0, tzinfo=CHINA_TZ), 30, Reminder.SOON),
        (dt.datetime(2021, 12, 24, 9, 0, tzinfo=CHINA_TZ), 7, Reminder.URGENT),
        (dt.datetime(2021, 12, 31, 23, 0, tzinfo=CHINA_TZ), 0, Reminder.URGENT),
        # 16:30 UTC on 30 Dec is already 31 Dec in China.
        (dt.datetime(2021, 12, 30, 16, 30, tzinfo=dt.UTC), 0, Reminder.URGENT),
    ],
)
def test_days_left_and_the_reminder_as_the_deadline_nears(
    now: dt.datetime, days: int, reminder: Reminder
) -> None:
    overview = year_overview(facts(), now)
    assert overview.days_left == days
    assert overview.reminder is reminder
    assert overview.deadline == dt.datetime(2021, 12, 31, 23, 59, 59, tzinfo=CHINA_TZ)


def test_no_reminder_once_the_requirement_is_met() -> None:
    near = dt.datetime(2021, 12, 28, 9, 0, tzinfo=CHINA_TZ)
    met = facts(progress=progress(300, 600), exam_passed=True)
    assert year_overview(met, near).reminder is Reminder.NONE
    assert year_overview(facts(), near).reminder is Reminder.URGENT


def test_after_the_deadline_an_unmet_year_is_expired() -> None:
    after = dt.datetime(2022, 1, 1, 0, 0, 1, tzinfo=CHINA_TZ)
    overview = year_overview(facts(), after)
    assert overview.step is Step.EXPIRED and overview.step.page == "records"
    assert overview.days_left == -1 and overview.reminder is Reminder.NONE
    expired = year_overview(facts(record_states={"public": "expired"}), PINNED)
    assert expired.step is Step.EXPIRED


def test_the_exam_and_records_as_their_pages_cache_them() -> None:
    exam = {"id": "yhdc-2021-public-exam", "year": 2021, "passed": False, "state": "available"}
    overview = {"year": 2021, "exams_passed": 0, "exams_required": 1, "items": [exam]}
    assert _exam_passed(ExamOverview.from_json(overview)) is False
    passed = {**overview, "exams_passed": 1, "items": [{**exam, "passed": True}]}
    assert _exam_passed(ExamOverview.from_json(passed)) is True
    assert _exam_passed(None) is None
    records = CreditRecordsYear.from_json(
        {
            "year": 2021,
            "deadline": "2021-12-31T23:59:59+08:00",
            "closed": False,
            "items": [
                {"year": 2021, "course_type": "public", "state": "reported"},
                {"year": 2021, "course_type": "professional", "state": "not_met"},
            ],
        }
    )
    assert _record_states(records) == {"public": "reported", "professional": "not_met"}
    assert _record_states(None) is None
