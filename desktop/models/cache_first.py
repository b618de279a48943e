"""Cache first, then the platform: how a page loads its rows, and which answers it drops.

A page shows what the account's cache holds at once (and offline), then asks the platform,
whose answer is stored in the cache and replaces what is shown.  The answers race:

* the cache read (cache lane) and the platform's answer (network lane) of one load may come
  back in either order.  The platform's is the newer, so a cache read that arrives after
  it is dropped: it would put older rows back on screen.
* a newer load (another filter, a change the sync announced, a reload) supersedes the
  older ones.  Their late answers and failures are dropped: the page would flip back to
  what was asked before, or show an error about a question nobody asks any more.  But an
  answer superseded only by a cache re-read was stored in the cache after that read may
  have run: the cache is read once more, so the page ends on what the cache holds.

Each load is numbered (its generation); an answer counts only while its load is the
newest.  ``CacheFirstLoad`` keeps that bookkeeping so the views only say what to read, what
to fetch and how to show it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QWidget

from desktop.models.errors import PlatformUnreachable, is_unreachable, logged

if TYPE_CHECKING:
    from desktop.models.cache import Cache
    from desktop.models.changes import ChangeBus, Changes
    from desktop.models.tasks import TaskRunner

T = TypeVar("T")


class CacheFirstLoad(QObject, Generic[T]):
    """The loads of one page: the cache's rows first, then the platform's (see the module).

    *show* gets the cache's rows and, unless *show_fetched* is given, the platform's.
    *offline* is called when the platform cannot be reached (or there is no connection at
    all): the page says that it shows what was saved last.  *failed* gets any other
    failure of the platform.  They run on the GUI thread, for the newest load only; a cache
    read that fails or finds nothing shows nothing.

    *cache_ready*: the cache opens just after login (the session's ``cache_ready``); a
    read asked while it is not open yet runs when that signal comes, if its load is still
    the newest.  Without it such a read is skipped.

    *stamped*: the rows carry the moment their request was sent and *show* itself keeps
    the newest (选课's catalogs, where a click made after a request was sent must not be
    undone).  Then every answer is shown, only failures and cache retries belong to the
    newest load, and ``read_cache`` does not start a new load.

    *bus*, *online* and *reload*: when a load found the platform unreachable and the bus
    then says it answers again (``Changes.online``, as ● 在线 shows), *online* takes the
    offline notice away and *reload* asks the platform again.
    """

    def __init__(
        self,
        tasks: TaskRunner,
        page: QWidget,
        *,
        cache: Callable[[], Cache | None],
        progress: str,
        show: Callable[[T], None],
        offline: Callable[[], None],
        failed: Callable[[BaseException], None],
        show_fetched: Callable[[T], None] | None = None,
        cache_ready: SignalInstance | None = None,
        stamped: bool = False,
        bus: ChangeBus | None = None,
        online: Callable[[], None] | None = None,
        reload: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(page)
        self._tasks = tasks
        self._page = page
        self._cache = cache
        self._progress = progress
        self._show = show
        self._show_fetched = show_fetched or show
        self._offline = offline
        self._failed = failed
        self._waiting: tuple[int, Callable[[Cache], T | None]] | None = None
        """The read asked before the cache was open (its load and what to read)."""
        if cache_ready is not None:
            cache_ready.connect(self._on_cache_ready)
        self._stamped = stamped
        self._generation = 0
        self._fetched_generation = -1
        self._revivable: int | None = None
        """A load superseded by ``read_cache`` whose platform answer may still be shown."""
        self._started = 0
        """The newest load with a fetch (``start``)."""
        self._reread: Callable[[Cache], T | None] | None = None
        """The newest ``read_cache`` since then: when the started load's answer comes after
        it, the cache is read again (the answer was stored there)."""
        self._offline_shown = False
        """The newest answer was "unreachable" (the page says it shows what was saved)."""
        self._online = online
        self._reload = reload
        if bus is not None:
            bus.changed.connect(self._on_changed)

    @property
    def generation(self) -> int:
        """The number of the newest load (0 before the first)."""
        return self._generation

    def start(self, read: Callable[[Cache], T | None], fetch: Callable[[], T] | None) -> None:
        """A new load: *read* on the cache lane, *fetch* on the network lane.

        *read* gets the open cache and answers its rows, or ``None`` when it has none.
        *fetch* is ``None`` when there is no platform connection: the cache's rows are
        shown and *offline* is called at once.
        """
        self._generation += 1
        self._revivable = None
        self._reread = None
        self._started = self._generation
        generation = self._generation
        self._read(generation, read)
        if fetch is None:
            self._on_failed(generation, PlatformUnreachable("not connected"))
            return
        self._tasks.op(
            run=fetch,
            success=lambda rows: self._on_fetched(generation, rows),
            failure=lambda exc: self._on_failed(generation, exc),
            parent=self,
        ).with_progress(self._progress).start()

    def read_cache(self, read: Callable[[Cache], T | None]) -> None:
        """Show the cache's rows again (the sync has just stored what changed).

        A new load without a fetch: the cache's rows supersede the platform's answer still
        on its way (they are newer).  But when the cache has none (a page opened the moment
        a change arrived, before its first answer), that answer still counts: dropping it
        would leave the page empty.
        """
        if not self._stamped:
            self._revivable = self._generation
            self._reread = read
            self._generation += 1
        self._read(self._generation, read)

    def _read(self, generation: int, read: Callable[[Cache], T | None]) -> None:
        cache = self._cache()
        if cache is None:
            self._waiting = (generation, read)
            return
        self._tasks.op(
            run=lambda: read(cache),
            success=lambda rows: self._on_cached(generation, rows),
            failure=logged("cached rows not read; the platform's answer will show"),
            parent=self,
            lane="cache",
        ).start()

    def _on_cache_ready(self, _cache: object) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None and (self._stamped or waiting[0] == self._generation):
            self._read(*waiting)

    def _on_cached(self, generation: int, rows: T | None) -> None:
        if rows is None:
            return
        # Never over the platform's answer of the same load, which may have come first.
        if self._stamped or generation == self._generation != self._fetched_generation:
            if generation == self._generation:
                self._revivable = None  # the cache had rows: the older answer is not needed
            self._show(rows)

    def _on_changed(self, changes: Changes) -> None:
        if changes.online and self._offline_shown:
            self._offline_shown = False
            if self._online is not None:
                self._online()
            if self._reload is not None:
                self._reload()

    def _on_fetched(self, generation: int, rows: T) -> None:
        if generation == self._generation:
            self._fetched_generation = generation
        elif generation == self._revivable:
            self._revivable = None  # superseded by a cache re-read that found nothing yet
        elif not self._stamped:
            if generation == self._started and self._reread is not None:
                # A cache re-read (a change the sync announced) superseded this load, and
                # may have run before this answer was stored: show what the cache holds now
                # rather than keep the page on older rows (个人主页 stayed on 信息采集).
                self._read(self._generation, self._reread)
            return
        self._offline_shown = False  # the page shows the platform's answer now
        self._show_fetched(rows)

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        if is_unreachable(exc):
            self._offline_shown = True
            self._offline()
        else:
            self._failed(exc)
