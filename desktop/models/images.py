"""Turn a picture the learner picked into an attachment the platform accepts (SPEC §1.2).

The platform takes JPEG only, at most 2 MB (``rules.attachments``).  Rather than refuse a
phone photo, the client fixes what it can — orientation, format, size — strips the
metadata (GPS!) and says what it did.  Runs on a worker thread, never the GUI thread.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from rules._i18n import QT_TRANSLATE_NOOP
from rules.attachments import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_PIXELS

MAX_SIDE = 2400
_QUALITIES = (90, 85, 80, 75, 70, 60, 50, 40)


class ImageRefused(ValueError):
    """The file cannot become an attachment; ``str(exc)`` is the reason in Chinese."""


def _encode(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def prepare_attachment(source: Path | str | bytes) -> tuple[bytes, list[str]]:
    """The JPEG bytes to upload and the notes on what was fixed.

    *source* is a file, or the image itself in memory (the desk's camera and scanner
    pictures never touch the disk).

    Raises:
        ImageRefused: not an image, unreadable, or absurdly large.
    """
    try:
        opening: io.BytesIO | Path
        if isinstance(source, bytes):
            original_size, opening = len(source), io.BytesIO(source)
        else:
            opening = Path(source)
            original_size = opening.stat().st_size
        with Image.open(opening) as opened:
            if opened.width * opened.height > MAX_ATTACHMENT_PIXELS:
                raise ImageRefused(
                    QT_TRANSLATE_NOOP("rules", "图片像素过多（超过 4000 万像素），请换一张图片")
                )
            source_format = opened.format or ""
            opened.load()
            image: Image.Image = opened.copy()
            exif = opened.getexif()
    except ImageRefused:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ImageRefused(
            QT_TRANSLATE_NOOP("rules", "无法识别该文件，请选择 JPG 或 PNG 格式的图片")
        ) from exc

    notes: list[str] = []
    if exif.get(0x0112, 1) not in (1, None):
        image = ImageOps.exif_transpose(image)
        notes.append(QT_TRANSLATE_NOOP("rules", "已按拍摄方向自动旋转"))
    if image.mode != "RGB":
        if image.mode in ("RGBA", "LA", "P") or "transparency" in image.info:
            rgba = image.convert("RGBA")
            background = Image.new("RGB", rgba.size, (255, 255, 255))
            background.paste(rgba, mask=rgba.getchannel("A"))
            image = background
        else:
            image = image.convert("RGB")
    if source_format != "JPEG":
        notes.append(QT_TRANSLATE_NOOP("rules", "已转换为 JPEG 格式"))

    # A fresh image carries no EXIF/GPS/ICC: saving without ``exif=`` strips the metadata.
    image = Image.frombytes("RGB", image.size, image.tobytes())
    resized = False
    if max(image.size) > MAX_SIDE and (
        original_size > MAX_ATTACHMENT_BYTES or max(image.size) > 2 * MAX_SIDE
    ):
        image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        resized = True
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
