"""Player CPU: the app's player window against bare python-vlc in a Qt window, side by side.

    python benchmarks/player_cpu.py [--rounds 3] [--seconds 10]
    QT_QPA_PLATFORM=xcb DISPLAY=:93 python benchmarks/player_cpu.py   # under Xvfb

Alternates, round after round, four child processes, each playing the longest demo
lecture (looped) for ``--seconds`` after a warm-up and reporting its own CPU time (every
thread: Qt's and libvlc's decoders) as a percentage of one core:
  * app playing / app paused: ``desktop.views.player.PlayerWindow`` as the app builds it
    (its polling, watch tracker, labels, banner);
  * bare playing / bare paused: a QWidget with a native child that libvlc draws into,
    nothing else (the reference).
Both use the same libvlc options and no sound (``--aout=dummy``: a PC without a sound
device would otherwise measure ALSA's retries).  Reports the medians, app − bare in
points of a core and app / bare, with the machine's load average before and after (the
machine is shared: compare only the runs of one invocation).  Target (issue 18): the app
at most one point above bare, playing and paused.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "resources" / "media" / "lecture-3.mp4"

CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

kind, state, seconds, warmup = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
app = QApplication(sys.argv)
platform = QGuiApplication.platformName()
source = {lecture!r}

import desktop.models.vlc_backend as backend

def silent_options(qt_platform, **_ignored):
    # No sound on either side (also for a reference checkout without the ``audio`` seam).
    return [o for o in ["--no-xlib", "--quiet", "--no-video-title-show"]] + (
        ["--vout=dummy"] if qt_platform in ("offscreen", "minimal") else []
    ) + ["--aout=dummy"]

backend.instance_options = silent_options

if kind == "app":
    from desktop.models.playback import PlayRequest
    from desktop.views.player import PlayerWindow

    window = PlayerWindow()
    window.focus_probe = lambda: True  # no window manager decides who is in front here
    window.play(PlayRequest(
        course_id="c", course_title="会计准则专题", chapter_id="c-1", chapter_title="第三讲",
        duration_ms=40_000, source=source, known_intervals=((0, 40_000),),
    ))
    vlc_player = window._vlc._player

    def pause():
        window.toggle_play()
else:
    import vlc

    window = QWidget()
    window.resize(880, 620)
    surface = QFrame(window)
    QVBoxLayout(window).addWidget(surface)
    window.show()
    instance = vlc.Instance(silent_options(platform))
    vlc_player = instance.media_player_new()
    if platform not in ("offscreen", "minimal"):
        vlc_player.set_xwindow(int(surface.winId()))
    vlc_player.set_media(instance.media_new_path(source))
    vlc_player.play()

    def pause():
        vlc_player.set_pause(1)

started = {{}}

def begin():
    if state == "paused":
        pause()
    started["cpu"] = time.process_time()
    started["wall"] = time.monotonic()
    QTimer.singleShot(int(seconds * 1000), end)

def end():
    cpu = time.process_time() - started["cpu"]
    wall = time.monotonic() - started["wall"]
    playing = bool(vlc_player.is_playing())
    print(f"KJCE_CPU {{100 * cpu / wall:.3f}} {{int(playing)}}", flush=True)
    app.quit()

def loop():
    # Keep the lecture going for the whole window: back to the start near the end.
    if state == "playing" and vlc_player.get_time() > 36_000:
        vlc_player.set_time(1_000)

looper = QTimer()
looper.timeout.connect(loop)
looper.start(1000)
QTimer.singleShot(int(warmup * 1000), begin)
app.exec()
"""


def run(kind: str, state: str, seconds: float, warmup: float, root: Path = ROOT) -> float:
    script = CHILD.format(root=str(root), lecture=str(LECTURE))
    out = subprocess.run(
        [sys.executable, "-c", script, kind, state, str(seconds), str(warmup)],
        capture_output=True,
        text=True,
        timeout=seconds + warmup + 60,
        cwd=root,
    )
    for line in out.stdout.splitlines():
        if line.startswith("KJCE_CPU "):
            _tag, percent, playing = line.split()
            expected = state == "playing"
            if bool(int(playing)) != expected:
                raise SystemExit(f"{kind} {state}: the player was not {state} at the end")
            return float(percent)
    raise SystemExit(f"{kind} {state} reported nothing:\n{out.stdout}\n{out.stderr[-2000:]}")


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument(
        "--reference",
        type=Path,
        help="also measure the player of this checkout (e.g. a worktree of the last commit)",
    )
    args = parser.parse_args()
    variants = [("app", "playing"), ("bare", "playing"), ("app", "paused"), ("bare", "paused")]
    if args.reference is not None:
        variants += [("ref", "playing"), ("ref", "paused")]
    results: dict[tuple[str, str], list[float]] = {v: [] for v in variants}
    print(
        f"Qt platform: {os.environ.get('QT_QPA_PLATFORM', '(default)')}; "
        f"load average before: {load_average()}"
    )
    for round_ in range(args.rounds):
        order = variants if round_ % 2 == 0 else variants[::-1]  # neither side always first
        for kind, state in order:
            root = args.reference if kind == "ref" else ROOT
            percent = run("app" if kind == "ref" else kind, state, args.seconds, args.warmup, root)
            results[(kind, state)].append(percent)
            print(f"  round {round_ + 1}: {kind:4} {state:7} {percent:6.2f} % of a core")
    print(f"load average after: {load_average()}")
    print()
    print(f"{'state':8} {'app %':>7} {'bare %':>7} {'app-bare':>9} {'app/bare':>9}")
    for state in ("playing", "paused"):
        app = statistics.median(results[("app", state)])
        bare = statistics.median(results[("bare", state)])
        ratio = app / bare if bare else float("inf")
        print(f"{state:8} {app:7.2f} {bare:7.2f} {app - bare:+9.2f} {ratio:9.2f}")
        if args.reference is not None:
            ref = statistics.median(results[("ref", state)])
            print(
                f"{'':8} {'ref %':>7} {ref:7.2f}  (reference checkout; ref − bare {ref - bare:+.2f})"
            )
    print("target: app − bare ≤ +1.00 point, playing and paused (medians)")


if __name__ == "__main__":
    main()
