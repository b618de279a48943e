"""第二步 学历信息."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.profile.section import SectionPage, plain
from rules.profile import DEGREES


class EducationPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_choice("education.highest_degree", plain(DEGREES))
        self.add_text("education.school")
        self.add_text("education.major")
        self.add_date("education.graduation_date")
