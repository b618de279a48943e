"""Staff and administrators of an institution, and the audit log of their actions.

``accounts`` gains ``institution_id`` (staff only), ``disabled_at`` and ``last_login_at``.
On SQLite the foreign key is added with a plain ``ALTER TABLE … ADD COLUMN … REFERENCES``:
batch mode would copy and drop ``accounts``, and with foreign keys on, dropping it would
cascade into every learner's sessions, profile and orders.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACCOUNTS_FK = "fk_accounts_institution_id_institutions"


def _add_institution_id() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE accounts ADD COLUMN institution_id VARCHAR(32) "
            f"CONSTRAINT {_ACCOUNTS_FK} REFERENCES institutions (id) ON DELETE SET NULL"
        )
    else:
        op.add_column(
            "accounts",
            sa.Column(
                "institution_id",
                sa.String(length=32),
                sa.ForeignKey("institutions.id", name=_ACCOUNTS_FK, ondelete="SET NULL"),
                nullable=True,
            ),
        )


def upgrade() -> None:
    _add_institution_id()
    op.add_column("accounts", sa.Column("disabled_at", sa.DateTime(), nullable=True))
    op.add_column("accounts", sa.Column("last_login_at", sa.DateTime(), nullable=True))
    op.create_index(op.f("ix_accounts_institution_id"), "accounts", ["institution_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.String(length=36), nullable=True),
        sa.Column("actor_name", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("target_type", sa.String(length=32), nullable=True),
        sa.Column("target_id", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_audit_log_institution_id_institutions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["accounts.id"],
            name=op.f("fk_audit_log_actor_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_institution_id_id", "audit_log", ["institution_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_institution_id_id", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index(op.f("ix_accounts_institution_id"), table_name="accounts")
    op.drop_column("accounts", "last_login_at")
    op.drop_column("accounts", "disabled_at")
    # SQLite cannot drop a column a foreign key names, and batch mode would cascade (see
    # above): there the nullable column stays, unread by the older code.
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(_ACCOUNTS_FK, "accounts", type_="foreignkey")
        op.drop_column("accounts", "institution_id")
