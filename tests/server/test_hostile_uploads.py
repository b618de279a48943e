"""Hostile uploads: a zip bomb, a pixel bomb, a polyglot JPEG/HTML, a 100 MB body, a path
in the file name — to ``PUT /me/profile/attachments/{kind}`` (raw JPEG) and
``POST /staff/walk-ins`` (base64 photos).

Each is refused with a 4xx in the envelope and leaves nothing behind (no file under the
data directory's ``attachments/``, no row); the polyglot may be accepted only because
what is stored and served again is a fresh encoding of its pixels, without the HTML.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import select
import socket
import time
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests

from tests.helpers.images import (
    ARITHMETIC_JPEG,
    jpeg_bytes,
    jpeg_claiming,
    progressive_claiming,
)
from tests.helpers.learners import (
    DEMO_DESK,
    collected_learner,
    staff_login,
    walk_in_body,
)
from tests.helpers.platform import PlatformProcess, assert_error, bearer, register

MB = 1024 * 1024
HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


@cache
def zip_bomb() -> bytes:
    """A small zip of one 200 MB file of zeros (about 200 KB)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("photo.jpg", "w", force_zip64=True) as member,
    ):
        zeros = bytes(MB)
        for _ in range(200):
            member.write(zeros)
    return out.getvalue()


