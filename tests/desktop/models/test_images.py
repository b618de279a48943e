"""Preparing a picked picture as an attachment: JPEG, upright, under 2 MB, no metadata."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat

from desktop.models.images import ImageRefused, prepare_attachment
from rules.attachments import MAX_ATTACHMENT_BYTES, read_jpeg_frame
from tests.helpers.images import (
    ADOBE_RGB_GAMMA,
    ADOBE_RGB_PRIMARIES,
    ARITHMETIC_JPEG,
    ARITHMETIC_SIZE,
    D65,
    DISPLAY_P3_PRIMARIES,
    SRGB_PRIMARIES,
    _inverse,
    _mul,
    adobe_rgb_profile,
    display_p3_profile,
    face,
    grey16_png,
    jpeg_claiming,
    jpeg_with_frame,
    rgb16_png,
    rgb_to_xyz,
    srgb_decode,
    srgb_encode,
)

ORIENTATION, GPS_IFD = 0x0112, 0x8825


def noisy(width: int, height: int) -> Image.Image:
    """Photo-like content that compresses about as badly as a real photo."""
    grain = Image.frombytes("RGB", (width // 4, height // 4), os.urandom(width * height * 3 // 16))
    return grain.resize((width, height), Image.Resampling.BICUBIC)


def sideways_photo(path: Path, width: int = 4000, height: int = 3000) -> Path:
    """A camera JPEG stored landscape with EXIF orientation 6 (rotate 90° to view), with GPS."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif.get_ifd(GPS_IFD)[1] = "N"
    exif.get_ifd(GPS_IFD)[2] = (23.0, 7.0, 30.0)
    noisy(width, height).save(path, "JPEG", quality=95, exif=exif)
    return path


def test_png_becomes_jpeg_on_white(tmp_path: Path) -> None:
    path = tmp_path / "id.png"
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(path)
    data, notes = prepare_attachment(path)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.getpixel((10, 10))[0] > 240  # transparent became white
    assert "已转换为 JPEG 格式" in notes


def test_a_text_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("not a picture", encoding="utf-8")
    with pytest.raises(ImageRefused, match="无法识别"):
        prepare_attachment(path)


def test_large_sideways_photo_is_rotated_compressed_and_stripped(tmp_path: Path) -> None:
    path = sideways_photo(tmp_path / "camera.jpg")
    assert path.stat().st_size > MAX_ATTACHMENT_BYTES
    data, notes = prepare_attachment(path)
    assert len(data) <= MAX_ATTACHMENT_BYTES
    assert "已按拍摄方向自动旋转" in notes
    assert any(note.startswith("已压缩至") for note in notes)
    with Image.open(io.BytesIO(data)) as image:
        assert image.height > image.width  # upright portrait
        assert max(image.size) <= 2400
        exif = image.getexif()
        assert ORIENTATION not in exif
        assert not exif.get_ifd(GPS_IFD)


def test_small_jpeg_keeps_its_size_but_loses_gps(tmp_path: Path) -> None:
    path = tmp_path / "small.jpg"
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD)[1] = "N"
    noisy(800, 600).save(path, "JPEG", quality=90, exif=exif)
    data, notes = prepare_attachment(path)
    assert notes == []
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (800, 600)
        assert not image.getexif().get_ifd(GPS_IFD)
        assert "exif" not in image.info


# -- any bit depth, colour profile and size (issue 15) -------------------------------------


def stats(image: Image.Image) -> tuple[float, float]:
    """Mean and standard deviation of the grey levels: what the eye sees of the content."""
    stat = ImageStat.Stat(image.convert("L"))
    return stat.mean[0], stat.stddev[0]


def prepared(source: bytes | Path) -> tuple[Image.Image, list[str], bytes]:
    data, notes = prepare_attachment(source)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image, notes, data


def frame_marker(jpeg: bytes) -> int:
    frame = read_jpeg_frame(io.BytesIO(jpeg))
    assert frame is not None
    return frame.marker


