"""补充修改个人信息: what an institution asks before the first purchase (guide 一、5, 图 8).

Name and ID number are the account's and shown read-only; the mobile number and the
district (city → district) are the learner's to confirm or change, prefilled from the
profile by the platform.  A refusal is shown at its field and nothing typed is lost.

Operations: ``desktop/models/learner_info.py`` (what the form opens with); saving is one
call (``ApiClient.save_learner_info``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.models.learner_info import load_learner_info
from desktop.views.widgets import ErrorLabel, FieldRow, add_row, present_failure, tr_rule
from rules import identity
from rules.identity import PHONE_LENGTH, normalize_phone, phone_problem

if TYPE_CHECKING:
    from desktop.models.api import ApiClient
    from desktop.models.api_types import Institution, LearnerInfo, Me
    from desktop.models.tasks import TaskRunner


class DistrictPicker(QWidget):
    """地级市 → 区县, from ``GET /regions``; ``code`` is the chosen district ("" if none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._regions: list[dict[str, Any]] = []
        self.city_combo = QComboBox(self)
        self.city_combo.setObjectName("learnerCity")
        self.city_combo.setAccessibleName(self.tr("地级市"))
        self.district_combo = QComboBox(self)
        self.district_combo.setObjectName("learnerDistrict")
        self.district_combo.setAccessibleName(self.tr("区县"))
        # Each combo its visible label (buddy): on Linux a combo's own accessible name is
        # replaced by its value, so only the label relation says which box is which.
        self.city_label = QLabel(self.tr("地级市"), self)
        self.city_label.setBuddy(self.city_combo)
        self.district_label = QLabel(self.tr("区县"), self)
        self.district_label.setBuddy(self.district_combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.city_label)
        layout.addWidget(self.city_combo, 1)
        layout.addSpacing(8)
        layout.addWidget(self.district_label)
        layout.addWidget(self.district_combo, 1)
        self.setTabOrder(self.city_combo, self.district_combo)
        self.city_combo.currentIndexChanged.connect(lambda _i: self._fill_districts())
        self.set_regions([], "")

    @property
    def code(self) -> str:
        return str(self.district_combo.currentData() or "")

    def set_regions(self, regions: list[dict[str, Any]], code: str) -> None:
        self._regions = regions
        self.city_combo.blockSignals(True)
        self.city_combo.clear()
        self.city_combo.addItem(self.tr("请选择地级市"), "")
        city_index = 0
        for index, city in enumerate(regions, start=1):
            self.city_combo.addItem(str(city["name"]), str(city["code"]))
            if code and any(d["code"] == code for d in city.get("districts", [])):
                city_index = index
        self.city_combo.setCurrentIndex(city_index)
        self.city_combo.blockSignals(False)
        self._fill_districts()
        self.district_combo.setCurrentIndex(max(self.district_combo.findData(code), 0))

    def _fill_districts(self) -> None:
        self.district_combo.clear()
        self.district_combo.addItem(self.tr("请选择区县"), "")
        index = self.city_combo.currentIndex()
        if index > 0:
            for district in self._regions[index - 1].get("districts", []):
                self.district_combo.addItem(str(district["name"]), str(district["code"]))


class LearnerInfoDialog(QDialog):
    """The modal form; open it with ``open()`` then ``load()``.

    Signals:
        saved(LearnerInfo): the platform has the institution's info (``filled`` true).
    """

    saved = Signal(object)

    def __init__(
        self,
        tasks: TaskRunner,
        api: ApiClient,
        institution: Institution,
        me: Me,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("learnerInfoDialog")
        self.setWindowTitle(self.tr("补充修改个人信息"))
        self.setModal(True)
        self.setMinimumWidth(520)
        self._tasks = tasks
        self._api = api
        self.institution = institution
        self._me = me
        self._loaded = False

        notice = QLabel(
            self.tr(
                "根据“{name}”的培训要求，以下信息请您补充完毕之后方可参加培训学习。请务必如实填写。"
            ).format(name=institution.name),
            self,
        )
        notice.setObjectName("helpPanel")
        notice.setWordWrap(True)

        self.name_edit = QLineEdit(me.name, self)
        self.name_edit.setReadOnly(True)
        self.id_number_edit = QLineEdit(me.id_number, self)
        self.id_number_edit.setReadOnly(True)
        for edit in (self.name_edit, self.id_number_edit):
            edit.setToolTip(self.tr("与账号一致，不可修改"))
            edit.setProperty("lockedField", "true")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("learnerPhone")
        self.phone_edit.setMaxLength(11)
        self.phone_edit.setPlaceholderText(
            self.tr("{length} 位手机号码").format(length=PHONE_LENGTH)
        )
        self.district = DistrictPicker(self)
        self.name_row = FieldRow(self.name_edit)
        self.id_number_row = FieldRow(self.id_number_edit)
        self.phone_row = FieldRow(self.phone_edit)
        self.district_row = FieldRow(self.district)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        add_row(form, self.tr("姓名"), self.name_row, required=False)
        add_row(form, self.tr("身份证号"), self.id_number_row, required=False)
        add_row(form, self.tr("手机号"), self.phone_row)
        region_label = add_row(form, self.tr("所在地区"), self.district_row)
        region_label.setBuddy(self.district.city_combo)

        self.message = ErrorLabel(self)
        self.message.setObjectName("fieldError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

        layout = QVBoxLayout(self)
        layout.addWidget(notice)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.district.district_combo.currentIndexChanged.connect(
            lambda _i: self.district_row.error.clear_message()
        )
        self.district.city_combo.currentIndexChanged.connect(
            lambda _i: self.district_row.error.clear_message()
        )

    # -- loading --------------------------------------------------------------------

    def load(self) -> None:
        """The institution's info (prefilled from the profile) and the regions."""
        api, institution_id = self._api, self.institution.id
        self.message.show_message(self.tr("正在加载…"))
        self._tasks.op(
            run=lambda: load_learner_info(api, institution_id),
            success=self._on_loaded,
            failure=self._on_load_failed,
            parent=self,
        ).with_progress(self.tr("正在加载个人信息…")).start()

    def _on_loaded(self, found: tuple[LearnerInfo, list[dict[str, Any]]]) -> None:
        info, regions = found
        if info.filled:
            self._on_saved(info)  # saved meanwhile (another device): nothing to ask
            return
        self._loaded = True
        self.message.clear_message()
        if not self.phone_edit.text():
            self.phone_edit.setText(info.phone)
        self.district.set_regions(regions, self.district.code or info.district_code)
        self.ok_button.setEnabled(True)
        self.phone_edit.setFocus()

    def _on_load_failed(self, exc: BaseException) -> None:
        present_failure(exc, {}, self.message.show_message)

    # -- saving ---------------------------------------------------------------------

    def _fields(self) -> dict[str, ErrorLabel]:
        return {
            "name": self.name_row.error,
            "id_number": self.id_number_row.error,
            "phone": self.phone_row.error,
            "district_code": self.district_row.error,
        }

    def save(self) -> None:
        """Check early for a friendly message; the platform decides."""
        if not self._loaded:
            return
        for label in (*self._fields().values(), self.message):
            label.clear_message()
        phone, district_code = normalize_phone(self.phone_edit.text()), self.district.code
        if phone != self.phone_edit.text():
            self.phone_edit.setText(phone)  # shown as it is sent: "１５０…" as "150…"
        problem = phone_problem(phone)
        if problem:
            self.phone_row.error.show_message(identity.filled(tr_rule(problem)))
            self.phone_edit.setFocus()
            return
        if not district_code:
            self.district_row.error.show_message(self.tr("请选择区县"))
            self.district.city_combo.setFocus()
            return
        api, institution_id, me = self._api, self.institution.id, self._me
        self.ok_button.setEnabled(False)
        self._tasks.op(
            run=lambda: api.save_learner_info(
                institution_id,
                name=me.name,
                id_number=me.id_number,
                phone=phone,
                district_code=district_code,
            ),
            success=self._on_saved,
            failure=self._on_save_failed,
            parent=self,
        ).with_progress(self.tr("正在保存个人信息…")).start()

    def _on_saved(self, info: LearnerInfo) -> None:
        self.saved.emit(info)
        self.accept()

    def _on_save_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        present_failure(exc, self._fields(), self.message.show_message)
        if self.phone_row.error.text():
            self.phone_edit.setFocus()
