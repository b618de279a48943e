"""Preparing a picked picture as an attachment: JPEG, upright, under 2 MB, no metadata."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from desktop.models.images import ImageRefused, prepare_attachment
from rules.attachments import MAX_ATTACHMENT_BYTES

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
