"""The one JPEG check, read from the headers: format, coding, and the bomb guard."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from rules.attachments import (
    CODING_ARITHMETIC,
    MAX_ATTACHMENT_BYTES,
    MAX_SOURCE_PIXELS,
    attachment_problem,
    check_jpeg,
    read_jpeg_frame,
    reduced_size,
)
from tests.helpers.images import (
    ARITHMETIC_JPEG,
    ARITHMETIC_SIZE,
    jpeg_bytes,
    jpeg_claiming,
    jpeg_with_frame,
    png_bytes,
    progressive_claiming,
)


def test_an_ordinary_jpeg_passes_with_its_size() -> None:
    frame, problem = check_jpeg(io.BytesIO(jpeg_bytes((80, 50))))
    assert problem is None
    assert frame is not None and (frame.width, frame.height) == (80, 50)
    assert frame.unsupported_coding() is None


def test_an_arithmetic_coded_jpeg_is_named() -> None:
    frame, problem = check_jpeg(io.BytesIO(ARITHMETIC_JPEG))
    assert frame is not None and (frame.width, frame.height) == ARITHMETIC_SIZE
    assert problem is not None and problem.code == "attachment_unsupported_coding"
    assert problem.coding == CODING_ARITHMETIC
    assert problem.text() == "不支持的 JPEG 编码（算术编码），请用手机或画图软件另存为普通 JPG"
    translated = problem.text(lambda source: f"<{source}>")
    assert translated == "<不支持的 JPEG 编码（<算术编码>），请用手机或画图软件另存为普通 JPG>"


@pytest.mark.parametrize(
    ("jpeg", "coding"),
    [
        (jpeg_with_frame(precision=12), "12 位精度"),
        (jpeg_with_frame(marker=0xC3), "无损压缩"),
        (jpeg_with_frame(marker=0xC5), "分层编码"),
        (jpeg_with_frame(marker=0xCA), "算术编码"),
    ],
)
def test_other_codings_are_named_too(jpeg: bytes, coding: str) -> None:
    _frame, problem = check_jpeg(io.BytesIO(jpeg))
    assert problem is not None and problem.coding == coding


def test_not_a_jpeg_and_a_broken_one_are_told_apart() -> None:
    _frame, problem = check_jpeg(io.BytesIO(png_bytes()))
    assert problem is not None and problem.code == "attachment_not_jpeg"
    _frame, problem = check_jpeg(io.BytesIO(b"\xff\xd8\xff\xe0" + b"garbage" * 10))
    assert problem is not None and problem.code == "attachment_corrupt"
    assert read_jpeg_frame(io.BytesIO(jpeg_bytes()[:40])) is None


def test_the_bomb_guard_reads_the_header() -> None:
    _frame, problem = check_jpeg(io.BytesIO(jpeg_claiming(20000, 15000)))
    assert MAX_SOURCE_PIXELS < 20000 * 15000
    assert problem is not None and problem.code == "attachment_too_many_pixels"
    # A 200 MP phone sensor passes the guard (these few bytes then fail the next check).
    _frame, problem = check_jpeg(io.BytesIO(jpeg_claiming(16320, 12240)))
    assert problem is not None and problem.code != "attachment_too_many_pixels"


def test_a_header_claiming_more_than_its_data_can_hold_is_corrupt() -> None:
    """libjpeg pads a short scan with grey without complaint; each 8 x 8 block takes at
    least one bit of scan data."""
    _frame, problem = check_jpeg(io.BytesIO(jpeg_claiming(7000, 7000)))
    assert problem is not None and problem.code == "attachment_corrupt"
    big = io.BytesIO()
    Image.radial_gradient("L").resize((4000, 3000)).save(big, "JPEG", quality=20)
    frame, problem = check_jpeg(big)
    assert problem is None and frame is not None
    assert len(big.getvalue()) > frame.blocks // 8


def test_a_progressive_jpeg_is_guarded_by_the_coefficients_it_buffers() -> None:
    """Progressive decoding keeps every coefficient, even at 1/8 scale: 8000 x 6000 in 4:4:4
    would hold 288 MB; the same in 4:2:0 (what cameras write) 144 MB."""
    tall = progressive_claiming(8000, 6000, subsampling=0)
    _frame, problem = check_jpeg(io.BytesIO(tall))
    assert problem is not None and problem.code == "attachment_too_many_pixels"
    for allowed in (progressive_claiming(8000, 6000, subsampling=2), jpeg_claiming(8000, 6000)):
        _frame, problem = check_jpeg(io.BytesIO(allowed))
        assert problem is None or problem.code != "attachment_too_many_pixels"


def test_reduced_scale_sizes() -> None:
    assert reduced_size((12000, 9000), max_pixels=40_000_000) == (6000, 4500)
    assert reduced_size((12000, 9000), min_side=2400) == (3000, 2250)
    assert reduced_size((4000, 3000), min_side=2400) == (4000, 3000)
    assert reduced_size((5000, 3000), min_side=2400) == (2500, 1500)


def test_one_check_for_an_offered_file_and_texts_name_the_limit_from_its_number() -> None:
    """The platform's upload and the desk's batch import both run ``attachment_problem``."""
    jpeg = jpeg_bytes()
    assert attachment_problem(io.BytesIO(jpeg), len(jpeg))[1] is None
    empty = attachment_problem(io.BytesIO(b""), 0)[1]
    assert empty is not None and empty.code == "attachment_empty"
    # Refused by its size alone, before a byte is read.
    too_large = attachment_problem(io.BytesIO(b""), MAX_ATTACHMENT_BYTES + 1)[1]
    assert too_large is not None and too_large.code == "attachment_too_large"
    assert too_large.text() == "附件不能超过 2 MB"
    png = png_bytes()
    not_jpeg = attachment_problem(io.BytesIO(png), len(png))[1]
    assert not_jpeg is not None and not_jpeg.code == "attachment_not_jpeg"
