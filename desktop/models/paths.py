"""Where the client keeps its files: one data directory, one cache file per account.

The account directory holds the learner's personal data (full ID number in the cached
``me`` record), so on POSIX it is created owner-only.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

log = logging.getLogger(__name__)

DATA_DIR_ENV = "KJCE_DATA_DIR"
ORGANIZATION = "KJCE"
APPLICATION = "KJCE Desktop"

_ACCOUNT_ID = re.compile(r"[A-Za-z0-9-]+")


def user_data_dir() -> Path:
    """The per-user data directory (``KJCE_DATA_DIR`` wins, for tests and portable use).

    Created on demand.  Qt's AppDataLocation depends on the organization and application
    names; they are set here explicitly so the answer does not depend on whether
    ``main`` has configured the QApplication yet.
    """
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override).expanduser()
    else:
        from PySide6.QtCore import QCoreApplication, QStandardPaths

        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)
        location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        path = Path(location) if location else Path.home() / ".kjce-desktop"
    path.mkdir(parents=True, exist_ok=True)
    return path


def account_cache_path(data_dir: Path, account_id: str) -> Path:
    """``data_dir/accounts/<account_id>/cache.sqlite3``.

    The account id comes from the server; it is checked so that a hostile or broken
    answer can never point the cache outside the data directory.  The directory itself is
    created by ``Cache.open``.
    """
    if not _ACCOUNT_ID.fullmatch(account_id):
        raise ValueError("account id must contain only letters, digits and '-'")
    return Path(data_dir) / "accounts" / account_id / "cache.sqlite3"
