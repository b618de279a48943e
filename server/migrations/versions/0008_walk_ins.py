"""Walk-ins registered at an institution's counter, and who took a payment there.

``orders`` gains ``paid_by`` (the staff member of a counter payment).  On SQLite the
foreign key is added with a plain ``ALTER TABLE … ADD COLUMN … REFERENCES``, as in 0007:
batch mode would copy and drop ``orders`` and cascade into enrollments and invoices.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ORDERS_FK = "fk_orders_paid_by_accounts"


def _add_paid_by() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE orders ADD COLUMN paid_by VARCHAR(36) "
            f"CONSTRAINT {_ORDERS_FK} REFERENCES accounts (id) ON DELETE SET NULL"
        )
    else:
        op.add_column(
            "orders",
            sa.Column(
                "paid_by",
                sa.String(length=36),
                sa.ForeignKey("accounts.id", name=_ORDERS_FK, ondelete="SET NULL"),
                nullable=True,
            ),
        )


def upgrade() -> None:
    _add_paid_by()
    op.create_table(
        "walk_ins",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("registered_by", sa.String(length=36), nullable=True),
        sa.Column("registered_by_name", sa.String(length=50), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_walk_ins_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_walk_ins_institution_id_institutions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["registered_by"],
            ["accounts.id"],
            name=op.f("fk_walk_ins_registered_by_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_walk_ins")),
    )
    op.create_index(
        "ix_walk_ins_institution_id_registered_at",
        "walk_ins",
        ["institution_id", "registered_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_walk_ins_institution_id_registered_at", table_name="walk_ins")
    op.drop_table("walk_ins")
    # SQLite cannot drop a column a foreign key names (see 0007): there it stays, unread.
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(_ORDERS_FK, "orders", type_="foreignkey")
        op.drop_column("orders", "paid_by")
