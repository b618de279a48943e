"""A form's fields as a screen reader meets them, read over AT-SPI (what Orca reads): a
required field says 必填, a field with an error carries the error as its description,
and the error — and a refused login's message — is announced when it appears.

A small form built from ``FieldRow``/``add_row``/``ErrorLabel`` (what every screen uses)
runs in its own process on the virtual X screen of
``tests.helpers.atspi_reader.AccessibilityDesktop``; the tree is read by that reader, the
announcements by a ``pyatspi`` listener run by the system Python.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers.atspi_reader import SYSTEM_PYTHON, AccessibilityDesktop, require_tools
from tests.helpers.platform import REPO_ROOT

pytestmark = pytest.mark.timeout(180)

ID_ERROR = "请输入正确的证件号码"
LOGIN_ERROR = "证件号码或密码错误"

FORM_APP = """
import sys
from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QVBoxLayout, QWidget
app = QApplication(sys.argv[:1])
from desktop.views.widgets import ErrorLabel, FieldRow, add_row
window = QWidget()
window.setWindowTitle("表单")
layout = QVBoxLayout(window)
form = QFormLayout()
layout.addLayout(form)
id_edit, phone_edit = QLineEdit(), QLineEdit()
id_row, phone_row = FieldRow(id_edit), FieldRow(phone_edit)
add_row(form, "证件号码", id_row)
add_row(form, "邮箱", phone_row, required=False)
general = ErrorLabel(window, assertive=True)
layout.addWidget(general)
window.show()

def on_line():
    line = sys.stdin.readline().strip()
    if line == "error":
        id_row.error.show_message("请输入正确的证件号码")
        id_edit.setFocus()
    elif line == "login":
        general.show_message("证件号码或密码错误")
    elif line in ("quit", ""):
        app.quit()
        return
    print("DONE", line, flush=True)

notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(on_line)
print("READY", flush=True)
app.exec()
"""
assert ID_ERROR in FORM_APP and LOGIN_ERROR in FORM_APP

LISTENER = """
import json, sys
import pyatspi
pid = int(sys.argv[1])

def heard(event):
    try:
        if event.source.get_process_id() != pid:
            return
    except Exception:
        return
    print(json.dumps({"type": event.type, "text": str(event.any_data)}, ensure_ascii=False),
          flush=True)

pyatspi.Registry.registerEventListener(heard, "object:announcement")
print("LISTENING", flush=True)
pyatspi.Registry.start()
"""


@pytest.fixture(scope="module")
def desktop() -> Iterator[AccessibilityDesktop]:
    require_tools()
    screen = AccessibilityDesktop()
    yield screen
    screen.close()


def read_line(process: subprocess.Popen[str], wanted: str, timeout: float = 30.0) -> str:
    """The first line of *process* containing *wanted* (fails after *timeout*)."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], deadline - time.monotonic())
        if not ready:
            break
        line = process.stdout.readline()
        if not line:
            break
        if wanted in line:
            return line
    raise AssertionError(f"no line with {wanted!r} from {process.args!r}")


def nodes(tree: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    stack = list(tree)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node["children"])


def field(tree: list[dict[str, Any]], name: str) -> dict[str, Any]:
    found = [n for n in nodes(tree) if n["name"] == name and n["role"] in ("text", "entry")]
    assert len(found) == 1, [(n["role"], n["name"]) for n in nodes(tree)]
    return found[0]


def test_required_fields_errors_and_a_refused_login_as_a_screen_reader_hears_them(
    desktop: AccessibilityDesktop,
) -> None:
    app = subprocess.Popen(
        [sys.executable, "-c", FORM_APP],
        cwd=REPO_ROOT,
        env={**desktop.env, "PYTHONPATH": str(REPO_ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    listener: subprocess.Popen[str] | None = None
    try:
        read_line(app, "READY")
        tree = desktop.read(app.pid)
        id_field = field(tree, "证件号码")
        assert id_field["description"] == "必填"
        assert field(tree, "邮箱")["description"] == ""
        assert any(r["type"] == "labelled-by" for r in id_field["relations"])

        listener = subprocess.Popen(
            [SYSTEM_PYTHON, "-c", LISTENER, str(app.pid)],
            env={k: v for k, v in desktop.env.items() if k not in ("PYTHONPATH", "PYTHONHOME")},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        read_line(listener, "LISTENING")
        assert app.stdin is not None
        app.stdin.write("error\n")
        app.stdin.flush()
        read_line(app, "DONE error")
        heard = json.loads(read_line(listener, ID_ERROR))
        assert heard["type"].startswith("object:announcement")
        tree = desktop.read(app.pid)
        id_field = field(tree, "证件号码")
        assert id_field["description"] == ID_ERROR  # heard again on coming back to the field

        app.stdin.write("login\n")
        app.stdin.flush()
        read_line(app, "DONE login")
        read_line(listener, LOGIN_ERROR)
    finally:
        for process in (listener, app):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
