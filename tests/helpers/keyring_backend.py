"""Keyring backends for tests: the one thing the test machine lacks (STYLE "Tests").

``MemoryKeyring`` behaves like a real OS keyring held in a dict; ``UnavailableKeyring`` is
keyring's own ``fail`` backend, what a machine without any keyring ends up with;
``FileKeyring`` is a keyring that another process — the app started by a benchmark or a
test — reads as its OS keyring.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """A working keyring that forgets everything when the test ends."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.entries[(service, username)]
        except KeyError:
            raise PasswordDeleteError("no such entry") from None


UnavailableKeyring = fail.Keyring
"""What ``keyring`` uses when no backend is available: every call raises."""


FILE_KEYRING_ENV = "KJCE_TEST_KEYRING_FILE"
FILE_KEYRING_BACKEND = "tests.helpers.keyring_backend.FileKeyring"


class FileKeyring(KeyringBackend):
    """A working keyring kept in a JSON file, so that it outlives a process.

    A child process uses it as its system keyring with ``PYTHON_KEYRING_BACKEND`` set to
    ``FILE_KEYRING_BACKEND`` and ``KJCE_TEST_KEYRING_FILE`` to the file (``file_keyring_env``);
    keyring then loads no other backend.  Without that variable it is not viable, so
    keyring's own search (which tries every backend class it knows) passes it by.  Plain
    text: for tests and benchmarks only.
    """

    @properties.classproperty
    def priority(cls) -> float:
        if FILE_KEYRING_ENV not in os.environ:
            raise RuntimeError(f"{FILE_KEYRING_ENV} names no keyring file")
        return 1

    def __init__(self, path: Path | None = None) -> None:
        super().__init__()
        self.path = path if path is not None else Path(os.environ.get(FILE_KEYRING_ENV, ""))

    def _entries(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return dict(data) if isinstance(data, dict) else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._entries()
        entries[f"{service}\n{username}"] = password
        self.path.write_text(json.dumps(entries), encoding="utf-8")

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such entry")
        self.path.write_text(json.dumps(entries), encoding="utf-8")


def file_keyring_env(path: Path) -> dict[str, str]:
    """The environment that makes a child process's keyring the ``FileKeyring`` at *path*."""
    return {"PYTHON_KEYRING_BACKEND": FILE_KEYRING_BACKEND, FILE_KEYRING_ENV: str(path)}


class TripwireKeyring(KeyringBackend):
    """Stands for the OS keyring in tests: every call is noted (``used``) and refused.

    Installed for every desktop test (``tests/desktop/conftest.py``), so that a test that
    forgot ``memory_keyring`` fails instead of reading or writing the developer's own
    keyring.  Never viable, so keyring's own search passes it by.
    """

    @properties.classproperty
    def priority(cls) -> float:
        raise RuntimeError("a tripwire for tests, never a keyring to choose")

    def __init__(self) -> None:
        super().__init__()
        self.used: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.used.append("get_password")
        raise RuntimeError("the OS keyring in a test: request the memory_keyring fixture")

    def set_password(self, service: str, username: str, password: str) -> None:
        self.used.append("set_password")
        raise RuntimeError("the OS keyring in a test: request the memory_keyring fixture")

    def delete_password(self, service: str, username: str) -> None:
        self.used.append("delete_password")
        raise RuntimeError("the OS keyring in a test: request the memory_keyring fixture")
