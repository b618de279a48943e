"""关于 KJCE Desktop: the versions and folders support asks for first, and 复制诊断信息.

The text is selectable so a learner can read it out or copy one line; the button beside
it asks the app for the whole (scrubbed) diagnostics report on the clipboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.diagnostics import Versions


@dataclass(frozen=True)
class AboutInfo:
    versions: Versions
    platform_url: str
    data_dir: Path
    log_dir: Path


class AboutDialog(QDialog):
    """Signals:
    diagnostics_requested(): 复制诊断信息 was clicked.
    """

    diagnostics_requested = Signal()

    def __init__(self, info: AboutInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("关于 KJCE Desktop"))
        v = info.versions
        build = self.tr("安装版") if v.build == "frozen" else self.tr("源代码运行")
        self.title = QLabel(self.tr("KJCE Desktop {version}").format(version=v.app), self)
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel(self.tr("广东省（不含深圳市）会计人员继续教育桌面客户端"), self)
        self.details = QLabel(self)
        self.details.setObjectName("aboutDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setText(
            "\n".join(
                [
                    self.tr("版本：{version}（{build}）").format(version=v.app, build=build),
                    self.tr("Qt：{qt}　PySide6：{pyside}").format(qt=v.qt, pyside=v.pyside),
                    self.tr("Python：{python}").format(python=v.python),
                    self.tr("VLC 播放组件：{libvlc}").format(libvlc=v.libvlc or self.tr("未安装")),
                    self.tr("平台地址：{url}").format(url=info.platform_url or self.tr("未连接")),
                    self.tr("数据文件夹：{path}").format(path=info.data_dir),
                    self.tr("日志文件夹：{path}").format(path=info.log_dir),
                ]
            )
        )
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        self.copy_button = QPushButton(self.tr("复制诊断信息(&C)"), self)
        self.copy_button.setObjectName("copyDiagnosticsButton")
        self.copy_button.setToolTip(
            self.tr("把版本、系统和最近的日志（已去除个人信息）复制到剪贴板，可粘贴给客服。")
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.details)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.diagnostics_requested)

    def show_copied(self) -> None:
        self.status.setText(self.tr("诊断信息已复制到剪贴板，可粘贴给客服。"))
