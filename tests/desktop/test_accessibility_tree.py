"""Every screen of the year as a screen reader reads it: the real app on the real platform,
on a virtual X screen, its tree read over AT-SPI by ``pyatspi`` (what Orca uses).

One app walk (``tests.helpers.atspi_walk``: the README screenshots' screens, a failed login,
设置 and the desk), each screen's tree read once while it shows; the rules below then read
the stored trees, each naming the screens and controls that break it:

* every focusable control has a name (its own, or a label's by a labelled-by relation);
* every combo box has its label relation (Qt on Linux names a combo by its current value);
* every error shown is carried by a focusable field (its description), so a reader hears it;
* every button a person sees is in the tree (buttons placed in table cells were not);
* every window is a frame or a dialog (a bare ``filler`` is not announced as a window);
* the values of 公需考试 are read with their headings, the exam's countdown with the time.

The machine needs Xvfb, a D-Bus daemon, ``at-spi2-core`` and ``python3-pyatspi`` (for the
system Python); ``bash scripts/quickstart.sh test`` installs them.  Without them the test
is skipped with that reason — except where ``KJCE_REQUIRE_ATSPI`` is set (CI), where it fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.atspi_reader import AccessibilityDesktop, require_tools
from tests.helpers.media import needs_libvlc
from tests.helpers.platform import REPO_ROOT

pytestmark = [pytest.mark.slow, needs_libvlc, pytest.mark.timeout(600)]

Node = dict[str, Any]

WINDOW_ROLES = {"frame", "dialog", "window", "alert", "file chooser"}
BUTTON_ROLES = {"push button", "toggle button", "check box", "radio button", "button"}
UNNAMED_ALLOWED = {"table cell", "label"}
"""A table cell is named by its data, a label by its text: an empty one is simply empty
(a label selectable by mouse is "focusable" to AT-SPI, but Tab never stops there)."""
EXAM_HEADINGS = ("学习截止时间", "考试截止时间", "学习学分", "考试", "状态")


@dataclass
class Screen:
    name: str
    buttons: list[str]
    errors: list[str]
    windows: list[Node]
    nodes: dict[int, Node] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for window in self.windows:
            for node in walk(window):
                self.nodes[node["id"]] = node

    def all_nodes(self) -> Iterator[Node]:
        for window in self.windows:
            yield from walk(window)

    def label_of(self, node: Node) -> str:
        """The name a reader gives *node*: its own, else its labelling node's."""
        if node["name"].strip():
            return str(node["name"]).strip()
        for target in related(node, "labelled-by"):
            if target in self.nodes and self.nodes[target]["name"].strip():
                return str(self.nodes[target]["name"]).strip()
        return ""


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node["children"]:
        yield from walk(child)


def related(node: Node, kind: str) -> list[int]:
    return [t for r in node["relations"] if r["type"] == kind for t in r["targets"]]


def describe(node: Node) -> str:
    return f"{node['role']} {node['name']!r}"


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Screen]:
    """The walk, once for the module: every screen's tree, by screen name."""
    require_tools()
    tmp = tmp_path_factory.mktemp("a11y")
    desktop = AccessibilityDesktop()
    log = (tmp / "walk.log").open("w")
    walker = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.atspi_walk", str(tmp)],
        cwd=REPO_ROOT,
        env=desktop.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    found: dict[str, Screen] = {}
    try:
        assert walker.stdout is not None and walker.stdin is not None
        for line in walker.stdout:
            if line.startswith("KJCE_DONE"):
                break
            if not line.startswith("KJCE_SCREEN "):
                continue
            info = json.loads(line.removeprefix("KJCE_SCREEN "))
            name = str(info["name"]).removesuffix(".png")
            windows = desktop.read(walker.pid)
            found[name] = Screen(name, info["buttons"], info["errors"], windows)
            walker.stdin.write("next\n")
            walker.stdin.flush()
        walker.wait(timeout=60)
        if walker.returncode != 0:
            tail = Path(log.name).read_text(errors="replace")[-4000:]
            pytest.fail(f"the walk stopped after {list(found)[-1:]}: {tail}")
    finally:
        if walker.poll() is None:
            walker.kill()
            walker.wait()
        log.close()
        desktop.close()
    (tmp / "trees.json").write_text(
        json.dumps({n: s.windows for n, s in found.items()}, ensure_ascii=False, indent=1)
    )
    return found


