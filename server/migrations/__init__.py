"""Alembic migrations, run from code so that no alembic.ini is needed at the working directory.

Alembic is imported only when a migration runs: ``script_head`` reads the newest revision
from the revision files themselves, so a start whose database is already there (almost
every start of the embedded platform) compares two strings and goes on serving.
"""

from __future__ import annotations

import ast
import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).resolve().parent
VERSIONS = SCRIPT_LOCATION / "versions"

# ``revision: str = "0012"`` / ``down_revision: str | None = "0011"`` at a line's start, as
# Alembic's template writes them; the value is a Python literal (a tuple for a merge).
_ASSIGNMENT = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(db_url: str) -> Config:
    """An in-memory Alembic config pointing at this package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    # ConfigParser interpolation would eat the % of URL-encoded passwords.
    config.set_main_option("sqlalchemy.url", db_url.replace("%", "%%"))
    return config


def upgrade_to_head(db_url: str) -> None:
    """Bring the database schema to the newest revision (idempotent)."""
    from alembic import command

    command.upgrade(alembic_config(db_url), "head")
    log.info("database schema at revision %s", head_revision())


def head_revision() -> str | None:
    """The newest revision as Alembic sees it (imports Alembic; ``script_head`` does not)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@cache
def script_head() -> str | None:
    """The newest revision, read from the revision files without importing Alembic.

    None when the files do not name exactly one head (Alembic then decides, or refuses).
    A test holds it equal to ``head_revision``.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        found = dict(_ASSIGNMENT.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (ValueError, SyntaxError):
            return None
        revisions.add(str(revision))
        if isinstance(down, str):
            parents.add(down)
        elif isinstance(down, tuple | list):
            parents.update(str(item) for item in down)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
