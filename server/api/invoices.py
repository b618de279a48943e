"""发票 (docs/api.md "Invoices"): ask for an order's e-invoice, read it, download its PDF."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Response
from pydantic import Field
from sqlalchemy import select

from rules.identity import mask_id_number
from server.api.deps import CallerDep, ClockDep, Db
from server.api.schemas import Body, InvoiceOut, TaxNumber
from server.errors import ApiError
from server.invoices import ISSUED, invoice_out, request_invoice
from server.models import Invoice, Order

log = logging.getLogger(__name__)

router = APIRouter(tags=["invoices"])


class InvoiceIn(Body):
    title_type: Literal["personal", "company"]
    title: Annotated[str, Field(max_length=200)]
    tax_number: TaxNumber = ""
    email: Annotated[str, Field(max_length=320)]


def _own_order(db: Db, account_id: str, order_id: str) -> Order:
    order = db.get(Order, order_id)
    if order is None or order.account_id != account_id:
        raise ApiError(404, "not_found", "没有这个订单")
    return order


def _invoice_of(db: Db, order: Order) -> Invoice:
    invoice = db.scalar(select(Invoice).where(Invoice.order_id == order.id))
    if invoice is None:
        raise ApiError(404, "not_found", "该订单尚未申请发票")
    return invoice


@router.post(
    "/orders/{order_id}/invoice",
    status_code=201,
    response_model=InvoiceOut,
    responses={
        404: {"description": "unknown order"},
        409: {"description": "invoice_not_paid / invoice_exists"},
        422: {
            "description": "invoice_study_card / invoice_free / invoice_window_closed / "
            "title_invalid / tax_number_invalid / email_invalid"
        },
    },
)
def ask_for_invoice(
    order_id: str, body: InvoiceIn, caller: CallerDep, db: Db, clock: ClockDep
) -> dict[str, Any]:
    """申请发票: within a month of payment, not for study-card or ¥0 orders."""
    order = _own_order(db, caller.account.id, order_id)
    invoice = request_invoice(
        db,
        order,
        title_type=body.title_type,
        title=body.title,
        tax_number=body.tax_number,
        email=body.email,
        now=clock.now(),
    )
    db.commit()
    log.info(
        "invoice asked for order %s by %s", order.number, mask_id_number(caller.account.id_number)
    )
    return invoice_out(invoice, order.number)


@router.get("/orders/{order_id}/invoice", response_model=InvoiceOut)
def get_invoice(order_id: str, caller: CallerDep, db: Db) -> dict[str, Any]:
    order = _own_order(db, caller.account.id, order_id)
    return invoice_out(_invoice_of(db, order), order.number)


@router.get(
    "/orders/{order_id}/invoice/pdf",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}},
        404: {"description": "no invoice"},
        409: {"description": "invoice_not_issued"},
    },
)
def invoice_pdf(order_id: str, caller: CallerDep, db: Db) -> Response:
    """The e-invoice PDF made by the platform, once issued."""
    order = _own_order(db, caller.account.id, order_id)
    invoice = _invoice_of(db, order)
    if invoice.status != ISSUED or invoice.pdf is None:
        raise ApiError(409, "invoice_not_issued", "发票尚未开具，开具后会发送至您的邮箱")
    return Response(
        content=invoice.pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="invoice-{invoice.number}.pdf"'},
    )
