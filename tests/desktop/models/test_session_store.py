"""The remembered login lives only in the keyring, as tokens, never a password."""

from __future__ import annotations

import json

from desktop.models.api_types import Tokens
from desktop.models.session_store import SERVICE_NAME, SessionStore, StoredSession
from tests.helpers.keyring_backend import MemoryKeyring, UnavailableKeyring

URL = "http://127.0.0.1:5001"
ACCOUNT = "0b7f6d2e-3c1a-4f0e-9a57-1d2c3b4a5e6f"
TOKENS = Tokens(access_token="acc-1", refresh_token="ref-1", expires_in=1800)


def test_save_then_load_gives_back_the_session(memory_keyring: MemoryKeyring) -> None:
    store = SessionStore(URL)
    assert store.available()
    assert store.save(ACCOUNT, TOKENS)
    assert SessionStore(URL).load() == StoredSession(ACCOUNT, TOKENS)


def test_one_entry_per_platform_url_holding_only_tokens(memory_keyring: MemoryKeyring) -> None:
    SessionStore(URL).save(ACCOUNT, TOKENS)
    assert list(memory_keyring.entries) == [(SERVICE_NAME, URL)]
    stored = json.loads(memory_keyring.entries[(SERVICE_NAME, URL)])
    assert stored == {
        "account_id": ACCOUNT,
        "access_token": "acc-1",
        "refresh_token": "ref-1",
        "expires_in": 1800,
    }
    assert SessionStore("http://other.example").load() is None


def test_saving_again_replaces_the_rotated_pair(memory_keyring: MemoryKeyring) -> None:
    store = SessionStore(URL)
    store.save(ACCOUNT, TOKENS)
    rotated = Tokens("acc-2", "ref-2", 900)
    store.save(ACCOUNT, rotated)
    loaded = store.load()
    assert loaded is not None and loaded.tokens == rotated


def test_clear_forgets_and_never_raises(memory_keyring: MemoryKeyring) -> None:
    store = SessionStore(URL)
    store.clear()  # nothing stored yet
    store.save(ACCOUNT, TOKENS)
    store.clear()
    assert store.load() is None
    assert memory_keyring.entries == {}


def test_a_corrupt_entry_reads_as_nothing_and_is_deleted(memory_keyring: MemoryKeyring) -> None:
    for junk in [
        "{not json",
        "[]",
        '{"account_id": "x"}',
        '{"account_id": "", "access_token": "a", "refresh_token": "r"}',
    ]:
        memory_keyring.entries[(SERVICE_NAME, URL)] = junk
        assert SessionStore(URL).load() is None
        assert (SERVICE_NAME, URL) not in memory_keyring.entries


def test_without_a_keyring_nothing_is_remembered_and_nothing_raises(
    unavailable_keyring: UnavailableKeyring,
) -> None:
    store = SessionStore(URL)
    assert not store.available()
    assert store.save(ACCOUNT, TOKENS) is False
    assert store.load() is None
    store.clear()


def test_a_keyring_with_no_priority_is_not_available() -> None:
    class Unviable(MemoryKeyring):
        priority = 0

    assert not SessionStore(URL, backend=Unviable()).available()


def test_an_explicit_backend_is_used_instead_of_the_system_one() -> None:
    backend = MemoryKeyring()
    store = SessionStore(URL, backend=backend)
    assert store.available()
    store.save(ACCOUNT, TOKENS)
    assert (SERVICE_NAME, URL) in backend.entries
