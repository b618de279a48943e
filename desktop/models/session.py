"""One learner's login, from 登录 (or a remembered start) to 退出登录 or expiry.

A ``Session`` holds what belongs to that login and nothing else: the API client holding its
tokens, the account (``Me``, kept current as it changes), the platform's clock, the
account's directory, its cache, the sync engine over that cache and the watch journal of
its lectures.  The learner's pages are built for one session and get it in their
constructor (``desktop/app.py`` makes them again for the next login), so no page asks an
application object for a cache that may not exist yet or may belong to someone else.

The cache opens on the serial cache lane just after the login (a remembered start hands
over the cache it opened already): ``cache_ready`` says when it is open and syncing; until
then ``cache`` and ``sync`` are ``None`` and a page that needs them waits for that signal.
A cache that cannot be opened is ``cache_failed`` with the message for the learner; the
app then goes back to the login.  ``close`` ends the session; its journal still takes a
playing lecture's last intervals afterwards, into the account's file (nothing is lost when
a session expires mid-lecture, SPEC §2).

Nothing here is imported before the login window shows (tests/desktop/test_startup_imports.py):
the cache, sync and journal modules load when a session starts.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from desktop.i18n import tr
from desktop.models.paths import account_cache_path

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Health, Me
    from desktop.models.cache import Cache
    from desktop.models.changes import ChangeBus, Changes
    from desktop.models.platform_clock import PlatformClock
    from desktop.models.sync import SyncEngine
    from desktop.models.tasks import TaskRunner
    from desktop.models.watch_journal import WatchJournal

log = logging.getLogger(__name__)


class Session(QObject):
    """A learner's login: api, account, clock, account directory, cache, sync, journal.

    *health* is the platform's last answer to its health check (``None`` while a
    remembered start has not heard from it); the app keeps it current.

    Signals:
        cache_ready(object): the account's cache is open and its sync engine made (the
            ``Cache``); the sync starts right after the slots have run.
        cache_failed(str): the cache could not be opened (the message, in Chinese); the
            session holds no cache and the app returns to the login.
        me_changed(object): the account changed (the new ``Me``).
        ended(): the session was closed (退出登录, expiry, a failed cache).
    """

    cache_ready = Signal(object)
    cache_failed = Signal(str)
    me_changed = Signal(object)
    ended = Signal()

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        *,
        api: ApiClient,
        me: Me,
        data_dir: Path,
        platform_clock: PlatformClock,
        health: Health | None,
    ) -> None:
        super().__init__()
        self._tasks = tasks
        self._bus = bus
        self.api = api
        self.me = me
        self.platform_clock = platform_clock
        """The platform's "now": days, deadlines and watch events are reckoned by it."""
        self.health = health
        self.cache_path = account_cache_path(data_dir, me.id)
        self.account_dir = self.cache_path.parent
        """The account's own directory (its cache, downloads, handouts)."""
        self.cache: Cache | None = None
        """Open from ``cache_ready`` until ``close``."""
        self.sync: SyncEngine | None = None
        """Made with the cache (``cache_ready``), stopped by ``close``."""
        self.is_closed = False
        self._pages: list[QObject] = []
        """The pages built for this session (``adopt``): their work is the session's."""
        from desktop.models.watch_journal import WatchJournal

        self.journal: WatchJournal = WatchJournal(tasks, lambda: self.cache, self)
        """Where this account's watched intervals go; after ``close`` straight into its file."""
        self.journal.account_path = self.cache_path
        self.journal.journaled.connect(self._on_journaled)
        bus.changed.connect(self._on_changed)

    # -- the cache ----------------------------------------------------------------------

    def open_cache(self, cache: Cache | None = None) -> None:
        """Open the account's cache on the cache lane, or take *cache*, opened already by a
        remembered start (then ``cache_ready`` is emitted before this returns)."""
        if cache is not None:
            self._on_cache_opened(cache)
            return
        path, me = self.cache_path, self.me

        def open_cache() -> Cache:
            from desktop.models.cache import Cache

            opened = Cache.open(path)
            try:
                opened.put_me(me)
            except BaseException:
                opened.close()
                raise
            return opened

        # Not parented to the session: a cache opened after a quick logout is still closed.
        self._tasks.op(
            run=open_cache, success=self._on_cache_opened, failure=self._on_cache_failed,
            lane="cache",
        ).start()  # fmt: skip

    def _on_cache_opened(self, cache: Cache) -> None:
        if self.is_closed:  # logged out while it opened
            self._tasks.op(run=cache.close, lane="cache").start()
            return
        from desktop.models.sync import SyncEngine

        self.cache = cache
        sync = SyncEngine(self.api, cache, self._tasks, self._bus, self)
        self.sync = sync
        self._register_sync_parts(sync)
        self.cache_ready.emit(cache)
        if self.sync is sync:  # (a slot may have closed the session)
            sync.start()
            self.keep_clock_offset()

    def _register_sync_parts(self, sync: SyncEngine) -> None:
        """What the sync keeps current in the cache, and what it pushes from the outbox."""
        from desktop.models.credit_records import refresh_credit_records
        from desktop.models.exam_cache import EXAM_ANSWER, push_exam_answers, refresh_exams
        from desktop.models.learning_cache import refresh_enrollments
        from desktop.models.purchase_cache import refresh_orders
        from desktop.models.watch_journal import WATCH_EVENT, refresh_progress

        sync.register_refresher("order", refresh_orders)
        sync.register_refresher("enrollment", refresh_enrollments)
        sync.register_refresher("progress", refresh_progress)
        sync.register_refresher("credit_record", refresh_credit_records)
        sync.register_refresher("exam", refresh_exams)
        sync.register_pusher(EXAM_ANSWER, push_exam_answers)
        sync.register_pusher(WATCH_EVENT, self.journal.pusher)
        sync.sync_finished.connect(self._after_sync)

    def _on_cache_failed(self, exc: BaseException) -> None:
        log.error("the account's cache did not open: %s", type(exc).__name__, exc_info=exc)
        if self.is_closed:
            return
        self.cache_failed.emit(
            tr(
                "无法打开本机保存的学习数据（{folder}）。请检查磁盘空间和该文件夹的权限，"
                "然后重新登录；如仍失败，请联系客服。"
            ).format(folder=str(self.account_dir))
        )

    def keep_clock_offset(self) -> None:
        """Keep the platform's clock offset, measured by the health check, in the account's
        cache: the next remembered start reckons by it before the platform answers."""
        cache, health, offset = self.cache, self.health, self.platform_clock.offset
        if cache is None or health is None or not health.server_time:
            return
        from desktop.models.platform_clock import store_offset

        self._tasks.op(run=lambda: store_offset(cache, offset), lane="cache").start()

    # -- the account --------------------------------------------------------------------

    def set_me(self, me: Me) -> None:
        """The account as the platform or the cache sees it now."""
        self.me = me
        self.me_changed.emit(me)

    def store_me(self, me: Me) -> None:
        """The platform's answer about the account: shown now and kept in the cache."""
        self.set_me(me)
        cache = self.cache
        if cache is not None:
            self._tasks.op(run=lambda: cache.put_me(me), lane="cache").start()

    def _on_changed(self, changes: Changes) -> None:
        cache = self.cache
        if changes.me and cache is not None:
            self._tasks.op(
                run=cache.get_me, success=self._on_me_read, parent=self, lane="cache"
            ).start()

    def _on_journaled(self) -> None:
        """Watch time entered the outbox: every view of it shows it now, offline too."""
        from desktop.models.changes import Changes

        self._bus.announce(Changes(journal=True))

    def _on_me_read(self, me: Me | None) -> None:
        if me is not None and not self.is_closed:
            self.set_me(me)

    # -- the sync -----------------------------------------------------------------------

    def push_every(self, seconds: float | None) -> None:
        """While a lecture plays, push at its policy's interval (*seconds*); ``None`` when it
        stops: back to the usual interval, and one push once the last intervals are in the
        outbox (they are still being journalled on the serial cache lane)."""
        from desktop.models.sync import DEFAULT_INTERVAL_S

        sync = self.sync
        if sync is None:
            return
        if seconds is not None:
            sync.interval_s = min(DEFAULT_INTERVAL_S, seconds)
            return
        sync.interval_s = DEFAULT_INTERVAL_S
        self._tasks.op(run=lambda: None, success=lambda _r: sync.sync_now(), parent=sync,
                       lane="cache").start()  # fmt: skip

    def _after_sync(self) -> None:
        """Watch events were accepted: pull once more, so the new progress shows now."""
        if self.sync is not None and self.journal.take_accepted():
            self.sync.sync_now()

    # -- the end ------------------------------------------------------------------------

    def adopt(self, page: QObject) -> None:
        """*page* was built for this session: its ops (and its dialogs') end with it."""
        self._pages.append(page)

    def cancel_work(self) -> int:
        """Cancel the running work of this login — its sync, its pages' downloads, reads
        and imports, their requests in flight — and nothing else (the revoke of its tokens,
        the keyring, another window's work go on); how many ops."""
        return self._tasks.cancel_owned(self, *self._pages)

    def close(self) -> None:
        """Stop syncing and close the cache (on the cache lane, after the work queued there);
        ``ended`` then.  Closing twice does nothing."""
        if self.is_closed:
            return
        self.is_closed = True
        self._bus.changed.disconnect(self._on_changed)
        sync, self.sync = self.sync, None
        if sync is not None:
            sync.stop()
            sync.deleteLater()
        cache, self.cache = self.cache, None
        if cache is not None:
            self._tasks.op(run=cache.close, lane="cache").start()
        self.ended.emit()

    def close_now(self) -> None:
        """At quit, once the task runner is closed: the cache closes on this thread."""
        self.is_closed = True
        if self.sync is not None:
            self.sync.stop()
        cache, self.cache = self.cache, None
        if cache is not None:
            cache.close()
