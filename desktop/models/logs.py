"""The app's log: where it lives, how it is written, and its tail for 复制诊断信息.

Apart from ``diagnostics.py`` (the report) because ``main`` sets the log up before the
first window, and the report is not needed until it is asked for.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import deque
from collections.abc import Mapping
from pathlib import Path

LOG_FILE = "kjce.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_LINES = 200
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

# -- where the log lives -------------------------------------------------------------------


def user_log_dir(
    *,
    platform_name: str = sys.platform,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
) -> Path:
    """The OS's place for an application's logs (not created here).

    Windows ``%LOCALAPPDATA%\\KJCE\\KJCE Desktop\\Logs``, macOS ``~/Library/Logs/KJCE
    Desktop``, elsewhere ``$XDG_STATE_HOME/kjce-desktop/log`` (XDG's home for logs).
    """
    home = home or Path.home()
    if platform_name.startswith("win"):
        local = environ.get("LOCALAPPDATA")
        base = Path(local) if local else home / "AppData" / "Local"
        return base / "KJCE" / "KJCE Desktop" / "Logs"
    if platform_name == "darwin":
        return home / "Library" / "Logs" / "KJCE Desktop"
    state = environ.get("XDG_STATE_HOME")
    base = Path(state) if state else home / ".local" / "state"
    return base / "kjce-desktop" / "log"


def log_dir_for(data_dir: Path, *, portable: bool) -> Path:
    """``<data_dir>/logs`` for a chosen data directory (tests, portable use), else the
    OS's log folder."""
    return data_dir / "logs" if portable else user_log_dir()


def install_file_logging(log_dir: Path, *, level: int = logging.INFO) -> logging.Handler:
    """Log to ``log_dir/kjce.log``, rotated at 1 MB (three old files kept); the handler is
    returned so that a test can remove it again."""
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingLog(log_dir / LOG_FILE)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    return handler


class RotatingLog(logging.FileHandler):
    """``kjce.log``, moved to ``kjce.log.1`` (``.1`` to ``.2``, … three kept) once it
    passes 1 MB.

    What ``logging.handlers.RotatingFileHandler`` does; that module imports the socket,
    pickle and queue modules for its other handlers, 20 ms before the login window could
    show (issue 16).
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, encoding="utf-8")
        self._path = path

    def emit(self, record: logging.LogRecord) -> None:
        super().emit(record)
        try:
            if self.stream is not None and self.stream.tell() >= LOG_MAX_BYTES:
                self._rotate()
        except OSError:
            self.handleError(record)

    def _rotate(self) -> None:
        self.acquire()
        try:
            self.close()  # FileHandler reopens the file at the next record
            for n in range(LOG_BACKUPS - 1, 0, -1):
                older = self._path.with_name(f"{self._path.name}.{n}")
                if older.exists():
                    os.replace(older, self._path.with_name(f"{self._path.name}.{n + 1}"))
            os.replace(self._path, self._path.with_name(f"{self._path.name}.1"))
        finally:
            self.release()


def log_tail(log_dir: Path, lines: int = LOG_LINES) -> list[str]:
    """The last *lines* lines of the log, reaching into the rotated file when the current
    one is short."""
    tail: deque[str] = deque(maxlen=lines)
    for path in (log_dir / f"{LOG_FILE}.1", log_dir / LOG_FILE):
        try:
            with path.open(encoding="utf-8", errors="replace") as file:
                tail.extend(line.rstrip("\n") for line in file)
        except OSError:
            continue
    return list(tail)
