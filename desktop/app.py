"""The application: wires the windows and the learner's session, and nothing else.

A login makes a ``Session`` (desktop/models/session.py: the API client, the account, the
clock, the account's cache, sync and watch journal) and builds the learner's pages for it;
退出登录 or an expired login closes it and drops those pages.  Staff get the desk and no
session; an account with a one-time password gets 修改初始密码 first.  ``session_started``
and ``session_ended`` announce the session to what outlives it (main.py's start-up report).

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

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, cast

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desktop.models.changes import ChangeBus, Changes
from desktop.models.errors import (
    describe_failure,
    is_session_expired,
    is_unreachable,
    log_failure,
)
from desktop.models.platform_clock import PlatformClock
from desktop.models.tasks import TaskRunner
from desktop.views.file_dialogs import remember_folders_in
from desktop.views.main_window import MainWindow
from desktop.views.widgets import tr

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Health, Institution, LoginResult, Me, Tokens
    from desktop.models.cache import Cache
    from desktop.models.embedded import EmbeddedPlatform, PlatformLaunch
    from desktop.models.playback import PlayRequest, WatchedInterval
    from desktop.models.session import Session
    from desktop.models.session_store import SessionStore
    from desktop.models.start import Connected, Remembered
    from desktop.views.change_password import ChangePasswordDialog
    from desktop.views.course_page import CoursePage
    from desktop.views.course_selection import CourseSelectionView
    from desktop.views.desk import Desk
    from desktop.views.enroll import EnrollView
    from desktop.views.exam import ExamView
    from desktop.views.handout_viewer import HandoutViewer
    from desktop.views.history import HistoryView
    from desktop.views.home import HomeView
    from desktop.views.institutions import InstitutionsView
    from desktop.views.orders import OrdersView
    from desktop.views.password_reset import PasswordResetDialog
    from desktop.views.player import PlayerWindow
    from desktop.views.profile import ProfileView
    from desktop.views.records import RecordsView
    from desktop.views.registration import RegistrationWizard
    from desktop.views.storage import StorageView
    from desktop.views.study import StudyView

log = logging.getLogger(__name__)

V = TypeVar("V", bound=QWidget)


class _Page(Generic[V]):
    """A learner's page of the shell, built when it is first shown or first used."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __get__(self, app: DesktopApp, owner: object = None) -> V:
        return cast(V, app.window.shell.page(self.key))