def gzip_bomb() -> bytes:
    """200 MB of zeros gzipped, for a body that claims ``Content-Encoding: gzip``."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
        zeros = bytes(MB)
        for _ in range(200):
            packed.write(zeros)
    return out.getvalue()


def polyglot_jpeg() -> bytes:
    """A valid JPEG carrying HTML in a comment segment (COM) and after its end marker."""
    jpeg = jpeg_bytes((64, 64))
    comment = b"\xff\xfe" + (len(HTML) + 2).to_bytes(2, "big") + HTML
    return jpeg[:2] + comment + jpeg[2:] + HTML


def stored_files(platform: PlatformProcess) -> set[Path]:
    root = platform.workdir / "attachments"
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def attachment_rows(platform: PlatformProcess, account_id: str) -> int:
    rows = platform.query("SELECT COUNT(*) FROM attachments WHERE account_id = ?", (account_id,))
    return int(rows[0][0])


@pytest.fixture
def learner(platform: PlatformProcess) -> dict[str, Any]:
    """A registered learner with no attachment yet."""
    return register(platform)


def put_photo(
    platform: PlatformProcess, token: str, body: bytes, **headers: str
) -> requests.Response:
    return requests.put(
        f"{platform.api}/me/profile/attachments/photo",
        data=body,
        headers={**bearer(token), "Content-Type": "image/jpeg", **headers},
        timeout=30,
    )


@pytest.mark.parametrize(
    ("name", "body", "headers", "status", "code"),
    [
        ("zip bomb", zip_bomb(), {}, 415, "attachment_not_jpeg"),
        ("gzip bomb", gzip_bomb(), {"Content-Encoding": "gzip"}, 415, "attachment_not_jpeg"),
        ("pixel bomb", jpeg_claiming(30000, 30000), {}, 422, "attachment_too_many_pixels"),
        ("HTML as a JPEG", HTML, {}, 415, "attachment_not_jpeg"),
        # Progressive decoding holds every coefficient even at 1/8 scale: 288 MB here.
        (
            "progressive bomb",
            progressive_claiming(8000, 6000),
            {},
            422,
            "attachment_too_many_pixels",
        ),
        # A 200 MP header over 700 bytes: libjpeg would pad it out with grey.
        ("empty giant", jpeg_claiming(16320, 12240), {}, 422, "attachment_corrupt"),
        ("arithmetic coding", ARITHMETIC_JPEG, {}, 422, "attachment_unsupported_coding"),
    ],
)
def test_a_hostile_attachment_is_refused_and_nothing_is_stored(
    platform: PlatformProcess,
    learner: dict[str, Any],
    name: str,
    body: bytes,
    headers: dict[str, str],
    status: int,
    code: str,
) -> None:
    before = stored_files(platform)
    started = time.monotonic()
    response = put_photo(platform, learner["access_token"], body, **headers)
    assert_error(response, status, code)
    assert time.monotonic() - started < 5, name
    assert stored_files(platform) == before
    assert attachment_rows(platform, learner["account"]["id"]) == 0
    response = requests.get(
        f"{platform.api}/me/profile/attachments/photo",
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert_error(response, 404, "not_found")


def test_a_polyglot_jpeg_is_served_back_without_its_html(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    polyglot = polyglot_jpeg()
    response = put_photo(platform, learner["access_token"], polyglot)
    assert response.status_code == 200, response.text
    served = requests.get(
        f"{platform.api}/me/profile/attachments/photo",
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert served.status_code == 200
    assert served.headers["Content-Type"] == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.content.startswith(b"\xff\xd8\xff") and served.content != polyglot
    for marker in (b"<script", b"<html", b"alert("):
        assert marker not in served.content.lower()
    on_disk = [path.read_bytes() for path in stored_files(platform)]
    assert not any(b"<script" in content for content in on_disk)


def test_a_file_name_with_a_path_is_refused(
    platform: PlatformProcess, learner: dict[str, Any]
) -> None:
    """A raw upload has no file name: one that names a path is refused, as is multipart."""
    before = stored_files(platform)
    for name in ("../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/passwd"):
        response = put_photo(
            platform,
            learner["access_token"],
            jpeg_bytes(),
            **{"Content-Disposition": f'attachment; filename="{name}"'},
        )
        assert_error(response, 422, "validation_error", "filename")
    response = requests.put(
        f"{platform.api}/me/profile/attachments/photo",
        files={"file": ("../../etc/passwd", jpeg_bytes(), "image/jpeg")},
        headers=bearer(learner["access_token"]),
        timeout=10,
    )
    assert response.status_code in (415, 422), response.text
    assert response.json()["error"]["code"] in ("attachment_not_jpeg", "validation_error")
    assert stored_files(platform) == before
    assert attachment_rows(platform, learner["account"]["id"]) == 0
    assert not (platform.workdir.parent / "etc").exists()


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def stream_body(
    platform: PlatformProcess, path: str, token: str, total: int, *, declare_length: bool
) -> tuple[int, dict[str, Any], int]:
    """Send up to *total* bytes (chunked, or with a Content-Length) and stop as soon as the
    platform answers; (status, JSON body, bytes sent before the answer)."""
    url = urlsplit(platform.url)
    length = f"Content-Length: {total}" if declare_length else "Transfer-Encoding: chunked"
    head = (
        f"PUT {path} HTTP/1.1\r\nHost: {url.netloc}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: image/jpeg\r\n{length}\r\n\r\n"
    ).encode()
    if path.endswith("walk-ins"):
        head = head.replace(b"PUT ", b"POST ", 1).replace(b"image/jpeg", b"application/json")
    chunk = b"\xff\xd8\xff" + bytes(64 * 1024 - 3)
    sent, answer, pending = 0, b"", b""
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(head)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            readable, writable, _ = select.select([sock], [sock] if sent < total else [], [], 1)
            if readable:
                break
            if writable:
                if not pending:
                    pending = chunk if declare_length else b"%x\r\n%s\r\n" % (len(chunk), chunk)
                    sent += len(chunk)
                try:
                    pending = pending[sock.send(pending) :]
                except (BrokenPipeError, ConnectionResetError):
                    break
        while not answer.rstrip().endswith(b"}"):
            data = sock.recv(65536)
            if not data:
                break
            answer += data
    status_line, _, rest = answer.partition(b"\r\n")
    body = rest.split(b"\r\n\r\n", 1)[1]
    if b"Transfer-Encoding: chunked" in rest.split(b"\r\n\r\n", 1)[0]:
        body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0", 1)[0]
    return int(status_line.split()[1]), json.loads(body), sent


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_a_100_mb_body_is_refused_early_without_being_read(
    platform: PlatformProcess, learner: dict[str, Any], declare_length: bool
) -> None:
    before_files = stored_files(platform)
    before_rss = rss_kb(platform.pid)
    started = time.monotonic()
    status, body, sent = stream_body(
        platform,
        "/api/v1/me/profile/attachments/photo",
        learner["access_token"],
        100 * MB,
        declare_length=declare_length,
    )
    assert status == 413, body
    assert body["error"]["code"] == "attachment_too_large"
    assert time.monotonic() - started < 10
    assert sent < 20 * MB, f"{sent} bytes went out before the refusal"
    assert rss_kb(platform.pid) - before_rss < 30 * 1024
    assert stored_files(platform) == before_files
    assert attachment_rows(platform, learner["account"]["id"]) == 0


# -- the front desk: base64 photos of a walk-in ------------------------------------------


@pytest.fixture(scope="module")
def desk_token(platform: PlatformProcess) -> str:
    return str(staff_login(platform, *DEMO_DESK)["access_token"])


def walk_in_with_photo(photo: bytes) -> dict[str, Any]:
    body = walk_in_body()
    body["attachments"]["photo"] = base64.b64encode(photo).decode("ascii")
    return body


def accounts_with(platform: PlatformProcess, id_number: str) -> int:
    rows = platform.query("SELECT COUNT(*) FROM accounts WHERE id_number = ?", (id_number,))
    return int(rows[0][0])


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        (zip_bomb(), "attachment_not_jpeg"),
        (jpeg_claiming(30000, 30000), "attachment_too_many_pixels"),
        (HTML, "attachment_not_jpeg"),
    ],
    ids=["zip bomb", "pixel bomb", "HTML"],
)
def test_a_hostile_walk_in_photo_is_refused_and_nothing_is_stored(
    platform: PlatformProcess, desk_token: str, photo: bytes, code: str
) -> None:
    body = walk_in_with_photo(photo)
    before = stored_files(platform)
    response = requests.post(
        platform.api + "/staff/walk-ins", json=body, headers=bearer(desk_token), timeout=30
    )
    error = assert_error(response, 422, "walk_in_invalid", "attachments.photo")
    assert {"field": "attachments.photo", "code": code} in [
        {"field": p["field"], "code": p["code"]} for p in error["problems"]
    ]
    assert stored_files(platform) == before
    assert accounts_with(platform, body["account"]["id_number"]) == 0


def test_a_100_mb_walk_in_is_refused_early(platform: PlatformProcess, desk_token: str) -> None:
    before = stored_files(platform)
    before_rss = rss_kb(platform.pid)
    for declare_length in (True, False):
        status, body, sent = stream_body(
            platform, "/api/v1/staff/walk-ins", desk_token, 100 * MB, declare_length=declare_length
        )
        assert status == 413, body
        assert body["error"]["code"] == "payload_too_large"
        assert sent < 30 * MB
    assert rss_kb(platform.pid) - before_rss < 40 * 1024
    assert stored_files(platform) == before


def test_a_collected_learner_keeps_the_photo_a_hostile_upload_tried_to_replace(
    platform: PlatformProcess,
) -> None:
    learner = collected_learner(platform)
    token = learner["access_token"]
    original = requests.get(
        f"{platform.api}/me/profile/attachments/photo", headers=bearer(token), timeout=10
    ).content
    for body in (zip_bomb(), jpeg_claiming(30000, 30000)):
        assert put_photo(platform, token, body).status_code in (415, 422)
    after = requests.get(
        f"{platform.api}/me/profile/attachments/photo", headers=bearer(token), timeout=10
    ).content
    assert after == original
