"""Screenshots of the flow so far (login, registration, info collection, buying, choosing courses), for the README.

    python tools/screenshots.py [OUT_DIR]      (default: docs/screenshots)

Runs the real app against a real platform (captcha on, as learners see it) on a virtual
X screen: when no DISPLAY is set, it starts Xvfb itself.  Needs the CJK fonts
(fonts-noto-cjk) so that Chinese renders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.platform_launcher import start_platform  # noqa: E402


def ensure_display() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY"):
        return None
    if shutil.which("Xvfb") is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return None
    display = ":87"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x860x24", "-nolisten", "tcp"])
    os.environ["DISPLAY"] = display
    time.sleep(1.0)
    return xvfb


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    xvfb = ensure_display()
    tmp = Path(tempfile.mkdtemp(prefix="kjce-shots-"))
    platform, url = start_platform(
        tmp / "shots.sqlite3",
        "--captcha",
        "on",
        "--demo-inbox",
        "--now",
        "2021-06-21T18:23:50+08:00",
        "--seed-demo",
        "--payments",
        "sandbox",
    )
    try:
        return shoot(url, tmp, out)
    finally:
        platform.terminate()
        if xvfb is not None:
            xvfb.terminate()
        shutil.rmtree(tmp, ignore_errors=True)


def shoot(url: str, tmp: Path, out: Path) -> int:
    from PySide6.QtWidgets import QApplication, QWidget, QWizard

    app = QApplication(sys.argv[:1])
    app.setStyleSheet((ROOT / "resources" / "styles" / "app.qss").read_text(encoding="utf-8"))
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
            time.sleep(0.02)

    def save(widget: QWidget, name: str) -> None:
        path = out / name
        widget.grab().save(str(path))
        print(path)

    desktop = DesktopApp(data_dir=tmp / "data", platform_url=url)
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
        wait_for(lambda field=field: field.status.text().startswith("已上传"))
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
    wait_for(lambda: "信息已采集" in shell.status_label.text())
    save(desktop.window, "15-profile-done.png")


def shoot_purchase(
    desktop: Any, save: Callable[[Any, str], None], wait_for: Callable[..., None]
) -> None:
    """学习资源 → 补充信息 → 网上报名 → checkout by the sandbox QR → 我的订单 → 选课."""
    from PySide6.QtCore import Qt

    from desktop.models.catalog_model import CatalogModel
    from desktop.views.enroll import PackageTableModel

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
    """我的学习 with progress → the course page → the player (VLC draws on the X screen)."""
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
    player.close()


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
