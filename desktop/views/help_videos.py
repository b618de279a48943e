"""帮助 → 用户操作视频: the list of help videos, each played in the app's own player.

The videos are the app itself, recorded by ``tools/record_help_videos.py``; what they are
and where they lie is ``desktop/models/help_videos.py``.  A video plays in a
``PlayerWindow`` (the lecture player, the same libvlc widget) as a request that counts
nothing, in a window of its own so that a lecture playing beside it goes on.  Without
libvlc the dialog says so and offers the videos' folder, to play them with any player.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.help_videos import UNKNOWN_LENGTH_MS, HelpVideoFile
from desktop.models.playback import PlayRequest
from desktop.models.vlc_backend import install_instructions, load_vlc
from desktop.views.appearance import set_look
from desktop.views.player import PlayerWindow


class HelpVideoPlayer(PlayerWindow):
    """The lecture player showing a help video: no 试听 wording, no credit line, no
    "试听结束" at the end (the request is a trial only so that nothing is counted)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        vlc_loader: Callable[[], ModuleType | None] = load_vlc,
    ) -> None:
        super().__init__(parent, vlc_loader=vlc_loader)
        self.setObjectName("helpVideoPlayer")
        self.credited_label.hide()
        self.handout_button.hide()  # a help video has no handout
        self.source = ""
        """The file playing (or last played)."""

    def play_video(self, video: HelpVideoFile) -> None:
        self.source = str(video.path)
        length = video.duration_ms if video.duration_ms > 0 else UNKNOWN_LENGTH_MS
        self.play(
            PlayRequest(
                course_id="help",
                course_title="",
                chapter_id=video.video.key,
                chapter_title=video.video.display_title(),
                duration_ms=length,
                source=self.source,
                trial=True,
                preview_ms=length,
            )
        )
        title = self.tr("用户操作视频 — {title}").format(title=video.video.display_title())
        self.setWindowTitle(title)
        self.heading.setText(title)

    def banner_reason(self) -> str | None:
        reason = super().banner_reason()
        return None if reason == "trial_over" else reason


class HelpVideosDialog(QDialog):
    """The list of help videos; 播放 (or Enter, or a double click) plays the chosen one.

    Signals:
        video_started(str): the key of the video the player was given.
    """

    video_started = Signal(str)

    def __init__(
        self,
        videos: list[HelpVideoFile],
        parent: QWidget | None = None,
        *,
        vlc_loader: Callable[[], ModuleType | None] = load_vlc,
        open_folder: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpVideosDialog")
        self.setWindowTitle(self.tr("用户操作视频"))
        self._videos = videos
        self._vlc_loader = vlc_loader
        self._open_folder = open_folder or (
            lambda folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        )
        self.player: HelpVideoPlayer | None = None
        self._build()
        self._connect_signals()
        if videos:
            self.video_list.setCurrentRow(0)

    def _build(self) -> None:
        heading = QLabel(self.tr("用户操作视频"))
        heading.setObjectName("pageTitle")
        intro = QLabel(self.tr("每段视频演示一个步骤。选择一段视频，然后点击“播放”。"))
        intro.setWordWrap(True)
        self.video_list = QListWidget()
        self.video_list.setObjectName("helpVideoList")
        self.video_list.setAccessibleName(self.tr("用户操作视频"))
        for number, entry in enumerate(self._videos, start=1):
            text = self.tr("{number}. {title}（{length}）").format(
                number=number, title=entry.video.display_title(), length=entry.length_text()
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.video.key)
            item.setToolTip(entry.video.display_summary())
            self.video_list.addItem(item)
        self.video_list.setMinimumHeight(self.video_list.sizeHintForRow(0) * 7)
        self.summary = QLabel()
        self.summary.setObjectName("helpVideoSummary")
        self.summary.setWordWrap(True)
        # Two lines reserved: the buttons below never move as the summary changes.
        self.summary.setMinimumHeight(self.summary.fontMetrics().lineSpacing() * 2)
        self.problem = QLabel()
        self.problem.setObjectName("helpVideoProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setProperty("role", "alert")
        set_look(self.problem, tone="warning")
        self.problem.hide()
        self.play_button = QPushButton(self.tr("播放"))
        self.play_button.setObjectName("playHelpVideo")
        self.play_button.setDefault(True)
        self.folder_button = QPushButton(self.tr("打开视频所在文件夹"))
        self.folder_button.setObjectName("openHelpFolder")
        self.folder_button.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.play_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.video_list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        self.resize(460, 420)

    def _connect_signals(self) -> None:
        self.video_list.currentRowChanged.connect(self._on_current_changed)
        self.video_list.itemActivated.connect(lambda _item: self.play_selected())
        self.play_button.clicked.connect(self.play_selected)
        self.folder_button.clicked.connect(self.open_folder)

    def titles(self) -> list[str]:
        """The titles as listed (what a learner reads)."""
        return [entry.video.display_title() for entry in self._videos]

    def select(self, key: str) -> None:
        keys = [entry.video.key for entry in self._videos]
        self.video_list.setCurrentRow(keys.index(key))

    def current(self) -> HelpVideoFile | None:
        row = self.video_list.currentRow()
        return self._videos[row] if 0 <= row < len(self._videos) else None

    def _on_current_changed(self, _row: int) -> None:
        entry = self.current()
        self.summary.setText("" if entry is None else entry.video.display_summary())

    def play_selected(self) -> None:
        entry = self.current()
        if entry is None:
            return
        if not entry.path.is_file():
            self._show_problem(
                self.tr("找不到视频文件：{path}。请重新安装本软件。").format(path=entry.path)
            )
            return
        if self._vlc_loader() is None:
            self._show_problem(
                install_instructions()
                + "\n"
                + self.tr("也可以打开视频所在的文件夹，用其他播放器观看：{folder}").format(
                    folder=entry.path.parent
                ),
                offer_folder=True,
            )
            return
        self.problem.hide()
        self.folder_button.hide()
        if self.player is None:
            self.player = HelpVideoPlayer(self, vlc_loader=self._vlc_loader)
        self.player.play_video(entry)
        self.video_started.emit(entry.video.key)

    def _show_problem(self, text: str, *, offer_folder: bool = False) -> None:
        self.problem.setText(text)
        self.problem.show()
        self.folder_button.setVisible(offer_folder)

    def open_folder(self) -> None:
        entry = self.current()
        if entry is not None:
            self._open_folder(entry.path.parent)

    def done(self, result: int) -> None:
        if self.player is not None:
            self.player.close()
        super().done(result)
