"""Record the 用户操作视频 (help videos) from the real app: 注册, 信息采集, 购买课程, 选课, 听课, 考试.

    python -m tools.record_help_videos [--out resources/help] [--steps register,exam]
                                       [--pace 1.0] [--keep-raw DIR]

Starts the real platform (``python -m server``, a fresh SQLite file, the demo seeded, the
captcha on, sandbox payments, the clock pinned in 2021 as for the README's screenshots) and
the real app on a virtual X screen of its own (Xvfb at ``SCREEN_SIZE``, with openbox when
it is installed, so that windows have their title bars), drives the app in this process as
a person would — the pointer moves to what is clicked, text is typed a character at a
time — and films the screen with ffmpeg (x11grab).  Each step is one video: a second pass
burns in a caption per action (drawtext, Noto Sans CJK) and encodes H.264 at a low rate.
The lengths go to ``videos.json`` beside the videos, which the app's list shows.

Steps depend on the ones before (the exam needs a bought, chosen and watched public
course): a step not asked for but needed runs first, at full speed and unfilmed.  Which
steps exist, their titles and file names are ``desktop/models/help_videos.py``'s.

Needs: Xvfb, ffmpeg (with libx264 and drawtext), fonts-noto-cjk; libvlc for the 听课 video.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop.models.help_videos import HELP_VIDEOS, write_manifest  # noqa: E402
from tools.screenshots import (  # noqa: E402
    BOUGHT_AT,
    LEARNER,
    Platform,
    _captcha_answer,
    _exam_key,
    _shifted,
    watch_courses,
)

SCREEN_SIZE = (1024, 700)
CAPTION_BAND = 52
"""Pixels added below the screen for the captions: they never hide a button."""
VIDEO_SIZE = (SCREEN_SIZE[0], SCREEN_SIZE[1] + CAPTION_BAND)
FRAME_RATE = 10
"""Frames a second: enough for clicks and typing, and a still screen costs nearly nothing."""
CRF = 32
"""x264's quality (higher is smaller): the six videos stay within a few MB, text readable."""
CAPTION_FONT = "Noto Sans CJK SC"
REGISTRANT_NAME = "何晓琳"
REGISTRANT_PHONE = "15010067063"

STEP_ORDER = tuple(video.key for video in HELP_VIDEOS)


def missing_tools() -> list[str]:
    """What this machine lacks to record (empty when it can)."""
    missing = [name for name in ("Xvfb", "ffmpeg", "ffprobe") if shutil.which(name) is None]
    if not has_caption_font():
        missing.append("fonts-noto-cjk")
    return missing


def has_caption_font() -> bool:
    """Whether fontconfig (which drawtext asks) knows ``CAPTION_FONT``; without the
    ``fc-list`` program, whether Noto Sans CJK is among the system's fonts."""
    if shutil.which("fc-list"):
        found = subprocess.run(
            ["fc-list", f":family={CAPTION_FONT}"], capture_output=True, text=True, check=False
        )
        return bool(found.stdout.strip())
    return any(Path("/usr/share/fonts").rglob("NotoSansCJK*"))


# -- the screen and the camera -------------------------------------------------------------


