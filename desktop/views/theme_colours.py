"""The colours of the light and dark themes: one table per theme, one entry per colour.

Everything the app paints comes from here: the Qt palette, the style sheet
(``resources/styles/app.qss`` names these keys as ``${key}``), and the few colours views paint
themselves (status texts in tables, the record stepper).  A colour is changed in one place, and
``CONTRAST_PAIRS`` lists which colour is drawn on which, so a test can hold every pair to
WCAG AA in both themes.  Status is never carried by colour alone: each coloured status also
has its words (已完成/暂未完成, 在线/离线 …).
"""

from __future__ import annotations

from dataclasses import dataclass

LIGHT: dict[str, str] = {
    # The Qt palette: what native and Fusion widgets draw with.
    "window": "#f3f5f8",
    "window_text": "#202124",
    "base": "#ffffff",
    "alt_base": "#f6f8fb",
    "text": "#202124",
    "button": "#e9edf2",
    "button_text": "#202124",
    "highlight": "#1a62c4",
    "highlighted_text": "#ffffff",
    "placeholder": "#5f6b7a",
    "disabled_text": "#6e7986",
    "link": "#1a62c4",
    "tooltip_base": "#ffffdc",
    "tooltip_text": "#202124",
    "border": "#7a8594",  # the edge of inputs and focus rings: a UI boundary (3:1)
    # Our surfaces.
    "surface": "#ffffff",  # cards
    "surface_alt": "#f6f8fb",  # the selection tray
    "divider": "#d5dde8",  # decorative card edges; the card is also set off by its colour
    "help_bg": "#eef4fb",
    "help_text": "#1f3a5f",
    "badge_bg": "#eef4fb",
    # Text roles.
    "heading": "#1f3a5f",
    "muted": "#5f6b7a",
    "accent": "#1a62c4",
    "success": "#137333",
    "warning": "#9a5200",
    "error": "#c5221f",
    # Buttons.
    "primary_bg": "#1a62c4",
    "primary_text": "#ffffff",
    "primary_disabled_bg": "#c9d6e8",
    "primary_disabled_text": "#44505e",
    "focus_ring": "#0b3d91",
    "current_marker": "#b35300",  # the current question in the exam navigator
    # The learner's sidebar.
    "sidebar_bg": "#1f3a5f",
    "sidebar_text": "#ffffff",
    "sidebar_selected_bg": "#1a62c4",
    "sidebar_warning": "#ffb4ab",
    "sidebar_ok": "#9be39b",
    # Banners: a notice (demo inbox, offline, deadline soon) and an alert (closed, urgent).
    "notice_bg": "#fff8e1",
    "notice_text": "#6e4200",
    "notice_border": "#c79a3a",
    "alert_bg": "#fdecea",
    "alert_text": "#a50e0e",
    "alert_border": "#c5221f",
    # Progress bars and step markers.
    "track": "#dfe5ec",
    "pending_marker": "#7a8594",
    # Fixed on purpose in both themes: video is black, a QR code must be dark on white.
    "video": "#000000",
    "qr_bg": "#ffffff",
}

DARK: dict[str, str] = {
    "window": "#1c2128",
    "window_text": "#e8eaed",
    "base": "#161a20",
    "alt_base": "#20262e",
    "text": "#e8eaed",
    "button": "#2d343e",
    "button_text": "#e8eaed",
    "highlight": "#2b6cc4",
    "highlighted_text": "#ffffff",
    "placeholder": "#a3adb9",
    "disabled_text": "#858f9b",
    "link": "#8ab4f8",
    "tooltip_base": "#2d343e",
    "tooltip_text": "#e8eaed",
    "border": "#7d8794",
    "surface": "#252b33",
    "surface_alt": "#222830",
    "divider": "#3a424d",
    "help_bg": "#1f2e42",
    "help_text": "#dbe7f7",
    "badge_bg": "#1f3350",
    "heading": "#cfe0f7",
    "muted": "#a7b1bd",
    "accent": "#8ab4f8",
    "success": "#7ed99a",
    "warning": "#f4b860",
    "error": "#ff8a80",
    "primary_bg": "#8ab4f8",  # light on dark: stands out from the card and holds dark text
    "primary_text": "#10233f",
    "primary_disabled_bg": "#333b46",
    "primary_disabled_text": "#a3adb9",
    "focus_ring": "#8ab4f8",
    "current_marker": "#f4b860",
    "sidebar_bg": "#14223a",
    "sidebar_text": "#ffffff",
    "sidebar_selected_bg": "#2b6cc4",
    "sidebar_warning": "#ffb4ab",
    "sidebar_ok": "#9be39b",
    "notice_bg": "#3a2f16",
    "notice_text": "#f6d58e",
    "notice_border": "#9c7a2e",
    "alert_bg": "#43201f",
    "alert_text": "#ffb4ab",
    "alert_border": "#e0675f",
    "track": "#3a424d",
    "pending_marker": "#858f9b",
    "video": "#000000",
    "qr_bg": "#ffffff",
}

PALETTES: dict[str, dict[str, str]] = {"light": LIGHT, "dark": DARK}

