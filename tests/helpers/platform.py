"""Start the real platform (``python -m server``) as a subprocess on a loopback port.

End-to-end tests talk to it over HTTP with ``requests``; nothing of the server is mocked.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

from tests.helpers import postgres
from tests.helpers.identity import unique_resident_id

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOW = "2021-06-21T18:23:50+08:00"
DEFAULT_PASSWORD = "abc12345"
_LISTENING = "KJCE platform listening on "


def shifted(now: str, **delta: float) -> str:
    """*now* moved by a timedelta, e.g. ``shifted(DEFAULT_NOW, minutes=16)``."""
    return (dt.datetime.fromisoformat(now) + dt.timedelta(**delta)).isoformat()


class PlatformProcess:
    """One platform process over one database; restart keeps it (clock moves).

    The database is a SQLite file in *workdir*, or with ``KJCE_TEST_DB=postgresql`` a fresh
    PostgreSQL database of its own (files still go to *workdir* through ``--data-dir``).

    By default it loads the demo data (institutions, packages, catalog, study cards) with
    the pinned clock's year as "the current year", and pays by the sandbox provider.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        captcha: bool = False,
        now: str | None = DEFAULT_NOW,
        demo_inbox: bool = True,
        port: int = 0,
        seed_demo: bool = True,
        payments: str = "sandbox",
        extra_args: tuple[str, ...] = (),
        demo_backoffice: bool = False,
        demo_backoffice_delay_s: float | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.db_path = workdir / "p.db"
        self.log_path = workdir / "platform.log"
        self.captcha = captcha
        self.now = now
        self.demo_inbox = demo_inbox
        self.port = port
        self.seed_demo = seed_demo
        self.payments = payments
        self.extra_args = extra_args
        self.demo_backoffice = demo_backoffice
        self.demo_backoffice_delay_s = demo_backoffice_delay_s
        #: Extra environment of the process (e.g. the test hooks of ``server.reporting``);
        #: change it before a restart.
        self.env = dict(env or {})
        self.url = ""
        self._process: subprocess.Popen[str] | None = None

    @property
    def _postgres_url(self) -> str | None:
        """The PostgreSQL database standing for ``db_path`` (two processes given the same
        ``db_path`` share it, as they would share the file); None on SQLite."""
        return postgres.database_for(self.db_path) if postgres.enabled() else None

    @property
    def db_url(self) -> str:
        return self._postgres_url or f"sqlite:///{self.db_path}"

    @property
    def api(self) -> str:
        """Base URL of the API, e.g. ``http://127.0.0.1:5001/api/v1``."""
        return self.url + "/api/v1"

    @property
    def data_dir_args(self) -> list[str]:
        """``--data-dir`` *workdir* unless the database is a SQLite file (whose folder is the
        data folder): on PostgreSQL, a platform or command without it keeps its files (media,
        photos) in the working directory, which is this checkout."""
        return [] if self.db_url.startswith("sqlite") else ["--data-dir", str(self.workdir)]

    def command(self) -> list[str]:
        args = [sys.executable, "-m", "server", "--db", self.db_url, "--host", "127.0.0.1"]
        args += self.data_dir_args
        args += ["--port", str(self.port), "--captcha", "on" if self.captcha else "off"]
        if self.now:
            args += ["--now", self.now]
        if self.demo_inbox:
            args.append("--demo-inbox")
        if self.seed_demo:
            args.append("--seed-demo")
        args += ["--payments", self.payments]
        if self.demo_backoffice:
            args.append("--demo-backoffice")
        if self.demo_backoffice_delay_s is not None:
            args += ["--demo-backoffice-delay-s", str(self.demo_backoffice_delay_s)]
        return args + list(self.extra_args)

    def start(self, timeout: float = 30.0) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **self.env}
        with self.log_path.open("a", encoding="utf-8") as log:
            self._process = subprocess.Popen(
                self.command(),
                cwd=REPO_ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
            )
        self.url = self._read_url(timeout)
        deadline = time.monotonic() + timeout
        while True:
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # announced, still loading
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"platform not healthy; see {self.log_path}")
            time.sleep(0.05)
        # /health answers while the API still loads (server/deferred.py); any other request
        # is held until it has loaded.  Wait for that here, so that a test's first request
        # (with the client's 10 s read timeout) never pays the load on a busy machine.
        requests.get(self.api + "/me", timeout=max(5.0, deadline - time.monotonic()))

    def _read_url(self, timeout: float) -> str:
        assert self._process is not None and self._process.stdout is not None
        lines: queue.Queue[str] = queue.Queue()
        stdout = self._process.stdout

        # A thread keeps reading stdout so the pipe never fills and blocks the server.
        def pump() -> None:
            for line in stdout:
                lines.put(line)

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                if self._process.poll() is not None:
                    break
                continue
            if line.startswith(_LISTENING):
                return line[len(_LISTENING) :].strip()
        self.stop()
        raise RuntimeError(f"platform did not start; see {self.log_path}:\n{self.log_text()}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def kill(self) -> None:
        """SIGKILL the process, as a crash or a power cut would end it; the database stays."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    @property
    def pid(self) -> int:
        """The running process's id (e.g. to read its memory use from /proc)."""
        assert self._process is not None
        return self._process.pid

    def wait_exit(self, timeout: float = 30.0) -> int:
        """Wait for the process to end by itself (a test hook); its exit code."""
        assert self._process is not None
        code = self._process.wait(timeout=timeout)
        self._process = None
        return code

    def restart(self, now: str | None = None) -> None:
        """Stop and start again on the same database, optionally with another pinned clock."""
        self.stop()
        if now is not None:
            self.now = now
        self.start()

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8") if self.log_path.exists() else ""

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read (or write) the platform's database directly (e.g. a captcha's answer)."""
        if self._postgres_url:
            return postgres.query(self._postgres_url, sql, params)
        with sqlite3.connect(self.db_path) as connection:
            return connection.execute(sql, params).fetchall()

    def captcha_answer(self, captcha_id: str) -> str:
        return str(self.query("SELECT answer FROM captchas WHERE id = ?", (captcha_id,))[0][0])

    def solved_captcha(self) -> dict[str, str]:
        """A fresh captcha with its right answer, as login/register/reset fields."""
        captcha_id = requests.post(self.api + "/captchas", timeout=10).json()["captcha_id"]
        return {"captcha_id": captcha_id, "captcha_answer": self.captcha_answer(captcha_id)}


def registration(**overrides: Any) -> dict[str, Any]:
    """A valid registration body with a never-used ID number; override any field."""
    body: dict[str, Any] = {
        "id_type": "resident_id",
        "id_number": unique_resident_id(),
        "name": "张晓红",
        "phone": "15010067063",
        "password": DEFAULT_PASSWORD,
        "eligibility": {"works_in_accounting": True, "resides_with_certificate": None},
    }
    body.update(overrides)
    return body


def register(platform: PlatformProcess, **overrides: Any) -> dict[str, Any]:
    """Register a learner (captcha solved when on); returns the 201 body plus ``password``."""
    body = registration(**overrides)
    if platform.captcha:
        body.update(platform.solved_captcha())
    response = requests.post(platform.api + "/accounts", json=body, timeout=10)
    assert response.status_code == 201, response.text
    return {**response.json(), "password": body["password"]}


def login(platform: PlatformProcess, id_number: str, password: str) -> requests.Response:
    body: dict[str, Any] = {"id_number": id_number, "password": password}
    if platform.captcha:
        body.update(platform.solved_captcha())
    return requests.post(platform.api + "/sessions", json=body, timeout=10)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(
    response: requests.Response, status: int, code: str, field: str | None = None
) -> dict[str, Any]:
    """The response is the documented error envelope; returns its ``error`` object."""
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code, error
    assert error["field"] == field, error
    assert isinstance(error["message"], str) and error["message"], error
    return error
