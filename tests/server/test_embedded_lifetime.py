"""The embedded platform never outlives the desktop app that started it.

Since issue 16 one platform serves a data folder (``--shared``, server/sharing.py): a
second app on the folder attaches to it, and the platform stops when the last app using
it is gone — however those apps ended, ``kill -9`` included.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from desktop.models import embedded
from server import sharing
from server.__main__ import LISTENING
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


# --- one platform per data folder -------------------------------------------------------


def _start_shared(folder: Path) -> tuple[subprocess.Popen[str], str]:
    """What the desktop app starts (without the demo data, which these tests do not need)."""
    return _start(folder, "--exit-on-stdin-eof", "--shared", "--data-dir", str(folder))


def _address(folder: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / sharing.PORT_FILE).read_text(encoding="utf-8"))
    return data


def _answers(url: str) -> bool:
    try:
        return requests.get(url + "/health", timeout=5).status_code == 200
    except requests.ConnectionError:
        return False


def _wait_until(
    condition: Callable[[], bool], timeout_s: float = 30.0, logs: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, _tails(logs)
        time.sleep(0.05)


def _tails(folder: Path | None) -> str:
    """The end of every log under *folder*: what the apps and the platform said."""
    if folder is None:
        return "timed out"
    return "timed out; logs:\n" + "\n".join(
        f"== {path.name}\n{path.read_text(encoding='utf-8', errors='replace')[-1500:]}"
        for path in sorted(folder.rglob("*.log")) + sorted(folder.glob("*.err"))
    )


def test_the_app_and_the_platform_agree_on_their_lines() -> None:
    """The desktop never imports the server: these lines are the contract between them."""
    assert embedded.KEPT_LINE == sharing.KEPT_LINE
    assert embedded._LISTENING.search(LISTENING + "http://127.0.0.1:5000")


def test_a_second_app_attaches_and_the_last_one_out_stops_the_platform(tmp_path: Path) -> None:
    first, url = _start_shared(tmp_path)
    second, second_url = _start_shared(tmp_path)
    try:
        assert second_url == url  # the same platform, one database
        assert _address(tmp_path)["pid"] == first.pid
        assert first.stdin is not None and first.stdout is not None
        first.stdin.close()  # the app that started it quits first…
        assert first.stdout.readline().strip() == sharing.KEPT_LINE  # …so it need not wait
        assert first.poll() is None and _answers(url)  # the second app still uses it
        assert second.stdin is not None
        second.stdin.close()
        assert second.wait(timeout=15) == 0
        assert first.wait(timeout=15) == 0
        assert not (tmp_path / sharing.PORT_FILE).exists()
        assert not _answers(url)
    finally:
        first.kill()
        second.kill()


def test_a_start_waits_for_the_holder_of_the_folder_then_serves(tmp_path: Path) -> None:
    """An app restarted while the last platform still holds the folder (migrating, or
    stopping): the new platform waits for the lock instead of serving the same database."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from pathlib import Path; "
         "from server.sharing import FolderLock; "
         "assert FolderLock(Path(sys.argv[1])).try_acquire(); print('locked', flush=True); "
         "sys.stdin.read()", str(tmp_path)],
        cwd=REPO_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(TimeoutError):
            sharing.claim(tmp_path, timeout_s=0.3)
        result: list[object] = []
        claimer = threading.Thread(target=lambda: result.append(sharing.claim(tmp_path)))
        claimer.start()
        assert holder.stdin is not None
        holder.stdin.close()  # the old platform ends: its lock goes with it
        claimer.join(timeout=30)
        assert len(result) == 1 and isinstance(result[0], sharing.FolderLock)
    finally:
        holder.kill()


def _start_app(data_dir: Path) -> subprocess.Popen[bytes]:
    """The real desktop app (``main.py``), offscreen, on its own data folder."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KJCE_DATA_DIR": str(data_dir),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    with (data_dir / f"app-{time.monotonic_ns()}.err").open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "main.py"], cwd=REPO_ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=stderr,
        )  # fmt: skip


def _served_by_app(folder: Path, app: subprocess.Popen[bytes]) -> str:
    """Wait until the platform of *folder* answers; its URL."""

    def up() -> bool:
        assert app.poll() is None, _tails(folder.parent)
        return (folder / sharing.PORT_FILE).exists() and _answers(_address(folder)["url"])

    _wait_until(up, 90, folder.parent)
    return str(_address(folder)["url"])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_the_platform_goes_when_its_app_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "platform"
    app = _start_app(tmp_path)
    try:
        url = _served_by_app(folder, app)
        os.kill(app.pid, signal.SIGKILL)
        app.wait(timeout=15)
        _wait_until(lambda: not _answers(url), logs=tmp_path)
        _wait_until(lambda: not (folder / sharing.PORT_FILE).exists(), logs=tmp_path)
    finally:
        app.kill()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_shared_platform_goes_when_the_last_of_its_apps_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "platform"
    first = _start_app(tmp_path)
    second = None
    try:
        url = _served_by_app(folder, first)
        serving_pid = _address(folder)["pid"]
        second = _start_app(tmp_path)
        log = folder / embedded.LOG_FILE
        _wait_until(
            lambda: "attached to the platform" in log.read_text(encoding="utf-8"), 90, tmp_path
        )
        os.kill(first.pid, signal.SIGKILL)  # the app that started the platform
        first.wait(timeout=15)
        _wait_until(lambda: "1 other apps remain" in log.read_text(encoding="utf-8"), logs=tmp_path)
        assert _answers(url) and _address(folder)["pid"] == serving_pid
        assert second.poll() is None, _tails(tmp_path)
        os.kill(second.pid, signal.SIGKILL)
        second.wait(timeout=15)
        _wait_until(lambda: not _answers(url), logs=tmp_path)
        _wait_until(lambda: not (folder / sharing.PORT_FILE).exists(), logs=tmp_path)
    finally:
        first.kill()
        if second is not None:
            second.kill()
