"""复制诊断信息: a report a learner can paste to support (the log itself: ``logs.py``).

The report helps support without exposing the learner: everything in it passes through
``scrub``, the one place that removes personal data — ID numbers, phone numbers, e-mail
addresses, tokens, passwords, the user's home folder and the names the app knows.  The
log itself should never hold such data (STYLE.md), but a bug might put it there; the
report must stay clean anyway.

No widgets here: the screens are described by the caller (GUI thread) as ``ScreenInfo``;
``build_report`` reads files and runs on a worker.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from desktop.models.logs import log_tail

# -- personal data out ---------------------------------------------------------------------

_NOT_ALNUM_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_ALNUM_AFTER = r"(?![0-9A-Za-z])"
_PASSWORD = re.compile(r"(?i)(password|passwd|pwd|\u5bc6\u7801)[^\n]*")  # \u5bc6\u7801: 密码
_BEARER = re.compile(r"(?i)\b(bearer)\s+[^\s\"',;]+")
_TOKEN_FIELD = re.compile(
    r"(?i)\b([a-z_]*token|authorization|secret)([\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]+"
)
_ID_NUMBER = re.compile(_NOT_ALNUM_BEFORE + r"\d{17}[\dXx]" + _NOT_ALNUM_AFTER)
_PHONE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1\d{2}[- ]?\d{4}[- ]?\d{4}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LONG_SECRET = re.compile(r"(?<![\w-])[A-Za-z0-9_-]{32,}(?![\w-])")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def scrub(text: str, *, names: Iterable[str] = (), home: Path | None = None) -> str:
    """*text* without personal data.

    Removes 18-character ID numbers (valid or not), mobile numbers (11 digits starting
    with 1), e-mail addresses, bearer/refresh/access tokens and any other long random
    string (UUIDs stay: they name records, not people), everything after "password" on a
    line, the *names* the app knows (the logged-in learner), and writes the user's home
    folder as ``~`` (it usually carries the user's name).
    """
    home = home or Path.home()
    for home_text in {str(home), home.as_posix()}:
        if len(home_text) > 1:
            text = text.replace(home_text, "~")
    text = _PASSWORD.sub(lambda m: f"{m.group(1)} [REMOVED]", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} [TOKEN]", text)
    text = _TOKEN_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}[TOKEN]", text)
    text = _EMAIL.sub("[EMAIL]", text)
    text = _ID_NUMBER.sub("[ID]", text)
    text = _PHONE.sub("[PHONE]", text)
    text = _LONG_SECRET.sub(_secret_or_not, text)
    # Last, so that a known ID number or phone is named by its kind above.
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = text.replace(name, "[NAME]")
    return text


def _secret_or_not(match: re.Match[str]) -> str:
    """A long run of letters *and* digits is a secret; a UUID or a long identifier is not."""
    word = match.group(0)
    if _UUID.fullmatch(word) or not (re.search(r"\d", word) and re.search(r"[A-Za-z]", word)):
        return word
    return "[TOKEN]"


# -- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenInfo:
    """One monitor as Qt sees it (read on the GUI thread)."""

    name: str
    width: int
    height: int
    device_pixel_ratio: float
    logical_dpi: float


@dataclass(frozen=True)
class Versions:
    app: str
    build: str  #: "frozen" (the installed app) or "source"
    python: str
    pyside: str
    qt: str
    libvlc: str  #: "" when VLC is not installed


@dataclass(frozen=True)
class DiagnosticsInput:
    """Everything the report says that only the app knows."""

    versions: Versions
    screens: tuple[ScreenInfo, ...]
    text_scale: int
    preferences: Mapping[str, object]
    platform_url: str
    platform_version: str
    online: str  #: "online", "offline" or "connecting"
    data_dir: Path
    log_dir: Path
    names: tuple[str, ...] = field(default=())
    """Personal strings the app knows (the logged-in name, ID number, phone): scrubbed."""


def build_versions(libvlc: str) -> Versions:
    import PySide6
    from PySide6.QtCore import qVersion

    from desktop import __version__

    return Versions(
        app=__version__,
        build="frozen" if getattr(sys, "frozen", False) else "source",
        python=platform.python_version(),
        pyside=PySide6.__version__,
        qt=qVersion(),
        libvlc=libvlc,
    )


def folder_size(path: Path) -> tuple[int, int]:
    """(files, bytes) under *path*; (0, 0) when it does not exist."""
    files = size = 0
    if not path.is_dir():
        return 0, 0
    for entry in path.rglob("*"):
        try:
            if entry.is_file():
                files += 1
                size += entry.stat().st_size
        except OSError:
            continue
    return files, size


def cache_sizes(data_dir: Path) -> dict[str, tuple[int, int]]:
    """What the data directory holds, summed over accounts: caches, offline chapters,
    handouts — counts and sizes only, never which account or course."""
    totals = {"cache": (0, 0), "media": (0, 0), "handouts": (0, 0)}
    accounts = data_dir / "accounts"
    if not accounts.is_dir():
        return totals
    for account in accounts.iterdir():
        if not account.is_dir():
            continue
        for kind in ("media", "handouts"):
            files, size = folder_size(account / kind)
            totals[kind] = (totals[kind][0] + files, totals[kind][1] + size)
        caches = [p for p in account.glob("cache.sqlite3*") if p.is_file()]
        size = sum(p.stat().st_size for p in caches)
        totals["cache"] = (totals["cache"][0] + (1 if caches else 0), totals["cache"][1] + size)
    return totals


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def build_report(given: DiagnosticsInput, *, home: Path | None = None) -> str:
    """The text 复制诊断信息 puts on the clipboard, scrubbed (reads files: a worker)."""
    v = given.versions
    lines = [
        "KJCE Desktop diagnostics",
        f"version: {v.app} ({v.build})",
        f"python: {v.python}  pyside6: {v.pyside}  qt: {v.qt}",
        f"libvlc: {v.libvlc or 'not installed'}",
        f"os: {platform.platform()} ({platform.machine()})",
        f"locale: {os.environ.get('LANG', '')}",
    ]
    for index, screen in enumerate(given.screens):
        lines.append(
            f"screen {index}: {screen.name} {screen.width}x{screen.height}"
            f" scale {screen.device_pixel_ratio:g} dpi {screen.logical_dpi:g}"
        )
    lines.append(f"text scale: {given.text_scale}%")
    lines.append(
        "preferences: " + ", ".join(f"{key}={value}" for key, value in given.preferences.items())
    )
    lines.append(f"platform: {given.platform_url or '-'} ({given.online})")
    lines.append(f"platform version: {given.platform_version or '-'}")
    lines.append(f"data folder: {given.data_dir}")
    lines.append(f"log folder: {given.log_dir}")
    for kind, (files, size) in cache_sizes(given.data_dir).items():
        lines.append(f"{kind}: {files} files, {_megabytes(size)}")
    tail = log_tail(given.log_dir)
    lines.append(f"--- last {len(tail)} log lines ---")
    lines.extend(tail)
    return scrub("\n".join(lines), names=given.names, home=home) + "\n"
