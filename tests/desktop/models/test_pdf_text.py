"""The slip and the certificate draft keep their text in a Chinese locale, as every
learner's and every counter's app runs (``install_translations`` sets it), and in English.

Found on the counter: the slip's text could not be copied or searched.  With the locale
Chinese, Qt shaped the text with the pan-CJK font's Simplified forms, glyphs its ToUnicode
map did not name, and 会, 人, 教育… came out as control characters; the tests, run in the
machine's default locale, had not seen it.  Set in a Simplified Chinese face, the
English app's slip then lost the digits of the password.  Read here without normalising.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pypdf
import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop.models.certificate import CertificateDraft, render_certificate
from desktop.models.credit_records import CreditRecordsYear
from desktop.models.slip import Slip, render_slip_pdf
from tests.desktop.models.test_credit_records import YEAR


def raw_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.fixture(params=["zh_CN", "en_US"])
def app_locale(request: pytest.FixtureRequest) -> Iterator[None]:
    """The locale the app runs in (Chinese or English, set by ``install_translations``)."""
    previous = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield
    QLocale.setDefault(previous)


@pytest.mark.usefixtures("app_locale")
def test_the_certificate_draft_reads_as_written(qtbot: QtBot) -> None:
    draft = CertificateDraft("李明华", "440106198001010019", CreditRecordsYear.from_json(YEAR))
    text = raw_text(render_certificate(draft))
    for expected in ("2021年度会计人员继续教育证书（草稿）", "姓名：李明华", "本文件为草稿"):
        assert expected in text, (expected, text[:200])


@pytest.mark.usefixtures("app_locale")
def test_the_slip_reads_as_written(qtbot: QtBot) -> None:
    slip = Slip(
        institution_name="源和大成教育",
        learner_name="何晓琳",
        login_id="130225198703060987",
        initial_password="q5NZN6PVM5",
        registered_at="2021-06-21T18:23:50+08:00",
        staff_name="陈嘉明",
        institution_phone="020-83170000",
    )
    text = raw_text(render_slip_pdf(slip))
    for expected in (
        "会计人员继续教育",
        "学员登记回执",
        "何晓琳",
        "130225198703060987",
        "q5NZN6PVM5",
        "客户端",  # ⼾ named 戶, the traditional form, before
    ):
        assert expected in text, (expected, text[:200])
