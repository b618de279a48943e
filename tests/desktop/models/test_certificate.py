"""The certificate draft: a real PDF written by Qt, read back with a PDF parser.

What a learner checks in the file: it opens (a valid PDF), it names them and their year,
its ID number is masked, each type's credits and state are there, and the note says it is
a draft and where the official certificate comes from.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot

from desktop.models.certificate import (
    CertificateDraft,
    certificate_html,
    default_file_name,
    render_certificate,
    save_certificate,
)
from desktop.models.credit_records import CreditRecordsYear
from tests.desktop.models.test_credit_records import NOT_MET, REVIEWED, YEAR

ID_NUMBER = "440106198001010019"


def pdf_text(pdf: bytes) -> str:
    """The text of every page, without the blanks the layout put in.

    NFKC: the font's own map names some characters by their Kangxi-radical twins (⼈ for
    人), which read the same to a person.
    """
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return normal("".join(page.extract_text() for page in reader.pages))


def normal(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.fixture
def draft() -> CertificateDraft:
    return CertificateDraft("李明华", ID_NUMBER, CreditRecordsYear.from_json(YEAR))


def test_the_draft_is_a_pdf_with_the_learner_the_year_and_the_note(
    qtbot: QtBot, draft: CertificateDraft
) -> None:
    pdf = render_certificate(draft)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    for expected in (
        "2021年度会计人员继续教育证书（草稿）",
        "姓名：李明华",
        "身份证明号：4401**********0019",
        "专业课 61.5 已审核 2021-06-21 2021-06-22",  # dates in China time
        "公需课 17.5 / 30 未达要求",
        "已回传学分合计：61.5 学分",
        "本文件为草稿，仅供核对。正式的继续教育证书请登录“广东省专业技术人员继续教育管理”"
        "系统下载打印，并由单位盖章确认。",
    ):
        assert normal(expected) in text, expected
    assert ID_NUMBER not in text


def test_values_are_written_as_text_never_as_markup() -> None:
    sneaky = {**REVIEWED, "institution_name": "<b>机构</b>&"}
    year = CreditRecordsYear.from_json({**YEAR, "items": [sneaky, NOT_MET]})
    html = certificate_html(CertificateDraft("李<i>明华", ID_NUMBER, year))
    assert "&lt;b&gt;机构&lt;/b&gt;&amp;" in html and "李&lt;i&gt;明华" in html


def test_saving_writes_the_whole_file_and_leaves_nothing_else(
    qtbot: QtBot, tmp_path: Path, draft: CertificateDraft
) -> None:
    pdf = render_certificate(draft)
    target = tmp_path / "文档" / default_file_name(2021)
    assert target.name == "2021年度继续教育证书草稿.pdf"
    assert save_certificate(target, pdf) == target
    assert target.read_bytes() == pdf
    assert [p.name for p in target.parent.iterdir()] == [target.name]
    save_certificate(target, pdf[:100] + pdf[100:])  # overwriting an older draft
    assert target.read_bytes() == pdf
