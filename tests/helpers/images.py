"""Test images made with Pillow: JPEGs with and without metadata, and malformed files."""

from __future__ import annotations

import io
import random

from PIL import ExifTags, Image


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