def test_a_16_bit_greyscale_png_keeps_its_face_instead_of_turning_white() -> None:
    original = face()
    png = grey16_png(original)
    with Image.open(io.BytesIO(png)) as opened:
        assert opened.mode == "I;16"  # really 16 bits a sample
    image, notes, _data = prepared(png)
    assert "已转换为 JPEG 格式" in notes
    mean, stddev = stats(image)
    original_mean, original_stddev = stats(original)
    assert abs(mean - original_mean) < 3
    assert abs(stddev - original_stddev) < 3
    assert stddev > 30  # not a blank page
    assert image.getpixel((120, 160))[0] > 180  # the bright oval…
    assert image.getpixel((95, 115))[0] < 60  # …with its dark eyes


def test_a_16_bit_rgb_png_keeps_its_colours() -> None:
    original = Image.new("RGB", (120, 80), (200, 60, 50))
    ImageDraw.Draw(original).rectangle((60, 0, 119, 79), fill=(30, 90, 200))
    png = rgb16_png(original)
    with Image.open(io.BytesIO(png)) as opened:
        assert opened.info.get("dpi") is None and opened.size == (120, 80)
    image, _notes, _data = prepared(png)
    for point, colour in (((20, 40), (200, 60, 50)), ((100, 40), (30, 90, 200))):
        assert all(abs(a - b) <= 6 for a, b in zip(image.getpixel(point), colour, strict=True))


