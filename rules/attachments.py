"""Attachment rules (SPEC §2): JPEG by content, at most 2 MB, bounded pixel count."""

from __future__ import annotations

from rules._i18n import QT_TRANSLATE_NOOP

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
# 40 megapixels: more than any phone camera; a decompression bomb is far beyond it.
MAX_ATTACHMENT_PIXELS = 40_000_000

ATTACHMENT_KINDS: dict[str, str] = {
    "id_front": QT_TRANSLATE_NOOP("rules", "身份证人像面"),
    "id_back": QT_TRANSLATE_NOOP("rules", "身份证国徽面"),
    "photo": QT_TRANSLATE_NOOP("rules", "本人免冠照片"),
    "student_card": QT_TRANSLATE_NOOP("rules", "学生证"),
}
