"""Drive the real desktop app in a process of its own (the crash test kills it).

    python -m tests.helpers.app_driver --platform URL --data-dir DIR \
        [--course ID --chapter ID --year 2026]

Credentials come from ``KJCE_DRIVER_ID_NUMBER`` / ``KJCE_DRIVER_PASSWORD`` (the keyring of
one process is not another's, so the driver logs in through the login form as a person
does).  With ``--chapter`` it opens the course page and presses 播放, and prints
``KJCE_PLAYING <unix time>`` once the player's position first moves; it then plays until
killed.  Without, it prints ``KJCE_SYNCED`` once a sync has left the outbox empty, and quits.

Nothing here is part of the app: it only uses what a person uses (the login form, the
course page's 播放), plus the player's documented ``focus_probe`` seam, since a headless
window is never "active".
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

from desktop.app import DesktopApp


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--platform", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--course")
    parser.add_argument("--chapter")
    parser.add_argument("--year", type=int, default=0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    qt = QApplication(sys.argv[:1])
    app = DesktopApp(data_dir=Path(args.data_dir), platform_url=args.platform)
    app.start()
    state = {"step": "login", "synced_once": False}

    def tick() -> None:
        step = state["step"]
        if step != state.get("logged"):  # each step once in driver.log, to see where a run stops
            state["logged"] = step
            logging.getLogger("app_driver").info("step: %s", step)
        login = app.window.login
        if step == "login" and app.api is not None and login.login_button.isEnabled():
            login.id_number_edit.setText(os.environ["KJCE_DRIVER_ID_NUMBER"])
            login.password_edit.setText(os.environ["KJCE_DRIVER_PASSWORD"])
            login.login_button.click()
            state["step"] = "entering"
        elif step == "entering" and app.cache is not None and app.sync is not None:
            if args.chapter:
                app._open_course(args.course, args.year)
                state["step"] = "course"
            else:
                app.sync.sync_finished.connect(on_synced)
                app.sync.sync_now()
                state["step"] = "syncing"
        elif step == "course":
            page = app.course_page
            if time.monotonic() - state.setdefault("course_since", time.monotonic()) > 5:
                state["course_since"] = time.monotonic()
                logging.getLogger("app_driver").info(
                    "still at the course page: %s rows=%s data=%s status=%r chapters=%s",
                    page.course_id,
                    len(page.rows),
                    page.data is not None,
                    page.status_label.text(),
                    [r.chapter.id for r in page.rows],
                )
            row = app.course_page.row_of(args.chapter)
            if row is not None and row.play_button.isEnabled():
                row.play_button.click()
                state["step"] = "starting"
        elif step == "starting" and app.player is not None:
            app.player.focus_probe = lambda: True
            app.player.position_changed.connect(on_position)
            state["step"] = "playing"

    def on_position(_chapter: str, position: int) -> None:
        if position > 0 and state["step"] == "playing":
            state["step"] = "counting"
            print(f"KJCE_PLAYING {time.time():.3f}", flush=True)

    def on_synced() -> None:
        cache = app.cache
        if cache is None:
            return
        app.tasks.op(run=lambda: cache.pending(limit=1), success=check_empty, lane="cache").start()

    def check_empty(pending: list[object]) -> None:
        if pending:
            if app.sync is not None:
                app.sync.sync_now()
            return
        print("KJCE_SYNCED", flush=True)
        app.window.close()
        qt.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    qt.aboutToQuit.connect(app.shutdown)
    return qt.exec()


if __name__ == "__main__":
    sys.exit(main())
