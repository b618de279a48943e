"""Windows that open where they were left: restored when shown, saved when hidden.

One event filter on the application watches the resizable top-level windows by object
name (the main window, the player, the exam dialog, the desk's batch and admin dialogs),
so the views that build those windows need to know nothing of it.  Only Show, Hide and
Close events of top-level widgets are looked at, and only of windows that belong to this
app: the ``adopt``-ed roots (the main window, the player) and the dialogs parented to them
(another ``DesktopApp`` in the same process — tests — keeps its own files).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from desktop.models.window_state import SavedWindow, fit_on_screens, load_window, save_window

#: Object name of a window → its key under ``windows/`` in the preferences file.
REMEMBERED = {
    "mainWindow": "main",
    "playerWindow": "player",
    "examDialog": "exam",
    "batchDialog": "desk_batch",
    "adminDialog": "desk_admin",
}

_WATCHED = frozenset({QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Close})


class WindowMemory(QObject):
    """Restores and saves the geometry of the windows in ``REMEMBERED``."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._roots: list[QWidget] = []
        self._app: QApplication | None = None

    def watch(self, app: QApplication) -> None:
        self._app = app
        app.installEventFilter(self)

    def stop(self) -> None:
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None

    def adopt(self, root: QWidget) -> None:
        """*root* and the dialogs parented to it are this app's windows."""
        self._roots.append(root)

    def _owns(self, window: QWidget) -> bool:
        widget: QWidget | None = window
        while widget is not None:
            if any(widget is root for root in self._roots):
                return True
            widget = widget.parentWidget()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _WATCHED or not isinstance(watched, QWidget) or not watched.isWindow():
            return False
        name = REMEMBERED.get(watched.objectName())
        if name is None or not self._owns(watched):
            return False
        if kind == QEvent.Type.Show and not event.spontaneous():
            self.restore(watched, name)
        elif kind in (QEvent.Type.Hide, QEvent.Type.Close):
            self.save(watched, name)
        return False

    def restore(self, window: QWidget, name: str) -> None:
        """Back where it was, on a screen that exists now; maximised if it was."""
        saved = load_window(self._data_dir, name)
        if saved is None:
            return
        window.restoreGeometry(saved.geometry)
        screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
        primary = QGuiApplication.primaryScreen()
        if primary is not None:
            screens.insert(0, primary.availableGeometry())
        frame = window.frameGeometry()
        fitted = fit_on_screens(frame, screens)
        if fitted != frame:
            window.resize(fitted.size() - (frame.size() - window.size()))
            window.move(fitted.topLeft())
        if saved.maximized:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def save(self, window: QWidget, name: str) -> None:
        save_window(
            self._data_dir,
            name,
            SavedWindow(window.saveGeometry(), window.isMaximized()),
        )

    def save_open_windows(self) -> None:
        """At quit: windows still open get no Hide event, so save them here."""
        for window in QApplication.topLevelWidgets():
            name = REMEMBERED.get(window.objectName())
            if name is not None and window.isVisible() and self._owns(window):
                self.save(window, name)
