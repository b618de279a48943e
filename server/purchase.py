"""Orders and their payment: the one place where money turns into enrollments.

Every transition is guarded in the database (``UPDATE … WHERE status = 'pending'``), not
in a worker's memory, so two confirmations of one payment — from two workers, or a
retried request — pay once: the second finds nothing pending and changes nothing.

A learner holds at most one *live* (pending or paid) order of a package: every purchase
path takes the learner's purchase lock before it reads, and the partial unique index on
live order items refuses whatever slips past it.  Money a provider confirms for an order
that can no longer be paid (its package closed meanwhile) is kept as ``refund_due``: it
was received, it enrolls nothing, and the learner sees that it goes back.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from rules.credits import from_tenths
from rules.years import CHINA_TZ
from server.api.schemas import iso
from server.changes import record_change
from server.db import lock_until_commit, rows_updated
from server.enrollments import enroll, is_closed
from server.errors import ApiError
from server.models import (
    Account,
    Enrollment,
    Institution,
    Order,
    OrderItem,
    Package,
    Payment,
    new_uuid,
)

log = logging.getLogger(__name__)

PENDING = "pending"
PAID = "paid"
CANCELLED = "cancelled"
#: A payment the provider confirmed but the platform refused (``Payment.refund_reason``).
REFUND_DUE = "refund_due"
#: Why a confirmed payment is refused: its order's package closed before the money came.
PACKAGE_CLOSED = "package_closed"


def next_order_number(db: Session, now: dt.datetime) -> str:
    """Time of the order (China time, to the second) and a 4-digit sequence within it.

    Orders of the same second take their numbers one after the other (the lock), so that
    concurrent orders on PostgreSQL do not all pick the same next number.
    """
    prefix = now.astimezone(CHINA_TZ).strftime("%Y%m%d%H%M%S")
    lock_until_commit(db, "order_number", prefix)
    last = db.scalar(
        select(Order.number)
        .where(Order.number.like(f"{prefix}%"))
        .order_by(Order.number.desc())
        .limit(1)
    )
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:04d}"


def new_order(db: Session, account_id: str, packages: Sequence[Package], now: dt.datetime) -> Order:
    """A pending order of *packages* (one institution), priced as they are now.

    The row is written before its number is chosen: on SQLite that write takes the
    database's write lock, so no concurrent order can pick the same number in between
    (elsewhere the unique number refuses the second, and the caller places it again).
    """
    order_id = new_uuid()
    order = Order(
        id=order_id,
        number=order_id.replace("-", ""),  # a placeholder, unique, replaced below
        account_id=account_id,
        institution_id=packages[0].institution_id,
        amount_fen=sum(p.price_fen for p in packages),
        status=PENDING,
        created_at=now,
    )
    db.add(order)
    db.flush()
    order.number = next_order_number(db, now)
    db.flush()
    for position, package in enumerate(packages):
        db.add(
            OrderItem(
                order_id=order.id,
                package_id=package.id,
                position=position,
                title=package.title,
                course_type=package.course_type,
                year=package.year,
                credits_tenths=package.credits_tenths,
                unit_price_fen=package.price_fen,
                quantity=1,
                total_fen=package.price_fen,
                account_id=account_id,
                live=True,
            )
        )
    db.flush()
    record_change(db, account_id, "order", order.id, now)
    return order


def lock_purchases(db: Session, account_id: str) -> None:
    """Take the learner's purchases in turn until commit: ordering, paying, cancelling.

    Each of these reads (owned packages, pending orders) and then writes; two of one
    learner at once would both read the old state — two pending orders of one package,
    two enrollments — or lock an order and its payments in opposite orders and deadlock.
    Every such path takes this lock before its reads, on SQLite as on PostgreSQL.
    """
    lock_until_commit(db, "purchases", account_id)


def pending_orders(db: Session, account_id: str, package_ids: Sequence[str]) -> list[Order]:
    """The account's pending orders holding any of *package_ids* (read under the lock)."""
    return list(
        db.scalars(
            select(Order)
            .join(OrderItem, OrderItem.order_id == Order.id)
            .where(
                Order.account_id == account_id,
                Order.status == PENDING,
                OrderItem.package_id.in_(package_ids),
            )
            .distinct()
            .execution_options(populate_existing=True)
        )
    )


def same_pending_order(db: Session, account_id: str, package_ids: Sequence[str]) -> Order | None:
    """The learner's pending order of exactly *package_ids*, if one exists.

    Ordering the same packages again — a double click, a retry without a key, 购买 pressed
    once more after closing the checkout — means "this order": it is answered instead of
    a new one, so the learner never holds two orders to pay for one purchase.
    """
    wanted = set(package_ids)
    for order in pending_orders(db, account_id, package_ids):
        if {p.id for p in order_packages(db, order.id)} == wanted:
            return order
    return None