def problems_by_screen(problems: dict[str, list[str]]) -> str:
    return "\n".join(
        f"{screen}: " + "; ".join(found) for screen, found in problems.items() if found
    )


def test_the_walk_reaches_every_screen(screens: dict[str, Screen]) -> None:
    for expected in (
        "01-login", "05-account-errors", "08-shell", "11-profile-personal", "19-checkout-qr",
        "20-orders", "21-course-selection", "23-study-progress", "24-course-page",
        "25-player", "27-home", "28-exam-locked", "29-exam-dialog", "32-records",
        "33-history", "login-failed", "settings", "desk-queue", "desk-walk-in-errors",
    ):  # fmt: skip
        assert expected in screens
        assert screens[expected].windows, expected


def test_every_focusable_control_has_a_name(screens: dict[str, Screen]) -> None:
    problems = {
        name: [
            describe(node)
            for node in screen.all_nodes()
            if "focusable" in node["states"]
            and node["role"] not in UNNAMED_ALLOWED
            and not screen.label_of(node)
        ]
        for name, screen in screens.items()
    }
    assert not any(problems.values()), problems_by_screen(problems)


def test_every_combo_box_keeps_its_name(screens: dict[str, Screen]) -> None:
    """Qt on Linux replaces a combo's name by its current value: only the label relation
    (``QLabel.setBuddy``) still says what the box is for."""
    problems = {
        name: [
            f"combo box showing {node['name']!r} has no label"
            for node in screen.all_nodes()
            if node["role"] == "combo box"
            and not any(screen.nodes.get(t, {}).get("name") for t in related(node, "labelled-by"))
        ]
        for name, screen in screens.items()
    }
    assert not any(problems.values()), problems_by_screen(problems)


def test_every_error_shown_is_carried_by_a_field(screens: dict[str, Screen]) -> None:
    """A reader on the field hears its error (the field's description holds it)."""
    problems: dict[str, list[str]] = {}
    for name, screen in screens.items():
        carried = " ".join(
            node["description"] + " " + node["name"]
            for node in screen.all_nodes()
            if "focusable" in node["states"]
        )
        problems[name] = [f"error {text!r}" for text in screen.errors if text not in carried]
    assert not any(problems.values()), problems_by_screen(problems)


def test_every_button_shown_is_in_the_tree(screens: dict[str, Screen]) -> None:
    """Buttons placed in table cells (``setIndexWidget``) are not children of Qt's
    accessible table: a reader never finds them."""
    problems = {}
    for name, screen in screens.items():
        in_tree = {
            node["name"].strip() for node in screen.all_nodes() if node["role"] in BUTTON_ROLES
        }
        problems[name] = sorted({f"button {b!r}" for b in screen.buttons if b not in in_tree})
    assert not any(problems.values()), problems_by_screen(problems)


def test_every_window_is_a_frame_or_a_dialog(screens: dict[str, Screen]) -> None:
    problems = {
        name: [
            f"window {w['name']!r} is a {w['role']}"
            for w in screen.windows
            if w["role"] not in WINDOW_ROLES
        ]
        for name, screen in screens.items()
    }
    assert not any(problems.values()), problems_by_screen(problems)


def test_exam_values_are_read_with_their_headings(screens: dict[str, Screen]) -> None:
    names = [node["name"] for node in screens["28-exam-locked"].all_nodes()]
    for heading in EXAM_HEADINGS:
        assert any(n.startswith(heading + "：") and len(n) > len(heading) + 1 for n in names), (
            heading
        )
    locked = [
        node
        for node in screens["28-exam-locked"].all_nodes()
        if node["role"] == "push button" and node["name"].startswith("开始考试")
    ]
    assert locked and "sensitive" not in locked[0]["states"]
    assert locked[0]["description"].startswith("本课程还需学习"), locked[0]


def test_the_exam_countdown_reads_the_time(screens: dict[str, Screen]) -> None:
    names = [node["name"] for node in screens["29-exam-dialog"].all_nodes()]
    countdown = [n for n in names if n.startswith("剩余时间")]
    assert countdown and any(ch.isdigit() for ch in countdown[0]), countdown
