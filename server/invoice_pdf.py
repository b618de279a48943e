"""The e-invoice PDF (电子发票), written by hand: the platform has no Qt and needs no library.

PDF 1.4 with the standard CJK font ``STSong-Light`` in the ``UniGB-UCS2-H`` encoding, which
every PDF reader provides, so no font is embedded and a page is a few hundred bytes.  Text
is written as UCS-2 big-endian hex strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rules.years import CHINA_TZ

PAGE_WIDTH, PAGE_HEIGHT = 595, 420  # A5 landscape, in points


@dataclass(frozen=True)
class InvoiceDocument:
    """What an e-invoice shows."""

    number: str
    issued_at: dt.datetime
    buyer_title: str
    buyer_tax_number: str
    item: str
    amount_fen: int
    seller: str
    order_number: str


def _hex(text: str) -> str:
    """A PDF hex string of *text* in UCS-2 big-endian (characters beyond the BMP become ?)."""
    safe = "".join(ch if ord(ch) <= 0xFFFF else "?" for ch in text)
    return "<" + safe.encode("utf-16-be").hex().upper() + ">"


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _lines(doc: InvoiceDocument) -> list[tuple[int, int, int, str]]:
    """(x, y, size, text) of each line, top to bottom."""
    date = doc.issued_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d")
    lines = [
        (200, 370, 20, "电子发票（演示）"),
        (40, 330, 11, f"发票号码：{doc.number}"),
        (330, 330, 11, f"开票日期：{date}"),
        (40, 300, 11, f"购买方名称：{doc.buyer_title}"),
        (40, 280, 11, f"纳税人识别号：{doc.buyer_tax_number or '—'}"),
        (40, 245, 11, "项目名称：继续教育培训费"),
        (40, 225, 11, f"订单号：{doc.order_number}"),
        (40, 205, 11, f"金额（价税合计）：¥{_yuan(doc.amount_fen)}"),
        (40, 170, 11, f"销售方名称：{doc.seller}"),
        (40, 110, 9, "本发票为演示平台生成的电子发票样张，不作为报销凭证。"),
    ]
    return lines


def _content(doc: InvoiceDocument) -> bytes:
    parts = ["0.2 0.2 0.2 RG 1 w 30 150 535 200 re S"]
    for x, y, size, text in _lines(doc):
        parts.append(f"BT /F1 {size} Tf {x} {y} Td {_hex(text)} Tj ET")
    return "\n".join(parts).encode("ascii")


def render_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """A one-page PDF 1.4 of *doc*, with a correct cross-reference table."""
    content = _content(doc)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
        ).encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
            b"/Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>"
        ),
        (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
            b"/FontDescriptor 7 0 R /DW 1000 >>"
        ),
        (
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 "
            b"/FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 880 /StemV 93 >>"
        ),
        b"<< /Title " + _hex("电子发票 " + doc.number).encode("ascii") + b" /Producer (KJCE) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
