"""收款: a walk-in buys the year's packages at the counter (docs/api.md, issue 7).

After registration (or from a queue row): the institution's packages of the year are
listed, ticked, and ordered for the walk-in (``POST /staff/walk-ins/{id}/orders``); a ¥0
order is paid at once.  Then 现金 (the amount received must equal the order's) or 学习卡
(card number and password, a refusal shown at its field; the amount received is checked
by the platform, which records a wrong one).  Then 打印回执: right after registration the
slip with the one-time password, which can be printed again until 完成 (the counter moves
on to the next learner); 完成 or closing before it was printed or saved asks first.  A
payment taken from a queue row gets a receipt without the password, which is no longer
at hand.  暂不购买 asks first; Enter on the package step means 下单.

下单, 确认收款 and 确认支付 are each one action however often they are clicked: the button
is disabled while the request is on its way and the action keeps one ``Idempotency-Key``
until the platform answers (issue 15), so the counter never takes a payment twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.models.action_keys import ActionKeys
from desktop.models.purchase import FIRST_PURCHASE_YEAR
from desktop.models.slip import Slip
from desktop.views.desk.slip import SlipDialog
from desktop.views.widgets import ErrorLabel, FieldRow, add_row, present_failure
from rules.credits import format_credits
from rules.money import format_fen
from rules.years import year_of_iso

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Me, Order, Package
    from desktop.models.tasks import TaskRunner
    from desktop.models.walk_in import WalkIn

_YUAN = re.compile(r"(\d{1,7})(?:\.(\d{1,2}))?")


def parse_yuan(text: str) -> int | None:
    """An amount typed in yuan ("90", "90.5", "¥90.00") in fen; None when it is not one."""
    cleaned = text.strip().replace("¥", "").replace("￥", "").replace(",", "").replace("元", "")
    match = _YUAN.fullmatch(cleaned.strip())
    if match is None:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "0").ljust(2, "0"))


@dataclass(frozen=True)
class Credentials:
    """The walk-in's login ID and one-time password, held only until the slip is done."""

    login_id: str
    initial_password: str

    def __repr__(self) -> str:  # never in a log or traceback
        return "Credentials(…)"


