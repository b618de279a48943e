"""KJCE Desktop — start here.

    python main.py                      # starts the embedded platform (SQLite, loopback)
    python main.py --platform URL       # uses a running platform instead

Only Qt is imported before the first window shows; everything heavier waits for it.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

RESOURCES = Path(__file__).resolve().parent / "resources"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kjce-desktop", description="KJCE Desktop")
    parser.add_argument(
        "--platform", metavar="URL", help="use this platform instead of the embedded one"
    )
    parser.add_argument("--data-dir", metavar="DIR", help="where the caches and logs live")
    return parser.parse_args(argv)


def setup_logging(data_dir: Path) -> None:
    """Log to the user's log folder (rotated) and stderr; never personal data."""
    log_dir = data_dir / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_dir / "kjce.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[handler, logging.StreamHandler()],
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("KJCE")
    app.setApplicationName("KJCE Desktop")
    style = RESOURCES / "styles" / "app.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))

    from desktop.models.paths import user_data_dir

    data_dir = Path(args.data_dir) if args.data_dir else user_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_logging(data_dir)

    from desktop.app import DesktopApp

    desktop = DesktopApp(data_dir=data_dir, platform_url=args.platform)
    if os.environ.get("KJCE_BENCH_REPORT"):
        _report_start_up(desktop, app)
    app.aboutToQuit.connect(desktop.shutdown)
    desktop.start()
    return app.exec()


def _report_start_up(desktop: object, app: QApplication) -> None:
    """For benchmarks/startup.py: print when the window shows, quit once the login is usable."""
    from desktop.app import DesktopApp

    assert isinstance(desktop, DesktopApp)
    desktop.window.shown.connect(lambda: print(f"KJCE_SHOWN {time.time():.6f}", flush=True))

    def check_ready() -> None:
        if desktop.window.login.login_button.isEnabled():
            print(f"KJCE_READY {time.time():.6f}", flush=True)
            app.quit()
        else:
            QTimer.singleShot(20, check_ready)

    QTimer.singleShot(0, check_ready)


if __name__ == "__main__":
    sys.exit(main())
