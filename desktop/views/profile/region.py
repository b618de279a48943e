"""行政区域: city and district, with the rule and a confirmation — credits are sent there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMessageBox, QVBoxLayout, QWidget

from desktop.views.widgets import tr_rule
from rules.profile import REGION_RULE


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
        rule = QLabel(tr_rule(REGION_RULE), self)
        rule.setObjectName("regionRule")
        rule.setWordWrap(True)
        combos = QHBoxLayout()
        combos.addWidget(self.city_combo, 1)
        combos.addWidget(self.district_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(combos)
        layout.addWidget(rule)
        self.city_combo.activated.connect(self._on_city_activated)
        self.district_combo.activated.connect(self._on_district_activated)
        self.set_regions([])

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

    def _on_city_activated(self, _index: int) -> None:
        self._fill_districts()
        self.district_combo.setFocus()

    def _on_district_activated(self, _index: int) -> None:
        code = str(self.district_combo.currentData() or "")
        if not code or code == self.code:
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
        else:
            self.set_code(self.code)
