"""KJCE Desktop — start here.

    python main.py                      # starts the embedded platform (SQLite, loopback)
    python main.py --platform URL       # uses a running platform instead

Only Qt is imported before the first window shows; everything heavier waits for it.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from desktop.app import DesktopApp
    from desktop.models.session import Session
    from desktop.views.error_dialog import UnexpectedErrors


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kjce-desktop", description="KJCE Desktop")
    parser.add_argument(
        "--platform", metavar="URL", help="use this platform instead of the embedded one"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where the caches and logs live")
    return parser.parse_args(argv)


def setup_logging(data_dir: Path, *, portable: bool) -> Path:
    """Log to the user's log folder (rotated) and stderr; never personal data.

    The OS's log folder (see ``desktop.models.logs.user_log_dir``), or
    ``<data_dir>/logs`` when the data directory was chosen (``--data-dir``,
    ``KJCE_DATA_DIR``: tests, portable use).  Returns the folder.
    """
    from desktop.models.logs import LOG_FORMAT, install_file_logging, log_dir_for

    log_dir = log_dir_for(data_dir, portable=portable)
    try:
        install_file_logging(log_dir)
    except OSError:  # a read-only profile: fall back beside the data
        log_dir = data_dir / "logs"
        install_file_logging(log_dir)
    if sys.stderr is not None:  # a windowed frozen app on Windows has no stderr
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(LOG_FORMAT))
        logging.getLogger().addHandler(console)
    return log_dir


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from desktop.models.paths import user_data_dir

    data_dir = Path(args.data_dir) if args.data_dir else user_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    # The embedded platform first: it takes longer to answer than the window takes to show.
    platform_launch = None
    if not args.platform:  # (its module is not loaded when a platform is given)
        from desktop.models.embedded import launch

        platform_launch = launch(data_dir)

    app = QApplication(sys.argv[:1])
    app.setOrganizationName("KJCE")
    app.setApplicationName("KJCE Desktop")
    portable = bool(args.data_dir or os.environ.get("KJCE_DATA_DIR"))
    log_dir = setup_logging(data_dir, portable=portable)

    # Before any window: the language, the colours and the text size apply from the start.
    from desktop.i18n import install_translations
    from desktop.models.preferences import load_preferences
    from desktop.views.appearance import apply_appearance

    preferences = load_preferences(data_dir)
    install_translations(app, preferences.language)
    apply_appearance(app, preferences)

    from desktop.app import DesktopApp

    desktop = DesktopApp(
        data_dir=data_dir,
        platform_url=args.platform,
        log_dir=log_dir,
        platform_launch=platform_launch,
    )
    if os.environ.get("KJCE_BENCH_REPORT"):
        _report_start_up(desktop, app)
    app.aboutToQuit.connect(desktop.shutdown)
    close_on_terminate(desktop)
    # After the first frame: 出错了 is not part of the login window.
    desktop.window.shown.connect(
        lambda: QTimer.singleShot(0, lambda: install_error_dialog(desktop))
    )
    desktop.start()
    code = app.exec()
    if desktop.restart_pending:  # 设置 → 立即重启, once this instance is down
        from PySide6.QtCore import QProcess

        from desktop.views.settings_dialog import restart_command

        program, arguments = restart_command()
        QProcess.startDetached(program, arguments)
    return code


def close_on_terminate(desktop: DesktopApp) -> None:
    """SIGTERM (the desktop session ending, ``kill``) closes the window as its close button
    does: the same quick, clean quit (the last watched interval journalled, the cache
    closed), not Python's default of dying mid-write.  POSIX only."""
    if sys.platform == "win32":
        return
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    # Python runs a handler only when the interpreter next gets control; the wakeup
    # socket wakes Qt's event loop at once instead.
    woken, wake = socket.socketpair()
    woken.setblocking(False)
    wake.setblocking(False)
    signal.set_wakeup_fd(wake.fileno(), warn_on_full_buffer=False)
    signal.signal(signal.SIGTERM, lambda _number, _frame: None)
    notifier = QSocketNotifier(woken.fileno(), QSocketNotifier.Type.Read, desktop)

    sockets = (woken, wake)  # held by the slot for the process's life (the fd is written)

    def on_signal() -> None:
        try:
            numbers = sockets[0].recv(64)
        except OSError:
            return
        if signal.SIGTERM in numbers:
            desktop.window.close()

    notifier.activated.connect(on_signal)