@contextmanager
def virtual_screen(display: str | None) -> Iterator[None]:
    """Xvfb (and openbox, when installed) on *display* (None: a free one), set as this
    process's DISPLAY."""
    width, height = SCREEN_SIZE
    read_end, write_end = os.pipe()
    where = [display] if display else ["-displayfd", str(write_end)]
    xvfb = subprocess.Popen(
        ["Xvfb", *where, "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        # Xvfb writes the display it took once it is ready (nothing when one was named).
        number = "" if display else answer.readline().strip()
    if display is None:
        if not number:
            raise RuntimeError("Xvfb did not start")
        display = f":{number}"
    else:
        socket = Path("/tmp/.X11-unix") / f"X{display.lstrip(':')}"
        deadline = time.monotonic() + 10
        while not socket.exists():
            if xvfb.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {display}")
            time.sleep(0.05)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    wm = None
    if shutil.which("openbox"):
        wm = subprocess.Popen(
            ["openbox"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ
        )
    try:
        yield
    finally:
        for process in (wm, xvfb):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)


@dataclass
class Camera:
    """ffmpeg filming the whole screen into a lossless file; the captions' times with it."""

    raw: Path
    captions: list[tuple[float, str]] = field(default_factory=list)
    _process: subprocess.Popen[bytes] | None = None
    _started: float = 0.0

    def start(self) -> None:
        width, height = SCREEN_SIZE
        self._process = subprocess.Popen(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
             "-f", "x11grab", "-draw_mouse", "1", "-framerate", str(FRAME_RATE),
             "-video_size", f"{width}x{height}", "-i", f"{os.environ['DISPLAY']}.0",
             "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", str(self.raw)],
            stdin=subprocess.PIPE,
        )  # fmt: skip
        self._started = time.monotonic()

    def caption(self, text: str) -> None:
        self.captions.append((time.monotonic() - self._started, text))

    def stop(self) -> float:
        """Stop filming; the length filmed, in seconds."""
        process, self._process = self._process, None
        length = time.monotonic() - self._started
        if process is not None and process.stdin is not None:
            process.stdin.write(b"q")
            process.stdin.close()
            process.wait(timeout=60)
        return length


def encode(camera: Camera, length: float, out: Path, work: Path) -> None:
    """The final video: the screen over a band of captions, H.264 at ``CRF``, no sound."""
    filters = [f"pad=iw:ih+{CAPTION_BAND}:0:0:color=0x1f2a3a"]
    times = [*camera.captions, (length + 1.0, "")]
    for number, ((start, text), (end, _next)) in enumerate(itertools.pairwise(times)):
        if not text:
            continue
        text_file = work / f"caption-{number}.txt"
        text_file.write_text(text, "utf-8")
        filters.append(
            f"drawtext=font='{CAPTION_FONT}':textfile='{text_file}':fontsize=24:"
            f"fontcolor=white:x=(w-text_w)/2:y=h-{CAPTION_BAND}+({CAPTION_BAND}-text_h)/2:"
            f"enable='gte(t,{start:.2f})*lt(t,{end:.2f})'"
        )
    subprocess.run(
        ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(camera.raw),
         "-vf", ",".join(filters), "-c:v", "libx264", "-preset", "slow",
         "-crf", str(CRF), "-pix_fmt", "yuv420p", "-profile:v", "main",
         "-movflags", "+faststart", "-an", str(out)],
        check=True, timeout=600,
    )  # fmt: skip


def duration_ms(path: Path) -> int:
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return round(float(json.loads(probe.stdout)["format"]["duration"]) * 1000)


# -- a person at the keyboard --------------------------------------------------------------


