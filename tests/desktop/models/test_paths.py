"""Where the client keeps its files."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.models.paths import account_cache_path, user_data_dir


def test_data_dir_comes_from_the_environment_and_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "kjce" / "data"
    monkeypatch.setenv("KJCE_DATA_DIR", str(target))
    assert user_data_dir() == target
    assert target.is_dir()


def test_data_dir_falls_back_to_the_qt_app_data_location(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KJCE_DATA_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    path = user_data_dir()
    assert path.is_dir()
    assert "KJCE Desktop" in str(path)


def test_account_cache_path_is_one_file_per_account(tmp_path: Path) -> None:
    account = "0b7f6d2e-3c1a-4f0e-9a57-1d2c3b4a5e6f"
    path = account_cache_path(tmp_path, account)
    assert path == tmp_path / "accounts" / account / "cache.sqlite3"


@pytest.mark.parametrize("bad", ["", "../evil", "a/b", "a\\b", "x y", ".."])
def test_account_ids_that_could_leave_the_data_dir_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValueError):
        account_cache_path(tmp_path, bad)
