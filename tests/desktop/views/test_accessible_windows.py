"""The player (a plain QWidget shown as a window) reads as a window to a screen reader, not
as a ``filler`` pane; what is not a window keeps its role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.accessible_windows import install_window_roles
from desktop.views.player import PlayerWindow


class Pane(QWidget):
    pass


def role(widget: QWidget) -> QAccessible.Role:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.role()


def test_plain_widget_windows_are_windows_and_their_parts_keep_their_roles(
    qtbot: QtBot,
) -> None:
    install_window_roles()  # as the main window does
    player = PlayerWindow(audio=False)
    qtbot.addWidget(player)
    assert role(player) == QAccessible.Role.Window
    assert role(player.fullscreen_button) == QAccessible.Role.Button

    window = Pane(None, Qt.WindowType.Window)
    qtbot.addWidget(window)
    inner, button = Pane(), QPushButton("确定")  # made as windows, then adopted
    assert role(inner) == QAccessible.Role.Window
    assert role(button) == QAccessible.Role.Button
    layout = QHBoxLayout(window)
    layout.addWidget(inner)
    layout.addWidget(button)
    assert role(window) == QAccessible.Role.Window
    assert role(inner) == QAccessible.Role.Client
    assert role(button) == QAccessible.Role.Button
