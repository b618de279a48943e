"""信息采集 / 信息变更: the page in the shell that holds the intro, the steps and 完成.

It loads the profile from the platform and the draft from the cache (the newer wins),
keeps the draft in the cache as the learner goes (every step change, and 500 ms after an
edit), prepares and uploads pictures off the GUI thread, and submits.  A refusal's
problems go back to their step and field.

The operations (reads, uploads, submit, which draft wins) live in
``desktop.models.profile``; the draft and its storage in ``desktop.models.profile_draft``.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import ApiError, logged
from desktop.models.profile import (
    INTRO,
    Fetched,
    fetch_profile,
    keep_submitted,
    merge_attachments,
    opening_draft,
    prepare_picture,
    record_saved,
    record_upload,
    refusal_problems,
    step_problems,
    submit_profile,
    upload_picture,
)
from desktop.models.profile_draft import (
    OrderedSaves,
    ProfileDraft,
    editable_part,
    load_draft,
    read_image,
    save_draft,
    step_of,
)
from desktop.views.profile.education import EducationPage
from desktop.views.profile.image_field import ImageField
from desktop.views.profile.intro import IntroPage
from desktop.views.profile.personal import PersonalPage
from desktop.views.profile.professional import ProfessionalPage
from desktop.views.profile.section import SectionPage
from desktop.views.profile.stepper import DONE_STEP, SUBMIT_STEP, Stepper
from desktop.views.profile.submit import DonePage, SubmitPage
from desktop.views.profile.work import WorkPage
from desktop.views.widgets import follow_current_page, present_failure, tr_rule
from rules import identity
from rules.attachments import ATTACHMENT_KINDS
from rules.profile import FIELDS
from rules.years import china_date

if TYPE_CHECKING:
    from desktop.models.api_types import Me
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 500


class ProfileView(QWidget):
    """The info-collection page of one learner's session."""

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self.draft: ProfileDraft | None = None
        self._account_id = ""
        self._stale = True
        self._loading = False
        self._saves = OrderedSaves()
        self._regions: list[dict[str, Any]] = []

        self.intro = IntroPage(self)
        self.stepper = Stepper(self)
        self.personal = PersonalPage()
        self.education = EducationPage()
        self.work = WorkPage()
        self.professional = ProfessionalPage()
        self.sections: list[SectionPage] = [
            self.personal,
            self.education,
            self.work,
            self.professional,
        ]
        self.submit_page = SubmitPage()
        self.done_page = DonePage()
        self.steps = QStackedWidget(self)
        for page in (*self.sections, self.submit_page, self.done_page):
            self.steps.addWidget(page)
        self.images: dict[str, ImageField] = {**self.personal.images, **self.work.images}

        self.back_button = QPushButton(self.tr("上一步"), self)
        self.back_button.setObjectName("profileBack")
        self.next_button = QPushButton(self.tr("下一步"), self)
        self.next_button.setObjectName("profileNext")
        self.submit_button = QPushButton(self.tr("提交"), self)
        self.submit_button.setObjectName("profileSubmitButton")
        self.message = QLabel(self)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.submit_button)

        self.todo_title = QLabel(self.tr("还需完成"), self)
        self.todo_title.setObjectName("todoTitle")
        self.todo_list = QListWidget(self)
        self.todo_list.setObjectName("todoList")
        self.todo_list.setAccessibleName(self.tr("还需完成"))
        self.todo_list.setWordWrap(True)
        self.todo_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        todo = QFrame(self)
        todo.setObjectName("todoPanel")
        todo.setFixedWidth(230)
        todo_layout = QVBoxLayout(todo)
        todo_layout.addWidget(self.todo_title)
        todo_layout.addWidget(self.todo_list, 1)
        self.todo_panel = todo

        self.form_title = QLabel(self)
        self.form_title.setObjectName("pageTitle")
        form = QWidget(self)
        main = QVBoxLayout()
        main.addWidget(self.form_title)
        main.addWidget(self.stepper)
        main.addWidget(self.steps, 1)
        main.addLayout(buttons)
        form_layout = QHBoxLayout(form)
        form_layout.addLayout(main, 1)
        form_layout.addWidget(todo)
        self.form = form

        self.loading_label = QLabel(self.tr("正在加载…"), self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.loading_label)
        self.pages.addWidget(self.intro)
        self.pages.addWidget(form)
        follow_current_page(self.pages)  # the intro wraps to the width, not the form's
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.intro.accepted_changed.connect(self._on_commitment_changed)
        self.intro.next_requested.connect(lambda: self.go_to(0))
        for section in self.sections:
            section.edited.connect(self._on_edited)
        for field in self.images.values():
            field.file_chosen.connect(self._on_file_chosen)
        self.back_button.clicked.connect(self._on_back)
        self.next_button.clicked.connect(self._on_next)
        self.submit_button.clicked.connect(self.submit)
        self.todo_list.itemActivated.connect(self._on_todo_activated)
        self._save_timer.timeout.connect(self.save_draft)
        self._bus.changed.connect(self._on_changed)
        self._session.cache_ready.connect(self._on_cache_ready)

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        if me is not None and me.id != self._account_id:
            self._stale = True
        if self._stale:
            self.load()

    def _on_cache_ready(self, _cache: object) -> None:
        if self.isVisible() and self._stale:
            self.load()

    def _on_changed(self, changes: Changes) -> None:
        if changes.profile and self.draft is not None and self.current_step() == DONE_STEP:
            self._stale = True

    def load(self) -> None:
        """Fetch the profile, the draft and the regions; show the newer of draft and server."""
        api, me = self._session.api, self._session.me
        if api is None or me is None or self._loading:
            return
        if self._session.cache is None:
            return  # the cache opens just after login: _on_cache_ready loads then
        self._loading = True
        self._stale = False
        self._account_id = me.id
        self.pages.setCurrentWidget(self.loading_label)

        self._tasks.op(
            run=lambda: fetch_profile(api),
            success=self._on_fetched,
            failure=self._on_load_failed,
            parent=self,
        ).with_progress(self.tr("正在加载信息采集…")).start()

    def _on_load_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._stale = True
        present_failure(exc, {}, self.loading_label.setText)

    def _on_fetched(self, found: Fetched) -> None:
        server, self._regions = found
        cache = self._session.cache
        if cache is None:
            self._loading = False
            self._stale = True
            return
        self._tasks.op(
            run=lambda: load_draft(cache),
            success=lambda draft: self._on_draft_loaded(server, draft),
            parent=self,
            lane="cache",
        ).start()

    def _on_draft_loaded(self, server: dict[str, Any], saved: ProfileDraft | None) -> None:
        self._loading = False
        self.work.region.set_regions(self._regions)
        draft = opening_draft(server, saved)
        self.draft = draft
        self._show_draft()
        step = draft.step
        if step >= SUBMIT_STEP:
            step = SUBMIT_STEP
        self.go_to(step, save=False)
        if draft.pending:
            self._restore_pending(draft)

    def _restore_pending(self, draft: ProfileDraft) -> None:
        cache = self._session.cache
        if cache is None:
            return
        for kind, name in draft.pending.items():
            self._tasks.op(
                run=partial(read_image, cache, name),
                success=partial(self._show_pending, kind),
                parent=self,
                lane="cache",
            ).start()

    def _show_pending(self, kind: str, jpeg: bytes) -> None:
        if self.draft is not None and kind in self.images:
            self.images[kind].show_image(
                jpeg, self.draft.notes.get(kind, []), self.tr("待上传（提交时自动上传）")
            )
            self._upload(kind)

    def _show_draft(self) -> None:
        draft = self.draft
        assert draft is not None
        change = draft.collected
        self.form_title.setText(self.tr("信息变更") if change else self.tr("信息采集"))
        self.intro.set_accepted(bool(draft.value("commitment_accepted")))
        for section in self.sections:
            section.load(draft)
            section.clear_problems()
        for kind, field in self.images.items():
            meta = (draft.data.get("attachments") or {}).get(kind)
            if meta and kind not in draft.pending:
                field.set_status(
                    self.tr("已上传（{w}×{h}）").format(w=meta["width"], h=meta["height"])
                )
                field.set_notes(draft.notes.get(kind, []))
                self._load_thumbnail(kind)
        self._update_todo()

    def _load_thumbnail(self, kind: str) -> None:
        api = self._session.api
        if api is None:
            return
        self._tasks.op(
            run=lambda: api.attachment(kind),
            success=lambda jpeg: self._on_thumbnail(kind, jpeg),
            failure=logged("attachment thumbnail not loaded", log),
            parent=self,
        ).start()

    def _on_thumbnail(self, kind: str, jpeg: bytes) -> None:
        field = self.images[kind]
        status = field.status.text()
        field.show_image(jpeg, self.draft.notes.get(kind, []) if self.draft else [], status)

    # -- moving between steps -------------------------------------------------------

    def current_step(self) -> int:
        if self.pages.currentWidget() is self.intro:
            return INTRO
        return self.steps.currentIndex()

    def go_to(self, step: int, *, save: bool = True) -> None:
        """Show *step* (INTRO, 0–3 the sections, SUBMIT_STEP, DONE_STEP)."""
        draft = self.draft
        if draft is None:
            return
        self.message.clear()
        if step == INTRO:
            self.pages.setCurrentWidget(self.intro)
        else:
            self.pages.setCurrentWidget(self.form)
            self.steps.setCurrentIndex(step)
            self.stepper.set_current(step)
            self.back_button.setVisible(step < DONE_STEP)
            self.back_button.setEnabled(step > 0 or not draft.collected)
            self.next_button.setVisible(step < SUBMIT_STEP)
            self.submit_button.setVisible(step == SUBMIT_STEP)
            self.todo_panel.setVisible(step < DONE_STEP)
            if step == SUBMIT_STEP:
                self.submit_page.show_draft(draft, self._value_texts())
        if step != DONE_STEP:
            draft.step = step
        if save:
            self.save_draft()

    def _on_back(self) -> None:
        step = self.current_step()
        self.go_to(step - 1 if step > 0 else INTRO)

    def _on_next(self) -> None:
        step = self.current_step()
        if self._show_format_problems(step):
            return
        if self.draft is not None and not self.draft.collected:
            self._put_draft()
        self.go_to(step + 1)

    def _today(self) -> dt.date:
        """The platform's today (a birth or graduation date after it is refused there)."""
        return china_date(self._session.platform_clock.now())

    def _show_format_problems(self, step: int) -> bool:
        """Check the step's filled fields; show what is wrong and stay."""
        if self.draft is None or not 0 <= step < len(self.sections):
            return False
        section = self.sections[step]
        problems = step_problems(self.draft, section.errors, today=self._today())
        problems.update(section.unfinished())
        section.clear_problems()
        for path, message in problems.items():
            section.show_problem(path, identity.filled(tr_rule(message)))
        if problems:
            section.focus_field(next(iter(problems)))
        return bool(problems)

    def _on_todo_activated(self) -> None:
        item = self.todo_list.currentItem()
        if item is None:
            return
        path = str(item.data(256))
        step = step_of(path)
        self.go_to(step)
        if 0 <= step < len(self.sections):
            self.sections[step].focus_field(path)

    # -- editing --------------------------------------------------------------------

    def _on_commitment_changed(self, accepted: bool) -> None:
        self._on_edited("commitment_accepted", accepted)

    def _on_edited(self, path: str, value: Any) -> None:
        if self.draft is None:
            return
        self.draft.set_value(path, value)
        self._update_todo()
        self._save_timer.start()

    def _update_todo(self) -> None:
        draft = self.draft
        self.todo_list.clear()
        if draft is None:
            return
        for path, message in draft.problems(today=self._today()).items():
            if path.startswith("attachments."):
                label = tr_rule(ATTACHMENT_KINDS[path.split(".", 1)[1]])
            else:
                label = tr_rule(FIELDS[path][0]) if path in FIELDS else path
            self.todo_list.addItem(
                self.tr("{label}：{message}").format(
                    label=label, message=identity.filled(tr_rule(message))
                )
            )
            self.todo_list.item(self.todo_list.count() - 1).setData(256, path)
        if not self.todo_list.count():
            self.todo_list.addItem(self.tr("全部必填信息已完善，可以提交。"))
            self.todo_list.item(0).setData(256, "")

    def todo_paths(self) -> list[str]:
        paths = [str(self.todo_list.item(i).data(256)) for i in range(self.todo_list.count())]
        return [p for p in paths if p]

    def save_draft(self) -> None:
        """Keep the draft in the account's cache (every step change; 500 ms after an edit)."""
        self._save_timer.stop()
        cache, draft = self._session.cache, self.draft
        if cache is None or draft is None:
            return
        record = copy.deepcopy(draft.to_record())

        def saved(saved_at: str) -> None:
            draft.saved_at = saved_at

        self._tasks.op(run=lambda: save_draft(cache, record), success=saved, lane="cache").start()

    def _put_draft(self) -> None:
        """Save the draft on the platform too (format checks only while not collected)."""
        api, draft = self._session.api, self.draft
        if api is None or draft is None:
            return
        body = editable_part(draft.data)
        ticket = self._saves.ticket()
        self._tasks.op(
            run=lambda: self._saves.run(ticket, lambda: api.save_profile(body)),
            success=self._on_put,
            failure=self._on_put_failed,
            parent=self,
        ).start()

    def _on_put(self, profile: dict[str, Any] | None) -> None:
        if self.draft is not None and record_saved(self.draft, profile):
            self.save_draft()

    def _on_put_failed(self, exc: BaseException) -> None:
        if isinstance(exc, ApiError) and exc.status == 422:
            self.show_problems(exc)
        else:  # offline: the draft is safe in the cache; submit tries again
            log.info("draft not saved on the platform: %s", type(exc).__name__)

    # -- pictures -------------------------------------------------------------------

    def _on_file_chosen(self, kind: str, path: str) -> None:
        cache = self._session.cache
        if cache is None or self.draft is None:
            return
        field = self.images[kind]
        self._error_of(kind).clear_message()
        field.set_notes([])  # the previous picture's "已转换为 JPEG 格式" is not this one's
        field.set_status(self.tr("正在处理图片…"))
        self._tasks.op(
            run=lambda: prepare_picture(cache, kind, path),
            success=lambda result: self._on_prepared(kind, result),
            failure=lambda exc: self._on_prepare_failed(kind, exc),
            parent=self,
        ).with_progress(self.tr("正在处理图片…")).start()

    def _error_of(self, kind: str) -> Any:
        path = f"attachments.{kind}"
        return self.sections[step_of(path)].errors[path]

    def _on_prepare_failed(self, kind: str, exc: BaseException) -> None:
        from desktop.models.images import ImageRefused

        self.images[kind].set_status("")
        if isinstance(exc, ImageRefused):
            self._error_of(kind).show_message(tr_rule(str(exc)))
        else:
            present_failure(exc, {}, self._error_of(kind).show_message)

    def _on_prepared(self, kind: str, result: tuple[bytes, list[str], str]) -> None:
        jpeg, notes, name = result
        draft = self.draft
        if draft is None:
            return
        translated = [tr_rule(note) for note in notes]
        draft.pending[kind] = name
        draft.notes[kind] = translated
        self.images[kind].show_image(jpeg, translated, self.tr("正在上传…"))
        self._update_todo()
        self.save_draft()
        self._upload(kind)

    def _upload(self, kind: str) -> None:
        api, cache, draft = self._session.api, self._session.cache, self.draft
        if api is None or cache is None or draft is None or kind not in draft.pending:
            return
        name = draft.pending[kind]
        self._tasks.op(
            run=lambda: upload_picture(api, cache, kind, name),
            success=lambda meta: self._on_uploaded(kind, meta),
            failure=lambda exc: self._on_upload_failed(kind, exc),
            parent=self,
        ).with_progress(self.tr("正在上传图片…")).start()

    def _on_uploaded(self, kind: str, meta: dict[str, Any]) -> None:
        draft = self.draft
        if draft is None:
            return
        record_upload(draft, kind, meta)
        self.images[kind].set_status(
            self.tr("已上传（{w}×{h}）").format(w=meta.get("width"), h=meta.get("height"))
        )
        self._update_todo()
        self.save_draft()

    def _on_upload_failed(self, kind: str, exc: BaseException) -> None:
        self.images[kind].set_status(self.tr("待上传（提交时自动上传）"))
        present_failure(exc, {}, self._error_of(kind).show_message)

    # -- submitting -----------------------------------------------------------------

    def submit(self) -> None:
        """Upload what is left, save, submit; the platform decides."""
        api, cache, draft = self._session.api, self._session.cache, self.draft
        if api is None or cache is None or draft is None:
            return
        self.save_draft()
        self.message.clear()
        body = editable_part(draft.data)
        pending = dict(draft.pending)
        change = draft.collected

        saves, ticket = self._saves, self._saves.ticket()

        def run() -> tuple[dict[str, Any], Me]:
            return submit_profile(api, cache, saves, ticket, body, pending, change=change)

        self.submit_button.setEnabled(False)
        self._tasks.op(
            run=run, success=self._on_submitted, failure=self._on_submit_failed, parent=self
        ).with_progress(self.tr("正在提交…")).start()

    def _on_submitted(self, result: tuple[dict[str, Any], Me]) -> None:
        profile, me = result
        self.submit_button.setEnabled(True)
        change = bool(self.draft and self.draft.collected)
        self.draft = ProfileDraft.from_server(profile)
        cache = self._session.cache
        if cache is not None:
            self._tasks.op(
                run=lambda: keep_submitted(cache, me),
                success=lambda _r: self._bus.announce(Changes(me=True, profile=True)),
                lane="cache",
            ).start()
        self.done_page.show_result(change)
        self.go_to(DONE_STEP, save=False)
        self._stale = True

    def _on_submit_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        if self.draft is not None:
            # Whatever was uploaded before the refusal is on the platform now.
            self._refresh_attachments()
        if isinstance(exc, ApiError) and exc.status == 422:
            self.show_problems(exc)
        else:
            present_failure(exc, {}, self.message.setText)

    def _refresh_attachments(self) -> None:
        api = self._session.api
        if api is None:
            return

        def done(profile: dict[str, Any]) -> None:
            if self.draft is None:
                return
            for kind in merge_attachments(self.draft, profile):
                self.images[kind].set_status(self.tr("已上传"))
            self._update_todo()

        self._tasks.op(
            run=api.profile,
            success=done,
            failure=logged("attachments not re-read after a refusal", log),
            parent=self,
        ).start()

    def show_problems(self, exc: ApiError) -> None:
        """Send each problem to its step and field; show the first one's step."""
        problems = refusal_problems(exc)
        if not problems:
            self.message.setText(exc.message)
            return
        for section in self.sections:
            section.clear_problems()
        first_step: int | None = None
        for path, message in problems:
            step = step_of(path)
            if step == INTRO:
                self.intro.set_accepted(False)
            elif 0 <= step < len(self.sections):
                self.sections[step].show_problem(path, message)
            if first_step is None:
                first_step = step
        self.go_to(first_step if first_step is not None else 0)
        if first_step is not None and 0 <= first_step < len(self.sections):
            self.sections[first_step].focus_field(problems[0][0])
        self.message.setText(
            self.tr("提交未成功：还有 {n} 项需要完善，请按提示修改。").format(n=len(problems))
        )

    # -- summary --------------------------------------------------------------------

    def _value_texts(self) -> dict[str, str]:
        texts: dict[str, str] = {}
        for section in self.sections:
            for path, editor in section.editors.items():
                if isinstance(editor, QComboBox):
                    texts[path] = editor.currentText() if editor.currentIndex() > 0 else ""
                elif isinstance(editor, QLineEdit):
                    texts[path] = editor.text()
        picker = self.work.region
        if picker.code:
            texts["region_code"] = (
                f"{picker.city_combo.currentText()} {picker.district_combo.currentText()}"
            )
        return texts
