"""Languages: the app's own translations and Qt's, installed before the first window.

Chinese is the source language; ``desktop/translations/kjce_<lang>.qm`` holds the app's
translations (built from the ``.ts`` files by ``python -m tools.translations build``) and
Qt's own ``qtbase_<lang>.qm`` makes the standard dialogs (message boxes, file dialogs)
speak the same language.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "zh_CN"
TRANSLATED_LANGUAGES = ("zh_CN", "en")
_TRANSLATOR_NAME = "kjce-translator"


def tr(text: str) -> str:
    """Translate module-level text (outside any QObject).

    lupdate files a bare ``tr("…")`` under the empty context, so this looks it up there:
    the context of the markup and of the lookup must be the same, or nothing translates.
    Only ever call it with a literal (a variable is invisible to lupdate); text marked
    with ``QT_TRANSLATE_NOOP(context, …)`` goes through ``QCoreApplication.translate``.
    """
    return QCoreApplication.translate("", text)


def tr_rule(text: str) -> str:
    """Translate a message of the shared rules package (marked in context "rules")."""
    return QCoreApplication.translate("rules", text)


def tr_platform(text: str) -> str:
    """Translate a message the platform answered with, where it is shown (the models and
    the logs keep the platform's own words). ``desktop/platform_messages.py`` marks them:
    the platform's own in context "platform", those of the shared rules in "rules", and
    those with values (``"证件号码或密码错误，还可尝试 {1} 次"``) in "platform-pattern"."""
    translated = QCoreApplication.translate("platform", text)
    if translated == text:
        translated = QCoreApplication.translate("rules", text)
    if translated == text:
        translated = _translate_by_pattern(text)
    return translated


_PLACEHOLDER = re.compile(r"\{(\d+)\}")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The platform's messages with values, as regular expressions: "还可尝试 {1} 次" →
    ``还可尝试 (.+?) 次``."""
    from desktop.platform_messages import PATTERNS

    compiled = []
    for source in PATTERNS:
        pieces = _PLACEHOLDER.split(source)  # text, number, text, number, …, text
        regex = "".join(
            re.escape(piece.replace("{{", "{").replace("}}", "}")) if index % 2 == 0 else "(.+?)"
            for index, piece in enumerate(pieces)
        )
        compiled.append((re.compile(regex, re.DOTALL), source))
    # The most specific first: "证件号码或密码错误，还可尝试 {1} 次" before "{1}，还可尝试{2}次".
    compiled.sort(key=lambda item: -len(_PLACEHOLDER.sub("", item[1])))
    return tuple(compiled)


def _translate_by_pattern(text: str) -> str:
    """*text* translated through the pattern it matches, its values kept (and translated
    themselves when they are messages, e.g. the reason inside "{1}，还可尝试{2}次")."""
    for regex, source in _patterns():
        match = regex.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate("platform-pattern", source)
        if translated == source:
            return text
        values = [tr_platform(value) for value in match.groups()]

        def value_of(placeholder: re.Match[str], values: list[str] = values) -> str:
            return values[int(placeholder.group(1)) - 1]

        return _PLACEHOLDER.sub(value_of, translated)
    return text


def language_names() -> dict[str, str]:
    """The choices of the language setting, each named in its own language."""
    return {"system": tr("跟随系统"), "zh_CN": "简体中文", "en": "English"}


def resolve_language(language: str, system: QLocale | None = None) -> str:
    """The language to show for a setting: "system" follows the system locale when we have
    it (Chinese or English), else Chinese, the source language."""
    if language in TRANSLATED_LANGUAGES:
        return language
    locale = system if system is not None else QLocale.system()
    if locale.language() == QLocale.Language.English:
        return "en"
    return SOURCE_LANGUAGE


def translations_dir() -> Path:
    """Where our ``.qm`` files are: next to this module, or in a frozen app's bundle (which
    ships ``desktop/translations/*.qm`` at ``desktop/translations/``)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "desktop" / "translations"
    return Path(__file__).resolve().parent / "translations"


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def find_qt_tool(name: str) -> Path | None:
    """A Qt Linguist tool (``lrelease``, ``lupdate``) of the installed PySide6, if any."""
    import shutil

    import PySide6

    suffix = ".exe" if os.name == "nt" else ""
    candidates = [
        Path(PySide6.__file__).parent / f"{name}{suffix}",
        Path(sys.executable).parent / f"pyside6-{name}{suffix}",
    ]
    found = shutil.which(f"pyside6-{name}")
    if found:
        candidates.append(Path(found))
    return next((path for path in candidates if path.is_file()), None)


def build_qm(ts_file: Path, qm_file: Path) -> bool:
    """Compile *ts_file* with lrelease; False when lrelease is missing or fails."""
    import subprocess  # only a fresh source tree gets here, not a start of the app

    lrelease = find_qt_tool("lrelease")
    if lrelease is None:
        return False
    result = subprocess.run(
        [str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        log.warning("lrelease failed for %s: %s", ts_file.name, result.stderr.strip())
    return result.returncode == 0 and qm_file.is_file()


def _our_qm(language: str) -> Path | None:
    folder = translations_dir()
    qm_file = folder / f"kjce_{language}.qm"
    ts_file = folder / f"kjce_{language}.ts"
    if qm_file.is_file() and not (
        ts_file.is_file() and ts_file.stat().st_mtime > qm_file.stat().st_mtime
    ):
        return qm_file
    # A fresh source tree: build the .qm on the fly (a frozen app ships it built).
    if ts_file.is_file() and build_qm(ts_file, qm_file):
        return qm_file
    return qm_file if qm_file.is_file() else None


def remove_translations(app: QCoreApplication) -> None:
    """Take out the translators ``install_translations`` put in."""
    if not app.property(_TRANSLATOR_NAME):  # none yet (the start): findChildren costs 25 ms
        return
    app.setProperty(_TRANSLATOR_NAME, False)
    for translator in app.findChildren(QTranslator):
        if translator.objectName() == _TRANSLATOR_NAME:
            app.removeTranslator(translator)
            translator.deleteLater()


QT_GAPS = {
    "zh_CN": {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
    },
}
"""Qt 6.11 strings its own ``qtbase_<lang>.qm`` lacks (the file dialog's labels gained a
mnemonic, so the old translations no longer match): without these, Qt's own file dialog
read "Look in:" and "Files of type:" in the middle of Chinese."""


class _QtGaps(QTranslator):
    """Answers only what no other translator did (installed first, so asked last)."""

    def __init__(self, texts: dict[tuple[str, str], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts = texts

    def isEmpty(self) -> bool:
        return not self._texts

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None, not "": Qt takes an empty string for a translation, and every text it
        # asked about (all of ours that no .qm answered) would vanish.
        return self._texts.get((context, source_text))


def install_translations(app: QApplication | QCoreApplication, language: str) -> str:
    """Install the translators for *language* ("system", "zh_CN", "en"); the locale used.

    Replaces any translators installed before, so a test (or a restart-free switch) can
    change the language. Without our ``.qm`` the app stays in Chinese, with a warning.
    """
    remove_translations(app)
    used = resolve_language(language)
    gaps = QT_GAPS.get(used)
    if gaps:  # installed first, so asked last: only for what no .qm answers
        filler = _QtGaps(gaps, app)
        filler.setObjectName(_TRANSLATOR_NAME)
        app.installTranslator(filler)
        app.setProperty(_TRANSLATOR_NAME, True)
    locale = QLocale(used)
    qm_file = _our_qm(used)
    ours = QTranslator(app)
    if qm_file is None or not ours.load(str(qm_file)):
        log.warning("no translations for %s (%s): showing Chinese", used, qm_file)
        ours.deleteLater()
        used = SOURCE_LANGUAGE
        locale = QLocale(used)
    else:
        ours.setObjectName(_TRANSLATOR_NAME)
        app.installTranslator(ours)
        app.setProperty(_TRANSLATOR_NAME, True)
    qt_own = QTranslator(app)
    if qt_own.load(locale, "qtbase", "_", qt_translations_dir()):
        qt_own.setObjectName(_TRANSLATOR_NAME)
        app.installTranslator(qt_own)
        app.setProperty(_TRANSLATOR_NAME, True)
    else:
        log.info("Qt's own translations for %s not found", used)
        qt_own.deleteLater()
    QLocale.setDefault(locale)
    return used
