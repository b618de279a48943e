"""下载管理: the chapters kept on this computer for offline study, their sizes, and 删除.

Reached from the course page (and the shell's ``storage`` page).  The list is read from
disk (complete files only) and the cache (which course and chapter each file belongs to).

Operations: ``desktop/models/storage.py`` (the list, 删除); downloading is
``desktop/models/downloads.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.downloads import DownloadedChapter, format_size
from desktop.models.storage import delete_chapter, read_downloads

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


class StorageView(QWidget):
    """The downloaded chapters with their sizes, a total, and 删除 per chapter.

    Signals:
        back_requested(): 返回.
        deleted(str): a chapter's file was removed (its id), so a course page can redraw.
    """

    back_requested = Signal()
    deleted = Signal(str)

    def __init__(self, tasks: TaskRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageView")
        self._tasks = tasks
        self._session = session
        self.items: list[DownloadedChapter] = []
        self.back_button = QPushButton(self.tr("‹ 返回"), self)
        self.back_button.setFlat(True)
        self.title = QLabel(self.tr("下载管理"), self)
        self.title.setObjectName("pageTitle")
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("课程"), self.tr("章节"), self.tr("大小"), self.tr("操作")]
        )
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("已下载的章节"))
        self.table.setTabKeyNavigation(False)  # Tab goes on to the rows' 删除 buttons
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("storageTotal")
        self.empty_label = QLabel(
            self.tr("还没有下载的章节。在课程页点击“下载”，即可离线学习。"), self
        )
        self.empty_label.setObjectName("hint")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        self.back_button.clicked.connect(self.back_requested)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        cache, account = self._session.cache, self._session.account_dir
        if cache is None or account is None:
            self._show([])
            return
        self._tasks.op(
            run=lambda: read_downloads(cache, account),
            success=self._show,
            parent=self,
            lane="cache",
        ).start()

    def _show(self, items: list[DownloadedChapter]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            self.table.setItem(row, 0, QTableWidgetItem(item.course_title))
            self.table.setItem(row, 1, QTableWidgetItem(item.chapter_title))
            self.table.setItem(row, 2, QTableWidgetItem(format_size(item.size)))
            button = QPushButton(self.tr("删除"), self.table)
            button.setAccessibleName(self.tr("删除：{title}").format(title=item.chapter_title))
            button.clicked.connect(lambda _=False, cid=item.chapter_id: self.delete(cid))
            self.table.setCellWidget(row, 3, button)
        self.total_label.setText(
            self.tr("共 {count} 个章节，占用 {size}").format(
                count=len(items), size=format_size(sum(i.size for i in items))
            )
        )
        self.empty_label.setVisible(not items)
        self.table.setVisible(bool(items))

    def delete(self, chapter_id: str) -> None:
        cache, account = self._session.cache, self._session.account_dir
        if account is None:
            return

        def done(items: list[DownloadedChapter]) -> None:
            self._show(items)
            self.deleted.emit(chapter_id)

        self._tasks.op(
            run=lambda: delete_chapter(cache, account, chapter_id),
            success=done,
            parent=self,
            lane="cache",
        ).start()
