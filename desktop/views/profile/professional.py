"""第四步 专业技术信息: the qualification level, its certificate and date."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.profile.section import SectionPage, labelled
from rules.profile import QUALIFICATION_LEVELS


class ProfessionalPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_choice("professional.qualification_level", labelled(QUALIFICATION_LEVELS))
        self.add_text("professional.certificate_number", max_length=40)
        self.add_date("professional.obtained_date")
        self.add_note(self.tr("持有会计专业技术资格证书的，须填写证书编号和取得时间。"))
