"""Qt item models of 选课: the catalog grouped by category, and the selection tray.

``CatalogModel`` is a two-level tree — category rows ("行政事业（12门）") with their courses
as children — filtered as the learner types.  A catalog may hold 10,000 courses, so the
filter runs over lowercase keys computed once per catalog, narrows the previous result
while the learner types on, and remembers recent results so that a backspace costs nothing.

The filter is not what costs, though: the tree's relayout is.  QTreeView asks the model
about every expanded row on each layout (``index()``, then ``hasChildren()`` →
``rowCount()``), and each question answered in Python costs microseconds: the keystroke
that brings back all 10,000 rows took 40–70 ms, a dropped frame on every backspace to an
empty search.  So the model is a ``QStandardItemModel`` holding the tree's shape in C++:
its only items are the category rows, and a category's courses are empty cells counted by
``setRowCount``.  Structure questions never reach Python; ``data()`` — asked only for the
rows painted — answers from the course lists.  A filter change is never a model reset: the
categories whose matches changed have their course rows replaced (one removal, one
insertion), the others are taken away or put back whole, and ``shown_changed`` tells the
view to open the categories and recount.

Consequences of empty course cells:

* ``flags()`` is Qt's default for empty cells, answered in C++ (the tree is read-only and
  drags nothing; ``setData`` refuses).  So no item is "user checkable": the view turns a
  click, Space or double-click into ``request_toggle``, and the model asks the platform
  through ``selection_requested`` — the check mark moves only when the platform agreed,
  via ``update_courses``.
* A course cell's internal id is the address of its category's item, so ``data()`` finds
  the course with one dictionary lookup and the row among the category's shown courses.

``TrayModel`` lists the selected courses in catalog order with the running total in
credit tenths (``rules.credits``), so 52.5 / 60 is exact.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QStandardItem, QStandardItemModel
from shiboken6 import getCppPointer

from desktop.models.api_types import Course
from rules.credits import format_credits
from rules.selection import CLOSED_MESSAGE, deselect_problem

Index = QModelIndex | QPersistentModelIndex

COURSE_ROLE = Qt.ItemDataRole.UserRole
"""The ``Course`` of a course row (None on a category row)."""
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 1
"""The category name of a category row (None on a course row)."""
BUSY_ROLE = Qt.ItemDataRole.UserRole + 2
"""True while the course's select/deselect is on its way to the platform."""
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 3
"""True when the selected course can never be deselected (必修)."""
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 4
"""Why the selected course cannot be deselected (translated), or None."""
CREDITS_ROLE = Qt.ItemDataRole.UserRole + 5
"""The course's credits in tenths (int)."""

_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 64  # a category item's own: its category's index
_FILTER_MEMORY = 64  # recent filter results kept for backspaces
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_CHECK = Qt.ItemDataRole.CheckStateRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_FONT = Qt.ItemDataRole.FontRole
_CENTER = Qt.AlignmentFlag.AlignCenter
_COURSE_ROLES = frozenset(
    {
        _DISPLAY,
        _CHECK,
        _ALIGN,
        _TOOLTIP,
        _FOREGROUND,
        Qt.ItemDataRole.AccessibleTextRole,
        COURSE_ROLE,
        BUSY_ROLE,
        LOCKED_ROLE,
        PROBLEM_ROLE,
        CREDITS_ROLE,
    }
)
_CATEGORY_ROLES = frozenset({_DISPLAY, _FONT, CATEGORY_ROLE})


def course_problem(course: Course) -> str | None:
    """Why *course* (selected) cannot be deselected, translated; None when it can.

    The platform's word first (it knows the watched time best), else the shared rule.
    """
    problem = course.deselect_problem or deselect_problem(
        required=course.required, watched_ms=course.watched_ms
    )
    return QCoreApplication.translate("rules", problem) if problem else None


def _search_key(course: Course) -> str:
    return f"{course.title}\n{course.teacher}".lower()


def _needle(text: str) -> str:
    """The filter text as matched: lowercase, words separated by one space."""
    return " ".join(text.lower().split())


