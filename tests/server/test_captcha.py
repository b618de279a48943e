"""Captchas: the image, and the rules when the platform demands them."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator

import pytest
import requests
from PIL import Image

from tests.conftest import PlatformFactory
from tests.helpers.platform import (
    DEFAULT_NOW,
    PlatformProcess,
    assert_error,
    register,
    registration,
    shifted,
)

ALPHABET = set("ABCDEFGHJKMNPQRSTUVWXYZ23456789")


def test_captcha_is_a_png_with_a_stored_answer(platform: PlatformProcess) -> None:
    response = requests.post(platform.api + "/captchas", timeout=5)
    assert response.status_code == 201
    body = response.json()
    assert body["expires_in"] == 300
    image = Image.open(io.BytesIO(base64.b64decode(body["image_png_base64"])))
    image.load()
    assert image.format == "PNG"
    assert 100 <= image.width <= 160 and 30 <= image.height <= 60
    answer = platform.captcha_answer(body["captcha_id"])
    assert len(answer) == 4 and set(answer) <= ALPHABET


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A platform that demands captchas (and has no demo inbox)."""
    process = PlatformProcess(tmp_path_factory.mktemp("captcha"), captcha=True, demo_inbox=False)
    process.start()
    yield process
    process.stop()


def _new_captcha(platform: PlatformProcess) -> str:
    return str(requests.post(platform.api + "/captchas", timeout=5).json()["captcha_id"])


def test_health_says_captcha_required(guarded: PlatformProcess) -> None:
    body = requests.get(guarded.url + "/health", timeout=5).json()
    assert body["captcha_required"] is True and body["demo_inbox"] is False
    assert_error(requests.get(guarded.api + "/demo/inbox", timeout=5), 404, "not_found")


@pytest.mark.parametrize("endpoint", ["/accounts", "/sessions", "/password-resets"])
def test_missing_captcha_is_refused(guarded: PlatformProcess, endpoint: str) -> None:
    body = registration()
    if endpoint != "/accounts":
        body = {k: body[k] for k in ("id_number", "password", "phone")}
    response = requests.post(guarded.api + endpoint, json=body, timeout=5)
    assert_error(response, 400, "captcha_required", "captcha_answer")
    body["captcha_id"] = _new_captcha(guarded)
    response = requests.post(guarded.api + endpoint, json=body, timeout=5)
    assert_error(response, 400, "captcha_required", "captcha_answer")


def test_wrong_answer_uses_the_captcha_up(guarded: PlatformProcess) -> None:
    captcha_id = _new_captcha(guarded)
    answer = guarded.captcha_answer(captcha_id)
    wrong = "".join("A" if c != "A" else "B" for c in answer)
    body = registration(captcha_id=captcha_id, captcha_answer=wrong)
    response = requests.post(guarded.api + "/accounts", json=body, timeout=5)
    assert_error(response, 400, "captcha_invalid", "captcha_answer")
    body["captcha_answer"] = answer
    response = requests.post(guarded.api + "/accounts", json=body, timeout=5)
    assert_error(response, 400, "captcha_expired", "captcha_answer")


def test_right_answer_is_accepted_once_and_case_insensitive(guarded: PlatformProcess) -> None:
    captcha_id = _new_captcha(guarded)
    answer = guarded.captcha_answer(captcha_id).lower()
    body = registration(captcha_id=captcha_id, captcha_answer=answer)
    response = requests.post(guarded.api + "/accounts", json=body, timeout=5)
    assert response.status_code == 201, response.text
    login = {"id_number": body["id_number"], "password": body["password"]}
    response = requests.post(
        guarded.api + "/sessions",
        json={**login, "captcha_id": captcha_id, "captcha_answer": answer},
        timeout=5,
    )
    assert_error(response, 400, "captcha_expired", "captcha_answer")
    response = requests.post(
        guarded.api + "/sessions", json={**login, **guarded.solved_captcha()}, timeout=5
    )
    assert response.status_code == 201, response.text


def test_unknown_captcha_id_is_expired(guarded: PlatformProcess) -> None:
    body = registration(captcha_id="no-such-captcha", captcha_answer="ABCD")
    response = requests.post(guarded.api + "/accounts", json=body, timeout=5)
    assert_error(response, 400, "captcha_expired", "captcha_answer")


def test_captcha_expires_after_five_minutes(platform_factory: PlatformFactory) -> None:
    platform = platform_factory()
    register(platform)  # the captcha machinery works before the clock moves
    captcha_id = _new_captcha(platform)
    answer = platform.captcha_answer(captcha_id)
    platform.restart(now=shifted(DEFAULT_NOW, minutes=6))
    body = registration(captcha_id=captcha_id, captcha_answer=answer)
    response = requests.post(platform.api + "/accounts", json=body, timeout=5)
    assert_error(response, 400, "captcha_expired", "captcha_answer")
