"""Attachment rules (SPEC §1.2): JPEG by content, at most 2 MB — and the one JPEG check.

Both sides use this module: the desktop's photo fixer (``desktop.models.images``) and the
desk's batch import, the platform when it accepts an upload (``server.attachments``).

The JPEG check reads the frame header itself (a walk over the markers, no decoding), so
that before any pixel is decoded it knows

- the size: a bomb guard on the header's dimensions, and whether the picture must be
  decoded at reduced scale (``Image.draft``: 1/2, 1/4 or 1/8, done by libjpeg);
- the coding: only 8-bit Huffman-coded sequential or progressive JPEG is the "普通 JPG"
  every decoder reads; arithmetic coding, 12-bit samples, lossless and hierarchical JPEG
  are told as such rather than as a broken file.

:func:`to_srgb` turns decoded pixels of any depth and colour profile into 8-bit sRGB (a
16-bit greyscale PNG clipped to 8 bits came out white; a Display P3 photo stripped of its
profile came out dull).  Pillow is imported inside the functions: ``rules`` stays light for
whoever imports it only for the constants.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import IO, TYPE_CHECKING

from rules._i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PIL import Image, ImageCms

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
"""The largest attachment, checked by the client (batch import, the photo fixer) and the
platform alike; texts name it with :func:`size_text` (never a typed "2 MB")."""
MAX_ATTACHMENT_PIXELS = 40_000_000
"""The most an attachment holds once stored; bigger JPEGs are decoded at reduced scale."""
MAX_SOURCE_PIXELS = 250_000_000
"""Bomb guard on a JPEG header: the largest phone sensors (200 MP, 16320 × 12240) pass;
decoded at 1/4 or 1/8 such a picture is a few megapixels."""
MAX_FULL_DECODE_PIXELS = 60_000_000
"""Formats that cannot be decoded at reduced scale (PNG, TIFF, BMP…) are decoded whole: an
A4 page scanned at 600 dpi (35 MP) passes, a 16-bit one needs 4 bytes a pixel meanwhile."""
MAX_BUFFERED_SAMPLES = 128_000_000
"""A progressive (or multi-scan) JPEG keeps every DCT coefficient in memory, 2 bytes a
sample, even when decoded at reduced scale: 256 MB at most (85 MP in 4:2:0)."""

ATTACHMENT_KINDS: dict[str, str] = {
    "id_front": QT_TRANSLATE_NOOP("rules", "身份证人像面"),
    "id_back": QT_TRANSLATE_NOOP("rules", "身份证国徽面"),
    "photo": QT_TRANSLATE_NOOP("rules", "本人免冠照片"),
    "student_card": QT_TRANSLATE_NOOP("rules", "学生证"),
}

EMPTY = QT_TRANSLATE_NOOP("rules", "附件为空，请重新选择文件")
TOO_LARGE = QT_TRANSLATE_NOOP("rules", "附件不能超过 {size}")
NOT_JPEG = QT_TRANSLATE_NOOP("rules", "附件须为 JPG 格式的图片")
CORRUPT = QT_TRANSLATE_NOOP("rules", "图片已损坏或不完整，请重新选择文件")
TOO_MANY_PIXELS = QT_TRANSLATE_NOOP("rules", "图片像素过多，请缩小后再上传")
UNSUPPORTED_CODING = QT_TRANSLATE_NOOP(
    "rules", "不支持的 JPEG 编码（{coding}），请用手机或画图软件另存为普通 JPG"
)
CODING_ARITHMETIC = QT_TRANSLATE_NOOP("rules", "算术编码")
CODING_LOSSLESS = QT_TRANSLATE_NOOP("rules", "无损压缩")
CODING_12_BIT = QT_TRANSLATE_NOOP("rules", "12 位精度")
CODING_HIERARCHICAL = QT_TRANSLATE_NOOP("rules", "分层编码")

_SOI = b"\xff\xd8"
_JPEG_START = b"\xff\xd8\xff"  # SOI and the first marker's FF: what a JPEG file starts with
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # DHT, JPG, DAC are not frames
_ARITHMETIC = frozenset({0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_LOSSLESS = frozenset({0xC3, 0xC7, 0xCB, 0xCF})
_PROGRESSIVE = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_DIFFERENTIAL = frozenset({0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF})
_DHP, _SOS, _EOI = 0xDE, 0xDA, 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0-7: no length
_MAX_MARKER_BYTES = 16 * 1024 * 1024  # how far the walk reads before giving up


@dataclass(frozen=True)
class JpegFrame:
    """What a JPEG's frame header (SOFn) says, read without decoding."""

    marker: int
    precision: int
    width: int
    height: int
    sampling: tuple[tuple[int, int], ...]
    """(horizontal, vertical) sampling factors of each component."""
    hierarchical: bool = False
    first_scan_components: int | None = None

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def samples(self) -> int:
        """Samples over all components (chroma subsampling taken into account)."""
        return sum(self._component_samples())

    @property
    def blocks(self) -> int:
        """8 x 8 blocks over all components: the scan data holds at least one bit for each
        (its DC difference), whatever the tables."""
        return sum(math.ceil(samples / 64) for samples in self._component_samples())

    def _component_samples(self) -> list[int]:
        h_max = max((h for h, _v in self.sampling), default=1) or 1
        v_max = max((v for _h, v in self.sampling), default=1) or 1
        return [
            math.ceil(self.width * h / h_max) * math.ceil(self.height * v / v_max)
            for h, v in self.sampling
        ]

    @property
    def buffered(self) -> bool:
        """Whether the decoder holds the whole picture's coefficients (several scans)."""
        scans = self.first_scan_components
        return self.marker in _PROGRESSIVE or (scans is not None and scans < len(self.sampling))

    def unsupported_coding(self) -> str | None:
        """The name (a source text) of a coding other than 8-bit Huffman, or None."""
        if self.marker in _LOSSLESS:
            return CODING_LOSSLESS
        if self.precision != 8:
            return CODING_12_BIT
        if self.hierarchical or self.marker in _DIFFERENTIAL:
            return CODING_HIERARCHICAL
        if self.marker in _ARITHMETIC:
            return CODING_ARITHMETIC
        return None