class CatalogModel(QStandardItemModel):
    """Courses grouped by category: 课程名称, 授课老师, 学分, 时长, 试听, 选择.

    Read-only: its items are its own (see the module's docstring for why it is a
    ``QStandardItemModel``).

    Signals:
        selection_requested(str, bool): the learner asked to select (True) or deselect
            (False) the course of that id; the view sends it to the platform.
        shown_changed(): the courses shown changed (a new catalog, a filter, a renamed
            course); categories put back come collapsed, and the count changed.
    """

    TITLE, TEACHER, CREDITS, DURATION, TRIAL, SELECT = range(6)
    selection_requested = Signal(str, bool)
    shown_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 6, parent)
        self._headers = [
            self.tr("课程名称"),
            self.tr("授课老师"),
            self.tr("学分"),
            self.tr("时长"),
            self.tr("试听"),
            self.tr("选择"),
        ]
        self._trial_text = self.tr("试听")
        self._busy_text = self.tr("处理中…")
        self._required_text = self.tr("必修")
        self._minutes_text = self.tr("{minutes}分钟")
        self._category_font = QFont()
        self._category_font.setBold(True)
        self._courses: list[Course] = []
        self._keys: list[str] = []
        self._position: dict[str, int] = {}  # course id → index in _courses
        self._category_names: list[str] = []
        self._category_of: list[int] = []  # course index → category index
        self._members: list[list[int]] = []  # category index → course indexes, in order
        self._items: list[QStandardItem] = []  # category index → its row's item
        self._category_at: dict[int, int] = {}  # address of a category's item → its index
        self._shown: list[list[int]] = []  # category index → course indexes shown (rows)
        self._needle = ""
        self._remembered: OrderedDict[str, list[list[int]]] = OrderedDict()
        self._busy: set[str] = set()
        self._closed = False

    # -- content --------------------------------------------------------------------

    def set_catalog(self, courses: Sequence[Course], *, closed: bool = False) -> None:
        """Show *courses* (catalog order), grouped by category in order of appearance.

        The filter text stays; busy marks of courses still present stay.
        """
        while self.rowCount():
            self.takeRow(self.rowCount() - 1)  # back to Python, which frees them below
        self._courses = list(courses)
        self._keys = [_search_key(c) for c in self._courses]
        self._position = {c.id: i for i, c in enumerate(self._courses)}
        self._busy &= self._position.keys()
        self._closed = closed
        category_index: dict[str, int] = {}
        self._category_names, self._members, self._category_of = [], [], []
        for i, course in enumerate(self._courses):
            number = category_index.get(course.category)
            if number is None:
                number = category_index[course.category] = len(self._category_names)
                self._category_names.append(course.category)
                self._members.append([])
            self._members[number].append(i)
            self._category_of.append(number)
        self._items = [self._category_item(n) for n in range(len(self._category_names))]
        self._category_at = {getCppPointer(item)[0]: n for n, item in enumerate(self._items)}
        self._shown = [[] for _ in self._items]
        self._remembered.clear()
        self._show(self._match(self._needle))
        self.shown_changed.emit()

    @staticmethod
    def _category_item(number: int) -> QStandardItem:
        item = QStandardItem()
        item.setColumnCount(6)
        item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
        item.setData(number, _NUMBER_ROLE)
        return item

    def set_closed(self, closed: bool) -> None:
        """Selection closed (截止): no course offers a toggle; the check marks stay."""
        if closed == self._closed:
            return
        self._closed = closed
        for number, members in enumerate(self._shown):
            if members:
                category = self._items[number].index()
                self.dataChanged.emit(
                    self.index(0, self.SELECT, category),
                    self.index(len(members) - 1, self.SELECT, category),
                )

    @property
    def closed(self) -> bool:
        return self._closed

    def courses(self) -> list[Course]:
        """Every course, in catalog order, whatever the filter."""
        return list(self._courses)

    def course_by_id(self, course_id: str) -> Course | None:
        position = self._position.get(course_id)
        return None if position is None else self._courses[position]

    def course(self, index: Index) -> Course | None:
        """The course of a row (None for a category row or an invalid index)."""
        number = self._category_at.get(index.internalId()) if index.isValid() else None
        if number is None:
            return None
        members, row = self._shown[number], index.row()
        return self._courses[members[row]] if 0 <= row < len(members) else None

    def update_courses(self, changed: Iterable[Course]) -> None:
        """Courses the platform described anew (same ids): their rows change in place.

        Rows emit ``dataChanged``; only when a title or teacher change moves a course in
        or out of the filter do rows come and go.
        """
        refilter = False
        for course in changed:
            position = self._position.get(course.id)
            if position is None:
                continue
            self._courses[position] = course
            key = _search_key(course)
            if key != self._keys[position]:
                self._keys[position] = key
                self._remembered.clear()
                refilter = True
            self._row_changed(position)
        if refilter:
            self._show(self._match(self._needle))
            self.shown_changed.emit()

    # -- filter ---------------------------------------------------------------------

    def set_filter(self, text: str) -> None:
        """Show only courses whose title or teacher contains every word of *text*.

        Case-insensitive; categories without a match disappear; "" shows everything.
        """
        needle = _needle(text)
        if needle == self._needle:
            return
        matches = self._match(needle)
        self._needle = needle
        self._show(matches)
        self.shown_changed.emit()

    @property
    def filter_text(self) -> str:
        return self._needle

    def visible_course_count(self) -> int:
        return sum(len(members) for members in self._shown)

    def _match(self, needle: str) -> list[list[int]]:
        """Per category, the indexes of the courses matching *needle*."""
        if not needle:
            return self._members
        remembered = self._remembered.get(needle)
        if remembered is not None:
            self._remembered.move_to_end(needle)
            return remembered
        # Typing on only narrows: search within the last result, not the whole catalog.
        base = self._members
        if self._needle and needle.startswith(self._needle):
            base = self._remembered.get(self._needle, self._members)
        keys, words = self._keys, needle.split(" ")
        if len(words) == 1:
            result = [[i for i in members if needle in keys[i]] for members in base]
        else:
            result = [[i for i in members if all(w in keys[i] for w in words)] for members in base]
        self._remembered[needle] = result
        while len(self._remembered) > _FILTER_MEMORY:
            self._remembered.popitem(last=False)
        return result

    def _show(self, matches: list[list[int]]) -> None:
        """Bring the rows to *matches* (per category): rows removed and inserted, no reset.

        A category whose matches changed gets its course rows replaced: two signals
        whatever the number of rows, where exact differences could take thousands.
        ``_shown`` changes between the removal and the insertion, so that ``data()``
        answers for the rows that are there when each signal goes out.
        """
        shown = self._shown
        for number, (old, new) in enumerate(zip(shown, matches, strict=True)):
            if old and new and old is not new and old != new:
                item = self._items[number]
                item.removeRows(0, len(old))
                shown[number] = new
                item.insertRows(0, len(new))
                category = item.index()
                self.dataChanged.emit(category, category)  # its count
            elif old and new:
                shown[number] = new
        for number in reversed(range(len(shown))):
            if shown[number] and not matches[number]:
                self.takeRow(self._items[number].row())  # the item waits in _items
                shown[number] = []
        row = 0
        for number, new in enumerate(matches):
            if new and not shown[number]:
                item = self._items[number]
                item.setRowCount(len(new))  # out of the model: no signals
                shown[number] = new
                self.insertRow(row, item)
            if new:
                row += 1

    # -- selection ------------------------------------------------------------------

    def toggle_problem(self, course: Course) -> str | None:
        """Why the learner cannot toggle *course* now (translated), or None."""
        if self._closed:
            return QCoreApplication.translate("rules", CLOSED_MESSAGE)
        if course.selected:
            return course_problem(course)
        return None

    def request_toggle(self, index: Index) -> str | None:
        """Ask to flip the selection of the row's course; returns why not, if it cannot.

        A category row, or a course already on its way to the platform, does nothing.
        """
        course = self.course(index)
        if course is None or course.id in self._busy:
            return None
        problem = self.toggle_problem(course)
        if problem is None:
            self.selection_requested.emit(course.id, not course.selected)
        return problem

    def set_busy(self, course_id: str, busy: bool) -> None:
        """Mark the course's row as waiting for the platform (or not any more)."""
        if busy == (course_id in self._busy) or course_id not in self._position:
            return
        if busy:
            self._busy.add(course_id)
        else:
            self._busy.discard(course_id)
        self._row_changed(self._position[course_id])

    def is_busy(self, course_id: str) -> bool:
        return course_id in self._busy

    def course_index(self, course_id: str, column: int = 0) -> QModelIndex:
        """The row of the course (invalid while filtered out)."""
        position = self._position.get(course_id)
        if position is None:
            return QModelIndex()
        number = self._category_of[position]
        members = self._shown[number]
        child = bisect_left(members, position)
        if child == len(members) or members[child] != position:
            return QModelIndex()
        return self.index(child, column, self._items[number].index())

    def _row_changed(self, position: int) -> None:
        first = self.course_index(self._courses[position].id)
        if first.isValid():
            self.dataChanged.emit(first, first.siblingAtColumn(self.SELECT))

    # -- QStandardItemModel: only what the items do not know ---------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 6:
            if role == _DISPLAY:
                return self._headers[section]
            if role == _ALIGN and section != self.TITLE:
                return _CENTER
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        return False  # the catalog changes through the platform only

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # A repaint asks each visible cell for seven roles: answer the cheap ones first.
        number = self._category_at.get(index.internalId())
        if number is None:  # a category row (its internal id is the root item's), or none
            return self._category_data(index, role) if role in _CATEGORY_ROLES else None
        if role not in _COURSE_ROLES:
            return None
        column = index.column()
        if role == _ALIGN:
            return None if column in (self.TITLE, self.TEACHER) else _CENTER
        if role == _CHECK and column != self.SELECT:
            return None
        if role == _FOREGROUND and not self._busy:
            return None
        members, row = self._shown[number], index.row()
        if not 0 <= row < len(members):
            return None
        course = self._courses[members[row]]
        if role == _DISPLAY:
            return self._course_text(course, column)
        if role == _CHECK:  # none while busy: the cell says 处理中… instead
            if course.id in self._busy:
                return None
            return Qt.CheckState.Checked if course.selected else Qt.CheckState.Unchecked
        if role == _FOREGROUND:
            if course.id in self._busy:  # greyed as hints are, in the current theme's palette
                return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
            return None
        if role == _TOOLTIP:
            return self._course_tooltip(course, column)
        if role == COURSE_ROLE:
            return course
        if role == BUSY_ROLE:
            return course.id in self._busy
        if role == LOCKED_ROLE:
            return course.required
        if role == PROBLEM_ROLE:
            return course_problem(course) if course.selected else None
        if role == CREDITS_ROLE:
            return course.credits_tenths
        if column == self.SELECT:  # AccessibleTextRole
            return self._course_text(course, column) or (
                self.tr("已选") if course.selected else self.tr("未选")
            )
        return None

    def _category_data(self, index: Index, role: int) -> Any:
        number = super().data(self.index(index.row(), 0), _NUMBER_ROLE)  # a top-level row
        if number is None:
            return None
        if role == _DISPLAY:
            if index.column() != self.TITLE:
                return None
            name = self._category_names[number] or self.tr("其他")
            count = len(self._shown[number])
            return self.tr("{category}（{count}门）").format(category=name, count=count)
        if role == _FONT:
            return self._category_font
        return self._category_names[number]  # CATEGORY_ROLE

    def _course_text(self, course: Course, column: int) -> str:
        if column == self.TITLE:
            return course.title
        if column == self.TEACHER:
            return course.teacher
        if column == self.CREDITS:
            return format_credits(course.credits_tenths)
        if column == self.DURATION:
            return self._minutes_text.format(minutes=round(course.duration_ms / 60_000))
        if column == self.TRIAL:
            return self._trial_text if course.trial_available else ""
        if course.id in self._busy:
            return self._busy_text
        return self._required_text if course.required else ""

    def _course_tooltip(self, course: Course, column: int) -> str | None:
        if column == self.TRIAL:
            return self.tr("试听本课程片段（不计学时）") if course.trial_available else None
        if column == self.SELECT:
            if self._closed:
                return QCoreApplication.translate("rules", CLOSED_MESSAGE)
            if course.selected:
                return course_problem(course) or self.tr("已选，点击取消选择")
            return self.tr("点击选择本课程")
        return course.title if column == self.TITLE else None


