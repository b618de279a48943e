"""新增学员: the whole walk-in on one scrollable screen (SPEC §6).

Sections in the order a counter conversation goes: 资格确认 (the two questions of
registration), 账号, the four info-collection steps (the learner's own pages and field
definitions), 行政区域, the photos, the commitment.  Every field is checked with the learner
path's rules before sending, and every problem of the platform's ``walk_in_invalid`` answer
is shown at its field; nothing typed is lost by a refusal.

Privacy: the walk-in lives in this widget and its ``WalkInForm`` only.  Submit (once the
one-time password has been shown) and cancel clear both: line edits emptied with their
undo history, photos dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.models.desk_photo_sources import ScannerFolder
from desktop.models.errors import ApiError
from desktop.models.walk_in import COUNTRY_PATH, WalkInForm, problems_of
from desktop.views.desk.photo_sources import PhotoSlot
from desktop.views.profile.education import EducationPage
from desktop.views.profile.intro import COMMITMENT
from desktop.views.profile.professional import ProfessionalPage
from desktop.views.profile.region import RegionPicker
from desktop.views.profile.section import SectionPage, labelled, plain
from desktop.views.registration import _YesNo
from desktop.views.widgets import (
    ErrorLabel,
    FieldRow,
    add_row,
    keep_room_when_hidden,
    present_failure,
    tr_rule,
)
from rules import identity
from rules.attachments import ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES, size_text
from rules.eligibility import QUESTION_RESIDES_WITH_CERTIFICATE, QUESTION_WORKS_IN_ACCOUNTING
from rules.identity import ID_TYPE_LABELS, IdType, birth_date_of, id_number_problem, sex_of
from rules.profile import COUNTRY_REGIONS, EMPLOYMENT_STATUSES, ETHNICITIES, FIELDS, SEXES
from rules.years import china_date

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.tasks import TaskRunner
    from desktop.models.walk_in import WalkInCreated

log = logging.getLogger(__name__)

PHOTO_KINDS = ("id_front", "id_back", "photo", "student_card")


class _PersonalSection(SectionPage):
    """个人信息 without the identity fields (they are the account's, above)."""

    scrolls = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_choice("personal.sex", labelled(SEXES))
        self.add_date("personal.birth_date")
        self.add_choice("personal.country_region", plain(COUNTRY_REGIONS))
        self.add_choice("personal.ethnicity", plain(ETHNICITIES))
        self.add_text("personal.email", placeholder="name@example.com")


class _EducationSection(EducationPage):
    scrolls = False


class _WorkSection(SectionPage):
    """工作信息 (the region and the student card have sections of their own here)."""

    scrolls = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_combo = self.add_choice("work.employment_status", labelled(EMPLOYMENT_STATUSES))
        self.add_text("work.employer")
        self.add_text("work.position")


class _ProfessionalSection(ProfessionalPage):
    scrolls = False


class _RegionSection(SectionPage):
    """行政区域: where the credits are sent (and the institution's 补充信息 district)."""

    scrolls = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.region = RegionPicker()
        label, required = FIELDS["region_code"]
        self.add_widget("region_code", tr_rule(label), self.region, required=required)
        self.region.region_chosen.connect(lambda code: self.edited.emit("region_code", code))
        self.region.region_chosen.connect(lambda _c: self.errors["region_code"].clear_message())


class CredentialsDialog(QDialog):
    """登记成功: the login ID and the one-time password, shown once."""

    def __init__(self, created: WalkInCreated, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkInCredentials")
        self.setWindowTitle(self.tr("登记成功"))
        self.setModal(True)
        title = QLabel(
            self.tr("{name} 已登记并完成信息采集。").format(name=created.walk_in.name), self
        )
        title.setObjectName("title")
        self.login_id = QLabel(created.login_id, self)
        self.login_id.setObjectName("loginId")
        self.password = QLabel(created.initial_password, self)
        self.password.setObjectName("initialPassword")
        for label in (self.login_id, self.password):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = label.font()
            font.setPointSize(font.pointSize() + 6)
            font.setBold(True)
            label.setFont(font)
        form = QFormLayout()
        form.addRow(self.tr("登录账号（证件号码）"), self.login_id)
        form.addRow(self.tr("初始密码"), self.password)
        note = QLabel(
            self.tr(
                "初始密码只显示这一次（凭条上也会打印）。学员首次登录时必须修改密码。"
                "请勿抄写在其他地方。"
            ),
            self,
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.next_button = QPushButton(self.tr("下一步：收款与打印凭条"), self)
        self.next_button.setObjectName("credentialsNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)


class WalkInFormView(QWidget):
    """新增学员 (one per desk).

    Signals:
        registered(object, str, str): the ``WalkIn``, the login ID and the one-time
            password, once the password was shown (the desk then takes payment).
        cancelled(): 取消 — the form is empty again.
    """

    registered = Signal(object, str, str)
    cancelled = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        platform_clock: PlatformClock,
        scanner: ScannerFolder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walkInForm")
        self._tasks = tasks
        self._api = api
        self._platform_clock = platform_clock
        self._submitting = False
        self.record = WalkInForm()
        self.errors: dict[str, ErrorLabel] = {}
        self.editors: dict[str, QWidget] = {}
        self.credentials_dialog: CredentialsDialog | None = None
        self.cancel_box: QMessageBox | None = None
        self._regions_loaded = False

        body = QWidget(self)
        body.setObjectName("walkInBody")
        self._body = QVBoxLayout(body)
        self._build_eligibility()
        self._build_account()
        self.personal = _PersonalSection()
        self.education = _EducationSection()
        self.work = _WorkSection()
        self.professional = _ProfessionalSection()
        self.region = _RegionSection()
        self.sections: list[SectionPage] = [
            self.personal,
            self.education,
            self.work,
            self.professional,
            self.region,
        ]
        titles = (
            self.tr("个人信息"),
            self.tr("学历信息"),
            self.tr("工作信息"),
            self.tr("专业技术资格"),
            self.tr("行政区域"),
        )
        for title, section in zip(titles, self.sections, strict=True):
            self._add_group(title, section)
            for path, error in section.errors.items():
                self.errors[f"profile.{path}"] = error
                self.editors[f"profile.{path}"] = section.editors[path]
        self.errors["district_code"] = self.region.errors["region_code"]
        self._build_photos(scanner)
        self._build_commitment()
        self._body.addStretch(1)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("walkInScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        self.scroll_area.setAccessibleName(self.tr("新增学员（现场登记）"))
        heading = QLabel(self.tr("新增学员（现场登记）"), self)
        heading.setObjectName("pageTitle")
        self.cancel_button = QPushButton(self.tr("取消"), self)
        self.cancel_button.setObjectName("walkInCancel")
        self.submit_button = QPushButton(self.tr("提交登记"), self)
        self.submit_button.setObjectName("walkInSubmit")
        self.submit_button.setDefault(True)
        # 还有 N 项需要完善 is said when it appears and stays the description of 提交登记
        # (a reader coming back to the button hears why nothing was sent).
        self.message = ErrorLabel(self, field=self.submit_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self._connect_signals()
        self._show_country()
        self._show_student_card()

    # -- building -------------------------------------------------------------------

    def _add_group(self, title: str, content: QWidget) -> QGroupBox:
        group = QGroupBox(title)
        layout = QVBoxLayout(group)
        layout.addWidget(content)
        self._body.addWidget(group)
        return group

    def _build_eligibility(self) -> None:
        box = QWidget()
        self.question1 = QLabel(tr_rule(QUESTION_WORKS_IN_ACCOUNTING))
        self.question1.setWordWrap(True)
        self.answer1 = _YesNo("worksInAccounting")
        self.question2 = QLabel(tr_rule(QUESTION_RESIDES_WITH_CERTIFICATE))
        self.question2.setWordWrap(True)
        self.answer2 = _YesNo("residesWithCertificate")
        for widget in (self.question2, self.answer2):  # hidden or asked, nothing below moves
            keep_room_when_hidden(widget)
        self.answer1.yes.setAccessibleName(self.tr("问题1：是"))
        self.answer1.no.setAccessibleName(self.tr("问题1：否"))
        self.answer2.yes.setAccessibleName(self.tr("问题2：是"))
        self.answer2.no.setAccessibleName(self.tr("问题2：否"))
        self.eligibility_error = ErrorLabel()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.question1,
            self.answer1,
            self.question2,
            self.answer2,
            self.eligibility_error,
        ):
            layout.addWidget(widget)
        self.errors["eligibility"] = self.eligibility_error
        self.editors["eligibility"] = self.answer1.yes
        self._add_group(self.tr("资格确认"), box)

    def _build_account(self) -> None:
        box = QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.id_type_combo = QComboBox()
        self.id_type_combo.setObjectName("account.id_type")
        for id_type, label in ID_TYPE_LABELS.items():
            self.id_type_combo.addItem(tr_rule(label), id_type.value)
        self.id_number_edit = QLineEdit()
        self.id_number_edit.setObjectName("account.id_number")
        self.id_number_edit.setMaxLength(32)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("account.name")
        self.name_edit.setMaxLength(50)
        self.phone_edit = QLineEdit()
        self.phone_edit.setObjectName("account.phone")
        self.phone_edit.setMaxLength(11)
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        for path, label, editor in (
            ("account.id_type", self.tr("证件类型"), self.id_type_combo),
            ("account.id_number", self.tr("证件号码"), self.id_number_edit),
            ("account.name", self.tr("姓名"), self.name_edit),
            ("account.phone", self.tr("手机号码"), self.phone_edit),
        ):
            row = FieldRow(editor)
            add_row(form, label, row)
            self.errors[path] = row.error
            self.editors[path] = editor
        note = QLabel(self.tr("证件号码即学员的登录账号；初始密码由平台生成，登记后显示一次。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        form.addRow(note)
        self._add_group(self.tr("账号"), box)

    def _build_photos(self, scanner: ScannerFolder) -> None:
        box = QWidget()
        self.photo_form = QFormLayout(box)
        self.photo_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.photos: dict[str, PhotoSlot] = {}
        for kind in PHOTO_KINDS:
            slot = PhotoSlot(kind, self._tasks, scanner)
            self.photos[kind] = slot
            add_row(self.photo_form, tr_rule(ATTACHMENT_KINDS[kind]), slot)
            slot.setAccessibleName(tr_rule(ATTACHMENT_KINDS[kind]))
            self.errors[f"attachments.{kind}"] = slot.error
            self.editors[f"attachments.{kind}"] = slot.file_button
        hint = QLabel(
            self.tr(
                "JPG/PNG 图片，过大的图片会自动压缩至 {size} 以内。图片只保存在内存中，不会留在本机。"
            ).format(size=size_text(MAX_ATTACHMENT_BYTES))
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.photo_form.addRow(hint)
        self._add_group(self.tr("证件照片"), box)

    def _build_commitment(self) -> None:
        box = QWidget()
        text = QLabel(QCoreApplication.translate("IntroPage", COMMITMENT))
        text.setObjectName("commitmentText")
        text.setWordWrap(True)
        self.commitment_box = QCheckBox(self.tr("学员已阅读并承诺以上内容"))
        self.commitment_box.setObjectName("commitmentBox")
        row = FieldRow(self.commitment_box)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(text)
        layout.addWidget(row)
        self.errors["profile.commitment_accepted"] = row.error
        self.editors["profile.commitment_accepted"] = self.commitment_box
        self._add_group(self.tr("承诺书"), box)

    def _connect_signals(self) -> None:
        self.answer1.answered.connect(self._on_eligibility_answered)
        self.answer2.answered.connect(self._on_eligibility_answered)
        self.id_type_combo.activated.connect(
            lambda _i: self._on_account_edited("account.id_type", self.id_type_combo.currentData())
        )
        self.id_type_combo.activated.connect(lambda _i: self._show_country())
        self.id_number_edit.textEdited.connect(
            lambda text: self._on_account_edited("account.id_number", text)
        )
        self.id_number_edit.textEdited.connect(lambda _t: self._fill_from_id_number())
        self.name_edit.textEdited.connect(
            lambda text: self._on_account_edited("account.name", text)
        )
        self.phone_edit.textEdited.connect(
            lambda text: self._on_account_edited("account.phone", text)
        )
        for path, edit in (
            ("account.id_number", self.id_number_edit),
            ("account.name", self.name_edit),
            ("account.phone", self.phone_edit),
        ):
            edit.editingFinished.connect(partial(self._on_account_finished, path, edit))
        for section in self.sections:
            section.edited.connect(self._on_profile_edited)
        self.work.status_combo.activated.connect(lambda _i: self._show_student_card())
        self.commitment_box.toggled.connect(self._on_commitment_toggled)
        for slot in self.photos.values():
            slot.photo_ready.connect(self._on_photo_ready)
            slot.photo_failed.connect(lambda kind, _m: self.record.set_attachment(kind, None))
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)

    # -- showing --------------------------------------------------------------------

    def start(self) -> None:
        """Open the form for a new walk-in (the regions are read once)."""
        self.scroll_area.verticalScrollBar().setValue(0)
        self.answer1.yes.setFocus()
        if self._regions_loaded:
            return
        api = self._api
        self._tasks.op(
            run=api.regions,
            success=self._on_regions,
            failure=lambda exc: present_failure(
                exc, {}, self.errors["profile.region_code"].show_message
            ),
            parent=self,
        ).with_progress(self.tr("正在加载行政区域…")).start()

    def _on_regions(self, regions: list[dict[str, Any]]) -> None:
        self._regions_loaded = True
        self.region.region.set_regions(regions)

    # -- editing --------------------------------------------------------------------

    def _on_eligibility_answered(self) -> None:
        first, second = self.answer1.answer(), self.answer2.answer()
        second_asked = first is False
        self.question2.setVisible(second_asked)
        self.answer2.setVisible(second_asked)
        self.record.works_in_accounting = first
        self.record.resides_with_certificate = second if second_asked else None
        self.eligibility_error.clear_message()

    def _on_account_edited(self, path: str, value: Any) -> None:
        self.record.set_value(path, value)
        self.message.clear_message()

    def _on_account_finished(self, path: str, edit: QLineEdit) -> None:
        """On leaving the field: it shows what will be sent (the normalised ID number, name,
        phone), and what is wrong with the ID number or the name is told at once."""
        text = str(self.record.value(path) or "")
        if text != edit.text():
            edit.setText(text)
        if path == "account.phone":
            return
        message = self.record.problems(today=self._today()).get(path)
        if message is not None and text:
            self.errors[path].show_message(identity.filled(tr_rule(message)))
        else:
            self.errors[path].clear_message()

    def _fill_from_id_number(self) -> None:
        """A valid 居民身份证 number fixes birth date and sex: fill them if still empty
        (as soon as the number is complete; the staff need not type them)."""
        number = self.record.account.get("id_number", "")
        id_type = self.record.account.get("id_type")
        if id_type != IdType.RESIDENT_ID or id_number_problem(id_type, number) is not None:
            return
        birth = birth_date_of(number)
        birth_edit = self.personal.editors["personal.birth_date"]
        if birth is not None and isinstance(birth_edit, QLineEdit) and not birth_edit.text():
            birth_edit.setText(birth.isoformat())
            self.record.set_value("profile.personal.birth_date", birth.isoformat())
            self.errors["profile.personal.birth_date"].clear_message()  # filled: no longer due
        sex_combo = self.personal.editors["personal.sex"]
        if isinstance(sex_combo, QComboBox) and sex_combo.currentIndex() <= 0:
            sex = sex_of(number)
            sex_combo.setCurrentIndex(max(sex_combo.findData(sex), 0))
            self.record.set_value("profile.personal.sex", sex)
            self.errors["profile.personal.sex"].clear_message()

    def _show_country(self) -> None:
        """所在国家或地区 as the record has it (preset from the ID type)."""
        combo = self.personal.editors["personal.country_region"]
        if isinstance(combo, QComboBox):
            combo.setCurrentIndex(max(combo.findData(self.record.value(COUNTRY_PATH) or ""), 0))

    def _on_profile_edited(self, path: str, value: Any) -> None:
        self.record.set_value(f"profile.{path}", value)
        self.message.clear_message()

    def _on_commitment_toggled(self, accepted: bool) -> None:
        self.record.set_value("profile.commitment_accepted", accepted)
        self.errors["profile.commitment_accepted"].clear_message()

    def _show_student_card(self) -> None:
        student = self.work.status_combo.currentData() == "student"
        self.photo_form.setRowVisible(self.photos["student_card"], student)
        if not student:
            self.photos["student_card"].clear()
            self.record.set_attachment("student_card", None)

    def _on_photo_ready(self, kind: str, jpeg: bytes, _notes: list[str]) -> None:
        self.record.set_attachment(kind, jpeg)

    # -- submitting -----------------------------------------------------------------

    def clear_problems(self) -> None:
        for error in self.errors.values():
            error.clear_message()
        self.message.clear_message()

    def show_problems(self, problems: dict[str, str], *, translate: bool) -> None:
        """Each problem at its field; the first field gets the focus."""
        self.clear_problems()
        unplaced = []
        for path, message in problems.items():
            text = identity.filled(tr_rule(message)) if translate else message
            error = self.errors.get(path)
            if error is None:
                unplaced.append(text)
            else:
                error.show_message(text)
        summary = self.tr("还有 {n} 项需要完善，请按提示修改。").format(n=len(problems))
        self.message.show_message("\n".join([summary, *unplaced]))
        first = next((p for p in problems if p in self.editors), None)
        if first is not None:
            editor = self.editors[first]
            self.scroll_area.ensureWidgetVisible(self.errors[first].parentWidget() or editor)
            editor.setFocus()

    def _today(self) -> dt.date:
        """The platform's today: a birth or graduation date after it is refused there."""
        return china_date(self._platform_clock.now())

    def submit(self) -> None:
        """Check with the learner path's rules, then let the platform decide."""
        if self._submitting:
            return
        problems = self.record.problems(today=self._today())
        if problems:
            self.show_problems(problems, translate=True)
            return
        self.clear_problems()
        body = self.record.to_body()
        api = self._api
        self._submitting = True
        self.submit_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.create_walk_in(body),
            success=self._on_registered,
            failure=self._on_refused,
            parent=self,
        ).with_progress(self.tr("正在提交登记…")).start()

    def _on_refused(self, exc: BaseException) -> None:
        self._submitting = False
        self.submit_button.setEnabled(True)
        if isinstance(exc, ApiError) and exc.status in (409, 422):
            problems = problems_of(exc)
            if problems:
                self.show_problems(problems, translate=False)
                return
        present_failure(exc, {}, self.message.show_message)

    def _on_registered(self, created: WalkInCreated) -> None:
        self._submitting = False
        self.submit_button.setEnabled(True)
        self.clear()  # the platform has it all now: nothing of the walk-in stays here
        dialog = CredentialsDialog(created, self)
        dialog.finished.connect(lambda _r: self._on_credentials_closed(dialog, created))
        self.credentials_dialog = dialog
        dialog.open()

    def _on_credentials_closed(self, dialog: CredentialsDialog, created: WalkInCreated) -> None:
        self.credentials_dialog = None
        forget_in_clipboard(created.login_id)  # its labels can be selected with the mouse
        dialog.login_id.clear()
        dialog.password.clear()
        dialog.deleteLater()
        self.registered.emit(created.walk_in, created.login_id, created.initial_password)

    # -- cancelling and clearing ----------------------------------------------------

    def _on_cancel_clicked(self) -> None:
        if self.record.is_empty:
            self.clear()
            self.cancelled.emit()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("放弃登记"),
            self.tr("放弃本次登记？已填写的内容和照片将被清除。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("放弃并清除"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("继续填写"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _r: self._on_cancel_answered(box))
        self.cancel_box = box
        box.open()

    def _on_cancel_answered(self, box: QMessageBox) -> None:
        self.cancel_box = None
        box.deleteLater()
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Yes):
            self.clear()
            self.cancelled.emit()

    def clear(self) -> None:
        """Forget the walk-in: every field emptied (undo history too), photos dropped."""
        forget_in_clipboard(self.id_number_edit.text())
        self.record.clear()
        for edit in self.findChildren(QLineEdit):
            edit.setText("")  # unlike clear(), setText drops the undo history
            edit.setModified(False)
        for combo in self.findChildren(QComboBox):
            if combo is not self.id_type_combo and combo.count():
                combo.setCurrentIndex(0)
        self.id_type_combo.setCurrentIndex(0)
        self.region.region.set_code("")
        self._clear_yes_no()
        self.commitment_box.setChecked(False)
        for slot in self.photos.values():
            slot.clear()
        self.record.clear()  # the signals above re-set a few empty values
        self._show_country()
        self.clear_problems()
        self._show_student_card()
        self._on_eligibility_answered()
        self.scroll_area.verticalScrollBar().setValue(0)
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and clipboard.ownsClipboard():
            clipboard.clear()  # an ID number copied from the form stays not behind either

    def _clear_yes_no(self) -> None:
        for answer in (self.answer1, self.answer2):
            group = answer._group
            group.setExclusive(False)
            answer.yes.setChecked(False)
            answer.no.setChecked(False)
            group.setExclusive(True)


def forget_in_clipboard(*texts: str) -> None:
    """Empty the clipboard and the X11 PRIMARY selection when they hold one of *texts*
    (a walk-in's ID number): selecting text in a field puts it in PRIMARY, where it stays
    after the field is cleared, for the next middle click to paste anywhere."""
    wanted = [_comparable(text) for text in texts if text.strip()]
    clipboard = QGuiApplication.clipboard()
    if not wanted or clipboard is None:
        return
    modes = [QClipboard.Mode.Clipboard]
    if clipboard.supportsSelection():
        modes.append(QClipboard.Mode.Selection)
    for mode in modes:
        held = _comparable(clipboard.text(mode))
        if held and any(text in held for text in wanted):
            clipboard.clear(mode)


def _comparable(text: str) -> str:
    return "".join(text.split()).upper()
