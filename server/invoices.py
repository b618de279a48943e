"""Invoices (发票, SPEC §1.7): asking for one, issuing it, and how an order shows it.

The window and the field checks are ``rules.invoice``'s; here they become refusals, and
issuing (requested → issued) makes the PDF and sends the notice.  Issuing is claimed by a
guarded UPDATE, so the back office and an administrator's command never issue twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules import invoice as rule
from rules.years import CHINA_TZ
from server.api.schemas import iso
from server.changes import record_change
from server.clock import Clock
from server.db import rows_updated
from server.errors import ApiError
from server.invoice_pdf import InvoiceDocument, render_invoice_pdf
from server.models import Institution, Invoice, Order
from server.notifier import Notifier

log = logging.getLogger(__name__)

REQUESTED = "requested"
ISSUED = "issued"
ITEM = "继续教育培训费"
NUMBER_PREFIX = "440121"
ISSUE_ATTEMPTS = 3

SessionFactory = Callable[[], Session]


def _day(value: dt.datetime) -> str:
    return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d")


def problem_of(order: Order, now: dt.datetime) -> str | None:
    """Why *order* cannot have an invoice now (Chinese, deadline filled in), or None."""
    problem = rule.invoice_problem(
        status=order.status,
        method=order.method,
        amount_fen=order.amount_fen,
        paid_at=order.paid_at,
        now=now,
    )
    if problem == rule.WINDOW_CLOSED and order.paid_at is not None:
        return rule.filled(problem, deadline=_day(rule.invoice_deadline(order.paid_at)))
    return problem


def deadline_of(order: Order) -> dt.datetime | None:
    """The last moment to ask, or None when the order can never have an invoice."""
    if order.paid_at is None or order.method == "study_card" or order.amount_fen <= 0:
        return None
    return rule.invoice_deadline(order.paid_at)


def invoice_out(invoice: Invoice, order_number: str) -> dict[str, Any]:
    return {
        "id": invoice.id,
        "order_id": invoice.order_id,
        "order_number": order_number,
        "title_type": invoice.title_type,
        "title": invoice.title,
        "tax_number": invoice.tax_number,
        "email": invoice.email,
        "amount_fen": invoice.amount_fen,
        "status": invoice.status,
        "requested_at": iso(invoice.requested_at),
        "issued_at": iso(invoice.issued_at) if invoice.issued_at else None,
        "number": invoice.number,
        "pdf_available": invoice.status == ISSUED and invoice.pdf is not None,
    }


def with_invoices(
    db: Session, orders: Sequence[Order], views: list[dict[str, Any]], now: dt.datetime
) -> list[dict[str, Any]]:
    """``<Order>`` views gain ``invoice``, ``invoice_deadline`` and ``invoice_problem``."""
    by_order = {
        invoice.order_id: invoice
        for invoice in db.scalars(
            select(Invoice).where(Invoice.order_id.in_([order.id for order in orders]))
        )
    }
    for order, view in zip(orders, views, strict=True):
        invoice = by_order.get(order.id)
        deadline = deadline_of(order)
        view["invoice"] = invoice_out(invoice, order.number) if invoice else None
        view["invoice_deadline"] = iso(deadline) if deadline else None
        view["invoice_problem"] = None if invoice else problem_of(order, now)
    return views


_PROBLEM_CODES = {
    rule.NOT_PAID: (409, "invoice_not_paid"),
    rule.STUDY_CARD: (422, "invoice_study_card"),
    rule.FREE: (422, "invoice_free"),
}


def request_invoice(
    db: Session,
    order: Order,
    *,
    title_type: str,
    title: str,
    tax_number: str,
    email: str,
    now: dt.datetime,
) -> Invoice:
    """Check the order and the fields, then add the invoice (committed by the caller)."""
    problem = rule.invoice_problem(
        status=order.status,
        method=order.method,
        amount_fen=order.amount_fen,
        paid_at=order.paid_at,
        now=now,
    )
    if problem in _PROBLEM_CODES:
        status, code = _PROBLEM_CODES[problem]
        raise ApiError(status, code, problem)
    if db.scalar(select(Invoice.id).where(Invoice.order_id == order.id)) is not None:
        raise ApiError(409, "invoice_exists", "该订单已申请发票，请勿重复申请")
    if problem == rule.WINDOW_CLOSED:
        assert order.paid_at is not None
        deadline = rule.invoice_deadline(order.paid_at)
        raise ApiError(
            422,
            "invoice_window_closed",
            rule.filled(problem, deadline=_day(deadline)),
            deadline=iso(deadline),
        )
    for field, message in (
        ("title", rule.title_problem(title)),
        ("tax_number", rule.tax_number_problem(title_type, tax_number)),
        ("email", rule.email_problem(email)),
    ):
        if message is not None:
            raise ApiError(422, f"{field}_invalid", rule.filled(message), field)
    invoice = Invoice(
        order_id=order.id,
        account_id=order.account_id,
        title_type=title_type,
        title=title.strip(),
        tax_number=rule.normalize_tax_number(tax_number),
        email=email.strip(),
        amount_fen=order.amount_fen,
        status=REQUESTED,
        requested_at=now,
    )
    db.add(invoice)
    try:
        db.flush()
    except IntegrityError:
        db.rollback()  # a concurrent request for the same order won
        raise ApiError(409, "invoice_exists", "该订单已申请发票，请勿重复申请") from None
    record_change(db, order.account_id, "order", order.id, now)
    return invoice


def _next_number(db: Session, now: dt.datetime) -> str:
    """440121 + two digits of the year + a six-digit sequence within the year."""
    prefix = f"{NUMBER_PREFIX}{now.astimezone(CHINA_TZ).year % 100:02d}"
    last = db.scalar(select(func.max(Invoice.number)).where(Invoice.number.like(f"{prefix}%")))
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:06d}"


def issue(
    session_factory: SessionFactory, invoice_id: str, clock: Clock, notifier: Notifier
) -> bool:
    """requested → issued with its PDF, then the e-mail notice; False if already issued."""
    for attempt in range(1, ISSUE_ATTEMPTS + 1):
        now = clock.now()
        with session_factory() as db:
            invoice = db.get(Invoice, invoice_id)
            if invoice is None or invoice.status != REQUESTED:
                return False
            order = db.get(Order, invoice.order_id)
            assert order is not None
            seller = db.scalar(
                select(Institution.name).where(Institution.id == order.institution_id)
            )
            number = _next_number(db, now)
            pdf = render_invoice_pdf(
                InvoiceDocument(
                    number=number,
                    issued_at=now,
                    buyer_title=invoice.title,
                    buyer_tax_number=invoice.tax_number,
                    item=ITEM,
                    amount_fen=invoice.amount_fen,
                    seller=seller or "",
                    order_number=order.number,
                )
            )
            try:
                issued = rows_updated(
                    db,
                    update(Invoice)
                    .where(Invoice.id == invoice_id, Invoice.status == REQUESTED)
                    .values(status=ISSUED, number=number, issued_at=now, pdf=pdf),
                )
                if not issued:
                    db.rollback()
                    return False
                record_change(db, order.account_id, "order", order.id, now)
                db.commit()
            except IntegrityError:
                db.rollback()  # another issuer took the number: number it anew
                if attempt == ISSUE_ATTEMPTS:
                    raise
                continue
            email, amount, order_number = invoice.email, invoice.amount_fen, order.number
        notifier.send(
            email,
            f"电子发票已发送至邮箱{email}：订单{order_number}，发票号码{number}，"
            f"金额{amount // 100}.{amount % 100:02d}元（{seller}）",
        )
        log.info("invoice %s issued for order %s", number, order_number)
        return True
    return False


def issue_requested(
    session_factory: SessionFactory,
    clock: Clock,
    notifier: Notifier,
    *,
    requested_before: dt.datetime | None = None,
) -> int:
    """Issue every requested invoice (asked before *requested_before*, if given)."""
    with session_factory() as db:
        query = select(Invoice.id).where(Invoice.status == REQUESTED)
        if requested_before is not None:
            query = query.where(Invoice.requested_at <= requested_before)
        ids = list(db.scalars(query.order_by(Invoice.requested_at)))
    return sum(issue(session_factory, invoice_id, clock, notifier) for invoice_id in ids)
