"""Screenshots of the whole year (login, registration, info collection, buying, choosing
courses, watching and the handout, 个人主页, the exam, invoices, credit records, past years,
the help videos' list), for the README.

    python tools/screenshots.py [OUT_DIR] [--language zh_CN|en] [--theme light|dark]
                                   (default: docs/screenshots, Chinese, light)

Runs the real app against a real platform (captcha on, as learners see it) on a virtual
X screen: when no DISPLAY is set, it starts Xvfb itself.  Needs the CJK fonts
(fonts-noto-cjk) so that Chinese renders.  The platform's clock is pinned; to watch the
courses it is restarted later on the same database, since watch events may end at most a
minute after the platform's now.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.platform_launcher import start_platform  # noqa: E402

BOUGHT_AT = "2021-06-21T18:23:50+08:00"
"""The platform's pinned now while the learner registers and buys."""
LEARNER = ("130225198703060987", "kuaiji2021")
HISTORY_LEARNER = ("440106198001010019", "李明华")
"""The demo learner of 往年继续教育查询 (the seed's history, docs/api.md)."""


def t(context: str, text: str) -> str:
    """*text* as the app shows it in the language installed (the screens are matched by it)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def ensure_display() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return None
    display = ":87"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x900x24", "-nolisten", "tcp"])
    os.environ["DISPLAY"] = display
    time.sleep(1.0)
    return xvfb


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="screenshots of the whole year")
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=("zh_CN", "en"), default="zh_CN")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args(sys.argv[1:])
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    xvfb = ensure_display()
    tmp = Path(tempfile.mkdtemp(prefix="kjce-shots-"))
    platform = Platform(tmp / "shots.sqlite3", BOUGHT_AT)
    try:
        return shoot(platform, tmp, out, args.language, args.theme)
    finally:
        platform.stop()
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


class Platform:
    """The platform under the screenshots (captcha on, as learners see it); a restart keeps
    its database and pins its clock at another now."""

    def __init__(self, db_path: Path, now: str) -> None:
        self.db_path = db_path
        self.now = now
        self.url = ""
        self._process: subprocess.Popen[str] | None = None
        self.start()

    def start(self) -> None:
        self._process, self.url = start_platform(
            self.db_path,
            *("--captcha", "on", "--demo-inbox", "--now", self.now, "--seed-demo"),
            *("--payments", "sandbox"),
        )

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.wait(timeout=20)

    def restart(self, now: str) -> None:
        self.stop()
        self.now = now
        self.start()

    def command(self, name: str, *args: str) -> None:
        """``python -m server <name>`` on this database at its pinned now, as an
        administrator runs it."""
        subprocess.run(
            [sys.executable, "-m", "server", name, "--db", f"sqlite:///{self.db_path}", *args,
             "--now", self.now, "--log-level", "WARNING"],
            cwd=ROOT, check=True, timeout=120,
        )  # fmt: skip


def shoot(
    platform: Platform,
    tmp: Path,
    out: Path,
    language: str,
    theme: str,
    on_screen: Callable[[str], None] | None = None,
) -> int:
    """The whole walk; *on_screen* (the accessibility test's) is called with each screen's
    name instead of saving a picture, while the screen shows."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QWidget, QWizard

    app = QApplication(sys.argv[:1])
    from desktop.i18n import install_translations
    from desktop.models.preferences import Preferences
    from desktop.views.appearance import apply_appearance

    install_translations(app, language)  # as main.py does before the first window
    apply_appearance(app, Preferences(language=language, theme=theme))
    from desktop.app import DesktopApp

    def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> None:
        deadline = time.time() + timeout
        while not condition():
            if time.time() > deadline:
                raise TimeoutError("the screen did not get ready")
            app.processEvents()
            time.sleep(0.02)
        for _ in range(10):
            app.processEvents()
            # Outside a running event loop Qt never deletes what was deleteLater()'d (e.g.
            # the options of the exam's previous question): do it, as the loop would.
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            time.sleep(0.02)

    def save(widget: QWidget, name: str) -> None:
        if on_screen is not None:
            on_screen(name)
            return
        path = out / name
        widget.grab().save(str(path))
        print(path)

    desktop = DesktopApp(data_dir=tmp / "data", platform_url=platform.url)
    desktop.start()
    login = desktop.window.login
    wait_for(lambda: login.login_button.isEnabled() and login.captcha.captcha_id is not None)
    save(desktop.window, "01-login.png")

    login.register_button.click()
    wait_for(lambda: getattr(desktop, "registration_wizard", None) is not None)
    wizard = desktop.registration_wizard
    wait_for(wizard.isVisible)
    save(wizard, "02-eligibility.png")
    wizard.eligibility_page.answer1.no.click()
    wizard.eligibility_page.answer2.no.click()
    wait_for(lambda: True)
    save(wizard, "03-eligibility-second-question.png")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wait_for(lambda: wizard.currentPage() is wizard.ineligible_page)
    save(wizard, "04-ineligible.png")
    wizard.back()
    wizard.eligibility_page.answer1.yes.click()
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.account_page
    wait_for(lambda: page.captcha.captcha_id is not None)
    page.id_number_edit.setText("130225198703060988")
    page.name_edit.setText("何晓琳")
    page.phone_edit.setText("1501006706")
    page.password_edit.setText("abcdefgh")
    page.confirm_edit.setText("abcdefg")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wait_for(lambda: page.rows["id_number"].error.isVisible())
    save(wizard, "05-account-errors.png")
    page.id_number_edit.setText("130225198703060987")
    page.phone_edit.setText("15010067063")
    page.password_edit.setText("kuaiji2021")
    page.confirm_edit.setText("kuaiji2021")
    answer = _captcha_answer(tmp, page.captcha.captcha_id)
    page.captcha.answer_edit.setText(answer)
    save(wizard, "06-account-filled.png")
    wizard.button(QWizard.WizardButton.NextButton).click()
    wait_for(lambda: wizard.currentPage() is wizard.done_page)
    save(wizard, "07-done.png")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    wait_for(lambda: desktop.window.stack.currentWidget() is desktop.window.shell)
    save(desktop.window, "08-shell.png")
    desktop.window.shell.account_button.click()
    wait_for(lambda: True)
    save(desktop.window, "09-account-info.png")
    shoot_profile(desktop, tmp, save, wait_for)
    shoot_purchase(desktop, save, wait_for)
    shoot_player(desktop, save, wait_for)
    shoot_exam_locked(desktop, save, wait_for)
    shoot_invoice(desktop, save, wait_for)
    shoot_help_videos(desktop, save, wait_for)
    desktop.window.close()
    desktop.shutdown()

    # Hours later (on the platform's clock) the learner has watched the public course and
    # half of the professional selection: the mid-year home page, then the exam.
    platform.restart(_shifted(BOUGHT_AT, hours=2))
    watched_until = watch_courses(platform, tmp, half=True, start=_shifted(BOUGHT_AT, minutes=10))
    desktop = enter(platform, tmp, tmp / "data2", *LEARNER, wait_for)
    shoot_home(desktop, save, wait_for)
    watch_courses(platform, tmp, half=False, start=watched_until)
    platform.command("advance-records", "--until", "confirmed")  # 专业课: all four steps
    shoot_exam(desktop, save, wait_for)
    platform.command("advance-records", "--until", "reviewed")  # 公需课: half way
    shoot_records(desktop, save, wait_for)
    desktop.window.close()
    desktop.shutdown()

    register_history_learner(platform, tmp)
    desktop = enter(platform, tmp, tmp / "data3", HISTORY_LEARNER[0], LEARNER[1], wait_for)
    shoot_history(desktop, tmp, save, wait_for)
    desktop.window.close()
    desktop.shutdown()
    return 0


def shoot_profile(
    desktop: Any, tmp: Path, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """信息采集: intro, the four steps (with pictures and the region), then 完成."""
    from PIL import Image, ImageDraw
    from PySide6.QtWidgets import QMessageBox

    def picture(name: str, size: tuple[int, int], colour: str) -> str:
        path = tmp / name
        image = Image.new("RGB", size, colour)
        ImageDraw.Draw(image).rectangle((20, 20, size[0] - 20, size[1] - 20), outline="white")
        image.save(path, "JPEG", quality=90)
        return str(path)

    def choose(combo: Any, data: str) -> None:
        combo.setCurrentIndex(combo.findData(data))
        combo.activated.emit(combo.currentIndex())

    shell = desktop.window.shell
    shell.nav.setCurrentItem(shell.profile_item)
    view = desktop.profile_view
    wait_for(lambda: view.draft is not None and not view._loading)
    view.intro.accept_box.setChecked(True)
    save(desktop.window, "10-profile-intro.png")
    view.intro.next_button.click()
    personal = view.personal
    choose(personal.editors["personal.country_region"], "中国(内地)")
    choose(personal.editors["personal.ethnicity"], "汉族")
    for kind, colour in (("id_front", "#4a78b5"), ("id_back", "#b5894a"), ("photo", "#6b9e6b")):
        field = view.images[kind]
        field.file_picker = lambda kind=kind, colour=colour: picture(
            f"{kind}.jpg", (1200, 800) if kind != "photo" else (600, 800), colour
        )
        field.choose_button.click()
        wait_for(lambda field=field: field.status.text().startswith(t("ProfileView", "已上传")))
    personal.scroll_area.verticalScrollBar().setValue(10_000)
    wait_for(lambda: True)
    save(desktop.window, "11-profile-personal.png")
    view.next_button.click()
    education = view.education
    choose(education.editors["education.highest_degree"], "大学本科")
    education.editors["education.school"].setText("广东财经大学")
    education.editors["education.major"].setText("会计学")
    education.editors["education.graduation_date"].setText("2009-07-01")
    for path in ("education.school", "education.major", "education.graduation_date"):
        education.edited.emit(path, education.editors[path].text())
    save(desktop.window, "12-profile-education.png")
    view.next_button.click()
    work = view.work
    choose(work.status_combo, "employed")
    work.editors["work.employer"].setText("广州某某会计师事务所")
    work.edited.emit("work.employer", "广州某某会计师事务所")
    choose(work.region.city_combo, "440100")
    choose(work.region.district_combo, "440106")
    wait_for(lambda: work.region.confirm_box is not None and work.region.confirm_box.isVisible())
    save(work.region.confirm_box, "13-profile-region-confirm.png")
    work.region.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    wait_for(lambda: True)
    view.next_button.click()
    choose(view.professional.editors["professional.qualification_level"], "none")
    view.next_button.click()
    wait_for(lambda: True)
    save(desktop.window, "14-profile-submit.png")
    view.submit_button.click()
    wait_for(lambda: t("Shell", "信息已采集") in shell.status_label.text())
    save(desktop.window, "15-profile-done.png")


def shoot_purchase(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """学习资源 → 补充信息 → 网上报名 → checkout by the sandbox QR → 我的订单 → 选课."""
    from PySide6.QtCore import Qt

    from desktop.models.catalog_model import CatalogModel
    from desktop.models.package_table import PackageTableModel

    shell = desktop.window.shell
    shell.show_page("institutions")
    institutions = desktop.institutions_view
    wait_for(lambda: institutions.row_of("源和大成教育").isValid())
    save(desktop.window, "16-institutions.png")
    institutions.table.activated.emit(institutions.row_of("源和大成教育"))
    wait_for(lambda: institutions.learner_info_dialog is not None)
    dialog = institutions.learner_info_dialog
    wait_for(lambda: dialog.ok_button.isEnabled())
    save(dialog, "17-learner-info.png")
    dialog.ok_button.click()
    enroll = desktop.enroll_view
    wait_for(lambda: shell.current_page_key() == "enroll" and enroll.model.rowCount() == 2)
    for row in range(enroll.model.rowCount()):
        enroll.model.setData(
            enroll.model.index(row, PackageTableModel.CHOOSE),
            Qt.CheckState.Checked.value,
            Qt.ItemDataRole.CheckStateRole,
        )
    save(desktop.window, "18-enroll.png")
    enroll.buy_button.click()
    wait_for(lambda: enroll.checkout_dialog is not None)
    checkout = enroll.checkout_dialog
    checkout.pay_button.click()
    wait_for(lambda: checkout.payment is not None)
    save(checkout, "19-checkout-qr.png")
    checkout.sandbox_button.click()
    wait_for(lambda: enroll.checkout_dialog is None)
    shell.show_page("orders")
    wait_for(lambda: desktop.orders_view.model.rowCount() >= 1)
    save(desktop.window, "20-orders.png")
    enroll.study_button.click()
    study = desktop.study_view
    wait_for(lambda: len(study.cards) == 2)
    professional = next(c for c in study.cards if c.enrollment.course_type == "professional")
    professional.select_button.click()
    page = desktop.course_selection_view
    wait_for(lambda: page.catalog_model.visible_course_count() > 0)
    for course in page.catalog_model.courses()[:8]:
        if not course.selected:
            page._on_toggle_requested(
                page.catalog_model.course_index(course.id, CatalogModel.SELECT)
            )
            wait_for(lambda course=course: page.catalog_model.course_by_id(course.id).selected)
    save(desktop.window, "21-course-selection.png")
    page.auto_button.click()
    wait_for(lambda: page.start_button.isEnabled())
    save(desktop.window, "22-course-selection-auto.png")


def shoot_player(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """我的学习 with progress → the course page → the player (VLC draws on the X screen) →
    its 讲义 in the handout window."""
    from PySide6.QtGui import QGuiApplication

    def save_screen(widget: Any, name: str) -> None:
        """From the X server, not Qt's grab: VLC's video is in a native child window."""
        screen = QGuiApplication.primaryScreen()
        shot = screen.grabWindow(int(widget.winId()))
        save(_Pixmap(shot), name)

    shell = desktop.window.shell
    shell.show_page("study")
    study = desktop.study_view
    wait_for(lambda: any(card.course_rows for card in study.cards))
    row = next(card for card in study.cards if card.course_rows).course_rows[0]
    save(desktop.window, "23-study-progress.png")
    row.study_button.click()
    page = desktop.course_page
    wait_for(lambda: shell.current_page_key() == "course" and bool(page.rows))
    save(desktop.window, "24-course-page.png")
    page.rows[0].play_button.click()
    wait_for(lambda: desktop.player is not None and desktop.player.isVisible())
    player = desktop.player
    player.focus_probe = lambda: True  # Xvfb has no window manager to make it active
    wait_for(lambda: player.seek_slider.value() >= 4_000, timeout=30.0)
    save_screen(player, "25-player.png")
    player.seek_to(player.seek_slider.maximum())  # ahead of what was watched: refused
    wait_for(lambda: player.banner_reason() == "beyond_furthest")
    save_screen(player, "26-player-seek-refused.png")
    player.handout_button.click()  # 讲义 under the video: downloaded, then the app's window
    wait_for(lambda: desktop.handout_viewer is not None and desktop.handout_viewer.isVisible())
    viewer = desktop.handout_viewer
    wait_for(lambda: bool(viewer.pages) and viewer.pages[0].drawn)
    save(viewer, "38-handout.png")
    viewer.close()
    player.close()


# -- issue 6: 个人主页, the exam, invoices, credit records, past years ------------------


def shoot_exam_locked(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """公需考试 before the public course is watched: "本课程还需学习N分钟"."""
    from desktop.views.exam import ExamTableModel

    desktop.window.shell.show_page("exam")
    view = desktop.exam_view

    def status() -> str:
        if view.model.rowCount() == 0:
            return ""
        return str(view.model.index(0, ExamTableModel.STATUS).data())

    wait_for(
        lambda: status().startswith(
            t("ExamTableModel", "本课程还需学习{minutes}分钟").split("{")[0]
        )
    )
    save(desktop.window, "28-exam-locked.png")


def shoot_invoice(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """我的订单 → 申请发票: the one-month rule on top, a tax number refused at its field."""
    from PySide6.QtTest import QTest

    from rules.invoice import uscc_check_char

    desktop.window.shell.show_page("orders")
    view = desktop.orders_view

    def request_button() -> Any:
        buttons = (b for row in range(view.model.rowCount()) for b in view.action_buttons(row))
        return next((b for b in buttons if b.text() == t("OrdersView", "申请发票")), None)

    wait_for(lambda: request_button() is not None)
    request_button().click()
    wait_for(lambda: view.invoice_dialog is not None and view.invoice_dialog.isVisible())
    dialog = view.invoice_dialog
    dialog.company_button.click()
    dialog.title_edit.setText("广州某某会计师事务所")
    first17 = "91440101MA5CY3LB0"
    wrong_check = "1" if uscc_check_char(first17) != "1" else "2"
    QTest.keyClicks(dialog.tax_number_edit, first17 + wrong_check)
    QTest.keyClicks(dialog.email_edit, "caiwu@example.com")
    wait_for(dialog.tax_number_row.error.isVisible)
    # The dialog grows for the message a moment later (the window manager's resize).
    wait_for(lambda: dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width()))
    save(dialog, "31-invoice.png")
    dialog.reject()
    wait_for(lambda: view.invoice_dialog is None)


def shoot_help_videos(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """帮助 → 用户操作视频: the list of the help videos (resources/help), the first chosen.
    It shows their lengths: after re-recording them (tools/record_help_videos.py), retake."""
    desktop.window.help_videos_action.trigger()
    menus = desktop.menus
    wait_for(lambda: menus.help_videos_dialog is not None and menus.help_videos_dialog.isVisible())
    dialog = menus.help_videos_dialog
    save(dialog, "39-help-videos.png")
    dialog.reject()


def watch_courses(platform: Platform, tmp: Path, *, half: bool, start: str) -> str:
    """Watch, through the real client, as the player would report it: with *half*, the
    public course and the first half of the professional selection, else the rest; back to
    back from *start* (the platform's time).  Returns when the last event ends."""
    from desktop.models.api import ApiClient

    api = ApiClient(platform.url)
    captcha = api.new_captcha()
    api.login(*LEARNER, captcha.captcha_id, _captcha_answer(tmp, captcha.captcha_id))
    courses: list[str] = []
    for enrollment in api.enrollments(2021):
        selected = sorted(c.id for c in api.catalog(enrollment.id).courses if c.selected)
        if enrollment.course_type == "public":
            courses += selected if half else []
        else:
            middle = len(selected) // 2
            courses += selected[:middle] if half else selected[middle:]
    at, events = datetime.fromisoformat(start), []
    for course_id in courses:
        for chapter in api.course_json(course_id)["chapters"]:
            ended = at + timedelta(milliseconds=chapter["duration_ms"])
            events.append({
                "id": str(uuid.uuid4()), "chapter_id": chapter["id"],
                "from_ms": 0, "to_ms": chapter["duration_ms"],
                "started_at": at.isoformat(), "ended_at": ended.isoformat(),
                "rate": 1.0, "app_version": "screenshots",
            })  # fmt: skip
            at = ended
    for first in range(0, len(events), 500):
        refused = api.push_watch_events(events[first : first + 500]).refused
        if refused:
            raise RuntimeError(f"watch events refused: {refused[:3]}")
    api.logout()
    return at.isoformat()


def enter(
    platform: Platform,
    tmp: Path,
    data_dir: Path,
    id_number: str,
    password: str,
    wait_for: Callable[..., None],
) -> Any:
    """Start the app and log in through the login form (captcha read from the database)."""
    from desktop.app import DesktopApp

    desktop = DesktopApp(data_dir=data_dir, platform_url=platform.url)
    desktop.start()
    login = desktop.window.login
    wait_for(lambda: login.login_button.isEnabled() and login.captcha.captcha_id is not None)
    login.id_number_edit.setText(id_number)
    login.password_edit.setText(password)
    login.remember_box.setChecked(False)
    login.captcha.answer_edit.setText(_captcha_answer(tmp, login.captcha.captcha_id))
    login.login_button.click()
    shell = desktop.window.shell
    wait_for(
        lambda: (
            desktop.window.stack.currentWidget() is shell
            and desktop.session is not None
            and desktop.session.sync is not None
        )
    )
    return desktop


def shoot_home(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """个人主页 mid-year: the public course watched, half of the professional one."""
    from desktop.models.year_overview import Step

    desktop.window.shell.show_page("home")
    home = desktop.home_view
    wait_for(lambda: home.overview is not None and home.overview.step is Step.TAKE_EXAM)
    save(desktop.window, "27-home.png")


def shoot_exam(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """The exam dialog with a few answers saved, handed in too early (不合格), then passed
    on the second try."""
    from PySide6.QtWidgets import QMessageBox

    desktop.window.shell.show_page("exam")
    view = desktop.exam_view
    key = _exam_key()

    def start_button_ready() -> bool:
        button = view.action_button()
        return (
            button is not None and button.text() == t("ExamView", "开始考试") and button.isEnabled()
        )

    def open_dialog() -> Any:
        wait_for(lambda: view.dialog is None and start_button_ready())
        view.action_button().click()
        wait_for(lambda: view.dialog is not None and view.dialog.isVisible())
        return view.dialog

    def answer(dialog: Any, index: int, right: bool) -> None:
        dialog.show_question(index)
        ids = [option.id for option in dialog.question.options]
        right_ids = key[dialog.question.id]
        if right:
            chosen = right_ids
        elif len(right_ids) > 1:
            chosen = right_ids[:1]
        else:
            chosen = [next(i for i in ids if i not in right_ids)]
        for option_id in chosen:
            dialog.choose(ids.index(option_id))

    def hand_in(dialog: Any) -> None:
        dialog.submit_button.click()
        wait_for(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
        dialog.confirm_box.button(QMessageBox.StandardButton.Yes).click()
        wait_for(lambda: dialog.outcome is not None)

    dialog = open_dialog()
    for index in range(7):
        answer(dialog, index, right=index != 3)
    questions = dialog.attempt.questions[:7]
    wait_for(lambda: all(dialog.saved(q.id) for q in questions), timeout=30.0)
    dialog.show_question(6)
    wait_for(lambda: True)
    save(dialog, "29-exam-dialog.png")
    hand_in(dialog)
    dialog.close_button.click()

    dialog = open_dialog()
    for index in range(len(dialog.attempt.questions)):
        answer(dialog, index, right=index % 9 != 4)
    hand_in(dialog)
    save(dialog, "30-exam-result.png")
    dialog.close_button.click()
    wait_for(lambda: view.dialog is None)


def shoot_records(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """继续教育情况: 专业课 through all four steps, 公需课 reviewed by the finance bureau."""
    desktop.window.shell.show_page("records")
    view = desktop.records_view
    assert desktop.session is not None and desktop.session.sync is not None
    desktop.session.sync.sync_now()

    def state(course_type: str) -> str:
        card = view.card_of(course_type)
        return "" if card is None else str(card.record.state)

    wait_for(lambda: state("public") == "reviewed" and state("professional") == "confirmed")
    size = desktop.window.size()
    desktop.window.resize(size.width(), 850)  # both records at once, as on a taller screen
    wait_for(lambda: True)
    save(desktop.window, "32-records.png")
    desktop.window.resize(size)


def register_history_learner(platform: Platform, tmp: Path) -> None:
    """Register the seed's demo learner of past years, through the real client."""
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Registration

    api = ApiClient(platform.url)
    captcha = api.new_captcha()
    api.register(
        Registration(
            id_type="resident_id",
            id_number=HISTORY_LEARNER[0],
            name=HISTORY_LEARNER[1],
            phone="13922001234",
            password=LEARNER[1],
            works_in_accounting=True,
            resides_with_certificate=None,
            captcha_id=captcha.captcha_id,
            captcha_answer=_captcha_answer(tmp, captcha.captcha_id),
        )
    )
    api.logout()


def shoot_history(
    desktop: Any, tmp: Path, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """往年继续教育查询 of 2020 for the demo learner, captcha on."""
    desktop.window.shell.show_page("history")
    view = desktop.history_view
    wait_for(lambda: view.captcha.captcha_id is not None and view.id_number_edit.text() != "")
    view.year_combo.setCurrentIndex(view.year_combo.findData(2020))
    view.captcha.answer_edit.setText(_captcha_answer(tmp, view.captcha.captcha_id))
    view.query_button.click()
    wait_for(lambda: view.model.rowCount() > 0)
    save(desktop.window, "33-history.png")


def _exam_key() -> dict[str, list[str]]:
    """The bank's answer key, read from the platform's data (a robot cannot read stems);
    the client never sees it."""
    import json

    bank = json.loads((ROOT / "server" / "data" / "exam_bank_public.json").read_text("utf-8"))
    return {q["id"]: sorted(q["answer"]) for q in bank["questions"]}


def _shifted(moment: str, **delta: float) -> str:
    return (datetime.fromisoformat(moment) + timedelta(**delta)).isoformat()


class _Pixmap:
    """Lets ``save`` store a ready pixmap as if it had grabbed a widget."""

    def __init__(self, pixmap: Any) -> None:
        self._pixmap = pixmap

    def grab(self) -> Any:
        return self._pixmap


def _captcha_answer(tmp: Path, captcha_id: str | None) -> str:
    """Read the answer from the platform's own database (a screenshot robot cannot read)."""
    import sqlite3

    with sqlite3.connect(tmp / "shots.sqlite3") as db:
        row = db.execute("select answer from captchas where id = ?", (captcha_id,)).fetchone()
    return str(row[0])


if __name__ == "__main__":
    sys.exit(main())
