"""The player window: one chapter at a time, played by libvlc inside a Qt widget.

A 250 ms timer polls VLC on the GUI thread and feeds the watch tracker (VLC's own event
callbacks come on VLC threads; we use none).  The tracker decides what counts; this window
shows it (a banner whenever counting is paused and why), clamps seeking to the furthest
watched point, and hands the played intervals to the learning side through
``intervals_ready`` every journal interval and on pause, seek, rate change, close and quit.

Nothing plays that does not count without the learner knowing and getting it back: when
the window is minimised or in the background the lecture pauses with the credit and goes
on when the window is back; after a stretch faster than the credited rate, playback
returns to where counting stopped.  A chapter played to its end asks for the next one
(``next_chapter_wanted``; the app answers through the course page).  Under the video: 讲义
(``handout_requested``) and one line saying what the player did by itself.  The banner's
line is kept while it is hidden: a layout change resizes the native video surface, and a
paused libvlc video output redraws continuously after a resize (≈ 5 points of a core,
``benchmarks/player_cpu.py``).

The counter shows the time the platform CREDITED, and the time played but not answered for
yet as PENDING (待确认) — never pending time as credited.  Time the platform refused (or
trimmed) shows as 未计学时 with its reason and what to do, in a notice the learner may
close (it stays closed; the 未计学时 total stays).  With the app's task runner, change bus
and cache, the window re-reads the chapter's time from the cache whenever the sync says
progress changed (``desktop.models.watch_refusals.read_chapter_time``).

Operations: ``desktop/models/watch_refusals.py`` (the chapter's time, 知道了); what to play is
``desktop/models/playback.py``'s ``PlayRequest``; watch time is counted by
``desktop/models/watch_tracker.py``; playback is ``desktop/models/vlc_backend.py``.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QMouseEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.changes import Changes
from desktop.models.playback import PlayRequest
from desktop.models.vlc_backend import VlcPlayer, install_instructions, load_vlc
from desktop.models.watch_refusals import (
    ChapterTime,
    UncreditedSummary,
    dismiss,
    read_chapter_time,
    reasons_text,
)
from desktop.models.watch_tracker import SEEK_SLACK_MS, Tick, WatchTracker
from desktop.views.appearance import set_look
from desktop.views.study import format_hms
from desktop.views.widgets import tr_rule
from rules.watch import PAUSE_REASONS, Interval

if TYPE_CHECKING:
    from desktop.models.cache import Cache
    from desktop.models.changes import ChangeBus
    from desktop.models.playback import WatchedInterval
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_MS = 250
SEEK_STEP_MS = 5_000
VOLUME_STEP = 10
RATES = (0.75, 1.0, 1.25, 1.5, 2.0)
#: How long the "cannot seek there" banner stays.
REFUSED_SEEK_BANNER_MS = 2_000
#: Counting pauses for these, and the lecture pauses with it: nothing plays unseen (the
#: learner would come back to a hole to find); it goes on when the window is back.
AUTO_PAUSE_REASONS = ("minimised", "background")
_HEADLESS_PLATFORMS = ("offscreen", "minimal")


def keep_place_when_hidden(widget: QWidget) -> None:
    """A widget whose showing and hiding never moves its neighbours (its space stays)."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def mmss(ms: int) -> str:
    """Media time as mm:ss (hours fold into minutes: a lecture rarely passes 99 minutes)."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class VideoSurface(QFrame):
    """The native widget VLC draws into; a double-click toggles fullscreen."""

    double_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoSurface")
        self.setMinimumSize(480, 270)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.double_clicked.emit()
        event.accept()


class PlayerWindow(QWidget):
    """A top-level window that plays one ``PlayRequest`` at a time.

    *tasks*, *bus* and *cache* (the app's task runner, change bus and open cache) let the
    window follow what the platform answered for the chapter; without them it shows the
    request's credited time and everything played since as pending.  *audio*: whether to
    use the PC's sound (None: where Qt draws, i.e. not offscreen; a seam for tests).

    Signals:
        intervals_ready(object): a non-empty ``list[WatchedInterval]`` to journal.
        closed(): the window closed (after its last ``intervals_ready``).
        position_changed(str, int): chapter id and position in ms, at most once a second.
        handout_requested(str, str): 讲义 under the video: the chapter's id and title.
        next_chapter_wanted(str, str): the chapter (course id, chapter id) played to its
            end at a credited rate; the app answers with the next one's ``play`` or
            ``show_course_end``.
    """

    intervals_ready = Signal(object)
    closed = Signal()
    position_changed = Signal(str, int)
    handout_requested = Signal(str, str)
    next_chapter_wanted = Signal(str, str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        vlc_loader: Callable[[], ModuleType | None] = load_vlc,
        monotonic_ms: Callable[[], int] = lambda: int(time.monotonic() * 1000),
        now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
        tasks: TaskRunner | None = None,
        bus: ChangeBus | None = None,
        cache: Callable[[], Cache | None] | None = None,
        audio: bool | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("playerWindow")
        self._monotonic_ms = monotonic_ms
        self._now = now
        self._tasks = tasks
        self._bus = bus
        self._cache = cache
        #: The chapter's time as last read (credited, queued, not credited).
        self._time: ChapterTime | None = None
        #: Intervals handed out, numbered: those handed before a cache read was asked for
        #: are in that read (the journal writes them on the same serial cache lane first).
        self._handed: list[tuple[int, list[Interval]]] = []
        self._handed_count = 0
        self._time_reads = 0
        #: Refusals whose notice the learner closed here (a read may predate the write).
        self._dismissed: set[str] = set()
        #: Whether the window counts as in the foreground (a seam for headless tests,
        #: where no window can be deactivated).
        self.focus_probe: Callable[[], bool] = self.isActiveWindow
        self._request: PlayRequest | None = None
        self._tracker: WatchTracker | None = None
        self._session_expired = False
        self._journal_problem: str | None = None
        self._trial_over = False
        self._ended = False
        self._started = False
        self._media_failed = False
        self._start_ms = 0
        #: Why the window paused the lecture itself (a key of AUTO_PAUSE_REASONS), if it did.
        self._auto_paused: str | None = None
        #: Where counting stopped when the rate went above the credited one: back at the
        #: credited rate, playback returns to the first moment not counted since.
        self._fast_from: int | None = None
        #: The position the last poll fed the tracker (counting got at most that far).
        self._last_polled_ms = 0
        #: The chapter whose end asked for the next one (its course id, chapter id).
        self._advancing_from: tuple[str, str] | None = None
        #: The native window VLC draws into (0: none yet).
        self._attached_window = 0
        self._last_position_emit: tuple[int, int] | None = None  # (mono, position)
        self._refused_until = 0
        vlc = vlc_loader()
        self._qt_platform = QGuiApplication.platformName()
        self._vlc: VlcPlayer | None = (
            VlcPlayer(vlc, self._qt_platform, audio=audio) if vlc else None
        )
        self._build()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._journal = QTimer(self)
        self._connect_signals()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(self.tr("课程播放"))
        self.resize(880, 620)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("playerBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Its coming and going never moves the video: its line is kept while hidden, one
        # line of its (Chinese) text high.
        self.banner.setText(PAUSE_REASONS["paused"])
        self.banner.ensurePolished()
        self.banner.setMinimumHeight(self.banner.sizeHint().height())
        keep_place_when_hidden(self.banner)
        self.banner.hide()

        self.surface = VideoSurface()
        self.missing_vlc = QLabel(install_instructions())
        self.missing_vlc.setObjectName("vlcMissing")
        self.missing_vlc.setWordWrap(True)
        self.missing_vlc.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.missing_vlc.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.screen_stack = QStackedWidget()
        self.screen_stack.addWidget(self.surface)
        self.screen_stack.addWidget(self.missing_vlc)
        self.screen_stack.setCurrentWidget(self.surface if self._vlc else self.missing_vlc)

        self.seek_slider = QSlider(Qt.Orientation.Horizontal)
        self.seek_slider.setAccessibleName(self.tr("播放进度"))
        self.seek_slider.setSingleStep(SEEK_STEP_MS)
        self.seek_slider.setPageStep(SEEK_STEP_MS * 6)
        self.elapsed_label = QLabel(mmss(0) + " / " + mmss(0))
        self.elapsed_label.setObjectName("elapsed")
        self.credited_label = QLabel()
        self.credited_label.setObjectName("credited")
        self.uncredited_label = QLabel()
        self.uncredited_label.setObjectName("uncredited")
        set_look(self.uncredited_label, tone="warning", strong=True)
        self.uncredited_label.hide()

        # The platform did not credit some of this chapter: how much, why, what to do.
        self.refusal_notice = QFrame()
        self.refusal_notice.setObjectName("refusalNotice")
        self.refusal_label = QLabel()
        self.refusal_label.setObjectName("refusalText")
        self.refusal_label.setProperty("role", "alert")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_button = QPushButton(self.tr("知道了"))
        self.dismiss_button.setObjectName("dismissRefusal")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.dismiss_button.setAccessibleName(self.tr("知道了：关闭未计学时提示"))
        notice = QHBoxLayout(self.refusal_notice)
        notice.setContentsMargins(0, 0, 0, 0)
        notice.addWidget(self.refusal_label, 1)
        notice.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.refusal_notice.hide()

        # Every control is reached by Tab (never by a click's focus, which would take the
        # arrow keys from the window); the window's shortcuts work wherever the focus is.
        self.play_button = QPushButton(self.tr("播放"))
        self.play_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.play_button.setToolTip(self.tr("播放/暂停（空格键）"))
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(80)
        self.volume_slider.setSingleStep(VOLUME_STEP)
        self.volume_slider.setMaximumWidth(120)
        self.volume_slider.setAccessibleName(self.tr("音量"))
        self.volume_slider.setToolTip(self.tr("音量（↑/↓ 键）"))
        self.volume_slider.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.rate_combo = QComboBox()
        for rate in RATES:
            self.rate_combo.addItem(f"{rate:g}×", rate)
        self.rate_combo.setCurrentIndex(RATES.index(1.0))
        self.rate_combo.setAccessibleName(self.tr("播放速度"))
        self.rate_combo.setToolTip(self.tr("播放速度（Alt+↓ 打开列表）"))
        self.rate_combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.fullscreen_button = QPushButton(self.tr("全屏"))
        self.fullscreen_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.fullscreen_button.setToolTip(self.tr("全屏（F 键；Esc 退出）"))
        # Under the video, where the guide puts it: 讲义, and a line that says what the
        # player did by itself (went on to the next chapter, paused with the window, …).
        self.handout_button = QPushButton(self.tr("讲义"))
        self.handout_button.setObjectName("playerHandout")
        self.handout_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.handout_button.setAccessibleName(self.tr("讲义：查看本讲的讲义"))
        self.handout_button.setEnabled(False)
        self.notice_label = QLabel()
        self.notice_label.setObjectName("playerNotice")
        self.notice_label.setProperty("role", "status")
        self.notice_label.setMinimumHeight(self.notice_label.fontMetrics().height())
        self.notice_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        times = QHBoxLayout()
        times.addWidget(self.elapsed_label)
        times.addStretch(1)
        times.addWidget(self.credited_label)
        times.addSpacing(12)
        times.addWidget(self.uncredited_label)
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(QLabel(self.tr("音量")))
        controls.addWidget(self.volume_slider)
        rate_label = QLabel(self.tr("倍速"))
        rate_label.setBuddy(self.rate_combo)  # on Linux a combo's own name is its value
        controls.addWidget(rate_label)
        controls.addWidget(self.rate_combo)
        controls.addStretch(1)
        controls.addWidget(self.fullscreen_button)
        self.controls = QWidget()
        controls_layout = QVBoxLayout(self.controls)
        controls_layout.setContentsMargins(0, 0, 0, 0)
        controls_layout.addWidget(self.seek_slider)
        controls_layout.addLayout(times)
        controls_layout.addLayout(controls)
        below = QHBoxLayout()
        below.addWidget(self.handout_button)
        below.addWidget(self.notice_label, 1)
        controls_layout.addLayout(below)
        self.controls.setEnabled(self._vlc is not None)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.refusal_notice)
        layout.addWidget(self.screen_stack, 1)
        layout.addWidget(self.controls)
        self.seek_slider.setFocus()

    def _connect_signals(self) -> None:
        self._poll.timeout.connect(self._on_poll)
        self._journal.timeout.connect(self._journal_now)
        self.play_button.clicked.connect(self.toggle_play)
        self.volume_slider.valueChanged.connect(self._on_volume_changed)
        self.rate_combo.currentIndexChanged.connect(self._on_rate_changed)
        self.fullscreen_button.clicked.connect(self.toggle_fullscreen)
        self.surface.double_clicked.connect(self.toggle_fullscreen)
        self.seek_slider.valueChanged.connect(self._on_seek_value_changed)
        self.seek_slider.sliderReleased.connect(self._on_seek_released)
        self.dismiss_button.clicked.connect(self.dismiss_refusals)
        self.handout_button.clicked.connect(self._on_handout_clicked)
        if self._bus is not None:
            self._bus.changed.connect(self._on_changed)
        for key, slot in (
            (Qt.Key.Key_Space, self._on_space),
            (Qt.Key.Key_Left, lambda: self.seek_by(-SEEK_STEP_MS)),
            (Qt.Key.Key_Right, lambda: self.seek_by(SEEK_STEP_MS)),
            (Qt.Key.Key_Up, lambda: self.change_volume(VOLUME_STEP)),
            (Qt.Key.Key_Down, lambda: self.change_volume(-VOLUME_STEP)),
            (Qt.Key.Key_F, self.toggle_fullscreen),
            (Qt.Key.Key_F11, self.toggle_fullscreen),
            (Qt.Key.Key_Escape, self._leave_fullscreen),
        ):
            QShortcut(QKeySequence(key), self, slot)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._finish_chapter)

    # -- what the app calls --------------------------------------------------------------

    @property
    def vlc_available(self) -> bool:
        return self._vlc is not None

    @property
    def tracker(self) -> WatchTracker | None:
        return self._tracker

    def play(self, request: PlayRequest) -> None:
        """Play *request*, replacing what plays now (its intervals are handed out first)."""
        advancing, self._advancing_from = self._advancing_from, None
        self._finish_chapter()
        self._request = request
        self._auto_paused = None
        self._fast_from = None
        if advancing is not None and advancing[0] == request.course_id and not request.trial:
            self.show_notice(
                self.tr("上一讲已播放完毕，现在接着播放：{title}").format(
                    title=request.chapter_title
                )
            )
        else:
            self.show_notice("")
        self.handout_button.setEnabled(request.handout and not request.trial)
        self.handout_button.setToolTip(
            self.tr("下载并查看本讲的讲义")
            if request.handout and not request.trial
            else self.tr("本讲没有讲义")
        )
        self._trial_over = False
        self._ended = False
        self._started = False
        self._media_failed = False
        self._last_position_emit = None
        self._handed = []
        self._time = (
            None
            if request.trial
            else ChapterTime(
                request.chapter_id,
                credited=request.credited_intervals,
                queued=request.known_intervals,
            )
        )
        self._tracker = (
            None
            if request.trial
            else WatchTracker(
                request.chapter_id, request.duration_ms, request.policy, request.known_intervals
            )
        )
        title = f"{request.course_title} — {request.chapter_title}"
        if request.trial:
            title = self.tr("试听：") + title
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.seek_slider.blockSignals(True)
        self.seek_slider.setRange(0, self._end_ms())
        self.seek_slider.blockSignals(False)
        if self._tracker is not None and self._session_expired:
            self._tracker.set_session_expired(True)
        start_ms = 0 if request.trial else min(request.start_ms, self._seek_limit())
        if start_ms >= request.duration_ms - request.policy.completion_tolerance_ms:
            start_ms = 0  # left at the end: watch it again from the start
        self._start_ms = self._last_polled_ms = start_ms
        self._show_position(start_ms)
        self._show_credited()
        self._show_refusals()
        self.read_chapter_time()
        self._journal.setInterval(max(1, request.policy.journal_interval_s) * 1000)
        self.show()
        if self._qt_platform not in _HEADLESS_PLATFORMS:
            self.raise_()
        self.activateWindow()
        if self._vlc is None:
            return
        self._attach_video()
        self._vlc.open(request.source, start_ms)
        self._vlc.set_rate(self._selected_rate())
        self._vlc.set_volume(self.volume_slider.value())
        self._vlc.play()
        self.play_button.setText(self.tr("暂停"))
        self._poll.start()
        if self._tracker is not None:
            self._journal.start()

    def set_session_expired(self, expired: bool) -> None:
        """An expired login pauses counting (banner) until the learner logs in again."""
        self._session_expired = expired
        if self._tracker is not None:
            self._tracker.set_session_expired(expired)
            self._journal_now()
        self._show_banner()

    def set_journal_problem(self, message: str | None) -> None:
        """The watch journal cannot write to this PC (*message*), or can again (None)."""
        self._journal_problem = message
        self._show_banner()

    def toggle_play(self) -> None:
        if self._vlc is None or self._request is None or self._trial_over:
            return
        if self._vlc.is_playing():
            self._on_poll()  # count up to the moment of the pause
            self._vlc.pause()
            self.play_button.setText(self.tr("播放"))
            self._journal_now()
        else:
            if self._ended:
                self._ended = self._started = False
                self._start_ms = 0
                self._vlc.open(self._request.source, 0)
                self._vlc.play()
            else:
                self._vlc.resume()
            self._auto_paused = None
            self.play_button.setText(self.tr("暂停"))
            self._poll.start()

    def seek_by(self, delta_ms: int) -> None:
        self.seek_to(self.seek_slider.value() + delta_ms)

    def seek_to(self, ms: int) -> None:
        """Move the position (through the slider, so the same clamp applies)."""
        self.seek_slider.setValue(max(0, ms))

    def _on_space(self) -> None:
        """Space plays and pauses, except on a focused button, which it presses (全屏)."""
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused is not self.play_button:
            focused.click()
        else:
            self.toggle_play()

    def change_volume(self, delta: int) -> None:
        """↑/↓: louder or softer, through the slider (which keeps it within 0–100)."""
        self.volume_slider.setValue(self.volume_slider.value() + delta)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- polling and counting ------------------------------------------------------------

    def _on_poll(self) -> None:
        if self._vlc is None or self._request is None:
            return
        if self._auto_paused is not None and self._in_foreground():
            self._resume_after_auto_pause()
        if self._vlc.audio_failed:
            self._play_without_sound()
        if self._vlc.failed or (self._vlc.ended and not self._started):
            # libvlc 3 reports an unreadable file or URL as "ended" before it ever played.
            self._media_failed = True
            self._poll.stop()
            self._journal_now()
            self._show_banner()
            return
        position = self._vlc.position_ms
        playing = self._vlc.is_playing()
        if not self._started:
            if not playing or (position == 0 and self._start_ms > 0):
                return  # still opening: its clock reads 0, not the resume position
            self._started = True
        if self._vlc.ended and not self._ended:
            # VLC's clock stops short of the end; its last stretch was played all the same
            # (the tracker clamps it to the time that passed).
            self._ended = True
            position, playing = self._end_ms(), True
            self.play_button.setText(self.tr("播放"))
        elif self._ended:
            position, playing = self._end_ms(), False
        if self._request.trial and position >= self._request.preview_ms and not self._trial_over:
            self._trial_over = True
            self._vlc.pause()
            self.play_button.setText(self.tr("播放"))
        self._last_polled_ms = position
        if self._tracker is not None:
            self._tracker.record_tick(
                Tick(
                    mono_ms=self._monotonic_ms(),
                    wall=self._now(),
                    position_ms=position,
                    playing=playing,
                    rate=self._selected_rate(),
                    focused=self.focus_probe(),
                    minimised=self.isMinimized(),
                )
            )
            reason = self._tracker.pause_reason
            if reason in AUTO_PAUSE_REASONS and playing and not self._ended:
                self._pause_for(reason)
            if self._ended:
                self._journal_now()
        self._show_position(position)
        self._show_credited()
        self._show_banner()
        self._report_position(position)
        if self._ended and self._tracker is not None and self._poll.isActive():
            self._on_chapter_ended()
        if self._ended or self._trial_over:
            self._poll.stop()

    def _play_without_sound(self) -> None:
        """No sound device: say so once (here and in the log) and play on silently."""
        if self._vlc is None:
            return
        self._vlc.play_silently()
        log.warning("no audio output can be opened on this PC: lectures play without sound")
        self.show_notice(self.tr("本机没有可用的音频设备，课程将静音播放，学时照常计算。"))
        detail = self.tr("没有找到可用的扬声器或耳机。接好音频设备后重新打开本软件即可听到声音。")
        self.notice_label.setToolTip(detail)
        self.volume_slider.setToolTip(detail)

    # -- pausing with the credit -------------------------------------------------------

    def _in_foreground(self) -> bool:
        return self.isVisible() and not self.isMinimized() and self.focus_probe()

    def _pause_for(self, reason: str) -> None:
        """Counting stopped because the window is minimised or in the background: the
        lecture stops too (the banner says why), and goes on when the window is back."""
        if self._vlc is None:
            return
        self._vlc.pause()
        self._auto_paused = reason
        self.play_button.setText(self.tr("播放"))
        self._journal_now()
        log.info("lecture paused with the credit (%s)", reason)

    def _resume_after_auto_pause(self) -> None:
        if self._vlc is None:
            return
        self._auto_paused = None
        self._vlc.resume()
        self.play_button.setText(self.tr("暂停"))
        self.show_notice(self.tr("已回到播放窗口，视频继续播放并计时。"))

    def _first_uncounted_since(self, position: int) -> int:
        """The first moment at or after *position* that no counted interval covers."""
        if self._tracker is None:
            return position
        for start, end in self._tracker.intervals:
            if start <= position < end:
                position = end
        return position

    def _back_to_credited_rate(self) -> None:
        """Back at a credited rate after a faster stretch: play again from where counting
        stopped, so the stretch played too fast leaves no hole to find later."""
        fast_from, self._fast_from = self._fast_from, None
        if fast_from is None or self._vlc is None or self._request is None:
            return
        # A second early: a seek lands a little late (VLC reports where it decodes from).
        back_to = max(0, self._first_uncounted_since(fast_from) - SEEK_SLACK_MS)
        position = self._end_ms() if self._ended else self._vlc.position_ms
        if position - back_to <= 2 * SEEK_SLACK_MS:
            return
        self.show_notice(
            self.tr("倍速播放的部分不计学时：已回到 {time} 处，按正常速度继续学习。").format(
                time=mmss(back_to)
            )
        )
        if self._ended:  # the media ended while fast: open it again there
            self._ended = self._started = False
            self._start_ms = back_to
            self._vlc.open(self._request.source, back_to)
            self._vlc.play()
            self.play_button.setText(self.tr("暂停"))
            self._poll.start()
            return
        self.seek_to(back_to)

    # -- the next chapter ----------------------------------------------------------------

    def _on_chapter_ended(self) -> None:
        """Played to the end: at a credited rate the app opens the next chapter."""
        request = self._request
        if request is None:
            return
        if self._fast_from is not None:
            self.show_notice(
                self.tr(
                    "本讲已播放完毕，但倍速播放的部分不计学时。切换回 1× 后将从 {time} 处继续学习。"
                ).format(time=mmss(self._first_uncounted_since(self._fast_from)))
            )
            return
        self._advancing_from = (request.course_id, request.chapter_id)
        self.show_notice(self.tr("本讲已播放完毕，正在打开下一讲…"))
        self.next_chapter_wanted.emit(request.course_id, request.chapter_id)

    def show_course_end(self, last: bool) -> None:
        """No next chapter to play: the course's last one ended (*last*), or the course
        page shows another course now."""
        self._advancing_from = None
        if last:
            self.show_notice(self.tr("本讲已播放完毕，这是本课程的最后一讲。"))
        else:
            self.show_notice(self.tr("本讲已播放完毕。请在课程页点击下一讲的“播放”。"))

    # -- under the video -----------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        """What the player did by itself, in the line under the video (its place kept)."""
        self.notice_label.setText(text)
        self.notice_label.setToolTip(text)

    def show_handout_problem(self, text: str) -> None:
        """The handout could not be downloaded: why, under the video."""
        self.show_notice(text)

    def _on_handout_clicked(self) -> None:
        request = self._request
        if request is None or not request.handout:
            return
        self.show_notice(self.tr("正在下载讲义…"))
        self.handout_requested.emit(request.chapter_id, request.chapter_title)

    def show_handout_opened(self) -> None:
        if self.notice_label.text() == self.tr("正在下载讲义…"):
            self.show_notice("")

    def _journal_now(self) -> None:
        """Hand the closed intervals to the learning side (nothing when there are none)."""
        if self._tracker is None:
            return
        self._tracker.close()
        intervals = self._tracker.drain()
        if intervals:
            self._remember_handed(intervals)
            self.intervals_ready.emit(intervals)

    def _finish_chapter(self) -> None:
        """Stop what plays and hand out its last intervals (close, quit, next chapter)."""
        if self._request is None:
            return
        self._poll.stop()  # (first: a chapter ending in this last poll asks for no next one)
        if self._vlc is not None and self._vlc.is_playing():
            self._on_poll()
        self._journal.stop()
        self._journal_now()
        if self._request is not None and self._last_position_emit is not None:
            self.position_changed.emit(self._request.chapter_id, self.seek_slider.value())
        if self._vlc is not None:
            self._vlc.stop()
        self._request = None
        self._tracker = None

    # -- seeking -------------------------------------------------------------------------

    def _seek_limit(self) -> int:
        if self._request is None:
            return 0
        if self._tracker is None:  # a trial: anywhere within the preview
            return self._end_ms()
        return self._tracker.seek_limit_ms()

    def _on_seek_value_changed(self, value: int) -> None:
        limit = max(self._seek_limit(), self._playing_position())
        if value > limit:
            self._refused_until = self._monotonic_ms() + REFUSED_SEEK_BANNER_MS
            QTimer.singleShot(REFUSED_SEEK_BANNER_MS + 50, self._show_banner)
            self._show_banner()
            self.seek_slider.setValue(limit)  # re-enters with the clamped value
            return
        if not self.seek_slider.isSliderDown():
            self._apply_seek(value)

    def _on_seek_released(self) -> None:
        self._apply_seek(self.seek_slider.value())

    def _apply_seek(self, value: int) -> None:
        if self._vlc is None or self._request is None:
            return
        if abs(value - self._vlc.position_ms) < POLL_MS:
            return
        self._vlc.set_position_ms(value)
        if self._tracker is not None:
            self._tracker.seeked(
                Tick(self._monotonic_ms(), self._now(), value, False, self._selected_rate())
            )
            self._journal_now()
        self._show_position(value)

    def _playing_position(self) -> int:
        """Where playback is: moving the slider to it (e.g. the poll) is never a refusal."""
        return self._vlc.position_ms if self._vlc is not None and self._request else 0

    # -- controls ------------------------------------------------------------------------

    def _selected_rate(self) -> float:
        return float(self.rate_combo.currentData())

    def _on_rate_changed(self, _index: int) -> None:
        if self._vlc is not None:
            self._vlc.set_rate(self._selected_rate())
        if self._tracker is not None and self._request is not None:
            fast = self._selected_rate() > self._request.policy.max_credited_rate + 1e-6
            if fast and self._fast_from is None:
                # Counted up to the last poll at most: the rest plays again from there.
                self._fast_from = self._last_polled_ms
            self._journal_now()
            self._on_poll()
            if not fast:
                self._back_to_credited_rate()

    def _on_volume_changed(self, value: int) -> None:
        if self._vlc is not None:
            self._vlc.set_volume(value)

    def _leave_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()

    # -- showing -------------------------------------------------------------------------

    def _end_ms(self) -> int:
        if self._request is None:
            return 0
        if self._request.trial:
            return self._request.preview_ms
        return self._request.duration_ms

    def _show_position(self, position: int) -> None:
        if not self.seek_slider.isSliderDown():
            self.seek_slider.blockSignals(True)
            self.seek_slider.setValue(position)
            self.seek_slider.blockSignals(False)
        self.elapsed_label.setText(f"{mmss(position)} / {mmss(self._end_ms())}")

    def credited_ms(self) -> int:
        """The chapter's time the platform has credited (as last read)."""
        if self._time is None or self._request is None:
            return 0
        return min(self._time.credited_ms, self._request.duration_ms)

    def pending_ms(self) -> int:
        """Time played that the platform has not answered for yet: queued in the outbox,
        handed out since the last read, or not handed out yet."""
        if self._time is None or self._tracker is None:
            return 0
        handed = [span for _number, spans in self._handed for span in spans]
        return self._time.pending_ms(handed, self._tracker.unreported)

    def _show_credited(self) -> None:
        if self._request is None:
            return
        if self._tracker is None:
            self.credited_label.setText(self.tr("试听不计学时"))
            return
        self.credited_label.setText(
            self.tr("已计学时 {credited} · 待确认 {pending} · 总时长 {total}").format(
                credited=format_hms(self.credited_ms()),
                pending=format_hms(self.pending_ms()),
                total=format_hms(self._request.duration_ms),
            )
        )

    # -- what the platform answered ------------------------------------------------------

    def _remember_handed(self, intervals: list[WatchedInterval]) -> None:
        self._handed_count += 1
        self._handed.append(
            (self._handed_count, [(i.from_ms, i.to_ms) for i in intervals if i.to_ms > i.from_ms])
        )

    def _on_changed(self, changes: Changes) -> None:
        if changes.progress and self.isVisible():
            self.read_chapter_time()

    def read_chapter_time(self) -> None:
        """Read the chapter's credited, queued and uncredited time from the cache (cache
        lane); shown when it arrives, unless another chapter plays by then."""
        request, tasks = self._request, self._tasks
        cache = self._cache() if self._cache is not None else None
        if request is None or request.trial or tasks is None or cache is None:
            return
        self._time_reads += 1
        read, handed = self._time_reads, self._handed_count
        chapter_id = request.chapter_id
        tasks.op(
            run=lambda: read_chapter_time(cache, chapter_id),
            success=lambda found: self._on_chapter_time(read, handed, found),
            parent=self,
            lane="cache",
        ).start()

    def _on_chapter_time(self, read: int, handed: int, found: ChapterTime) -> None:
        if read != self._time_reads:
            return  # a newer read is on its way
        if self._request is None or found.chapter_id != self._request.chapter_id:
            return
        self._handed = [(number, spans) for number, spans in self._handed if number > handed]
        self.show_chapter_time(found)

    def show_chapter_time(self, found: ChapterTime) -> None:
        """Show the chapter's time as the cache holds it (credited, queued, not credited)."""
        if self._request is None or found.chapter_id != self._request.chapter_id:
            return
        self._time = found.with_dismissed(self._dismissed)
        self._show_credited()
        self._show_refusals()

    def _show_refusals(self) -> None:
        time_ = self._time
        uncredited = time_.uncredited if time_ is not None else UncreditedSummary()
        self.uncredited_label.setVisible(uncredited.shown)
        self.uncredited_label.setText(
            self.tr("未计学时 {time}").format(time=format_hms(uncredited.ms))
        )
        self.uncredited_label.setToolTip(reasons_text(uncredited))
        unread = time_.unread if time_ is not None else UncreditedSummary()
        if unread.shown:
            self.refusal_label.setText(
                self.tr("这一讲有 {time} 未计入学时。{reasons}").format(
                    time=format_hms(unread.ms), reasons=reasons_text(unread)
                )
            )
        self.refusal_notice.setVisible(unread.shown)

    def dismiss_refusals(self) -> None:
        """知道了: the notice closes and stays closed; the 未计学时 total stays."""
        time_ = self._time
        if time_ is None:
            return
        ids = time_.unread.ids
        self._dismissed.update(ids)
        self._time = time_.with_dismissed(ids)
        self._show_refusals()
        cache = self._cache() if self._cache is not None else None
        if ids and self._tasks is not None and cache is not None:
            self._tasks.op(run=lambda: dismiss(cache, ids), parent=self, lane="cache").start()

    def banner_reason(self) -> str | None:
        """Which banner shows: a key of ``PAUSE_REASONS``, "trial_over", "media_error",
        "journal_failed", or None."""
        if self._media_failed:
            return "media_error"
        if self._monotonic_ms() < self._refused_until:
            return "beyond_furthest"
        if self._request is not None and self._request.trial:
            return "trial_over" if self._trial_over else None
        if self._session_expired:
            return "session_expired"
        if self._journal_problem is not None:
            return "journal_failed"
        if self._tracker is None or self._request is None:
            return None
        if self._auto_paused is not None:
            return self._auto_paused
        return self._tracker.pause_reason

    def _show_banner(self) -> None:
        reason = self.banner_reason()
        if reason is None:
            self.banner.hide()
            return
        if reason == "trial_over":
            text = self.tr("试听结束。购买并选择该课程后即可完整学习。")
        elif reason == "media_error":
            text = self.tr("无法播放该视频，请检查网络连接后重新打开。")
        elif reason == "journal_failed":
            text = self._journal_problem or ""
        else:
            rate = self._request.policy.max_credited_rate if self._request else 1.0
            text = tr_rule(PAUSE_REASONS[reason]).format(rate=f"{rate:g}")
            if reason in AUTO_PAUSE_REASONS and self._auto_paused is not None:
                text += self.tr("。视频也已暂停，回到本窗口后自动继续播放")
            elif reason == "rate" and self._fast_from is not None:
                text += self.tr("；切换回 {rate}× 后将从 {time} 处继续计时").format(
                    rate=f"{rate:g}", time=mmss(self._first_uncounted_since(self._fast_from))
                )
        if self.banner.text() != text:
            self.banner.setText(text)
        self.banner.show()

    def _report_position(self, position: int) -> None:
        if self._request is None or self._request.trial:
            return
        mono = self._monotonic_ms()
        last = self._last_position_emit
        if last is not None and (mono - last[0] < 1000 or last[1] == position):
            return
        self._last_position_emit = (mono, position)
        self.position_changed.emit(self._request.chapter_id, position)

    # -- Qt ------------------------------------------------------------------------------

    def _attach_video(self) -> None:
        """Hand VLC the video surface's native window — again whenever it changed (a
        window hidden and shown again may get a new one; VLC would draw into the old)."""
        if self._vlc is None or self._qt_platform in _HEADLESS_PLATFORMS:
            return
        window = int(self.surface.winId())
        if window != self._attached_window:
            self._attached_window = window
            self._vlc.set_window(window, sys.platform)

    def _redraw_paused_frame(self) -> None:
        """A paused video shown again: VLC draws a still frame only when asked (a seek to
        where it is), else the surface stays black."""
        if self._vlc is None or self._request is None or self._qt_platform in _HEADLESS_PLATFORMS:
            return
        if self._started and not self._ended and not self._vlc.is_playing():
            self._vlc.set_position_ms(self._vlc.position_ms)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._attach_video()
        self._redraw_paused_frame()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and not self.isMinimized():
            self._attach_video()
            self._redraw_paused_frame()
        watched = (QEvent.Type.WindowStateChange, QEvent.Type.ActivationChange)
        if event.type() in watched and self._tracker is not None and self._poll.isActive():
            self._on_poll()  # minimised, restored, sent to the background: say so at once

    def closeEvent(self, event: QCloseEvent) -> None:
        self._advancing_from = None
        self._finish_chapter()
        super().closeEvent(event)
        self.closed.emit()
