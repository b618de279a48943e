"""Alembic migrations, run from code so that no alembic.ini is needed at the working directory."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(db_url: str) -> Config:
    """An in-memory Alembic config pointing at this package."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    # ConfigParser interpolation would eat the % of URL-encoded passwords.
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    return config


def upgrade_to_head(db_url: str) -> None:
    """Bring the database schema to the newest revision (idempotent)."""
    command.upgrade(alembic_config(db_url), "head")
    log.info("database schema at revision %s", head_revision())


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
