"""Exam answers that a stale window cannot overwrite: a version per attempt (issue 15, part 6).

``exam_attempts`` gains ``version`` (grows by one with every change of the attempt; a save
or submit names the version it was based on with ``If-Match``) and ``submit_key`` (the
``Idempotency-Key`` of the submit that graded it).  Existing attempts start at version 1.

``exam_attempts`` is referenced by ``exam_answers``, so the columns are added with a plain
``ADD COLUMN``, never batch mode (see 0007/0008: a table rebuild would cascade deletes).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "exam_attempts",
        sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")),
    )
    op.add_column("exam_attempts", sa.Column("submit_key", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): no table rebuild.
    op.drop_column("exam_attempts", "submit_key")
    op.drop_column("exam_attempts", "version")
