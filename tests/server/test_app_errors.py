"""The last line of defence: an unexpected exception still answers in the envelope."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from server.app import create_app
from server.migrations import upgrade_to_head
from server.settings import Settings


def test_unexpected_error_is_a_500_envelope(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    upgrade_to_head(url)
    app = create_app(Settings(db_url=url, captcha=False))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("bug")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's note that it prefers httpx2
        from fastapi.testclient import TestClient

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
        assert response.status_code == 500
        assert response.json()["error"]["code"] == "internal_error"
        assert client.get("/api/v1/health").json()["captcha_required"] is False


def test_payments_default_off_and_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings(db_url="sqlite://").payments == "off"
    monkeypatch.setenv("KJCE_PAYMENTS", "sandbox")
    assert Settings.from_env("sqlite://").payments == "sandbox"
    monkeypatch.setenv("KJCE_PAYMENTS", "paypal")
    with pytest.raises(ValueError):
        Settings.from_env("sqlite://")
