"""第一步 个人信息: identity (from the account), contact, and the ID/photo attachments."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.views.profile.image_field import ImageField
from desktop.views.profile.section import SectionPage, labelled, plain
from desktop.views.widgets import tr_rule
from rules.attachments import ATTACHMENT_KINDS
from rules.identity import ID_TYPE_LABELS
from rules.profile import COUNTRY_REGIONS, ETHNICITIES, SEXES

PERSONAL_KINDS = ("id_front", "id_back", "photo")


class PersonalPage(SectionPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_note(self.tr("完善所有模块的必填信息（带红点的为必填项），方可提交成功。"))
        self.add_read_only("personal.name")
        self.add_choice("personal.sex", labelled(SEXES))
        self.add_read_only(
            "personal.id_type", {str(k): label for k, label in ID_TYPE_LABELS.items()}
        )
        self.add_read_only("personal.id_number")
        self.add_date("personal.birth_date")
        self.add_choice("personal.country_region", plain(COUNTRY_REGIONS))
        self.add_choice("personal.ethnicity", plain(ETHNICITIES))
        self.add_text("personal.phone", max_length=11)
        self.add_text("personal.email", placeholder="name@example.com")
        self.images: dict[str, ImageField] = {}
        for kind in PERSONAL_KINDS:
            field = ImageField(kind)
            self.images[kind] = field
            self.add_widget(
                f"attachments.{kind}", tr_rule(ATTACHMENT_KINDS[kind]), field, required=True
            )
