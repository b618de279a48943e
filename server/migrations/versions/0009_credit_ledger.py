"""The credit ledger: the wall-clock time credited to each learner (issue 15, part 1).

``credit_spans`` holds each learner's credited wall-clock time, merged; ``watch_events``
gains ``credited_ms`` (an accepted event may be credited for a prefix of its interval, and
a retry must answer the same).  Existing accepted events were credited in full: the ledger
starts as the union of their wall-clock spans.  The two indexes of ``watch_events`` on
(account, time) served the old overlap check, which the ledger replaces.

``watch_events`` is referenced by no table, and the column is added with a plain
``ADD COLUMN``: no batch mode (see 0007/0008).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BACKFILL_CHUNK = 5_000


def upgrade() -> None:
    spans = op.create_table(
        "credit_spans",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_credit_spans_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "started_at", name=op.f("pk_credit_spans")),
    )
    op.create_index(
        "ix_credit_spans_account_id_ended_at", "credit_spans", ["account_id", "ended_at"]
    )
    op.add_column("watch_events", sa.Column("credited_ms", sa.Integer(), nullable=True))
    op.execute("UPDATE watch_events SET credited_ms = to_ms - from_ms WHERE outcome = 'accepted'")
    _backfill_ledger(spans)
    op.drop_index("ix_watch_events_account_started", table_name="watch_events")
    op.drop_index("ix_watch_events_account_ended", table_name="watch_events")


def _backfill_ledger(spans: sa.Table) -> None:
    """The union of each learner's accepted wall-clock spans, learner by learner."""
    rows = op.get_bind().execute(
        sa.text(
            "SELECT account_id, started_at, ended_at FROM watch_events "
            "WHERE outcome = 'accepted' ORDER BY account_id, started_at"
        )
    )
    merged: list[tuple[str, dt.datetime, dt.datetime]] = []
    for account_id, started_at, ended_at in rows:
        start, end = _naive(started_at), _naive(ended_at)
        if merged and merged[-1][0] == account_id and start <= merged[-1][2]:
            merged[-1] = (account_id, merged[-1][1], max(end, merged[-1][2]))
        elif end > start:
            merged.append((account_id, start, end))
    for chunk in range(0, len(merged), _BACKFILL_CHUNK):
        op.bulk_insert(
            spans,
            [
                {"account_id": account_id, "started_at": start, "ended_at": end}
                for account_id, start, end in merged[chunk : chunk + _BACKFILL_CHUNK]
            ],
        )


def _naive(value: object) -> dt.datetime:
    """A stored time as the naive UTC datetime both databases keep (SQLite hands out text)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


def downgrade() -> None:
    op.create_index("ix_watch_events_account_ended", "watch_events", ["account_id", "ended_at"])
    op.create_index("ix_watch_events_account_started", "watch_events", ["account_id", "started_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE watch_events DROP COLUMN credited_ms")
    else:
        op.drop_column("watch_events", "credited_ms")
    op.drop_index("ix_credit_spans_account_id_ended_at", table_name="credit_spans")
    op.drop_table("credit_spans")
