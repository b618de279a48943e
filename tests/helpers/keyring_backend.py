"""Keyring backends for tests: the one thing the test machine lacks (STYLE "Tests").

``MemoryKeyring`` behaves like a real OS keyring held in a dict; ``UnavailableKeyring`` is
keyring's own ``fail`` backend, what a machine without any keyring ends up with.
"""

from __future__ import annotations

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