def supersede_pending(
    db: Session, account_id: str, package_ids: Sequence[str], now: dt.datetime
) -> list[str]:
    """Cancel the account's pending orders sharing a package with a new purchase.

    A new order of other packages (say both, after a pending order of one) replaces the
    older order: its pending payments are cancelled with it, so no QR code of it can
    still be paid (a real provider's order is closed with them).
    """
    superseded = [order.id for order in pending_orders(db, account_id, package_ids)]
    for order_id in superseded:
        cancel(db, order_id, now)
    return superseded


def cancel(db: Session, order_id: str, now: dt.datetime) -> bool:
    """Cancel a pending order and its pending payments; False if it was no longer pending."""
    account_id = db.scalar(select(Order.account_id).where(Order.id == order_id))
    if account_id is None:
        return False
    lock_purchases(db, account_id)
    changed = rows_updated(
        db,
        update(Order)
        .where(Order.id == order_id, Order.status == PENDING)
        .values(status=CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session="fetch"),
    )
    if not changed:
        return False
    rows_updated(
        db,
        update(Payment)
        .where(Payment.order_id == order_id, Payment.status == PENDING)
        .values(status=CANCELLED)
        .execution_options(synchronize_session="fetch"),
    )
    rows_updated(  # no longer live: its packages may be ordered again
        db,
        update(OrderItem)
        .where(OrderItem.order_id == order_id)
        .values(live=False)
        .execution_options(synchronize_session="fetch"),
    )
    record_change(db, account_id, "order", order_id, now)
    return True


def pay(
    db: Session, order: Order, method: str, now: dt.datetime, *, paid_by: str | None = None
) -> list[Enrollment] | None:
    """Mark *order* paid by *method* and enroll its packages; None if it was not pending.

    *paid_by* is the staff member who took the payment at the counter.  Other pending
    payments of the order are cancelled: it is paid already.
    """
    lock_purchases(db, order.account_id)
    changed = rows_updated(
        db,
        update(Order)
        .where(Order.id == order.id, Order.status == PENDING)
        .values(status=PAID, method=method, paid_at=now, paid_by=paid_by)
        .execution_options(synchronize_session="fetch"),
    )
    if not changed:
        return None
    rows_updated(
        db,
        update(Payment)
        .where(Payment.order_id == order.id, Payment.status == PENDING)
        .values(status=CANCELLED)
        .execution_options(synchronize_session="fetch"),
    )
    enrollments = [
        enrollment
        for package in order_packages(db, order.id)
        if (enrollment := enroll(db, order.account_id, package, order.id, now)) is not None
    ]
    record_change(db, order.account_id, "order", order.id, now)
    return enrollments


def confirm_payment(db: Session, payment_id: str, now: dt.datetime) -> Payment:
    """The provider reports *payment_id* paid: pay its order, or keep the money for refund.

    The sandbox's confirm calls it, and so will a real provider's payment notification.  It
    commits and answers the payment as it then stands, so a repeated notification changes
    nothing.  A payment of an order that was paid or cancelled meanwhile is refused
    (``payment_cancelled``: its QR code was closed with that change).  A payment of a
    pending order whose package has closed since it was ordered is the money of a QR code
    that outlived the deadline: it is recorded as received but ``refund_due``
    (``package_closed``), enrolls nothing, and its order is cancelled.
    """
    account_id = db.scalar(select(Payment.account_id).where(Payment.id == payment_id))
    if account_id is None:
        raise ApiError(404, "not_found", "没有这笔支付")
    lock_purchases(db, account_id)
    payment = db.get(Payment, payment_id, populate_existing=True)
    assert payment is not None  # payments are never deleted but with their account
    if payment.status in (PAID, REFUND_DUE):
        db.rollback()
        return payment
    order = db.get(Order, payment.order_id, populate_existing=True)
    assert order is not None
    if payment.status == PENDING and order.status == PENDING:
        if any(is_closed(package, now) for package in order_packages(db, order.id)):
            _refuse_late(db, payment, order, now)
        else:
            _mark_payment(db, payment, PAID, now)
            pay(db, order, payment.method, now)
        db.commit()
        db.refresh(payment)
        return payment
    # Paying or cancelling an order cancels its pending payments in the same transaction,
    # so a payment still pending here only meets an order that has just changed.
    _mark_payment(db, payment, CANCELLED, now)
    db.commit()
    message = (
        "该订单已通过其他方式支付，本次支付已取消"
        if order.status == PAID
        else "该订单已取消，本次支付无效"
    )
    raise ApiError(409, "payment_cancelled", message)