@dataclass(frozen=True)
class ImageProblem:
    """Why a file cannot be an attachment: a stable code and the Chinese source message
    (``{coding}`` filled by :meth:`text`)."""

    code: str
    message: str
    coding: str = ""

    def text(self, translate: Callable[[str], str] | None = None) -> str:
        """The message, translated by *translate* (the client's ``tr_rule``) if given."""
        tr = translate or (lambda source: source)
        return tr(self.message).format(coding=tr(self.coding), size=size_text(MAX_ATTACHMENT_BYTES))


def size_text(size: int) -> str:
    """How a text names a size limit: 2 MiB → "2 MB", 512 KiB → "512 KB" (as the guide)."""
    for unit, name in ((1024 * 1024, "MB"), (1024, "KB")):
        if size >= unit:
            amount = size / unit
            return f"{amount:g} {name}" if amount == int(amount) else f"{amount:.1f} {name}"
    return f"{size} B"


def starts_like_jpeg(stream: IO[bytes]) -> bool:
    """Whether *stream* (read from its start) begins as a JPEG file does; a file that does
    but fails :func:`check_jpeg` is a broken JPEG, not another format."""
    stream.seek(0)
    return stream.read(len(_JPEG_START)) == _JPEG_START


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    data = stream.read(size)
    return data if len(data) == size else None


