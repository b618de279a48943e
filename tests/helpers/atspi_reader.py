"""The accessibility tree as a screen reader reads it: AT-SPI over D-Bus, under Xvfb.

Two halves in one file, because they belong together:

* ``AccessibilityDesktop`` (the test's Python): starts a virtual X screen, a private D-Bus
  session and the AT-SPI bus (``at-spi2-core``), and gives the environment an app needs to
  publish its tree there (Qt's xcb platform with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``).
  ``read(pid)`` asks the reader below for that process's windows.
* Run as a script by the *system* Python (``/usr/bin/python3``, which has ``pyatspi`` from
  the ``python3-pyatspi`` package; it is a GObject binding that pip does not install), it
  prints the process's showing windows as JSON: for each node its role, name,
  description, states, relations (by the targets' ids) and showing children.

    /usr/bin/python3 tests/helpers/atspi_reader.py --pid PID

Nothing here reaches into the app: what it reads is exactly what Orca would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SYSTEM_PYTHON = "/usr/bin/python3"
BUS_LAUNCHER_PATHS = (
    "/usr/libexec/at-spi-bus-launcher",
    "/usr/lib/at-spi2-core/at-spi-bus-launcher",
)
MAX_CHILDREN = 200
"""A table exposes every cell; past this many children of one node the rest are left out
(the rules read the first rows; a reader of a 10 000-cell table would wait minutes)."""


def missing_tools() -> list[str]:
    """What this machine lacks to read the tree (empty: nothing), as apt package names."""
    missing = []
    if shutil.which("Xvfb") is None:
        missing.append("xvfb")
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        missing.append("dbus")
    if _bus_launcher() is None:
        missing.append("at-spi2-core")
    probe = [SYSTEM_PYTHON, "-c", "import pyatspi"]
    if not Path(SYSTEM_PYTHON).exists() or subprocess.run(probe, capture_output=True).returncode:
        missing.append("python3-pyatspi")
    return missing


def require_tools() -> None:
    """Skip the test when this machine cannot read the tree, naming the packages; fail
    instead where ``KJCE_REQUIRE_ATSPI`` is set (CI), so the check cannot silently go."""
    import pytest  # here: the system Python also runs this file, as the reader, without it

    missing = missing_tools()
    if not missing:
        return
    reason = (
        "reading the accessibility tree needs the system packages "
        f"{' '.join(missing)} (bash scripts/quickstart.sh test installs them)"
    )
    if os.environ.get("KJCE_REQUIRE_ATSPI"):
        pytest.fail(reason)
    pytest.skip(reason)


def _bus_launcher() -> str | None:
    return next((p for p in BUS_LAUNCHER_PATHS if Path(p).exists()), None)


class AccessibilityDesktop:
    """Xvfb + a D-Bus session + the AT-SPI bus, torn down in reverse by ``close()``."""

    def __init__(self) -> None:
        self._processes: list[subprocess.Popen[bytes]] = []
        self._runtime = Path(tempfile.mkdtemp(prefix="kjce-a11y-"))
        self._runtime.chmod(0o700)
        self.env: dict[str, str] = {}
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(
            [
                "Xvfb",
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                "1366x900x24",
                "-nolisten",
                "tcp",
            ],
            pass_fds=(write_fd,),
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(xvfb)
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            display = pipe.readline().strip()  # written once the server accepts clients
        if not display:
            raise RuntimeError("Xvfb did not start")
        dbus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._processes.append(dbus)
        assert dbus.stdout is not None
        address = dbus.stdout.readline().decode().strip()  # printed once it listens
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        self.env = {
            **os.environ,
            "DISPLAY": f":{display}",
            "DBUS_SESSION_BUS_ADDRESS": address,
            "XDG_RUNTIME_DIR": str(self._runtime),
            "QT_QPA_PLATFORM": "xcb",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_ACCESSIBILITY": "1",
            "NO_AT_BRIDGE": "0",
        }
        launcher = _bus_launcher()
        assert launcher is not None
        self._processes.append(
            subprocess.Popen(
                [launcher, "--launch-immediately"],
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        self._wait_for_bus()

    def _wait_for_bus(self, timeout: float = 20.0) -> None:
        """Until the session bus answers for ``org.a11y.Bus`` (apps ask it for the address)."""
        deadline = time.monotonic() + timeout
        call = [
            "dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
            "org.a11y.Bus.GetAddress",
        ]  # fmt: skip
        while time.monotonic() < deadline:
            if subprocess.run(call, env=self.env, capture_output=True).returncode == 0:
                return
            time.sleep(0.05)  # polling a condition, not waiting for an effect
        raise RuntimeError("the AT-SPI bus did not start")

    def read(self, pid: int, timeout: float = 60.0) -> list[dict[str, Any]]:
        """The showing windows of process *pid*, as the reader prints them."""
        done = subprocess.run(
            [SYSTEM_PYTHON, __file__, "--pid", str(pid)],
            env={k: v for k, v in self.env.items() if k not in ("PYTHONPATH", "PYTHONHOME")},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"the AT-SPI reader failed: {done.stderr[-2000:]}")
        windows: list[dict[str, Any]] = json.loads(done.stdout)
        return windows

    def close(self) -> None:
        for process in reversed(self._processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._processes.clear()
        shutil.rmtree(self._runtime, ignore_errors=True)


# -- the reader (system Python, pyatspi) ------------------------------------------------------


def _read_process(pid: int, timeout: float) -> list[dict[str, Any]]:
    import pyatspi

    deadline = time.monotonic() + timeout
    app = None
    while app is None:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            candidate = desktop.getChildAtIndex(i)
            try:
                if candidate is not None and candidate.get_process_id() == pid:
                    app = candidate
            except Exception:
                continue
        if app is None:
            if time.monotonic() > deadline:
                raise SystemExit(f"no accessible application with pid {pid}")
            time.sleep(0.1)
    ids: dict[str, int] = {}

    def key(acc: Any) -> str:
        return str(acc.path)

    def node_id(acc: Any) -> int:
        return ids.setdefault(key(acc), len(ids))

    def node(acc: Any) -> dict[str, Any]:
        states = acc.getState()
        relations = []
        for relation in acc.getRelationSet():
            targets = [relation.getTarget(i) for i in range(relation.getNTargets())]
            relations.append(
                {
                    "type": relation.getRelationType().value_nick,
                    "targets": [node_id(t) for t in targets if t is not None],
                }
            )
        children = []
        for i in range(min(acc.childCount, MAX_CHILDREN)):
            child = acc.getChildAtIndex(i)
            if child is None:
                continue
            child_states = child.getState()
            if not child_states.contains(pyatspi.STATE_SHOWING):
                continue
            children.append(node(child))
        return {
            "id": node_id(acc),
            "role": acc.getRoleName(),
            "name": acc.name or "",
            "description": acc.description or "",
            "states": sorted(pyatspi.stateToString(s) for s in states.getStates()),
            "relations": relations,
            "actions": _actions(acc),
            "children": children,
        }

    windows = []
    for i in range(app.childCount):
        window = app.getChildAtIndex(i)
        if window is not None and window.getState().contains(pyatspi.STATE_SHOWING):
            windows.append(node(window))
    return windows


def _actions(acc: Any) -> list[str]:
    try:
        action = acc.get_action_iface()
        if action is None:
            return []
        return [action.get_action_name(i) for i in range(action.get_n_actions())]
    except Exception:
        return []


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args(argv)
    json.dump(_read_process(args.pid, args.timeout), sys.stdout, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
