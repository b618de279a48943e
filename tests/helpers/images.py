"""Test images made with Pillow: JPEGs with and without metadata, and malformed files."""

from __future__ import annotations

import base64
import io
import random
import struct
import zlib

from PIL import ExifTags, Image, ImageDraw


def jpeg_bytes(
    size: tuple[int, int] = (80, 50), *, exif: Image.Exif | None = None, noise: bool = False
) -> bytes:
    """A real JPEG; *noise* makes the scan data large and incompressible (for truncation)."""
    if noise:
        rng = random.Random(3)
        image = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (80, 50)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_claiming(width: int, height: int) -> bytes:
    """A tiny JPEG whose frame header (SOF0) claims *width* x *height* pixels."""
    data = bytearray(jpeg_bytes((16, 16)))
    sof = data.index(b"\xff\xc0")
    # FFC0, length (2), precision (1), height (2), width (2)
    data[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    data[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(data)


def progressive_claiming(width: int, height: int, subsampling: int = 0) -> bytes:
    """A small progressive JPEG whose frame header (SOF2) claims *width* x *height*
    (*subsampling* as Pillow takes it: 0 is 4:4:4, 2 is 4:2:0)."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (90, 120, 30)).save(
        out, "JPEG", progressive=True, subsampling=subsampling
    )
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc2")
    data[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    data[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(data)


def gps_exif(orientation: int = 6) -> Image.Exif:
    """EXIF with an orientation and a GPS position (Guangzhou), as a phone camera writes."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "TestPhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (23.0, 7.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (113.0, 15.0, 40.0)
    return exif


# -- pictures of every kind the photo fixer meets (issue 15) -----------------------------

# A 48 x 32 "face" (brown oval on skin colour, blue band on top), arithmetic-coded.  Neither
# Pillow nor libjpeg's API writes arithmetic coding; made once with libjpeg-turbo 2.1.5's
# `cjpeg -arithmetic -quality 90` (Debian's libjpeg-turbo-progs) from a Pillow-drawn PPM.
ARITHMETIC_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQ"
    "DQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQU"
    "FBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/yQARCAAgADADASIAAhEBAxEB/8wACgAQEAUBEBEF"
    "/9oADAMBAAIRAxEAPwD1YJJeYyNATFlzVH+cN2tYi/3E9qknMH64oezNdHs+Cz5DTgfEDNgB78kgQdiVg9j6"
    "ud5Lu+mM42aaLKehWf6GSRt+5bVmn+dREEFxsim3WE4+DfzGDeh3OD/ghcMEkf8AukgUp2Y5CBmBKnG5sMhQ"
    "yTkwWNR4NNFAaTIDmdXyX6sjYIN1BdUdIrqqdCrGZfVWGsf17wpD7/yclBVPMkmkIrLucyPT9octvVt7CTKr"
    "72C1Qg5nPISNoBiBU4kSZ9oyfTQ8p8L+QDRqR2uz+8kE0ZFkEy7FItbmSHo4TxhWfiZuZOkUBgKctmi7kEez"
    "/c2pwOSIw1rkcaRBTXAgCZjkUSUfOg64FUG/tjP1bQ4Pqy+w9lki+h+ZFXpWQJFp47Gns4r4z2F1vQkcKfdr"
    "a3qqlhySWoKoyKihjuMGcjS6jqU/tRLFaAY2soWx8VcV5N5zP05f6Xt4p16VuzVy0jHMEns/7CTkpB574PGc"
    "uPulg6VHAr+UO8Quj+9gVIhJxc77AI9sy8xeSwCB5ElZ6+iq/KYujDhZwxOPhdaOYCxRvZHDXRQDr1LAd5tn"
    "T2qDkaebKngxQcGF3B1fwOxOEIuH2cUEEbBAwJdgCektkL3Gcyt/rMMZj4D/2Q=="
)
ARITHMETIC_SIZE = (48, 32)


def face(size: tuple[int, int] = (240, 320)) -> Image.Image:
    """A face-like greyscale picture: a bright oval on a dark-to-light gradient."""
    width, height = size
    image = Image.linear_gradient("L").resize(size).point(lambda v: 40 + v * 0.6)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width // 4, height // 6, width * 3 // 4, height * 5 // 6), fill=200)
    draw.ellipse((width * 3 // 8, height // 3, width * 7 // 16, height * 3 // 8), fill=30)
    draw.ellipse((width * 9 // 16, height // 3, width * 5 // 8, height * 3 // 8), fill=30)
    return image


def grey16_png(image: Image.Image) -> bytes:
    """*image* (8-bit "L") as a 16-bit greyscale PNG (Pillow's "I;16"), values × 257."""
    wide = image.convert("I").point(lambda v: v * 257).convert("I;16")
    out = io.BytesIO()
    wide.save(out, format="PNG")
    return out.getvalue()


def rgb16_png(image: Image.Image) -> bytes:
    """*image* ("RGB") as a 16-bit-per-channel RGB PNG, written by hand: Pillow writes no
    48-bit PNG.  Each 8-bit value v becomes v × 257."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rgb = image.convert("RGB")
    width, height = rgb.size
    raw = rgb.tobytes()
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for value in raw[y * width * 3 : (y + 1) * width * 3]:
            rows += struct.pack(">H", value * 257)
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def jpeg_with_frame(marker: int | None = None, precision: int | None = None) -> bytes:
    """A real JPEG whose frame header is changed to another coding (SOF3 lossless, SOF9
    arithmetic…) or sample precision (12 bits): what a decoder reads first."""
    data = bytearray(jpeg_bytes((32, 32)))
    sof = data.index(b"\xff\xc0")
    if marker is not None:
        data[sof + 1] = marker
    if precision is not None:
        data[sof + 4] = precision
    return bytes(data)


# -- ICC profiles: matrix/TRC display profiles (ICC v2), built from their primaries -------

_D50 = (0.9642, 1.0, 0.8249)
_BRADFORD = ((0.8951, 0.2664, -0.1614), (-0.7502, 1.7135, 0.0367), (0.0389, -0.0685, 1.0296))

Matrix = tuple[tuple[float, ...], ...]


def _mul(a: Matrix, b: Matrix) -> Matrix:
    return tuple(
        tuple(sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)) for i in range(3)
    )


def _inverse(m: Matrix) -> Matrix:
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return (
        ((e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det),
        ((f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det),
        ((d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det),
    )


def _xyz(x: float, y: float) -> tuple[float, float, float]:
    return (x / y, 1.0, (1 - x - y) / y)


def rgb_to_xyz(primaries: tuple[tuple[float, float], ...], white: tuple[float, float]) -> Matrix:
    """The linear RGB → XYZ matrix of a colour space (its own white, no adaptation)."""
    columns = [_xyz(*p) for p in primaries]
    m = tuple(tuple(columns[j][i] for j in range(3)) for i in range(3))
    w = _xyz(*white)
    s = [sum(_inverse(m)[i][k] * w[k] for k in range(3)) for i in range(3)]
    return tuple(tuple(m[i][j] * s[j] for j in range(3)) for i in range(3))


def _adapted_to_d50(m: Matrix, white: tuple[float, float]) -> Matrix:
    w = _xyz(*white)
    src = [sum(_BRADFORD[i][k] * w[k] for k in range(3)) for i in range(3)]
    dst = [sum(_BRADFORD[i][k] * _D50[k] for k in range(3)) for i in range(3)]
    scale = tuple(tuple(dst[i] / src[i] if i == j else 0.0 for j in range(3)) for i in range(3))
    return _mul(_mul(_mul(_inverse(_BRADFORD), scale), _BRADFORD), m)


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def icc_profile(
    description: str,
    primaries: tuple[tuple[float, float], ...],
    white: tuple[float, float],
    curve: list[int] | float,
) -> bytes:
    """A v2 RGB display profile: colorants (adapted to D50 with Bradford, as ICC wants),
    and one tone curve — a gamma, or a table of 16-bit values."""
    colorants = _adapted_to_d50(rgb_to_xyz(primaries, white), white)

    def xyz_tag(values: tuple[float, float, float]) -> bytes:
        return b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in values)

    if isinstance(curve, float):
        trc = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(curve * 256))
    else:
        trc = b"curv\0\0\0\0" + struct.pack(f">I{len(curve)}H", len(curve), *curve)
    text = description.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 12 + b"\0" * 67
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz_tag(_D50)),
        (b"rXYZ", xyz_tag((colorants[0][0], colorants[1][0], colorants[2][0]))),
        (b"gXYZ", xyz_tag((colorants[0][1], colorants[1][1], colorants[2][1]))),
        (b"bXYZ", xyz_tag((colorants[0][2], colorants[1][2], colorants[2][2]))),
        (b"rTRC", trc),
        (b"gTRC", trc),
        (b"bTRC", trc),
        (b"cprt", b"text\0\0\0\0" + b"public domain\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags:
        padded = body + b"\0" * (-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += padded
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred CMM
        + bytes((2, 0x10, 0, 0))  # version 2.1
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24  # platform, flags, manufacturer, model, attributes
        + struct.pack(">I", 0)  # rendering intent
        + b"".join(_s15(v) for v in _D50)
        + b"\0" * 48  # creator, profile id, reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


D65 = (0.3127, 0.3290)
ADOBE_RGB_PRIMARIES = ((0.64, 0.33), (0.21, 0.71), (0.15, 0.06))
DISPLAY_P3_PRIMARIES = ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060))
SRGB_PRIMARIES = ((0.64, 0.33), (0.30, 0.60), (0.15, 0.06))
ADOBE_RGB_GAMMA = 563 / 256


def srgb_decode(value: float) -> float:
    """sRGB (and Display P3) encoded 0-1 → linear light."""
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def srgb_encode(value: float) -> float:
    value = min(max(value, 0.0), 1.0)
    return value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055


def adobe_rgb_profile() -> bytes:
    return icc_profile("Adobe RGB (1998) test", ADOBE_RGB_PRIMARIES, D65, ADOBE_RGB_GAMMA)


def display_p3_profile() -> bytes:
    table = [round(srgb_decode(i / 1023) * 65535) for i in range(1024)]
    return icc_profile("Display P3 test", DISPLAY_P3_PRIMARIES, D65, table)
