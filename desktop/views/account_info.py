"""账号信息: who is logged in, read from the local cache so it opens offline too."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.models.api_types import Me
from desktop.views.widgets import tr_rule
from rules._i18n import QT_TRANSLATE_NOOP
from rules.identity import ID_TYPE_LABELS, IdType, mask_id_number

PROFILE_STATUS_LABELS = {
    "not_collected": QT_TRANSLATE_NOOP("AccountInfoPage", "信息未采集"),
    "collected": QT_TRANSLATE_NOOP("AccountInfoPage", "信息已采集"),
}


class AccountInfoPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountInfoPage")
        heading = QLabel(self.tr("账号信息"), self)
        heading.setObjectName("pageTitle")
        self.name_value = QLabel(self)
        self.name_value.setObjectName("accountName")
        self.id_type_value = QLabel(self)
        self.id_number_value = QLabel(self)
        self.id_number_value.setObjectName("accountIdNumber")
        self.phone_value = QLabel(self)
        self.status_value = QLabel(self)
        self.status_value.setObjectName("accountProfileStatus")
        self.created_value = QLabel(self)
        form = QFormLayout()
        form.addRow(self.tr("姓名："), self.name_value)
        form.addRow(self.tr("证件类型："), self.id_type_value)
        form.addRow(self.tr("证件号码："), self.id_number_value)
        form.addRow(self.tr("手机号码："), self.phone_value)
        form.addRow(self.tr("信息采集："), self.status_value)
        form.addRow(self.tr("注册时间："), self.created_value)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addStretch(1)

    def show_me(self, me: Me) -> None:
        self.name_value.setText(me.name)
        try:
            self.id_type_value.setText(tr_rule(ID_TYPE_LABELS[IdType(me.id_type)]))
        except ValueError:
            self.id_type_value.setText(me.id_type)
        # Masked on screen too: the counter PC and screen sharing are real.
        self.id_number_value.setText(mask_id_number(me.id_number))
        self.phone_value.setText(
            me.phone[:3] + "****" + me.phone[-4:] if len(me.phone) == 11 else me.phone
        )
        self.status_value.setText(
            self.tr(PROFILE_STATUS_LABELS.get(me.profile_status, me.profile_status))
        )
        self.created_value.setText(me.created_at.replace("T", " ")[:19])
