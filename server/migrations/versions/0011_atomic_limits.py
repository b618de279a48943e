"""Limits that hold under concurrency: tries reserved before the secret is checked (issue 15, part 4).

Login lockouts, reset-code tries and captchas keep their tables: what changed is how they are
updated (one conditional UPDATE reserves a try before the secret is compared,
``server.throttle``).  ``PUT /me/password`` gets a throttle of its own, a new table with the
columns of ``login_throttles``: wrong old passwords were never counted.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "password_change_throttles",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_password_change_throttles_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_password_change_throttles")),
    )


def downgrade() -> None:
    op.drop_table("password_change_throttles")
