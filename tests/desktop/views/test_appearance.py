"""Appearance against the real app: the dark theme paints dark with light text, "system"
follows the OS's colour scheme live, every colour pair meets WCAG AA in both themes, the
text size scales the whole app without clipping, and no view writes a colour of its own.

Offscreen Qt cannot switch the OS's colour scheme (``colorScheme()`` stays Unknown and
``setColorScheme`` is ignored), so the "system" test checks that the controller listens to
``colorSchemeChanged`` and then calls the slot it connected with ``Qt.ColorScheme.Dark``.

Set ``KJCE_APPEARANCE_SHOTS=/some/dir`` to keep the screenshots the tests take.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from string import Template

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget, QWizard
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.models.preferences import Preferences
from desktop.views.appearance import (
    STYLE,
    AppearanceController,
    appearance_controller,
    apply_appearance,
    base_point_size,
)
from desktop.views.registration import PAGE_ACCOUNT
from desktop.views.theme_colours import CONTRAST_PAIRS, PALETTES, contrast_ratio
from tests.helpers.desktop import click, enter, open_wizard, start_app, stop_app, wait_settled
from tests.helpers.platform import PlatformProcess, register

pytestmark = pytest.mark.usefixtures("memory_keyring")

DESKTOP = Path(__file__).resolve().parents[3] / "desktop"
Apply = Callable[..., None]


@pytest.fixture
def appearance(qapp: QApplication) -> Iterator[Apply]:
    """``apply(theme=…, text_scale=…)`` on the shared QApplication; everything is put back
    afterwards so other tests see Qt's defaults."""
    style, palette, font = qapp.style().name(), qapp.palette(), qapp.font()

    def apply(**preferences: object) -> None:
        apply_appearance(qapp, Preferences(**preferences))  # type: ignore[arg-type]

    yield apply
    controller = qapp.findChild(AppearanceController)
    if controller is not None:
        qapp.styleHints().colorSchemeChanged.disconnect(controller._on_color_scheme_changed)
        controller.setParent(None)
        controller.deleteLater()
    qapp.styleHints().unsetColorScheme()
    qapp.setStyleSheet("")
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


def restyled() -> None:
    """Run the layout and style events a theme, text size or page change has posted, so
    that a grab shows what the screen shows (no fixed wait: they are all queued now)."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def keep_shot(widget: QWidget, name: str, tmp_path: Path) -> QImage:
    """Grab *widget* as a person would see it; saved for a look when asked to."""
    image = widget.grab().toImage()
    folder = Path(os.environ.get("KJCE_APPEARANCE_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    image.save(str(folder / f"{name}.png"))
    return image


def lightness_range(image: QImage, rect: QRect) -> tuple[int, int]:
    """The darkest and the lightest pixel of *rect* (0–255)."""
    values = [
        image.pixelColor(x, y).lightness()
        for x in range(rect.left(), rect.right() + 1, 1)
        for y in range(rect.top(), rect.bottom() + 1, 1)
    ]
    return min(values), max(values)


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text needs more room than they got (cut or hidden)."""
    clipped = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text():
            continue
        size = label.size()
        if label.wordWrap():
            needed_width = label.minimumSizeHint().width()
            needed_height = label.heightForWidth(size.width())
        else:
            needed_width, needed_height = label.sizeHint().width(), label.sizeHint().height()
        if needed_width > size.width() or needed_height > size.height():
            clipped.append(
                f"{label.objectName() or label.text()[:20]!r}: needs {needed_width}×"
                f"{needed_height}, has {size.width()}×{size.height()}"
            )
    return clipped


def title_of(app: DesktopApp) -> QLabel:
    title = app.window.login.findChild(QLabel, "title")
    assert isinstance(title, QLabel)
    title.ensurePolished()
    return title


# -- the colours --------------------------------------------------------------------------


