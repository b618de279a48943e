"""The course page: teacher, 学习进度, description, and the chapters with 播放 / 下载 / 讲义.

SPEC §1.3 (guide 四 "网上听课").  Its operations live in ``desktop/models/course_page.py``:
``read_page`` (the cache) and ``fetch_page`` (the platform) build the ``CoursePageData``
shown here — 已学时长 as credited, 待确认 for what the outbox still holds, 未计学时 with
its reason and what to do — and ``play_request`` builds what 播放 hands to the app's one
player window (off the GUI thread).  This module builds the widgets and starts the ops.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import Chapter
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.course_page import CoursePageData, fetch_page, play_request, read_page
from desktop.models.downloads import DownloadCancelled, download_chapter, download_handout
from desktop.models.watch_refusals import UncreditedSummary, reasons_text
from desktop.views.appearance import set_look
from desktop.views.study import format_hms
from desktop.views.widgets import present_failure
from rules.credits import format_credits

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import Op, TaskRunner


class ChapterRow(QFrame):
    """One chapter: title, 已学时长 / 总时长 (and 待确认), 未计学时 with its reason, and
    播放 / 下载 / 讲义 with a progress bar."""

    def __init__(self, chapter: Chapter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chapterRow")
        self.chapter = chapter
        self.title_label = QLabel(chapter.title, self)
        self.title_label.setWordWrap(True)
        set_look(self.title_label, strong=True, tone="heading")
        self.time_label = QLabel(self)
        self.time_label.setObjectName("chapterTime")
        self.state_label = QLabel(self)
        self.state_label.setObjectName("hint")
        self.uncredited_label = QLabel(self)
        self.uncredited_label.setObjectName("uncreditedTime")
        self.uncredited_label.setWordWrap(True)
        set_look(self.uncredited_label, tone="warning")
        self.uncredited_label.hide()
        self.play_button = QPushButton(self.tr("播放"), self)
        self.play_button.setObjectName("playButton")
        self.play_button.setAccessibleName(self.tr("播放：{title}").format(title=chapter.title))
        self.download_button = QPushButton(self.tr("下载"), self)
        self.download_button.setObjectName("downloadButton")
        self.download_button.setAccessibleName(self.tr("下载：{title}").format(title=chapter.title))
        self.handout_button = QPushButton(self.tr("讲义"), self)
        self.handout_button.setObjectName("handoutButton")
        self.handout_button.setAccessibleName(self.tr("讲义：{title}").format(title=chapter.title))
        self.handout_button.setVisible(chapter.handout)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()

        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.play_button)
        top.addWidget(self.download_button)
        top.addWidget(self.handout_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.time_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.state_label)
        bottom.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(top)
        layout.addLayout(bottom)
        layout.addWidget(self.uncredited_label)
        layout.addWidget(self.progress_bar)

    def show_state(
        self,
        watched_ms: int,
        downloaded: bool,
        downloading: bool,
        pending_ms: int = 0,
        uncredited: UncreditedSummary | None = None,
    ) -> None:
        text = self.tr("已学时长 {watched} / 总时长 {total}").format(
            watched=format_hms(watched_ms), total=format_hms(self.chapter.duration_ms)
        )
        if pending_ms >= 1000:
            text += self.tr("（待确认 {pending}）").format(pending=format_hms(pending_ms))
        self.time_label.setText(text)
        uncredited = uncredited or UncreditedSummary()
        self.uncredited_label.setText(
            self.tr("未计学时 {time} · {reasons}").format(
                time=format_hms(uncredited.ms), reasons=reasons_text(uncredited)
            )
        )
        self.uncredited_label.setVisible(uncredited.shown)
        self.state_label.setText(self.tr("已下载，可离线学习") if downloaded else "")
        self.download_button.setText(self.tr("取消下载") if downloading else self.tr("下载"))
        self.download_button.setEnabled(not downloaded)

    def show_transfer(self, done: int, total: int) -> None:
        self.progress_bar.show()
        self.progress_bar.setValue(round(1000 * done / total) if total else 0)
        self.progress_bar.setFormat(f"{100 * done / total:.0f}%" if total else "…")


class CoursePage(QWidget):
    """The course page (a sub-page of the shell; one per window).

    Signals:
        back_requested(): 返回 (to 我的学习).
        play_requested(object): a ``PlayRequest`` for the app's player window.
        storage_requested(): 下载管理 was clicked.
        download_ended(str, object): a chapter's download ended — its title and the error
            (None when it finished; a ``DownloadCancelled`` when it was paused).
    """

    back_requested = Signal()
    play_requested = Signal(object)
    storage_requested = Signal()
    download_ended = Signal(str, object)
    handout_ready = Signal(object, str)
    """A chapter's handout is on disk: its path and the chapter's title (the app shows it)."""

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("coursePage")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self.course_id = ""
        self.year = 0
        self.data: CoursePageData | None = None
        self.rows: list[ChapterRow] = []
        self._downloads: dict[str, Op] = {}

        self.back_button = QPushButton(self.tr("‹ 返回我的学习"), self)
        self.back_button.setFlat(True)
        self.storage_button = QPushButton(self.tr("下载管理"), self)
        self.storage_button.setObjectName("storageButton")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")
        self.title_label.setWordWrap(True)
        self.teacher_label = QLabel(self)
        self.credits_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.progress_label.setObjectName("courseProgress")
        self.description_label = QLabel(self)
        self.description_label.setWordWrap(True)
        self.description_label.setObjectName("helpPanel")
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("fieldError")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self._rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        scroll.setAccessibleName(self.tr("课程章节"))

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addStretch(1)
        header.addWidget(self.storage_button)
        facts = QHBoxLayout()
        facts.addWidget(self.teacher_label)
        facts.addSpacing(16)
        facts.addWidget(self.credits_label)
        facts.addSpacing(16)
        facts.addWidget(self.progress_label)
        facts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.title_label)
        layout.addLayout(facts)
        layout.addWidget(self.description_label)
        layout.addWidget(self.message_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status_label)

        self._load: CacheFirstLoad[CoursePageData] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载课程…"),
            show=self._show,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的内容。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
            cache_ready=self._session.cache_ready,
        )
        self.back_button.clicked.connect(self.back_requested)
        self.storage_button.clicked.connect(self.storage_requested)
        self._bus.changed.connect(self._on_changed)

    # -- loading --------------------------------------------------------------------

    def show_course(self, course_id: str, year: int) -> None:
        """Show *course_id* with the progress of *year* (its enrollment's year)."""
        if course_id != self.course_id:
            self.data = None
            self._rebuild_rows(())
            self.title_label.clear()
        self.course_id, self.year = course_id, year
        self.message_label.hide()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.course_id and self.data is not None:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        """The sync stored new progress in the cache: show it (no second request)."""
        if (changes.progress or changes.journal) and self.course_id and self.isVisible():
            account, course_id, year = self._session.account_dir, self.course_id, self.year
            self._load.read_cache(lambda c: read_page(c, account, course_id, year))

    def reload(self) -> None:
        api, cache = self._session.api, self._session.cache
        account = self._session.account_dir
        course_id, year = self.course_id, self.year
        self._load.start(
            lambda c: read_page(c, account, course_id, year),
            None if api is None else lambda: fetch_page(api, cache, account, course_id, year),
        )

    def _on_fetched(self, data: CoursePageData) -> None:
        self.status_label.clear()
        self._show(data)

    # -- showing --------------------------------------------------------------------

    def _show(self, data: CoursePageData) -> None:
        if data.course.id != self.course_id:
            return
        self.data = data
        course = data.course
        self.title_label.setText(course.title)
        self.teacher_label.setText(self.tr("主讲：{teacher}").format(teacher=course.teacher))
        self.credits_label.setText(
            self.tr("学分：{credits}").format(credits=format_credits(course.credits_tenths))
        )
        self.progress_label.setText(
            self.tr("学习进度 {percent:.2f}%").format(percent=data.percent())
        )
        self.description_label.setText(course.description)
        if [r.chapter.id for r in self.rows] != [c.id for c in course.chapters]:
            self._rebuild_rows(course.chapters)
        for row in self.rows:
            row.chapter = next(c for c in course.chapters if c.id == row.chapter.id)
            self._show_row(row, data)
            row.play_button.setEnabled(course.selected or row.chapter.id in data.downloaded)

    def _rebuild_rows(self, chapters: tuple[Chapter, ...]) -> None:
        for row in self.rows:
            self._rows_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        for chapter in chapters:
            row = ChapterRow(chapter, self._rows_widget)
            row.play_button.clicked.connect(lambda _=False, c=chapter: self.play(c.id))
            row.download_button.clicked.connect(
                lambda _=False, c=chapter: self.toggle_download(c.id)
            )
            row.handout_button.clicked.connect(lambda _=False, c=chapter: self.open_handout(c.id))
            self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
            self.rows.append(row)

    def row_of(self, chapter_id: str) -> ChapterRow | None:
        return next((r for r in self.rows if r.chapter.id == chapter_id), None)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # -- playing ----------------------------------------------------------------------

    def play(self, chapter_id: str) -> None:
        data = self.data
        if data is None:
            return
        chapter = next(c for c in data.course.chapters if c.id == chapter_id)
        api, cache = self._session.api, self._session.cache
        account = self._session.account_dir
        self.show_message("")
        self._tasks.op(
            run=lambda: play_request(api, cache, account, data, chapter),
            success=self.play_requested.emit,
            failure=self._on_play_failed,
            parent=self,
        ).with_progress(self.tr("正在准备播放…")).start()

    def play_next(self, course_id: str, chapter_id: str) -> str:
        """The player finished *chapter_id*: play the chapter after it.  Answers "playing",
        "last" (it was the course's last chapter) or "elsewhere" (this page shows another
        course now)."""
        data = self.data
        if data is None or data.course.id != course_id:
            return "elsewhere"
        ids = [chapter.id for chapter in data.course.chapters]
        if chapter_id not in ids:
            return "elsewhere"
        following = ids.index(chapter_id) + 1
        if following >= len(ids):
            return "last"
        self.play(ids[following])
        return "playing"

    def _on_play_failed(self, exc: BaseException) -> None:
        present_failure(
            exc,
            {},
            self.show_message,
            offline=self.tr(
                "当前无法连接平台，而这一讲还没有下载到本机，暂时无法播放。"
                "请联网后再试；联网时点击“下载”，以后可离线学习。"
            ),
        )

    # -- downloads --------------------------------------------------------------------

    def toggle_download(self, chapter_id: str) -> None:
        """下载 starts (or resumes) the chapter's download; 取消下载 stops it."""
        running = self._downloads.get(chapter_id)
        if running is not None:
            running.cancel()
            return
        data, api = self.data, self._session.api
        account, cache = self._session.account_dir, self._session.cache
        if data is None or api is None or account is None:
            return
        chapter = next(c for c in data.course.chapters if c.id == chapter_id)
        course = data.course
        self._downloads[chapter_id] = self._tasks.op(
            work=lambda job: download_chapter(
                api,
                cache,
                account,
                chapter_id=chapter.id,
                course_id=course.id,
                course_title=course.title,
                chapter_title=chapter.title,
                progress=job.report,
                cancelled=job.token,
            ),
            on_progress=lambda done, total: self._on_progressed(chapter_id, done, total),
            success=lambda _d: self._on_download_ended(chapter_id, None, chapter.title),
            failure=lambda exc: self._on_download_ended(chapter_id, exc, chapter.title),
            parent=self,
        ).with_progress(self.tr("正在下载“{title}”…").format(title=chapter.title))
        self._refresh_row(chapter_id)
        self._downloads[chapter_id].start()

    def _on_progressed(self, chapter_id: str, done: int, total: int) -> None:
        row = self.row_of(chapter_id)
        if row is not None:
            row.show_transfer(done, total)

    def _on_download_ended(
        self, chapter_id: str, exc: BaseException | None, title: str = ""
    ) -> None:
        self._downloads.pop(chapter_id, None)
        self.download_ended.emit(title or chapter_id, exc)
        row = self.row_of(chapter_id)
        if row is not None:
            row.progress_bar.hide()
        if exc is None:
            if self.data is not None:
                self.data = self.data.with_downloaded(chapter_id)
        elif isinstance(exc, DownloadCancelled):
            self.show_message(self.tr("下载已暂停，再次点击“下载”会从中断处继续。"))
        else:
            present_failure(
                exc,
                {},
                self.show_message,
                offline=self.tr("下载中断：无法连接平台。联网后再次点击“下载”会从中断处继续。"),
            )
        self._refresh_row(chapter_id)

    def _refresh_row(self, chapter_id: str) -> None:
        row, data = self.row_of(chapter_id), self.data
        if row is not None and data is not None:
            self._show_row(row, data)

    def _show_row(self, row: ChapterRow, data: CoursePageData) -> None:
        chapter = row.chapter
        row.show_state(
            data.watched_ms(chapter),
            chapter.id in data.downloaded,
            chapter.id in self._downloads,
            data.pending_ms(chapter),
            data.uncredited_of(chapter.id),
        )

    def open_handout(self, chapter_id: str) -> None:
        """讲义: download the PDF (with progress); the app opens it in its handout window."""
        api, account = self._session.api, self._session.account_dir
        if api is None or account is None:
            return
        self.show_message("")
        self._tasks.op(
            work=lambda job: download_handout(
                api, account, chapter_id, progress=job.report, cancelled=job.token
            ),
            on_progress=lambda done, total: self._on_progressed(chapter_id, done, total),
            success=lambda path: self._on_handout_ready(chapter_id, path),
            failure=lambda exc: self._on_handout_failed(chapter_id, exc),
            parent=self,
        ).with_progress(self.tr("正在下载讲义…")).start()

    def _on_handout_ready(self, chapter_id: str, path: Path) -> None:
        row = self.row_of(chapter_id)
        if row is not None:
            row.progress_bar.hide()
        self.handout_ready.emit(path, row.chapter.title if row is not None else "")

    def _on_handout_failed(self, chapter_id: str, exc: BaseException) -> None:
        row = self.row_of(chapter_id)
        if row is not None:
            row.progress_bar.hide()
        present_failure(
            exc,
            {},
            self.show_message,
            offline=self.tr("讲义下载失败：无法连接平台。请联网后再点击“讲义”。"),
        )
