"""The application: wires the models to the main window and follows the session.

What happens at start, in order, so that the first window shows fast (SPEC §3; issue 16's
start-up budget, guarded by tests/desktop/test_startup_imports.py): the login window is
built and shown with little more than Qt imported — no cache, no HTTP stack, no learner's
page.  Then, off the GUI thread, the keyring is read; a remembered learner's account cache
is opened and the shell shows 个人主页 from it at once, before the platform has answered.
Only then is the platform asked (its health, whether the remembered session still holds),
importing the HTTP stack on a worker.  The learner's pages are built when first shown.
The embedded platform, when no URL is given, is started as a child process and never
blocks the window.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import PlatformUnreachable, is_session_expired
from desktop.models.platform_clock import PlatformClock
from desktop.models.tasks import TaskRunner
from desktop.views.main_window import MainWindow
from desktop.views.widgets import tr

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.cache import Cache
    from desktop.models.embedded import EmbeddedPlatform, PlatformLaunch
    from desktop.models.playback import PlayRequest, WatchedInterval
    from desktop.models.records import Health, Institution, LoginResult, Me, Tokens
    from desktop.models.session_store import SessionStore, StoredSession
    from desktop.models.sync import SyncEngine
    from desktop.models.watch_journal import WatchJournal
    from desktop.views.change_password import ChangePasswordDialog
    from desktop.views.course_page import CoursePage
    from desktop.views.course_selection import CourseSelectionView
    from desktop.views.desk import Desk
    from desktop.views.enroll import EnrollView
    from desktop.views.exam import ExamView
    from desktop.views.history import HistoryView
    from desktop.views.home import HomeView
    from desktop.views.institutions import InstitutionsView
    from desktop.views.orders import OrdersView
    from desktop.views.player import PlayerWindow
    from desktop.views.profile import ProfileView
    from desktop.views.records import RecordsView
    from desktop.views.storage import StorageView
    from desktop.views.study import StudyView

log = logging.getLogger(__name__)

V = TypeVar("V", bound=QWidget)


@dataclass
class _Remembered:
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


@dataclass
class _Connected:
    """What the platform said at start."""

    api: ApiClient
    health: Health
    restored_for: str | None
    """The remembered account this answer is about (None: nothing was remembered)."""
    restored: Me | None
    """That account as the platform sees it, when the remembered session still holds."""


class _Page(Generic[V]):
    """A learner's page of the shell, built when it is first shown or first used."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, app: DesktopApp, owner: object = None) -> V:
        return cast(V, app.window.shell.page(self.key))


