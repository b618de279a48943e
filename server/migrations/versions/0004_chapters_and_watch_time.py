"""Chapters, watch events, chapter progress, course completion and server secrets.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
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
        "chapters",
        sa.Column("id", sa.String(length=96), nullable=False),
        sa.Column("course_id", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("media_file", sa.String(length=200), nullable=False),
        sa.Column("handout_file", sa.String(length=200), nullable=True),
        sa.Column("preview_file", sa.String(length=200), nullable=True),
        sa.Column("preview_ms", sa.Integer(), nullable=False),
        _fk("chapters", "course_id", "courses", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chapters")),
    )
    op.create_index(
        "ix_chapters_course_position", "chapters", ["course_id", "position"], unique=False
    )
    op.create_table(
        "watch_events",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("chapter_id", sa.String(length=96), nullable=False),
        sa.Column("from_ms", sa.Integer(), nullable=False),
        sa.Column("to_ms", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("app_version", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        _fk("watch_events", "account_id", "accounts", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_events")),
    )
    op.create_index("ix_watch_events_account_started", "watch_events", ["account_id", "started_at"])
    op.create_index("ix_watch_events_account_ended", "watch_events", ["account_id", "ended_at"])
    op.create_table(
        "chapter_progress",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("chapter_id", sa.String(length=96), nullable=False),
        sa.Column("intervals", sa.Text(), nullable=False),
        sa.Column("watched_ms", sa.Integer(), nullable=False),
        sa.Column("furthest_ms", sa.Integer(), nullable=False),
        sa.Column("last_position_ms", sa.Integer(), nullable=False),
        sa.Column("last_event_end", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("chapter_progress", "account_id", "accounts", "CASCADE"),
        _fk("chapter_progress", "chapter_id", "chapters", "CASCADE"),
        sa.PrimaryKeyConstraint("account_id", "chapter_id", name=op.f("pk_chapter_progress")),
    )
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secrets")),
    )
    with op.batch_alter_table("course_progress") as batch:
        batch.add_column(sa.Column("completed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("course_progress") as batch:
        batch.drop_column("completed_at")
    op.drop_table("server_secrets")
    op.drop_table("chapter_progress")
    op.drop_index("ix_watch_events_account_ended", table_name="watch_events")
    op.drop_index("ix_watch_events_account_started", table_name="watch_events")
    op.drop_table("watch_events")
    op.drop_index("ix_chapters_course_position", table_name="chapters")
    op.drop_table("chapters")
