"""Fixtures for the desktop client's tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.helpers.keyring_backend import MemoryKeyring, UnavailableKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Install an in-memory keyring as the system keyring; restore the previous one after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def unavailable_keyring() -> Iterator[UnavailableKeyring]:
    """No usable keyring, as on a bare Linux box without a secret service."""
    previous = keyring.get_keyring()
    backend = UnavailableKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)
