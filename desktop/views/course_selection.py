"""选课: one enrollment's catalog beside its selection tray (SPEC §1.5; guide 三、2–4).

Left, the catalog grouped by category (``CatalogModel``), filtered as the learner types;
right, the tray: the chosen courses (必修 ones locked), the running total against the
requirement, 取消选择 where the rule allows it (else the reason), 一键选课 and 开始学习,
which opens once the credits add up.

Every select/deselect goes to the platform, which decides; the row shows 处理中… meanwhile
and moves only on the platform's answer.  Offline, browsing works from the cache but a
selection is refused ("需要联网…"), never queued.  A refusal is shown beside the tray with
the platform's message.

Catalogs reach the page from the cache, from the platform and from the sync; each carries
the moment its request was sent (``StampedCatalog.as_of``).  A course the learner changed
after that moment keeps the page's newer state, so a catalog read just before a click can
never undo it on screen.

Operations: ``desktop/models/course_selection.py`` (selecting, 一键选课, which catalog wins);
the catalogs in the cache are ``desktop/models/learning_cache.py``; the catalog and tray
models are ``desktop/models/catalog_model.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import Catalog, Course, Enrollment
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.catalog_model import (
    BUSY_ROLE,
    COURSE_ROLE,
    CREDITS_ROLE,
    LOCKED_ROLE,
    CatalogModel,
    TrayModel,
)
from desktop.models.changes import ChangeBus, Changes
from desktop.models.course_selection import (
    auto_select,
    change_selection,
    changed_by,
    keep_newer,
    needs_reload,
)
from desktop.models.errors import logged
from desktop.models.formats import format_date
from desktop.models.learning_cache import (
    StampedCatalog,
    fetch_catalog,
    get_catalog,
    store_catalog,
    store_selection,
)
from desktop.views.accessibility import announce
from desktop.views.appearance import set_look, theme_colour
from desktop.views.widgets import present_failure, reserve_room, tr, tr_rule
from rules.credits import format_credits
from rules.selection import CLOSED_MESSAGE

if TYPE_CHECKING:
    from desktop.models.cache import Cache
    from desktop.models.session import Session
    from desktop.models.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


TRAY_WIDTHS = (236, 300)
"""The selection tray's narrowest and widest, in pixels (it follows the page between)."""
CELL_PADDING = 20
"""Room around a column's sample text: the cell's padding and the header's margins."""


def offline_message() -> str:
    return tr("需要联网才能选课，请连接网络后重试。")


