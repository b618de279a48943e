"""网上报名 (docs/api.md, issue 4): orders, QR payments, the sandbox confirm, study cards.

Refusals say why in Chinese; the state changes themselves live in ``server.purchase``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from fastapi import APIRouter
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from rules.identity import mask_id_number
from rules.years import CHINA_TZ
from server import throttle
from server.api.deps import CallerDep, ClockDep, Db, SettingsDep
from server.api.schemas import (
    CardActivationIn,
    CardActivationOut,
    OrderIn,
    OrderOut,
    OrdersOut,
    PaymentIn,
    PaymentOut,
    iso,
)
from server.db import rows_updated
from server.enrollments import enrollments_out, is_closed
from server.errors import ApiError
from server.invoices import with_invoices
from server.models import (
    Account,
    Enrollment,
    Institution,
    LearnerInfo,
    Order,
    Package,
    Payment,
    StudyCard,
    new_uuid,
)
from server.payments import provider_for, qr_payload
from server.purchase import (
    CANCELLED,
    PAID,
    PENDING,
    lock_purchases,
    new_order,
    order_out,
    order_packages,
    orders_out,
    pay,
    payment_out,
    supersede_pending,
)
from server.study_cards import normalize_card_number, verify_card_password

log = logging.getLogger(__name__)

router = APIRouter(tags=["orders"])
#: Included only on a platform started with ``--payments sandbox``.
sandbox_router = APIRouter(tags=["sandbox"])

ORDER_ATTEMPTS = 3
_ORDER_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "profile_not_collected"},
    404: {"description": "unknown package / order"},
    409: {"description": "package_owned / order_not_payable"},
    422: {"description": "learner_info_required / package_closed / validation_error"},
}


def _date(value: dt.datetime) -> str:
    """2021年12月31日, as deadlines are written in the guide."""
    local = value.astimezone(CHINA_TZ)
    return f"{local.year}年{local.month}月{local.day}日"


def _minute(value: dt.datetime) -> str:
    return value.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _require_collected(account: Account) -> None:
    if account.profile_status != "collected":
        raise ApiError(
            403, "profile_not_collected", "请先完成信息采集（信息已采集后才能购买和学习）"
        )


def _closed(package: Package, field: str | None) -> ApiError:
    return ApiError(
        422,
        "package_closed",
        f"该课程包已于{_date(package.closes_at)}截止购买：{package.title}",
        field,
        package_id=package.id,
    )


def _check_buyable(
    db: Session, account_id: str, packages: Sequence[Package], now: dt.datetime
) -> None:
    """Refuse closed packages and packages the learner already owns.

    The first step of every purchase, so it takes the learner's purchase lock.
    """
    lock_purchases(db, account_id)
    for package in packages:
        if is_closed(package, now):
            raise _closed(package, "package_ids")
    owned = db.scalars(
        select(Enrollment.package_id).where(
            Enrollment.account_id == account_id,
            Enrollment.package_id.in_([p.id for p in packages]),
        )
    ).all()
    for package in packages:
        if package.id in owned:
            raise ApiError(
                409,
                "package_owned",
                f"您已购买“{package.title}”，无需重复购买",
                "package_ids",
                package_id=package.id,
            )


def _own_order(db: Session, account_id: str, order_id: str) -> Order:
    order = db.get(Order, order_id)
    if order is None or order.account_id != account_id:
        raise ApiError(404, "not_found", "没有这个订单")
    return order


def _require_payable(order: Order) -> None:
    if order.status == PAID:
        raise ApiError(409, "order_not_payable", "该订单已支付，无需重复支付")
    if order.status == CANCELLED:
        raise ApiError(409, "order_not_payable", "该订单已取消，请重新下单")


def check_payable(db: Session, order: Order, now: dt.datetime) -> None:
    """Pending, and none of its packages closed since it was ordered."""
    _require_payable(order)
    for package in order_packages(db, order.id):
        if is_closed(package, now):
            raise _closed(package, None)  # ordered in time, but not paid in time


def _place_order(db: Session, account_id: str, packages: list[Package], now: dt.datetime) -> Order:
    """The new order, superseding pending ones of its packages; paid at once when ¥0."""
    _check_buyable(db, account_id, packages, now)
    supersede_pending(db, account_id, [p.id for p in packages], now)
    order = new_order(db, account_id, packages, now)
    if order.amount_fen == 0:
        pay(db, order, "free", now)
    return order


def packages_to_order(db: Session, package_ids: Sequence[str]) -> list[Package]:
    """The packages of an order, once each; 404 for an unknown one, 422 for two institutions."""
    packages = []
    for package_id in dict.fromkeys(package_ids):
        package = db.get(Package, package_id)
        if package is None:
            raise ApiError(404, "not_found", "没有这个课程包", "package_ids")
        packages.append(package)
    if len({p.institution_id for p in packages}) > 1:
        raise ApiError(
            422, "validation_error", "一个订单只能包含同一培训机构的课程包", "package_ids"
        )
    return packages


def check_may_order(db: Session, account: Account, institution_id: str) -> None:
    """信息已采集 and the institution's 补充信息 given: what buying there requires."""
    _require_collected(account)
    if (
        db.scalar(
            select(LearnerInfo.id).where(
                LearnerInfo.account_id == account.id,
                LearnerInfo.institution_id == institution_id,
            )
        )
        is None
    ):
        name = db.scalar(select(Institution.name).where(Institution.id == institution_id))
        raise ApiError(
            422,
            "learner_info_required",
            f"首次在{name}学习，请先补充个人信息",
            "institution_id",
        )


