"""Limits that hold when the tries come all at once, and bodies capped before anything reads them.

Each limit reserves its try with one conditional UPDATE before the secret is compared
(``server.throttle``, the captcha, the reset code), so of N requests fired together through
a barrier at most five reach the secret.  "Reached the secret" is told by what a user and an
operator see: the answers (how many said "wrong, N tries left" and how many "locked"), the
platform's log (one line per secret found wrong) and the right secret refused afterwards.
Every race runs a few rounds, on SQLite and on PostgreSQL alike (``KJCE_TEST_DB``).

Bodies: ``server.body_limit`` answers 413 in the envelope by ``Content-Length`` before a
byte is read, and while streaming for a chunked body, before authentication: a 300 MB body
without a token no longer passes through the worker's memory.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import pytest
import requests

from tests.conftest import PlatformFactory
from tests.helpers.concurrency import together
from tests.helpers.learners import DEMO_ADMIN, create_staff, staff_login
from tests.helpers.platform import (
    DEFAULT_NOW,
    PlatformProcess,
    assert_error,
    bearer,
    login,
    register,
    shifted,
)

LIMIT = 5
ROUNDS = 3
KIB = 1024
MIB = 1024 * KIB
T = TypeVar("T")


def logged(platform: PlatformProcess, line: str) -> int:
    """How many times the platform has logged *line* so far."""
    return platform.log_text().count(line)


def split_refusals(
    answers: list[requests.Response], status: int, code: str, field: str | None
) -> tuple[list[int], list[dict[str, Any]]]:
    """The tries left told by the answers "wrong secret" (*status*/*code*), and the rest."""
    told, others = [], []
    for answer in answers:
        if answer.status_code == status and answer.json()["error"]["code"] == code:
            error = assert_error(answer, status, code, field)
            if error.get("remaining_attempts", 0) > 0:
                told.append(error["remaining_attempts"])
                continue
        others.append({"status": answer.status_code, "headers": answer.headers, **answer.json()})
    return sorted(told), others


# -- logins: learners by ID number, staff by user name -----------------------------------


def _login_id_and_password(platform: PlatformProcess, who: str) -> tuple[str, str]:
    if who == "learner":
        learner = register(platform)
        return learner["account"]["id_number"], learner["password"]
    admin = staff_login(platform, *DEMO_ADMIN)["access_token"]
    staff = create_staff(platform, admin)
    return staff["username"], staff["initial_password"]


@pytest.mark.parametrize("who", ["learner", "staff"])
def test_thirty_wrong_logins_at_once_check_five_and_the_right_password_stays_locked(
    platform: PlatformProcess, who: str
) -> None:
    for _ in range(ROUNDS):
        login_id, password = _login_id_and_password(platform, who)
        checked_before = logged(platform, "login failed for")
        answers = together(*[partial(login, platform, login_id, "Wrong2021x") for _ in range(30)])
        told, others = split_refusals(answers, 401, "login_failed", "password")
        assert told == [1, 2, 3, 4], answers
        assert len(others) == 30 - 4
        for answer in others:  # the fifth wrong try, and 25 never checked
            assert (answer["status"], answer["error"]["code"]) == (423, "account_locked")
            assert answer["error"]["message"] == "账号已被锁定，请 15 分钟后再试"
            assert answer["error"]["unlocks_at"] == shifted(DEFAULT_NOW, minutes=15)
            assert answer["headers"]["Retry-After"] == "900"
        assert logged(platform, "login failed for") - checked_before == LIMIT
        assert_error(login(platform, login_id, password), 423, "account_locked")


# -- password reset codes -----------------------------------------------------------------


def _request_code(platform: PlatformProcess, id_number: str, phone: str) -> str:
    response = requests.post(
        platform.api + "/password-resets",
        json={"id_number": id_number, "phone": phone},
        timeout=10,
    )
    assert response.status_code == 202, response.text
    inbox = requests.get(platform.api + "/demo/inbox", params={"phone": phone}, timeout=10)
    match = re.search(r"验证码为 (\d{6})", inbox.json()["items"][0]["text"])
    assert match is not None
    return match.group(1)


def _confirm(
    platform: PlatformProcess, id_number: str, code: str, new_password: str = "Newpass2021x"
) -> requests.Response:
    return requests.post(
        platform.api + "/password-resets/confirm",
        json={"id_number": id_number, "code": code, "new_password": new_password},
        timeout=60,
    )


def test_forty_reset_codes_at_once_compare_five_and_use_the_code_up(
    platform: PlatformProcess,
) -> None:
    for round_ in range(ROUNDS):
        phone = f"1375550{round_:04d}"
        learner = register(platform, phone=phone)
        number = learner["account"]["id_number"]
        code = _request_code(platform, number, phone)
        wrong_codes = [f"{(int(code) + i) % 1_000_000:06d}" for i in range(1, 41)]
        compared_before = logged(platform, "wrong reset code for")
        answers = together(*[partial(_confirm, platform, number, c) for c in wrong_codes])
        told, others = split_refusals(answers, 400, "reset_code_invalid", "code")
        assert told == [1, 2, 3, 4], answers
        for answer in others:  # the fifth wrong code, and 35 never compared
            assert (answer["status"], answer["error"]["code"]) == (400, "reset_code_invalid")
            assert answer["error"]["message"] in {
                "验证码错误次数过多，请重新获取",
                "验证码无效或已过期，请重新获取",  # arrived after the code was used up
            }
        assert logged(platform, "wrong reset code for") - compared_before == LIMIT
        assert_error(_confirm(platform, number, code), 400, "reset_code_invalid", "code")
        assert login(platform, number, learner["password"]).status_code == 201


def test_the_right_code_sent_twice_at_once_sets_one_password(platform: PlatformProcess) -> None:
    for round_ in range(ROUNDS):
        phone = f"1375551{round_:04d}"
        learner = register(platform, phone=phone)
        number = learner["account"]["id_number"]
        code = _request_code(platform, number, phone)
        passwords = ["Firstpass2021", "Secondpass2021"]
        answers = together(*[partial(_confirm, platform, number, code, p) for p in passwords])
        assert sorted(a.status_code for a in answers) == [204, 400], [a.text for a in answers]
        winner = passwords[[a.status_code for a in answers].index(204)]
        loser = passwords[1 - passwords.index(winner)]
        assert login(platform, number, winner).status_code == 201
        assert_error(login(platform, number, loser), 401, "login_failed", "password")


def test_two_code_requests_at_once_send_one_code(platform: PlatformProcess) -> None:
    for round_ in range(ROUNDS):
        phone = f"1375553{round_:04d}"
        number = register(platform, phone=phone)["account"]["id_number"]
        post = partial(
            requests.post,
            platform.api + "/password-resets",
            json={"id_number": number, "phone": phone},
            timeout=60,
        )
        answers = together(post, post)
        assert sorted(a.status_code for a in answers) == [202, 429], [a.text for a in answers]
        inbox = requests.get(platform.api + "/demo/inbox", params={"phone": phone}, timeout=10)
        assert len(inbox.json()["items"]) == 1


def test_a_weak_new_password_costs_no_try_of_the_code(platform: PlatformProcess) -> None:
    learner = register(platform, phone="13755520000")
    number = learner["account"]["id_number"]
    code = _request_code(platform, number, "13755520000")
    for _ in range(LIMIT + 1):
        response = _confirm(platform, number, "000000" if code != "000000" else "111111", "short")
        assert_error(response, 422, "password_weak", "new_password")
    assert _confirm(platform, number, code).status_code == 204


# -- captchas -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """A platform that demands captchas."""
    process = PlatformProcess(tmp_path_factory.mktemp("limits-captcha"), captcha=True)
    process.start()
    yield process
    process.stop()


def test_one_solved_captcha_sent_by_five_logins_at_once_opens_one_session(
    guarded: PlatformProcess,
) -> None:
    for _ in range(ROUNDS):
        learner = register(guarded)
        body = {
            "id_number": learner["account"]["id_number"],
            "password": learner["password"],
            **guarded.solved_captcha(),
        }
        post = partial(requests.post, guarded.api + "/sessions", json=body, timeout=60)
        answers = together(*[post for _ in range(5)])
        assert sorted(a.status_code for a in answers) == [201, 400, 400, 400, 400]
        for answer in answers:
            if answer.status_code == 400:
                assert_error(answer, 400, "captcha_expired", "captcha_answer")


# -- PUT /me/password ---------------------------------------------------------------------


def _change(
    platform: PlatformProcess, token: str, old: str, new: str = "Newpass2021x"
) -> requests.Response:
    return requests.put(
        platform.api + "/me/password",
        json={"old_password": old, "new_password": new},
        headers=bearer(token),
        timeout=60,
    )


def test_wrong_old_passwords_lock_the_change_for_fifteen_minutes(
    platform_factory: PlatformFactory,
) -> None:
    platform = platform_factory(captcha=False)
    learner = register(platform)
    number, password = learner["account"]["id_number"], learner["password"]
    token = learner["access_token"]
    for remaining in (4, 3, 2, 1):
        error = assert_error(
            _change(platform, token, "Wrong2021x"), 422, "password_wrong", "old_password"
        )
        assert (error["message"], error["remaining_attempts"]) == ("原密码不正确", remaining)
    response = _change(platform, token, "Wrong2021x")
    error = assert_error(response, 423, "password_change_locked", "old_password")
    assert error["message"] == "原密码错误次数过多，请 15 分钟后再试"
    assert error["unlocks_at"] == shifted(DEFAULT_NOW, minutes=15)
    assert response.headers["Retry-After"] == "900"
    # Even the right old password is refused during the lock; the password is unchanged.
    assert_error(_change(platform, token, password), 423, "password_change_locked", "old_password")
    assert login(platform, number, password).status_code == 201

    platform.restart(now=shifted(DEFAULT_NOW, minutes=10))
    response = _change(platform, token, password)
    error = assert_error(response, 423, "password_change_locked", "old_password")
    assert error["retry_after_s"] == 300

    platform.restart(now=shifted(DEFAULT_NOW, minutes=16))
    assert _change(platform, token, password).status_code == 200
    # The success cleared the count.
    response = _change(platform, token, "Wrong2021x")
    assert assert_error(response, 422, "password_wrong", "old_password")["remaining_attempts"] == 4


def test_thirty_wrong_old_passwords_at_once_check_five(platform: PlatformProcess) -> None:
    for _ in range(ROUNDS):
        learner = register(platform)
        token = learner["access_token"]
        checked_before = logged(platform, "wrong old password for")
        answers = together(
            *[partial(_change, platform, token, f"Wrong{i:04d}x") for i in range(30)]
        )
        told, others = split_refusals(answers, 422, "password_wrong", "old_password")
        assert told == [1, 2, 3, 4], answers
        assert {(a["status"], a["error"]["code"]) for a in others} == {
            (423, "password_change_locked")
        }
        assert len(others) == 26
        assert logged(platform, "wrong old password for") - checked_before == LIMIT
        response = _change(platform, token, learner["password"])
        assert_error(response, 423, "password_change_locked", "old_password")
        assert login(platform, learner["account"]["id_number"], learner["password"]).ok


# -- request bodies -----------------------------------------------------------------------


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


class PeakRss:
    """The platform's largest resident memory while the ``with`` block runs, sampled."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.before = self.peak = rss_kb(pid)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, rss_kb(self.pid))
            time.sleep(0.002)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()
        self.peak = max(self.peak, rss_kb(self.pid))

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 1024


def declare_and_send(
    platform: PlatformProcess,
    method: str,
    path: str,
    total: int,
    *,
    content_type: str = "application/json",
    until_answered: bool = True,
) -> tuple[int, dict[str, Any], int]:
    """Declare ``Content-Length: total`` without a token and send the bytes, stopping as soon
    as the platform answers (or sending them all: *until_answered* false, a client that does
    not listen); (status, JSON body, bytes sent)."""
    url = urlsplit(platform.url)
    head = (
        f"{method} /api/v1{path} HTTP/1.1\r\nHost: {url.netloc}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {total}\r\n\r\n"
    ).encode()
    chunk = b" " * (256 * KIB)
    sent, answer = 0, b""
    with socket.create_connection((url.hostname, url.port), timeout=60) as sock:
        sock.sendall(head)
        try:
            while sent < total:
                if until_answered and select.select([sock], [], [], 0)[0]:
                    break
                piece = chunk[: total - sent]
                sock.sendall(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass
        while True:
            head_end = answer.find(b"\r\n\r\n")
            if head_end >= 0:
                length = re.search(rb"(?i)content-length: *(\d+)", answer[:head_end])
                if length and len(answer) >= head_end + 4 + int(length.group(1)):
                    break
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    status_line, _, rest = answer.partition(b"\r\n")
    body = rest.split(b"\r\n\r\n", 1)[1]
    return int(status_line.split()[1]), json.loads(body), sent


CAPS = [
    ("POST", "/sessions", "payload_too_large", 16 * KIB),
    ("POST", "/accounts", "payload_too_large", 16 * KIB),
    ("POST", "/password-resets/confirm", "payload_too_large", 16 * KIB),
    ("POST", "/captchas", "payload_too_large", 16 * KIB),
    ("PUT", "/me/password", "payload_too_large", 16 * KIB),
    ("PUT", "/me/profile", "payload_too_large", 256 * KIB),
    ("POST", "/watch-events", "payload_too_large", 1 * MIB),
    ("PUT", "/me/profile/attachments/photo", "attachment_too_large", 2 * MIB + 64 * KIB),
    ("POST", "/staff/walk-ins", "payload_too_large", 12 * MIB),
]


@pytest.mark.parametrize(("method", "path", "code", "cap"), CAPS, ids=[c[1] for c in CAPS])
def test_a_declared_length_over_the_cap_is_refused_before_authentication(
    platform: PlatformProcess, method: str, path: str, code: str, cap: int
) -> None:
    started = time.monotonic()
    status, body, sent = declare_and_send(platform, method, path, 300 * MIB)
    assert status == 413, body
    assert body["error"]["code"] == code and body["error"]["max_bytes"] == cap
    assert body["error"]["message"]
    assert sent < 20 * MIB, f"{sent} bytes went out before the refusal"
    assert time.monotonic() - started < 10


def _chunked(total: int, piece: bytes = b" " * (64 * KIB)) -> Iterator[bytes]:
    """A JSON-looking body of *total* bytes streamed without a Content-Length."""
    yield b'{"padding": "'
    left = total - len(b'{"padding": "') - 2
    while left > 0:
        yield piece[:left]
        left -= len(piece)
    yield b'"}'


@pytest.mark.parametrize(
    ("path", "cap"),
    [("/sessions", 16 * KIB), ("/watch-events", 1 * MIB)],
    ids=["login", "watch events"],
)
def test_a_chunked_body_is_refused_once_past_the_cap_before_authentication(
    platform: PlatformProcess, path: str, cap: int
) -> None:
    response = requests.post(
        platform.api + path,
        data=_chunked(cap + 1),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.request.headers.get("Transfer-Encoding") == "chunked"
    error = assert_error(response, 413, "payload_too_large")
    assert error["max_bytes"] == cap
    # At the cap exactly, the body goes on to the endpoint, which answers for itself.
    response = requests.post(
        platform.api + path,
        data=_chunked(cap),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code in (401, 422), response.text


def test_a_300_mb_body_without_a_token_is_refused_and_the_worker_memory_stays(
    platform: PlatformProcess,
) -> None:
    """Not JSON, so no JSON check reads it first; the client sends every byte (it does not
    listen for the early answer).  It took 600 MB of the worker's memory before its 401."""
    with PeakRss(platform.pid) as declared:
        status, body, sent = declare_and_send(
            platform,
            "PUT",
            "/me/password",
            300 * MIB,
            content_type="text/plain",
            until_answered=False,
        )
    assert (status, body["error"]["code"]) == (413, "payload_too_large")
    assert sent == 300 * MIB
    with PeakRss(platform.pid) as chunked:
        response = requests.put(
            platform.api + "/me/password",
            data=_chunked(300 * MIB, b" " * (1 * MIB)),
            headers={"Content-Type": "text/plain"},
            timeout=120,
        )
    assert_error(response, 413, "payload_too_large")
    growth = (declared.growth_mb, chunked.growth_mb)
    assert max(growth) < 30, f"RSS grew by {growth[0]:.0f} MB and {growth[1]:.0f} MB"


def test_a_batch_of_1000_watch_events_of_the_largest_size_is_not_refused_by_size(
    platform: PlatformProcess,
) -> None:
    token = register(platform)["access_token"]
    event = {
        "chapter_id": "c" * 96,
        "from_ms": 0,
        "to_ms": 1_000,
        "started_at": "2021-06-21T18:00:00.123456+08:00",
        "ended_at": "2021-06-21T18:00:01.123456+08:00",
        "rate": 0.999999999999999,
        "app_version": "v" * 32,
    }
    events = [{**event, "id": f"00000000-0000-4000-8000-{i:012d}"} for i in range(1000)]
    body = json.dumps({"events": events}, indent=2).encode()
    assert len(body) > 256 * KIB  # past the cap of other endpoints
    response = requests.post(
        platform.api + "/watch-events",
        data=body,
        headers={**bearer(token), "Content-Type": "application/json"},
        timeout=60,
    )
    assert response.status_code == 200, response.text[:300]
    assert len(response.json()["refused"]) == 1000  # no such chapter: judged, not refused unread
