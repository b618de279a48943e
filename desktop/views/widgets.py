"""Small building blocks shared by the screens: form rows with an error line, the captcha
field, and the one function that puts a failure's message where it belongs."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import tr, tr_platform, tr_rule  # noqa: F401 (screens import them from here)
from desktop.models.errors import describe_failure, log_failure
from desktop.views.accessibility import accessible_field, announce, mark_required, set_field_error
from desktop.views.appearance import required_mark

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Captcha
    from desktop.models.tasks import TaskRunner


def size_to_current_page(stack: QStackedWidget) -> None:
    """Make *stack* ask for the room of the page it shows, not of its widest page.

    A QStackedWidget's minimum is the largest of all its pages, so one wide page (信息采集's
    step bar in English at a large text size) would widen every other page and the window.
    Hidden pages get an ignored size policy; the shown page its preferred one.
    """
    current = stack.currentIndex()
    for index in range(stack.count()):
        page = stack.widget(index)
        if page is not None:
            policy = (
                QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            )
            page.setSizePolicy(policy, policy)
    stack.updateGeometry()


def follow_current_page(stack: QStackedWidget) -> None:
    """Keep ``size_to_current_page`` true whenever *stack* shows another page."""
    stack.currentChanged.connect(lambda _index: size_to_current_page(stack))
    size_to_current_page(stack)


def keep_room_when_hidden(widget: QWidget, keep: bool = True) -> None:
    """Let *widget* keep its place in the layout while hidden, so that showing it later
    moves nothing under the pointer."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(keep)
    widget.setSizePolicy(policy)


def reserve_room(label: QLabel, lines: int) -> None:
    """Keep room for *lines* lines of *label*, shown or hidden, so a message appearing or
    clearing does not move what lies below it.  (Call again after a font change.)"""
    keep_room_when_hidden(label, lines > 0)
    # Measured as QLabel measures its text, on Chinese: the fallback CJK font's lines are
    # taller than the primary font's ``lineSpacing``.
    sample = "\n".join(["汉字Ag"] * lines)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)
    height = label.fontMetrics().boundingRect(QRect(0, 0, 10_000, 10_000), flags, sample).height()
    label.setMinimumHeight(height if lines > 0 else 0)


class ErrorLabel(QLabel):
    """The red line under a field (or of a whole form); hidden when all is fine.

    Its room is kept while hidden (*reserve_lines* lines; 0 for none), so a message that
    appears or clears never moves the fields and buttons below under the pointer: a click
    meant for 证件号码 must not land in 手机号码.  A message longer than the room still
    grows it.  The message is said aloud to screen readers when it appears, and, with a
    *field*, becomes that field's accessible description (``desktop/views/accessibility``).
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        reserve_lines: int = 1,
        field: QWidget | None = None,
        assertive: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.field = field
        self._assertive = assertive
        self._reserve_lines = reserve_lines
        reserve_room(self, reserve_lines)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # a larger text size needs a taller room
            reserve_room(self, self._reserve_lines)
        super().changeEvent(event)

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))
        self.setAccessibleDescription(message)
        if self.field is not None:
            set_field_error(self.field, message)
        if message:
            announce(self, message, assertive=self._assertive)
            QTimer.singleShot(0, self, self._make_room)

    def _make_room(self) -> None:
        """Grow a dialog that has a minimum width of its own: Qt then no longer grows it
        to fit a message that appeared, and the message would squeeze its field."""
        window = self.window()
        layout = window.layout()
        if window is self or window.parentWidget() is None or layout is None:
            return
        layout.activate()
        needed = window.minimumSizeHint()
        if layout.hasHeightForWidth():  # wrapped text: Qt sizes windows without it
            needed.setHeight(max(needed.height(), layout.totalHeightForWidth(window.width())))
        window.resize(window.size().expandedTo(needed))

    def clear_message(self) -> None:
        self.show_message("")


class FieldRow(QWidget):
    """An editor with its error line underneath, for a QFormLayout row; the error is the
    editor's accessible description while it shows."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error = ErrorLabel(self, field=editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(lambda _text: self.error.clear_message())


def add_row(form: QFormLayout, label_text: str, row: QWidget, *, required: bool = True) -> QLabel:
    """Add a labelled row; required fields carry the red dot as in the web form, and say
    必填 to a screen reader."""
    label = QLabel((required_mark() if required else "") + label_text)
    label.setTextFormat(Qt.TextFormat.RichText)
    editor = row.editor if isinstance(row, FieldRow) else row
    field = accessible_field(editor)
    label.setBuddy(field)
    editor.setAccessibleName(label_text)
    if field is not editor and not field.accessibleName():
        field.setAccessibleName(label_text)
    if required:
        mark_required(editor)
    if isinstance(row, FieldRow):
        _label_beside_editor(form, label, editor)
    form.addRow(label, row)
    return label


