"""The checkout's operations (``desktop/views/checkout.py``): how a QR payment is waited
for.  No widgets; ``poll_payment`` runs on a worker.

A QR payment (微信支付 / 支付宝) is created by the platform and then polled every
``POLL_INTERVAL_MS`` until the payer's phone paid it; the study card pays at once.  Creating
a payment and activating a card are single calls of ``ApiClient`` made with one
``Idempotency-Key`` per action (``desktop/models/action_keys.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Order, Payment

POLL_INTERVAL_MS = 2000
"""How often a QR payment's status is asked for (the wait text says so too)."""
QR_METHODS = ("wechat", "alipay")
"""The methods paid by scanning a QR code (the others: ``study_card``)."""


def poll_payment(api: ApiClient, payment_id: str, order_id: str) -> tuple[Payment, Order | None]:
    """The payment's status, and the order as it stands once paid (network lane)."""
    payment = api.payment(payment_id)
    if payment.status != "paid":
        return payment, None
    return payment, next((o for o in api.orders() if o.id == order_id), None)
