"""Drive the real desktop app in a process of its own (the crash test kills it).

    python -m tests.helpers.app_driver --platform URL --data-dir DIR \
        [--course ID --chapter ID --year 2026] [--exam-answers N [--exam-offline-after K]]
        [--exam-pace-s S] [--exam-choice K] [--exam-resume]

Credentials come from ``KJCE_DRIVER_ID_NUMBER`` / ``KJCE_DRIVER_PASSWORD`` (the keyring of
one process is not another's, so the driver logs in through the login form as a person
does).  With ``--chapter`` it opens the course page and presses 播放, and prints
``KJCE_PLAYING <unix time>`` once the player's position first moves; it then plays until
killed.  Without, it prints ``KJCE_SYNCED`` once a sync has left the outbox empty, and quits.

With ``--exam-answers N`` it opens 公需考试, presses 开始考试 and answers the first N questions
with the key 1 (the first option); after K answers are "已保存" (``--exam-offline-after``)
the network goes (the platform's port is swapped for a closed one), so the rest stay in the
outbox.  Once the cached attempt holds all N it prints ``KJCE_ANSWERED <attempt id>`` and
waits to be killed.  ``--exam-pace-s S`` waits S seconds between answers and
``--exam-choice K`` picks option K (0-based) instead of the first; each choice is printed
as ``KJCE_CHOSE <question id> <what the dialog then says of it>``, and once the dialog
shows it as given as ``KJCE_GAVE <question id> <answer as JSON>``.  With ``--exam-resume`` it waits
for the app to reopen the attempt by itself, prints ``KJCE_EXAM_OPEN <attempt id> <answers as JSON>``, then ``KJCE_EXAM_SAVED``
once every answer is "已保存", and quits.

Nothing here is part of the app: it only uses what a person uses (the login form, the
course page's 播放), plus the player's documented ``focus_probe`` seam, since a headless
window is never "active".
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

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
    parser.add_argument("--exam-answers", type=int, default=0)
    parser.add_argument("--exam-offline-after", type=int, default=-1)
    parser.add_argument("--exam-resume", action="store_true")
    parser.add_argument("--exam-pace-s", type=float, default=0.0)
    parser.add_argument("--exam-choice", type=int, default=0)
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
        elif step == "entering" and app.session is not None and app.session.sync is not None:
            if args.exam_answers or args.exam_resume:
                state["step"] = "exam"
            elif args.chapter:
                app._open_course(args.course, args.year)
                state["step"] = "course"
            else:
                app.session.sync.sync_finished.connect(on_synced)
                app.session.sync.sync_now()
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

        elif step == "exam":
            exam_tick(app, args, state)

    def on_position(_chapter: str, position: int) -> None:
        if position > 0 and state["step"] == "playing":
            state["step"] = "counting"
            print(f"KJCE_PLAYING {time.time():.3f}", flush=True)

    def on_synced() -> None:
        cache = None if app.session is None else app.session.cache
        if cache is None:
            return
        app.tasks.op(run=lambda: cache.pending(limit=1), success=check_empty, lane="cache").start()

    def check_empty(pending: list[object]) -> None:
        if pending:
            if app.session is not None and app.session.sync is not None:
                app.session.sync.sync_now()
            return
        print("KJCE_SYNCED", flush=True)
        app.window.close()
        qt.quit()

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(50)
    qt.aboutToQuit.connect(app.shutdown)
    return qt.exec()


def exam_tick(app: DesktopApp, args: argparse.Namespace, state: dict[str, Any]) -> None:
    """One step of the exam modes (see the module): as a person, through the page's button,
    the dialog's keys and its "已保存" marks."""
    from desktop.models.exam_cache import get_attempt

    view, cache = app.exam_view, app.session.cache
    dialog = view.dialog
    if args.exam_resume:
        if dialog is None or state.get("printed") == "saved":
            return
        answered = [q.id for q in dialog.attempt.questions if dialog.attempt.answered(q.id)]
        if "printed" not in state:
            answers = {q: list(dialog.attempt.answers[q]) for q in answered}
            print(f"KJCE_EXAM_OPEN {dialog.attempt.id} {json.dumps(answers)}", flush=True)
            state["printed"] = "open"
        elif all(dialog.saved(q) for q in answered):
            print("KJCE_EXAM_SAVED", flush=True)
            state["printed"] = "saved"
            app.window.close()
            QApplication.quit()
        return
    if dialog is None:
        if not view.isVisible():
            app.window.shell.show_page("exam")
        button = view.action_button()
        if button is not None and button.isEnabled() and not state.get("asked"):
            state["asked"] = True
            button.click()
        return
    given = int(state.get("given", 0))
    if state.get("awaiting") is not None:
        _report_given(dialog, args, state)
        return
    if given < args.exam_answers and time.monotonic() < float(state.get("next_at", 0.0)):
        return
    if given < args.exam_answers:
        if given == args.exam_offline_after:
            done = dialog.attempt.questions[:given]
            if not all(dialog.saved(q.id) for q in done):
                return  # the first ones reach the platform before the network goes
            assert app.api is not None
            app.api.base_url = "http://127.0.0.1:9"  # discard: nothing answers there
        dialog.show_question(given)
        dialog.choose(args.exam_choice)
        question = dialog.attempt.questions[given]
        print(f"KJCE_CHOSE {question.id} {dialog.saved_label.text()}", flush=True)
        state["awaiting"] = (question.id, (question.options[args.exam_choice].id,))
        _report_given(dialog, args, state)
        return
    if cache is None or state.get("printed") or state.get("checking"):
        return
    attempt_id = dialog.attempt.id
    state["checking"] = True

    def check(found: Any) -> None:
        state["checking"] = False
        kept = 0 if found is None else sum(1 for a in found.answers.values() if a)
        if kept >= args.exam_answers and not state.get("printed"):
            state["printed"] = True
            print(f"KJCE_ANSWERED {attempt_id}", flush=True)

    app.tasks.op(run=lambda: get_attempt(cache, attempt_id), success=check, lane="cache").start()


def _report_given(dialog: Any, args: argparse.Namespace, state: dict[str, Any]) -> None:
    """``KJCE_GAVE`` once the dialog shows the awaited choice as given (its navigator and
    count take it), then the next answer after the pace."""
    question_id, expected = state["awaiting"]
    if tuple(sorted(dialog.attempt.answers.get(question_id, ()))) != expected:
        return
    print(f"KJCE_GAVE {question_id} {json.dumps(list(expected))}", flush=True)
    state["awaiting"] = None
    state["given"] = int(state.get("given", 0)) + 1
    state["next_at"] = time.monotonic() + args.exam_pace_s


if __name__ == "__main__":
    sys.exit(main())
