"""The e-invoice PDF shows its numbers in a font every reader draws.

Ghostscript (and so the Linux print path) substitutes STSong-Light with a font that has no
half-width Latin glyphs: numbers written in it came out blank.  Numbers, dates and codes go
in Helvetica, which every reader has.
"""

from __future__ import annotations

import datetime as dt
import io

import pypdf

from rules.years import CHINA_TZ
from server.invoice_pdf import InvoiceDocument, render_invoice_pdf


def test_numbers_and_codes_are_drawn_in_helvetica_and_read_back_whole() -> None:
    document = InvoiceDocument(
        number="44012126000001",
        issued_at=dt.datetime(2026, 12, 5, 11, tzinfo=CHINA_TZ),
        buyer_title="某某(广州)有限公司 {A}",
        buyer_tax_number="914403001922038216",
        item="继续教育培训费",
        amount_fen=9000,
        seller="源和大成教育",
        order_number="202612050900000001",
    )
    reader = pypdf.PdfReader(io.BytesIO(render_invoice_pdf(document)), strict=True)
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    assert fonts["/F2"]["/BaseFont"] == "/Helvetica"
    content = page.get_contents().get_data()
    for latin in (b"(44012126000001)", b"(914403001922038216)", b"(2026-12-05)", b"(\\24590.00)"):
        assert b"/F2 11 Tf " + latin + b" Tj" in content, latin
    text = page.extract_text()
    for expected in (
        "发票号码：44012126000001",
        "某某(广州)有限公司 {A}",
        "金额（价税合计）：¥90.00",
    ):
        assert expected in text, (expected, text)
