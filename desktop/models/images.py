"""Turn a picture the learner picked into an attachment the platform accepts (SPEC §1.2).

The platform takes JPEG only, at most 2 MB (``rules.attachments``).  Rather than refuse a
phone photo, the client fixes what it can — orientation, format, bit depth, colour profile,
size — strips the metadata (GPS!) and says what it did.  A JPEG bigger than needed is
decoded at reduced scale by libjpeg (a 108 MP photo at 1/4), so it is scaled down rather
than refused; only absurd dimensions in the header are refused, before any decoding.
Runs on a worker thread, never the GUI thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError
from PySide6.QtCore import QCoreApplication

from rules._i18n import QT_TRANSLATE_NOOP
from rules.attachments import (
    MAX_ATTACHMENT_BYTES,
    MAX_FULL_DECODE_PIXELS,
    MAX_SOURCE_PIXELS,
    ImageProblem,
    apply_pillow_limits,
    check_jpeg,
    reduced_size,
    starts_like_jpeg,
    to_srgb,
)

MAX_SIDE = 2400
_QUALITIES = (90, 85, 80, 75, 70, 60, 50, 40)
_JPEG_FORMATS = ("JPEG", "MPO")

apply_pillow_limits()

UNRECOGNISED = QT_TRANSLATE_NOOP("rules", "无法识别该文件，请选择 JPG 或 PNG 格式的图片")
TOO_MANY_PIXELS = QT_TRANSLATE_NOOP(
    "rules", "图片像素过多（超过 6000 万像素），请另存为 JPG 或缩小后再选择"
)
ABSURD_SIZE = QT_TRANSLATE_NOOP("rules", "图片尺寸异常（超过 2.5 亿像素），请换一张图片")
RECODED = QT_TRANSLATE_NOOP("rules", "已转换为普通 JPEG 编码")


class ImageRefused(ValueError):
    """The file cannot become an attachment; ``str(exc)`` is the reason, in the
    interface's language (a rules message: ``tr_rule`` leaves it as it is)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("rules", text)


def _refused(problem: ImageProblem) -> ImageRefused:
    return ImageRefused(problem.text(_tr))


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass
class _Decoded:
    image: Image.Image
    format: str
    source_size: tuple[int, int]
    """The picture's size in the file (before any reduced-scale decoding)."""
    icc_profile: bytes | None
    rotated: bool
    recoded: bool


def _jpeg_header(source: Path | bytes) -> tuple[tuple[int, int] | None, ImageProblem | None]:
    """The frame size and the problem of the one JPEG check (``rules.attachments``), or
    (None, None) for a file that does not start like a JPEG."""
    with io.BytesIO(source) if isinstance(source, bytes) else source.open("rb") as stream:
        if not starts_like_jpeg(stream):
            return None, None
        frame, problem = check_jpeg(stream)
    return ((frame.width, frame.height) if frame else None), problem


def _will_shrink(size: tuple[int, int], original_size: int) -> bool:
    """Whether the picture will be scaled to ``MAX_SIDE`` (so decoding it bigger is waste)."""
    longest = max(size)
    return longest > MAX_SIDE and (original_size > MAX_ATTACHMENT_BYTES or longest > 2 * MAX_SIDE)


def _decode(source: Path | bytes, original_size: int) -> _Decoded:
    """Decode the picture, a JPEG at reduced scale where the full size would be scaled
    down anyway; upright.  Absurd dimensions are refused from the header, before decoding.
    """
    size, problem = _jpeg_header(source)
    if problem is not None and problem.code == "attachment_too_many_pixels":
        raise ImageRefused(_tr(ABSURD_SIZE))
    try:
        with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as opened:
            source_format = opened.format or ""
            width, height = opened.size
            if source_format in _JPEG_FORMATS:
                if size is not None and size != opened.size:
                    raise ImageRefused(_tr(UNRECOGNISED))
                if width * height > MAX_SOURCE_PIXELS:
                    raise ImageRefused(_tr(ABSURD_SIZE))
                if _will_shrink(opened.size, original_size):
                    opened.draft(opened.mode, reduced_size(opened.size, min_side=MAX_SIDE))
            elif width * height > MAX_FULL_DECODE_PIXELS:
                raise ImageRefused(_tr(TOO_MANY_PIXELS))
            opened.load()
            icc_profile = opened.info.get("icc_profile") or None
            image: Image.Image = opened.copy()
            orientation = opened.getexif().get(0x0112, 1)
    except ImageRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageRefused(_tr(ABSURD_SIZE)) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        if problem is not None:  # a JPEG coding the decoder does not read, or a broken file
            raise _refused(problem) from exc
        raise ImageRefused(_tr(UNRECOGNISED)) from exc
    rotated = orientation not in (1, None)
    if rotated:
        image = ImageOps.exif_transpose(image)
    recoded = problem is not None and problem.code == "attachment_unsupported_coding"
    return _Decoded(image, source_format, (width, height), icc_profile, rotated, recoded)


def prepare_attachment(source: Path | str | bytes) -> tuple[bytes, list[str]]:
    """The JPEG bytes to upload and the notes on what was fixed.

    *source* is a file, or the image itself in memory (the desk's camera and scanner
    pictures never touch the disk).

    Raises:
        ImageRefused: not an image, unreadable, or of absurd dimensions.
    """
    try:
        if isinstance(source, bytes):
            original_size = len(source)
            picked: Path | bytes = source
        else:
            picked = Path(source)
            original_size = picked.stat().st_size
        decoded = _decode(picked, original_size)
    except ImageRefused:
        raise
    except OSError as exc:  # unreadable, or gone while being read
        raise ImageRefused(_tr(UNRECOGNISED)) from exc

    notes: list[str] = []
    if decoded.rotated:
        notes.append(QT_TRANSLATE_NOOP("rules", "已按拍摄方向自动旋转"))
    if decoded.format not in _JPEG_FORMATS:
        notes.append(QT_TRANSLATE_NOOP("rules", "已转换为 JPEG 格式"))
    elif decoded.recoded:
        notes.append(RECODED)
    # Any depth, transparency or colour profile to 8-bit sRGB.
    image = to_srgb(decoded.image, decoded.icc_profile)
    resized = False
    if _will_shrink(decoded.source_size, original_size):
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        resized = True
    # A fresh image carries no EXIF/GPS/ICC: saving without ``exif=`` strips the metadata.
    image = Image.frombytes("RGB", image.size, image.tobytes())
    data = _encode(image, 92)
    for quality in _QUALITIES:
        if len(data) <= MAX_ATTACHMENT_BYTES:
            break
        if not resized and max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
            resized = True
        data = _encode(image, quality)
    while len(data) > MAX_ATTACHMENT_BYTES and max(image.size) > 400:
        image.thumbnail((image.width * 3 // 4, image.height * 3 // 4), Image.Resampling.LANCZOS)
        data = _encode(image, 75)
    if resized or original_size > MAX_ATTACHMENT_BYTES:
        notes.append(f"已压缩至 {_megabytes(len(data))}")
    return data, notes
