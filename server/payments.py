"""Payment providers: who draws the QR code a learner scans to pay an order.

WeChat Pay and Alipay sit behind one small interface.  This reference platform holds no
merchant credentials, so the real providers answer "not configured"; a platform started
with ``--payments sandbox`` serves both methods by the sandbox provider instead, whose
payments are confirmed by ``POST /sandbox/payments/{id}/confirm`` (the payer's phone).

Every confirmation — the sandbox's, and a real provider's payment notification once one is
configured — goes through ``server.purchase.confirm_payment``: it pays the order once, or
keeps money that came after the package closed as ``refund_due`` instead of enrolling.
"""

from __future__ import annotations

import logging
from typing import Protocol

from server.errors import ApiError
from server.models import Payment
from server.settings import Settings

log = logging.getLogger(__name__)

METHODS = ("wechat", "alipay")
METHOD_NAMES = {"wechat": "微信支付", "alipay": "支付宝"}


class PaymentProvider(Protocol):
    """Creates the QR payload of a payment; the provider later reports it paid."""

    name: str

    def qr_payload(self, payment: Payment, order_number: str) -> str:
        """What the QR code encodes (a provider URL the payer's app opens)."""
        ...


class ProviderNotConfigured(Exception):
    """The method has no merchant account on this platform."""


class SandboxProvider:
    """Stands for both WeChat Pay and Alipay in tests and the demo; pays nothing real."""

    name = "sandbox"

    def qr_payload(self, payment: Payment, order_number: str) -> str:
        return (
            f"kjce-sandbox://pay/{payment.id}?method={payment.method}"
            f"&order={order_number}&amount_fen={payment.amount_fen}"
        )


class WeChatPayProvider:
    """WeChat Pay Native (扫码支付); needs a merchant id, API key and certificate."""

    name = "wechat"

    def qr_payload(self, payment: Payment, order_number: str) -> str:
        raise ProviderNotConfigured("wechat")


class AlipayProvider:
    """Alipay precreate (当面付); needs an app id and key pair."""

    name = "alipay"

    def qr_payload(self, payment: Payment, order_number: str) -> str:
        raise ProviderNotConfigured("alipay")


_REAL_PROVIDERS: dict[str, PaymentProvider] = {
    "wechat": WeChatPayProvider(),
    "alipay": AlipayProvider(),
}


def provider_for(method: str, settings: Settings) -> PaymentProvider:
    """The provider serving *method* on this platform."""
    if settings.payments == "sandbox":
        return SandboxProvider()
    return _REAL_PROVIDERS[method]


def qr_payload(provider: PaymentProvider, payment: Payment, order_number: str) -> str:
    """The provider's payload, or ``payment_unavailable`` when it is not configured."""
    try:
        return provider.qr_payload(payment, order_number)
    except ProviderNotConfigured:
        log.warning("payment method %s requested but not configured", payment.method)
        raise ApiError(
            422,
            "payment_unavailable",
            f"本平台暂未开通{METHOD_NAMES[payment.method]}，请选择其他支付方式或使用学习卡",
            "method",
        ) from None
