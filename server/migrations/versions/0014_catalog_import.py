"""Catalogs imported by institutions (issue 19): question banks with an owner, retired questions.

``exam_papers`` records which institution a question bank (题库) belongs to, so that one
institution's import can use another's bank (the province's public paper) but never change
it.  ``exam_questions`` gains ``retired_at``: a question left out of a corrected workbook is
no longer drawn, yet stays for the attempts that drew it (their grades and review).

Both are plain ``CREATE TABLE`` / ``ADD COLUMN``, never batch mode (see 0007/0008).  A bank
loaded before this revision has no ``exam_papers`` row; the first import that names it
claims it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "exam_papers",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("institution_id", sa.String(length=32), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institutions.id"],
            name=op.f("fk_exam_papers_institution_id_institutions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_papers")),
    )
    op.add_column("exam_questions", sa.Column("retired_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): no table rebuild.
    op.drop_column("exam_questions", "retired_at")
    op.drop_table("exam_papers")