def test_a_1_bit_png_stays_black_on_white(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    bilevel = Image.new("1", (200, 100), 1)
    ImageDraw.Draw(bilevel).rectangle((50, 25, 149, 74), fill=0)
    bilevel.save(path)
    image, _notes, _data = prepared(path)
    assert image.getpixel((10, 10))[0] > 240
    assert image.getpixel((100, 50))[0] < 15


def test_a_palette_png_with_a_transparent_colour_is_put_on_white(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    palette = Image.new("P", (100, 100), 0)
    palette.putpalette([0, 0, 0, 20, 120, 40] + [0] * 762)
    ImageDraw.Draw(palette).ellipse((25, 25, 74, 74), fill=1)
    palette.save(path, transparency=0)  # index 0 (black) is transparent
    image, _notes, _data = prepared(path)
    assert image.getpixel((5, 5))[0] > 240  # transparent → white, not black
    red, green, blue = image.getpixel((50, 50))
    assert abs(red - 20) < 10 and abs(green - 120) < 10 and abs(blue - 40) < 10


def test_a_cmyk_jpeg_becomes_rgb_with_the_right_colours(tmp_path: Path) -> None:
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (100, 60), (0, 255, 255, 0)).save(path, quality=95)  # process red
    image, _notes, _data = prepared(path)
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((50, 30))
    assert red > 235 and green < 20 and blue < 20


def expected_srgb(
    rgb: tuple[int, int, int],
    primaries: tuple[tuple[float, float], ...],
    decode: Callable[[float], float],
) -> tuple[int, ...]:
    """The sRGB value of a colour of another RGB space, by the colorimetry of the two
    spaces (both D65): independent of LittleCMS."""
    linear = [decode(v / 255) for v in rgb]
    to_srgb = _mul(_inverse(rgb_to_xyz(SRGB_PRIMARIES, D65)), rgb_to_xyz(primaries, D65))
    out = [sum(to_srgb[i][k] * linear[k] for k in range(3)) for i in range(3)]
    return tuple(round(srgb_encode(v) * 255) for v in out)


@pytest.mark.parametrize(
    ("kind", "profile", "primaries", "decode"),
    [
        ("JPEG", display_p3_profile, DISPLAY_P3_PRIMARIES, srgb_decode),
        ("PNG", adobe_rgb_profile, ADOBE_RGB_PRIMARIES, lambda v: v**ADOBE_RGB_GAMMA),
    ],
    ids=["display-p3-jpeg", "adobe-rgb-png"],
)
def test_the_embedded_colour_profile_is_applied(
    tmp_path: Path,
    kind: str,
    profile: Callable[[], bytes],
    primaries: tuple[tuple[float, float], ...],
    decode: Callable[[float], float],
) -> None:
    colours = [(60, 170, 80), (200, 60, 50), (240, 200, 170), (128, 128, 128)]
    picture = Image.new("RGB", (40 * len(colours), 40))
    for i, colour in enumerate(colours):
        picture.paste(colour, (40 * i, 0, 40 * i + 40, 40))
    path = tmp_path / f"photo.{kind.lower()}"
    extra = {"quality": 100, "subsampling": 0} if kind == "JPEG" else {}
    picture.save(path, kind, icc_profile=profile(), **extra)
    image, _notes, data = prepared(path)
    assert "icc_profile" not in Image.open(io.BytesIO(data)).info  # sRGB, said by saying nothing
    for i, colour in enumerate(colours):
        got = image.getpixel((40 * i + 20, 20))
        want = expected_srgb(colour, primaries, decode)
        assert all(abs(a - b) <= 4 for a, b in zip(got, want, strict=True)), (colour, got, want)
    # Without the profile, the wide-gamut green would have come out 60 levels off in red.
    assert abs(expected_srgb(colours[0], primaries, decode)[0] - colours[0][0]) > 50


def test_a_108_megapixel_photo_under_2_mb_is_scaled_down_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "phone-108mp.jpg"
    original = face((1200, 900))
    original.resize((12000, 9000), Image.Resampling.BILINEAR).save(path, quality=75)
    assert path.stat().st_size < MAX_ATTACHMENT_BYTES
    image, notes, data = prepared(path)
    assert len(data) <= MAX_ATTACHMENT_BYTES
    assert image.size == (2400, 1800)
    assert any(note.startswith("已压缩至") for note in notes)
    mean, stddev = stats(image)
    original_mean, original_stddev = stats(original)
    assert abs(mean - original_mean) < 3 and abs(stddev - original_stddev) < 3


def test_a_huge_jpeg_is_decoded_at_reduced_scale(tmp_path: Path) -> None:
    """Peak memory of the whole preparation, in a fresh process: decoded whole, the 108 MP
    picture alone would take 108 MB (432 MB once in RGB)."""
    path = tmp_path / "phone-108mp.jpg"
    Image.radial_gradient("L").resize((12000, 9000)).save(path, quality=75)
    script = (
        "import resource, sys\n"
        "from desktop.models.images import prepare_attachment\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "prepare_attachment(sys.argv[1])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
        timeout=60,
    )
    grown_mb = int(done.stdout.split()[-1]) / 1024
    assert grown_mb < 150, f"{grown_mb:.0f} MB"


@pytest.mark.parametrize(("width", "height"), [(30000, 30000), (20000, 15000)])
def test_absurd_dimensions_are_refused_from_the_header(width: int, height: int) -> None:
    with pytest.raises(ImageRefused, match="图片尺寸异常"):
        prepare_attachment(jpeg_claiming(width, height))


def test_an_arithmetic_coded_jpeg_is_converted_to_an_ordinary_one() -> None:
    assert frame_marker(ARITHMETIC_JPEG) == 0xC9  # SOF9: arithmetic coding
    image, notes, data = prepared(ARITHMETIC_JPEG)
    assert "已转换为普通 JPEG 编码" in notes
    assert frame_marker(data) in (0xC0, 0xC1)  # Huffman, baseline
    assert image.size == ARITHMETIC_SIZE
    skin, oval, band = image.getpixel((4, 20)), image.getpixel((24, 16)), image.getpixel((24, 1))
    assert skin[0] > 200 and oval[0] < 150 and band[2] > 120


@pytest.mark.parametrize(
    ("jpeg", "coding"),
    [
        (jpeg_with_frame(precision=12), "12 位精度"),
        (jpeg_with_frame(marker=0xC3), "无损压缩"),
        (jpeg_with_frame(marker=0xC7), "无损压缩"),
    ],
    ids=["12-bit", "lossless", "hierarchical-lossless"],
)
def test_an_unsupported_jpeg_coding_is_told_as_such(jpeg: bytes, coding: str) -> None:
    with pytest.raises(ImageRefused) as refused:
        prepare_attachment(jpeg)
    message = str(refused.value)
    assert f"不支持的 JPEG 编码（{coding}）" in message
    assert "另存为普通 JPG" in message
    assert "损坏" not in message and "无法识别" not in message


def test_a_png_too_big_to_decode_whole_is_refused_before_decoding() -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 9000, 9000, 8, 2, 0, 0, 0)  # 81 MP, RGB
    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))  # far from 243 MB of pixels
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ImageRefused, match="6000 万像素"):
        prepare_attachment(png)
