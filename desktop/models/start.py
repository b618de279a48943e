"""The app's start, as operations: what this PC remembers, then what the platform says.

``read_remembered`` runs first, on the cache lane and without the network, so that a
remembered learner's 个人主页 is painted from the cache before the platform has answered;
``reach_platform`` then asks the platform (its health and clock, and whether the
remembered session still holds).  ``desktop/app.py`` routes by their answers.  Imported
on a worker, after the login window shows (issue 16's start-up guard).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.models.api import ApiClient
from desktop.models.api_types import Health, Me, Tokens
from desktop.models.cache import Cache
from desktop.models.counter_pc import is_counter_pc
from desktop.models.errors import AuthExpired
from desktop.models.paths import account_cache_path
from desktop.models.platform_clock import PlatformClock, stored_offset
from desktop.models.session_store import SessionStore, StoredSession

log = logging.getLogger(__name__)


@dataclass
class Remembered:
    """What this PC alone says at start: the keyring's login and the account's cache."""

    api: ApiClient
    store: SessionStore
    can_remember: bool
    stored: StoredSession | None
    cache: Cache | None
    """The remembered account's cache, open, when it holds the account (else None)."""
    me: Me | None
    """The account as that cache last saw it."""
    clock_offset: dt.timedelta | None
    """The platform's clock offset that cache kept from the last start."""
    counter_pc: bool = False
    """This data folder is a counter PC's: no learner is remembered here."""


@dataclass
class Connected:
    """What the platform said at start."""

    api: ApiClient
    health: Health
    restored_for: str | None
    """The remembered account this answer is about (None: nothing was remembered)."""
    restored: Me | None
    """That account as the platform sees it, when the remembered session still holds."""


def read_remembered(
    url: str, data_dir: Path, on_tokens_changed: Callable[[Tokens | None], None]
) -> Remembered:
    """Cache lane, no network: the keyring's login for *url* and its account's cache.

    The client is made here too, with the remembered tokens; it loads its HTTP stack only
    with its first call, so a remembered learner's shell opens without waiting for it.
    """
    api = ApiClient(url, on_tokens_changed=on_tokens_changed)
    store = SessionStore(url)
    can_remember = store.available()
    stored = store.load() if can_remember else None
    counter_pc = is_counter_pc(data_dir)
    if counter_pc and stored is not None:
        # A login remembered before staff used this PC (or by an older version): on a
        # counter PC the next person would enter as that learner.  Forgotten, not restored.
        log.info("counter PC: a remembered login is forgotten, not restored")
        store.clear()
        stored = None
    cache, me, offset = None, None, None
    if stored is not None:
        api.set_tokens(stored.tokens)
        path = account_cache_path(data_dir, stored.account_id)
        if path.exists():  # a first start on this PC has none: the platform's answer routes
            try:
                cache = Cache.open(path)
                me = cache.get_me()
                offset = stored_offset(cache)
            except Exception as exc:  # a damaged cache: the platform's answer routes instead
                log.warning("the remembered account's cache did not open: %s", exc)
                me = None
            if me is None and cache is not None:
                cache.close()
                cache = None
    return Remembered(api, store, can_remember, stored, cache, me, offset, counter_pc)


def reach_platform(
    api: ApiClient, store: SessionStore, stored: StoredSession | None, clock: PlatformClock
) -> Connected:
    """Network lane: the platform's health (and its clock), then whether the remembered
    session still holds (forgotten when it does not)."""
    health = clock.measure(api.health, lambda health: health.server_time)
    if stored is None:
        return Connected(api, health, None, None)
    try:
        restored: Me | None = api.me()
    except AuthExpired:
        store.clear()
        api.set_tokens(None)
        restored = None
    return Connected(api, health, stored.account_id, restored)
