"""Walk a screen by Tab, as a keyboard-only user does, and check what the walk met.

``tab_cycle`` presses Tab on whatever has the focus (real key events through Qt's focus
chain) until the focus comes back to where it started.  The checks then say which
controls of the screen the walk missed, which focused control has no name a screen reader
could speak, and whether a form is walked top to bottom, left to right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

#: What a keyboard user must be able to reach (the brief's list of interactive controls).
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QAbstractSlider,
    QTextEdit,
    QPlainTextEdit,
)
#: Pixels two controls may differ in height and still count as one row.
ROW_TOLERANCE = 8
MAX_STEPS = 200


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def focus_first(qtbot: QtBot, widget: QWidget) -> None:
    """Give *widget*'s window the focus and put it on *widget* (where a walk starts)."""
    window = widget.window()
    window.activateWindow()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is widget, timeout=2_000)


def press(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    """Press *key* on whatever has the focus, as the keyboard does."""
    target = focused()
    assert target is not None, "nothing has the keyboard focus"
    if modifier is None:
        qtbot.keyClick(target, key)
    else:
        qtbot.keyClick(target, key, modifier)


def tab_cycle(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Focus *start*, press Tab until the focus is back on it; the widgets met, in order.

    Fails when Tab gets stuck (a widget keeps Tab for itself) or never comes back.
    """
    focus_first(qtbot, start)
    cycle: list[QWidget] = [start]
    for _ in range(MAX_STEPS):
        before = focused()
        press(qtbot, Qt.Key.Key_Tab)
        now = focused()
        assert now is not None, f"Tab after {name_of(before)} left nothing focused"
        if now is start:
            return cycle
        assert now is not before, f"Tab is stuck on {name_of(now)}"
        assert now not in cycle, (
            f"Tab came back to {name_of(now)} without passing {name_of(start)}: "
            f"{[name_of(w) for w in cycle]}"
        )
        cycle.append(now)
    raise AssertionError(f"Tab never came back to {name_of(start)}")


def backtab_cycle(qtbot: QtBot, start: QWidget) -> list[QWidget]:
    """Shift+Tab from *start* round to it again (the walk backwards)."""
    focus_first(qtbot, start)
    cycle: list[QWidget] = [start]
    for _ in range(MAX_STEPS):
        press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        now = focused()
        assert now is not None
        if now is start:
            return cycle
        assert now not in cycle, f"Shift+Tab loops without {name_of(start)}"
        cycle.append(now)
    raise AssertionError(f"Shift+Tab never came back to {name_of(start)}")


def reachable_controls(root: QWidget) -> list[QWidget]:
    """The visible, enabled interactive controls under *root* a keyboard user needs.

    Controls that take no focus by design (a flat label-like button with ``NoFocus`` is
    still a control and is listed) are listed too: the walk must meet them.  Parts of a
    compound control (a combo's line edit, a spin box's editor, a scroll bar, a table's
    header) are the compound control's business and are left out.
    """
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root.window()):
            continue
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if _is_part_of_compound(widget):
            continue
        if widget.width() <= 0 or widget.height() <= 0:
            continue
        found.append(widget)
    return found


def _is_part_of_compound(widget: QWidget) -> bool:
    """Parts of a compound control: a combo's or spin box's editor, a table's headers,
    scroll bars and corner button, a tab bar's scroll arrows.  A button a table holds in
    a cell (an 操作 column) is no part: it must be reached."""
    if isinstance(widget, (QScrollBar, QHeaderView)) or widget.objectName().startswith("qt_"):
        return True
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QTabBar)):
            return True
        if isinstance(parent, QAbstractItemView) and child is not parent.viewport():
            return True
        child, parent = parent, parent.parentWidget()
    return False


def missed(cycle: Sequence[QWidget], root: QWidget) -> list[str]:
    """The controls under *root* the Tab walk never reached (names, for the message).

    Exclusive radio buttons are one stop, as on every desktop: Tab enters the group at its
    checked button and the arrow keys move within it, so one member met reaches them all.
    """
    met = set(map(id, cycle))
    reached_groups = {_exclusive_group(w) for w in cycle} - {None}
    return [
        name_of(w)
        for w in reachable_controls(root)
        if id(w) not in met and _exclusive_group(w) not in reached_groups
    ]


def _exclusive_group(widget: QWidget) -> object | None:
    """What makes *widget* one of a set of radio buttons (its QButtonGroup or parent)."""
    if not isinstance(widget, QRadioButton):
        return None
    group = widget.group()
    if group is not None and group.exclusive():
        return group
    return widget.parentWidget() if widget.autoExclusive() else None


def speakable_name(widget: QWidget) -> str:
    """What a screen reader says for *widget*: its accessible name, else its text."""
    if widget.accessibleName().strip():
        return widget.accessibleName().strip()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QTabBar) and widget.count():
        return widget.tabText(widget.currentIndex()).replace("&", "").strip()
    return ""  # a line edit's text or a combo's value is not its name


def unnamed(cycle: Iterable[QWidget]) -> list[str]:
    """Focused controls with neither an accessible name nor visible text."""
    return [name_of(w) for w in cycle if not speakable_name(w)]


def ambiguous(cycle: Iterable[QWidget]) -> list[str]:
    """Names spoken for more than one focused control (three alike "选择图片…" buttons:
    which photo is which?)."""
    seen: dict[str, int] = {}
    for widget in cycle:
        name = speakable_name(widget)
        seen[name] = seen.get(name, 0) + 1
    return sorted(name for name, count in seen.items() if count > 1 and name)


def out_of_reading_order(cycle: Sequence[QWidget]) -> list[tuple[str, str]]:
    """Pairs of neighbours in *cycle* where the second sits above, or on the same row
    left of, the first (by global geometry): a form is walked top to bottom, left to
    right.  A scroll area is the frame around its controls, not a place in the reading."""
    wrong = []
    controls = [w for w in cycle if not _is_frame(w)]
    if controls:  # a cycle: read it from the control at the top left
        first = min(range(len(controls)), key=lambda i: _reading_key(controls[i]))
        controls = controls[first:] + controls[:first]
    for before, after in pairwise(controls):
        a, b = _top_left(before), _top_left(after)
        same_row = abs(a.y() - b.y()) <= ROW_TOLERANCE
        if (same_row and b.x() < a.x()) or (not same_row and b.y() < a.y()):
            wrong.append((name_of(before), name_of(after)))
    return wrong


def _is_frame(widget: QWidget) -> bool:
    return isinstance(widget, QAbstractScrollArea) and not isinstance(
        widget, (QAbstractItemView, QTextEdit, QPlainTextEdit)
    )


def _reading_key(widget: QWidget) -> tuple[int, int]:
    point = _top_left(widget)
    return (point.y() // ROW_TOLERANCE, point.x())


def _top_left(widget: QWidget) -> QPoint:
    return widget.mapToGlobal(QPoint(0, 0))


def name_of(widget: QWidget | None) -> str:
    """A widget as a failure message names it."""
    if widget is None:
        return "<none>"
    label = speakable_name(widget) or widget.objectName() or "?"
    return f"{type(widget).__name__}({label})"


def within(cycle: Sequence[QWidget], root: QWidget) -> list[QWidget]:
    """The part of *cycle* that lies under *root* (a page of a window)."""
    return [w for w in cycle if w is root or root.isAncestorOf(w)]


def assert_walkable(
    qtbot: QtBot,
    start: QWidget,
    *,
    root: QWidget | None = None,
    reading_order: bool = False,
) -> list[QWidget]:
    """The screen's checks in one: Tab from *start* reaches every control of *root*
    (default: *start*'s window), each with a name; with *reading_order*, in reading order.
    Returns the part of the cycle under *root*."""
    root = root or start.window()
    cycle = tab_cycle(qtbot, start)
    mine = within(cycle, root)
    assert not missed(cycle, root), f"not reachable by Tab: {missed(cycle, root)}"
    assert not unnamed(mine), f"no accessible name: {unnamed(mine)}"
    assert not ambiguous(mine), f"one name for several controls: {ambiguous(mine)}"
    if reading_order:
        assert not out_of_reading_order(mine), f"out of reading order: {out_of_reading_order(mine)}"
    return mine
