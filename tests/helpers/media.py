"""The demo lecture clips the repository ships, and the libvlc the player tests need."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop.models.vlc_backend import load_vlc
from tests.helpers.platform import REPO_ROOT

MEDIA = REPO_ROOT / "resources" / "media"

_HAVE_LIBVLC = load_vlc() is not None
if os.environ.get("KJCE_REQUIRE_VLC") and not _HAVE_LIBVLC:
    # CI installs libvlc with the README's command: a silent skip there would hide a broken
    # install, so the run fails instead.
    raise RuntimeError("KJCE_REQUIRE_VLC is set but libvlc cannot be loaded")

needs_libvlc = pytest.mark.skipif(
    not _HAVE_LIBVLC,
    reason="libvlc (VLC) is not installed on this machine; the README's first command installs it",
)
"""For tests that play real media.  Elsewhere the app works without VLC (and says so)."""


def _index() -> dict[str, object]:
    data: dict[str, object] = json.loads((MEDIA / "clips.json").read_text(encoding="utf-8"))
    return data


def shortest_lecture() -> tuple[Path, int]:
    """The shortest demo lecture clip and its length in ms."""
    clips = _index()["clips"]
    assert isinstance(clips, list)
    shortest = min(clips, key=lambda clip: clip["duration_ms"])
    return MEDIA / shortest["file"], int(shortest["duration_ms"])


def preview_clip() -> tuple[Path, int]:
    """The demo trial preview clip and its length in ms."""
    preview = _index()["preview"]
    assert isinstance(preview, dict)
    return MEDIA / preview["file"], int(preview["duration_ms"])
