"""Checkout: pay one pending order (guide 二、1, 图 9–10).

The order summary, then the way to pay: 微信支付 / 支付宝 (a payment is created, its QR
code drawn here from the payload and ``GET /payments/{id}`` polled until paid;
取消支付 stops polling) or 学习卡 (card number + password).  A sandbox platform offers
模拟扫码支付, standing for the learner's phone.  Closing the dialog mid-payment leaves the
order pending: 我的订单 shows it as 待支付 and can resume it.

Each button is one action however often it is clicked: disabled while its request is on
its way, with one ``Idempotency-Key`` until the platform answers (issue 15), so a double
click makes one QR code and a card pays once.  A payment the platform refuses after the
money came (the package closed meanwhile: ``refund_due``) says that it goes back.

Its operations live in ``desktop/models/checkout.py`` (polling a QR payment, how often);
this module builds the widgets and starts the ops.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.action_keys import ActionKeys
from desktop.models.checkout import POLL_INTERVAL_MS, QR_METHODS, poll_payment
from desktop.models.errors import is_unreachable
from desktop.models.formats import format_time
from desktop.models.qr import qr_image_fitting
from desktop.views.widgets import ErrorLabel, FieldRow, add_row, present_failure
from rules.credits import format_credits
from rules.money import format_fen

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Enrollment, Order, Payment
    from desktop.models.tasks import TaskRunner

CLOSE_AFTER_PAID_MS = 1500


class CheckoutDialog(QDialog):
    """Pays ``order``; open it with ``open()``.

    Signals:
        paid(Order): the order is paid (its enrollments exist on the platform).
    """

    paid = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        order: Order,
        *,
        sandbox: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkoutDialog")
        self.setWindowTitle(self.tr("订单支付"))
        self.setModal(True)
        self.setMinimumWidth(680)
        self._tasks = tasks
        self._api = api
        self.order = order
        self.sandbox = sandbox
        self.payment: Payment | None = None
        self.paid_order: Order | None = None
        self._generation = 0  # bumps on cancel/close: late answers of old payments are dropped
        self._polling = False
        self._payment_keys = ActionKeys()
        self._card_keys = ActionKeys()
        self.creating_payment = False  # 生成付款二维码 is on its way
        self.activating = False  # 激活学习卡 is on its way
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_INTERVAL_MS)

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_summary())
        self.methods_box = self._build_methods()
        layout.addWidget(self.methods_box)
        self.pages = QStackedWidget(self)
        self.qr_page = self._build_qr_page()
        self.card_page = self._build_card_page()
        self.pages.addWidget(self.qr_page)
        self.pages.addWidget(self.card_page)
        layout.addWidget(self.pages, 1)
        self.message = ErrorLabel(self)
        layout.addWidget(self.message)
        self.success_label = QLabel(self)
        self.success_label.setObjectName("paymentSuccess")
        self.success_label.setWordWrap(True)
        self.success_label.hide()
        layout.addWidget(self.success_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText(self.tr("关闭"))
        self.close_button.setAutoDefault(False)
        layout.addWidget(self.buttons)
        self._connect_signals()
        self._show_method()

    # -- building -------------------------------------------------------------------

    def _build_summary(self) -> QWidget:
        order = self.order
        box = QWidget(self)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("订单编号："), box), 0, 0)
        self.number_label = QLabel(order.number, box)
        self.number_label.setObjectName("orderNumber")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.number_label, 0, 1)
        grid.addWidget(QLabel(self.tr("下单时间："), box), 0, 2)
        grid.addWidget(QLabel(format_time(order.created_at), box), 0, 3)
        grid.addWidget(QLabel(self.tr("订单金额："), box), 1, 0)
        self.amount_label = QLabel(format_fen(order.amount_fen), box)
        self.amount_label.setObjectName("orderAmount")
        grid.addWidget(self.amount_label, 1, 1)
        grid.addWidget(QLabel(self.tr("培训机构："), box), 1, 2)
        grid.addWidget(QLabel(order.institution_name, box), 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.items_table = QTableWidget(len(order.items), 5, box)
        self.items_table.setObjectName("orderItems")
        self.items_table.setHorizontalHeaderLabels(
            [
                self.tr("商品信息"),
                self.tr("学分"),
                self.tr("单价"),
                self.tr("数量"),
                self.tr("合计"),
            ]
        )
        for row, item in enumerate(order.items):
            cells = (
                item.title,
                format_credits(item.credits_tenths),
                format_fen(item.unit_price_fen),
                str(item.quantity),
                format_fen(item.total_fen),
            )
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.items_table.setItem(row, column, cell)
        self.items_table.verticalHeader().hide()
        self.items_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.items_table.setAccessibleName(self.tr("订单商品"))
        self.items_table.setTabKeyNavigation(False)  # Tab leaves the table, arrows read it
        header = self.items_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(72)
        rows_height = sum(self.items_table.rowHeight(r) for r in range(len(order.items)))
        self.items_table.setFixedHeight(header.sizeHint().height() + rows_height + 4)

        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.items_table)
        return box

    def _build_methods(self) -> QWidget:
        box = QWidget(self)
        self.wechat_button = QRadioButton(self.tr("微信支付"), box)
        self.alipay_button = QRadioButton(self.tr("支付宝"), box)
        self.card_button = QRadioButton(self.tr("学习卡"), box)
        self.wechat_button.setChecked(True)
        self.method_group = QButtonGroup(self)
        for index, button in enumerate((self.wechat_button, self.alipay_button, self.card_button)):
            self.method_group.addButton(button, index)
        title = QLabel(self.tr("付款方式："), box)
        title.setProperty("strong", "true")
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.wechat_button)
        layout.addWidget(self.alipay_button)
        layout.addWidget(self.card_button)
        layout.addStretch(1)
        return box

    def _build_qr_page(self) -> QWidget:
        page = QWidget(self)
        self.qr_label = QLabel(page)
        self.qr_label.setObjectName("paymentQr")
        self.qr_label.setAccessibleName(self.tr("付款二维码"))
        self.qr_label.setFixedSize(232, 232)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_hint = QLabel(page)
        self.qr_hint.setObjectName("qrHint")
        self.qr_hint.setWordWrap(True)
        self.wait_bar = QProgressBar(page)
        self.wait_bar.setRange(0, 0)
        self.wait_bar.setTextVisible(False)
        self.wait_bar.setMaximumHeight(12)
        self.wait_label = QLabel(page)
        self.wait_label.setObjectName("hint")
        self.wait_label.setWordWrap(True)
        self.pay_button = QPushButton(self.tr("生成付款二维码"), page)
        self.pay_button.setObjectName("createPaymentButton")
        self.cancel_payment_button = QPushButton(self.tr("取消支付"), page)
        self.cancel_payment_button.setObjectName("cancelPaymentButton")
        self.sandbox_button = QPushButton(self.tr("模拟扫码支付（演示平台）"), page)
        self.sandbox_button.setObjectName("sandboxConfirmButton")
        self.sandbox_button.setToolTip(
            self.tr("演示平台没有接入真实的微信/支付宝：点击此按钮代替手机扫码完成支付。")
        )
        self.sandbox_button.setProperty("role", "notice")
        side = QVBoxLayout()
        side.addWidget(self.qr_hint)
        side.addWidget(self.wait_bar)
        side.addWidget(self.wait_label)
        side.addStretch(1)
        side.addWidget(self.pay_button)
        side.addWidget(self.sandbox_button)
        side.addWidget(self.cancel_payment_button)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.qr_label)
        layout.addLayout(side, 1)
        return page

    def _build_card_page(self) -> QWidget:
        page = QWidget(self)
        self.card_number_edit = QLineEdit(page)
        self.card_number_edit.setObjectName("cardNumber")
        self.card_number_edit.setPlaceholderText(self.tr("学习卡卡号"))
        self.card_password_edit = QLineEdit(page)
        self.card_password_edit.setObjectName("cardPassword")
        self.card_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.card_password_edit.setPlaceholderText(self.tr("学习卡密码"))
        self.card_number_row = FieldRow(self.card_number_edit)
        self.card_password_row = FieldRow(self.card_password_edit)
        form = QFormLayout()
        add_row(form, self.tr("卡号"), self.card_number_row)
        add_row(form, self.tr("密码"), self.card_password_row)
        self.activate_button = QPushButton(self.tr("激活学习卡"), page)
        self.activate_button.setObjectName("activateCardButton")
        steps = QLabel(self.tr("激活学习卡 → 选择课程 → 开始学习"), page)
        steps.setObjectName("hint")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(steps)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.activate_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _connect_signals(self) -> None:
        self.method_group.idToggled.connect(self._on_method_toggled)
        self.pay_button.clicked.connect(self.start_qr_payment)
        self.cancel_payment_button.clicked.connect(self.cancel_payment)
        self.sandbox_button.clicked.connect(self.confirm_in_sandbox)
        self.activate_button.clicked.connect(self.activate_card)
        self._poll_timer.timeout.connect(self._poll)
        self.buttons.rejected.connect(self.reject)

    # -- method ---------------------------------------------------------------------

    def method(self) -> str:
        return ("wechat", "alipay", "study_card")[max(self.method_group.checkedId(), 0)]

    def _on_method_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._on_method_changed()

    def _on_method_changed(self) -> None:
        if self.payment is not None:
            self._stop_payment()
        self.message.clear_message()
        self._show_method()

    def _show_method(self) -> None:
        """The page of the chosen method, in its idle state, with its default button."""
        card = self.method() == "study_card"
        self.pages.setCurrentWidget(self.card_page if card else self.qr_page)
        waiting = self.payment is not None
        self.qr_label.setVisible(True)
        if not waiting:
            self.qr_label.clear()
            self.qr_label.setText(self.tr("尚未生成二维码"))
            self.qr_hint.setText(
                self.tr("点击“生成付款二维码”，然后使用{app}扫码支付 {amount}。").format(
                    app=self._app_name(), amount=format_fen(self.order.amount_fen)
                )
            )
        self.wait_bar.setVisible(waiting)
        self.wait_label.setVisible(waiting)
        self.pay_button.setVisible(not waiting)
        self.pay_button.setEnabled(not self.creating_payment)
        self.cancel_payment_button.setVisible(waiting)
        self.sandbox_button.setVisible(waiting and self.sandbox)
        default = self.activate_button if card else self.pay_button
        for button in (self.pay_button, self.activate_button):
            button.setDefault(button is default and not waiting)

    def _app_name(self) -> str:
        return self.tr("支付宝") if self.method() == "alipay" else self.tr("微信")

    # -- QR payment -----------------------------------------------------------------

    def start_qr_payment(self) -> None:
        method = self.method()
        if method not in QR_METHODS or self.creating_payment or self.payment is not None:
            return
        api, order_id = self._api, self.order.id
        key = self._payment_keys.key_for(order_id, method)
        self.message.clear_message()
        self.creating_payment = True
        self.pay_button.setEnabled(False)
        self.methods_box.setEnabled(False)  # the QR code drawn is the method's asked for
        generation = self._generation
        self._tasks.op(
            run=lambda: api.create_payment(order_id, method, idempotency_key=key),
            success=lambda payment: self._on_payment_created(generation, payment),
            failure=lambda exc: self._on_payment_failed(generation, exc),
            parent=self,
        ).with_progress(self.tr("正在生成付款二维码…")).start()

    def _payment_answered(self, failure: BaseException | None = None) -> None:
        self.creating_payment = False
        self._payment_keys.settle(failure)
        self.methods_box.setEnabled(True)
        self.pay_button.setEnabled(True)

    def _on_payment_created(self, generation: int, payment: Payment) -> None:
        self._payment_answered()
        if generation != self._generation or payment.method != self.method():
            return
        self.payment = payment
        side = self.qr_label.width() - 2  # inside the label's border
        self.qr_label.setPixmap(QPixmap.fromImage(qr_image_fitting(payment.qr_payload, side)))
        self.qr_hint.setText(
            self.tr("请使用{app}扫一扫左侧二维码，支付 {amount}。").format(
                app=self._app_name(), amount=format_fen(payment.amount_fen)
            )
        )
        self.wait_label.setText(self._waiting_text())
        self._show_method()
        self._poll_timer.start()

    def _waiting_text(self) -> str:
        return self.tr("正在等待支付结果…（每 {seconds} 秒查询一次）").format(
            seconds=f"{POLL_INTERVAL_MS / 1000:g}"
        )

    def _on_payment_failed(self, generation: int, exc: BaseException) -> None:
        self._payment_answered(exc)
        if generation != self._generation:
            return
        self._present(exc, {})

    def _poll(self) -> None:
        payment = self.payment
        if payment is None or self._polling:
            return
        self._polling = True
        api, order_id, generation = self._api, self.order.id, self._generation
        self._tasks.op(
            run=lambda: poll_payment(api, payment.id, order_id),
            success=lambda found: self._on_polled(generation, *found),
            failure=lambda exc: self._on_poll_failed(generation, exc),
            parent=self,
        ).start()

    def _on_polled(self, generation: int, payment: Payment, order: Order | None) -> None:
        self._polling = False
        if generation != self._generation:
            return
        self.payment = payment
        if payment.status == "paid":
            self._on_paid(order or replace(self.order, status="paid", method=payment.method))
        elif payment.status == "cancelled":
            self._stop_payment()
            self._show_method()
            self.message.show_message(
                self.tr("该笔支付已取消（订单已被新的订单取代），请关闭后重新下单。")
            )
        elif payment.status == "refund_due":
            self._stop_payment()
            self._show_method()
            self.pages.setEnabled(False)  # the order can no longer be paid
            self.methods_box.setEnabled(False)
            self.message.show_message(
                self.tr("已过截止日期，该订单不能再支付：已收到的 {amount} 将原路退回。").format(
                    amount=format_fen(payment.amount_fen)
                )
            )
        else:
            self.wait_label.setText(self._waiting_text())

    def _on_poll_failed(self, generation: int, exc: BaseException) -> None:
        self._polling = False
        if generation != self._generation:
            return
        if is_unreachable(exc):
            self.wait_label.setText(self.tr("网络中断，正在重试查询支付结果…"))
            return
        self._stop_payment()
        self._show_method()
        self._present(exc, {})

    def confirm_in_sandbox(self) -> None:
        """模拟扫码支付: the sandbox's confirm stands for the payer's phone; the poll sees it."""
        payment = self.payment
        if payment is None or not self.sandbox:
            return
        api = self._api
        self.sandbox_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.sandbox_confirm(payment.id),
            success=lambda _p: self._on_sandbox_confirmed(),
            failure=self._on_sandbox_failed,
            parent=self,
        ).with_progress(self.tr("正在模拟扫码支付…")).start()

    def _on_sandbox_confirmed(self) -> None:
        self.sandbox_button.setEnabled(True)
        self._poll()

    def _on_sandbox_failed(self, exc: BaseException) -> None:
        self.sandbox_button.setEnabled(True)
        self._present(exc, {})

    def cancel_payment(self) -> None:
        """取消支付: stop waiting; the order stays pending."""
        self._stop_payment()
        self._show_method()
        self.message.show_message(
            self.tr("已取消支付。订单仍为待支付，可稍后在“我的订单”中继续支付。")
        )

    def _stop_payment(self) -> None:
        self._poll_timer.stop()
        self._generation += 1
        self._polling = False
        self.payment = None

    # -- study card -----------------------------------------------------------------

    def activate_card(self) -> None:
        if self.activating:
            return
        number = self.card_number_edit.text().strip()
        password = self.card_password_edit.text()
        fields = self._card_fields()
        for label in (*fields.values(), self.message):
            label.clear_message()
        if not number:
            fields["card_number"].show_message(self.tr("请输入学习卡卡号"))
            self.card_number_edit.setFocus()
            return
        if not password:
            fields["password"].show_message(self.tr("请输入学习卡密码"))
            self.card_password_edit.setFocus()
            return
        api, order_id = self._api, self.order.id
        key = self._card_keys.key_for(order_id, number, password)
        self.activating = True
        self.activate_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.activate_card(number, password, order_id, idempotency_key=key),
            success=self._on_card_activated,
            failure=self._on_card_failed,
            parent=self,
        ).with_progress(self.tr("正在激活学习卡…")).start()

    def _card_fields(self) -> dict[str, ErrorLabel]:
        return {"card_number": self.card_number_row.error, "password": self.card_password_row.error}

    def _on_card_activated(self, found: tuple[Order, list[Enrollment]]) -> None:
        order, _enrollments = found
        self.activating = False
        self._card_keys.settle()
        self.activate_button.setEnabled(True)
        self._on_paid(order)

    def _on_card_failed(self, exc: BaseException) -> None:
        self.activating = False
        self._card_keys.settle(exc)
        self.activate_button.setEnabled(True)
        self._present(exc, self._card_fields())
        if self.card_password_row.error.text():
            self.card_password_edit.selectAll()
            self.card_password_edit.setFocus()
        elif self.card_number_row.error.text():
            self.card_number_edit.setFocus()

    # -- outcome --------------------------------------------------------------------

    def _present(self, exc: BaseException, fields: dict[str, ErrorLabel]) -> None:
        present_failure(
            exc,
            fields,
            self.message.show_message,
            offline=self.tr("需要联网才能支付，请连接网络后重试。"),
        )

    def _on_paid(self, order: Order) -> None:
        self._stop_payment()
        self.paid_order = order
        self.message.clear_message()
        self.pages.hide()  # nothing is left to choose or wait for
        self.methods_box.hide()
        self.setMinimumHeight(0)
        self.resize(self.width(), self.sizeHint().height())
        self.success_label.setText(
            self.tr("支付成功！订单 {number} 已支付 {amount}，现在可以去选课学习了。").format(
                number=order.number, amount=format_fen(order.amount_fen)
            )
        )
        self.success_label.show()
        self.close_button.setText(self.tr("完成"))
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.paid.emit(order)
        QTimer.singleShot(CLOSE_AFTER_PAID_MS, self, self._close_after_paid)

    def _close_after_paid(self) -> None:
        if self.isVisible():
            self.accept()

    def done(self, result: int) -> None:
        """Closing stops polling; a payment not yet made leaves the order pending."""
        self._stop_payment()
        super().done(result)
