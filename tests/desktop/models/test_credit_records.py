"""The credit records of 继续教育情况: the contract's shape, the cache, the chain.

Records in the shape of docs/api.md (issue 6) go through the client records and the real
cache file and come back equal; the refresher and the lookup run against the real platform.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.changes import Changes
from desktop.models.credit_records import (
    CREDIT_RECORDS,
    CreditRecordsYear,
    PastRecord,
    chain_steps,
    get_credit_records,
    put_credit_records,
    refresh_credit_records,
)
from desktop.models.errors import ApiError
from tests.helpers.learners import enrolled_learner
from tests.helpers.platform import PlatformProcess

REVIEWED = {
    "id": "3f1c",
    "year": 2021,
    "course_type": "professional",
    "institution_id": "yhdc",
    "institution_name": "源和大成教育",
    "region_code": "440100",
    "region_name": "广州市",
    "learning_mode": "online",
    "required_credits": 60.0,
    "earned_credits": 61.5,
    "credits": 61.5,
    "exam_passed": None,
    "state": "reviewed",
    "queued_at": "2021-06-21T10:00:00+00:00",
    "reported_at": "2021-06-21T10:05:00+00:00",
    "reviewed_at": "2021-06-22T02:00:00+00:00",
    "completed_at": None,
    "confirmed_at": None,
    "reviewer_phone": "020-83170000",
    "remarks": "已审核",
}
NOT_MET = {
    **REVIEWED,
    "id": None,
    "course_type": "public",
    "institution_id": None,
    "institution_name": "",
    "learning_mode": None,
    "required_credits": 30.0,
    "earned_credits": 17.5,
    "credits": None,
    "exam_passed": False,
    "state": "not_met",
    "queued_at": None,
    "reported_at": None,
    "reviewed_at": None,
    "reviewer_phone": None,
    "remarks": "还需完成12.5学分",
}
YEAR = {
    "year": 2021,
    "deadline": "2021-12-31T23:59:59+08:00",
    "closed": False,
    # The professional record first: the client still shows 公需课 first.
    "items": [REVIEWED, NOT_MET],
}


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache.open(tmp_path / "cache.sqlite3")
    yield opened
    opened.close()


def test_a_year_reads_in_tenths_with_the_public_record_first() -> None:
    year = CreditRecordsYear.from_json(YEAR)
    assert [r.course_type for r in year.items] == ["public", "professional"]
    public, professional = year.items
    assert (public.earned_tenths, public.required_tenths, public.credits_tenths) == (175, 300, None)
    assert professional.credits_tenths == 615
    assert year.record("professional") is professional
    deadline = year.deadline_date()
    assert deadline is not None and deadline.isoformat() == "2021-12-31"
    assert not public.reported and professional.reported
    assert year.any_reported and year.reported_tenths == 615


def test_the_chain_reaches_the_steps_of_the_state_with_their_times() -> None:
    professional = CreditRecordsYear.from_json(YEAR).items[1]
    steps = chain_steps(professional)
    assert [(s[0], s[3]) for s in steps] == [
        ("reported", True),
        ("reviewed", True),
        ("completed", False),
        ("confirmed", False),
    ]
    assert steps[0][4] == REVIEWED["reported_at"] and steps[1][4] == REVIEWED["reviewed_at"]
    assert steps[1][1:3] == ("财政管理机构", "已审核")
    assert all(s[4] is None for s in steps[2:])
    public = CreditRecordsYear.from_json(YEAR).items[0]
    assert not any(s[3] for s in chain_steps(public))


@pytest.mark.parametrize("state", ["queued", "not_met", "expired"])
def test_nothing_is_reached_before_the_institution_reports(state: str) -> None:
    record = CreditRecordsYear.from_json({**YEAR, "items": [{**NOT_MET, "state": state}]}).items[0]
    assert record.steps_reached == 0 and not record.reported
    assert record.expired == (state == "expired")


def test_the_cache_gives_back_the_year_as_stored(cache: Cache) -> None:
    year = CreditRecordsYear.from_json(YEAR)
    assert get_credit_records(cache, 2021) is None
    put_credit_records(cache, year)
    assert get_credit_records(cache, 2021) == year
    assert get_credit_records(cache, 2020) is None


def test_a_cached_year_an_older_client_wrote_counts_as_missing(cache: Cache) -> None:
    cache.put_record(CREDIT_RECORDS, "2021", {"year": 2021, "items": [{"state": "reported"}]})
    assert get_credit_records(cache, 2021) is None


def test_a_past_record_keeps_score_and_credits_apart() -> None:
    row = PastRecord.from_json(
        {
            "name": "李明华",
            "id_number_masked": "4401**********0019",
            "course_type": "public",
            "content": "2019年度会计人员继续教育(公需课)",
            "year": 2019,
            "credits": 30.0,
            "score": 86,
            "state": "已完成",
        }
    )
    assert (row.credits_tenths, row.score, row.id_number_masked) == (300, 86, "4401**********0019")


# -- against the real platform ---------------------------------------------------------


def _api(platform: PlatformProcess, learner: dict[str, Any]) -> ApiClient:
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    return api


def test_the_refresher_stores_the_clock_year_of_a_new_learner(
    platform: PlatformProcess, cache: Cache
) -> None:
    learner = enrolled_learner(platform)
    api = _api(platform, learner)
    assert refresh_credit_records(api, cache) == Changes(credit_records=True)
    year = get_credit_records(cache, 2021)
    assert year is not None and year == api.credit_records(2021)
    assert [(r.course_type, r.state) for r in year.items] == [
        ("public", "not_met"),
        ("professional", "not_met"),
    ]
    assert year.deadline_date() is not None and not year.closed
    assert all(r.remarks for r in year.items)  # what is missing, in Chinese


def test_a_lookup_of_another_id_number_is_refused_at_the_field(platform: PlatformProcess) -> None:
    learner = enrolled_learner(platform)
    api = _api(platform, learner)
    with pytest.raises(ApiError) as refused:
        api.lookup_records("440106198001010019", 2019)
    assert (refused.value.status, refused.value.code) == (403, "lookup_not_own")
    assert refused.value.field == "id_number" and refused.value.message
    assert api.lookup_records(learner["id_number"], 2019) == []