def read_jpeg_frame(stream: IO[bytes]) -> JpegFrame | None:
    """The frame header of the JPEG in *stream* (read from its current position), or None
    when it is no JPEG or ends before its first frame and scan headers."""
    if stream.read(2) != _SOI:
        return None
    frame: JpegFrame | None = None
    hierarchical = False
    walked = 0
    while walked < _MAX_MARKER_BYTES:
        byte = stream.read(1)
        if not byte:
            return None
        walked += 1
        if byte != b"\xff":
            continue  # stray bytes between segments: libjpeg skips them too
        marker = stream.read(1)
        while marker == b"\xff":  # fill bytes
            marker = stream.read(1)
        if not marker:
            return None
        code = marker[0]
        if code == 0x00 or code in _STANDALONE:
            continue
        if code == _EOI:
            return None
        raw_length = _read_exactly(stream, 2)
        if raw_length is None:
            return None
        length = int.from_bytes(raw_length, "big")
        if length < 2:
            return None
        walked += length
        if code in _SOF_MARKERS and frame is None:
            body = _read_exactly(stream, length - 2)
            if body is None or len(body) < 6:
                return None
            count = body[5]
            if len(body) < 6 + 3 * count:
                return None
            sampling = tuple((body[7 + 3 * i] >> 4, body[7 + 3 * i] & 0x0F) for i in range(count))
            frame = JpegFrame(
                marker=code,
                precision=body[0],
                height=int.from_bytes(body[1:3], "big"),
                width=int.from_bytes(body[3:5], "big"),
                sampling=sampling,
                hierarchical=hierarchical,
            )
        elif code == _SOS:
            if frame is None:
                return None
            count_byte = _read_exactly(stream, 1)
            if count_byte is None:
                return None
            return JpegFrame(
                marker=frame.marker,
                precision=frame.precision,
                width=frame.width,
                height=frame.height,
                sampling=frame.sampling,
                hierarchical=frame.hierarchical,
                first_scan_components=count_byte[0],
            )
        else:
            if code == _DHP:
                hierarchical = True
            stream.seek(length - 2, io.SEEK_CUR)
    return None


def check_jpeg(stream: IO[bytes]) -> tuple[JpegFrame | None, ImageProblem | None]:
    """The one JPEG check, from the headers: JPEG by content, a coding every decoder reads,
    dimensions within the bomb guard, enough data for them.  Returns the frame and the
    problem (None when fine).

    *stream* is read from its start.  Whether the scan data is complete is for the
    decoder to find out.
    """
    stream.seek(0)
    frame = read_jpeg_frame(stream)
    if frame is None:
        broken = starts_like_jpeg(stream)
        return None, ImageProblem(
            "attachment_corrupt" if broken else "attachment_not_jpeg",
            CORRUPT if broken else NOT_JPEG,
        )
    if frame.width == 0 or frame.height == 0 or not frame.sampling:
        return frame, ImageProblem("attachment_corrupt", CORRUPT)
    if (coding := frame.unsupported_coding()) is not None:
        return frame, ImageProblem("attachment_unsupported_coding", UNSUPPORTED_CODING, coding)
    if frame.pixels > MAX_SOURCE_PIXELS or (
        frame.buffered and frame.samples > MAX_BUFFERED_SAMPLES
    ):
        return frame, ImageProblem("attachment_too_many_pixels", TOO_MANY_PIXELS)
    # A header claiming more than the data can hold: libjpeg would pad it out with grey
    # without a word (and make a few hundred bytes cost a full-size decode).
    if stream.seek(0, io.SEEK_END) < frame.blocks // 8:
        return frame, ImageProblem("attachment_corrupt", CORRUPT)
    return frame, None


def attachment_problem(
    stream: IO[bytes], size: int
) -> tuple[JpegFrame | None, ImageProblem | None]:
    """The one check of a file offered as an attachment, before any decoding: not empty,
    at most ``MAX_ATTACHMENT_BYTES`` (*size*, so a file need not be read to be refused),
    then :func:`check_jpeg`.  The platform's upload and the desk's batch import use it."""
    if size <= 0:
        return None, ImageProblem("attachment_empty", EMPTY)
    if size > MAX_ATTACHMENT_BYTES:
        return None, ImageProblem("attachment_too_large", TOO_LARGE)
    return check_jpeg(stream)


