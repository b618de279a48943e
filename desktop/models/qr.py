"""The QR code of a WeChat Pay / Alipay payment, drawn here from the payment's payload.

The payload is encoded by segno (pure Python, no network) and its module matrix painted
into a QImage: black modules on white with the standard quiet zone of four modules, so that
any phone's scanner reads it.  A full QR symbol is forced (never a Micro QR, which payment
apps do not read), with error correction level M at least.
"""

from __future__ import annotations

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

QUIET_ZONE = 4
"""Modules of white around the symbol (ISO/IEC 18004 asks for four)."""

DEFAULT_MODULE_PX = 6
MIN_MODULE_PX = 2


def qr_matrix(payload: str) -> list[list[bool]]:
    """The symbol's modules, row by row, without the quiet zone (True = dark)."""
    if not payload:
        raise ValueError("an empty QR payload")
    code = segno.make_qr(payload, error="m")
    return [[bool(module) for module in row] for row in code.matrix]


def qr_image(
    payload: str, *, module_px: int = DEFAULT_MODULE_PX, quiet_zone: int = QUIET_ZONE
) -> QImage:
    """*payload* as a square black-on-white image of ``(modules + 2·quiet_zone) · module_px``."""
    matrix = qr_matrix(payload)
    side = (len(matrix) + 2 * quiet_zone) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        (x + quiet_zone) * module_px,
                        (y + quiet_zone) * module_px,
                        module_px,
                        module_px,
                        QColor(Qt.GlobalColor.black),
                    )
    finally:
        painter.end()
    return image


def qr_image_fitting(payload: str, max_side_px: int, *, quiet_zone: int = QUIET_ZONE) -> QImage:
    """The largest whole-pixel drawing of *payload* within *max_side_px* (never blurred by
    scaling; at least ``MIN_MODULE_PX`` per module, so a long payload may exceed it)."""
    modules = len(qr_matrix(payload)) + 2 * quiet_zone
    module_px = max(MIN_MODULE_PX, max_side_px // modules)
    return qr_image(payload, module_px=module_px, quiet_zone=quiet_zone)
