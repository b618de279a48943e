"""The one answer to "which year is it", and the exam's pass mark taken from the exam."""

from __future__ import annotations

import datetime as dt

from rules.attachments import size_text
from rules.exam import passed
from rules.years import china_date, year_at, year_of_iso


def test_the_year_turns_at_midnight_in_china_not_on_the_pcs_clock() -> None:
    eve = dt.datetime(2021, 12, 31, 15, 59, 59, tzinfo=dt.UTC)  # 23:59:59 in Guangzhou
    assert year_at(eve) == 2021
    assert year_at(eve + dt.timedelta(seconds=1)) == 2022  # still 31 Dec in London
    assert china_date(eve + dt.timedelta(seconds=1)) == dt.date(2022, 1, 1)
    assert year_of_iso("2021-12-31T16:00:00+00:00", 2000) == 2022
    assert year_of_iso("2021-12-31T16:00:00Z", 2000) == 2022
    assert year_of_iso("", 2021) == year_of_iso("not a time", 2021) == 2021


def test_a_score_passes_by_the_exams_own_mark() -> None:
    assert passed(60, 60) and not passed(60, 70) and not passed(None, 0)


def test_sizes_are_written_as_the_guide_writes_them() -> None:
    assert size_text(2 * 1024 * 1024) == "2 MB"
    assert size_text(12 * 1024 * 1024) == "12 MB"
    assert size_text(512 * 1024) == "512 KB"
    assert size_text(1536 * 1024) == "1.5 MB"
