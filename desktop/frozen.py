"""What differs when the app runs as a PyInstaller bundle instead of from the source.

- There is no Python interpreter to run ``python -m server`` with: the app's own executable
  runs the embedded platform when its first argument is ``RUN_PLATFORM_FLAG``
  (``packaging/kjce_desktop.py`` dispatches on it before any Qt is imported).
- keyring finds its backends through package entry points, which a frozen app may not
  carry; the OS's backend is therefore named explicitly (and the ``fail`` backend used when
  it cannot work, so the login screen says the login cannot be remembered).
- A build made with ``--with-vlc`` carries its own libvlc and plugins under ``vlc/``;
  python-vlc and libvlc find them through environment variables set before ``import vlc``.

Nothing here imports Qt, keyring or the server at module level: the launcher imports this
before anything else.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

RUN_PLATFORM_FLAG = "--run-platform"

# Per OS, the one keyring backend a learner's machine offers (sys.platform prefix → class).
KEYRING_BACKENDS = {
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
    "linux": "keyring.backends.SecretService.Keyring",
}
FAIL_KEYRING = "keyring.backends.fail.Keyring"

# libvlc's file name per OS, in the bundle's vlc/ folder (build option --with-vlc).
LIBVLC_NAMES = {"win32": "libvlc.dll", "darwin": "libvlc.dylib", "linux": "libvlc.so.5"}

_keyring_lock = threading.Lock()
_keyring_configured = False


def is_frozen() -> bool:
    """Whether this process is the PyInstaller-built app."""
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path:
    """The folder the bundled files were unpacked to (``sys._MEIPASS``); the source root otherwise."""
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        return Path(meipass)
    return Path(__file__).resolve().parents[1]


def platform_command() -> tuple[str, list[str]]:
    """The program and leading arguments that run ``python -m server``'s command line."""
    if is_frozen():
        return sys.executable, [RUN_PLATFORM_FLAG]
    return sys.executable, ["-m", "server"]


def keyring_backend_name(platform: str = sys.platform) -> str:
    """The keyring backend class for *platform* (a ``sys.platform`` value)."""
    for prefix, name in KEYRING_BACKENDS.items():
        if platform.startswith(prefix):
            return name
    return KEYRING_BACKENDS["linux"]  # the BSDs speak the Secret Service too


def os_keyring(platform: str = sys.platform) -> KeyringBackend:
    """The OS's keyring backend, or the ``fail`` backend when it cannot be used here.

    keyring's ``load_keyring`` asks the class for its priority first, which raises when
    the backend is not viable (no Secret Service on D-Bus, not on that OS…).
    """
    from keyring.core import load_keyring

    name = os.environ.get("PYTHON_KEYRING_BACKEND") or keyring_backend_name(platform)
    try:
        return load_keyring(name)
    except Exception as exc:  # RuntimeError when not viable; ImportError off its OS
        log.warning("keyring backend %s unavailable: %s", name, exc)
        module_name, _, class_name = FAIL_KEYRING.rpartition(".")
        fail_class = getattr(importlib.import_module(module_name), class_name)
        backend: KeyringBackend = fail_class()
        return backend


def system_keyring() -> KeyringBackend:
    """The keyring the session store uses: keyring's own choice, made explicit when frozen.

    Called lazily (on a worker thread) because probing the desktop's secret service is slow.
    """
    global _keyring_configured
    import keyring

    if is_frozen():
        with _keyring_lock:
            if not _keyring_configured:
                keyring.set_keyring(os_keyring())
                _keyring_configured = True
    return keyring.get_keyring()


def configure_bundled_vlc(
    root: Path | None = None,
    platform: str = sys.platform,
    environ: dict[str, str] | os._Environ[str] = os.environ,
) -> bool:
    """Point python-vlc and libvlc at a libvlc shipped in the bundle's ``vlc/`` folder.

    Returns whether one was found.  Without it python-vlc searches the system (ldconfig,
    the registry and Program Files, /Applications/VLC.app), so the learner installs VLC.
    Variables the user set already win.
    """
    vlc_dir = (root or bundle_dir()) / "vlc"
    name = next((n for p, n in LIBVLC_NAMES.items() if platform.startswith(p)), "libvlc.so.5")
    library = vlc_dir / name
    if not library.is_file():
        return False
    environ.setdefault("PYTHON_VLC_LIB_PATH", str(library))
    plugins = vlc_dir / "plugins"
    if plugins.is_dir():
        environ.setdefault("PYTHON_VLC_MODULE_PATH", str(plugins))
        environ.setdefault("VLC_PLUGIN_PATH", str(plugins))
    return True


def prepare_frozen_app() -> None:
    """What the frozen desktop app sets up before ``main.main`` runs."""
    if is_frozen() and configure_bundled_vlc():
        log.info("using the libvlc bundled with the app")
