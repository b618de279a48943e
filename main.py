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

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kjce-desktop", description="KJCE Desktop")
    parser.add_argument(
        "--platform", metavar="URL", help="use this platform instead of the embedded one"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where the caches and logs live")
    return parser.parse_args(argv)


def setup_logging(data_dir: Path, *, portable: bool) -> Path:
    """Log to the user's log folder (rotated) and stderr; never personal data.

    The OS's log folder (see ``desktop.models.diagnostics.user_log_dir``), or
    ``<data_dir>/logs`` when the data directory was chosen (``--data-dir``,
    ``KJCE_DATA_DIR``: tests, portable use).  Returns the folder.
    """
    from desktop.models.diagnostics import LOG_FORMAT, install_file_logging, log_dir_for

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
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("KJCE")
    app.setApplicationName("KJCE Desktop")

    from desktop.models.paths import user_data_dir

    data_dir = Path(args.data_dir) if args.data_dir else user_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
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

    desktop = DesktopApp(data_dir=data_dir, platform_url=args.platform, log_dir=log_dir)
    if os.environ.get("KJCE_BENCH_REPORT"):
        _report_start_up(desktop, app)
    app.aboutToQuit.connect(desktop.shutdown)
    desktop.start()
    code = app.exec()
    if desktop.restart_pending:  # 设置 → 立即重启, once this instance is down
        from PySide6.QtCore import QProcess

        from desktop.views.settings_dialog import restart_command

        program, arguments = restart_command()
        QProcess.startDetached(program, arguments)
    return code


def _report_start_up(desktop: object, app: QApplication) -> None:
    """For benchmarks/startup.py and the packaging smoke run (tests/test_packaging.py).

    Prints when the window shows, quits once the login is usable; exits 1 if the embedded
    platform fails.
    """
    from desktop.app import DesktopApp

    assert isinstance(desktop, DesktopApp)
    desktop.window.shown.connect(lambda: print(f"KJCE_SHOWN {time.time():.6f}", flush=True))

    def check_ready() -> None:
        if desktop.window.login.login_button.isEnabled():
            print(f"KJCE_READY {time.time():.6f}", flush=True)
            app.quit()
        else:
            QTimer.singleShot(20, check_ready)

    def on_platform_failed(message: str) -> None:
        print(f"KJCE_FAILED {message}", flush=True)  # the packaging smoke run fails at once
        app.exit(1)

    def watch_platform() -> None:  # queued: desktop.start() creates the embedded platform
        if desktop.embedded is not None:
            desktop.embedded.failed.connect(on_platform_failed)

    QTimer.singleShot(0, watch_platform)
    QTimer.singleShot(0, check_ready)


if __name__ == "__main__":
    sys.exit(main())
