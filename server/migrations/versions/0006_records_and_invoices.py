"""Invoices, credit records, the report outbox and the province's ledger and history.

Also widens ``notifications.recipient`` so that an e-mail address fits (invoice notices).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(
    table: str, column: str, target: str, ondelete: str | None = None
) -> sa.ForeignKeyConstraint:
    """A foreign key named by the models' naming convention (fk_<table>_<column>_<target>)."""
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("title_type", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("tax_number", sa.String(length=18), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=True),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        _fk("invoices", "order_id", "orders", "CASCADE"),
        _fk("invoices", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("order_id", name=op.f("uq_invoices_order_id")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    op.create_index(op.f("ix_invoices_account_id"), "invoices", ["account_id"])
    op.create_index(op.f("ix_invoices_status"), "invoices", ["status"])
    op.create_table(
        "credit_records",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("course_type", sa.String(length=16), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("learning_mode", sa.String(length=16), nullable=True),
        sa.Column("credits_tenths", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("reported_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("reviewer_phone", sa.String(length=32), nullable=True),
        _fk("credit_records", "account_id", "accounts", "CASCADE"),
        _fk("credit_records", "institution_id", "institutions", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_records")),
        sa.UniqueConstraint(
            "account_id",
            "year",
            "course_type",
            name="uq_credit_records_account_id_year_course_type",
        ),
    )
    op.create_index(op.f("ix_credit_records_state"), "credit_records", ["state"])
    op.create_table(
        "report_outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("report_key", sa.String(length=96), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_until", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        _fk("report_outbox", "record_id", "credit_records", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_outbox")),
        sa.UniqueConstraint("record_id", name=op.f("uq_report_outbox_record_id")),
        sa.UniqueConstraint("report_key", name=op.f("uq_report_outbox_report_key")),
    )
    op.create_index(op.f("ix_report_outbox_next_try_at"), "report_outbox", ["next_try_at"])
    op.create_table(
        "province_receipts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_key", sa.String(length=96), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_receipts")),
        sa.UniqueConstraint("report_key", name=op.f("uq_province_receipts_report_key")),
    )
    op.create_index(op.f("ix_province_receipts_id_number"), "province_receipts", ["id_number"])
    op.create_table(
        "province_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("course_type", sa.String(length=16), nullable=False),
        sa.Column("content", sa.String(length=200), nullable=False),
        sa.Column("credits_tenths", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_province_history")),
    )
    op.create_index("ix_province_history_id_number_year", "province_history", ["id_number", "year"])
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column(
            "recipient",
            existing_type=sa.String(length=32),
            type_=sa.String(length=254),
            existing_nullable=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column(
            "recipient",
            existing_type=sa.String(length=254),
            type_=sa.String(length=32),
            existing_nullable=False,
        )
    op.drop_index("ix_province_history_id_number_year", table_name="province_history")
    op.drop_table("province_history")
    op.drop_index(op.f("ix_province_receipts_id_number"), table_name="province_receipts")
    op.drop_table("province_receipts")
    op.drop_index(op.f("ix_report_outbox_next_try_at"), table_name="report_outbox")
    op.drop_table("report_outbox")
    op.drop_index(op.f("ix_credit_records_state"), table_name="credit_records")
    op.drop_table("credit_records")
    op.drop_index(op.f("ix_invoices_status"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_account_id"), table_name="invoices")
    op.drop_table("invoices")