TEXT = 4.5  #: WCAG AA, normal text
LARGE_OR_UI = 3.0  #: WCAG AA, large or bold text, and the boundaries of controls


@dataclass(frozen=True)
class ContrastPair:
    """*foreground* is drawn on *background* somewhere in the app (*where*)."""

    foreground: str
    background: str
    minimum: float
    where: str


CONTRAST_PAIRS: tuple[ContrastPair, ...] = (
    ContrastPair("window_text", "window", TEXT, "labels on the window"),
    ContrastPair("text", "base", TEXT, "text in inputs, tables, lists"),
    ContrastPair("text", "alt_base", TEXT, "alternate table rows"),
    ContrastPair("text", "surface", TEXT, "text on cards"),
    ContrastPair("text", "surface_alt", TEXT, "text in the selection tray"),
    ContrastPair("button_text", "button", TEXT, "ordinary buttons"),
    ContrastPair("highlighted_text", "highlight", TEXT, "selected rows"),
    ContrastPair("placeholder", "base", TEXT, "placeholder hints in inputs"),
    ContrastPair("link", "window", TEXT, "links"),
    ContrastPair("link", "base", TEXT, "links in text boxes"),
    ContrastPair("tooltip_text", "tooltip_base", TEXT, "tooltips"),
    ContrastPair("border", "base", LARGE_OR_UI, "the edge of an input"),
    ContrastPair("border", "window", LARGE_OR_UI, "the edge of an input on the window"),
    ContrastPair("help_text", "help_bg", TEXT, "the help panel"),
    ContrastPair("heading", "window", TEXT, "headings on the window"),
    ContrastPair("heading", "surface", TEXT, "headings on cards"),
    ContrastPair("heading", "base", TEXT, "status texts in tables"),
    ContrastPair("heading", "alt_base", TEXT, "read-only name and ID number"),
    ContrastPair("muted", "window", TEXT, "hints on the window"),
    ContrastPair("muted", "surface", TEXT, "hints on cards"),
    ContrastPair("muted", "base", TEXT, "closed or cancelled states in tables"),
    ContrastPair("muted", "surface_alt", TEXT, "the deselect reason in the tray"),
    ContrastPair("muted", "help_bg", TEXT, "hints in help panels"),
    ContrastPair("accent", "window", TEXT, "link-like buttons, step titles"),
    ContrastPair("accent", "surface", TEXT, "accent text on cards"),
    ContrastPair("accent", "badge_bg", TEXT, "course/question kind badges"),
    ContrastPair("accent", "help_bg", TEXT, "the next step's title"),
    ContrastPair("accent", "base", TEXT, "order links in the table"),
    ContrastPair("success", "window", TEXT, "success messages"),
    ContrastPair("success", "surface", TEXT, "success on cards"),
    ContrastPair("success", "base", TEXT, "success in tables"),
    ContrastPair("warning", "window", TEXT, "warnings"),
    ContrastPair("warning", "surface", TEXT, "warnings on cards"),
    ContrastPair("warning", "base", TEXT, "warnings in tables"),
    ContrastPair("error", "window", TEXT, "errors under fields"),
    ContrastPair("error", "surface", TEXT, "errors on cards (the login card)"),
    ContrastPair("error", "base", TEXT, "errors in tables"),
    ContrastPair("primary_text", "primary_bg", TEXT, "primary buttons"),
    ContrastPair("primary_bg", "surface", LARGE_OR_UI, "a primary button on a card"),
    ContrastPair("primary_bg", "window", LARGE_OR_UI, "a primary button on the window"),
    ContrastPair(
        "primary_disabled_text", "primary_disabled_bg", LARGE_OR_UI, "disabled primary buttons"
    ),
    ContrastPair("focus_ring", "window", LARGE_OR_UI, "focus outline"),
    ContrastPair("focus_ring", "surface", LARGE_OR_UI, "focus outline on cards"),
    ContrastPair("current_marker", "surface", LARGE_OR_UI, "the current question's frame"),
    ContrastPair("sidebar_text", "sidebar_bg", TEXT, "the sidebar"),
    ContrastPair("sidebar_text", "sidebar_selected_bg", TEXT, "the selected page"),
    ContrastPair("sidebar_warning", "sidebar_bg", TEXT, "profile not collected"),
    ContrastPair("sidebar_ok", "sidebar_bg", TEXT, "profile collected"),
    ContrastPair("notice_text", "notice_bg", TEXT, "notice banners"),
    ContrastPair("text", "notice_bg", TEXT, "the demo inbox, the commitment text"),
    ContrastPair("alert_text", "alert_bg", TEXT, "alert banners"),
    ContrastPair("alert_border", "window", LARGE_OR_UI, "the urgent reminder's frame"),
    ContrastPair("accent", "track", LARGE_OR_UI, "progress bar, not yet met"),
    ContrastPair("success", "track", LARGE_OR_UI, "progress bar, met"),
    ContrastPair("accent", "surface", LARGE_OR_UI, "a reached step of the record stepper"),
    ContrastPair("pending_marker", "surface", LARGE_OR_UI, "a pending step of the stepper"),
)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
