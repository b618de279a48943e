"""The embedded platform: ``python -m server`` on a free loopback port, owned by the app.

Started with ``QProcess`` so that nothing blocks the first window: the app shows the login
screen at once and learns the URL from the server's "listening on" line.  The platform
runs on SQLite in the user data directory with the demo data loaded, and is stopped when
the app exits.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from desktop.frozen import platform_command

log = logging.getLogger(__name__)

_LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+)")
START_TIMEOUT_MS = 60_000


class EmbeddedPlatform(QObject):
    """Runs the reference platform as a child process.

    Signals:
        ready(str): the platform answers at this base URL.
        failed(str): it could not be started (a Chinese message for the user).
    """

    ready = Signal(str)
    failed = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir / "platform"
        self._process = QProcess(self)
        self._process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        self._process.readyReadStandardOutput.connect(self._on_output)
        self._process.errorOccurred.connect(self._on_error)
        self._process.finished.connect(self._on_finished)
        self._buffer = ""
        self.url = ""
        self._timeout = QTimer(self, singleShot=True, interval=START_TIMEOUT_MS)
        self._timeout.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self._data_dir.mkdir(parents=True, exist_ok=True)
        db = self._data_dir / "platform.sqlite3"
        env = QProcessEnvironment.systemEnvironment()
        env.insert("PYTHONUNBUFFERED", "1")
        self._process.setProcessEnvironment(env)
        self._process.setWorkingDirectory(str(Path(__file__).resolve().parents[2]))
        program, leading = platform_command()  # python -m server, or the frozen app itself
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
            "--data-dir", str(self._data_dir),
        ]  # fmt: skip
        log.info("starting the embedded platform")
        self._process.start(program, args)
        self._timeout.start()

    def stop(self) -> None:
        """Stop the platform; called when the app quits."""
        self._timeout.stop()
        if self._process.state() == QProcess.ProcessState.NotRunning:
            return
        self._process.terminate()
        if not self._process.waitForFinished(5000):
            self._process.kill()
            self._process.waitForFinished(2000)

    def _on_output(self) -> None:
        self._buffer += bytes(self._process.readAllStandardOutput().data()).decode(
            "utf-8", "replace"
        )
        if self.url:
            self._buffer = ""
            return
        match = _LISTENING.search(self._buffer)
        if match:
            self._timeout.stop()
            self.url = match.group(1)
            self._buffer = ""
            log.info("embedded platform ready at %s", self.url)
            self.ready.emit(self.url)

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._fail(self.tr("无法启动内置平台服务，请重新安装本软件。"))

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if not self.url:
            stderr = bytes(self._process.readAllStandardError().data()).decode("utf-8", "replace")
            log.error("embedded platform exited (%s): %s", exit_code, stderr[-2000:])
            self._fail(self.tr("内置平台服务意外退出，请重启本软件。"))

    def _on_timeout(self) -> None:
        self._fail(self.tr("内置平台服务启动超时，请重启本软件。"))
        self.stop()

    def _fail(self, message: str) -> None:
        self._timeout.stop()
        self.failed.emit(message)
