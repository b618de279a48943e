"""申请发票 / 查看详情's operations (``desktop/views/invoice_dialog.py``): the invoice's
state as the dialog shows it, and saving the e-invoice.  No widgets; ``save_invoice_pdf``
runs on a worker.  The rules themselves (the one-month window, study-card and free orders,
the request's fields) are ``desktop/models/invoices.py`` over ``rules/invoice.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.models.invoices import NOT_REQUESTED, Invoice, invoice_state

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Order


def dialog_state(order: Order, invoice: Invoice | None, now: dt.datetime) -> str:
    """The 发票状态 of *order* with *invoice* — the one the dialog holds, which may be newer
    than the order's (just requested, or re-read from the platform)."""
    return invoice_state(replace(order, invoice=invoice), now)


def may_request(order: Order, invoice: Invoice | None, now: dt.datetime) -> bool:
    """Whether 申请发票 is offered: no invoice yet and none of the rules says no."""
    return dialog_state(order, invoice, now) == NOT_REQUESTED


def save_invoice_pdf(api: ApiClient, order_id: str, path: str) -> str:
    """Download the order's e-invoice and write it to *path* (network lane); *path* back.

    ``OSError`` when it cannot be written there (the dialog asks for another place).
    """
    Path(path).write_bytes(api.invoice_pdf(order_id))
    return path
