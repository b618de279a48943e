"""网上报名: the year's packages of one institution, and 确认购买 (SPEC §1.4, guide 二、1).

The requirement notice (numbers from ``rules.years``), the packages with credits, price,
closing date and state — 已购买, 已截止 or 可购买 with a checkbox — and 确认购买, which
creates the order on the platform and opens the checkout.  An order of ¥0 is paid at once.
A purchase needs the platform: offline it is refused, never queued.

确认购买 is one action however often it is clicked: the button stays disabled while the
order is on its way, and its ``Idempotency-Key`` is kept until the platform answers, so
clicking again after a lost answer gets the first order back (issue 15).

Its operations live in ``desktop/models/enroll.py`` (the packages, what the ticked ones
add up to), its table in ``desktop/models/package_table.py``; what a package offers is
``purchase.package_state``.  This module builds the widgets and starts the ops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.action_keys import ActionKeys
from desktop.models.api_types import Institution, Order, Package
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.changes import ChangeBus, Changes
from desktop.models.enroll import load_packages, selection
from desktop.models.errors import ApiError, log_failure
from desktop.models.package_table import PackageTableModel
from desktop.models.purchase import Services, order_titles
from desktop.models.purchase_cache import get_packages, refresh_orders
from desktop.views.appearance import theme_colour
from desktop.views.checkout import CheckoutDialog
from desktop.views.widgets import ErrorLabel, present_failure, record_table
from rules.money import format_fen
from rules.years import credit_requirement

if TYPE_CHECKING:
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner


class EnrollView(QWidget):
    """The 网上报名 page of one institution and year.

    Signals:
        purchased(Order): an order of this page was paid (¥0 at once, or through checkout).
        back_requested(): 返回学习资源 was clicked.
        study_requested(): 去选课 (shown once something was bought) was clicked.
    """

    purchased = Signal(object)
    back_requested = Signal()
    study_requested = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrollView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self.institution: Institution | None = None
        self.year = 0
        self._stale = False
        self._account_id = ""
        self.checkout_dialog: CheckoutDialog | None = None
        self._order_keys = ActionKeys()
        self.ordering = False  # an order is on its way to the platform

        self.back_button = QPushButton(self.tr("‹ 返回学习资源"), self)
        self.back_button.setObjectName("backToInstitutions")
        self.back_button.setFlat(True)
        self.title = QLabel(self.tr("网上报名"), self)
        self.title.setObjectName("pageTitle")
        self.notice = QLabel(self)
        self.notice.setObjectName("helpPanel")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)

        self.model = PackageTableModel(self, colour=theme_colour)
        self.table = record_table(
            self,
            self.model,
            name="packageTable",
            accessible_name=self.tr("学习类型"),
            stretch_column=PackageTableModel.TITLE,
            row_height=40,
        )
        self.table.horizontalHeader().setMinimumSectionSize(64)

        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionSummary")
        self.selection_label.setWordWrap(True)
        self.buy_button = QPushButton(self.tr("确认购买"), self)
        self.buy_button.setObjectName("buyButton")
        self.buy_button.setProperty("role", "primary")
        self.message = ErrorLabel(self)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("purchaseInfo")
        self.info_label.setWordWrap(True)
        self.info_label.setProperty("tone", "success")
        self.info_label.hide()
        self.study_button = QPushButton(self.tr("去选课"), self)
        self.study_button.setObjectName("goStudyButton")
        self.study_button.setToolTip(self.tr("到“我的学习”为已购买的课程包选课"))
        self.study_button.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        bottom = QHBoxLayout()
        bottom.addWidget(self.selection_label, 1)
        bottom.addWidget(self.buy_button)
        hint = QLabel(
            self.tr("用空格键勾选要购买的学习类型，按回车键或点击“确认购买”提交订单。"), self
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(bottom)
        layout.addWidget(self.message)
        done = QHBoxLayout()
        done.addWidget(self.info_label, 1)
        done.addWidget(self.study_button)
        layout.addLayout(done)
        layout.addWidget(hint)
        self.setTabOrder(self.back_button, self.table)
        self.setTabOrder(self.table, self.buy_button)
        self.setTabOrder(self.buy_button, self.study_button)
        self._load: CacheFirstLoad[list[Package]] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载学习类型…"),
            show=self._on_cached,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的内容；购买需要联网。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
        )
        self._connect_signals()
        self._update_selection()

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.buy_button.clicked.connect(self.buy)
        self.study_button.clicked.connect(self.study_requested)
        self.model.ticked_changed.connect(self._update_selection)
        self._bus.changed.connect(self._on_changed)

    # -- showing an institution -----------------------------------------------------

    def show_institution(self, institution: Institution, year: int) -> None:
        """Open 网上报名 of *institution* for *year* (the cache's packages first)."""
        if self.institution is None or (self.institution.id, self.year) != (institution.id, year):
            self.model.ticked.clear()
        self.institution, self.year = institution, year
        me = self._session.me
        self._account_id = me.id if me is not None else ""
        self.title.setText(self.tr("网上报名 · {name}").format(name=institution.name))
        self.notice.setText(self._notice_text(year))
        self.message.clear_message()
        self.info_label.hide()
        self.study_button.hide()
        self.reload()

    def _notice_text(self, year: int) -> str:
        need = credit_requirement(year)
        return self.tr(
            "<b>温馨提示：</b><br>"
            "1、会计人员每年度应完成不少于{total}学分的继续教育学习：公需科目不少于{public}学分，"
            "专业科目不少于{professional}学分。{year}年度学分确认截止至"
            "{deadline_year}年{month}月{day}日，过期不办理补学补登。<br>"
            "2、若无其他特殊情况，需完成公需课和专业课的学习。如果您之前已经购买了其中一种"
            "学习类型，请勾选另外一种，点击“确认购买”购买并参加学习。"
        ).format(
            total=need.total_credits,
            public=need.public_credits,
            professional=need.professional_credits,
            year=year,
            deadline_year=need.deadline.year,
            month=need.deadline.month,
            day=need.deadline.day,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        if me is not None and me.id != self._account_id:
            # Another learner logged in: what was bought is theirs to see, not the last one's.
            self.model.ticked.clear()
            self.model.set_rows([])
            self._stale = True
        if self._stale:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if (changes.orders or changes.catalog) and self.institution is not None:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def reload(self) -> None:
        institution, api, cache = self.institution, self._session.api, self._session.cache
        if institution is None:
            return
        self._stale = False
        year, institution_id = self.year, institution.id
        self.status_label.setText(self.tr("正在加载…"))
        self._load.start(
            lambda stored: get_packages(stored, institution_id, year),
            None if api is None else lambda: load_packages(api, cache, institution_id, year),
        )

    def _on_cached(self, rows: list[Package]) -> None:
        self.model.set_rows(rows)
        self.status_label.clear()

    def _on_fetched(self, rows: list[Package]) -> None:
        self.model.set_rows(rows)
        self.status_label.setText("" if rows else self.tr("该机构本年度暂无可购买的学习类型。"))
        if rows and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, PackageTableModel.CHOOSE))

    # -- buying ---------------------------------------------------------------------

    def _update_selection(self) -> None:
        chosen = selection(self.model.ticked_packages(), self.model.rows)
        if chosen.packages:
            self.selection_label.setText(
                self.tr("已选择：{titles}，共计 {amount}").format(
                    titles="；".join(chosen.titles), amount=format_fen(chosen.amount_fen)
                )
            )
        elif chosen.nothing_buyable:
            self.selection_label.setText(self.tr("本年度的学习类型已无可购买的项目。"))
        else:
            self.selection_label.setText(self.tr("尚未选择学习类型。"))
        self.buy_button.setEnabled(bool(chosen.packages) and not self.ordering)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter anywhere on the page (not taken by a control) means 确认购买."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.buy_button.isEnabled():
            self.buy()
            return
        super().keyPressEvent(event)

    def buy(self) -> None:
        """确认购买: the platform creates the order; a purchase is never queued offline."""
        if self.ordering:
            return  # the click of a double click: the order is on its way
        chosen = self.model.ticked_packages()
        self.message.clear_message()
        self.info_label.hide()
        if not chosen:
            self.message.show_message(self.tr("请先勾选要购买的学习类型。"))
            return
        api = self._session.api
        if api is None:
            self.message.show_message(self.tr("需要联网才能购买，请连接网络后重试。"))
            return
        package_ids = [p.id for p in chosen]
        key = self._order_keys.key_for(self._account_id, tuple(package_ids))
        self.ordering = True
        self.buy_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.create_order(package_ids, idempotency_key=key),
            success=self._on_order_created,
            failure=self._on_order_failed,
            parent=self,
        ).with_progress(self.tr("正在提交订单…")).start()

    def _on_order_failed(self, exc: BaseException) -> None:
        self.ordering = False
        self._order_keys.settle(exc)
        self._update_selection()
        present_failure(
            exc,
            {},
            self.message.show_message,
            offline=self.tr("需要联网才能购买，请连接网络后重试。"),
        )
        if isinstance(exc, ApiError) and exc.code in ("package_owned", "package_closed"):
            self.reload()  # the states shown were out of date

    def _on_order_created(self, order: Order) -> None:
        self.ordering = False
        self._order_keys.settle()
        self._update_selection()
        if order.status == "paid":
            self._on_paid(
                order,
                self.tr("订单金额为 {amount}，无需支付，已直接开通：{titles}。").format(
                    amount=format_fen(order.amount_fen), titles=order_titles(order)
                ),
            )
            return
        self.open_checkout(order)

    def open_checkout(self, order: Order) -> None:
        api, health = self._session.api, self._session.health
        if api is None:
            return
        dialog = CheckoutDialog(
            self._tasks,
            api,
            order,
            sandbox=bool(health and health.payments_sandbox),
            parent=self,
        )
        dialog.paid.connect(
            lambda paid: self._on_paid(
                paid,
                self.tr("支付成功：{titles} 已开通。").format(titles=order_titles(paid)),
            )
        )
        dialog.finished.connect(lambda _result: self._on_checkout_closed(dialog))
        self.checkout_dialog = dialog
        dialog.open()

    def _on_checkout_closed(self, dialog: CheckoutDialog) -> None:
        if self.checkout_dialog is dialog:
            self.checkout_dialog = None
            if dialog.paid_order is None:
                self.info_label.setText(self.tr("订单尚未支付，可在“我的订单”中继续支付。"))
                self.info_label.show()
                self.reload()
        dialog.deleteLater()

    def _on_paid(self, order: Order, text: str) -> None:
        self.model.ticked.clear()
        self.info_label.setText(text + self.tr("订单可在“我的订单”中查看。"))
        self.info_label.show()
        self.study_button.show()
        self.reload()
        after_purchase(self._tasks, self._bus, self._session, self)
        self.purchased.emit(order)


def after_purchase(tasks: TaskRunner, bus: ChangeBus, services: Services, parent: QWidget) -> None:
    """An order was paid: bring 我的订单's cache up to date and tell every view.

    The enrollments it created reach the learning side through the sync's change feed,
    pulled now rather than at the next tick.
    """
    api, cache = services.api, services.cache
    if api is not None and cache is not None:

        def not_refreshed(exc: BaseException) -> None:  # the cached orders, told all the same
            log_failure(exc, "orders not refreshed after a payment")
            bus.announce(Changes(orders=True))

        tasks.op(
            run=lambda: refresh_orders(api, cache),
            success=bus.announce,
            failure=not_refreshed,
            parent=parent,
        ).start()
    if services.sync is not None:
        services.sync.sync_now()
