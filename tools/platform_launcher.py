"""Start ``python -m server`` as a child process and learn its URL (benchmarks, screenshots)."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start_platform(db_path: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """Serve *db_path* on a free loopback port; return the process and its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "server", "--db", f"sqlite:///{db_path}", "--host", "127.0.0.1",
         "--port", "0", *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert proc.stdout is not None
    stdout = proc.stdout
    for line in stdout:
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            # Keep draining its output so a full pipe never stalls the platform.
            threading.Thread(target=lambda: [None for _ in stdout], daemon=True).start()
            return proc, match.group(1)
    proc.kill()
    raise RuntimeError("the platform did not start")
