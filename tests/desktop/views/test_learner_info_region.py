"""补充信息's 地级市/区县 as a screen reader and the keyboard meet them: each combo has its
visible label (a buddy — on Linux a combo's own name is replaced by its value, so only the
label relation says which is which), and Tab goes from 地级市 to 区县 (issue 18)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.views.learner_info import DistrictPicker

REGIONS = [
    {
        "name": "广州市",
        "code": "440100",
        "districts": [
            {"name": "越秀区", "code": "440104"},
            {"name": "海珠区", "code": "440105"},
        ],
    }
]


def test_city_and_district_are_labelled_and_tab_goes_from_city_to_district(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    picker = DistrictPicker(window)
    picker.set_regions(REGIONS, "")
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    city, district = picker.city_combo, picker.district_combo
    labels = {label.text(): label.buddy() for label in picker.findChildren(QLabel)}
    assert labels["地级市"] is city and labels["区县"] is district
    assert (city.accessibleName(), district.accessibleName()) == ("地级市", "区县")
    city.setFocus()
    qtbot.waitUntil(city.hasFocus)
    qtbot.keyClick(city, Qt.Key.Key_Down)
    assert city.currentText() == "广州市" and district.count() == 3
    qtbot.keyClick(city, Qt.Key.Key_Tab)
    assert district.hasFocus()
    qtbot.keyClick(district, Qt.Key.Key_Down)
    assert picker.code == "440104"
