"""Colours and text size: light or dark (or the system's), scaled to the user's text size.

``apply_appearance`` is called once before the first window (main.py).  It sets

* the theme: "light" keeps the platform's own style with our light palette; "dark" is Fusion
  with a dark palette, because native styles draw with the OS's colours whatever the palette
  says; "system" follows ``QStyleHints.colorScheme()`` and switches live when the OS does;
* the text size: the application font is the system font × ``text_scale`` (so the user's OS
  font setting counts), and every size in the style sheet is in points relative to it.  Qt 6
  already scales points by the screen's factor (high-DPI is left on), so the OS's scaling
  and the setting multiply;
* the style sheet: ``resources/styles/app.qss`` filled in with the theme's colours
  (``theme_colours.py``) and the computed sizes.

Views never write a colour: they set an objectName or a dynamic property (``set_look``) that
the style sheet styles, or ask ``theme_colour`` for what they paint themselves.
"""

from __future__ import annotations

import logging
from pathlib import Path
from string import Template

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from desktop.models.preferences import Preferences
from desktop.views.theme_colours import PALETTES

log = logging.getLogger(__name__)

STYLE = Path(__file__).resolve().parents[2] / "resources" / "styles" / "app.qss"

#: The design was drawn at 14px (10.5pt at 96 dpi).  Systems whose default UI font is
#: smaller (Windows: 9pt) get this floor; a user who made the OS font larger keeps theirs.
MIN_BASE_POINTS = 10.5

#: The style sheet's sizes, relative to the base font (the design's px sizes ÷ 14).
RELATIVE_SIZES = {
    "size_body": 1.0,
    "size_medium": 15 / 14,
    "size_large": 16 / 14,
    "size_xlarge": 18 / 14,
    "size_page_title": 20 / 14,
    "size_title": 22 / 14,
    "size_huge": 2.0,
}

_CONTROLLER_NAME = "kjceAppearance"

_PALETTE_ROLES: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "window",
    QPalette.ColorRole.WindowText: "window_text",
    QPalette.ColorRole.Base: "base",
    QPalette.ColorRole.AlternateBase: "alt_base",
    QPalette.ColorRole.Text: "text",
    QPalette.ColorRole.Button: "button",
    QPalette.ColorRole.ButtonText: "button_text",
    QPalette.ColorRole.BrightText: "error",
    QPalette.ColorRole.Highlight: "highlight",
    QPalette.ColorRole.HighlightedText: "highlighted_text",
    QPalette.ColorRole.PlaceholderText: "placeholder",
    QPalette.ColorRole.Link: "link",
    QPalette.ColorRole.LinkVisited: "link",
    QPalette.ColorRole.ToolTipBase: "tooltip_base",
    QPalette.ColorRole.ToolTipText: "tooltip_text",
    QPalette.ColorRole.Light: "surface",
    QPalette.ColorRole.Midlight: "divider",
    QPalette.ColorRole.Mid: "border",
    QPalette.ColorRole.Dark: "border",
    QPalette.ColorRole.Shadow: "window_text",
}


def base_point_size(text_scale: int) -> float:
    """The application font's size: the system font (at least the design's) × the setting."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return round(max(system, MIN_BASE_POINTS) * text_scale / 100, 2)


def build_palette(theme: str) -> QPalette:
    """A QPalette from the theme's table (disabled text greyed, the rest the same)."""
    colours = PALETTES[theme]
    palette = QPalette()
    for role, key in _PALETTE_ROLES.items():
        palette.setColor(role, QColor(colours[key]))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours["disabled_text"]))
    return palette


def render_style_sheet(theme: str, base_points: float) -> str:
    """``app.qss`` with the theme's colours and the sizes for *base_points* filled in."""
    values = dict(PALETTES[theme])
    values.update({key: f"{base_points * factor:.1f}pt" for key, factor in RELATIVE_SIZES.items()})
    return Template(STYLE.read_text(encoding="utf-8")).substitute(values)


