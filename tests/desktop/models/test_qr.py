"""The payment QR code is drawn module for module from segno's symbol, with a quiet zone.

No decoder is installed, so the image is read back pixel by pixel and compared with the
symbol segno encodes for the payload: same modules, the three finder patterns dark in
their corners, white quiet zone, the advertised size.
"""

from __future__ import annotations

import pytest
import segno
from PySide6.QtGui import QImage

from desktop.models.qr import QUIET_ZONE, qr_image, qr_image_fitting, qr_matrix

PAYLOAD = "weixin://wxpay/bizpayurl?pr=sandbox-3f2a9c1e-7d4b-4e0a-9f6c-2b8e5d1a0c77"


def is_dark(image: QImage, x: int, y: int) -> bool:
    return image.pixelColor(x, y).lightness() < 128


def read_modules(image: QImage, module_px: int, quiet_zone: int) -> list[list[bool]]:
    """Sample each module's centre."""
    side = image.width() // module_px
    return [
        [
            is_dark(image, x * module_px + module_px // 2, y * module_px + module_px // 2)
            for x in range(quiet_zone, side - quiet_zone)
        ]
        for y in range(quiet_zone, side - quiet_zone)
    ]


def test_matrix_is_segnos_full_qr_symbol() -> None:
    matrix = qr_matrix(PAYLOAD)
    symbol = segno.make_qr(PAYLOAD, error="m")
    assert len(matrix) == symbol.symbol_size(border=0)[0] == len(matrix[0])
    assert len(matrix) == 17 + 4 * int(symbol.version)  # a full QR, never a Micro QR
    assert matrix == [[bool(m) for m in row] for row in symbol.matrix]


@pytest.mark.parametrize("module_px", [3, 5, 8])
def test_image_draws_every_module_inside_a_white_quiet_zone(module_px: int) -> None:
    matrix = qr_matrix(PAYLOAD)
    image = qr_image(PAYLOAD, module_px=module_px)
    expected_side = (len(matrix) + 2 * QUIET_ZONE) * module_px
    assert (image.width(), image.height()) == (expected_side, expected_side)

    assert read_modules(image, module_px, QUIET_ZONE) == matrix

    border = QUIET_ZONE * module_px
    for i in range(expected_side):
        for x, y in ((i, 0), (i, border - 1), (0, i), (border - 1, i)):
            assert not is_dark(image, x, y), (x, y)
        for x, y in ((i, expected_side - 1), (expected_side - border, i)):
            assert not is_dark(image, x, y), (x, y)


def test_finder_patterns_are_dark_in_three_corners_only() -> None:
    matrix = qr_matrix(PAYLOAD)
    n = len(matrix)

    def finder_at(top: int, left: int) -> bool:
        ring = all(
            matrix[top + i][left + j]
            for i in range(7)
            for j in range(7)
            if i in (0, 6) or j in (0, 6)
        )
        gap = not any(
            matrix[top + i][left + j]
            for i in range(1, 6)
            for j in range(1, 6)
            if i in (1, 5) or j in (1, 5)
        )
        core = all(matrix[top + i][left + j] for i in range(2, 5) for j in range(2, 5))
        return ring and gap and core

    assert finder_at(0, 0) and finder_at(0, n - 7) and finder_at(n - 7, 0)
    assert not finder_at(n - 7, n - 7)


def test_a_fitting_image_uses_whole_pixels_and_stays_within_the_space() -> None:
    modules = len(qr_matrix(PAYLOAD)) + 2 * QUIET_ZONE
    image = qr_image_fitting(PAYLOAD, 230)
    assert image.width() <= 230 and image.width() % modules == 0
    assert image.width() + modules > 230  # the largest module size that fits
    module_px = image.width() // modules
    assert read_modules(image, module_px, QUIET_ZONE) == qr_matrix(PAYLOAD)


def test_other_payloads_make_other_symbols_and_empty_is_refused() -> None:
    assert qr_matrix(PAYLOAD) != qr_matrix("alipays://platformapi/startapp?qr=other")
    with pytest.raises(ValueError):
        qr_matrix("")
