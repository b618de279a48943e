"""申请发票 and 查看详情 of an order's invoice (SPEC §1.7, guide 四).

The rule comes first, before anything is filled: 可在{deadline}前申请（支付后一个月内）, the
e-invoice by e-mail within 7 working days.  The form asks 抬头类型 (个人 / 单位), 发票抬头
(the learner's name for 个人), 纳税人识别号 (单位 only, checked as typed or left) and 邮箱;
``rules.invoice`` checks early, the platform decides, and its refusals land at their field
with nothing typed lost.  查看详情 shows the invoice and its state, or why none can be
asked for; once issued, 下载电子发票 saves the PDF where the learner chooses.

Its operations live in ``desktop/models/invoice_dialog.py`` (the state shown, whether one
may be asked for, saving the PDF) over the invoice rules of ``desktop/models/invoices.py``;
this module builds the widgets and starts the ops.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.errors import logged
from desktop.models.formats import format_time
from desktop.models.invoice_dialog import dialog_state, may_request, save_invoice_pdf
from desktop.models.invoices import (
    ISSUED,
    NOT_REQUESTED,
    REQUESTED,
    UNAVAILABLE,
    Invoice,
    InvoiceRequest,
    invoice_deadline,
    invoice_problem_text,
)
from desktop.views.file_dialogs import downloads_folder, open_save_dialog
from desktop.views.widgets import ErrorLabel, FieldRow, add_row, present_failure, tr_rule
from rules.invoice import (
    DELIVERY_WORKING_DAYS,
    USCC_LENGTH,
    WINDOW_MONTHS,
    filled,
    normalize_tax_number,
    tax_number_problem,
)
from rules.money import format_fen

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Order
    from desktop.models.tasks import TaskRunner


class InvoiceDialog(QDialog):
    """One order's invoice: the request form, or its details.

    Open with ``open()``; ``show_form()`` / ``show_details()`` choose the page (申请发票 /
    查看详情).  *api* is None offline: details show what the cache held, submitting says
    the network is needed.

    Signals:
        requested(Invoice): the platform took the request.
    """

    requested = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient | None,
        order: Order,
        *,
        learner_name: str,
        now: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("invoiceDialog")
        self.setModal(True)
        self.setMinimumWidth(520)
        self._tasks = tasks
        self._api = api
        self.order = order
        self.invoice = order.invoice
        self._learner_name = learner_name
        self._now = now
        self.save_dialog: QFileDialog | None = None
        """下载电子发票's save dialog while it is open (tests answer it)."""

        self.pages = QStackedWidget(self)
        self.form_page = self._build_form()
        self.details_page = self._build_details()
        self.pages.addWidget(self.form_page)
        self.pages.addWidget(self.details_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._connect_signals()

    # -- building -------------------------------------------------------------------

    def _build_form(self) -> QWidget:
        page = QWidget(self)
        deadline = invoice_deadline(self.order)
        self.rule_label = QLabel(
            self.tr(
                "可在{deadline}前申请（支付后{months}个月内）；"
                "电子发票将在{days}个工作日内发送到您的邮箱。"
            ).format(
                deadline=format_time(deadline.isoformat()) if deadline else "",
                months=WINDOW_MONTHS,
                days=DELIVERY_WORKING_DAYS,
            ),
            page,
        )
        self.rule_label.setObjectName("helpPanel")
        self.rule_label.setWordWrap(True)
        order_label = QLabel(
            self.tr("订单编号：{number}　金额：{amount}").format(
                number=self.order.number, amount=format_fen(self.order.amount_fen)
            ),
            page,
        )
        order_label.setObjectName("hint")

        self.personal_button = QRadioButton(self.tr("个人"), page)
        self.personal_button.setObjectName("invoicePersonal")
        self.company_button = QRadioButton(self.tr("单位"), page)
        self.company_button.setObjectName("invoiceCompany")
        self.title_type_group = QButtonGroup(page)
        self.title_type_group.addButton(self.personal_button)
        self.title_type_group.addButton(self.company_button)
        self.personal_button.setChecked(True)
        title_types = QWidget(page)
        title_types_layout = QHBoxLayout(title_types)
        title_types_layout.setContentsMargins(0, 0, 0, 0)
        title_types_layout.addWidget(self.personal_button)
        title_types_layout.addWidget(self.company_button)
        title_types_layout.addStretch(1)
        title_types.setAccessibleName(self.tr("抬头类型"))

        self.title_edit = QLineEdit(self._learner_name, page)
        self.title_edit.setObjectName("invoiceTitle")
        self.title_edit.setMaxLength(100)
        self.tax_number_edit = QLineEdit(page)
        self.tax_number_edit.setObjectName("invoiceTaxNumber")
        # Room for the blanks and dashes people copy along ("9144 0101-…"); the text is
        # normalised on leaving the field.
        self.tax_number_edit.setMaxLength(40)
        self.tax_number_edit.setPlaceholderText(
            self.tr("{length}位统一社会信用代码").format(length=USCC_LENGTH)
        )
        self.email_edit = QLineEdit(page)
        self.email_edit.setObjectName("invoiceEmail")
        self.email_edit.setPlaceholderText(self.tr("用于接收电子发票，例如 name@example.com"))
        self.title_row = FieldRow(self.title_edit)
        self.tax_number_row = FieldRow(self.tax_number_edit)
        self.email_row = FieldRow(self.email_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        type_label = add_row(form, self.tr("抬头类型"), title_types)
        type_label.setBuddy(self.personal_button)
        add_row(form, self.tr("发票抬头"), self.title_row)
        self.tax_number_label = add_row(form, self.tr("纳税人识别号"), self.tax_number_row)
        add_row(form, self.tr("邮箱"), self.email_row)
        self._form = form

        self.form_message = ErrorLabel(page)
        self.submit_button = QPushButton(self.tr("提交申请"), page)
        self.submit_button.setObjectName("invoiceSubmit")
        self.submit_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("取消"), page)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rule_label)
        layout.addWidget(order_label)
        layout.addLayout(form)
        layout.addWidget(self.form_message)
        layout.addLayout(buttons)
        # The rows were built before the form took them in: say the order a person reads.
        for first, second in (
            (self.personal_button, self.company_button),
            (self.company_button, self.title_edit),
            (self.title_edit, self.tax_number_edit),
            (self.tax_number_edit, self.email_edit),
            (self.email_edit, self.submit_button),
        ):
            page.setTabOrder(first, second)
        self._show_tax_number(False)
        return page

    def _build_details(self) -> QWidget:
        page = QWidget(self)
        self.details_form = QFormLayout()
        self.details_message = QLabel(page)
        self.details_message.setObjectName("hint")
        self.details_message.setWordWrap(True)
        self.download_button = QPushButton(self.tr("下载电子发票"), page)
        self.download_button.setObjectName("invoiceDownload")
        self.request_button = QPushButton(self.tr("申请发票"), page)
        self.request_button.setObjectName("invoiceRequestFromDetails")
        self.close_button = QPushButton(self.tr("关闭"), page)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.download_button)
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.details_form)
        layout.addWidget(self.details_message)
        layout.addLayout(buttons)
        return page

    def _connect_signals(self) -> None:
        self.personal_button.toggled.connect(self._on_title_type_toggled)
        self.tax_number_edit.textEdited.connect(self._on_tax_number_edited)
        self.tax_number_edit.editingFinished.connect(self._on_tax_number_finished)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.request_button.clicked.connect(self.show_form)
        self.download_button.clicked.connect(self.download)

    # -- pages ----------------------------------------------------------------------

    def problem(self) -> str | None:
        """Why no invoice can be asked for this order now (translated), else None."""
        return invoice_problem_text(self.order, self._now, tr_rule)

    def show_form(self) -> None:
        """申请发票; an order that cannot have one shows its details (the reason) instead."""
        if not may_request(self.order, self.invoice, self._now):
            self.show_details()
            return
        self.setWindowTitle(self.tr("申请发票"))
        self.pages.setCurrentWidget(self.form_page)
        self.title_edit.setFocus()

    def show_details(self) -> None:
        """查看详情: the invoice (refreshed from the platform) or why none can be asked."""
        self.setWindowTitle(self.tr("发票详情"))
        self.pages.setCurrentWidget(self.details_page)
        self._fill_details()
        api = self._api
        if api is not None and self.invoice is not None:
            order_id = self.order.id
            self._tasks.op(
                run=lambda: api.invoice(order_id),
                success=self._on_invoice_loaded,
                failure=logged("invoice not re-read; the cached one stays on screen"),
                parent=self,
            ).start()

    def _on_invoice_loaded(self, invoice: Invoice) -> None:
        self.invoice = invoice
        if self.pages.currentWidget() is self.details_page:
            self._fill_details()

    def state_text(self) -> str:
        return {
            NOT_REQUESTED: self.tr("未申请"),
            REQUESTED: self.tr("已申请"),
            ISSUED: self.tr("已开具"),
            UNAVAILABLE: self.tr("不可申请"),
        }[dialog_state(self.order, self.invoice, self._now)]

    def _fill_details(self) -> None:
        form = self.details_form
        while form.rowCount():
            form.removeRow(0)
        order, invoice = self.order, self.invoice
        rows = [
            (self.tr("订单编号"), order.number),
            (self.tr("金额"), format_fen(order.amount_fen)),
            (self.tr("发票状态"), self.state_text()),
        ]
        problem = self.problem()
        if invoice is not None:
            company = invoice.title_type == "company"
            rows.append((self.tr("抬头类型"), self.tr("单位") if company else self.tr("个人")))
            rows.append((self.tr("发票抬头"), invoice.title))
            if company:
                rows.append((self.tr("纳税人识别号"), invoice.tax_number))
            rows.append((self.tr("邮箱"), invoice.email))
            rows.append((self.tr("申请时间"), format_time(invoice.requested_at)))
            if invoice.status == "issued":
                rows.append((self.tr("开具时间"), format_time(invoice.issued_at)))
                rows.append((self.tr("发票号码"), invoice.number or ""))
        elif problem:
            rows.append((self.tr("原因"), problem))
        else:
            deadline = invoice_deadline(order)
            rows.append(
                (self.tr("申请截止"), format_time(deadline.isoformat()) if deadline else "")
            )
        for label, value in rows:
            value_label = QLabel(value, self.details_page)
            value_label.setWordWrap(True)
            value_label.setObjectName("invoiceDetailValue")
            form.addRow(label + self.tr("："), value_label)
        issued = invoice is not None and invoice.status == "issued" and invoice.pdf_available
        self.download_button.setVisible(issued)
        self.request_button.setVisible(may_request(order, invoice, self._now))
        if invoice is not None and invoice.status != "issued" and not self.details_message.text():
            self.details_message.setText(
                self.tr("电子发票将在申请后的{days}个工作日之内发送到{email}。").format(
                    days=DELIVERY_WORKING_DAYS, email=invoice.email
                )
            )

    def detail_rows(self) -> dict[str, str]:
        """The details shown, label → value (for tests and screen readers)."""
        shown = {}
        for row in range(self.details_form.rowCount()):
            label = self.details_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            value = self.details_form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label_widget = label.widget() if label is not None else None
            value_widget = value.widget() if value is not None else None
            if isinstance(label_widget, QLabel) and isinstance(value_widget, QLabel):
                shown[label_widget.text().rstrip("：")] = value_widget.text()
        return shown

    # -- the form -------------------------------------------------------------------

    def title_type(self) -> str:
        return "company" if self.company_button.isChecked() else "personal"

    def _show_tax_number(self, shown: bool) -> None:
        self._form.setRowVisible(self.tax_number_row, shown)

    def _on_title_type_toggled(self, personal: bool) -> None:
        """单位 needs the company's name and its tax number; 个人 the learner's name."""
        self._show_tax_number(not personal)
        self.tax_number_row.error.clear_message()
        self.title_row.error.clear_message()
        title = self.title_edit.text().strip()
        if personal and not title:
            self.title_edit.setText(self._learner_name)
        elif not personal and title == self._learner_name:
            self.title_edit.clear()
            self.title_edit.setFocus()

    def _on_tax_number_edited(self, text: str) -> None:
        if len(normalize_tax_number(text)) >= USCC_LENGTH:
            self._check_tax_number()

    def _on_tax_number_finished(self) -> None:
        """On leaving the field it shows the code as it is sent (no blanks or dashes, upper
        case, full-width as ASCII), and what is wrong with it."""
        text = normalize_tax_number(self.tax_number_edit.text())
        if text != self.tax_number_edit.text():
            self.tax_number_edit.setText(text)
        self._check_tax_number()

    def _check_tax_number(self) -> None:
        """The tax number's message at its field, as soon as it is whole or left."""
        if self.title_type() != "company" or not self.tax_number_edit.text().strip():
            return
        problem = tax_number_problem("company", self.tax_number_edit.text())
        if problem:
            self.tax_number_row.error.show_message(filled(tr_rule(problem)))
        else:
            self.tax_number_row.error.clear_message()

    def request(self) -> InvoiceRequest:
        return InvoiceRequest(
            title_type=self.title_type(),
            title=self.title_edit.text(),
            tax_number=self.tax_number_edit.text(),
            email=self.email_edit.text(),
        )

    def _fields(self) -> dict[str, ErrorLabel]:
        return {
            "title": self.title_row.error,
            "tax_number": self.tax_number_row.error,
            "email": self.email_row.error,
        }

    def _editors(self) -> dict[str, QLineEdit]:
        return {
            "title": self.title_edit,
            "tax_number": self.tax_number_edit,
            "email": self.email_edit,
        }

    def submit(self) -> None:
        """提交申请: checked here first, then sent once; refusals go to their field."""
        self.form_message.clear_message()
        request = self.request()
        problems = request.problems()
        for name, label in self._fields().items():
            label.show_message(filled(tr_rule(problems[name])) if name in problems else "")
        if problems:
            self._editors()[next(iter(problems))].setFocus()
            return
        api = self._api
        if api is None:
            self.form_message.show_message(
                self.tr("需要联网才能申请发票，请连接网络后重试。您填写的内容不会丢失。")
            )
            return
        order_id = self.order.id
        self.submit_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.request_invoice(order_id, request),
            success=self._on_requested,
            failure=self._on_request_failed,
            parent=self,
        ).with_progress(self.tr("正在提交发票申请…")).start()

    def _on_requested(self, invoice: Invoice) -> None:
        self.submit_button.setEnabled(True)
        self.invoice = invoice
        self.details_message.setText(
            self.tr("发票申请已提交，电子发票将在{days}个工作日内发送到{email}。").format(
                days=DELIVERY_WORKING_DAYS, email=invoice.email
            )
        )
        self.show_details()
        self.requested.emit(invoice)

    def _on_request_failed(self, exc: BaseException) -> None:
        self.submit_button.setEnabled(True)
        present_failure(
            exc,
            self._fields(),
            self.form_message.show_message,
            offline=self.tr("需要联网才能申请发票，请连接网络后重试。您填写的内容不会丢失。"),
        )
        for name, label in self._fields().items():
            if label.text():
                self._editors()[name].setFocus()
                break

    # -- the PDF --------------------------------------------------------------------

    def download(self) -> None:
        """下载电子发票: a save dialog (opened, not exec'd: the app keeps running and tests
        answer it), then the platform's PDF written where the learner chose."""
        invoice = self.invoice
        if invoice is None:
            return
        if self._api is None:
            self.details_message.setText(self.tr("需要联网才能下载电子发票，请连接网络后重试。"))
            return
        name = self.tr("电子发票_{number}.pdf").format(number=invoice.number or self.order.number)
        self.save_dialog = open_save_dialog(
            self,
            title=self.tr("保存电子发票"),
            object_name="invoiceSaveDialog",
            name_filter=self.tr("PDF 文件 (*.pdf)"),
            suffix="pdf",
            default=downloads_folder() / name,
            chosen=self.save_to,
            closed=self._forget_save_dialog,
            purpose="invoice",
        )

    def _forget_save_dialog(self, dialog: QFileDialog) -> None:
        if self.save_dialog is dialog:
            self.save_dialog = None

    def save_to(self, path: Path) -> None:
        """Fetch the invoice's PDF and write it to *path* (a worker)."""
        api = self._api
        if api is None:
            return
        order_id, target = self.order.id, str(path)
        self.download_button.setEnabled(False)
        self._tasks.op(
            run=lambda: save_invoice_pdf(api, order_id, target),
            success=self._on_downloaded,
            failure=self._on_download_failed,
            parent=self,
        ).with_progress(self.tr("正在下载电子发票…")).start()

    def _on_downloaded(self, path: str) -> None:
        self.download_button.setEnabled(True)
        self.details_message.setText(self.tr("电子发票已保存到 {path}").format(path=path))

    def _on_download_failed(self, exc: BaseException) -> None:
        self.download_button.setEnabled(True)
        if isinstance(exc, OSError):
            self.details_message.setText(
                self.tr("无法保存文件，请选择其他位置后重试。（{error}）").format(
                    error=exc.strerror or type(exc).__name__
                )
            )
            return
        present_failure(exc, {}, self.details_message.setText)