def place_order(
    db: Session,
    account: Account,
    packages: list[Package],
    now: dt.datetime,
    also: Callable[[Order], object] | None = None,
) -> Order:
    """Place and commit the order; *also* adds to its transaction (e.g. an audit entry)."""
    for attempt in range(1, ORDER_ATTEMPTS + 1):
        try:
            order = _place_order(db, account.id, packages, now)
            if also is not None:
                also(order)
            db.commit()
            break
        except IntegrityError:
            # A concurrent order took the same number (unique): place it again, numbered anew.
            db.rollback()
            if attempt == ORDER_ATTEMPTS:
                raise
    db.refresh(order)
    log.info("order %s by %s: %s", order.number, mask_id_number(account.id_number), order.status)
    return order


@router.post("/orders", status_code=201, response_model=OrderOut, responses=_ORDER_REFUSALS)
def create_order(body: OrderIn, caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """Order packages of one institution; a ¥0 order is paid at once (``free``)."""
    now = clock.now()
    packages = packages_to_order(db, body.package_ids)
    check_may_order(db, caller.account, packages[0].institution_id)
    order = place_order(db, caller.account, packages, now)
    return with_invoices(db, [order], [order_out(db, order)], now)[0]


@router.get("/orders", response_model=OrdersOut)
def list_orders(caller: CallerDep, db: Db, clock: ClockDep) -> dict[str, Any]:
    """我的订单, newest first, each with its invoice or why it cannot have one."""
    orders = db.scalars(
        select(Order)
        .where(Order.account_id == caller.account.id)
        .order_by(Order.created_at.desc(), Order.number.desc())
    ).all()
    return {"items": with_invoices(db, orders, orders_out(db, orders), clock.now())}


@router.post(
    "/orders/{order_id}/payments",
    status_code=201,
    response_model=PaymentOut,
    responses={
        404: {"description": "unknown order"},
        409: {"description": "order_not_payable"},
        422: {"description": "payment_unavailable / package_closed"},
    },
)
def create_payment(
    order_id: str,
    body: PaymentIn,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    settings: SettingsDep,
) -> dict[str, Any]:
    """A QR payment of a pending order by WeChat Pay or Alipay (the sandbox stands in)."""
    now = clock.now()
    order = _own_order(db, caller.account.id, order_id)
    check_payable(db, order, now)
    provider = provider_for(body.method, settings)
    payment = Payment(
        id=new_uuid(),
        order_id=order.id,
        account_id=caller.account.id,
        method=body.method,
        provider=provider.name,
        amount_fen=order.amount_fen,
        status=PENDING,
        created_at=now,
    )
    payment.qr_payload = qr_payload(provider, payment, order.number)
    db.add(payment)
    db.commit()
    return payment_out(payment)


@router.get("/payments/{payment_id}", response_model=PaymentOut)
def get_payment(payment_id: str, caller: CallerDep, db: Db) -> dict[str, Any]:
    """Polled by the checkout dialog until ``paid``."""
    payment = db.get(Payment, payment_id)
    if payment is None or payment.account_id != caller.account.id:
        raise ApiError(404, "not_found", "没有这笔支付")
    return payment_out(payment)


@sandbox_router.post(
    "/sandbox/payments/{payment_id}/confirm",
    response_model=PaymentOut,
    responses={404: {"description": "unknown payment"}, 409: {"description": "payment_cancelled"}},
)
def sandbox_confirm(payment_id: str, db: Db, clock: ClockDep) -> dict[str, Any]:
    """The payer's phone says "paid" (sandbox only, no login); confirming twice pays once."""
    now = clock.now()
    payment = db.get(Payment, payment_id)
    if payment is None:
        raise ApiError(404, "not_found", "没有这笔支付")
    if payment.status == PAID:
        return payment_out(payment)
    order = db.get(Order, payment.order_id)
    assert order is not None
    lock_purchases(db, order.account_id)
    marked = rows_updated(
        db,
        update(Payment)
        .where(Payment.id == payment.id, Payment.status == PENDING)
        .values(status=PAID, paid_at=now)
        .execution_options(synchronize_session="fetch"),
    )
    enrolled = pay(db, order, payment.method, now) if marked else None
    if enrolled is None:
        # Someone else won: this confirmation (a repeat), the order's cancellation, or
        # another payment of the order.  Answer what the database now holds.
        db.rollback()
        db.refresh(payment)
        if payment.status == PAID:
            return payment_out(payment)
        rows_updated(
            db,
            update(Payment)
            .where(Payment.id == payment.id, Payment.status == PENDING)
            .values(status=CANCELLED),
        )
        db.commit()
        db.refresh(order)
        message = (
            "该订单已通过其他方式支付，本次支付已取消"
            if order.status == PAID
            else "该订单已取消，本次支付无效"
        )
        raise ApiError(409, "payment_cancelled", message)
    db.commit()
    db.refresh(payment)
    log.info("payment %s confirmed (sandbox): order %s paid", payment.id, order.number)
    return payment_out(payment)


def _card_locked(lock: throttle.Lock) -> ApiError:
    return ApiError(
        423,
        "card_locked",
        f"学习卡卡号或密码错误次数过多，请 {lock.minutes_left} 分钟后再试",
        None,
        headers={"Retry-After": str(lock.retry_after_s)},
        unlocks_at=iso(lock.unlocks_at),
        retry_after_s=lock.retry_after_s,
    )


def _wrong_try(
    db: Session, typist: Account, now: dt.datetime, code: str, message: str, field: str
) -> NoReturn:
    """Count a wrong card number or password; the fifth within 15 minutes locks."""
    outcome = throttle.CARD_ACTIVATION.record_failure(db, typist.id, now)
    db.commit()
    log.info("wrong study card try (%s) by %s", code, mask_id_number(typist.id_number))
    if isinstance(outcome, throttle.Lock):
        raise _card_locked(outcome)
    raise ApiError(422, code, f"{message}，还可尝试{outcome}次", field, remaining_attempts=outcome)


def _check_card_fits(db: Session, card_package: Package, order: Order) -> None:
    """A card pays an order whose priced items are exactly its package (free ones ride along)."""
    packages = order_packages(db, order.id)
    priced = [p for p in packages if p.price_fen > 0]
    if card_package.institution_id != order.institution_id:
        names = dict(
            db.execute(
                select(Institution.id, Institution.name).where(
                    Institution.id.in_([card_package.institution_id, order.institution_id])
                )
            )
            .tuples()
            .all()
        )
        raise ApiError(
            422,
            "card_other_institution",
            f"该学习卡属于{names[card_package.institution_id]}，"
            f"不能支付{names[order.institution_id]}的订单",
            "card_number",
        )
    if priced and all(p.year != card_package.year for p in priced):
        raise ApiError(
            422,
            "card_other_year",
            f"该学习卡适用于{card_package.year}年度，不能支付{priced[0].year}年度的课程",
            "card_number",
        )
    if [p.id for p in priced] != [card_package.id]:
        raise ApiError(
            422,
            "card_other_package",
            f"该学习卡仅适用于“{card_package.title}”，不能支付本订单",
            "card_number",
        )


@router.post(
    "/study-cards/activate",
    status_code=201,
    response_model=CardActivationOut,
    responses={
        403: {"description": "profile_not_collected"},
        404: {"description": "unknown order"},
        409: {"description": "card_used / package_owned / order_not_payable"},
        422: {
            "description": "card_not_found / card_password_wrong / card_other_* / package_closed"
        },
        423: {"description": "card_locked"},
    },
)
def activate_card(
    body: CardActivationIn, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """激活学习卡: pay *order_id* with the card, or buy the card's package on a new order."""
    now = clock.now()
    order, enrolled = pay_with_card(
        db, caller.account, caller.account, body.card_number, body.password, body.order_id, now
    )
    return {
        "order": with_invoices(db, [order], [order_out(db, order)], now)[0],
        "enrollments": enrollments_out(db, enrolled, now),
    }


def pay_with_card(
    db: Session,
    account: Account,
    typist: Account,
    card_number: str,
    password: str,
    order_id: str | None,
    now: dt.datetime,
    *,
    paid_by: str | None = None,
    also: Callable[[Order, StudyCard], object] | None = None,
) -> tuple[Order, list[Enrollment]]:
    """Use a study card for *account*: pay its order *order_id*, or buy the card's package.

    Wrong tries count against *typist* (the learner, or the staff member at the counter,
    who is then *paid_by*); *also* adds to the transaction (e.g. an audit entry).
    """
    _require_collected(account)
    lock = throttle.CARD_ACTIVATION.active_lock(db, typist.id, now)
    if lock is not None:
        raise _card_locked(lock)
    number = normalize_card_number(card_number)
    card = db.scalar(select(StudyCard).where(StudyCard.card_number == number)) if number else None
    if card is None:
        _wrong_try(db, typist, now, "card_not_found", "学习卡卡号不存在", "card_number")
    if not verify_card_password(card, password):
        _wrong_try(db, typist, now, "card_password_wrong", "学习卡密码错误", "password")
    if card.used_at is not None:
        raise ApiError(
            409,
            "card_used",
            f"该学习卡已于{_minute(card.used_at)}使用",
            "card_number",
            used_at=iso(card.used_at),
        )
    package = db.get(Package, card.package_id)
    assert package is not None
    if order_id:
        order = _own_order(db, account.id, order_id)
        _require_payable(order)
        _check_card_fits(db, package, order)
        _check_buyable(db, account.id, order_packages(db, order.id), now)
    else:
        _check_buyable(db, account.id, [package], now)
        supersede_pending(db, account.id, [package.id], now)
        order = new_order(db, account.id, [package], now)
    used = rows_updated(
        db,
        update(StudyCard)
        .where(StudyCard.id == card.id, StudyCard.used_at.is_(None))
        .values(used_at=now, used_by=account.id, order_id=order.id)
        .execution_options(synchronize_session="fetch"),
    )
    enrolled = pay(db, order, "study_card", now, paid_by=paid_by) if used else None
    if enrolled is None:
        db.rollback()
        db.refresh(card)
        if card.used_at is not None:
            raise ApiError(
                409,
                "card_used",
                f"该学习卡已于{_minute(card.used_at)}使用",
                "card_number",
                used_at=iso(card.used_at),
            )
        raise ApiError(409, "order_not_payable", "该订单已不能支付，请刷新后重试")
    throttle.CARD_ACTIVATION.clear(db, typist.id)
    if also is not None:
        also(order, card)
    db.commit()
    db.refresh(order)
    log.info("study card used by %s: order %s", mask_id_number(account.id_number), order.number)
    return order, enrolled
