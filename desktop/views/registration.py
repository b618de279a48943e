"""The registration wizard (用户注册): 温馨提醒 → 账号信息 → 完成.

One ``QWizardPage`` per step of the documented flow.  Ineligible answers branch to a final
page that explains why (Shenzhen runs its own system) and registration stops there.  The
account page checks each field locally first (the shared rules) and then lets the platform
decide; whatever it refuses is shown at the field, and nothing typed is lost.

Operations: registering is one call (``ApiClient.register``); the fields' rules are
``rules/``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.models.api_types import Registration
from desktop.models.errors import is_unreachable
from desktop.views.widgets import (
    CaptchaField,
    ErrorLabel,
    FieldRow,
    add_row,
    present_failure,
    tr_rule,
)
from rules import identity, passwords
from rules.eligibility import (
    INELIGIBLE_EXPLANATION,
    QUESTION_RESIDES_WITH_CERTIFICATE,
    QUESTION_WORKS_IN_ACCOUNTING,
    EligibilityAnswers,
    is_eligible,
)
from rules.identity import (
    ID_TYPE_LABELS,
    IdType,
    id_number_problem,
    name_problem,
    normalize_id_number,
    normalize_name,
    normalize_phone,
    phone_problem,
)
from rules.passwords import MIN_PASSWORD_LENGTH, password_problem
from rules.years import china_date

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import LoginResult
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.tasks import TaskRunner

PAGE_ELIGIBILITY, PAGE_INELIGIBLE, PAGE_ACCOUNT, PAGE_DONE = range(4)


class _YesNo(QWidget):
    """A 是 / 否 pair; ``answer()`` is None until one is chosen."""

    answered = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.yes = QRadioButton(self.tr("是"), self)
        self.no = QRadioButton(self.tr("否"), self)
        self.yes.setObjectName(f"{object_name}Yes")
        self.no.setObjectName(f"{object_name}No")
        self._group = QButtonGroup(self)
        self._group.addButton(self.yes)
        self._group.addButton(self.no)
        self._group.buttonToggled.connect(lambda *_: self.answered.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addStretch(1)

    def answer(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None


class EligibilityPage(QWizardPage):
    """温馨提醒: the two questions of SPEC §1.1; the second only when the first is 否."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("温馨提醒"))
        self.setSubTitle(self.tr("请根据您的实际情况回答以下问题。"))
        self.question1 = QLabel(tr_rule(QUESTION_WORKS_IN_ACCOUNTING), self)
        self.question1.setWordWrap(True)
        self.answer1 = _YesNo("worksInAccounting", self)
        self.question2 = QLabel(tr_rule(QUESTION_RESIDES_WITH_CERTIFICATE), self)
        self.question2.setWordWrap(True)
        self.answer2 = _YesNo("residesWithCertificate", self)
        self.answer1.yes.setAccessibleName(self.tr("问题1：是"))
        self.answer1.no.setAccessibleName(self.tr("问题1：否"))
        self.answer2.yes.setAccessibleName(self.tr("问题2：是"))
        self.answer2.no.setAccessibleName(self.tr("问题2：否"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question1)
        layout.addWidget(self.answer1)
        layout.addSpacing(12)
        layout.addWidget(self.question2)
        layout.addWidget(self.answer2)
        layout.addStretch(1)
        self.answer1.answered.connect(self._on_answered)
        self.answer2.answered.connect(self._on_answered)
        self._on_answered()

    def _on_answered(self) -> None:
        second_asked = self.answer1.answer() is False
        self.question2.setVisible(second_asked)
        self.answer2.setVisible(second_asked)
        self.completeChanged.emit()

    def answers(self) -> EligibilityAnswers | None:
        first = self.answer1.answer()
        if first is None:
            return None
        if first:
            return EligibilityAnswers(works_in_accounting=True, resides_with_certificate=None)
        second = self.answer2.answer()
        if second is None:
            return None
        return EligibilityAnswers(works_in_accounting=False, resides_with_certificate=second)

    def isComplete(self) -> bool:
        return self.answers() is not None

    def nextId(self) -> int:
        answers = self.answers()
        if answers is not None and not is_eligible(answers):
            return PAGE_INELIGIBLE
        return PAGE_ACCOUNT


class IneligiblePage(QWizardPage):
    """Registration stops here, with the reason."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("无法注册"))
        self.explanation = QLabel(tr_rule(INELIGIBLE_EXPLANATION), self)
        self.explanation.setObjectName("ineligibleExplanation")
        self.explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        self.setFinalPage(True)

    def nextId(self) -> int:
        return -1


class AccountPage(QWizardPage):
    """账号信息: ID type and number, name, mobile, password twice (and the captcha)."""

    def __init__(
        self, tasks: TaskRunner, platform_clock: PlatformClock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._platform_clock = platform_clock
        """Whose "today" a birth date may not pass: the platform's (it refuses the same)."""
        self._api: ApiClient | None = None
        self._submitting = False
        self.result: LoginResult | None = None
        self.setTitle(self.tr("填写账号信息"))
        self.setSubTitle(self.tr("证件号码将作为您的登录账号，注册后不可修改，请如实填写。"))

        self.id_type_combo = QComboBox(self)
        self.id_type_combo.setObjectName("idType")
        for id_type, label in ID_TYPE_LABELS.items():
            self.id_type_combo.addItem(tr_rule(label), id_type.value)
        self.id_number_edit = QLineEdit(self)
        self.id_number_edit.setObjectName("idNumber")
        self.id_number_edit.setMaxLength(32)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name")
        self.name_edit.setMaxLength(50)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phone")
        self.phone_edit.setMaxLength(20)  # "150 1006 7063" fits; normalised on leaving
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setMaxLength(64)
        self.password_edit.setPlaceholderText(
            self.tr("至少 {length} 位，须同时包含字母和数字").format(length=MIN_PASSWORD_LENGTH)
        )
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setObjectName("passwordConfirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit.setMaxLength(64)
        self.captcha = CaptchaField(tasks, self)

        self.rows = {
            "id_number": FieldRow(self.id_number_edit),
            "name": FieldRow(self.name_edit),
            "phone": FieldRow(self.phone_edit),
            "password": FieldRow(self.password_edit),
            "password_confirm": FieldRow(self.confirm_edit),
            "captcha_answer": FieldRow(self.captcha),
        }
        self.captcha.answer_edit.textEdited.connect(
            lambda _t: self.rows["captcha_answer"].error.clear_message()
        )
        form = QFormLayout()
        add_row(form, self.tr("证件类型"), self.id_type_combo)
        add_row(form, self.tr("证件号码"), self.rows["id_number"])
        add_row(form, self.tr("姓名"), self.rows["name"])
        add_row(form, self.tr("手机号码"), self.rows["phone"])
        add_row(form, self.tr("密码"), self.rows["password"])
        add_row(form, self.tr("确认密码"), self.rows["password_confirm"])
        self.captcha_label = add_row(form, self.tr("验证码"), self.rows["captcha_answer"])
        self.general_error = ErrorLabel(self)
        self.general_error.setObjectName("registrationError")
        self.retry_button = QPushButton(self.tr("重试"), self)
        self.retry_button.setObjectName("retryButton")
        self.retry_button.hide()
        self.retry_button.clicked.connect(self._submit)
        error_line = QHBoxLayout()
        error_line.addWidget(self.general_error, 1)
        error_line.addWidget(self.retry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(error_line)
        layout.addStretch(1)
        self.id_type_combo.currentIndexChanged.connect(
            lambda _i: self.rows["id_number"].error.clear_message()
        )
        self.id_number_edit.editingFinished.connect(self._check_id_number)
        self.name_edit.editingFinished.connect(self._check_name)
        self.phone_edit.editingFinished.connect(self._normalise_fields)

    def attach(self, api: ApiClient, *, captcha_required: bool) -> None:
        self._api = api
        self.captcha_label.setVisible(captcha_required)
        self.rows["captcha_answer"].setVisible(captcha_required)
        self.captcha.attach(api, captcha_required)

    def id_type(self) -> IdType:
        return IdType(self.id_type_combo.currentData())

    def _normalise_fields(self) -> None:
        """Show what will be sent: the canonical ID number, name and phone (full-width
        digits as ASCII, look-alike middle dots as ·, blanks trimmed)."""
        for edit, normalise in (
            (self.id_number_edit, normalize_id_number),
            (self.name_edit, normalize_name),
            (self.phone_edit, normalize_phone),
        ):
            text = normalise(edit.text())
            if text != edit.text():
                edit.setText(text)

    def _id_number_problem(self) -> str | None:
        problem = id_number_problem(
            self.id_type(),
            self.id_number_edit.text(),
            today=china_date(self._platform_clock.now()),
        )
        return None if problem is None else identity.filled(tr_rule(problem.message))

    def _check_id_number(self) -> None:
        """On leaving the field: the normalised number, and at once what is wrong with it."""
        self._normalise_fields()
        self._show_at(self.rows["id_number"], self.id_number_edit, self._id_number_problem())

    def _check_name(self) -> None:
        self._normalise_fields()
        message = name_problem(self.name_edit.text())
        self._show_at(
            self.rows["name"], self.name_edit, None if message is None else tr_rule(message)
        )

    @staticmethod
    def _show_at(row: FieldRow, edit: QLineEdit, message: str | None) -> None:
        if message is not None and edit.text():
            row.error.show_message(message)
        else:
            row.error.clear_message()

    def _local_problems(self) -> dict[str, str]:
        """Check every field with the shared rules; the platform checks again."""
        self._normalise_fields()
        problems: dict[str, str] = {}
        if (message := self._id_number_problem()) is not None:
            problems["id_number"] = message
        if (message := name_problem(self.name_edit.text())) is not None:
            problems["name"] = tr_rule(message)
        if (message := phone_problem(self.phone_edit.text())) is not None:
            problems["phone"] = identity.filled(tr_rule(message))
        if (message := password_problem(self.password_edit.text())) is not None:
            problems["password"] = passwords.filled(tr_rule(message))
        if self.confirm_edit.text() != self.password_edit.text():
            problems["password_confirm"] = self.tr("两次输入的密码不一致")
        if self.captcha.required and not self.captcha.answer():
            problems["captcha_answer"] = self.tr("请输入验证码")
        return problems

    def validatePage(self) -> bool:
        if self.result is not None:
            return True
        self._submit()
        return False

    def _submit(self) -> None:
        if self._submitting or self._api is None:
            return
        self.general_error.clear_message()
        self.retry_button.hide()
        for row in self.rows.values():
            row.error.clear_message()
        problems = self._local_problems()
        for name, message in problems.items():
            self.rows[name].error.show_message(message)
        if problems:
            first = next(iter(problems))
            self.rows[first].editor.setFocus()
            return
        wizard = self.wizard()
        assert isinstance(wizard, RegistrationWizard)
        answers = wizard.eligibility_page.answers()
        assert answers is not None
        form = Registration(
            id_type=self.id_type().value,
            id_number=self.id_number_edit.text(),
            name=self.name_edit.text(),
            phone=self.phone_edit.text(),
            password=self.password_edit.text(),
            works_in_accounting=answers.works_in_accounting,
            resides_with_certificate=answers.resides_with_certificate,
            captcha_id=self.captcha.captcha_id,
            captcha_answer=self.captcha.answer() or None,
        )
        api = self._api
        self._submitting = True
        wizard.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self._tasks.op(
            run=lambda: api.register(form),
            success=self._on_registered,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在注册…")).start()

    def _on_registered(self, result: LoginResult) -> None:
        self._submitting = False
        self.result = result
        wizard = self.wizard()
        wizard.button(QWizard.WizardButton.NextButton).setEnabled(True)
        wizard.next()

    def _on_failed(self, exc: BaseException) -> None:
        self._submitting = False
        self.wizard().button(QWizard.WizardButton.NextButton).setEnabled(True)
        fields = {name: row.error for name, row in self.rows.items()}
        fields["captcha_id"] = self.rows["captcha_answer"].error
        fields["id_type"] = self.rows["id_number"].error
        present_failure(exc, fields, self.general_error.show_message)
        if is_unreachable(exc):
            self.retry_button.show()
        else:
            self.captcha.refresh()


class DonePage(QWizardPage):
    """完成: the account exists and the learner is logged in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("注册成功"))
        self.summary = QLabel(self)
        self.summary.setObjectName("doneSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, RegistrationWizard)
        result = wizard.account_page.result
        if result is None:
            return
        self.summary.setText(
            self.tr(
                "{name}，您的账号已注册成功，登录账号为您的证件号码。\n\n"
                "下一步：请先完成“信息采集”，再到“学习资源”选择培训机构报名学习。"
                "点击“完成”进入学习平台。"
            ).format(name=result.me.name)
        )


class RegistrationWizard(QWizard):
    """用户注册.

    Signals:
        registered(object): the LoginResult of the new account (already logged in).
    """

    registered = Signal(object)

    def __init__(
        self, tasks: TaskRunner, platform_clock: PlatformClock, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registrationWizard")
        self.setWindowTitle(self.tr("用户注册"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.eligibility_page = EligibilityPage(self)
        self.ineligible_page = IneligiblePage(self)
        self.account_page = AccountPage(tasks, platform_clock, self)
        self.done_page = DonePage(self)
        self.setPage(PAGE_ELIGIBILITY, self.eligibility_page)
        self.setPage(PAGE_INELIGIBLE, self.ineligible_page)
        self.setPage(PAGE_ACCOUNT, self.account_page)
        self.setPage(PAGE_DONE, self.done_page)
        self.resize(720, 560)
        self.accepted.connect(self._on_accepted)

    def attach(self, api: ApiClient, *, captcha_required: bool) -> None:
        self.account_page.attach(api, captcha_required=captcha_required)

    def _on_accepted(self) -> None:
        result = self.account_page.result
        if result is not None:
            self.registered.emit(result)

    def reject(self) -> None:
        # Once the account exists the learner is logged in, whichever way the wizard closes.
        if self.account_page.result is not None:
            self.registered.emit(self.account_page.result)
            self.account_page.result = None
        super().reject()
