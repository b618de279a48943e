"""设置: language, text size, colours and notifications, saved in the preferences file.

The language and the text size are read once at start (translators and fonts are set
before the first window is built), so a change to either takes effect on the next start;
the dialog says so and offers 立即重启.  The colours apply at once.  Reachable before login
(工具 → 设置…, Ctrl+,): nothing here belongs to an account.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.models.preferences import (
    LANGUAGES,
    TEXT_SCALES,
    THEMES,
    Preferences,
    load_preferences,
    save_preferences,
)


def language_names() -> dict[str, str]:
    """The language choices, each in its own language (from ``desktop.i18n``)."""
    from desktop.i18n import language_names as names

    return names()


def restart_command(
    executable: str | None = None, argv: list[str] | None = None, *, frozen: bool | None = None
) -> tuple[str, list[str]]:
    """How to start this app again with the same arguments: ``python main.py …`` from
    source; the executable itself (``sys.executable`` is the app) when frozen."""
    executable = sys.executable if executable is None else executable
    argv = list(sys.argv if argv is None else argv)
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    return (executable, argv[1:]) if frozen else (executable, argv)


class SettingsDialog(QDialog):
    """The 设置 dialog (opened with ``open()``).

    Signals:
        saved(object): the chosen ``Preferences`` were written to the preferences file.
        restart_requested(): 立即重启 was chosen after a change that needs a new start.
    """

    saved = Signal(object)
    restart_requested = Signal()

    def __init__(
        self,
        data_dir: Path,
        running: Preferences,
        *,
        apply_theme: Callable[[Preferences], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("设置"))
        self._data_dir = data_dir
        self._running = running
        self._apply_theme = apply_theme
        self._initial = load_preferences(data_dir)
        self.restart_box: QMessageBox | None = None

        self.language_combo = QComboBox(self)
        names = language_names()
        for code in LANGUAGES:
            self.language_combo.addItem(names.get(code, code), code)
        self.text_size_combo = QComboBox(self)
        for scale in TEXT_SCALES:
            self.text_size_combo.addItem(f"{scale} %", scale)
        self.theme_combo = QComboBox(self)
        theme_names = {
            "system": self.tr("跟随系统"),
            "light": self.tr("浅色"),
            "dark": self.tr("深色"),
        }
        for theme in THEMES:
            self.theme_combo.addItem(theme_names[theme], theme)
        self.notifications_box = QCheckBox(self.tr("下载完成或学分确认截止临近时提醒我(&N)"), self)

        form = QFormLayout()
        for text, name, field in (
            (self.tr("语言(&L)："), self.tr("语言"), self.language_combo),
            (self.tr("文字大小(&T)："), self.tr("文字大小"), self.text_size_combo),
            (self.tr("外观(&A)："), self.tr("外观"), self.theme_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            field.setAccessibleName(name)
            form.addRow(label, field)
        form.addRow(self.tr("通知："), self.notifications_box)
        self.hint = QLabel(self.tr("语言和文字大小在重新启动后生效。"), self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText(self.tr("保存"))
        save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.show_preferences(self._initial)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def show_preferences(self, preferences: Preferences) -> None:
        for combo, value in (
            (self.language_combo, preferences.language),
            (self.text_size_combo, preferences.text_scale),
            (self.theme_combo, preferences.theme),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.notifications_box.setChecked(preferences.notifications)

    def chosen(self) -> Preferences:
        return Preferences(
            language=str(self.language_combo.currentData()),
            text_scale=int(self.text_size_combo.currentData()),
            theme=str(self.theme_combo.currentData()),
            notifications=self.notifications_box.isChecked(),
        ).normalised()

    def accept(self) -> None:
        """Save; colours at once; language and text size: offer a restart."""
        chosen = self.chosen()
        save_preferences(self._data_dir, chosen)
        if chosen.theme != self._initial.theme and self._apply_theme is not None:
            # Only the colours change now: this process keeps the text size it started with.
            self._apply_theme(replace(chosen, text_scale=self._running.text_scale))
        self.saved.emit(chosen)
        needs_restart = (chosen.language, chosen.text_scale) != (
            self._running.language,
            self._running.text_scale,
        )
        super().accept()
        if needs_restart:
            self._offer_restart()

    def _offer_restart(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("设置已保存"),
            self.tr("新的语言和文字大小将在重新启动 KJCE Desktop 后生效。现在重新启动吗？"),
            QMessageBox.StandardButton.NoButton,
            self.parentWidget(),
        )
        box.setObjectName("restartBox")
        self.restart_now_button = box.addButton(
            self.tr("立即重启"), QMessageBox.ButtonRole.AcceptRole
        )
        self.restart_later_button = box.addButton(
            self.tr("稍后"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(self.restart_later_button)
        box.buttonClicked.connect(self._on_restart_answered)
        box.finished.connect(box.deleteLater)
        self.restart_box = box
        box.open()

    def _on_restart_answered(self, button: object) -> None:
        if button is self.restart_now_button:
            self.restart_requested.emit()
