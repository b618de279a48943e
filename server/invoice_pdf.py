"""The e-invoice PDF (电子发票), written by hand: the platform has no Qt and needs no library.

PDF 1.4 with two fonts every PDF reader provides, so none is embedded and a page is a few
hundred bytes: the standard CJK font ``STSong-Light`` (``UniGB-UCS2-H``, UCS-2 big-endian hex
strings) for Chinese, and Helvetica for Latin runs (numbers, dates, codes, ¥) — readers that
substitute STSong-Light do not all draw its half-width Latin glyphs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rules.money import format_fen
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


#: What Helvetica shows (WinAnsiEncoding): printable ASCII, and the yen sign of amounts.
_LATIN = {chr(code) for code in range(0x20, 0x7F)} | {"¥"}


def _literal(text: str) -> str:
    """A PDF literal string of *text* (characters of ``_LATIN``), escaped, in ASCII."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return "(" + "".join(ch if ch < "\x7f" else f"\\{ord(ch):03o}" for ch in escaped) + ")"


def _runs(text: str, size: int) -> str:
    """``Tf``/``Tj`` operators that show *text*, ASCII runs in Helvetica (/F2) and the rest
    in STSong-Light (/F1); within one text object the reader advances between runs."""
    ops, run, ascii_run = [], "", None
    for ch in text + "\0":
        is_ascii = ch in _LATIN
        if run and (ch == "\0" or is_ascii != ascii_run):
            ops.append(
                f"/F2 {size} Tf {_literal(run)} Tj"
                if ascii_run
                else f"/F1 {size} Tf {_hex(run)} Tj"
            )
            run = ""
        run += ch
        ascii_run = is_ascii
    return " ".join(ops)


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
        (40, 205, 11, f"金额（价税合计）：{format_fen(doc.amount_fen)}"),
        (40, 170, 11, f"销售方名称：{doc.seller}"),
        (40, 110, 9, "本发票为演示平台生成的电子发票样张，不作为报销凭证。"),
    ]
    return lines


def _content(doc: InvoiceDocument) -> bytes:
    parts = ["0.2 0.2 0.2 RG 1 w 30 150 535 200 re S"]
    for x, y, size, text in _lines(doc):
        parts.append(f"BT {x} {y} Td " + _runs(text, size) + " ET")
    return "\n".join(parts).encode("ascii")


def render_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """A one-page PDF 1.4 of *doc*, with a correct cross-reference table."""
    content = _content(doc)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 5 0 R /F2 9 0 R >> >> /Contents 4 0 R >>"
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
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
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
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