def _label_beside_editor(form: QFormLayout, label: QLabel, editor: QWidget) -> None:
    """A FieldRow is taller than its editor (the error line keeps its room), and a form
    centres labels on the whole row: the label would sit below its box.  Labels go to the
    top of their row instead, as tall as the editor, their text centred on it."""
    form.setLabelAlignment(
        (form.labelAlignment() & ~Qt.AlignmentFlag.AlignVertical_Mask) | Qt.AlignmentFlag.AlignTop
    )
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumHeight(editor.sizeHint().height())
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)


class CaptchaField(QWidget):
    """验证码: the image, its answer box and "看不清，换一张".

    Hidden entirely when the platform does not require a captcha.

    Signals:
        refreshed(): a new image is shown.
    """

    refreshed = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._api: ApiClient | None = None
        self.captcha_id: str | None = None
        self.required = False
        self.answer_edit = QLineEdit(self)
        self.answer_edit.setMaxLength(8)
        self.answer_edit.setPlaceholderText(self.tr("请输入右侧字符"))
        self.answer_edit.setObjectName("captchaAnswer")
        # Room for the answer whatever the language makes of the link beside it.
        self.answer_edit.setMinimumWidth(self.answer_edit.fontMetrics().horizontalAdvance("W" * 7))
        self.setFocusProxy(self.answer_edit)  # its label, error and focus belong to the box
        self.image = QLabel(self.tr("正在加载…"), self)
        self.image.setObjectName("captchaImage")
        self.image.setFixedSize(120, 40)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(self.tr("验证码图片"))
        self.refresh_button = QPushButton(self.tr("看不清，换一张"), self)
        self.refresh_button.setObjectName("captchaRefresh")
        self.refresh_button.setFlat(True)
        self.refresh_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.refresh_button.clicked.connect(self.refresh)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.answer_edit, 1)
        layout.addWidget(self.image)
        layout.addWidget(self.refresh_button)

    def attach(self, api: ApiClient, required: bool) -> None:
        """Use *api* for images; show the field only if the platform requires it."""
        self._api = api
        self.required = required
        self.setVisible(required)
        if required:
            self.refresh()

    def answer(self) -> str:
        return self.answer_edit.text().strip()

    def refresh(self) -> None:
        if self._api is None or not self.required:
            return
        api = self._api
        self.answer_edit.clear()
        self.image.setText(self.tr("正在加载…"))
        self._tasks.op(
            run=api.new_captcha, success=self._on_loaded, failure=self._on_failed, parent=self
        ).start()

    def _on_loaded(self, captcha: Captcha) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(captcha.png, "PNG")
        self.captcha_id = captcha.captcha_id
        self.image.setPixmap(pixmap.scaled(self.image.size(), Qt.AspectRatioMode.KeepAspectRatio))
        self.refreshed.emit()

    def _on_failed(self, _exc: BaseException) -> None:
        self.captcha_id = None
        self.image.setText(self.tr("加载失败"))


def present_failure(
    exc: BaseException,
    fields: Mapping[str, ErrorLabel],
    general: Callable[[str], None],
    *,
    offline: str | None = None,
) -> None:
    """Put a failure's message at the field that caused it, else in the general place.

    The one handler STYLE.md asks for: the words come from ``describe_failure`` (*offline*
    is this screen's better word for an unreachable platform); an expired session is also
    routed to the login by the task runner; a bug reaches the log with its traceback.
    """
    message = describe_failure(exc, offline=offline)
    if message.kind == "unexpected":
        log_failure(exc, "operation failed")
    target = fields.get(message.field or "")
    if target is not None:
        target.show_message(message.text)
    else:
        general(message.text)


def record_table(
    parent: QWidget,
    model: QAbstractItemModel,
    *,
    name: str,
    accessible_name: str,
    stretch_column: int,
    row_height: int,
) -> QTableView:
    """A read-only table of records as our list screens show them: whole rows selected one
    at a time, Tab leaving the table (not walking its cells), padded cells, columns sized
    to their contents but *stretch_column*, which takes the rest."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.setStyleSheet("QTableView::item { padding: 0 8px; }")
    table.verticalHeader().setDefaultSectionSize(row_height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


CardT = TypeVar("CardT", bound=QWidget)
ItemT = TypeVar("ItemT")


def place_cards(
    layout: QBoxLayout,
    shown: Sequence[CardT],
    items: Sequence[ItemT],
    *,
    key: Callable[[ItemT], Hashable],
    key_of_card: Callable[[CardT], Hashable],
    make: Callable[[ItemT], CardT],
    update: Callable[[CardT, ItemT], None],
) -> list[CardT]:
    """One card per item, in order, in *layout* (which ends with a stretch); returns them.

    A card already shown for the same key is kept and updated rather than rebuilt, so a
    refresh never replaces a widget under the learner's pointer or focus.
    """
    kept = {key_of_card(card): card for card in shown}
    cards = []
    for item in items:
        card = kept.pop(key(item), None)
        if card is None:
            card = make(item)
        else:
            update(card, item)
            layout.removeWidget(card)
        layout.insertWidget(layout.count() - 1, card)
        cards.append(card)
    for card in kept.values():
        layout.removeWidget(card)
        card.deleteLater()
    return cards
