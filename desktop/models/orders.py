"""我的订单's operations (``desktop/views/orders.py``): the orders, and what a row allows.
No widgets; ``load_orders`` runs on a worker.  The table is ``desktop/models/order_table.py``;
the invoice rules are ``desktop/models/invoices.py``; the cache's orders and the sync's
``order`` refresher are ``desktop/models/purchase_cache.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop.models.api_types import Order
from desktop.models.invoices import NOT_REQUESTED, invoice_state
from desktop.models.purchase_cache import put_orders

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache


def load_orders(api: ApiClient, cache: Cache | None) -> list[Order]:
    """``GET /orders``, stored in the cache when it is open (network lane)."""
    orders = api.orders()
    if cache is not None:
        put_orders(cache, orders)
    return orders


def can_resume_payment(order: Order | None) -> bool:
    """继续支付 is offered for a 待支付 order whose money is not on its way back."""
    return order is not None and order.status == "pending" and not order.refunds


def can_request_invoice(order: Order, now: dt.datetime) -> bool:
    """申请发票 is offered while the order has none and may have one at *now* (the
    platform's time)."""
    return invoice_state(order, now) == NOT_REQUESTED
