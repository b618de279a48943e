"""libvlc, loaded lazily: the player works where VLC is installed and explains itself where not.

``import vlc`` fails in several ways when libvlc is absent or of the wrong bitness
(``OSError`` from ctypes, ``ImportError``, ``NameError``/``AttributeError`` inside the
binding, and ``SystemExit`` — python-vlc calls ``sys.exit`` when ``PYTHON_VLC_LIB_PATH``
names no loadable library), so it happens here, once, and the rest of the app only sees
``None``.

``VlcPlayer`` wraps one ``vlc.Instance`` and its media player with the few calls the player
window needs.  VLC's event callbacks arrive on VLC's threads; we use none — the window polls
position and state on the GUI thread.  libvlc's log goes to one callback instead of stderr:
it keeps nothing but the fact that the audio output could not be opened (a PC with no sound
device, where libvlc retries about 20 times a second, each try written to stderr by ALSA);
the window then asks for ``play_silently`` once, and playback goes on without sound.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from desktop.i18n import tr

log = logging.getLogger(__name__)

_UNSET: Any = object()
_vlc: ModuleType | Any | None = _UNSET


def load_vlc() -> ModuleType | None:
    """The ``vlc`` module, or None when libvlc cannot be loaded on this machine."""
    global _vlc
    if _vlc is _UNSET:
        try:
            import vlc

            vlc.libvlc_get_version()
            _vlc = vlc
        except (ImportError, OSError, NameError, AttributeError, SystemExit) as exc:
            log.warning("libvlc is not available: %s", exc)
            _vlc = None
    return _vlc


def install_instructions(platform: str = sys.platform) -> str:
    """How to install VLC on *platform*, in the learner's words."""
    if platform.startswith("win"):
        return tr(
            "播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载并安装 64 位版本的 "
            "VLC（须与本软件的位数一致），安装完成后重新打开本软件。"
        )
    if platform == "darwin":
        return tr(
            "播放课程需要 VLC 媒体播放器。请从 https://www.videolan.org 下载 VLC 并拖入"
            "“应用程序”（/Applications）文件夹，或在终端运行 brew install --cask vlc，"
            "然后重新打开本软件。"
        )
    return tr(
        "播放课程需要 VLC 媒体播放器（libvlc）。请在终端运行 sudo apt install vlc"
        "（或安装 libvlc5 软件包；其他发行版请用其软件包管理器安装 vlc），然后重新打开本软件。"
    )


def instance_options(qt_platform: str, *, audio: bool | None = None) -> list[str]:
    """libvlc options: no Xlib threading, quiet; no video output where Qt draws nothing, and
    no audio output there either unless *audio* asks for the machine's."""
    options = ["--no-xlib", "--quiet", "--no-video-title-show"]
    headless = qt_platform in ("offscreen", "minimal")
    if headless:
        options.append("--vout=dummy")
    if audio is False or (audio is None and headless):
        options.append("--aout=dummy")
    return options


#: libvlc's log lines (their format strings, which carry no arguments) saying that the
#: audio output could not be opened.
AUDIO_FAILURES = (b"failed to create audio output", b"Audio output failed")
_LOG_ERROR = 4  # libvlc_log_level LIBVLC_ERROR


class VlcPlayer:
    """One libvlc instance and media player, reduced to what the player window uses.

    *audio*: None plays sound where Qt draws (not offscreen); True/False force it.
    """

    def __init__(self, vlc: ModuleType, qt_platform: str, *, audio: bool | None = None) -> None:
        self._vlc = vlc
        self._instance = vlc.Instance(instance_options(qt_platform, audio=audio))
        self._audio_failed = threading.Event()
        self._silent = False
        self._log_callback = self._make_log_callback()
        if self._log_callback is not None:
            self._instance.log_set(self._log_callback, None)
        self._player = self._instance.media_player_new()
        self._player.video_set_mouse_input(False)
        self._player.video_set_key_input(False)

    def _make_log_callback(self) -> Any:
        """libvlc's log, reduced to one fact: the audio output failed.  Runs on VLC's
        threads, for every line (debug included): it only compares a format string."""
        decorators = getattr(self._vlc, "CallbackDecorators", None)
        if decorators is None or not hasattr(self._instance, "log_set"):
            return None
        failed = self._audio_failed

        @decorators.LogCb
        def on_log(_data: Any, level: int, _context: Any, fmt: bytes | None, _args: Any) -> None:
            if (
                level >= _LOG_ERROR
                and fmt
                and not failed.is_set()
                and any(fmt.startswith(text) for text in AUDIO_FAILURES)
            ):
                failed.set()

        return on_log

    @property
    def audio_failed(self) -> bool:
        """The audio output could not be opened and playback is not silent yet."""
        return self._audio_failed.is_set() and not self._silent

    def play_silently(self) -> None:
        """Play on without sound (the dummy audio output): libvlc stops retrying."""
        self._silent = True
        self._player.audio_output_set("adummy")

    def set_window(self, win_id: int, platform: str = sys.platform) -> None:
        """Draw into the native window *win_id* (the Qt video surface)."""
        if platform.startswith("win"):
            self._player.set_hwnd(win_id)
        elif platform == "darwin":
            self._player.set_nsobject(win_id)
        else:
            self._player.set_xwindow(win_id)

    def open(self, source: str, start_ms: int = 0) -> None:
        """Open a local path or an http(s) URL (a signed media URL), to start at *start_ms*."""
        if "://" in source:
            media = self._instance.media_new(source)
        else:
            media = self._instance.media_new_path(str(Path(source)))
        if start_ms > 0:
            media.add_option(f":start-time={start_ms / 1000:.3f}")
        self._player.set_media(media)
        media.release()

    def play(self) -> None:
        self._player.play()

    def pause(self) -> None:
        self._player.set_pause(1)

    def resume(self) -> None:
        self._player.set_pause(0)

    def stop(self) -> None:
        self._player.stop()

    def release(self) -> None:
        self._player.stop()
        self._player.release()
        if self._log_callback is not None:
            self._instance.log_unset()
        self._instance.release()

    @property
    def position_ms(self) -> int:
        return max(0, int(self._player.get_time()))

    def set_position_ms(self, ms: int) -> None:
        self._player.set_time(int(ms))

    @property
    def length_ms(self) -> int:
        return max(0, int(self._player.get_length()))

    @property
    def rate(self) -> float:
        return float(self._player.get_rate())

    def set_rate(self, rate: float) -> None:
        self._player.set_rate(rate)

    @property
    def volume(self) -> int:
        return int(self._player.audio_get_volume())

    def set_volume(self, volume: int) -> None:
        self._player.audio_set_volume(int(volume))

    def is_playing(self) -> bool:
        return bool(self._player.is_playing())

    def is_seekable(self) -> bool:
        return bool(self._player.is_seekable())

    @property
    def ended(self) -> bool:
        return bool(self._player.get_state() == self._vlc.State.Ended)

    @property
    def failed(self) -> bool:
        return bool(self._player.get_state() == self._vlc.State.Error)
