"""行政区域: city and district, with the rule and a confirmation — credits are sent there.

The keys work as in any form: arrow keys move within a closed combo without asking
anything (the first arrow on 区县 used to open the confirmation, so the right district
could not be reached), Tab goes from 地级市 to 区县, and the confirmation comes when a
district is picked from the list, with Enter, or when Tab leaves 区县 with a district not
yet confirmed.  确认 moves on to the next field; 重新选择 keeps the city.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop.views.widgets import tr_rule
from rules.profile import REGION_RULE

_MOVING_KEYS = frozenset(
    {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
    | {Qt.Key.Key_Home, Qt.Key.Key_End}
)
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class RegionPicker(QWidget):
    """Two combos (地级市, 区县); a district counts only once the learner confirms it.

    Signals:
        region_chosen(str): the confirmed district code.
    """

    region_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionPicker")
        self._regions: list[dict[str, Any]] = []
        self.code = ""
        self.confirm_box: QMessageBox | None = None
        self.city_combo = QComboBox(self)
        self.city_combo.setObjectName("regionCity")
        self.city_combo.setAccessibleName(self.tr("地级市"))
        self.district_combo = QComboBox(self)
        self.district_combo.setObjectName("regionDistrict")
        self.district_combo.setAccessibleName(self.tr("区县"))
        self.city_label = QLabel(self.tr("地级市"), self)
        self.city_label.setBuddy(self.city_combo)
        self.district_label = QLabel(self.tr("区县"), self)
        self.district_label.setBuddy(self.district_combo)
        rule = QLabel(tr_rule(REGION_RULE), self)
        rule.setObjectName("regionRule")
        rule.setWordWrap(True)
        combos = QHBoxLayout()
        combos.addWidget(self.city_label)
        combos.addWidget(self.city_combo, 1)
        combos.addSpacing(8)
        combos.addWidget(self.district_label)
        combos.addWidget(self.district_combo, 1)
        self.setTabOrder(self.city_combo, self.district_combo)
        self._keyed: QComboBox | None = None  # the combo whose current item a key moved
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(combos)
        layout.addWidget(rule)
        self.city_combo.activated.connect(self._on_city_activated)
        self.district_combo.activated.connect(self._on_district_activated)
        self.city_combo.installEventFilter(self)
        self.district_combo.installEventFilter(self)
        self.set_regions([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tell a key's ``activated`` from a choice; confirm on Enter and on leaving."""
        kind = event.type()
        if (
            kind not in (QEvent.Type.KeyPress, QEvent.Type.FocusOut)
            or not isinstance(watched, QComboBox)
            or watched.view().isVisible()  # the open list handles its keys itself
        ):
            return super().eventFilter(watched, event)
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in _MOVING_KEYS:
                self._keyed = watched
            elif event.key() in _ENTER_KEYS:
                if watched is self.district_combo:
                    self._ask_to_confirm()
                else:
                    self.district_combo.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        elif (
            isinstance(event, QFocusEvent)
            and watched is self.district_combo
            and event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason)
        ):
            self._ask_to_confirm()
        return super().eventFilter(watched, event)

    def set_regions(self, regions: list[dict[str, Any]]) -> None:
        self._regions = regions
        self.city_combo.clear()
        self.city_combo.addItem(self.tr("请选择地级市"), "")
        for city in regions:
            self.city_combo.addItem(str(city["name"]), str(city["code"]))
        self.set_code(self.code)

    def set_code(self, code: str) -> None:
        """Show *code* (no confirmation: it was confirmed when chosen)."""
        self.code = code
        city_index = 0
        for index, city in enumerate(self._regions, start=1):
            if any(d["code"] == code for d in city.get("districts", [])):
                city_index = index
        self.city_combo.setCurrentIndex(city_index)
        self._fill_districts()
        self.district_combo.setCurrentIndex(max(self.district_combo.findData(code), 0))

    def _fill_districts(self) -> None:
        self.district_combo.clear()
        self.district_combo.addItem(self.tr("请选择区县"), "")
        index = self.city_combo.currentIndex()
        if index > 0:
            for district in self._regions[index - 1].get("districts", []):
                self.district_combo.addItem(str(district["name"]), str(district["code"]))

    def problem(self) -> str:
        """What is missing for 下一步: a city without its district, or a district not
        confirmed (empty when nothing is chosen: the form's required check says that)."""
        if self.city_combo.currentIndex() <= 0:
            return ""
        if not self.district_combo.currentData():
            return self.tr("请选择区县")
        if self.district_combo.currentData() != self.code:
            return self.tr("请确认所选的行政区域")
        return ""

    def _on_city_activated(self, _index: int) -> None:
        keyed, self._keyed = self._keyed is self.city_combo, None
        self._fill_districts()
        if not keyed:  # chosen from the list: on to 区县 (an arrow key only looks)
            self.district_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_district_activated(self, _index: int) -> None:
        keyed, self._keyed = self._keyed is self.district_combo, None
        if not keyed:
            self._ask_to_confirm()

    def _ask_to_confirm(self) -> None:
        code = str(self.district_combo.currentData() or "")
        if not code or code == self.code or self.confirm_box is not None:
            return
        place = f"{self.city_combo.currentText()} {self.district_combo.currentText()}"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("确认行政区域"),
            self.tr(
                "您选择的行政区域是：{place}。\n\n继续教育学分将传送至该区域，请确认选择无误。"
            ).format(place=place),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setInformativeText(tr_rule(REGION_RULE))
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("确认"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("重新选择"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._on_confirmed(box, code))
        self.confirm_box = box
        box.open()

    def _on_confirmed(self, box: QMessageBox, code: str) -> None:
        accepted = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        self.confirm_box = None
        box.deleteLater()
        if accepted:
            self.code = code
            self.region_chosen.emit(code)
            self._move_on()
        else:  # choose the district again, in the same city
            self.district_combo.setCurrentIndex(max(self.district_combo.findData(self.code), 0))
            self.district_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _move_on(self) -> None:
        """确认 goes on to the next field of the form, as Tab would."""
        widget = self.district_combo.nextInFocusChain()
        while widget is not None and widget is not self.district_combo:
            if (
                widget.isVisible()
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()
