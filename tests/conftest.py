"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import postgres
from tests.helpers.platform import PlatformProcess


@pytest.fixture(scope="session", autouse=True)
def postgres_databases() -> Iterator[None]:
    """With ``KJCE_TEST_DB=postgresql``: drop dead runs' databases first, ours at the end."""
    if not postgres.enabled():
        yield
        return
    postgres.drop_leftovers()
    yield
    postgres.drop_created()


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlatformProcess]:
    """One platform for the whole run: captcha off, clock pinned, demo inbox on.

    Tests share it, so each one registers its own learner with a unique ID number.
    """
    process = PlatformProcess(tmp_path_factory.mktemp("platform"))
    process.start()
    yield process
    process.stop()


PlatformFactory = Callable[..., PlatformProcess]


@pytest.fixture
def platform_factory(tmp_path: Path) -> Iterator[PlatformFactory]:
    """Start extra platforms (default: captcha on) that a test may restart to move the clock."""
    started: list[PlatformProcess] = []

    def start(**options: Any) -> PlatformProcess:
        options.setdefault("captcha", True)
        process = PlatformProcess(tmp_path / f"platform{len(started)}", **options)
        started.append(process)
        process.start()
        return process

    yield start
    for process in started:
        process.stop()
