"""Attachments of the info collection: checked by decoding, stored without metadata."""

from __future__ import annotations

import hashlib
import io
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import ExifTags, Image

from rules.attachments import MAX_ATTACHMENT_BYTES
from tests.helpers.images import (
    ARITHMETIC_JPEG,
    DISPLAY_P3_PRIMARIES,
    display_p3_profile,
    face,
    gps_exif,
    jpeg_bytes,
    jpeg_claiming,
    jpeg_with_frame,
    png_bytes,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, register

JPEG = {"Content-Type": "image/jpeg"}


def _url(platform: PlatformProcess, kind: str) -> str:
    return f"{platform.api}/me/profile/attachments/{kind}"


def _put(
    platform: PlatformProcess, token: str, content: bytes | Iterator[bytes], kind: str = "id_front"
) -> requests.Response:
    return requests.put(
        _url(platform, kind), data=content, headers={**bearer(token), **JPEG}, timeout=30
    )


def _get(platform: PlatformProcess, token: str, kind: str = "id_front") -> requests.Response:
    return requests.get(_url(platform, kind), headers=bearer(token), timeout=10)


def _files(platform: PlatformProcess) -> set[Path]:
    """Every file under the platform's attachments folder (beside its database)."""
    folder = platform.db_path.parent / "attachments"
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def test_a_jpeg_is_stored(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    response = _put(platform, token, jpeg_bytes((800, 500)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["kind"] == "id_front"
    assert (body["width"], body["height"]) == (800, 500)
    assert body["uploaded_at"] == "2021-06-21T18:23:50+08:00"

    stored = _get(platform, token)
    assert stored.status_code == 200
    assert stored.headers["Content-Type"] == "image/jpeg"
    assert body["size"] == len(stored.content)
    assert body["sha256"] == hashlib.sha256(stored.content).hexdigest()
    with Image.open(io.BytesIO(stored.content)) as image:
        assert image.format == "JPEG" and image.size == (800, 500)

    path = platform.db_path.parent / "attachments" / body["sha256"][:2] / f"{body['sha256']}.jpg"
    assert path.read_bytes() == stored.content
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    profile = requests.get(platform.api + "/me/profile", headers=bearer(token), timeout=10).json()
    assert profile["attachments"]["id_front"] == {k: v for k, v in body.items() if k != "kind"}
    assert profile["attachments"]["photo"] is None


def test_replacing_updates_the_reference(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    first = _put(platform, token, jpeg_bytes((60, 60)), "photo").json()
    second = _put(platform, token, jpeg_bytes((90, 120)), "photo").json()
    assert first["sha256"] != second["sha256"]
    stored = _get(platform, token, "photo").content
    assert hashlib.sha256(stored).hexdigest() == second["sha256"]
    profile = requests.get(platform.api + "/me/profile", headers=bearer(token), timeout=10).json()
    assert profile["attachments"]["photo"]["sha256"] == second["sha256"]


def test_metadata_is_stripped_and_orientation_applied(platform: PlatformProcess) -> None:
    original = jpeg_bytes((40, 20), exif=gps_exif(orientation=6))
    with Image.open(io.BytesIO(original)) as image:  # the upload really carries GPS
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    token = register(platform)["access_token"]
    response = _put(platform, token, original)
    assert response.status_code == 200, response.text
    assert (response.json()["width"], response.json()["height"]) == (20, 40)
    with Image.open(io.BytesIO(_get(platform, token).content)) as stored:
        assert stored.size == (20, 40)
        assert len(stored.getexif()) == 0
        assert "exif" not in stored.info and "icc_profile" not in stored.info


def _too_large_in_chunks() -> Iterator[bytes]:
    """Chunked transfer (no Content-Length): the cap must hold while reading."""
    yield b"\xff\xd8\xff"
    for _ in range(MAX_ATTACHMENT_BYTES // 65536 + 1):
        yield b"\0" * 65536


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"", 422, "attachment_empty"),
        (png_bytes(), 415, "attachment_not_jpeg"),
        ("这不是图片".encode() * 10, 415, "attachment_not_jpeg"),
        (jpeg_bytes((400, 300), noise=True)[:20000], 422, "attachment_corrupt"),
        (b"\xff\xd8\xff\xe0" + b"garbage" * 10, 422, "attachment_corrupt"),
        (b"\xff\xd8\xff" + b"\0" * MAX_ATTACHMENT_BYTES, 413, "attachment_too_large"),
        (jpeg_claiming(20000, 20000), 422, "attachment_too_many_pixels"),
        # 49 MP in the header, 16 x 16 of data: decoded at 1/2, and found short.
        (jpeg_claiming(7000, 7000), 422, "attachment_corrupt"),
        (
            ARITHMETIC_JPEG,
            422,
            "attachment_unsupported_coding",
        ),
        (jpeg_with_frame(precision=12), 422, "attachment_unsupported_coding"),
        (jpeg_with_frame(marker=0xC3), 422, "attachment_unsupported_coding"),
    ],
    ids=[
        "empty",
        "png",
        "text",
        "truncated",
        "broken",
        "too-large",
        "bomb",
        "49mp-claimed",
        "arithmetic",
        "12-bit",
        "lossless",
    ],
)
def test_refusals_store_nothing(
    platform: PlatformProcess, content: bytes, status: int, code: str
) -> None:
    if code == "attachment_too_many_pixels":
        assert len(content) < MAX_ATTACHMENT_BYTES
    token = register(platform)["access_token"]
    before = _files(platform)
    assert_error(_put(platform, token, content), status, code)
    assert_error(_get(platform, token), 404, "not_found")
    assert _files(platform) == before


def test_too_large_is_refused_while_reading(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    before = _files(platform)
    assert_error(_put(platform, token, _too_large_in_chunks()), 413, "attachment_too_large")
    assert_error(_get(platform, token), 404, "not_found")
    assert _files(platform) == before
    # Exactly at the limit the size is fine (the content then decides).
    at_limit = b"\xff\xd8\xff" + b"\0" * (MAX_ATTACHMENT_BYTES - 3)
    assert_error(_put(platform, token, at_limit), 422, "attachment_corrupt")


def test_attachments_are_private(platform: PlatformProcess) -> None:
    a = register(platform)["access_token"]
    b = register(platform)["access_token"]
    assert _put(platform, a, jpeg_bytes((33, 44))).status_code == 200
    assert_error(_get(platform, b), 404, "not_found")
    profile = requests.get(platform.api + "/me/profile", headers=bearer(b), timeout=10).json()
    assert profile["attachments"]["id_front"] is None
    assert _get(platform, a).status_code == 200


def test_unknown_kind_and_no_login(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    assert_error(_put(platform, token, jpeg_bytes(), "selfie"), 404, "not_found")
    assert_error(_get(platform, token, "selfie"), 404, "not_found")
    assert_error(
        requests.put(_url(platform, "photo"), data=jpeg_bytes(), timeout=10), 401, "unauthorized"
    )
    assert_error(requests.get(_url(platform, "photo"), timeout=10), 401, "unauthorized")
    assert_error(
        requests.get(_url(platform, "photo"), headers=bearer("nope"), timeout=10),
        401,
        "unauthorized",
    )


def test_upload_is_a_profile_change(platform: PlatformProcess) -> None:
    learner = register(platform)
    token = learner["access_token"]
    assert _put(platform, token, jpeg_bytes(), "id_back").status_code == 200
    items = requests.get(platform.api + "/changes", headers=bearer(token), timeout=10).json()[
        "items"
    ]
    assert (items[-1]["entity"], items[-1]["entity_id"]) == ("profile", learner["account"]["id"])


# -- any coding, depth and profile, and huge photos (issue 15) -----------------------------


def test_an_unsupported_coding_is_told_as_such_not_as_corrupt(platform: PlatformProcess) -> None:
    token = register(platform)["access_token"]
    error = assert_error(
        _put(platform, token, ARITHMETIC_JPEG), 422, "attachment_unsupported_coding"
    )
    assert error["message"] == "不支持的 JPEG 编码（算术编码），请用手机或画图软件另存为普通 JPG"
    error = assert_error(
        _put(platform, token, jpeg_with_frame(precision=12)), 422, "attachment_unsupported_coding"
    )
    assert "（12 位精度）" in error["message"]


def test_a_108_megapixel_photo_under_2_mb_is_stored_scaled_down(platform: PlatformProcess) -> None:
    out = io.BytesIO()
    original = face((1200, 900))
    original.resize((12000, 9000), Image.Resampling.BILINEAR).save(out, "JPEG", quality=75)
    assert len(out.getvalue()) < MAX_ATTACHMENT_BYTES
    token = register(platform)["access_token"]
    response = _put(platform, token, out.getvalue(), "photo")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["width"], body["height"]) == (6000, 4500)  # decoded at 1/2: under 40 MP
    with Image.open(io.BytesIO(_get(platform, token, "photo").content)) as stored:
        assert stored.size == (6000, 4500)
        shrunk = stored.convert("L").resize(original.size)
        pairs = zip(shrunk.tobytes(), original.tobytes(), strict=True)
        assert sum(abs(a - b) for a, b in pairs) / (1200 * 900) < 4  # the same picture


def _srgb(value: float) -> int:
    value = min(max(value, 0.0), 1.0)
    encoded = value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055
    return round(encoded * 255)


def test_a_display_p3_photo_is_stored_in_srgb(platform: PlatformProcess) -> None:
    """The stored JPEG has no profile, so its pixels must be sRGB: P3 green (60, 170, 80)
    is sRGB (0, 173, 67) — kept as it was, it would look dull."""
    out = io.BytesIO()
    colour = (60, 170, 80)
    Image.new("RGB", (64, 64), colour).save(
        out, "JPEG", quality=100, subsampling=0, icc_profile=display_p3_profile()
    )
    token = register(platform)["access_token"]
    assert _put(platform, token, out.getvalue()).status_code == 200
    with Image.open(io.BytesIO(_get(platform, token).content)) as stored:
        assert "icc_profile" not in stored.info
        red, green, blue = stored.convert("RGB").getpixel((32, 32))
    assert DISPLAY_P3_PRIMARIES[1] == (0.265, 0.690)
    assert red < 10 and abs(green - 173) <= 4 and abs(blue - 67) <= 4


def test_a_cmyk_jpeg_is_stored_as_rgb(platform: PlatformProcess) -> None:
    out = io.BytesIO()
    Image.new("CMYK", (64, 64), (0, 255, 255, 0)).save(out, "JPEG", quality=95)
    token = register(platform)["access_token"]
    assert _put(platform, token, out.getvalue()).status_code == 200
    with Image.open(io.BytesIO(_get(platform, token).content)) as stored:
        assert stored.mode == "RGB"
        red, green, blue = stored.getpixel((32, 32))
    assert red > 235 and green < 20 and blue < 20