class DesktopApp(QObject):
    """Owns the long-lived objects and moves between the login screen and the shell.

    Signals:
        session_started(object): a learner's ``Session`` began (its cache may still open).
        session_ended(object): that session was closed.
    """

    session_started = Signal(object)
    session_ended = Signal(object)

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
        remember_folders_in(data_dir)  # file dialogs keep their folders with the preferences
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
        self.window = MainWindow(self.tasks, self.platform_clock)
        self.embedded: EmbeddedPlatform | None = None
        self.api: ApiClient | None = None
        self.health: Health | None = None
        self.store: SessionStore | None = None
        self.session: Session | None = None
        """The learner's login (None before it, for staff, and after 退出登录)."""
        self._account_id: str | None = None
        """Who is logged in, whatever the role (read by token rotation on a worker)."""
        self._remember = False
        self._can_remember = False
        self._restoring: str | None = None
        """The remembered account whose session the platform has yet to confirm."""
        self.player: PlayerWindow | None = None
        self.handout_viewer: HandoutViewer | None = None
        self._lecture: Session | None = None
        """The session whose lecture the player plays, held past its end: the last
        intervals of an expired login go through its journal into the account's file."""
        self._push_interval_s = 30.0
        # Staff mode (issue 7): the desk of a staff login; no cache is ever opened for it.
        self.desk: Desk | None = None
        self.change_password_dialog: ChangePasswordDialog | None = None
        self.registration_wizard: RegistrationWizard | None = None
        self.password_reset_dialog: PasswordResetDialog | None = None
        from desktop.views.menus_and_reminders import MenusAndReminders

        self.menus = MenusAndReminders(self, self)
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

        def read() -> Remembered:
            from desktop.models.start import read_remembered  # on the worker: heavy imports

            return read_remembered(url, data_dir, self._on_tokens_rotated)

        self.tasks.op(
            run=read,
            success=self._on_remembered,
            failure=self._on_connect_failed,
            parent=self.window,
            lane="cache",
        ).with_progress(tr("正在连接平台…")).start()

    def _on_remembered(self, found: Remembered) -> None:
        """A remembered learner whose cache knows the account enters the shell now, from
        the cache (the daily start: 个人主页 shows before the platform answers); then the
        platform is asked whether that session still holds."""
        self.store, self._can_remember = found.store, found.can_remember
        self.window.login.set_counter_pc(found.counter_pc)
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

        def reach() -> Connected:
            from desktop.models.start import reach_platform

            return reach_platform(api, store, stored, clock)

        self.tasks.op(
            run=reach,
            success=self._on_connected,
            failure=self._on_connect_failed,
            parent=self.window,
        ).with_progress(tr("正在连接平台…")).start()

    def _release_network_once_painted(self) -> None:
        """Start the held network work once the cache lane has answered what the shell
        asked of it as it showed (个人主页's first read: the lane is serial) and that answer
        has been painted (the release is queued behind the repaint)."""
        tasks = self.tasks
        tasks.op(
            run=lambda: None,
            success=lambda _r: QTimer.singleShot(0, tasks.release_network),
            lane="cache",
        ).start()

    def _on_connected(self, found: Connected) -> None:
        self.api, self.health = found.api, found.health
        session = self.session
        if session is not None:
            session.health = found.health
        self.window.login.set_connected(
            found.api,
            captcha_required=found.health.captcha_required,
            can_remember=self._can_remember,
        )
        self.window.set_online(True)
        restoring, self._restoring = self._restoring, None
        if found.restored_for is None or found.restored_for != restoring:
            return  # nothing remembered, or the learner has logged out or in meanwhile
        restored = found.restored
        if session is None:  # remembered, but this PC had no cache of the account
            if restored is not None:
                self._remember = True
                self._route(restored)
        elif restored is None:
            self._on_session_expired()  # shown from the cache; the session no longer holds
        elif restored.must_change_password:
            self._leave()
            self._route(restored)
        else:
            session.store_me(restored)  # the account as the platform sees it now
            session.keep_clock_offset()
            self.bus.announce(Changes(clock=True))  # pages shown before it was measured redo it

    def _on_connect_failed(self, exc: BaseException) -> None:
        self.window.set_online(False)
        session = self.session
        if session is not None:
            # Offline with a remembered login, shown from the cache: sync catches up later.
            from desktop.models.api_types import Health

            self._restoring = None
            self.health = session.health = Health("", True, False)
            self.window.login.set_connected(
                session.api, captcha_required=True, can_remember=self._can_remember
            )
            return
        if is_unreachable(exc):
            message = tr("无法连接平台服务，请检查网络后点击“重试”。")
        else:
            log_failure(exc, "start-up failed", log)
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
        self._account_id = me.id
        self.menus.logged_in(me)
        if me.must_change_password:
            self._open_change_password(me)
        elif me.is_staff:
            self._enter_desk(me)
        else:
            self._enter(me, cache)

    def _enter_desk(self, me: Me) -> None:
        from desktop.models.counter_pc import mark_counter_pc
        from desktop.views.desk import Desk

        assert self.api is not None
        data_dir = self.data_dir
        # A staff login makes this a counter PC: learners' caches go at their logout.
        self.tasks.op(run=lambda: mark_counter_pc(data_dir), lane="cache").start()
        self.window.login.set_counter_pc(True)  # the walk-in's first login is not remembered
        desk = Desk(self.tasks, self.api, self.platform_clock, me, data_dir=data_dir)
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
        dialog.finished.connect(lambda _result: self._forget_change_password(dialog))
        self.change_password_dialog = dialog
        dialog.open()

    def _forget_change_password(self, dialog: ChangePasswordDialog) -> None:
        """The dialog is done (changed, or 退出登录): forget it before Qt deletes it, so
        nothing later reaches a deleted dialog (the first 退出登录 after the change did)."""
        if self.change_password_dialog is dialog:
            self.change_password_dialog = None
        dialog.deleteLater()

    def _on_tokens_rotated(self, tokens: Tokens | None) -> None:
        """Called on a worker thread when a refresh rotated the pair: keep the keyring current."""
        account_id, store = self._account_id, self.store
        if self._remember and store is not None and account_id is not None and tokens is not None:
            store.save(account_id, tokens)

    def _enter(self, me: Me, cache: Cache | None = None) -> None:
        """Start the learner's session and show the shell with 个人主页, built for it.

        *cache*: opened already (a remembered start): the session holds it before 个人主页
        shows, which paints from it at once.  Else it opens on the cache lane and the pages
        read it on the session's ``cache_ready``.
        """
        from desktop.models.session import Session

        assert self.api is not None
        session = Session(
            self.tasks,
            self.bus,
            api=self.api,
            me=me,
            data_dir=self.data_dir,
            platform_clock=self.platform_clock,
            health=self.health,
        )
        self.session = session
        session.cache_ready.connect(lambda cache: self._on_cache_ready(session, cache))
        session.cache_failed.connect(lambda message: self._on_cache_failed(session, message))
        session.me_changed.connect(self.window.shell.show_me)
        session.journal.failed.connect(self._on_journal_failed)
        session.journal.recovered.connect(self._on_journal_recovered)
        self._register_learner_pages(session)
        self.session_started.emit(session)
        if cache is not None:
            session.open_cache(cache)
        self.window.shell.show_me(me)
        self.window.show_shell()
        self.window.shell.show_page("home")  # 个人主页: the year at a glance
        if cache is None:
            session.open_cache()

    def _on_journal_failed(self, message: str) -> None:
        """This PC cannot keep watch time (disk full, read-only): said until it can again."""
        self.window.statusBar().showMessage(message)
        if self.player is not None:
            self.player.set_journal_problem(message)

    def _on_journal_recovered(self) -> None:
        self.window.statusBar().clearMessage()
        if self.player is not None:
            self.player.set_journal_problem(None)

    def _on_cache_ready(self, session: Session, cache: Cache) -> None:
        """The session's cache is open and its sync about to start: the window follows it."""
        sync = session.sync
        assert sync is not None
        sync.online_changed.connect(self.window.set_online)
        sync.sync_failed.connect(lambda message: self.window.statusBar().showMessage(message, 8000))
        player, lecture = self.player, self._lecture
        if player is not None and player.isVisible() and lecture is not None:
            if lecture.cache_path != session.cache_path:
                player.close()  # another account logged in: that lecture was not theirs
            else:  # the same learner logged in again: counting resumes, into this session
                self._lecture = session
                session.push_every(self._push_interval_s)
                player.set_session_expired(False)
        # Queued behind what the shell asks of the cache as it shows: 个人主页 paints first.
        QTimer.singleShot(0, self, lambda: self._read_after_login(session, cache))

    def _read_after_login(self, session: Session, cache: Cache) -> None:
        if self.session is session:
            self._resume_open_attempt(session, cache)
            self.menus.check_deadline()

    def _on_cache_failed(self, session: Session, message: str) -> None:
        """The account's cache did not open: no learner's screen without it; say why and go
        back to the login."""
        if self.session is not session:
            return
        self._leave()
        self.window.show_login(message)

    def _resume_open_attempt(self, session: Session, cache: Cache) -> None:
        """An exam attempt open when the app stopped reopens: 公需考试 is built for it."""
        from desktop.models.exam_cache import open_attempt_id

        def resume(attempt_id: str | None) -> None:
            if attempt_id is not None and self.session is session and not session.is_closed:
                self.exam_view.resume_unfinished()

        self.tasks.op(
            run=lambda: open_attempt_id(cache), success=resume, parent=self, lane="cache"
        ).start()

    # -- the learner's pages ---------------------------------------------------------

    def built_page(self, key: str) -> QWidget | None:
        """The learner's page of *key* if it was built (never builds it)."""
        shell = self.window.built_shell
        return None if shell is None else shell.built_page(key)

    def _register_learner_pages(self, session: Session) -> None:
        """个人主页, 信息采集, 我的学习, 选课, 学习资源, 网上报名, 我的订单, the course, 下载管理,
        继续教育情况, 往年继续教育查询 and 公需考试: each built for *session* when first shown
        or used (``_leave`` drops them with the session)."""
        builders: dict[str, Callable[[Session], QWidget]] = {
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
            self.window.shell.set_page_builder(key, partial(self._build_page, session, build))

    @staticmethod
    def _build_page(session: Session, build: Callable[[Session], QWidget]) -> QWidget:
        page = build(session)
        session.adopt(page)  # its work is the session's: 退出登录 cancels it
        return page

    def _build_home(self, session: Session) -> QWidget:
        from desktop.views.home import HomeView

        view = HomeView(self.tasks, self.bus, session)
        view.page_requested.connect(self.window.shell.show_page)
        view.course_selection_requested.connect(self._open_course_selection)
        return view

    def _build_profile(self, session: Session) -> QWidget:
        from desktop.views.profile import ProfileView

        return ProfileView(self.tasks, self.bus, session)

    def _build_study(self, session: Session) -> QWidget:
        from desktop.views.study import StudyView

        view = StudyView(self.tasks, self.bus, session)
        view.course_selection_requested.connect(self._open_course_selection)
        view.course_requested.connect(self._open_course)
        return view

    def _build_course_selection(self, session: Session) -> QWidget:
        from desktop.views.course_selection import CourseSelectionView

        shell = self.window.shell
        view = CourseSelectionView(self.tasks, self.bus, session)
        view.back_requested.connect(lambda: shell.show_page("study"))
        view.study_requested.connect(lambda _id: shell.show_page("study"))
        view.trial_requested.connect(self._play_trial)
        return view

    def _build_institutions(self, session: Session) -> QWidget:
        from desktop.views.institutions import InstitutionsView

        view = InstitutionsView(self.tasks, session)
        view.enroll_requested.connect(self._open_enroll)
        return view

    def _build_enroll(self, session: Session) -> QWidget:
        from desktop.views.enroll import EnrollView

        shell = self.window.shell
        view = EnrollView(self.tasks, self.bus, session)
        view.back_requested.connect(lambda: shell.show_page("institutions"))
        view.study_requested.connect(lambda: shell.show_page("study"))
        return view

    def _build_orders(self, session: Session) -> QWidget:
        from desktop.views.orders import OrdersView

        return OrdersView(self.tasks, self.bus, session)

    def _build_course_page(self, session: Session) -> QWidget:
        from desktop.views.course_page import CoursePage

        shell = self.window.shell
        view = CoursePage(self.tasks, self.bus, session)
        view.back_requested.connect(lambda: shell.show_page("study"))
        view.storage_requested.connect(lambda: shell.show_page("storage"))
        view.play_requested.connect(self.play)
        view.handout_ready.connect(self.show_handout)
        view.download_ended.connect(self.menus.notifier.download_ended)
        return view

    def _build_storage(self, session: Session) -> QWidget:
        from desktop.views.storage import StorageView

        view = StorageView(self.tasks, session)
        view.back_requested.connect(self._back_from_storage)
        return view

    def _build_records(self, session: Session) -> QWidget:
        from desktop.views.records import RecordsView

        return RecordsView(self.tasks, self.bus, session)

    def _build_history(self, session: Session) -> QWidget:
        from desktop.views.history import HistoryView

        return HistoryView(self.tasks, session)

    def _build_exam(self, session: Session) -> QWidget:
        from desktop.views.exam import ExamView

        view = ExamView(self.tasks, self.bus, session)
        view.enroll_requested.connect(lambda: self.window.shell.show_page("institutions"))
        return view

    def _open_course(self, course_id: str, year: int) -> None:
        self.course_page.show_course(course_id, year)
        self.window.shell.show_page("course")

    def _back_from_storage(self) -> None:
        course = self.built_page("course")
        shown = course is not None and bool(self.course_page.course_id)
        self.window.shell.show_page("course" if shown else "study")

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
                cache=lambda: None if self.session is None else self.session.cache,
            )
            player.intervals_ready.connect(self._on_intervals)
            player.closed.connect(self._on_player_closed)
            player.handout_requested.connect(self._on_player_handout)
            player.next_chapter_wanted.connect(self._on_next_chapter_wanted)
            self.menus.window_memory.adopt(player)
            self.player = player
        session = self.session
        if not request.trial and session is not None:
            # Pushed every push_interval_s of the course's policy while the lecture plays.
            self._lecture = session
            self._push_interval_s = float(request.policy.push_interval_s)
            session.push_every(self._push_interval_s)
        player.play(request)  # shows and raises the window

    def _on_intervals(self, intervals: list[WatchedInterval]) -> None:
        lecture = self._lecture
        if lecture is None:
            log.error("%d watched interval(s) arrived with no lecture's session", len(intervals))
            return
        lecture.journal.record(intervals)

    def _on_player_closed(self) -> None:
        if self.session is not None:
            self.session.push_every(None)

    def show_handout(self, path: Path, title: str) -> None:
        """Open a downloaded handout in the app's one handout window (pypdfium2, lazily)."""
        viewer = self.handout_viewer
        if viewer is None:
            from desktop.views.handout_viewer import HandoutViewer

            viewer = self.handout_viewer = HandoutViewer()
            self.menus.window_memory.adopt(viewer)
        viewer.show_handout(path, title)

    def _on_player_handout(self, chapter_id: str, title: str) -> None:
        """讲义 under the video: download (or resume) the handout, then show it; a failure
        is said under the video."""
        from desktop.models.downloads import download_handout

        session, player = self.session, self.player
        api = session.api if session is not None else None
        account = session.account_dir if session is not None else None
        if player is None:
            return
        if api is None or account is None:
            player.show_handout_problem(tr("讲义下载失败：尚未登录平台。"))
            return

        def opened(path: Path) -> None:
            player.show_handout_opened()
            self.show_handout(path, title)

        self.tasks.op(
            work=lambda job: download_handout(
                api, account, chapter_id, progress=job.report, cancelled=job.token
            ),
            success=opened,
            failure=lambda exc: player.show_handout_problem(
                describe_failure(
                    exc, offline=tr("讲义下载失败：无法连接平台。请联网后再点击“讲义”。")
                ).text
            ),
            parent=player,
        ).with_progress(tr("正在下载讲义…")).start()

    def _on_next_chapter_wanted(self, course_id: str, chapter_id: str) -> None:
        """A chapter played to its end: the course page plays the next one, if any."""
        outcome = "elsewhere"
        if self.built_page("course") is not None:
            outcome = self.course_page.play_next(course_id, chapter_id)
        if outcome != "playing" and self.player is not None:
            self.player.show_course_end(last=outcome == "last")

    def _play_trial(self, course: object) -> None:
        """试听 from the catalog: the course's preview, counted nowhere."""
        from desktop.models.course_page import trial_request

        api, course_id = self.api, str(getattr(course, "id", ""))
        if api is None or not course_id:
            return
        self.tasks.op(
            run=lambda: trial_request(api, course_id),
            success=self.play,
            failure=lambda exc: self.window.statusBar().showMessage(
                describe_failure(exc, offline=tr("暂时无法试听，请稍后重试。")).text, 8000
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
            self.menus.check_deadline()

    def logout(self) -> None:
        """退出登录: revoke the session on the platform and forget it here.

        Nothing here waits on the network: the login's running work is cancelled, the
        tokens are dropped under a lock no request holds, and the revocation is an op."""
        self._cancel_login_work()
        if self.player is not None:
            self.player.close()  # its last interval goes to this account's outbox
        if self.handout_viewer is not None:
            self.handout_viewer.close()  # the account's handout is theirs
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
        learner = self.session.me if self.session is not None else None
        self._leave()
        self.window.show_login()
        if learner is not None:
            self._forget_learner_on_counter_pc(learner)

    def _forget_learner_on_counter_pc(self, learner: Me) -> None:
        """On a counter PC nothing of the learner stays: the caches (after the session's
        cache closed, on the same lane) and the ID number in the login field."""
        from desktop.models.counter_pc import forget_learners, is_counter_pc

        data_dir, login = self.data_dir, self.window.login

        def forget() -> bool:
            forget_learners(data_dir)
            return is_counter_pc(data_dir)

        def forgotten(counter_pc: bool) -> None:
            if counter_pc and login.id_number_edit.text() == learner.id_number:
                login.reset()

        self.tasks.op(run=forget, success=forgotten, lane="cache").start()

    def _cancel_login_work(self) -> None:
        """Cancel what the ending login started (downloads, sync, imports, the desk's and
        修改初始密码's requests) — not work of the app's own, such as the keyring."""
        owners: list[QObject] = [
            owner for owner in (self.desk, self.change_password_dialog) if owner is not None
        ]
        if owners:
            self.tasks.cancel_owned(*owners)
        if self.session is not None:
            self.session.cancel_work()

    def _on_session_expired(self) -> None:
        if self._account_id is None:
            return
        self._cancel_login_work()
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
        """Whoever was logged in is no longer: close the session and drop what was built
        for it (the learner's pages, the desk, 修改初始密码)."""
        self._restoring = None
        exam_view = self.built_page("exam")
        if exam_view is not None:
            self.exam_view.close_dialog()  # its answers are in this account's cache already
        self._remember = False
        self._account_id = None
        dialog, self.change_password_dialog = self.change_password_dialog, None
        if dialog is not None and dialog.isVisible():
            dialog.rejected.disconnect(self.logout)
            dialog.reject()
        desk, self.desk = self.desk, None
        if desk is not None:
            desk.clear()  # nothing of a walk-in outlives the staff's session
            self.window.remove_desk(desk)
        session, self.session = self.session, None
        if session is not None:
            shell = self.window.built_shell
            if shell is not None:
                shell.forget_pages()  # the next login builds its own
            session.close()
            self.session_ended.emit(session)

    def _on_unhandled_failure(self, exc: BaseException) -> None:
        self.window.statusBar().showMessage(describe_failure(exc).text, 8000)

    # -- dialogs --------------------------------------------------------------------

    def _open_registration(self) -> None:
        from desktop.views.registration import RegistrationWizard

        if self.api is None or self.health is None:
            return
        wizard = RegistrationWizard(self.tasks, self.platform_clock, self.window)
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
        """Quit at once, even with a download running: hide the window, close the player
        (its last interval is journalled), cancel every op (a download's socket is shut, a
        sync ends at its next step), wait a moment for the cache lane's writes, close the
        cache, stop the platform.  Runs once (``closing`` and ``aboutToQuit`` both call it)."""
        from desktop.models.tasks import QUIT_WAIT_MS

        if self.tasks.is_closed:
            return
        self.menus.close()  # the open windows' places, before the player closes
        self.window.hide()
        if self.player is not None:
            self.player.close()
        if self.handout_viewer is not None:
            self.handout_viewer.close()
        session = self.session
        if session is not None and session.sync is not None:
            session.sync.stop()
        self.tasks.close()  # cancels every op; nothing more is delivered
        if self.api is not None:
            self.api.abort_all()  # a request no op owns does not hold the process either
        if not self.tasks.wait_idle(QUIT_WAIT_MS):
            log.warning("quitting while cancelled work still runs")
        if session is not None:
            session.close_now()
        if self.embedded is not None:
            self.embedded.stop()
