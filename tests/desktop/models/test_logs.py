"""The app's log file: rotated at 1 MB, three old files kept, and its tail reads across."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models.logs import LOG_FILE, LOG_MAX_BYTES, install_file_logging, log_tail


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    root = logging.getLogger()
    level = root.level
    handler = install_file_logging(tmp_path)
    yield tmp_path
    root.removeHandler(handler)
    root.setLevel(level)
    handler.close()


def test_the_log_rotates_past_a_megabyte_keeps_three_and_its_tail_reads_across(
    log_dir: Path,
) -> None:
    log = logging.getLogger("desktop.test")
    line = "x" * 1000
    for n in range(4 * LOG_MAX_BYTES // 1000 + 500):
        log.info("%06d %s", n, line)
    files = sorted(p.name for p in log_dir.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2", f"{LOG_FILE}.3"]
    for path in log_dir.iterdir():
        assert path.stat().st_size < LOG_MAX_BYTES + 2000
    last = 4 * LOG_MAX_BYTES // 1000 + 499
    tail = log_tail(log_dir, lines=1500)
    assert len(tail) == 1500  # more than the current file holds: reaches into .1
    assert tail[-1].split(" desktop.test: ")[1].startswith(f"{last:06d} ")
    numbers = [int(t.split(" desktop.test: ")[1][:6]) for t in tail]
    assert numbers == list(range(last - 1499, last + 1))  # in order, none lost at a rotation
