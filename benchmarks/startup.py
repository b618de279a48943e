"""Start-up: the login window against a bare PySide6 window, side by side in one run.

    python benchmarks/startup.py [--runs 7]

Starts one platform (``python -m server``), then alternates runs of
  * bare:  a QMainWindow with a QLabel, nothing else;
  * kjce:  ``main.py --platform URL`` (the real app, login screen);
and reports, for each, the median time from process start to the window being shown, the
time until the login is usable (platform reached), and the peak RSS (``wait4``), with the
ratios kjce/bare.  Targets (issue 2): shown within 2x the bare window, under 120 MB RSS.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.platform_launcher import start_platform  # noqa: E402

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
def report():
    print(f"KJCE_SHOWN {time.time():.6f}", flush=True)
    app.quit()
window.show()
QTimer.singleShot(0, report)
app.exec()
"""


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float | None, float]:
    """Return (seconds to shown, seconds to ready or None, peak RSS in MB)."""
    started = time.time()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    shown = re.search(r"KJCE_SHOWN ([\d.]+)", output)
    ready = re.search(r"KJCE_READY ([\d.]+)", output)
    if shown is None:
        raise RuntimeError(f"{cmd[:3]} did not report a shown window: {output[-500:]}")
    return (
        float(shown.group(1)) - started,
        float(ready.group(1)) - started if ready else None,
        usage.ru_maxrss / 1024,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        platform, url = start_platform(tmp / "bench.sqlite3", "--captcha", "off")
        try:
            kjce_env = dict(env, KJCE_BENCH_REPORT="1", KJCE_DATA_DIR=str(tmp / "data"))
            bare, kjce = [], []
            # One warm-up of each so the OS file cache is equally warm for both.
            run_once([sys.executable, "-c", BARE], env)
            run_once([sys.executable, "main.py", "--platform", url], kjce_env)
            for _ in range(args.runs):
                bare.append(run_once([sys.executable, "-c", BARE], env))
                kjce.append(run_once([sys.executable, "main.py", "--platform", url], kjce_env))
        finally:
            platform.terminate()
            platform.wait(10)
    bare_shown = statistics.median(r[0] for r in bare)
    kjce_shown = statistics.median(r[0] for r in kjce)
    kjce_ready = statistics.median(r[1] for r in kjce if r[1] is not None)
    bare_rss = statistics.median(r[2] for r in bare)
    kjce_rss = statistics.median(r[2] for r in kjce)
    print(f"platform: {sys.platform}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"{'':24}{'bare window':>14}{'KJCE login':>14}{'ratio':>9}")
    print(
        f"{'shown (median, s)':24}{bare_shown:>14.3f}{kjce_shown:>14.3f}{kjce_shown / bare_shown:>9.2f}"
    )
    print(f"{'login usable (s)':24}{'-':>14}{kjce_ready:>14.3f}{kjce_ready / bare_shown:>9.2f}")
    print(
        f"{'peak RSS (median, MB)':24}{bare_rss:>14.1f}{kjce_rss:>14.1f}{kjce_rss / bare_rss:>9.2f}"
    )
    ok = kjce_shown <= 2 * bare_shown and kjce_rss < 120
    print(f"targets (shown <= 2x bare, RSS < 120 MB): {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