class Director:
    """Drives the app as a person would, at *pace* (0: as fast as the app allows)."""

    def __init__(self, app: Any, pace: float) -> None:
        self.app = app
        self.pace = pace
        self.camera: Camera | None = None

    def pump(self) -> None:
        from PySide6.QtCore import QEvent

        self.app.processEvents()
        # Outside a running event loop Qt never deletes what was deleteLater()'d.
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def wait_for(self, condition: Callable[[], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("the screen did not get ready")
            self.pump()
            time.sleep(0.02)
        self.pump()

    def pause(self, seconds: float) -> None:
        end = time.monotonic() + seconds * self.pace
        while True:
            self.pump()
            if time.monotonic() >= end:
                return
            time.sleep(0.02)

    def caption(self, text: str, hold: float = 1.2) -> None:
        """Say what comes next (burnt into the video), and give the viewer time to read."""
        if self.camera is not None:
            self.camera.caption(text)
        self.pause(hold)

    def point_at(self, widget: Any, rect: Any = None) -> None:
        """Move the pointer to *widget* (or to *rect* inside it) in a few steps."""
        from PySide6.QtCore import QPoint
        from PySide6.QtGui import QCursor

        if self.pace <= 0:
            return
        centre = rect.center() if rect is not None else widget.rect().center()
        target = widget.mapToGlobal(centre)
        start = QCursor.pos()
        steps = 10
        for step in range(1, steps + 1):
            x = start.x() + (target.x() - start.x()) * step // steps
            y = start.y() + (target.y() - start.y()) * step // steps
            QCursor.setPos(QPoint(x, y))
            self.pause(0.035)
        self.pause(0.25)

    def click(self, button: Any) -> None:
        self.point_at(button)
        button.click()
        self.pump()
        self.pause(0.4)

    def type_into(self, edit: Any, text: str) -> None:
        self.point_at(edit)
        edit.setFocus()
        edit.clear()
        for char in text:
            edit.insert(char)
            self.pause(0.07)
        self.pause(0.2)

    def choose(self, combo: Any, data: str) -> None:
        """Choose the item holding *data*, as a selection with the mouse would."""
        self.point_at(combo)
        combo.setCurrentIndex(combo.findData(data))
        combo.activated.emit(combo.currentIndex())
        self.pause(0.5)


# -- the steps -----------------------------------------------------------------------------


@dataclass
class Stage:
    """What the steps share: the platform, the scratch folder, the app of the step."""

    platform: Platform
    tmp: Path
    director: Director
    desktop: Any = None
    data_dirs: int = 0

    def start_app(self) -> Any:
        from desktop.app import DesktopApp

        self.data_dirs += 1
        desktop = DesktopApp(
            data_dir=self.tmp / f"data{self.data_dirs}", platform_url=self.platform.url
        )
        desktop.start()
        desktop.window.showMaximized()
        login = desktop.window.login
        self.director.wait_for(
            lambda: login.login_button.isEnabled() and login.captcha.captcha_id is not None
        )
        self.desktop = desktop
        return desktop

    def log_in(self) -> Any:
        """A fresh app, logged in as the learner (before the camera runs)."""
        desktop = self.start_app()
        login = desktop.window.login
        login.id_number_edit.setText(LEARNER[0])
        login.password_edit.setText(LEARNER[1])
        login.remember_box.setChecked(False)
        login.captcha.answer_edit.setText(self.captcha(login.captcha.captcha_id))
        login.login_button.click()
        shell = desktop.window.shell
        self.director.wait_for(
            lambda: (
                desktop.window.stack.currentWidget() is shell
                and desktop.session is not None
                and desktop.session.sync is not None
            )
        )
        return desktop

    def captcha(self, captcha_id: str | None) -> str:
        return _captcha_answer(self.tmp, captcha_id)

    def close_app(self) -> None:
        desktop, self.desktop = self.desktop, None
        if desktop is not None:
            desktop.window.close()
            desktop.shutdown()
            self.director.pump()


def nav_rect(shell: Any, key: str) -> Any:
    """Where the navigation shows the page of *key* (to point at it)."""
    return shell.nav.visualItemRect(shell._nav_items[key])


def uploaded(status: Any) -> Callable[[], bool]:
    return lambda: bool(status.text().startswith("已上传"))


def selected(catalog: Any, course_id: str) -> Callable[[], bool]:
    return lambda: bool(catalog.course_by_id(course_id).selected)


def step_register(stage: Stage, film: Callable[[], None]) -> None:
    from PySide6.QtWidgets import QWizard

    d = stage.director
    desktop = stage.start_app()
    film()
    d.caption("注册：在登录窗口点击“用户注册”")
    d.click(desktop.window.login.register_button)
    d.wait_for(lambda: getattr(desktop, "registration_wizard", None) is not None)
    wizard = desktop.registration_wizard
    d.wait_for(wizard.isVisible)
    d.caption("先回答温馨提醒中的两个问题", hold=1.5)
    d.click(wizard.eligibility_page.answer1.yes)
    d.click(wizard.button(QWizard.WizardButton.NextButton))
    page = wizard.account_page
    d.wait_for(lambda: page.captcha.captcha_id is not None)
    d.caption("填写证件号码、姓名、手机号码，设置密码")
    d.type_into(page.id_number_edit, LEARNER[0])
    d.type_into(page.name_edit, REGISTRANT_NAME)
    d.type_into(page.phone_edit, REGISTRANT_PHONE)
    d.type_into(page.password_edit, LEARNER[1])
    d.type_into(page.confirm_edit, LEARNER[1])
    d.caption("输入图片中的验证码，点击“下一步”")
    d.type_into(page.captcha.answer_edit, stage.captcha(page.captcha.captcha_id))
    d.click(wizard.button(QWizard.WizardButton.NextButton))
    d.wait_for(lambda: wizard.currentPage() is wizard.done_page)
    d.caption("注册成功：请记住证件号码和密码", hold=2.5)
    d.click(wizard.button(QWizard.WizardButton.FinishButton))
    d.wait_for(lambda: desktop.window.stack.currentWidget() is desktop.window.shell)
    d.caption("注册后自动登录，进入个人主页", hold=2.0)


def step_profile(stage: Stage, film: Callable[[], None]) -> None:
    from PIL import Image, ImageDraw
    from PySide6.QtWidgets import QMessageBox

    d = stage.director

    def picture(name: str, size: tuple[int, int], colour: str) -> str:
        path = stage.tmp / name
        image = Image.new("RGB", size, colour)
        ImageDraw.Draw(image).rectangle((20, 20, size[0] - 20, size[1] - 20), outline="white")
        image.save(path, "JPEG", quality=90)
        return str(path)

    desktop = stage.log_in()
    shell = desktop.window.shell
    film()
    d.caption("信息采集：登录后点击左侧的“信息采集”")
    d.point_at(shell.nav, nav_rect(shell, "profile"))
    shell.nav.setCurrentItem(shell.profile_item)
    view = desktop.profile_view
    d.wait_for(lambda: view.draft is not None and not view._loading)
    d.caption("阅读说明，勾选承诺后点击“下一步”")
    d.click(view.intro.accept_box)
    d.click(view.intro.next_button)
    personal = view.personal
    d.caption("个人信息：选择国家或地区、民族，上传证件照片")
    d.choose(personal.editors["personal.country_region"], "中国(内地)")
    d.choose(personal.editors["personal.ethnicity"], "汉族")
    for kind, colour in (("id_front", "#4a78b5"), ("id_back", "#b5894a"), ("photo", "#6b9e6b")):
        image_field = view.images[kind]
        image_field.file_picker = lambda kind=kind, colour=colour: picture(
            f"{kind}.jpg", (1200, 800) if kind != "photo" else (600, 800), colour
        )
        d.click(image_field.choose_button)
        d.wait_for(uploaded(image_field.status))
    d.click(view.next_button)
    education = view.education
    d.caption("学历信息：最高学历、毕业院校、专业和毕业日期")
    d.choose(education.editors["education.highest_degree"], "大学本科")
    for path, text in (
        ("education.school", "广东财经大学"),
        ("education.major", "会计学"),
        ("education.graduation_date", "2009-07-01"),
    ):
        d.type_into(education.editors[path], text)
        education.edited.emit(path, text)
    d.click(view.next_button)
    work = view.work
    d.caption("工作信息：行政区域关系到学分传送，请慎重选择", hold=1.5)
    d.choose(work.status_combo, "employed")
    d.type_into(work.editors["work.employer"], "广州某某会计师事务所")
    work.edited.emit("work.employer", "广州某某会计师事务所")
    d.choose(work.region.city_combo, "440100")
    d.choose(work.region.district_combo, "440106")
    d.wait_for(lambda: work.region.confirm_box is not None and work.region.confirm_box.isVisible())
    d.pause(1.5)
    d.click(work.region.confirm_box.button(QMessageBox.StandardButton.Yes))
    d.click(view.next_button)
    d.caption("专业技术资格，然后核对并提交")
    d.choose(view.professional.editors["professional.qualification_level"], "none")
    d.click(view.next_button)
    d.pause(1.0)
    d.click(view.submit_button)
    d.wait_for(lambda: "信息已采集" in shell.status_label.text())
    d.caption("信息采集完成", hold=2.0)


def step_purchase(stage: Stage, film: Callable[[], None]) -> None:
    from PySide6.QtCore import Qt

    from desktop.models.package_table import PackageTableModel

    d = stage.director
    desktop = stage.log_in()
    shell = desktop.window.shell
    film()
    d.caption("购买课程：打开“学习资源”")
    d.point_at(shell.nav, nav_rect(shell, "institutions"))
    shell.show_page("institutions")
    institutions = desktop.institutions_view
    d.wait_for(lambda: institutions.row_of("源和大成教育").isValid())
    d.caption("选择培训机构（双击或按回车）")
    index = institutions.row_of("源和大成教育")
    d.point_at(institutions.table.viewport(), institutions.table.visualRect(index))
    institutions.table.activated.emit(index)
    d.wait_for(lambda: institutions.learner_info_dialog is not None)
    dialog = institutions.learner_info_dialog
    d.wait_for(lambda: dialog.ok_button.isEnabled())
    d.caption("核对补充信息，点击“确定”")
    d.click(dialog.ok_button)
    enroll = desktop.enroll_view
    d.wait_for(lambda: shell.current_page_key() == "enroll" and enroll.model.rowCount() == 2)
    d.caption("勾选当年的公需课和专业课")
    for row in range(enroll.model.rowCount()):
        cell = enroll.model.index(row, PackageTableModel.CHOOSE)
        d.point_at(enroll.table.viewport(), enroll.table.visualRect(cell))
        enroll.model.setData(cell, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
        d.pause(0.5)
    d.caption("点击购买，确认订单后付款")
    d.click(enroll.buy_button)
    d.wait_for(lambda: enroll.checkout_dialog is not None)
    checkout = enroll.checkout_dialog
    d.pause(1.0)
    d.click(checkout.pay_button)
    d.wait_for(lambda: checkout.payment is not None)
    d.caption("用手机扫描二维码付款（演示平台：模拟付款）", hold=2.5)
    d.click(checkout.sandbox_button)
    d.wait_for(lambda: enroll.checkout_dialog is None)
    d.caption("付款完成：订单在“我的订单”中", hold=1.0)
    shell.show_page("orders")
    d.wait_for(lambda: desktop.orders_view.model.rowCount() >= 1)
    d.pause(2.0)


def step_selection(stage: Stage, film: Callable[[], None]) -> None:
    from desktop.models.catalog_model import CatalogModel

    d = stage.director
    desktop = stage.log_in()
    shell = desktop.window.shell
    shell.show_page("study")
    study = desktop.study_view
    d.wait_for(lambda: len(study.cards) == 2)
    film()
    d.caption("选课：在“我的学习”中，专业课点击“选课”", hold=1.5)
    professional = next(c for c in study.cards if c.enrollment.course_type == "professional")
    d.click(professional.select_button)
    page = desktop.course_selection_view
    d.wait_for(lambda: page.catalog_model.visible_course_count() > 0)
    d.caption("勾选想学的课程，上方显示已选学分")
    for course in page.catalog_model.courses()[:3]:
        if not course.selected:
            index = page.catalog_model.course_index(course.id, CatalogModel.SELECT)
            d.point_at(page.tree.viewport(), page.tree.visualRect(index))
            page._on_toggle_requested(index)
            d.wait_for(selected(page.catalog_model, str(course.id)))
            d.pause(0.6)
    d.caption("或点击“一键选课”，自动选满本年度学分")
    d.click(page.auto_button)
    d.wait_for(lambda: page.start_button.isEnabled())
    d.caption("选满学分后点击“开始学习”", hold=2.5)


def step_study(stage: Stage, film: Callable[[], None]) -> None:
    d = stage.director
    desktop = stage.log_in()
    shell = desktop.window.shell
    shell.show_page("study")
    study = desktop.study_view
    d.wait_for(lambda: any(card.course_rows for card in study.cards))
    film()
    d.caption("听课：在“我的学习”中点击课程的“开始学习”", hold=1.5)
    row = next(card for card in study.cards if card.course_rows).course_rows[0]
    d.click(row.study_button)
    page = desktop.course_page
    d.wait_for(lambda: shell.current_page_key() == "course" and bool(page.rows))
    d.caption("课程页列出各章节和讲义，点击“播放”")
    d.click(page.rows[0].play_button)
    d.wait_for(lambda: desktop.player is not None and desktop.player.isVisible())
    player = desktop.player
    player.focus_probe = lambda: True  # the pointer was on the main window a moment ago
    d.wait_for(lambda: player.seek_slider.value() >= 1_000, timeout=30.0)
    d.caption("播放时下方显示已计学时；窗口最小化或倍速播放时暂停计时", hold=6.0)
    d.caption("不能跳到尚未观看的位置；关闭窗口后学时自动保存", hold=4.0)
    d.click(player.play_button)
    d.pause(1.0)
    player.close()
    d.wait_for(lambda: not player.isVisible())
    d.caption("学习进度在课程页和“我的学习”中同步更新", hold=2.0)


def step_exam(stage: Stage, film: Callable[[], None]) -> None:
    from PySide6.QtWidgets import QMessageBox

    d = stage.director
    # Hours later on the platform's clock the public course has been watched.
    stage.platform.restart(_shifted(BOUGHT_AT, hours=2))
    watch_courses(stage.platform, stage.tmp, half=True, start=_shifted(BOUGHT_AT, minutes=10))
    desktop = stage.log_in()
    shell = desktop.window.shell
    film()
    d.caption("考试：公需课学完后打开“公需考试”")
    d.point_at(shell.nav, nav_rect(shell, "exam"))
    shell.show_page("exam")
    view = desktop.exam_view

    def start_ready() -> bool:
        button = view.action_button()
        return button is not None and button.isEnabled() and button.text() == "开始考试"

    d.wait_for(lambda: view.dialog is None and start_ready())
    d.caption("点击“开始考试”")
    d.click(view.action_button())
    d.wait_for(lambda: view.dialog is not None and view.dialog.isVisible())
    dialog = view.dialog
    key = _exam_key()
    d.caption("选择答案，每题作答后自动保存；可用“上一题”“下一题”翻看")
    for index in range(len(dialog.attempt.questions)):
        if index == 3:
            d.caption("答完所有题目后点击“交卷”", hold=0.5)
            saved_pace, d.pace = d.pace, 0.0
        dialog.show_question(index)
        d.pump()
        ids = [option.id for option in dialog.question.options]
        for option_id in key[dialog.question.id]:
            position = ids.index(option_id)
            if position < len(dialog.option_buttons):
                d.point_at(dialog.option_buttons[position])
            dialog.choose(position)
            d.pause(0.5)
        d.pause(0.8)
    d.pace = saved_pace
    d.click(dialog.submit_button)
    d.wait_for(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible())
    d.pause(1.0)
    d.click(dialog.confirm_box.button(QMessageBox.StandardButton.Yes))
    d.wait_for(lambda: dialog.outcome is not None)
    d.caption("交卷后立即显示成绩；合格后学分由培训机构报送", hold=3.0)
    d.click(dialog.close_button)


STEPS: dict[str, Callable[[Stage, Callable[[], None]], None]] = {
    "register": step_register,
    "profile": step_profile,
    "purchase": step_purchase,
    "selection": step_selection,
    "study": step_study,
    "exam": step_exam,
}


# -- the whole ------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="record the help videos from the real app")
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "help")
    parser.add_argument(
        "--steps",
        default=",".join(STEP_ORDER),
        help=f"which videos to record, comma-separated (default all: {','.join(STEP_ORDER)})",
    )
    parser.add_argument(
        "--pace", type=float, default=1.0, help="how slowly a person acts (1.0: the videos')"
    )
    parser.add_argument("--display", help="the X display to start Xvfb on (default: a free one)")
    parser.add_argument("--keep-raw", type=Path, help="keep the lossless recordings here")
    args = parser.parse_args(argv)
    args.steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    unknown = [step for step in args.steps if step not in STEPS]
    if unknown:
        parser.error(f"unknown step(s): {', '.join(unknown)}; known: {', '.join(STEP_ORDER)}")
    return args


def record(args: argparse.Namespace) -> dict[str, int]:
    """Record the asked steps (and run the ones they need); their lengths in ms."""
    from PySide6.QtWidgets import QApplication

    from desktop.i18n import install_translations
    from desktop.models.preferences import Preferences
    from desktop.views.appearance import apply_appearance

    tmp = Path(tempfile.mkdtemp(prefix="kjce-help-"))
    # The lecture's sound goes nowhere (the videos are silent): an ALSA null device, so
    # libvlc finds an output on a machine without a sound card instead of retrying one.
    (tmp / "asound.conf").write_text(
        "pcm.!default { type null }\nctl.!default { type hw card 0 }\n"
    )
    os.environ["ALSA_CONFIG_PATH"] = str(tmp / "asound.conf")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    install_translations(app, "zh_CN")
    apply_appearance(app, Preferences(language="zh_CN", theme="light"))
    files = {video.key: video.file for video in HELP_VIDEOS}
    last = max(STEP_ORDER.index(step) for step in args.steps)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    platform = Platform(tmp / "shots.sqlite3", BOUGHT_AT)
    director = Director(app, args.pace)
    stage = Stage(platform, tmp, director)
    lengths: dict[str, int] = {}
    try:
        for key in STEP_ORDER[: last + 1]:
            filmed = key in args.steps
            camera = Camera(tmp / f"{key}.raw.mkv") if filmed else None
            director.pace = args.pace if filmed else 0.0

            def film(camera: Camera | None = camera) -> None:
                if camera is not None:
                    director.pause(0.5)
                    camera.start()
                    director.camera = camera
                    director.pause(0.5)

            STEPS[key](stage, film)
            if camera is not None:
                director.pause(0.5)
                length = camera.stop()
                director.camera = None
                target = out / files[key]
                encode(camera, length, target, tmp)
                lengths[files[key]] = duration_ms(target)
                print(f"{target} {lengths[files[key]] / 1000:.1f} s {target.stat().st_size} B")
                if args.keep_raw is not None:
                    args.keep_raw.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(camera.raw, args.keep_raw / camera.raw.name)
            stage.close_app()
        write_manifest(out, lengths)
    finally:
        if director.camera is not None:  # a step failed while filming
            director.camera.stop()
        stage.close_app()
        platform.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return lengths


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    missing = missing_tools()
    if missing:
        print(f"cannot record: install {', '.join(missing)}", file=sys.stderr)
        return 2
    with virtual_screen(args.display):
        record(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
