"""The embedded platform never outlives the desktop app that started it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.helpers.platform import REPO_ROOT


def _start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "server", "--db", f"sqlite:///{tmp_path / 'p.db'}",
         "--port", "0", "--captcha", "off", *extra],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("KJCE platform listening on "):
            return process, line.split(" on ", 1)[1].strip()
    raise AssertionError("the platform did not start")


def test_closing_stdin_stops_the_platform(tmp_path: Path) -> None:
    """What happens when the app quits or is killed: the OS closes the pipe it held."""
    process, url = _start(tmp_path, "--exit-on-stdin-eof")
    try:
        assert requests.get(url + "/health", timeout=5).status_code == 200
        assert process.stdin is not None
        process.stdin.close()
        assert process.wait(timeout=15) == 0
    finally:
        process.kill()


def test_without_the_flag_stdin_does_not_matter(tmp_path: Path) -> None:
    process, url = _start(tmp_path)
    try:
        assert process.stdin is not None
        process.stdin.close()
        time.sleep(1.0)  # the flagged platform stops well within this
        assert process.poll() is None
        assert requests.get(url + "/health", timeout=5).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=15)
