"""The installable app: what differs when frozen, and the one-folder build run from elsewhere.

The build tests (marked ``packaging``) run ``packaging/build.py`` — or take the folder CI
built with ``quickstart.sh build`` from ``KJCE_PACKAGED_APP`` — copy the folder out of the
source tree and run it with a clean environment, as a learner's machine would.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
import requests

from desktop import frozen
from desktop.models.preferences import Preferences, save_preferences
from tests.helpers.identity import unique_resident_id
from tests.helpers.platform import DEFAULT_PASSWORD, REPO_ROOT

APP_NAME = "kjce-desktop"
BUILD_TIMEOUT_S = 1200

F = TypeVar("F", bound=Callable[..., object])


def needs_build(test: F) -> F:
    """Marks a test that needs the built app: skipped unless ``KJCE_TEST_PACKAGING=1``."""
    marks = (
        pytest.mark.packaging,
        pytest.mark.skipif(
            os.environ.get("KJCE_TEST_PACKAGING") != "1",
            reason="the build takes minutes; CI runs it as its own step",
        ),
        pytest.mark.timeout(BUILD_TIMEOUT_S + 300),
    )
    for mark in marks:
        test = mark(test)
    return test


# What differs when frozen — cheap, always run.


def test_the_platform_runs_as_python_m_server_from_source() -> None:
    assert frozen.platform_command() == (sys.executable, ["-m", "server"])


def test_the_frozen_app_runs_the_platform_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert frozen.platform_command() == (sys.executable, [frozen.RUN_PLATFORM_FLAG])


@pytest.mark.parametrize(
    ("platform", "backend"),
    [
        ("win32", "keyring.backends.Windows.WinVaultKeyring"),
        ("darwin", "keyring.backends.macOS.Keyring"),
        ("linux", "keyring.backends.SecretService.Keyring"),
    ],
)
def test_each_os_names_its_keyring_backend(platform: str, backend: str) -> None:
    assert frozen.keyring_backend_name(platform) == backend


def test_an_unusable_keyring_becomes_the_fail_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off Windows the Windows vault is not viable: the login is simply not remembered."""
    from keyring.backends import fail

    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    assert isinstance(
        frozen.os_keyring("win32" if sys.platform != "win32" else "darwin"), fail.Keyring
    )


def test_the_frozen_app_sets_the_keyring_backend_explicitly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    import keyring.core
    from keyring.backends import fail

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(frozen, "_keyring_configured", False)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    chosen = frozen.system_keyring()
    assert isinstance(chosen, fail.Keyring)
    assert keyring.get_keyring() is chosen


def test_a_bundled_libvlc_is_found_through_the_environment(tmp_path: Path) -> None:
    environ: dict[str, str] = {}
    assert not frozen.configure_bundled_vlc(tmp_path, "linux", environ)
    assert environ == {}
    (tmp_path / "vlc" / "plugins").mkdir(parents=True)
    (tmp_path / "vlc" / "libvlc.dll").write_bytes(b"")
    assert frozen.configure_bundled_vlc(tmp_path, "win32", environ)
    assert environ == {
        "PYTHON_VLC_LIB_PATH": str(tmp_path / "vlc" / "libvlc.dll"),
        "PYTHON_VLC_MODULE_PATH": str(tmp_path / "vlc" / "plugins"),
        "VLC_PLUGIN_PATH": str(tmp_path / "vlc" / "plugins"),
    }


def test_the_launcher_dispatches_to_the_platform(tmp_path: Path) -> None:
    """``kjce-desktop --run-platform migrate …`` is the server's command line, without Qt."""
    db = tmp_path / "migrated.sqlite3"
    launch = (
        "import runpy, sys; code = runpy.run_path('packaging/kjce_desktop.py')['run'](sys.argv[1:]);"
        "print('Qt loaded' if 'PySide6' in sys.modules else 'no Qt'); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", launch, frozen.RUN_PLATFORM_FLAG, "migrate", "--db", f"sqlite:///{db}"],
        cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "database schema at revision" in result.stderr
    assert result.stdout.strip() == "no Qt"
    assert db.stat().st_size > 0


# The build, run from a folder outside the source tree.


@pytest.fixture(scope="module")
def installed_app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built folder, copied where no source is: the app as a learner unpacks it."""
    prebuilt = os.environ.get("KJCE_PACKAGED_APP")
    if prebuilt:
        built = Path(prebuilt).resolve()
    else:
        out = tmp_path_factory.mktemp("build")
        subprocess.run(
            [sys.executable, "packaging/build.py", "--dist", str(out / "dist"),
             "--work", str(out / "work")],
            cwd=REPO_ROOT, check=True, timeout=BUILD_TIMEOUT_S,
        )  # fmt: skip
        built = out / "dist" / APP_NAME
    installed = tmp_path_factory.mktemp("elsewhere") / APP_NAME
    shutil.copytree(built, installed, symlinks=True)
    assert REPO_ROOT not in installed.parents
    return installed


def clean_environment(home: Path, **extra: str) -> dict[str, str]:
    """No PYTHONPATH, no virtual environment, nothing that points at the source."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def executable(folder: Path) -> Path:
    return folder / (APP_NAME + (".exe" if sys.platform == "win32" else ""))


