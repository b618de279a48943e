"""学习资源: find the institution to study with (SPEC §1.3, guide 一、5).

Tabs 专业课 / 公需课, 远程机构 / 面授机构, the year, and a name search that filters the loaded
rows as one types.  Rows come from the cache first (instant, and offline), then from the
platform.  去学习 asks once per institution for the supplementary info (补充修改个人信息),
then hands over to 网上报名.

Operations: ``desktop/models/institutions.py`` (the rows; what the cache keeps of them is
``purchase_cache.py``); the table is ``desktop/models/institution_table.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import Institution
from desktop.models.cache_first import CacheFirstLoad
from desktop.models.errors import logged
from desktop.models.institution_table import INSTITUTION_ROLE, InstitutionTableModel
from desktop.models.institutions import COURSE_TYPES, MODES, load_institutions
from desktop.models.purchase import purchase_years
from desktop.models.purchase_cache import (
    InstitutionQuery,
    get_institutions,
    mark_learner_info_filled,
)
from desktop.models.tasks import TaskRunner
from desktop.views.learner_info import LearnerInfoDialog
from desktop.views.widgets import present_failure, record_table

if TYPE_CHECKING:
    from desktop.models.session import Session

Index = QModelIndex | QPersistentModelIndex


class ButtonDelegate(QStyledItemDelegate):
    """Draws the cell as a push button; a click on it is reported, not an edit.

    Signals:
        clicked(QModelIndex): the button of that cell was clicked.
    """

    clicked = Signal(QModelIndex)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        button = QStyleOptionButton()
        button.rect = option.rect.adjusted(8, 4, -8, -4)
        button.text = str(index.data())
        button.state = QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_Raised
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_PushButton, button, painter, widget)

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and option.rect.contains(event.position().toPoint())
        ):
            self.clicked.emit(index.model().index(index.row(), index.column()))
            return True
        return super().editorEvent(event, model, option, index)


class InstitutionsView(QWidget):
    """The 学习资源 page.

    Signals:
        enroll_requested(Institution, int): go to 网上报名 of the institution for the year
            (its 补充信息 is saved).
    """

    enroll_requested = Signal(object, int)

    def __init__(self, tasks: TaskRunner, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("institutionsView")
        self._tasks = tasks
        self._session = session
        self._account_id = ""
        self.learner_info_dialog: LearnerInfoDialog | None = None

        title = QLabel(self.tr("学习资源"), self)
        title.setObjectName("pageTitle")
        self.type_tabs = QTabBar(self)
        self.type_tabs.setObjectName("courseTypeTabs")
        self.type_tabs.addTab(self.tr("专业课"))
        self.type_tabs.addTab(self.tr("公需课"))
        self.type_tabs.setAccessibleName(self.tr("课程类别"))
        self.type_tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.online_button = QRadioButton(self.tr("远程机构"), self)
        self.onsite_button = QRadioButton(self.tr("面授机构"), self)
        self.online_button.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.online_button, 0)
        self.mode_group.addButton(self.onsite_button, 1)
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearCombo")
        self.year_combo.setAccessibleName(self.tr("年度"))
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("institutionSearch")
        self.search_edit.setPlaceholderText(self.tr("请输入机构名称"))
        self.search_edit.setAccessibleName(self.tr("按机构名称搜索"))
        self.search_edit.setClearButtonEnabled(True)
        year_label = QLabel(self.tr("年度："), self)
        year_label.setBuddy(self.year_combo)

        filters = QHBoxLayout()
        filters.addWidget(self.type_tabs)
        filters.addSpacing(24)
        filters.addWidget(self.online_button)
        filters.addWidget(self.onsite_button)
        filters.addSpacing(24)
        filters.addWidget(year_label)
        filters.addWidget(self.year_combo)
        filters.addStretch(1)
        filters.addWidget(self.search_edit, 1)

        self.model = InstitutionTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(InstitutionTableModel.NAME)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = record_table(
            self,
            self.proxy,
            name="institutionTable",
            accessible_name=self.tr("机构列表"),
            stretch_column=InstitutionTableModel.NAME,
            row_height=40,
        )
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setMinimumSectionSize(90)
        self.study_delegate = ButtonDelegate(self.table)
        self.table.setItemDelegateForColumn(InstitutionTableModel.ACTION, self.study_delegate)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        hint = QLabel(self.tr("选中机构后按回车键或点击“去学习”进入网上报名。"), self)
        hint.setObjectName("hint")

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(hint)
        self.setTabOrder(self.type_tabs, self.online_button)
        self.setTabOrder(self.online_button, self.year_combo)
        self.setTabOrder(self.year_combo, self.search_edit)
        self.setTabOrder(self.search_edit, self.table)
        self._load: CacheFirstLoad[list[Institution]] = CacheFirstLoad(
            tasks,
            self,
            cache=lambda: self._session.cache,
            progress=self.tr("正在加载机构列表…"),
            show=self._show_rows,
            offline=self._on_offline,
            failed=lambda exc: present_failure(exc, {}, self.status_label.setText),
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.type_tabs.currentChanged.connect(lambda _i: self.reload())
        self.mode_group.idToggled.connect(self._on_mode_toggled)
        self.year_combo.activated.connect(lambda _i: self.reload())
        self.search_edit.textChanged.connect(self._on_search_changed)
        self.table.activated.connect(self._on_activated)
        self.study_delegate.clicked.connect(self._on_activated)

    def _on_mode_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self.reload()

    # -- what is asked --------------------------------------------------------------

    def query(self) -> InstitutionQuery:
        year = self.year_combo.currentData()
        if year is None:  # not filled yet: the platform's year, as the combo will choose
            year = purchase_years(self._session.platform_clock.now())[0]
        return InstitutionQuery(
            year=int(year),
            course_type=COURSE_TYPES[max(self.type_tabs.currentIndex(), 0)],
            mode=MODES[max(self.mode_group.checkedId(), 0)],
        )

    def _fill_years(self) -> None:
        years = purchase_years(self._session.platform_clock.now())
        if [self.year_combo.itemData(i) for i in range(self.year_combo.count())] == years:
            return
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(self.tr("{year}年").format(year=year), year)

    # -- loading --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        me = self._session.me
        self._fill_years()
        if me is not None and (me.id != self._account_id or not self.model.rows):
            self._account_id = me.id
            self.reload()

    def reload(self) -> None:
        """The cache's rows at once, then the platform's."""
        api, cache, query = self._session.api, self._session.cache, self.query()
        self.model.set_rows([])
        self.status_label.setText(self.tr("正在加载…"))
        self._load.start(
            lambda stored: get_institutions(stored, query),
            None if api is None else lambda: load_institutions(api, cache, query),
        )

    def _on_offline(self) -> None:
        if self.model.rows:
            self.status_label.setText(self.tr("当前无法连接平台，显示的是上次保存的机构列表。"))
        else:
            self.status_label.setText(
                self.tr("当前无法连接平台，且本机没有保存过该条件下的机构列表。请联网后重试。")
            )

    def _show_rows(self, rows: list[Institution]) -> None:
        self.model.set_rows(rows)
        self._update_status()

    def _on_search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_status()

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if total == 0:
            text = self.tr("该条件下暂无培训机构。")
        elif shown == 0:
            text = self.tr("没有名称包含“{text}”的机构。").format(text=self.search_edit.text())
        else:
            text = self.tr("共 {count} 家机构").format(count=shown)
        self.status_label.setText(text)

    # -- 去学习 ---------------------------------------------------------------------

    def row_of(self, name: str) -> QModelIndex:
        """The table index of the institution called *name* (for tests and screen readers)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, InstitutionTableModel.NAME)
            if index.data() == name:
                return index
        return QModelIndex()

    def _on_activated(self, index: QModelIndex) -> None:
        institution = index.data(INSTITUTION_ROLE)
        if isinstance(institution, Institution):
            self.go_study(institution)

    def go_study(self, institution: Institution) -> None:
        """First time: 补充修改个人信息; then (or already filled) 网上报名."""
        if institution.learner_info_filled:
            self.enroll_requested.emit(institution, institution.year)
            return
        api, me = self._session.api, self._session.me
        if api is None or me is None:
            self.status_label.setText(self.tr("需要联网才能补充个人信息，请连接网络后重试。"))
            return
        dialog = LearnerInfoDialog(self._tasks, api, institution, me, self)
        dialog.saved.connect(lambda _info: self._on_info_saved(institution))
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.learner_info_dialog = dialog
        dialog.open()
        dialog.load()

    def _forget_dialog(self, dialog: LearnerInfoDialog) -> None:
        if self.learner_info_dialog is dialog:
            self.learner_info_dialog = None
        dialog.deleteLater()

    def _on_info_saved(self, institution: Institution) -> None:
        self.model.mark_filled(institution.id)
        cache, query = self._session.cache, self.query()
        if cache is not None:
            self._tasks.op(
                run=lambda: mark_learner_info_filled(cache, query, institution.id),
                failure=logged("learner info not marked filled in the cache"),
                parent=self,
                lane="cache",
            ).start()
        self.enroll_requested.emit(institution, institution.year)
