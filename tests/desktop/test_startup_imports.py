"""The login window shows before anything it does not need is imported (issue 16).

The real app (``main.main``) is started in a subprocess, offscreen, and stopped the moment
its window shows (tests/helpers/startup_probe.py).  A module of ``FORBIDDEN`` in
``sys.modules`` at that moment fails the test, with the chain of imports that brought it in
(as ``python -X importtime`` nests them, plus the function that imported it), so the next
regression says where it came from.  What was imported cannot flake; the time it costs is
measured by benchmarks/startup.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.platform import REPO_ROOT, PlatformProcess

PROBE = REPO_ROOT / "tests" / "helpers" / "startup_probe.py"

FORBIDDEN = (
    # The platform's stack and the heavy libraries: none of them draws a login window.
    "sqlalchemy", "alembic", "psycopg", "fastapi", "starlette", "uvicorn", "pydantic",
    "argon2", "server", "stdnum", "PIL", "openpyxl", "segno", "vlc",
    # The HTTP stack and the keyring: loaded on a worker, after the window shows.
    "requests", "urllib3", "keyring",
    # What of our own is not the login window: the cache, sync, the API client, tray
    # reminders, diagnostics, images, QR codes, XLSX, the player, the learner's pages.
    "desktop.models.cache", "desktop.models.sync", "desktop.models.api",
    "desktop.models.watch_journal", "desktop.models.year_overview",
    "desktop.models.diagnostics", "desktop.models.images", "desktop.models.qr",
    "desktop.models.batch_import", "desktop.models.vlc_backend", "desktop.views.player",
    "desktop.views.shell", "desktop.views.home", "desktop.views.profile",
    "desktop.views.course_selection", "desktop.views.exam", "desktop.views.desk",
    "desktop.views.help_videos", "desktop.models.help_videos",
)  # fmt: skip


def modules_at_login_window(data_dir: Path, *app_args: str) -> dict[str, object]:
    """Run the real app to its login window; what the probe wrote down then."""
    report = data_dir / "modules.json"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # Never the developer's own keyring; and keyring's search of every backend is slow.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    env.pop("KJCE_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, str(PROBE), str(report), "--data-dir", str(data_dir), *app_args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0 and report.exists(), result.stderr[-3000:]
    loaded: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return loaded


def offenders(modules: list[str]) -> list[str]:
    """The forbidden modules present: for a package, the package itself (imported before
    its submodules), else its first submodule by name."""
    found = []
    for name in FORBIDDEN:
        present = sorted(m for m in modules if m == name or m.startswith(name + "."))
        if present:
            found.append(name if name in present else present[0])
    return found


def explain(found: list[str], chains: dict[str, list[str]]) -> str:
    lines = [
        f"{len(found)} module(s) the login window does not need were imported before it showed:"
    ]
    for name in found:
        lines.append(f"  {name}, imported by:")
        chain = chains.get(name) or ["(before the probe could see: interpreter start-up)"]
        lines.extend(f"    {'  ' * depth}{step}" for depth, step in enumerate(chain))
    return "\n".join(lines)


@pytest.mark.parametrize("platform_kind", ["embedded", "given"])
def test_the_login_window_shows_before_any_heavy_module(
    platform: PlatformProcess, tmp_path: Path, platform_kind: str
) -> None:
    app_args = ("--platform", platform.url) if platform_kind == "given" else ()
    report = modules_at_login_window(tmp_path, *app_args)
    modules = report["modules"]
    chains = report["chains"]
    assert isinstance(modules, list) and isinstance(chains, dict)
    assert "desktop.views.login" in modules  # the probe did see the login window
    found = offenders(modules)
    assert not found, explain(found, chains)
