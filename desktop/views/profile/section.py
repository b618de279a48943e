"""What the four step pages share: rows built from ``rules.profile.FIELDS``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.profile_draft import ProfileDraft
from desktop.views.widgets import ErrorLabel, FieldRow, add_row, tr_rule
from rules.profile import FIELDS

DATE_PLACEHOLDER = "YYYY-MM-DD"


class SectionPage(QWidget):
    """One step of the form: a scrollable form of labelled rows with error lines.

    Signals:
        edited(str, object): the learner changed the field at the path to the value.
    """

    edited = Signal(str, object)
    title = ""
    scrolls = True
    """False where the page is one section of a longer form that scrolls as a whole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._read_only: dict[str, dict[str, str]] = {}
        body = QWidget(self)
        body.setObjectName("profileSection")
        self.form = QFormLayout(body)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area: QScrollArea | None = None
        if not self.scrolls:
            layout.addWidget(body)
            return
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setAccessibleName(self.tr("信息采集表"))
        self.scroll_area = scroll
        layout.addWidget(scroll)

    # -- building -------------------------------------------------------------------

    def _label(self, path: str) -> tuple[str, bool]:
        label, required = FIELDS[path]
        return tr_rule(label), required

    def add_text(self, path: str, *, placeholder: str = "", max_length: int = 100) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        edit.setObjectName(path)
        edit.textEdited.connect(lambda text: self.edited.emit(path, text.strip()))
        self._add(path, edit)
        return edit

    def add_date(self, path: str) -> QLineEdit:
        edit = self.add_text(path, placeholder=DATE_PLACEHOLDER, max_length=10)
        edit.setInputMask("")
        return edit

    def add_read_only(self, path: str, labels: dict[str, str] | None = None) -> QLineEdit:
        """An identity field: shown, never edited here (it belongs to the account)."""
        edit = QLineEdit()
        edit.setObjectName(path)
        edit.setReadOnly(True)
        edit.setToolTip(self.tr("此项来自注册信息，不能在此修改"))
        self._read_only[path] = labels or {}
        self._add(path, edit)
        return edit

    def add_choice(self, path: str, choices: Iterable[tuple[str, str]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(path)
        combo.addItem(self.tr("请选择"), "")
        for value, label in choices:
            combo.addItem(label, value)
        combo.activated.connect(lambda _index: self.edited.emit(path, combo.currentData() or ""))
        combo.activated.connect(lambda _index: self.errors[path].clear_message())
        self._add(path, combo)
        return combo

    def add_widget(self, path: str, label: str, widget: QWidget, *, required: bool) -> FieldRow:
        """A custom editor (region picker, image field) with its own error line."""
        row = FieldRow(widget)
        self.editors[path] = widget
        self.errors[path] = row.error
        add_row(self.form, label, row, required=required)
        return row

    def _add(self, path: str, editor: QWidget) -> None:
        label, required = self._label(path)
        row = FieldRow(editor)
        self.editors[path] = editor
        self.errors[path] = row.error
        add_row(self.form, label, row, required=required)

    def add_note(self, text: str) -> QLabel:
        note = QLabel(text)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.form.addRow(note)
        return note

    # -- data -----------------------------------------------------------------------

    def load(self, draft: ProfileDraft) -> None:
        """Show the draft's values (without emitting ``edited``)."""
        for path, editor in self.editors.items():
            value = draft.value(path)
            editor.blockSignals(True)
            if path in self._read_only and isinstance(editor, QLineEdit):
                labels = self._read_only[path]
                editor.setText(tr_rule(labels[value]) if value in labels else str(value or ""))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(value or ""))
            elif isinstance(editor, QComboBox):
                index = editor.findData(value or "")
                editor.setCurrentIndex(max(index, 0))
            editor.blockSignals(False)

    def unfinished(self) -> dict[str, str]:
        """Half-made choices the draft cannot see (a city without its district), by path;
        a step with custom editors says them (``WorkPage``)."""
        return {}

    def show_problem(self, path: str, message: str) -> bool:
        """Show *message* at the field; False if the field is not on this page."""
        error = self.errors.get(path)
        if error is None:
            return False
        error.show_message(message)
        return True

    def clear_problems(self) -> None:
        for error in self.errors.values():
            error.clear_message()

    def focus_field(self, path: str) -> None:
        editor = self.editors.get(path)
        if editor is not None:
            if self.scroll_area is not None:
                self.scroll_area.ensureWidgetVisible(editor)
            editor.setFocus()


def labelled(choices: dict[str, str]) -> list[tuple[str, str]]:
    """(value, translated label) pairs of a rules choice dict."""
    return [(value, tr_rule(label)) for value, label in choices.items()]


def plain(choices: Iterable[str]) -> list[tuple[str, str]]:
    """(value, translated label) pairs of a rules tuple whose values are Chinese labels
    (marked in ``desktop/platform_messages.py``)."""
    return [(value, tr_rule(value)) for value in choices]


def current_value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData() or ""
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    return None
