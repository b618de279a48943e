"""The front desk (docs/api.md "Front desk"): walk-ins, their orders, payment at the counter.

Everything is scoped to the caller's institution: another institution's walk-in or order
answers 404, as if it did not exist.  Each action and its audit entry are committed
together, so no action goes unrecorded.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from rules.identity import mask_id_number
from rules.money import format_fen
from server import walk_ins
from server.api.deps import ClockDep, Db, SettingsDep, StaffCaller, StaffDep
from server.api.orders import (
    check_may_order,
    check_payable,
    order_answer,
    packages_to_order,
    pay_with_card,
    place_order,
)
from server.api.schemas import (
    CashPaymentIn,
    CounterCardIn,
    OrderIn,
    OrderOut,
    WalkInCreatedOut,
    WalkInIn,
    WalkInsOut,
)
from server.errors import ApiError
from server.idempotency import KeyHeader, keyed, run_once
from server.models import Account, Enrollment, Order, StudyCard
from server.purchase import lock_purchases, pay
from server.staff import audit
from server.study_cards import normalize_card_number

log = logging.getLogger(__name__)

#: Four base64 photos of at most 2 MB each, and the form around them.
BODY_LIMIT = 12 * 1024 * 1024


class _CappedRequest(Request):
    """A request whose body is refused (413, in the envelope) once it exceeds the limit."""

    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            length = self.headers.get("content-length", "")
            if length.isdigit() and int(length) > BODY_LIMIT:
                raise HTTPException(413)
            body = bytearray()
            async for chunk in self.stream():
                body += chunk
                if len(body) > BODY_LIMIT:
                    raise HTTPException(413)
            self._body = bytes(body)
        return self._body


class _CappedRoute(APIRoute):
    """FastAPI reads the body before any dependency runs: the cap sits in the request."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def capped(request: Request) -> Response:
            return await handler(_CappedRequest(request.scope, request.receive))

        return capped


router = APIRouter(tags=["front desk"], route_class=_CappedRoute)


def _institution_order(db: Session, staff: StaffCaller, order_id: str) -> tuple[Order, Account]:
    """An order placed at the caller's institution, and its learner; 404 for any other."""
    order = db.get(Order, order_id)
    if order is None or order.institution_id != staff.institution.id:
        raise ApiError(404, "not_found", "没有这个订单")
    learner = db.get(Account, order.account_id)
    assert learner is not None
    return order, learner


@router.post(
    "/staff/walk-ins",
    status_code=201,
    response_model=WalkInCreatedOut,
    responses={
        409: {"description": "id_number_taken"},
        413: {"description": "payload_too_large (12 MB)"},
        422: {"description": "walk_in_invalid (problems lists all)"},
    },
)
def create_walk_in(
    body: WalkInIn, staff: StaffDep, db: Db, clock: ClockDep, settings: SettingsDep
) -> dict[str, Any]:
    """现场登记: account, info collection, attachments and 补充信息 at once, all or nothing."""
    registered = walk_ins.register(db, settings, staff.account, body, clock.now(), clock.today())
    (walk_in,) = walk_ins.walk_ins_out(
        db, staff.institution.id, [(registered.walk_in, registered.account)]
    )
    return {
        "walk_in": walk_in,
        "login_id": registered.account.id_number,
        "initial_password": registered.initial_password,
    }


@router.get("/staff/walk-ins", response_model=WalkInsOut)
def list_walk_ins(
    staff: StaffDep,
    db: Db,
    clock: ClockDep,
    date: dt.date | None = None,
    q: Annotated[str, Query(max_length=50)] = "",
) -> dict[str, Any]:
    """The institution's walk-ins of *date* (today by default), newest first."""
    now = clock.now()
    day = date or clock.today()
    rows = walk_ins.registered_on(db, staff.institution.id, day, q)
    searched = "（按条件搜索）" if q.strip() else ""
    audit(
        db,
        staff.account,
        "walk_ins_listed",
        "walk_ins",
        day.isoformat(),
        f"查看 {day.isoformat()} 的现场登记名单{searched}，共 {len(rows)} 人",
        now,
    )
    db.commit()
    return {"items": walk_ins.walk_ins_out(db, staff.institution.id, rows)}


