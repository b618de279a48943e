"""Institutions, packages and their catalogs, orders, payments, study cards, enrollments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
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
        "institutions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_institutions")),
    )
    op.create_table(
        "learner_infos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("district_code", sa.String(length=12), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("learner_infos", "account_id", "accounts", "CASCADE"),
        _fk("learner_infos", "institution_id", "institutions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learner_infos")),
        sa.UniqueConstraint(
            "account_id", "institution_id", name="uq_learner_infos_account_id_institution_id"
        ),
    )

    op.create_table(
        "packages",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("course_type", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("credits_tenths", sa.Integer(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        _fk("packages", "institution_id", "institutions", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packages")),
    )
    op.create_index(
        "ix_packages_institution_year", "packages", ["institution_id", "year"], unique=False
    )
    op.create_index(op.f("ix_packages_year"), "packages", ["year"], unique=False)
    op.create_table(
        "courses",
        sa.Column("id", sa.String(length=80), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("teacher", sa.String(length=50), nullable=False),
        sa.Column("credits_tenths", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("trial_available", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        _fk("courses", "package_id", "packages", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
    )
    op.create_index(
        "ix_courses_package_position", "courses", ["package_id", "position"], unique=False
    )

    op.create_table(
        "orders",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        _fk("orders", "account_id", "accounts", "CASCADE"),
        _fk("orders", "institution_id", "institutions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("number", name=op.f("uq_orders_number")),
    )
    op.create_index(
        "ix_orders_account_created", "orders", ["account_id", "created_at"], unique=False
    )
    op.create_table(
        "order_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("course_type", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("credits_tenths", sa.Integer(), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        _fk("order_items", "order_id", "orders", "CASCADE"),
        _fk("order_items", "package_id", "packages"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_items")),
    )
    op.create_index(op.f("ix_order_items_order_id"), "order_items", ["order_id"], unique=False)
    op.create_index(op.f("ix_order_items_package_id"), "order_items", ["package_id"], unique=False)
    op.create_table(
        "payments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("provider", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("qr_payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        _fk("payments", "order_id", "orders", "CASCADE"),
        _fk("payments", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index(op.f("ix_payments_order_id"), "payments", ["order_id"], unique=False)

    op.create_table(
        "study_card_batches",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("issued_by", sa.String(length=50), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        _fk("study_card_batches", "package_id", "packages", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_card_batches")),
    )
    op.create_table(
        "study_cards",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("card_number", sa.String(length=32), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("used_by", sa.String(length=36), nullable=True),
        sa.Column("order_id", sa.String(length=36), nullable=True),
        _fk("study_cards", "batch_id", "study_card_batches", "CASCADE"),
        _fk("study_cards", "package_id", "packages", "CASCADE"),
        _fk("study_cards", "order_id", "orders", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["used_by"],
            ["accounts.id"],
            name=op.f("fk_study_cards_used_by_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_study_cards")),
        sa.UniqueConstraint("card_number", name=op.f("uq_study_cards_card_number")),
    )
    op.create_table(
        "card_throttles",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        _fk("card_throttles", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_card_throttles")),
    )

    op.create_table(
        "enrollments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("enrollments", "account_id", "accounts", "CASCADE"),
        _fk("enrollments", "package_id", "packages"),
        _fk("enrollments", "order_id", "orders"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollments")),
        sa.UniqueConstraint(
            "account_id", "package_id", name="uq_enrollments_account_id_package_id"
        ),
    )
    op.create_table(
        "selections",
        sa.Column("enrollment_id", sa.String(length=36), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("selected_at", sa.DateTime(), nullable=False),
        _fk("selections", "enrollment_id", "enrollments", "CASCADE"),
        _fk("selections", "course_id", "courses", "CASCADE"),
        sa.PrimaryKeyConstraint("enrollment_id", "course_id", name=op.f("pk_selections")),
    )
    op.create_table(
        "course_progress",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("watched_ms", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("course_progress", "account_id", "accounts", "CASCADE"),
        _fk("course_progress", "course_id", "courses", "CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "course_id", name=op.f("pk_course_progress")),
    )


def downgrade() -> None:
    op.drop_table("course_progress")
    op.drop_table("selections")
    op.drop_table("enrollments")
    op.drop_table("card_throttles")
    op.drop_table("study_cards")
    op.drop_table("study_card_batches")
    op.drop_index(op.f("ix_payments_order_id"), table_name="payments")
    op.drop_table("payments")
    op.drop_index(op.f("ix_order_items_package_id"), table_name="order_items")
    op.drop_index(op.f("ix_order_items_order_id"), table_name="order_items")
    op.drop_table("order_items")
    op.drop_index("ix_orders_account_created", table_name="orders")
    op.drop_table("orders")
    op.drop_index("ix_courses_package_position", table_name="courses")
    op.drop_table("courses")
    op.drop_index(op.f("ix_packages_year"), table_name="packages")
    op.drop_index("ix_packages_institution_year", table_name="packages")
    op.drop_table("packages")
    op.drop_table("learner_infos")
    op.drop_table("institutions")
