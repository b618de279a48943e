"""How keys and the wheel act: Enter presses the focused button everywhere, not only in
dialogs; the wheel changes only the combo box or spin box that has the focus.

Qt lets Enter click a focused push button only inside a QDialog (``autoDefault``); on our
pages (选课, 开始学习, 下一步：选课…) a keyboard user who tabbed to a button and pressed
Enter got nothing.  This gives pages the dialogs' behaviour.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QPushButton, QWidget

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


class WheelNeedsFocus(QObject):
    """The wheel over a combo box or spin box that has no focus scrolls the page instead.

    Scrolling the long walk-in form with the wheel silently turned 初级 into 中级 and
    changed a district whenever one passed under the pointer.  Qt gives these widgets
    ``WheelFocus`` (a wheel event focuses them, then changes them); here every one of them,
    wherever built, gets ``StrongFocus`` when it is polished, and a wheel event reaching one
    without focus is ignored, so Qt passes it on to the parent (the scroll area).  Click or
    Tab into the box, and the wheel works as before.

    This sits on the application (widgets are built in many places, also later); it
    returns at once for any event but Polish and Wheel.
    """

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        app.installEventFilter(self)
        for widget in app.allWidgets():  # those already polished
            _take_strong_focus(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Polish:
            _take_strong_focus(watched)
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(watched, (QComboBox, QAbstractSpinBox))
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False


def _take_strong_focus(widget: QObject) -> None:
    if (
        isinstance(widget, (QComboBox, QAbstractSpinBox))
        and widget.focusPolicy() == Qt.FocusPolicy.WheelFocus
    ):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
