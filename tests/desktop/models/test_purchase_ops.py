"""The operations of 网上报名, checkout, 我的订单 and the invoice dialog without a widget
(``desktop/models/enroll.py``, ``checkout.py``, ``orders.py``, ``invoice_dialog.py``):
the real platform over HTTP and a real cache file, one learner buying the seed's year.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.api import ApiClient
from desktop.models.cache import Cache
from desktop.models.checkout import poll_payment
from desktop.models.enroll import load_packages, selection
from desktop.models.invoice_dialog import dialog_state, may_request, save_invoice_pdf
from desktop.models.invoices import ISSUED, NOT_REQUESTED, REQUESTED, InvoiceRequest
from desktop.models.orders import can_request_invoice, can_resume_payment, load_orders
from desktop.models.purchase_cache import get_orders, get_packages
from tests.helpers.learners import collected_learner, fill_learner_info, issue_invoices
from tests.helpers.platform import DEFAULT_NOW, PlatformProcess

PROFESSIONAL = "yhdc-2021-professional"
PUBLIC = "yhdc-2021-public"
NOW = dt.datetime.fromisoformat(DEFAULT_NOW)
"""The platform's pinned time: the invoice window is read against it."""


def test_a_year_bought_by_qr_then_invoiced_through_the_operations(
    platform: PlatformProcess, tmp_path: Path
) -> None:
    learner = collected_learner(platform)
    fill_learner_info(platform, learner["access_token"], "yhdc")
    api = ApiClient(platform.url)
    api.login(learner["id_number"], learner["password"])
    cache = Cache.open(tmp_path / "cache.sqlite3")
    try:
        # 网上报名: the packages, kept for offline; what a tick adds up to.
        packages = load_packages(api, cache, "yhdc", 2021)
        assert {p.id for p in packages} == {PROFESSIONAL, PUBLIC}
        assert get_packages(cache, "yhdc", 2021) == packages
        assert load_packages(api, None, "yhdc", 2021) == packages  # no cache open yet
        professional = next(p for p in packages if p.id == PROFESSIONAL)
        chosen = selection([professional], packages)
        assert (chosen.amount_fen, chosen.titles, chosen.nothing_buyable) == (
            9000,
            (professional.title,),
            False,
        )

        # Checkout: the QR payment is polled until the (sandbox) phone pays it.
        order = api.create_order([PROFESSIONAL])
        assert order.status == "pending" and can_resume_payment(order)
        assert not can_request_invoice(order, NOW)  # not paid yet
        payment = api.create_payment(order.id, "wechat")
        waiting, none = poll_payment(api, payment.id, order.id)
        assert (waiting.status, none) == ("pending", None)
        api.sandbox_confirm(payment.id)
        paid_payment, paid = poll_payment(api, payment.id, order.id)
        assert paid_payment.status == "paid"
        assert paid is not None and (paid.id, paid.status, paid.method) == (
            order.id,
            "paid",
            "wechat",
        )
        api.create_order([PUBLIC])  # ¥0: paid at once
        owned = load_packages(api, cache, "yhdc", 2021)
        assert selection([], owned).nothing_buyable

        # 我的订单: both orders, kept for offline; 申请发票 within the month only.
        orders = load_orders(api, cache)
        assert get_orders(cache) == orders
        bought = next(o for o in orders if o.id == order.id)
        free = next(o for o in orders if o.id != order.id)
        assert not can_resume_payment(bought)
        assert can_request_invoice(bought, NOW)
        assert not can_request_invoice(bought, NOW + dt.timedelta(days=62))
        assert not can_request_invoice(free, NOW)  # a ¥0 order has no invoice

        # The invoice dialog: its state follows the invoice it holds; the PDF is saved.
        assert dialog_state(bought, None, NOW) == NOT_REQUESTED and may_request(bought, None, NOW)
        invoice = api.request_invoice(
            order.id, InvoiceRequest("personal", learner["account"]["name"], "", "a@example.com")
        )
        assert dialog_state(bought, invoice, NOW) == REQUESTED
        assert not may_request(bought, invoice, NOW)
        issue_invoices(platform)
        issued = api.invoice(order.id)
        assert dialog_state(bought, issued, NOW) == ISSUED
        target = tmp_path / "电子发票.pdf"
        assert save_invoice_pdf(api, order.id, str(target)) == str(target)
        assert target.read_bytes().startswith(b"%PDF")
        with pytest.raises(OSError):  # the dialog asks for another place
            save_invoice_pdf(api, order.id, str(tmp_path / "missing" / "电子发票.pdf"))
    finally:
        cache.close()
