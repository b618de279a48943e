"""The shared part of our flat table models: a list of records and a header row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
Colour = Callable[[str], QColor]
"""A tone name ("success", "error"…) → its colour in the current theme: the view's to give,
so that no table model imports a view."""


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """One record per row, one column per header; subclasses give ``data`` (and ``flags``).

    Subclasses set ``headers`` (translated, so after ``super().__init__``); ``set_rows``
    replaces the rows (a subclass that keeps state across a reload overrides it).
    """

    def __init__(self, parent: QObject | None = None, *, colour: Colour | None = None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.rows: list[Row] = []
        self.headers: list[str] = []

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, index: Index) -> Row | None:
        """The record of *index*, or None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None
