"""Money that cannot double: one live order per learner and package, idempotency keys, refunds (issue 15, part 3).

``order_items`` gains ``account_id`` and ``live`` (copied from its order: pending or paid)
and a partial unique index on (account_id, package_id) where live, so the database itself
refuses a second live order of a package.  ``payments`` gains ``refund_reason`` (a payment
confirmed after its package closed is kept as ``refund_due``).  ``idempotency_keys`` keeps
the first answer of each ``Idempotency-Key``.  Only new tables and plain ADD COLUMN: batch
mode would copy and drop ``order_items``/``payments`` (see 0007).

Orders placed before this revision may already hold two live orders of a package (the
races it closes).  Of those, the pending duplicates are cancelled with their pending
payments, as a newer order would have superseded them; a paid duplicate stays paid (money
was taken: a person settles it) but only the order its enrollment came from stays live.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LIVE_INDEX = "uq_order_items_live_account_package"


def _fill_order_items() -> None:
    """Copy each order's learner and liveness onto its items."""
    op.execute(
        "UPDATE order_items SET account_id = "
        "(SELECT orders.account_id FROM orders WHERE orders.id = order_items.order_id)"
    )
    op.execute(
        "UPDATE order_items SET live = "
        "(SELECT orders.status IN ('pending', 'paid') FROM orders "
        "WHERE orders.id = order_items.order_id)"
    )


def _settle_duplicates() -> None:
    """Leave at most one live item per learner and package before the index is made."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT i.id, i.account_id, i.package_id, o.id, o.status, o.created_at, "
            "(SELECT COUNT(*) FROM enrollments e WHERE e.order_id = o.id "
            " AND e.package_id = i.package_id) "
            "FROM order_items i JOIN orders o ON o.id = i.order_id "
            "WHERE i.live AND (i.account_id, i.package_id) IN ("
            " SELECT account_id, package_id FROM order_items WHERE live "
            " GROUP BY account_id, package_id HAVING COUNT(*) > 1)"
        )
    ).all()
    groups: dict[tuple[str, str], list[Any]] = {}
    for row in rows:
        groups.setdefault((str(row[1]), str(row[2])), []).append(row)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for group in groups.values():
        # Keep: the order the enrollment came from, else a paid one, else the newest.
        group.sort(key=lambda r: (bool(r[6]), r[4] == "paid", str(r[5])), reverse=True)
        for row in group[1:]:
            bind.execute(
                sa.text("UPDATE order_items SET live = false WHERE id = :id"), {"id": row[0]}
            )
            if row[4] == "pending":
                bind.execute(
                    sa.text(
                        "UPDATE orders SET status = 'cancelled', cancelled_at = :now "
                        "WHERE id = :id AND status = 'pending'"
                    ),
                    {"id": row[3], "now": now},
                )
                bind.execute(
                    sa.text(
                        "UPDATE payments SET status = 'cancelled' "
                        "WHERE order_id = :id AND status = 'pending'"
                    ),
                    {"id": row[3]},
                )
                bind.execute(
                    sa.text("UPDATE order_items SET live = false WHERE order_id = :id"),
                    {"id": row[3]},
                )


def upgrade() -> None:
    op.add_column("order_items", sa.Column("account_id", sa.String(length=36), nullable=True))
    op.add_column(
        "order_items",
        sa.Column("live", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column("payments", sa.Column("refund_reason", sa.String(length=32), nullable=True))
    _fill_order_items()
    _settle_duplicates()
    op.create_index(
        _LIVE_INDEX,
        "order_items",
        ["account_id", "package_id"],
        unique=True,
        sqlite_where=sa.text("live"),
        postgresql_where=sa.text("live"),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_idempotency_keys_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    op.drop_index(_LIVE_INDEX, table_name="order_items")
    op.drop_column("payments", "refund_reason")
    op.drop_column("order_items", "live")
    op.drop_column("order_items", "account_id")