def theme_for(preference: str, scheme: Qt.ColorScheme) -> str:
    """The theme to show: the user's choice, or for "system" the OS's (light if unknown)."""
    if preference in ("light", "dark"):
        return preference
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def current_theme() -> str:
    """The theme on screen now, read from the application palette (light without an app)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "light"
    return (
        "dark"
        if QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        else "light"
    )


def theme_colour(key: str) -> QColor:
    """A colour of the current theme, for what a view paints itself (table status texts…)."""
    return QColor(PALETTES[current_theme()][key])


def css_colour(key: str) -> str:
    """A colour of the current theme as ``#rrggbb``, for rich text a view builds."""
    return PALETTES[current_theme()][key]


def required_mark() -> str:
    """The red star before a required field's label, in the current theme's error colour."""
    return f"<span style='color:{css_colour('error')}'>*</span> "


def set_look(widget: QWidget, **properties: object) -> None:
    """Set style properties (``tone="error"``, ``met=True`` …) and restyle *widget* now.

    Qt re-evaluates property selectors only on a repolish, so a changed property needs one;
    a widget not polished yet (being built) gets its look when it is first shown.  (Its
    ``style()`` alone costs the first caller some ten milliseconds: the login window is
    built without asking for it.)
    """
    for name, value in properties.items():
        widget.setProperty(name, "true" if value is True else "false" if value is False else value)
    if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        return
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


class AppearanceController(QObject):
    """Holds the preferences and re-applies them when the OS switches light/dark.

    One per application (a child of it), so calling ``apply_appearance`` again updates it
    instead of connecting the OS signal twice.
    """

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName(_CONTROLLER_NAME)
        self._app = app
        # Read before our style sheet is set: afterwards app.style() is Qt's style-sheet proxy,
        # whose name() is empty.
        self._native_style = app.style().name() or "Fusion"
        self.style_name = self._native_style
        self.preferences = Preferences()
        self.theme = "light"
        app.styleHints().colorSchemeChanged.connect(self._on_color_scheme_changed)

    def apply(self, preferences: Preferences, scheme: Qt.ColorScheme | None = None) -> None:
        """Show *preferences*; *scheme* is the OS's (read from Qt when not given)."""
        self.preferences = preferences.normalised()
        hints = self._app.styleHints()
        if self.preferences.theme == "system":
            hints.unsetColorScheme()
        if scheme is None:
            scheme = hints.colorScheme()
        theme = theme_for(self.preferences.theme, scheme)
        if self.preferences.theme != "system":
            # Ask native styles (Windows 11, macOS) and the title bar for the chosen scheme.
            # This changes colorScheme(); the handler below ignores it for a fixed theme.
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        self.theme = theme
        style_name = "Fusion" if theme == "dark" else self._native_style
        if style_name.lower() != self.style_name.lower():
            style = QStyleFactory.create(style_name)
            if style is not None:
                self._app.setStyle(style)
                self.style_name = style_name
        self._app.setPalette(build_palette(theme))
        points = base_point_size(self.preferences.text_scale)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(points)
        self._app.setFont(QFont(font))
        if STYLE.exists():
            self._app.setStyleSheet(render_style_sheet(theme, points))
        log.info("appearance: theme %s, text %d%%", theme, self.preferences.text_scale)

    def _on_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.preferences.theme == "system" and theme_for("system", scheme) != self.theme:
            self.apply(self.preferences, scheme)


def appearance_controller(app: QApplication) -> AppearanceController:
    """The application's controller, made on first use."""
    existing = app.findChild(AppearanceController, _CONTROLLER_NAME)
    return existing if existing is not None else AppearanceController(app)


def apply_appearance(app: QApplication, preferences: Preferences) -> None:
    """Apply the theme and text size of *preferences* to the whole application."""
    appearance_controller(app).apply(preferences)