class SelectCellDelegate(QStyledItemDelegate):
    """The 选择 cell: its check box looks disabled where no toggle is possible.

    (The model leaves item flags alone for speed, so the look is set here, for the few
    visible cells only.)
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        course = index.data(COURSE_ROLE)
        if (
            isinstance(model, CatalogModel)
            and isinstance(course, Course)
            and model.toggle_problem(course) is not None
        ):
            option.state &= ~QStyle.StateFlag.State_Enabled


class CatalogTree(QTreeView):
    """The catalog's tree: a click on 选择, Space or a double-click asks to toggle a course.

    Every category opens whenever the courses shown change (``CatalogModel.shown_changed``).

    Signals:
        toggle_requested(QModelIndex): flip the selection of the row's course.
        trial_requested(QModelIndex): 试听 of the row's course was pressed.
    """

    toggle_requested = Signal(QModelIndex)
    trial_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setItemDelegateForColumn(CatalogModel.SELECT, SelectCellDelegate(self))
        # A long title keeps its start and its end (…的衔接规定(一) vs (二)); the cell's
        # tooltip has it whole.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.clicked.connect(self._on_clicked)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        previous = self.model()
        if isinstance(previous, CatalogModel):
            previous.shown_changed.disconnect(self.expand_categories)
        super().setModel(model)
        if isinstance(model, CatalogModel):
            model.shown_changed.connect(self.expand_categories)

    def expand_categories(self) -> None:
        """Open every category (whenever the courses shown change: a filter keystroke)."""
        model = self.model()
        for row in range(model.rowCount()):
            self.setExpanded(model.index(row, 0), True)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        # A filter keystroke replaces rows.  Losing its current row, the tree would make
        # the category current and scroll to it; it forgets the row instead, as it did
        # when each keystroke reset the model.
        current = self.currentIndex()
        while current.isValid():
            if current.parent() == parent and start <= current.row() <= end:
                self.selectionModel().clear()
                break
            current = current.parent()
        super().rowsAboutToBeRemoved(parent, start, end)

    def _course(self, index: Index) -> Course | None:
        course = index.data(COURSE_ROLE) if index.isValid() else None
        return course if isinstance(course, Course) else None

    def _on_clicked(self, index: QModelIndex) -> None:
        course = self._course(index)
        if course is None:
            return
        if index.column() == CatalogModel.SELECT:
            self.toggle_requested.emit(index)
        elif index.column() == CatalogModel.TRIAL and course.trial_available:
            self.trial_requested.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and index.isValid():
            if self._course(index) is not None:
                self.toggle_requested.emit(index)
            else:
                category = index.siblingAtColumn(0)
                self.setExpanded(category, not self.isExpanded(category))
            event.accept()
            return
        course = self._course(index)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and course is not None:
            if course.trial_available:  # 试听 by keyboard, as the click on its cell
                self.trial_requested.emit(index.siblingAtColumn(CatalogModel.TRIAL))
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if self._course(index) is not None:
            # 选择 and 试听 act on the single click already.
            if index.column() not in (CatalogModel.SELECT, CatalogModel.TRIAL):
                self.toggle_requested.emit(index)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)


class TrayDelegate(QStyledItemDelegate):
    """A tray row: [必修] title … 2.4 学分 (处理中… while the platform answers)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        metrics = opt.fontMetrics
        rect: QRect = opt.rect.adjusted(8, 0, -8, 0)
        painter.save()
        credits = self.tr("{credits} 学分").format(
            credits=format_credits(int(index.data(CREDITS_ROLE) or 0))
        )
        if index.data(BUSY_ROLE):
            credits = self.tr("处理中…")
        credits_width = metrics.horizontalAdvance(credits)
        painter.setPen(text_color if selected else theme_colour("heading"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, credits)
        left = rect.left()
        if index.data(LOCKED_ROLE):
            badge_text = self.tr("必修")
            badge = QRect(left, 0, metrics.horizontalAdvance(badge_text) + 10, metrics.height() + 4)
            badge.moveCenter(rect.center())
            badge.moveLeft(left)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme_colour("alert_bg"))
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(theme_colour("alert_text"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
            left = badge.right() + 8
        title_rect = QRect(
            left, rect.top(), rect.right() - credits_width - 12 - left, rect.height()
        )
        painter.setPen(text_color)
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = option.fontMetrics.height() + 16
        return QSize(200, max(32, height))


class CourseSelectionView(QWidget):
    """The 选课 page of one enrollment at a time (``show_enrollment``).

    Signals:
        back_requested(): 返回我的学习.
        study_requested(str): 开始学习 (the enrollment id); enabled once the credits add up.
        trial_requested(object): 试听 of a ``Course`` (the player issue makes it play).
    """

    back_requested = Signal()
    study_requested = Signal(str)
    trial_requested = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        bus: ChangeBus,
        session: Session,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseSelectionView")
        self._tasks = tasks
        self._bus = bus
        self._session = session
        self.enrollment_id = ""
        self.enrollment: Enrollment | None = None
        self._shown_as_of = 0.0
        self._changed_at: dict[str, float] = {}  # course id → when the platform answered
        self._auto_selecting = False
        self._announcing = False
        self._stale = False

        self.back_button = QPushButton(self.tr("‹ 返回我的学习"), self)
        self.back_button.setObjectName("backToStudy")
        self.back_button.setFlat(True)
        self.title = QLabel(self.tr("选课"), self)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("hint")
        self.closed_banner = QLabel(tr_rule(CLOSED_MESSAGE), self)
        self.closed_banner.setObjectName("closedBanner")
        self.closed_banner.setProperty("role", "alert")
        self.closed_banner.hide()

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("courseSearch")
        self.search_edit.setPlaceholderText(self.tr("输入课程名称或授课老师搜索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(self.tr("搜索课程"))
        self.count_label = QLabel(self)
        self.count_label.setObjectName("hint")
        self.catalog_model = CatalogModel(self)
        self.tree = CatalogTree(self)
        self.tree.setObjectName("catalogTree")
        self.tree.setAccessibleName(self.tr("课程目录"))
        self.tree.setAccessibleDescription(self.tr("空格键选择或取消选择课程，回车键试听"))
        self.tree.setModel(self.catalog_model)
        self._size_columns()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        hint = QLabel(
            self.tr("点击“选择”列、按空格键或双击课程即可选择或取消选择；点击“试听”可试听课程。"),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.tray_title = QLabel(self)
        self.tray_title.setObjectName("trayTitle")
        self.tray_model = TrayModel(self)
        self.tray_view = QListView(self)
        self.tray_view.setObjectName("selectionTray")
        self.tray_view.setAccessibleName(self.tr("已选课程"))
        self.tray_view.setModel(self.tray_model)
        self.tray_view.setItemDelegate(TrayDelegate(self.tray_view))
        self.tray_view.setUniformItemSizes(True)
        self.tray_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deselect_button = QPushButton(self.tr("取消选择"), self)
        self.deselect_button.setObjectName("deselectButton")
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("deselectReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setProperty("tone", "muted")
        reserve_room(self.reason_label, 2)  # nothing below moves when a reason comes or goes
        self.total_label = QLabel(self)
        self.total_label.setObjectName("trayTotal")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("trayProgress")
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(10)
        self.progress.setAccessibleName(self.tr("已选学分进度"))
        self.message = QLabel(self)
        self.message.setObjectName("selectionMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reserve_room(self.message, 2)  # 一键选课 and 开始学习 stay put under the pointer
        self.message.hide()
        self.auto_button = QPushButton(self.tr("一键选课"), self)
        self.auto_button.setObjectName("autoSelectButton")
        self.auto_button.setToolTip(self.tr("保留已选课程，自动补足到要求的学分"))
        self.start_button = QPushButton(self.tr("开始学习"), self)
        self.start_button.setObjectName("startStudyButton")
        self.start_button.setProperty("role", "primary")

        self._build_layout(hint)
        # Catalogs are stamped: ``_apply_catalog`` keeps the newest and the learner's clicks.
        self._load: CacheFirstLoad[StampedCatalog] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载课程…"),
            show=self._apply_catalog,
            show_fetched=self._on_fetched,
            offline=lambda: self.status_label.setText(
                self.tr("当前无法连接平台，显示的是上次保存的课程。")
            ),
            bus=bus,
            online=self.status_label.clear,
            reload=self.reload,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
            cache_ready=self._session.cache_ready,
            stamped=True,
        )
        self.setTabOrder(self.search_edit, self.tree)
        self.setTabOrder(self.tree, self.tray_view)
        self.setTabOrder(self.tray_view, self.deselect_button)
        self.setTabOrder(self.deselect_button, self.auto_button)
        self.setTabOrder(self.auto_button, self.start_button)
        self._connect_signals()
        self._update_controls()

    def _build_layout(self, hint: QLabel) -> None:
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)

        search = QHBoxLayout()
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.count_label)
        catalog = QVBoxLayout()
        catalog.addLayout(search)
        catalog.addWidget(self.tree, 1)
        catalog.addWidget(self.status_label)
        catalog.addWidget(hint)

        tray = QFrame(self)
        tray.setObjectName("trayPanel")
        self.tray_panel = tray
        self._fit_tray()
        actions = QHBoxLayout()
        actions.addWidget(self.auto_button)
        actions.addStretch(1)
        actions.addWidget(self.start_button)
        tray_layout = QVBoxLayout(tray)
        tray_layout.addWidget(self.tray_title)
        tray_layout.addWidget(self.tray_view, 1)
        tray_layout.addWidget(self.deselect_button, 0, Qt.AlignmentFlag.AlignRight)
        tray_layout.addWidget(self.reason_label)
        tray_layout.addSpacing(6)
        tray_layout.addWidget(self.total_label)
        tray_layout.addWidget(self.progress)
        tray_layout.addWidget(self.message)
        tray_layout.addSpacing(6)
        tray_layout.addLayout(actions)

        body = QHBoxLayout()
        body.addLayout(catalog, 1)
        body.addWidget(tray)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.closed_banner)
        layout.addLayout(body, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_tray()
        super().resizeEvent(event)

    def _fit_tray(self) -> None:
        """The tray takes under a third of the page, so that at 1024×700 the catalog keeps
        room for the course titles (the tray's fixed 300 px left them two characters)."""
        low, high = TRAY_WIDTHS
        self.tray_panel.setFixedWidth(max(low, min(high, self.width() * 3 // 10)))

    def _size_columns(self) -> None:
        """Fixed widths from the font: measuring 10,000 rows per keystroke would cost more."""
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CatalogModel.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.tree.fontMetrics()
        samples = {
            CatalogModel.TEACHER: "欧阳晓燕",
            CatalogModel.CREDITS: "学分",
            CatalogModel.DURATION: "180分钟",
            CatalogModel.TRIAL: "试听",
            CatalogModel.SELECT: "处理中…",
        }
        for column, sample in samples.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + CELL_PADDING)

    def _connect_signals(self) -> None:
        self.back_button.clicked.connect(self.back_requested)
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.catalog_model.shown_changed.connect(self._update_count)
        self.catalog_model.selection_requested.connect(self._request_selection)
        self.tree.toggle_requested.connect(self._on_toggle_requested)
        self.tree.trial_requested.connect(self._on_trial_requested)
        self.tray_model.totals_changed.connect(self._update_controls)
        self.tray_model.dataChanged.connect(lambda *_args: self._update_controls())
        self.tray_view.selectionModel().currentChanged.connect(
            lambda _current, _previous: self._update_controls()
        )
        self.deselect_button.clicked.connect(self.deselect_current)
        self.auto_button.clicked.connect(self.auto_select)
        self.start_button.clicked.connect(self._on_start)
        self._bus.changed.connect(self._on_changed)

    # -- loading --------------------------------------------------------------------

    def show_enrollment(self, enrollment_id: str) -> None:
        """Show the catalog of *enrollment_id* (the cache's at once, then the platform's).

        The app calls this from 我的学习's 选课, and after a purchase.
        """
        if enrollment_id != self.enrollment_id:
            self.enrollment_id = enrollment_id
            self.enrollment = None
            self._shown_as_of = 0.0
            self._changed_at.clear()
            self.search_edit.clear()
            self.catalog_model.set_catalog([])
            self.tray_model.set_courses([], 0)
            self.title.setText(self.tr("选课"))
            self.subtitle.clear()
        self._show_message("")
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.enrollment_id:
            self.reload()

    def _on_changed(self, changes: Changes) -> None:
        if self._announcing or not (changes.tray or changes.catalog) or not self.enrollment_id:
            return
        if self.isVisible():
            self._load.read_cache(self._read_catalog())
        else:
            self._stale = True

    def reload(self) -> None:
        """The cache's catalog, then the platform's (stored in the cache)."""
        api, cache = self._session.api, self._session.cache
        enrollment_id = self.enrollment_id
        self._stale = False
        if api is not None:
            self.status_label.setText(self.tr("正在加载课程…") if self.enrollment is None else "")
        self._load.start(
            self._read_catalog(),
            None if api is None else lambda: fetch_catalog(api, cache, enrollment_id),
        )

    def _read_catalog(self) -> Callable[[Cache], StampedCatalog | None]:
        enrollment_id = self.enrollment_id
        return lambda cache: get_catalog(cache, enrollment_id)

    def _on_fetched(self, stamped: StampedCatalog) -> None:
        self.status_label.clear()
        self._apply_catalog(stamped)

    def _apply_catalog(self, stamped: StampedCatalog) -> None:
        """Show a catalog unless an older one than shown; the learner's newer changes stay."""
        catalog = stamped.catalog
        if catalog.enrollment.id != self.enrollment_id or stamped.as_of < self._shown_as_of:
            return
        self._shown_as_of = stamped.as_of
        model = self.catalog_model
        incoming = keep_newer(
            catalog.courses, model.course_by_id, model.is_busy, self._changed_at, stamped.as_of
        )
        self._set_enrollment(catalog.enrollment)
        shown = model.courses()
        if [c.id for c in incoming] == [c.id for c in shown]:
            changed = [new for new, old in zip(incoming, shown, strict=True) if new != old]
            model.update_courses(changed)
            self.tray_model.update_courses(changed)
        else:
            model.set_catalog(incoming, closed=catalog.enrollment.closed)
            self.tray_model.set_courses(incoming, catalog.enrollment.required_tenths)
        self._update_controls()

    def _set_enrollment(self, enrollment: Enrollment) -> None:
        self.enrollment = enrollment
        self.title.setText(enrollment.title)
        self.subtitle.setText(
            self.tr("{institution} · 选课截止 {date}").format(
                institution=enrollment.institution_name, date=format_date(enrollment.closes_at)
            )
        )
        self.catalog_model.set_closed(enrollment.closed)
        self.tray_model.set_required(enrollment.required_tenths)

    # -- filter ---------------------------------------------------------------------

    def _on_search_changed(self, text: str) -> None:
        self.catalog_model.set_filter(text)

    def _update_count(self) -> None:
        model = self.catalog_model
        shown, total = model.visible_course_count(), len(model.courses())
        if model.filter_text:
            self.count_label.setText(self.tr("找到 {shown} 门课程").format(shown=shown))
        else:
            self.count_label.setText(self.tr("共 {total} 门课程").format(total=total))

    # -- selecting ------------------------------------------------------------------

    def _on_toggle_requested(self, index: QModelIndex) -> None:
        problem = self.catalog_model.request_toggle(index)
        if problem:
            self._show_message(problem, error=True)

    def _on_trial_requested(self, index: QModelIndex) -> None:
        course = self.catalog_model.course(index)
        if course is not None:
            self._show_message("")  # the trial plays in the player; nothing to say here
            self.trial_requested.emit(course)

    def deselect_current(self) -> None:
        """取消选择 of the tray's current course (when the rule allows it)."""
        course = self.tray_model.course(self.tray_view.currentIndex())
        if course is None:
            return
        problem = self.catalog_model.toggle_problem(course)
        if problem:
            self._show_message(problem, error=True)
            return
        self._request_selection(course.id, False)

    def _request_selection(self, course_id: str, select: bool) -> None:
        """Ask the platform to select (or deselect) the course; the row is busy meanwhile."""
        api, enrollment_id = self._session.api, self.enrollment_id
        if self.catalog_model.is_busy(course_id):
            return
        if api is None:
            self._show_message(offline_message(), error=True)
            return
        self._show_message("")
        self._set_busy(course_id, True)
        progress = self.tr("正在选课…") if select else self.tr("正在取消选择…")
        self._tasks.op(
            run=lambda: change_selection(api, enrollment_id, course_id, select=select),
            success=lambda result: self._on_selection_done(enrollment_id, course_id, result),
            failure=lambda exc: self._on_selection_failed(enrollment_id, course_id, exc),
            parent=self,
        ).with_progress(progress).start()

    def _on_selection_done(
        self, enrollment_id: str, course_id: str, result: tuple[Course, Enrollment]
    ) -> None:
        course, enrollment = result
        self._store(lambda cache: store_selection(cache, course, enrollment))
        if enrollment_id != self.enrollment_id:
            return
        self._set_busy(course_id, False)
        self._changed_at[course.id] = time.time()
        self._set_enrollment(enrollment)
        self.catalog_model.update_courses([course])
        self.tray_model.update_courses([course])
        self._update_controls()

    def _on_selection_failed(self, enrollment_id: str, course_id: str, exc: BaseException) -> None:
        if enrollment_id != self.enrollment_id:
            return
        self._set_busy(course_id, False)
        present_failure(
            exc, {}, lambda text: self._show_message(text, error=True), offline=offline_message()
        )
        if needs_reload(exc):
            self.reload()  # the platform knows something the page did not: show it

    def _set_busy(self, course_id: str, busy: bool) -> None:
        self.catalog_model.set_busy(course_id, busy)
        self.tray_model.set_busy(course_id, busy)
        self._update_controls()

    # -- 一键选课 -------------------------------------------------------------------

    def auto_select(self) -> None:
        """一键选课: the platform keeps the chosen courses and fills up to the requirement."""
        api, enrollment_id = self._session.api, self.enrollment_id
        if self.enrollment is None or self._auto_selecting:
            return
        if self.enrollment.closed:
            self._show_message(tr_rule(CLOSED_MESSAGE), error=True)
            return
        if api is None:
            self._show_message(offline_message(), error=True)
            return
        self._auto_selecting = True
        self._show_message("")
        self._update_controls()
        self._tasks.op(
            run=lambda: auto_select(api, enrollment_id),
            success=lambda result: self._on_auto_selected(enrollment_id, *result),
            failure=lambda exc: self._on_auto_select_failed(enrollment_id, exc),
            parent=self,
        ).with_progress(self.tr("正在一键选课…")).start()

    def _on_auto_selected(
        self, enrollment_id: str, added: list[str], stamped: StampedCatalog
    ) -> None:
        self._store(lambda cache: store_catalog(cache, stamped))
        if enrollment_id != self.enrollment_id:
            return
        self._auto_selecting = False
        catalog: Catalog = stamped.catalog
        model, now = self.catalog_model, time.time()
        changed = changed_by(catalog.courses, model.course_by_id, model.is_busy)
        for course in changed:
            self._changed_at[course.id] = now
        self._set_enrollment(catalog.enrollment)
        model.update_courses(changed)
        self.tray_model.update_courses(changed)
        # The tray's row chosen before (a 必修 one's "cannot deselect") is no answer to
        # 一键选课: start the tray afresh so no refusal stands beside the success.
        self.tray_view.setCurrentIndex(QModelIndex())
        self._update_controls()
        total, required = self.tray_model.total_tenths, self.tray_model.required_tenths
        if not added:
            text = self.tr("已选课程已达到 {required} 学分的要求，无需再选。")
        elif total < required:
            text = self.tr(
                "已为您选择 {count} 门课程，共 {total} 学分；可选课程不足，仍未达到 {required} 学分。"
            )
        else:
            text = self.tr("已为您选择 {count} 门课程，共 {total} 学分")
        self._show_message(
            text.format(
                count=len(added), total=format_credits(total), required=format_credits(required)
            ),
            error=bool(added) and total < required,
        )

    def _on_auto_select_failed(self, enrollment_id: str, exc: BaseException) -> None:
        if enrollment_id != self.enrollment_id:
            return
        self._auto_selecting = False
        self._update_controls()
        present_failure(
            exc, {}, lambda text: self._show_message(text, error=True), offline=offline_message()
        )
        if needs_reload(exc):
            self.reload()

    # -- the rest -------------------------------------------------------------------

    def _store(self, write: Callable[[Cache], None]) -> None:
        """Write the platform's answer into the cache (cache lane: one writer), then say so."""
        cache = self._session.cache
        if cache is None:
            return
        self._tasks.op(
            run=lambda: write(cache),
            success=lambda _r: self._announce(Changes(tray=True)),
            failure=logged("the platform's selection not kept in the cache"),
            lane="cache",
        ).start()

    def _announce(self, changes: Changes) -> None:
        """Tell the other views (我的学习); this page already shows it."""
        self._announcing = True
        try:
            self._bus.announce(changes)
        finally:
            self._announcing = False

    def _on_start(self) -> None:
        if self.tray_model.requirement_met:
            self.study_requested.emit(self.enrollment_id)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        set_look(self.message, tone="error" if error else "success")
        self.message.setVisible(bool(text))
        self.message.setAccessibleDescription(text)
        announce(self.message, text, assertive=error)

    def _update_controls(self) -> None:
        tray, enrollment = self.tray_model, self.enrollment
        closed = enrollment is not None and enrollment.closed
        self.closed_banner.setVisible(closed)
        self.tray_title.setText(self.tr("已选课程（{count} 门）").format(count=tray.rowCount()))
        required = tray.required_tenths
        self.total_label.setText(
            self.tr("已选 {total} / {required} 学分").format(
                total=format_credits(tray.total_tenths), required=format_credits(required)
            )
        )
        self.progress.setRange(0, max(required, 1))
        self.progress.setValue(min(tray.total_tenths, max(required, 1)))
        set_look(self.progress, met=tray.requirement_met)
        # Not disabled while its request runs (auto_select ignores a second press): a
        # focused button that turns disabled hands the focus on down the chain — 一键选课
        # pressed by Enter left the keyboard on 账号信息, out of the page.
        self.auto_button.setEnabled(enrollment is not None and not closed)
        self.start_button.setEnabled(tray.requirement_met)
        self.start_button.setToolTip(
            ""
            if tray.requirement_met
            else self.tr("所选课程达到 {required} 学分后即可开始学习").format(
                required=format_credits(required)
            )
        )
        course = tray.course(self.tray_view.currentIndex())
        if course is None:
            reason = self.tr("在已选课程中选中一门课程，即可取消选择。") if tray.rowCount() else ""
            allowed = False
        elif self.catalog_model.is_busy(course.id):
            reason, allowed = "", False
        else:
            problem = self.catalog_model.toggle_problem(course)
            reason, allowed = problem or "", problem is None
        self.deselect_button.setEnabled(allowed)
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))

    def tray_course_ids(self) -> list[str]:
        return [c.id for c in self.tray_model.courses()]