@needs_build
@pytest.mark.parametrize("language", ["system", "en"])
def test_the_built_app_shows_the_login_and_quits(
    installed_app: Path, tmp_path: Path, language: str
) -> None:
    """Starts, shows the login window, the embedded (frozen) platform answers, exits 0.

    In Chinese (the system language C falls back to it) and in English: the bundled
    ``.qm`` files and Qt's own translations are found.
    """
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    save_preferences(data_dir, Preferences(language=language))
    result = subprocess.run(
        [str(executable(installed_app))],
        cwd=tmp_path,
        env=clean_environment(tmp_path, KJCE_DATA_DIR=str(data_dir), KJCE_BENCH_REPORT="1"),
        capture_output=True,
        text=True,
        timeout=120,  # ready in seconds; a platform that dies makes it exit 1 (KJCE_FAILED)
    )
    print(result.stdout, result.stderr, sep="\n")  # the smoke run's output, for CI's log
    assert result.returncode == 0, result.stderr
    assert re.search(r"^KJCE_SHOWN ", result.stdout, re.MULTILINE), result.stdout
    assert re.search(r"^KJCE_READY ", result.stdout, re.MULTILINE), result.stdout
    assert "KJCE_FAILED" not in result.stdout
    assert "Traceback" not in result.stderr
    assert "no translations for" not in result.stderr
    assert "Qt's own translations for" not in result.stderr
    assert "embedded platform ready at http://127.0.0.1:" in result.stderr
    # The platform migrated its database: Alembic found its revisions inside the bundle.
    assert (data_dir / "platform" / "platform.sqlite3").stat().st_size > 0


class FrozenPlatform:
    """``kjce-desktop --run-platform`` started directly, its stdout drained."""

    def __init__(self, app: Path, workdir: Path) -> None:
        self.process = subprocess.Popen(
            [
                str(executable(app)), frozen.RUN_PLATFORM_FLAG,
                "--db", f"sqlite:///{workdir / 'platform.sqlite3'}",
                "--port", "0", "--captcha", "off", "--seed-demo", "--payments", "sandbox",
                "--exit-on-stdin-eof", "--data-dir", str(workdir / "files"),
            ],
            cwd=workdir, env=clean_environment(workdir),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        self.output: list[str] = []
        self.url = ""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        assert self.process.stdout is not None
        self.output.extend(self.process.stdout)

    @property
    def api(self) -> str:
        return self.url + "/api/v1"


@pytest.fixture
def frozen_platform(installed_app: Path, tmp_path: Path) -> Iterator[FrozenPlatform]:
    platform = FrozenPlatform(installed_app, tmp_path)
    yield platform
    if platform.process.poll() is None:
        platform.process.kill()
        platform.process.wait(10)


@needs_build
def test_the_frozen_platform_registers_and_logs_in(frozen_platform: FrozenPlatform) -> None:
    """The server part is frozen right: data files, captcha drawing, argon2, the database."""
    assert frozen_platform.url, "".join(frozen_platform.output)
    id_number = unique_resident_id()
    registration = requests.post(
        frozen_platform.api + "/accounts",
        json={
            "id_type": "resident_id",
            "id_number": id_number,
            "name": "张晓红",
            "phone": "15010067063",
            "password": DEFAULT_PASSWORD,
            "eligibility": {"works_in_accounting": True, "resides_with_certificate": None},
        },
        timeout=10,
    )
    assert registration.status_code == 201, registration.text
    login = requests.post(
        frozen_platform.api + "/sessions",
        json={"id_number": id_number, "password": DEFAULT_PASSWORD},
        timeout=10,
    )
    assert login.status_code == 201, login.text
    assert login.json()["access_token"]
    regions = requests.get(frozen_platform.api + "/regions", timeout=10)  # server/data/*.json
    assert regions.status_code == 200, regions.text
    captcha = requests.post(frozen_platform.api + "/captchas", timeout=10)  # Pillow draws it
    assert captcha.status_code in (200, 201), captcha.text
    assert captcha.json()["image_png_base64"]
    # The app closing our stdin stops the platform (it must never outlive the app).
    assert frozen_platform.process.stdin is not None
    frozen_platform.process.stdin.close()
    assert frozen_platform.process.wait(20) == 0