def reduced_size(
    size: tuple[int, int], *, max_pixels: int | None = None, min_side: int | None = None
) -> tuple[int, int]:
    """The size to ask ``Image.draft`` for: libjpeg then decodes at 1/1, 1/2, 1/4 or 1/8,
    the smallest scale that keeps the picture at least this big.

    With *max_pixels*, reduced until it has at most that many pixels (as far as 1/8
    allows); with *min_side*, reduced as long as its long side stays at least *min_side*.
    """
    width, height = size
    scale = 1
    while scale < 8:
        smaller = scale * 2
        too_many = max_pixels is not None and (width // scale) * (height // scale) > max_pixels
        room = min_side is not None and max(width, height) // smaller >= min_side
        if not (too_many or room):
            break
        scale = smaller
    return max(1, width // scale), max(1, height // scale)


def apply_pillow_limits() -> None:
    """Pillow's own decompression-bomb guard, as a backstop behind the checks above: it
    warns above ``MAX_SOURCE_PIXELS`` and refuses twice that, in any format.  (The same
    value on both sides, so a process holding both never gets a smaller one.)"""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS


# -- pixels ------------------------------------------------------------------------------

_WHITE = 255


@cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _eight_bit(image: Image.Image) -> Image.Image:
    """16-bit (and 32-bit) greyscale scaled to 8 bits; Pillow's own convert clips instead."""
    if image.mode.startswith("I;16"):
        image, top = image.convert("I"), 65535.0
    elif image.mode in ("I", "F"):
        extrema = image.getextrema()  # (low, high) for one band
        low, high = float(extrema[0]), float(extrema[1])  # type: ignore[arg-type]
        top = high
        if image.mode == "F" and low >= 0 and high <= 1.0:
            top = 1.0
        elif high <= 255:
            top = 255.0
        elif high <= 65535:
            top = 65535.0
    else:
        return image
    if top != 255.0:
        factor = 255.0 / top if top > 0 else 0.0
        image = image.point(lambda value: value * factor)
    return image.convert("L")


def _on_white(image: Image.Image) -> Image.Image:
    """Transparent pixels on white, in the picture's own colour space (L or RGB)."""
    from PIL import Image

    grey = image.mode in ("LA", "La")
    opaque_mode = "L" if grey else "RGB"
    with_alpha = image.convert("LA" if grey else "RGBA")
    background = Image.new(opaque_mode, image.size, _WHITE if grey else (_WHITE,) * 3)
    background.paste(with_alpha.convert(opaque_mode), mask=with_alpha.getchannel("A"))
    return background


def _apply_profile(image: Image.Image, icc_profile: bytes) -> Image.Image | None:
    """*image* converted from its embedded ICC profile to sRGB; None when the profile
    cannot be used (broken, or for another colour space than the pixels')."""
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        space = source.profile.xcolor_space.strip()
        if {"RGB": "RGB", "GRAY": "L", "CMYK": "CMYK"}.get(space) != image.mode:
            return None
        converted = ImageCms.profileToProfile(
            image,
            source,
            _srgb_profile(),
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            outputMode="RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None
    return converted


def to_srgb(image: Image.Image, icc_profile: bytes | None = None) -> Image.Image:
    """An 8-bit sRGB ("RGB") image of the same visible content, whatever the source's bit
    depth, transparency or colour profile.

    16-bit samples are scaled to 8 bits (not clipped), 1-bit and palette pictures expanded,
    transparency composed on white, and the embedded ICC profile (*icc_profile*, else the
    image's own) applied with LittleCMS: Display P3, Adobe RGB, a CMYK press profile.
    Without a usable profile the pixels are taken as sRGB (CMYK by Pillow's formula).
    """
    if icc_profile is None:
        icc_profile = image.info.get("icc_profile") or None
    image = _eight_bit(image)
    if image.mode == "1":
        image = image.convert("L")
    elif image.mode == "P":
        transparent = "transparency" in image.info
        image = image.convert("RGBA" if transparent else "RGB")
    elif image.mode == "PA":
        image = image.convert("RGBA")
    if image.mode in ("LA", "La", "RGBA", "RGBa"):
        image = _on_white(image)
    if image.mode not in ("L", "RGB", "CMYK"):
        image = image.convert("RGB")  # YCbCr, LAB, HSV…
    if icc_profile:
        converted = _apply_profile(image, icc_profile)
        if converted is not None:
            return converted
    return image if image.mode == "RGB" else image.convert("RGB")