class DeskPaymentDialog(QDialog):
    """Orders and takes payment for one walk-in; open it with ``open()``.

    Signals:
        paid(Order): the order is paid (its enrollments exist on the platform).
    """

    paid = Signal(object)

    PAGE_PACKAGES, PAGE_PAY, PAGE_DONE = range(3)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        walk_in: WalkIn,
        staff: Me,
        *,
        credentials: Credentials | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPaymentDialog")
        self.setWindowTitle(self.tr("收款"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self._tasks = tasks
        self._api = api
        self.walk_in = walk_in
        self.staff = staff
        self.credentials = credentials
        self.year = year_of_iso(walk_in.registered_at, FIRST_PURCHASE_YEAR)
        self.packages: list[Package] = []
        self.order: Order | None = next((o for o in walk_in.orders if o.status == "pending"), None)
        self.slip_dialog: SlipDialog | None = None
        self._closed_slip: SlipDialog | None = None
        self.slip_handed_out = False
        """The slip was printed or saved at least once (it may be printed again)."""
        self.confirm_box: QMessageBox | None = None
        self._order_keys = ActionKeys()
        self._cash_keys = ActionKeys()
        self._card_keys = ActionKeys()
        self.ordering = False  # 下单 is on its way

        title = QLabel(
            self.tr("{name}（{id_number}）").format(
                name=walk_in.name, id_number=walk_in.id_number_masked
            ),
            self,
        )
        title.setObjectName("title")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_packages_page())
        self.pages.addWidget(self._build_pay_page())
        self.pages.addWidget(self._build_done_page())
        self.message = ErrorLabel(self)
        self.message.setObjectName("paymentMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        self._connect_signals()
        if self.order is not None:
            self._show_pay(self.order)
        else:
            self.load_packages()

    # -- building -------------------------------------------------------------------

    def _build_packages_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel(self.tr("{year}年度课程（勾选学员本次购买的课程）").format(year=self.year))
        heading.setObjectName("sectionTitle")
        self.package_list = QVBoxLayout()
        self.packages_status = QLabel(self.tr("正在加载课程…"), page)
        self.packages_status.setObjectName("hint")
        self.total_label = QLabel(page)
        self.total_label.setObjectName("orderTotal")
        self.order_button = QPushButton(self.tr("下单"), page)
        self.order_button.setObjectName("createOrderButton")
        self.order_button.setDefault(True)
        self.skip_button = QPushButton(self.tr("暂不购买"), page)
        self.skip_button.setObjectName("skipPurchaseButton")
        self.skip_button.setAutoDefault(False)  # Enter here is 下单, never 暂不购买
        buttons = QHBoxLayout()
        buttons.addWidget(self.total_label, 1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.order_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.packages_status)
        layout.addLayout(self.package_list)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.package_boxes: list[tuple[QCheckBox, Package]] = []
        return page

    def _build_pay_page(self) -> QWidget:
        page = QWidget(self)
        self.order_label = QLabel(page)
        self.order_label.setObjectName("orderSummary")
        self.order_label.setWordWrap(True)
        self.cash_button = QRadioButton(self.tr("现金"), page)
        self.cash_button.setChecked(True)
        self.card_button = QRadioButton(self.tr("学习卡"), page)
        self.method_group = QButtonGroup(self)
        self.method_group.addButton(self.cash_button, 0)
        self.method_group.addButton(self.card_button, 1)
        methods = QHBoxLayout()
        methods.addWidget(QLabel(self.tr("付款方式："), page))
        methods.addWidget(self.cash_button)
        methods.addWidget(self.card_button)
        methods.addStretch(1)

        self.method_pages = QStackedWidget(page)
        cash = QWidget(page)
        self.received_edit = QLineEdit(cash)
        self.received_edit.setObjectName("receivedAmount")
        self.received_edit.setPlaceholderText(self.tr("如 90.00"))
        self.received_row = FieldRow(self.received_edit)
        cash_form = QFormLayout(cash)
        cash_form.setContentsMargins(0, 0, 0, 0)
        add_row(cash_form, self.tr("实收金额（元）"), self.received_row)
        self.cash_pay_button = QPushButton(self.tr("确认收款"), cash)
        self.cash_pay_button.setObjectName("cashPayButton")
        cash_form.addRow("", self.cash_pay_button)
        card = QWidget(page)
        self.card_number_edit = QLineEdit(card)
        self.card_number_edit.setObjectName("cardNumber")
        self.card_password_edit = QLineEdit(card)
        self.card_password_edit.setObjectName("cardPassword")
        self.card_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.card_number_row = FieldRow(self.card_number_edit)
        self.card_password_row = FieldRow(self.card_password_edit)
        card_form = QFormLayout(card)
        card_form.setContentsMargins(0, 0, 0, 0)
        add_row(card_form, self.tr("卡号"), self.card_number_row)
        add_row(card_form, self.tr("密码"), self.card_password_row)
        self.card_pay_button = QPushButton(self.tr("确认支付"), card)
        self.card_pay_button.setObjectName("cardPayButton")
        card_form.addRow("", self.card_pay_button)
        self.method_pages.addWidget(cash)
        self.method_pages.addWidget(card)
        self.later_button = QPushButton(self.tr("稍后支付"), page)
        self.later_button.setObjectName("payLaterButton")
        self.later_button.setAutoDefault(False)
        self.later_button.setToolTip(self.tr("订单保持待支付，可从今日登记列表中继续收款"))

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.order_label)
        layout.addLayout(methods)
        layout.addWidget(self.method_pages)
        layout.addStretch(1)
        layout.addWidget(self.later_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        self.done_label = QLabel(page)
        self.done_label.setObjectName("paymentSuccess")
        self.done_label.setWordWrap(True)
        self.slip_button = QPushButton(self.tr("打印回执"), page)
        self.slip_button.setObjectName("slipButton")
        self.saved_pdf: Path | None = None
        """The slip's PDF saved here: it holds the password, so deleting it is offered."""
        self.pdf_note = QLabel(page)
        self.pdf_note.setObjectName("slipPdfNote")
        self.pdf_note.setWordWrap(True)
        self.pdf_note.hide()
        self.delete_pdf_button = QPushButton(self.tr("删除回执 PDF"), page)
        self.delete_pdf_button.setObjectName("deleteSlipPdfButton")
        self.delete_pdf_button.setAutoDefault(False)
        self.delete_pdf_button.hide()
        self.finish_button = QPushButton(self.tr("完成"), page)
        self.finish_button.setObjectName("finishButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.slip_button)
        buttons.addWidget(self.finish_button)
        pdf_row = QHBoxLayout()
        pdf_row.addWidget(self.pdf_note, 1)
        pdf_row.addWidget(self.delete_pdf_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.done_label)
        layout.addLayout(pdf_row)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def _connect_signals(self) -> None:
        self.order_button.clicked.connect(self.create_order)
        self.skip_button.clicked.connect(self.ask_to_skip)
        self.method_group.idToggled.connect(self._on_method_toggled)
        self.cash_pay_button.clicked.connect(self.pay_cash)
        self.received_edit.returnPressed.connect(self.pay_cash)
        self.card_pay_button.clicked.connect(self.pay_by_card)
        self.card_password_edit.returnPressed.connect(self.pay_by_card)
        self.later_button.clicked.connect(self._pay_later)
        self.slip_button.clicked.connect(self.open_slip)
        self.delete_pdf_button.clicked.connect(self.delete_saved_pdf)
        self.finish_button.clicked.connect(self.accept)

    # -- packages and the order -------------------------------------------------------

    def load_packages(self) -> None:
        api, institution, year = self._api, self.staff.institution_id, self.year
        self.order_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.packages(institution, year),
            success=self._on_packages,
            failure=self._on_failed,
            parent=self,
        ).with_progress(self.tr("正在加载课程…")).start()

    def _bought_package_ids(self) -> set[str]:
        return {
            item.package_id
            for order in self.walk_in.orders
            if order.status == "paid"
            for item in order.items
        }

    def _on_packages(self, packages: list[Package]) -> None:
        self.packages = packages
        bought = self._bought_package_ids()
        for package in packages:
            text = self.tr("{title}　{credits} 学分　{price}").format(
                title=package.title,
                credits=format_credits(package.credits_tenths),
                price=format_fen(package.price_fen),
            )
            box = QCheckBox(text, self)
            box.setObjectName(f"package-{package.id}")
            if package.id in bought:
                box.setText(text + self.tr("（已购买）"))
                box.setEnabled(False)
            elif package.closed:
                box.setText(text + self.tr("（已截止）"))
                box.setEnabled(False)
            else:
                box.setChecked(True)
            box.toggled.connect(self._update_total)
            self.package_list.addWidget(box)
            self.package_boxes.append((box, package))
        if not packages:
            self.packages_status.setText(self.tr("本机构该年度没有可购买的课程。"))
        else:
            self.packages_status.hide()
        self._update_total()
        # Focus on the primary action, with the ticked packages before it in Tab order.
        previous: QWidget | None = None
        for box, _package in self.package_boxes:
            if previous is not None:
                QWidget.setTabOrder(previous, box)
            previous = box
        if previous is not None:
            QWidget.setTabOrder(previous, self.skip_button)
        QWidget.setTabOrder(self.skip_button, self.order_button)
        if self.order_button.isEnabled():
            self.order_button.setFocus()
        elif self.package_boxes:
            self.package_boxes[0][0].setFocus()

    def chosen_packages(self) -> list[Package]:
        return [package for box, package in self.package_boxes if box.isChecked()]

    def _update_total(self) -> None:
        chosen = self.chosen_packages()
        self.total_label.setText(
            self.tr("合计：{amount}").format(amount=format_fen(sum(p.price_fen for p in chosen)))
        )
        self.order_button.setEnabled(bool(chosen) and not self.ordering)

    def create_order(self) -> None:
        ids = [package.id for package in self.chosen_packages()]
        if not ids or self.ordering:
            return
        api, walk_in_id = self._api, self.walk_in.id
        key = self._order_keys.key_for(walk_in_id, tuple(ids))
        self.message.clear_message()
        self.ordering = True
        self.order_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.create_walk_in_order(walk_in_id, ids, idempotency_key=key),
            success=self._on_order_created,
            failure=self._on_order_failed,
            parent=self,
        ).with_progress(self.tr("正在下单…")).start()

    def _on_order_created(self, order: Order) -> None:
        self.ordering = False
        self._order_keys.settle()
        self.order = order
        if order.status == "paid":  # ¥0: paid when created
            self._on_paid(order)
        else:
            self._show_pay(order)

    def _on_order_failed(self, exc: BaseException) -> None:
        self.ordering = False
        self._order_keys.settle(exc)
        self.order_button.setEnabled(True)
        self._on_failed(exc)

    # -- paying -----------------------------------------------------------------------

    def _show_pay(self, order: Order) -> None:
        titles = "、".join(item.title for item in order.items)
        self.order_label.setText(
            self.tr("订单 {number}：{titles}\n应收金额：{amount}").format(
                number=order.number, titles=titles, amount=format_fen(order.amount_fen)
            )
        )
        self.pages.setCurrentIndex(self.PAGE_PAY)
        self._on_method_toggled(self.method_group.checkedId(), True)

    def _on_method_toggled(self, method: int, checked: bool) -> None:
        if not checked:
            return
        self.method_pages.setCurrentIndex(method)
        self.message.clear_message()
        (self.received_edit if method == 0 else self.card_number_edit).setFocus()

    def pay_cash(self) -> None:
        order = self.order
        if order is None or not self.cash_pay_button.isEnabled():
            return
        self.received_row.error.clear_message()
        received = parse_yuan(self.received_edit.text())
        if received is None:
            self.received_row.error.show_message(self.tr("请输入实收金额，如 90.00"))
            return
        # A different amount goes to the platform too: it refuses it at this field and
        # records it in the audit log (issue 18).
        api, keys = self._api, self._cash_keys
        key = keys.key_for(order.id, received)
        self.cash_pay_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.cash_payment(order.id, received, idempotency_key=key),
            success=lambda paid: self._on_action_paid(keys, paid),
            failure=lambda exc: self._on_pay_failed(keys, self.cash_pay_button, exc),
            parent=self,
        ).with_progress(self.tr("正在登记现金收款…")).start()

    def pay_by_card(self) -> None:
        order = self.order
        if order is None or not self.card_pay_button.isEnabled():
            return
        number = self.card_number_edit.text().strip()
        password = self.card_password_edit.text().strip()
        for row in (self.card_number_row, self.card_password_row):
            row.error.clear_message()
        if not number:
            self.card_number_row.error.show_message(self.tr("请输入学习卡卡号"))
            return
        if not password:
            self.card_password_row.error.show_message(self.tr("请输入学习卡密码"))
            return
        api, keys = self._api, self._card_keys
        key = keys.key_for(order.id, number, password)
        self.card_pay_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.walk_in_card_payment(order.id, number, password, idempotency_key=key),
            success=lambda paid: self._on_action_paid(keys, paid),
            failure=lambda exc: self._on_pay_failed(keys, self.card_pay_button, exc),
            parent=self,
        ).with_progress(self.tr("正在使用学习卡支付…")).start()

    def _on_action_paid(self, keys: ActionKeys, order: Order) -> None:
        keys.settle()
        self._on_paid(order)

    def _on_pay_failed(self, keys: ActionKeys, button: QPushButton, exc: BaseException) -> None:
        keys.settle(exc)
        button.setEnabled(True)
        self._on_failed(exc)
        if self.card_password_row.error.text():
            self.card_password_edit.selectAll()
            self.card_password_edit.setFocus()
        elif self.received_row.error.text():
            self.received_edit.selectAll()
            self.received_edit.setFocus()

    def _on_failed(self, exc: BaseException) -> None:
        fields = {
            "received_fen": self.received_row.error,
            "card_number": self.card_number_row.error,
            "password": self.card_password_row.error,
        }
        present_failure(exc, fields, self.message.show_message)

    def _on_paid(self, order: Order) -> None:
        self.order = order
        self.paid.emit(order)
        self._show_done(order)

    # -- done and the slip ------------------------------------------------------------

    def ask_to_skip(self) -> None:
        """暂不购买 asks first: a slip press too many should not skip the purchase."""
        box = self._question(
            "skipPurchaseConfirm",
            self.tr("暂不购买"),
            self.tr("确定本次不购买课程吗？学员可稍后在客户端自行购买。"),
            yes=self.tr("暂不购买"),
            no=self.tr("返回"),
        )
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self._show_done(None))
        box.open()

    def _pay_later(self) -> None:
        """稍后支付: the order stays pending; the slip (saying 待支付) can still be printed."""
        if self.credentials is None:
            self.reject()
        else:
            self._show_done(self.order)

    def _show_done(self, order: Order | None) -> None:
        self.message.clear_message()
        if order is None:
            self.done_label.setText(self.tr("本次未购买课程。学员可稍后在客户端自行购买。"))
        elif order.status != "paid":
            self.done_label.setText(
                self.tr("订单 {number} 待支付，可从今日登记列表中继续收款。").format(
                    number=order.number
                )
            )
        elif order.amount_fen == 0:
            self.done_label.setText(
                self.tr("订单 {number} 为免费课程，已开通。").format(number=order.number)
            )
        else:
            self.done_label.setText(
                self.tr("收款成功！订单 {number} 已支付 {amount}。").format(
                    number=order.number, amount=format_fen(order.amount_fen)
                )
            )
        self.pages.setCurrentIndex(self.PAGE_DONE)
        self._update_slip_button()
        primary = self.slip_button if self.slip_button.isVisibleTo(self) else self.finish_button
        primary.setDefault(True)
        primary.setFocus()

    def _update_slip_button(self) -> None:
        """打印回执 whenever there is something to print: the slip with the one-time password,
        or the receipt of a payment; 再次打印 once it was handed out."""
        self.slip_button.setVisible(self.slip() is not None)
        if self.slip_handed_out:
            self.slip_button.setText(self.tr("再次打印回执"))

    def slip(self) -> Slip | None:
        """What 打印回执 prints: the registration slip while the one-time password is at
        hand, else the receipt of a paid order; None when there is neither."""
        order = self.order if self.order is not None and self.order.status != "cancelled" else None
        if self.credentials is None and (order is None or order.status != "paid"):
            return None
        deadlines = [
            p.closes_at
            for p in self.packages
            if order is not None and p.id in {i.package_id for i in order.items}
        ]
        return Slip.of(
            institution_name=self.staff.institution_name,
            institution_phone=self.staff.institution_phone,
            learner_name=self.walk_in.name,
            login_id=(
                self.credentials.login_id
                if self.credentials is not None
                else self.walk_in.id_number_masked
            ),
            initial_password=self.credentials.initial_password if self.credentials else "",
            registered_at=self.walk_in.registered_at,
            staff_name=self.staff.name,
            order=order,
            deadline=max(deadlines, default="") or f"{self.year}-12-31T23:59:59+08:00",
        )

    def open_slip(self) -> None:
        slip = self.slip()
        if slip is None:
            return
        if self._closed_slip is not None:
            self._closed_slip.deleteLater()
            self._closed_slip = None
        dialog = SlipDialog(self._tasks, slip, parent=self)
        if not slip.is_receipt:
            dialog.saved.connect(self._on_pdf_saved)
        self.slip_dialog = dialog
        dialog.finished.connect(lambda _result: self._on_slip_closed(dialog))
        dialog.open()

    def _on_slip_closed(self, dialog: SlipDialog) -> None:
        if dialog.handed_out:
            # Kept for a reprint until 完成: the next learner is when the password goes.
            self.slip_handed_out = True
            self._update_slip_button()
            self.finish_button.setDefault(True)
            self.finish_button.setFocus()
        if self.slip_dialog is dialog:
            self.slip_dialog = None
        # Deleted at the next 打印回执 or with this dialog, not now: this runs inside the
        # slip dialog's own callbacks (its save's answer), and PySide crashed on that.
        self._closed_slip = dialog

    def _on_pdf_saved(self, path: str) -> None:
        self.saved_pdf = Path(path)
        self.pdf_note.setText(
            self.tr(
                "回执 PDF 已保存到 {path}。它含有学员的初始密码，打印交给学员后请删除。"
            ).format(path=path)
        )
        self.pdf_note.show()
        self.delete_pdf_button.setEnabled(True)
        self.delete_pdf_button.show()

    def delete_saved_pdf(self) -> None:
        """删除回执 PDF: the saved copy of the password goes (on a worker)."""
        path = self.saved_pdf
        if path is None:
            return
        self.delete_pdf_button.setEnabled(False)
        self._tasks.op(
            run=lambda: path.unlink(missing_ok=True),
            success=lambda _r: self._on_pdf_deleted(),
            failure=self._on_delete_failed,
            parent=self,
        ).start()

    def _on_pdf_deleted(self) -> None:
        self.saved_pdf = None
        self.pdf_note.setText(self.tr("回执 PDF 已删除。"))
        self.delete_pdf_button.hide()

    def _on_delete_failed(self, exc: BaseException) -> None:
        self.delete_pdf_button.setEnabled(True)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.pdf_note.setText(self.tr("无法删除回执 PDF：{reason}").format(reason=reason))

    def _question(self, name: str, title: str, text: str, *, yes: str, no: str) -> QMessageBox:
        """A question whose default answer is *no* (Enter never takes the risky way)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName(name)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
        box.button(QMessageBox.StandardButton.No).setText(no)
        box.finished.connect(lambda _r: self._forget_question(box))
        self.confirm_box = box
        return box

    def _forget_question(self, box: QMessageBox) -> None:
        if self.confirm_box is box:
            self.confirm_box = None
        box.deleteLater()

    def _leave(self, result: int) -> None:
        """完成 or closing: with a one-time password never printed nor saved, ask first."""
        if self.credentials is None or self.slip_handed_out:
            self.done(result)
            return
        box = self._question(
            "unprintedSlipConfirm",
            self.tr("回执尚未打印"),
            self.tr("登记回执尚未打印或保存。离开后将无法再次查看该学员的初始密码，确定离开吗？"),
            yes=self.tr("仍然离开"),
            no=self.tr("返回"),
        )
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self.done(result))
        box.button(QMessageBox.StandardButton.No).clicked.connect(self._back_to_slip)
        box.open()

    def _back_to_slip(self) -> None:
        if self.pages.currentIndex() == self.PAGE_DONE and self.slip_button.isVisible():
            self.slip_button.setFocus()

    def accept(self) -> None:
        self._leave(QDialog.DialogCode.Accepted.value)

    def reject(self) -> None:
        self._leave(QDialog.DialogCode.Rejected.value)

    def done(self, result: int) -> None:
        """Closing drops the one-time password with the dialog."""
        self.credentials = None
        super().done(result)
