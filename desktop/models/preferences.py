"""The user's preferences: language, text size, colour scheme — one INI file in the data dir.

Kept beside the caches (not in the OS registry or ~/.config) so that ``--data-dir`` and
``KJCE_DATA_DIR`` give a portable install and every test its own preferences.  Nothing
personal is stored here.  Read once at start, before the first window is built: the
language, the text size and the palette all apply from the start, and a change in the
settings dialog takes effect on the next start (the dialog offers to restart at once).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QSettings

FILE_NAME = "preferences.ini"

LANGUAGES = ("system", "zh_CN", "en")
TEXT_SCALES = (100, 115, 130, 150)
THEMES = ("system", "light", "dark")


@dataclass
class Preferences:
    """What the user chose in 设置; defaults follow the system."""

    language: str = "system"  #: "system" (fallback Chinese), "zh_CN" or "en"
    text_scale: int = 100  #: percent of the system's font size
    theme: str = "system"  #: "system", "light" or "dark"
    notifications: bool = True  #: tray messages (downloads finished, deadline near)

    def normalised(self) -> Preferences:
        """Unknown values (an edited file, an older version) fall back to the defaults."""
        default = Preferences()
        return Preferences(
            language=self.language if self.language in LANGUAGES else default.language,
            text_scale=self.text_scale if self.text_scale in TEXT_SCALES else default.text_scale,
            theme=self.theme if self.theme in THEMES else default.theme,
            notifications=bool(self.notifications),
        )


def settings_file(data_dir: Path) -> QSettings:
    """The INI file behind the preferences (also used for window geometry)."""
    return QSettings(str(data_dir / FILE_NAME), QSettings.Format.IniFormat)


def load_preferences(data_dir: Path) -> Preferences:
    settings = settings_file(data_dir)
    values: dict[str, object] = {}
    for field in fields(Preferences):
        raw = settings.value(f"preferences/{field.name}")
        if raw is None:
            continue
        if field.type in ("int", int):
            try:
                values[field.name] = int(str(raw))
            except ValueError:
                continue
        elif field.type in ("bool", bool):
            values[field.name] = str(raw).lower() in {"1", "true", "yes", "on"}
        else:
            values[field.name] = str(raw)
    return Preferences(**values).normalised()  # type: ignore[arg-type]


def save_preferences(data_dir: Path, preferences: Preferences) -> None:
    settings = settings_file(data_dir)
    for field in fields(Preferences):
        settings.setValue(f"preferences/{field.name}", getattr(preferences, field.name))
    settings.sync()


def remembered_folder(data_dir: Path, purpose: str) -> Path | None:
    """The folder a file dialog for *purpose* last used (``desktop/views/file_dialogs``)."""
    raw = settings_file(data_dir).value(f"folders/{purpose}")
    return Path(str(raw)) if raw else None


def remember_folder(data_dir: Path, purpose: str, folder: Path) -> None:
    settings = settings_file(data_dir)
    settings.setValue(f"folders/{purpose}", str(folder))
    settings.sync()
