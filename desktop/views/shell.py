"""The learner's shell after login: the guide's left navigation and the page area.

信息采集 status at the top with 账号信息 / 退出登录, then 个人主页 (the year at a glance), 信息采集
and 继续教育 › 我的学习 / 公需考试 / 学习资源 / 我的订单 / 继续教育情况 / 往年继续教育查询.  Pages that later releases build
are plain placeholders.

A page is built when it is first shown or first asked for (``set_page_builder``): after a
login only 个人主页 is built before it paints; the others wait for their first visit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.models.api_types import Me
from desktop.views.account_info import AccountInfoPage
from desktop.views.placeholder import PlaceholderPage
from desktop.views.widgets import follow_current_page, size_to_current_page

PAGE_ROLE = Qt.ItemDataRole.UserRole
SIDEBAR_MIN_WIDTH = 230
SIDEBAR_MAX_WIDTH = 380


class Shell(QWidget):
    """Navigation and pages.

    Signals:
        logout_requested(): 退出登录 was clicked.
    """

    logout_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shell")
        self.pages = QStackedWidget(self)
        self.account_page = AccountInfoPage(self.pages)
        self._page_index: dict[str, int] = {}
        self._nav_items: dict[str, QTreeWidgetItem] = {}
        self._builders: dict[str, Callable[[], QWidget]] = {}
        self._screens: set[str] = set()
        """The keys whose real screen is in place (not a placeholder)."""
        self._add_page("account", self.account_page)

        side = QFrame(self)
        side.setObjectName("sidebar")
        self.name_label = QLabel(side)
        self.name_label.setObjectName("sidebarName")
        self.status_label = QLabel(side)
        self.status_label.setObjectName("profileStatus")
        self.account_button = QPushButton(self.tr("账号信息"), side)
        self.account_button.setObjectName("accountInfoButton")
        self.account_button.setFlat(True)
        self.logout_button = QPushButton(self.tr("退出登录"), side)
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.setFlat(True)
        links = QHBoxLayout()
        links.addWidget(self.account_button)
        links.addWidget(QLabel("|", side))
        links.addWidget(self.logout_button)
        links.addStretch(1)

        self.nav = QTreeWidget(side)
        self.nav.setObjectName("navigation")
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(True)
        self.nav.setAccessibleName(self.tr("导航"))
        self._nav_item(None, self.tr("个人主页"), "home")
        self.profile_item = self._nav_item(None, self.tr("信息采集"), "profile")
        education = QTreeWidgetItem(self.nav, [self.tr("继续教育")])
        education.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self._nav_item(education, self.tr("我的学习"), "study")
        self._nav_item(education, self.tr("公需考试"), "exam")
        self._nav_item(education, self.tr("学习资源"), "institutions")
        self._nav_item(education, self.tr("我的订单"), "orders")
        self._nav_item(education, self.tr("继续教育情况"), "records")
        self._nav_item(education, self.tr("往年继续教育查询"), "history")
        education.setExpanded(True)

        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.name_label)
        side_layout.addWidget(self.status_label)
        side_layout.addLayout(links)
        side_layout.addWidget(self.nav, 1)
        side.setFixedWidth(self._sidebar_width(links))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side)
        # Long English words at a large text size can ask for more than the screen: the
        # page then scrolls instead of pushing the window past the screen's edge.
        self.page_scroller = QScrollArea(self)
        self.page_scroller.setObjectName("pageScroller")
        self.page_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroller.setWidgetResizable(True)
        # Not a Tab stop of its own: Tab goes into the page (and scrolls to what it reaches).
        self.page_scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.page_scroller.setWidget(self.pages)
        follow_current_page(self.pages)
        layout.addWidget(self.page_scroller, 1)
        self._connect_signals()

    def _sidebar_width(self, links: QHBoxLayout) -> int:
        """Wide enough for the longest navigation title and the account links in the
        current language and text size (230 px for Chinese at 100 %), within reason."""
        metrics = self.nav.fontMetrics()
        widest = 0
        pending = [(self.nav.topLevelItem(i), 1) for i in range(self.nav.topLevelItemCount())]
        while pending:
            item, depth = pending.pop()
            if item is None:
                continue
            indent = self.nav.indentation() * depth
            widest = max(widest, metrics.horizontalAdvance(item.text(0)) + indent + 40)
            pending += [(item.child(i), depth + 1) for i in range(item.childCount())]
        return max(
            SIDEBAR_MIN_WIDTH, min(SIDEBAR_MAX_WIDTH, max(widest, links.sizeHint().width() + 24))
        )

    def _connect_signals(self) -> None:
        self.nav.currentItemChanged.connect(self._on_nav_changed)
        self.nav.itemClicked.connect(lambda item, _column: self._on_nav_changed(item, None))
        # Enter on the marked item goes back to it from a sub-page (keyboard users).
        self.nav.itemActivated.connect(lambda item, _column: self._on_nav_changed(item, None))
        self.account_button.clicked.connect(lambda: self.show_page("account"))
        self.logout_button.clicked.connect(self.logout_requested)

    def _add_page(self, key: str, page: QWidget) -> None:
        self._page_index[key] = self.pages.addWidget(page)
        size_to_current_page(self.pages)

    def _nav_item(self, parent: QTreeWidgetItem | None, title: str, key: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title])
        if parent is None:
            self.nav.addTopLevelItem(item)
        else:
            parent.addChild(item)
        item.setData(0, PAGE_ROLE, key)
        self._nav_items[key] = item
        self._add_page(key, PlaceholderPage(title, self.pages))
        return item

    def add_page(self, key: str, page: QWidget) -> None:
        """A screen reached from another screen, not from the navigation (e.g. 网上报名)."""
        if key in self._page_index:
            self.set_page(key, page)
        else:
            self._screens.add(key)
            self._add_page(key, page)

    def set_page(self, key: str, page: QWidget) -> None:
        """Put the real screen in place of the placeholder of *key*."""
        self._screens.add(key)
        index = self._page_index[key]
        old = self.pages.widget(index)
        assert old is not None
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(old)
        size_to_current_page(self.pages)
        old.deleteLater()

    def set_page_builder(self, key: str, build: Callable[[], QWidget]) -> None:
        """*build* makes the screen of *key* when it is first shown or asked for (``page``)."""
        self._builders[key] = build

    def page(self, key: str) -> QWidget:
        """The screen of *key*, built now if it has not been yet."""
        build = self._builders.pop(key, None)
        if build is not None:
            self.add_page(key, build())
        page = self.pages.widget(self._page_index[key])
        assert page is not None
        return page

    def built_page(self, key: str) -> QWidget | None:
        """The screen of *key* if it was built (never builds it; None for a placeholder)."""
        return self.pages.widget(self._page_index[key]) if key in self._screens else None

    def forget_pages(self) -> None:
        """Drop the screens built so far and their builders (the learner logged out): each
        was made for that login, the next login builds its own."""
        self._builders.clear()
        for key in self._screens:
            index = self._page_index[key]
            old = self.pages.widget(index)
            item = self._nav_items.get(key)
            blank = PlaceholderPage(item.text(0), self.pages) if item else QWidget(self.pages)
            self.pages.insertWidget(index, blank)
            if old is not None:
                self.pages.removeWidget(old)
                old.deleteLater()
        self._screens.clear()
        self.pages.setCurrentWidget(self.account_page)

    def _on_nav_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None and current.data(0, PAGE_ROLE):
            self.show_page(str(current.data(0, PAGE_ROLE)))

    def show_page(self, key: str) -> None:
        """Show the page of *key* and mark it in the navigation.

        A sub-page (网上报名, 选课) keeps the mark of the page it was reached from.
        """
        self.page(key)
        self.pages.setCurrentIndex(self._page_index[key])
        item = self._nav_items.get(key)
        if key == "account":
            self.nav.clearSelection()
        elif item is not None and self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)

    def current_page_key(self) -> str:
        index = self.pages.currentIndex()
        return next(key for key, i in self._page_index.items() if i == index)

    def show_me(self, me: Me) -> None:
        """Redraw what depends on the account (name, 信息采集 status, 账号信息)."""
        collected = me.profile_status == "collected"
        self.name_label.setText(me.name)
        self.status_label.setText(
            "● " + (self.tr("信息已采集") if collected else self.tr("信息未采集"))
        )
        self.status_label.setProperty("collected", collected)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.profile_item.setText(0, self.tr("信息变更") if collected else self.tr("信息采集"))
        self.account_page.show_me(me)
