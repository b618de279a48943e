"""提交: a summary of what will be sent, and 完成 after the platform accepted it."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.models.profile_draft import ProfileDraft
from desktop.views.appearance import css_colour
from desktop.views.widgets import tr_rule
from rules.profile import FIELDS


class SubmitPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileSubmit")
        intro = QLabel(self.tr("请核对以下信息，确认无误后点击“提交”。"), self)
        intro.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setObjectName("profileSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def show_draft(self, draft: ProfileDraft, value_texts: dict[str, str]) -> None:
        rows = []
        for path, (label, _required) in FIELDS.items():
            if path == "commitment_accepted":
                continue
            text = value_texts.get(path, str(draft.value(path) or ""))
            rows.append(
                f"<tr><td style='color:{css_colour('muted')};padding-right:12px'>"
                f"{escape(tr_rule(label))}</td>"
                f"<td>{escape(text) or '—'}</td></tr>"
            )
        self.summary.setText("<table>" + "".join(rows) + "</table>")


class DonePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDone")
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        body = QLabel(self.tr("您的信息已提交。如需修改，可随时通过左侧“信息变更”进行变更。"), self)
        body.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(body)
        layout.addStretch(1)

    def show_result(self, change: bool) -> None:
        self.heading.setText(self.tr("信息变更已保存") if change else self.tr("信息采集已完成"))
