"""The page before the form: 采集范围, 收集材料, the region rule and the 承诺."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.views.widgets import tr_rule
from rules._i18n import QT_TRANSLATE_NOOP
from rules.attachments import MAX_ATTACHMENT_BYTES, size_text
from rules.profile import REGION_RULE

COMMITMENT = QT_TRANSLATE_NOOP(
    "IntroPage",
    "本人郑重承诺所填资料真实准确，如因填报资料失实，本人愿意承担由此产生的相关责任，"
    "本人所填写的资料将视为有效，并记入诚信档案。",
)
"""Marked in IntroPage's context: the walk-in form shows it too, through that context."""


class IntroPage(QWidget):
    """Scope and materials; 下一步 only once the commitment is ticked.

    Signals:
        accepted_changed(bool): the commitment box was (un)ticked.
        next_requested(): 下一步 was clicked.
    """

    accepted_changed = Signal(bool)
    next_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileIntro")
        title = QLabel(self.tr("信息采集"), self)
        title.setObjectName("pageTitle")
        scope = QLabel(
            "<b>" + self.tr("采集范围") + "</b><br>"
            + self.tr(
                "采集办理对象：广东省内（不含深圳市）的会计人员，具体包括：<br>"
                "1、在职会计人员（含单位负责人、会计机构负责人、从事会计工作的人员）；<br>"
                "2、具有会计专业技术资格（含初级、中级、高级）但未从事会计工作的人员；<br>"
                "3、在校会计专业学生。"
            ),
            self,
        )  # fmt: skip
        materials = QLabel(
            "<b>" + self.tr("收集材料") + "</b><br>"
            + self.tr(
                "1、按照要求上传正确附件：JPG/PNG 图片（上传时统一转换为 JPEG 格式），"
                "每张大小不超过 {size}（过大的图片会自动压缩）；<br>"
                "2、身份证正反面照片；<br>"
                "3、本人免冠照片；<br>"
                "4、如果是在校学生，需上传学生证。"
            ).format(size=size_text(MAX_ATTACHMENT_BYTES)),
            self,
        )  # fmt: skip
        region = QLabel(tr_rule(REGION_RULE), self)
        region.setObjectName("regionRule")
        for label in (scope, materials, region):
            label.setWordWrap(True)
        self.commitment = QLabel(self.tr(COMMITMENT), self)
        self.commitment.setObjectName("commitmentText")
        self.commitment.setWordWrap(True)
        self.accept_box = QCheckBox(self.tr("我已阅读并承诺以上内容"), self)
        self.accept_box.setObjectName("commitmentBox")
        self.next_button = QPushButton(self.tr("下一步"), self)
        self.next_button.setObjectName("profileIntroNext")
        self.next_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(scope)
        layout.addWidget(materials)
        layout.addWidget(region)
        layout.addWidget(self.commitment)
        layout.addWidget(self.accept_box, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.accept_box.toggled.connect(self._on_toggled)
        self.next_button.clicked.connect(self.next_requested)

    def _on_toggled(self, checked: bool) -> None:
        self.next_button.setEnabled(checked)
        self.accepted_changed.emit(checked)

    def set_accepted(self, accepted: bool) -> None:
        self.accept_box.blockSignals(True)
        self.accept_box.setChecked(accepted)
        self.accept_box.blockSignals(False)
        self.next_button.setEnabled(accepted)
