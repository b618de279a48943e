"""网上报名 (docs/api.md, issue 4): orders, QR payments, the sandbox confirm, study cards.

Refusals say why in Chinese; the state changes themselves live in ``server.purchase``.
Every request that creates an order, a payment or a card payment may carry an
``Idempotency-Key`` (``server.idempotency``): its work and its answer commit together, and
a retry with the key answers the first result instead of doing it again.  The learner's
purchase lock is taken before anything is read that decides what to write.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select, update
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
from server.idempotency import Keyed, KeyHeader, keyed, run_once, serialise, stored_answer
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
    confirm_payment,
    lock_purchases,
    new_order,
    order_out,
    order_packages,
    orders_out,
    pay,
    payment_out,
    same_pending_order,
    supersede_pending,
)
from server.study_cards import normalize_card_number, verify_card_password

log = logging.getLogger(__name__)

router = APIRouter(tags=["orders"])
#: Included only on a platform started with ``--payments sandbox``.
sandbox_router = APIRouter(tags=["sandbox"])

_ORDER_REFUSALS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the learner's pending order of exactly these packages",
        "model": OrderOut,
    },
    403: {"description": "profile_not_collected"},
    404: {"description": "unknown package / order"},
    409: {"description": "package_owned / order_not_payable"},
    422: {
        "description": "learner_info_required / package_closed / validation_error / "
        "idempotency_key_reused"
    },
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


def _place_order(
    db: Session, account_id: str, packages: list[Package], now: dt.datetime
) -> tuple[Order, bool]:
    """The order of *packages* and whether it is new.

    The learner's pending order of exactly these packages is the answer when one exists
    (``server.purchase.same_pending_order``); else a new order supersedes the pending
    ones sharing a package, and is paid at once when it costs ¥0.
    """
    _check_buyable(db, account_id, packages, now)
    package_ids = [p.id for p in packages]
    pending = same_pending_order(db, account_id, package_ids)
    if pending is not None:
        return pending, False
    supersede_pending(db, account_id, package_ids, now)
    order = new_order(db, account_id, packages, now)
    if order.amount_fen == 0:
        pay(db, order, "free", now)
    return order, True


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


def order_answer(db: Session, order: Order, now: dt.datetime) -> dict[str, Any]:
    """``<Order>`` as sent, with its invoice state (read inside the transaction)."""
    db.flush()
    db.refresh(order)
    return serialise(OrderOut, with_invoices(db, [order], [order_out(db, order)], now)[0])


def place_order(
    db: Session,
    account: Account,
    packages: list[Package],
    now: dt.datetime,
    request: Keyed | None,
    also: Callable[[Order], object] | None = None,
) -> Response:
    """Place the order once: 201 and the new order, or 200 and the pending one it repeats.

    *also* adds to the transaction of a new order (e.g. an audit entry).  A unique
    constraint met on the way (an order number or a live order taken by a concurrent
    request) rolls back and places it again, which then finds what the other one did.
    """

    def action() -> tuple[int, dict[str, Any]]:
        order, created = _place_order(db, account.id, packages, now)
        if created and also is not None:
            also(order)
        log.info(
            "order %s by %s: %s%s",
            order.number,
            mask_id_number(account.id_number),
            order.status,
            "" if created else " (the pending order, ordered again)",
        )
        return (201 if created else 200), order_answer(db, order, now)

    return run_once(db, request, now, action)


@router.post("/orders", status_code=201, response_model=OrderOut, responses=_ORDER_REFUSALS)
def create_order(
    body: OrderIn,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """Order packages of one institution; a ¥0 order is paid at once (``free``).

    Ordering exactly the packages of a pending order answers that order (200).
    """
    now = clock.now()
    request = keyed(caller.account.id, idempotency_key, "POST", "/orders", body)
    packages = packages_to_order(db, body.package_ids)
    check_may_order(db, caller.account, packages[0].institution_id)
    return place_order(db, caller.account, packages, now, request)


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
        422: {"description": "payment_unavailable / package_closed / idempotency_key_reused"},
    },
)
def create_payment(
    order_id: str,
    body: PaymentIn,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    settings: SettingsDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """A QR payment of a pending order by WeChat Pay or Alipay (the sandbox stands in)."""
    now = clock.now()
    account_id = caller.account.id
    request = keyed(account_id, idempotency_key, "POST", f"/orders/{order_id}/payments", body)

    def action() -> tuple[int, dict[str, Any]]:
        lock_purchases(db, account_id)  # not beside the order's cancellation or payment
        order = _own_order(db, account_id, order_id)
        db.refresh(order)
        check_payable(db, order, now)
        provider = provider_for(body.method, settings)
        payment = Payment(
            id=new_uuid(),
            order_id=order.id,
            account_id=account_id,
            method=body.method,
            provider=provider.name,
            amount_fen=order.amount_fen,
            status=PENDING,
            created_at=now,
        )
        payment.qr_payload = qr_payload(provider, payment, order.number)
        db.add(payment)
        db.flush()
        return 201, serialise(PaymentOut, payment_out(payment))

    return run_once(db, request, now, action)


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
    """The payer's phone says "paid" (sandbox only, no login); confirming twice pays once.

    A payment confirmed after its package closed answers 200 with ``status: refund_due``:
    the money arrived and is kept for refund, the order is not paid.
    """
    payment = confirm_payment(db, payment_id, clock.now())
    log.info("payment %s confirmed (sandbox): %s", payment.id, payment.status)
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
    reserved: throttle.Reserved,
    typist: Account,
    now: dt.datetime,
    code: str,
    message: str,
    field: str,
) -> NoReturn:
    """A wrong card number or password: counted already; the fifth within 15 minutes locks."""
    outcome = reserved.failed(now)
    log.info("wrong study card try (%s) by %s", code, mask_id_number(typist.id_number))
    if isinstance(outcome, throttle.Lock):
        raise _card_locked(outcome)
    raise ApiError(422, code, f"{message}，还可尝试{outcome}次", field, remaining_attempts=outcome)


def checked_card(
    db: Session, typist: Account, card_number: str, password: str, now: dt.datetime
) -> StudyCard:
    """The card whose number and password were typed, or the refusal of a wrong try.

    The try is reserved (counted and committed) before the card is looked up and its
    password compared, so of tries fired at once no more than the limit are checked.
    A right card and password give the try back: what follows is no guessing.
    """
    reserved = throttle.CARD_ACTIVATION.reserve(db, typist.id, now)
    if isinstance(reserved, throttle.Lock):
        raise _card_locked(reserved)
    number = normalize_card_number(card_number)
    card = db.scalar(select(StudyCard).where(StudyCard.card_number == number)) if number else None
    if card is None:
        _wrong_try(reserved, typist, now, "card_not_found", "学习卡卡号不存在", "card_number")
    if not verify_card_password(card, password):
        _wrong_try(reserved, typist, now, "card_password_wrong", "学习卡密码错误", "password")
    # A right card and password is no wrong try, even if the card cannot pay (used, another
    # package, owned): only this try's own reservation goes back.
    throttle.CARD_ACTIVATION.give_back(db, typist.id, reserved)
    db.commit()
    return card


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
            "description": "card_not_found / card_password_wrong / card_other_* / "
            "package_closed / idempotency_key_reused"
        },
        423: {"description": "card_locked"},
    },
)
def activate_card(
    body: CardActivationIn,
    caller: CallerDep,
    db: Db,
    clock: ClockDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """激活学习卡: pay *order_id* with the card, or buy the card's package on a new order."""
    now = clock.now()
    request = keyed(
        caller.account.id,
        idempotency_key,
        "POST",
        "/study-cards/activate",
        body,
        secret_fields=frozenset({"password"}),
    )

    def answer(order: Order, enrolled: list[Enrollment]) -> tuple[int, dict[str, Any]]:
        result = {
            "order": order_answer(db, order, now),
            "enrollments": enrollments_out(db, enrolled, now),
        }
        return 201, serialise(CardActivationOut, result)

    return pay_with_card(
        db,
        caller.account,
        caller.account,
        body.card_number,
        body.password,
        body.order_id,
        now,
        request=request,
        answer=answer,
    )


