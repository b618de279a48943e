"""The embedded platform: ``python -m server`` on a free loopback port, owned by the app.

``main`` starts it first thing (``launch``), before Qt builds a window, so that its start
overlaps the GUI's; nothing waits for it: the login screen shows at once and learns the
URL from the platform's "listening on" line.  The platform runs on SQLite in the user data
directory with the demo data loaded; a warm start neither migrates nor seeds
(server/warm_start.py) and announces its address before it loads its web stack.

One platform serves a data folder (``--shared``, server/sharing.py): a second app on the
same folder, or an app restarted while the last platform is still stopping, gets a small
child that attaches to the platform already serving.  Every app's child is tied to the
app by its standard input, so the platform never outlives the last app that uses it —
not even an app that is killed.  Its log goes to ``platform/platform.log``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.frozen import platform_command

log = logging.getLogger(__name__)

_LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")
KEPT_LINE = "KJCE platform kept for other apps"
"""What the platform prints when it stays up for other apps after this one left."""
START_TIMEOUT_MS = 60_000
STOP_TIMEOUT_S = 5.0
LOG_FILE = "platform.log"
LOG_ROTATE_BYTES = 1_000_000


class PlatformLaunch:
    """The platform's child process, without Qt: ``main`` starts it before the QApplication.

    The child's stdout is read on a thread of its own; *on_change* (set by
    ``EmbeddedPlatform``) is called there whenever the URL is known or the child ended.
    """

    def __init__(self, data_dir: Path) -> None:
        self.platform_dir = data_dir / "platform"
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.exit_code: int | None = None
        self.launch_error = ""
        self.stopping = False
        self._kept = threading.Event()
        self._lock = threading.Lock()
        self._on_change: Callable[[], None] | None = None

    @property
    def started(self) -> bool:
        return self.process is not None or bool(self.launch_error)

    def start(self) -> None:
        self.platform_dir.mkdir(parents=True, exist_ok=True)
        program, leading = platform_command()  # python -m server, or the frozen app itself
        db = self.platform_dir / "platform.sqlite3"
        args = [
            *leading,
            "--db", f"sqlite:///{db}",
            "--host", "127.0.0.1",
            "--port", "0",
            "--captcha", "off",
            "--demo-inbox",
            "--seed-demo",
            "--payments", "sandbox",
            "--demo-backoffice",
            "--exit-on-stdin-eof",
            "--shared",
            "--data-dir", str(self.platform_dir),
        ]  # fmt: skip
        options: dict[str, Any] = {}
        if sys.platform == "win32":  # no console window; Ctrl+C of a console is not ours
            options["creationflags"] = (
                subprocess.CREATE_NO_WINDOW | subprocess.CREATE_NEW_PROCESS_GROUP
            )
        else:  # a terminal's Ctrl+C or hang-up reaches the app, not a shared platform
            options["start_new_session"] = True
        log.info("starting the embedded platform")
        try:
            with self._open_log() as stderr:
                self.process = subprocess.Popen(
                    [program, *args],
                    stdin=subprocess.PIPE,  # held open while we live: see server/sharing.py
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    cwd=Path(__file__).resolve().parents[2],
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                    **options,
                )
        except OSError as exc:
            log.error("could not start the embedded platform: %s", exc)
            self.launch_error = str(exc)
            self._changed()
            return
        threading.Thread(target=self._read_output, name="embedded-platform", daemon=True).start()

    def _open_log(self) -> Any:
        path = self.platform_dir / LOG_FILE
        with contextlib.suppress(OSError):  # Windows: a running platform may hold it open
            if path.stat().st_size > LOG_ROTATE_BYTES:
                os.replace(path, path.with_suffix(".log.1"))
        return path.open("ab")

    def log_tail(self, chars: int = 2000) -> str:
        try:
            return (self.platform_dir / LOG_FILE).read_bytes()[-chars:].decode("utf-8", "replace")
        except OSError:
            return ""

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call *callback* (on any thread) when the URL is known or the child ended; at once
        if either happened already."""
        with self._lock:
            self._on_change = callback
            settled = bool(self.url) or self.exit_code is not None or bool(self.launch_error)
        if settled:
            callback()

    def _changed(self) -> None:
        with self._lock:
            callback = self._on_change
        if callback is not None:
            callback()

    def _read_output(self) -> None:
        process = self.process
        assert process is not None and process.stdout is not None
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace").strip()
            match = _LISTENING.search(line)
            if match and not self.url:
                with self._lock:
                    self.url = match.group(1)
                self._changed()
            elif line == KEPT_LINE:
                self._kept.set()
        code = process.wait()
        with self._lock:
            self.exit_code = code
        self._changed()

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Leave the platform: close its stdin, then wait until it has stopped — or says it
        stays for other apps that use it.  Killed if it does neither in time."""
        self.stopping = True
        process = self.process
        if process is None or process.poll() is not None:
            return
        assert process.stdin is not None
        with contextlib.suppress(OSError):
            process.stdin.close()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None or self._kept.is_set():
                return
            time.sleep(0.02)
        log.warning("the embedded platform did not stop in %.0f s; ending it", timeout_s)
        process.terminate()
        try:
            process.wait(2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(2)


def launch(data_dir: Path) -> PlatformLaunch:
    """Start the embedded platform now; ``DesktopApp`` adopts it (``platform_launch``)."""
    platform = PlatformLaunch(data_dir)
    platform.start()
    return platform


class EmbeddedPlatform(QObject):
    """Runs the reference platform as a child process, for the GUI.

    Signals:
        ready(str): the platform answers at this base URL.
        failed(str): it could not be started, or ended unexpectedly (a Chinese message
            for the user).
    """

    ready = Signal(str)
    failed = Signal(str)
    _changed = Signal()  # emitted on the reader thread; queued to ours

    def __init__(
        self,
        data_dir: Path,
        parent: QObject | None = None,
        *,
        launched: PlatformLaunch | None = None,
    ) -> None:
        super().__init__(parent)
        self._launch = launched or PlatformLaunch(data_dir)
        self._changed.connect(self._on_changed)
        self.url = ""
        self._failed = False
        self._timeout = QTimer(self, singleShot=True, interval=START_TIMEOUT_MS)
        self._timeout.timeout.connect(self._on_timeout)

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The child process (this app's own, whether it serves or attached)."""
        return self._launch.process

    def start(self) -> None:
        if not self._launch.started:
            self._launch.start()
        self._timeout.start()
        self._launch.on_change(self._changed.emit)

    def stop(self) -> None:
        """Leave the platform; called when the app quits."""
        self._timeout.stop()
        self._launch.stop()

    def _on_changed(self) -> None:
        launch = self._launch
        if launch.url and not self.url:
            self._timeout.stop()
            self.url = launch.url
            log.info("embedded platform ready at %s", self.url)
            self.ready.emit(self.url)
        if launch.launch_error:
            self._fail(self.tr("无法启动内置平台服务，请重新安装本软件。"))
        elif launch.exit_code is not None and not launch.stopping:
            log.error("embedded platform exited (%s): %s", launch.exit_code, launch.log_tail())
            self._fail(self.tr("内置平台服务意外退出，请重启本软件。"))

    def _on_timeout(self) -> None:
        self._fail(self.tr("内置平台服务启动超时，请重启本软件。"))
        self.stop()

    def _fail(self, message: str) -> None:
        self._timeout.stop()
        if not self._failed:
            self._failed = True
            self.failed.emit(message)