def test_every_colour_pair_meets_wcag_aa_in_both_themes() -> None:
    failures = [
        f"{theme}: {pair.foreground} on {pair.background} ({pair.where}) is "
        f"{contrast_ratio(colours[pair.foreground], colours[pair.background]):.2f}:1, "
        f"needs {pair.minimum}:1"
        for theme, colours in PALETTES.items()
        for pair in CONTRAST_PAIRS
        if contrast_ratio(colours[pair.foreground], colours[pair.background]) < pair.minimum
    ]
    assert failures == []
    # The ratio itself, against WCAG's own examples.
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_style_sheet_takes_every_colour_from_the_theme_table() -> None:
    assert PALETTES["light"].keys() == PALETTES["dark"].keys()
    template = STYLE.read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", template, flags=re.S)
    assert re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|\d+px\s*;?\s*}?$", rules) == []
    assert re.findall(r"font-size:\s*\d", rules) == [], "sizes come from the text size"
    names = {m.group(1) for m in re.finditer(r"\$\{(\w+)\}", rules)}
    sizes = {name for name in names if name.startswith("size_")}
    for colours in PALETTES.values():
        assert names - sizes <= colours.keys()
        Template(template).substitute({**colours, **dict.fromkeys(sizes, "10pt")})


def test_no_view_writes_a_colour_or_a_pixel_font_size_of_its_own() -> None:
    """Inline colours stay light in dark mode and pixel sizes ignore the text size: views
    set an objectName or a property that app.qss styles.  Allowed: appearance.py, which
    sets the rendered style sheet itself."""
    allowed = {DESKTOP / "views" / "appearance.py"}
    colour = re.compile(
        r"#[0-9a-fA-F]{3,8}\b|rgba?\(|\b(white|black|red|green|blue|gr[ae]y|orange|yellow)\b"
        r"|font-size:\s*\d+px",
        re.I,
    )
    offending = []
    for path in sorted(DESKTOP.rglob("*.py")):
        if path in allowed:
            continue
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setStyleSheet"
            ):
                text = ast.get_source_segment(source, node) or ""
                if colour.search(text):
                    offending.append(f"{path.relative_to(DESKTOP)}:{node.lineno}: {text[:70]}")
    assert offending == []


