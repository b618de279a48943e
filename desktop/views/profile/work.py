"""第三步 工作信息: the category, the employer, the region credits go to (学生: 学生证)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.models.profile_draft import ProfileDraft
from desktop.views.profile.image_field import ImageField
from desktop.views.profile.region import RegionPicker
from desktop.views.profile.section import SectionPage, labelled
from desktop.views.widgets import tr_rule
from rules.attachments import ATTACHMENT_KINDS
from rules.profile import EMPLOYMENT_STATUSES, FIELDS


class WorkPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_combo = self.add_choice("work.employment_status", labelled(EMPLOYMENT_STATUSES))
        self.add_text("work.employer")
        self.add_text("work.position")
        self.region = RegionPicker()
        label, required = FIELDS["region_code"]
        self.add_widget("region_code", tr_rule(label), self.region, required=required)
        self.student_card = ImageField("student_card")
        self.images = {"student_card": self.student_card}
        self.student_card_row = self.add_widget(
            "attachments.student_card",
            tr_rule(ATTACHMENT_KINDS["student_card"]),
            self.student_card,
            required=True,
        )
        self.region.region_chosen.connect(lambda code: self.edited.emit("region_code", code))
        self.region.region_chosen.connect(lambda _code: self.errors["region_code"].clear_message())
        self.status_combo.activated.connect(lambda _i: self._show_student_card())

    def unfinished(self) -> dict[str, str]:
        problem = self.region.problem()
        return {"region_code": problem} if problem else {}

    def load(self, draft: ProfileDraft) -> None:
        super().load(draft)
        self.region.set_code(str(draft.value("region_code") or ""))
        self._show_student_card()

    def _show_student_card(self) -> None:
        student = self.status_combo.currentData() == "student"
        self.form.setRowVisible(self.student_card_row, student)
