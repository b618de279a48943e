"""PDFs whose text can be copied and searched: what Qt's PDF writer needs for Chinese.

The slip and the certificate draft are ``QTextDocument``s printed by ``QPdfWriter``, whose
ToUnicode map (the text layer) is built from each font's own character map.  With the
pan-CJK fonts Linux ships (Noto Sans CJK, CFF outlines) that went wrong three ways:
- in a Chinese locale, the face fontconfig picked shaped 会, 人, 教育… with glyphs the map
  does not name (they came out as control characters);
- in another locale, the Simplified Chinese face's bold digits came out the same way (a
  password "q5NZN6PVM5" read "qNZNPVM");
- some glyphs are named by the Kangxi radical they also draw (⼈ for 人).
So Latin text is set in a Latin face, Chinese in a face whose own forms are the Simplified
ones, and the radicals are renamed in the map.
"""

from __future__ import annotations

import re
import unicodedata

from PySide6.QtGui import QTextDocument

PDF_FACES = (
    "DejaVu Sans",  # Latin faces first (TrueType): letters and digits
    "Arial",
    "Noto Sans CJK SC",  # then faces drawing Simplified Chinese with their own glyphs
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
)
"""Qt takes each character from the first of these faces that has it."""


def simplified_chinese_document() -> QTextDocument:
    """A document whose PDF keeps its text, in any locale (GUI thread); the app's font
    after ``PDF_FACES`` for what none of them has."""
    document = QTextDocument()
    font = document.defaultFont()
    font.setFamilies([*PDF_FACES, *font.families()])
    document.setDefaultFont(font)
    return document


_SIMPLIFIED_RADICALS = {  # a C-simplified radical → the character drawn alike
    0x2EC5: 0x89C1,
    0x2EC8: 0x8BA0,
    0x2EC9: 0x8D1D,
    0x2ECB: 0x8F66,
    0x2ED0: 0x9485,
    0x2ED3: 0x957F,
    0x2ED4: 0x95E8,
    0x2ED9: 0x97E6,
    0x2EDA: 0x9875,
    0x2EDB: 0x98CE,
    0x2EDC: 0x98DE,
    0x2EE0: 0x9963,
    0x2EE2: 0x9A6C,
    0x2EE5: 0x9C7C,
    0x2EE6: 0x9E1F,
    0x2EE7: 0x5364,
    0x2EE8: 0x9EA6,
    0x2EEA: 0x9EFE,
    0x2EEC: 0x9F50,
    0x2EEE: 0x9F7F,
    0x2EF0: 0x9F99,
    0x2F3E: 0x6237,  # ⼾ is drawn as 户 (its NFKC form is the traditional 戶)
}
"""Radicals drawn with a simplified character's glyph (with no NFKC form, or another one)."""
_TO_UNICODE = re.compile(rb"(begincmap\n.*?endcmap)", re.DOTALL)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def readable_text_layer(pdf: bytes) -> bytes:
    """The PDF with its text layer saying 人, not ⼈: the CJK font draws a Kangxi radical
    (U+2F08) and its ideograph (U+4EBA) with one glyph, and Qt's ToUnicode map names the
    radical, so copied or searched text ("会计人员") did not match.  Each mapped-to radical
    or compatibility ideograph becomes its character (NFKC, or the simplified one it is
    drawn as) — the same 4 hex digits, so no byte offset of the file moves.  Only the
    targets of the maps change, never glyph codes."""

    def fix_target(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        if not (0x2E80 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF):  # radicals, compat.
            return match.group(0)
        simplified = _SIMPLIFIED_RADICALS.get(code)
        plain = chr(simplified) if simplified else unicodedata.normalize("NFKC", chr(code))
        if len(plain) != 1 or ord(plain) > 0xFFFF:
            return match.group(0)
        return b"<%04X>" % ord(plain)

    def fix_line(line: bytes, in_range: bool) -> bytes:
        tokens = list(_HEX4.finditer(line))
        sources = 2 if in_range else 1  # <lo> <hi> targets…  /  <code> <target>
        if len(tokens) <= sources or (
            in_range and b"[" not in line and tokens[0][1] != tokens[1][1]
        ):
            return line  # an incrementing range keeps its start (its run would shift)
        start = tokens[sources - 1].end()
        return line[:start] + _HEX4.sub(fix_target, line[start:])

    def fix_cmap(match: re.Match[bytes]) -> bytes:
        lines, mode = [], None
        for line in match.group(1).split(b"\n"):
            if line.endswith((b"beginbfrange", b"beginbfchar")):
                mode = line.endswith(b"beginbfrange")
            elif line in (b"endbfrange", b"endbfchar"):
                mode = None
            elif mode is not None:
                line = fix_line(line, mode)
            lines.append(line)
        return b"\n".join(lines)

    return _TO_UNICODE.sub(fix_cmap, pdf)
