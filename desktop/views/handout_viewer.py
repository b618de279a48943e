"""The handout window (讲义): a chapter's PDF read inside the app, page under page.

Opened from the course page's 讲义 and from the player's 讲义 under the video (the guide:
"播放时，在视频下方可以点击下载讲义"), once the file is downloaded.  Pages fit the window's
width by default (放大 / 缩小 change that, 适合宽度 goes back), the toolbar says 第 N / M 页,
PgUp/PgDn (and 上一页/下一页) go a page back or on, and 另存为… copies the PDF where the
learner wants it.  A file PDFium cannot read says so in the window, never silence.

Pages are drawn when they first come into view and kept at that width (a resize or a zoom
draws them again): a long handout opens at once.  The model is
``desktop/models/handout.py`` (pypdfium2, imported at first use).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.handout import HandoutDocument, HandoutUnreadable
from desktop.views.file_dialogs import documents_folder, open_save_dialog

log = logging.getLogger(__name__)

PAGE_GAP = 12
ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 4.0


class PageView(QWidget):
    """One page, its size fixed by the zoom; drawn the first time it is painted."""

    def __init__(self, document: HandoutDocument, index: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.index = index
        self._pixmap: QPixmap | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_width(self, width: int) -> None:
        page_width, page_height = self.document.page_size(self.index)
        size = QSize(width, max(1, round(width * page_height / page_width)))
        if size != self.size():
            self.setFixedSize(size)
            self._pixmap = None

    @property
    def drawn(self) -> bool:
        return self._pixmap is not None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._pixmap is None:
            try:
                page = self.document.render(self.index, self.width())
            except HandoutUnreadable:
                painter.fillRect(self.rect(), Qt.GlobalColor.lightGray)
                return
            image = QImage(
                page.pixels, page.width, page.height, page.stride, QImage.Format.Format_RGB32
            )
            self._pixmap = QPixmap.fromImage(image.copy())
        painter.drawPixmap(0, 0, self._pixmap)


class HandoutViewer(QWidget):
    """A top-level window showing one handout at a time (``show_handout``).

    Signals:
        page_changed(int, int): the page at the top of the view (1-based) and the count.
    """

    page_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("handoutViewer")
        self.document: HandoutDocument | None = None
        self.pages: list[PageView] = []
        self.path: Path | None = None
        #: None: fit the width; else a factor of the page's size at 96 dpi.
        self.zoom: float | None = None
        self._current = 0
        self.save_dialog: QFileDialog | None = None
        self._build()
        self._connect_signals()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("讲义"))
        self.resize(760, 900)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.previous_button = QPushButton(self.tr("上一页"))
        self.previous_button.setToolTip(self.tr("上一页（PgUp）"))
        self.next_button = QPushButton(self.tr("下一页"))
        self.next_button.setToolTip(self.tr("下一页（PgDn）"))
        self.page_label = QLabel()
        self.page_label.setObjectName("handoutPage")
        self.zoom_out_button = QPushButton(self.tr("缩小"))
        self.zoom_in_button = QPushButton(self.tr("放大"))
        self.fit_button = QPushButton(self.tr("适合宽度"))
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.setToolTip(self.tr("把讲义保存到您选择的文件夹"))
        # Where 另存为 says what it did: in the toolbar's free space, so nothing moves.
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tools = QHBoxLayout()
        for widget in (self.previous_button, self.page_label, self.next_button):
            tools.addWidget(widget)
        tools.addWidget(self.status_label, 1)
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_button):
            tools.addWidget(widget)
        tools.addSpacing(12)
        tools.addWidget(self.save_button)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("fieldError")
        self.problem_label.setProperty("role", "alert")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()

        self._column = QWidget()
        self._column_layout = QVBoxLayout(self._column)
        self._column_layout.setSpacing(PAGE_GAP)
        self._column_layout.setContentsMargins(PAGE_GAP, PAGE_GAP, PAGE_GAP, PAGE_GAP)
        self._column_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_area = QScrollArea()
        self.pages_area.setObjectName("handoutPages")
        self.pages_area.setAccessibleName(self.tr("讲义页面"))
        self.pages_area.setFrameShape(QFrame.Shape.NoFrame)
        self.pages_area.setWidgetResizable(True)
        self.pages_area.setWidget(self._column)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(tools)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.pages_area, 1)
        self._show_page_label()

    def _connect_signals(self) -> None:
        self.previous_button.clicked.connect(lambda: self.go_to_page(self._current - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self._current + 1))
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self._factor() * ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self._factor() / ZOOM_STEP))
        self.fit_button.clicked.connect(lambda: self.set_zoom(None))
        self.save_button.clicked.connect(self.save_as)
        self.pages_area.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.pages_area.viewport().installEventFilter(self)
        for key, step in ((Qt.Key.Key_PageDown, 1), (Qt.Key.Key_PageUp, -1)):
            QShortcut(
                QKeySequence(key),
                self,
                lambda step=step: self.go_to_page(self._current + step),
                context=Qt.ShortcutContext.WindowShortcut,
            )

    # -- what the app calls -------------------------------------------------------------

    def show_handout(self, path: Path, title: str) -> bool:
        """Open *path* (a downloaded handout) titled *title*; False (and a message in the
        window) when it cannot be read."""
        self._close_document()
        self.path = path
        self.status_label.clear()
        self.setWindowTitle(self.tr("讲义 — {title}").format(title=title))
        self.heading.setText(title)
        try:
            self.document = HandoutDocument(path)
        except HandoutUnreadable:
            self.show_problem(
                self.tr(
                    "讲义文件无法打开：文件可能已损坏或下载不完整。请关闭本窗口，"
                    "再点击“讲义”重新下载；仍无法打开时请联系培训机构客服。"
                )
            )
        else:
            self.problem_label.hide()
            self.pages_area.show()
            for index in range(self.document.page_count):
                page = PageView(self.document, index, self._column)
                self._column_layout.addWidget(page)
                self.pages.append(page)
            self._layout_pages()
            self._current = 0
        self._show_page_label()
        self.show()
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):
            self.raise_()  # (offscreen Qt warns that it cannot)
        self.activateWindow()
        return self.document is not None

    def show_problem(self, text: str) -> None:
        """Say in the window why there is nothing to read."""
        self.problem_label.setText(text)
        self.problem_label.show()
        self.pages_area.hide()
        self._show_page_label()

    @property
    def current_page(self) -> int:
        """The page at the top of the view, 0-based."""
        return self._current

    def go_to_page(self, index: int) -> None:
        if not self.pages:
            return
        index = max(0, min(index, len(self.pages) - 1))
        self.pages_area.verticalScrollBar().setValue(self.pages[index].y() - PAGE_GAP)
        self._set_current(index)

    def set_zoom(self, zoom: float | None) -> None:
        """A factor of the page's printed size, or None to fit the width."""
        self.zoom = None if zoom is None else max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        index = self._current
        self._layout_pages()
        QTimer.singleShot(0, lambda: self.go_to_page(index))

    def save_as(self) -> None:
        """另存为…: copy the downloaded PDF where the learner chooses."""
        path = self.path
        if path is None or not path.is_file():
            return
        title = self.heading.text() or path.stem
        self.save_dialog = open_save_dialog(
            self,
            title=self.tr("保存讲义"),
            object_name="handoutSaveDialog",
            name_filter=self.tr("PDF 文件 (*.pdf)"),
            suffix="pdf",
            default=documents_folder() / f"{_file_name(title)}.pdf",
            chosen=self.save_to,
            closed=self._on_dialog_closed,
        )

    def save_to(self, target: Path) -> None:
        if self.path is None:
            return
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            log.warning("handout could not be saved: %s", exc.strerror)
            self.show_saved(self.tr("讲义未能保存到该位置，请换一个文件夹再试。"))
        else:
            self.show_saved(self.tr("讲义已保存到 {path}").format(path=str(target)))

    def show_saved(self, text: str) -> None:
        self.status_label.setText(text)

    # -- layout -------------------------------------------------------------------------

    def _factor(self) -> float:
        if self.zoom is not None:
            return self.zoom
        if not self.pages or self.document is None:
            return 1.0
        page_width, _height = self.document.page_size(0)
        return self._fit_width() / (page_width * 96 / 72)

    def _fit_width(self) -> int:
        scrollbar = self.pages_area.verticalScrollBar().sizeHint().width()
        return max(100, self.pages_area.viewport().width() - 2 * PAGE_GAP - scrollbar)

    def _layout_pages(self) -> None:
        if self.document is None:
            return
        for page in self.pages:
            if self.zoom is None:
                width = self._fit_width()
            else:
                page_width, _height = self.document.page_size(page.index)
                width = round(page_width * 96 / 72 * self.zoom)
            page.set_width(width)

    def _on_scrolled(self, value: int) -> None:
        top = value + PAGE_GAP
        index = 0
        for page in self.pages:
            if page.y() <= top + page.height() // 2:
                index = page.index
        self._set_current(index)

    def _set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
        self._show_page_label()

    def _show_page_label(self) -> None:
        count = len(self.pages)
        self.page_label.setText(
            self.tr("第 {page} / {count} 页").format(
                page=self._current + 1 if count else 0, count=count
            )
        )
        self.previous_button.setEnabled(self._current > 0)
        self.next_button.setEnabled(self._current < count - 1)
        for button in (
            self.zoom_in_button,
            self.zoom_out_button,
            self.fit_button,
            self.save_button,
        ):
            button.setEnabled(self.document is not None)
        self.page_changed.emit(self._current + 1 if count else 0, count)

    def _close_document(self) -> None:
        for page in self.pages:
            self._column_layout.removeWidget(page)
            page.deleteLater()
        self.pages = []
        self._current = 0
        if self.document is not None:
            self.document.close()
            self.document = None

    def _on_dialog_closed(self, dialog: QFileDialog) -> None:
        if self.save_dialog is dialog:
            self.save_dialog = None

    # -- Qt ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page area's viewport changed size: pages that fit the width follow it."""
        if (
            watched is self.pages_area.viewport()
            and event.type() == QEvent.Type.Resize
            and self.zoom is None
        ):
            self._layout_pages()
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_document()
        super().closeEvent(event)


def _file_name(title: str) -> str:
    """A chapter title as a file name (no path separators or characters Windows refuses)."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in title).strip()
    return cleaned or QCoreApplication.translate("HandoutViewer", "讲义")
