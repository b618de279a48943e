"""Enter presses the focused button everywhere, not only in dialogs.

Qt lets Enter click a focused push button only inside a QDialog (``autoDefault``); on our
pages (选课, 开始学习, 下一步：选课…) a keyboard user who tabbed to a button and pressed
Enter got nothing.  This gives pages the dialogs' behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterClicksButtons(QObject):
    """Enter on a focused, enabled push button that Qt would not click itself (outside a
    dialog) clicks it.

    The filter sits on the focused button only (moved along by ``focusChanged``), not on
    the whole application, so no other event pays for it.
    """

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QPushButton):
            old.removeEventFilter(self)
        if isinstance(new, QPushButton) and not new.autoDefault():
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and isinstance(watched, QPushButton)
            and watched.isEnabled()
            and not watched.autoDefault()
        ):
            watched.click()
            return True
        return super().eventFilter(watched, event)