@router.post(
    "/staff/walk-ins/{account_id}/orders",
    status_code=201,
    response_model=OrderOut,
    responses={
        404: {"description": "unknown walk-in / package"},
        409: {"description": "package_owned"},
        422: {"description": "package_closed / validation_error"},
    },
)
def create_walk_in_order(
    account_id: str,
    body: OrderIn,
    staff: StaffDep,
    db: Db,
    clock: ClockDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """Order the institution's packages for a walk-in; ¥0 orders are paid at once.

    As ``POST /orders``: the walk-in's pending order of exactly these packages answers
    200; an ``Idempotency-Key`` (the staff member's) answers a retry with the first result.
    """
    now = clock.now()
    path = f"/staff/walk-ins/{account_id}/orders"
    request = keyed(staff.account.id, idempotency_key, "POST", path, body)
    _walk_in, learner = walk_ins.find(db, staff.institution.id, account_id)
    packages = packages_to_order(db, body.package_ids)
    if packages[0].institution_id != staff.institution.id:
        raise ApiError(404, "not_found", "没有这个课程包", "package_ids")
    check_may_order(db, learner, staff.institution.id)

    def record(order: Order) -> None:
        audit(
            db,
            staff.account,
            "order_created",
            "order",
            order.id,
            f"为 {learner.name}（{mask_id_number(learner.id_number)}）下单 {order.number}，"
            f"金额 {format_fen(order.amount_fen)}",
            now,
        )

    return place_order(db, learner, packages, now, request, also=record)


@router.post(
    "/staff/orders/{order_id}/cash-payment",
    response_model=OrderOut,
    responses={
        404: {"description": "unknown order (or another institution's)"},
        409: {"description": "order_not_payable"},
        422: {"description": "validation_error (received_fen) / package_closed"},
    },
)
def cash_payment(
    order_id: str,
    body: CashPaymentIn,
    staff: StaffDep,
    db: Db,
    clock: ClockDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """现金收款: the exact amount, recorded with the staff member and the time.

    With an ``Idempotency-Key``, a retry of a recorded payment answers it again (200)
    instead of ``order_not_payable``.
    """
    now = clock.now()
    path = f"/staff/orders/{order_id}/cash-payment"
    request = keyed(staff.account.id, idempotency_key, "POST", path, body)

    def action() -> tuple[int, dict[str, Any]]:
        order, learner = _institution_order(db, staff, order_id)
        lock_purchases(db, learner.id)
        db.refresh(order)
        check_payable(db, order, now)
        if body.received_fen != order.amount_fen:
            raise ApiError(
                422,
                "validation_error",
                f"实收金额应与订单金额 {format_fen(order.amount_fen)} 一致",
                "received_fen",
            )
        if pay(db, order, "cash", now, paid_by=staff.account.id) is None:
            raise ApiError(409, "order_not_payable", "该订单已不能支付，请刷新后重试")
        audit(
            db,
            staff.account,
            "cash_payment",
            "order",
            order.id,
            f"现金收款 {format_fen(order.amount_fen)}：订单 {order.number}，学员 {learner.name}",
            now,
        )
        log.info("cash payment: order %s by staff %s", order.number, staff.account.id_number)
        return 200, order_answer(db, order, now)

    try:
        return run_once(db, request, now, action)
    except ApiError as exc:
        if exc.field == "received_fen":
            db.rollback()
            order, learner = _institution_order(db, staff, order_id)
            _audit_refusal(
                db,
                staff,
                "cash_amount_wrong",
                order,
                f"现金实收金额不符：录入 {format_fen(body.received_fen)}，"
                f"应收 {format_fen(order.amount_fen)}，订单 {order.number}，学员 {learner.name}",
                now,
            )
        raise


@router.post(
    "/staff/orders/{order_id}/study-card",
    response_model=OrderOut,
    responses={
        404: {"description": "unknown order (or another institution's)"},
        409: {"description": "card_used / order_not_payable / package_owned"},
        422: {"description": "card_not_found / card_password_wrong / card_other_*"},
        423: {"description": "card_locked (per staff account)"},
    },
)
def study_card_payment(
    order_id: str,
    body: CounterCardIn,
    staff: StaffDep,
    db: Db,
    clock: ClockDep,
    idempotency_key: KeyHeader = None,
) -> Response:
    """学习卡 at the counter: the card pays the walk-in's order; wrong tries count for the staff."""
    now = clock.now()
    order, learner = _institution_order(db, staff, order_id)
    request = keyed(
        staff.account.id,
        idempotency_key,
        "POST",
        f"/staff/orders/{order_id}/study-card",
        body,
        secret_fields=frozenset({"password"}),
    )

    def record(paid: Order, card: StudyCard) -> None:
        audit(
            db,
            staff.account,
            "card_payment",
            "order",
            paid.id,
            f"学习卡收款：订单 {paid.number}，学员 {learner.name}，卡号尾号 {card.card_number[-4:]}",
            now,
        )

    def answer(paid: Order, _enrolled: list[Enrollment]) -> tuple[int, dict[str, Any]]:
        return 200, order_answer(db, paid, now)

    try:
        return pay_with_card(
            db,
            learner,
            staff.account,
            body.card_number,
            body.password,
            order.id,
            now,
            request=request,
            answer=answer,
            paid_by=staff.account.id,
            also=record,
        )
    except ApiError as exc:
        if exc.code.startswith("card_"):  # a wrong, locked, used or unfitting card
            db.rollback()
            order, learner = _institution_order(db, staff, order_id)
            tail = normalize_card_number(body.card_number)[-4:] or "（未填）"
            _audit_refusal(
                db,
                staff,
                "card_payment_failed",
                order,
                f"学习卡支付未成功（{exc.message}）：订单 {order.number}，"
                f"学员 {learner.name}，卡号尾号 {tail}",
                now,
            )
        raise


def _audit_refusal(
    db: Session, staff: StaffCaller, action: str, order: Order, summary: str, now: dt.datetime
) -> None:
    """A refused payment try is on the audit log too: in its own transaction, as the
    refusal rolled the request's back (a wrong try's count is already committed)."""
    db.rollback()
    audit(db, staff.account, action, "order", order.id, summary, now)
    db.commit()