def _mark_payment(
    db: Session, payment: Payment, status: str, now: dt.datetime, refund_reason: str | None = None
) -> None:
    values: dict[str, Any] = {"status": status, "refund_reason": refund_reason}
    if status in (PAID, REFUND_DUE):
        values["paid_at"] = now  # when the money arrived, kept or not
    rows_updated(
        db,
        update(Payment)
        .where(Payment.id == payment.id, Payment.status == PENDING)
        .values(**values)
        .execution_options(synchronize_session="fetch"),
    )


def _refuse_late(db: Session, payment: Payment, order: Order, now: dt.datetime) -> None:
    """Money for an order whose package closed: received, refused, owed back."""
    _mark_payment(db, payment, REFUND_DUE, now, refund_reason=PACKAGE_CLOSED)
    cancel(db, order.id, now)  # it can never be paid now; its other QR codes close too
    log.warning(
        "payment %s of order %s confirmed after its package closed: refund due (%d fen)",
        payment.id,
        order.number,
        payment.amount_fen,
    )


def order_packages(db: Session, order_id: str) -> list[Package]:
    return list(
        db.scalars(
            select(Package)
            .join(OrderItem, OrderItem.package_id == Package.id)
            .where(OrderItem.order_id == order_id)
            .order_by(OrderItem.position)
        )
    )


def orders_out(db: Session, orders: Sequence[Order]) -> list[dict[str, Any]]:
    """``<Order>`` of each, with its items as sold."""
    if not orders:
        return []
    ids = [o.id for o in orders]
    items: dict[str, list[OrderItem]] = {order_id: [] for order_id in ids}
    for item in db.scalars(
        select(OrderItem).where(OrderItem.order_id.in_(ids)).order_by(OrderItem.position)
    ):
        items[item.order_id].append(item)
    names = dict(
        db.execute(
            select(Institution.id, Institution.name).where(
                Institution.id.in_({o.institution_id for o in orders})
            )
        )
        .tuples()
        .all()
    )
    refunds: dict[str, list[Payment]] = {order_id: [] for order_id in ids}
    for payment in db.scalars(
        select(Payment)
        .where(Payment.order_id.in_(ids), Payment.status == REFUND_DUE)
        .order_by(Payment.paid_at)
    ):
        refunds[payment.order_id].append(payment)
    staff_ids = {o.paid_by for o in orders if o.paid_by}
    staff_names: dict[str, str] = {}
    if staff_ids:  # paid at a counter
        staff_names.update(
            db.execute(select(Account.id, Account.name).where(Account.id.in_(staff_ids)))
            .tuples()
            .all()
        )
    return [
        {
            "id": order.id,
            "number": order.number,
            "amount_fen": order.amount_fen,
            "status": order.status,
            "method": order.method,
            "created_at": iso(order.created_at),
            "paid_at": iso(order.paid_at) if order.paid_at else None,
            "institution_id": order.institution_id,
            "institution_name": names.get(order.institution_id, ""),
            "paid_by_staff": staff_names.get(order.paid_by) if order.paid_by else None,
            "items": [
                {
                    "package_id": item.package_id,
                    "title": item.title,
                    "course_type": item.course_type,
                    "year": item.year,
                    "credits": from_tenths(item.credits_tenths),
                    "unit_price_fen": item.unit_price_fen,
                    "quantity": item.quantity,
                    "total_fen": item.total_fen,
                }
                for item in items[order.id]
            ],
            "refunds": [_refund_out(payment) for payment in refunds[order.id]],
        }
        for order in orders
    ]


def _refund_out(payment: Payment) -> dict[str, Any]:
    """Money received for the order but not kept: why, and that it goes back."""
    return {
        "payment_id": payment.id,
        "method": payment.method,
        "amount_fen": payment.amount_fen,
        "received_at": iso(payment.paid_at) if payment.paid_at else None,
        "reason": payment.refund_reason,
        "status": payment.status,
    }


def order_out(db: Session, order: Order) -> dict[str, Any]:
    return orders_out(db, [order])[0]


def payment_out(payment: Payment) -> dict[str, Any]:
    return {
        "id": payment.id,
        "order_id": payment.order_id,
        "method": payment.method,
        "amount_fen": payment.amount_fen,
        "status": payment.status,
        "qr_payload": payment.qr_payload,
        "created_at": iso(payment.created_at),
        "paid_at": iso(payment.paid_at) if payment.paid_at else None,
        "refund_reason": payment.refund_reason,
    }
