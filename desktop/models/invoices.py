"""Invoices (发票) of 我的订单: the records, the request form, and whether one may be asked.

The platform decides (``POST /orders/{id}/invoice``) and says why not beforehand
(``Order.invoice_problem``); the client checks the same rules (``rules.invoice``) early,
so the learner reads the reason, and the window that closes while the page is open,
before filling anything.  Messages of ``rules.invoice`` are source strings for
``tr_rule``; the platform's are Chinese already (``tr_rule`` leaves them as they are).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rules import invoice as invoice_rules
from rules.years import CHINA_TZ

if TYPE_CHECKING:
    from desktop.models.api_types import Order

#: ``Order`` → the 发票状态 it shows.
NOT_REQUESTED = "not_requested"  # 未申请
REQUESTED = "requested"  # 已申请
ISSUED = "issued"  # 已开具
UNAVAILABLE = "unavailable"  # 不可申请


@dataclass(frozen=True)
class Invoice:
    """An order's invoice as ``GET /orders/{id}/invoice`` describes it."""

    id: str
    order_id: str
    order_number: str
    title_type: str
    """``personal`` | ``company``."""
    title: str
    tax_number: str
    email: str
    amount_fen: int
    status: str
    """``requested`` | ``issued``."""
    requested_at: str
    issued_at: str | None
    number: str | None
    pdf_available: bool

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Invoice:
        return cls(
            id=str(data["id"]),
            order_id=str(data.get("order_id", "")),
            order_number=str(data.get("order_number", "")),
            title_type=data.get("title_type", "personal"),
            title=data.get("title", ""),
            tax_number=data.get("tax_number") or "",
            email=data.get("email", ""),
            amount_fen=int(data.get("amount_fen", 0)),
            status=data.get("status", "requested"),
            requested_at=data.get("requested_at", ""),
            issued_at=data.get("issued_at"),
            number=data.get("number"),
            pdf_available=bool(data.get("pdf_available", False)),
        )


@dataclass(frozen=True)
class InvoiceRequest:
    """What 申请发票 sends: the title type, title, tax number (company only) and e-mail."""

    title_type: str
    title: str
    tax_number: str
    email: str

    def to_json(self) -> dict[str, str]:
        return {
            "title_type": self.title_type,
            "title": self.title.strip(),
            "tax_number": (
                invoice_rules.normalize_tax_number(self.tax_number)
                if self.title_type == "company"
                else ""
            ),
            "email": self.email.strip(),
        }

    def problems(self) -> dict[str, str]:
        """Field (``title``, ``tax_number``, ``email``) → a ``rules.invoice`` message (the
        source, to translate, then ``rules.invoice.filled``)."""
        tax_number = self.tax_number if self.title_type == "company" else ""
        found = {
            "title": invoice_rules.title_problem(self.title),
            "tax_number": invoice_rules.tax_number_problem(self.title_type, tax_number),
            "email": invoice_rules.email_problem(self.email),
        }
        return {name: message for name, message in found.items() if message}


def _parse(iso: str | None) -> dt.datetime | None:
    if not iso:
        return None
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def invoice_deadline(order: Order) -> dt.datetime | None:
    """Until when an invoice may be asked for: the platform's, else from the payment."""
    deadline = _parse(order.invoice_deadline)
    if deadline is not None:
        return deadline
    paid_at = _parse(order.paid_at)
    return None if paid_at is None else invoice_rules.invoice_deadline(paid_at)


def invoice_problem(order: Order, now: dt.datetime) -> str | None:
    """Why *order* cannot have an invoice requested now (None: it can, or it has one).

    The platform's reason first; then the rule at *now* (the platform's clock), since the
    month may have run out since the orders were read.
    """
    if order.invoice is not None:
        return None
    if order.invoice_problem:
        return order.invoice_problem
    paid_at = _parse(order.paid_at)
    problem = invoice_rules.invoice_problem(
        status=order.status,
        method=order.method,
        amount_fen=order.amount_fen,
        paid_at=paid_at,
        now=now,
    )
    return problem


def invoice_problem_text(
    order: Order, now: dt.datetime, translate: Callable[[str], str]
) -> str | None:
    """``invoice_problem`` translated (*translate* is ``tr_rule``), ``{deadline}`` filled."""
    problem = invoice_problem(order, now)
    if problem is None:
        return None
    if problem != invoice_rules.WINDOW_CLOSED:
        return invoice_rules.filled(translate(problem))
    deadline = invoice_deadline(order)
    shown = deadline.astimezone(CHINA_TZ).strftime("%Y-%m-%d") if deadline else ""
    return invoice_rules.filled(translate(problem), deadline=shown)


def invoice_state(order: Order, now: dt.datetime) -> str:
    """The 发票状态 of *order*: not requested, requested, issued or unavailable."""
    if order.invoice is not None:
        return ISSUED if order.invoice.status == "issued" else REQUESTED
    return UNAVAILABLE if invoice_problem(order, now) else NOT_REQUESTED
