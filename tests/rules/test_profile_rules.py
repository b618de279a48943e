"""The info-collection rules: what blocks submission, and the format checks of a draft."""

from __future__ import annotations

import datetime as dt

from rules.profile import field_problems, profile_problems, required_attachments

TODAY = dt.date(2021, 6, 21)


def complete_profile() -> dict:
    return {
        "personal": {
            "name": "何晓琳", "sex": "female", "id_type": "resident_id",
            "id_number": "130225198703060987", "birth_date": "1987-03-06",
            "country_region": "中国(内地)", "ethnicity": "汉族", "phone": "15010067063", "email": "",
        },
        "education": {"highest_degree": "大学本科", "school": "广东财经大学", "major": "会计学",
                      "graduation_date": "2009-07-01"},
        "work": {"employment_status": "employed", "employer": "广州某公司", "position": "会计"},
        "professional": {"qualification_level": "junior", "certificate_number": "44010120100001",
                         "obtained_date": "2010-09-01"},
        "region_code": "440106",
        "commitment_accepted": True,
    }  # fmt: skip


def test_complete_profile_with_three_attachments_has_no_problems() -> None:
    assert profile_problems(complete_profile(), {"id_front", "id_back", "photo"}, today=TODAY) == {}


def test_empty_profile_lists_every_required_field_and_attachment() -> None:
    problems = profile_problems({}, set(), today=TODAY)
    for path in ("personal.name", "education.school", "work.employer", "region_code",
                 "commitment_accepted", "attachments.id_front", "attachments.photo"):  # fmt: skip
        assert path in problems
    assert "personal.email" not in problems  # optional


def test_students_also_need_a_student_card() -> None:
    profile = complete_profile()
    profile["work"]["employment_status"] = "student"
    assert required_attachments(profile)[-1] == "student_card"
    problems = profile_problems(profile, {"id_front", "id_back", "photo"}, today=TODAY)
    assert set(problems) == {"attachments.student_card"}


def test_birth_date_and_sex_must_agree_with_the_id_number() -> None:
    profile = complete_profile()
    profile["personal"]["birth_date"] = "1987-03-07"
    profile["personal"]["sex"] = "male"
    problems = field_problems(profile, today=TODAY)
    assert "不一致" in problems["personal.birth_date"]
    assert "不一致" in problems["personal.sex"]


def test_formats_and_future_dates() -> None:
    profile = complete_profile()
    profile["personal"]["email"] = "not-an-email"
    profile["personal"]["phone"] = "2501006706"
    profile["education"]["graduation_date"] = "2030-01-01"
    problems = field_problems(profile, today=TODAY)
    assert set(problems) == {"personal.email", "personal.phone", "education.graduation_date"}


def test_certificate_details_required_only_with_a_qualification() -> None:
    profile = complete_profile()
    profile["professional"] = {"qualification_level": "none"}
    assert profile_problems(profile, {"id_front", "id_back", "photo"}, today=TODAY) == {}
    profile["professional"] = {"qualification_level": "intermediate"}
    problems = profile_problems(profile, {"id_front", "id_back", "photo"}, today=TODAY)
    assert set(problems) == {"professional.certificate_number", "professional.obtained_date"}
