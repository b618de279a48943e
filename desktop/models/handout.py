"""A chapter's handout (讲义) opened for reading: its pages drawn by PDFium.

PySide6-Essentials has no QtPdf, and "open with the system's viewer" fails silently on a
PC with no PDF viewer registered, so the app draws the pages itself with pypdfium2.  The
module is imported only when a handout is first opened (the start-up guard,
``tests/desktop/test_startup_imports.py``).  No widgets: a page comes out as raw BGRx
pixels that the viewer wraps in a ``QImage``.  PDFium is not thread-safe; one document is
used from one thread (the GUI thread: a page of a handout draws in milliseconds).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72


class HandoutUnreadable(Exception):
    """The file is no PDF PDFium can read (damaged, cut short, not a PDF, or empty)."""


@dataclass(frozen=True)
class RenderedPage:
    """One page's pixels: ``height`` rows of ``stride`` bytes, 4 bytes a pixel (B, G, R, x)."""

    width: int
    height: int
    stride: int
    pixels: bytes


class HandoutDocument:
    """An open handout PDF: how many pages, their sizes, and each page drawn at a width."""

    def __init__(self, path: Path) -> None:
        import pypdfium2

        self.path = path
        try:
            self._pdf: Any = pypdfium2.PdfDocument(str(path))
            count = len(self._pdf)
        except (pypdfium2.PdfiumError, OSError) as exc:
            log.warning("handout %s cannot be read: %s", path.name, exc)
            raise HandoutUnreadable(str(exc)) from exc
        if count == 0:
            self._pdf.close()
            raise HandoutUnreadable("no pages")
        self.page_count = count
        self._sizes: list[tuple[float, float]] = []
        for index in range(count):
            width, height = self._pdf[index].get_size()
            self._sizes.append((float(width), float(height)))

    def page_size(self, index: int) -> tuple[float, float]:
        """The page's width and height in points (1/72 inch)."""
        return self._sizes[index]

    def render(self, index: int, width_px: int) -> RenderedPage:
        """Page *index* drawn *width_px* pixels wide (its height follows its shape)."""
        import pypdfium2

        page_width, _height = self._sizes[index]
        scale = max(1, width_px) / page_width
        try:
            bitmap = self._pdf[index].render(scale=scale, prefer_bgrx=True)
        except pypdfium2.PdfiumError as exc:
            raise HandoutUnreadable(str(exc)) from exc
        if bitmap.n_channels != 4:  # BGRx was asked for
            raise HandoutUnreadable(f"unexpected bitmap with {bitmap.n_channels} channels")
        return RenderedPage(bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))

    def close(self) -> None:
        self._pdf.close()