def install_error_dialog(desktop: DesktopApp) -> UnexpectedErrors:
    """An uncaught exception (a slot, a worker thread) reaches ``kjce.log`` and 出错了 with
    复制诊断信息, never only stderr (``desktop/views/error_dialog.py``)."""
    from desktop.views.error_dialog import install_unexpected_errors

    menus = desktop.menus
    errors = install_unexpected_errors(
        desktop.window, menus.copy_diagnostics, lambda: tuple(menus.personal)
    )
    # Quitting: stderr again, no dialog (nothing of the window is left to show it).
    desktop.window.closing.connect(errors.uninstall)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(errors.uninstall)
    return errors


def _report_start_up(desktop: object, app: QApplication) -> None:
    """For benchmarks/startup.py, the packaging smoke run (tests/test_packaging.py) and the
    start-up guard (tests/helpers/startup_probe.py).

    Prints ``KJCE_SHOWN <time>`` when the window shows; then, by ``KJCE_BENCH_REPORT``:
      * ``1``: ``KJCE_READY <time>`` once the login is usable, and quits;
      * ``home``: ``KJCE_HOME <time> <answered>`` once 个人主页 has painted the year from the
        cache (a remembered learner; *answered* is 1 when the platform had answered by
        then), and quits;
      * ``synced``: ``KJCE_SYNCED <time>`` after the first sync (a first run that fills the
        account's cache), and quits;
      * ``close``: ``KJCE_HIDDEN <time>`` when the window hides (a quit timed from outside,
        tests/desktop/test_cancellable_work.py), and runs on until closed;
    and ``KJCE_RSS <MB>``, the peak RSS, as it quits.  Exits 1 if the embedded platform fails.
    """
    from desktop.app import DesktopApp

    assert isinstance(desktop, DesktopApp)
    mode = os.environ.get("KJCE_BENCH_REPORT", "1")
    desktop.window.shown.connect(lambda: print(f"KJCE_SHOWN {time.time():.6f}", flush=True))
    app.aboutToQuit.connect(lambda: print(f"KJCE_RSS {time.time():.6f} {_peak_rss_mb():.1f}"))

    def check_ready() -> None:
        if desktop.window.login.login_button.isEnabled():
            print(f"KJCE_READY {time.time():.6f}", flush=True)
            app.quit()
        else:
            QTimer.singleShot(20, check_ready)

    def synced() -> None:
        print(f"KJCE_SYNCED {time.time():.6f}", flush=True)
        app.quit()

    def check_synced(session: Session) -> None:  # the first session's first sync
        session.cache_ready.connect(
            lambda _cache: session.sync is not None and session.sync.sync_finished.connect(synced)
        )

    def on_platform_failed(message: str) -> None:
        print(f"KJCE_FAILED {message}", flush=True)  # the packaging smoke run fails at once
        app.exit(1)

    def watch_platform() -> None:  # queued: desktop.start() creates the embedded platform
        if desktop.embedded is not None:
            desktop.embedded.failed.connect(on_platform_failed)

    QTimer.singleShot(0, watch_platform)
    if mode == "home":
        app.installEventFilter(_HomePainted(desktop, app))
    elif mode == "synced":
        desktop.session_started.connect(check_synced)
    elif mode == "close":
        desktop.window.installEventFilter(_Hidden(desktop.window))
    else:
        QTimer.singleShot(0, check_ready)


def _peak_rss_mb() -> float:
    """This process's peak RSS: Linux's VmHWM (``wait4``'s figure would also count the
    parent's memory at the fork), else ``getrusage``."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / (1024 if sys.platform == "darwin" else 1)


class _Hidden(QObject):
    """``KJCE_BENCH_REPORT=close``: notes when the window hides."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide:
            print(f"KJCE_HIDDEN {time.time():.6f}", flush=True)
        return False


class _HomePainted(QObject):
    """``KJCE_BENCH_REPORT=home``: notes the first paint of 个人主页 showing a year."""

    def __init__(self, desktop: DesktopApp, app: QApplication) -> None:
        super().__init__(app)
        self._desktop = desktop
        self._app = app
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            home = self._desktop.built_page("home")
            overview = getattr(home, "overview", None)
            if (
                isinstance(home, QWidget)
                and overview is not None
                and isinstance(watched, QWidget)
                and (watched is home or home.isAncestorOf(watched))
            ):
                self._done = True
                answered = int(getattr(self._desktop, "health", None) is not None)
                QTimer.singleShot(0, lambda: self._report(answered))  # once the frame is out
        return False

    def _report(self, answered: int) -> None:
        print(f"KJCE_HOME {time.time():.6f} {answered}", flush=True)
        self._app.quit()


if __name__ == "__main__":
    sys.exit(main())