def pay_with_card(
    db: Session,
    account: Account,
    typist: Account,
    card_number: str,
    password: str,
    order_id: str | None,
    now: dt.datetime,
    *,
    request: Keyed | None,
    answer: Callable[[Order, list[Enrollment]], tuple[int, dict[str, Any]]],
    paid_by: str | None = None,
    also: Callable[[Order, StudyCard], object] | None = None,
) -> Response:
    """Use a study card for *account*: pay its order *order_id*, or buy the card's package.

    Wrong tries count against *typist* (the learner, or the staff member at the counter,
    who is then *paid_by*); *answer* makes the response of the paid order; *also* adds to
    the transaction (e.g. an audit entry).  A retry with the key of a request that paid
    answers it again before any try is counted.
    """
    _require_collected(account)
    if request is not None:
        replay = stored_answer(db, request, now)
        db.rollback()
        if replay is not None:
            return replay
    card = checked_card(db, typist, card_number, password, now)

    def action() -> tuple[int, dict[str, Any]]:
        lock_purchases(db, account.id)
        db.refresh(card)
        if card.used_at is not None:
            raise _card_used(card.used_at)
        package = db.get(Package, card.package_id)
        assert package is not None
        if order_id:
            order = _own_order(db, account.id, order_id)
            db.refresh(order)
            _require_payable(order)
            _check_card_fits(db, package, order)
            _check_buyable(db, account.id, order_packages(db, order.id), now)
        else:
            _check_buyable(db, account.id, [package], now)
            pending = same_pending_order(db, account.id, [package.id])
            if pending is None:
                supersede_pending(db, account.id, [package.id], now)
            order = pending or new_order(db, account.id, [package], now)
        used = rows_updated(
            db,
            update(StudyCard)
            .where(StudyCard.id == card.id, StudyCard.used_at.is_(None))
            .values(used_at=now, used_by=account.id, order_id=order.id)
            .execution_options(synchronize_session="fetch"),
        )
        if not used:  # another learner's activation of the card won meanwhile (their lock)
            db.refresh(card)
            raise _card_used(card.used_at or now)
        enrolled = pay(db, order, "study_card", now, paid_by=paid_by)
        if enrolled is None:  # the lock was held and the order read under it
            raise ApiError(409, "order_not_payable", "该订单已不能支付，请刷新后重试")
        throttle.CARD_ACTIVATION.clear(db, typist.id)
        if also is not None:
            also(order, card)
        log.info("study card used by %s: order %s", mask_id_number(account.id_number), order.number)
        return answer(order, enrolled)

    return run_once(db, request, now, action)


def _card_used(used_at: dt.datetime) -> ApiError:
    return ApiError(
        409,
        "card_used",
        f"该学习卡已于{_minute(used_at)}使用",
        "card_number",
        used_at=iso(used_at),
    )