def test_no_colour_literal_outside_the_theme_table() -> None:
    """Also colours built into f-strings, painted with QColor or put in rich text.  Allowed:
    the table itself, and the certificate draft and the desk's slip, which are printed on
    white paper whatever the screen's theme."""
    allowed = {
        DESKTOP / "views" / "theme_colours.py",
        DESKTOP / "models" / "certificate.py",
        DESKTOP / "models" / "slip.py",
    }
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(")
    found = []
    for path in sorted(DESKTOP.rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and literal.search(node.value)
            ):
                found.append(f"{path.relative_to(DESKTOP)}:{node.lineno}: {node.value[:60]}")
    assert found == []


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_theme_paints_the_login_screen(
    qtbot: QtBot,
    platform: PlatformProcess,
    tmp_path: Path,
    qapp: QApplication,
    appearance: Apply,
    theme: str,
) -> None:
    appearance(theme=theme)
    app = start_app(qtbot, platform.url, tmp_path)
    qtbot.waitExposed(app.window)
    palette = QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window).lightness()
    text = palette.color(QPalette.ColorRole.WindowText).lightness()
    field = palette.color(QPalette.ColorRole.Base).lightness()
    if theme == "dark":
        assert window < 60 and field < 60 and text > 200
        assert appearance_controller(qapp).style_name.lower() == "fusion"
    else:
        assert window > 230 and field > 230 and text < 60

    # What is on screen: the page around the card, and the title's letters on the card.
    login = app.window.login
    image = keep_shot(app.window, f"login-{theme}", tmp_path)
    margin = QRect(login.mapTo(app.window, QPoint(4, login.height() // 2)), login.size())
    page_dark, page_light = lightness_range(image, QRect(margin.topLeft(), margin.topLeft()))
    title = title_of(app)
    letters = QRect(title.mapTo(app.window, QPoint(0, 0)), title.size())
    darkest, lightest = lightness_range(image, letters)
    if theme == "dark":
        assert page_light < 60, "the window around the card is dark"
        assert lightest > 190, "the title's letters are light"
    else:
        assert page_dark > 220
        assert darkest < 90
    stop_app(app)


def test_system_theme_follows_the_colour_scheme_live(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, qapp: QApplication, appearance: Apply
) -> None:
    appearance(theme="system")
    controller = appearance_controller(qapp)
    hints = qapp.styleHints()
    assert hints.receivers("2colorSchemeChanged(Qt::ColorScheme)") >= 1
    assert controller.theme == "light"  # offscreen reports Unknown: light
    app = start_app(qtbot, platform.url, tmp_path)
    qtbot.waitExposed(app.window)

    # The OS turns dark: the window already on screen follows, without a restart.
    controller._on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert controller.theme == "dark"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 60
    restyled()
    image = keep_shot(app.window, "login-system-dark", tmp_path)
    title = title_of(app)
    letters = QRect(title.mapTo(app.window, QPoint(0, 0)), title.size())
    assert lightness_range(image, letters)[1] > 190

    controller._on_color_scheme_changed(Qt.ColorScheme.Light)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 230

    # A theme the user fixed stays whatever the OS does.
    appearance(theme="light")
    controller._on_color_scheme_changed(Qt.ColorScheme.Dark)
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 230
    stop_app(app)


# -- the text size ------------------------------------------------------------------------


def test_text_size_150_enlarges_the_login_without_clipping(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, qapp: QApplication, appearance: Apply
) -> None:
    appearance(theme="light", text_scale=100)
    app = start_app(qtbot, platform.url, tmp_path / "normal")
    qtbot.waitExposed(app.window)
    normal_title = QFontMetrics(title_of(app).font()).height()
    normal_body = QFontMetrics(app.window.login.id_number_edit.font()).height()
    stop_app(app)

    appearance(theme="light", text_scale=150)
    assert qapp.font().pointSizeF() == pytest.approx(base_point_size(100) * 1.5)
    app = start_app(qtbot, platform.url, tmp_path / "large")
    qtbot.waitExposed(app.window)
    large_title = QFontMetrics(title_of(app).font()).height()
    large_body = QFontMetrics(app.window.login.id_number_edit.font()).height()
    assert large_title >= normal_title * 1.35
    assert large_body >= normal_body * 1.35
    keep_shot(app.window, "login-150", tmp_path)
    assert clipped_labels(app.window) == []

    # A form page: 用户注册's account form.
    wizard = open_wizard(qtbot, app)
    click(qtbot, wizard.eligibility_page.answer1.yes)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentId() == PAGE_ACCOUNT
    restyled()
    keep_shot(wizard, "registration-150", tmp_path)
    assert clipped_labels(wizard) == []
    wizard.reject()
    stop_app(app)


def test_home_in_light_and_dark(
    qtbot: QtBot, platform: PlatformProcess, tmp_path: Path, appearance: Apply
) -> None:
    """The shell's home page in both themes (a live switch): the sidebar keeps white on
    blue, the cards turn dark, and the page has words for every status."""
    appearance(theme="light")
    learner = register(platform)
    learner["id_number"] = learner["account"]["id_number"]
    app = enter(qtbot, platform, tmp_path, learner)
    home = app.home_view
    qtbot.waitUntil(lambda: home.overview is not None, timeout=15_000)
    wait_settled(qtbot, app)
    restyled()
    light = keep_shot(app.window, "home-light", tmp_path)
    appearance(theme="dark")
    restyled()
    dark = keep_shot(app.window, "home-dark", tmp_path)

    card = home.findChild(QWidget, "homeCard")
    assert card is not None
    corner = card.mapTo(app.window, QPoint(8, 8))
    assert QColor(light.pixelColor(corner)).lightness() > 230
    assert QColor(dark.pixelColor(corner)).lightness() < 60
    sidebar = app.window.shell.findChild(QWidget, "sidebar")
    assert sidebar is not None
    point = sidebar.mapTo(app.window, QPoint(4, sidebar.height() - 4))
    assert dark.pixelColor(point).lightness() < 60
    stop_app(app)
