"""The counter PC (前台电脑): where staff log in, and walk-ins try their first login.

A data folder in which a staff account has logged in is marked a counter PC (the file
``counter-pc`` in it).  There nothing of a learner outlives the learner's logout: the
account directories (the cache with name, full ID number and phone; downloads and
handouts) of every learner are removed — the one logging out and any left from before.
Only a cache whose outbox still holds study records the platform has not acknowledged is
kept, as those are the learner's credit (SPEC: the outbox is emptied only by the server's
acknowledgement); it goes at a later logout once they are sent.

Everything here is file work for the cache lane, after the session's cache is closed.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

from desktop.models.paths import account_cache_path

log = logging.getLogger(__name__)

MARKER = "counter-pc"


def mark_counter_pc(data_dir: Path) -> None:
    """A staff account logged in here: from now on this data folder is a counter PC."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / MARKER).touch()


def is_counter_pc(data_dir: Path) -> bool:
    return (data_dir / MARKER).is_file()


def unsent_records(cache_file: Path) -> int:
    """Items in the cache's outbox (0 without a cache); unreadable counts as unsent."""
    if not cache_file.is_file():
        return 0
    try:
        connection = sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT COUNT(*) FROM outbox").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        if "no such table" in str(exc):
            return 0
        log.warning("cannot read an outbox; its cache is kept: %s", type(exc).__name__)
        return 1
    return int(row[0])


def forget_learners(data_dir: Path) -> list[str]:
    """On a counter PC, remove the learners' account directories (not those with unsent
    records); the ids removed.  Elsewhere nothing is removed."""
    accounts = data_dir / "accounts"
    if not is_counter_pc(data_dir) or not accounts.is_dir():
        return []
    removed = []
    for folder in sorted(accounts.iterdir()):
        if not folder.is_dir():
            continue
        try:
            cache_file = account_cache_path(data_dir, folder.name)
        except ValueError:  # not an account directory of ours
            continue
        unsent = unsent_records(cache_file)
        if unsent:
            log.info("counter PC: a cache with %d unsent records is kept", unsent)
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder.name)
    if removed:
        log.info("counter PC: %d learner cache(s) removed at logout", len(removed))
    return removed
