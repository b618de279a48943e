"""The public-course exam: exams, the question bank, attempts and their saved answers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
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
        "exams",
        sa.Column("id", sa.String(length=96), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("paper", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("closes_at", sa.DateTime(), nullable=False),
        sa.Column("pass_score", sa.Integer(), nullable=False),
        sa.Column("time_limit_s", sa.Integer(), nullable=False),
        _fk("exams", "package_id", "packages", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exams")),
        sa.UniqueConstraint("package_id", name=op.f("uq_exams_package_id")),
    )
    op.create_table(
        "exam_questions",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("paper", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_questions")),
    )
    op.create_index("ix_exam_questions_paper_kind", "exam_questions", ["paper", "kind"])
    op.create_table(
        "exam_attempts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("exam_id", sa.String(length=96), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("deadline", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("question_ids", sa.Text(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("correct_count", sa.Integer(), nullable=True),
        _fk("exam_attempts", "exam_id", "exams", "CASCADE"),
        _fk("exam_attempts", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exam_attempts")),
        sa.UniqueConstraint(
            "exam_id",
            "account_id",
            "number",
            name="uq_exam_attempts_exam_id_account_id_number",
        ),
    )
    op.create_table(
        "exam_answers",
        sa.Column("attempt_id", sa.String(length=36), nullable=False),
        sa.Column("question_id", sa.String(length=32), nullable=False),
        sa.Column("option_ids", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        _fk("exam_answers", "attempt_id", "exam_attempts", "CASCADE"),
        sa.PrimaryKeyConstraint("attempt_id", "question_id", name=op.f("pk_exam_answers")),
    )


def downgrade() -> None:
    op.drop_table("exam_answers")
    op.drop_table("exam_attempts")
    op.drop_index("ix_exam_questions_paper_kind", table_name="exam_questions")
    op.drop_table("exam_questions")
    op.drop_table("exams")
