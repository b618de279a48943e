"""Remembered windows: where each window was, kept in the preferences file.

A window's geometry is saved under ``windows/<name>/geometry`` (Qt's ``saveGeometry``
blob) and ``windows/<name>/maximized`` in ``settings_file(data_dir)``.  A saved place can
be gone by the next start — a monitor unplugged, a laptop off its dock — so
``fit_on_screens`` moves a window that no longer shows enough of itself onto a screen
that exists.  No widgets here: the view (``desktop.views.window_memory``) does the Qt calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect

from desktop.models.preferences import settings_file

#: How much of a window's title bar must be on some screen for it to be reachable.
MIN_VISIBLE = 64


@dataclass(frozen=True)
class SavedWindow:
    geometry: QByteArray
    maximized: bool


def _key(name: str, field: str) -> str:
    return f"windows/{name}/{field}"


def load_window(data_dir: Path, name: str) -> SavedWindow | None:
    settings = settings_file(data_dir)
    raw = settings.value(_key(name, "geometry"))
    if not isinstance(raw, QByteArray) or raw.isEmpty():
        return None
    maximized = str(settings.value(_key(name, "maximized"), "false")).lower() in {"1", "true"}
    return SavedWindow(raw, maximized)


def save_window(data_dir: Path, name: str, saved: SavedWindow) -> None:
    settings = settings_file(data_dir)
    settings.setValue(_key(name, "geometry"), saved.geometry)
    settings.setValue(_key(name, "maximized"), saved.maximized)
    settings.sync()


def fit_on_screens(frame: QRect, screens: Sequence[QRect]) -> QRect:
    """*frame* if enough of its top edge is on one of *screens* (available geometries),
    else the same size (shrunk to fit) centred on the first screen (the primary)."""
    if not screens:
        return frame
    title_bar = QRect(frame.x(), frame.y(), frame.width(), min(frame.height(), MIN_VISIBLE))
    for screen in screens:
        seen = screen.intersected(title_bar)
        if seen.width() >= min(MIN_VISIBLE, frame.width()) and seen.height() > 0:
            return frame
    target = screens[0]
    width = min(frame.width(), target.width())
    height = min(frame.height(), target.height())
    moved = QRect(0, 0, width, height)
    moved.moveCenter(target.center())
    return moved
