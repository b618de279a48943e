"""Top-level windows that are plain widgets (the player) read as windows, not as ``filler``.

Qt picks a widget's accessible role by its class: ``QMainWindow`` is a frame, ``QDialog`` a
dialog, but a ``QWidget`` subclass shown as a window keeps the role of a pane, which AT-SPI
calls ``filler`` — a screen reader switching to the player said nothing of a window.  A
factory installed once gives our plain-``QWidget`` classes Qt's own widget interface with a
role that follows the widget: ``Window`` while it is a window, a pane otherwise.  (The role
is asked each time, not fixed when the interface is made: widgets made without a parent
are windows until a layout adopts them.)
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

_installed = False
_alive: list[QAccessibleWidget] = []
"""The interfaces made here: Qt owns and deletes them with their widget, but the Python
wrapper must live as long (a collected wrapper would delete the C++ interface Qt holds)."""
_pruned_at = 64


class _PlainWidgetInterface(QAccessibleWidget):
    def role(self) -> QAccessible.Role:
        widget = self.widget()
        if widget is not None and widget.isWindow():
            return QAccessible.Role.Window
        return QAccessible.Role.Client


def _is_plain_widget_class(obj: QObject) -> bool:
    """Our own subclasses of ``QWidget`` itself (not of a button, frame, dialog…): Qt's
    interfaces for everything else, and for its own internal widgets, stay as they are."""
    cls = type(obj)
    if cls.__module__.startswith("PySide6"):
        return False
    qt_base = next((c for c in cls.__mro__ if c.__module__.startswith("PySide6")), None)
    return qt_base is QWidget


def _plain_widget_interface(key: str, obj: QObject) -> QAccessibleInterface | None:
    global _pruned_at
    if key != type(obj).__name__ or not _is_plain_widget_class(obj):
        return None  # asked once per class of the chain: answer for the object's own
    assert isinstance(obj, QWidget)
    if len(_alive) >= _pruned_at:
        _alive[:] = [iface for iface in _alive if shiboken6.isValid(iface)]  # widgets gone
        _pruned_at = max(64, 2 * len(_alive))
    iface = _PlainWidgetInterface(obj)
    _alive.append(iface)
    return iface


def install_window_roles() -> None:
    """Once per process, after the QApplication (factories installed later are asked
    first, so Qt's own widget factory must already be there)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_plain_widget_interface)
        _installed = True