class TrayModel(QAbstractListModel):
    """The selection tray: selected courses in catalog order, and their total.

    Signals:
        totals_changed(): ``total_tenths`` or ``required_tenths`` changed.
    """

    totals_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._order: dict[str, int] = {}  # course id → catalog position
        self._rows: list[Course] = []
        self._busy: set[str] = set()
        self._required_tenths = 0
        self._total_tenths = 0

    @property
    def total_tenths(self) -> int:
        """Credits of the selected courses, in tenths."""
        return self._total_tenths

    @property
    def required_tenths(self) -> int:
        return self._required_tenths

    @property
    def requirement_met(self) -> bool:
        return self._required_tenths > 0 and self._total_tenths >= self._required_tenths

    def set_courses(self, courses: Sequence[Course], required_tenths: int) -> None:
        """The whole catalog (catalog order) and the enrollment's requirement."""
        self.beginResetModel()
        self._order = {c.id: i for i, c in enumerate(courses)}
        self._rows = [c for c in courses if c.selected]
        self._busy &= self._order.keys()
        self.endResetModel()
        self._required_tenths = required_tenths
        self._recount()

    def set_required(self, required_tenths: int) -> None:
        if required_tenths != self._required_tenths:
            self._required_tenths = required_tenths
            self.totals_changed.emit()

    def update_courses(self, changed: Iterable[Course]) -> None:
        """Courses described anew: rows are inserted, removed or changed in place."""
        for course in changed:
            if course.id not in self._order:
                continue
            row = self._row_of(course.id)
            if row is not None and course.selected:
                self._rows[row] = course
                index = self.index(row)
                self.dataChanged.emit(index, index)
            elif row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
            elif course.selected:
                keys = [self._order[c.id] for c in self._rows]
                row = bisect_left(keys, self._order[course.id])
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, course)
                self.endInsertRows()
        self._recount()

    def set_busy(self, course_id: str, busy: bool) -> None:
        if busy:
            self._busy.add(course_id)
        else:
            self._busy.discard(course_id)
        row = self._row_of(course_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def course(self, index: Index) -> Course | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def courses(self) -> list[Course]:
        return list(self._rows)

    def row_of(self, course_id: str) -> QModelIndex:
        row = self._row_of(course_id)
        return QModelIndex() if row is None else self.index(row)

    def _row_of(self, course_id: str) -> int | None:
        return next((row for row, c in enumerate(self._rows) if c.id == course_id), None)

    def _recount(self) -> None:
        self._total_tenths = sum(c.credits_tenths for c in self._rows)
        self.totals_changed.emit()

    # -- QAbstractListModel ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        course = self.course(index)
        if course is None:
            return None
        if role == _DISPLAY:
            return course.title
        if role == _TOOLTIP:
            problem = course_problem(course)
            text = self.tr("{title}（{credits} 学分）").format(
                title=course.title, credits=format_credits(course.credits_tenths)
            )
            return f"{text}\n{problem}" if problem else text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [
                course.title,
                self.tr("{credits} 学分").format(credits=format_credits(course.credits_tenths)),
            ]
            if course.required:
                parts.append(self.tr("必修"))
            return "，".join(parts)
        if role == COURSE_ROLE:
            return course
        if role == LOCKED_ROLE:
            return course.required
        if role == PROBLEM_ROLE:
            return course_problem(course)
        if role == BUSY_ROLE:
            return course.id in self._busy
        if role == CREDITS_ROLE:
            return course.credits_tenths
        return None
