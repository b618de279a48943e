"""Background sync: pull what changed on the platform into the cache, then push the outbox.

Morango scaled down (STYLE "Sync"):

* **Pull**: page through ``GET /changes`` from the cache's cursor; every entity named in
  the pages is refreshed once by its registered *refresher* (``me`` → ``GET /me`` into the
  cache); only then is the new cursor stored, so an interrupted pull simply repeats.
* **Push**: the outbox, oldest first, grouped by kind, each group handed to its registered
  *pusher*.  Items the server accepted — or refused for good — leave the outbox; the rest
  stay, with their attempts counted.  The server dedupes by the client-generated id, so a
  retry never counts twice.  What the learner must be shown of a refusal (``kept``) enters
  the cache's refusals in the transaction that takes the item out of the outbox, together
  with the pusher's own cache work (``settle``: e.g. the progress the server answered).
* **Errors are sorted in one place** (``_on_cycle_failed``): offline → quiet retry with
  exponential backoff; expired session → the task runner's ``session_expired`` (the app
  shows the login); anything else → ``sync_failed`` with a Chinese message.

**Offline is noticed within seconds** (``PROBE_INTERVAL_S``): between cycles, while online
and while the app is the active one (the learner is looking at it), a ``GET /health``
every few seconds; when it cannot reach the platform, the engine goes offline and retries
with backoff.  Cycles themselves stay a minute apart (``/changes`` costs the platform more
than a health check), so they alone would notice a lost platform only up to a minute late.
Only the active app probes: at the evening peak most of 100,000 clients sit in the
background, and each probing every 5 s would cost the platform 20,000 requests a second
(docs/scale.md).

**Becoming the active app syncs at once** (``_on_app_state``): the learner who turns to
this computer sees what another one did meanwhile (an open 我的学习 shows the progress
studied there) and a platform that came back, without waiting for the timer or the backoff.

A cycle is one cancellable op (``stop()`` cancels it; it ends between two steps) on the
task runner's *network* lane, and the cache calls inside it
run on that worker too.  That is safe: every ``Cache`` method opens its own short session
and the cache serializes its writers.  The union of what changed is announced on the
``ChangeBus`` from the GUI thread when the cycle ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from desktop.i18n import tr, tr_platform
from desktop.models.api import ApiClient
from desktop.models.cache import Cache, OutboxItem, Refusal
from desktop.models.cancel import Cancelled, CancelToken
from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import ApiError, PlatformUnreachable, is_session_expired, is_unreachable
from desktop.models.tasks import Job, Op, TaskRunner

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 60.0
PROBE_INTERVAL_S = 5.0
ACTIVATION_SYNC_GAP_S = PROBE_INTERVAL_S
"""Becoming the active app syncs, unless a cycle ended less than this long ago."""
BACKOFF_BASE_S = 2.0
BACKOFF_MAX_S = 300.0
PUSH_BATCH = 500


@dataclass(frozen=True)
class PushResult:
    """What the server said about a batch of outbox items.

    ``acknowledged_ids``: accepted (or already had).  ``refused``: id → error code, for
    items the server will never accept; they leave the outbox too.  ``kept``: id → what
    the learner must be shown of an item refused, or accepted only in part; kept in the
    cache (``Cache.refusals``) by the transaction that removes it from the outbox.
    ``settle``: cache work that belongs to this answer (run in that same transaction,
    before the items leave); what it changed is announced with the cycle.
    """

    acknowledged_ids: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    kept: dict[str, Refusal] = field(default_factory=dict)
    settle: Callable[[Cache], Changes] | None = None


Refresher = Callable[[ApiClient, Cache], Changes]
Pusher = Callable[[ApiClient, list[OutboxItem]], PushResult]


class SyncCancelled(Cancelled):
    """``stop()`` was called while a cycle ran; it ended between two steps."""


def refresh_me(api: ApiClient, cache: Cache) -> Changes:
    """The built-in refresher for ``me``: the account as ``GET /me`` describes it."""
    cache.put_me(api.me())
    return Changes(me=True)


@dataclass
class CycleResult:
    changes: Changes = field(default_factory=Changes)
    push_errors: list[str] = field(default_factory=list)


def run_cycle(
    api: ApiClient,
    cache: Cache,
    refreshers: dict[str, Refresher],
    pushers: dict[str, Pusher],
    cancelled: CancelToken | None = None,
    *,
    page_size: int = 200,
) -> CycleResult:
    """One pull-then-push cycle, off the GUI thread.  Plain Python, no Qt.

    Raises what the platform raised for the pull, and PlatformUnreachable / session
    expiry from a push; other push errors are counted on the items and reported.
    """
    cancelled = cancelled or CancelToken()
    result = CycleResult()
    result.changes = _pull(api, cache, refreshers, cancelled, page_size)
    result.push_errors, pushed = _push(api, cache, pushers, cancelled)
    result.changes |= pushed
    return result


def _check(cancelled: CancelToken) -> None:
    if cancelled.cancelled:
        raise SyncCancelled


def _pull(
    api: ApiClient,
    cache: Cache,
    refreshers: dict[str, Refresher],
    cancelled: CancelToken,
    page_size: int,
) -> Changes:
    start = cursor = cache.cursor()
    entities: list[str] = []
    while True:
        _check(cancelled)
        page = api.changes(cursor, limit=page_size)
        for change in page.items:
            if change.entity not in entities:
                entities.append(change.entity)
        if page.cursor <= cursor and page.has_more:
            log.warning("change feed did not advance past %d; stopping this pull", cursor)
            break
        cursor = max(cursor, page.cursor)
        if not page.has_more:
            break
    changes = Changes()
    for entity in entities:
        _check(cancelled)
        refresher = refreshers.get(entity)
        if refresher is None:
            log.debug("no refresher for entity %r; skipped", entity)
            continue
        changes |= refresher(api, cache)
    if cursor != start:
        cache.set_cursor(cursor)
    log.info("pulled changes %d → %d (%s)", start, cursor, ", ".join(entities) or "nothing")
    return changes


def _push(
    api: ApiClient, cache: Cache, pushers: dict[str, Pusher], cancelled: CancelToken
) -> tuple[list[str], Changes]:
    errors: list[str] = []
    changes = Changes()
    tried: set[str] = set()  # each item is offered to its pusher at most once per cycle
    while True:
        fresh = cache.pending(limit=len(tried) + PUSH_BATCH)
        items = [item for item in fresh if item.id not in tried]
        if not items:
            return errors, changes
        tried.update(item.id for item in items)
        groups: dict[str, list[OutboxItem]] = {}
        for item in items:
            groups.setdefault(item.kind, []).append(item)
        for kind, group in groups.items():
            _check(cancelled)
            pusher = pushers.get(kind)
            if pusher is None:
                log.warning("no pusher for %r; %d item(s) stay queued", kind, len(group))
                continue
            changes |= _push_group(api, cache, kind, group, pusher, errors)


def _push_group(
    api: ApiClient,
    cache: Cache,
    kind: str,
    group: list[OutboxItem],
    pusher: Pusher,
    errors: list[str],
) -> Changes:
    """Push one kind's items; refused or failed ones are logged and counted (and kept,
    where the pusher asks)."""
    ids = {item.id for item in group}
    try:
        outcome = pusher(api, group)
    except PlatformUnreachable:
        raise  # offline is not the items' fault; the whole cycle retries later
    except Exception as exc:
        if is_session_expired(exc):
            raise
        reason = _describe(exc)
        log.warning("push of %d %r item(s) failed: %s", len(group), kind, type(exc).__name__)
        for item in group:
            cache.record_failure(item.id, reason)
        errors.append(exc.message if isinstance(exc, ApiError) else "")
        return Changes()
    accepted = [i for i in outcome.acknowledged_ids if i in ids]
    refused = {i: code for i, code in outcome.refused.items() if i in ids}
    done = set(accepted) | set(refused)
    kept = {i: refusal for i, refusal in outcome.kept.items() if i in done}
    changes = Changes()
    if done or outcome.settle is not None:
        with cache.atomic():
            if outcome.settle is not None:
                changes = outcome.settle(cache)
            if done:
                cache.acknowledge(sorted(done), kept)
    if refused:
        log.warning(
            "platform refused %d %r item(s) for good: %s",
            len(refused),
            kind,
            ", ".join(f"{i}={code}" for i, code in sorted(refused.items())),
        )
    for item in group:
        if item.id not in done:
            cache.record_failure(item.id, "not acknowledged by the platform")
    log.info(
        "pushed %r: %d accepted, %d refused, %d kept for the learner",
        kind,
        len(accepted),
        len(refused),
        len(kept),
    )
    return changes


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return f"{exc.code}: {exc.message}"
    return type(exc).__name__


class SyncEngine(QObject):
    """Keeps the account's cache in step with the platform, on a timer.

    Args:
        api, cache, tasks, bus: the app's parts (dependencies are passed in).
        interval_s: time between cycles while online.
        probe_interval_s: time between health checks while online (0: none), so that a
            lost platform shows as offline within seconds.
        backoff_base_s, backoff_max_s: offline retry delays (2 s, 4 s, … capped).
        page_size: changes asked for per ``GET /changes`` page.

    Signals:
        online_changed(bool): the platform became unreachable (False) or reachable again
            (True); emitted on changes only.  Assumed online at construction.
        sync_started(): a cycle began.
        sync_finished(): a cycle ended, whatever the outcome (failures are signalled
            before it).
        sync_failed(str): a failure that is neither "offline" nor "log in again", as a
            Chinese message for the status bar.  An expired session is left to
            ``TaskRunner.session_expired``.
    """

    online_changed = Signal(bool)
    sync_started = Signal()
    sync_finished = Signal()
    sync_failed = Signal(str)

    def __init__(
        self,
        api: ApiClient,
        cache: Cache,
        tasks: TaskRunner,
        bus: ChangeBus,
        parent: QObject | None = None,
        *,
        interval_s: float = DEFAULT_INTERVAL_S,
        backoff_base_s: float = BACKOFF_BASE_S,
        backoff_max_s: float = BACKOFF_MAX_S,
        page_size: int = 200,
        probe_interval_s: float = PROBE_INTERVAL_S,
    ) -> None:
        super().__init__(parent)
        self._api = api
        self._cache = cache
        self._tasks = tasks
        self._bus = bus
        self.interval_s = interval_s
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self.page_size = page_size
        self._refreshers: dict[str, Refresher] = {"me": refresh_me}
        self._pushers: dict[str, Pusher] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(round(probe_interval_s * 1000))
        self._probe_timer.timeout.connect(self._probe)
        self._probe_enabled = probe_interval_s > 0
        self._probing = False
        app = QGuiApplication.instance()
        if self._probe_enabled and isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_state)
        self._cycle: Op | None = None
        self._running = False
        self._cycle_ended = float("-inf")  # time.monotonic() when a cycle last succeeded
        self._again = False
        self._scheduled = False  # start() called: cycles repeat on the timer
        self._stopped = False  # stop() called: results are dropped, nothing new starts
        self._online = True
        self._offline_failures = 0
        self.next_delay_s = interval_s
        """The delay before the next automatic cycle (grows while offline)."""

    # -- registries -----------------------------------------------------------------

    def register_refresher(self, entity: str, fn: Refresher) -> None:
        """Refresh *entity* into the cache when the change feed names it."""
        self._refreshers[entity] = fn

    def register_pusher(self, kind: str, fn: Pusher) -> None:
        """Send outbox items of *kind* to the platform."""
        self._pushers[kind] = fn

    # -- control --------------------------------------------------------------------

    @property
    def is_online(self) -> bool:
        return self._online

    @property
    def is_running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Sync now, then every ``interval_s``."""
        self._scheduled = True
        self._stopped = False
        self.sync_now()
        if self._probe_enabled:
            self._probe_timer.start()

    def stop(self) -> None:
        """No further cycles; a running one ends at its next step and is ignored."""
        self._scheduled = False
        self._stopped = True
        self._again = False
        self._timer.stop()
        self._probe_timer.stop()
        if self._cycle is not None:
            self._cycle.cancel()

    def sync_now(self) -> None:
        """Start a cycle unless one is running (then one more follows it)."""
        if self._stopped:
            return
        if self._running:
            self._again = True
            return
        self._timer.stop()
        self._running = True
        self._again = False
        api, cache, page_size = self._api, self._cache, self.page_size
        refreshers, pushers = dict(self._refreshers), dict(self._pushers)
        self.sync_started.emit()

        def cycle(job: Job) -> CycleResult:
            return run_cycle(api, cache, refreshers, pushers, job.token, page_size=page_size)

        self._cycle = self._tasks.op(
            work=cycle,
            success=self._on_cycle_done,
            failure=self._on_cycle_failed,
            parent=self,
            lane="network",
        ).start()

    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        """The learner looks again: sync now (unless a cycle ended moments ago), so what
        another computer did meanwhile — progress studied there — shows at once, and a
        platform that came back is seen without waiting for the backoff."""
        if state != Qt.ApplicationState.ApplicationActive or not self._scheduled:
            return
        if self._online and time.monotonic() - self._cycle_ended < ACTIVATION_SYNC_GAP_S:
            self._probe()
            return
        self.sync_now()

    def _probe(self) -> None:
        """Between cycles, while online and the app is active: is the platform still there?"""
        if self._stopped or self._running or self._probing or not self._online:
            return
        if QGuiApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return
        self._probing = True
        api = self._api
        self._tasks.op(
            run=api.health,
            success=lambda _health: self._on_probed(None),
            failure=self._on_probed,
            parent=self,
            lane="network",
        ).start()

    def _on_probed(self, exc: BaseException | None) -> None:
        self._probing = False
        if self._stopped or self._running or exc is None or not is_unreachable(exc):
            return  # reachable (or a refusal: the next cycle sorts that out)
        log.info("health check: the platform is unreachable")
        self._went_offline()

    # -- outcome (GUI thread) -------------------------------------------------------

    def _on_cycle_done(self, result: CycleResult) -> None:
        self._running = False
        self._cycle = None
        self._cycle_ended = time.monotonic()
        if self._stopped:
            return
        self._offline_failures = 0
        self.next_delay_s = self.interval_s
        self._set_online(True)
        self._bus.announce(result.changes)
        if result.push_errors:
            self.sync_failed.emit(_failure_message(result.push_errors[0]))
        self.sync_finished.emit()
        self._schedule()

    def _on_cycle_failed(self, exc: BaseException) -> None:
        """The one place where sync errors are sorted."""
        self._running = False
        self._cycle = None
        if self._stopped or isinstance(exc, SyncCancelled):
            return
        if is_unreachable(exc):
            self._went_offline()
            self.sync_finished.emit()
            return
        if is_session_expired(exc):
            # The task runner has emitted session_expired; retrying with dead tokens is
            # pointless.  The app stops this engine and shows the login.
            log.info("sync stopped: the session has expired")
            self._scheduled = False
            self.sync_finished.emit()
            return
        log.error("sync failed: %s", type(exc).__name__, exc_info=exc)
        self.next_delay_s = self.interval_s
        self._set_online(True)
        self.sync_failed.emit(_failure_message(exc.message if isinstance(exc, ApiError) else ""))
        self.sync_finished.emit()
        self._schedule()

    def _went_offline(self) -> None:
        """Show offline and retry with backoff (2 s, 4 s, … capped)."""
        self._offline_failures += 1
        self.next_delay_s = min(
            self.backoff_base_s * 2 ** (self._offline_failures - 1), self.backoff_max_s
        )
        log.info("platform unreachable; next sync in %.0f s", self.next_delay_s)
        self._set_online(False)
        self._timer.stop()
        self._schedule()

    def _set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            self.online_changed.emit(online)
            if online:  # pages that showed the cache's rows for want of it ask again
                self._bus.announce(Changes(online=True))

    def _schedule(self) -> None:
        if self._again:
            self._again = False
            self._timer.start(0)
            return
        if self._scheduled:
            self._timer.start(round(self.next_delay_s * 1000))


def _failure_message(detail: str) -> str:
    detail = detail.strip().rstrip("。.！!")
    if detail:
        return tr("同步未完成：{detail}。稍后会自动重试。").format(detail=tr_platform(detail))
    return tr("同步未完成，稍后会自动重试；如一直失败，请联系客服。")
