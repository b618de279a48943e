"""The remembered login: the token pair in the OS keyring, nowhere else (SPEC §3).

One keyring entry per platform URL (service ``KJCE Desktop``, user name = the URL) holding
JSON ``{account_id, access_token, refresh_token, expires_in}``.  No password is ever
stored.  Where the machine has no usable keyring the app still works; ``available()`` says
so and the login screen explains that the login cannot be remembered.

``keyring`` is imported inside the methods: importing it probes the desktop's secret
services and is slow, and the first window must show before that.  The methods run on the
task runner's workers (the token refresh calls ``save`` from one), hence the lock.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.models.api_types import Tokens

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "KJCE Desktop"


@dataclass(frozen=True)
class StoredSession:
    """What a previous run remembered: whose login, and its tokens."""

    account_id: str
    tokens: Tokens


class SessionStore:
    """Saves, loads and forgets the token pair for one platform.

    Args:
        service_key: the platform URL; the keyring entry's user name.
        backend: a keyring backend to use instead of the system's (tests, embedding).
    """

    def __init__(self, service_key: str, backend: KeyringBackend | None = None) -> None:
        self.service_key = service_key
        self._explicit_backend = backend
        self._lock = threading.Lock()

    def _backend(self) -> KeyringBackend:
        if self._explicit_backend is not None:
            return self._explicit_backend
        from desktop.frozen import system_keyring

        return system_keyring()

    def available(self) -> bool:
        """Whether a real keyring can hold the login (not the ``fail`` backend)."""
        try:
            from keyring.backends import fail

            backend = self._backend()
            if isinstance(backend, fail.Keyring):
                return False
            return float(backend.priority) > 0
        except Exception as exc:  # KeyringError, or a desktop service that misbehaves
            log.warning("no usable keyring: %s", type(exc).__name__)
            return False

    def save(self, account_id: str, tokens: Tokens) -> bool:
        """Remember *tokens* for *account_id*; False when the keyring refused."""
        value = json.dumps(
            {
                "account_id": account_id,
                "access_token": tokens.access_token,
                "refresh_token": tokens.refresh_token,
                "expires_in": tokens.expires_in,
            }
        )
        try:
            with self._lock:
                self._backend().set_password(SERVICE_NAME, self.service_key, value)
        except Exception as exc:
            log.warning("could not save the login to the keyring: %s", type(exc).__name__)
            return False
        log.info("login remembered in the keyring")
        return True

    def load(self) -> StoredSession | None:
        """The remembered login, or None (nothing stored, keyring unusable, or corrupt).

        A corrupt entry is deleted so that the next start does not trip over it again.
        """
        try:
            with self._lock:
                raw = self._backend().get_password(SERVICE_NAME, self.service_key)
        except Exception as exc:
            log.warning("could not read the keyring: %s", type(exc).__name__)
            return None
        if raw is None:
            return None
        try:
            return _parse(raw)
        except (ValueError, KeyError, TypeError):
            log.warning("the remembered login was unreadable; forgetting it")
            self.clear()
            return None

    def clear(self) -> None:
        """Forget the login for this platform.  Never raises."""
        try:
            with self._lock:
                self._backend().delete_password(SERVICE_NAME, self.service_key)
        except Exception as exc:  # PasswordDeleteError when nothing was stored
            log.debug("nothing forgotten from the keyring: %s", type(exc).__name__)


def _parse(raw: str) -> StoredSession:
    data: Any = json.loads(raw)
    if not isinstance(data, dict):
        raise TypeError("not an object")
    fields = (data["account_id"], data["access_token"], data["refresh_token"])
    if not all(isinstance(value, str) and value for value in fields):
        raise ValueError("missing token fields")
    account_id, access_token, refresh_token = fields
    return StoredSession(
        account_id=account_id,
        tokens=Tokens(
            access_token=access_token,
            refresh_token=refresh_token,
            expires_in=int(data.get("expires_in", 1800)),
        ),
    )