class DesktopApp(QObject):
    """Owns the long-lived objects and moves between the login screen and the shell."""

    # The learner's pages (``_register_learner_pages``): built on first show or first use.
    home_view: _Page[HomeView] = _Page("home")
    profile_view: _Page[ProfileView] = _Page("profile")
    study_view: _Page[StudyView] = _Page("study")
    course_selection_view: _Page[CourseSelectionView] = _Page("course_selection")
    institutions_view: _Page[InstitutionsView] = _Page("institutions")
    enroll_view: _Page[EnrollView] = _Page("enroll")
    orders_view: _Page[OrdersView] = _Page("orders")
    course_page: _Page[CoursePage] = _Page("course")
    storage_view: _Page[StorageView] = _Page("storage")
    records_view: _Page[RecordsView] = _Page("records")
    history_view: _Page[HistoryView] = _Page("history")
    exam_view: _Page[ExamView] = _Page("exam")

    def __init__(
        self,
        *,
        data_dir: Path,
        platform_url: str | None = None,
        log_dir: Path | None = None,
        platform_launch: PlatformLaunch | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.platform_url = platform_url
        self._platform_launch = platform_launch
        """The embedded platform ``main`` started before the window (else ``start`` does)."""
        self.log_dir = log_dir if log_dir is not None else data_dir / "logs"
        """Where ``main`` logs (shown in 关于; its tail goes into 复制诊断信息)."""
        self.restart_pending = False
        """立即重启 was chosen in 设置: ``main`` starts the app again after it quit."""
        self.tasks = TaskRunner(self)
        self.platform_clock = PlatformClock()
        """The platform's "now" (measured at each health check): watch events use it."""
        self.tasks.set_session_expiry_check(is_session_expired)
        self.bus = ChangeBus(self)
        self.window = MainWindow(self.tasks)
        self.embedded: EmbeddedPlatform | None = None
        self.api: ApiClient | None = None
        self.health: Health | None = None
        self.store: SessionStore | None = None
        self.cache: Cache | None = None
        self.sync: SyncEngine | None = None
        self.me: Me | None = None
        self._remember = False
        self._can_remember = False
        self._restoring: str | None = None
        """The remembered account whose session the platform has yet to confirm."""
        self._learner_pages = False
        """Whether the learner's pages are registered (on the first learner's login)."""
        self.player: PlayerWindow | None = None
        # Staff mode (issue 7): the desk of a staff login; no cache is ever opened for it.
        self.desk: Desk | None = None
        self.change_password_dialog: ChangePasswordDialog | None = None
        self._journal: WatchJournal | None = None
        self._push_interval_s = 30.0
        from desktop.views.comfort import Comfort

        self.comfort = Comfort(self, self)
        """设置, 关于, 复制诊断信息, tray notices, remembered windows."""
        self._connect_signals()

    def _connect_signals(self) -> None:
        login = self.window.login
        login.logged_in.connect(self._on_logged_in)
        login.registration_requested.connect(self._open_registration)
        login.password_reset_requested.connect(self._open_password_reset)
        login.retry_requested.connect(self._connect_platform)
        self.window.logout_requested.connect(self.logout)
        self.window.closing.connect(self.shutdown)
        self.tasks.session_expired.connect(self._on_session_expired)
        self.tasks.failed.connect(self._on_unhandled_failure)
        self.bus.changed.connect(self._on_changed)

    # -- start ----------------------------------------------------------------------

    def start(self) -> None:
        self.window.show()
        if self.platform_url:
            self._connect_platform()
            return
        from desktop.models.embedded import EmbeddedPlatform

        self.embedded = EmbeddedPlatform(self.data_dir, self, launched=self._platform_launch)
        self.embedded.ready.connect(self._on_embedded_ready)
        self.embedded.failed.connect(self.window.login.set_unreachable)
        self.embedded.start()

    def _on_embedded_ready(self, url: str) -> None:
        self.platform_url = url
        self._connect_platform()

    def _connect_platform(self) -> None:
        """First what this PC remembers (cache lane, no network), then the platform."""
        url = self.platform_url
        if not url:
            return
        data_dir = self.data_dir
        self.tasks.op(
            run=lambda: _read_remembered(url, data_dir, self._on_tokens_rotated),
            success=self._on_remembered,
            failure=self._on_connect_failed,
            parent=self.window,
            lane="cache",
        ).with_progress(tr("正在连接平台…")).start()

    def _on_remembered(self, found: _Remembered) -> None:
        """A remembered learner whose cache knows the account enters the shell now, from
        the cache (the daily start: 个人主页 shows before the platform answers); then the
        platform is asked whether that session still holds."""
        self.store, self._can_remember = found.store, found.can_remember
        me, cache = found.me, found.cache
        if found.clock_offset is not None:  # days and deadlines in the platform's time
            self.platform_clock.assume(found.clock_offset)
        self._restoring = None if found.stored is None else found.stored.account_id
        if me is not None and cache is not None:
            if not me.must_change_password and not me.is_staff:
                self.api = found.api
                self._remember = True
                self.tasks.hold_network()  # the cache's pages paint first
                self._route(me, cache)
                self._release_network_once_painted()
            else:  # the platform decides where these go (_route, once it has answered)
                self.tasks.op(run=cache.close, lane="cache").start()
        api, stored, clock = found.api, found.stored, self.platform_clock
        store = found.store
        self.tasks.op(
            run=lambda: _reach_platform(api, store, stored, clock),
            success=self._on_connected,
            failure=self._on_connect_failed,
            parent=self.window,
        ).with_progress(tr("正在连接平台…")).start()

    def _release_network_once_painted(self) -> None:
        """Start the held network work once the cache lane has answered what the shell
        asked of it as it showed (个人主页's first read: the lane is serial) and that answer
        has been painted (the release is queued behind the repaint)."""
        from PySide6.QtCore import QTimer

        tasks = self.tasks
        tasks.op(
            run=lambda: None,
            success=lambda _r: QTimer.singleShot(0, tasks.release_network),
            lane="cache",
        ).start()

    def _on_connected(self, found: _Connected) -> None:
        self.api, self.health = found.api, found.health
        self.window.login.set_connected(
            found.api,
            captcha_required=found.health.captcha_required,
            can_remember=self._can_remember,
        )
        self.window.set_online(True)
        restoring, self._restoring = self._restoring, None
        if found.restored_for is None or found.restored_for != restoring:
            return  # nothing remembered, or the learner has logged out or in meanwhile
        restored, shown = found.restored, self.me
        if shown is None:  # remembered, but this PC had no cache of the account
            if restored is not None:
                self._remember = True
                self._route(restored)
        elif restored is None:
            self._on_session_expired()  # shown from the cache; the session no longer holds
        elif restored.must_change_password:
            self._leave()
            self._route(restored)
        else:
            self._on_me_loaded(restored)  # the account as the platform sees it now
            cache = self.cache
            if cache is not None:
                self.tasks.op(run=lambda: cache.put_me(restored), lane="cache").start()
            self._keep_clock_offset()
            self.bus.announce(Changes(clock=True))  # pages shown before it was measured redo it

    def _on_connect_failed(self, exc: BaseException) -> None:
        self.window.set_online(False)
        if self.me is not None and self.api is not None:
            # Offline with a remembered login, shown from the cache: sync catches up later.
            from desktop.models.records import Health

            self._restoring = None
            self.health = Health("", True, False)
            self.window.login.set_connected(
                self.api, captcha_required=True, can_remember=self._can_remember
            )
            return
        if isinstance(exc, PlatformUnreachable):
            message = tr("无法连接平台服务，请检查网络后点击“重试”。")
        else:
            log.error("start-up failed", exc_info=exc)
            message = tr("连接平台时出错，请点击“重试”；如仍失败，请联系客服。")
        self.window.login.set_unreachable(message)

    # -- session --------------------------------------------------------------------

    def _on_logged_in(self, result: LoginResult, remember: bool) -> None:
        self._remember = remember
        self._restoring = None
        store, account_id, tokens = self.store, result.me.id, result.tokens
        if store is not None:
            if remember:
                self.tasks.op(run=lambda: store.save(account_id, tokens), lane="cache").start()
            else:
                self.tasks.op(run=store.clear, lane="cache").start()
        self._route(result.me)

    def _route(self, me: Me, cache: Cache | None = None) -> None:
        """Where a login goes: 修改初始密码 first if the password is a one-time one, then the
        desk for staff (never the learner's shell, no cache), the shell for learners.

        *cache*: the learner's cache, opened already by a remembered start.
        """
        self.me = me
        self.comfort.logged_in(me)
        if me.must_change_password:
            self._open_change_password(me)
        elif me.is_staff:
            self._enter_desk(me)
        else:
            self._enter(me, cache)

    def _enter_desk(self, me: Me) -> None:
        from desktop.views.desk import Desk

        assert self.api is not None
        desk = Desk(self.tasks, self.api, me)
        desk.logout_requested.connect(self.logout)
        self.desk = desk
        self.window.show_desk(desk)
        desk.refresh()
        desk.new_button.setFocus()

    def _open_change_password(self, me: Me) -> None:
        """The only thing an account with a one-time password sees; closing it logs out."""
        from desktop.views.change_password import ChangePasswordDialog

        assert self.api is not None
        dialog = ChangePasswordDialog(self.tasks, self.api, me, self.window)
        dialog.password_changed.connect(self._route)
        dialog.rejected.connect(self.logout)
        dialog.finished.connect(dialog.deleteLater)
        self.change_password_dialog = dialog
        dialog.open()

    def _on_tokens_rotated(self, tokens: Tokens | None) -> None:
        """Called on a worker thread when a refresh rotated the pair: keep the keyring current."""
        if self._remember and self.store is not None and self.me is not None and tokens is not None:
            self.store.save(self.me.id, tokens)

    def _enter(self, me: Me, cache: Cache | None = None) -> None:
        """Show the shell with 个人主页 from the account's cache, and start syncing.

        *cache*: opened already (a remembered start); else it is opened here, on the cache
        lane, and 个人主页 reads it once it is open.
        """
        from desktop.models.paths import account_cache_path

        self.me = me
        if cache is not None:
            self.cache = cache  # 个人主页 reads it as it shows (show_shell may show it)
        if not self._learner_pages:
            self._register_learner_pages()
        self.window.shell.show_me(me)
        self.window.show_shell()
        self.window.shell.show_page("home")  # 个人主页: the year at a glance
        if cache is not None:
            self._on_cache_opened(cache)
            return
        from desktop.models.cache import Cache

        path = account_cache_path(self.data_dir, me.id)

        def open_cache() -> Cache:
            cache = Cache.open(path)
            cache.put_me(me)
            return cache

        self.tasks.op(run=open_cache, success=self._on_cache_opened, lane="cache").start()

    @property
    def account_dir(self) -> Path | None:
        """The logged-in account's own directory (cache, downloads, handouts)."""
        from desktop.models.paths import account_cache_path

        return None if self.me is None else account_cache_path(self.data_dir, self.me.id).parent

    @property
    def journal(self) -> WatchJournal:
        """Where the player's intervals go (built with the first player)."""
        if self._journal is None:
            from desktop.models.watch_journal import WatchJournal

            self._journal = WatchJournal(self.tasks, lambda: self.cache, self)
            self._journal.failed.connect(self._on_journal_failed)
            self._journal.recovered.connect(self._on_journal_recovered)
        return self._journal

    def _on_journal_failed(self, message: str) -> None:
        """This PC cannot keep watch time (disk full, read-only): said until it can again."""
        self.window.statusBar().showMessage(message)
        if self.player is not None:
            self.player.set_journal_problem(message)

    def _on_journal_recovered(self) -> None:
        self.window.statusBar().clearMessage()
        if self.player is not None:
            self.player.set_journal_problem(None)

    def _on_cache_opened(self, cache: Cache) -> None:
        from desktop.models.sync import SyncEngine

        assert self.api is not None
        self.cache = cache
        playing = self.player is not None and self.player.isVisible()
        if playing and self.journal.account_path != cache.path and self.player is not None:
            self.player.close()  # another account logged in: that lecture was not theirs
            playing = False
        self.journal.account_path = cache.path
        self.sync = SyncEngine(self.api, cache, self.tasks, self.bus, self)
        self.sync.online_changed.connect(self.window.set_online)
        self.sync.sync_failed.connect(
            lambda message: self.window.statusBar().showMessage(message, 8000)
        )
        from desktop.models.purchase_cache import refresh_orders

        self.sync.register_refresher("order", refresh_orders)
        from desktop.models.learning_cache import refresh_enrollments

        self.sync.register_refresher("enrollment", refresh_enrollments)
        from desktop.models.watch_journal import WATCH_EVENT, refresh_progress

        self.sync.register_refresher("progress", refresh_progress)
        from desktop.models.credit_records import refresh_credit_records

        self.sync.register_refresher("credit_record", refresh_credit_records)
        from desktop.models.exam_cache import EXAM_ANSWER, push_exam_answers, refresh_exams

        self.sync.register_refresher("exam", refresh_exams)
        self.sync.register_pusher(EXAM_ANSWER, push_exam_answers)
        self._resume_open_attempt(cache)
        self.sync.register_pusher(WATCH_EVENT, self.journal.pusher)
        self.sync.sync_finished.connect(self._after_sync)
        if playing and self.player is not None:
            self._sync_while_playing()
            self.player.set_session_expired(False)  # logged in again: counting resumes
        self.sync.start()
        self._keep_clock_offset()
        self.comfort.check_deadline()

    def _keep_clock_offset(self) -> None:
        """Keep the platform's clock offset, measured by the health check, in the account's
        cache: the next remembered start reckons by it before the platform answers."""
        from desktop.models.platform_clock import store_offset

        cache, offset = self.cache, self.platform_clock.offset
        if cache is not None and self.health is not None and self.health.server_time:
            self.tasks.op(run=lambda: store_offset(cache, offset), lane="cache").start()

    def _after_sync(self) -> None:
        """Watch events were accepted: pull once more, so the new progress shows now."""
        if self.sync is not None and self.journal.take_accepted():
            self.sync.sync_now()

    def _resume_open_attempt(self, cache: Cache) -> None:
        """An exam attempt open when the app stopped reopens: 公需考试 is built for it."""
        from desktop.models.exam_cache import open_attempt_id

        def resume(attempt_id: str | None) -> None:
            if attempt_id is not None and self.cache is cache:
                self.exam_view.resume_unfinished()

        self.tasks.op(
            run=lambda: open_attempt_id(cache), success=resume, parent=self, lane="cache"
        ).start()

    # -- the learner's pages ---------------------------------------------------------

    def built_page(self, key: str) -> QWidget | None:
        """The learner's page of *key* if it was built (never builds it)."""
        shell = self.window.built_shell
        return None if shell is None else shell.built_page(key)

    def _register_learner_pages(self) -> None:
        """个人主页, 信息采集, 我的学习, 选课, 学习资源, 网上报名, 我的订单, the course, 下载管理,
        继续教育情况, 往年继续教育查询 and 公需考试: each built when first shown or used."""
        self._learner_pages = True
        builders = {
            "home": self._build_home,
            "profile": self._build_profile,
            "study": self._build_study,
            "course_selection": self._build_course_selection,
            "institutions": self._build_institutions,
            "enroll": self._build_enroll,
            "orders": self._build_orders,
            "course": self._build_course_page,
            "storage": self._build_storage,
            "records": self._build_records,
            "history": self._build_history,
            "exam": self._build_exam,
        }
        for key, build in builders.items():
            self.window.shell.set_page_builder(key, build)

    def _build_home(self) -> QWidget:
        from desktop.views.home import HomeView

        view = HomeView(self.tasks, self.bus, self)
        view.page_requested.connect(self.window.shell.show_page)
        view.course_selection_requested.connect(self._open_course_selection)
        return view

    def _build_profile(self) -> QWidget:
        from desktop.views.profile import ProfileView

        return ProfileView(self.tasks, self.bus, self)

    def _build_study(self) -> QWidget:
        from desktop.views.study import StudyView

        view = StudyView(self.tasks, self.bus, self)
        view.course_selection_requested.connect(self._open_course_selection)
        view.course_requested.connect(self._open_course)
        return view

    def _build_course_selection(self) -> QWidget:
        from desktop.views.course_selection import CourseSelectionView

        shell = self.window.shell
        view = CourseSelectionView(self.tasks, self.bus, self)
        view.back_requested.connect(lambda: shell.show_page("study"))
        view.study_requested.connect(lambda _id: shell.show_page("study"))
        view.trial_requested.connect(self._play_trial)
        return view

    def _build_institutions(self) -> QWidget:
        from desktop.views.institutions import InstitutionsView

        view = InstitutionsView(self.tasks, self)
        view.enroll_requested.connect(self._open_enroll)
        return view

    def _build_enroll(self) -> QWidget:
        from desktop.views.enroll import EnrollView

        shell = self.window.shell
        view = EnrollView(self.tasks, self.bus, self)
        view.back_requested.connect(lambda: shell.show_page("institutions"))
        view.study_requested.connect(lambda: shell.show_page("study"))
        return view

    def _build_orders(self) -> QWidget:
        from desktop.views.orders import OrdersView

        return OrdersView(self.tasks, self.bus, self)

    def _build_course_page(self) -> QWidget:
        from desktop.views.course_page import CoursePage

        shell = self.window.shell
        view = CoursePage(self.tasks, self.bus, self)
        view.back_requested.connect(lambda: shell.show_page("study"))
        view.storage_requested.connect(lambda: shell.show_page("storage"))
        view.play_requested.connect(self.play)
        view.download_ended.connect(self.comfort.notifier.download_ended)
        return view

    def _build_storage(self) -> QWidget:
        from desktop.views.storage import StorageView

        view = StorageView(self.tasks, self)
        view.back_requested.connect(self._back_from_storage)
        return view

    def _build_records(self) -> QWidget:
        from desktop.views.records import RecordsView

        return RecordsView(self.tasks, self.bus, self)

    def _build_history(self) -> QWidget:
        from desktop.views.history import HistoryView

        return HistoryView(self.tasks, self)

    def _build_exam(self) -> QWidget:
        from desktop.views.exam import ExamView

        view = ExamView(self.tasks, self.bus, self)
        view.enroll_requested.connect(lambda: self.window.shell.show_page("institutions"))
        return view

    def _open_course(self, course_id: str, year: int) -> None:
        self.course_page.show_course(course_id, year)
        self.window.shell.show_page("course")

    def _back_from_storage(self) -> None:
        course = self.built_page("course")
        self.window.shell.show_page("course" if getattr(course, "course_id", None) else "study")

    # -- the player -----------------------------------------------------------------

    def play(self, request: PlayRequest) -> None:
        """Open the one player window on *request* (a second 播放 replaces the lecture)."""
        player = self.player
        if player is None:
            from desktop.views.player import PlayerWindow

            # Events are stamped in the platform's time: a PC clock that is off loses nothing.
            player = PlayerWindow(
                now=self.platform_clock.now,
                tasks=self.tasks,
                bus=self.bus,
                cache=lambda: self.cache,
            )
            player.intervals_ready.connect(self._on_intervals)
            player.closed.connect(self._on_player_closed)
            self.comfort.window_memory.adopt(player)
            self.player = player
        if not request.trial:
            self.journal.account_path = self.cache.path if self.cache is not None else None
            self._push_interval_s = float(request.policy.push_interval_s)
            self._sync_while_playing()
        player.play(request)  # shows and raises the window

    def _on_intervals(self, intervals: list[WatchedInterval]) -> None:
        self.journal.record(intervals)

    def _sync_while_playing(self) -> None:
        """Push every ``push_interval_s`` of the course's policy while a lecture plays."""
        from desktop.models.sync import DEFAULT_INTERVAL_S

        if self.sync is not None:
            self.sync.interval_s = min(DEFAULT_INTERVAL_S, self._push_interval_s)

    def _on_player_closed(self) -> None:
        from desktop.models.sync import DEFAULT_INTERVAL_S

        sync = self.sync
        if sync is not None:
            sync.interval_s = DEFAULT_INTERVAL_S
            # The last intervals are still being journalled on the serial cache lane: push
            # once they are in the outbox, not before (else they would wait a whole cycle).
            self.tasks.op(run=lambda: None, success=lambda _r: sync.sync_now(), parent=sync,
                          lane="cache").start()  # fmt: skip

    def _play_trial(self, course: object) -> None:
        """试听 from the catalog: the course's preview, counted nowhere."""
        from desktop.views.course_page import trial_request

        api, course_id = self.api, str(getattr(course, "id", ""))
        if api is None or not course_id:
            return
        self.tasks.op(
            run=lambda: trial_request(api, course_id),
            success=self.play,
            failure=lambda exc: self.window.statusBar().showMessage(
                getattr(exc, "message", None) or tr("暂时无法试听，请稍后重试。"), 8000
            ),
            parent=self.window,
        ).with_progress(tr("正在准备试听…")).start()

    def _open_course_selection(self, enrollment_id: str) -> None:
        self.course_selection_view.show_enrollment(enrollment_id)
        self.window.shell.show_page("course_selection")

    def _open_enroll(self, institution: Institution, year: int) -> None:
        """去学习 → 网上报名 of that institution and year."""
        self.enroll_view.show_institution(institution, year)
        self.window.shell.show_page("enroll")

    def _on_changed(self, changes: Changes) -> None:
        if changes:
            self.comfort.check_deadline()
        cache = self.cache
        if changes.me and cache is not None:
            self.tasks.op(run=cache.get_me, success=self._on_me_loaded, lane="cache").start()

    def _on_me_loaded(self, me: Me | None) -> None:
        if me is not None:
            self.me = me
            self.window.shell.show_me(me)

    def logout(self) -> None:
        """退出登录: revoke the session on the platform and forget it here."""
        if self.player is not None:
            self.player.close()  # its last interval goes to this account's outbox
        api, store = self.api, self.store
        if api is not None:
            tokens = api.tokens
            api.set_tokens(None)
            self.tasks.op(
                run=lambda: api.revoke(tokens),
                success=lambda _r: None,
                failure=lambda exc: log.warning(
                    "logout not confirmed by the platform: %s", type(exc).__name__
                ),
            ).with_progress(tr("正在退出登录…")).start()
        if store is not None:
            # Keyring work runs on the serial lane, so a later "remember me" cannot be overtaken.
            self.tasks.op(run=store.clear, lane="cache").start()
        self._leave()
        self.window.show_login()

    def _on_session_expired(self) -> None:
        if self.me is None:
            return
        if self.desk is not None or self.change_password_dialog is not None:
            self._leave()
            self.window.show_login(tr("登录已失效，请重新登录。"))
            return
        store = self.store
        if store is not None:
            self.tasks.op(run=store.clear, lane="cache").start()
        if self.player is not None and self.player.isVisible():
            self.player.set_session_expired(True)  # counting pauses; queued time is kept
        self._leave()
        self.window.show_login(
            tr("登录已失效，请重新登录。未同步的学习记录已保存在本机，登录后会继续上传。")
        )

    def _leave(self) -> None:
        self._restoring = None
        exam_view = self.built_page("exam")
        if exam_view is not None:
            self.exam_view.close_dialog()  # its answers are in this account's cache already
        self._remember = False
        self.me = None
        dialog, self.change_password_dialog = self.change_password_dialog, None
        if dialog is not None and dialog.isVisible():
            dialog.rejected.disconnect(self.logout)
            dialog.reject()
        desk, self.desk = self.desk, None
        if desk is not None:
            desk.clear()  # nothing of a walk-in outlives the staff's session
            self.window.remove_desk(desk)
        if self.sync is not None:
            self.sync.stop()
            self.sync.deleteLater()
            self.sync = None
        cache, self.cache = self.cache, None
        if cache is not None:
            self.tasks.op(run=cache.close, lane="cache").start()

    def _on_unhandled_failure(self, exc: BaseException) -> None:
        message = getattr(exc, "message", None) or tr("操作未能完成，请稍后重试。")
        self.window.statusBar().showMessage(str(message), 8000)

    # -- dialogs --------------------------------------------------------------------

    def _open_registration(self) -> None:
        from desktop.views.registration import RegistrationWizard

        if self.api is None or self.health is None:
            return
        wizard = RegistrationWizard(self.tasks, self.window)
        wizard.attach(self.api, captcha_required=self.health.captcha_required)
        wizard.registered.connect(
            lambda result: self._on_logged_in(result, self.window.login.remember_box.isChecked())
        )
        wizard.finished.connect(wizard.deleteLater)
        self.registration_wizard = wizard
        wizard.open()

    def _open_password_reset(self, id_number: str) -> None:
        from desktop.views.password_reset import PasswordResetDialog

        if self.api is None or self.health is None:
            return
        dialog = PasswordResetDialog(
            self.tasks,
            self.api,
            captcha_required=self.health.captcha_required,
            demo_inbox=self.health.demo_inbox,
            id_number=id_number,
            parent=self.window,
        )
        dialog.password_reset.connect(self._on_password_reset)
        dialog.finished.connect(dialog.deleteLater)
        self.password_reset_dialog = dialog
        dialog.open()

    def _on_password_reset(self, id_number: str) -> None:
        self.window.login.reset(id_number=id_number)
        self.window.login.show_message(tr("密码已重置，请使用新密码登录。"))
        self.window.login.password_edit.setFocus()

    # -- end ------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Close the player (its last interval is journalled), stop syncing, let running work
        finish, close the cache, stop the platform."""
        self.comfort.close()  # the open windows' places, before the player closes
        if self.player is not None:
            self.player.close()
        if self.sync is not None:
            self.sync.stop()
        self.tasks.wait_idle(5000)
        self.tasks.close()
        if self.cache is not None:
            self.cache.close()
            self.cache = None
        if self.embedded is not None:
            self.embedded.stop()


def _read_remembered(url: str, data_dir: Path, on_tokens_changed: object) -> _Remembered:
    """Cache lane, no network: the keyring's login for *url* and its account's cache.

    The client is made here too, with the remembered tokens; it loads its HTTP stack only
    with its first call, so a remembered learner's shell opens without waiting for it.
    """
    from desktop.models.api import ApiClient
    from desktop.models.paths import account_cache_path
    from desktop.models.session_store import SessionStore

    api = ApiClient(url, on_tokens_changed=on_tokens_changed)  # type: ignore[arg-type]
    store = SessionStore(url)
    can_remember = store.available()
    stored = store.load() if can_remember else None
    cache, me, offset = None, None, None
    if stored is not None:
        api.set_tokens(stored.tokens)
        path = account_cache_path(data_dir, stored.account_id)
        if path.exists():  # a first start on this PC has none: the platform's answer routes
            from desktop.models.cache import Cache
            from desktop.models.platform_clock import stored_offset

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
    return _Remembered(api, store, can_remember, stored, cache, me, offset)


def _reach_platform(
    api: ApiClient, store: SessionStore, stored: StoredSession | None, clock: PlatformClock
) -> _Connected:
    """Network lane: the platform's health (and its clock), then whether the remembered
    session still holds (forgotten when it does not)."""
    from desktop.models.errors import AuthExpired

    health = clock.measure(api.health, lambda health: health.server_time)
    if stored is None:
        return _Connected(api, health, None, None)
    try:
        restored: Me | None = api.me()
    except AuthExpired:
        store.clear()
        api.set_tokens(None)
        restored = None
    return _Connected(api, health, stored.account_id, restored)
