"""Fixtures for the desktop client's tests."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from tests.helpers.keyring_backend import MemoryKeyring, TripwireKeyring, UnavailableKeyring


@pytest.fixture(autouse=True)
def no_os_keyring() -> Iterator[None]:
    """No desktop test touches the OS keyring: one that logs in without ``memory_keyring``
    (or ``unavailable_keyring``, which replace this) fails, naming what it did."""
    previous = keyring.get_keyring()
    tripwire = TripwireKeyring()
    keyring.set_keyring(tripwire)
    yield
    keyring.set_keyring(previous)
    assert not tripwire.used, f"the OS keyring was used: {tripwire.used}; use memory_keyring"


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


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    """The app in English: our and Qt's English translators installed on the test
    QApplication, taken out (back to Chinese, the source) and the locale restored after."""
    from desktop.i18n import install_translations, remove_translations

    previous = QLocale()
    assert install_translations(qapp, "en") == "en"
    yield qapp
    remove_translations(qapp)
    QLocale.setDefault(previous)
